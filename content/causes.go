package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
)

// Causes in prose. A sentence that gives the reason for something — "X,
// because Y", "Because Y, X", "Since Y, X", "X, so Y", "X so that Y" —
// holds a fact a careful writer cards as a question: "Signals were faint
// because the long cable behaved like a huge capacitor" → "Why were
// signals faint?" → "The long cable behaved like a huge capacitor." "X
// works by Y" is asked "How does X work?". The question is made only when
// the effect is one plain clause whose subject and verb can be turned
// around as English turns them (an auxiliary moved before the subject,
// "does", "do" or "did" with the verb's base form), and its subject is no
// pronoun left unresolved; any other sentence keeps the cards it had.

// maxCausesPerParagraph bounds the cause cards of one paragraph.
const maxCausesPerParagraph = 2

// maxEffectWords and maxCauseAnswerWords bound the two sides of a cause
// card: a longer effect makes a question to read twice, a longer cause an
// answer to read, not recall.
const (
	maxEffectWords      = 16
	maxCauseAnswerWords = 45
)

// causeCards makes the cause cards of a paragraph's sentences that have no
// card yet, and the acronym cards of its sentences (see acronymQuestion).
// asked holds the questions the note asks already, lower-cased; answers
// the answers of its term cards. The cards come after every other card of
// the note: they are additions.
func (w *walker) causeCards(l *listParaLeft, asked map[string]bool, answers []string) {
	limit := maxCausesPerParagraph
	if !w.proseNote {
		limit = min(limit, maxListParaCards-len(l.done))
	}
	// Most paragraphs give no cause and introduce no acronym: one look at
	// the whole paragraph spares a look at each sentence.
	marked, bracket := causeMarked(l.r.light), strings.Contains(l.r.light, " (")
	if !marked && !bracket {
		return
	}
	for i, s := range l.sp.sentences {
		if limit <= 0 {
			return
		}
		if strings.HasSuffix(s, ":") {
			continue
		}
		var q, a, effect string
		if marked && !l.done[i] && causeMarked(s) {
			if plain := l.sp.resolvedAt(i); !pointsInNote(plain) && !answeredBy(plainOf(s), answers) {
				if i > 0 {
					q, a, effect = causeOfBefore(plain, l.sp.resolvedAt(i-1), w.note)
				}
				if q == "" {
					q, a, effect = causeQuestion(plain, w.note)
				}
			}
		}
		if q == "" && bracket && strings.Contains(s, " (") {
			// An acronym is a fact of its own, even in a sentence carded
			// for another; a sentence may introduce two ("an Account
			// Executive (AE) or a Sales Development Representative (SDR)").
			for rest := plainOf(s); rest != ""; {
				q, a, effect, rest = w.acronymQuestion(rest, l.r.section)
				if q != "" && !asked[strings.ToLower(q)] {
					asked[strings.ToLower(q)] = true
					w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: 2*len(w.src) + l.r.p.offset + i, line: l.r.p.line,
						section: l.r.section, term: effect, back: []string{a}, seconds: l.r.p.seconds, question: q, prose: true, definition: true, late: true})
				}
			}
			continue
		}
		if q == "" || asked[strings.ToLower(q)] {
			continue
		}
		asked[strings.ToLower(q)] = true
		l.done[i] = true
		limit--
		w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: 2*len(w.src) + l.r.p.offset + i, line: l.r.p.line,
			section: l.r.section, term: effect, back: []string{a}, seconds: l.r.p.seconds, question: q, prose: true, late: true})
	}
}

// answeredBy reports whether one of the note's answers says the sentence
// s already: "Why is decay random?" answered by "Decay is governed by
// quantum mechanics, so …" leaves that sentence no card of its own.
func answeredBy(s string, answers []string) bool {
	s = trimStatement(withoutConnective(s))
	for _, a := range answers {
		if strings.Contains(a, s) {
			return true
		}
	}
	return false
}

