package cli

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/team"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

func progressTestCards(deckName string, ids ...string) []deck.Card {
	cards := make([]deck.Card, len(ids))
	for i, id := range ids {
		cards[i] = deck.Card{
			ID: id, Kind: deck.KindTerm, Deck: deckName, Order: i,
			Front: "what is " + id + "?", Back: "the card " + id, Term: id, Note: "note",
		}
	}
	return cards
}

// readProgress counts each active card's reviews from the log and its
// schedule from its state, leaves retired cards and other decks out, and
// takes the deck version from the subscription of a shared deck.
func TestReadProgress(t *testing.T) {
	st := storetest.Open(t)
	cfg := scheduler.Settings{NewPerDay: 20, ReviewsPerDay: 200, RolloverHour: 4, Location: time.UTC, LeechLapses: 8}
	day1 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	day2 := day1.AddDate(0, 0, 1)
	if _, err := st.Import("Team", progressTestCards("Team", "aaaa0001", "bbbb0002", "cccc0003", "dddd0004"), day1, false); err != nil {
		t.Fatal(err)
	}
	sub := storage.Subscription{Deck: "Shared", Origin: "/decks/shared.json", Version: 3, Date: "2026-11-01", Digest: "00"}
	if _, err := st.InstallShared(sub, progressTestCards("Shared", "eeee0005"), day1); err != nil {
		t.Fatal(err)
	}
	review := func(id string, q scheduler.Grade, at time.Time) {
		t.Helper()
		if _, _, err := st.Review(id, q, at, time.Second, cfg); err != nil {
			t.Fatal(err)
		}
	}
	review("aaaa0001", 4, day1)
	review("aaaa0001", 1, day2) // a lapse
	review("aaaa0001", 4, day2.Add(time.Minute))
	review("bbbb0002", 3, day1)
	review("bbbb0002", 4, day1.Add(time.Minute)) // the re-drill
	review("dddd0004", 5, day1)
	review("eeee0005", 4, day1)
	// dddd0004 leaves the notes: retired, so out of the file.
	if _, err := st.Import("Team", progressTestCards("Team", "aaaa0001", "bbbb0002", "cccc0003"), day2, false); err != nil {
		t.Fatal(err)
	}

	got, err := readProgress(st, "Team", cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := team.Progress{Deck: "Team", Cards: []team.CardProgress{
		{ID: "aaaa0001", Reviews: 3, Lapses: 1, IntervalDays: 1, EF: 2.5, LastGrade: progressGrade(4), LastReview: "2026-11-21"},
		{ID: "bbbb0002", Reviews: 2, Lapses: 0, IntervalDays: 1, EF: 2.36, LastGrade: progressGrade(4), LastReview: "2026-11-20"},
		{ID: "cccc0003", Reviews: 0, EF: 2.5},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Team:\n got %s\nwant %s", showProgress(got), showProgress(want))
	}

	got, err = readProgress(st, "Shared", cfg)
	if err != nil {
		t.Fatal(err)
	}
	want = team.Progress{Deck: "Shared", DeckVersion: 3, Cards: []team.CardProgress{
		{ID: "eeee0005", Reviews: 1, IntervalDays: 1, EF: 2.5, LastGrade: progressGrade(4), LastReview: "2026-11-20"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Shared:\n got %s\nwant %s", showProgress(got), showProgress(want))
	}
}

func progressGrade(g int) *int { return &g }

// showProgress prints a Progress with its grades, not their addresses.
func showProgress(p team.Progress) string {
	s := fmt.Sprintf("%s v%d:", p.Deck, p.DeckVersion)
	for _, c := range p.Cards {
		g := "-"
		if c.LastGrade != nil {
			g = fmt.Sprint(*c.LastGrade)
		}
		s += fmt.Sprintf(" {%s r%d l%d i%d ef%g g%s %s}", c.ID, c.Reviews, c.Lapses, c.IntervalDays, c.EF, g, c.LastReview)
	}
	return s
}
