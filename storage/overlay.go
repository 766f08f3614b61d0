package storage

import (
	"bytes"
	"fmt"
	"iter"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// Reading through the tail. The due, new and order indexes hold what the
// folded states call for; the cards the tail moves (readTail) are taken
// out of them as their folded states put them in and put back as their
// latest states would, in memory, so that a reader gives what it would on
// the folded store without writing it. The tail is at most foldEvery
// entries, so what this adds to a read is bounded whatever the store's size.

// overlay yields base, the keys of one deck's or every deck's ("") part
// of an index (bucketDue or bucketNew) in key order, with the tail's moves
// applied: a key a moved card's folded state holds is left out, and the
// keys its latest state calls for, from lo (inclusive, nil for the start)
// to hi (exclusive, nil for the end), are merged in. A card is in one deck
// and every index key ends with its card's ID, so a key names its card.
func (t *tail) overlay(index []byte, deckName string, lo, hi []byte, base iter.Seq[[]byte]) iter.Seq[[]byte] {
	if t == nil {
		return base
	}
	gone := map[string]bool{}
	var added [][]byte
	for _, id := range t.order {
		f := t.cards[id]
		for _, e := range indexEntries(&f.before.card, f.before.state) {
			if bytes.Equal(e.index, index) {
				gone[e.key] = true
			}
		}
		for _, e := range indexEntries(&f.after.card, f.after.state) {
			if bytes.Equal(e.index, index) && (deckName == "" || e.deck == deckName) && inKeyRange([]byte(e.key), lo, hi) {
				added = append(added, []byte(e.key))
			}
		}
	}
	if len(gone) == 0 && len(added) == 0 {
		return base
	}
	slices.SortFunc(added, bytes.Compare)
	return func(yield func([]byte) bool) {
		i := 0
		for k := range base {
			for ; i < len(added) && bytes.Compare(added[i], k) < 0; i++ {
				if !yield(added[i]) {
					return
				}
			}
			if gone[string(k)] {
				continue
			}
			if !yield(k) {
				return
			}
		}
		for ; i < len(added); i++ {
			if !yield(added[i]) {
				return
			}
		}
	}
}

// inKeyRange reports whether lo <= k < hi, a nil bound being none.
func inKeyRange(k, lo, hi []byte) bool {
	return (lo == nil || bytes.Compare(k, lo) >= 0) && (hi == nil || bytes.Compare(k, hi) < 0)
}

// dueDelta is what the tail changes in the number of a deck's ("" for
// all decks) due-index keys below hi.
func (t *tail) dueDelta(deckName string, hi []byte) int {
	if t == nil {
		return 0
	}
	n := 0
	count := func(cs *cardState, d int) {
		for _, e := range indexEntries(&cs.card, cs.state) {
			if bytes.Equal(e.index, bucketDue) && (deckName == "" || e.deck == deckName) && bytes.Compare([]byte(e.key), hi) < 0 {
				n += d
			}
		}
	}
	for _, id := range t.order {
		f := t.cards[id]
		count(&f.before, -1)
		count(&f.after, +1)
	}
	return n
}

// countStatus counts a card of status st (an order-index status byte)
// into info, d times (-1 takes it out).
func countStatus(info *DeckInfo, st byte, d int) {
	switch {
	case st&statusRetired != 0:
		info.Retired += d
		return
	case st&statusSuspended != 0:
		info.Suspended += d
	case st&statusNew != 0:
		info.New += d
	}
	info.Cards += d
}

// statusDelta moves the counts of deck info.Name from the moved cards'
// folded states to their latest.
func (t *tail) statusDelta(info *DeckInfo) {
	if t == nil {
		return
	}
	for _, id := range t.order {
		f := t.cards[id]
		if f.before.card.Deck != info.Name {
			continue
		}
		countStatus(info, status(f.before.card.Retired, f.before.state), -1)
		countStatus(info, status(f.after.card.Retired, f.after.state), +1)
	}
}

// checkTail verifies the entries waiting to be folded against the folded
// states: each names a card the store has, and was made from the state
// that card has by then (its folded state moved along the entries before
// it). A review always is, since every writer but a review folds first;
// one that is not means a state was changed behind the log's back, and the
// fold gives the card that entry's Next (applyEntry), so Check names it
// while it waits.
func checkTail(tx *bolt.Tx, report func(string, ...any) bool) {
	latest := map[string]scheduler.State{}
	for _, e := range unfoldedEntries(tx) {
		st, ok := latest[e.CardID]
		if !ok {
			cs, found, err := load(tx, e.CardID)
			if err != nil || !found {
				if !report("review log entry %d waits to be folded into card %q, which the store does not have under that ID", e.Seq, e.CardID) {
					return
				}
				continue
			}
			st = cs.state
		}
		if !sameState(e.Prev, st) {
			if !report("review log entry %d of card %q (%s) waits to be folded, but was made from a schedule the card does not have by then (%s; the card's: %s); folding will give the card that review's result, and the log keeps the entry",
				e.Seq, e.CardID, e.Time.Format(time.RFC3339), describeState(e.Prev), describeState(st)) {
				return
			}
		}
		latest[e.CardID] = applyEntry(st, e)
	}
}

// describeState says a schedule in a few words, for Check's messages.
func describeState(s scheduler.State) string {
	if s.IsNew() {
		return "new"
	}
	d := fmt.Sprintf("due %s, interval %d days, %d repetitions", s.Due.UTC().Format(time.RFC3339), s.IntervalDays, s.Reps)
	if s.Suspended {
		d += ", suspended"
	}
	return d
}
