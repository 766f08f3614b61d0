package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// A large import writes the cards that are new to the store in several
// transactions (stageFresh), each of a bounded number of cards, and
// everything else — updates, retirements, relinks, the deck's record — in a
// last one. bbolt holds every page a transaction changes in memory until it
// commits, so one transaction for a vault of 200,000 cards took about a
// gigabyte.
//
// The import stays all or nothing for the user: the first transaction
// names the deck in bucketStaged and each one lists the IDs of the cards
// it wrote there, with the cards, and the last one drops the bucket. No
// other process can see the store between them (bbolt holds the file's
// lock from open to close), and a store opened read-write with the bucket
// still there — the import was killed, or its disk filled — has those
// cards taken out again (undoStaged) before anything else, which leaves
// the store as it was before the import.
var bucketStaged = []byte("importstaged")

var (
	// keyStagedDeck in bucketStaged holds a stagedDeck.
	keyStagedDeck = []byte("deck")
	// bucketStagedIDs, nested in bucketStaged, lists the IDs of the cards
	// written so far.
	bucketStagedIDs = []byte("ids")
)

// stageChunk is how many cards one transaction of a staged import writes:
// enough that commits cost little beside the writing, few enough that a
// transaction's pages stay a few megabytes (16,384 cards of a synthetic
// vault held 70 MB of bbolt's copies of them when the file grew).
var stageChunk = 4096

// stageHook, when set (by tests), runs before each transaction of
// stageFresh with its number; an error it returns stops the import there,
// as a full disk would.
var stageHook func(step int) error

// stagedDeck is what undoing a staged import needs to know of its deck.
type stagedDeck struct {
	Deck string `json:"deck"`
	// Created are the deck's index buckets (order, new, due) the import
	// made: taken out again, when empty, with the cards.
	Created []string `json:"created,omitempty"`
}

// fresh lists the added cards of a plan that are new to the store (a
// removed deck never had them), when there are more than one transaction
// of a staged import takes; nil otherwise.
func (p *plannedImport) fresh() []*deck.Card {
	added := p.res.Plan.Added
	if len(added) <= stageChunk {
		return nil
	}
	var out []*deck.Card
	for i := range added {
		if _, ok := p.restored[added[i].ID]; !ok {
			out = append(out, &added[i])
		}
	}
	if len(out) <= stageChunk {
		return nil
	}
	return out
}

// beginStaged names the deck whose cards a staged import writes, in the
// transaction that planned it.
func beginStaged(tx *bolt.Tx, deckName string) error {
	sd := stagedDeck{Deck: deckName}
	for _, index := range [][]byte{bucketOrder, bucketNew, bucketDue} {
		if deckBucket(tx, index, deckName) == nil {
			sd.Created = append(sd.Created, string(index))
		}
	}
	data, err := json.Marshal(sd)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucket(bucketStaged)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketStaged, err)
	}
	if _, err := b.CreateBucket(bucketStagedIDs); err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketStagedIDs, err)
	}
	return b.Put(keyStagedDeck, data)
}

