package apkg

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// FuzzParseExactNote: a note's data column, which a hostile package fills
// as it likes, is refused or read as cards recall could have made.
func FuzzParseExactNote(f *testing.F) {
	st := scheduler.NewState()
	st.Reps, st.IntervalDays, st.LastReview = 2, 6, time.Date(2026, 11, 5, 8, 0, 0, 0, time.UTC)
	st.Due = st.LastReview.AddDate(0, 0, 6)
	card := newExactCard(deck.Card{Kind: deck.KindTerm, Front: "Q", Back: "A", Tags: []string{"t"},
		Sources: []deck.Source{{File: "a.md", Line: 3, URL: "https://example.test/v"}}}, st,
		&Edit{Notes: deck.Text{Question: "Q"}, Text: deck.Text{Question: "mine", Answer: "A"}, Base: deck.Text{Question: "Q", Answer: "A"}, Edited: st.LastReview})
	seed, err := json.Marshal(exactNote{Recall: 1, Content: "c", Cards: []exactCard{card, card}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed), 2)
	f.Add(`{"recall":1,"cards":[]}`, 1)
	f.Fuzz(func(t *testing.T, data string, cards int) {
		n, ok, err := parseExactNote(data, cards)
		if err != nil || !ok {
			return
		}
		if len(n.Cards) != cards || cards < 1 || cards > 2 {
			t.Fatalf("%d cards read for %d", len(n.Cards), cards)
		}
		for _, c := range n.Cards {
			if c.Front == "" || !validText(c.Front) || c.State.EF < scheduler.MinimumEF || c.State.IntervalDays > scheduler.MaxIntervalDays {
				t.Fatalf("card %+v", c)
			}
		}
	})
}
