package session

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// fakeStore keeps cards and the review log in memory and records every
// call, so tests can check what was committed and in which order.
type fakeStore struct {
	cards map[string]storage.Record
	log   []storage.LogEntry
	calls []string
	// fail makes the next call whose record starts with this prefix fail.
	fail string
}

var errDiskFull = errors.New("disk full")

func (f *fakeStore) call(format string, args ...any) error {
	c := fmt.Sprintf(format, args...)
	f.calls = append(f.calls, c)
	if f.fail != "" && strings.HasPrefix(c, f.fail) {
		f.fail = ""
		return errDiskFull
	}
	return nil
}

func (f *fakeStore) Card(id string) (storage.Record, error) {
	if err := f.call("card %s", id); err != nil {
		return storage.Record{}, err
	}
	r, ok := f.cards[id]
	if !ok {
		return r, fmt.Errorf("card %q: %w", id, storage.ErrNotFound)
	}
	return r, nil
}

func (f *fakeStore) Review(id string, q scheduler.Grade, now time.Time, answer time.Duration, cfg scheduler.Settings) (storage.LogEntry, scheduler.Outcome, error) {
	if err := f.call("review %s %d %v", id, q, answer); err != nil {
		return storage.LogEntry{}, scheduler.Outcome{}, err
	}
	r := f.cards[id]
	next, out, err := scheduler.Review(r.State, q, now, cfg)
	if err != nil {
		return storage.LogEntry{}, out, err
	}
	e := storage.LogEntry{Seq: uint64(len(f.log) + 1), CardID: id, Time: now.UTC(), Grade: q, Prev: r.State, Next: next, Answer: answer}
	f.log = append(f.log, e)
	r.State = next
	f.cards[id] = r
	return e, out, nil
}

func (f *fakeStore) Undo() (storage.LogEntry, error) {
	if err := f.call("undo"); err != nil {
		return storage.LogEntry{}, err
	}
	if len(f.log) == 0 {
		return storage.LogEntry{}, storage.ErrNothingToUndo
	}
	e := f.log[len(f.log)-1]
	f.log = f.log[:len(f.log)-1]
	r := f.cards[e.CardID]
	r.State = e.Prev
	f.cards[e.CardID] = r
	return e, nil
}

func (f *fakeStore) SetSuspended(ids []string, suspended bool) error {
	if err := f.call("suspend %v %v", ids, suspended); err != nil {
		return err
	}
	for _, id := range ids {
		r := f.cards[id]
		r.State.Suspended = suspended
		f.cards[id] = r
	}
	return nil
}

func (f *fakeStore) Bury(id string, until time.Time) error {
	if err := f.call("bury %s %s", id, until.Format(time.RFC3339)); err != nil {
		return err
	}
	r := f.cards[id]
	r.State.BuriedUntil = until
	f.cards[id] = r
	return nil
}

// clock is a fake clock the tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

var start = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func settings() scheduler.Settings {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	return cfg
}

// Card states used in the tests' decks.
func reviewState() scheduler.State {
	return scheduler.State{Reps: 2, EF: 250, IntervalDays: 6, Due: start.AddDate(0, 0, -1), LastReview: start.AddDate(0, 0, -7)}
}

func againState() scheduler.State {
	return scheduler.State{EF: 250, Due: start.Add(-time.Hour), LastReview: start.Add(-time.Hour), Lapses: 1}
}

// fixture builds a store and a queue: again, review and new card IDs.
type fixture struct {
	store *fakeStore
	clock *clock
	queue scheduler.Queue
}

func newFixture(again, review, fresh []string) *fixture {
	fx := &fixture{store: &fakeStore{cards: map[string]storage.Record{}}, clock: &clock{t: start}}
	add := func(ids []string, state scheduler.State, to *[]scheduler.Candidate) {
		for _, id := range ids {
			c := deck.Card{ID: id, Front: "front of " + id, Back: "back of " + id}
			fx.store.cards[id] = storage.Record{Card: c, State: state}
			*to = append(*to, scheduler.Candidate{ID: id, State: state})
		}
	}
	add(again, againState(), &fx.queue.Again)
	add(review, reviewState(), &fx.queue.Review)
	add(fresh, scheduler.NewState(), &fx.queue.New)
	return fx
}