// causeOfBefore reads a sentence that gives the cause of the one before
// it, "This is because Y" or "The reason is that Y", and one that gives
// its effect, "This is why Y": the sentence before is the other side. It
// returns "", "", "" for any other sentence.
func causeOfBefore(s, before string, n *note) (question, answer, effect string) {
	if !strings.HasPrefix(s, "This ") && !strings.HasPrefix(s, "That") && !strings.HasPrefix(s, "The reason ") {
		return "", "", ""
	}
	s, before = trimStatement(s), trimStatement(before)
	if strings.HasSuffix(before, ":") || strings.ContainsAny(before, "?!;") {
		return "", "", ""
	}
	for _, m := range []string{"This is because ", "That is because ", "This is partly because ", "This happens because ", "The reason is that "} {
		if cause, ok := strings.CutPrefix(s, m); ok {
			return whyCard(before, cause, n)
		}
	}
	for _, m := range []string{"This is why ", "That is why ", "That's why ", "This is the reason "} {
		if eff, ok := strings.CutPrefix(s, m); ok {
			return whyCard(eff, before, n)
		}
	}
	return "", "", ""
}

// causeMarked is a quick look for a cause's marker before a sentence is
// read closely: one pass over the words' first letters, as it runs on
// every paragraph.
func causeMarked(s string) bool {
	for i := 0; i+3 < len(s); {
		r := s[i:]
		if j := strings.IndexByte(r, ' '); j < 0 {
			i = len(s)
		} else {
			i += j + 1
		}
		before := s[:len(s)-len(r)]
		switch r[0] | 0x20 {
		case 'b':
			if strings.HasPrefix(r, "because ") || strings.HasPrefix(r, "Because ") ||
				strings.HasPrefix(r, "by ") && (strings.HasSuffix(before, "works ") || strings.HasSuffix(before, "work ") || strings.HasSuffix(before, "operates ") || strings.HasSuffix(before, "operate ")) {
				return true
			}
		case 's':
			if strings.HasPrefix(r, "since ") || strings.HasPrefix(r, "Since ") || strings.HasPrefix(r, "so ") && (strings.HasSuffix(before, ", ") || strings.HasPrefix(r, "so that ")) {
				return true
			}
		case 'w':
			if strings.HasPrefix(r, "why ") {
				return true
			}
		}
	}
	return false
}

// causeQuestion returns the question a cause sentence asks, its answer and
// the effect it explains (the card's identity), or "", "", "".
func causeQuestion(s string, n *note) (question, answer, effect string) {
	s = trimStatement(s)
	if strings.ContainsAny(s, "?!;") || wordCount(s) > maxEffectWords+maxCauseAnswerWords {
		return "", "", ""
	}
	lower := strings.ToLower(s)
	if strings.Contains(lower, "not because") || strings.Contains(lower, "not only") || strings.Contains(lower, "not just") {
		return "", "", "" // "fail not because X but because Y": two causes weighed
	}
	// "Because lift grows with v², doubling the airspeed gives …".
	for _, m := range []string{"Because ", "Since "} {
		rest, ok := strings.CutPrefix(s, m)
		if !ok {
			continue
		}
		cause, eff, ok := strings.Cut(rest, ", ")
		if !ok || m == "Since " && !finiteClause(cause) {
			return "", "", ""
		}
		return whyCard(eff, cause, n)
	}
	// "A siphon works by …": how it works.
	for _, m := range []string{" works by ", " work by ", " operates by ", " operate by "} {
		i := strings.Index(s, m)
		if i <= 0 {
			continue
		}
		subject, how := s[:i], s[i+len(m):]
		verb := strings.Fields(m)[0]
		aux, base := "does", verbBase(verb)
		if base == "" {
			aux, base = "do", verb
		}
		if !plainSubject(subject) || !causeAnswer(how) {
			return "", "", ""
		}
		return "How " + aux + " " + askedSubject(subject, n) + " " + base + "?", "By " + how + ".", subject
	}
	for _, m := range []string{", because of ", " because of ", ", because ", " because ", ", since ", " since ", ", so that ", " so that "} {
		i := strings.Index(s, m)
		if i <= 0 {
			continue
		}
		eff, cause := s[:i], s[i+len(m):]
		// "… cheap to run since mules pulled the boats": a clause after
		// "since" gives a cause, "since 2010" a time.
		if strings.HasSuffix(m, "since ") && !finiteClause(cause) {
			return "", "", ""
		}
		if strings.HasSuffix(m, "so that ") {
			cause = "so that " + cause
		}
		return whyCard(eff, cause, n)
	}
	// "Decay is governed by quantum mechanics, so the moment of a single
	// decay cannot be predicted": the cause comes first.
	if i := strings.Index(s, ", so "); i > 0 {
		eff := s[i+len(", so "):]
		if looksImperative(s[:i]) {
			// "Collect the scores first, so the loudest voice does not
			// decide": what follows a command is its purpose, asked
			// "Why collect the scores first?".
			return whyCard(s[:i], "so "+eff, n)
		}
		if in(" that much many far long few little called ", strings.ToLower(firstWord(eff))) || strings.ContainsAny(s[:i], "0123456789") {
			// "The odds ratio was 4, so a patient was four times as likely
			// …": a figure's "so" infers, it does not cause.
			return "", "", ""
		}
		return whyCard(eff, s[:i], n)
	}
	return "", "", ""
}

