package content

import (
	"strconv"
	"strings"
)

// A cloze card must ask something: its hidden span must not be a common
// word ("a 'trick' for calculating …"), the rest of the sentence must not
// say it again in other words ("the Bayes factor is [...], so … multiplies
// the odds by ten", "about two-thirds ([...]) of ideas"), and the sentence
// must not point at a place in the note ("For the test above …", "as
// mentioned earlier"), which a card out of the note does not have.

// commonSpan reports whether a hidden span is one common word, which
// names nothing a learner could recall from the sentence: "trick",
// "idea", "way".
func commonSpan(span string) bool {
	if strings.ContainsRune(span, ' ') {
		return false
	}
	lw := strings.ToLower(strings.Trim(span, ",.;:!?\"“”'"))
	return vagueHeadsSet.has(lw) || vagueHeadsSet.has(strings.TrimSuffix(lw, "s")) || commonNounsSet.has(lw)
}

// commonNouns are everyday words a writer may quote or stress without
// making them a term: "a 'hack' for …", "the *real* problem".
const commonNouns = " hack shortcut tip tool thing stuff work job time place people person real big small good bad new old best worst great right wrong important key simple hard easy "

// numberValues are the number words a sentence may restate a figure with.
var numberValues = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
	"million": 1e6, "billion": 1e9, "twice": 2, "double": 2, "triple": 3, "half": 50, "third": 33, "two-thirds": 66,
	"quarter": 25, "three-quarters": 75, "dozen": 12,
}

// restated reports whether the sentence around a figure span says the
// figure again in words: "is 10, so … by ten", "two-thirds (66%)".
func restated(sentence, span string) bool {
	i := strings.Index(sentence, span)
	if i < 0 {
		return false
	}
	before, after := sentence[:i], sentence[i+len(span):]
	// "about two-thirds (66%) of ideas": a figure in brackets repeats the
	// words before it.
	if strings.HasSuffix(strings.TrimRight(before, " "), "(") && strings.HasPrefix(after, ")") {
		return true
	}
	v, ok := spanValue(span)
	if !ok {
		return false
	}
	rest := before + " " + after
	for w := range strings.FieldsSeq(strings.ToLower(rest)) {
		w = strings.Trim(w, ",.;:()\"“”")
		n, ok := numberValues[w]
		if !ok {
			continue
		}
		if n == v || n >= 33 && n <= 75 && strings.HasSuffix(span, "%") && v >= n-1 && v <= n+1 {
			return true
		}
	}
	return false
}

// spanValue reads the number a figure span starts with ("10", "66%",
// "1.5 times"), or false.
func spanValue(span string) (float64, bool) {
	f := strings.Fields(span)
	if len(f) == 0 {
		return 0, false
	}
	num := strings.TrimSuffix(strings.ReplaceAll(strings.TrimLeft(f[0], "~$€£"), ",", ""), "%")
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

// pointsInNote reports whether a sentence points at a place in its note,
// "the test above", "shown below", "as mentioned earlier": on a card the
// place is gone.
func pointsInNote(s string) bool {
	// Every pointer below has a word in lower case whatever the
	// sentence's case: most sentences are let go without lowering them.
	quick := false
	for _, w := range []string{"above", "below", "mentioned", "discussed", "former", "latter", "previous", "preceding", "noted", "described"} {
		if strings.Contains(s, w) {
			quick = true
			break
		}
	}
	if !quick {
		return false
	}
	lower := strings.ToLower(s)
	for _, p := range []string{"aforementioned", "as mentioned", "mentioned earlier", "mentioned before", "mentioned previously",
		"discussed earlier", "described earlier", "the former ", "the latter ", "the previous ", "the preceding ", "as noted "} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	if !strings.Contains(lower, "above") && !strings.Contains(lower, "below") {
		return false
	}
	words := strings.Fields(lower)
	for i, w := range words {
		bare := strings.Trim(w, ",.;:()")
		if bare != "above" && bare != "below" {
			continue
		}
		switch {
		case i == len(words)-1 || bare != w:
			return true // "… as shown below.", "the example above,"
		case i >= 2 && in(" the this these that those ", words[i-2]) &&
			(!in(" the a an ", words[i+1]) || i == 3 && in(" for in from with on at ", words[0])):
			// "For the test above the Bayes factor is …"; but "the water
			// below the surface" is a place in the world.
			return true
		case i >= 1 && in(" shown described mentioned listed given discussed noted defined seen see as explained outlined illustrated ", words[i-1]):
			return true
		}
	}
	return false
}
