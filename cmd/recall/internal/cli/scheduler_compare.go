package cli

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/scheduler"
)

// newSchedulerCmd groups the commands about the schedulers themselves.
func newSchedulerCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scheduler",
		Short: "Compare the schedulers (SM-2, FSRS-6) on your own review history",
		Args:  noSubcommand,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newSchedulerCompareCmd(root))
	return cmd
}

type schedulerCompareOptions struct {
	root *rootOptions
	deck string
	json bool
}

func newSchedulerCompareCmd(root *rootOptions) *cobra.Command {
	opts := &schedulerCompareOptions{root: root}
	cmd := &cobra.Command{
		Use:   "compare [--deck NAME] [--json]",
		Short: "Which scheduler predicts your memory better",
		Long: `Replay the review log in time order and, for every review of a card after
its first day, take each scheduler's probability that you would recall it,
before the answer was known; then score the predictions against what you
answered (recalled: any grade but 0-2):

  log loss     mean cross-entropy; lower is better
  RMSE (bins)  calibration: predictions grouped in 20 bins of probability,
               the root mean squared gap between each bin's mean
               prediction and its recall rate; lower is better
  AUC          discrimination: the chance that a recalled review got a
               higher prediction than a forgotten one; 0.5 is chance

The schedulers:
  SM-2            gives intervals, not probabilities; it is read as aiming
                  at 90% recall on the due day on an exponential curve,
                  R = 0.9^(t/I), t the days since the review that set the
                  interval I (the conversion srs-benchmark and the FSRS
                  optimizer use)
  FSRS-6 default  the published default parameters
  FSRS-6 fitted   parameters fitted (recall optimize's fit) on earlier
                  reviews only: the reviews are cut by time into 5 parts and
                  each part from the second on is predicted with parameters
                  fitted to the parts before it

Only a card's first review of each day counts; the first fifth of the
reviews is scored by none, so all three are scored on the same reviews.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runSchedulerCompare(opts) },
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "only this deck's reviews")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

// comparisonJSON is what --json prints.
type comparisonJSON struct {
	Deck    string                `json:"deck,omitempty"`
	Reviews int                   `json:"reviews"`
	Cards   int                   `json:"cards"`
	Results []schedulerResultJSON `json:"schedulers"`
	Verdict string                `json:"verdict"`
}

type schedulerResultJSON struct {
	Name     string   `json:"name"`
	LogLoss  *float64 `json:"log_loss"`
	RMSEBins *float64 `json:"rmse_bins"`
	AUC      *float64 `json:"auc"`
}

func runSchedulerCompare(opts *schedulerCompareOptions) error {
	env := opts.root.env
	st, cfg, done, err := opts.root.openForReading()
	if err != nil {
		return err
	}
	defer done()
	if opts.deck, err = requireDeck(st, opts.deck); err != nil {
		return err
	}
	var events []scheduler.Event
	if st != nil {
		byDeck, err := deckEvents(st, opts.deck)
		if err != nil {
			return err
		}
		for _, name := range slices.Sorted(maps.Keys(byDeck)) {
			events = append(events, byDeck[name]...)
		}
	}
	c := scheduler.Compare(events, cfg)
	rows := []struct {
		name string
		m    scheduler.Metrics
	}{{"SM-2", c.SM2}, {"FSRS-6 default", c.FSRSDefault}, {"FSRS-6 fitted", c.FSRSFitted}}
	verdict := "No reviews to compare yet: a card needs reviews on at least two days, and the first fifth of the log is only learned from."
	if c.Reviews > 0 {
		best := 0
		for i, r := range rows {
			if r.m.LogLoss < rows[best].m.LogLoss {
				best = i
			}
		}
		verdict = fmt.Sprintf("%s predicts your memory best: log loss %.4f, against %.4f for SM-2.", rows[best].name, rows[best].m.LogLoss, c.SM2.LogLoss)
		if best == 0 {
			verdict = fmt.Sprintf("SM-2 predicts your memory best: log loss %.4f, against %.4f for FSRS-6 fitted.", c.SM2.LogLoss, c.FSRSFitted.LogLoss)
		}
	}
	if opts.json {
		out := comparisonJSON{Deck: opts.deck, Reviews: c.Reviews, Cards: c.Cards, Verdict: verdict}
		for _, r := range rows {
			out.Results = append(out.Results, schedulerResultJSON{Name: r.name, LogLoss: finiteOrNil(r.m.LogLoss), RMSEBins: finiteOrNil(r.m.RMSEBins), AUC: finiteOrNil(r.m.AUC)})
		}
		return writeJSON(env.Out, out)
	}
	w := env.Out
	if c.Reviews > 0 {
		fmt.Fprintf(w, "%s of %s, each predicted before its answer:\n\n", stats.CountOf(c.Reviews, "review"), stats.CountOf(c.Cards, "card"))
		fmt.Fprintf(w, "%-16s %9s %12s %7s\n", "", "log loss", "RMSE (bins)", "AUC")
		for _, r := range rows {
			fmt.Fprintf(w, "%-16s %9s %12s %7s\n", r.name, figure(r.m.LogLoss, 4), figure(r.m.RMSEBins, 4), figure(r.m.AUC, 3))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, verdict)
	return nil
}

// figure formats a metric, "-" when it cannot be computed (AUC with one
// class only).
func figure(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return fmt.Sprintf("%.*f", decimals, x)
}

func finiteOrNil(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
