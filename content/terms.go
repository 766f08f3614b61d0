package content

import (
	"github.com/recallcards/recall/deck"
	"slices"

	"strings"
	"unicode"
	"unicode/utf8"
)

// How a bold lead-in is named inside a question. The article a note writes
// before a term ("**The transistor**", "**The BATNA**") belongs to the
// question's grammar, not to the term: "What is the *transistor*?". A term
// written bare that a definition calls "A …" is a count noun and takes one:
// "What is a *maturity model*?". An item whose term is a part of something
// its lead-in names ("This brief covers: **The problem** …") is asked with
// that owner: "In the brief, what is the *problem*?".

// splitArticle splits a leading "The", "A" or "An" from a term: "The
// transistor" → "the", "transistor". A term that is only an article and a
// word too short to stand alone ("A B") keeps its article.
func splitArticle(term string) (article, bare string) {
	term = strings.TrimSpace(term)
	first, rest, ok := strings.Cut(term, " ")
	if !ok {
		return "", term
	}
	rest = strings.TrimSpace(rest)
	var buf [32]byte
	switch string(lowerInto(buf[:0], first)) {
	case "the":
		article = "the"
	case "a":
		article = "a"
	case "an":
		article = "an"
	default:
		return "", term
	}
	if !hasWord(rest) || utf8.RuneCountInString(rest) < 2 {
		return "", term
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '"' && r != '“' && r != '\'' {
		return "", term // "A - Activity": a letter of an acronym, not an article
	}
	return article, rest
}

// bareTerm is the term without its article, as a card names it.
func bareTerm(term string) string {
	_, bare := splitArticle(term)
	return bare
}

// indefinite returns "a" or "an" for a word: "an axon", "a usage".
func indefinite(word string) string {
	w := strings.ToLower(word)
	for _, p := range []string{"use", "usa", "usu", "uni", "uti", "eu", "one"} {
		if strings.HasPrefix(w, p) {
			return "a" // said with a consonant: "a unit", "a one-off"
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	if strings.ContainsRune("aeiou", r) {
		return "an"
	}
	return "a"
}

// copulaWithin reports whether one of the first n words of s after the
// first is "is", "are", "was" or "were": "A step computed using a
// mini-batch is not the gradient" says something of its own subject.
func copulaWithin(s string, n int) bool {
	var buf [12]string
	f := leadWords(s, buf[:0])
	for i := 1; i < len(f) && i < n; i++ {
		if in(" is are was were ", strings.ToLower(f[i])) {
			return true
		}
	}
	return false
}

// namedTerm is a term as a "What is …?" question names it: its own article
// before it, or "a"/"an" when the note writes it bare but its definition
// opens with one ("**Anchor**: A number …") and the note also writes it in
// lower case (a common noun, not a name). Words capitalised only by title
// case are lowered once an article stands before them.
func namedTerm(term string, back []string, words map[string]int) string {
	art, bare := splitArticle(term)
	if art == "" && countNoun(bare, back, words) {
		art = indefinite(bare)
	}
	if art == "" {
		return "*" + bare + "*"
	}
	if art == "the" {
		return "the *" + bare + "*" // "The Four Box Framework" is a name as written
	}
	return indefinite(bare) + " *" + lowerCommon(bare, words) + "*"
}

// countNoun reports whether a bare singular term is a common count noun:
// its definition opens with "A"/"An" and the note writes its first word
// in lower case too.
func countNoun(term string, back []string, words map[string]int) bool {
	if isPlural(term) || isImperative(term) || !startsIndefinite(back) || copulaWithin(back[0], 10) {
		return false // "A step computed … is not the gradient": a claim, not a definition
	}
	tf := strings.Fields(term)
	if len(tf) == 0 || len(tf) > 4 {
		return false
	}
	head := strings.ToLower(tf[len(tf)-1])
	if i := indexOfWord(tf, " without with of for in on "); i > 0 {
		head = strings.ToLower(tf[i-1]) // "usage without a lead": usage
	}
	for _, suf := range []string{"ing", "ment", "ness", "ism", "ity", "age"} {
		if strings.HasSuffix(head, suf) {
			return false // "Visual Editing", "Metric Management": mass nouns
		}
	}
	first := strings.Trim(tf[0], ",;:()\"")
	r, size := utf8.DecodeRuneInString(first)
	if isAcronym(first) || strings.IndexFunc(first[size:], unicode.IsUpper) >= 0 {
		return false
	}
	if unicode.IsUpper(r) && words[strings.ToLower(first)] == 0 {
		return false // a name the note always capitalises
	}
	return true
}

// ownerVerbs join a lead-in's owner to the parts its list names: "This
// brief covers:", "The cluster has two layers:", "Feedback falls into
// three kinds:".
var ownerVerbs = [][]string{{"covers"}, {"cover"}, {"has"}, {"have"}, {"contains"}, {"contain"}, {"comprises"},
	{"consists", "of"}, {"consist", "of"}, {"is", "made", "up", "of"}, {"are", "made", "up", "of"},
	{"falls", "into"}, {"fall", "into"}, {"comes", "in"}, {"come", "in"}, {"is", "divided", "into"},
	{"are", "divided", "into"}, {"splits", "into"}, {"split", "into"}}

// possessives stand for an owner the sentence before named.
const possessives = " his her their its our my your "

// leadInOwner returns what a lead-in says the list's items are parts of,
// with "this"/"these" read as "the" ("This brief covers:" → "the brief"),
// and the words after the verb ("two layers"); "" when the lead-in has no
// such shape or its owner is a bare pronoun.
func leadInOwner(sentence string) (owner string, kind []string) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sentence), ":"))
	words := lastClause(strings.Fields(s))
	lw := lowerWords(words)
	for i := 1; i < len(lw); i++ {
		for _, v := range ownerVerbs {
			if i+len(v) > len(lw) || !slices.Equal(lw[i:i+len(v)], v) {
				continue
			}
			subject := words[:i]
			// "Winter losses often have": the adverb is not the owner's.
			for len(subject) > 1 && in(" often usually mostly typically generally always ", strings.ToLower(subject[len(subject)-1])) {
				subject = subject[:len(subject)-1]
			}
			if len(subject) > 5 || strings.ContainsAny(strings.Join(subject, " "), "\"“”()") {
				return "", nil
			}
			out := make([]string, 0, len(subject)+1)
			for j, w := range subject {
				l := strings.ToLower(w)
				switch {
				case j == 0 && (l == "this" || l == "these" || l == "that" || l == "those"):
					out = append(out, "the")
				case j == 0 && (pronounsSet.has(l) || possessivesSet.has(l)):
					return "", nil
				case j == 0 && startWordsSet.has(l):
					out = append(out, l)
				default:
					out = append(out, w)
				}
			}
			if len(out) == 0 || (len(out) == 1 && out[0] == "the") {
				return "", nil
			}
			return strings.Join(out, " "), words[i+len(v):]
		}
	}
	return "", nil
}

