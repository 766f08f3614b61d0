package team

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func grade(g int) *int { return &g }

// sample is a small progress file with a reviewed card, a lapsed one and a
// new one, out of ID order.
func sample() Progress {
	return Progress{
		Deck: "Building trust", DeckVersion: 3, Member: "alice", Day: "2026-11-23",
		Cards: []CardProgress{
			{ID: "6db2113a7014", Reviews: 4, Lapses: 1, IntervalDays: 6, EF: 2.36, LastGrade: grade(4), LastReview: "2026-11-20"},
			{ID: "0a1b2c3d4e5f", Reviews: 0, EF: 2.5},
			{ID: "33aa44bb55cc", Reviews: 2, Lapses: 0, IntervalDays: 1, EF: 2.6, LastGrade: grade(0), LastReview: "2026-11-23"},
		},
	}
}

func TestEncodeGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Progress
	}{
		{"progress", sample()},
		{"anonymous-empty", Progress{Deck: "Team", Day: "2026-01-01", Cards: nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeProgress(tc.p)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/recall/internal/team -run TestEncodeGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; if the change is intended, rerun with -update\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	p := sample()
	data, err := EncodeProgress(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("file does not end in a newline: %q", data[max(0, len(data)-10):])
	}
	for _, unwanted := range []string{"T0", ":00", "front", "back"} {
		if bytes.Contains(data, []byte(unwanted)) {
			t.Errorf("file holds %q: no times finer than a day, no card text:\n%s", unwanted, data)
		}
	}
	got, err := DecodeProgress(data)
	if err != nil {
		t.Fatal(err)
	}
	// Decoding gives the cards sorted by ID.
	want := sample()
	want.Cards = []CardProgress{want.Cards[1], want.Cards[2], want.Cards[0]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	again, err := EncodeProgress(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("encoding is not deterministic:\n%s\n%s", data, again)
	}
}

// valid is a well-formed file that the hostile cases below alter one thing in.
const valid = `{"format":"recall-progress","format_version":1,"deck":"Team","member":"bob","day":"2026-11-23","cards":[
{"id":"6db2113a7014","reviews":4,"lapses":1,"interval_days":6,"ef":2.36,"last_grade":4,"last_review":"2026-11-20"}
]}
`

func TestDecodeProgressAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, data string
	}{
		{"valid", valid},
		{"no member, no deck version", `{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[]}`},
		{"new card", `{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[{"id":"abcdef01","reviews":0,"lapses":0,"interval_days":0,"ef":2.5}]}`},
		{"64-digit ID", strings.Replace(valid, "6db2113a7014", strings.Repeat("f", 64), 1)},
		{"grade 0", strings.Replace(valid, `"last_grade":4`, `"last_grade":0`, 1)},
		{"bounds", strings.Replace(valid, `"reviews":4,"lapses":1,"interval_days":6,"ef":2.36`, `"reviews":10000000,"lapses":10000000,"interval_days":36500,"ef":10`, 1)},
		{"unicode member", strings.Replace(valid, `"bob"`, `"Zoë 🦊"`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := DecodeProgress([]byte(tc.data)); err != nil {
				t.Fatalf("refused: %v", err)
			}
		})
	}
}

func TestDecodeProgressRefuses(t *testing.T) {
	swap := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("%q not in the valid file", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	manyCards := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{}`)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty", ``, "not a progress file"},
		{"not JSON", `hello`, "malformed JSON"},
		{"array", `[]`, "not a progress file"},
		{"other format", swap(`"recall-progress"`, `"anki"`), `format is "anki"`},
		{"no version", swap(`"format_version":1,`, ``), "format_version is missing"},
		{"newer version", swap(`"format_version":1`, `"format_version":2`), "newer recall; upgrade"},
		{"newer version with new fields", swap(`"format_version":1`, `"format_version":7,"streaks":[1]`), "newer recall; upgrade"},
		{"version 0", swap(`"format_version":1`, `"format_version":0`), "format_version 0"},
		{"unknown field", swap(`"day"`, `"secret":"x","day"`), `unknown field "secret"`},
		{"unknown card field", swap(`"lapses"`, `"front":"x","lapses"`), `cards[0]: unknown field "front"`},
		{"two values", valid + `{}`, "after top-level value"},
		{"trailing garbage", valid + `x`, "after top-level value"},
		{"no cards", swap(`,"cards":[`+"\n"+`{"id":"6db2113a7014","reviews":4,"lapses":1,"interval_days":6,"ef":2.36,"last_grade":4,"last_review":"2026-11-20"}`+"\n"+`]`, ``), "cards is missing"},
		{"null cards", `{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":null}`, "cards is missing"},
		{"cards not an array", `{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":{}}`, "cards: want an array"},
		{"too many cards", manyCards(MaxCards + 1), "more than 50000 cards"},
		{"too large", valid + strings.Repeat(" ", MaxFileBytes), "larger than 8 MiB"},
		{"invalid UTF-8", swap(`"bob"`, "\"b\xffb\""), "not UTF-8"},
		{"escape in member", swap(`"bob"`, `"bob\u001b]0;pwned\u0007"`), "member: "},
		{"raw ESC in member", swap(`"bob"`, "\"bob\x1b[2J\""), "malformed JSON"},
		{"C1 CSI in member", swap(`"bob"`, `"bob\u009b31m"`), "control"},
		{"bidi override in member", swap(`"bob"`, `"bob\u202egnp.exe"`), "bidirectional"},
		{"newline in deck", swap(`"Team"`, `"Te\nam"`), "deck: "},
		{"blank deck", swap(`"Team"`, `"  "`), "deck: empty"},
		{"long member", swap(`"bob"`, `"`+strings.Repeat("b", 201)+`"`), "longer than 200 bytes"},
		{"member not a string", swap(`"bob"`, `42`), "member: found number, want a string"},
		{"bad day", swap(`"2026-11-23"`, `"2026-11-23T10:00:00Z"`), "day: "},
		{"impossible day", swap(`"2026-11-23"`, `"2026-02-30"`), "day: "},
		{"short ID", swap(`"6db2113a7014"`, `"6db2113"`), "cards[0]: id: "},
		{"long ID", swap(`"6db2113a7014"`, `"`+strings.Repeat("a", 65)+`"`), "cards[0]: id: "},
		{"upper-case ID", swap(`"6db2113a7014"`, `"6DB2113A7014"`), "cards[0]: id: "},
		{"escape in ID", swap(`"6db2113a7014"`, `"6db2113a\u001b[2J"`), "cards[0]: id: "},
		{"duplicate ID", swap(`]}`, `,{"id":"6db2113a7014","reviews":0,"lapses":0,"interval_days":0,"ef":2.5}]}`), "cards[1] (6db2113a7014): the same ID as cards[0]"},
		{"negative reviews", swap(`"reviews":4`, `"reviews":-1`), "cards[0] (6db2113a7014): reviews -1"},
		{"huge reviews", swap(`"reviews":4`, `"reviews":10000001`), "reviews 10000001"},
		{"overflowing reviews", swap(`"reviews":4`, `"reviews":99999999999999999999999`), "cards[0]: reviews: found number"},
		{"long number", swap(`"reviews":4`, `"reviews":`+strings.Repeat("9", 1000)), "9999…, want a whole number"},
		{"fractional reviews", swap(`"reviews":4`, `"reviews":4.5`), "cards[0]: reviews: found number"},
		{"exponent reviews", swap(`"reviews":4`, `"reviews":1e3`), "cards[0]: reviews: found number"},
		{"more lapses than reviews", swap(`"lapses":1`, `"lapses":5`), "lapses 5"},
		{"negative interval", swap(`"interval_days":6`, `"interval_days":-6`), "interval_days -6"},
		{"huge interval", swap(`"interval_days":6`, `"interval_days":36501`), "interval_days 36501"},
		{"low EF", swap(`"ef":2.36`, `"ef":1.29`), "ef 1.29"},
		{"high EF", swap(`"ef":2.36`, `"ef":10.01`), "ef 10.01"},
		{"overflowing EF", swap(`"ef":2.36`, `"ef":1e400`), "cards[0]: ef: found number"},
		{"EF as string", swap(`"ef":2.36`, `"ef":"NaN"`), "cards[0]: ef: found string"},
		{"grade 6", swap(`"last_grade":4`, `"last_grade":6`), "last_grade 6"},
		{"grade -1", swap(`"last_grade":4`, `"last_grade":-1`), "last_grade -1"},
		{"grade with no reviews", swap(`"reviews":4,"lapses":1`, `"reviews":0,"lapses":0`), "last_grade given"},
		{"timestamp review", swap(`"2026-11-20"`, `"2026-11-20 10:00"`), "last_review: "},
		{"deep nesting", `{"format":"recall-progress","format_version":1,"x":` + strings.Repeat("[", 100000) + `}`, "not a progress file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeProgress([]byte(tc.data))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07\u009b\u202e\n") {
				t.Errorf("error %q carries a control character", err)
			}
		})
	}
}

func TestEncodeProgressRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Progress)
		want string
	}{
		{"escape in --as", func(p *Progress) { p.Member = "\x1b]52;c;aGk=\x07" }, "member: "},
		{"time in day", func(p *Progress) { p.Day = "2026-11-23T01:02:03Z" }, "day: "},
		{"bad card", func(p *Progress) { p.Cards[2].EF = 0 }, "cards[2] (33aa44bb55cc): ef 0"},
		{"duplicate card", func(p *Progress) { p.Cards[1].ID = p.Cards[0].ID }, "the same ID"},
		{"no deck", func(p *Progress) { p.Deck = "" }, "deck: empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := sample()
			tc.edit(&p)
			if _, err := EncodeProgress(p); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestLearned(t *testing.T) {
	for _, tc := range []struct {
		c                 CardProgress
		reviewed, learned bool
	}{
		{CardProgress{Reviews: 0, IntervalDays: 0}, false, false},
		{CardProgress{Reviews: 3, IntervalDays: 0}, true, false}, // failed last time
		{CardProgress{Reviews: 1, IntervalDays: 1}, true, true},
	} {
		if got := tc.c.Reviewed(); got != tc.reviewed {
			t.Errorf("%+v: Reviewed() = %v", tc.c, got)
		}
		if got := tc.c.Learned(); got != tc.learned {
			t.Errorf("%+v: Learned() = %v", tc.c, got)
		}
	}
}
