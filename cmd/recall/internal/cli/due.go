package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/scheduler"
)

// dueOptions are the flags of recall due.
type dueOptions struct {
	root   *rootOptions
	deck   string
	json   bool
	limits *limitFlags
}

func newDueCmd(root *rootOptions) *cobra.Command {
	opts := &dueOptions{root: root}
	cmd := &cobra.Command{
		Use:   "due [--deck NAME] [--json]",
		Short: "Show how many cards are due today",
		Long: `Show today's work: the new cards to introduce, the due reviews and the
re-drills (cards graded below 4 earlier today), within the daily limits, and
when the next card falls due after now.

With --json it prints {"new": N, "review": N, "redrill": N, "next_due": TIME}
where TIME is RFC 3339 in UTC, or null when nothing is scheduled.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runDue(opts) },
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "count only this deck")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	opts.limits = addLimitFlags(cmd)
	return cmd
}

// dueReport is what recall due prints.
type dueReport struct {
	New     int        `json:"new"`
	Review  int        `json:"review"`
	Redrill int        `json:"redrill"`
	NextDue *time.Time `json:"next_due"`
}

func runDue(opts *dueOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	st, cfg, done, err := opts.root.openForReading()
	if err != nil {
		return err
	}
	defer done()
	if err := opts.limits.apply(&cfg); err != nil {
		return err
	}
	if opts.deck, err = requireDeck(st, opts.deck); err != nil {
		return err
	}
	var report dueReport
	if st != nil {
		q, err := st.Queue(opts.deck, now, cfg)
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		report.New, report.Review, report.Redrill = len(q.New), len(q.Review), len(q.Again)
		next, ok, err := st.NextDue(opts.deck, now)
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		if ok {
			next = next.UTC()
			report.NextDue = &next
		}
	}
	if opts.json {
		data, err := json.Marshal(report)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Out, "%s\n", data)
		return err
	}
	return printDue(opts, report, cfg)
}

func printDue(opts *dueOptions, r dueReport, cfg scheduler.Settings) error {
	next := "nothing scheduled"
	if r.NextDue != nil {
		next = formatTime(*r.NextDue, cfg)
	}
	_, err := fmt.Fprintf(opts.root.env.Out, "new       %d\nreview    %d\nre-drill  %d\nnext due  %s\n", r.New, r.Review, r.Redrill, next)
	return err
}
