package storage

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
)

// bucketOverrides (schema 4): card ID → JSON of the card's Override, the
// user's own wording of it (recall edit). It lives beside the cards, not
// in them, so that no import of the notes changes it.
var bucketOverrides = []byte("overrides")

// createOverrideBucket is migration 3 → 4: card overrides.
func createOverrideBucket(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketOverrides); err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketOverrides, err)
	}
	return nil
}

// Override is the user's own wording of a card. It takes the place of the
// wording the notes give the card wherever the card is shown or exported,
// and survives every import; an import that changes the notes' wording
// leaves it in place and makes it stale (see Stale).
type Override struct {
	Text deck.Text `json:"text"`
	// Base is the notes' wording of the card when the override was made.
	Base   deck.Text `json:"base"`
	Edited time.Time `json:"edited"` // UTC
	// Shared marks an override that came with a shared deck file rather
	// than from an edit made here; the deck's next version replaces it,
	// where an edit of the user's own is kept.
	Shared bool `json:"shared,omitempty"`
}

// Stale reports whether the notes' wording of the card, notes, is no
// longer the one the override was made over: the item changed since.
func (o Override) Stale(notes deck.Card) bool { return deck.TextOf(notes) != o.Base }

// Edit is a card with the override it has, if any, as recall edit sees it.
type Edit struct {
	// Notes is the card as its notes word it, without the override.
	Notes Record
	// Override is nil when the card has none.
	Override *Override
}

// overridesIn returns the overrides bucket, or nil when no card has one
// (or the store, from before schema 4 and opened read-only, has no such
// bucket), so that listing the cards of a store without edits looks up
// none.
func overridesIn(tx *bolt.Tx) *bolt.Bucket {
	b := tx.Bucket(bucketOverrides)
	if b == nil {
		return nil
	}
	if k, _ := newCursor(b).First(); k == nil {
		return nil
	}
	return b
}

// loadOverride reads a card's override.
func loadOverride(tx *bolt.Tx, id string) (*Override, error) {
	return overrideIn(overridesIn(tx), id)
}

// overrideIn reads a card's override from b, the overrides bucket (nil:
// none).
func overrideIn(b *bolt.Bucket, id string) (*Override, error) {
	if b == nil {
		return nil, nil
	}
	data := b.Get([]byte(id))
	if data == nil {
		return nil, nil
	}
	var o Override
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("decode the override of card %q: %w", id, err)
	}
	return &o, nil
}

// putOverride writes a card's override, or deletes it when o is nil.
func putOverride(tx *bolt.Tx, id string, o *Override) error {
	b := tx.Bucket(bucketOverrides)
	if o == nil {
		if err := b.Delete([]byte(id)); err != nil {
			return fmt.Errorf("drop the override of card %q: %w", id, err)
		}
		return nil
	}
	data, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encode the override of card %q: %w", id, err)
	}
	if len(data) > maxCardBytes {
		return fmt.Errorf("the override of card %q is larger than %d KiB", id, maxCardBytes>>10)
	}
	if err := b.Put([]byte(id), data); err != nil {
		return fmt.Errorf("write the override of card %q: %w", id, err)
	}
	return nil
}

// recordIn is the card as the user sees it: with its override, if it has
// one in overrides (see overridesIn), in place of the notes' wording.
func recordIn(overrides *bolt.Bucket, cs cardState) (Record, error) {
	r := cs.record()
	o, err := overrideIn(overrides, r.Card.ID)
	if err != nil || o == nil {
		return r, err
	}
	r.EditStale = o.Stale(r.Card)
	r.Card = r.Card.WithText(o.Text)
	r.Edit = o
	return r, nil
}

// CardEdit returns the card with this ID (as Card finds it) as its notes
// word it, with its override if it has one.
func (s *Store) CardEdit(id string) (Edit, error) {
	var e Edit
	// Like Card, read around the reviews waiting to be folded.
	err := s.view(func(tx *bolt.Tx) error {
		cs, err := loadResolved(tx, id)
		if err != nil {
			return err
		}
		full := cs.card.ID
		e.Notes = cs.record()
		e.Override, err = loadOverride(tx, full)
		return err
	})
	return e, err
}

// SetOverride words the card with this ID as t from now on, in place of
// its notes' wording, and returns the override stored. Wording it as its
// notes do drops its override instead (stored false). The card's schedule
// and history stay as they are.
func (s *Store) SetOverride(id string, t deck.Text, now time.Time) (o Override, stored bool, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		cs, err := loadResolved(tx, id)
		if err != nil {
			return err
		}
		full := cs.card.ID
		notes := cs.card.card()
		at, err := editTime(tx, full, now)
		if err != nil {
			return err
		}
		o = Override{Text: t, Base: deck.TextOf(notes), Edited: at}
		if t == o.Base {
			had, err := loadOverride(tx, full)
			if err != nil || had == nil {
				return err
			}
			if err := emitEdit(tx, full, nil, at); err != nil {
				return err
			}
			return putOverride(tx, full, nil)
		}
		stored = true
		if err := emitEdit(tx, full, &o, at); err != nil {
			return err
		}
		return putOverride(tx, full, &o)
	})
	return o, stored, err
}

// KeepOverride keeps the override of the card with this ID over the
// notes' wording as it is now, which becomes its base: it is no longer
// stale. It returns the override, and false if the card has none.
func (s *Store) KeepOverride(id string, now time.Time) (Override, bool, error) {
	var o *Override
	err := s.update(func(tx *bolt.Tx) error {
		cs, err := loadResolved(tx, id)
		if err != nil {
			return err
		}
		full := cs.card.ID
		if o, err = loadOverride(tx, full); err != nil || o == nil {
			return err
		}
		at, err := editTime(tx, full, now)
		if err != nil {
			return err
		}
		o.Base, o.Edited = deck.TextOf(cs.card.card()), at
		if !o.Shared {
			if err := emitEdit(tx, full, o, at); err != nil {
				return err
			}
		}
		return putOverride(tx, full, o)
	})
	if o == nil {
		return Override{}, false, err
	}
	return *o, true, err
}

// ResetOverride drops the override of the card with this ID, returning
// the one it dropped; false if the card had none.
func (s *Store) ResetOverride(id string) (Override, bool, error) {
	var o *Override
	err := s.update(func(tx *bolt.Tx) error {
		full, err := resolve(tx, id)
		if err != nil {
			return err
		}
		if o, err = loadOverride(tx, full); err != nil || o == nil {
			return err
		}
		at, err := editTime(tx, full, s.now())
		if err != nil {
			return err
		}
		if err := emitEdit(tx, full, nil, at); err != nil {
			return err
		}
		return putOverride(tx, full, nil)
	})
	if o == nil {
		return Override{}, false, err
	}
	return *o, true, err
}

// moveOverride moves a relinked card's override from its old ID to its
// new one.
func moveOverride(tx *bolt.Tx, oldID, newID string) error {
	o, err := loadOverride(tx, oldID)
	if err != nil || o == nil {
		return err
	}
	if err := putOverride(tx, newID, o); err != nil {
		return err
	}
	return putOverride(tx, oldID, nil)
}
