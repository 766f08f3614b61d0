package team

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzDecodeProgress feeds DecodeProgress arbitrary bytes: it must never
// panic, and whatever it accepts must encode, decode to the same progress
// (cards sorted by ID) and encode to the same bytes again.
func FuzzDecodeProgress(f *testing.F) {
	f.Add([]byte(valid))
	if data, err := EncodeProgress(sample()); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		``,
		`{}`,
		`{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[]}`,
		`{"format":"recall-progress","format_version":2}`,
		`{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[{"id":"abcdef01","reviews":0,"lapses":0,"interval_days":0,"ef":2.5},{"id":"00000000","reviews":1,"lapses":1,"interval_days":0,"ef":1.3,"last_grade":0,"last_review":"2000-01-01"}]}`,
		`{"format":"recall-progress","format_version":1,"deck":"T","day":"2026-11-23","cards":[{"id":"abcdef01","reviews":1e3}]}`,
		`{"format":"recall-progress","format_version":1,"deck":"\u202e","day":"2026-11-23","cards":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodeProgress(data)
		if err != nil {
			if err.Error() == "" || strings.ContainsAny(err.Error(), "\x1b\x07\u009b") {
				t.Fatalf("error %q is empty or carries a control character", err)
			}
			return
		}
		enc, err := EncodeProgress(p)
		if err != nil {
			t.Fatalf("accepted %q but cannot encode it: %v", data, err)
		}
		q, err := DecodeProgress(enc)
		if err != nil {
			t.Fatalf("cannot decode its own encoding %q: %v", enc, err)
		}
		sorted := p
		sorted.Cards = slices.Clone(p.Cards)
		slices.SortFunc(sorted.Cards, func(a, b CardProgress) int { return strings.Compare(a.ID, b.ID) })
		if len(sorted.Cards) == 0 {
			sorted.Cards, q.Cards = nil, nil
		}
		if !reflect.DeepEqual(sorted, q) {
			t.Fatalf("decode→encode→decode changed the progress:\n got %+v\nwant %+v", q, sorted)
		}
		again, err := EncodeProgress(q)
		if err != nil || !bytes.Equal(again, enc) {
			t.Fatalf("encoding is not stable (%v):\n%s\n%s", err, enc, again)
		}
	})
}