// ownerHead is the owner's last noun, for telling whether a term already
// names its owner ("Directional feedback" of "feedback in a review").
func ownerHead(owner string) string {
	f := strings.Fields(owner)
	for i, w := range f {
		if i > 0 && prepositionsSet.hasFold(w) {
			f = f[:i]
			break
		}
	}
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

// namesOwner reports whether a term shares a stem with its owner's head.
func namesOwner(term, owner string) bool {
	head := ownerHead(owner)
	if head == "" {
		return true
	}
	hs := stemOf(strings.TrimSuffix(head, "s"))
	for w := range strings.FieldsSeq(strings.ToLower(term)) {
		if stemOf(strings.TrimSuffix(strings.Trim(w, ",.;:()"), "s")) == hs {
			return true
		}
	}
	return false
}

// verbSuffixes end words that are verbs whatever follows ("Summarize",
// "Quantify").
var verbSuffixes = []string{"ize", "ise", "ify"}

// stepDeterminers follow a verb of command: "Research *their* interests",
// "Tilt *the* hive forward".
const stepDeterminers = " the a an their your its our his her this these that each every all any one some " +
	// An object pronoun follows a verb, never a noun: "Turn it", "Let
	// them rest".
	"it them "

// looksImperative reports whether a phrase opens with a verb of command:
// one of the known imperatives, a word ending as verbs do ("Summarize"),
// or a plain word followed by a determiner ("Rehearse the opening").
func looksImperative(s string) bool {
	if isImperative(s) {
		return true
	}
	var buf [2]string
	f := leadWords(s, buf[:0])
	if len(f) < 2 {
		return false
	}
	var lbuf [32]byte
	w := string(lowerInto(lbuf[:0], strings.Trim(f[0], ",.;:")))
	if len(w) < 3 || notVerbsSet.has(w) || determinersSet.has(w) || pronounsSet.has(w) || possessivesSet.has(w) || prepositionsSet.has(w) || quantifiersSet.has(w) ||
		strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "'s") {
		return false
	}
	for _, suf := range verbSuffixes {
		if len(w) >= 6 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return stepDeterminersSet.hasFold(f[1]) && !strings.HasSuffix(w, "s")
}

// notVerbs open a clause or phrase, never a command: "Whether the
// approach solves …", "Within a day".
const notVerbs = " whether when whenever wherever where what how why which who whom if because while once only also not just both either neither for with within without after before during until unless since though although as so then there here each every all any some many much more most less few several such very "

// mostlyImperative reports whether half the phrases or more open with a
// verb of command: a numbered list of them is a procedure, and its other
// items ("Feed syrup") are steps too.
func mostlyImperative(items []string) bool {
	n := 0
	for _, it := range items {
		if looksImperative(it) {
			n++
		}
	}
	return len(items) >= 2 && 2*n >= len(items)
}

// adviceWords name lists whose items are advice or rules, not steps to
// take in order, even when each opens with a verb.
const adviceWords = " principle principles rule rules tip tips lesson lessons mistake mistakes habit habits pillar pillars guideline guidelines practice practices pitfall pitfalls "

// namesAdvice reports whether a heading or lead-in names advice.
func namesAdvice(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if adviceWordsSet.hasFold(strings.Trim(w, ",.;:()")) {
			return true
		}
	}
	return false
}

