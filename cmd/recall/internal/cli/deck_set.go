package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/scheduler"
)

type deckSetOptions struct {
	root             *rootOptions
	deck, key, value string
}

func newDeckSetCmd(root *rootOptions) *cobra.Command {
	opts := &deckSetOptions{root: root}
	return &cobra.Command{
		Use:   "set NAME KEY VALUE",
		Short: "Change one deck's scheduling (scheduler, desired-retention, maximum-interval)",
		Long: `Change how one deck is scheduled.

Keys:
  scheduler          sm2 or fsrs. Switching recomputes every card's schedule
                     by replaying its logged reviews with the new scheduler
                     (cards never reviewed stay new); the review log itself
                     is never changed, so switching back gives the same
                     schedule as before.
  desired-retention  FSRS: recall aimed at when a card comes due (0.70-0.99)
  maximum-interval   FSRS: the longest interval in days (1-36500)

A new desired retention or maximum interval applies to each card from its
next review; cards already scheduled keep their due day.`,
		Args: args(cobra.ExactArgs(3)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.deck, opts.key, opts.value = a[0], a[1], a[2]
			return runDeckSet(opts)
		},
	}
}

func runDeckSet(opts *deckSetOptions) error {
	st, cfg, err := opts.root.openStoreSettings()
	if err != nil {
		return err
	}
	defer st.Close()
	rec, ok, err := st.FindDeck(opts.deck)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if !ok {
		return usagef("no deck named %q (recall decks lists them)", opts.deck)
	}
	opts.deck = rec.Name
	d, ok := cfg.Decks.Get(opts.deck)
	if !ok {
		d = scheduler.DeckScheduling{Algorithm: cfg.Scheduler.OrDefault()}
	}
	was := cfg.Scheduling(opts.deck).Algorithm
	switch opts.key {
	case "scheduler":
		d.Algorithm, err = parseAlgorithm("scheduler", opts.value)
	case "desired-retention":
		d.DesiredRetention, err = parseRetention("desired-retention", opts.value)
	case "maximum-interval":
		d.MaximumInterval, err = parseMaximumInterval("maximum-interval", opts.value)
	default:
		err = usagef("no deck setting named %q (scheduler, desired-retention or maximum-interval)", opts.key)
	}
	if err != nil {
		return err
	}
	cfg.Decks = cfg.Decks.With(opts.deck, d)
	if err := cfg.Validate(); err != nil {
		return usagef("%s: %v", opts.key, err)
	}
	if err := opts.root.saveSettings(st, cfg); err != nil {
		return err
	}
	if opts.key != "scheduler" || d.Algorithm == was {
		return nil
	}
	n, err := st.Reschedule(opts.deck, cfg)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	fmt.Fprintf(opts.root.env.Out, "deck %q now uses %s: %d cards rescheduled from their review history\n", opts.deck, d.Algorithm, n)
	return nil
}