func (fx *fixture) start() *Session {
	return New(fx.store, fx.queue, settings(), fx.clock.now)
}

// answer shows the current card, reveals it and grades it q, checking that
// it is the card expected.
func answer(t *testing.T, s *Session, wantID string, q scheduler.Grade) scheduler.Outcome {
	t.Helper()
	v, err := s.Current()
	if err != nil {
		t.Fatalf("Current before grading %s: %v", wantID, err)
	}
	if v.Record.Card.ID != wantID {
		t.Fatalf("showing %s (%s), want %s", v.Record.Card.ID, v.Progress(), wantID)
	}
	if err := s.Reveal(); err != nil {
		t.Fatal(err)
	}
	out, err := s.Grade(q)
	if err != nil {
		t.Fatalf("grade %s %d: %v", wantID, q, err)
	}
	return out
}

func TestQueueOrderAndProgress(t *testing.T) {
	fx := newFixture([]string{"a1"}, []string{"r1", "r2"}, []string{"n1", "n2"})
	s := fx.start()
	want := []struct {
		id       string
		progress string
		left     Counts
		redrill  bool
	}{
		{"a1", "1 / 5", Counts{New: 2, Review: 2, Redrill: 1}, true},
		{"r1", "2 / 5", Counts{New: 2, Review: 2}, false},
		{"r2", "3 / 5", Counts{New: 2, Review: 1}, false},
		{"n1", "4 / 5", Counts{New: 2}, false},
		{"n2", "5 / 5", Counts{New: 1}, false},
	}
	for _, w := range want {
		if s.Done() {
			t.Fatalf("done before %s", w.id)
		}
		v, err := s.Current()
		if err != nil {
			t.Fatal(err)
		}
		if v.Record.Card.ID != w.id || v.Progress() != w.progress || v.Left != w.left || v.Redrill != w.redrill || v.Revealed {
			t.Fatalf("view %s %s left %+v redrill %v revealed %v; want %s %s left %+v redrill %v",
				v.Record.Card.ID, v.Progress(), v.Left, v.Redrill, v.Revealed, w.id, w.progress, w.left, w.redrill)
		}
		if v.Record.Card.Front != "front of "+w.id {
			t.Fatalf("record not loaded: %+v", v.Record)
		}
		answer(t, s, w.id, 5)
	}
	if !s.Done() {
		t.Fatal("not done after the last card")
	}
	if _, err := s.Current(); !errors.Is(err, ErrDone) {
		t.Fatalf("Current after the end: %v", err)
	}
}

func TestEmptyQueue(t *testing.T) {
	fx := newFixture(nil, nil, nil)
	s := fx.start()
	fx.clock.advance(time.Minute)
	if !s.Done() {
		t.Fatal("an empty session is not done")
	}
	if _, err := s.Current(); !errors.Is(err, ErrDone) {
		t.Errorf("Current: %v", err)
	}
	if _, err := s.Grade(4); !errors.Is(err, ErrDone) {
		t.Errorf("Grade: %v", err)
	}
	if sum := s.Summary(); sum.Cards != 0 || sum.Time != 0 || sum.CorrectRate() != 0 {
		t.Errorf("summary %+v", sum)
	}
}