// whyCard asks why an effect holds, answered by its cause.
func whyCard(eff, cause string, n *note) (question, answer, effect string) {
	eff, cause = strings.TrimSpace(eff), strings.TrimSpace(cause)
	if !causeAnswer(cause) {
		return "", "", ""
	}
	if looksImperative(eff) {
		// "Label each jar so that …": a command is asked as it is given.
		if strings.ContainsAny(eff, ",;:()\"“") || wordCount(eff) > maxEffectWords {
			return "", "", ""
		}
		return commandWhy(eff, lowerLead), upperFirst(cause) + ".", eff
	}
	eff = reportedClause(eff)
	q := whyOf(eff, n)
	if q == "" {
		// "In the 1850s a message … took about ten days": the scene goes
		// last, "Why did a message … take about ten days in the 1850s?".
		if pp, rest := frontPhrase(eff); pp != "" {
			if q = whyOf(rest, n); q != "" {
				q = strings.TrimSuffix(q, "?") + " " + pp + "?"
			}
		}
	}
	if q == "" || pointsElsewhere(q) {
		return "", "", ""
	}
	return q, upperFirst(cause) + ".", eff
}

// reportingVerbsSet say who holds a claim: "Lenny argues that most PRDs
// fail because …" explains the failing, not the arguing.
var reportingVerbsSet = wordsOf("argues argued says said believes believed thinks thought notes noted explains explained claims claimed " +
	"writes wrote finds found shows showed suggests suggested observes observed emphasizes emphasized emphasises emphasised stresses stressed insists insisted")

// reportedClause returns the clause a sentence reports ("most PRDs fail"
// of "Lenny argues that most PRDs fail"), or the clause as it is.
func reportedClause(s string) string {
	before, after, ok := strings.Cut(s, " that ")
	if !ok || wordCount(before) > 6 || !reportingVerbsSet.has(strings.ToLower(lastWord(before))) {
		return s
	}
	return after
}

// framePrepositions open a phrase of time or place before a clause's
// subject.
const framePrepositions = " in on at during after before by until under within "

// frontPhrase splits a phrase of time or place off a clause's start, "In
// 1866, the ship …" or "In the 1850s a message …" (up to the article or
// name that opens the subject), and returns it lower-cased with the rest,
// or "", clause.
func frontPhrase(clause string) (phrase, rest string) {
	words := strings.Fields(clause)
	if len(words) < 4 || !in(framePrepositions, strings.ToLower(words[0])) {
		return "", clause
	}
	for k := 1; k < len(words)-2 && k <= 4; k++ {
		w := words[k]
		if strings.HasSuffix(w, ",") {
			if k == 1 && !strings.ContainsAny(w, "0123456789") {
				return "", clause // "In short, …"
			}
			return strings.ToLower(words[0]) + " " + strings.TrimSuffix(strings.Join(words[1:k+1], " "), ","), strings.Join(words[k+1:], " ")
		}
		if k >= 2 && (in(" a an the ", w) || capitalised(w) && !capitalised(words[k-1])) {
			if strings.ContainsAny(strings.Join(words[:k], " "), "\"“”") {
				return "", clause
			}
			return strings.ToLower(words[0]) + " " + strings.Join(words[1:k], " "), strings.Join(words[k:], " ")
		}
	}
	return "", clause
}

