package content

import (
	"strings"
	"unicode/utf8"
)

// A sentence that leans on the one before it ("An early example of this
// meticulousness was …", "He responded by …", "The three men shared …")
// says nothing clear on a card of its own: an answer or a cloze made of
// it must be another sentence, or not be made.

// The words leansBack looks for, by what they do.
const (
	wordDemonstrative    = 1 << iota // this these that those such: point back before a noun
	wordBackPronoun                  // he she him his her hers they them their theirs its
	wordSelfKind                     // approach technique …: the head noun an item names itself by
	wordNumber                       // two three …: "The three men shared …"
	wordItemPronoun                  // it its they them their: in an item, its term
	wordVerbAfterPointer             // is often …: "This is", "This often signals"
)

// pointerWords classifies the words above. selfKinds are the head nouns
// with which an item's own text names the item itself: "This technique
// uses …" in the item on CUPED.
var pointerWords = func() map[string]int {
	m := make(map[string]int)
	for kind, list := range map[int]string{
		wordDemonstrative: "this these that those such",
		wordBackPronoun:   "he she him his her hers they them their theirs its",
		wordSelfKind: "approach technique method framework tool metric measure practice process model step signal stage phase scenario case example " +
			"strategy pattern principle idea concept rule type kind form term definition system feature behavior behaviour habit experience exercise " +
			"activity effort program initiative session meeting event occasion",
		wordNumber:      "two three four five six seven eight nine ten both",
		wordItemPronoun: "it its they them their",
		wordVerbAfterPointer: "is are was were has have had can could will would may might must should does do did often also typically usually " +
			"generally means makes helps allows gives leads shows involves includes requires indicates signals suggests ensures creates provides reduces increases",
	} {
		for w := range strings.FieldsSeq(list) {
			m[w] |= kind
		}
	}
	return m
}()

// backConnectives open a sentence that answers or goes on from the one
// before: "However, …", "As a result, …".
var backConnectives = []string{"however", "instead", "conversely", "therefore", "thus", "hence", "as a result", "in contrast",
	"similarly", "likewise", "meanwhile", "otherwise", "in turn", "for this reason", "despite this", "even so", "in addition",
	"moreover", "furthermore", "the latter", "the former", "the same", "another", "the other", "both"}

// leansBack reports whether sentence s leans on text before it. term is
// what the card asks about ("" for a cloze card of a paragraph): an item's
// own "This is …" or "This technique …" points to its term, not back.
// It runs for every sentence that could be carded, so it allocates little.
func leansBack(s, term string) bool { return leaning(s, term, false) }

// leansBackFromStart is leansBack for a paragraph's sentence where a
// pronoun inside the sentence has its noun before it ("Even if a team
// believes in a design, they should …"): only a pronoun opening it
// points back, and "It is crucial to …" points nowhere.
func leansBackFromStart(s string) bool { return leaning(s, "", true) }

