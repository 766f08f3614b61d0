package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/session"
	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// reviewOptions are the flags of recall review.
type reviewOptions struct {
	root   *rootOptions
	deck   string
	limits *limitFlags
	plain  bool
	// ahead is how many coming days' cards review ahead takes after
	// today's queue (0: none).
	ahead int
	// typed asks for each answer to be typed before it is shown.
	typed bool
	// cram drills every card of the deck as practice: logged, the
	// schedule untouched.
	cram bool
}

func newReviewCmd(root *rootOptions) *cobra.Command {
	opts := &reviewOptions{root: root}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review the cards due today",
		Long: `Review the cards due today across all decks, or one deck with --deck.

On a terminal each card shows its front; space or enter shows the answer and
its source. Grade with one key, on SM-2's scale:
  0 blackout   1 wrong; remembered once seen   2 wrong; answer seemed easy
  3 correct, serious difficulty   4 correct after hesitation   5 perfect
a, h, g and E stand for Again, Hard, Good and Easy (1, 3, 4, 5). s suspends
the card, b buries it until tomorrow, u undoes the last action of the
session, whatever it was (a grade, a suspension or a burial) and says which,
e shows the card's ID and full source, and c then opens the card in your
editor to word it your own way (see recall edit; the session goes on with
the edited card), q (or Ctrl-C) ends the session.
On a short terminal a long card scrolls with the arrow keys, j and k, PgUp
and PgDn; the grade legend always shows. Every grade is saved as it is
given. Cards graded below 4 come back later in the session.

When stdin or stdout is not a terminal, or with --plain, the session runs
line by line: a "Q: " line, one line of input to show the answer ("A: " and
"Source: " lines), then one line with the grade (0-5, again, hard, good,
easy, u, s, b, e or q; c after e edits the card). End of input ends the
session.

With --cram, every card of the deck (or of all decks), due or not, is
drilled in note order; each grade is logged as practice and no card's
schedule changes (stats, streaks, the optimizer and sync leave practice
out; recall log export shows it).

With --type, each answer is typed first (on the screen: enter checks it,
Esc shows the answer without typing; in line mode the line after "Q: "):
a "Typed: " line compares it word by word with the card's answer, case and
punctuation aside ([-missed-], {+added+}), and proposes a grade, which
enter (an empty line) takes; any grade key gives another.

With --ahead N, the cards due in the next N days follow today's, soonest
due first, graded as early reviews by the deck's scheduler (FSRS counts the
days elapsed; SM-2 does not).

On the first run, with an empty store, the built-in "Building trust" deck is
added and the session starts on it.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReview(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "review only this deck")
	opts.limits = addLimitFlags(cmd)
	f.BoolVar(&opts.plain, "plain", false, "line by line, without the terminal screen (as when input is piped)")
	f.BoolVar(&opts.cram, "cram", false, "drill every card (of --deck), due or not, as practice that leaves the schedule as it is")
	f.BoolVar(&opts.typed, "type", false, "type each answer first: a word-by-word check proposes the grade")
	f.IntVar(&opts.ahead, "ahead", 0, "after today's cards, review those due in the next `N` days early")
	return cmd
}

func runReview(ctx context.Context, opts *reviewOptions) error {
	env := opts.root.env
	// Check the flags before the store is created or filled.
	if err := opts.limits.apply(&scheduler.Settings{}); err != nil {
		return err
	}
	if opts.cram && opts.ahead > 0 {
		return usagef("--cram and --ahead cannot be used together: cram drills every card already")
	}
	if opts.ahead < 0 || opts.ahead > maxAheadDays {
		return usagef("--ahead must be a number of days from 0 to %d, not %d", maxAheadDays, opts.ahead)
	}
	now, err := env.Clock()
	if err != nil {
		return err
	}
	// RECALL_NOW was checked just above, so later readings cannot fail.
	clock := func() time.Time { t, _ := env.Clock(); return t }

	// The store stays open only to set the session up and, at the end, to
	// sum it up: while the session waits for the person reviewing it is
	// closed, and each grade opens it for its commit (sessionStore).
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	saved, err := opts.root.settings(st)
	if err != nil {
		return err
	}
	cfg := saved
	if err := opts.limits.apply(&cfg); err != nil {
		return err
	}
	keys, err := savedKeyLayout(st)
	if err != nil {
		return err
	}

	autoSync := autoSyncBefore(opts.root, st)
	line := opts.plain || !opts.root.interactive()
	welcome, err := firstRun(st, now)
	if err != nil {
		return err
	}
	if welcome == "" {
		if welcome, err = builtinNotice(st, now); err != nil {
			return err
		}
	}
	if welcome != "" {
		fmt.Fprintln(env.Out, welcome)
	}
	if opts.deck, err = requireDeck(st, opts.deck); err != nil {
		return err
	}

	var q scheduler.Queue
	if opts.cram {
		q, err = cramQueue(st, opts.deck)
	} else {
		q, err = todayQueue(st, opts.deck, now, cfg)
	}
	if err != nil {
		return err
	}
	if opts.ahead > 0 {
		if q, err = aheadQueue(st, q, opts.deck, now, opts.ahead, cfg); err != nil {
			return err
		}
	}

	if err := st.Close(); err != nil {
		return err
	}
	var store session.Store = &sessionStore{path: st.Path(), clock: clock, checkedDir: opts.root.checkedDir()}
	if opts.cram {
		store = practiceStore{store.(*sessionStore)}
	}
	sess := session.New(store, q, cfg, clock)
	r := &sessionReviewer{s: sess, cfg: cfg, clock: clock, path: st.Path(), editClock: clock}
	if opts.cram {
		r.clock = nil // no interval preview: a practice grade schedules nothing
	}
	pal := newPalette(env.styledOut(), !line && opts.root.colour())

	width := 0 // line mode leaves wrapping to whatever shows the text
	if !line {
		width = 80
		if w := opts.root.width(); w > 0 {
			width = w
		}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if q.Len() > 0 {
		if line {
			// Ctrl-C in line mode ends the session between two lines,
			// never during a store write, and the summary still prints.
			// (On the terminal screen Ctrl-C is a key like q.)
			var stop context.CancelFunc
			ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			defer stop()
			ahead := ""
			if opts.ahead > 0 {
				ahead = fmt.Sprintf(", ahead %d", len(q.Ahead))
			}
			if opts.cram {
				fmt.Fprintln(env.Out, "Cram: grades are logged as practice; no card's schedule changes.")
			}
			fmt.Fprintf(env.Out, "%s to review: new %d, review %d, re-drill %d%s.\n",
				stats.CountOf(q.Len(), "card"), len(q.New), len(q.Review), len(q.Again), ahead)
			err = runLines(ctx, r, reviewMode{keys: keys, typed: opts.typed, editor: editorOn(env)}, bufio.NewReader(env.In), env.Out)
		} else {
			// The message printed above is hidden by the screen while it
			// runs, so the screen repeats it.
			// A hang-up (the terminal closed) ends the screen the way q
			// does, so the terminal is given back as it was.
			var stop context.CancelFunc
			ctx, stop = signal.NotifyContext(ctx, syscall.SIGHUP, syscall.SIGTERM)
			defer stop()
			err = runTerminal(ctx, r, reviewMode{keys: keys, typed: opts.typed, editor: editorOn(env)}, env.In, env.styledOut(), pal, width, welcome)
		}
	}
	r.quit()
	// Whatever ended the session, what was graded is in the store: say so
	// before reporting the error. The summary reads the schedules through
	// the grades waiting to be folded into them.
	st, sumErr := opts.root.openReadOnly(st.Path(), sessionLockTimeout)
	if sumErr != nil {
		return errors.Join(err, r.err, sumErr)
	}
	opts.root.warnDamaged(st)
	sum, sumErr := buildSummary(st, sess, opts.deck, saved, clock())
	if opts.cram {
		sum.LeftToday = 0 // a cram session is nothing the day owes
	}
	if sumErr == nil {
		out := env.Out
		if !line {
			out = env.styledOut() // styled by pal; its text is sanitized
		}
		printSummary(out, pal, sum, width)
	}
	path := st.Path()
	st.Close()
	st = nil
	if sumErr == nil && sum.streakIndex != nil {
		saveStreakIndex(opts.root, path, sum.streakIndex)
	}
	foldAtSessionEnd(opts.root, path)
	if autoSync {
		autoSyncAfter(opts.root, path)
	}
	return errors.Join(err, r.err, sumErr)
}

// savedKeyLayout reads the grading key layout saved with recall config set
// keys.
func savedKeyLayout(st *storage.Store) (keyLayout, error) {
	prefs, err := st.LoadPreferences()
	if err != nil {
		return layoutSM2, err
	}
	keys, err := parseKeyLayout(prefs.Keys)
	if err != nil {
		return layoutSM2, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return keys, nil
}

// todayQueue builds the day's queue and buries the siblings it left out
// until tomorrow, so two cards that answer each other are never shown the
// same day.
func todayQueue(st *storage.Store, deckName string, now time.Time, cfg scheduler.Settings) (scheduler.Queue, error) {
	q, err := st.Queue(deckName, now, cfg)
	if err != nil {
		return q, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	tomorrow := cfg.AddDays(cfg.DayStart(now), 1)
	if err := st.BuryAll(q.Buried, tomorrow); err != nil {
		return q, fmt.Errorf("bury the siblings held back today: %w", err)
	}
	return q, nil
}

// cramQueue lists every card of a deck ("" for all decks) that is neither
// retired nor suspended, in note order, for a cram session; the
// scheduler's limits and the sibling rule are for the schedule, which cram
// leaves alone. Cards are listed as reviews, so the progress line counts
// them there.
func cramQueue(st *storage.Store, deckName string) (scheduler.Queue, error) {
	var q scheduler.Queue
	err := st.ForEachCard(deckName, func(r storage.Record) error {
		if !r.Retired && !r.State.Suspended {
			q.Review = append(q.Review, scheduler.Candidate{ID: r.Card.ID, State: r.State})
		}
		return nil
	})
	if err != nil {
		return q, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return q, nil
}

// maxAheadDays bounds --ahead: a year of early reviews is already more
// than a session holds.
const maxAheadDays = 365

// aheadQueue adds to today's queue q the cards due in the next days days,
// soonest due first, as early reviews (scheduler.Queue.WithAhead). The
// store's queue built at the start of the last of those days, without
// limits and without new cards, lists them; cards buried until then or
// siblings of today's cards are left out there.
func aheadQueue(st *storage.Store, q scheduler.Queue, deckName string, now time.Time, days int, cfg scheduler.Settings) (scheduler.Queue, error) {
	later := cfg.AddDays(cfg.DayStart(now), days)
	wide := cfg
	wide.NewPerDay, wide.ReviewsPerDay = 0, math.MaxInt
	lq, err := st.Queue(deckName, later, wide)
	if err != nil {
		return q, fmt.Errorf("store %q: cards due in the next %d days: %w", st.Path(), days, err)
	}
	today, err := st.Today(now, cfg)
	if err != nil {
		return q, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return q.WithAhead(now, today, slices.Values(append(lq.Again, lq.Review...))), nil
}

// firstRun fills an empty store with the embedded deck so that the first
// recall review has something to review, without asking anything. It
// returns the message telling the user so, or "" if the store had cards.
func firstRun(st *storage.Store, now time.Time) (string, error) {
	empty, err := st.Empty()
	if err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if !empty {
		return "", nil
	}
	res := content.Generate(content.DefaultDeck(), content.Options{Deck: content.DefaultDeckName})
	if len(res.Cards) == 0 {
		return "", fmt.Errorf("the built-in deck %q made no cards", content.DefaultDeckName)
	}
	sum, err := st.Import(content.DefaultDeckName, res.Cards, now, false)
	if err != nil {
		return "", fmt.Errorf("add the built-in deck %q: %w", content.DefaultDeckName, err)
	}
	return fmt.Sprintf("First run: added the built-in deck %q (%s) to %s.",
		content.DefaultDeckName, stats.CountOf(sum.Added, "card"), sanitize(st.Path())), nil
}

// sessionReviewer drives a session.Session for the screens, turning its
// results into what the user reads.
type sessionReviewer struct {
	s *session.Session
	// err is the first store error met while showing a card; the session
	// ends on it and the command reports it after the summary.
	err error
	// cfg and clock give the interval preview (nil clock: none).
	cfg   scheduler.Settings
	clock func() time.Time
	// path is the store's, which an edit of the card on show opens; the
	// edit is dated by editClock.
	path      string
	editClock func() time.Time
}

func (a *sessionReviewer) current() (cardView, bool) {
	// Done first: Current keeps showing the card on show after Quit.
	if a.err != nil || a.s.Done() {
		return cardView{}, false
	}
	v, err := a.s.Current()
	if err != nil {
		if !errors.Is(err, session.ErrDone) {
			a.err = err
			a.s.Quit()
		}
		return cardView{}, false
	}
	cv := newCardView(v.Record.Card)
	cv.Position, cv.Total = v.Position, v.Total
	cv.NewLeft, cv.ReviewLeft, cv.RedrillLeft, cv.AheadLeft = v.Left.New, v.Left.Review, v.Left.Redrill, v.Left.Ahead
	cv.Redrill, cv.Revealed = v.Redrill, v.Revealed
	if a.clock != nil {
		cv.Intervals = intervalPreview(v.Record, a.clock(), a.cfg)
	}
	return cv, true
}

func (a *sessionReviewer) reveal() {
	if err := a.s.Reveal(); err != nil && !errors.Is(err, session.ErrDone) {
		a.err = err
		a.s.Quit()
	}
}

func (a *sessionReviewer) grade(q scheduler.Grade) (string, error) {
	v, _ := a.current()
	out, err := a.s.Grade(q)
	switch {
	case err != nil:
		return "", err
	case out.BecameLeech:
		return fmt.Sprintf("This card keeps slipping: it is now a leech and suspended (recall unsuspend %s).", v.ID), nil
	case out.Again:
		return "It comes back later in this session.", nil
	}
	return "", nil
}

func (a *sessionReviewer) undo() (string, error) {
	u, err := a.s.Undo()
	switch {
	case errors.Is(err, session.ErrNothingToUndo):
		return "Nothing to undo in this session.", nil
	case err != nil:
		return "", err
	}
	return undoneNotice(u), nil
}

// undoneNotice says what Undo took back.
func undoneNotice(u session.Undone) string {
	switch u.Action {
	case session.ActSuspend:
		return "Undone: suspend. The card is back, unsuspended."
	case session.ActBury:
		return "Undone: bury. The card is back."
	}
	return fmt.Sprintf("Undone: grade %d (%s). The card is back as it was.", u.Grade, u.Grade.Meaning())
}

func (a *sessionReviewer) suspend() (string, error) {
	v, _ := a.current()
	if err := a.s.Suspend(); err != nil {
		return "", err
	}
	return fmt.Sprintf("Suspended (recall unsuspend %s brings it back).", v.ID), nil
}

func (a *sessionReviewer) bury() (string, error) {
	if err := a.s.Bury(); err != nil {
		return "", err
	}
	return "Buried until tomorrow.", nil
}

func (a *sessionReviewer) quit() { a.s.Quit() }

func (a *sessionReviewer) beginEdit() (*cardEdit, error) {
	v, ok := a.current()
	if !ok {
		return nil, session.ErrDone
	}
	// CardEdit reads around the session's grades waiting to be folded.
	st, err := storage.Open(a.path, storage.Options{LockTimeout: sessionLockTimeout, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return beginEdit(st, v.ID)
}

func (a *sessionReviewer) finishEdit(e *cardEdit, editorErr error) (string, error) {
	open := func() (*storage.Store, error) {
		return storage.Open(a.path, storage.Options{LockTimeout: sessionLockTimeout, Clock: a.editClock})
	}
	notice, err := e.finish(open, a.editClock(), editorErr)
	if err != nil {
		// The session goes on; the message says what became of the text.
		return sanitize(text.OneLine(err.Error())), nil
	}
	if err := a.s.Reload(); err != nil && !errors.Is(err, session.ErrDone) {
		return "", err
	}
	return notice, nil
}

// buildSummary gathers the session's summary and what comes next from
// the store. cfg is the saved settings, which tomorrow will use whatever
// limits this run was given.
func buildSummary(st *storage.Store, sess *session.Session, deckName string, cfg scheduler.Settings, now time.Time) (summaryView, error) {
	s := sess.Summary()
	v := summaryView{
		Reviewed: s.Cards, Correct: s.Correct, Spent: s.Time, Redrills: s.Redrills,
		NewLearned: s.NewLearned, Suspended: s.Suspended, Buried: s.Buried,
		// Cards reviewed ahead and not reached are not owed today.
		LeftToday: s.Left - s.LeftAhead,
		Now:       now, Settings: cfg,
	}
	for _, c := range s.Leeches {
		v.LeechNotices = append(v.LeechNotices, fmt.Sprintf("Leech, suspended: %s (%s).", sanitize(c.Front), sanitize(c.ID)))
	}
	var err error
	if v.StreakDays, v.streakIndex, err = streakDays(st, now, cfg); err != nil {
		return v, err
	}
	// Tomorrow's queue as it will be built when the day starts: limits and
	// sibling burying included, so the count is what the user will see.
	tomorrow := cfg.AddDays(cfg.DayStart(now), 1)
	tq, err := st.Queue(deckName, tomorrow, cfg)
	if err != nil {
		return v, fmt.Errorf("build tomorrow's queue: %w", err)
	}
	v.DueTomorrow, v.NewTomorrow = len(tq.Again)+len(tq.Review), len(tq.New)
	v.NextDue, v.HasNextDue, err = st.NextDue(deckName, now)
	if err != nil {
		return v, fmt.Errorf("find the next due card: %w", err)
	}
	if v.NewTomorrow > 0 && (!v.HasNextDue || v.NextDue.After(tomorrow)) {
		v.NextDue, v.HasNextDue = tomorrow, true
	}
	v.NothingDue = s.Answers == 0 && s.Left == 0 && s.Suspended == 0 && s.Buried == 0
	return v, nil
}

// saveStreakIndex stores the streak index for the next summary. It is a
// cache: a store in use elsewhere, or any other failure, only costs the
// next summary a longer read, so it is not reported.
func saveStreakIndex(root *rootOptions, path string, index []byte) {
	st, err := storage.Open(path, root.storeOptions(sessionLockTimeout, false))
	if err != nil {
		return
	}
	_ = st.SetCheckpoint(streakIndexName, index)
	st.Close()
}

// streakIndexName is the store checkpoint of the streak index.
const streakIndexName = "streak"

// streakDays counts the current streak with the stats package's rule: a
// day breaks it only if cards were due and none was reviewed. It reads the
// review days from the store's streak index and, backwards, only the log
// entries logged since; without a usable index (none yet, another zone or
// rollover) it reads the whole log, and so it does when the index's newest
// entry is not found (undone). index is
// the index to store for next time, nil when the stored one is current.
func streakDays(st *storage.Store, now time.Time, cfg scheduler.Settings) (streak int, index []byte, err error) {
	waiting, ok, err := st.NextDue("", time.Time{})
	if err != nil {
		return 0, nil, fmt.Errorf("find the cards waiting: %w", err)
	}
	if !ok {
		waiting = time.Time{}
	}
	var known *stats.StreakIndex
	if b, err := st.Checkpoint(streakIndexName); err != nil {
		return 0, nil, err
	} else if b != nil {
		known, _ = stats.DecodeStreakIndex(b, cfg) // unusable: read it all
	}
	since := stats.NewStreakIndex(cfg) // the entries newer than known's
	covered, fresh := false, 0
	err = st.ForEachLogSummaryReverse(func(e storage.LogSummary) (bool, error) {
		if since.Seq() == 0 {
			since.SetNewest(e.Seq, e.Time, e.Grade)
		}
		if known != nil && known.Covers(e.Seq, e.Time, e.Grade) {
			covered = true
			return false, nil
		}
		since.Add(e.Time, e.PrevQueue)
		fresh++
		return true, nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("read the review log: %w", err)
	}
	all := since
	if covered {
		known.Merge(since)
		all = known
	}
	if fresh > 0 {
		index = all.Encode()
	}
	return all.Streak(now, waiting), index, nil
}

// printSummary writes the end-of-session report. On the terminal (width
// > 0) lines wrap at word boundaries and the first is set off in bold.
func printSummary(out io.Writer, pal palette, s summaryView, width int) {
	lines := summaryLines(s)
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(out)
	for i, l := range lines {
		if width > 0 {
			l = wrapText(l, width)
			if i == 0 {
				l = pal.title.Render(l)
			}
		}
		fmt.Fprintln(out, l)
	}
}

// foldAtSessionEnd folds the grades waiting in the store into their cards'
// schedules once storage.SessionFold of them wait, while nobody waits for
// a card: one fold for the reviews of several sessions costs fewer pages
// than one a session (issue 16). The grades are safe in the log whatever
// becomes of it, and every command reads through them, so a store another
// process holds is left for a later session, and a failure is a warning.
func foldAtSessionEnd(root *rootOptions, path string) {
	st, err := storage.Open(path, storage.Options{LockTimeout: storeLockTimeout, Clock: root.storeClock, CheckedDir: root.checkedDir()})
	if errors.Is(err, storage.ErrInUse) {
		return
	}
	if err == nil {
		err = st.FoldIfMany(storage.SessionFold)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(root.env.ErrOut, "recall: warning: the session's grades are in the review log, but folding them into the cards' schedules failed (the next session tries again): %s\n", text.OneLine(err.Error()))
	}
}
