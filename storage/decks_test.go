package storage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

func TestRenameDeckKeepsCards(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "work", sampleCards(), at(0))
	mustImport(t, st, "other", []deck.Card{card("o1", 1, "Other", "x")}, at(0))
	mustReview(t, st, "aa11", 4, at(0))
	if err := st.SavePack(storage.Pack{Deck: "work", Version: 2, Date: "2026-03-02"}); err != nil {
		t.Fatal(err)
	}

	withFSRS := cfg()
	withFSRS.Decks = withFSRS.Decks.With("work", scheduler.DeckScheduling{Algorithm: scheduler.FSRS, DesiredRetention: 0.85})
	if err := st.SaveSettings(withFSRS); err != nil {
		t.Fatal(err)
	}

	rec, err := st.RenameDeck("WORK", "Team") // found without regard to case
	if err != nil || rec.Name != "Team" || rec.Identity != "work" {
		t.Fatalf("RenameDeck = %+v, %v; want Team with identity work", rec, err)
	}
	r, err := st.Card("aa11")
	if err != nil || r.Card.Deck != "Team" || r.State.Reps != 1 {
		t.Fatalf("renamed card = %+v, %v", r, err)
	}
	if got := logLen(t, st); got != 1 {
		t.Errorf("log has %d entries, want 1", got)
	}
	decks, err := st.Decks(at(1), cfg())
	if err != nil || len(decks) != 2 || decks[0].Name != "Team" || decks[0].Cards != 3 || decks[0].Due != 1 {
		t.Errorf("Decks after rename = %+v, %v", decks, err)
	}
	if p, found, _ := st.LastPack("Team"); !found || p.Version != 2 || p.Deck != "Team" {
		t.Errorf("pack record did not follow the rename: %+v %v", p, found)
	}
	loaded := cfg()
	if err := st.LoadSettings(&loaded); err != nil {
		t.Fatal(err)
	}
	if d, ok := loaded.Decks.Get("Team"); !ok || d.Algorithm != scheduler.FSRS || d.DesiredRetention != 0.85 {
		t.Errorf("the deck's own scheduling did not follow the rename: %+v, %v", d, ok)
	}
	if _, ok := loaded.Decks.Get("work"); ok {
		t.Error("the old name keeps scheduling settings")
	}
	if id, err := st.DeckIdentity("team"); err != nil || id != "work" {
		t.Errorf("DeckIdentity(team) = %q, %v; want work", id, err)
	}
	// A new deck under the old name must not take the renamed deck's IDs.
	if id, err := st.DeckIdentity("work"); err != nil || id == "work" {
		t.Errorf("identity of a new deck named work = %q, %v; want another", id, err)
	}
	// Importing the same cards into the new name changes nothing.
	if sum, err := st.Import("Team", sampleCards(), at(1), false); err != nil || sum.Unchanged != 3 {
		t.Errorf("re-import after rename = %+v, %v", sum, err)
	}

	if _, err := st.RenameDeck("nope", "x"); !errors.Is(err, storage.ErrDeckNotFound) {
		t.Errorf("renaming a missing deck: %v", err)
	}
	if _, err := st.RenameDeck("Team", "OTHER"); err == nil || !strings.Contains(err.Error(), `"other" is already`) {
		t.Errorf("renaming onto another deck: %v", err)
	}
	if _, err := st.RenameDeck("Team", "team"); err != nil {
		t.Errorf("renaming to another spelling of the same name: %v", err)
	}
}

// TestRemovedDeckComesBack: removing a deck is not forgetting it; adding
// the same cards brings back each one's schedule, also for a deck removed
// before the schedules were kept aside (from its last review in the log).
func TestRemovedDeckComesBack(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "Work", sampleCards(), at(0))
	mustReview(t, st, "aa11", 4, at(0))
	mustReview(t, st, "aa11", 5, at(1))
	want, _ := st.Card("aa11")
	if _, err := st.RemoveDeck("work"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := st.FindDeck("Work"); found {
		t.Fatal("a removed deck is still found")
	}
	if id, err := st.DeckIdentity("WORK"); err != nil || id != "Work" {
		t.Errorf("identity of the removed deck = %q, %v; want Work", id, err)
	}
	res, err := st.ImportNotes("work", sampleCards(), at(2), storage.ImportOptions{})
	if err != nil || len(res.Restored) != 1 || res.Restored[0] != "aa11" {
		t.Fatalf("re-import = %+v, %v; want the reviewed card restored", res, err)
	}
	got, _ := st.Card("aa11")
	if got.State != want.State {
		t.Errorf("restored state = %+v, want %+v", got.State, want.State)
	}
	if got.Card.Deck != "work" {
		t.Errorf("restored card in deck %q, want the name now given", got.Card.Deck)
	}
}