func leaning(s, term string, fromStart bool) bool {
	if s == "" {
		return false
	}
	var buf [24]byte
	lower := string(lowerInto(buf[:0], s[:min(len(s), 24)]))
	for _, c := range backConnectives {
		if strings.HasPrefix(lower, c) && (len(lower) == len(c) || !isWordByte(lower[len(c)])) {
			if (c == "instead" || c == "in addition") && !strings.HasPrefix(lower[len(c):], ",") {
				continue // "Instead of X, do Y" stands alone
			}
			return true
		}
	}
	// A quotation's words are someone's, not pointers of the sentence:
	// a "purchase this home" button.
	var termWords []string
	var first, second string
	noun := false // a word before that a pronoun may point to
	cur, rest := nextField(withoutQuotes(s))
	for i := 0; cur != ""; i++ {
		next, after := nextField(rest)
		lw := pointerWord(cur)
		kind := pointerWords[lw]
		switch {
		case i == 0 && fromStart && (lw == "it" || lw == "it's" || lw == "it’s") && dummyIt(strings.Fields(rest[:min(len(rest), 48)])):
			kind = 0
		case i >= 2 && fromStart && kind&wordItemPronoun != 0 && noun:
			// "Even if a team believes in a design, they should …": the
			// noun is in the sentence. "In 1858, it failed" has none.
			kind = 0
		}
		if kind == 0 && !noun {
			noun = mayBeAntecedent(lw)
		}
		switch {
		case kind == 0:
		case term != "" && kind&wordItemPronoun != 0:
			// In an item's own text these point to its term or topic:
			// "Break it into bits."
		case kind&wordBackPronoun != 0 || lw == "it":
			// "its" and "their" two words or more into the sentence point
			// to a noun before them: "Stripe and its users".
			if lw == "it" || lw == "they" || i < 2 {
				return true
			}
		case kind&wordDemonstrative != 0:
			if lw == "that" && i > 0 {
				break // "shows that …", "the model that …": no pointer
			}
			if next == "" {
				return true
			}
			nw := pointerWord(next)
			if lw == "such" && nw == "as" || lw == "those" && (in(" who whose that with in of ", nw) || participle(nw)) {
				break // "such as", "those who", "those added after cycling": no pointer
			}
			if pointerWords[nw]&wordVerbAfterPointer != 0 || strings.HasSuffix(nw, "ly") && len(nw) > 4 {
				// "This is …", "This often signals …": about the term in
				// an item, about something before in a paragraph.
				if term == "" || i > 0 {
					return true
				}
				break
			}
			if term != "" {
				if termWords == nil {
					termWords = strings.FieldsFunc(strings.ToLower(term), func(r rune) bool { return !isWordRune(r) })
				}
				if namesTerm(nw, termWords) || pointerWords[strings.TrimSuffix(nw, "s")]&wordSelfKind != 0 {
					break
				}
			}
			return true
		}
		switch i {
		case 0:
			first = lw
		case 1:
			second = lw
		}
		cur, rest = next, after
	}
	return first == "the" && pointerWords[second]&wordNumber != 0 // "The three men shared …"
}

