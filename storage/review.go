package storage

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// LogEntry is one review in the log.
type LogEntry struct {
	Seq uint64 `json:"seq"` // position in the log, increasing
	// CardID is the card reviewed. Entries read back carry the card's
	// current ID when an import relinked it since.
	CardID string          `json:"card_id"`
	Time   time.Time       `json:"time"` // UTC
	Grade  scheduler.Grade `json:"grade"`
	Prev   scheduler.State `json:"prev"`
	Next   scheduler.State `json:"next"`
	Answer time.Duration   `json:"answer_ns"` // time taken to answer
	// Practice marks a grade given while cramming (recall review --cram):
	// logged, but it did not change the schedule (Next is Prev). Every
	// reader that schedules, counts reviews or replays history leaves
	// practice entries out; ForEachLog and its kin skip them, and only
	// ForEachLogWithPractice gives them.
	Practice bool `json:"practice,omitempty"`
}

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// appendLog appends e to the review log under the next sequence number,
// which it returns in the entry: the one way entries are written.
func appendLog(tx *bolt.Tx, e LogEntry) (LogEntry, error) {
	logs := tx.Bucket(bucketLog)
	// Log keys only ever grow, so a page that splits is never written
	// to again: fill it, rather than leave it half empty as bbolt does
	// for keys that land anywhere. The log is then about half the size,
	// and reading it (stats, export) touches half the pages.
	logs.FillPercent = 0.95
	seq, err := logs.NextSequence()
	if err != nil {
		return LogEntry{}, err
	}
	e.Seq = seq
	if err := logs.Put(seqKey(seq), encodeLog(e)); err != nil {
		return LogEntry{}, fmt.Errorf("append to the review log: %w", err)
	}
	return e, nil
}

// Review grades a card at now and records it: the log entry, which holds
// the new state, is committed (fsync'd) before Review returns. The state
// and the card's index entries follow from it when the store next folds
// (fold.go): in this transaction once foldEvery reviews wait. A retired
// card cannot be reviewed.
func (s *Store) Review(id string, q scheduler.Grade, now time.Time, answer time.Duration, cfg scheduler.Settings) (LogEntry, scheduler.Outcome, error) {
	var entry LogEntry
	var out scheduler.Outcome
	err := s.appendUpdate(func(tx *bolt.Tx) error {
		full, before, err := gradable(tx, id)
		if err != nil {
			return err
		}
		next, o, err := scheduler.ReviewIn(before.card.Deck, before.state, q, now, cfg)
		if err != nil {
			return err
		}
		entry, err = appendLog(tx, LogEntry{CardID: full, Time: now.UTC(), Grade: q, Prev: before.state, Next: next, Answer: max(answer, 0)})
		if err != nil {
			return err
		}
		if err := emitReview(tx, full, entry); err != nil {
			return err
		}
		out = o
		return foldIfMany(tx, entry.Seq)
	})
	if err != nil {
		return LogEntry{}, scheduler.Outcome{}, fmt.Errorf("review card %q: %w", id, err)
	}
	return entry, out, nil
}

// Practice logs grade q of a card at now as practice: the log entry has
// Practice set and the card's state as both Prev and Next, and the state
// is not touched, so the schedule stays as it was. The entry is committed
// before Practice returns, and the sync journal carries it marked as
// practice, which a fold skips. Undo takes it back like any review.
func (s *Store) Practice(id string, q scheduler.Grade, now time.Time, answer time.Duration) (LogEntry, error) {
	if !q.Valid() {
		return LogEntry{}, fmt.Errorf("grade %d is not between 0 and 5", int(q))
	}
	var entry LogEntry
	err := s.appendUpdate(func(tx *bolt.Tx) error {
		full, before, err := gradable(tx, id)
		if err != nil {
			return err
		}
		entry, err = appendLog(tx, LogEntry{CardID: full, Time: now.UTC(), Grade: q, Prev: before.state, Next: before.state, Answer: max(answer, 0), Practice: true})
		if err != nil {
			return err
		}
		if err := emitReview(tx, full, entry); err != nil {
			return err
		}
		return foldIfMany(tx, entry.Seq)
	})
	if err != nil {
		return LogEntry{}, fmt.Errorf("practise card %q: %w", id, err)
	}
	return entry, nil
}

