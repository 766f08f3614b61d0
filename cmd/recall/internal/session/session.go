// Package session is the review session's state machine: which card is
// shown, whether its answer is revealed, grading, suspending, burying, undo
// of the last of those, and the summary at the end. It has no terminal code; the command renders
// its state and maps keys to its methods.
//
// A card goes through three steps: its front is shown (Current), its back is
// revealed (Reveal), and it is graded (Grade). The grade is committed to the
// store before the session moves on, so nothing graded is lost if the
// session ends at any moment. Cards the scheduler wants repeated (graded
// below 4: failures and SM-2's same-day re-drills) come back after up to
// three other cards, or straight away if fewer remain, until they are graded
// 4 or 5.
package session

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// Store is what a session needs from the store; *storage.Store satisfies it.
type Store interface {
	Card(id string) (storage.Record, error)
	Review(id string, q scheduler.Grade, now time.Time, answer time.Duration, cfg scheduler.Settings) (storage.LogEntry, scheduler.Outcome, error)
	Undo() (storage.LogEntry, error)
	SetSuspended(ids []string, suspended bool) error
	Bury(id string, until time.Time) error
}

var _ Store = (*storage.Store)(nil)

// Errors a session's methods return for a move that is not allowed now.
var (
	ErrDone          = errors.New("the session is over")
	ErrNotRevealed   = errors.New("reveal the answer before grading")
	ErrNothingToUndo = errors.New("nothing to undo in this session")
)

// errUndoMismatched means the newest review in the store was not the
// session's last grade, which only another writer could cause.
var errUndoMismatched = errors.New("the store undid another card's review")

// againGap is how many other cards are shown before a card graded below 4
// comes back: long enough that the answer is not still on screen in the
// learner's mind, short enough to repeat it while it is fresh.
const againGap = 3

// origin says which part of the queue a card came from.
type origin int

const (
	fromAgain  origin = iota // re-drill or failure from earlier today
	fromReview               // due review
	fromNew                  // never reviewed
	fromAhead                // due on a coming day, reviewed early
)

// item is one showing waiting in line.
type item struct {
	id     string
	origin origin
	repeat bool // a card already graded in this session, shown again
}

// redrill reports whether the showing repeats a card graded below 4.
func (it item) redrill() bool { return it.repeat || it.origin == fromAgain }

// graded is one grade given in this session, kept so it can be undone and
// summed up.
type graded struct {
	item    item
	card    deck.Card
	grade   scheduler.Grade
	first   bool // the card's first answer in this session
	outcome scheduler.Outcome
	again   bool // a repeat of the card was put in line
}

// Action is a move the learner made on a card, which Undo can take back.
type Action int

// The actions Undo takes back.
const (
	ActGrade   Action = iota + 1 // a grade, committed to the review log
	ActSuspend                   // Suspend
	ActBury                      // Bury
)

