package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// maxProblems caps what Check reports; a badly damaged store would
// otherwise list every card.
const maxProblems = 100

// Check verifies the store: bbolt's own consistency check (page structure,
// freelist), then recall's invariants:
//
//   - the schema version is the current one and every bucket exists;
//   - every card decodes, has a state that decodes, and has exactly the
//     index entries its state calls for (indexEntries): an active card in
//     the review queue is in its deck's due index once, under its queue
//     time; a new one is in the new index; every card is in the order index
//     with the right status; a retired card is in no queue;
//   - every index entry and every state belongs to a card;
//   - every alias leads to a card;
//   - every log entry decodes, sits under its own sequence number, and names
//     a card the store knows (directly or through an alias);
//   - every review waiting to be folded names a card under its own ID and
//     was made from the schedule the card has by then (checkTail).
//
// It checks the store as it is: the indexes against the folded states, and
// the reviews waiting against them, and folds nothing (a read-only store
// is checked as well as any). It returns the problems found, at most
// maxProblems, or nil.
func (s *Store) Check() []error {
	var problems []error
	report := func(format string, args ...any) bool {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Errorf(format, args...))
		}
		return len(problems) < maxProblems
	}
	// Walk the page tree without bbolt first: a page cycle would send
	// bbolt's cursors (and its checker) round forever.
	if err := s.checkAllPages(); err != nil {
		report("%v", err)
		return problems
	}
	// Read every page through cursors next, here, under guard: bbolt's
	// Check runs in a goroutine of its own, where a page pointing outside
	// the file would crash the program instead of failing.
	if err := s.view(walkAll); err != nil {
		report("%v", err)
		return problems
	}
	err := s.view(func(tx *bolt.Tx) error {
		full := false
		for err := range tx.Check() {
			// Read to the end even when full: bbolt's checker goroutine
			// holds the transaction until its channel is drained, and
			// closing the store would wait for it forever.
			if !full && !report("bbolt: %w", err) {
				full = true
			}
		}
		if full {
			return nil
		}
		if v, want := schemaVersion(tx), uint64(len(migrations())); v != want {
			report("schema version is %d, want %d", v, want)
		}
		for _, name := range [][]byte{bucketMeta, bucketCards, bucketState, bucketDue, bucketNew, bucketOrder, bucketAlias, bucketSettings, bucketLog} {
			if tx.Bucket(name) == nil {
				report("bucket %q is missing", name)
				return nil
			}
		}
		checkCards(tx, report)
		checkLog(tx, report)
		checkTail(tx, report)
		if mark, top := foldMark(tx), logTop(tx); mark > top {
			report("the fold mark (%d) is beyond the review log's last number (%d)", mark, top)
		}
		return nil
	})
	if err != nil {
		report("read store: %w", err)
	}
	return problems
}

// checkCards compares every index with what the cards' states call for.
func checkCards(tx *bolt.Tx, report func(string, ...any) bool) {
	// want holds every index key the cards call for, by index and deck.
	want := map[string]string{} // index \x00 deck \x00 key → value
	entryKey := func(index []byte, deckName, key string) string {
		return string(index) + "\x00" + deckName + "\x00" + key
	}
	states := tx.Bucket(bucketState)
	c := newCursor(tx.Bucket(bucketCards))
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var card storedCard
		if err := json.Unmarshal(v, &card); err != nil {
			if !report("card %q does not decode: %v", k, err) {
				return
			}
			continue
		}
		if card.ID != string(k) {
			report("card stored under %q says its ID is %q", k, card.ID)
		}
		raw := states.Get(k)
		if raw == nil {
			report("card %q has no state", k)
			continue
		}
		st, err := decodeState(raw)
		if err != nil {
			report("state of card %q does not decode: %v", k, err)
			continue
		}
		for _, e := range indexEntries(&card, st) {
			want[entryKey(e.index, e.deck, e.key)] = e.value
		}
	}
	cards := tx.Bucket(bucketCards)
	sc := newCursor(states)
	for k, _ := sc.First(); k != nil; k, _ = sc.Next() {
		if cards.Get(k) == nil && !report("state for unknown card %q", k) {
			return
		}
	}
	for _, index := range [][]byte{bucketDue, bucketNew, bucketOrder} {
		prefixLen := orderKeyLen
		if bytes.Equal(index, bucketDue) {
			prefixLen = timeKeyLen
		}
		for _, name := range deckNames(tx, index, "") {
			ic := newCursor(deckBucket(tx, index, name))
			for k, v := ic.First(); k != nil; k, v = ic.Next() {
				ek := entryKey(index, name, string(k))
				value, wanted := want[ek]
				more := true
				switch {
				case len(k) <= prefixLen:
					more = report("%s index of deck %q: malformed key %x", index, name, k)
				case !wanted && cards.Get(k[prefixLen:]) == nil:
					more = report("%s index of deck %q names unknown card %q", index, name, k[prefixLen:])
				case !wanted:
					more = report("%s index of deck %q has a stale entry for card %q", index, name, k[prefixLen:])
				case value != string(v):
					more = report("%s index of deck %q has a wrong status for card %q", index, name, k[prefixLen:])
				}
				delete(want, ek)
				if !more {
					return
				}
			}
		}
	}
	for _, ek := range slices.Sorted(maps.Keys(want)) {
		parts := bytes.SplitN([]byte(ek), []byte{0}, 3)
		prefixLen := orderKeyLen
		if bytes.Equal(parts[0], bucketDue) {
			prefixLen = timeKeyLen
		}
		if !report("card %q is missing from the %s index of deck %q", parts[2][prefixLen:], parts[0], parts[1]) {
			return
		}
	}
	ac := newCursor(tx.Bucket(bucketAlias))
	for k, _ := ac.First(); k != nil; k, _ = ac.Next() {
		if !accountedFor(tx, string(k)) && !report("alias %q leads to no card", k) {
			return
		}
	}
}

