package content

import (
	"strings"
	"testing"
)

// FuzzPhraseIndex holds phraseIndex to what it stands for: firstIndexes
// to strings.Index of each phrase, any to strings.Contains of one.
func FuzzPhraseIndex(f *testing.F) {
	for _, s := range []string{"", " ", "a", " leads to", "It leads to a leads to b", " lead directly to x leads to", "x, an engineer, was a", "**[[data-t", "DATA-T", "  leads  to ", "\xff leads to \xe2", "It works, So what", "BECAUSE", "Kelvin\u212a"} {
		f.Add(s)
	}
	indexes := [][]string{objectMarkers, replaceMarkers, namingMarkers.phrases, {", a ", ", an ", ", the ", " was a", " is a"}, {"**", "[[", "data-t", "DATA-T"},
		{"ab", "abc", "bc", "b ", "aa"}, adviceReasonMarkers.phrases, {"Ab", "kelvin\u212a", "é "}}
	f.Fuzz(func(t *testing.T, s string) {
		for _, phrases := range indexes {
			x := newPhraseIndex(phrases...)
			at := x.firstIndexes(s, nil)
			any := false
			for k, p := range phrases {
				if want := strings.Index(s, p); at[k] != want {
					t.Errorf("firstIndexes(%q)[%q] = %d, want %d", s, p, at[k], want)
				}
				any = any || strings.Contains(s, p)
			}
			if got := x.any(s); got != any {
				t.Errorf("any(%q) of %q = %v, want %v", s, phrases, got, any)
			}
			if got, want := x.anyFold(s), x.any(strings.ToLower(s)); got != want {
				t.Errorf("anyFold(%q) of %q = %v, want %v", s, phrases, got, want)
			}
		}
	})
}

func TestPhraseIndex(t *testing.T) {
	x := newPhraseIndex(" lead to ", " leads to ", " leads directly to ", " led to ")
	s := "Rain leads directly to floods, which leads to damage; floods led to more."
	got := x.firstIndexes(s, nil)
	want := []int{-1, strings.Index(s, " leads to "), strings.Index(s, " leads directly to "), strings.Index(s, " led to ")}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("firstIndexes: %q at %d, want %d", x.phrases[k], got[k], want[k])
		}
	}
	if x.any("It led nowhere.") || !x.any("X led to Y") {
		t.Error("any: wrong answer")
	}
}
