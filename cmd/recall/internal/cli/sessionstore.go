package cli

import (
	"fmt"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/session"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// sessionLockTimeout is how long a review waits for another process (an
// import, a backup) to release the store before a grade fails. The person
// reviewing is waiting anyway, and an import of a large vault takes a few
// seconds.
const sessionLockTimeout = 15 * time.Second

// sessionStore is the store as a review session uses it: it opens the
// store for each read or commit and closes it straight after, so the store
// is never locked while the session waits for the person reviewing. Other
// recall processes (due, stats, backup, even import or undo) work in
// between. Every grade is committed by storage.Store.Review, which reads
// the card's state afresh inside its transaction, so a change made by
// another process between two grades is built on, never overwritten.
type sessionStore struct {
	path  string
	clock func() time.Time // dates sync events (suspend, bury, undo)
	// checkedDir is the store's Options.CheckedDir.
	checkedDir string
	// reviews are the log sequence numbers of the reviews this session
	// committed and has not undone, newest last: Undo takes back only the
	// newest of them, and only while no other process has logged one since.
	reviews []uint64
}

var _ session.Store = (*sessionStore)(nil)

// with opens the store (read-only for reads, sharing it with other readers)
// for one call of fn. A grade commits its log entry alone; the grades are
// folded into their cards' schedules at a session's end once enough wait
// (foldAtSessionEnd), and every reader reads through them meanwhile.
func (s *sessionStore) with(readOnly bool, fn func(*storage.Store) error) error {
	st, err := storage.Open(s.path, storage.Options{LockTimeout: sessionLockTimeout, ReadOnly: readOnly, Clock: s.clock, CheckedDir: s.checkedDir})
	if err != nil {
		return err
	}
	err = fn(st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *sessionStore) Card(id string) (rec storage.Record, err error) {
	err = s.with(true, func(st *storage.Store) error {
		rec, err = st.Card(id)
		return err
	})
	return rec, err
}

func (s *sessionStore) Review(id string, q scheduler.Grade, now time.Time, answer time.Duration, cfg scheduler.Settings) (e storage.LogEntry, out scheduler.Outcome, err error) {
	err = s.with(false, func(st *storage.Store) error {
		e, out, err = st.Review(id, q, now, answer, cfg)
		return err
	})
	if err == nil {
		s.reviews = append(s.reviews, e.Seq)
	}
	return e, out, err
}

func (s *sessionStore) Undo() (e storage.LogEntry, err error) {
	if len(s.reviews) == 0 {
		return e, storage.ErrNothingToUndo
	}
	last := s.reviews[len(s.reviews)-1]
	err = s.with(false, func(st *storage.Store) error {
		e, err = st.UndoReview(last)
		return err
	})
	if err != nil {
		return e, fmt.Errorf("undo the last grade: %w", err)
	}
	s.reviews = s.reviews[:len(s.reviews)-1]
	return e, nil
}

func (s *sessionStore) SetSuspended(ids []string, suspended bool) error {
	return s.with(false, func(st *storage.Store) error { return st.SetSuspended(ids, suspended) })
}

func (s *sessionStore) Bury(id string, until time.Time) error {
	return s.with(false, func(st *storage.Store) error { return st.Bury(id, until) })
}

// practiceStore is the store of a cram session: each grade is logged as
// practice (storage.Store.Practice), which leaves the card's schedule as
// it was, and a grade below 4 still brings the card back in the session.
type practiceStore struct{ *sessionStore }

func (s practiceStore) Review(id string, q scheduler.Grade, now time.Time, answer time.Duration, _ scheduler.Settings) (e storage.LogEntry, out scheduler.Outcome, err error) {
	err = s.with(false, func(st *storage.Store) error {
		e, err = st.Practice(id, q, now, answer)
		return err
	})
	if err != nil {
		return e, out, err
	}
	s.reviews = append(s.reviews, e.Seq)
	return e, scheduler.Outcome{Again: q < 4}, nil
}
