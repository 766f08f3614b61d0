package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// Folding. A review commits only its log entry: one B+tree, the fewest
// pages a durable bbolt transaction can write beside bbolt's own (issue
// 16). The card's state and its index entries follow later, folded from
// the log: every log entry with a sequence number above the fold mark
// (keyFolded in the meta bucket) is "unfolded", and its card's state is
// the Next of the newest such entry, whatever the state bucket still says.
//
// Who folds, and who reads around the unfolded entries:
//   - every read-write transaction other than a review's or an undo's
//     (Store.update) folds first, so no writer ever builds on a state the
//     log has moved past, and it moves the mark past the entries it logs
//     itself (a sync, an adoption), whose states it writes at once;
//   - a review folds once foldEvery entries are waiting, in its own
//     transaction, so a process killed between reviews leaves at most
//     foldEvery entries;
//   - a review session, at its end, folds once SessionFold wait
//     (FoldIfMany), so that one fold's pages serve several days' reviews;
//   - an undo of a review still waiting takes its entry out of the log,
//     which is all the review wrote (undoWaiting); of one folded, it folds
//     and puts the card's state back;
//   - no reader folds, and Open and Close write nothing for it: a reader
//     of the states and indexes reads through the tail in memory (tail,
//     overlay.go), a reader of one card applies its entries (loadLatest),
//     so a store opened read-only reads as the same store folded, and a
//     read never waits for, or makes wait, a review's lock for longer than
//     it reads.
//
// Folding is idempotent: it moves the mark to the log's sequence in the
// same transaction as the states, so folding again finds nothing to do,
// and a fold cut short by a crash was never committed. An entry whose Prev
// is not the state the card has by then, which no review writes, is
// applied like any other (applyEntry), and Check names it while it waits
// (checkTail); the log keeps it either way.

// keyFolded in the meta bucket holds the fold mark: every log entry with a
// sequence number up to it is folded into the states and indexes.
var keyFolded = []byte("folded")

// foldEvery is how many unfolded log entries a review lets wait before it
// folds them in its own transaction: what a reader of a card's state reads
// around (unfoldedEntries) stays bounded by it.
const foldEvery = 256

// SessionFold is how many reviews a review session lets wait when it
// ends: it folds them (FoldIfMany) once this many do, so that one fold's
// pages serve many sessions' reviews, and it is below foldEvery by more
// than a day's usual session, so that a review seldom folds by itself.
const SessionFold = 128

// markAllFolded is migration 5 → 6: a store written before folding has
// every review's state written with it.
func markAllFolded(tx *bolt.Tx) error {
	return tx.Bucket(bucketMeta).Put(keyFolded, binary.BigEndian.AppendUint64(nil, tx.Bucket(bucketLog).Sequence()))
}

// foldMark returns the fold mark. A store without one (its meta damaged)
// counts as folded up to its log's sequence: its states are left as they
// are rather than replayed from entries a later change may have passed.
func foldMark(tx *bolt.Tx) uint64 {
	v := tx.Bucket(bucketMeta).Get(keyFolded)
	if len(v) != 8 {
		return tx.Bucket(bucketLog).Sequence()
	}
	return binary.BigEndian.Uint64(v)
}

// unfoldedEntries returns the log entries above the fold mark, oldest
// first; an entry that does not decode is left out (it moves no state).
func unfoldedEntries(tx *bolt.Tx) []LogEntry {
	var entries []LogEntry
	c := newCursor(tx.Bucket(bucketLog))
	for k, v := c.Seek(seqKey(foldMark(tx) + 1)); k != nil; k, v = c.Next() {
		if e, err := decodeLog(k, v); err == nil {
			entries = append(entries, e)
		}
	}
	return entries
}

// sameState compares two states as the store keeps them.
func sameState(a, b scheduler.State) bool { return bytes.Equal(encodeState(a), encodeState(b)) }

// applyEntry moves a card's state along one unfolded entry: to its Next,
// unless it is practice, which schedules nothing. An entry whose Prev is
// not the state the card has by then (no review writes one: every other
// writer folds first) is applied all the same: its Next is what the store
// wrote as the card's state when a review wrote it at once, the newest
// thing the log knows of the card, and the log keeps the entry either
// way. Check reports such an entry while it waits (checkTail).
func applyEntry(state scheduler.State, e LogEntry) scheduler.State {
	if e.Practice {
		return state
	}
	return e.Next
}

// latestState is the state of card id given its folded state: folded
// moved along the card's unfolded entries.
func latestState(tx *bolt.Tx, id string, folded scheduler.State) scheduler.State {
	for _, e := range unfoldedEntries(tx) {
		if e.CardID == id {
			folded = applyEntry(folded, e)
		}
	}
	return folded
}

// loadLatest is load with the card's unfolded reviews applied: the card's
// state as the reviews logged so far leave it.
func loadLatest(tx *bolt.Tx, id string) (cardState, bool, error) {
	cs, ok, err := load(tx, id)
	if ok && err == nil {
		cs.state = latestState(tx, id, cs.state)
	}
	return cs, ok, err
}