func TestRevealBeforeGrade(t *testing.T) {
	fx := newFixture(nil, []string{"r1"}, nil)
	s := fx.start()
	if _, err := s.Grade(5); !errors.Is(err, ErrNotRevealed) {
		t.Errorf("grade before showing: %v", err)
	}
	if _, err := s.Current(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Grade(5); !errors.Is(err, ErrNotRevealed) {
		t.Errorf("grade before revealing: %v", err)
	}
	if err := s.Reveal(); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Current(); !v.Revealed {
		t.Error("view not revealed after Reveal")
	}
	for _, q := range []scheduler.Grade{-1, 6} {
		if _, err := s.Grade(q); err == nil || !strings.Contains(err.Error(), "not between 0 and 5") {
			t.Errorf("grade %d: %v", q, err)
		}
	}
	if slices.ContainsFunc(fx.store.calls, func(c string) bool { return strings.HasPrefix(c, "review") }) {
		t.Errorf("a refused grade reached the store: %q", fx.store.calls)
	}
	if _, err := s.Grade(5); err != nil {
		t.Errorf("grade after revealing: %v", err)
	}
}

func TestGradeCommitsBeforeNextCard(t *testing.T) {
	fx := newFixture(nil, []string{"r1", "r2"}, nil)
	s := fx.start()
	if _, err := s.Current(); err != nil {
		t.Fatal(err)
	}
	fx.clock.advance(9 * time.Second)
	if err := s.Reveal(); err != nil {
		t.Fatal(err)
	}
	fx.clock.advance(3 * time.Second)

	// The store fails: nothing moves, the card can be graded again.
	fx.store.fail = "review"
	if _, err := s.Grade(4); !errors.Is(err, errDiskFull) {
		t.Fatalf("grade with a failing store: %v", err)
	}
	if v, err := s.Current(); err != nil || v.Record.Card.ID != "r1" || !v.Revealed || v.Progress() != "1 / 2" {
		t.Fatalf("after a failed commit: %+v %v", v, err)
	}
	if len(fx.store.log) != 0 {
		t.Fatalf("log after a failed commit: %+v", fx.store.log)
	}

	fx.clock.advance(time.Second)
	if _, err := s.Grade(4); err != nil {
		t.Fatal(err)
	}
	if len(fx.store.log) != 1 {
		t.Fatalf("grade returned before the review was in the store: log %+v", fx.store.log)
	}
	e := fx.store.log[0]
	if e.CardID != "r1" || e.Grade != 4 || !e.Time.Equal(start.Add(13*time.Second)) || e.Answer != 13*time.Second {
		t.Errorf("log entry %+v; want r1 graded 4 at +13s, answered in 13s", e)
	}
	if _, err := s.Current(); err != nil {
		t.Fatal(err)
	}
	review := slices.IndexFunc(fx.store.calls, func(c string) bool { return strings.HasPrefix(c, "review r1 4") })
	next := slices.Index(fx.store.calls, "card r2")
	if review < 0 || next < review {
		t.Errorf("next card loaded before the grade was committed: %q", fx.store.calls)
	}
}

func TestRepeatUntilGradedFourOrFive(t *testing.T) {
	tests := []struct {
		name   string
		review []string
		steps  []step
	}{
		{
			name:   "failed card returns after three others, then at the end",
			review: []string{"A", "B", "C", "D", "E"},
			steps: []step{
				{"A", 2, "1 / 5", Counts{Review: 5}},
				{"B", 5, "2 / 6", Counts{Review: 4, Redrill: 1}},
				{"C", 5, "3 / 6", Counts{Review: 3, Redrill: 1}},
				{"D", 5, "4 / 6", Counts{Review: 2, Redrill: 1}},
				{"A", 3, "5 / 6", Counts{Review: 1, Redrill: 1}}, // q=3 sets SM-2's re-drill flag
				{"E", 5, "6 / 7", Counts{Review: 1, Redrill: 1}},
				{"A", 0, "7 / 7", Counts{Redrill: 1}}, // a re-drill failed: again
				{"A", 4, "8 / 8", Counts{Redrill: 1}}, // clears it
			},
		},
		{
			name:   "a lone card comes straight back",
			review: []string{"A"},
			steps: []step{
				{"A", 1, "1 / 1", Counts{Review: 1}},
				{"A", 1, "2 / 2", Counts{Redrill: 1}},
				{"A", 5, "3 / 3", Counts{Redrill: 1}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(nil, tt.review, nil)
			s := fx.start()
			for i, st := range tt.steps {
				v, err := s.Current()
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if v.Progress() != st.progress || v.Left != st.left {
					t.Fatalf("step %d: %s left %+v; want %s left %+v", i, v.Progress(), v.Left, st.progress, st.left)
				}
				out := answer(t, s, st.id, st.grade)
				if out.Again != (st.grade < 4) {
					t.Fatalf("step %d: outcome %+v", i, out)
				}
			}
			if !s.Done() {
				v, _ := s.Current()
				t.Fatalf("cards left after the last step: %s", v.Record.Card.ID)
			}
			if st := fx.store.cards["A"].State; st.Redrill {
				t.Errorf("A still flagged for re-drill: %+v", st)
			}
		})
	}
}

type step struct {
	id       string
	grade    scheduler.Grade
	progress string
	left     Counts
}

func TestUndo(t *testing.T) {
	fx := newFixture(nil, []string{"A", "B", "C"}, nil)
	s := fx.start()
	before := fx.store.cards["A"]

	answer(t, s, "A", 1) // A goes back in line after B and C
	if _, err := s.Current(); err != nil {
		t.Fatal(err)
	}
	if err := s.Reveal(); err != nil { // B is on show, revealed
		t.Fatal(err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := fx.store.cards["A"]; !equalRecords(got, before) || len(fx.store.log) != 0 {
		t.Fatalf("store after undo: %+v, log %d entries; want %+v", got.State, len(fx.store.log), before.State)
	}
	v, err := s.Current()
	if err != nil {
		t.Fatal(err)
	}
	if v.Record.Card.ID != "A" || v.Revealed || v.Progress() != "1 / 3" || v.Left != (Counts{Review: 3}) || v.Record.State != before.State {
		t.Fatalf("after undo: %s %s revealed %v left %+v", v.Record.Card.ID, v.Progress(), v.Revealed, v.Left)
	}
	if sum := s.Summary(); sum.Answers != 0 || sum.Cards != 0 {
		t.Fatalf("summary after undo: %+v", sum)
	}

	// The answer time restarts with the new showing.
	fx.clock.advance(4 * time.Second)
	answer(t, s, "A", 5)
	if e := fx.store.log[0]; e.Answer != 4*time.Second {
		t.Errorf("answer time after undo: %v", e.Answer)
	}
	// A is not in line twice: B, C and the end.
	answer(t, s, "B", 5)
	answer(t, s, "C", 4)
	if !s.Done() {
		v, _ := s.Current()
		t.Fatalf("left over after undo: %s", v.Record.Card.ID)
	}

	// Undo at the end brings the last card back; undo twice goes further.
	for _, id := range []string{"C", "B"} {
		if _, err := s.Undo(); err != nil {
			t.Fatal(err)
		}
		if v, err := s.Current(); err != nil || v.Record.Card.ID != id {
			t.Fatalf("after undo: %+v %v; want %s", v.Record.Card.ID, err, id)
		}
	}
	if s.Done() || len(fx.store.log) != 1 {
		t.Fatalf("done %v, log %d", s.Done(), len(fx.store.log))
	}
}

func equalRecords(a, b storage.Record) bool {
	return a.State == b.State && a.Card.ID == b.Card.ID && a.Retired == b.Retired
}

func TestUndoNothing(t *testing.T) {
	fx := newFixture(nil, []string{"A"}, nil)
	// A review from an earlier session is in the log: the session must not
	// undo it.
	fx.store.log = []storage.LogEntry{{Seq: 1, CardID: "A"}}
	s := fx.start()
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo with nothing graded: %v", err)
	}
	if slices.Contains(fx.store.calls, "undo") || len(fx.store.log) != 1 {
		t.Fatalf("the store was asked to undo: %q", fx.store.calls)
	}

	// A store failure leaves the session as it was.
	answer(t, s, "A", 4)
	fx.store.fail = "undo"
	if _, err := s.Undo(); !errors.Is(err, errDiskFull) {
		t.Fatalf("undo with a failing store: %v", err)
	}
	if !s.Done() || s.Summary().Answers != 1 {
		t.Fatalf("session changed by a failed undo: done %v, %+v", s.Done(), s.Summary())
	}

	// After Quit there is nothing to undo from the session.
	s.Quit()
	if _, err := s.Undo(); !errors.Is(err, ErrDone) {
		t.Fatalf("undo after quit: %v", err)
	}
}

func TestSuspendAndBury(t *testing.T) {
	tests := []struct {
		name      string
		now       time.Time
		act       func(*Session) error
		wantCall  string
		suspended int
		buried    int
	}{
		{"suspend", start, (*Session).Suspend, "suspend [A] true", 1, 0},
		{"bury at noon: until tomorrow 4:00", start, (*Session).Bury, "bury A 2025-03-11T04:00:00Z", 0, 1},
		{"bury at 2:00: the day began yesterday", start.Add(-10 * time.Hour), (*Session).Bury, "bury A 2025-03-10T04:00:00Z", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(nil, []string{"A", "B"}, nil)
			fx.clock.t = tt.now
			s := fx.start()
			if err := tt.act(s); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(fx.store.calls, tt.wantCall) {
				t.Errorf("store calls %q, want %q", fx.store.calls, tt.wantCall)
			}
			v, err := s.Current()
			if err != nil || v.Record.Card.ID != "B" || v.Progress() != "1 / 1" {
				t.Fatalf("after: %s %s %v; want B 1 / 1", v.Record.Card.ID, v.Progress(), err)
			}
			if len(fx.store.log) != 0 {
				t.Errorf("a review was logged: %+v", fx.store.log)
			}
			if err := tt.act(s); err != nil { // the last card
				t.Fatal(err)
			}
			if !s.Done() {
				t.Error("not done after putting away the last card")
			}
			if sum := s.Summary(); sum.Suspended != 2*tt.suspended || sum.Buried != 2*tt.buried || sum.Cards != 0 {
				t.Errorf("summary %+v", sum)
			}
			if err := tt.act(s); !errors.Is(err, ErrDone) {
				t.Errorf("after the end: %v", err)
			}
		})
	}

	t.Run("store failure keeps the card", func(t *testing.T) {
		fx := newFixture(nil, []string{"A", "B"}, nil)
		s := fx.start()
		fx.store.fail = "suspend"
		if err := s.Suspend(); !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), `"A"`) {
			t.Fatalf("suspend: %v", err)
		}
		if v, _ := s.Current(); v.Record.Card.ID != "A" {
			t.Fatalf("card on show after a failed suspend: %s", v.Record.Card.ID)
		}
	})
}

