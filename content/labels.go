package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
)

// Bold lead-ins that are labels over a fact. Notes sort facts under short
// category labels: "## Outcomes" over "**Cost**: The canal cost $7
// million …", "**Disease**: Malaria killed about 1,000 workers …". The
// label is no term: "What is *Cost*?" asks for a definition the item does
// not give, its reverse card's answer is a label, and a list card of the
// labels is nothing to recite. A careful writer cards the fact and keeps
// the label as its cue.
//
// The shape tells them apart, not the words: a definition is a noun
// phrase ("The share of the population that …", "A tool that …") or a
// sentence about the term itself ("It measures …", "Three sets of paired
// locks lift …" of "The locks"); a fact under a label is an independent
// clause with a subject of its own and a finite verb ("Malaria killed …",
// "Freight costs … fell by 95%").

// labelFact reads a bold-term item as a label over a fact: a term of one to
// four words that is no command or figure ("Funding" may be a label), over an answer whose
// first sentence is a clause with its own subject (not the term, nor a
// pronoun standing for it) and a finite verb. It returns that clause cut
// at its verb; ok is false for any other item.
func labelFact(term, answer string) (c clauseParts, ok bool) {
	// The cheap looks first: most items are no label, and this reads
	// every bold term of every note.
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(answer, "*")); !unicode.IsUpper(r) {
		return c, false // "melt to 45 °C, …", "used in lamps": no sentence of its own
	}
	if r, _ := utf8.DecodeRuneInString(term); !unicode.IsUpper(r) || strings.ContainsAny(term, ":;?\"“()/") || hasDigit(term) {
		return c, false
	}
	var buf [5]string
	f := appendFields(buf[:0], term)
	if len(f) == 0 || len(f) > 4 || looksImperative(term) {
		return c, false
	}
	first := answer
	if i := strings.Index(answer, ". "); i > 0 {
		first = answer[:i+1]
	}
	s := withoutAside(plainOf(first))
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return c, false // "melt to 45 °C, …": no sentence
	}
	clause := strings.TrimRight(s, ".!")
	if i := strings.Index(clause, ", "); i > 0 {
		clause = clause[:i] // the first clause holds the subject and its verb
	}
	for _, j := range []string{" and the ", " and a ", " but ", " while "} {
		if i := strings.Index(clause, j); i > 0 {
			clause = clause[:i] // "The cluster tightens and the bees shiver …"
		}
	}
	clause = withoutAdverb(clause)
	c, ok = splitClause(clause)
	if ok && c.kind == verbPresent && !baseVerbsSet.has(c.base) && !in(" the a an ", strings.ToLower(firstWord(c.rest))) {
		// "The distance between two successive crests of …": a plural
		// noun in -s is no verb unless it is a common verb or takes an
		// object.
		ok = false
	}
	if !ok {
		c, ok = verbBeforeFigure(clause)
	}
	if !ok {
		c, ok = verbAfterPlural(clause)
	}
	if !ok {
		c, ok = pastVerbLater(clause)
	}
	if sf := strings.Fields(c.subject); ok && len(sf) >= 2 {
		// "Three sets of paired locks lift ships …": a base form after a
		// plural noun is the verb, not "ships"; which word is is unsure.
		if last := sf[len(sf)-1]; isPlural(sf[len(sf)-2]) && strings.ToLower(last) == last && !strings.HasSuffix(last, "s") && !prepositionsSet.has(last) {
			return clauseParts{}, false
		}
	}
	if !ok || wordCount(c.subject) > 8 || c.rest == "" && !(c.kind == verbPresent && baseVerbsSet.has(c.base)) || !nounSubject(c.subject) {
		return clauseParts{}, false // "Two thermometers": a plural noun last is no verb
	}
	if c.kind == verbPast && !distinctPastSet.has(c.verb) {
		// "Results computed for every test", "A small pit packed with
		// cone cells", "The backup tool built into macOS": a participle
		// before a preposition makes a noun phrase.
		next := strings.ToLower(firstWord(c.rest))
		dated := false // "struck in 1866", "rose by 40%": a verb giving its figure
		if _, after, found := strings.Cut(c.rest, " "); found {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(after, "$€£~"))
			dated = unicode.IsDigit(r)
		}
		if (prepositionsSet.has(next) && next != "about" || in(placePrepositions, next)) && !dated || strings.HasSuffix(next, "ing") ||
			next == "as" || capitalised(firstWord(c.rest)) {
			// "The letter called Alpha", "A method known as …": a name given.
			return clauseParts{}, false
		}
		for w := range strings.FieldsSeq(c.rest) {
			if in(" is are was were ", w) {
				return clauseParts{}, false // "A step computed using a mini-batch is not …": the verb comes later
			}
		}
	}
	for w := range strings.FieldsSeq(strings.ToLower(c.subject)) {
		if relativesSet.has(w) || pronounsSet.has(w) && w != "that" && w != "this" && w != "these" && w != "those" {
			// "The belief that diseases spread …": a noun phrase whose
			// verb is its relative clause's.
			return clauseParts{}, false
		}
	}
	if aboutTerm(c.subject, f) {
		return clauseParts{}, false
	}
	return c, true
}

