package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"

	"github.com/recallcards/recall/deck"
)

// Buckets added in schema version 2 for shared decks.
var (
	// bucketShared: deck name → JSON of its Subscription.
	bucketShared = []byte("shared")
	// bucketPacks: deck name → JSON of the last Pack made of it.
	bucketPacks = []byte("packs")
	// bucketRemoved: card ID → name of the deck it was in when the deck was
	// removed, so the review log, which keeps naming it, still checks.
	bucketRemoved = []byte("removed")
)

// createSharedBuckets is migration 1 → 2: shared decks.
func createSharedBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketShared, bucketPacks, bucketRemoved} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %q: %w", name, err)
		}
	}
	return nil
}

// Subscription records a shared deck the user added: where it comes from,
// whose key must sign it, and which version is installed.
type Subscription struct {
	Deck string `json:"deck"` // the deck's name in this store
	// FileDeck is the deck's name in the deck file when the user renamed
	// the deck since adding it; "" when it is Deck.
	FileDeck string `json:"file_deck,omitempty"`
	Origin   string `json:"origin"` // absolute file path or http(s) URL
	// PublisherKey is the pinned key (deckfile.FormatPublicKey) every version
	// must be signed with; "" when none was pinned.
	PublisherKey string `json:"publisher_key,omitempty"`
	// TrustedOnFirstUse says PublisherKey was not given with --trust but
	// pinned from the first signed version received.
	TrustedOnFirstUse bool `json:"tofu,omitempty"`
	// Signer is the key the installed version was signed with, "" if it
	// was not signed.
	Signer       string    `json:"signer,omitempty"`
	Version      uint64    `json:"version"`
	Date         string    `json:"date"` // the installed version's date, YYYY-MM-DD
	Author       string    `json:"author,omitempty"`
	Description  string    `json:"description,omitempty"`
	Digest       string    `json:"digest"` // hex SHA-256 of the installed file
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Added        time.Time `json:"added"`  // UTC
	Synced       time.Time `json:"synced"` // UTC; the last time the origin was read
}

// Pack records the last deck file made of a deck, so that packing the same
// cards again gives the same version and date, and packing changed cards
// the next version.
type Pack struct {
	Deck        string `json:"deck"`
	Version     uint64 `json:"version"`
	Date        string `json:"date"`         // YYYY-MM-DD
	CardsDigest string `json:"cards_digest"` // hex SHA-256 over the cards packed
	Description string `json:"description,omitempty"`
	Author      string `json:"author,omitempty"`
}

// NameInFile returns the name the deck file gives the deck.
func (s Subscription) NameInFile() string {
	if s.FileDeck != "" {
		return s.FileDeck
	}
	return s.Deck
}

// ErrDeckNotFound means no deck has the given name.
var ErrDeckNotFound = errors.New("no such deck")

// Subscription returns the subscription of a shared deck, and false if the
// deck was not added from a deck file.
func (s *Store) Subscription(deckName string) (Subscription, bool, error) {
	var sub Subscription
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		found, err = getJSON(tx, bucketShared, deckName, &sub)
		return err
	})
	return sub, found, err
}

// Subscriptions returns every shared deck's subscription, by deck name.
func (s *Store) Subscriptions() ([]Subscription, error) {
	var subs []Subscription
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketShared).ForEach(func(k, v []byte) error {
			var sub Subscription
			if err := json.Unmarshal(v, &sub); err != nil {
				return fmt.Errorf("subscription of deck %q: %w", k, err)
			}
			subs = append(subs, sub)
			return nil
		})
	})
	return subs, err
}

// SaveSubscription replaces a shared deck's subscription without touching
// its cards: after reading an origin that had nothing new.
func (s *Store) SaveSubscription(sub Subscription) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketShared).Get([]byte(sub.Deck)) == nil {
			return fmt.Errorf("%w: %q is not a shared deck", ErrDeckNotFound, sub.Deck)
		}
		return putJSON(tx, bucketShared, sub.Deck, sub)
	})
}

// InstallShared merges the cards of a shared deck into the store, as Import
// does, returning the plan it carried out, and records sub as its subscription, in one transaction: either the
// new version is installed and recorded, or nothing changes.
//
// Unlike Import it refuses cards whose ID belongs to another deck: a shared
// deck, untrusted, must not take over the user's other cards.
func (s *Store) InstallShared(sub Subscription, cards []deck.Card, now time.Time) (deck.MergePlan, error) {
	var plan deck.MergePlan
	err := s.update(func(tx *bolt.Tx) error {
		for _, c := range cards {
			cs, found, err := load(tx, c.ID)
			if err != nil {
				return err
			}
			if found && cs.card.Deck != sub.Deck {
				return fmt.Errorf("card %q is already in deck %q; a shared deck cannot take cards from another deck", c.ID, cs.card.Deck)
			}
		}
		res, err := importTx(tx, sub.Deck, cards, now, ImportOptions{})
		if err != nil {
			return err
		}
		plan = res.Plan
		return putJSON(tx, bucketShared, sub.Deck, sub)
	})
	if err != nil {
		return deck.MergePlan{}, fmt.Errorf("install shared deck %q: %w", sub.Deck, err)
	}
	return plan, nil
}

// LastPack returns the record of the last deck file made of a deck, and
// false if none was.
func (s *Store) LastPack(deckName string) (Pack, bool, error) {
	var p Pack
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		found, err = getJSON(tx, bucketPacks, deckName, &p)
		return err
	})
	return p, found, err
}