// checkLog verifies that every log entry decodes and names a known card.
func checkLog(tx *bolt.Tx, report func(string, ...any) bool) {
	c := newCursor(tx.Bucket(bucketLog))
	cards := tx.Bucket(bucketCards)
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e, err := readLog(k, v)
		ok := true
		switch {
		case err != nil:
			ok = report("%v", err)
		case cards.Get([]byte(e.CardID)) == nil && !accountedFor(tx, e.CardID):
			ok = report("review log entry %d names unknown card %q", e.Seq, e.CardID)
		}
		if !ok {
			return
		}
	}
}

// accountedFor reports whether an ID no card has now is still explained: an
// import relinked it (the alias table leads to a card), or its deck was
// removed (it, or where its aliases lead, is remembered as removed).
func accountedFor(tx *bolt.Tx, id string) bool {
	if _, ok := followAlias(tx, id); ok {
		return true
	}
	aliases := tx.Bucket(bucketAlias)
	for range maxAliasHops {
		if _, ok := removedDeck(tx, id); ok {
			return true
		}
		next := aliases.Get([]byte(id))
		if next == nil {
			return false
		}
		id = string(next)
	}
	return false
}

// walkAll reads every key and value of every bucket, nested ones too, so
// that a broken page panics or faults here, under guard.
func walkAll(tx *bolt.Tx) error {
	var sum byte
	var walk func(b *bolt.Bucket, depth int)
	walk = func(b *bolt.Bucket, depth int) {
		c := newCursor(b)
		for k, v := c.First(); k != nil; k, v = c.Next() {
			sum ^= k[len(k)-1]
			if v == nil {
				if child := b.Bucket(k); child != nil && depth < 8 {
					walk(child, depth+1)
				}
				continue
			}
			if len(v) > 0 {
				sum ^= v[0] ^ v[len(v)-1]
			}
		}
	}
	err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		walk(b, 0)
		return nil
	})
	runtime.KeepAlive(sum)
	return err
}

// checkAllPages walks the whole page tree (checkPages) as the current
// transaction sees it.
func (s *Store) checkAllPages() error {
	return s.view(func(tx *bolt.Tx) error {
		f, err := os.Open(s.path)
		if err != nil {
			return fmt.Errorf("read store: %w", err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return fmt.Errorf("read store: %w", err)
		}
		metas, _, err := readMetas(f, info.Size())
		if err != nil {
			return fmt.Errorf("read store: %w", err)
		}
		if len(metas) == 0 {
			return damagedError{s.path, "both of its headers are broken"}
		}
		m := newestMeta(metas)
		for _, o := range metas {
			if o.txid == uint64(tx.ID()) {
				m = o
			}
		}
		if err := walkPages(f, m); err != nil {
			return damagedError{s.path, err.Error()}
		}
		return nil
	})
}