func TestCardsGoneBeforeTheirTurn(t *testing.T) {
	fx := newFixture(nil, []string{"A", "B", "C", "D", "E"}, nil)
	s := fx.start()
	delete(fx.store.cards, "B")
	c := fx.store.cards["C"]
	c.Retired = true
	fx.store.cards["C"] = c
	d := fx.store.cards["D"]
	d.State.Suspended = true
	fx.store.cards["D"] = d

	answer(t, s, "A", 5)
	answer(t, s, "E", 5)
	if !s.Done() {
		t.Fatal("not done")
	}

	fx2 := newFixture(nil, []string{"A"}, nil)
	s2 := fx2.start()
	fx2.store.fail = "card"
	if _, err := s2.Current(); !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), `"A"`) {
		t.Errorf("a store error on showing: %v", err)
	}
	if _, err := s2.Current(); err != nil {
		t.Errorf("showing again after the error: %v", err)
	}
}

func TestQuitMidway(t *testing.T) {
	fx := newFixture(nil, []string{"A", "B", "C", "D"}, nil)
	s := fx.start()
	answer(t, s, "A", 1)
	answer(t, s, "B", 5)
	if _, err := s.Current(); err != nil {
		t.Fatal(err)
	}
	fx.clock.advance(time.Minute)
	s.Quit()
	fx.clock.advance(time.Hour) // the summary screen stays up a while
	s.Quit()                    // quitting twice changes nothing
	if !s.Done() {
		t.Fatal("not done after Quit")
	}
	for name, err := range map[string]error{
		"Current": func() error { _, err := s.Current(); return err }(),
		"Reveal":  s.Reveal(),
		"Grade":   func() error { _, err := s.Grade(4); return err }(),
		"Suspend": s.Suspend(),
		"Bury":    s.Bury(),
	} {
		if !errors.Is(err, ErrDone) {
			t.Errorf("%s after Quit: %v", name, err)
		}
	}
	sum := s.Summary()
	want := Summary{Cards: 2, Answers: 2, Correct: 1, Left: 3, Quit: true, Time: time.Minute}
	if !summaryEqual(sum, want) {
		t.Errorf("summary\n got %+v\nwant %+v", sum, want)
	}
	if len(fx.store.log) != 2 {
		t.Errorf("log has %d entries, want the 2 grades", len(fx.store.log))
	}
}

