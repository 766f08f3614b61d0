package storage_test

import (
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

func adoptedCards() []storage.AdoptedCard {
	reviewed := scheduler.State{Reps: 3, EF: 236, IntervalDays: 12, Due: at(9), LastReview: at(-3), Lapses: 1}
	return []storage.AdoptedCard{
		{Card: deck.Card{ID: "anki:g1:0", Kind: deck.KindTerm, Deck: "Spanish", Front: "perro", Back: "dog", Order: 1},
			State: reviewed,
			Log: []storage.LogEntry{
				{CardID: "anki:g1:0", Time: at(-10), Grade: 4, Next: scheduler.State{Reps: 1, EF: 250, IntervalDays: 1}},
				{CardID: "anki:g1:0", Time: at(-3), Grade: 5, Next: reviewed},
			}},
		{Card: deck.Card{ID: "anki:g2:0", Kind: deck.KindTerm, Deck: "Spanish::Verbs", Front: "ser", Back: "to be", Order: 2},
			State: scheduler.NewState()},
	}
}

func TestAdoptKeepsStateAndHistoryOnce(t *testing.T) {
	st := storetest.Open(t)
	cards := adoptedCards()
	sum, err := st.Adopt(cards, at(0))
	if err != nil {
		t.Fatal(err)
	}
	if sum != (storage.AdoptSummary{Added: 2, Reviews: 2}) {
		t.Errorf("first adopt: %+v", sum)
	}
	if r := mustCard(t, st, "anki:g1:0"); r.State != cards[0].State || r.Card.Deck != "Spanish" {
		t.Errorf("adopted card %+v, want its own state %+v", r, cards[0].State)
	}
	// The card is due at(9): not in today's queue, in the one of day 9.
	if n, err := st.CountDue("Spanish", at(8)); err != nil || n != 0 {
		t.Errorf("due before its day: %d, %v", n, err)
	}
	if n, err := st.CountDue("Spanish", at(10)); err != nil || n != 1 {
		t.Errorf("due on its day: %d, %v; want 1", n, err)
	}

	// Again, with the text changed: the text follows, the schedule and the
	// log do not move.
	cards[0].Card.Back = "dog (the animal)"
	cards[0].State = scheduler.NewState()
	sum, err = st.Adopt(cards, at(1))
	if err != nil {
		t.Fatal(err)
	}
	if sum != (storage.AdoptSummary{Updated: 1, Unchanged: 1}) {
		t.Errorf("second adopt: %+v", sum)
	}
	r := mustCard(t, st, "anki:g1:0")
	if r.Card.Back != "dog (the animal)" || r.State.IntervalDays != 12 {
		t.Errorf("after re-adopting: %q, state %+v", r.Card.Back, r.State)
	}
	var times []time.Time
	if err := st.ForEachLog(func(e storage.LogEntry) error { times = append(times, e.Time); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(times) != 2 || !times[0].Before(times[1]) {
		t.Errorf("log %v, want the two reviews once, oldest first", times)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
}

func TestAdoptIsAllOrNothing(t *testing.T) {
	st := storetest.Open(t)
	cards := adoptedCards()
	cards = append(cards, storage.AdoptedCard{Card: deck.Card{ID: "bad id", Deck: "Spanish", Front: "x"}})
	if _, err := st.Adopt(cards, at(0)); err == nil || !strings.Contains(err.Error(), "bad id") {
		t.Fatalf("err = %v, want one naming the bad ID", err)
	}
	cards = adoptedCards()
	cards[1].Log = []storage.LogEntry{{CardID: "anki:g1:0", Time: at(0), Grade: 4}}
	if _, err := st.Adopt(cards, at(0)); err == nil {
		t.Fatal("a log entry of another card was taken")
	}
	empty, err := st.Empty()
	if err != nil || !empty {
		t.Errorf("store after refused adopts: empty %v, %v", empty, err)
	}
}

func TestAdoptFindsDeckWhateverItsCase(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "spanish", sampleCards(), at(0))
	if _, err := st.Adopt(adoptedCards()[:1], at(0)); err != nil {
		t.Fatal(err)
	}
	if r := mustCard(t, st, "anki:g1:0"); r.Card.Deck != "spanish" {
		t.Errorf("deck %q, want the store's own \"spanish\"", r.Card.Deck)
	}
}
