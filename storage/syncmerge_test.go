package storage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// apartCards are syncCards as a machine makes them from the same notes
// under another deck identity: the same cards, other IDs ("x01" for "c01").
func apartCards(prefix string) ([]deck.Card, map[string]string) {
	cards := syncCards()
	ids := map[string]string{}
	for i := range cards {
		own := prefix + cards[i].ID[1:]
		ids[own] = cards[i].ID
		cards[i].ID = own
	}
	return cards, ids
}

// apartMachine is a machine that made the deck of syncCards apart, under
// the identity "own "+name, and named it deckName.
func apartMachine(t *testing.T, name, deckName string) (*machine, map[string]string) {
	t.Helper()
	m := openMachine(t, name)
	cards, ids := apartCards(name)
	mustImport(t, m.st, "own "+name, cards, at(0))
	if _, err := m.st.RenameDeck("own "+name, deckName); err != nil {
		t.Fatal(err)
	}
	return m, ids
}

// join sets m up to sync through folder as recall sync init does: decks
// the folder has under m's deck names are merged, with the card IDs ids
// gives (a card left out keeps its own).
func (m *machine) join(t *testing.T, folder string, ids map[string]string) []storage.MergedDeck {
	t.Helper()
	synced, err := storage.FolderDecks(folder)
	if err != nil {
		t.Fatal(err)
	}
	joins, err := m.st.JoinMerges(synced)
	if err != nil {
		t.Fatal(err)
	}
	merges := make([]storage.DeckMerge, len(joins))
	for i, j := range joins {
		merges[i] = storage.DeckMerge{DeckJoin: j, IDs: ids}
	}
	_, merged, err := m.st.InitSyncMerging(folder, merges)
	if err != nil {
		t.Fatalf("%s: sync init: %v", m.name, err)
	}
	return merged
}

func (m *machine) review(t *testing.T, id string, grade int, when time.Time) {
	t.Helper()
	m.now = when
	if _, _, err := m.st.Review(id, scheduler.Grade(grade), when, time.Second, cfg()); err != nil {
		t.Fatalf("%s: review %s: %v", m.name, id, err)
	}
}

