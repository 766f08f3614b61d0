package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
)

// loadIncoming is load for a card of deck deckName that an import brings
// as c, found in the deck's order index under key k with value status:
// the card is read through knownCard when it is as c, else decoded.
func loadIncoming(tx *bolt.Tx, c *deck.Card, deckName string, k, status []byte) (cardState, bool, error) {
	id := c.ID
	data := tx.Bucket(bucketCards).Get([]byte(id))
	if data == nil || len(status) != 1 {
		return load(tx, id)
	}
	card, ok := knownCard(data, c, deckName, keyOrder(k), status[0]&statusRetired != 0)
	if !ok {
		return load(tx, id)
	}
	raw := tx.Bucket(bucketState).Get([]byte(id))
	if raw == nil {
		return cardState{}, false, fmt.Errorf("card %q has no schedule", id)
	}
	s, err := decodeState(raw)
	if err != nil {
		return cardState{}, false, fmt.Errorf("decode state of card %q: %w", id, err)
	}
	return cardState{card, s}, true, nil
}

// zeroTimes is how encodeCard ends a card whose import times are zero:
// Added and Changed are its last fields.
var zeroTimes = []byte(`,"added":"0001-01-01T00:00:00Z","changed":"0001-01-01T00:00:00Z"}`)

// knownCard returns the card stored as stored without decoding all of its
// JSON, when those bytes are the ones encodeCard makes of c in deck
// deckName at order, retired or not, with only the import times to read:
// what an import finds for each card it brings unchanged. Otherwise it
// returns false and the caller decodes the card. Decoding stored in full
// gives the same card: the bytes before the times are compared whole, and
// encoding/json decodes exactly what it encoded (the texts being valid
// UTF-8, empty lists left out); the times are decoded alone, refusing any
// other key after them. It is most of the cost of re-importing a vault
// where one note changed: decoding every card's JSON was.
func knownCard(stored []byte, c *deck.Card, deckName string, order int, retired bool) (storedCard, bool) {
	want := fromCard(*c)
	want.Deck, want.Order, want.Retired = deckName, order, retired
	if len(want.Tags) == 0 {
		want.Tags = nil
	}
	if len(want.Siblings) == 0 {
		want.Siblings = nil
	}
	if len(want.Sources) == 0 {
		want.Sources = nil
	}
	if !validTexts(&want) {
		return storedCard{}, false
	}
	head, err := json.Marshal(want)
	if err != nil || !bytes.HasSuffix(head, zeroTimes) {
		return storedCard{}, false
	}
	head = head[:len(head)-len(zeroTimes)]
	if !bytes.HasPrefix(stored, head) || len(stored) == len(head) || stored[len(head)] != ',' {
		return storedCard{}, false
	}
	// The times follow as members of the same object: at least one ("," then
	// "}" would be an empty object alone, but no JSON after a member).
	rest := stored[len(head)+1:]
	if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '"' {
		return storedCard{}, false
	}
	tail := append([]byte{'{'}, rest...)
	var times struct {
		Added   time.Time `json:"added"`
		Changed time.Time `json:"changed"`
	}
	dec := json.NewDecoder(bytes.NewReader(tail))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&times); err != nil {
		return storedCard{}, false
	}
	if len(bytes.TrimLeft(tail[dec.InputOffset():], " \t\r\n")) > 0 {
		return storedCard{}, false
	}
	want.Added, want.Changed = times.Added, times.Changed
	return want, true
}

// validTexts reports whether every text of c is valid UTF-8, which
// encoding/json keeps as it is.
func validTexts(c *storedCard) bool {
	for _, s := range []string{c.ID, string(c.Kind), c.Deck, c.Front, c.Back, c.Term, c.Note} {
		if !utf8.ValidString(s) {
			return false
		}
	}
	for _, list := range [][]string{c.Tags, c.Siblings} {
		for _, s := range list {
			if !utf8.ValidString(s) {
				return false
			}
		}
	}
	for _, s := range c.Sources {
		for _, t := range []string{s.File, s.Title, s.Section, s.URL} {
			if !utf8.ValidString(t) {
				return false
			}
		}
	}
	return true
}
