package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
)

type optimizeOptions struct {
	root   *rootOptions
	deck   string
	dryRun bool
}

func newOptimizeCmd(root *rootOptions) *cobra.Command {
	opts := &optimizeOptions{root: root}
	cmd := &cobra.Command{
		Use:   "optimize [--deck NAME] [--dry-run]",
		Short: "Fit FSRS-6's parameters to your own reviews, deck by deck",
		Long: `Fit FSRS-6's 21 parameters to each deck's review log (or one deck's), so
that its predictions of your recall match what you answered:

  fewer than 8 usable reviews   the parameters are kept
  fewer than 64                 only the initial stabilities w0-w3 are fitted
  more                          all 21, by gradient descent on the log loss,
                                within FSRS's published bounds and pulled
                                toward the defaults

A usable review is a card's first review of a day after its first day. The
fitted parameters are kept only if their log loss on the deck's reviews is
lower than the current parameters'; both are printed. A deck scheduled by
FSRS is then rescheduled from its log with the new parameters; an SM-2 deck
keeps them for when it switches (recall deck set NAME scheduler fsrs).
--dry-run fits and prints, and saves nothing.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runOptimize(opts) },
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "only this deck")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "fit and print, but save nothing")
	return cmd
}

func runOptimize(opts *optimizeOptions) error {
	env := opts.root.env
	fitted, err := fitDecks(opts)
	if err != nil || len(fitted) == 0 || opts.dryRun {
		return err
	}
	// Written only now, with the settings as they are now.
	st, cfg, err := opts.root.openStoreSettings()
	if err != nil {
		return err
	}
	defer st.Close()
	for _, name := range slices.Sorted(maps.Keys(fitted)) {
		own, ok := cfg.Decks.Get(name)
		if !ok {
			own = scheduler.DeckScheduling{Algorithm: cfg.Scheduler.OrDefault()}
		}
		w := fitted[name]
		own.Parameters = &w
		cfg.Decks = cfg.Decks.With(name, own)
	}
	if err := opts.root.saveSettings(st, cfg); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(fitted)) {
		if cfg.Scheduling(name).Algorithm != scheduler.FSRS {
			continue
		}
		n, err := st.Reschedule(name, cfg)
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		fmt.Fprintf(env.Out, "Deck %q: %s rescheduled with the fitted parameters.\n", name, stats.CountOf(n, "card"))
	}
	return nil
}

// fitDecks fits each deck's parameters, prints the fits and returns the
// parameters that improved, by deck.
func fitDecks(opts *optimizeOptions) (map[string]fsrs.Parameters, error) {
	env := opts.root.env
	st, cfg, done, err := opts.root.openForReading()
	if err != nil {
		return nil, err
	}
	defer done()
	if opts.deck, err = requireDeck(st, opts.deck); err != nil {
		return nil, err
	}
	byDeck := map[string][]scheduler.Event{}
	if st != nil {
		if byDeck, err = deckEvents(st, opts.deck); err != nil {
			return nil, err
		}
	}
	names := slices.Sorted(maps.Keys(byDeck))
	if opts.deck != "" && len(names) == 0 {
		names = []string{opts.deck}
	}
	if len(names) == 0 {
		fmt.Fprintln(env.Out, "No reviews yet: nothing to fit.")
		return nil, nil
	}
	fitted := make(map[string]fsrs.Parameters)
	for _, name := range names {
		fit := fsrs.Optimize(cfg.Scheduling(name).Model().W, scheduler.Histories(byDeck[name], cfg))
		printFit(env.Out, name, fit)
		if fit.Improved {
			fitted[name] = fit.Fitted
		}
	}
	return fitted, nil
}

func printFit(w io.Writer, deckName string, fit fsrs.Fit) {
	fmt.Fprintf(w, "Deck %q: %s", deckName, stats.CountOf(fit.Usable, "usable review"))
	switch fit.Mode {
	case fsrs.FitNone:
		fmt.Fprintf(w, ", fewer than %d: parameters kept.\n", fsrs.MinReviewsInitial)
		return
	case fsrs.FitInitial:
		fmt.Fprintf(w, ", fewer than %d: initial stabilities w0-w3 fitted.\n", fsrs.MinReviewsFull)
	default:
		fmt.Fprintln(w, ": all 21 parameters fitted.")
	}
	verdict := "kept the current parameters (the fit is no better)"
	if fit.Improved {
		verdict = "the fitted parameters are better"
	}
	fmt.Fprintf(w, "  log loss: current %s, fitted %s: %s\n", figure(fit.CurrentLoss, 4), figure(fit.FittedLoss, 4), verdict)
	fmt.Fprintf(w, "  current: %s\n", formatParameters(fit.Current))
	fmt.Fprintf(w, "  fitted:  %s\n", formatParameters(fit.Fitted))
}

// formatParameters lists w0..w20 with four decimals.
func formatParameters(p fsrs.Parameters) string {
	parts := make([]string, len(p))
	for i, v := range p {
		parts[i] = fmt.Sprintf("%.4f", v)
	}
	return strings.Join(parts, " ")
}
