package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// dueRange yields the due-index keys of a deck ("" for all decks) in key
// order, from lo (inclusive, nil for the start) to hi (exclusive, nil for
// the end), as the latest states put them (t, the tail, read through).
// With all decks it merges one cursor per deck, so it still reads only the
// keys in range. The keys are only valid inside tx.
func dueRange(tx *bolt.Tx, t *tail, deckName string, lo, hi []byte) iter.Seq[[]byte] {
	return t.overlay(bucketDue, deckName, lo, hi, foldedDueRange(tx, deckName, lo, hi))
}

// foldedDueRange is dueRange in the index as it is.
func foldedDueRange(tx *bolt.Tx, deckName string, lo, hi []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		type head struct {
			c *cursor
			k []byte
		}
		var heads []head
		for _, name := range deckNames(tx, bucketDue, deckName) {
			c := newCursor(deckBucket(tx, bucketDue, name))
			var k []byte
			if lo == nil {
				k, _ = c.First()
			} else {
				k, _ = c.Seek(lo)
			}
			heads = append(heads, head{c, k})
		}
		for {
			best := -1
			for i, h := range heads {
				if h.k != nil && (hi == nil || bytes.Compare(h.k, hi) < 0) && (best < 0 || bytes.Compare(h.k, heads[best].k) < 0) {
					best = i
				}
			}
			if best < 0 {
				return
			}
			if !yield(heads[best].k) {
				return
			}
			heads[best].k, _ = heads[best].c.Next()
		}
	}
}

// candidates turns index keys into queue candidates, reading each card's
// state (its latest: t, the tail, read through) and siblings only when
// BuildQueue asks for it.
func candidates(tx *bolt.Tx, t *tail, keys iter.Seq[[]byte], prefixLen int, errp *error) iter.Seq[scheduler.Candidate] {
	return func(yield func(scheduler.Candidate) bool) {
		for k := range keys {
			c, err := candidate(tx, t, string(k[prefixLen:]))
			if err != nil {
				*errp = err
				return
			}
			if !yield(c) {
				return
			}
		}
	}
}