func logOf(t *testing.T, m *machine, id string) []string {
	t.Helper()
	var got []string
	if err := m.st.ForEachLog(func(e storage.LogEntry) error {
		if e.CardID == id {
			got = append(got, fmt.Sprintf("%s %d", e.Time.Format(time.RFC3339), e.Grade))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

// TestSyncJoinMergesDeck: a laptop and a desktop each made the same deck
// from the same notes, under different identities (renamed on one before
// it ever synced), and reviewed it, the same card on both the same day.
// The desktop joining the folder merges its deck into the synced one:
// every card takes the synced ID, every review is kept and reaches the
// laptop, and both machines (and a fresh store replaying the folder, and a
// third machine joining later with a deck of its own) end with the same
// events, states and log. An undo after the merge of a review made before
// it undoes exactly that review everywhere.
func TestSyncJoinMergesDeck(t *testing.T) {
	folder := t.TempDir()
	laptop := openMachine(t, "laptop")
	mustImport(t, laptop.st, "trust", syncCards(), at(0))
	laptop.review(t, "c01", 4, at(0).Add(time.Minute))
	laptop.review(t, "c02", 3, at(0).Add(2*time.Minute))

	desktop, ids := apartMachine(t, "d", "Trust")
	delete(ids, "d09") // the desktop's notes no longer make d09
	desktop.review(t, "d01", 5, at(0).Add(time.Hour))
	desktop.review(t, "d03", 2, at(0).Add(time.Hour+time.Minute))
	desktop.review(t, "d01", 4, at(1))
	desktop.now = at(1).Add(time.Minute)
	if err := desktop.st.SetSuspended([]string{"d04"}, true); err != nil {
		t.Fatal(err)
	}

	laptop.now = at(1).Add(2 * time.Hour)
	laptop.initSync(t, folder)
	laptop.sync(t)
	desktop.now = at(1).Add(3 * time.Hour)
	merged := desktop.join(t, folder, ids)
	want := []storage.MergedDeck{{Name: "Trust", Into: "trust", Cards: 8, Kept: 1, Reviews: 3}}
	if fmt.Sprint(merged) != fmt.Sprint(want) {
		t.Fatalf("merged %+v, want %+v", merged, want)
	}
	if s := merged[0].String(); !strings.HasPrefix(s, `deck "Trust" merged into the synced deck "trust": 8 cards, 3 reviews kept;`) {
		t.Fatalf("merge said %q", s)
	}
	// The desktop takes back its last review, made before the merge: the
	// undo names the event the merge recorded it as.
	if e, err := desktop.st.Undo(); err != nil || e.CardID != "c01" || !e.Time.Equal(at(1)) {
		t.Fatalf("desktop undo: %+v, %v; want its review of d01, now c01", e, err)
	}
	for range 2 {
		desktop.sync(t)
		laptop.sync(t)
	}
	// The card the merge left alone takes its synced ID at the next import
	// of the notes, as any card whose ID changed.
	if sum := mustImport(t, desktop.st, "trust", syncCards(), at(1).Add(3*time.Hour)); sum.Relinked != 1 || sum.Added != 0 {
		t.Fatalf("desktop's import after the merge: %+v, want d09 relinked", sum)
	}

	if id, err := desktop.st.DeckIdentity("trust"); err != nil || id != "trust" {
		t.Fatalf("desktop: deck identity %q, %v; want the synced deck's", id, err)
	}
	if got := deckNames(t, desktop.st); fmt.Sprint(got) != "[trust]" {
		t.Fatalf("desktop's decks %v, want the one synced deck", got)
	}
	if r, err := desktop.st.Card("d01"); err != nil || r.Card.ID != "c01" {
		t.Fatalf("desktop: d01 finds %q, %v; want c01", r.Card.ID, err)
	}
	wantLog := []string{"2026-03-02T10:01:00Z 4", "2026-03-02T11:00:00Z 5"}
	for _, m := range []*machine{laptop, desktop} {
		if got := logOf(t, m, "c01"); fmt.Sprint(got) != fmt.Sprint(wantLog) {
			t.Errorf("%s: c01's log %v, want both machines' reviews %v", m.name, got, wantLog)
		}
		if r, err := m.st.Card("c04"); err != nil || !r.State.Suspended {
			t.Errorf("%s: c04 not suspended (%v): the desktop suspended it before the merge", m.name, err)
		}
		if r, err := m.st.Card("c01"); err != nil || r.State.Reps != 2 {
			t.Errorf("%s: c01 has %d reps (%v), want the fold of both machines' reviews", m.name, r.State.Reps, err)
		}
	}
	compareSnapshots(t, laptop.snapshot(t), desktop.snapshot(t), "laptop", "desktop")

	// A third machine with a deck of its own of the name joins later.
	third, thirdIDs := apartMachine(t, "e", "TRUST")
	third.review(t, "e05", 4, at(2))
	third.now = at(2).Add(time.Hour)
	if got := third.join(t, folder, thirdIDs); len(got) != 1 || got[0].Cards != 9 || got[0].Reviews != 1 {
		t.Fatalf("third machine merged %+v", got)
	}
	for range 2 {
		for _, m := range []*machine{third, laptop, desktop} {
			m.sync(t)
		}
	}
	first := laptop.snapshot(t)
	compareSnapshots(t, first, desktop.snapshot(t), "laptop", "desktop")
	compareSnapshots(t, first, third.snapshot(t), "laptop", "third machine")
	if got := logOf(t, desktop, "c05"); len(got) != 1 {
		t.Errorf("desktop: c05's log %v, want the third machine's review", got)
	}

	// A fresh store replaying the folder reaches the same states.
	fresh := bareMachine(t, "fresh", folder)
	fresh.sync(t)
	mustImport(t, fresh.st, "trust", syncCards(), at(0))
	fresh.sync(t)
	compareSnapshots(t, first, fresh.snapshot(t), "laptop", "a fresh store")
}

// TestJoinMergesOnlyOnce: a store that already syncs merges nothing when
// it is pointed at a folder again, a deck of the synced identity is left
// to the sync, and a deck changed between the plan and the merge fails
// the set-up with nothing changed.
func TestJoinMergesOnlyOnce(t *testing.T) {
	folder := t.TempDir()
	newMachine(t, "a", folder).sync(t)
	b, ids := apartMachine(t, "b", "trust")
	synced, err := storage.FolderDecks(folder)
	if err != nil {
		t.Fatal(err)
	}
	joins, err := b.st.JoinMerges(synced)
	if err != nil || len(joins) != 1 {
		t.Fatalf("joins %+v, %v; want the deck trust", joins, err)
	}
	if _, err := b.st.RenameDeck("trust", "mine"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.st.InitSyncMerging(folder, []storage.DeckMerge{{DeckJoin: joins[0], IDs: ids}}); err == nil || !strings.Contains(err.Error(), "changed while its notes were read") {
		t.Fatalf("merge of a deck renamed since: %v", err)
	}
	if _, err := b.st.SyncInfo(); err == nil {
		t.Fatal("the failed set-up left the store syncing")
	}
	if _, err := b.st.RenameDeck("mine", "trust"); err != nil {
		t.Fatal(err)
	}
	if got := b.join(t, folder, ids); len(got) != 1 {
		t.Fatalf("merged %+v", got)
	}
	if joins, err := b.st.JoinMerges(synced); err != nil || len(joins) != 0 {
		t.Fatalf("a store that syncs would merge again: %+v, %v", joins, err)
	}
}

// TestSyncMergesDeckMadeApart: a laptop and a desktop each joined the
// folder before the other's deck of the same name was there, so both sent
// their histories under their own card IDs, and a third machine adopted
// the desktop's deck and reviewed it too. The deck synced first (the
// laptop's, made first) stays; the desktop and the third machine merge
// theirs into it at a sync, recording their events again under the
// laptop's IDs. Afterwards all three, and a fresh store, hold the same
// events, states and log, with every review of every machine, and an undo
// of a review recorded again undoes it everywhere.
func TestSyncMergesDeckMadeApart(t *testing.T) {
	folder := t.TempDir()
	laptop := openMachine(t, "laptop")
	mustImport(t, laptop.st, "trust", syncCards(), at(0))
	laptop.review(t, "c01", 4, at(1).Add(time.Minute))

	desktop := openMachine(t, "desktop")
	apart, ids := apartCards("d")
	mustImport(t, desktop.st, "own", apart, at(1))
	if _, err := desktop.st.RenameDeck("own", "Trust"); err != nil {
		t.Fatal(err)
	}
	desktop.review(t, "d01", 5, at(1).Add(time.Hour))
	desktop.review(t, "d02", 2, at(1).Add(time.Hour+time.Minute))
	desktop.now = at(1).Add(2 * time.Hour)
	desktop.initSync(t, folder)
	desktop.sync(t)

	// The third machine joins while only the desktop's deck is there.
	third := bareMachine(t, "third", folder)
	third.now = at(1).Add(3 * time.Hour)
	third.sync(t)
	mustImport(t, third.st, "Trust", apart, at(1).Add(3*time.Hour))
	third.review(t, "d03", 4, at(1).Add(4*time.Hour))
	third.sync(t)

	// The laptop joins without having seen the desktop's deck.
	laptop.now = at(1).Add(5 * time.Hour)
	laptop.initSync(t, folder)
	if rep := laptop.sync(t); len(rep.Decks) != 0 {
		t.Fatalf("the laptop, whose deck was synced first, says %q", rep.Decks)
	}
	if joins, err := laptop.st.PendingMerges(); err != nil || len(joins) != 0 {
		t.Fatalf("the laptop would merge its deck: %+v, %v", joins, err)
	}

	merge := func(m *machine, wantCards, wantReviews int) {
		t.Helper()
		m.sync(t)
		joins, err := m.st.PendingMerges()
		if err != nil || len(joins) != 1 || joins[0].Synced.Identity != "trust" || joins[0].Synced.Name != "trust" {
			t.Fatalf("%s: pending merges %+v, %v; want its deck into the laptop's", m.name, joins, err)
		}
		got, err := m.st.MergeSyncedDeck(storage.DeckMerge{DeckJoin: joins[0], IDs: ids}, cfg())
		if err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if got.Cards != wantCards || got.Reviews != wantReviews {
			t.Fatalf("%s merged %+v, want %d cards and %d reviews", m.name, got, wantCards, wantReviews)
		}
		if joins, err := m.st.PendingMerges(); err != nil || len(joins) != 0 {
			t.Fatalf("%s: still pending after the merge: %+v, %v", m.name, joins, err)
		}
	}
	desktop.now = at(1).Add(6 * time.Hour)
	merge(desktop, 9, 3) // its own two reviews and the third machine's
	third.now = at(1).Add(7 * time.Hour)
	merge(third, 9, 3)
	ms := []*machine{laptop, desktop, third}
	for range 2 {
		for _, m := range ms {
			m.sync(t)
		}
	}
	for _, m := range ms {
		if got := deckNames(t, m.st); fmt.Sprint(got) != "[trust]" {
			t.Errorf("%s: decks %v, want the one synced deck", m.name, got)
		}
		for id, want := range map[string]int{"c01": 2, "c02": 1, "c03": 1} {
			if got := logOf(t, m, id); len(got) != want {
				t.Errorf("%s: %s's log %v, want %d reviews", m.name, id, got, want)
			}
		}
	}
	first := laptop.snapshot(t)
	compareSnapshots(t, first, desktop.snapshot(t), "laptop", "desktop")
	compareSnapshots(t, first, third.snapshot(t), "laptop", "third machine")

	// The laptop's newest log entry is a review recorded again: undone
	// there, it is undone everywhere.
	laptop.now = at(1).Add(8 * time.Hour)
	undone, err := laptop.st.Undo()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		for _, m := range ms {
			m.sync(t)
		}
	}
	first = laptop.snapshot(t)
	if len(first.log) != 3 {
		t.Fatalf("after undoing %s's review the laptop's log has %d entries, want 3", undone.CardID, len(first.log))
	}
	compareSnapshots(t, first, desktop.snapshot(t), "laptop", "desktop")
	compareSnapshots(t, first, third.snapshot(t), "laptop", "third machine")

	fresh := bareMachine(t, "fresh", folder)
	fresh.sync(t)
	if got := deckNames(t, fresh.st); fmt.Sprint(got) != "[trust]" {
		t.Fatalf("a fresh store adopted %v, want only the synced deck", got)
	}
	mustImport(t, fresh.st, "trust", syncCards(), at(0))
	fresh.sync(t)
	compareSnapshots(t, first, fresh.snapshot(t), "laptop", "a fresh store")
}
