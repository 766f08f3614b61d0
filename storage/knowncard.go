package storage

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
)

// loadIncoming is load for a card of deck deckName that an import brings
// as c, found in the deck's order index under key k with value status:
// the card is read through known when it is as c, else decoded.
func (m *cardMatcher) loadIncoming(tx *bolt.Tx, c *deck.Card, deckName string, k, status []byte) (cardState, bool, error) {
	id := c.ID
	data := tx.Bucket(bucketCards).Get([]byte(id))
	if data == nil || len(status) != 1 {
		return load(tx, id)
	}
	card, ok := m.known(data, c, deckName, keyOrder(k), status[0]&statusRetired != 0)
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

// cardMatcher reads stored cards an import brings unchanged (known),
// reusing one buffer for the encodings it compares.
type cardMatcher struct {
	buf []byte
}

// known returns the card stored as stored without decoding all of its
// JSON, when those bytes are the ones encodeCard makes of c in deck
// deckName at order, retired or not, with only the import times to read:
// what an import finds for each card it brings unchanged. Otherwise it
// returns false and the caller decodes the card. Decoding stored in full
// gives the same card: the bytes before the times are compared whole, and
// encoding/json decodes exactly what it encoded (the texts being valid
// UTF-8, empty lists left out); the times must be the two members
// encodeCard writes, in its layout, each decoded by the time.Time method
// the decoder would call. Decoding every card's JSON was most of the cost
// of re-importing a vault where one note changed.
func (m *cardMatcher) known(stored []byte, c *deck.Card, deckName string, order int, retired bool) (storedCard, bool) {
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
	head, err := appendCard(m.buf[:0], &want)
	if err != nil {
		return storedCard{}, false
	}
	m.buf = head
	if !bytes.HasSuffix(head, zeroTimes) {
		return storedCard{}, false
	}
	head = head[:len(head)-len(zeroTimes)]
	if !bytes.HasPrefix(stored, head) {
		return storedCard{}, false
	}
	rest := stored[len(head):]
	added, rest, ok := timeMember(rest, `,"added":`)
	if !ok {
		return storedCard{}, false
	}
	changed, rest, ok := timeMember(rest, `,"changed":`)
	if !ok || string(rest) != "}" {
		return storedCard{}, false
	}
	if err := want.Added.UnmarshalJSON(added); err != nil {
		return storedCard{}, false
	}
	if err := want.Changed.UnmarshalJSON(changed); err != nil {
		return storedCard{}, false
	}
	return want, true
}

// timeMember cuts from b the member key (with its comma) and the string
// that follows, in the layout encodeCard writes: no space, no escape.
func timeMember(b []byte, key string) (value, rest []byte, ok bool) {
	b, ok = bytes.CutPrefix(b, []byte(key))
	if !ok || len(b) == 0 || b[0] != '"' {
		return nil, nil, false
	}
	end := bytes.IndexByte(b[1:], '"')
	if end < 0 || bytes.IndexByte(b[1:end+1], '\\') >= 0 {
		return nil, nil, false
	}
	return b[:end+2], b[end+2:], true
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