// nounSubject reports whether a clause's subject is a noun phrase: not a
// verb in -s ("Stores JSON-like documents …" says what the term does), a
// gerund ("Offering two months free …" defines a practice), a noun
// with a relative clause and no "that", or words ending in a preposition
// or article.
func nounSubject(subject string) bool {
	f := strings.Fields(strings.ToLower(subject))
	if len(f) == 0 {
		return false
	}
	if len(f) > 1 && strings.HasSuffix(f[0], "ly") {
		f = f[1:] // "Simply averaging ratings": the gerund after its adverb
	}
	if b := verbBase(f[0]); b != "" && baseVerbsSet.has(b) || len(f[0]) > 5 && strings.HasSuffix(f[0], "ing") {
		return false
	}
	for i := 1; i < len(f); i++ {
		if in(" a an the ", f[i]) && !prepositionsSet.has(f[i-1]) && !in(" and or than as like ", f[i-1]) {
			return false // "The brake a climber's partner uses": a relative clause with no "that"
		}
	}
	last := f[len(f)-1]
	if strings.HasSuffix(last, "ly") && len(last) > 4 {
		return false // "A newly released feature", "Loosely coupled teams": the verb is a participle
	}
	return !prepositionsSet.has(last) && !determinersSet.has(last) && !in(" and or ", last)
}

// verbBeforeFigure finds a clause's verb when it is one splitClause does
// not know, as in "The canal cost $7 million", "Workers laid 132
// kilometres": a lower-case word after a subject of one to six words, not
// a preposition, article or conjunction, right before a figure (or "about
// 12"). ok is false when there is no such word.
func verbBeforeFigure(clause string) (c clauseParts, ok bool) {
	words := strings.Fields(clause)
	for i := 1; i+1 < len(words) && i <= 6; i++ {
		w := words[i]
		if strings.ToLower(w) != w || strings.HasSuffix(words[i-1], ",") {
			return c, false
		}
		if prepositionsSet.has(w) || determinersSet.has(w) || in(" and or but than as like not ", w) || strings.HasSuffix(w, "ly") || hasDigit(w) || in(valueStarts, w) {
			continue
		}
		next := words[i+1]
		if in(valueStarts, strings.ToLower(next)) && i+2 < len(words) {
			next = words[i+2]
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, "$€£¥~")); unicode.IsDigit(r) {
			return partsAt(words, i, w, verbPast, w), true
		}
	}
	return c, false
}

// placePrepositions may follow a participle as well as prepositions do:
// "A tuning fork held over a column of air".
const placePrepositions = " over under across along around behind below above between against near inside onto upon within without beside beneath "

