package storage_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

func deckNames(t *testing.T, st *storage.Store) []string {
	t.Helper()
	names, err := st.DeckNames()
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func reported(rep storage.SyncReport, part string) bool {
	return slices.ContainsFunc(rep.Decks, func(s string) bool { return strings.Contains(s, part) })
}

// TestSyncDecks: a machine joining the folder adopts the decks there with
// their identities (so the notes imported under a renamed deck's name make
// the cards the other machines have), and later renames and removals on
// one machine happen on the others, each said in the sync report.
func TestSyncDecks(t *testing.T) {
	folder := t.TempDir()
	a := newMachine(t, "a", folder) // deck "trust", identity "trust"
	if _, err := a.st.RenameDeck("trust", "ethics"); err != nil {
		t.Fatal(err)
	}
	a.sync(t)

	b := bareMachine(t, "b", folder)
	rep := b.sync(t)
	if !reported(rep, `deck "ethics" adopted`) {
		t.Fatalf("b's sync report %q does not say it adopted ethics", rep.Decks)
	}
	if id, err := b.st.DeckIdentity("ethics"); err != nil || id != "trust" {
		t.Fatalf("b: identity of ethics %q, %v; want the synced deck's, trust", id, err)
	}

	// A rename on b, later, reaches a.
	b.now = at(0).Add(time.Hour)
	if _, err := b.st.RenameDeck("ethics", "virtues"); err != nil {
		t.Fatal(err)
	}
	b.sync(t)
	if rep := a.sync(t); !reported(rep, `deck "ethics" renamed "virtues"`) {
		t.Fatalf("a's sync report %q does not say ethics was renamed", rep.Decks)
	}
	if got := deckNames(t, a.st); !slices.Equal(got, []string{"virtues"}) {
		t.Fatalf("a's decks %v, want [virtues]", got)
	}
	r, err := a.st.Card("c01")
	if err != nil || r.Card.Deck != "virtues" {
		t.Fatalf("a: c01 in deck %q (%v), want virtues", r.Card.Deck, err)
	}

	// A removal on a reaches b, and puts nothing of a's history away for good.
	if _, _, err := a.st.Review("c01", 4, at(1), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.now = at(1).Add(time.Hour)
	if _, err := a.st.RemoveDeck("virtues"); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	if rep := b.sync(t); !reported(rep, `deck "virtues" removed`) {
		t.Fatalf("b's sync report %q does not say virtues was removed", rep.Decks)
	}
	if got := deckNames(t, b.st); len(got) != 0 {
		t.Fatalf("b's decks %v after the removal, want none", got)
	}
	// Importing the notes again on a brings the card's schedule back.
	mustImport(t, a.st, "virtues", syncCards(), at(2))
	if r, err := a.st.Card("c01"); err != nil || r.State.IsNew() {
		t.Fatalf("a: c01 after import %+v, %v; want its schedule back", r.State, err)
	}
}

// TestSyncDeckNameTaken: a machine with a deck of its own under the name
// a deck synced first has keeps its deck as it is, marked to merge into the
// synced one (PendingMerges); the machine whose deck was synced first has
// nothing to do.
func TestSyncDeckNameTaken(t *testing.T) {
	folder := t.TempDir()
	a := newMachine(t, "a", folder)
	if _, err := a.st.RenameDeck("trust", "ethics"); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b := bareMachine(t, "b", folder)
	mustImport(t, b.st, "ethics", syncCards(), at(1)) // identity "ethics", made after a's
	if rep := b.sync(t); len(rep.Decks) != 0 {
		t.Fatalf("b's sync report %q: the clash is for the merge to say", rep.Decks)
	}
	if id, _ := b.st.DeckIdentity("ethics"); id != "ethics" {
		t.Fatalf("b's own deck took identity %q", id)
	}
	if got := deckNames(t, b.st); !slices.Equal(got, []string{"ethics"}) {
		t.Fatalf("b's decks %v", got)
	}
	joins, err := b.st.PendingMerges()
	if err != nil || len(joins) != 1 || joins[0].Deck.Identity != "ethics" || joins[0].Synced.Identity != "trust" || joins[0].Synced.Name != "ethics" {
		t.Fatalf("b's pending merges %+v, %v; want ethics into a's deck", joins, err)
	}
	a.sync(t)
	if joins, err := a.st.PendingMerges(); err != nil || len(joins) != 0 {
		t.Fatalf("a, whose deck was synced first, would merge: %+v, %v", joins, err)
	}
}

// TestSyncSettings: a deck switched to FSRS on one machine is switched on
// the others at their next sync, its cards refolded under FSRS, so every
// machine keeps folding the same reviews alike.
func TestSyncSettings(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	if _, _, err := a.st.Review("c01", 4, at(1), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.st.Review("c01", 5, at(2), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	a.sync(t)

	fsrsCfg := cfg()
	fsrsCfg.Decks = fsrsCfg.Decks.With("trust", scheduler.DeckScheduling{Algorithm: scheduler.FSRS, DesiredRetention: 0.85})
	a.now = at(3)
	if err := a.st.SaveSettings(fsrsCfg); err != nil {
		t.Fatal(err)
	}
	if _, err := a.st.Reschedule("trust", fsrsCfg); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	rep := b.sync(t)
	if !reported(rep, `deck "trust" scheduling changed`) {
		t.Fatalf("b's sync report %q does not say the scheduling changed", rep.Decks)
	}
	got := cfg()
	if err := b.st.LoadSettings(&got); err != nil {
		t.Fatal(err)
	}
	if s := got.Scheduling("trust"); s.Algorithm != scheduler.FSRS || s.DesiredRetention != 0.85 {
		t.Fatalf("b schedules trust with %+v, want FSRS at 0.85", s)
	}
	ra, _ := a.st.Card("c01")
	rb, _ := b.st.Card("c01")
	if ra.State.Algorithm != scheduler.FSRS || !reflect.DeepEqual(ra.State, rb.State) {
		t.Fatalf("c01 on a %+v\non b %+v\nwant both FSRS and equal", ra.State, rb.State)
	}
	// A review on b now folds under FSRS on both machines.
	if _, _, err := b.st.Review("c01", 4, at(9), time.Second, got); err != nil {
		t.Fatal(err)
	}
	b.sync(t)
	a.sync(t)
	ra, _ = a.st.Card("c01")
	rb, _ = b.st.Card("c01")
	if !reflect.DeepEqual(ra.State, rb.State) {
		t.Fatalf("after b's FSRS review: a %+v\nb %+v", ra.State, rb.State)
	}
}
