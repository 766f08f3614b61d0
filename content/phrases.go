package content

import (
	"strings"
	"unicode/utf8"
)

// phraseIndex finds where each of a list of phrases first occurs in a
// text in one pass over it. A rule that looks for any of a dozen markers
// (" leads to ", " results in ", …) in every sentence of every note would
// otherwise read each sentence once per marker.
type phraseIndex struct {
	phrases  []string
	starts   [256]bool    // the phrases' first bytes
	bySecond [256][]uint8 // the phrases' positions in phrases, by their second byte
	first    int          // the phrases' first byte when they all have the same, else -1
}

// newPhraseIndex returns the index of phrases, each of two bytes or more;
// there are at most 256 of them.
func newPhraseIndex(phrases ...string) *phraseIndex {
	if len(phrases) > 256 {
		panic("newPhraseIndex: more than 256 phrases")
	}
	x := &phraseIndex{phrases: phrases, first: -1}
	if len(phrases) > 0 {
		x.first = int(phrases[0][0])
	}
	for k, p := range phrases {
		if len(p) < 2 {
			panic("newPhraseIndex: phrase " + p + " is shorter than two bytes")
		}
		x.starts[p[0]] = true
		if int(p[0]) != x.first {
			x.first = -1
		}
		x.bySecond[p[1]] = append(x.bySecond[p[1]], uint8(k))
	}
	return x
}

// firstIndexes returns, for each phrase k of the index, at[k] =
// strings.Index(s, phrases[k]): the first place it occurs, or -1. at is
// reused when it is long enough.
func (x *phraseIndex) firstIndexes(s string, at []int) []int {
	at = at[:0]
	for range x.phrases {
		at = append(at, -1)
	}
	left := len(x.phrases)
	for i := 0; i+1 < len(s) && left > 0; i++ {
		if i = x.next(s, i); i < 0 {
			break
		}
		for _, k := range x.bySecond[s[i+1]] {
			if at[k] < 0 && strings.HasPrefix(s[i:], x.phrases[k]) {
				at[k] = i
				left--
			}
		}
	}
	return at
}

// any reports whether s holds one of the phrases: what strings.Contains
// reports of any of them.
func (x *phraseIndex) any(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if i = x.next(s, i); i < 0 {
			break
		}
		for _, k := range x.bySecond[s[i+1]] {
			if strings.HasPrefix(s[i:], x.phrases[k]) {
				return true
			}
		}
	}
	return false
}

// next returns the first place from i on, before the last byte of s,
// where a phrase may start, or -1.
func (x *phraseIndex) next(s string, i int) int {
	if x.first >= 0 {
		j := strings.IndexByte(s[i:len(s)-1], byte(x.first))
		if j < 0 {
			return -1
		}
		return i + j
	}
	for ; i+1 < len(s); i++ {
		if x.starts[s[i]] {
			return i
		}
	}
	return -1
}

// anyFold reports any(strings.ToLower(s)), without lower-casing s when it
// is ASCII.
func (x *phraseIndex) anyFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return x.any(strings.ToLower(s))
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if !x.starts[lowerASCII(s[i])] {
			continue
		}
		for _, k := range x.bySecond[lowerASCII(s[i+1])] {
			if p := x.phrases[k]; len(s)-i >= len(p) && equalLowerASCII(s[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// equalLowerASCII reports whether ASCII s lower-cased is p.
func equalLowerASCII(s, p string) bool {
	for j := 0; j < len(p); j++ {
		if lowerASCII(s[j]) != p[j] {
			return false
		}
	}
	return true
}