// askedSubject writes a sentence's subject inside a question: its first
// word lower-cased unless it is a name, the others as written ("A message
// from London to New York" → "a message from London to New York").
func askedSubject(subject string, n *note) string {
	first, rest, _ := strings.Cut(subject, " ")
	first = lowerLead(lowerCommon(first, n.wordCounts()))
	if rest == "" {
		return first
	}
	return first + " " + rest
}

// capitalised reports whether a word opens with a capital letter.
func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// causeAnswer reports whether a cause can answer a card alone: two words
// or more, few enough to recall, and not pointing back ("this change").
func causeAnswer(cause string) bool {
	n := wordCount(cause)
	return n >= 2 && n <= maxCauseAnswerWords && !in(" this these that those such ", strings.ToLower(firstWord(cause)))
}

// finiteClause reports whether "since …" opens a clause with a verb, a
// cause, rather than a time: "since hotter ions vibrate more", not "since
// 2010" or "since the advent of computers".
func finiteClause(s string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(s)) {
		w = strings.Trim(w, ",.")
		if auxVerbsSet.has(w) || verbBase(w) != "" || pastBase(w) != "" {
			return true
		}
	}
	return false
}

// auxVerbs are moved before the subject to ask a question of a clause:
// "Signals were faint" → "Why were signals faint?".
var auxVerbsSet = wordsOf("is are was were can could will would should must may might do does did has have had cannot isn't aren't wasn't weren't can't couldn't won't wouldn't shouldn't doesn't don't didn't hasn't haven't hadn't")

// whyOpeners open a clause whose subject is not its first words: a
// pronoun, a preposition, a conjunction.
const whyOpeners = " it its they them their this these that those there here he she his her we our i you your one each such another both all some many " +
	"when while if although though as after before once until unless whereas where what how why which who whether then so but and or yet also however thus therefore hence instead "

// whyOf turns a clause into the question why it holds, or "": "Signals
// were faint" → "Why were signals faint?", "Resistance spreads" → "Why
// does resistance spread?", "Cheaper books helped the Reformation spread"
// → "Why did cheaper books help the Reformation spread?".
func whyOf(clause string, n *note) string {
	clause = firstOfTwoClauses(clause)
	if strings.ContainsAny(clause, ",") || wordCount(clause) > maxEffectWords {
		return ""
	}
	c, ok := splitClause(clause)
	if !ok {
		return ""
	}
	subject := askedSubject(c.subject, n)
	switch c.kind {
	case verbAux:
		if in(" is are was were ", c.verb) && in(" a an the ", strings.ToLower(firstWord(c.rest))) {
			return "" // "X is the classic example": why it is so is no effect
		}
		return auxQuestion(c.verb, subject, strings.ToLower(firstWord(c.rest)), c.rest)
	case verbPast:
		return strings.TrimSpace("Why did "+subject+" "+c.base+" "+c.rest) + "?"
	case verbPresent:
		return strings.TrimSpace("Why does "+subject+" "+c.base+" "+c.rest) + "?"
	}
	return strings.TrimSpace("Why do "+subject+" "+c.base+" "+c.rest) + "?"
}