// instruction reports whether an answer tells the reader what to do
// ("Use experimentation to test …", "Respond to an extreme anchor …"):
// "What is X?" does not fit it.
func instruction(back []string) bool {
	if len(back) == 0 {
		return false
	}
	var buf [4]string
	f := leadWords(back[0], buf[:0])
	if len(f) < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	if inFold(" always never don't do ", f[0]) {
		// "Always ask why" is a command; "Always telling the truth" and
		// "Always honesty" name a practice.
		_, rest, _ := strings.Cut(strings.TrimSpace(back[0]), " ")
		return unicode.IsUpper(r) && looksImperative(rest)
	}
	for _, w := range f[1:min(len(f), 4)] {
		if inFold(" that which who whose ", w) {
			return false // "Open questions that start with …": a definition
		}
	}
	return unicode.IsUpper(r) && looksImperative(back[0])
}

// adviceQuestion asks what an instruction says to do about a term: "How
// should *experimentation* be used?" when the instruction is to use it,
// else "What is the advice on *X*?".
func adviceQuestion(term string, back []string, words map[string]int) string {
	f := strings.Fields(strings.ToLower(back[0]))
	if len(f) >= 2 && f[0] == "use" && stemOf(f[1]) == stemOf(strings.ToLower(strings.Fields(term)[0])) {
		return "How should *" + lowerCommon(term, words) + "* be used?"
	}
	return "What is the advice on *" + term + "*?"
}

// headingIsItem reports whether a heading names one of its list's items
// ("## Winter Bees" over "**Winter bee**" and "**Vitellogenin**"): the
// heading is the topic, and its items are no set of it.
func headingIsItem(heading string, items []string) bool {
	h := deck.NormalizeTerm(singular(cleanHeading(heading)))
	for _, it := range items {
		if deck.NormalizeTerm(singular(bareTerm(plainOf(it)))) == h {
			return true
		}
	}
	return false
}

// withOwner names whose parts a lead-in's list gives: "The cluster has two
// layers:" makes "layers" "layers of the cluster", "Feedback in a review
// falls into three kinds:" "kinds of feedback in a review".
func withOwner(noun, sentence string) string {
	owner, kind := leadInOwner(sentence)
	if owner == "" || len(kind) == 0 {
		return noun
	}
	k := strings.Join(lowerWords(stripDeterminers(kind)), " ")
	if k == "" || !strings.EqualFold(noun, k) || wordCount(noun)+wordCount(owner) > maxNounWords {
		return noun
	}
	return noun + " of " + lowerFirstWord(owner)
}

// lowerFirstWord lower-cases an owner's first word when it is capitalised
// only as the sentence's start ("The cluster", "Feedback in a review").
func lowerFirstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 || isAcronym(f[0]) {
		return s
	}
	r, size := utf8.DecodeRuneInString(f[0])
	if strings.IndexFunc(f[0][size:], unicode.IsUpper) >= 0 {
		return s
	}
	f[0] = string(unicode.ToLower(r)) + f[0][size:]
	return strings.Join(f, " ")
}

