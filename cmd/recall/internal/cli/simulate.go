package cli

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
	"github.com/recallcards/recall/storage"
)

type simulateOptions struct {
	root      *rootOptions
	deck      string
	retention string
	days      int
	json      bool
}

func newSimulateCmd(root *rootOptions) *cobra.Command {
	opts := &simulateOptions{root: root}
	cmd := &cobra.Command{
		Use:   "simulate --retention R [--days N] [--deck NAME] [--json]",
		Short: "Estimate the daily reviews and the retention FSRS would give at another desired retention",
		Long: `Play the next days of your own cards under FSRS-6 at desired retention R
(0.70-0.99) and print the reviews each day would take and the recall to
expect at the end.

Each card starts from its memory state (an SM-2 card's is replayed from its
log with its deck's FSRS parameters), due its interval at R after its last
review; new cards come in note order at your new-per-day setting, due
reviews up to reviews-per-day. Each review is recalled with FSRS's
predicted probability and rated Hard, Good or Easy as often as you do; a
failed card is re-drilled once the same day. The figures are the mean of
5 seeded runs, so the same store gives the same estimate.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runSimulate(opts) },
	}
	cmd.Flags().StringVar(&opts.retention, "retention", "", "desired retention to simulate, 0.70-0.99 (required)")
	cmd.Flags().IntVar(&opts.days, "days", 30, "days to simulate, 1-3650")
	cmd.Flags().StringVar(&opts.deck, "deck", "", "only this deck's cards")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

// simulationJSON is what simulate --json prints.
type simulationJSON struct {
	Retention float64   `json:"desired_retention"`
	Days      int       `json:"days"`
	Cards     int       `json:"cards"`
	Reviews   []float64 `json:"reviews_per_day"`
	Mean      float64   `json:"mean_reviews_per_day"`
	Expected  float64   `json:"expected_retention"`
	Recalled  float64   `json:"recalled_share"`
}

func runSimulate(opts *simulateOptions) error {
	if opts.retention == "" {
		return usagef("--retention is required, e.g. --retention 0.85")
	}
	r, err := parseRetention("--retention", opts.retention)
	if err != nil {
		return err
	}
	if opts.days < 1 || opts.days > 3650 {
		return usagef("--days must be from 1 to 3650, not %d", opts.days)
	}
	env := opts.root.env
	v, err := opts.root.openRead(opts.deck)
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	opts.deck = v.deck
	res, cards, err := workload(st, opts.deck, cfg, now, opts.days, func(scheduler.DeckScheduling) bool { return true }, r)
	if err != nil {
		return err
	}
	out := simulationJSON{Retention: r, Days: opts.days, Cards: cards, Reviews: res.Reviews, Expected: res.Retention, Recalled: res.Recalled}
	for _, n := range res.Reviews {
		out.Mean += n / float64(len(res.Reviews))
	}
	if opts.json {
		for i, n := range out.Reviews {
			out.Reviews[i] = math.Round(n*10) / 10
		}
		return writeJSON(env.Out, out)
	}
	w := env.Out
	fmt.Fprintf(w, "%d days at desired retention %.2f, on %d cards:\n", opts.days, r, cards)
	peak := slices.Index(res.Reviews, slices.Max(res.Reviews))
	fmt.Fprintf(w, "  reviews a day: %.1f on average, %.0f at most (day %d)\n", out.Mean, res.Reviews[peak], peak+1)
	fmt.Fprintf(w, "  recall expected at the end: %.1f%% of the cards learned; %.1f%% of the reviews recalled\n", 100*res.Retention, 100*res.Recalled)
	fmt.Fprintf(w, "  reviews per day: %s\n", dailyFigures(res.Reviews))
	return nil
}

// dailyFigures lists per-day counts, rounded.
func dailyFigures(days []float64) string {
	parts := make([]string, len(days))
	for i, n := range days {
		parts[i] = fmt.Sprintf("%.0f", n)
	}
	return strings.Join(parts, " ")
}

// workload simulates the next days of the cards of the decks (one, or all
// when deckName is "") whose scheduling include accepts, each deck at its
// own FSRS model or, if retention is not 0, at that retention; it returns
// the per-day reviews summed over the decks and the number of cards.
func workload(st *storage.Store, deckName string, cfg scheduler.Settings, now time.Time, days int, include func(scheduler.DeckScheduling) bool, retention float64) (fsrs.SimResult, int, error) {
	total := fsrs.SimResult{Reviews: make([]float64, days)}
	if st == nil {
		return total, 0, nil
	}
	events, err := deckEvents(st, deckName)
	if err != nil {
		return total, 0, err
	}
	byDeck := make(map[string][]storage.Record)
	err = st.ForEachCard(deckName, func(r storage.Record) error {
		if !r.Retired && !r.State.Suspended {
			byDeck[r.Card.Deck] = append(byDeck[r.Card.Deck], r)
		}
		return nil
	})
	if err != nil {
		return total, 0, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	cards, weight := 0, 0.0
	for _, name := range slices.Sorted(maps.Keys(byDeck)) {
		sched := cfg.Scheduling(name)
		if !include(sched) {
			continue
		}
		m := sched.Model()
		if retention != 0 {
			m.DesiredRetention = retention
		}
		opts := fsrs.SimOptions{Model: m, Days: days, NewPerDay: cfg.NewPerDay, ReviewsPerDay: cfg.ReviewsPerDay, Runs: 5, Seed: 19}
		hs := historiesByCard(events[name], cfg)
		for _, h := range hs {
			for i, it := range h {
				switch {
				case i == 0:
					opts.First[it.Rating-1]++
				case it.Rating > fsrs.Again:
					opts.Ratings[it.Rating-2]++
				}
			}
		}
		sim := make([]fsrs.SimCard, 0, len(byDeck[name]))
		for _, r := range byDeck[name] {
			h := hs[r.Card.ID]
			if len(h) == 0 || r.State.IsNew() {
				sim = append(sim, fsrs.SimCard{})
				continue
			}
			var mem fsrs.Memory
			for _, it := range h {
				mem = m.W.Next(mem, it.ElapsedDays, it.Rating)
			}
			last := -cfg.DaysBetween(r.State.LastReview, now)
			sim = append(sim, fsrs.SimCard{Memory: mem, LastDay: last, DueDay: last + m.Interval(mem.Stability)})
		}
		res := fsrs.Simulate(sim, opts)
		for i, n := range res.Reviews {
			total.Reviews[i] += n
		}
		// weight each deck's figures by its cards
		total.Retention += res.Retention * float64(len(sim))
		total.Recalled += res.Recalled * float64(len(sim))
		weight += float64(len(sim))
		cards += len(sim)
	}
	if weight > 0 {
		total.Retention /= weight
		total.Recalled /= weight
	}
	return total, cards, nil
}

// historiesByCard is scheduler.Histories keyed by card.
func historiesByCard(events []scheduler.Event, cfg scheduler.Settings) map[string]fsrs.History {
	byCard := make(map[string][]scheduler.Event)
	for _, e := range events {
		byCard[e.Card] = append(byCard[e.Card], e)
	}
	out := make(map[string]fsrs.History, len(byCard))
	for id, es := range byCard {
		if hs := scheduler.Histories(es, cfg); len(hs) == 1 {
			out[id] = hs[0]
		}
	}
	return out
}
