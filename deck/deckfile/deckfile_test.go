package deckfile_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/deckfile"
)

var update = flag.Bool("update", false, "rewrite golden files")

// publisherKey and otherKey are fixed signing keys, so golden files and
// signatures are the same on every run.
var (
	publisherKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	otherKey     = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
)

// sharedSample is a small deck with every field in use: a term card and its
// reverse (siblings), a list card with a multi-line back, tags, several
// sources, text with characters JSON and HTML treat specially.
func sharedSample() deckfile.Deck {
	src := []deck.Source{{File: "notes/building-trust.md", Line: 12, Title: "Building trust", Section: "Building Trust",
		URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s"}}
	return deckfile.Deck{
		Name:        "Building trust",
		Description: "Cards from the team's notes on trust.\n\tMaintained by the platform team.",
		Version:     3,
		Date:        "2026-11-23",
		Author:      "Dana <dana@example.com>",
		Cards: []deck.Card{
			{ID: "0a1b2c3d4e5f", Kind: deck.KindTerm, Deck: "Building trust",
				Front: "Building trust › Building Trust — what does *Calling your shots* mean?",
				Back:  "Forecasting & setting goals, then hitting them.", Term: "Calling your shots", Note: "building-trust", Order: 1,
				Tags: []string{"trust", "team work"}, Siblings: []string{"a1b2c3d4e5f6"}, Sources: src},
			{ID: "a1b2c3d4e5f6", Kind: deck.KindReverse, Deck: "Building trust",
				Front: "Forecasting & setting goals, then hitting them. — which term is this?", Back: "Calling your shots",
				Term: "Calling your shots", Note: "building-trust", Order: 2,
				Tags: []string{"trust"}, Siblings: []string{"0a1b2c3d4e5f"}, Sources: src},
			{ID: "123456789abc", Kind: deck.KindList, Deck: "Building trust",
				Front: "Losing Trust — name the 4 ways trust is lost",
				Back:  "- Lying\n- Being \"evasive\"\n- Failing to ship <on time>\n- Repeating mistakes", Term: "Losing Trust",
				Note: "building-trust", Order: 3,
				Sources: []deck.Source{
					{File: "notes/building-trust.md", Line: 40, Title: "Building trust", Section: "Losing Trust"},
					{File: "notes/feedback.md", Line: 3, Title: "Feedback — Ünïcödé 中文 👍🏽", Section: "Trust › Losing it"},
				}},
		},
	}
}

// normalized returns d as Decode returns it: cards sorted by order
// then ID, Deck set, empty lists nil.
func normalized(d deckfile.Deck) deckfile.Deck {
	d.Cards = slices.Clone(d.Cards)
	for i := range d.Cards {
		c := &d.Cards[i]
		c.Deck = d.Name
		if len(c.Tags) == 0 {
			c.Tags = nil
		}
		if len(c.Siblings) == 0 {
			c.Siblings = nil
		}
		if len(c.Sources) == 0 {
			c.Sources = nil
		}
	}
	slices.SortFunc(d.Cards, func(a, b deck.Card) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.ID, b.ID)
	})
	return d
}

func encode(t testing.TB, d deckfile.Deck, key ed25519.PrivateKey) []byte {
	t.Helper()
	data, err := deckfile.Encode(d, key)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return data
}

func TestSharedRoundTrip(t *testing.T) {
	shuffled := sharedSample()
	slices.Reverse(shuffled.Cards)
	shuffled.Cards[0].Tags = []string{} // empty and nil lists read back alike
	// Notes make cloze and formula cards too: a deck of them packs.
	generated := sharedSample()
	for i, k := range []deck.Kind{deck.KindCloze, deck.KindFormula} {
		generated.Cards[i].Kind = k
	}
	for _, tt := range []struct {
		name string
		d    deckfile.Deck
		key  ed25519.PrivateKey
	}{
		{"unsigned", sharedSample(), nil},
		{"signed", sharedSample(), publisherKey},
		{"cards out of order, signed", shuffled, publisherKey},
		{"cloze and formula cards", generated, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.d)
			data := encode(t, tt.d, tt.key)
			if fmt.Sprint(tt.d) != before {
				t.Fatal("Encode changed its argument")
			}
			if again := encode(t, tt.d, tt.key); !bytes.Equal(data, again) {
				t.Fatal("encoding the same deck twice gives different bytes")
			}
			if !bytes.HasSuffix(data, []byte("}\n")) {
				t.Errorf("file does not end with a line feed: %q", data[len(data)-10:])
			}
			got, err := deckfile.Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v\n%s", err, data)
			}
			if want := normalized(tt.d); !reflect.DeepEqual(got.Deck, want) {
				t.Errorf("round trip differs:\n got %+v\nwant %+v", got.Deck, want)
			}
			sum := sha256.Sum256(data)
			if got.Digest != hex.EncodeToString(sum[:]) {
				t.Errorf("Digest = %s; want the SHA-256 of the file", got.Digest)
			}
			switch {
			case tt.key == nil && got.Signer != nil:
				t.Errorf("unsigned file decoded with Signer %x", got.Signer)
			case tt.key != nil && !got.Signer.Equal(tt.key.Public()):
				t.Errorf("Signer = %x; want %x", got.Signer, tt.key.Public())
			}
		})
	}
}