func summaryEqual(a, b Summary) bool {
	ids := func(cs []deck.Card) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	la, lb := ids(a.Leeches), ids(b.Leeches)
	a.Leeches, b.Leeches = nil, nil
	return reflect.DeepEqual(a, b) && slices.Equal(la, lb)
}

func TestSummary(t *testing.T) {
	fx := newFixture([]string{"X"}, []string{"R1", "R2"}, []string{"N1", "N2", "N3"})
	s := fx.start()
	script := []struct {
		id    string
		grade scheduler.Grade
	}{
		{"X", 5},  // failed earlier today: a re-drill, first answer correct
		{"R1", 3}, // correct with difficulty: back after three cards
		{"R2", 1}, // wrong: back after three cards
		{"N1", 4}, // learnt at once
		{"N2", 2}, // wrong
		{"R1", 4}, // re-drill done
		{"R2", 4},
		{"N3", 3}, // correct, back next (one card left)
		{"N2", 3}, // correct now, still a re-drill
		{"N3", 5}, // learnt
		{"N2", 4}, // learnt at last
	}
	for _, st := range script {
		fx.clock.advance(10 * time.Second)
		answer(t, s, st.id, st.grade)
	}
	if !s.Done() {
		t.Fatal("not done at the end of the script")
	}
	fx.clock.advance(time.Hour) // after the end: not counted
	want := Summary{
		Cards:      6,
		Answers:    11,
		Correct:    4, // X, R1, N1, N3
		Redrills:   6, // X, and the repeats of R1, R2, N3 and N2 twice
		NewLearned: 3,
		Time:       110 * time.Second,
	}
	if sum := s.Summary(); !summaryEqual(sum, want) {
		t.Errorf("summary\n got %+v\nwant %+v", sum, want)
	}
	if rate := s.Summary().CorrectRate(); rate != 4.0/6 {
		t.Errorf("correct rate %v", rate)
	}
}

