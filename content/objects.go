package content

import "strings"

// Two rules only a note written as prose uses: its paragraphs are all it
// has, so a careful writer cards facts there that a list note leaves to its
// lists.
//
//   - objectSpan: a sentence that says what something is based on, made
//     of, led to or must have ("… is based on the infinite polynomial, …",
//     "… leading to an oscillatory evolution over time.") hides that
//     object, the fact the sentence exists to give.
//   - appositiveName: "Benoit Mandelbrot, considered the father of fractal
//     geometry, conceived …" hides the name the appositive describes.
//   - resolvePointer: "this polynomial" after a sentence naming the
//     polynomial points to one thing only; read as "the polynomial" the
//     sentence stands alone.

// objectMarkers introduce the object a sentence gives as its fact: what a
// thing rests on, leads to, or requires. The passive "is described by",
// "was introduced by" is found by passiveBy.
var objectMarkers = []string{" based on ", " leading to ", " leads to ", " lead to ", " led to ", " resulting in ", " results in ",
	" result in ", " gives rise to ", " give rise to ", " enables the use of ", " must have ", " consists of ", " is made of ",
	" are made of ", " led directly to ", " leads directly to ", " lead directly to "}

// replaceMarkers introduce what a thing replaced, the fact of a sentence
// about a successor: "The transistor replaced the vacuum tube in …". The
// object ends at its first preposition.
var replaceMarkers = []string{" replaced ", " replaces ", " replace ", " superseded ", " supersedes ", " displaced "}

// objectStops end an object that runs on past maxSpanWords: "Dr. Vivek K.
// Singh during an Nvidia session …" → "Dr. Vivek K. Singh".
const objectStops = " of which that where who whose during when while for in on at from with over to because after before since "

// clauseAfterColon returns the statement after a sentence's colon when the
// sentence leans back before it and the statement stands alone: "It also
// made portable devices possible: the Regency TR-1 of 1954 was the first
// transistor radio sold to consumers." → "The Regency TR-1 of 1954 was
// …"; else s.
func clauseAfterColon(s string) string {
	i := strings.Index(s, ": ")
	if i < 0 || !leansBackFromStart(s[:i]) {
		return s
	}
	clause := s[i+2:]
	if wordCount(clause) < minClozeWords || leansBackFromStart(clause) || !hasVerb(clause) {
		return s
	}
	return upperFirst(clause)
}

// hasVerb reports whether a clause has a plain finite verb, so that it is
// a statement and not a list of items.
func hasVerb(s string) bool {
	for _, v := range []string{" is ", " are ", " was ", " were ", " has ", " have ", " had "} {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// objectSpan returns the object a sentence's marker introduces, without
// its article (kept in the question as a cue), or "".
func objectSpan(s string) string {
	at := -1
	for _, m := range objectMarkers {
		if i := strings.Index(s, m); i > 0 && (at < 0 || i < at) {
			at = i + len(m)
		}
	}
	if i := passiveBy(s); i > 0 && (at < 0 || i < at) {
		at = i
	}
	replaced := false
	if at < 0 {
		for _, m := range replaceMarkers {
			// "was replaced by" names the successor: passiveBy's.
			if i := strings.Index(s, m); i > 0 && !strings.HasPrefix(s[i+len(m):], "by ") {
				at, replaced = i+len(m), true
				break
			}
		}
	}
	if at < 0 || conditionalAt(s, at) {
		return ""
	}
	rest := s[at:]
	if i := strings.IndexAny(rest, ",;:"); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest), ".!?"))
	words := strings.Fields(rest)
	if len(words) > 0 && in(" the a an ", strings.ToLower(words[0])) {
		words = words[1:]
	}
	if replaced {
		for i, w := range words {
			if i > 0 && in(objectStops, strings.ToLower(w)) {
				words = words[:i]
				break
			}
		}
	}
	if len(words) > maxSpanWords {
		cut := -1
		for i, w := range words {
			if i > 0 && in(objectStops, strings.ToLower(w)) {
				cut = i
				break
			}
		}
		if cut < 2 || cut > maxSpanWords {
			return "" // one word cut from a longer object: "a change in the vector …"
		}
		words = words[:cut]
	}
	if len(words) == 0 || pointerWords[strings.ToLower(words[0])]&(wordDemonstrative|wordBackPronoun) != 0 {
		return "" // "its computational intensity" hides a pointer
	}
	span := strings.Join(words, " ")
	if !keySpan(span) || strings.ContainsAny(span, "\"“”") {
		return ""
	}
	return span
}

// conditionalAt reports whether offset at of s is in a leading
// condition, "If a step … leads to a change …, it corresponds …": what
// the condition leads to is supposed, not stated.
func conditionalAt(s string, at int) bool {
	first, _, _ := strings.Cut(s, " ")
	if !in(" if when whenever while although though unless whether once ", strings.ToLower(first)) {
		return false
	}
	comma := strings.IndexByte(s, ',')
	return comma < 0 || at < comma
}