// distinctPast are past forms that are no participle ("fell", not
// "fallen"): a verb of its own clause even before a preposition. Other
// past forms before one ("computed for", "built into") may open a
// participle phrase inside a noun phrase.
var distinctPastSet = wordsOf("ran began took went came gave became saw drove flew grew knew fell broke chose rose sank spoke threw wore drew froze swam woke wrote")

// verbAfterPlural finds the verb of a clause whose subject is a bare
// plural noun of one or two words and whose verb splitClause does not
// know: "Bees cluster tightly around the queen", a word in its base form
// before an adverb in -ly, an article or a preposition. ok is false when
// the clause has no such shape.
func verbAfterPlural(clause string) (c clauseParts, ok bool) {
	words := strings.Fields(clause)
	for i := 1; i <= 2 && i+1 < len(words); i++ {
		prev, w, next := strings.ToLower(words[i-1]), words[i], strings.ToLower(words[i+1])
		if !isPlural(prev) || strings.ToLower(w) != w || determinersSet.has(prev) || in(whyOpeners, prev) {
			continue
		}
		if auxVerbsSet.has(w) || w == "be" || prepositionsSet.has(w) || in(placePrepositions, w) || in(" and or but than as like not ", w) || isPlural(w) ||
			strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || hasDigit(w) {
			return c, false
		}
		if strings.HasSuffix(next, "ly") && len(next) > 4 || in(" the a an their its his her ", next) || prepositionsSet.has(next) || in(placePrepositions, next) {
			return partsAt(words, i, w, verbPlural, w), true
		}
		return c, false
	}
	return c, false
}

// clauseAdverbs stand between a subject and its verb: "Stripe also
// employs …", "Companies now operate …".
const clauseAdverbs = " also now often usually always never still typically generally really rarely sometimes "

// withoutAdverb drops an adverb between a clause's subject and its verb
// ("Leaders consciously manage their time" → "Leaders manage their
// time"), so that the verb meets its subject; one after an article or a
// preposition ("A newly released feature") modifies a participle and
// stays.
func withoutAdverb(clause string) string {
	words := strings.Fields(clause)
	for i := 1; i+1 < len(words) && i <= 4; i++ {
		w := words[i]
		if w != strings.ToLower(w) || !(strings.HasSuffix(w, "ly") && len(w) > 4 || in(clauseAdverbs, w)) {
			continue
		}
		prev := strings.ToLower(words[i-1])
		if determinersSet.has(prev) || prepositionsSet.has(prev) || strings.HasSuffix(prev, "ly") || strings.HasSuffix(prev, ",") {
			return clause
		}
		return strings.Join(words[:i], " ") + " " + strings.Join(words[i+1:], " ")
	}
	return clause
}

// pastVerbLater finds a past verb further into a clause than splitClause
// reads, past a plural noun it took for a verb: "Freight rates from
// Buffalo fell by 95%" (a past form that is no participle: see
// distinctPast). ok is false when no word of the first ten is one.
func pastVerbLater(clause string) (c clauseParts, ok bool) {
	words := strings.Fields(clause)
	for i := 1; i < len(words) && i <= 10; i++ {
		w := words[i]
		if strings.HasSuffix(words[i-1], ",") || relativesSet.has(strings.ToLower(words[i-1])) {
			return c, false
		}
		if strings.ToLower(w) != w {
			continue
		}
		if distinctPastSet.has(w) {
			// Only a form that is no participle: "hosted", "requested"
			// may be adjectives inside the subject.
			return partsAt(words, i, w, verbPast, pastBase(w)), true
		}
	}
	return c, false
}

// partitives head a subject whose noun is the one after "of": "Three sets
// of paired locks" is about the locks.
var partitivesSet = wordsOf("set sets pair pairs group groups number kind kinds type types part parts piece pieces series lot lots couple dozens hundreds thousands millions most some many all few one two three four five six seven eight nine ten each")

