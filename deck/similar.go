package deck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeTerm folds a term for comparison: case, punctuation and spacing
// are ignored, so "Owning mistakes:" and "Owning Mistakes" are one term.
func NormalizeTerm(s string) string {
	// ASCII, nearly every term, is folded here byte by byte, as words
	// and the join would: letters lowered, digits kept, every other byte
	// a break. A term already folded is returned as it is.
	var buf [128]byte
	out := buf[:0]
	if len(s) > len(buf) {
		out = make([]byte, 0, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.Join(words(s), " ")
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ')
			}
			continue
		}
		out = append(out, c)
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	if string(out) == s {
		return s
	}
	return string(out)
}

// Similarity returns how alike two texts are, from 0 (no word in common) to
// 1 (the same words): the Dice coefficient of their sets of normalised words.
// It is used to find near-duplicate answers and reworded items.
func Similarity(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	common := 0
	for w := range wa {
		if _, ok := wb[w]; ok {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

func wordSet(s string) map[string]struct{} {
	set := make(map[string]struct{})
	for _, w := range words(s) {
		set[w] = struct{}{}
	}
	return set
}
