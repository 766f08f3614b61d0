package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// withNoteArticle gives a bare term the article the note itself writes it
// with: "What is *Patch kit*?" becomes "What is a *patch kit*?" when the
// note says "with a patch kit", "What is *Habit loop*?" "What is the
// *habit loop*?" when it says "the habit loop". A term of one word takes
// only "a" or "an" so (a mass noun, "the friction", takes none); names
// (capitals inside a word, acronyms, words the note always capitalises)
// and questions of other shapes are left as they are.
func withNoteArticle(q, term string, back []string, body []byte, words map[string]int) string {
	if len(q) != len("What is **?")+len(term) || !strings.HasPrefix(q, "What is *") || q[len("What is *"):len(q)-2] != term {
		return q
	}
	// The note writes the term in lower case only if it writes its first
	// word so: most terms are looked up no further.
	if first, _, _ := strings.Cut(term, " "); lookupFold(words, first) == 0 {
		return q
	}
	if art, _ := splitArticle(term); art != "" || len(back) == 0 || copulaWithin(back[0], 10) {
		return q // "A step computed … is not the gradient": a claim, not what the term is
	}
	f := strings.Fields(term)
	if len(f) == 0 || len(f) > 4 {
		return q
	}
	for _, w := range f {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || strings.IndexFunc(w[size:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
			return q // "DevOps", "GPT-4", "(PQA)"
		}
	}
	lower := strings.ToLower(term)
	the, indef := articleCounts(body, lower)
	switch {
	case indef > 0 && indef >= the && !isPlural(term):
		return "What is " + indefinite(lower) + " *" + lower + "*?"
	case the > 0 && len(f) > 1:
		return "What is the *" + lower + "*?"
	}
	return q
}

// articleCounts counts how often body writes phrase (lower case, as a
// common noun is written in prose) after "the" and after "a" or "an",
// each as whole words.
func articleCounts(body []byte, phrase string) (the, indef int) {
	p := []byte(phrase)
	for from := 0; ; {
		i := bytes.Index(body[from:], p)
		if i < 0 {
			return the, indef
		}
		i += from
		from = i + len(p)
		if from < len(body) && isWordByte(body[from]) {
			continue // "patch kits" or "patch kitchen": another word
		}
		before := body[:i]
		switch {
		case bytes.HasSuffix(before, []byte(" the ")) || bytes.HasSuffix(before, []byte("The ")):
			the++
		case bytes.HasSuffix(before, []byte(" a ")) || bytes.HasSuffix(before, []byte(" an ")) || bytes.HasSuffix(before, []byte("A ")) || bytes.HasSuffix(before, []byte("An ")):
			indef++
		}
	}
}
