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

// labelClause is a label's fact as labelFact reads it: its main clause
// cut at its verb, and what stands before that clause.
type labelClause struct {
	clauseParts
	// lead is a subordinate clause opening the sentence, lower case and
	// without its comma: "when the engine starts".
	lead string
	// order is the main clause after lead when it is a command: "leave
	// the cables on for two minutes before removing them" (clauseParts
	// is then empty).
	order string
	// joined is set when a second clause with a subject of its own
	// follows the first ("The cluster tightens and the bees shiver …"):
	// the predicate alone would not answer as a sentence.
	joined bool
}

// subordinators open a clause that leads a sentence's main clause: "When
// the engine starts, leave …", "If the tank is new, ammonia …".
var subordinatorsSet = wordsOf("when whenever if once after before while until unless although though because since")

// labelFact reads a bold-term item as a label over a fact: a term of one to
// four words that is no command or figure ("Funding" may be a label), over an answer whose
// first sentence is a clause with its own subject (not the term, nor a
// pronoun standing for it) and a finite verb, or a command; either may
// follow a subordinate clause ("When the engine starts, leave …"). It
// returns that clause cut at its verb; ok is false for any other item.
func labelFact(term, answer string) (c labelClause, ok bool) {
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
	if len(f) == 0 || len(f) > 4 || looksImperative(term) || strings.EqualFold(f[0], "not") {
		return c, false // "Not holding product accountable": a pitfall, no label
	}
	first := answer
	if i := strings.Index(answer, ". "); i > 0 {
		first = answer[:i+1]
	}
	s := withoutAside(plainOf(first))
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return c, false // "melt to 45 °C, …": no sentence
	}
	lowered := false // the main clause after a lead opens in lower case
	if subordinatorsSet.hasFold(firstWord(s)) {
		// "When the engine starts, leave the cables on …": the main
		// clause follows the comma.
		i := strings.Index(s, ", ")
		if i < 0 || wordCount(s[:i]) > 10 {
			return c, false
		}
		if _, after, _ := strings.Cut(s[:i], " "); !plainClause(after) {
			return c, false // "If a small object, like a twig, were dropped …": the lead clause goes on past the comma
		}
		c.lead = strings.ToLower(s[:1]) + s[1:i]
		s = strings.TrimSpace(s[i+2:])
		if looksImperative(s) {
			c.order = s
			return c, true
		}
		s, lowered = upperFirst(s), s[:1] != upperFirst(s[:1])
	}
	clause := strings.TrimRight(s, ".!")
	if i := strings.Index(clause, ", "); i > 0 {
		clause = clause[:i] // the first clause holds the subject and its verb
	}
	for _, j := range []string{" and the ", " and a ", " but ", " while "} {
		if i := strings.Index(clause, j); i > 0 {
			clause = clause[:i] // "The cluster tightens and the bees shiver …"
			c.joined = true
		}
	}
	clause = withoutAdverb(clause)
	parts, ok := splitClause(clause)
	if ok && parts.kind == verbPresent && !baseVerbsSet.has(parts.base) && !in(" the a an ", strings.ToLower(firstWord(parts.rest))) && !countedNounLast(parts.subject) {
		// "The distance between two successive crests of …": a plural
		// noun in -s is no verb unless it is a common verb, takes an
		// object or follows a counted noun ("smaller than 40 litres
		// swings").
		ok = false
	}
	if !ok {
		parts, ok = verbBeforeFigure(clause)
	}
	if !ok {
		parts, ok = verbAfterPlural(clause)
	}
	if !ok {
		parts, ok = pastVerbLater(clause)
	}
	if !ok && isGerund(clause) {
		parts, ok = gerundVerb(clause)
	}
	if ok && parts.kind == verbPast && !distinctPastSet.has(parts.verb) && participleAt(parts) {
		// "Fish added in the first week died …": a participle opens a
		// phrase inside the subject, whose verb comes later; "Results
		// computed for every test" has none.
		past := parts
		if parts, ok = verbAfterParticiple(clause, wordCount(past.subject)); !ok && strings.HasPrefix(past.subject, "The ") && datedClause(past.rest) {
			// "The first public aquarium opened at London Zoo in 1853": a
			// definite subject, no later verb, and a date: the past form is
			// the verb.
			parts, ok = past, true
		}
	}
	if sf := strings.Fields(parts.subject); ok && len(sf) >= 2 {
		// "Three sets of paired locks lift ships …": a base form after a
		// plural noun is the verb, not "ships"; which word is is unsure.
		if last := sf[len(sf)-1]; isPlural(sf[len(sf)-2]) && strings.ToLower(last) == last && !strings.HasSuffix(last, "s") && !prepositionsSet.has(last) {
			return labelClause{}, false
		}
	}
	if maxWords := 8; !ok || wordCount(parts.subject) > maxWords+4*b2i(isGerund(parts.subject)) || parts.rest == "" && !(parts.kind == verbPresent && baseVerbsSet.has(parts.base)) || !nounSubject(parts.subject) {
		return labelClause{}, false // "Two thermometers": a plural noun last is no verb
	}
	gerund := isGerund(parts.subject)
	if gerund && parts.kind == verbPast && !distinctPastSet.has(parts.verb) {
		return labelClause{}, false // "Carving out dedicated days …": an adjective of the gerund's object
	}
	for w := range strings.FieldsSeq(strings.ToLower(parts.subject)) {
		if relativesSet.has(w) && !(gerund && w == "to") || pronounsSet.has(w) && w != "that" && w != "this" && w != "these" && w != "those" {
			// "The belief that diseases spread …": a noun phrase whose
			// verb is its relative clause's.
			return labelClause{}, false
		}
	}
	if aboutTerm(parts.subject, f) && !((parts.kind == verbPast || in(" was were ", parts.verb)) && datedClause(clause)) {
		// "Three sets of paired locks lift ships …" describes the term; "The
		// first public aquarium opened … in 1853" is an event in its history.
		return labelClause{}, false
	}
	if lowered {
		// "…, ammonia builds up": the subject as the text writes it, so
		// that the answer can start after it.
		parts.subject = strings.ToLower(parts.subject[:1]) + parts.subject[1:]
	}
	c.clauseParts = parts
	return c, true
}