func TestLeechNotice(t *testing.T) {
	fx := newFixture(nil, []string{"L", "B"}, nil)
	l := fx.store.cards["L"]
	l.State.Lapses = 7
	fx.store.cards["L"] = l
	s := fx.start()

	out := answer(t, s, "L", 0)
	if !out.BecameLeech || !out.Lapsed {
		t.Fatalf("outcome %+v, want a new leech", out)
	}
	if st := fx.store.cards["L"].State; !st.Leech || !st.Suspended {
		t.Fatalf("store state %+v", st)
	}
	// The leech is suspended, so it does not come back.
	answer(t, s, "B", 5)
	if !s.Done() {
		v, _ := s.Current()
		t.Fatalf("still showing %s", v.Record.Card.ID)
	}
	sum := s.Summary()
	if len(sum.Leeches) != 1 || sum.Leeches[0].ID != "L" || sum.Leeches[0].Front != "front of L" {
		t.Errorf("leeches %+v", sum.Leeches)
	}

	// Undoing the grade takes the notice back with it.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if sum := s.Summary(); len(sum.Leeches) != 0 {
		t.Errorf("leeches after undo: %+v", sum.Leeches)
	}
	if st := fx.store.cards["L"].State; st.Leech || st.Suspended {
		t.Errorf("store state after undo %+v", st)
	}
}