// TestSharedGolden pins the file format: a change to the bytes written is a
// change every existing reader sees, and the signature test keys are fixed,
// so the signed file must not change either.
func TestSharedGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		key  ed25519.PrivateKey
	}{
		{"small-signed.json", publisherKey},
		{"small-unsigned.json", nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			golden := filepath.Join("testdata", "shared", tt.file)
			data := encode(t, sharedSample(), tt.key)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./deck/deckfile -run TestSharedGolden -update)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("Encode differs from %s (rerun with -update if the change is intended):\n%s", golden, data)
			}
			// The committed file must read back too, so a change to the
			// decoder cannot strand files already handed out.
			got, err := deckfile.Decode(want)
			if err != nil {
				t.Fatalf("Decode(%s): %v", golden, err)
			}
			if !reflect.DeepEqual(got.Deck, normalized(sharedSample())) {
				t.Errorf("%s decodes to %+v", golden, got.Deck)
			}
			if !json.Valid(want) {
				t.Errorf("%s is not valid JSON", golden)
			}
		})
	}
}

// replaceOnce replaces the one occurrence of old in data, failing the test
// if there is not exactly one.
func replaceOnce(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times in the file; want once", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// signatureValue returns the signature value of a signed file.
func signatureValue(t *testing.T, data []byte) string {
	t.Helper()
	var f struct {
		Signature struct{ Key, Value string }
	}
	if err := json.Unmarshal(data, &f); err != nil || f.Signature.Value == "" {
		t.Fatalf("no signature in file: %v", err)
	}
	return f.Signature.Value
}

// lineOf returns the 1-based line of the first occurrence of s in data.
func lineOf(t *testing.T, data []byte, s string) int {
	t.Helper()
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		t.Fatalf("%q not in the file", s)
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

// manyCards returns an unsigned deck file with n minimal cards, written by
// hand since Encode refuses more than MaxCards.
func manyCards(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"format":"recall-deck","format_version":1,"deck":{"name":"Big","version":1,"date":"2026-01-02","cards":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%012x","kind":"term","front":"Q%d","back":"A%d","order":%d}`, i, i, i, i)
	}
	b.WriteString("]}}\n")
	return []byte(b.String())
}

func TestDecodeSharedRefuses(t *testing.T) {
	signed := encode(t, sharedSample(), publisherKey)
	unsigned := encode(t, sharedSample(), nil)
	sig := signatureValue(t, signed)
	otherSig := signatureValue(t, encode(t, sharedSample(), otherKey))
	flipped := []byte(sig)
	flipped[20] = 'A' // anywhere but the end, any base64 letter is valid
	if sig[20] == 'A' {
		flipped[20] = 'B'
	}
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	longName := strings.Repeat("n", deckfile.MaxShortFieldBytes+1)
	noURL := "\"section\": \"Losing Trust\",\n            \"url\": \"\""

	tests := []struct {
		name string
		data []byte
		is   error    // errors.Is target, if any
		want []string // substrings of the message
		line string   // the message names the line of this text's first occurrence
	}{
		// Signatures.
		{name: "changed byte in card text", data: replaceOnce(t, signed, "then hitting them.\"", "then hitting them!\""),
			is: deckfile.ErrBadSignature, want: []string{"signature does not verify"}},
		{name: "changed byte in order", data: replaceOnce(t, signed, `"order": 3`, `"order": 4`), is: deckfile.ErrBadSignature},
		{name: "whitespace added in deck", data: replaceOnce(t, signed, `"version": 3,`, `"version":  3,`), is: deckfile.ErrBadSignature},
		{name: "changed signature", data: replaceOnce(t, signed, sig, string(flipped)), is: deckfile.ErrBadSignature},
		{name: "signature of another key, key left", data: replaceOnce(t, signed, sig, otherSig), is: deckfile.ErrBadSignature},
		{name: "key of another signer, signature left",
			data: replaceOnce(t, signed, deckfile.FormatPublicKey(publisherKey.Public().(ed25519.PublicKey)), deckfile.FormatPublicKey(otherKey.Public().(ed25519.PublicKey))),
			is:   deckfile.ErrBadSignature},
		{name: "signature value not base64", data: replaceOnce(t, signed, sig, "!"+sig[1:]),
			want: []string{"signature.value: not standard base64 at character 1"}, line: `"value"`},
		{name: "signature value short", data: replaceOnce(t, signed, sig, sig[4:]), want: []string{"signature.value: 84 characters; want 88"}},
		{name: "signature key malformed", data: replaceOnce(t, signed, `"key": "ed25519:`, `"key": "ssh-ed25519 `),
			want: []string{"signature.key: publisher key", `want "ed25519:"`}, line: `"key"`},
		{name: "signature without value", data: replaceOnce(t, signed, `,
    "value": "`+sig+`"`, ""), want: []string{"signature.value: missing"}},
		{name: "signature null", data: replaceOnce(t, unsigned, `"format_version": 1,`, `"format_version": 1, "signature": null,`),
			want: []string{"signature: want an object, got null"}},

		// Format.
		{name: "wrong format", data: replaceOnce(t, unsigned, `"recall-deck"`, `"anki-deck"`), want: []string{"not a recall deck file"}},
		{name: "no format", data: []byte(`{"deck": {}}`), want: []string{"not a recall deck file"}},
		{name: "a list", data: []byte(`[1, 2]`), want: []string{"not a recall deck file", "not a JSON object"}},
		{name: "empty", data: nil, want: []string{"empty"}},
		{name: "newer format", data: []byte(`{"format": "recall-deck", "format_version": 2, "decks": [{"whatever": true}], "x": ` + deep[:100] + deep[len(deep)-100:] + `}`),
			is: deckfile.ErrNewerFormat, want: []string{"made by a newer recall (deck format 2); upgrade recall"}},
		{name: "much newer format", data: replaceOnce(t, unsigned, `"format_version": 1`, `"format_version": 123456789012345678901234567890`),
			is: deckfile.ErrNewerFormat, want: []string{"made by a newer recall"}},
		{name: "format version 0", data: replaceOnce(t, unsigned, `"format_version": 1`, `"format_version": 0`), want: []string{"format_version: 0"}},
		{name: "format version not whole", data: replaceOnce(t, unsigned, `"format_version": 1`, `"format_version": 1.0`), want: []string{"format_version: want a whole number"}},
		{name: "no format version", data: replaceOnce(t, unsigned, `"format_version": 1,`, ``), want: []string{"format_version: missing"}},
		{name: "no deck", data: []byte(`{"format": "recall-deck", "format_version": 1}`), want: []string{"deck: missing"}},
		{name: "unknown top-level field", data: replaceOnce(t, unsigned, `"format_version": 1,`, `"format_version": 1,
  "extra": 1,`), want: []string{`unknown field "extra"`}, line: `"extra"`},
		{name: "unknown field in a card", data: replaceOnce(t, unsigned, `"order": 3,`, `"colour": "red", "order": 3,`),
			want: []string{`card 3 (id 123456789abc): unknown field "colour"`}, line: `"colour"`},
		{name: "unknown field in a source", data: replaceOnce(t, unsigned, `"line": 40,`, `"line": 40, "time": 3,`),
			want: []string{`sources[1]: unknown field "time"`}, line: `"time"`},
		{name: "unknown deeply nested field", data: replaceOnce(t, unsigned, `"format_version": 1,`, `"format_version": 1, "x": `+deep+`,`),
			want: []string{"invalid JSON", "exceeded max depth"}},
		{name: "field twice", data: replaceOnce(t, unsigned, `"version": 3,`, `"version": 3, "version": 4,`),
			want: []string{`deck: field "version" appears twice`}},
		{name: "trailing data", data: append(slices.Clone(unsigned), "{}\n"...), want: []string{"more data after the end of the deck file"}, line: "{}"},
		{name: "two files concatenated", data: append(slices.Clone(unsigned), unsigned...), want: []string{"more data after the end"}},
		{name: "JSON syntax error", data: replaceOnce(t, unsigned, `"order": 2,`, `"order": 2 "oops": 1,`),
			want: []string{"invalid JSON", "invalid character"}, line: `"oops"`},
		{name: "cut short", data: unsigned[:len(unsigned)/2], want: []string{"invalid JSON", "ends in the middle"}},
		{name: "null for a string", data: replaceOnce(t, unsigned, `"author": "Dana <dana@example.com>"`, `"author": null`),
			want: []string{"deck.author: want a string, got null"}, line: `"author"`},
		{name: "number for a string", data: replaceOnce(t, unsigned, `"term": "Losing Trust"`, `"term": 7`),
			want: []string{"card 3 (id 123456789abc): term: want a string, got a number"}, line: `"term": 7`},
		{name: "string for a list", data: replaceOnce(t, unsigned, `"tags": [],`, `"tags": "trust",`),
			want: []string{"tags: want a list, got a string"}},

		// Bounds.
		{name: "too big", data: append(slices.Clone(unsigned), bytes.Repeat([]byte(" "), deckfile.MaxFileBytes)...),
			want: []string{fmt.Sprintf("at most %d", deckfile.MaxFileBytes)}},
		{name: "too many cards", data: manyCards(deckfile.MaxCards + 1), want: []string{"deck.cards: more than 50000"}},
		{name: "overlong name", data: replaceOnce(t, unsigned, `"name": "Building trust"`, `"name": "`+longName+`"`),
			want: []string{"deck.name: too long: 1025 bytes; at most 1024"}, line: `"name"`},
		{name: "overlong front", data: replaceOnce(t, unsigned, `"front": "Losing Trust`, `"front": "`+strings.Repeat("x", deckfile.MaxCardTextBytes)),
			want: []string{"card 3 (id 123456789abc): front: too long"}},
		{name: "too many tags", data: replaceOnce(t, unsigned, `"tags": [],`, `"tags": [`+strings.Repeat(`"t",`, deckfile.MaxCardListLen)+`"t"],`),
			want: []string{"card 3 (id 123456789abc): tags: more than 64 elements"}},
		{name: "overlong description", data: replaceOnce(t, unsigned, `"description": "`, `"description": "`+strings.Repeat("d", deckfile.MaxDescriptionBytes)),
			want: []string{"deck.description: too long"}},

		// Text.
		{name: "bad UTF-8", data: replaceOnce(t, unsigned, "Ünïcödé", "\xffnïcödé"), want: []string{"not valid UTF-8"}, line: "\xffn"},
		{name: "escape sequence in front", data: replaceOnce(t, unsigned, `"front": "Losing Trust`, `"front": "\u001b[2JLosing Trust`),
			want: []string{"card 3 (id 123456789abc): front: has the control character U+001B (escape)"}, line: `\u001b`},
		{name: "C1 control in back", data: replaceOnce(t, unsigned, `"back": "Calling your shots"`, `"back": "Calling\u009b your shots"`),
			want: []string{"back: has the control character U+009B"}},
		{name: "bidi override in back", data: replaceOnce(t, unsigned, `"back": "Calling your shots"`, `"back": "Calling `+"\u202e"+`stohs"`),
			want: []string{"card 2 (id a1b2c3d4e5f6): back: has the bidirectional control U+202E"}},
		{name: "bidi isolate in tag", data: replaceOnce(t, unsigned, `"team work"`, `"team\u2067 work"`),
			want: []string{"card 1 (id 0a1b2c3d4e5f): tags[2]: has the bidirectional control U+2067"}},
		{name: "line break in name", data: replaceOnce(t, unsigned, `"name": "Building trust"`, `"name": "Building\ntrust"`),
			want: []string{"deck.name: has a line break"}},
		{name: "carriage return in front", data: replaceOnce(t, unsigned, `"front": "Losing Trust`, `"front": "Losing\rTrust`),
			want: []string{"front: has the control character U+000D"}},
		{name: "blank front", data: replaceOnce(t, unsigned, `"front": "Losing Trust — name the 4 ways trust is lost"`, `"front": " \n "`),
			want: []string{"card 3 (id 123456789abc): front: blank"}},
		{name: "no back", data: replaceOnce(t, unsigned, `"back": "Calling your shots",`, ``),
			want: []string{"card 2 (id a1b2c3d4e5f6): back: missing or empty"}},
		{name: "empty name", data: replaceOnce(t, unsigned, `"name": "Building trust"`, `"name": ""`), want: []string{"deck.name: missing or empty"}},

		// IDs and kinds.
		{name: "bad ID", data: replaceOnce(t, unsigned, `"id": "123456789abc"`, `"id": "12345678-ABC"`),
			want: []string{`card 3: id: "12345678-ABC" is not a card ID`}, line: `"12345678-ABC"`},
		{name: "short ID", data: replaceOnce(t, unsigned, `"id": "123456789abc"`, `"id": "1234567"`), want: []string{"card 3: id:", "not a card ID"}},
		{name: "duplicate ID", data: replaceOnce(t, unsigned, `"id": "123456789abc"`, `"id": "0a1b2c3d4e5f"`),
			want: []string{"card 3 (id 0a1b2c3d4e5f): id: also the ID of card 1"}},
		{name: "unknown sibling", data: replaceOnce(t, unsigned, `"siblings": [
          "0a1b2c3d4e5f"`, `"siblings": [
          "0a1b2c3d4e50"`),
			want: []string{"card 2 (id a1b2c3d4e5f6): siblings[1]: no card with ID 0a1b2c3d4e50 in this deck file"}, line: `"0a1b2c3d4e50"`},
		{name: "own sibling", data: replaceOnce(t, unsigned, `"siblings": [
          "0a1b2c3d4e5f"`, `"siblings": [
          "a1b2c3d4e5f6"`), want: []string{"siblings[1]: the card's own ID"}},
		{name: "bad kind", data: replaceOnce(t, unsigned, `"kind": "list"`, `"kind": "riddle"`),
			want: []string{`card 3 (id 123456789abc): kind: "riddle" is not a card kind`}, line: `"riddle"`},

		// Deck fields.
		{name: "bad date", data: replaceOnce(t, unsigned, `"2026-11-23"`, `"2026-13-01"`), want: []string{`deck.date: "2026-13-01" is not a date`}, line: `"date"`},
		{name: "date with time", data: replaceOnce(t, unsigned, `"2026-11-23"`, `"2026-11-23T10:00:00Z"`), want: []string{"deck.date:"}},
		{name: "version 0", data: replaceOnce(t, unsigned, `"version": 3`, `"version": 0`), want: []string{"deck.version: missing or 0"}, line: `"version"`},
		{name: "negative version", data: replaceOnce(t, unsigned, `"version": 3`, `"version": -3`), want: []string{"deck.version: want a whole number"}},
		{name: "no cards", data: []byte(`{"format":"recall-deck","format_version":1,"deck":{"name":"x","version":1,"date":"2026-01-02","cards":[]}}`),
			want: []string{"deck.cards: no cards"}},
		{name: "negative order", data: replaceOnce(t, unsigned, `"order": 3`, `"order": -1`), want: []string{"card 3 (id 123456789abc): order: -1; want 0 or more"}},
		{name: "fractional order", data: replaceOnce(t, unsigned, `"order": 3`, `"order": 3.5`), want: []string{"order: want a whole number, got \"3.5\""}},
		{name: "negative source line", data: replaceOnce(t, unsigned, `"line": 40`, `"line": -40`), want: []string{"sources[1].line: -40"}},

		// Links.
		{name: "javascript URL", data: replaceOnce(t, unsigned, noURL, `"section": "Losing Trust", "url": "javascript:alert(1)"`),
			want: []string{`card 3 (id 123456789abc): sources[1].url: scheme "javascript" is not http or https`}, line: "javascript:"},
		{name: "URL without host", data: replaceOnce(t, unsigned, noURL, `"section": "Losing Trust", "url": "https:///x"`),
			want: []string{"sources[1].url: no host"}},
		{name: "URL with user", data: replaceOnce(t, unsigned, noURL, `"section": "Losing Trust", "url": "https://youtube.com@evil.example/"`),
			want: []string{"sources[1].url: has a user name"}},
		{name: "URL not parsable", data: replaceOnce(t, unsigned, noURL, `"section": "Losing Trust", "url": "http://[::1"`),
			want: []string{"sources[1].url: not a valid URL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deckfile.Decode(tt.data)
			if err == nil {
				t.Fatalf("Decode accepted the file: %+v", got.Deck)
			}
			msg := err.Error()
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", msg, tt.is)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if tt.line != "" {
				if w := fmt.Sprintf("line %d: ", lineOf(t, tt.data, tt.line)); !strings.HasPrefix(msg, w) {
					t.Errorf("error %q does not start with %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || len(msg) > 200 {
				t.Errorf("error is not one short line (%d bytes): %q", len(msg), msg)
			}
		})
	}
}

// TestDecodeSharedErrorsDoNotEcho checks that text from a hostile file
// reaches an error message only short and escaped.
func TestDecodeSharedErrorsDoNotEcho(t *testing.T) {
	unsigned := encode(t, sharedSample(), nil)
	long := strings.Repeat("\u202e\x1b[2J", 5000)
	quoted, _ := json.Marshal(long)
	for _, tt := range []struct{ name, old, new string }{
		{"unknown field", `"version": 3,`, `"version": 3, ` + string(quoted) + `: 1,`},
		{"kind", `"kind": "list"`, `"kind": ` + string(quoted)},
		{"id", `"id": "123456789abc"`, `"id": ` + string(quoted)},
		{"date", `"2026-11-23"`, string(quoted)},
		{"format version", `"format_version": 1`, `"format_version": 1` + strings.Repeat("0", 5000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deckfile.Decode(replaceOnce(t, unsigned, tt.old, tt.new))
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if len(msg) > 300 || strings.ContainsAny(msg, "\x1b\u202e") {
				t.Errorf("error echoes the hostile text: %q", msg)
			}
		})
	}
}

func TestEncodeSharedRefuses(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(d *deckfile.Deck)
		key    ed25519.PrivateKey
		want   string
	}{
		{"card of another deck", func(d *deckfile.Deck) { d.Cards[1].Deck = "Other" }, nil, `card 2 (id a1b2c3d4e5f6): deck: card is in deck "Other"`},
		{"escape in front", func(d *deckfile.Deck) { d.Cards[0].Front = "\x1b]52;c;aGk=\a" }, nil, "card 1 (id 0a1b2c3d4e5f): front: has the control character U+001B"},
		{"invalid UTF-8", func(d *deckfile.Deck) { d.Author = "\xff" }, nil, "deck.author: not valid UTF-8"},
		{"no cards", func(d *deckfile.Deck) { d.Cards = nil }, nil, "deck.cards: no cards"},
		{"no date", func(d *deckfile.Deck) { d.Date = "" }, nil, "deck.date: missing"},
		{"version 0", func(d *deckfile.Deck) { d.Version = 0 }, nil, "deck.version: missing or 0"},
		{"duplicate ID", func(d *deckfile.Deck) { d.Cards[2].ID = d.Cards[0].ID }, nil, "card 3 (id 0a1b2c3d4e5f): id: also the ID of card 1"},
		{"unknown sibling", func(d *deckfile.Deck) { d.Cards[2].Siblings = []string{"ffffffffffff"} }, nil, "siblings[1]: no card with ID ffffffffffff"},
		{"too many sources", func(d *deckfile.Deck) {
			d.Cards[2].Sources = make([]deck.Source, deckfile.MaxCardListLen+1)
		}, nil, "card 3 (id 123456789abc): sources: 65 sources; at most 64"},
		{"bad key", func(*deckfile.Deck) {}, ed25519.PrivateKey(make([]byte, 10)), "signing key is 10 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := sharedSample()
			tt.change(&d)
			_, err := deckfile.Encode(d, tt.key)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error = %v; want one containing %q", err, tt.want)
			}
		})
	}
}

