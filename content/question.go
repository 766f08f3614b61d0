package content

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A card's front is a short context cue and a question, kept apart: the cue
// says where the fact lives (the note's title and the nearest heading that
// tells the reader something), the question asks one thing and reads as a
// careful card writer would have written it. See the package doc for the
// shapes.

// genericHeadings carry no cue: "Overview" or "Key Takeaways" say nothing
// about what the card asks, so the cue skips them for the heading above.
const genericHeadings = " overview introduction intro summary conclusion conclusions background details notes note context discussion key takeaways takeaways key points main points key concepts core concepts key ideas key insights insights definitions terminology examples other general miscellaneous misc final thoughts closing thoughts highlights "

// genericTerms are labels, not terms: "Process", "Impact" or "Example"
// mean something only with the heading they sit under.
const genericTerms = " process approach method methods impact goal goals result results outcome outcomes purpose benefit benefits challenge challenges example examples insight key insight takeaway key takeaway tip tips idea concept definition description overview summary strategy solution problem issue context rationale reason reasons focus role philosophy principle mechanism drawback drawbacks risk risks lesson lessons observation quote story format cadence participants duration output outputs input inputs tools timeline origin background mission vision why how what who when where result key result advantage advantages disadvantage disadvantages pros cons use case use cases application applications implication implications importance significance key point key finding finding findings note caveat limitation limitations "

// attributeWords name a value rather than a thing: under a heading
// "Elite Performance Benchmarks" an item "Lead Time: Less than a day" is
// the benchmark for lead time, not what lead time means.
const attributeWords = " benchmark benchmarks target targets threshold thresholds goal goals value values score scores result results cost costs price prices pricing number numbers figure figures rate rates stat stats statistic statistics metric-values level levels limit limits budget budgets salary salaries size sizes duration durations timeline deadline deadlines frequency "

// orderWords in a lead-in or heading say that a list's order matters.
var orderWords = []string{"step", "stage", "phase", "procedure", "sequence", "order", "ranking", "ranked", "top ", "timeline", "first", "how to", "process", "method", "instructions", "recipe"}

// procedureHeadings name a procedure without saying of what: its steps are
// asked as "the five steps", the title giving the rest.
const procedureHeadings = " method methods steps procedure instructions process how to recipe directions "

// maxListItems bounds a list card: a set longer than this is not learnt as
// one answer (SuperMemo's rule against sets); its items keep their own cards.
const maxListItems = 6

// maxAnswerWords bounds an answer: a careful writer answers with the
// item's own statement, not a paragraph.
const maxAnswerWords = 45

// shortStatementWords is how long an item's first sentence must be for its
// answer to leave the second out.
const shortStatementWords = 8

// hasCount reports whether s gives a figure other than a year: a word
// starting with a digit ("600 kilometres", "£20", "10.5%"), not one inside
// a name ("GPT-4") or a year alone ("around 2008").
func hasCount(s string) bool {
	for w := range strings.FieldsSeq(s) {
		w = strings.TrimLeft(w, "(~≈£$€")
		if w == "" || w[0] < '0' || w[0] > '9' {
			continue
		}
		if isYear(strings.TrimRight(w, ".,;:)")) {
			continue
		}
		return true
	}
	return false
}

// keyFact reports whether an item's second sentence carries its key fact:
// a figure, or a cause or consequence.
func keyFact(s string) bool {
	// An example or a study is a fact of its own, not the item's.
	for _, p := range []string{"For example", "For instance", "An example", "In one ", "One study", "A study", "Studies ", "E.g."} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	if hasCount(s) {
		return true
	}
	l := strings.ToLower(s)
	for _, m := range []string{" because ", " so that ", ", so ", "as a result", " which meant", "this meant", " therefore ", " led to "} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// The word lists above as sets of their phrases (runs of up to three
// words), so looking a term up costs a hash, not a scan of the list.
var (
	genericHeadingsSet   = phraseSet(genericHeadings)
	genericTermsSet      = phraseSet(genericTerms)
	attributeWordsSet    = phraseSet(attributeWords)
	valueStartsSet       = phraseSet(valueStarts)
	procedureHeadingsSet = phraseSet(procedureHeadings)
	glossaryHeadingsSet  = phraseSet(glossaryHeadings)
	imperativeSet        = phraseSet(imperatives)
)

func phraseSet(list string) map[string]bool {
	words := strings.Fields(list)
	set := make(map[string]bool, 3*len(words))
	for i := range words {
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			set[strings.Join(words[i:i+n], " ")] = true
		}
	}
	return set
}

func inSet(set map[string]bool, s string) bool {
	return lookupFold(set, strings.TrimSpace(s))
}

// cleanHeading drops a heading's parenthetical ("Elite Performance
// Benchmarks (2019, consistent over time)") and trailing colon: the cue and
// the question name the heading, not its remarks.
func cleanHeading(h string) string {
	h = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(h), ":"))
	if i := strings.Index(h, " ("); i > 0 && strings.HasSuffix(h, ")") {
		h = strings.TrimSpace(h[:i])
	}
	return h
}

// cueHeading returns the nearest heading of section that cues, or "".
func cueHeading(section []string, title string) string {
	for i := len(section) - 1; i >= 0; i-- {
		h := cleanHeading(section[i])
		if h == "" || inSet(genericHeadingsSet, h) || strings.EqualFold(h, title) {
			continue
		}
		return h
	}
	return ""
}