// tail is the reviews waiting to be folded as one transaction sees them:
// every card they move, with its folded state (before) and the state they
// leave it in (after). Readers of the states and indexes read through it
// (overlay), so that no reader has to write the store to read it, and a
// fold writes exactly what it holds. It is bounded: a review folds once
// foldEvery entries wait.
type tail struct {
	cards map[string]*folding
	order []string // card IDs, by their first waiting entry
}

// folding is one card a tail moves.
type folding struct{ before, after cardState }

// readTail reads the tail of tx's log: nil when nothing waits, so a folded
// store's readers pay one cursor seek.
func readTail(tx *bolt.Tx) *tail {
	entries := unfoldedEntries(tx)
	if len(entries) == 0 {
		return nil
	}
	t := &tail{cards: map[string]*folding{}}
	for _, e := range entries {
		f := t.cards[e.CardID]
		if f == nil {
			cs, ok, err := load(tx, e.CardID)
			if err != nil || !ok {
				// A card that no longer decodes (Check reports it) keeps
				// what it has rather than stop every write to the store;
				// no card with the ID at all cannot be (every writer that
				// removes or relinks a card folds first). The review
				// stays in the log either way.
				continue
			}
			f = &folding{before: cs, after: cs}
			t.cards[e.CardID] = f
			t.order = append(t.order, e.CardID)
		}
		f.after.state = applyEntry(f.after.state, e)
	}
	return t
}

// moved returns the card's folding when the tail moves it.
func (t *tail) moved(id string) (*folding, bool) {
	if t == nil {
		return nil, false
	}
	f, ok := t.cards[id]
	return f, ok
}

// state is the latest state of card id, whose folded state is folded.
func (t *tail) state(id string, folded scheduler.State) scheduler.State {
	if f, ok := t.moved(id); ok {
		return f.after.state
	}
	return folded
}

// foldTail folds every unfolded entry into its card's state and index
// entries, in one put per card, and moves the mark to the log's sequence.
func foldTail(tx *bolt.Tx) error {
	if t := readTail(tx); t != nil {
		for _, id := range t.order {
			f := t.cards[id]
			if err := put(tx, &f.before, &f.after, false); err != nil {
				return fmt.Errorf("fold the reviews of card %q: %w", id, err)
			}
		}
	}
	return setFoldMark(tx, logTop(tx))
}

// logTop is the highest sequence number the log has used: its bucket's
// sequence, or its last key if that is higher (a damaged sequence).
func logTop(tx *bolt.Tx) uint64 {
	logs := tx.Bucket(bucketLog)
	top := logs.Sequence()
	if k, _ := newCursor(logs).Last(); len(k) == 8 {
		top = max(top, binary.BigEndian.Uint64(k))
	}
	return top
}

// setFoldMark writes the mark when it changes.
func setFoldMark(tx *bolt.Tx, seq uint64) error {
	meta := tx.Bucket(bucketMeta)
	if v := meta.Get(keyFolded); len(v) == 8 && binary.BigEndian.Uint64(v) == seq {
		return nil
	}
	return meta.Put(keyFolded, binary.BigEndian.AppendUint64(nil, seq))
}

// Fold brings the states and indexes up to date with every review logged,
// in one transaction; it does nothing when they are. Readers never need it
// (they read through what waits), and a review folds by itself once
// foldEvery wait; Fold is for a session's end, to fold while nobody waits
// for a card (FoldIfMany), and for tests.
func (s *Store) Fold() error { return s.FoldIfMany(1) }

// FoldIfMany folds, as Fold does, when at least n reviews wait to be
// folded, and otherwise writes nothing. A fold writes each moved card's
// state and index pages, and the tree's branches, root, freelist and meta
// once for all of them, so the more it folds at once the less each review
// costs (issue 16).
func (s *Store) FoldIfMany(n int) error {
	if s.readOnly {
		return errors.New("fold: the store is open read-only")
	}
	waiting := 0
	if err := s.view(func(tx *bolt.Tx) error { waiting = countUnfolded(tx, n); return nil }); err != nil {
		return fmt.Errorf("fold: %w", err)
	}
	if waiting == 0 || waiting < n {
		return nil
	}
	if err := s.update(func(*bolt.Tx) error { return nil }); err != nil {
		return fmt.Errorf("fold: %w", err)
	}
	return nil
}

// countUnfolded counts the log entries above the fold mark, up to limit.
func countUnfolded(tx *bolt.Tx, limit int) int {
	n := 0
	c := newCursor(tx.Bucket(bucketLog))
	for k, _ := c.Seek(seqKey(foldMark(tx) + 1)); k != nil && n < limit; k, _ = c.Next() {
		if len(k) == 8 {
			n++
		}
	}
	return n
}

// foldIfMany folds, in a review's transaction, once the review logged as
// seq leaves foldEvery entries waiting.
func foldIfMany(tx *bolt.Tx, seq uint64) error {
	if seq-min(foldMark(tx), seq) < foldEvery {
		return nil
	}
	return foldTail(tx)
}
