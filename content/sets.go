package content

import (
	"strings"

	"github.com/recallcards/recall/deck"
)

// maxRecitedSet is the longest set of plain items (no bold lead-in) learnt
// as one list card. Past it, the set is too long to recite, and each item
// is carded on its own.
const maxRecitedSet = 5

// maxSetItemWords bounds the items of a set carded item by item: longer
// items are statements, carded by their sentence's cloze.
const maxSetItemWords = 10

// shortItems reports whether every item is short enough to be a member of
// a set rather than a statement.
func shortItems(items []item) bool {
	for _, it := range items {
		if wordCount(it.label) > maxSetItemWords {
			return false
		}
	}
	return true
}

// setItemCards cards a long set's items one by one, as clozes, the set's
// heading their cue: each hides what tells its item apart, its head
// ("[...] between tests" → "Shared state" under "Causes of Flaky Tests"),
// or, when the head is an abstract word ("Reliance on the network"), the
// thing it names ("Reliance on the [...]" → "network"). An item with no
// such shape ("A warped spine"), one showing what another item shows
// ("Io of Jupiter" beside "Europa of Jupiter": the blank would have two
// answers) or a command or activity (its verb says nothing apart) is left:
// the items returned, the sentences among them, go to their own cloze.
//
// A lead-in sentence ("The checklist Fournier recommends for the first
// month:") says what the set is, which the heading may not: it opens each
// cloze, when it is short.
func (w *walker) setItemCards(items []item, section []string, lead string) []item {
	if wordCount(lead) > maxLeadInWords || !strings.HasSuffix(lead, ":") {
		lead = ""
	}
	type cut struct {
		span, question string
		ok             bool
	}
	cuts := make([]cut, len(items))
	shown := make(map[string]int)
	for i, it := range items {
		span, q := itemCloze(it.label)
		if span == "" {
			continue
		}
		cuts[i] = cut{span, q, true}
		shown[strings.ToLower(strings.Replace(q, clozeBlank, "", 1))]++
	}
	var left []item
	for i, it := range items {
		c := cuts[i]
		if !c.ok || shown[strings.ToLower(strings.Replace(c.question, clozeBlank, "", 1))] > 1 || w.clozeSpans[deck.NormalizeTerm(c.span)] >= maxSameSpan {
			if wordCount(it.own) >= minClozeWords {
				left = append(left, it)
			}
			continue
		}
		if w.clozeSpans == nil {
			w.clozeSpans = make(map[string]int)
		}
		w.clozeSpans[deck.NormalizeTerm(c.span)]++
		w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: it.offset, line: it.line,
			section: section, term: c.span, back: []string{c.span, it.label}, leadIn: strings.TrimSpace(lead + " " + c.question), seconds: it.seconds})
	}
	return left
}

// maxLeadInWords bounds the lead-in sentence that opens a set item's
// cloze: a longer one would bury the item.
const maxLeadInWords = 15

// itemBoundaries end a set item's head besides the prepositions of
// prepositions and the relative words: "[...] beside the bank", "[...],
// whose smell stays".
var itemBoundariesSet = wordsOf("whose beside near between after before during under over without within across along around behind inside outside against among below above toward towards past per")

// abstractHeads are the endings of an abstract head noun ("Reliance on the
// network", "Absence of tests"): what it names is the item's point.
var abstractHeads = []string{"ance", "ence", "tion", "sion", "ment", "ness", "ity"}

// itemCloze splits a set's item into the span to hide and the cloze shown:
// the words before its first preposition, relative word, comma or
// participle ("Scale flaking off …", "A first commit merged …") are its head, the rest its cue. It returns "" when the item
// has no head of one to four words with a cue of two words or more after
// it, or opens with a verb or a figure.
func itemCloze(label string) (span, question string) {
	if strings.ContainsAny(label, "*[]()\"“”:;") || hasDigit(label) {
		return "", "" // marks, brackets, quotes and figures are other rules' spans
	}
	f := strings.Fields(label)
	if len(f) < 3 || looksImperative(label) || isGerund(label) {
		return "", ""
	}
	start := 0
	if determinersSet.hasFold(f[0]) {
		start = 1
	}
	if pronounsSet.hasFold(f[start]) || prepositionsSet.hasFold(f[start]) || quantifiersSet.hasFold(f[start]) {
		return "", ""
	}
	b := -1
	for i := start + 1; i < len(f) && i <= start+4; i++ {
		lw := strings.ToLower(f[i])
		if prepositionsSet.has(lw) || relativesSet.has(lw) || itemBoundariesSet.has(lw) ||
			len(lw) > 5 && strings.HasSuffix(lw, "ing") || len(lw) > 4 && strings.HasSuffix(lw, "ed") {
			b = i
			break
		}
		if strings.HasSuffix(f[i-1], ",") {
			b = i
			break
		}
		// "Leaves left in the pot", "Caches kept across runs": a word
		// between a plural head and a preposition is its participle,
		// irregular or not, when it is no plural itself.
		if i+1 < len(f) && i > start && (prepositionsSet.hasFold(f[i+1]) || itemBoundariesSet.hasFold(f[i+1])) &&
			isLowerWord(lw) && !strings.HasSuffix(lw, "s") && strings.HasSuffix(strings.ToLower(f[i-1]), "s") && !strings.HasSuffix(strings.ToLower(f[i-1]), "ss") {
			b = i
			break
		}
	}
	if b < 0 || len(f)-b < 2 {
		return "", ""
	}
	// A head holding a verb is a clause ("Green tea contains catechins,
	// which …"): the item is a statement, not a member of a set.
	for _, hw := range f[start : b-1] {
		lhw := strings.ToLower(strings.TrimSuffix(hw, ","))
		if strings.HasSuffix(lhw, "s") && !strings.HasSuffix(lhw, "ss") || in(" is are was were has have had can may will must ", lhw) {
			return "", ""
		}
	}
	head := strings.TrimSuffix(strings.Join(f[start:b], " "), ",")
	if b-start == 1 && abstractHead(head) && prepositionsSet.hasFold(f[b]) {
		// "Reliance on the network": hide the network, up to its end.
		o := b + 1
		if o < len(f) && determinersSet.hasFold(f[o]) {
			o++
		}
		end := len(f)
		for j := o + 1; j < len(f); j++ {
			lw := strings.ToLower(f[j])
			if prepositionsSet.has(lw) || relativesSet.has(lw) || strings.HasSuffix(f[j-1], ",") {
				end = j
				break
			}
		}
		if o >= end || end-o > 4 {
			return "", ""
		}
		obj := strings.TrimSuffix(strings.Join(f[o:end], " "), ",")
		q := strings.Join(f[:o], " ") + " " + clozeBlank
		if end < len(f) {
			q += " " + strings.Join(f[end:], " ")
		}
		return obj, q
	}
	q := clozeBlank
	if start == 1 {
		q = f[0] + " " + clozeBlank
	}
	if strings.HasSuffix(f[b-1], ",") {
		q += ","
	}
	return head, q + " " + strings.Join(f[b:], " ")
}

// abstractHead reports whether a one-word head is an abstract noun whose
// object is the item's point.
func abstractHead(w string) bool {
	lw := strings.ToLower(w)
	if in(" lack use loss absence presence misuse overuse shortage ", lw) {
		return true
	}
	for _, suf := range abstractHeads {
		if len(lw) > len(suf)+2 && strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return false
}