func candidate(tx *bolt.Tx, t *tail, id string) (scheduler.Candidate, error) {
	raw := tx.Bucket(bucketState).Get([]byte(id))
	data := tx.Bucket(bucketCards).Get([]byte(id))
	if raw == nil || data == nil {
		return scheduler.Candidate{}, fmt.Errorf("index names unknown card %q; run recall check", id)
	}
	st, err := decodeState(raw)
	if err != nil {
		return scheduler.Candidate{}, fmt.Errorf("decode state of card %q: %w", id, err)
	}
	var c struct {
		Order    int      `json:"order"`
		Siblings []string `json:"siblings"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return scheduler.Candidate{}, fmt.Errorf("decode card %q: %w", id, err)
	}
	return scheduler.Candidate{ID: id, State: t.state(id, st), Order: c.Order, Siblings: c.Siblings}, nil
}

// newKeys yields the new-index keys of a deck ("" for all decks, one deck
// after another by name), in note order, as the latest states put them (t,
// the tail, read through: a review only ever takes a card out of it).
func newKeys(tx *bolt.Tx, t *tail, deckName string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for _, name := range deckNames(tx, bucketNew, deckName) {
			b := deckBucket(tx, bucketNew, name)
			keys := t.overlay(bucketNew, name, nil, nil, func(yield func([]byte) bool) {
				c := newCursor(b)
				for k, _ := c.First(); k != nil; k, _ = c.Next() {
					if !yield(k) {
						return
					}
				}
			})
			for k := range keys {
				if !yield(k) {
					return
				}
			}
		}
	}
}

// after returns the smallest time key greater than every key at t.
func after(t time.Time) []byte { return timeKey(t.Add(time.Nanosecond)) }

// Queue builds today's review queue for a deck ("" for all decks) with
// scheduler.BuildQueue, from cursors over the due and new indexes: the
// store reads only the cards that BuildQueue pulls, never all of them.
func (s *Store) Queue(deckName string, now time.Time, cfg scheduler.Settings) (scheduler.Queue, error) {
	today, err := s.Today(now, cfg)
	if err != nil {
		return scheduler.Queue{}, err
	}
	var q scheduler.Queue
	err = s.view(func(tx *bolt.Tx) error {
		dayStart := cfg.DayStart(now)
		t := readTail(tx)
		var errAgain, errDue, errFresh error
		again := candidates(tx, t, dueRange(tx, t, deckName, after(dayStart), after(now)), timeKeyLen, &errAgain)
		due := candidates(tx, t, dueRange(tx, t, deckName, nil, after(dayStart)), timeKeyLen, &errDue)
		fresh := candidates(tx, t, newKeys(tx, t, deckName), orderKeyLen, &errFresh)
		q = scheduler.BuildQueue(cfg, now, today, again, due, fresh)
		for _, err := range []error{errAgain, errDue, errFresh} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return scheduler.Queue{}, fmt.Errorf("build queue: %w", err)
	}
	return q, nil
}

// Today reads what was already done in the review day holding now, from the
// newest log entries back to the first one before the day's start (the log
// is in commit order, which is time order unless the clock was set back,
// but for the runs of other machines' reviews a sync appended, which it
// passes over): the new cards shown, the scheduled reviews done, and every
// card seen.
func (s *Store) Today(now time.Time, cfg scheduler.Settings) (scheduler.Today, error) {
	dayStart := cfg.DayStart(now)
	today := scheduler.Today{Seen: map[string]bool{}}
	newShown, reviewed := map[string]bool{}, map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		return s.logBackward(tx, func(e LogEntry, c *cursor) (bool, error) {
			if e.Time.Before(dayStart) {
				run, synced := syncedLogRun(tx, e.Seq)
				if synced && run.latest.Before(dayStart) {
					c.Seek(seqKey(run.from)) // the next entry is the one before the run
				}
				return synced, nil
			}
			e.CardID = currentID(tx, e.CardID)
			today.Seen[e.CardID] = true
			if e.Prev.IsNew() {
				newShown[e.CardID] = true
			} else if t, ok := e.Prev.QueueTime(); ok && !t.After(dayStart) {
				// Queued at or before the day's start: a scheduled review, not
				// a repetition of a card failed today.
				reviewed[e.CardID] = true
			}
			return true, nil
		})
	})
	today.NewShown, today.ReviewsDone = len(newShown), len(reviewed)
	return today, err
}

// CountDue counts the cards of a deck ("" for all decks) whose queue time
// is before `before`, walking the due index without decoding a card.
func (s *Store) CountDue(deckName string, before time.Time) (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		n = countDue(tx, readTail(tx), deckName, before)
		return nil
	})
	return n, err
}

// countDue counts as CountDue does, t (the tail) read through.
func countDue(tx *bolt.Tx, t *tail, deckName string, before time.Time) int {
	hi := timeKey(before)
	n := t.dueDelta(deckName, hi)
	for _, name := range deckNames(tx, bucketDue, deckName) {
		c := newCursor(deckBucket(tx, bucketDue, name))
		for k, _ := c.First(); k != nil && bytes.Compare(k, hi) < 0; k, _ = c.Next() {
			n++
		}
	}
	return n
}

// NextDue returns the earliest queue time after `after` among the cards of
// a deck ("" for all decks), and false if no card is scheduled after it.
func (s *Store) NextDue(deckName string, after time.Time) (time.Time, bool, error) {
	var next time.Time
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		for k := range dueRange(tx, readTail(tx), deckName, timeKey(after.Add(time.Nanosecond)), nil) {
			next, found = keyTime(k), true
			break
		}
		return nil
	})
	return next, found, err
}

// DeckInfo summarises one deck.
type DeckInfo struct {
	Name      string
	Cards     int // cards not retired
	New       int // never reviewed, not suspended: waiting to be introduced
	Due       int // in the review queue at now (re-drills included)
	Suspended int
	Retired   int
	// Root and Paths say where the deck's notes are (DeckRecord); both are
	// empty for a deck not imported from notes since recall kept them.
	Root  string
	Paths []string
}

// Decks lists the decks by name with their counts at now. The counts come
// from the indexes' keys and status bytes; no card is decoded. cfg is
// accepted for symmetry with Queue; the counts do not depend on it.
func (s *Store) Decks(now time.Time, cfg scheduler.Settings) ([]DeckInfo, error) {
	_ = cfg
	var decks []DeckInfo
	err := s.view(func(tx *bolt.Tx) error {
		t := readTail(tx)
		for _, name := range deckNames(tx, bucketOrder, "") {
			info := DeckInfo{Name: name}
			c := newCursor(deckBucket(tx, bucketOrder, name))
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if len(v) != 1 {
					return fmt.Errorf("order index of deck %q: bad status for card %q", name, k[orderKeyLen:])
				}
				countStatus(&info, v[0], 1)
			}
			t.statusDelta(&info)
			if info.Cards+info.Retired == 0 {
				continue
			}
			info.Due = countDue(tx, t, name, now.Add(time.Nanosecond))
			rec, _, err := deckRecord(tx, name)
			if err != nil {
				return err
			}
			info.Root, info.Paths = rec.Root, rec.Paths
			decks = append(decks, info)
		}
		return nil
	})
	return decks, err
}