// aboutTerm reports whether a clause's subject is the term itself: its head
// noun (past a partitive, "Three sets of paired locks") shares a stem
// with one of the term's words.
func aboutTerm(subject string, term []string) bool {
	words := strings.Fields(strings.ToLower(subject))
	head := ""
	for i, w := range words {
		if prepositionsSet.has(w) && i > 0 {
			if w == "of" && partitivesSet.has(words[i-1]) {
				continue
			}
			break
		}
		head = w
	}
	if head == "" {
		return false
	}
	stem := stemOf(strings.Trim(head, ",.;:'’"))
	for _, t := range term {
		if stemOf(strings.Trim(t, ",.;:'’")) == stem {
			return true
		}
	}
	return false
}

// labelSpan is the span a label's fact hides in its cloze: the writer's
// mark, else the sentence's one figure with its unit or its date; "" when
// it has neither.
func labelSpan(light string) string {
	if s := emphasisSpan(light); s != "" && keySpan(s) && wordCount(s) <= maxSpanWords {
		return s
	}
	plain := plainOf(light)
	if f := figure(plain); f != "" && unitFigure(plain, f) {
		return f
	}
	if f := lastFigure(plain); f != "" && unitFigure(plain, f) {
		return f
	}
	// Of a few figures, the first measured in a unit: "falls to about
	// 12,000 Hz by the age of 60".
	for _, f := range figures(plain, moreUnitsSet, 3) {
		if _, ok := unitQuantities[strings.ToLower(lastWord(f))]; ok && strings.Contains(f, " ") {
			return f // "12,000 Hz": the unit came with the figure
		}
		i := strings.Index(plain, f)
		next, _, _ := strings.Cut(strings.TrimLeft(plain[i+len(f):], " "), " ")
		if _, ok := unitQuantities[strings.ToLower(strings.Trim(next, ",.;:)"))]; ok && i >= 0 {
			return f + " " + strings.Trim(next, ",.;:)")
		}
	}
	return ""
}

// labelQuestion asks for a label's fact when no span can be hidden in it:
// what the clause's subject does, with the label as the cue ("*Cold
// weather*: what do bees do?", "*Self-service*: what can users do?",
// "*Incident response*: what does Stripe have?"); "" for a copula, a
// negation or a state ("Scorecards should be available …"), whose item
// keeps its own question.
func labelQuestion(term string, c clauseParts, n *note) string {
	label := "*" + term + "*"
	subject := c.subject
	if first, rest, _ := strings.Cut(subject, " "); first != "" {
		// The subject's first word is lowered unless the note capitalises
		// it inside a sentence too: "what do bees do?", "what does Stripe
		// do?".
		if low := strings.ToLower(first); determinersSet.has(low) || quantifiersSet.has(low) || !nameInText(n.body, first) {
			first = low
		}
		subject = strings.TrimSpace(first + " " + rest)
	}
	switch c.kind {
	case verbPast:
		return label + ": what did " + subject + " do?"
	case verbPresent:
		return label + ": what does " + subject + " do?"
	case verbPlural:
		return label + ": what do " + subject + " do?"
	}
	next := strings.ToLower(firstWord(c.rest))
	switch {
	case next == "not" || next == "be" || next == "been" || c.verb == "cannot" || strings.HasSuffix(c.verb, "n't"):
		return "" // a negation or a state: no act to ask
	case modalsSet.has(c.verb):
		// "**Self-service**: Users can easily set up experiments …".
		return label + ": what " + c.verb + " " + subject + " do?"
	case in(" has have had ", c.verb):
		if strings.HasSuffix(next, "ed") || strings.HasSuffix(next, "en") || pastVerbsSet.has(next) {
			// "Stripe has made GitHub Copilot available …".
			return label + ": what " + c.verb + " " + subject + " done?"
		}
		// "Stripe has robust incident response systems …".
		return label + ": what " + map[string]string{"has": "does", "have": "do", "had": "did"}[c.verb] + " " + subject + " have?"
	}
	return "" // "is", "are": a claim or a definition, asked as one
}