// SavePack records a deck file made of a deck.
func (s *Store) SavePack(p Pack) error {
	return s.update(func(tx *bolt.Tx) error { return putJSON(tx, bucketPacks, p.Deck, p) })
}

// RemoveDeck deletes a deck (named without regard to case): its cards, their
// schedules and index entries, its subscription and pack record. Removing
// is not forgetting: each card's state is kept aside, and the deck's record
// is kept marked removed, so importing or adding the same cards later
// brings their schedules back. The review log is not touched: its
// entries for the deck's cards stay, and the cards' IDs are remembered as
// removed so that Check still accounts for them. It returns how many cards
// were removed, and fails with ErrDeckNotFound if there is no such deck.
func (s *Store) RemoveDeck(deckName string) (int, error) {
	removed := 0
	err := s.update(func(tx *bolt.Tx) error {
		rec, status, err := findDeck(tx, deckName)
		if err != nil {
			return err
		}
		// A deck known only by its record (adopted from the sync folder,
		// its notes not imported yet) has nothing to remove but the record.
		recordOnly := status == deckLive && tx.Bucket(bucketShared).Get([]byte(rec.Name)) == nil && !deckHasCards(tx, rec.Name)
		if recordOnly {
			rec.Removed = true
			err = saveDeckRecord(tx, rec)
		} else {
			removed, rec, err = removeDeckTx(tx, deckName)
		}
		if err != nil {
			return err
		}
		return emit(tx, journal.Event{Kind: journal.KindDeckRemove, Deck: rec.Identity, Time: s.now()})
	})
	if err != nil {
		return 0, fmt.Errorf("remove deck %q: %w", deckName, err)
	}
	return removed, nil
}

// deckHasCards reports whether the deck named name has a card.
func deckHasCards(tx *bolt.Tx, name string) bool {
	b := deckBucket(tx, bucketOrder, name)
	if b == nil {
		return false
	}
	k, _ := b.Cursor().First()
	return k != nil
}

// removeDeckTx is RemoveDeck inside the caller's transaction, without the
// sync event; it returns how many cards went and the deck's record.
func removeDeckTx(tx *bolt.Tx, deckName string) (int, DeckRecord, error) {
	removed := 0
	var removedRec DeckRecord
	err := func() error {
		if rec, status, err := findDeck(tx, deckName); err != nil {
			return err
		} else if status == deckLive {
			deckName = rec.Name
		}
		existing, err := loadExisting(tx, deckName, nil)
		if err != nil {
			return err
		}
		shared := tx.Bucket(bucketShared).Get([]byte(deckName)) != nil
		if existing.len() == 0 && !shared {
			return fmt.Errorf("%w %q", ErrDeckNotFound, deckName)
		}
		if err := stampDeck(tx, deckName); err != nil {
			return err
		}
		ids := existing.sortedIDs()
		gone := tx.Bucket(bucketRemoved)
		for _, id := range ids {
			old, err := existing.get(tx, id)
			if err != nil {
				return err
			}
			if err := put(tx, &old, nil, true); err != nil {
				return err
			}
			if err := gone.Put([]byte(id), []byte(deckName)); err != nil {
				return fmt.Errorf("remember removed card %q: %w", id, err)
			}
			if err := tx.Bucket(bucketRemovedState).Put([]byte(id), encodeState(old.state)); err != nil {
				return fmt.Errorf("remember the schedule of removed card %q: %w", id, err)
			}
		}
		for _, index := range [][]byte{bucketDue, bucketNew, bucketOrder} {
			if deckBucket(tx, index, deckName) == nil {
				continue
			}
			if err := tx.Bucket(index).DeleteBucket([]byte(deckName)); err != nil {
				return fmt.Errorf("drop %s index of deck %q: %w", index, deckName, err)
			}
		}
		for _, b := range [][]byte{bucketShared, bucketPacks} {
			if err := tx.Bucket(b).Delete([]byte(deckName)); err != nil {
				return err
			}
		}
		removed = len(ids)
		// The record stays, marked removed: its identity makes the same
		// card IDs if the deck's notes are imported again.
		rec, found, err := deckRecord(tx, deckName)
		if err != nil {
			return err
		}
		if !found {
			rec = DeckRecord{Name: deckName, Identity: deckName}
		}
		rec.Removed = true
		removedRec = rec
		return saveDeckRecord(tx, rec)
	}()
	return removed, removedRec, err
}

// removedDeck returns the deck a removed card was in, and whether id is one.
func removedDeck(tx *bolt.Tx, id string) (string, bool) {
	v := tx.Bucket(bucketRemoved).Get([]byte(id))
	return string(v), v != nil
}

func getJSON(tx *bolt.Tx, bucket []byte, key string, into any) (bool, error) {
	v := tx.Bucket(bucket).Get([]byte(key))
	if v == nil {
		return false, nil
	}
	if err := json.Unmarshal(v, into); err != nil {
		return false, fmt.Errorf("decode %s record %q: %w", bucket, key, err)
	}
	return true, nil
}

func putJSON(tx *bolt.Tx, bucket []byte, key string, value any) error {
	if err := validateDeckName(key); err != nil {
		return err
	}
	data, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("encode %s record %q: %w", bucket, key, err)
	}
	if err := tx.Bucket(bucket).Put([]byte(key), data); err != nil {
		return fmt.Errorf("write %s record %q: %w", bucket, key, err)
	}
	return nil
}