// gradable finds the card id names (in full or by a unique prefix) and
// loads it with its unfolded reviews applied, refusing a retired card.
func gradable(tx *bolt.Tx, id string) (string, cardState, error) {
	full, err := resolve(tx, id)
	if err != nil {
		return "", cardState{}, err
	}
	before, _, err := loadLatest(tx, full)
	if err != nil {
		return "", cardState{}, err
	}
	if before.card.Retired {
		return "", cardState{}, fmt.Errorf("card %q is retired: its item is no longer in the notes", full)
	}
	return full, before, nil
}

// Undo removes the newest log entry and gives its card back the state it had
// before that review, exactly. It fails with ErrNothingToUndo on an empty
// log.
func (s *Store) Undo() (LogEntry, error) { return s.undo(0) }

// UndoReview is Undo for the review logged as entry seq: it undoes it only
// while it is still the newest entry, and otherwise fails with
// ErrNotNewest and changes nothing, so a session sharing the store with
// other processes never takes back a review it did not make.
func (s *Store) UndoReview(seq uint64) (LogEntry, error) {
	if seq == 0 {
		return LogEntry{}, fmt.Errorf("undo: %w", ErrNothingToUndo)
	}
	return s.undo(seq)
}

// undo removes the newest log entry; seq, unless 0, is the sequence
// number that entry must have.
func (s *Store) undo(seq uint64) (LogEntry, error) {
	var entry LogEntry
	// Not update: a review still waiting to be folded is undone by taking
	// its entry out of the log, which is all it wrote (undoWaiting); only
	// one already folded needs the fold and the card's state put back.
	err := s.appendUpdate(func(tx *bolt.Tx) error {
		c := newCursor(tx.Bucket(bucketLog))
		k, v := c.Last()
		if k == nil {
			return ErrNothingToUndo
		}
		if seq != 0 && (len(k) != 8 || binary.BigEndian.Uint64(k) != seq) {
			return fmt.Errorf("%w: review %d is no longer the newest in the log", ErrNotNewest, seq)
		}
		var err error
		if entry, err = decodeLog(k, v); err != nil {
			return err
		}
		logged := entry
		if undoWaiting(tx, entry) {
			if err := emitUndo(tx, logged, s.now()); err != nil {
				return err
			}
			return c.Delete()
		}
		if err := foldTail(tx); err != nil {
			return err
		}
		if tx.Bucket(bucketCards).Get([]byte(entry.CardID)) == nil && accountedFor(tx, entry.CardID) {
			if _, live := followAlias(tx, entry.CardID); !live {
				return fmt.Errorf("the last review was of card %q, whose deck has been removed; nothing undone", entry.CardID)
			}
		}
		id, err := resolve(tx, entry.CardID)
		if err != nil {
			return fmt.Errorf("log entry %d: %w", entry.Seq, err)
		}
		entry.CardID = id
		before, _, err := load(tx, id)
		if err != nil {
			return err
		}
		after := before
		after.state = entry.Prev
		if err := put(tx, &before, &after, false); err != nil {
			return err
		}
		if err := emitUndo(tx, logged, s.now()); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
		return setFoldMark(tx, logTop(tx))
	})
	if err != nil {
		return LogEntry{}, fmt.Errorf("undo: %w", err)
	}
	return entry, nil
}

// undoWaiting reports whether the newest entry e, a review still waiting
// to be folded, is undone by taking it out of the log alone: its card is
// in the store and was, before e, in the state e was made from, which is
// then the card's state again without a write.
func undoWaiting(tx *bolt.Tx, e LogEntry) bool {
	if e.Seq <= foldMark(tx) {
		return false
	}
	cs, ok, err := load(tx, e.CardID)
	if err != nil || !ok {
		return false
	}
	state := cs.state
	for _, w := range unfoldedEntries(tx) {
		if w.Seq < e.Seq && w.CardID == e.CardID {
			state = applyEntry(state, w)
		}
	}
	return sameState(state, e.Prev)
}

// ForEachLog calls fn for every review, oldest first, stopping at the first
// error. A damaged entry is skipped (see SetWarn), and so are practice
// entries (LogEntry.Practice): they changed no schedule. fn runs inside a
// read transaction and must not write to the store.
func (s *Store) ForEachLog(fn func(LogEntry) error) error {
	return s.forEachLog(false, fn)
}