// plainClause reports whether a lead clause, past its subordinator, is a
// clause with a subject and a verb: "the engine starts", "the tank is
// new".
func plainClause(s string) bool {
	if _, ok := splitClause(s); ok {
		return true
	}
	_, ok := verbAfterPlural(s)
	return ok
}

// countedNounLast reports whether a subject ends in a noun after its
// count: "A tank smaller than 40 litres", "Leaks older than five years".
func countedNounLast(subject string) bool {
	var buf [12]string
	f := appendFields(buf[:0], subject)
	return len(f) >= 2 && strings.HasSuffix(f[len(f)-1], "s") && (hasDigit(f[len(f)-2]) || isNumberWord(f[len(f)-2]))
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// datedClause reports whether a clause gives a year: "… opened at London
// Zoo in 1853".
func datedClause(clause string) bool {
	if !hasDigit(clause) {
		return false
	}
	for w := range strings.FieldsSeq(clause) {
		if isYear(strings.Trim(w, ",.;:()")) {
			return true
		}
	}
	return false
}

// gerundVerb finds the verb of a clause whose subject is a long gerund's
// phrase, past the reach of splitClause: "Leaving the lights on for more
// than ten hours a day | feeds algae", "Squeezing a sponge from an
// established filter into the new one | can shorten …". The verb is an
// auxiliary, a verb in -s or a past form that is no participle, within
// the first fourteen words and before any comma or relative word; a word
// after an article, a determiner, a preposition or a figure belongs to a
// noun phrase. ok is false when there is none.
func gerundVerb(clause string) (c clauseParts, ok bool) {
	if strings.ContainsAny(clause, ":()[]\"“”") {
		return c, false // "asking \"what could I have done better?\"": a quote's verb
	}
	var buf [24]string
	words := appendFields(buf[:0], clause)
	for j := 2; j < len(words) && j <= 13; j++ {
		w, prev := words[j], strings.ToLower(words[j-1])
		if strings.HasSuffix(prev, ",") || relativesSet.has(strings.ToLower(w)) && w != "to" {
			return c, false
		}
		if strings.ToLower(w) != w || determinersSet.has(prev) || prepositionsSet.has(prev) || in(placePrepositions, prev) || hasDigit(prev) || isNumberWord(prev) ||
			strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") {
			continue
		}
		switch {
		case auxVerbsSet.has(w):
			return partsAt(words, j, w, verbAux, w), true
		case distinctPastSet.has(w):
			return partsAt(words, j, w, verbPast, pastBase(w)), true
		case verbBase(w) != "" && baseVerbsSet.has(verbBase(w)):
			if j+1 < len(words) {
				// "Replacing the water changes reduces …": a noun of the
				// phrase, the verb after it.
				if next := strings.ToLower(words[j+1]); auxVerbsSet.has(next) || verbBase(next) != "" && baseVerbsSet.has(verbBase(next)) {
					continue
				}
			}
			return partsAt(words, j, w, verbPresent, verbBase(w)), true
		}
	}
	return c, false
}

