package storage

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
)

// knownCardSamples are cards as imports store them, with the texts that
// JSON escapes (quotes, backslashes, HTML, line breaks, U+2028, non-ASCII)
// and the lists that are left out when empty.
func knownCardSamples() []storedCard {
	at := time.Date(2026, 3, 1, 10, 30, 0, 123, time.UTC)
	return []storedCard{
		{ID: "a1b2c3d4e5f6", Kind: deck.KindTerm, Deck: "notes", Front: "Virtues — What is *honesty*?", Back: "Telling the truth <always> & \"without\" fail\\", Term: "Honesty", Note: "virtues", Order: 0,
			Tags: []string{"virtues", "kinds"}, Siblings: []string{"0f0f0f0f0f0f"}, Sources: []deck.Source{{File: "a/virtues.md", Line: 3, Title: "Virtues", Section: "Kinds", URL: "https://www.youtube.com/watch?v=x&t=5s"}},
			Added: at, Changed: at.Add(time.Hour)},
		{ID: "b", Kind: deck.KindList, Deck: "Ünïcode deck", Front: "Line\none\u2028two\ttab", Back: "- é\n- 日本", Order: -7, Retired: true, Added: at, Changed: at},
		{ID: "c", Kind: deck.KindCloze, Deck: "notes", Front: "", Back: "", Order: 1 << 40, Added: at.In(time.FixedZone("x", 3600)), Changed: time.Time{}},
	}
}

// TestKnownCardMatchesDecode: for a card stored as the import brings it,
// cardMatcher.known gives exactly what decoding its JSON gives; for one that
// differs in any field, or whose stored bytes carry anything after the
// times, it declines.
func TestKnownCardMatchesDecode(t *testing.T) {
	var m cardMatcher
	for _, sc := range knownCardSamples() {
		stored, err := encodeCard(sc)
		if err != nil {
			t.Fatal(err)
		}
		var decoded storedCard
		if err := json.Unmarshal(stored, &decoded); err != nil {
			t.Fatal(err)
		}
		c := decoded.card()
		got, ok := m.known(stored, &c, decoded.Deck, decoded.Order, decoded.Retired)
		if !ok || !reflect.DeepEqual(got, decoded) {
			t.Fatalf("card %s: knownCard %v\n%+v\nwant %+v", sc.ID, ok, got, decoded)
		}
		// An empty list where the store has none is the same card.
		empty := c
		if empty.Tags == nil {
			empty.Tags = []string{}
		}
		if got, ok := m.known(stored, &empty, decoded.Deck, decoded.Order, decoded.Retired); !ok || !reflect.DeepEqual(got, decoded) {
			t.Errorf("card %s with empty tags: knownCard %v", sc.ID, ok)
		}
		changes := map[string]func(*deck.Card){
			"front":   func(c *deck.Card) { c.Front += "x" },
			"back":    func(c *deck.Card) { c.Back = "other" },
			"tags":    func(c *deck.Card) { c.Tags = append(c.Tags, "new") },
			"sources": func(c *deck.Card) { c.Sources = append(c.Sources, deck.Source{File: "b.md"}) },
			"kind":    func(c *deck.Card) { c.Kind = deck.KindFormula },
			"term":    func(c *deck.Card) { c.Term = "Other" },
		}
		for name, change := range changes {
			other := c
			other.Tags = append([]string(nil), c.Tags...)
			other.Sources = append([]deck.Source(nil), c.Sources...)
			change(&other)
			if _, ok := m.known(stored, &other, decoded.Deck, decoded.Order, decoded.Retired); ok {
				t.Errorf("card %s: knownCard takes a card with another %s", sc.ID, name)
			}
		}
		if _, ok := m.known(stored, &c, decoded.Deck, decoded.Order+1, decoded.Retired); ok {
			t.Errorf("card %s: knownCard takes another order", sc.ID)
		}
		if _, ok := m.known(stored, &c, decoded.Deck, decoded.Order, !decoded.Retired); ok {
			t.Errorf("card %s: knownCard takes another retirement", sc.ID)
		}
		extra := append(bytes.TrimSuffix(bytes.Clone(stored), []byte("}")), `,"front":"changed"}`...)
		if _, ok := m.known(extra, &c, decoded.Deck, decoded.Order, decoded.Retired); ok {
			t.Errorf("card %s: knownCard takes stored bytes with a key after the times", sc.ID)
		}
	}
	bad := storedCard{ID: "d", Kind: deck.KindTerm, Deck: "notes", Front: "bad \xff utf-8"}
	stored, err := json.Marshal(bad)
	if err != nil {
		t.Fatal(err)
	}
	c := bad.card()
	if _, ok := m.known(stored, &c, "notes", 0, false); ok {
		t.Error("knownCard takes a card whose text is not UTF-8 (JSON would change it)")
	}
}

// FuzzKnownCard: whatever the stored bytes, a card cardMatcher.known accepts is
// the one decoding the bytes gives.
func FuzzKnownCard(f *testing.F) {
	samples := knownCardSamples()
	for _, sc := range samples {
		stored, err := encodeCard(sc)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(stored, uint8(0))
	}
	var m cardMatcher
	f.Fuzz(func(t *testing.T, stored []byte, which uint8) {
		sc := samples[int(which)%len(samples)]
		c := sc.card()
		got, ok := m.known(stored, &c, sc.Deck, sc.Order, sc.Retired)
		if !ok {
			return
		}
		var decoded storedCard
		if err := json.Unmarshal(stored, &decoded); err != nil {
			t.Fatalf("knownCard takes bytes that do not decode: %v", err)
		}
		if !reflect.DeepEqual(got, decoded) {
			t.Fatalf("knownCard gives %+v, decoding gives %+v", got, decoded)
		}
	})
}