// ForEachLogWithPractice is ForEachLog with the practice entries, for
// readers that show the whole log (recall log export).
func (s *Store) ForEachLogWithPractice(fn func(LogEntry) error) error {
	return s.forEachLog(true, fn)
}

func (s *Store) forEachLog(practice bool, fn func(LogEntry) error) error {
	return s.view(func(tx *bolt.Tx) error {
		c := newCursor(tx.Bucket(bucketLog))
		for k, v := c.First(); k != nil; k, v = c.Next() {
			e, err := readLog(k, v)
			if err != nil {
				s.skipLog(err)
				continue
			}
			if e.Practice && !practice {
				continue
			}
			e.CardID = currentID(tx, e.CardID)
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// ForEachLogReverse calls fn for every review, newest first, until fn
// returns false or an error. A damaged entry is skipped (see SetWarn), and
// so are practice entries, as ForEachLog skips them.
func (s *Store) ForEachLogReverse(fn func(LogEntry) (more bool, err error)) error {
	return s.view(func(tx *bolt.Tx) error {
		return s.logBackward(tx, func(e LogEntry, _ *cursor) (bool, error) {
			e.CardID = currentID(tx, e.CardID)
			return fn(e)
		})
	})
}

// logBackward calls fn for every review in the log, newest first, until
// fn returns false or an error, skipping damaged entries (see SetWarn) and
// practice ones; the card IDs are as logged. fn may move the cursor to
// pass over entries: the next entry is the one before where it stands.
func (s *Store) logBackward(tx *bolt.Tx, fn func(LogEntry, *cursor) (bool, error)) error {
	c := newCursor(tx.Bucket(bucketLog))
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		e, err := readLog(k, v)
		if err != nil {
			s.skipLog(err)
			continue
		}
		if e.Practice {
			continue
		}
		more, err := fn(e, c)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// currentID is the ID a logged card has now: itself, or where the alias
// table leads if an import relinked it.
func currentID(tx *bolt.Tx, id string) string {
	if tx.Bucket(bucketCards).Get([]byte(id)) != nil {
		return id
	}
	if target, ok := followAlias(tx, id); ok {
		return target
	}
	return id
}

// SetSuspended suspends or unsuspends cards, all or none: an unknown ID
// fails the whole call, naming it. Suspended cards leave the queue until
// unsuspended; a leech keeps its leech mark when unsuspended.
func (s *Store) SetSuspended(ids []string, suspended bool) error {
	return s.update(func(tx *bolt.Tx) error {
		kind := journal.KindUnsuspend
		if suspended {
			kind = journal.KindSuspend
		}
		for _, id := range ids {
			full, err := changeState(tx, id, func(st *scheduler.State) { st.Suspended = suspended })
			if err != nil {
				return err
			}
			if err := emit(tx, journal.Event{Kind: kind, Card: full, Time: s.now()}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Bury keeps a card out of the queue until `until` (a sibling was shown
// today). It leaves the review log alone.
func (s *Store) Bury(id string, until time.Time) error { return s.BuryAll([]string{id}, until) }

// BuryAll buries cards until `until`, all or none, in one transaction (one
// commit, however many siblings a queue held back): an unknown ID fails the
// whole call, naming it.
func (s *Store) BuryAll(ids []string, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, id := range ids {
			full, err := changeState(tx, id, func(st *scheduler.State) { st.BuriedUntil = until.UTC() })
			if err != nil {
				return fmt.Errorf("bury card %q: %w", id, err)
			}
			if err := emit(tx, journal.Event{Kind: journal.KindBury, Card: full, Until: until.UTC(), Time: s.now()}); err != nil {
				return err
			}
		}
		return nil
	})
}

// changeState edits a card's state and returns the card's full ID.
func changeState(tx *bolt.Tx, id string, edit func(*scheduler.State)) (string, error) {
	full, err := resolve(tx, id)
	if err != nil {
		return "", err
	}
	before, _, err := load(tx, full)
	if err != nil {
		return "", err
	}
	after := before
	edit(&after.state)
	return full, put(tx, &before, &after, false)
}
