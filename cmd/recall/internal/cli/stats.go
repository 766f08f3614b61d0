package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// statsOptions are the flags of recall stats.
type statsOptions struct {
	root *rootOptions
	deck string
	json bool
}

func newStatsCmd(root *rootOptions) *cobra.Command {
	opts := &statsOptions{root: root}
	cmd := &cobra.Command{
		Use:   "stats [--deck NAME] [--json]",
		Short: "Show your progress: streak, calendar, forecast, retention, cards",
		Long: `Show your progress, from the review log and the cards in the store:

  Today       reviews, correct share and time spent today, the reviews and
              new cards still in today's queue (the same as recall due);
              the current and longest streak (see Streaks below);
  Calendar    reviews per day over the past year, a column a week, shaded
              by how busy each day was (as many weeks as the width holds);
  Forecast    the cards due on each of the next 30 days (overdue cards
              count on today; new cards are not included);
  Retention   the share of reviews graded 3 or more over the last 30 days,
              for young cards (interval under 21 days) and mature ones;
  Cards       the cards by state, each counted once: retired, leech,
              suspended, new, learning (re-drill, or failed and not yet
              passed), young, mature; and the easiness factor (EF) spread;
  Hardest     the 10 cards with the most lapses, then the lowest EF.

Days are review days: they start at the rollover hour (recall config) in
your zone.

Streaks: a day breaks your streak only if cards were due on it and you
reviewed none. A day with nothing due (new cards waiting do not count)
keeps the streak going without a review, and counts in its length, which
runs from its first day with a review to today once you have reviewed, or
to yesterday: a streak that reached yesterday still stands today.

With --deck every figure is of that deck's cards. With --json it prints
every figure: {"now", "deck", "zone", "rollover_hour", "today", "streak",
"calendar", "forecast", "retention", "cards", "ef", "hardest"}; days are
YYYY-MM-DD and shares are fractions (null when there is nothing to divide).`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runStats(opts) },
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "only this deck's cards and reviews")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON with every figure")
	return cmd
}

func runStats(opts *statsOptions) error {
	env := opts.root.env
	v, err := opts.root.openRead(opts.deck)
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	opts.deck = v.deck
	var deck *string
	if opts.deck != "" {
		deck = &opts.deck
	}
	s, err := readStats(st, deck, now, cfg)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSON(env.Out, s)
	}
	out := env.Out
	if opts.root.colour() {
		out = env.styledOut() // the report's own colours; safeStats made its text safe
	}
	opt := stats.Options{Width: opts.root.width(), Palette: statsPalette(out, opts.root.colour())}
	_, err = io.WriteString(out, stats.Render(safeStats(s), opt))
	return err
}

// readStats computes the statistics of a deck (nil for all) from the cards
// and one pass over the review log. A nil store (none yet) gives empty
// statistics.
func readStats(st *storage.Store, deck *string, now time.Time, cfg scheduler.Settings) (stats.Stats, error) {
	b := stats.NewBuilder(now, cfg, deck)
	if st == nil {
		return b.Stats(), nil
	}
	name := ""
	if deck != nil {
		name = *deck
	}
	err := st.ForEachCard(name, func(r storage.Record) error {
		b.AddCard(stats.Card{ID: r.Card.ID, Front: r.Card.Front, State: r.State, Retired: r.Retired})
		return nil
	})
	if err != nil {
		return stats.Stats{}, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	err = st.ForEachLogSummary(func(e storage.LogSummary) error {
		b.AddReview(stats.Review{
			CardID: e.CardID, Time: e.Time, Grade: e.Grade,
			PrevIntervalDays: e.PrevIntervalDays, PrevNew: e.PrevNew, PrevQueue: e.PrevQueue, Answer: e.Answer,
		})
		return nil
	})
	if err != nil {
		return stats.Stats{}, fmt.Errorf("store %q: read the review log: %w", st.Path(), err)
	}
	q, err := st.Queue(name, now, cfg)
	if err != nil {
		return stats.Stats{}, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	b.SetQueue(len(q.Again)+len(q.Review), len(q.New))
	out := b.Stats()
	isFSRS := func(d scheduler.DeckScheduling) bool { return d.Algorithm == scheduler.FSRS }
	fsrsDecks := false
	if names, err := st.DeckNames(); err == nil {
		for _, n := range names {
			if (name == "" || n == name) && isFSRS(cfg.Scheduling(n)) {
				fsrsDecks = true
			}
		}
	}
	if fsrsDecks {
		res, cards, err := workload(st, name, cfg, now, 30, isFSRS, 0)
		if err != nil {
			return stats.Stats{}, err
		}
		out.Workload = &stats.Workload{Cards: cards, Reviews: res.Reviews, Expected: res.Retention}
	}
	return out, nil
}

// safeStats returns s with the text that came from notes and decks (the
// deck's name, the cards' IDs and fronts) made safe for a terminal.
func safeStats(s stats.Stats) stats.Stats {
	if s.Deck != nil {
		name := sanitize(*s.Deck)
		s.Deck = &name
	}
	hard := make([]stats.HardCard, len(s.Hardest))
	for i, c := range s.Hardest {
		c.ID, c.Front = sanitize(c.ID), sanitize(c.Front)
		hard[i] = c
	}
	s.Hardest = hard
	return s
}

// statsPalette colours the report on a terminal without NO_COLOR, and is
// nil otherwise: the report is then plain text. The calendar's greens
// follow a contribution calendar's, darkest for the fewest reviews.
func statsPalette(out io.Writer, colour bool) *stats.Palette {
	if !colour {
		return nil
	}
	r := lipgloss.NewRenderer(out)
	r.SetHasDarkBackground(true)
	r.SetColorProfile(termenv.ANSI256)
	style := func(s lipgloss.Style) func(string) string { return func(t string) string { return s.Render(t) } }
	fg := func(c string) func(string) string { return style(r.NewStyle().Foreground(lipgloss.Color(c))) }
	return &stats.Palette{
		Title: style(r.NewStyle().Bold(true)),
		Dim:   fg("245"),
		Bar:   fg("6"),
		Heat:  [5]func(string) string{fg("240"), fg("22"), fg("28"), fg("34"), fg("46")},
	}
}
