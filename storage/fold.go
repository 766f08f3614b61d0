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
//   - every read-write transaction other than a review's (Store.update)
//     folds first, so no writer ever builds on a state the log has moved
//     past, and it moves the mark past the entries it logs itself (a sync,
//     an adoption), whose states it writes at once;
//   - a review folds once foldEvery entries are waiting, in its own
//     transaction;
//   - Open folds in a store opened read-write, Close too, unless
//     Options.DeferFold, so a process killed between reviews leaves at most
//     foldEvery entries, which the next open folds;
//   - a read transaction of a read-write store folds first (in a write
//     transaction of its own);
//   - a store opened read-only with entries waiting refuses to open
//     (ErrNeedsUpgrade: open it once read-write), unless Options.DeferFold,
//     where only Card (which reads around them) works and every other
//     reader refuses.
//
// Folding is idempotent: it applies each unfolded entry only when its Prev
// is the state the card has by then (an entry whose Prev is not, which no
// review writes, is left alone), and moves the mark to the log's sequence
// in the same transaction, so folding again finds nothing to do, and a
// fold cut short by a crash was never committed.

// keyFolded in the meta bucket holds the fold mark: every log entry with a
// sequence number up to it is folded into the states and indexes.
var keyFolded = []byte("folded")

// foldEvery is how many unfolded log entries a review lets wait before it
// folds them in its own transaction: what a reader of a card's state reads
// around (unfoldedEntries) stays bounded by it.
const foldEvery = 64

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

// hasUnfolded reports whether any log entry is above the fold mark. A
// key that is no sequence number (damage, which Check reports) is none.
func hasUnfolded(tx *bolt.Tx) bool {
	c := newCursor(tx.Bucket(bucketLog))
	for k, _ := c.Seek(seqKey(foldMark(tx) + 1)); k != nil; k, _ = c.Next() {
		if len(k) == 8 {
			return true
		}
	}
	return false
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

// applyEntry moves a card's state along one unfolded entry: to its Next
// when the entry was made from this state, else nowhere.
func applyEntry(state scheduler.State, e LogEntry) scheduler.State {
	if e.Practice || !sameState(e.Prev, state) {
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

// foldTail folds every unfolded entry into its card's state and index
// entries, in one put per card, and moves the mark to the log's sequence.
func foldTail(tx *bolt.Tx) error {
	entries := unfoldedEntries(tx)
	type folding struct{ before, after cardState }
	cards := map[string]*folding{}
	var order []string
	for _, e := range entries {
		f := cards[e.CardID]
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
			cards[e.CardID] = f
			order = append(order, e.CardID)
		}
		f.after.state = applyEntry(f.after.state, e)
	}
	for _, id := range order {
		f := cards[id]
		if err := put(tx, &f.before, &f.after, false); err != nil {
			return fmt.Errorf("fold the reviews of card %q: %w", id, err)
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

// errUnfolded is what a reader gets from a store opened read-only with
// reviews waiting to be folded, where only Card reads around them.
var errUnfolded = fmt.Errorf("%w: reviews logged since the schedule was last brought up to date; open it once read-write", ErrNeedsUpgrade)

// Fold brings the states and indexes up to date with every review logged,
// in one transaction; it does nothing when they are. A store opened
// without Options.DeferFold folds by itself; Fold is for the end of a
// session that deferred it.
func (s *Store) Fold() error {
	if s.readOnly {
		return errors.New("fold: the store is open read-only")
	}
	if err := s.foldLogged(); err != nil {
		return fmt.Errorf("fold: %w", err)
	}
	return nil
}

// foldLogged folds when reviews wait, and otherwise writes nothing; a
// store opened read-only with reviews waiting is refused.
func (s *Store) foldLogged() error {
	waiting := false
	if err := s.viewRaw(func(tx *bolt.Tx) error { waiting = hasUnfolded(tx); return nil }); err != nil || !waiting {
		return err
	}
	if s.readOnly {
		return errUnfolded
	}
	return s.update(func(*bolt.Tx) error { return nil })
}

// foldIfMany folds, in a review's transaction, once the review logged as
// seq leaves foldEvery entries waiting.
func foldIfMany(tx *bolt.Tx, seq uint64) error {
	if seq-min(foldMark(tx), seq) < foldEvery {
		return nil
	}
	return foldTail(tx)
}
