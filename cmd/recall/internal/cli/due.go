package cli

import (
	"fmt"
	"strings"
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
when the next card falls due after now. The counts are today's queue, the
one recall review works through and recall stats and recall decks report.

Cards held back by the sibling rule (a card and its reverse or a near
duplicate are never shown the same day; see the README) are counted on a
"held back" line with the reason, when there are any: a sibling reviewed
today, a sibling in today's queue, or buried until a later day (by the
rule on an earlier run, or with b). Only cards the daily limits would have
let in are counted; the next eligible card takes each one's place.

With --json it prints {"new": N, "review": N, "redrill": N, "held_back": N,
"next_due": TIME} where TIME is RFC 3339 in UTC, or null when nothing is
scheduled.`,
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
	New      int        `json:"new"`
	Review   int        `json:"review"`
	Redrill  int        `json:"redrill"`
	HeldBack int        `json:"held_back"`
	NextDue  *time.Time `json:"next_due"`
	reasons  []string   // why HeldBack cards are held back, for the text form
}

func runDue(opts *dueOptions) error {
	env := opts.root.env
	v, err := opts.root.openRead(opts.deck)
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	opts.deck = v.deck
	if err := opts.limits.apply(&cfg); err != nil {
		return err
	}
	var report dueReport
	if st != nil {
		q, err := st.Queue(opts.deck, now, cfg)
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		report.New, report.Review, report.Redrill = len(q.New), len(q.Review), len(q.Again)
		report.HeldBack, report.reasons = heldBack(q)
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
		return writeJSON(env.Out, report)
	}
	return printDue(opts, report, cfg)
}

func printDue(opts *dueOptions, r dueReport, cfg scheduler.Settings) error {
	next := "nothing scheduled"
	if r.NextDue != nil {
		next = formatTime(*r.NextDue, cfg)
	}
	held := ""
	if r.HeldBack > 0 {
		held = fmt.Sprintf("held back %d (%s)\n", r.HeldBack, strings.Join(r.reasons, ", "))
	}
	_, err := fmt.Fprintf(opts.root.env.Out, "new       %d\nreview    %d\nre-drill  %d\n%snext due  %s\n", r.New, r.Review, r.Redrill, held, next)
	return err
}

// heldBack counts the cards the sibling rule keeps out of today's queue,
// with the reasons in words.
func heldBack(q scheduler.Queue) (int, []string) {
	var reasons []string
	add := func(n int, why string) {
		if n > 0 {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, why))
		}
	}
	add(q.HeldBackSeen, "with a sibling reviewed today")
	add(len(q.Buried)-q.HeldBackSeen, "with a sibling in today's queue")
	add(q.BuriedNew, "buried until a later day")
	return len(q.Buried) + q.BuriedNew, reasons
}