// labelItem reads a term entry of a list as a label over a fact (see
// labelFact) when no rule of the item's shape asks it otherwise (a
// value, a step, a reason, a person, a claim …: see askTerm). It then
// makes the entry the fact's cloze card, the label leading the sentence
// as its cue ("*Cost*: The canal cost [...], paid back …"), or, when the
// fact has no span to hide, a card asking it with the label as the cue
// and no reverse card (see labelQuestion). It reports whether the item
// is a label; its label then belongs in no list card.
func (w *walker) labelItem(e *entry) bool {
	if len(e.back) == 1 && !e.step && e.claim == "" && e.effect == "" && e.owner == "" && !e.compared && w.changeItem(e) {
		return true
	}
	if e.value || e.step || e.claim != "" || e.effect != "" || e.owner != "" || e.compared || len(e.back) != 1 {
		return false
	}
	c, ok := labelFact(e.term, e.back[0])
	if !ok {
		return false
	}
	light := e.back[0]
	if ss := sentences(light); len(ss) > 1 && wordCount(plainOf(light)) > maxClozeWords {
		light = ss[0]
	}
	span := labelSpan(light)
	if span == "" && c.kind == verbAux && labelQuestion(e.term, c, w.note) == "" {
		return false // "A sample of ten users is not the whole population": a claim, asked as one
	}
	if termsHeading(e.section, e.listName, w.note.title) {
		return false
	}
	if _, plain := askTerm(e, w.note.title, false, w.note.wordCounts()); !plain {
		return false
	}
	text := plainOf(light)
	key := deck.NormalizeTerm(span)
	i := strings.Index(text, span)
	if span == "" || i < 0 || strings.Contains(text[i+len(span):], span) || wordCount(text) > maxClozeWords || w.clozeSpans[key] >= maxSameSpan {
		if e.question = labelQuestion(e.term, c, w.note); e.question == "" {
			return false
		}
		return true
	}
	if w.clozeSpans == nil {
		w.clozeSpans = make(map[string]int)
	}
	w.clozeSpans[key]++
	e.leadIn = "*" + e.term + "*: " + text[:i] + clozeBlank + withoutSymbol(text[i+len(span):])
	e.kind, e.term, e.back = deck.KindCloze, span, []string{span, text}
	e.late = true
	return true
}

// termsHeading reports whether an item's list says its items are terms of
// a kind: a lead-in naming their kind ("Common mistakes include:"), a
// heading of kinds ("Kinds of Decay", "Types of Joints") or a glossary
// ("Key Terms"). Its items are named things, however their answers run.
func termsHeading(section []string, listName, title string) bool {
	h := cueHeading(section, title)
	list := cleanHeading(listName)
	if list != "" && !strings.EqualFold(list, h) && kindNoun(list) != "" {
		return true
	}
	for _, name := range []string{h, list} {
		f := strings.Fields(strings.ToLower(name))
		if len(f) >= 3 && f[1] == "of" && in(" kinds types forms classes categories sorts varieties ", f[0]) || inSet(glossaryHeadingsSet, name) {
			return true
		}
	}
	return false
}

// nameInText reports whether body writes word, capitalised, inside a
// sentence (after a word or a comma): a name, not a sentence's first word.
// It is read only for the few labels asked by their clause.
func nameInText(body []byte, word string) bool {
	for i := 0; i < len(body); {
		j := bytes.Index(body[i:], []byte(word))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(word)
		if i < len(body) && isWordRune(rune(body[i])) {
			continue
		}
		k := at - 1
		for k >= 0 && body[k] == ' ' {
			k--
		}
		if k >= 0 && k < at-1 && (isWordRune(rune(body[k])) && body[k] < utf8.RuneSelf || body[k] == ',') {
			return true
		}
	}
	return false
}

// maxValueListParts bounds the values of a value list: more is a table.
const maxValueListParts = 5