// nextField returns the first space-separated word of s and the rest.
func nextField(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// pointerWord is a word of a sentence as leansBack compares it:
// strings.ToLower(strings.Trim(w, pointerPunct)). It runs for most words
// of every note: the trim reads bytes, not the cut set's runes, and a
// word that needs lowering and is one of pointerWords (or "the", as a
// sentence opens) is its key, not a new string.
func pointerWord(w string) string {
	w = trimPointerPunct(w)
	var buf [32]byte
	lw := lowerInto(buf[:0], w)
	if string(lw) == w {
		return w
	}
	if k, ok := pointerKeys[string(lw)]; ok {
		return k
	}
	return string(lw)
}

// pointerPunct is what pointerWord trims off a word.
const pointerPunct = ",.;:!?()\"“”'’"

// pointerKeys maps the words of pointerWords, and "the", to themselves.
var pointerKeys = func() map[string]string {
	m := map[string]string{"the": "the"}
	for w := range pointerWords {
		m[w] = w
	}
	return m
}()

// trimPointerPunct is strings.Trim(w, pointerPunct).
func trimPointerPunct(w string) string {
	for len(w) > 0 {
		if c := w[0]; c < utf8.RuneSelf {
			if strings.IndexByte(pointerPunct, c) < 0 {
				break
			}
			w = w[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		if r != '“' && r != '”' && r != '’' {
			break
		}
		w = w[size:]
	}
	for len(w) > 0 {
		if c := w[len(w)-1]; c < utf8.RuneSelf {
			if strings.IndexByte(pointerPunct, c) < 0 {
				break
			}
			w = w[:len(w)-1]
			continue
		}
		r, size := utf8.DecodeLastRuneInString(w)
		if r != '“' && r != '”' && r != '’' {
			break
		}
		w = w[:len(w)-size]
	}
	return w
}

// withoutQuotes drops the quoted spans of s.
func withoutQuotes(s string) string {
	if strings.IndexByte(s, '"') < 0 && !strings.Contains(s, "“") {
		return s
	}
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch r {
		case '"':
			quoted = !quoted
			continue
		case '“':
			quoted = true
			continue
		case '”':
			quoted = false
			continue
		}
		if !quoted {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// namesTerm reports whether w is one of the term's words, in another
// form: "logs" of "friction logging", "pages" of "policy pages".
func namesTerm(w string, termWords []string) bool {
	w = strings.TrimSuffix(w, "s")
	if len(w) < 3 {
		return false
	}
	for _, t := range termWords {
		if strings.HasPrefix(t, w) || len(t) >= 3 && strings.HasPrefix(w, strings.TrimSuffix(t, "s")) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// exampleOfThis reads "An early example of this meticulousness was
// linking …" as the example itself, "Linking …", which stands alone; "" if
// s is not such a sentence.
func exampleOfThis(s string) string {
	if !mayOpenExample(s) {
		return "" // nearly every item: no "example of " in its first words
	}
	lower := strings.ToLower(s)
	i := strings.Index(lower, "example of ")
	if i < 0 || i > 20 {
		return ""
	}
	head := strings.Fields(lower[:i])
	if len(head) == 0 || !in(" an a one the ", head[0]) {
		return ""
	}
	for _, v := range []string{" was ", " is ", " would be "} {
		if j := strings.Index(lower[i:], v); j > 0 {
			rest := strings.TrimSpace(s[i+j+len(v):])
			if wordCount(rest) >= 4 && !leansBack(rest, "") {
				return upperFirst(rest)
			}
			return ""
		}
	}
	return ""
}

// startsWithPointer reports whether s opens with a pronoun or a
// demonstrative ("This is why …", "It …").
func startsWithPointer(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	first = strings.ToLower(strings.Trim(first, ",.;:"))
	return pointerWords[first]&(wordDemonstrative|wordBackPronoun) != 0 || first == "it"
}

// dummyIt reports whether the words after "It is" make it a placeholder:
// "It is crucial to …", "It's better that …".
func dummyIt(rest []string) bool {
	if len(rest) >= 3 && in(" is was ", strings.ToLower(rest[0])) {
		rest = rest[1:] // "It is crucial to"; "It's crucial to" has no "is"
	}
	return len(rest) >= 2 && !in(" a an the ", strings.ToLower(rest[0])) && in(" to that ", strings.ToLower(rest[1]))
}

// additiveConnectives open a sentence that adds to the one before without
// depending on it: "Similarly, 250 experiments led to …" says its fact
// alone once the connective goes.
var additiveConnectives = []string{"similarly, ", "likewise, ", "moreover, ", "furthermore, ", "additionally, ", "in addition, ",
	"also, ", "however, ", "for example, ", "for instance, ", "in summary, ", "in short, ", "overall, ", "in practice, "}

// withoutConnective drops an additive connective opening s.
func withoutConnective(s string) string {
	var buf [16]byte
	lower := string(lowerInto(buf[:0], s[:min(len(s), 16)]))
	for _, c := range additiveConnectives {
		if strings.HasPrefix(lower, c) {
			return upperFirst(s[len(c):])
		}
	}
	return s
}

// mayOpenExample reports false when exampleOfThis would find no "example
// of " within the first 20 bytes of s lower-cased, reading only those
// bytes when they are ASCII (lower-casing them changes no offset), as
// exampleOfThis reads every item's first sentence.
func mayOpenExample(s string) bool {
	const marker, within = "example of ", 20
	var buf [within + len(marker)]byte
	head := s[:min(len(s), len(buf))]
	for i := 0; i < len(head); i++ {
		if head[i] >= utf8.RuneSelf {
			return true // lower-casing may move offsets: exampleOfThis reads it all
		}
		buf[i] = lowerASCII(head[i])
	}
	return strings.Contains(string(buf[:len(head)]), marker)
}

// mayBeAntecedent reports whether a word (as pointerWord gives it) may be
// the noun a later pronoun of its sentence points to: a word of three
// letters or more that is no function word, figure, month or adverb.
func mayBeAntecedent(lw string) bool {
	if len(lw) < 3 || isStopWord(lw) || prepositionsSet.has(lw) || monthsSet.has(lw) || strings.HasSuffix(lw, "ly") {
		return false
	}
	for i := 0; i < len(lw); i++ {
		if lw[i] >= '0' && lw[i] <= '9' {
			return false
		}
	}
	return true
}
