package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketCardStamps (schema 7): deck name → the deck's card stamp, a value
// every transaction that changes what deckDigest reads of the deck (a
// card's stored bytes, a card added or taken out, its order key) replaces
// with one never used before. An import memo records the stamp the import
// left (saveImportMemo), so that UnchangedImport knows no card of the deck
// changed since by comparing two short values, where it read every card
// of the deck before.
//
// Every write of the cards bucket goes through putVia or stageFresh, and
// both stamp the decks of the cards they write; a deck renamed or removed
// is stamped too. A later migration or any other code that writes cards
// must stamp their decks (stampDeck), or an import after it could be
// skipped as unchanged.
//
// A stamp is the writing transaction's ID (8 bytes, big-endian), 8 random
// bytes and a byte that says whether an import memo was made of it: the ID
// lets the cards of one transaction stamp their deck once, the random
// bytes keep a stamp from coming back in a file whose transaction IDs
// start again (a salvaged store), and the last byte makes a change after
// the memo, in the memo's own transaction, stamp the deck again.
var bucketCardStamps = []byte("cardstamps")

// stampLen is the length of a card stamp.
const stampLen = 8 + 8 + 1

// createCardStamps is migration 6 → 7: card stamps. The import memos of
// the older schema have none and drop out with their bucket, so the first
// import after the upgrade runs in full and memos its stamp.
func createCardStamps(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketCardStamps); err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketCardStamps, err)
	}
	if tx.Bucket(bucketImportMemo) != nil {
		if err := tx.DeleteBucket(bucketImportMemo); err != nil {
			return fmt.Errorf("drop bucket %q: %w", bucketImportMemo, err)
		}
	}
	return nil
}

// stampDeck stamps deckName as changed by tx, unless tx stamped it
// already and made no memo of that stamp since. It is cheap to call for
// every card a transaction writes: after the first, one lookup in a
// bucket of one key per deck.
func stampDeck(tx *bolt.Tx, deckName string) error {
	if b := tx.Bucket(bucketCardStamps); b != nil {
		if v := b.Get([]byte(deckName)); len(v) == stampLen && binary.BigEndian.Uint64(v) == uint64(tx.ID()) && v[stampLen-1] == 0 {
			return nil
		}
	}
	_, err := newStamp(tx, deckName, 0)
	return err
}

// newStamp writes a fresh stamp of deckName, with memo as its last byte,
// and returns it.
// The bucket is made if the store lacks it (one opened at an older schema,
// which only tests do).
func newStamp(tx *bolt.Tx, deckName string, memo byte) ([]byte, error) {
	b, err := tx.CreateBucketIfNotExists(bucketCardStamps)
	if err != nil {
		return nil, fmt.Errorf("create bucket %q: %w", bucketCardStamps, err)
	}
	v := make([]byte, stampLen)
	binary.BigEndian.PutUint64(v, uint64(tx.ID()))
	rand.Read(v[8:16])
	v[16] = memo
	if err := b.Put([]byte(deckName), v); err != nil {
		return nil, fmt.Errorf("stamp the cards of deck %q: %w", deckName, err)
	}
	return v, nil
}

// memoStamp stamps deckName afresh for an import memo made in tx and
// returns the stamp: any later change of the deck's cards, in tx too,
// replaces it.
func memoStamp(tx *bolt.Tx, deckName string) ([]byte, error) {
	return newStamp(tx, deckName, 1)
}

// sameStamp reports whether deckName's stamp is still stamp: no card of
// the deck changed since it was made.
func sameStamp(tx *bolt.Tx, deckName string, stamp []byte) bool {
	b := tx.Bucket(bucketCardStamps)
	if b == nil || len(stamp) != stampLen {
		return false
	}
	return bytes.Equal(b.Get([]byte(deckName)), stamp)
}

// stampCards stamps the decks of a card putVia writes: before and after
// as putVia takes them, data the card's new bytes (nil: not rewritten). A
// change of the state alone (a review) stamps nothing: deckDigest leaves
// states out.
func stampCards(tx *bolt.Tx, before, after *cardState, data []byte) error {
	if before != nil && after != nil && data == nil &&
		before.card.Deck == after.card.Deck && before.card.ID == after.card.ID && before.card.Order == after.card.Order {
		return nil
	}
	if before != nil {
		if err := stampDeck(tx, before.card.Deck); err != nil {
			return err
		}
	}
	if after != nil && (before == nil || after.card.Deck != before.card.Deck) {
		return stampDeck(tx, after.card.Deck)
	}
	return nil
}
