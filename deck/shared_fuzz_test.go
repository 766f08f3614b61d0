package deck_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// FuzzDecodeShared feeds DecodeShared arbitrary bytes. It must never panic,
// and whatever it accepts must be a deck EncodeShared accepts too and that
// reads back the same: the two share their rules, so a file that passed
// cannot be one recall could not write.
//
// Run: go test ./deck -run '^$' -fuzz FuzzDecodeShared -fuzztime 5m
func FuzzDecodeShared(f *testing.F) {
	signed := encode(f, sharedSample(), publisherKey)
	unsigned := encode(f, sharedSample(), nil)
	for _, seed := range [][]byte{
		signed,
		unsigned,
		manyCards(3),
		bytes.Replace(signed, []byte("hitting them."), []byte("hitting them!"), 1),               // tampered
		bytes.Replace(unsigned, []byte(`"format_version": 1`), []byte(`"format_version": 2`), 1), // newer
		bytes.Replace(unsigned, []byte(`"order": 3,`), []byte(`"order": 3, "x": {"y": [1, {"z": null}]},`), 1),
		bytes.Replace(unsigned, []byte(`"kind": "list"`), []byte(`"kind": "cloze"`), 1),
		bytes.Replace(unsigned, []byte(`"front": "Losing`), []byte(`"front": "\u001b[2J\u202eLosing`), 1),
		append(bytes.Clone(unsigned), "{}"...), // trailing data
		unsigned[:len(unsigned)/3],             // cut short
		// A deeply nested value in an unknown field: the scanner's depth
		// limit must refuse it before anything recurses into it.
		[]byte(`{"format":"recall-deck","format_version":1,"x":` + strings.Repeat("[", 10050) + strings.Repeat("]", 10050) + `,"deck":{}}`),
		[]byte(`{"format":"recall-deck","format_version":1,"deck":` + strings.Repeat(`{"a":`, 200) + `1` + strings.Repeat("}", 200) + `}`),
		[]byte(`{"format":"recall-deck","format_version":1,"signature":{"key":"ed25519:","value":""},"deck":{}}`),
		[]byte(`[]`),
		[]byte(`"recall-deck"`),
		[]byte("\xef\xbb\xbf{}"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := deck.DecodeShared(data)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\x1b") || strings.Contains(msg, "\u202e") {
				t.Errorf("error carries a control character from the input: %q", msg)
			}
			return
		}
		if got.Deck.Cards == nil {
			t.Fatal("accepted a deck without cards")
		}
		again, err := deck.EncodeShared(got.Deck, nil)
		if err != nil {
			t.Fatalf("EncodeShared refuses what DecodeShared accepted: %v\ninput: %q", err, data)
		}
		back, err := deck.DecodeShared(again)
		if err != nil {
			t.Fatalf("DecodeShared refuses what EncodeShared wrote: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(back.Deck, got.Deck) {
			t.Fatalf("deck changed on re-encoding:\n got %+v\nwant %+v", back.Deck, got.Deck)
		}
	})
}
