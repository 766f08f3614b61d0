package content

import (
	"strings"
	"unicode/utf8"
)

// maskRun reports whether a masked definition hides two words in a row
// ("Stripe also employs "… …," injecting errors"): the definition names
// the term itself, and the reverse card is a blank to fill, not a
// definition pointing to one term.
func maskRun(masked string) bool {
	last := -1 // byte offset just past the last mask, or -1
	for i := 0; i < len(masked); {
		r, size := utf8.DecodeRuneInString(masked[i:])
		switch {
		case r == '…':
			if last >= 0 {
				return true
			}
			last = i + size
		case isWordRune(r):
			last = -1
		}
		i += size
	}
	return false
}

// reverseCue is a reverse card's context: its term card's, without the
// headings that name the whole term ("Anchoring" over the term "Anchor",
// "The IDE Path and Custom Models" over "Custom Models"), which would give
// the answer away; a heading naming part of it ("Kinds of Decay" over
// "Alpha Decay") stays as the cue it is. False when the title names the
// whole term.
func reverseCue(ctx, term string) (string, bool) {
	if !strings.Contains(ctx, " › ") {
		return ctx, !namesWords(ctx, term)
	}
	parts := strings.Split(ctx, " › ")
	kept := parts[:1]
	for _, p := range parts[1:] {
		if masked, _ := maskTerm(p, term); !allMasked(p, masked, term) {
			kept = append(kept, p) // "Kinds of Decay" over "Alpha Decay" cues the kind
		}
	}
	if namesWords(parts[0], term) {
		return "", false
	}
	return strings.Join(kept, " › "), true
}

// namesWords reports whether every word of term is a word of title, as
// written: a title is the whole note's cue, and "Wintering honeybee
// colonies" does not name the term "Winter bee" as a heading "Winter Bees"
// would.
func namesWords(title, term string) bool {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !isWordRune(r) && r != '-' })
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(term), func(r rune) bool { return !isWordRune(r) && r != '-' }) {
		if in(" the a an of and or to in for on ", w) {
			continue
		}
		n++
		found := false
		for _, t := range words {
			if t == w || t == w+"s" {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return n > 0
}

// allMasked reports whether masking hid as many words of s as the term
// has: every word of the term is there.
func allMasked(s, masked, term string) bool {
	if s == masked {
		return false
	}
	return strings.Count(masked, "…") >= len(termWords(term))
}