// firstOfTwoClauses returns the first of two clauses joined by "and"
// ("gas bubbles cannot escape" of "… and pressure builds until …"): the
// question asks one effect, and the cause answers it too. A clause whose
// "and" joins two verbs of one subject ("could not attach and grow") is
// returned whole.
func firstOfTwoClauses(clause string) string {
	for i := strings.Index(clause, " and "); i > 0; {
		if _, ok := splitClause(clause[:i]); ok {
			if second, ok := splitClause(clause[i+len(" and "):]); ok && plainSubject(second.subject) {
				return clause[:i]
			}
		}
		j := strings.Index(clause[i+1:], " and ")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return clause
}

// The kinds of a clause's verb (see splitClause).
const (
	verbAux     = iota // an auxiliary or copula: "were", "must"
	verbPast           // a past tense: "helped", "took"
	verbPresent        // a present in -s: "spreads"
	verbPlural         // a present after a plural subject: "carry"
)

// clauseParts is a clause cut at its verb.
type clauseParts struct {
	subject string // "The resistance of a metal"
	verb    string // "rises", lower case
	base    string // "rise"
	kind    int
	rest    string // "with temperature"
}

// splitClause finds the subject and the verb of one plain clause: a
// subject of one to ten words that is no pronoun, preposition or
// conjunction and has no comma, then a verb the rules above know; ok is
// false for any other clause.
func splitClause(clause string) (c clauseParts, ok bool) {
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], clause)
	if len(words) < 2 || strings.ContainsAny(clause, ":()[]\"“”") {
		return c, false
	}
	first := strings.ToLower(words[0])
	// "Some vaccines need boosters": a quantifier opens a subject when a
	// noun follows it; alone ("Some argue …") it is a pronoun.
	quantifier := in(" some many most all both each ", first)
	if !quantifier && (in(whyOpeners, first) || prepositionsSet.has(first) || notSubjectsSet.has(first)) {
		return c, false
	}
	if r, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsLetter(r) {
		return c, false
	}
	for _, j := range []string{" but ", " and then ", " when ", " while ", " whereas ", " although ", " which ", " who ",
		" and the ", " and a ", " and an ", " and its ", " and their ", " and his ", " and her ", " and it ", " and they ", " or the "} {
		if strings.Contains(clause, j) {
			return c, false // two clauses: which one is meant is unclear
		}
	}
	for i := 1; i < len(words) && i <= 10; i++ {
		if strings.HasSuffix(words[i-1], ",") {
			return c, false
		}
		lw := strings.ToLower(words[i])
		prev := strings.ToLower(words[i-1])
		next := ""
		if i+1 < len(words) {
			next = strings.ToLower(words[i+1])
		}
		if prev == "that" && i >= 2 {
			// "A cache that is never invalidated becomes …": the relative
			// clause's verb, its adverbs and participle belong to the
			// subject.
			for i+1 < len(words) && (auxVerbsSet.has(strings.ToLower(words[i])) || in(" not never always often still also ", strings.ToLower(words[i+1])) ||
				strings.HasSuffix(words[i+1], "ed") || strings.HasSuffix(words[i+1], "en")) {
				i++
			}
			continue
		}
		if quantifier && i == 1 {
			if auxVerbsSet.has(lw) || baseVerbsSet.has(lw) || verbBase(lw) != "" && !isPlural(lw) || pastBase(lw) != "" {
				return clauseParts{}, false // "Some argue …": a pronoun
			}
			continue // the quantifier's noun, never the verb
		}
		if auxVerbsSet.has(lw) {
			return partsAt(words, i, lw, verbAux, lw), true
		}
		if words[i] != lw || determinersSet.has(prev) || in(" a an the ", prev) {
			continue // a name's word, or an adjective after its article
		}
		if strings.HasSuffix(lw, "s") && (hasDigit(prev) || isNumberWord(prev)) {
			continue // "older than five years", "smaller than 40 litres": a counted noun
		}
		if base := pastBase(lw); base != "" && next != "by" {
			return partsAt(words, i, lw, verbPast, base), true
		}
		if base := verbBase(lw); base != "" && presentVerbAt(base, next, i+1 == len(words)) {
			return partsAt(words, i, lw, verbPresent, base), true
		}
		if pluralVerbAt(words, i) {
			return partsAt(words, i, lw, verbPlural, lw), true
		}
		if in(" the a an ", next) && !prepositionsSet.has(lw) && !in(" and or than as like ", lw) {
			return clauseParts{}, false // "The telegraph cut the time …": a verb the rules do not know
		}
	}
	return clauseParts{}, false
}

