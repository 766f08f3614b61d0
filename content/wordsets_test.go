package content

import (
	"strings"
	"testing"
)

// TestWordSetsMatchLists checks that each named word set answers as in
// answers of its list: for each word of the list, its parts and words
// around it.
func TestWordSetsMatchLists(t *testing.T) {
	sets := []struct {
		name string
		list string
		set  wordSet
	}{
		{"abbrevs", abbrevs, abbrevsSet},
		{"adverbialStarts", adverbialStarts, adverbialStartsSet},
		{"adviceWords", adviceWords, adviceWordsSet},
		{"asideOpeners", asideOpeners, asideOpenersSet},
		{"boundaries", boundaries, boundariesSet},
		{"commonNouns", commonNouns, commonNounsSet},
		{"determiners", determiners, determinersSet},
		{"faultKinds", faultKinds, faultKindsSet},
		{"finiteVerbs", finiteVerbs, finiteVerbsSet},
		{"formulaHeads", formulaHeads, formulaHeadsSet},
		{"kindAdjectives", kindAdjectives, kindAdjectivesSet},
		{"listVerbs", listVerbs, listVerbsSet},
		{"modals", modals, modalsSet},
		{"months", months, monthsSet},
		{"nameParticles", nameParticles, nameParticlesSet},
		{"nameStops", nameStops, nameStopsSet},
		{"notSubjects", notSubjects, notSubjectsSet},
		{"notVerbs", notVerbs, notVerbsSet},
		{"nounFollowers", nounFollowers, nounFollowersSet},
		{"objectStops", objectStops, objectStopsSet},
		{"organisationWords", organisationWords, organisationWordsSet},
		{"pastVerbs", pastVerbs, pastVerbsSet},
		{"peopleNouns", peopleNouns, peopleNounsSet},
		{"pointerStarts", pointerStarts, pointerStartsSet},
		{"possessives", possessives, possessivesSet},
		{"practiceVerbs", practiceVerbs, practiceVerbsSet},
		{"prepEnds", prepEnds, prepEndsSet},
		{"prepositions", prepositions, prepositionsSet},
		{"pronouns", pronouns, pronounsSet},
		{"quantifiers", quantifiers, quantifiersSet},
		{"relatives", relatives, relativesSet},
		{"startWords", startWords, startWordsSet},
		{"stepDeterminers", stepDeterminers, stepDeterminersSet},
		{"studyVerbs", studyVerbs, studyVerbsSet},
		{"superlatives", superlatives, superlativesSet},
		{"units", units, unitsSet},
		{"moreUnits", moreUnits, moreUnitsSet},
		{"vagueHeads", vagueHeads, vagueHeadsSet},
		{"vagueStarts", vagueStarts, vagueStartsSet},
	}
	for _, s := range sets {
		probes := []string{"", " ", "a", "the", "x y", "zzz"}
		for _, w := range strings.Fields(s.list) {
			probes = append(probes, w, w[1:], w[:len(w)-1], w+" ", " "+w, strings.ToUpper(w), w+"s")
		}
		for _, w := range probes {
			if got, want := s.set.has(w), in(s.list, w); got != want {
				t.Errorf("%s: has(%q) = %v, in gives %v", s.name, w, got, want)
			}
		}
	}
}
