package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// objectMarkerIndex and replaceMarkerIndex find the markers in one pass
// over a sentence: objectSpan looks in every sentence of a prose note.
var (
	objectMarkerIndex  = newPhraseIndex(objectMarkers...)
	replaceMarkerIndex = newPhraseIndex(replaceMarkers...)
)

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
	var buf [32]int
	found := objectMarkerIndex.firstIndexes(s, buf[:0])
	for k, m := range objectMarkers {
		if i := found[k]; i > 0 && (at < 0 || i < at) {
			at = i + len(m)
		}
	}
	if i := passiveBy(s); i > 0 && (at < 0 || i < at) {
		at = i
	}
	replaced := false
	if at < 0 {
		found = replaceMarkerIndex.firstIndexes(s, buf[:0])
		for k, m := range replaceMarkers {
			// "was replaced by" names the successor: passiveBy's.
			if i := found[k]; i > 0 && !strings.HasPrefix(s[i+len(m):], "by ") {
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
			if i > 0 && objectStopsSet.hasFold(w) {
				words = words[:i]
				break
			}
		}
	}
	if len(words) > maxSpanWords {
		cut := -1
		for i, w := range words {
			if i > 0 && objectStopsSet.hasFold(w) {
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
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], s)
	for i := 1; i < len(words) && i <= 4; i++ {
		w := words[i]
		trimmed := strings.TrimRight(w, ",.;:!?")
		lw := strings.ToLower(trimmed)
		if i > 1 && (isStopWord(lw) || prepositionsSet.has(lw)) {
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
		if notSubjectsSet.hasFold(name[0]) || in(" the a an ", strings.ToLower(name[0])) {
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

// nameParticles may stand inside a person's name between its capitalised
// words: "Ferdinand de Lesseps", "Ludwig van Beethoven".
const nameParticles = " de da del della di du la le van von der den ter "

// personIntro returns the name of a person (or body) a sentence
// introduces, the fact a careful writer hides in a narrative: "Ferdinand
// de Lesseps was a French diplomat who …", "John Frank Stevens, a railway
// engineer, became …", "… gave the job to George Washington Goethals, an
// army engineer, who …". The name is two to five capitalised words (with
// particles such as "de" between them) opening the sentence or following
// a lower-case word; its role follows as an appositive (", a|an|the …,",
// two to six words) or, for the sentence's subject, "was|is a|an … who".
// It returns "" for other sentences, such as those whose name only
// starts them ("The Americans bought …").
func personIntro(s string) string {
	if !strings.Contains(s, ", a ") && !strings.Contains(s, ", an ") && !strings.Contains(s, ", the ") &&
		!strings.Contains(s, " was a") && !strings.Contains(s, " is a") {
		return "" // most sentences: one look for the shapes' words
	}
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], s)
	for i := 0; i < len(words); i++ {
		// "Larry Page and Sergey Brin, the founders …": a pair shares its role.
		if i > 0 && (!isLowerWord(words[i-1]) || in(" and or ", words[i-1])) || !nameWordAt(words[i], i == 0) {
			continue
		}
		// The name runs over capitalised words and the particles between them.
		end, caps := i, 0
		for end < len(words) && end-i < 6 {
			w := words[end]
			bare := strings.TrimRight(w, ",")
			if nameWordAt(bare, end == i) && bare == w[:len(bare)] {
				caps++
				end++
				if bare != w {
					break // the comma ends the name
				}
				continue
			}
			if end > i && nameParticlesSet.has(w) && end+1 < len(words) && startsUpper(words[end+1]) {
				end++
				continue
			}
			break
		}
		if caps < 2 || end-i > 5 || end == len(words) {
			i = end
			continue
		}
		name := strings.TrimRight(strings.Join(words[i:end], " "), ",")
		last := words[end-1]
		switch {
		case strings.HasSuffix(last, ","):
			if roleAppositive(words[end:]) {
				return name
			}
		case i == 0 && end+2 < len(words) && in(" was is ", words[end]) && in(" a an ", words[end+1]):
			for _, w := range words[end+2 : min(len(words), end+9)] {
				if in(" who whose ", w) {
					return name
				}
				if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ".") {
					break
				}
			}
		}
		i = end
	}
	return ""
}

// nameWordAt reports whether w can be a word of a name: capitalised, no
// figure, and at the sentence's start not a word that opens clauses ("In",
// "The", "When").
func nameWordAt(w string, first bool) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789.;:()\"“”") {
		return false
	}
	l := strings.ToLower(strings.TrimRight(w, ","))
	return !notSubjectsSet.has(l) && !in(" the a an when after before in on at by president dr mr mrs ms sir ", l) || !first && !in(" the a an ", l)
}

// isLowerWord reports whether w is a lower-case word ("to", "by"), the
// only kind a name inside a sentence may follow.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r) && !strings.ContainsAny(w, ",;:.")
}

// roleAppositive reports whether words (after a name and its comma) open
// a role: "a railway engineer,", "the project's chief sanitary officer,".
func roleAppositive(words []string) bool {
	if len(words) < 3 || !in(" a an the ", words[0]) {
		return false
	}
	for j, w := range words[1:min(len(words), 7)] {
		if strings.HasSuffix(w, ",") {
			return j >= 1 || !strings.HasSuffix(words[0], "the") // "the head," is too short to be a role
		}
		if !isLowerWord(w) && !startsUpper(w) {
			return false
		}
	}
	return false
}
