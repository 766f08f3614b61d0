package anki_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck/anki"
)

func TestRecallIDRoundTrip(t *testing.T) {
	tests := []anki.RecallID{
		{Deck: "Building trust", Identity: "Building trust", Cards: []anki.RecallIDCard{{ID: "6db2113a7014", Order: -1}}},
		{Deck: "Building trust", Identity: "Building trust", Cards: []anki.RecallIDCard{{ID: "6db2113a7014", Order: 17}}},
		{Deck: "Vocabulary", Identity: "Words", Cards: []anki.RecallIDCard{
			{ID: "43a017589c1d", Siblings: []string{"e75ead9959ce", "1a334ffb591c"},
				Sched: &anki.RecallSched{AnkiReps: 4, Reps: 2, LastReview: time.Date(2026, 11, 5, 8, 0, 0, 3_000_000, time.UTC)}},
			{ID: "e75ead9959ce", Siblings: []string{"43a017589c1d"},
				Sched: &anki.RecallSched{AnkiReps: 1, Reps: 1, LastReview: time.Date(2026, 11, 5, 8, 0, 0, 0, time.UTC), BuriedUntil: time.Date(2026, 11, 6, 4, 0, 0, 0, time.UTC)}},
		}},
		// Names and IDs with what the format itself uses: spaces, =, %,
		// commas, +, and HTML's specials.
		{Deck: "A::B = 100% <b>&</b> + ü", Identity: "A::B = 100% <b>&</b> + ü #2", Cards: []anki.RecallIDCard{
			{ID: "anki:Ab1!cd#EF,=+%<>&:0", Siblings: []string{"anki:x,y:1", "a%20b"}},
		}},
	}
	for _, want := range tests {
		field := want.Field()
		if strings.ContainsAny(field, "<>&\"'\t\n") {
			t.Errorf("field %q holds what HTML or a CSV row would read", field)
		}
		got, ok, err := anki.ParseRecallID(field)
		if err != nil || !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseRecallID(%q) = %+v, %v, %v; want %+v", field, got, ok, err, want)
		}
	}
}

func TestParseRecallIDNotRecalls(t *testing.T) {
	for _, field := range []string{"", "recall", "Recall this word", "recall:10 deck=x card0=a", "recall:1deck=x", "<b>x</b>"} {
		if _, ok, err := anki.ParseRecallID(field); ok || err != nil {
			t.Errorf("ParseRecallID(%q): ok %v, err %v; want a field that is not recall's", field, ok, err)
		}
	}
}

func TestParseRecallIDRefusesMalformed(t *testing.T) {
	tests := []struct{ field, want string }{
		{"recall:1", "no deck"},
		{"recall:1 deck=x", "no card0"},
		{"recall:1 card0=a", "no deck"},
		{"recall:1 deck=x card1=a", "no card0"},
		{"recall:1 deck=x card0=a siblings1=b", "without card1"},
		{"recall:1 deck=x card0=a sched1=1.1.0.0", "without card1"},
		{"recall:1 deck=x card0=a order1=3", "without card1"},
		{"recall:1 deck=x card0=a order0=-3", "not a number"},
		{"recall:1 deck=x card0=a order0=03", "not a number"},
		{"recall:1 deck=x card0=a sched0=1.1.0", "not four numbers"},
		{"recall:1 deck=x card0=a sched0=1.-1.0.0", "not a number"},
		{"recall:1 deck=x card0=a sched0=1.01.0.0", "not a number"},
		{"recall:1 deck=x card0=a sched0=1.1.99999999999999999.0", "not a number"},
		{"recall:1 deck=x card0=a sched0=99999999999.1.0.0", "not a number"},
		{"recall:1 deck=x card0=a card0=b", "given twice"},
		{"recall:1 deck=x card0=a card1=a", "both"},
		{"recall:1 deck=x card0=a card2=b", "cards 0 and 1 only"},
		{"recall:1 deck=x card01=a", "cards 0 and 1 only"},
		{"recall:1 deck=x card-1=a", "cards 0 and 1 only"},
		{"recall:1 deck=x card0=a owner=me", `unknown key "owner"`},
		{"recall:1 deck=x card0", "not key=value"},
		{"recall:1 deck=x card0=", "is not a card ID"},
		{"recall:1 deck=x card0=a+b", "is not a card ID"},
		{"recall:1 deck=x card0=%1B%5B2J", "is not a card ID"},
		{"recall:1 deck=x card0=%C3%BC", "is not a card ID"},
		{"recall:1 deck=x card0=" + strings.Repeat("a", 129), "is not a card ID"},
		{"recall:1 deck=x card0=%zz", "not escaped"},
		{"recall:1 deck=x card0=a siblings0=b,,c", "is not a card ID"},
		{"recall:1 deck=x card0=a siblings0=" + strings.TrimSuffix(strings.Repeat("b,", anki.MaxSiblings+1), ","), "more than 512"},
		{"recall:1 deck=+ card0=a", "deck: empty"},
		{"recall:1 deck=a%00b card0=a", "control characters"},
		{"recall:1 deck=a%0Ab card0=a", "control characters"},
		{"recall:1 deck=a%FFb card0=a", "invalid UTF-8"},
		{"recall:1 deck=x identity=" + strings.Repeat("i", 1025) + " card0=a", "more than 1024"},
		{"recall:1 deck=x card0=a siblings0=" + strings.Repeat("b", anki.MaxRecallIDFieldBytes), "more than"},
	}
	for _, tt := range tests {
		_, ok, err := anki.ParseRecallID(tt.field)
		if !ok || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRecallID(%.60q): ok %v, err %v; want one saying %q", tt.field, ok, err, tt.want)
		}
	}
}

// FuzzParseRecallID: any field is refused or read; what is read is well
// formed and writes back to a field that reads the same.
func FuzzParseRecallID(f *testing.F) {
	f.Add("recall:1 deck=Building+trust card0=6db2113a7014 siblings0=7943df0df5d5,917e58a5e893 card1=ab")
	f.Add("recall:1 deck=V identity=W card0=a")
	f.Add("recall:1 deck=x card0=%zz")
	f.Fuzz(func(t *testing.T, field string) {
		r, ok, err := anki.ParseRecallID(field)
		if err != nil || !ok {
			return
		}
		if r.Deck == "" || r.Identity == "" || len(r.Cards) == 0 || len(r.Cards) > 2 {
			t.Fatalf("read %+v", r)
		}
		for _, c := range r.Cards {
			if !anki.ValidID(c.ID) || len(c.Siblings) > anki.MaxSiblings {
				t.Fatalf("card %+v", c)
			}
			for _, s := range c.Siblings {
				if !anki.ValidID(s) {
					t.Fatalf("sibling %q", s)
				}
			}
		}
		again, ok, err := anki.ParseRecallID(r.Field())
		if err != nil || !ok || !reflect.DeepEqual(again, r) {
			t.Fatalf("%q read as %+v, written as %q, read again as %+v (%v)", field, r, r.Field(), again, err)
		}
	})
}
