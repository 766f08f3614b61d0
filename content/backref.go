package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence that leans on the one before it ("An early example of this
// meticulousness was …", "He responded by …", "The three men shared …")
// says nothing clear on a card of its own: an answer or a cloze made of
// it must be another sentence, or not be made.

// demonstratives point back when a noun follows them that the card does
// not name: "this meticulousness", "these goals".
const demonstratives = " this these that those such "

// backPronouns stand for someone or something named before.
const backPronouns = " he she him his her hers they them their theirs its "

// selfKinds are the head nouns with which an item's own text names the
// item itself: "This technique uses …" in the item on CUPED.
const selfKinds = " approach technique method framework tool metric measure practice process model step signal stage phase scenario case example strategy pattern principle idea concept rule type kind form term definition system feature behavior behaviour habit experience exercise activity effort program initiative session meeting event occasion "

// backConnectives open a sentence that answers or goes on from the one
// before: "However, …", "As a result, …".
var backConnectives = []string{"however", "instead", "conversely", "therefore", "thus", "hence", "as a result", "in contrast",
	"similarly", "likewise", "meanwhile", "otherwise", "in turn", "for this reason", "despite this", "even so", "in addition",
	"moreover", "furthermore", "the latter", "the former", "the same", "another", "the other", "both"}

// numberWords count the people or things a sentence like "The three men
// shared …" takes from the sentences before it.
const countWords = " two three four five six seven eight nine ten both "

// leansBack reports whether sentence s leans on text before it. term is
// what the card asks about ("" for a cloze card of a paragraph): an item's
// own "This is …" or "This technique …" points to its term, not back.
func leansBack(s, term string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	lower := strings.ToLower(s)
	for _, c := range backConnectives {
		if strings.HasPrefix(lower, c) && (len(lower) == len(c) || !isWordByte(lower[len(c)])) {
			if in(" instead in addition ", c) && !strings.HasPrefix(lower[len(c):], ",") {
				continue // "Instead of X, do Y" stands alone
			}
			return true
		}
	}
	// A quotation's words are someone's, not pointers of the sentence:
	// a "purchase this home" button.
	s = withoutQuotes(s)
	words = strings.Fields(s)
	termWords := strings.FieldsFunc(strings.ToLower(term), func(r rune) bool { return !isWordRune(r) })
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",.;:!?()\"“”'’"))
		switch {
		case term != "" && in(" it its they them their ", lw):
			// In an item's own text these point to its term or topic:
			// "Break it into bits."
		case in(backPronouns, lw) || lw == "it":
			// "its" and "their" after a name in the same sentence point to
			// it: "Stripe and its users".
			if lw == "it" || lw == "they" || !namedBefore(words[:i]) {
				return true
			}
		case in(demonstratives, lw):
			if lw == "that" && i > 0 {
				continue // "shows that …", "the model that …": no pointer
			}
			if i+1 >= len(words) {
				return true
			}
			next := strings.ToLower(strings.Trim(words[i+1], ",.;:!?()\"“”'’"))
			if lw == "such" && next == "as" || lw == "those" && in(" who whose that with in of ", next) {
				continue // "such as", "those who": no pointer
			}
			if isVerbAfterPointer(next) {
				// "This is …", "This often signals …": about the term in
				// an item, about something before in a paragraph.
				if term == "" || i > 0 {
					return true
				}
				continue
			}
			if term != "" && (namesTerm(next, termWords) || in(selfKinds, strings.TrimSuffix(next, "s"))) {
				continue
			}
			return true
		}
	}
	if len(words) > 1 && strings.EqualFold(words[0], "the") && in(countWords, strings.ToLower(words[1])) {
		return true // "The three men shared …"
	}
	return false
}

// withoutQuotes drops the quoted spans of s.
func withoutQuotes(s string) string {
	if !strings.ContainsAny(s, "\"“") {
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

// namedBefore reports whether words hold a name (a capitalised word after
// the first) or a noun a possessive can point to.
func namedBefore(words []string) bool {
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && i > 0 {
			return true
		}
	}
	return len(words) >= 2
}

// isVerbAfterPointer reports whether a word after "this" or "these" is a
// verb or an adverb before one, not a noun: "This is", "This often".
func isVerbAfterPointer(w string) bool {
	return in(" is are was were has have had can could will would may might must should does do did often also typically usually generally means makes helps allows gives leads shows involves includes requires indicates signals suggests ensures creates provides reduces increases ", w) ||
		strings.HasSuffix(w, "ly") && len(w) > 4
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// exampleOfThis reads "An early example of this meticulousness was
// linking …" as the example itself, "Linking …", which stands alone; "" if
// s is not such a sentence.
func exampleOfThis(s string) string {
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
	return in(demonstratives, first) || in(backPronouns, first) || first == "it"
}

// leansBackFromStart is leansBack for a paragraph's sentence where a
// pronoun inside the sentence has its noun before it ("Even if a team
// believes in a design, they should …"): only a pronoun opening it
// points back, and "It is crucial to …" points nowhere.
func leansBackFromStart(s string) bool {
	words := strings.Fields(s)
	masked := make([]string, len(words))
	copy(masked, words)
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",.;:!?()\"“”'’"))
		if i >= 2 && in(" it its they them their ", lw) {
			masked[i] = "x"
		}
	}
	if len(words) >= 3 {
		first := strings.ToLower(words[0])
		if (first == "it" || first == "it's" || first == "it’s") && dummyIt(words[1:]) {
			masked[0] = "X"
		}
	}
	return leansBack(strings.Join(masked, " "), "")
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
	lower := strings.ToLower(s)
	for _, c := range additiveConnectives {
		if strings.HasPrefix(lower, c) {
			return upperFirst(s[len(c):])
		}
	}
	return s
}