// partsAt cuts a clause's words at its verb, words[i].
func partsAt(words []string, i int, verb string, kind int, base string) clauseParts {
	return clauseParts{subject: strings.Join(words[:i], " "), verb: verb, base: base, kind: kind, rest: strings.Join(words[i+1:], " ")}
}

// auxQuestion moves an auxiliary before its subject: "Why were signals
// faint?"; "have" as a verb of its own takes "do": "The company had no
// money" → "Why did the company have no money?".
func auxQuestion(aux, subject, next, rest string) string {
	if aux == "cannot" {
		aux = "can't"
	}
	if in(" has have had ", aux) && next != "been" && next != "not" && !strings.HasSuffix(next, "ed") && !strings.HasSuffix(next, "en") && !pastVerbsSet.has(next) {
		do := map[string]string{"has": "does", "have": "do", "had": "did"}[aux]
		return strings.TrimSpace("Why "+do+" "+subject+" have "+rest) + "?"
	}
	if in(" do does did ", aux) && (strings.HasSuffix(next, "ly") || in(" well better worse best worst badly it this that what the a an more less so ", next)) {
		// "Unstructured interviews do badly": "do" is the verb itself.
		return strings.TrimSpace("Why "+aux+" "+subject+" do "+rest) + "?"
	}
	return strings.TrimSpace("Why "+aux+" "+subject+" "+rest) + "?"
}

// presentVerbAt reports whether a verb form in -s, whose base is base,
// is the clause's verb and not a plural noun ("Small batches ship …",
// "Power lines carry …"): a common verb not followed by another ("The
// process costs rise"), or any followed by a function word ("The
// resistance of a metal rises with …") or nothing.
func presentVerbAt(base, next string, last bool) bool {
	if last {
		return true
	}
	if auxVerbsSet.has(next) {
		return false // "Heat sinks are sized …": a noun in -s before the verb
	}
	if baseVerbsSet.has(base) && !baseVerbsSet.has(next) {
		return true
	}
	// "Tempering restores some toughness": a quantifier or a possessive
	// opens the verb's object; no noun of a subject stands before one.
	return in(" a an the to more less much up down out like as some any its their his her no each every several ", next) || prepositionsSet.has(next) ||
		strings.HasSuffix(next, "ly") || next != "" && unicode.IsDigit(rune(next[0]))
}

// pluralVerbAt reports whether words[i] is a common verb in the present
// after a plural subject: "Larger groups turn the review …", "Power lines
// carry …".
func pluralVerbAt(words []string, i int) bool {
	prev := strings.ToLower(words[i-1])
	if i >= 2 && in(" often usually always never rarely sometimes also still mostly generally ", prev) {
		prev = strings.ToLower(words[i-2]) // "Thick layers often crack …"
	}
	if len(prev) < 4 || !strings.HasSuffix(prev, "s") || strings.HasSuffix(prev, "ss") || strings.HasSuffix(prev, "us") || strings.HasSuffix(prev, "is") {
		return false
	}
	return baseVerbsSet.has(words[i])
}

// baseVerbs are common verbs in their base form: one after a plural noun
// is the clause's verb, and its form in -s is a verb, not a noun.
var baseVerbsSet = wordsOf("act add adapt adopt affect agree allow argue ask avoid become begin believe break bring build burn buy carry cause change " +
	"choose collide compete conduct convert cost create cross cut decay decide depend die differ disagree divide drop earn eat emit end engage " +
	"evaporate expand fail fall feed feel fight find fit flow fly follow form freeze get give go grow hate help hide hire hold hurt improve " +
	"increase invest join keep know last lead learn leave let like limit listen live look lose love make matter mean melt merge move multiply need " +
	"offer outperform pay prefer prevent produce protect reach react reduce reflect reject release rely remain repel require resist retain " +
	"return rise run save scale see seem sell send ship show shrink sleep slow speak spend split spread start stay stop store struggle succeed " +
	"suffer survive swim take talk teach tell tend think thrive travel trust try turn under-invest underperform use vary vibrate wait want wear " +
	"win work worry write bend boil cool crack dry fade float heat leak rot rust sink snap soften harden tighten weaken strengthen " +
	"absorb attract bind catch charge collapse compress conduct contract decline depend drift erode escape evolve fracture " +
	"generate hatch ignite inflate lag migrate mutate oxidise oxidize pass persist plateau rebound recover replicate scatter settle " +
	"sour spoil sprout stall swell thicken thin trigger wilt")

