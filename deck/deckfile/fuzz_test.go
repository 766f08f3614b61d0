package deckfile_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/deckfile"
)

// FuzzDecodeShared feeds Decode arbitrary bytes. It must never panic,
// and whatever it accepts must be a deck Encode accepts too and that
// reads back the same: the two share their rules, so a file that passed
// cannot be one recall could not write.
//
// Run: go test ./deck/deckfile -run '^$' -fuzz FuzzDecodeShared -fuzztime 5m
func FuzzDecodeShared(f *testing.F) {
	signed := encode(f, sharedSample(), publisherKey)
	unsigned := encode(f, sharedSample(), nil)
	var compact bytes.Buffer
	if err := json.Compact(&compact, unsigned); err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{
		signed,
		unsigned,
		compact.Bytes(),
		manyCards(3),
		// Valid files that Encode would not write: escapes in keys
		// and values, keys in another order, no lists.
		[]byte(`{"deck": {"cards": [{"sources": [{"url": "https:\/\/example.com\/v?t=1\u0026x=\"y\""}], "back": "caf\u00e9 \ud83d\udc4d\n\t\\", ` +
			`"front": "\u003cb\u003e \u2028 \ud800", "kind": "term", "\u0069d": "0123456789abcdef"}], "date": "2026-02-28", "version": 18446744073709551615, "name": "D\u00e9ck"}, ` +
			`"format_version": 1, "format": "recall-\u0064eck"}`),
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
		got, err := deckfile.Decode(data)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\x1b") || strings.Contains(msg, "\u202e") {
				t.Errorf("error carries a control character from the input: %q", msg)
			}
			return
		}
		if got.Deck.Cards == nil {
			t.Fatal("accepted a deck without cards")
		}
		again, err := deckfile.Encode(got.Deck, nil)
		if err != nil {
			t.Fatalf("Encode refuses what Decode accepted: %v\ninput: %q", err, data)
		}
		back, err := deckfile.Decode(again)
		if err != nil {
			t.Fatalf("Decode refuses what Encode wrote: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(back.Deck, got.Deck) {
			t.Fatalf("deck changed on re-encoding:\n got %+v\nwant %+v", back.Deck, got.Deck)
		}
		// Decode checks the file's shape with a pass of its own
		// before encoding/json decodes it; a plain json.Unmarshal must
		// read the same deck out of any file that passed.
		if std := stdDecode(t, data); !reflect.DeepEqual(std, got.Deck) {
			t.Fatalf("encoding/json reads another deck:\n std %+v\n got %+v", std, got.Deck)
		}
	})
}

// stdDecode reads an accepted deck file with encoding/json, as Decode
// returns it.
func stdDecode(t *testing.T, data []byte) deckfile.Deck {
	t.Helper()
	var f struct {
		Deck struct {
			Name, Description, Date, Author string
			Version                         uint64
			Cards                           []struct {
				ID, Kind, Front, Back, Term, Note string
				Order                             int
				Tags, Siblings                    []string
				Sources                           []deck.Source
			}
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("encoding/json refuses an accepted file: %v", err)
	}
	d := deckfile.Deck{Name: f.Deck.Name, Description: f.Deck.Description, Version: f.Deck.Version, Date: f.Deck.Date, Author: f.Deck.Author}
	for _, c := range f.Deck.Cards {
		d.Cards = append(d.Cards, deck.Card{ID: c.ID, Kind: deck.Kind(c.Kind), Deck: d.Name, Front: c.Front, Back: c.Back,
			Term: c.Term, Note: c.Note, Order: c.Order, Tags: c.Tags, Siblings: c.Siblings, Sources: c.Sources})
	}
	return normalized(d)
}

// FuzzSharedText puts arbitrary text and numbers in a deck's fields. Either
// Encode refuses the deck, or the file it writes is accepted by
// Decode and reads back as the same deck, signature and all: the
// encoder never writes what the decoder refuses.
//
// Run: go test ./deck/deckfile -run '^$' -fuzz FuzzSharedText -fuzztime 5m
func FuzzSharedText(f *testing.F) {
	f.Add("Building trust", "About trust.\n\tIndented", "Calling your shots", "Forecasting & <b>goals</b>", "term", "tag", "https://example.com/v?t=1", 3, 12)
	f.Add("Ünïcödé 中文", "", "line\u2028separator \xed\xa0\xbd", "\x1b[2J", "", "", "javascript:alert(1)", -1, -1)
	f.Add(" ", "\u202e", "\\\"\x00", "\xff\xfe", "a\nb", "\t", "http://[::1]:80/x", 0, 0)
	f.Fuzz(func(t *testing.T, name, description, front, back, term, tag, link string, order, line int) {
		d := sharedSample()
		d.Name, d.Description = name, description
		c := &d.Cards[2]
		c.Deck, c.Front, c.Back, c.Term, c.Order = name, front, back, term, order
		c.Tags = []string{tag}
		c.Sources[0].URL, c.Sources[0].Line = link, line
		for i := range d.Cards {
			d.Cards[i].Deck = name
		}
		data, err := deckfile.Encode(d, publisherKey)
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\x1b\u202e\n") {
				t.Errorf("error carries a control character from the deck: %q", msg)
			}
			return
		}
		got, err := deckfile.Decode(data)
		if err != nil {
			t.Fatalf("Decode refuses what Encode wrote: %v\n%s", err, data)
		}
		if want := normalized(d); !reflect.DeepEqual(got.Deck, want) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", got.Deck, want)
		}
		if !got.Signer.Equal(publisherKey.Public()) {
			t.Fatal("signer lost")
		}
		if std := stdDecode(t, data); !reflect.DeepEqual(std, got.Deck) {
			t.Fatalf("encoding/json reads another deck:\n std %+v\n got %+v", std, got.Deck)
		}
		if i := slices.IndexFunc(got.Deck.Cards, func(c deck.Card) bool { return c.ID == "123456789abc" }); got.Deck.Cards[i].Front != front {
			t.Fatalf("front %q read back as %q", front, got.Deck.Cards[i].Front)
		}
	})
}
