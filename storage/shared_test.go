package storage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

func subscription(version uint64) storage.Subscription {
	return storage.Subscription{Deck: "team", Origin: "/decks/team.recall-deck", Version: version,
		Date: "2026-03-02", Digest: "d1", Added: at(0), Synced: at(0)}
}

// logLen counts the review log.
func logLen(t *testing.T, st *storage.Store) int {
	t.Helper()
	n := 0
	if err := st.ForEachLog(func(storage.LogEntry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestInstallSharedRecordsSubscription(t *testing.T) {
	st := storetest.Open(t)
	if _, found, err := st.Subscription("team"); err != nil || found {
		t.Fatalf("Subscription before install = %v, %v", found, err)
	}
	plan, err := st.InstallShared(subscription(1), sampleCards(), at(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Added) != 3 {
		t.Fatalf("added %d cards, want 3", len(plan.Added))
	}
	mustReview(t, st, "aa11", 4, at(0))

	v2 := sampleCards()
	v2[0].Back = "Telling the truth, always"          // reworded: updated in place
	v2 = append(v2[:2], card("dd44", 4, "Care", "x")) // cc33 removed, dd44 new
	plan, err = st.InstallShared(subscription(2), v2, at(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Added) != 1 || len(plan.Updated) != 1 || len(plan.Retired) != 1 || plan.Retired[0] != "cc33" {
		t.Fatalf("plan = %+v", plan)
	}
	sub, found, err := st.Subscription("team")
	if err != nil || !found || sub.Version != 2 {
		t.Fatalf("Subscription = %+v, %v, %v", sub, found, err)
	}
	r, err := st.Card("aa11")
	if err != nil || r.State.Reps != 1 || r.Card.Back != "Telling the truth, always" {
		t.Fatalf("reworded card lost its history or text: %+v, %v", r, err)
	}
	subs, err := st.Subscriptions()
	if err != nil || len(subs) != 1 || subs[0].Deck != "team" {
		t.Fatalf("Subscriptions = %+v, %v", subs, err)
	}
}

// TestInstallSharedRefusesOtherDecksCards: a hostile deck file naming the
// IDs of the user's own cards must not move them, and the refusal leaves
// the store as it was.
func TestInstallSharedRefusesOtherDecksCards(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "mine", sampleCards(), at(0))
	_, err := st.InstallShared(subscription(1), []deck.Card{card("ee55", 1, "New", "n"), card("bb22", 2, "Stolen", "s")}, at(0))
	if err == nil || !strings.Contains(err.Error(), `card "bb22" is already in deck "mine"`) {
		t.Fatalf("InstallShared over another deck's card: %v", err)
	}
	if _, found, _ := st.Subscription("team"); found {
		t.Error("subscription recorded by a refused install")
	}
	if _, err := st.Card("ee55"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("card of a refused install was written: %v", err)
	}
	if r, _ := st.Card("bb22"); r.Card.Deck != "mine" {
		t.Errorf("card moved to deck %q", r.Card.Deck)
	}
}

func TestSaveSubscriptionNeedsASharedDeck(t *testing.T) {
	st := storetest.Open(t)
	if err := st.SaveSubscription(subscription(1)); !errors.Is(err, storage.ErrDeckNotFound) {
		t.Fatalf("SaveSubscription of an unknown deck: %v", err)
	}
	if _, err := st.InstallShared(subscription(1), sampleCards(), at(0)); err != nil {
		t.Fatal(err)
	}
	sub := subscription(1)
	sub.ETag, sub.Synced = `"v1"`, at(3)
	if err := st.SaveSubscription(sub); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.Subscription("team"); got.ETag != `"v1"` || !got.Synced.Equal(at(3)) {
		t.Errorf("saved subscription = %+v", got)
	}
}

// TestRemoveDeckKeepsTheLog: removing a deck drops its cards but never a
// review; the store still checks clean, undo refuses clearly, and adding
// the deck again starts its cards afresh beside the old log.
func TestRemoveDeckKeepsTheLog(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "other", []deck.Card{card("ff66", 1, "Other", "o")}, at(0))
	if _, err := st.InstallShared(subscription(1), sampleCards(), at(0)); err != nil {
		t.Fatal(err)
	}
	mustReview(t, st, "ff66", 4, at(0))
	mustReview(t, st, "aa11", 4, at(0))
	mustReview(t, st, "bb22", 2, at(0))
	if err := st.SavePack(storage.Pack{Deck: "team", Version: 1, Date: "2026-03-02"}); err != nil {
		t.Fatal(err)
	}

	n, err := st.RemoveDeck("team")
	if err != nil || n != 3 {
		t.Fatalf("RemoveDeck = %d, %v; want 3 cards", n, err)
	}
	if got := logLen(t, st); got != 3 {
		t.Errorf("log has %d entries after removing a deck, want all 3", got)
	}
	if _, err := st.Card("aa11"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("card of a removed deck still there: %v", err)
	}
	if _, found, _ := st.Subscription("team"); found {
		t.Error("subscription of a removed deck still there")
	}
	if _, found, _ := st.LastPack("team"); found {
		t.Error("pack record of a removed deck still there")
	}
	decks, err := st.Decks(at(0), cfg())
	if err != nil || len(decks) != 1 || decks[0].Name != "other" {
		t.Errorf("decks after remove = %+v, %v", decks, err)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Fatalf("check after remove: %v", problems)
	}
	if _, err := st.Undo(); err == nil || !strings.Contains(err.Error(), "deck has been removed") {
		t.Errorf("undo of a removed deck's review: %v", err)
	}
	if got := logLen(t, st); got != 3 {
		t.Errorf("a refused undo changed the log: %d entries", got)
	}
	if _, err := st.RemoveDeck("team"); !errors.Is(err, storage.ErrDeckNotFound) {
		t.Errorf("removing it twice: %v", err)
	}

	if _, err := st.InstallShared(subscription(1), sampleCards(), at(1)); err != nil {
		t.Fatal(err)
	}
	// Removing is not forgetting: the card added again has its schedule
	// back, and the store still checks.
	if r, _ := st.Card("aa11"); r.State.Reps != 1 || r.State.IntervalDays != 1 {
		t.Errorf("re-added card lost its schedule: %+v", r.State)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Fatalf("check after re-adding: %v", problems)
	}
}

func TestPackRecord(t *testing.T) {
	st := storetest.Open(t)
	if _, found, err := st.LastPack("team"); err != nil || found {
		t.Fatalf("LastPack before any = %v, %v", found, err)
	}
	p := storage.Pack{Deck: "team", Version: 3, Date: "2026-03-04", CardsDigest: "abc", Author: "Ann"}
	if err := st.SavePack(p); err != nil {
		t.Fatal(err)
	}
	if got, found, err := st.LastPack("team"); err != nil || !found || got != p {
		t.Fatalf("LastPack = %+v, %v, %v; want %+v", got, found, err, p)
	}
	if err := st.SavePack(storage.Pack{Deck: "bad\x1b[2J"}); err == nil {
		t.Error("a pack record under a name with an escape sequence was saved")
	}
}