// TestUndoLastAction checks that Undo takes back the last action whatever
// it was, says which, and goes back through the actions in turn.
func TestUndoLastAction(t *testing.T) {
	fx := newFixture(nil, []string{"A", "B", "C"}, nil)
	s := fx.start()
	answer(t, s, "A", 4)
	if err := s.Suspend(); err != nil { // B
		t.Fatal(err)
	}
	if err := s.Bury(); err != nil { // C
		t.Fatal(err)
	}
	if !s.Done() {
		t.Fatal("not done after the last card was buried")
	}
	want := []struct {
		action Action
		id     string
		call   string
	}{
		{ActBury, "C", "bury C 0001-01-01T00:00:00Z"},
		{ActSuspend, "B", "suspend [B] false"},
		{ActGrade, "A", "undo"},
	}
	for _, w := range want {
		u, err := s.Undo()
		if err != nil {
			t.Fatalf("undo %s: %v", w.action, err)
		}
		if u.Action != w.action || u.Card.ID != w.id {
			t.Errorf("undid %s of %s, want %s of %s", u.Action, u.Card.ID, w.action, w.id)
		}
		if got := fx.store.calls[len(fx.store.calls)-1]; got != w.call {
			t.Errorf("last store call %q, want %q", got, w.call)
		}
		v, err := s.Current()
		if err != nil || v.Record.Card.ID != w.id || v.Revealed {
			t.Errorf("after undoing %s: showing %s (revealed %v, %v), want %s hidden", w.action, v.Record.Card.ID, v.Revealed, err, w.id)
		}
	}
	r := fx.store.cards
	if r["B"].State.Suspended || !r["C"].State.BuriedUntil.IsZero() || r["A"].State != reviewState() || len(fx.store.log) != 0 {
		t.Errorf("store after undoing everything: %+v, %d log entries", r, len(fx.store.log))
	}
	if sum := s.Summary(); sum.Suspended != 0 || sum.Buried != 0 || sum.Cards != 0 {
		t.Errorf("summary after undoing everything: %+v", sum)
	}
	if v, _ := s.Current(); v.Progress() != "1 / 3" {
		t.Errorf("progress after undoing everything: %s, want 1 / 3", v.Progress())
	}
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("a fourth undo: %v", err)
	}

	t.Run("store failure undoes nothing", func(t *testing.T) {
		fx := newFixture(nil, []string{"A", "B"}, nil)
		s := fx.start()
		if err := s.Suspend(); err != nil {
			t.Fatal(err)
		}
		fx.store.fail = "suspend"
		if _, err := s.Undo(); !errors.Is(err, errDiskFull) {
			t.Fatalf("undo: %v", err)
		}
		if v, _ := s.Current(); v.Record.Card.ID != "B" {
			t.Errorf("card on show after a failed undo: %s", v.Record.Card.ID)
		}
		if u, err := s.Undo(); err != nil || u.Action != ActSuspend {
			t.Errorf("undo again: %v, %v", u, err)
		}
	})
}

// TestAheadLast: cards reviewed ahead come after today's, are counted as
// ahead while they wait, and those left at a quit are told apart.
func TestAheadLast(t *testing.T) {
	fx := newFixture(nil, []string{"R1"}, []string{"N1"})
	for _, id := range []string{"A1", "A2"} {
		fx.store.cards[id] = storage.Record{Card: deck.Card{ID: id}, State: reviewState()}
		fx.queue.Ahead = append(fx.queue.Ahead, scheduler.Candidate{ID: id, State: reviewState()})
	}
	s := fx.start()
	v, err := s.Current()
	if err != nil || v.Left != (Counts{New: 1, Review: 1, Ahead: 2}) {
		t.Fatalf("first view %+v %v", v.Left, err)
	}
	answer(t, s, "R1", 5)
	answer(t, s, "N1", 5)
	answer(t, s, "A1", 5)
	s.Quit()
	if sum := s.Summary(); sum.Left != 1 || sum.LeftAhead != 1 {
		t.Errorf("left %d, ahead %d; want 1 and 1", sum.Left, sum.LeftAhead)
	}
}