// irregularPast maps common irregular verbs in the past tense to their
// base form; forms that are the present too ("put", "set", "read") are
// left out: their tense is unknown.
var irregularPast = map[string]string{
	"ran": "run", "made": "make", "built": "build", "began": "begin", "took": "take", "won": "win", "got": "get", "went": "go",
	"came": "come", "gave": "give", "found": "find", "became": "become", "held": "hold", "kept": "keep", "led": "lead",
	"left": "leave", "lost": "lose", "met": "meet", "paid": "pay", "saw": "see", "sent": "send", "sold": "sell",
	"spent": "spend", "stood": "stand", "told": "tell", "thought": "think", "wrote": "write", "drove": "drive", "flew": "fly",
	"grew": "grow", "knew": "know", "fell": "fall", "broke": "break", "brought": "bring", "bought": "buy", "caught": "catch",
	"chose": "choose", "felt": "feel", "fought": "fight", "meant": "mean", "rose": "rise", "said": "say", "sank": "sink",
	"shot": "shoot", "sought": "seek", "spoke": "speak", "struck": "strike", "taught": "teach", "threw": "throw",
	"understood": "understand", "wore": "wear", "drew": "draw", "froze": "freeze", "slept": "sleep", "swam": "swim",
	"woke": "wake", "died": "die", "used": "use", "added": "add", "agreed": "agree", "freed": "free", "guaranteed": "guarantee",
	"created": "create", "focused": "focus", "biased": "bias", "developed": "develop", "enveloped": "envelop",
	"united": "unite", "invited": "invite", "cited": "cite", "ignited": "ignite", "recited": "recite", "excited": "excite",
	"stored": "store", "scored": "score", "ignored": "ignore", "explored": "explore", "restored": "restore",
	"controlled": "control", "travelled": "travel", "cancelled": "cancel", "labelled": "label", "modelled": "model",
	"compelled": "compel", "propelled": "propel", "excelled": "excel", "expelled": "expel", "signalled": "signal",
}

// notPast end in -ed without being a verb's past.
var notPastSet = wordsOf("embed shed bed red hundred speed need seed feed proceed succeed exceed breed bleed indeed naked wicked sacred rugged ragged kindred beloved")