// valueListKind reads an answer that is a list of values, not a sentence:
// two to five parts split at commas or semicolons, each of a few words
// holding a figure in a unit of one kind ("melt to 45–50 °C, cool to
// 27 °C, rework to 31–32 °C"; "3.5 m across at the outfalls, 1.2 m at
// the upper ends"). It returns the quantity the unit measures
// ("temperature", "length", qtyTime), or "" for any other answer: a
// sentence opening with a capital word and a verb is a fact, and one
// opening with "A"/"The" a definition.
func valueListKind(answer string) string {
	s := strings.TrimRight(strings.TrimSpace(plainOf(answer)), ".")
	if s == "" || strings.ContainsAny(s, ".:?!") && !strings.ContainsAny(s, "0123456789") {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsUpper(r) {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	if len(parts) < 2 || len(parts) > maxValueListParts {
		return ""
	}
	kind := ""
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "and "))
		if wordCount(p) > 7 {
			return ""
		}
		k := partKind(p)
		if k == "" || kind != "" && k != kind {
			return ""
		}
		kind = k
	}
	return kind
}

// partKind is the quantity of the first figure of a value list's part
// with a unit after it: a physical unit or a duration; "" when it has
// none.
func partKind(p string) string {
	f := strings.Fields(p)
	for i, w := range f {
		if !hasDigit(w) {
			continue
		}
		w = strings.ToLower(strings.Trim(w, ",;()"))
		// A unit written onto the figure ("20Hz"), or the word after it.
		if j := strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || r == '°' }); j > 0 {
			if q, ok := unitQuantities[w[j:]]; ok {
				return q
			}
		}
		if i+1 < len(f) {
			next := strings.ToLower(strings.Trim(f[i+1], ",;()"))
			if q, ok := unitQuantities[next]; ok {
				return q
			}
			if timeUnitsSet.has(next) {
				return qtyTime
			}
		}
		return ""
	}
	return ""
}

// valueListQuestion asks for a value list by the quantity its units
// measure: "What are the temperatures for *Dark chocolate*?".
func valueListQuestion(term, kind string, words map[string]int) string {
	noun := kind + "s"
	switch kind {
	case qtyTime:
		noun = "times"
	case "length":
		noun = "sizes" // "3.5 m across …, 1.2 m at …": widths, depths or lengths
	}
	return "What are the " + noun + " for *" + lowerCommon(term, words) + "*?"
}

// changeVerbs say how a measure moved, in the past tense.
var changeVerbsSet = wordsOf("fell rose dropped grew doubled halved tripled quadrupled increased decreased climbed declined improved shrank jumped slipped soared plunged plummeted")

// changeItem reads an item whose text says only how its label moved, a
// verb of change with no subject ("**Time-to-hire**: Fell from 41 days to
// 29 days."), and asks it so: "How did *time-to-hire* change?", with no
// reverse card and no place in a list card. It reports whether it did.
func (w *walker) changeItem(e *entry) bool {
	text := e.back[0]
	first := firstWord(text)
	if r, _ := utf8.DecodeRuneInString(first); !unicode.IsUpper(r) || !changeVerbsSet.hasFold(first) {
		return false
	}
	if wordCount(text) > maxClozeWords || strings.ContainsAny(e.term, ":?") || len(strings.Fields(e.term)) > 4 {
		return false
	}
	// The change is a fact when it says how far: a figure, or a verb that
	// gives the factor itself ("Halved within the first year").
	if !strings.ContainsAny(text, "0123456789") && !in(" doubled halved tripled quadrupled ", strings.ToLower(first)) {
		return false
	}
	if termsHeading(e.section, e.listName, w.note.title) {
		return false
	}
	// A value's question ("What share is *Offer acceptance*?") asks for a
	// figure the change gives two of: the change is asked instead.
	if _, plain := askTerm(e, w.note.title, false, w.note.wordCounts()); !plain && !e.value {
		return false
	}
	e.question = "How did *" + lowerCommon(e.term, w.note.wordCounts()) + "* change?"
	return true
}
