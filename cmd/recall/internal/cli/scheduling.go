package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
	"github.com/recallcards/recall/storage"
)

// parseAlgorithm reads a scheduler name for a setting.
func parseAlgorithm(setting, v string) (scheduler.Algorithm, error) {
	a, err := scheduler.ParseAlgorithm(v)
	if err != nil {
		return "", usagef("%s must be sm2 or fsrs, not %q", setting, v)
	}
	return a, nil
}

// parseRetention reads a desired retention between 0.70 and 0.99.
func parseRetention(setting, v string) (float64, error) {
	r, err := strconv.ParseFloat(v, 64)
	if err != nil || !(r >= fsrs.MinDesiredRetention && r <= fsrs.MaxDesiredRetention) {
		return 0, usagef("%s must be a number from %.2f to %.2f, not %q", setting, fsrs.MinDesiredRetention, fsrs.MaxDesiredRetention, v)
	}
	return r, nil
}

// parseMaximumInterval reads a maximum interval in days.
func parseMaximumInterval(setting, v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > fsrs.DefaultMaximumInterval {
		return 0, usagef("%s must be a whole number of days from 1 to %d, not %q", setting, fsrs.DefaultMaximumInterval, v)
	}
	return n, nil
}

// formatRetention shows a retention as the settings do, e.g. 0.90.
func formatRetention(r float64) string {
	if r == 0 {
		r = fsrs.DefaultDesiredRetention
	}
	return strconv.FormatFloat(r, 'f', 2, 64)
}

// formatMaximumInterval shows a maximum interval, the default for 0.
func formatMaximumInterval(n int) string {
	if n == 0 {
		n = fsrs.DefaultMaximumInterval
	}
	return strconv.Itoa(n)
}

// pinDecks gives every deck of the store without a scheduler of its own the
// one it has now, so that changing the default for new decks leaves the
// existing ones where they are.
func pinDecks(st *storage.Store, cfg scheduler.Settings) (scheduler.Settings, error) {
	names, err := st.DeckNames()
	if err != nil {
		return cfg, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	for _, name := range names {
		if _, ok := cfg.Decks.Get(name); !ok {
			cfg.Decks = cfg.Decks.With(name, scheduler.DeckScheduling{Algorithm: cfg.Scheduler.OrDefault()})
		}
	}
	return cfg, nil
}

// intervalPreview is the line that tells what each answer would schedule
// for the card at now: "again 1d · hard 3d · good 9d · easy 21d"; "today"
// when the card would come back in this session with its interval reset.
func intervalPreview(r storage.Record, now time.Time, cfg scheduler.Settings) string {
	var parts []string
	for _, o := range scheduler.Preview(r.Card.Deck, r.State, now, cfg) {
		days := "today"
		if o.IntervalDays > 0 {
			days = strconv.Itoa(o.IntervalDays) + "d"
		}
		parts = append(parts, o.Label+" "+days)
	}
	return strings.Join(parts, " · ")
}

// deckEvents reads the review log of a deck ("" for all), oldest first,
// grouped by deck: the events of each deck's cards.
func deckEvents(st *storage.Store, deckName string) (map[string][]scheduler.Event, error) {
	deckOf := make(map[string]string)
	err := st.ForEachCard(deckName, func(r storage.Record) error {
		deckOf[r.Card.ID] = r.Card.Deck
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	out := make(map[string][]scheduler.Event)
	err = st.ForEachLog(func(e storage.LogEntry) error {
		if d, ok := deckOf[e.CardID]; ok {
			out[d] = append(out[d], scheduler.Event{Card: e.CardID, Time: e.Time, Grade: e.Grade})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return out, nil
}