// participleAt reports whether a clause's past form is a participle
// inside its subject: "Results computed for every test", "A small pit
// packed with cone cells", "The backup tool built into macOS", "The
// letter called Alpha", "A method known as …", "A step computed using a
// mini-batch is not …"; not a verb giving its figure ("struck in 1866",
// "rose by 40%").
func participleAt(c clauseParts) bool {
	next := strings.ToLower(firstWord(c.rest))
	dated := false
	if _, after, found := strings.Cut(c.rest, " "); found {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(after, "$€£~"))
		dated = unicode.IsDigit(r)
	}
	if (prepositionsSet.has(next) && next != "about" || in(placePrepositions, next)) && !dated || strings.HasSuffix(next, "ing") ||
		next == "as" || capitalised(firstWord(c.rest)) {
		return true
	}
	for w := range strings.FieldsSeq(c.rest) {
		if in(" is are was were ", w) {
			return true
		}
	}
	return false
}

// participle reports whether a word looks like a participle that may
// follow a noun inside a subject: "leaving", "added", "kept".
func participle(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ing") || pastBase(w) != ""
}

// verbAfterParticiple finds a clause's verb past a participle phrase in
// its subject, whose participle is the clause's word p: "Fish added in
// the first week | died at three times the rate …", "Tiger barbs kept
// in groups smaller than six | nip the fins …". The verb is an auxiliary,
// a past form or a verb in -s, or a plain word before an article or a
// figure, within eight words and before any comma or relative word; a
// word after an article, a preposition or a determiner belongs to a noun
// phrase. ok is false when there is none.
func verbAfterParticiple(clause string, p int) (c clauseParts, ok bool) {
	var buf [24]string
	words := appendFields(buf[:0], clause)
	for j := p + 1; j < len(words) && j <= p+8; j++ {
		w, prev := words[j], strings.ToLower(words[j-1])
		if strings.HasSuffix(prev, ",") || relativesSet.has(strings.ToLower(w)) {
			return c, false
		}
		if j == p+1 || strings.HasSuffix(w, "ing") {
			continue // the participle's own word ("computed using …"), or a gerund: no finite verb
		}
		if strings.ToLower(w) != w || prepositionsSet.has(w) || in(placePrepositions, w) || determinersSet.has(w) || in(" and or but than as like not ", w) ||
			determinersSet.has(prev) || prepositionsSet.has(prev) || in(placePrepositions, prev) || hasDigit(w) || isNumberWord(w) || strings.HasSuffix(w, "ly") {
			continue
		}
		next := ""
		if j+1 < len(words) {
			next = strings.ToLower(words[j+1])
		}
		objectNext := in(" the a an their its his her ", next) || hasDigit(next) || isNumberWord(next) || prepositionsSet.has(next) || in(placePrepositions, next)
		switch {
		case auxVerbsSet.has(w):
			return partsAt(words, j, w, verbAux, w), true
		case pastBase(w) != "" && objectNext:
			return partsAt(words, j, w, verbPast, pastBase(w)), true
		case len(w) >= 4 && strings.HasSuffix(w, "ed") && objectNext:
			return partsAt(words, j, w, verbPast, strings.TrimSuffix(w, "d")), true // "died at"
		case verbBase(w) != "" && baseVerbsSet.has(verbBase(w)):
			return partsAt(words, j, w, verbPresent, verbBase(w)), true
		case in(" the a an their its his her ", next) && !isPlural(w):
			return partsAt(words, j, w, verbPlural, w), true // "nip the fins"
		}
	}
	return c, false
}