// cue is the context a question is asked in: the title and the nearest
// heading that cues.
func cue(title string, section []string) string {
	h := cueHeading(section, title)
	switch {
	case h == "":
		return title
	case title == "":
		return h
	}
	return title + " › " + h
}

// isPlural guesses whether a term names several things ("Speed Metrics")
// so the question says "are". Acronyms and words ending in -ss, -us, -is
// or -ics are singular.
func isPlural(term string) bool {
	if isGerund(term) || isImperative(term) {
		return false
	}
	var buf [16]string
	words := appendFields(buf[:0], cleanHeading(term))
	if len(words) == 0 {
		return false
	}
	last := strings.Trim(words[len(words)-1], ",.;:)\"'")
	if len(last) < 4 || strings.IndexFunc(last[1:], unicode.IsUpper) >= 0 {
		return false
	}
	for _, suf := range []string{"ss", "us", "is", "ness", "'s", "’s"} {
		if hasSuffixFold(last, suf) {
			return false
		}
	}
	if hasSuffixFold(last, "people") || hasSuffixFold(last, "children") || hasSuffixFold(last, "women") || strings.EqualFold(last, "men") {
		return true // "Salespeople"
	}
	// "X of Y", "X for Y": the head noun is before the preposition.
	for i, w := range words[:len(words)-1] {
		if i > 0 && inFold(" of for with in on to from by ", w) {
			return isPlural(strings.Join(words[:i], " "))
		}
	}
	return hasSuffixFold(last, "s")
}

// singular turns a heading's last plural word singular: "Elite Performance
// Benchmarks" → "Elite Performance Benchmark".
func singular(h string) string {
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], h)
	if len(words) == 0 {
		return h
	}
	last := words[len(words)-1]
	l := strings.ToLower(last)
	switch {
	case strings.HasSuffix(l, "ies") && len(l) > 4:
		words[len(words)-1] = last[:len(last)-3] + "y"
	case strings.HasSuffix(l, "ss"), strings.HasSuffix(l, "us"), strings.HasSuffix(l, "is"):
	case strings.HasSuffix(l, "s") && len(l) > 3:
		words[len(words)-1] = last[:len(last)-1]
	}
	return strings.Join(words, " ")
}

// lowerCommon lower-cases the words of a heading that are capitalised only
// by title case: common words, words the note also writes in lower case,
// and words it capitalises only once (in the heading itself). Acronyms,
// names with inner capitals ("DevOps") and names the note keeps
// capitalising ("Dora") keep their capitals. words counts the note's words
// (see wordCounts).
func lowerCommon(s string, words map[string]int) string {
	var fieldsBuf [32]string
	fields := appendFields(fieldsBuf[:0], s)
	for i, w := range fields {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		if strings.IndexFunc(w[size:], unicode.IsUpper) >= 0 {
			// "Micro-Optimization" is title case when the note also
			// writes "micro-optimization"; "DevOps" is a name.
			bare := strings.Trim(w, ",;:\"“”'()")
			if strings.Contains(bare, "-") && titleParts(bare) && (words[strings.ToLower(bare)] > 0 || words[bare] <= 1) {
				fields[i] = strings.ToLower(w)
			}
			continue
		}
		bare := strings.Trim(w, ",;:\"“”'()")
		low := strings.ToLower(bare)
		if startWordsSet.has(low) || determinersSet.has(low) || boundariesSet.has(low) || words[low] > 0 || words[bare] <= 1 {
			fields[i] = strings.ToLower(w)
		}
	}
	return strings.Join(fields, " ")
}

// titleParts reports whether each part of a hyphenated word is capitalised
// as title case writes it ("End-Users"), not an acronym or a name with
// inner capitals ("DevOps-Style").
func titleParts(w string) bool {
	for _, p := range strings.Split(w, "-") {
		r, size := utf8.DecodeRuneInString(p)
		if p == "" || !unicode.IsUpper(r) || strings.IndexFunc(p[size:], unicode.IsUpper) >= 0 {
			return false
		}
	}
	return true
}

