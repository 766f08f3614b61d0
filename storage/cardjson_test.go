package storage

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
)

// TestAppendCardIsMarshal: the card encoder writes, byte for byte, what
// json.Marshal writes of the same card, for the texts JSON escapes and the
// fields it leaves out.
func TestAppendCardIsMarshal(t *testing.T) {
	var every strings.Builder
	for b := 0; b < 0x80; b++ {
		every.WriteByte(byte(b))
	}
	texts := []string{
		"", "plain", every.String(), "quote \" backslash \\ slash /", "<b>&amp;</b>",
		"line\u2028para\u2029end", "é 日本 🙂", "bad \xff utf-8 \xe2\x82", "\xc0\x80 overlong", "\xed\xa0\x80 surrogate",
		"\U0010ffff max", "tab\tnl\ncr\rbs\bff\f nul\x00 del\x7f",
	}
	at := time.Date(2026, 3, 1, 10, 30, 0, 123456789, time.UTC)
	cards := append(knownCardSamples(),
		storedCard{ID: "e", Tags: []string{}, Siblings: []string{}, Sources: []deck.Source{}},
		storedCard{ID: "f", Order: -1 << 62, Added: at.In(time.FixedZone("y", -5*3600-1800)), Changed: at.Add(-at.Sub(time.Time{}) / 2)},
		storedCard{ID: "g", Sources: []deck.Source{{}, {Line: -3}}, Tags: []string{""}},
		storedCard{ID: "h", Added: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("z", 23*3600+59*60)), Changed: time.Date(0, 1, 1, 0, 0, 0, 1, time.FixedZone("w", -23*3600))},
	)
	for _, s := range texts {
		cards = append(cards, storedCard{
			ID: s, Kind: deck.Kind(s), Deck: s, Front: s, Back: s, Term: s, Note: s, Order: len(s),
			Tags: []string{s, s}, Siblings: []string{s}, Sources: []deck.Source{{File: s, Line: 7, Title: s, Section: s, URL: s}},
			Retired: len(s)%2 == 0, Added: at, Changed: at,
		})
	}
	for i, c := range cards {
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendCard([]byte("prefix"), &c)
		if err != nil {
			t.Fatalf("card %d: %v", i, err)
		}
		if !bytes.Equal(got[len("prefix"):], want) || string(got[:len("prefix")]) != "prefix" {
			t.Errorf("card %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestEncodeCardRefuses: a card json.Marshal refuses, or one too large to
// keep, is refused with encoding/json's words or the size.
func TestEncodeCardRefuses(t *testing.T) {
	far := storedCard{ID: "x", Added: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, jerr := json.Marshal(far)
	if _, err := encodeCard(far); err == nil || jerr == nil || !strings.Contains(err.Error(), jerr.Error()) || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("year 10000: %v, want it to hold %v", err, jerr)
	}
	for _, at := range []time.Time{
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("far", 24*3600)),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("farther", -100*3600)),
	} {
		c := storedCard{ID: "z", Changed: at}
		_, jerr := json.Marshal(c)
		if _, err := encodeCard(c); err == nil || jerr == nil || !strings.Contains(err.Error(), jerr.Error()) {
			t.Errorf("time %v: %v, want it to hold %v", at, err, jerr)
		}
	}
	big := storedCard{ID: "y", Back: strings.Repeat("a", maxCardBytes)}
	if _, err := encodeCard(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a card over %d bytes: %v", maxCardBytes, err)
	}
}

// FuzzAppendCard: whatever the texts, the card encoder writes what
// json.Marshal writes.
func FuzzAppendCard(f *testing.F) {
	f.Add("a1", "Front <b>", "back\u2028\xff", "file.md", 3, int64(0))
	f.Add("", "", "", "", -1, int64(1<<40))
	f.Fuzz(func(t *testing.T, id, front, back, file string, order int, nanos int64) {
		at := time.Unix(0, nanos).UTC()
		c := storedCard{ID: id, Kind: deck.Kind(front), Deck: back, Front: front, Back: back, Term: file, Note: id, Order: order,
			Tags: []string{front, back}, Siblings: []string{id}, Sources: []deck.Source{{File: file, Line: order, Title: back, Section: front, URL: id}},
			Retired: order%2 == 0, Added: at, Changed: at.Add(time.Duration(order))}
		want, werr := json.Marshal(c)
		got, err := appendCard(nil, &c)
		if (err != nil) != (werr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("appendCard %q, %v\n json.Marshal %q, %v", got, err, want, werr)
		}
	})
}

// BenchmarkEncodeCard: the card encoder against json.Marshal of the same
// card (a term card as an import stores it).
func BenchmarkEncodeCard(b *testing.B) {
	c := knownCardSamples()[0]
	c.Back = strings.Repeat("a definition of several words, ", 4)
	b.Run("appendCard", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf, _ = appendCard(buf[:0], &c)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = json.Marshal(c)
		}
	})
}
