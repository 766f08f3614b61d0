package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bucketImportMemo keeps, by deck identity, what the last import of a
// deck's notes left for the next one (ImportMemo). It is a cache: created
// by the first import that writes to it, not part of the schema, and a
// store without it (older, or salvaged) only imports the slow way.
var bucketImportMemo = []byte("importmemo")

// ImportMemo is what an import leaves for the next import of the same
// notes, so that re-importing an unchanged folder need not generate its
// cards again: generation is a function of the notes' bytes and the
// options, and the merge a function of those cards and the deck's cards,
// so when both are as the last import left them the merge changes nothing.
type ImportMemo struct {
	// Inputs is the caller's digest of everything generation read: the
	// notes' paths and bytes, the options, the generator's build. Only its
	// equality matters.
	Inputs []byte `json:"inputs"`
	// Cards is how many cards the notes made: an import of the same notes
	// into the deck as this one left it finds them all unchanged.
	Cards int `json:"cards"`
	// Notices are the lines the import reported about the notes (problems,
	// notes that make no cards), for the next import to repeat.
	Notices []string `json:"notices,omitempty"`
	// Record is the SHA-256 of the deck's record right after the import,
	// and Stamp the deck's card stamp then (cardstamp.go): any later
	// change to a card of the deck, its retirement or a relink replaces
	// the stamp, and a rename or removal the record.
	Record []byte `json:"record"`
	Stamp  []byte `json:"stamp"`
	// Deck is the digest of the deck (deckDigest) right after the import,
	// kept only by test binaries, where UnchangedImport checks the stamp
	// against it: every test that imports again proves the stamps right.
	Deck []byte `json:"deck,omitempty"`
}

// deckDigest hashes a deck's record and the stored bytes of each of its
// cards, in note order, retired ones included: what an import's merge
// reads of the store. The card stamps (cardstamp.go) change whenever it
// would; test binaries check that they do. States are left out (a review changes no card), and
// so the memo survives reviewing.
//
// The cards are read in ID order, the order of the cards bucket, each
// hashed alone, and the hashes then written in note order: read in note
// order, a vault's cards are all over the bucket, and the mapped pages of
// the whole bucket would be touched at once. The mapped pages are let go
// every digestReleaseSteps cards, in a write transaction too (its changes
// are in memory until it commits; the mapping is a read-only view of the
// file), so that digesting a vault does not hold its file resident.
func deckDigest(tx *bolt.Tx, rec DeckRecord) ([]byte, error) {
	h := sha256.New()
	recBytes, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode deck record %q: %w", rec.Name, err)
	}
	writeField(h, recBytes)
	b := deckBucket(tx, bucketOrder, rec.Name)
	if b == nil {
		return h.Sum(nil), nil
	}
	// keys holds every order key, one after another (each orderKeyLen
	// bytes and the card's ID), from at[i].
	var keys []byte
	var at []int
	c := newCursor(b)
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		at = append(at, len(keys))
		keys = append(keys, k...)
		if len(at)%digestReleaseSteps == 0 {
			releaseMapped(tx.DB(), tx.Size())
		}
	}
	key := func(i int) []byte {
		end := len(keys)
		if i+1 < len(at) {
			end = at[i+1]
		}
		return keys[at[i]:end]
	}
	byID := make([]int32, len(at))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(x, y int32) int { return bytes.Compare(key(int(x))[orderKeyLen:], key(int(y))[orderKeyLen:]) })
	sums := make([][sha256.Size]byte, len(at))
	cards := tx.Bucket(bucketCards)
	for n, i := range byID {
		sums[i] = sha256.Sum256(cards.Get(key(int(i))[orderKeyLen:]))
		if (n+1)%digestReleaseSteps == 0 {
			releaseMapped(tx.DB(), tx.Size())
		}
	}
	for i := range at {
		writeField(h, key(i))
		writeField(h, sums[i][:])
	}
	return h.Sum(nil), nil
}

// digestReleaseSteps is how many cards deckDigest reads between letting
// go of the mapped pages: a few megabytes of the file.
const digestReleaseSteps = 8192

// writeField writes b to h with its length in front, so that fields cannot
// run into one another.
func writeField(h hash.Hash, b []byte) {
	h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(b))))
	h.Write(b)
}

// saveImportMemo records memo for the deck rec as the transaction leaves
// it.
func saveImportMemo(tx *bolt.Tx, rec DeckRecord, memo ImportMemo) error {
	var err error
	if memo.Record, err = recordDigest(rec); err != nil {
		return err
	}
	if memo.Stamp, err = memoStamp(tx, rec.Name); err != nil {
		return err
	}
	memo.Deck = nil
	if testing.Testing() {
		if memo.Deck, err = deckDigest(tx, rec); err != nil {
			return err
		}
	}
	data, err := json.Marshal(memo)
	if err != nil {
		return fmt.Errorf("encode import memo of deck %q: %w", rec.Name, err)
	}
	b, err := tx.CreateBucketIfNotExists(bucketImportMemo)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketImportMemo, err)
	}
	if err := b.Put([]byte(rec.Identity), data); err != nil {
		return fmt.Errorf("write import memo of deck %q: %w", rec.Name, err)
	}
	return nil
}

// recordDigest is the SHA-256 of a deck's record.
func recordDigest(rec DeckRecord) ([]byte, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode deck record %q: %w", rec.Name, err)
	}
	sum := sha256.Sum256(data)
	return sum[:], nil
}

// errStaleStamp is a bug: a deck's card stamp says its cards are as an
// import left them and they are not. Only test binaries look.
var errStaleStamp = errors.New("the deck's card stamp is unchanged since its last import but its cards changed")

// UnchangedImport reports whether importing notes whose inputs digest is
// inputs into the deck deckName (matched as ImportNotes matches it) would
// change nothing, because the deck's last import read the same inputs and
// no card of the deck changed since; if so it returns that import's memo,
// whose Cards are the cards the import would find unchanged. It reads the
// memo, the deck's record and its card stamp, whatever the deck's size.
func (s *Store) UnchangedImport(deckName string, inputs []byte) (ImportMemo, bool, error) {
	var memo ImportMemo
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketImportMemo)
		if b == nil || len(inputs) == 0 {
			return nil
		}
		rec, status, err := findDeck(tx, deckName)
		if err != nil || status != deckLive {
			return err
		}
		data := b.Get([]byte(rec.Identity))
		if data == nil {
			return nil
		}
		if err := json.Unmarshal(data, &memo); err != nil {
			return nil // a cache: a damaged memo only means the slow way
		}
		if !bytes.Equal(memo.Inputs, inputs) || !sameStamp(tx, rec.Name, memo.Stamp) {
			return nil
		}
		digest, err := recordDigest(rec)
		if err != nil || !bytes.Equal(digest, memo.Record) {
			return err
		}
		if memo.Deck != nil {
			if digest, err = deckDigest(tx, rec); err != nil {
				return err
			}
			if !bytes.Equal(digest, memo.Deck) {
				return fmt.Errorf("%w (deck %q)", errStaleStamp, rec.Name)
			}
		}
		found = true
		return nil
	})
	if err != nil {
		return ImportMemo{}, false, fmt.Errorf("import memo of deck %q: %w", deckName, err)
	}
	if !found {
		return ImportMemo{}, false, nil
	}
	return memo, true, nil
}