// headingNoun is a heading as the noun of a list question: title case
// lowered, an owner's possessive and leading determiners or numbers
// dropped ("The Four Principles" → "principles").
func headingNoun(h string, words map[string]int) string {
	f := strings.Fields(lowerCommon(dropPossessive(h), words))
	if rest := stripDeterminers(f); len(rest) > 0 {
		f = rest
	}
	return strings.Join(f, " ")
}

// ownerPart reports whether a term item is a label naming a part of what
// its lead-in names ("This brief covers: **The problem** …"): it is asked
// with that owner, and has no reverse card (without the owner its
// definition points to no one term).
func ownerPart(e *entry) bool {
	article, term := splitArticle(e.term)
	label := article != "" || inSet(genericTermsSet, strings.TrimSuffix(term, ":"))
	return label && e.owner != "" && !namesOwner(term, e.owner) && !e.step && !e.value
}

// exampleStart reports whether an answer opens with an example marker.
func exampleStart(back []string) bool {
	if len(back) == 0 {
		return false
	}
	l := strings.ToLower(back[0])
	for _, p := range []string{"for instance", "for example", "e.g.", "an example is", "one example is"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// pointerStarts open a sentence that leans on the one before: a reverse
// card asking "Which term is this? This often signals …" names nothing.
const pointerStarts = " this it these they that those he she such "

// vagueReverse reports whether a term card's reverse would not point to
// one term: the term is a command or a clause, the answer an instruction,
// a list, or a sentence that leans on the one before.
func vagueReverse(term string, back []string) bool {
	if instruction(back) || isClause(term) || len(back) != 1 {
		return true
	}
	var buf [1]string
	f := leadFields(back[0], buf[:0])
	if len(f) > 0 && looksImperative(term) && !namesOwner(f[0], term) {
		return true // "Look at the data": advice, not a term; "Lead Time …: Time from …" is one
	}
	return len(f) == 0 || pointerStartsSet.hasFold(f[0]) || strings.Contains(back[0], "\n") || strings.HasSuffix(back[0], ":")
}

// startsIndefinite reports whether an answer opens with "A" or "An": it
// defines a count noun ("A half arch that …"), even one ending in -ing
// ("Flying buttress").
func startsIndefinite(back []string) bool {
	if len(back) == 0 {
		return false
	}
	a, rest, ok := strings.Cut(strings.TrimSpace(back[0]), " ")
	return ok && strings.TrimSpace(rest) != "" && (a == "A" || a == "An")
}

// namesCauses reports whether the words after an owner's verb name causes:
// "three main causes", "two drivers".
func namesCauses(kind []string) bool {
	f := lowerWords(stripDeterminers(kind))
	for len(f) > 1 && kindAdjectivesSet.has(f[0]) {
		f = f[1:]
	}
	return len(f) == 1 && in(" causes drivers sources ", f[0])
}

// mixedValues reports whether some but not all of a list's term items are
// values: the list mixes figures with things, and is no set to recite.
func mixedValues(entries []entry, terms []int) bool {
	values := 0
	for _, i := range terms {
		if entries[i].value && strings.ContainsAny(strings.Join(entries[i].back, " "), "0123456789") {
			values++ // a figure, not "Fewer users needed"
		}
	}
	return values > 0 && values < len(terms)
}

// practiceVerbs say what an item's practice shows or earns: "Consistently
// setting goals and then achieving them demonstrates reliability".
const practiceVerbs = " demonstrates shows signals proves builds earns creates establishes "

// claimVerbQuestion asks what a practice does when its answer is a
// sentence whose subject restates the practice and whose verb says what
// it shows: "What does *Calling your shots* demonstrate?". "" otherwise.
func claimVerbQuestion(term string, back []string) string {
	if len(back) == 0 {
		return ""
	}
	// The loop below reads words up to start+11, and needs to know
	// only whether there are more.
	var buf [13]string
	f := leadFields(back[0], buf[:0])
	if len(f) == 0 {
		return ""
	}
	start := 0
	if len(f) > 1 && hasSuffixFold(f[0], "ly") {
		start = 1 // "Consistently setting goals …"
	}
	var lbuf [32]byte
	if g := string(lowerInto(lbuf[:0], f[min(start, len(f)-1)])); len(f) < start+3 || len(g) < 5 || !strings.HasSuffix(g, "ing") {
		return ""
	}
	for i := start + 1; i < len(f)-1 && i <= start+10; i++ {
		if practiceVerbsSet.hasFold(f[i]) {
			w := strings.ToLower(f[i])
			return "What does *" + term + "* " + strings.TrimSuffix(w, "s") + "?"
		}
	}
	return ""
}

// aspectLabels name an aspect of a thing, never an instance of a kind
// ("Focus" or "Vision" can be one of a team's habits; "Format" cannot).
var aspectLabelsSet = phraseSet(" format process purpose cadence participants duration timeline origin background overview summary definition description rationale mechanism context ")

// anyLabel reports whether an item is a generic label ("Format" beside
// "Walk the Store" under "UX Reviews"): a list under a heading alone that
// holds one names the heading's aspects, not a set of its kind.
func anyLabel(items []string) bool {
	for _, it := range items {
		if inSet(aspectLabelsSet, plainOf(it)) {
			return true
		}
	}
	return false
}

// namesTerms reports whether a lead-in's noun names terms ("three
// interconnected terms for defining key concepts"): each is carded, and
// their list is no fact.
func namesTerms(noun string) bool {
	f := strings.Fields(strings.ToLower(noun))
	for i, w := range f {
		if prepositionsSet.has(w) || relativesSet.has(w) {
			f = f[:i]
			break
		}
	}
	return len(f) > 0 && in(" terms definitions vocabulary ", f[len(f)-1])
}

// beforeAny cuts s at the first of the separators it holds.
func beforeAny(s string, seps ...string) string {
	for _, sep := range seps {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// leadWords appends to out the first words of s, at most cap(out), with
// emphasis markers trimmed and without splitting the rest of s: the
// questions' word tests look at an item's first words only, for every
// item of every note.
func leadWords(s string, out []string) []string {
	// Byte by byte: this reads the first words of most items and terms.
	for i := 0; len(out) < cap(out); {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		w := s[i:j]
		for w != "" && w[0] == '*' {
			w = w[1:]
		}
		for w != "" && w[len(w)-1] == '*' {
			w = w[:len(w)-1]
		}
		if w != "" {
			out = append(out, w)
		}
		i = j
	}
	return out
}

// indexOfWord returns the index of the first of words that is one of set's
// words, ignoring case, or -1.
func indexOfWord(words []string, set string) int {
	for i, w := range words {
		if in(set, strings.ToLower(w)) {
			return i
		}
	}
	return -1
}

// faultKinds name lists of things to avoid.
const faultKinds = " mistake pitfall trap error anti-pattern antipattern "

// faultReason reports whether an item of a list of faults is answered by
// why it is one: a claim of its own giving a reason (", so", "because"),
// or, for a fault named as an act ("Keeping the backup drive next to the
// computer", "Not holding product accountable") or a saying ("\"I'll do it
// later\""), any answer that does not restate the act ("Making a second
// concession …", "Not having a clear …"): "A fire, flood or theft takes
// both" says what the act costs.
func faultReason(kind, term string, back []string) bool {
	if !faultKindsSet.has(kind) || len(back) == 0 {
		return false
	}
	if isClaim(back) {
		b := strings.ToLower(back[0])
		if strings.Contains(b, ", so ") || strings.Contains(b, " because ") || strings.Contains(b, ", which means ") {
			return true
		}
	}
	act := strings.TrimPrefix(term, "Not ")
	if !isGerund(act) && !strings.HasPrefix(term, "\"") && !strings.HasPrefix(term, "“") {
		// "**Feedback saved for reviews:** Surprises in a review mean the
		// one-on-ones failed": a fault named by a noun phrase, answered by
		// what it costs.
		return !startsWithGerund(back) && !startsIndefinite(back) && (isClaim(back) || givesReason(back))
	}
	var buf [2]string
	f := leadWords(back[0], buf[:0])
	if len(f) < 2 {
		return false
	}
	// "Marketing is essential …": a noun in -ing is the answer's subject.
	gerundStart := startsWithGerund(back) && !in(" is are was were can will must ", strings.ToLower(f[1]))
	if len(f) < 2 || gerundStart || strings.EqualFold(f[0], "not") && isGerund(f[1]) {
		return false
	}
	return true
}
