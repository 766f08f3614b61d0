package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
	"github.com/recallcards/recall/storage"
)

type whyOptions struct {
	root *rootOptions
	id   string
}

func newWhyCmd(root *rootOptions) *cobra.Command {
	opts := &whyOptions{root: root}
	return &cobra.Command{
		Use:   "why ID",
		Short: "Explain a card's schedule: its history and the rule behind each interval",
		Long: `Print a card's review history replayed with its deck's scheduler, and its
state now.

For SM-2: the easiness factor (EF), the repetitions and the interval rule
applied at each review. For FSRS-6: difficulty D, stability S and
retrievability R (the predicted recall at that review) at each review, the
interval the desired retention gives, and the parameters used.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.id = a[0]
			return runWhy(opts)
		},
	}
}

func runWhy(opts *whyOptions) error {
	env := opts.root.env
	v, err := opts.root.openReadExisting("")
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	r, err := st.Card(opts.id)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	var history []storage.LogEntry
	err = st.ForEachLog(func(e storage.LogEntry) error {
		if e.CardID == r.Card.ID {
			history = append(history, e)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	sched := cfg.Scheduling(r.Card.Deck)
	w := env.Out
	name := "SM-2"
	if sched.Algorithm == scheduler.FSRS {
		name = "FSRS-6"
	}
	fmt.Fprintf(w, "Card %s (deck %q), scheduled by %s.\n", r.Card.ID, r.Card.Deck, name)
	fmt.Fprintf(w, "Q: %s\n", text.OneLine(r.Card.Front))
	if len(history) == 0 {
		fmt.Fprintln(w, "Never reviewed: it is new.")
	} else {
		fmt.Fprintf(w, "\nHistory (%d reviews):\n", len(history))
	}
	st0 := scheduler.NewState()
	for _, e := range history {
		next, _, err := scheduler.ReviewIn(r.Card.Deck, st0, e.Grade, e.Time, cfg)
		if err != nil {
			fmt.Fprintf(w, "  %s  grade %d: not replayed (%v)\n", formatTime(e.Time, cfg), e.Grade, err)
			continue
		}
		if sched.Algorithm == scheduler.FSRS {
			fmt.Fprintf(w, "  %s  grade %d (%s)  %s\n", formatTime(e.Time, cfg), e.Grade, scheduler.RatingOf(e.Grade), fsrsStep(st0, next, e, cfg, sched.Model()))
		} else {
			fmt.Fprintf(w, "  %s  grade %d  %s\n", formatTime(e.Time, cfg), e.Grade, sm2Step(st0, next, e.Grade))
		}
		st0 = next
	}
	fmt.Fprintln(w)
	s := r.State
	if sched.Algorithm == scheduler.FSRS {
		whyFSRSNow(w, s, now, cfg, sched)
	} else {
		fmt.Fprintf(w, "Now: EF %s, %d repetitions in a row, interval %dd", s.EF, s.Reps, s.IntervalDays)
		if !s.IsNew() {
			fmt.Fprintf(w, ", due %s", formatTime(s.Due, cfg))
		}
		fmt.Fprintln(w, ".")
	}
	return nil
}

// sm2Step names the SM-2 rule a review applied (see the scheduler package).
func sm2Step(before, after scheduler.State, q scheduler.Grade) string {
	change := fmt.Sprintf("EF %s → %s, reps %d → %d, interval %dd", before.EF, after.EF, before.Reps, after.Reps, after.IntervalDays)
	switch {
	case before.Redrill && q >= 4:
		return change + ": re-drill passed; the schedule stands"
	case before.Redrill:
		return change + ": re-drill failed; again this session, the schedule stands"
	case q < 3:
		return change + ": failed (q < 3): n = 0, I = 0, back this session"
	}
	var rule string
	switch before.Reps {
	case 0:
		rule = "first success: I = 1"
	case 1:
		rule = "second success: I = 6"
	default:
		rule = fmt.Sprintf("I = ceil(%d × %s) = %d", max(before.IntervalDays, 1), after.EF, after.IntervalDays)
	}
	if q == 3 {
		rule += "; graded 3, so re-drilled today until graded 4 or more"
	}
	return change + ": " + rule
}

// fsrsStep tells what FSRS did at one review.
func fsrsStep(before, after scheduler.State, e storage.LogEntry, cfg scheduler.Settings, m fsrs.Model) string {
	if before.Algorithm != scheduler.FSRS || before.IsNew() {
		return fmt.Sprintf("first review: D %.2f, S %.2fd; interval %dd", after.Difficulty, after.Stability, after.IntervalDays)
	}
	days := cfg.DaysBetween(before.LastReview, e.Time)
	if days < 1 {
		verb := "D and S unchanged (one step a day)"
		if after.Redrill {
			verb += "; again this session"
		}
		return "same day: " + verb
	}
	r := m.W.Retrievability(float64(days), before.Stability)
	return fmt.Sprintf("%dd since the last, R %.2f: D %.2f → %.2f, S %.2fd → %.2fd; interval %dd",
		days, r, before.Difficulty, after.Difficulty, before.Stability, after.Stability, after.IntervalDays)
}

func whyFSRSNow(w io.Writer, s scheduler.State, now time.Time, cfg scheduler.Settings, sched scheduler.DeckScheduling) {
	m := sched.Model()
	if r, ok := s.Retrievability(now, cfg, m); ok {
		fmt.Fprintf(w, "Now: D %.2f, S %.2f days, R %.2f today. At desired retention %.2f an interval is %dd after the last review (maximum %dd); due %s.\n",
			s.Difficulty, s.Stability, r, m.DesiredRetention, m.Interval(s.Stability), m.MaximumInterval, formatTime(s.Due, cfg))
	} else {
		fmt.Fprintf(w, "Now: new. Desired retention %.2f.\n", m.DesiredRetention)
	}
	which := "default"
	if sched.Parameters != nil {
		which = "fitted (recall optimize)"
	}
	fmt.Fprintf(w, "Parameters (%s): %s\n", which, formatParameters(m.W))
}