// wordCounts counts a note's words exactly as written, once per note, so
// phrasing its questions costs time linear in the note. The counts go
// into counts, which must be empty, or a new map if it is nil.
func wordCounts(body []byte, counts map[string]int) map[string]int {
	// One string of the body, so that the words are slices of it: no
	// allocation per word. ASCII is read byte by byte, without decoding:
	// this reads every byte of every note.
	text := string(body)
	if counts == nil {
		counts = make(map[string]int, len(text)/16)
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWordByte(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if !asciiWordByte(c) && c != '-' && c != '\'' {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		// The word without its trailing hyphens and apostrophes; it starts
		// with a letter or digit, so some of it is left.
		k := j
		for text[k-1] == '-' || text[k-1] == '\'' {
			k--
		}
		counts[text[i:k]]++
		i = j
	}
	return counts
}

// asciiWordByte reports whether an ASCII byte is a letter or a digit.
func asciiWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// imperatives start an item that is a step to take ("Define the goal").
const imperatives = " utilize utilise look anticipate chop experiment translate enable maintain hold do break quantify keep embrace invest empower automate simplify standardize standardise deliver own earn lead listen admit follow show tell meet under-promise over-deliver be don't never always define identify seek gather build create start set choose pick use run write test measure check talk clarify draw outline list ask find make map plan review ship launch learn collect analyze analyse prioritize prioritise decide evaluate implement deploy monitor iterate track get add remove open close read go keep focus respond insist wait offer explain align understand establish develop design validate share communicate document hire train segment invest compare calculate compute apply install configure update move take put give send schedule prepare assess select determine combine split verify confirm repeat reduce increase avoid ensure spend treat think stop leverage embrace foster create encourage "

// isImperative reports whether a phrase opens with a verb of command.
func isImperative(s string) bool {
	if s == "" {
		return false
	}
	var buf [2]string
	f := leadWords(s, buf[:0])
	return len(f) >= 2 && lookupFold(imperativeSet, f[0])
}

// isGerund reports whether a phrase opens with an -ing word ("Leveraging
// power users"): an activity, singular whatever its last word.
func isGerund(s string) bool {
	var buf [1]string
	f := leadWords(s, buf[:0])
	if len(f) == 0 {
		return false
	}
	var lbuf [32]byte
	w := string(lowerInto(lbuf[:0], f[0]))
	return len(w) > 5 && strings.HasSuffix(w, "ing") && w != "nothing" && w != "something" && w != "everything"
}

// isNounPhrase reports whether a heading names things ("Core Teams"), so
// a list under it can be asked as "the four core teams".
func isNounPhrase(h string) bool {
	return isPlural(h) && !isImperative(h) && !isGerund(h) && !strings.Contains(h, ":")
}

// dropPossessive turns "Nicole Forsgren's Tools for Clarity" into "Tools
// for Clarity": the owner reads badly inside "What are the two …?".
func dropPossessive(h string) string {
	for _, sep := range []string{"'s ", "’s ", "s' "} {
		if i := strings.Index(h, sep); i >= 0 && i+len(sep) < len(h) {
			return h[i+len(sep):]
		}
	}
	return h
}

// upperFirst capitalises a question's first letter.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func hasAttributeWord(s string) bool {
	f := strings.Fields(strings.ToLower(cleanHeading(s)))
	for i, w := range f {
		// Only a head noun names the attribute: "Elite Performance
		// Benchmarks", "Cost of delay", not "Pricing Models", whose items
		// are models.
		head := i == len(f)-1 || strings.ContainsAny(w, ",;:)") || in(prepositions, f[i+1]) || in(" and or & ", f[i+1])
		if head && inSet(attributeWordsSet, strings.Trim(w, ",.;:()")) {
			return true
		}
	}
	return false
}

// valueStarts begin an answer that is a value, not a definition.
const valueStarts = " less more under over about around up at within between fewer greater daily weekly monthly yearly quarterly annually every on roughly approximately nearly almost ~ < > ≤ ≥ "

// isValue reports whether a term item's answer is a value (a number, a
// range, "Less than a day", "On demand") rather than a definition.
func isValue(answer, list string) bool {
	// leadingFigure reads 17 words at most.
	var buf [17]string
	words := leadFields(answer, buf[:0])
	if leadingFigure(words) {
		return true
	}
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	if hasAttributeWord(list) {
		return true
	}
	if len(words) > 5 {
		return false
	}
	first := strings.ToLower(strings.Trim(words[0], ",.;:"))
	return strings.ContainsAny(answer, "0123456789%$€£") || inSet(valueStartsSet, first)
}

// leadingFigure reports whether an answer opens with an amount ("About
// 18–25 kg for a full-sized colony …"): a value however long it goes on.
func leadingFigure(words []string) bool {
	if len(words) < 2 || len(words) > 16 || !inSet(valueStartsSet, strings.ToLower(words[0])) {
		return false
	}
	for _, w := range words[1:min(len(words), 3)] {
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "$£€¥~")); unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// termQuestion asks about one bold-term item, worded after what the item is.
func termQuestion(e *entry, title string, repeated bool, words map[string]int) string {
	q, _ := askTerm(e, title, repeated, words)
	return q
}

// askTerm is termQuestion's question, and whether it is the plain "What
// is *X*?" that no rule of an item's shape chose: only such an item may be
// read as a label over a fact (see labelFact).
func askTerm(e *entry, title string, repeated bool, words map[string]int) (question string, plain bool) {
	if t := withoutDateRemark(e.term); t != e.term {
		// "**Gatun Dam (completed 1913)**": the date is part of the answer's
		// knowledge, not of what the question names.
		ee := *e
		ee.term = t
		e = &ee
	}
	article, term := splitArticle(e.term)
	h := cueHeading(e.section, title)
	list := cleanHeading(e.listName)
	if list == "" {
		list = h
	}
	// What an item of the list is may be asked twice below: it is found
	// once.
	listKind, kindFound := "", false
	asked := "" // a question a case below found
	kindOf := func() string {
		if !kindFound {
			listKind, kindFound = kindNoun(list), true
		}
		return listKind
	}
	switch {
	case ownerPart(e):
		// "This brief covers: **The problem** …": a part of the brief.
		verb := "is"
		if isPlural(term) || isImperative(term) && strings.HasSuffix(term, "s") {
			verb = "are" // "open questions": "open" is an adjective here
		}
		q := "In " + e.owner + ", what " + verb + " the *" + lowerCommon(term, words) + "*?"
		if article == "a" || article == "an" {
			q = "In " + e.owner + ", what " + verb + " " + indefinite(term) + " *" + lowerCommon(term, words) + "*?"
		}
		return upperFirst(q), false
	case article == "" && personOf(e.term, strings.Join(e.back, " "), words):
		// "**John Roebling** (1806–1869), a German-born engineer, …".
		return personQuestion(e.term, strings.Join(e.back, " ")), false
	case article == "" && len(e.back) > 0 && personDeedOf(e.term, e.back[0], list, words):
		// "**Robert Falcon Scott**: Reached the pole 34 days after …".
		return personDeedQuestion(e.term), false
	case looksImperative(term) && exampleStart(e.back):
		// "**Avoid direct long-term goals**: For instance, …": the answer
		// is the example, and the question must ask for it.
		return "What example illustrates *" + term + "*?", false
	case strings.HasPrefix(strings.ToLower(term), "example:") && len(term) > len("example: "):
		return "What does the example *" + strings.TrimSpace(term[len("example:"):]) + "* show?", false
	case isDateTerm(term):
		return dateQuestion(term), false
	case datedEvent(term):
		return "What happened in the *" + lowerCommon(term, words) + "*?", false
	case startsWithQuantity(term):
		return "What happens at *" + term + "*?", false
	case e.value && len(e.back) > 0 && valueListKind(e.back[0]) != "" && !hasAttributeWord(list):
		// "**Dark chocolate**: melt to 45–50 °C, cool to 27 °C, …": values
		// of one quantity, named by their unit.
		return valueListQuestion(term, valueListKind(e.back[0]), words), false
	case e.value:
		return valueQuestion(term, e.back, list, words), false
	case inSet(genericTermsSet, strings.TrimSuffix(term, ":")) && list != "":
		verb := "is"
		if isPlural(term) {
			verb = "are"
		}
		return "What " + verb + " the " + strings.ToLower(term) + " of " + lowerCommon(list, words) + "?", false
	case func() bool { asked = fitQuestion(term, h, words); return asked != "" }():
		return asked, false // "Relational Databases: **Best for**: Transactions …"
	case func() bool { asked = openQuestion(term); return asked != "" && !quotedQuestion(term) }():
		return asked, false
	case quotedQuestion(term):
		// "**"What would be an expensive price?"**: The price at which …":
		// a question to ask, not a term to define.
		return "What is the question *" + term + "* for?", false
	case resourceHeading(list):
		// "**How to Measure Anything by Douglas Hubbard**: A book that …":
		// a title, asked as written, "The" and all; no "a" before a tool's
		// name ("restic").
		if title, author, ok := strings.Cut(e.term, " by "); ok && startsUpper(author) && wordCount(author) <= 4 {
			return "What is the book *" + title + "* by " + author + " about?", false
		}
		if bookAnswer(e.back) {
			return "What is the book *" + e.term + "* about?", false
		}
		if q := resourceQuestion(e.term, e.back, list); q != "" {
			return q, false
		}
		if article == "the" {
			return "What is the *" + term + "*?", false
		}
		return "What is *" + e.term + "*?", false
	case strings.Contains(term, ":") || wordCount(cleanHeading(term)) > 8:
		return "Explain *" + term + "*.", false
	case e.step:
		return "What does the step *" + term + "* involve?", false
	case e.claim != "":
		if q := whyQuestion(e.claim, term); q != "" {
			return q, false
		}
	case e.effect != "":
		verb := "does"
		if isPlural(term) {
			verb = "do"
		}
		return "How " + verb + " *" + term + "* lead to " + e.effect + "?", false
	case e.compared && !e.step && !e.value:
		// "The speaker compared six hive covers: **Cedar**: Breathes well
		// but loses heat": a verdict, not a definition.
		if k := kindNoun(beforeAny(list, " over ", " during ", " across ")); k != "" {
			return "How does *" + term + "* compare as " + indefinite(k) + " " + k + "?", false
		}
		return "How does *" + term + "* compare?", false
	case faultReason(kindOf(), term, e.back):
		// "Common Mistakes: **Treating it as one-off**: Most negotiations are
		// repeated, so a win that burns the relationship costs more": why.
		return "Why is *" + term + "* " + indefinite(kindOf()) + " " + kindOf() + "?", false
	case claimVerbQuestion(term, e.back) != "":
		return claimVerbQuestion(term, e.back), false
	case claimLeadInQuestion(term, words) != "":
		// "**Defragmenting is harmful:** It adds writes …": a claim.
		return claimLeadInQuestion(term, words), false
	case adviceWhyQuestion(term, e.back, words) != "":
		// "**Enable TRIM:** The TRIM command tells the drive …": advice.
		return adviceWhyQuestion(term, e.back, words), false
	case func() bool { asked = adviceClaimQuestion(term, list, h, e.back, words); return asked != "" }():
		return asked, false // "Rules of Thumb: **Avoid premature sharding**: Sharding multiplies …"
	case func() bool { asked = predicateQuestion(term, e.back, words); return asked != "" }():
		// "**Product Managers**: Responsible for getting accounts to …".
		return asked, false
	case func() bool { asked = methodQuestion(term, e.back, words); return asked != "" }():
		return asked, false
	case func() bool { asked = symptomQuestion(term, list, e.back); return asked != "" }():
		return asked, false // "Troubleshooting: **Flat loaf**: Over-proofed dough …"
	case func() bool { asked = usageQuestion(term, e.back, words); return asked != "" }():
		return asked, false // "**Fondant**: Added on top of the frames …"
	case func() bool { asked = signalQuestion(term, kindOf(), words); return asked != "" }():
		return asked, false
	case instruction(e.back) && !looksImperative(term) && !isGerund(term):
		// "**Experimentation**: Use experimentation to test …" is advice.
		return adviceQuestion(term, e.back, words), false
	}
	kind := strings.ToLower(list)
	verb := "is"
	if isPlural(term) {
		verb = "are"
	}
	q := "What " + verb + " " + namedTerm(e.term, e.back, words)
	plain = true
	switch {
	case strings.Contains(kind, "example") || strings.Contains(kind, "case stud"):
		q, plain = "What does the example *"+term+"* show", false
	case strings.Contains(kind, "book") || strings.Contains(kind, "reading"):
		q, plain = "What is the book *"+term+"* about", false
	case isImperative(term) && !restatesHead(term, e.back) || isGerund(term) && !startsIndefinite(e.back) || (startsWithGerund(e.back) && verb == "is"):
		// A gerund may be a label ("**Funding**: The state paid …"): only
		// a command is surely no label.
		q, plain = "What does "+namedTerm(e.term, nil, words)+" involve", !isImperative(term)
		// "Key practices include:" — Honesty is a practice.
		if k := kindOf(); k != "" && !isImperative(term) && !strings.EqualFold(list, h) {
			q = "What does the " + k + " *" + term + "* involve"
		}
	default:
		// "Common mistakes include: **No Clear Owner**": a mistake, not
		// a thing to define; its list's other items are asked alike.
		if k := kindOf(); k != "" && !strings.EqualFold(list, h) && !isPlural(term) && (e.listClaim || namesKind(k)) {
			q, plain = "What is the "+k+" *"+term+"*", false
		}
	}
	if repeated && h != "" {
		q += " in " + lowerCommon(h, words)
	}
	return q + "?", plain
}

// kindAdjectives qualify a list's noun without naming its kind.
const kindAdjectives = " key main common early primary core important new top major several other typical simple few "

// kindNoun is what one item of a list named list is: "key practices" →
// "practice", "early use cases" → "use case", "common mistakes when
// designing rating systems" → "mistake"; "" when the name says nothing
// (things, ways, points) or is not a plural noun phrase.
func kindNoun(list string) string {
	var f []string
	for w := range strings.FieldsSeq(strings.ToLower(list)) {
		if prepositionsSet.has(w) || relativesSet.has(w) || modalsSet.has(w) || in(" when while that ", w) {
			break
		}
		f = append(f, strings.Trim(w, ",;:()\"“”"))
	}
	for len(f) > 0 && kindAdjectivesSet.has(f[0]) {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 2 || !isPlural(f[len(f)-1]) {
		return ""
	}
	if in(" things ways reasons points items examples steps causes aspects factors kinds types parts areas terms concepts definitions ", f[len(f)-1]) {
		return ""
	}
	return singular(strings.Join(f, " "))
}

// finiteVerbs mark a sentence that makes a claim of its own ("A central
// team fosters …"), not a definition's noun phrase ("Lying or being vague").
const finiteVerbs = " is are was were will can could should must may might tend tends has have does allows allow provides ensures fosters makes takes requires helps lets leads gives means needs uses use continue type becomes "

// isClaim reports whether an answer is a sentence with its own subject and
// verb: asking "What is X?" of it would ask for a definition it is not.
func isClaim(back []string) bool {
	if len(back) == 0 {
		return false
	}
	var buf [9]string
	f := leadFields(back[0], buf[:0])
	if len(f) == 0 || in(" how what when where which who ", strings.ToLower(f[0])) {
		return false // "How often code is deployed": a definition
	}
	for i := 1; i < len(f) && i <= 8; i++ {
		// "Not shipping what was promised": a verb after "what" or
		// "that" belongs to a clause inside a noun phrase.
		if finiteVerbsSet.hasFold(strings.Trim(f[i], ",;:")) && !relativesSet.hasFold(f[i-1]) {
			return true
		}
	}
	return false
}

// namesKind reports whether a list's kind noun says what sort of thing an
// item is ("trend", "speed metric"), not only that it is one ("idea").
func namesKind(k string) bool {
	f := strings.Fields(k)
	return len(f) > 0 && !vagueHeadsSet.has(f[len(f)-1]) && !inSet(genericTermsSet, f[len(f)-1])
}

// whyQuestion asks what an item of a reasons list does for the claim:
// "good onboarding is essential" and "Retention" → "Why is good onboarding
// essential for *Retention*?".
func whyQuestion(claim, term string) string {
	f := strings.Fields(claim)
	for i := 1; i < len(f)-1; i++ {
		if in(" is are was were ", f[i]) {
			return "Why " + f[i] + " " + strings.Join(f[:i], " ") + " " + strings.Join(f[i+1:], " ") + " for *" + term + "*?"
		}
	}
	return ""
}

// startsWithQuantity reports whether a term is an amount ("200,000
// users", "Tens of thousands of users"): a threshold, not a thing.
func startsWithQuantity(term string) bool {
	var buf [1]string
	f := leadFields(term, buf[:0])
	if len(f) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	return unicode.IsDigit(r) || inFold(" tens hundreds thousands millions dozens ", f[0])
}

// startsWithGerund reports whether an answer opens with an -ing word
// ("Telling the truth…"): the term is a practice, asked what it involves.
func startsWithGerund(back []string) bool {
	if len(back) == 0 {
		return false
	}
	var buf [4]string
	f := leadFields(back[0], buf[:0])
	if len(f) > 3 && inFold(" always never consistently constantly regularly actively ", f[0]) {
		// "Always telling the truth": a practice kept up; not "Simply
		// averaging ratings can …", a claim about an act.
		f = f[1:]
	}
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(strings.Trim(f[0], "*,."))
	return len(f) >= 3 && len(w) > 5 && strings.HasSuffix(w, "ing") && w != "nothing" && w != "something" && w != "everything"
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

func countWord(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return strconv.Itoa(n)
}

// listQuestion asks for a list's items, named from the lead-in's noun
// phrase, the bold term or heading the list hangs from, or what its items
// have in common.
func listQuestion(e *entry, title string, body []byte, words map[string]int) string {
	if allDates(e.back) {
		return "" // "1903", "1904", …: each date's event is carded; the dates are no set
	}
	count := countWord(len(e.back))
	h := cueHeading(e.section, title)
	noun := ""
	if e.leadIn != "" && e.parent == "" {
		noun = withOwner(leadInNoun(lastSentence(e.leadIn), body), lastSentence(e.leadIn))
		if inSet(glossaryHeadingsSet, noun) || namesTerms(noun) {
			return "" // "The key terms are:": each is carded; their list is no fact
		}
		// "things this involves" under "Building Trust": building trust
		// involves them; "it's better to" has no subject to put there.
		gerundSubject := isGerund(h) && !strings.Contains(" "+strings.ToLower(noun)+" ", " it's ")
		if isNounPhrase(h) || gerundSubject || !isPlural(h) && !isGerund(h) && !isImperative(h) && !isClause(h) {
			noun = replaceDangling(noun, lowerCommon(firstOfContrast(h), words))
		} else {
			noun = replaceDangling(noun, "")
		}
		noun = withScope(noun, h, words)
	}
	// Numbered sections ("### 1. Identify proxies") are in order because
	// the source numbered them: only a procedure's steps are asked in order.
	commands := mostlyImperative(e.back) && !e.headings
	advice := namesAdvice(e.leadIn + " " + h + " " + e.term)
	steps := e.ordered && (commands || orderMatters(e, h)) && !advice && !strings.Contains(strings.ToLower(e.leadIn+" "+h), "tip")
	parent := lowerCommon(dropPossessive(cleanHeading(e.parent)), words)
	heading := headingNoun(h, words)
	if strings.HasPrefix(noun, "things ") && isNounPhrase(h) && wordCount(h) <= 2 {
		noun = heading // "For one loaf you need:" under "Ingredients"
	}
	switch {
	case noun != "":
	case steps && inSet(procedureHeadingsSet, h):
		noun = "steps"
	case e.parent != "" && isNounPhrase(parent):
		noun = parent
	case e.parent != "":
		noun = "parts of " + parent
	case sharedLastWord(e.back) != "":
		noun = "kinds of " + strings.ToLower(sharedLastWord(e.back))
	case steps && h != "" && in(" after before during when while once until ", strings.ToLower(strings.Fields(h)[0])):
		noun = "steps " + strings.ToLower(heading[:1]) + heading[1:] // "After the Review"
	case steps && strings.HasPrefix(strings.ToLower(h), "what to ") && wordCount(h) <= 4:
		noun = "steps" // "What to Do": the heading asks what the steps answer
	case steps && len(heading) > len("how to ") && strings.EqualFold(heading[:len("how to ")], "how to ") && wordCount(heading) >= 3:
		noun = "steps to " + heading[len("how to "):] // "How to Season a Pan"
	case steps && h != "":
		noun = "steps of " + heading
	case h != "" && isNounPhrase(h):
		noun = heading
	case isGerund(h) && modifyingGerund(h, e.back):
		noun = heading // "Warning signs of a leak": the signs, not ways of warning them
	case isGerund(h) && wordCount(h) >= 2 && !studyVerbsSet.hasFold(strings.Fields(h)[0]):
		noun = "ways of " + strings.ToLower(heading[:1]) + heading[1:] // "Building Trust": the items are how
	case strings.HasPrefix(strings.ToLower(h), "how ") && isClause(h) && wordCount(h) > 2:
		noun = "ways " + heading[len("how "):] // "How Trust is Built"
	case e.plainItems && !e.ordered && strings.HasPrefix(strings.ToLower(h), "when to ") && wordCount(h) >= 3 && !mostlyImperative(e.back):
		// "When to Write a Postmortem" over plain items: they are the
		// cases, not a thing the heading names.
		verb, rest, _ := strings.Cut(lowerCommon(h[len("when to "):], words), " ")
		return strings.TrimSpace("In what "+count+" cases should you "+strings.ToLower(verb)+" "+rest) + "?"
	case func() bool { noun = roleQuestion(e, h, words); return noun != "" }():
		return noun // "What does the sweeper do?"
	default:
		// A heading naming a topic, not a set: its items are aspects,
		// each on its own card, and "the N points on X" is no fact.
		return ""
	}
	q := countedQuestion(count, withTopic(noun, title))
	if steps {
		q += ", in order"
	}
	return q + "?"
}

// modifyingGerund reports whether a heading's opening -ing word modifies
// the plural noun after it ("Warning signs of a leak", "Operating costs
// of a fleet") rather than taking it as its object ("Building teams") or
// naming a topic ("Understanding metrics"): the items are things, none of
// them a way to act (a command or an activity), so the heading names the
// set itself.
func modifyingGerund(h string, items []string) bool {
	first, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || studyVerbsSet.hasFold(first) || !isPlural(rest) || isImperative(rest) || isGerund(rest) || isClause(h) {
		return false
	}
	// The plural noun must be the head of an "of" phrase ("signs of a
	// leak"): a gerund's object rarely is, while "Speeding Up Experiments"
	// or "Building Teams" take theirs bare.
	head, tail, ok := strings.Cut(rest, " ")
	if !ok || !isPlural(head) || !strings.HasPrefix(strings.ToLower(tail), "of ") {
		return false
	}
	for _, it := range items {
		if looksImperative(it) || isGerund(it) {
			return false
		}
	}
	return true
}

// firstOfContrast names what a "A vs. B" heading is about, A: "this"
// in "This often stems from:" under "Micro-Optimization vs. Big
// Opportunities" is the micro-optimization.
func firstOfContrast(h string) string {
	for _, sep := range []string{" vs. ", " vs ", " versus "} {
		if i := strings.Index(strings.ToLower(h), sep); i > 0 {
			return strings.TrimSpace(h[:i])
		}
	}
	return h
}

// studyVerbs open a heading about a topic, not a goal: the items under
// "Understanding Curl" or "Distinguishing PQA, PQL, and MQL" are its
// aspects, not ways to do it.
const studyVerbs = " understanding distinguishing defining explaining exploring introducing comparing examining analyzing analysing describing discussing reviewing revisiting "

// prepositions that already give a noun phrase its scope.
const prepositions = " of for with in on to from by through about into at via "

// withScope gives a bare noun from a lead-in ("Key practices include:")
// the subject its heading supplies: "key practices for building trust",
// "common mistakes in rating systems".
func withScope(noun, h string, words map[string]int) string {
	f := strings.Fields(strings.ToLower(noun))
	if len(f) == 0 || wordCount(h) < 2 || strings.ContainsAny(h, ":?") || isClause(h) || isImperative(h) ||
		inSet(genericHeadingsSet, cleanHeading(h)) || f[0] == "examples" {
		return noun
	}
	if f[0] == "things" {
		// "things companies are focusing on" in "Educating End-Users": the
		// activity is their scope.
		// "things the brief covers" names its subject already.
		if isGerund(h) && !strings.Contains(noun, " "+strings.ToLower(strings.Fields(h)[0])) && !strings.Contains(noun, " the ") && wordCount(noun)+wordCount(h) <= maxNounWords {
			return noun + " in " + lowerCommon(cleanHeading(h), words)
		}
		return noun
	}
	if len(f) > 3 {
		return noun
	}
	for _, w := range f {
		if prepositionsSet.has(w) || relativesSet.has(w) || modalsSet.has(w) || pronounsSet.has(w) {
			return noun
		}
	}
	hl := strings.ToLower(cleanHeading(h))
	if strings.Contains(hl, f[len(f)-1]) || strings.Contains(strings.ToLower(noun), hl) {
		return noun // "Behavioral signals" under "Behavioral Signals"
	}
	for _, w := range f {
		if len(w) > 3 && !kindAdjectivesSet.has(w) && containsWord([]byte(hl), []byte(w)) {
			return noun // "common packaging models" under "Packaging Before Price" names its kind
		}
	}
	prep := " in "
	if isGerund(h) {
		prep = " for "
	}
	return noun + prep + lowerCommon(cleanHeading(h), words)
}

// isClause reports whether a heading is a clause or question ("How Trust
// is Built") rather than a name that could stand for "this".
func isClause(h string) bool {
	// The words of h lower-cased are h's words lower-cased: no space
	// lowers to a letter, nor a letter to a space.
	i := 0
	for w := range strings.FieldsSeq(h) {
		if (i == 0 && inFold(" how why what when where who which ", w)) || inFold(" is are was were can will does do ", w) {
			return true
		}
		i++
	}
	return false
}

// replaceDangling puts the heading where a lead-in's noun phrase points
// back with "this" or "it" ("things this involves").
func replaceDangling(noun, heading string) string {
	if noun == "" {
		return ""
	}
	words := strings.Fields(noun)
	for i, w := range words {
		switch strings.ToLower(w) {
		case "this", "these", "those":
			if i > 0 && i+2 == len(words) && prepositionsSet.hasFold(words[i-1]) {
				// "questions to ask in those calls": the calls are the
				// heading's, or the phrase goes.
				if heading == "" || isClause(heading) {
					return strings.Join(words[:i-1], " ")
				}
				return strings.Join(append(words[:i:i], heading), " ")
			}
			if i+2 < len(words) {
				// "things this brief covers": a determiner, not a pointer.
				words[i] = "the"
				continue
			}
			if heading == "" {
				return ""
			}
			words[i] = heading
		case "it", "they":
			if heading == "" {
				return ""
			}
			words[i] = heading
		case "it's":
			if heading == "" {
				return ""
			}
			words[i] = heading + " is"
		}
	}
	return strings.Join(words, " ")
}

// sharedLastWord returns the plural last word all items share ("Speed
// Metrics", "Stability Metrics" → "Metrics"), or "".
func sharedLastWord(items []string) string {
	last := ""
	for _, it := range items {
		f := strings.Fields(plainOf(it))
		if len(f) < 2 {
			return ""
		}
		w := f[len(f)-1]
		if last != "" && !strings.EqualFold(w, last) {
			return ""
		}
		last = w
	}
	if !isPlural(last) {
		return ""
	}
	return last
}

func orderMatters(e *entry, heading string) bool {
	text := strings.ToLower(e.leadIn + " " + heading + " " + e.term + " " + e.parent)
	for _, w := range orderWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// sentences splits text into sentences at ". ", "? " and "! " followed by
// a capital, a digit or a quote, not after a known abbreviation.
func sentences(s string) []string {
	s = strings.TrimSpace(s)
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if (c != '.' && c != '?' && c != '!') || s[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+2:])
		if !unicode.IsUpper(next) && next != '"' && next != '“' && next != '*' && !unicode.IsDigit(next) {
			continue
		}
		ws := strings.LastIndexByte(s[:i], ' ') + 1
		if c == '.' && abbrevsSet.has(strings.ToLower(strings.TrimLeft(s[ws:i+1], `("'“[`))) {
			continue
		}
		if c == '.' && i-ws == 1 && s[ws] >= 'A' && s[ws] <= 'Z' && !afterFigure(s[:ws]) {
			continue // an initial: "Vivek K. Singh", not a unit: "reads 12.6 V. At …"
		}
		out = append(out, strings.TrimSpace(s[start:i+1]))
		start = i + 2
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// afterFigure reports whether s ends in a figure and a space: the letter
// after it is a unit's symbol ("12.6 V", "25 A"), no initial.
func afterFigure(s string) bool {
	s = strings.TrimSuffix(s, " ")
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// wordCount counts the words of s as strings.Fields splits them, without
// allocating: it runs for every sentence of every note. ASCII is read
// eight bytes at a time (see wordStarts).
func wordCount(s string) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if x := load64(s, i); x&highBits == 0 {
				starts, lastSpace := wordStarts(x, !inWord)
				n += starts
				inWord = !lastSpace
				i += 8
				continue
			}
		}
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// load64 returns the eight bytes of s from i, the first in the low byte.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// highBits has the high bit of each of eight bytes.
const highBits = 0x8080808080808080

// wordStarts counts the words that start in eight ASCII bytes x (the
// first in its low byte), where afterSpace tells whether the byte before
// them was white space (or there was none), and reports whether the last
// of them is white space. Each byte's test is done on all eight at once:
// a byte is white space when it is ' ' or '\t' … '\r' (asciiSpace), and
// a word starts at a byte that is not after one that is.
func wordStarts(x uint64, afterSpace bool) (int, bool) {
	const (
		ones  = 0x0101010101010101
		lows  = 0x7f7f7f7f7f7f7f7f
		space = 0x20 * ones
	)
	t := x ^ space
	isSpace := ^((t&lows + lows) | t | lows) // the high bit of each byte that is ' '
	// A byte b < 0x80 is from '\t' (9) to '\r' (13) when b+0x77 reaches
	// 0x80 and b+0x72 does not; no sum carries into the next byte.
	isSpace |= (x + 0x77*ones) &^ (x + 0x72*ones) & highBits
	before := isSpace << 8 // each byte's high bit: the byte before it is white space
	if afterSpace {
		before |= 0x80
	}
	return bits.OnesCount64(^isSpace & before & highBits), isSpace>>63 != 0
}

// asciiSpace marks the ASCII white space unicode.IsSpace knows.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// ownStatement is the item's own statement: its first sentence, and the
// second while both stay short. A first sentence too long for one card is
// cut at its last clause boundary within the bound.
// termStatement is ownStatement for the text of an item about term: its
// first sentence or two when the first does not lean on text before the
// item, so that the answer stands alone, else "". "An example of this
// was X" answers with X. A later sentence is not taken instead: it seldom
// states the item's point (on the corpus it gave a recommendation for a
// benefit).
func termStatement(s, term string) string {
	ss := sentences(s)
	if len(ss) == 0 {
		return ""
	}
	if ex := exampleOfThis(ss[0]); ex != "" {
		return ownStatement(ex)
	}
	if leansBack(ss[0], term) {
		return ""
	}
	return ownStatementOf(ss)
}

func ownStatement(s string) string { return ownStatementOf(sentences(s)) }

// ownStatementOf is ownStatement of the text split into sentences ss.
func ownStatementOf(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	out := ss[0]
	// A second sentence is a second fact (the minimum-information rule),
	// unless the first is too short to say much alone ("A complete change
	// of direction.") or the second carries the item's key fact: what
	// happened, its consequence, its numbers ("… 98 words that took over
	// 16 hours to transmit").
	if len(ss) > 1 && (wordCount(out) < shortStatementWords || keyFact(ss[1])) && wordCount(out)+wordCount(ss[1]) <= maxAnswerWords {
		out += " " + ss[1]
	}
	if wordCount(out) <= maxAnswerWords {
		return out
	}
	return cutClause(out, maxAnswerWords)
}

// cutClause shortens a sentence to its leading clauses within max words,
// cutting at "; ", ", " or " — " and ending it with a full stop.
func cutClause(s string, max int) string {
	words := strings.Fields(s)
	best := -1
	for i := 3; i < len(words) && i < max; i++ {
		w := words[i-1]
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || words[i] == "—" {
			best = i
		}
	}
	if best < 0 {
		best = max
	}
	out := strings.TrimRight(strings.Join(words[:best], " "), ",;— ")
	if !strings.HasSuffix(out, ".") {
		out += "."
	}
	return out
}

// bookAnswer reports whether a resource's answer says it is a book: "A
// book that …", "An award-winning book detailing …".
func bookAnswer(back []string) bool {
	if len(back) == 0 {
		return false
	}
	var buf [4]string
	f := leadWords(back[0], buf[:0])
	if len(f) < 2 || !in(" a an the ", strings.ToLower(f[0])) {
		return false
	}
	for _, w := range f[1:] {
		if strings.EqualFold(w, "book") {
			return true
		}
	}
	return false
}

// quotedQuestion reports whether a label is a question in quotation
// marks, one the note says to ask: "\"What would be too expensive?\"".
func quotedQuestion(term string) bool {
	t := strings.TrimSpace(term)
	return (strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "“")) && strings.Contains(t, "?") && wordCount(t) >= 3
}