// passiveBy returns where the agent of a passive verb starts, "is scaled
// by one divided …" → the offset of "one", or -1. The verb ends in -ed or
// -en and follows is, are, was, were, be or been, an adverb between
// allowed ("is then computed by").
func passiveBy(s string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], " by ")
		if i < 0 {
			return -1
		}
		i += off
		before := strings.Fields(s[:i])
		if n := len(before); n >= 2 {
			verb := strings.ToLower(before[n-1])
			if strings.HasSuffix(verb, "ed") || strings.HasSuffix(verb, "en") {
				for k := n - 2; k >= 0 && k >= n-3; k-- {
					if in(" is are was were be been ", strings.ToLower(before[k])) {
						return i + len(" by ")
					}
				}
			}
		}
		off = i + 1
	}
}

// resolvePointer reads a sentence's "this polynomial" or "these
// algorithms" as "the polynomial" when prev, the sentence before it,
// names that noun: the pointer then has one referent, and the sentence
// says its fact alone. Other pointers are left for leansBack to judge. prev
// is called only when the sentence has such a pointer.
func resolvePointer(s string, prev func() string) string {
	var before string
	for k := 0; k < 2; k++ {
		i := demonstrativeAt(s)
		if i < 0 {
			return s
		}
		head := nounAfter(s[i:])
		if head == "" {
			return s
		}
		if k == 0 {
			before = strings.ToLower(prev())
		}
		if !hasNoun(before, head) {
			return s
		}
		the := "the"
		if i == 0 {
			the = "The"
		}
		s = s[:i] + the + s[i+strings.IndexByte(s[i:], ' '):]
	}
	return s
}

// demonstrativeAt returns where the first "this" or "these" of s starts as
// a word, or -1.
func demonstrativeAt(s string) int {
	for off := 0; off < len(s); {
		i := strings.IndexAny(s[off:], "tT")
		if i < 0 {
			return -1
		}
		i += off
		for _, w := range []string{"this ", "these "} {
			if (i == 0 || s[i-1] == ' ') && len(s) >= i+len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				return i
			}
		}
		off = i + 1
	}
	return -1
}

// nounAfter returns the head noun of the phrase after a demonstrative at
// the start of s, "this computational lithography library can …" →
// "library": the last of at most three words before a stop word or
// punctuation, or "" when the phrase does not end so ("This exponential
// part produces …", whose head is not plain).
func nounAfter(s string) string {
	words := strings.Fields(s)
	for i := 1; i < len(words) && i <= 4; i++ {
		w := words[i]
		trimmed := strings.TrimRight(w, ",.;:!?")
		lw := strings.ToLower(trimmed)
		if i > 1 && (isStopWord(lw) || in(prepositions, lw)) {
			return strings.ToLower(strings.TrimRight(words[i-1], ",.;:!?"))
		}
		if i == 1 && (isStopWord(lw) || pointerWords[lw]&wordVerbAfterPointer != 0) {
			return "" // "This is …", "This means …": no noun to name
		}
		if trimmed != w || i == len(words)-1 {
			return lw // the phrase ends at punctuation: "this polynomial,"
		}
	}
	return ""
}

// hasNoun reports whether text (lower case) has the noun, or its singular
// or plural, as a word.
func hasNoun(text, noun string) bool {
	if len(noun) < 4 || text == "" {
		return false
	}
	stem := strings.TrimSuffix(noun, "s")
	for off := 0; ; {
		i := strings.Index(text[off:], stem)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(stem)
		if end < len(text) && text[end] == 's' {
			end++
		}
		if (i == 0 || !isWordByte(text[i-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		off = i + 1
	}
}

// appositives open the description of a name that a sentence begins with.
var appositives = []string{", considered ", ", widely considered ", ", regarded as ", ", widely regarded as ", ", often called ",
	", known as ", ", dubbed "}

// appositiveName returns the name opening a sentence whose appositive
// describes it ("Benoit Mandelbrot, considered the father of fractal
// geometry, conceived …" → "Benoit Mandelbrot"), or "". The name is one
// to four capitalised words; the appositive, which stays as the cue, runs
// to a comma and says "the" or "a" something.
func appositiveName(s string) string {
	for _, a := range appositives {
		i := strings.Index(s, a)
		if i <= 0 {
			continue
		}
		name := strings.Fields(s[:i])
		if len(name) > 4 {
			return ""
		}
		for _, w := range name {
			if !startsUpper(w) {
				return ""
			}
		}
		if in(notSubjects, strings.ToLower(name[0])) || in(" the a an ", strings.ToLower(name[0])) {
			return ""
		}
		desc, _, ok := strings.Cut(s[i+len(a):], ",")
		words := strings.Fields(desc)
		if !ok || len(words) < 3 || !in(" the a an one ", strings.ToLower(words[0])) {
			return ""
		}
		return strings.Join(name, " ")
	}
	return ""
}