// nounSubject reports whether a clause's subject is a noun phrase or a
// gerund's phrase ("Connecting red to negative can damage …"): not a
// verb in -s ("Stores JSON-like documents …" says what the term does), a
// noun with a relative clause and no "that", or words ending in a
// preposition or article.
func nounSubject(subject string) bool {
	f := strings.Fields(strings.ToLower(subject))
	if len(f) == 0 {
		return false
	}
	if len(f) > 1 && strings.HasSuffix(f[0], "ly") {
		f = f[1:] // "Simply averaging ratings": the gerund after its adverb
	}
	if b := verbBase(f[0]); b != "" && baseVerbsSet.has(b) && !(len(f) > 1 && participle(f[1])) {
		return false // "Stores JSON-like documents", not "Hires leaving within a year"
	}
	gerund := len(f[0]) > 5 && strings.HasSuffix(f[0], "ing")
	for i := 1; i < len(f); i++ {
		if in(" a an the ", f[i]) && !prepositionsSet.has(f[i-1]) && !in(placePrepositions, f[i-1]) && !in(" and or than as like ", f[i-1]) && !(gerund && i == 1) &&
			!(f[i] == "a" && (timeUnitsSet.has(f[i-1]) || in(" times once twice ", f[i-1]))) { // "ten hours a day": per day
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
	for i := 1; i+1 < len(words) && i <= 8; i++ {
		w := words[i]
		if strings.ToLower(w) != w || strings.HasSuffix(words[i-1], ",") {
			return c, false
		}
		if prepositionsSet.has(w) || determinersSet.has(w) || possessivesSet.has(w) || in(" and or but than as like not ", w) || strings.HasSuffix(w, "ly") || hasDigit(w) || isNumberWord(w) || in(valueStarts, w) {
			continue // "each of its four sides": no verb
		}
		next := words[i+1]
		if in(valueStarts, strings.ToLower(next)) && i+2 < len(words) {
			next = words[i+2]
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, "$€£¥~")); unicode.IsDigit(r) || isNumberWord(next) && i > 6 {
			// "takes four to six weeks": a figure in words only far into
			// the clause, past a subject of its own.
			if b := verbBase(w); b != "" && baseVerbsSet.has(b) {
				return partsAt(words, i, w, verbPresent, b), true
			}
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
	for i := 1; i+1 < len(words) && i <= 7; i++ {
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
// with the term's head, its last word before any preposition. "A battery
// older than five years" is no "Battery age".
func aboutTerm(subject string, term []string) bool {
	words := strings.Fields(strings.ToLower(subject))
	head := ""
	if isGerund(subject) {
		// "Leaving the lights on for ten hours a day feeds algae" is a
		// fact of *Lighting*, not a definition: a gerund's phrase says
		// what an act does, whatever words it shares with the label.
		return false
	}
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
	termHead := ""
	for i, t := range term {
		if i > 0 && prepositionsSet.has(strings.ToLower(t)) {
			break // "Cost of living": the cost
		}
		termHead = t
	}
	return stemOf(strings.Trim(head, ",.;:'’")) == stemOf(strings.ToLower(strings.Trim(termHead, ",.;:'’")))
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
		return withUnit(plain, f)
	}
	if f := lastFigure(plain); f != "" && unitFigure(plain, f) {
		return withUnit(plain, f)
	}
	if f := wordFigure(plain); f != "" {
		if unit := strings.ToLower(lastWord(f)); timeUnitsSet.has(unit) || unit == "times" || unitQuantities[unit] != "" {
			return f // "older than five years"; not "ten users", a count of people
		}
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

// labelQuestion asks for a label's fact when no span can be hidden in it,
// with the label as the cue, and answers with the predicate the question
// leaves out. text is the item's text. It asks what the clause's subject
// does ("*Cold weather*: what do bees do?" → "Cluster tightly …",
// "*Polarity*: what can connecting red to negative do?" → "Damage the
// alternator …", "*Incident response*: what does Stripe have?"), how a
// passive's subject is acted on ("*Scoring*: how is each answer
// scored?" → "On a five-point scale …"), or what to do when a lead clause
// holds ("*Timing*: what should you do when the engine starts?"). q is ""
// for a copula, a negation or a state ("Scorecards should be available
// …"), whose item keeps its own question.
func labelQuestion(term string, c labelClause, text string, n *note) (q, answer string) {
	label := "*" + term + "*: "
	if c.order != "" {
		answer = upperFirst(c.order)
		if i := strings.Index(text, c.order); i >= 0 {
			answer = upperFirst(text[i:]) // the command and what follows it
		}
		return label + "what should you do " + c.lead + "?", answer
	}
	if c.lead != "" {
		label += c.lead + ", " // "*Dosing*: if the tank is new, what does ammonia do?"
	}
	// The predicate: the text after the subject, from its verb (or the
	// adverb before it) on.
	pred := text
	if i := strings.Index(text, c.subject); i >= 0 && c.subject != "" {
		pred = strings.TrimSpace(text[i+len(c.subject):])
	}
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
		return label + "what did " + subject + " do?", upperFirst(pred)
	case verbPresent:
		return label + "what does " + subject + " do?", upperFirst(pred)
	case verbPlural:
		return label + "what do " + subject + " do?", upperFirst(pred)
	}
	var buf [3]string
	next := appendFields(buf[:0], strings.ToLower(c.rest))
	word := func(i int) string {
		if i < len(next) {
			return next[i]
		}
		return ""
	}
	switch {
	case word(0) == "not" || c.verb == "cannot" || strings.HasSuffix(c.verb, "n't"):
		return "", "" // a negation: no act to ask
	case in(" is are was were ", c.verb) && passiveHow(word(0), word(1)):
		// "Each answer is scored on a five-point scale …".
		return label + "how " + c.verb + " " + subject + " " + word(0) + "?", afterWords(pred, word(0))
	case modalsSet.has(c.verb) && word(0) == "be" && passiveHow(word(1), word(2)):
		// "Tap water must be treated with a dechlorinator …".
		return label + "how " + c.verb + " " + subject + " be " + word(1) + "?", afterWords(pred, word(1))
	case word(0) == "be" || word(0) == "been":
		return "", "" // a state: no act to ask
	case in(" is are was were ", c.verb) && strings.HasPrefix(subject, "the ") && nounComplement(c.rest) && !namesTermWord(subject, term):
		// "**Retention**: The main cause was poor onboarding." → "*Retention*:
		// what was the main cause?" → "Poor onboarding."
		return label + "what " + c.verb + " " + subject + "?", afterWords(pred, c.verb)
	case modalsSet.has(c.verb):
		// "**Self-service**: Users can easily set up experiments …".
		return label + "what " + c.verb + " " + subject + " do?", afterWords(pred, c.verb)
	case in(" has have had ", c.verb):
		if w := word(0); strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || pastVerbsSet.has(w) {
			// "Stripe has made GitHub Copilot available …".
			return label + "what " + c.verb + " " + subject + " done?", afterWords(pred, c.verb)
		}
		// "Stripe has robust incident response systems …".
		return label + "what " + map[string]string{"has": "does", "have": "do", "had": "did"}[c.verb] + " " + subject + " have?", afterWords(pred, c.verb)
	}
	return "", "" // "is", "are": a claim or a definition, asked as one
}

// namesTermWord reports whether a subject shares a word's stem with the
// term: "The first beta version of Copilot was …" of "GitHub Copilot" is
// about the term, not a fact under a label.
func namesTermWord(subject, term string) bool {
	for t := range strings.FieldsSeq(term) {
		st := stemOf(strings.Trim(t, ",.;:'’()"))
		for w := range strings.FieldsSeq(subject) {
			if stemOf(strings.Trim(w, ",.;:'’()")) == st {
				return true
			}
		}
	}
	return false
}

// nounComplement reports whether a copula's complement names a thing or
// a purpose, the answer to "what is the …?": two words or more, not
// opening with an adverb ("too small", "rarely enough"), a negation, a
// participle or a preposition other than an infinitive's "to", nor a
// single adjective.
func nounComplement(rest string) bool {
	var buf [3]string
	f := appendFields(buf[:0], strings.ToLower(rest))
	if len(f) < 2 {
		return false
	}
	w := f[0]
	if w == "to" {
		// "to limit work in progress": a purpose; "to the left": a place.
		return !determinersSet.has(f[1]) && !possessivesSet.has(f[1]) && !in(" a an the ", f[1])
	}
	return !in(" not no never too very so quite more less most rather only also still often usually always ", w) && !strings.HasSuffix(w, "ly") &&
		!prepositionsSet.has(w) && !in(placePrepositions, w) && !pastVerbsSet.has(w) && !strings.HasSuffix(w, "ed") && w != "that" && w != "because"
}

// passiveHow reports whether a passive's participle is followed by how it
// is done: a preposition or an adverb in -ly ("scored on a five-point
// scale", "warmed by gas flames"), not an object ("given specific goals").
func passiveHow(participle, next string) bool {
	if !(strings.HasSuffix(participle, "ed") || strings.HasSuffix(participle, "en") || pastVerbsSet.has(participle)) || len(participle) < 4 {
		return false
	}
	next = strings.Trim(next, ",.;:")
	if next == "" {
		return true // the participle alone: asked by what follows it
	}
	return prepositionsSet.has(next) && next != "of" && next != "to" || in(placePrepositions, next) || len(next) > 4 && strings.HasSuffix(next, "ly")
}

// afterWords is a predicate past its word through (an auxiliary, or a
// passive's participle), capitalised: "can damage the alternator" →
// "Damage the alternator", "is also applied internally to …" →
// "Internally to …"; the predicate whole when through is not among its
// first four words.
func afterWords(pred, through string) string {
	rest := pred
	for i := 0; i < 4; i++ {
		w, after, found := strings.Cut(strings.TrimLeft(rest, " "), " ")
		if !found {
			break
		}
		rest = after
		if strings.ToLower(w) == through {
			if rest = strings.TrimSpace(rest); rest != "" {
				return upperFirst(rest)
			}
			break
		}
	}
	return upperFirst(pred)
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
	asked := false
	var q, answer string
	ask := func() {
		// Only for a fact with nothing to hide: nameInText reads the
		// whole note.
		text := e.back[0]
		if !strings.Contains(text, c.subject) || c.order != "" && !strings.Contains(text, c.order) {
			text = plainOf(text) // the clause was read from the plain text
		}
		q, answer = labelQuestion(e.term, c, text, w.note)
		asked = true
	}
	if span == "" {
		ask()
	}
	if span == "" && q == "" {
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
		if !asked {
			ask()
		}
		if q == "" {
			return false
		}
		e.question = q
		if !c.joined {
			e.back = []string{answer} // the question gives the subject
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