// pastEnds map the end of a regular past form to the end of its base, the
// first that fits; an end mapped to "" is one whose base is uncertain
// ("nodded" or "added"?).
var pastEnds = [][2]string{
	{"ied", "y"}, {"ued", "ue"}, {"oed", "o"}, {"yed", "y"}, {"eed", ""},
	{"bbed", "b"}, {"gged", "g"}, {"mmed", "m"}, {"nned", "n"}, {"pped", "p"}, {"rred", "r"}, {"tted", "t"}, {"dded", ""},
	{"elled", ""}, {"olled", ""}, {"lled", "ll"}, {"ssed", "ss"}, {"ffed", "ff"}, {"zzed", "zz"},
	{"nced", "nce"}, {"rced", "rce"}, {"rged", "rge"}, {"lged", "lge"}, {"anged", "ange"}, {"nged", "ng"}, {"dged", "dge"},
	{"lved", "lve"}, {"rved", "rve"}, {"rsed", "rse"}, {"nsed", "nse"}, {"psed", "pse"}, {"lsed", "lse"},
	{"bled", "ble"}, {"cled", "cle"}, {"dled", "dle"}, {"fled", "fle"}, {"gled", "gle"}, {"kled", "kle"}, {"pled", "ple"}, {"tled", "tle"}, {"zled", "zle"},
	{"ated", "ate"}, {"uted", "ute"}, {"oted", "ote"}, {"leted", "lete"}, {"peted", "pete"}, {"eted", "et"}, {"ited", "it"},
	{"ided", "ide"}, {"uded", "ude"}, {"aded", "ade"}, {"oded", "ode"}, {"eded", "ede"},
	{"ared", "are"}, {"ired", "ire"}, {"ured", "ure"}, {"ered", "er"}, {"ored", "or"},
	{"amed", "ame"}, {"imed", "ime"}, {"omed", "ome"}, {"umed", "ume"},
	{"ined", "ine"}, {"oned", "on"}, {"ened", "en"}, {"uned", "une"}, {"aned", ""},
	{"aled", "ale"}, {"iled", "ile"}, {"oled", "ole"}, {"uled", "ule"}, {"eled", "el"}, {"yled", "yle"},
	{"aked", "ake"}, {"iked", "ike"}, {"oked", "oke"}, {"uked", "uke"},
	{"aped", "ape"}, {"iped", "ipe"}, {"yped", "ype"}, {"oped", "ope"}, {"uped", "upe"},
	{"ibed", "ibe"}, {"obed", "obe"}, {"ubed", "ube"},
	{"aced", "ace"}, {"iced", "ice"}, {"uced", "uce"}, {"aged", "age"}, {"uged", "uge"},
	{"aved", "ave"}, {"ived", "ive"}, {"oved", "ove"}, {"eved", "eve"},
	{"ized", "ize"}, {"ised", "ise"}, {"yzed", "yze"}, {"ysed", "yse"}, {"azed", "aze"}, {"ozed", "oze"},
	{"ased", "ase"}, {"osed", "ose"}, {"used", "use"},
}

// vowelPairs before a final consonant make a base without a silent e:
// "failed" → "fail", "treated" → "treat".
var vowelPairs = []string{"ai", "ea", "ee", "oa", "oo", "ou", "oi", "ei", "au", "ie"}

// pastBase returns the base form of a verb in the past tense ("mattered"
// → "matter", "produced" → "produce", "took" → "take"), or "" when w is
// not one or its base is uncertain.
func pastBase(w string) string {
	if b, ok := irregularPast[w]; ok {
		return b
	}
	if len(w) < 5 || !strings.HasSuffix(w, "ed") || notPastSet.has(w) {
		return ""
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	stem := w[:len(w)-2]
	// "caused", "raised", "received": a pair before s, c, v or z takes e.
	for _, p := range vowelPairs {
		if len(stem) >= 3 && stem[len(stem)-3:len(stem)-1] == p {
			if strings.IndexByte("scvz", stem[len(stem)-1]) >= 0 {
				return stem + "e"
			}
			return stem
		}
	}
	for _, e := range pastEnds {
		if strings.HasSuffix(w, e[0]) {
			if e[1] == "" {
				return ""
			}
			return w[:len(w)-len(e[0])] + e[1]
		}
	}
	// "worked", "helped", "showed", "fixed": a cluster or w, x, y, h.
	last, before := stem[len(stem)-1], stem[len(stem)-2]
	if strings.IndexByte("wxyh", last) >= 0 || !isVowelByte(last) && !isVowelByte(before) {
		return stem
	}
	return ""
}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// plainSubject reports whether a phrase is a subject a question can name:
// a few words, no pronoun, no clause.
func plainSubject(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || strings.ContainsAny(s, ",:()") {
		return false
	}
	first := strings.ToLower(words[0])
	return !in(whyOpeners, first) && !prepositionsSet.has(first)
}

// commandWhy asks why a command is given: "Why label each jar?", "Do not
// move a burning pan" → "Why should you not move a burning pan?", "Never
// …" → "Why should you never …?". lower writes any other command's first
// word in the question.
func commandWhy(command string, lower func(string) string) string {
	for _, p := range []struct{ opener, asked string }{
		{"Do not ", "should you not "}, {"Don't ", "should you not "}, {"Don’t ", "should you not "},
		{"Never ", "should you never "}, {"Always ", "should you always "},
	} {
		if rest, ok := strings.CutPrefix(command, p.opener); ok {
			return "Why " + p.asked + rest + "?"
		}
	}
	return "Why " + lower(command) + "?"
}