func (a Action) String() string {
	switch a {
	case ActGrade:
		return "grade"
	case ActSuspend:
		return "suspend"
	case ActBury:
		return "bury"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Undone is what Undo took back.
type Undone struct {
	Action Action
	Card   deck.Card
	Grade  scheduler.Grade // the grade taken back, for ActGrade
}

// done is one action of this session, newest last, kept so Undo can take
// back the last one whatever it was.
type done struct {
	action Action
	item   item
	card   deck.Card
	// buriedUntil is the card's burial before Bury, which Undo restores.
	buriedUntil time.Time
}

// Counts are the showings left in line, by kind.
type Counts struct {
	New     int // never-reviewed cards
	Review  int // due reviews
	Redrill int // cards to repeat: graded below 4 today
	Ahead   int // cards due on coming days, reviewed early (--ahead)
}

// View is the card on show.
type View struct {
	Record   storage.Record
	Position int    // 1-based number of this showing in the session
	Total    int    // showings done plus showings left, this one included
	Left     Counts // showings left, this one included
	Revealed bool   // the back may be shown
	Redrill  bool   // this showing repeats a card graded below 4 today
}

// Progress returns the position as "3 / 20".
func (v View) Progress() string { return fmt.Sprintf("%d / %d", v.Position, v.Total) }

// Session is one review session. It is not safe for concurrent use.
type Session struct {
	store Store
	cfg   scheduler.Settings
	clock func() time.Time

	line    []item
	history []graded
	actions []done // every grade, suspend and bury, newest last

	// The card on show: loaded when Current first shows it.
	shown    bool
	record   storage.Record
	shownAt  time.Time
	revealed bool

	started, ended time.Time
	quit           bool
	suspended      int
	buried         int
}

// New starts a session over q, in its order: q.Again, then q.Review, then
// q.New, then q.Ahead. Burying q.Buried is left to whoever built the queue. clock gives
// the current time; the session has no other.
func New(store Store, q scheduler.Queue, cfg scheduler.Settings, clock func() time.Time) *Session {
	s := &Session{store: store, cfg: cfg, clock: clock, started: clock()}
	for o, cands := range [][]scheduler.Candidate{fromAgain: q.Again, fromReview: q.Review, fromNew: q.New, fromAhead: q.Ahead} {
		for _, c := range cands {
			s.line = append(s.line, item{id: c.ID, origin: origin(o)})
		}
	}
	if len(s.line) == 0 {
		s.ended = s.started
	}
	return s
}

// Done reports whether the session is over: quit, or no card left. Current
// may still find the session over when the last cards in line have left the
// store (suspended or retired meanwhile).
func (s *Session) Done() bool { return s.quit || len(s.line) == 0 }

// Current shows the card at the head of the line, loading it from the store
// the first time; the answer time of its grade counts from then. Cards that
// are gone, retired or suspended by the time their turn comes are dropped.
// It returns ErrDone when the session is over.
func (s *Session) Current() (View, error) {
	if err := s.show(); err != nil {
		return View{}, err
	}
	left := s.left()
	return View{
		Record:   s.record,
		Position: len(s.history) + 1,
		Total:    len(s.history) + len(s.line),
		Left:     left,
		Revealed: s.revealed,
		Redrill:  s.line[0].redrill(),
	}, nil
}

// show loads the head of the line if it is not on show yet.
func (s *Session) show() error {
	for s.quit || !s.shown {
		if s.Done() {
			s.finish()
			return ErrDone
		}
		head := s.line[0]
		rec, err := s.store.Card(head.id)
		if errors.Is(err, storage.ErrNotFound) || err == nil && (rec.Retired || rec.State.Suspended) {
			s.line = s.line[1:]
			continue
		}
		if err != nil {
			return fmt.Errorf("show card %q: %w", head.id, err)
		}
		s.shown, s.record, s.shownAt, s.revealed = true, rec, s.clock(), false
	}
	return nil
}

// unshow forgets the card on show, so the next Current loads afresh and
// restarts its answer time.
func (s *Session) unshow() { s.shown, s.revealed, s.record = false, false, storage.Record{} }

func (s *Session) left() Counts {
	var c Counts
	for _, it := range s.line {
		switch {
		case it.redrill():
			c.Redrill++
		case it.origin == fromNew:
			c.New++
		case it.origin == fromAhead:
			c.Ahead++
		default:
			c.Review++
		}
	}
	return c
}

// Reload reads the card on show from the store again (it was edited); it
// stays revealed or not, and its answer time counts afresh from now: the
// time spent editing was not spent answering.
func (s *Session) Reload() error {
	if err := s.show(); err != nil {
		return err
	}
	rec, err := s.store.Card(s.line[0].id)
	if err != nil {
		return fmt.Errorf("show card %q: %w", s.line[0].id, err)
	}
	s.record, s.shownAt = rec, s.clock()
	return nil
}

// Reveal shows the back of the current card.
func (s *Session) Reveal() error {
	if err := s.show(); err != nil {
		return err
	}
	s.revealed = true
	return nil
}

// Grade grades the current card with q and commits the review to the store
// before moving to the next card. The answer time is the time since the
// front was shown. If the store fails, nothing moves: the card stays on
// show, revealed, and can be graded again. A card graded below 4 is put
// back in line (unless it just became a leech, which suspends it); the
// returned Outcome tells the caller so it can say so.
func (s *Session) Grade(q scheduler.Grade) (scheduler.Outcome, error) {
	if s.Done() {
		return scheduler.Outcome{}, ErrDone
	}
	if !s.shown || !s.revealed {
		return scheduler.Outcome{}, ErrNotRevealed
	}
	if !q.Valid() {
		return scheduler.Outcome{}, fmt.Errorf("grade %d is not between 0 and 5", int(q))
	}
	head := s.line[0]
	now := s.clock()
	_, out, err := s.store.Review(head.id, q, now, max(now.Sub(s.shownAt), 0), s.cfg)
	if err != nil {
		return scheduler.Outcome{}, err
	}
	g := graded{item: head, card: s.record.Card, grade: q, outcome: out,
		first: !slices.ContainsFunc(s.history, func(h graded) bool { return h.item.id == head.id }),
		again: out.Again && !out.BecameLeech,
	}
	s.history = append(s.history, g)
	s.actions = append(s.actions, done{action: ActGrade, item: head, card: s.record.Card})
	s.line = s.line[1:]
	if g.again {
		repeat := item{id: head.id, origin: head.origin, repeat: true}
		s.line = slices.Insert(s.line, min(againGap, len(s.line)), repeat)
	}
	s.unshow()
	if len(s.line) == 0 {
		s.finish()
	}
	return out, nil
}

// Undo takes back the last action of this session, whatever it was, and
// says which: a grade (the store gives the card back its previous state and
// drops the log entry), a suspension (the card is unsuspended) or a burial
// (the card's burial is what it was). The card is shown again first, its
// front hidden, with the counters as they were. Actions of earlier
// sessions are not touched (ErrNothingToUndo). If the store fails, nothing
// is undone and the action can be undone again.
func (s *Session) Undo() (Undone, error) {
	if s.quit {
		return Undone{}, ErrDone
	}
	if len(s.actions) == 0 {
		return Undone{}, ErrNothingToUndo
	}
	last := s.actions[len(s.actions)-1]
	u := Undone{Action: last.action, Card: last.card}
	switch last.action {
	case ActGrade:
		g := s.history[len(s.history)-1]
		entry, err := s.store.Undo()
		if err != nil {
			return Undone{}, err
		}
		if entry.CardID != g.item.id {
			return Undone{}, fmt.Errorf("undo the grade of card %q: %w (%q)", g.item.id, errUndoMismatched, entry.CardID)
		}
		s.history = s.history[:len(s.history)-1]
		if g.again {
			if i := slices.IndexFunc(s.line, func(it item) bool { return it.id == g.item.id && it.repeat }); i >= 0 {
				s.line = slices.Delete(s.line, i, i+1)
			}
		}
		u.Grade = g.grade
	case ActSuspend:
		if err := s.store.SetSuspended([]string{last.item.id}, false); err != nil {
			return Undone{}, fmt.Errorf("unsuspend card %q: %w", last.item.id, err)
		}
		s.suspended--
	case ActBury:
		if err := s.store.Bury(last.item.id, last.buriedUntil); err != nil {
			return Undone{}, fmt.Errorf("unbury card %q: %w", last.item.id, err)
		}
		s.buried--
	}
	s.actions = s.actions[:len(s.actions)-1]
	s.line = slices.Insert(s.line, 0, last.item)
	s.unshow()
	s.ended = time.Time{}
	return u, nil
}

// Suspend suspends the current card in the store and drops it from the
// session; `recall unsuspend` brings it back.
func (s *Session) Suspend() error {
	if err := s.show(); err != nil {
		return err
	}
	id := s.line[0].id
	if err := s.store.SetSuspended([]string{id}, true); err != nil {
		return fmt.Errorf("suspend card %q: %w", id, err)
	}
	s.suspended++
	s.actions = append(s.actions, done{action: ActSuspend, item: s.line[0], card: s.record.Card})
	s.drop()
	return nil
}

// Bury puts the current card away until the next review day starts and
// drops it from the session.
func (s *Session) Bury() error {
	if err := s.show(); err != nil {
		return err
	}
	id := s.line[0].id
	until := s.cfg.AddDays(s.cfg.DayStart(s.clock()), 1)
	if err := s.store.Bury(id, until); err != nil {
		return fmt.Errorf("bury card %q: %w", id, err)
	}
	s.buried++
	s.actions = append(s.actions, done{action: ActBury, item: s.line[0], card: s.record.Card, buriedUntil: s.record.State.BuriedUntil})
	s.drop()
	return nil
}

// drop removes the card on show from the line.
func (s *Session) drop() {
	s.line = s.line[1:]
	s.unshow()
	if len(s.line) == 0 {
		s.finish()
	}
}

// Quit ends the session. Everything graded so far is already in the store.
func (s *Session) Quit() {
	if !s.quit {
		s.quit = true
		s.finish()
	}
}

func (s *Session) finish() {
	if s.ended.IsZero() {
		s.ended = s.clock()
	}
}

// Summary is what a session did.
type Summary struct {
	Cards   int // distinct cards graded
	Answers int // grades given, repeats included
	// Correct counts the cards whose first answer in the session was
	// correct in SM-2's sense, a grade of 3 or more (3 is "correct, with
	// serious difficulty"). Repeats are left out: the rate measures what
	// the learner knew when the card came up, not what they re-learnt.
	Correct  int
	Redrills int // answers to cards shown again because graded below 4 today
	// NewLearned counts new cards that were graded 4 or 5 by the end of
	// the session, i.e. that left it learnt.
	NewLearned int
	Suspended  int         // cards suspended with Suspend
	Buried     int         // cards buried with Bury
	Leeches    []deck.Card // cards that became leeches (and were suspended)
	Left       int         // showings still in line, when the session was quit
	LeftAhead  int         // of Left, cards due on coming days (q.Ahead)
	Quit       bool        // ended by Quit
	Time       time.Duration
}

// CorrectRate returns Correct / Cards, or 0 if no card was graded.
func (sum Summary) CorrectRate() float64 {
	if sum.Cards == 0 {
		return 0
	}
	return float64(sum.Correct) / float64(sum.Cards)
}

// Summary sums up the session so far. Time runs from New to the end of the
// session (Quit, or the last card leaving the line), or to now if it is
// still going.
func (s *Session) Summary() Summary {
	sum := Summary{Answers: len(s.history), Suspended: s.suspended, Buried: s.buried, Quit: s.quit}
	learnt := map[string]bool{}
	for _, g := range s.history {
		if g.first {
			sum.Cards++
			if g.grade >= 3 {
				sum.Correct++
			}
		}
		if g.item.redrill() {
			sum.Redrills++
		}
		if g.item.origin == fromNew && g.grade >= 4 && !learnt[g.item.id] {
			learnt[g.item.id] = true
			sum.NewLearned++
		}
		if g.outcome.BecameLeech {
			sum.Leeches = append(sum.Leeches, g.card)
		}
	}
	if s.quit {
		sum.Left = len(s.line)
		sum.LeftAhead = s.left().Ahead
	}
	end := s.ended
	if end.IsZero() {
		end = s.clock()
	}
	sum.Time = end.Sub(s.started)
	return sum
}
