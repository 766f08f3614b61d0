package storage_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
)

// edit words card id as q/a on m at when.
func (m *machine) edit(t *testing.T, id, q, a string, when time.Time) {
	t.Helper()
	m.now = when
	if _, stored, err := m.st.SetOverride(id, deck.Text{Context: "trust", Question: q, Answer: a}, when); err != nil || !stored {
		t.Fatalf("%s: edit %s: stored %v, %v", m.name, id, stored, err)
	}
}

func (m *machine) resetEdit(t *testing.T, id string, when time.Time) {
	t.Helper()
	m.now = when
	if _, dropped, err := m.st.ResetOverride(id); err != nil || !dropped {
		t.Fatalf("%s: reset %s: dropped %v, %v", m.name, id, dropped, err)
	}
}

// overrides lists every card's override as m shows it: text, base, time.
func (m *machine) overrides(t *testing.T) map[string]string {
	t.Helper()
	got := map[string]string{}
	if err := m.st.ForEachCard("", func(r storage.Record) error {
		if r.Edit != nil {
			got[r.Card.ID] = fmt.Sprintf("%q over %q at %s stale %v", r.Edit.Text, r.Edit.Base, r.Edit.Edited.Format(time.RFC3339Nano), r.EditStale)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func wantOverrides(t *testing.T, ms []*machine, want map[string]string) {
	t.Helper()
	first := ms[0].overrides(t)
	for id, q := range want {
		if o, ok := first[id]; !ok || !strings.Contains(o, q) {
			t.Errorf("%s: card %s has override %q, want the question %q", ms[0].name, id, o, q)
		}
	}
	if len(first) != len(want) {
		t.Errorf("%s: overrides %v, want only %v", ms[0].name, first, want)
	}
	for _, m := range ms[1:] {
		if got := m.overrides(t); !reflect.DeepEqual(got, first) {
			t.Errorf("%s has overrides\n%v\n%s has\n%v", m.name, got, ms[0].name, first)
		}
	}
}

// TestSyncEditsConverge: three machines edit and reset cards, two of them
// the same card apart; after each syncs twice every machine (and a fresh
// store replaying the folder) words each card as its last edit or reset
// says, and the machine whose edit lost is told so.
func TestSyncEditsConverge(t *testing.T) {
	folder := t.TempDir()
	a, b, c := newMachine(t, "a", folder), newMachine(t, "b", folder), newMachine(t, "c", folder)
	ms := []*machine{a, b, c}
	a.edit(t, "c01", "Laptop's question?", "Laptop's answer.", at(1))
	b.edit(t, "c01", "Desktop's question?", "Desktop's answer.", at(1).Add(time.Hour))
	c.edit(t, "c02", "Edited then reset?", "Yes.", at(1))
	c.resetEdit(t, "c02", at(1).Add(time.Minute))
	a.edit(t, "c03", "Kept?", "Yes.", at(1).Add(2*time.Minute))
	b.edit(t, "c04", "First?", "One.", at(1))
	var replaced []storage.ReplacedEdit
	for range 2 {
		for _, m := range ms {
			rep := m.sync(t)
			if m == a {
				replaced = append(replaced, rep.Edits...)
			} else if len(rep.Edits) > 0 {
				t.Errorf("%s says %v; its edits won", m.name, rep.Edits)
			}
		}
	}
	want := map[string]string{"c01": "Desktop's question?", "c03": "Kept?", "c04": "First?"}
	wantOverrides(t, ms, want)
	if len(replaced) != 1 || replaced[0].Card != "c01" || replaced[0].Reset || replaced[0].Text.Question != "Laptop's question?" {
		t.Fatalf("a was told %+v, want its edit of c01 replaced, with its text", replaced)
	}
	if who := b.deviceID(t); replaced[0].Device != who || replaced[0].String() != "card c01: your edit was replaced by a later one from device "+who {
		t.Fatalf("a was told %q, want device %s named", replaced[0], who)
	}

	// A reset on one machine and a later edit of the same card on another.
	c.resetEdit(t, "c04", at(2))
	a.edit(t, "c04", "Second?", "Two.", at(2).Add(time.Minute))
	b.resetEdit(t, "c03", at(2))
	for range 2 {
		for _, m := range ms {
			m.sync(t)
		}
	}
	want = map[string]string{"c01": "Desktop's question?", "c04": "Second?"}
	wantOverrides(t, ms, want)
	compareSnapshots(t, a.snapshot(t), c.snapshot(t), "a", "c")

	fresh := bareMachine(t, "fresh", folder)
	mustImport(t, fresh.st, "trust", syncCards(), at(0))
	fresh.sync(t)
	wantOverrides(t, []*machine{a, fresh}, want)

	// An edit made here is the last one here, even when another machine's
	// clock ran ahead: it is dated just after that one's.
	b.edit(t, "c05", "Ahead?", "Yes.", at(5))
	b.sync(t)
	a.sync(t)
	a.edit(t, "c05", "Behind?", "Still wins.", at(4))
	for range 2 {
		for _, m := range ms {
			m.sync(t)
		}
	}
	wantOverrides(t, ms, map[string]string{"c01": "Desktop's question?", "c04": "Second?", "c05": "Behind?"})
}

func (m *machine) deviceID(t *testing.T) string {
	t.Helper()
	info, err := m.st.SyncInfo()
	if err != nil {
		t.Fatal(err)
	}
	return info.Device
}

// TestSyncEditFollowsCard: an edit made under a card's ID before an import
// relinked it, or before its deck merged into the synced one, lands on the
// card under the ID it has now.
func TestSyncEditFollowsCard(t *testing.T) {
	t.Run("relinked", func(t *testing.T) {
		folder := t.TempDir()
		a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
		moved := slices.Clone(syncCards())
		moved[0].ID = "c99"
		mustImport(t, a.st, "trust", moved, at(1))
		b.edit(t, "c01", "Under the old ID?", "Yes.", at(1).Add(time.Hour))
		for range 2 {
			a.sync(t)
			b.sync(t)
		}
		if got := a.overrides(t); len(got) != 1 || !strings.Contains(got["c99"], "Under the old ID?") {
			t.Fatalf("a: overrides %v, want b's edit on c99", got)
		}
		mustImport(t, b.st, "trust", moved, at(2))
		for range 2 {
			a.sync(t)
			b.sync(t)
		}
		wantOverrides(t, []*machine{a, b}, map[string]string{"c99": "Under the old ID?"})
	})
	t.Run("merged", func(t *testing.T) {
		folder := t.TempDir()
		laptop := newMachine(t, "laptop", folder)
		laptop.sync(t)
		desktop, ids := apartMachine(t, "d", "trust")
		desktop.edit(t, "d01", "Made apart?", "Yes.", at(1))
		desktop.now = at(1).Add(time.Hour)
		if merged := desktop.join(t, folder, ids); len(merged) != 1 {
			t.Fatalf("desktop merged %+v", merged)
		}
		desktop.edit(t, "c02", "After the merge?", "Yes.", at(1).Add(2*time.Hour))
		for range 2 {
			desktop.sync(t)
			laptop.sync(t)
		}
		wantOverrides(t, []*machine{laptop, desktop}, map[string]string{"c01": "Made apart?", "c02": "After the merge?"})
	})
}

// Wording a card back as its notes do drops the edit, on every machine.
func TestSyncEditBackToNotes(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	a.edit(t, "c06", "Edited?", "Yes.", at(1))
	a.sync(t)
	b.sync(t)
	wantOverrides(t, []*machine{a, b}, map[string]string{"c06": "Edited?"})
	ce, err := a.st.CardEdit("c06")
	if err != nil {
		t.Fatal(err)
	}
	a.now = at(2)
	if _, stored, err := a.st.SetOverride("c06", deck.TextOf(ce.Notes.Card), at(2)); err != nil || stored {
		t.Fatalf("wording c06 as its notes: stored %v, %v", stored, err)
	}
	if rep := a.sync(t); rep.Sent != 1 {
		t.Fatalf("a sent %d events, want the reset", rep.Sent)
	}
	b.sync(t)
	wantOverrides(t, []*machine{a, b}, map[string]string{})
}
