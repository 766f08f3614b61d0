package storage_test

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

var mine = deck.Text{Context: "Trust", Question: "Honesty, in one word?", Answer: "Truthfulness"}

func TestOverrideSurvivesImportsAndGoesStale(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	mustImport(t, st, "trust", cards, at(0))
	mustReview(t, st, "aa11", 4, at(0))
	state := mustCard(t, st, "aa11").State

	o, stored, err := st.SetOverride("aa1", mine, at(1)) // a unique prefix will do
	if err != nil || !stored {
		t.Fatalf("SetOverride = %v, %v", stored, err)
	}
	if o.Base != deck.TextOf(cards[0]) || !o.Edited.Equal(at(1)) {
		t.Errorf("override %+v: want the notes' text as base and the edit time", o)
	}
	check := func(when string, wantStale bool) {
		t.Helper()
		r := mustCard(t, st, "aa11")
		if deck.TextOf(r.Card) != mine || r.Card.Front != "Trust — Honesty, in one word?" || r.Card.Back != "Truthfulness" {
			t.Errorf("%s: card worded %+v, front %q; want the override", when, deck.TextOf(r.Card), r.Card.Front)
		}
		if r.Edit == nil || r.EditStale != wantStale {
			t.Errorf("%s: Edit %v, EditStale %v; want an edit, stale %v", when, r.Edit, r.EditStale, wantStale)
		}
		if r.State != state {
			t.Errorf("%s: the edit changed the schedule: %+v, want %+v", when, r.State, state)
		}
		var seen []deck.Text
		if err := st.ForEachCard("trust", func(r storage.Record) error {
			seen = append(seen, deck.TextOf(r.Card))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if seen[0] != mine || seen[1] != deck.TextOf(cards[1]) {
			t.Errorf("%s: ForEachCard words the cards %+v", when, seen)
		}
	}
	check("after the edit", false)

	if sum := mustImport(t, st, "trust", cards, at(2)); sum.Unchanged != 3 {
		t.Fatalf("re-import of the same notes: %+v", sum)
	}
	check("after a re-import of the same notes", false)

	changed := slices.Clone(cards)
	changed[0].Back = "Always telling the truth, even when it costs you dearly"
	if sum := mustImport(t, st, "trust", changed, at(3)); sum.Updated != 1 {
		t.Fatalf("re-import of a changed item: %+v", sum)
	}
	check("after the notes changed", true)

	e, err := st.CardEdit("aa11")
	if err != nil || e.Override == nil || e.Notes.Card.Back != changed[0].Back {
		t.Fatalf("CardEdit = %+v, %v; want the notes' new text and the override", e, err)
	}

	if kept, ok, err := st.KeepOverride("aa11", at(4)); err != nil || !ok || kept.Text != mine || kept.Base != deck.TextOf(changed[0]) {
		t.Fatalf("KeepOverride = %+v, %v, %v", kept, ok, err)
	}
	check("after keeping the edit over the notes' new text", false)

	dropped, ok, err := st.ResetOverride("aa11")
	if err != nil || !ok || dropped.Text != mine {
		t.Fatalf("ResetOverride = %+v, %v, %v", dropped, ok, err)
	}
	r := mustCard(t, st, "aa11")
	if r.Edit != nil || r.EditStale || r.Card.Back != changed[0].Back {
		t.Errorf("after reset: %+v; want the notes' text and no edit", r)
	}
	if _, ok, err := st.ResetOverride("aa11"); ok || err != nil {
		t.Errorf("second reset = %v, %v; want nothing dropped", ok, err)
	}
	if _, ok, err := st.ResetOverride("ff00"); ok || !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("reset of an unknown card = %v, %v; want ErrNotFound", ok, err)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Errorf("Check: %v", problems)
	}
}

func TestOverrideAsTheNotesWordItIsNoOverride(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	mustImport(t, st, "trust", cards, at(0))
	if _, stored, err := st.SetOverride("bb22", mine, at(1)); err != nil || !stored {
		t.Fatal(stored, err)
	}
	if _, stored, err := st.SetOverride("bb22", deck.TextOf(cards[1]), at(2)); err != nil || stored {
		t.Fatalf("SetOverride to the notes' own text = %v, %v; want nothing stored", stored, err)
	}
	if r := mustCard(t, st, "bb22"); r.Edit != nil {
		t.Errorf("the notes' own text left an override: %+v", r.Edit)
	}
}

func TestOverrideFollowsARelinkedCard(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	mustImport(t, st, "trust", cards, at(0))
	if _, _, err := st.SetOverride("aa11", mine, at(0)); err != nil {
		t.Fatal(err)
	}
	moved := slices.Clone(cards)
	moved[0].ID = "aa99"
	if sum := mustImport(t, st, "trust", moved, at(1)); sum.Relinked != 1 {
		t.Fatalf("import: %+v, want a relink", sum)
	}
	r := mustCard(t, st, "aa99")
	if r.Edit == nil || deck.TextOf(r.Card) != mine || r.EditStale {
		t.Errorf("relinked card: edit %+v stale %v text %+v; want the override carried over", r.Edit, r.EditStale, deck.TextOf(r.Card))
	}
}

// TestOverrideCopiedByBackup: overrides live in the store file, so a
// backup holds them.
func TestOverrideCopiedByBackup(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	if _, _, err := st.SetOverride("cc33", mine, at(0)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(path, false); err != nil {
		t.Fatal(err)
	}
	if r := mustCard(t, storetest.OpenPath(t, path), "cc33"); r.Edit == nil || deck.TextOf(r.Card) != mine {
		t.Errorf("backup's card: %+v", r)
	}
}
