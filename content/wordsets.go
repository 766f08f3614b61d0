package content

import (
	"strings"
	"unicode/utf8"
)

// wordSet is a word list as a set: the walk asks of most words of every
// note whether they are one of a list's, and a hash costs less than a
// scan of the list (see in, which stays for the short lists written at
// the call).
type wordSet map[string]bool

// wordsOf makes the set of a list of words separated by spaces.
func wordsOf(list string) wordSet {
	s := make(wordSet)
	for _, w := range strings.Fields(list) {
		s[w] = true
	}
	return s
}

// has reports whether w is one of the set's words: what in(list, w)
// reports of the list the set was made of.
func (s wordSet) has(w string) bool { return s[w] }

// hasFold reports whether w lower-cased is one of the set's words.
func (s wordSet) hasFold(w string) bool { return lookupFold(s, w) }

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