// stageFresh writes the cards new to the store, in transactions of
// stageChunk cards: first the cards and their states in ID order, then
// their index entries in note order, so that each transaction fills one
// run of each bucket's keys rather than touching pages all over it.
func (s *Store) stageFresh(cards []*deck.Card, now time.Time) error {
	state := scheduler.NewState()
	// Every card starts in the same state, and bbolt keeps a value as
	// given until the transaction commits: one encoding serves them all.
	stateData := encodeState(state)
	stored := func(c *deck.Card) *cardState {
		nc := fromCard(*c)
		nc.Added, nc.Changed = now, now
		return &cardState{nc, state}
	}
	step := 0
	hook := func() error {
		step++
		if stageHook == nil {
			return nil
		}
		return stageHook(step)
	}
	byID := slices.Clone(cards)
	slices.SortFunc(byID, func(a, b *deck.Card) int { return strings.Compare(a.ID, b.ID) })
	// A transaction's cards are encoded one after another into arena and
	// written as slices of it; the next transaction reuses it, as bbolt
	// holds the values only until it commits.
	var arena []byte
	for chunk := range slices.Chunk(byID, stageChunk) {
		if err := hook(); err != nil {
			return err
		}
		err := s.update(func(tx *bolt.Tx) error {
			w := newBatch()
			cardsB, stateB := tx.Bucket(bucketCards), tx.Bucket(bucketState)
			ids := tx.Bucket(bucketStaged).Bucket(bucketStagedIDs)
			arena = arena[:0]
			for _, c := range chunk {
				cs := stored(c)
				start := len(arena)
				var err error
				if arena, err = appendEncodedCard(arena, &cs.card); err != nil {
					return err
				}
				data := arena[start:len(arena):len(arena)]
				id := []byte(c.ID)
				if err := stampDeck(tx, c.Deck); err != nil {
					return err
				}
				if err := w.put(cardsB, id, data); err != nil {
					return err
				}
				if err := w.put(stateB, id, stateData); err != nil {
					return err
				}
				if err := w.put(ids, id, []byte{}); err != nil {
					return err
				}
			}
			return w.flush()
		})
		if err != nil {
			return err
		}
	}
	// Note order is the order keys' order: each card's key is made once,
	// not at each comparison of the sort.
	type keyed struct {
		key []byte
		c   *deck.Card
	}
	byOrder := make([]keyed, len(byID))
	for i, c := range byID {
		byOrder[i] = keyed{orderKey(c.Order, c.ID), c}
	}
	byID = nil
	slices.SortFunc(byOrder, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
	for chunk := range slices.Chunk(byOrder, stageChunk) {
		if err := hook(); err != nil {
			return err
		}
		err := s.update(func(tx *bolt.Tx) error {
			w := newBatch()
			// A deck's index buckets, found (or made) once a transaction:
			// an import's cards are all of one deck.
			type place struct {
				index []byte
				deck  string
				b     *bolt.Bucket
			}
			var places []place
			for _, k := range chunk {
				cs := stored(k.c)
				for _, e := range indexEntries(&cs.card, cs.state) {
					i := slices.IndexFunc(places, func(p place) bool { return p.deck == e.deck && bytes.Equal(p.index, e.index) })
					if i < 0 {
						b, err := tx.Bucket(e.index).CreateBucketIfNotExists([]byte(e.deck))
						if err != nil {
							return fmt.Errorf("create %s index of deck %q: %w", e.index, e.deck, err)
						}
						i, places = len(places), append(places, place{e.index, e.deck, b})
					}
					b := places[i].b
					if err := w.put(b, []byte(e.key), []byte(e.value)); err != nil {
						return err
					}
				}
			}
			return w.flush()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// endStaged drops the record of a staged import, in the transaction that
// finishes it.
func endStaged(tx *bolt.Tx) error {
	return tx.DeleteBucket(bucketStaged)
}

// undoStaged takes out the cards of a staged import that did not finish,
// in transactions of stageChunk cards, and then its record, leaving the
// store as it was before the import. It returns the deck and how many
// cards were taken out; nothing when no import was cut short.
func (s *Store) undoStaged() (deckName string, undone int, err error) {
	for {
		done := false
		err := s.update(func(tx *bolt.Tx) error {
			staged := tx.Bucket(bucketStaged)
			if staged == nil {
				done = true
				return nil
			}
			var sd stagedDeck
			if err := json.Unmarshal(staged.Get(keyStagedDeck), &sd); err != nil {
				return fmt.Errorf("read the record of an interrupted import: %w", err)
			}
			deckName = sd.Deck
			ids := staged.Bucket(bucketStagedIDs)
			var chunk [][]byte
			if ids != nil {
				c := ids.Cursor()
				for k, _ := c.First(); k != nil && len(chunk) < stageChunk; k, _ = c.Next() {
					chunk = append(chunk, slices.Clone(k))
				}
			}
			w := newBatch()
			for _, id := range chunk {
				cs, ok, err := load(tx, string(id))
				if err != nil {
					return err
				}
				if ok {
					if err := putVia(tx, w, &cs, nil, nil); err != nil {
						return err
					}
				}
				if err := w.del(ids, id); err != nil {
					return err
				}
			}
			if err := w.flush(); err != nil {
				return err
			}
			undone += len(chunk)
			if len(chunk) == stageChunk {
				return nil // more in the next transaction
			}
			for _, index := range sd.Created {
				parent := tx.Bucket([]byte(index))
				if b := parent.Bucket([]byte(sd.Deck)); b != nil {
					if k, _ := b.Cursor().First(); k == nil {
						if err := parent.DeleteBucket([]byte(sd.Deck)); err != nil {
							return err
						}
					}
				}
			}
			done = true
			return endStaged(tx)
		})
		if err != nil {
			return deckName, undone, fmt.Errorf("undo an interrupted import into deck %q: %w", deckName, err)
		}
		if done {
			return deckName, undone, nil
		}
	}
}

// hasStaged reports whether an import was cut short in the store.
func (s *Store) hasStaged() (bool, error) {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketStaged) != nil
		return nil
	})
	return found, err
}
