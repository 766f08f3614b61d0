package content

import (
	"strings"
	"unicode/utf8"
)

// wordSet is a word list as a set: the walk asks of most words of every
// note whether they are one of a list's, and a hash costs less than a
// scan of the list (see in, which stays for the short lists written at
// the call). Most words asked about are in no list, so before the hash
// the set looks at a table of the lengths its words have by their first
// byte, which turns most of them away without hashing them.
type wordSet = *wordList

// wordList is what a wordSet points to.
type wordList struct {
	words map[string]bool
	// lens[c] has bit n set when a word of n bytes (63 for 63 or more)
	// starts with byte c.
	lens [256]uint64
}

// wordsOf makes the set of a list of words separated by spaces.
func wordsOf(list string) wordSet {
	s := &wordList{words: make(map[string]bool)}
	for w := range strings.FieldsSeq(list) {
		s.words[w] = true
		s.lens[w[0]] |= lenBit(len(w))
	}
	return s
}

// lenBit is a word length's bit in wordList.lens.
func lenBit(n int) uint64 { return 1 << min(n, 63) }

// has reports whether w is one of the set's words: what in(list, w)
// reports of the list the set was made of.
func (s *wordList) has(w string) bool {
	if w == "" || s.lens[w[0]]&lenBit(len(w)) == 0 {
		return false
	}
	return s.words[w]
}

// hasFold reports whether w lower-cased is one of the set's words.
func (s *wordList) hasFold(w string) bool {
	var buf [64]byte
	if w == "" || len(w) > len(buf) {
		return lookupFold(s.words, w)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return s.words[strings.ToLower(w)]
		}
		buf[i] = lowerASCII(c)
	}
	if s.lens[buf[0]]&lenBit(len(w)) == 0 {
		return false
	}
	return s.words[string(buf[:len(w)])]
}

// lookupFold returns m[strings.ToLower(w)] without making the lower-cased
// string when w is ASCII and short, as most words and headings looked up
// are: the walk looks up most words of every note.
func lookupFold[V any](m map[string]V, w string) V {
	var buf [64]byte
	if len(w) <= len(buf) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				return m[strings.ToLower(w)]
			}
			buf[i] = lowerASCII(c)
		}
		return m[string(buf[:len(w)])]
	}
	return m[strings.ToLower(w)]
}

// lowerInto returns s lower-cased as strings.ToLower does, in buf when s
// is ASCII and fits (with no allocation), else in a new slice. Converted
// to a string that stays in the function, as in
// in(set, string(lowerInto(buf[:0], w))), a short word costs nothing on
// the heap.
func lowerInto(buf []byte, s string) []byte {
	if len(s) > cap(buf) {
		return []byte(strings.ToLower(s))
	}
	buf = buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(s))
		}
		buf[i] = lowerASCII(c)
	}
	return buf
}

// inFold reports in(set, strings.ToLower(w)).
func inFold(set, w string) bool {
	var buf [32]byte
	return in(set, string(lowerInto(buf[:0], w)))
}

// hasSuffixFold reports strings.HasSuffix(strings.ToLower(s), suffix) of
// a lower-case suffix, without lower-casing s when it is ASCII.
func hasSuffixFold(s, suffix string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.HasSuffix(strings.ToLower(s), suffix)
		}
	}
	if len(s) < len(suffix) {
		return false
	}
	tail := s[len(s)-len(suffix):]
	for i := 0; i < len(tail); i++ {
		if lowerASCII(tail[i]) != suffix[i] {
			return false
		}
	}
	return true
}

// appendFields appends the fields of s, as strings.Fields splits them, to
// buf: with a buffer on the caller's stack, no slice is made for them.
func appendFields(buf []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		buf = append(buf, w)
	}
	return buf
}

// leadFields returns the first cap(buf) fields of s, as strings.Fields
// splits them, without splitting the rest: many tests read only the
// first words of an answer.
func leadFields(s string, buf []string) []string {
	for w := range strings.FieldsSeq(s) {
		if len(buf) == cap(buf) {
			break
		}
		buf = append(buf, w)
	}
	return buf
}

// The named word lists as sets.
var (
	abbrevsSet           = wordsOf(abbrevs)
	adverbialStartsSet   = wordsOf(adverbialStarts)
	adviceWordsSet       = wordsOf(adviceWords)
	asideOpenersSet      = wordsOf(asideOpeners)
	boundariesSet        = wordsOf(boundaries)
	commonNounsSet       = wordsOf(commonNouns)
	determinersSet       = wordsOf(determiners)
	faultKindsSet        = wordsOf(faultKinds)
	finiteVerbsSet       = wordsOf(finiteVerbs)
	formulaHeadsSet      = wordsOf(formulaHeads)
	kindAdjectivesSet    = wordsOf(kindAdjectives)
	listVerbsSet         = wordsOf(listVerbs)
	modalsSet            = wordsOf(modals)
	monthsSet            = wordsOf(months)
	nameParticlesSet     = wordsOf(nameParticles)
	nameStopsSet         = wordsOf(nameStops)
	notSubjectsSet       = wordsOf(notSubjects)
	notVerbsSet          = wordsOf(notVerbs)
	nounFollowersSet     = wordsOf(nounFollowers)
	objectStopsSet       = wordsOf(objectStops)
	organisationWordsSet = wordsOf(organisationWords)
	pastVerbsSet         = wordsOf(pastVerbs)
	peopleNounsSet       = wordsOf(peopleNouns)
	pointerStartsSet     = wordsOf(pointerStarts)
	possessivesSet       = wordsOf(possessives)
	practiceVerbsSet     = wordsOf(practiceVerbs)
	prepEndsSet          = wordsOf(prepEnds)
	prepositionsSet      = wordsOf(prepositions)
	pronounsSet          = wordsOf(pronouns)
	quantifiersSet       = wordsOf(quantifiers)
	relativesSet         = wordsOf(relatives)
	startWordsSet        = wordsOf(startWords)
	stepDeterminersSet   = wordsOf(stepDeterminers)
	studyVerbsSet        = wordsOf(studyVerbs)
	superlativesSet      = wordsOf(superlatives)
	unitsSet             = wordsOf(units)
	moreUnitsSet         = wordsOf(moreUnits)
	vagueHeadsSet        = wordsOf(vagueHeads)
	vagueStartsSet       = wordsOf(vagueStarts)
)
