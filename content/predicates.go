package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Items whose text is a predicate with the term as its subject: "**Junior
// Engineers**: Tend to rely on AI for everything", "**Product Managers**:
// Responsible for getting accounts to the PQA stage", "**Analytics
// Team**: Continuously digs into data …", "**Admin switch**: This often
// signals an evaluation is underway". The item says what the term does,
// and a careful writer asks that ("What do *Junior Engineers* tend to
// do?"), not what the term is.

// predicateAdverbs may stand before an item's verb: "Continuously digs".
var predicateAdverbsSet = wordsOf("often usually typically generally continuously also mainly primarily largely frequently always constantly actively commonly mostly regularly")

// signalVerbs say what a sign points to: "This often signals …".
var signalVerbsSet = wordsOf("signals indicates suggests means shows predicts")

// definingVerbs open a definition, not what a role does: "Refers to the
// practices …", "Focuses on what it's like …".
var definingVerbsSet = wordsOf("refers means describes denotes focuses covers includes involves comprises consists represents measures captures")

// subjectBaseVerbs take "to" after a plural subject: "Tend to …".
var subjectBaseVerbsSet = wordsOf("tend need want try have")

// predicateQuestion asks what a term does, when its item's text is a
// predicate of it; "" otherwise.
func predicateQuestion(term string, back []string, words map[string]int) string {
	if len(back) == 0 || strings.ContainsAny(term, ":?") {
		return ""
	}
	var buf [10]string
	f := leadFields(back[0], buf[:0])
	if len(f) < 3 {
		return ""
	}
	// The words as they are, without punctuation; compared folding case,
	// so that none is lower-cased unless it is the verb.
	var lwBuf [10]string
	lw := lwBuf[:len(f)]
	for i, w := range f {
		lw[i] = strings.Trim(w, ",.;:\"“”")
	}
	// The question's words are made only once one is asked.
	ask := func(verb, rest string) string {
		plural := isPlural(term)
		switch {
		case verb == "does" && plural:
			verb = "do"
		case verb == "is" && plural:
			verb = "are"
		}
		named := "*" + lowerCommon(term, words) + "*"
		if strings.Contains(term, "/") {
			named = "*" + term + "*" // "Analytics Team/Data Analyst": each side a name of its own
		}
		return "What " + verb + " " + named + " " + rest + "?"
	}
	// "This often signals an evaluation process is underway".
	if strings.EqualFold(lw[0], "this") || strings.EqualFold(lw[0], "it") {
		i := 1
		for i < len(lw)-1 && predicateAdverbsSet.hasFold(lw[i]) {
			i++
		}
		if signalVerbsSet.hasFold(lw[i]) {
			return ask("does", verbBase(strings.ToLower(lw[i])))
		}
		return ""
	}
	// "Responsible for …", "Often bundled with product, responsible for …".
	for i := 0; i+1 < len(lw) && i < 8; i++ {
		if (strings.EqualFold(lw[i], "responsible") || strings.EqualFold(lw[i], "accountable")) && lw[i+1] == "for" && (i == 0 || strings.HasSuffix(f[i-1], ",")) {
			return ask("is", "responsible for")
		}
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	if !unicode.IsUpper(r) {
		return ""
	}
	i := 0
	for i < len(lw)-2 && predicateAdverbsSet.hasFold(lw[i]) {
		i++
	}
	// "Tend to …", "Need to …" after a plural term.
	if subjectBaseVerbsSet.hasFold(lw[i]) && lw[i+1] == "to" {
		if !isPlural(term) {
			return ""
		}
		return ask("does", strings.ToLower(lw[i])+" to do")
	}
	// "Digs into data …", "Sets the pace …": a verb of the third person,
	// then what it acts on (a plural noun, "Patches of three sizes", is
	// followed by no determiner; not "on", "to", "for": "Comments on
	// flows", "Details such as").
	if !in(" the a an this these those into up down out off back every each all any his her their its everyone anyone someone ", lw[i+1]) {
		return ""
	}
	if v := strings.ToLower(lw[i]); verbBase(v) != "" && !definingVerbsSet.has(v) && !isPlural(term) && agentTerm(term) {
		return ask("does", "do")
	}
	return ""
}

// agentNouns name someone who acts: a role, a team, a person.
var agentNounsSet = wordsOf("team lead leader manager engineer analyst owner crew staff department committee board group officer person member user customer client marketing sales engineering support finance")

// agentTerm reports whether a term names someone who acts ("Jack
// operator", "Analytics Team/Data Analyst"), so that a text opening with
// a verb says what they do; "Review Time: Hours a change waits …" opens
// with a plural noun, not a verb.
func agentTerm(term string) bool {
	last := term[strings.LastIndexAny(term, " /")+1:]
	last = strings.ToLower(strings.Trim(last, ",.;:()"))
	if agentNounsSet.has(last) {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ant", "ian"} {
		if strings.HasSuffix(last, suf) && len(last) > len(suf)+3 {
			return true
		}
	}
	return false
}

// methodNouns head the name of a way of doing something: "Echo method".
var methodNounsSet = wordsOf("method technique approach procedure trick drill exercise routine")

// methodQuestion asks how a named method works when its text says what to
// do rather than what it is: "**Echo method**: Clap in front of a wall …"
// → "How does the *echo method* work?"; "" otherwise.
func methodQuestion(term string, back []string, words map[string]int) string {
	if len(back) == 0 || !methodNounsSet.hasFold(term[strings.LastIndexByte(term, ' ')+1:]) {
		return "" // most terms: no method's name
	}
	f := strings.Fields(term)
	if len(f) < 2 || len(f) > 4 {
		return ""
	}
	if art, _ := splitArticle(term); art != "" {
		return ""
	}
	var buf [2]string
	a := leadFields(back[0], buf[:0])
	if len(a) < 2 || determinersSet.hasFold(a[0]) || in(" a an one ", strings.ToLower(a[0])) || copulaWithin(back[0], 4) {
		return "" // "A way of …": a definition
	}
	r, size := utf8.DecodeRuneInString(f[0])
	if strings.IndexFunc(f[0][size:], unicode.IsUpper) >= 0 || !unicode.IsLetter(r) {
		return ""
	}
	return "How does the *" + lowerCommon(term, words) + "* work?"
}

// signalKinds name a list of signs: under "Behavioral Signals" an item is
// asked what it signals, not what it is or involves.
var signalKindsSet = wordsOf("signal sign indicator symptom")

// signalQuestion asks what an item of a list of signs signals.
func signalQuestion(term, kind string, words map[string]int) string {
	f := strings.Fields(kind)
	if len(f) == 0 || !signalKindsSet.has(f[len(f)-1]) || strings.ContainsAny(term, ":?") {
		return ""
	}
	does := "does"
	if isPlural(term) {
		does = "do"
	}
	return "What " + does + " *" + lowerCommon(term, words) + "* signal?"
}

// restatesHead reports whether an item's text opens with the second word
// of its term: "**Lead Time for Changes**: Time from code commit to …" is a
// noun phrase defined by its head, not the command "Lead …".
func restatesHead(term string, back []string) bool {
	if len(back) == 0 {
		return false
	}
	first, _, _ := strings.Cut(strings.TrimSpace(back[0]), " ")
	first = strings.Trim(first, ",.;:")
	if len(first) < 3 {
		return false
	}
	_, rest, ok := strings.Cut(term, " ")
	if !ok {
		return false
	}
	// The word after the verb-like first word: "Lead Time" read as a
	// noun, not "Combine … Data", whose text only happens to open with
	// its object.
	second, _, _ := strings.Cut(rest, " ")
	return strings.EqualFold(strings.Trim(second, ",.;:()"), first)
}

// problemHeadings name a list of problems: each item is a symptom, and
// its text says what causes it (and what to do).
var problemHeadingsSet = phraseSet(" troubleshooting problems common problems symptoms faults common faults what can go wrong ")

// symptomQuestion asks what causes an item of a problems list: under
// "Troubleshooting", "**Dense crumb**: Usually under-fermented dough." →
// "What causes *Dense crumb*?"; "" elsewhere, or when the item's text
// says what to do rather than why.
func symptomQuestion(term, list string, back []string) string {
	if list == "" || !inSet(problemHeadingsSet, cleanHeading(list)) || len(back) == 0 || instruction(back[:1]) || strings.ContainsAny(term, ":?") || isImperative(term) {
		return ""
	}
	return "What causes *" + term + "*?"
}

// usageParticiples open an item's text that says how a thing is used:
// "**Fondant**: Added on top of the frames in late winter …".
var usageParticiplesSet = wordsOf("added used applied placed given fed taken worn fitted put kept stored served mixed sprinkled spread poured laid inserted")

// usageQuestion asks how a thing is used when its text opens with a
// participle of use: "How is *Fondant* used?"; "" otherwise.
func usageQuestion(term string, back []string, words map[string]int) string {
	if len(back) == 0 || isImperative(term) || isGerund(term) || strings.ContainsAny(term, ":?") {
		return ""
	}
	first, rest, ok := strings.Cut(strings.TrimSpace(back[0]), " ")
	if !ok || !startsUpper(first) || !usageParticiplesSet.hasFold(strings.Trim(first, ",")) || wordCount(rest) < 3 {
		return ""
	}
	be := "is"
	if isPlural(term) {
		be = "are"
	}
	return "How " + be + " *" + lowerCommon(term, words) + "* used?"
}

// fitLabels are labels that say what something suits: "**Best for**:
// Transactions and reporting" under "Relational Databases".
var fitLabelsSet = phraseSet(" best for good for ideal for great for suited to suitable for use it for used for not for avoid for worst for ")

// fitQuestion asks what the heading's subject suits: "What are
// *relational databases* best for?"; "" for other terms.
func fitQuestion(term, h string, words map[string]int) string {
	if h == "" || !inSet(fitLabelsSet, strings.TrimSuffix(term, ":")) || isClause(h) || wordCount(h) > 5 {
		return ""
	}
	subject := lowerCommon(cleanHeading(h), words)
	be := "is"
	if isPlural(subject) {
		be = "are"
	}
	return "What " + be + " " + subject + " " + strings.ToLower(strings.TrimSuffix(term, ":")) + "?"
}

// openQuestion asks for the answer a bare question item gets: "**How
// much data?**: Under a few hundred gigabytes, one server is enough." →
// "What is the answer to *How much data?*" (the term's own mark ends it).
func openQuestion(term string) string {
	if !strings.HasSuffix(term, "?") || strings.ContainsAny(term[:1], "\"“'") || wordCount(term) < 2 {
		return ""
	}
	return "What is the answer to *" + term + "*"
}

// adviceClaimQuestion asks why to follow a command in a list of rules or
// tips when its text is a statement rather than a further instruction:
// under "Rules of Thumb", "**Avoid premature sharding**: Sharding
// multiplies operational work …" → "Why avoid premature sharding?".
func adviceClaimQuestion(term, list, h string, back []string, words map[string]int) string {
	// A command is rarer than a rules heading: it is looked for first.
	if len(back) == 0 || !looksImperative(term) || strings.ContainsAny(term, "?:;/\"“") || wordCount(term) > 8 ||
		!namesAdvice(list) && (h == list || !namesAdvice(h)) || instruction(back) || startsWithGerund(back) || !declarative(back[0]) {
		return ""
	}
	neg, f := commandWords(term)
	if len(f) < 2 {
		return ""
	}
	return "Why " + neg + lowerFirstWord(lowerCommon(strings.Join(f, " "), words)) + "?"
}

// declarative reports whether a text opens as a statement, a subject and
// its verb within its first words ("It covers most workloads", "Sharding
// multiplies …", "A spoke hole left uncovered punctures …"), not a
// command or a fragment ("Instead of …, break it up").
func declarative(s string) bool {
	var buf [7]string
	f := leadFields(s, buf[:0])
	if len(f) < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	if !unicode.IsUpper(r) || looksImperative(s) || in(" instead when if while before after to for by with ", strings.ToLower(f[0])) {
		return false
	}
	for i := 1; i < len(f); i++ {
		w := strings.ToLower(strings.Trim(f[i], ",.;:"))
		if in(" should must shouldn't mustn't ", w) || claimCopulasSet.has(w) && i+1 < len(f) && in(" encouraged advised expected told asked required ", strings.ToLower(f[i+1])) {
			return false // "Developers are encouraged to …": an instruction after all
		}
		if claimCopulasSet.has(w) || modalsSet.has(w) {
			return true
		}
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && verbBase(w) != "" && !determinersSet.has(strings.ToLower(f[i-1])) {
			return true
		}
	}
	return false
}