// BenchmarkDecodeShared decodes and verifies a signed file of 5000 cards
// with text the length of real cards.
func BenchmarkDecodeShared(b *testing.B) {
	d := deckfile.Deck{Name: "Bench", Version: 1, Date: "2026-01-02", Author: "bench"}
	for i := range 5000 {
		id := fmt.Sprintf("%012x", i*7919)
		c := deck.Card{
			ID: id, Kind: deck.KindTerm, Order: i, Term: fmt.Sprintf("Term number %d", i), Note: "note-" + fmt.Sprint(i/50),
			Front: fmt.Sprintf("Chapter %d › Section %d — what does *Term number %d* mean?", i/200, i/20, i),
			Back:  strings.Repeat("A definition of a reasonable length, with a clause or two. ", 2),
			Tags:  []string{"bench", fmt.Sprintf("chapter-%d", i/200)},
			Sources: []deck.Source{{File: fmt.Sprintf("notes/chapter-%d.md", i/200), Line: i % 400, Title: "Chapter",
				Section: "Section › Subsection", URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s"}},
		}
		if i%2 == 1 {
			prev := &d.Cards[i-1]
			c.Kind, c.Siblings = deck.KindReverse, []string{prev.ID}
			prev.Siblings = []string{id}
		}
		d.Cards = append(d.Cards, c)
	}
	data := encode(b, d, publisherKey)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := deckfile.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
