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

// FuzzFold holds the case-folding helpers to what they stand for:
// lowerInto to strings.ToLower, inFold to in of the lower-cased word,
// hasSuffixFold to HasSuffix of it, appendFields to strings.Fields, and
// pointerWord to the trimmed word lower-cased, and a word set's has and
// hasFold to in of its list.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "The", "“This”", "it's,", "’", "ÉTÉ", "(They)", "\xff", "a\xe2\x80", "Nothing", "İS", "Kelvin\u212a", "  two  words ", strings.Repeat("Ab", 40)} {
		f.Add(s)
	}
	const set = " the a an is it's nothing ing kelvink "
	f.Fuzz(func(t *testing.T, s string) {
		var buf [32]byte
		if got, want := string(lowerInto(buf[:0], s)), strings.ToLower(s); got != want {
			t.Errorf("lowerInto(%q) = %q, want %q", s, got, want)
		}
		if got, want := inFold(set, s), in(set, strings.ToLower(s)); got != want {
			t.Errorf("inFold(%q) = %v, want %v", s, got, want)
		}
		for _, suffix := range []string{"s", "ing", "ness", "’s", ""} {
			if got, want := hasSuffixFold(s, suffix), strings.HasSuffix(strings.ToLower(s), suffix); got != want {
				t.Errorf("hasSuffixFold(%q, %q) = %v, want %v", s, suffix, got, want)
			}
		}
		var fields [2]string
		if got, want := appendFields(fields[:0], s), strings.Fields(s); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
		for _, set := range []struct {
			list string
			set  wordSet
		}{{determiners, determinersSet}, {possessives, possessivesSet}, {months, monthsSet}, {set, wordsOf(set)}} {
			if got, want := set.set.has(s), in(set.list, s); got != want {
				t.Errorf("has(%q) = %v, want %v", s, got, want)
			}
			if got, want := set.set.hasFold(s), in(set.list, strings.ToLower(s)); got != want {
				t.Errorf("hasFold(%q) = %v, want %v", s, got, want)
			}
		}
		if got, want := pointerWord(s), strings.ToLower(strings.Trim(s, ",.;:!?()\"“”'’")); got != want {
			t.Errorf("pointerWord(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzWordCount holds wordCount, which reads ASCII eight bytes at a time,
// to strings.Fields.
func FuzzWordCount(f *testing.F) {
	for _, s := range []string{"", " ", "a", "one two  three", "\tx\ny\vz\fw\rq ", "12345678", "1234567 8", " 1234567", "abcdefgh ijklmnop", "a—b — c", "ÉTÉ été\u00a0x\u2003y", "\x85a\xa0b", "\xff\xfe 12345678 \xe2\x80", strings.Repeat("word ", 20), "x\x1fy\x7fz\x08w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	})
}
