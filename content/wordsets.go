package content

import "strings"

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
