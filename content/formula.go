package content

import (
	"slices"
	"strings"
	"unicode"

	"github.com/recallcards/recall/deck"
)

// Formula cards ask what a display formula computes, in the words of the
// sentence that leads in to it: "The denominator can be expanded …" asks
// how the denominator expands, "In odds form, the theorem reads" asks for
// Bayes' theorem in odds form, "… gives the posterior odds" for the
// posterior odds. "The theorem" is the note's named theorem ("Bayes'
// theorem"), as the note writes it elsewhere. Without such a sentence the
// heading names it, unless it states a claim; then the formula's left-hand
// side does. The card's identity stays what it was before questions were
// worded so (formulaSubject, or the heading, or the title): a better
// question keeps the card's history.

// formula makes a formula card of a display formula: what it computes,
// from the lead-in sentence before it or the heading, → the formula.
// It returns the rendered formula when it made a card, else "".
func (w *walker) formula(b *mathBlock, lead *para) string {
	tex := b.tex(w.src)
	rendered := renderLatex(tex)
	if !hasWord(rendered) && !strings.ContainsAny(rendered, "=<>≤≥≈") {
		return ""
	}
	off := w.offsetOf(b)
	if lead != nil && len(w.proseParas) > 0 && w.proseParas[len(w.proseParas)-1].p == lead {
		w.proseParas[len(w.proseParas)-1].formulaLead = true
	}
	key, sentence := "", ""
	if lead != nil {
		sentence = lastSentence(lead.plain)
		key = formulaSubject(sentence)
	}
	h := w.currentHeadingText()
	if key == "" {
		key = cleanHeading(h)
	}
	if key == "" {
		key = w.note.title
	}
	var q string
	if worked := workedResult(rendered); worked != "" {
		// A worked calculation is a problem, not a formula: its question
		// (the sentence before it, with the givens) → the working's start
		// and its result, "n = PV / RT ≈ 0.80 mol". Without such a
		// question it is only asked when its lead-in names what it gives.
		if strings.HasSuffix(sentence, "?") {
			q = sentence
		} else if q = w.leadInQuestion(sentence, rendered); q == "" {
			return ""
		}
		rendered = worked
	} else {
		q = w.formulaQuestion(sentence, cleanHeading(h), rendered)
	}
	if w.askedBefore(q) {
		// Two formulas under one question is interference: the second is
		// asked for its left side, or not at all.
		lhs := leftSide(rendered)
		if lhs == "" || w.askedBefore("What is the formula for "+lhs+"?") {
			return ""
		}
		q = "What is the formula for " + lhs + "?"
	}
	w.note.entries = append(w.note.entries, entry{kind: deck.KindFormula, offset: off, line: w.lineOf(off),
		section: w.visibleSection(), term: key, back: []string{rendered}, seconds: -1,
		leadIn: q, prose: true})
	return rendered
}

// workedResult returns a worked calculation shortened to its formula and
// its result ("n = PV / RT = (2.0 × 10⁵)(…) / (…) ≈ 0.80 mol" → "n = PV /
// RT ≈ 0.80 mol"), or "" when the formula is not one: a worked
// calculation has at least two relations, the last giving a number.
func workedResult(rendered string) string {
	var parts, ops []string
	rest := rendered
	for {
		i, op := -1, ""
		for _, o := range []string{" = ", " ≈ "} {
			if j := strings.Index(rest, o); j >= 0 && (i < 0 || j < i) {
				i, op = j, o
			}
		}
		if i < 0 {
			break
		}
		parts, ops = append(parts, rest[:i]), append(ops, op)
		rest = rest[i+len(op):]
	}
	parts = append(parts, rest)
	if len(parts) < 3 {
		return ""
	}
	last := strings.TrimSpace(parts[len(parts)-1])
	if last == "" || last[0] < '0' || last[0] > '9' {
		return ""
	}
	if len(parts) == 3 {
		return rendered
	}
	return parts[0] + ops[0] + parts[1] + ops[len(ops)-1] + last
}

// askedBefore reports whether a formula card of the note asks q already.
func (w *walker) askedBefore(q string) bool {
	for i := range w.note.entries {
		if e := &w.note.entries[i]; e.kind == deck.KindFormula && e.leadIn == q {
			return true
		}
	}
	return false
}

// formulaQuestion words the question of a formula card.
func (w *walker) formulaQuestion(sentence, heading, rendered string) string {
	counts := w.note.wordCounts()
	if q := w.leadInQuestion(sentence, rendered); q != "" {
		return q
	}
	if heading != "" && !claimShaped(heading) && !inSet(genericHeadingsSet, heading) && !genericFormulaName(heading) &&
		!in(" why how what when where ", strings.ToLower(firstWord(heading))) {
		what := lowerCommon(heading, counts)
		if formulaHeadsSet.hasFold(lastWord(what)) {
			return "What is " + lowerLead(what) + "?" // "the compounding formula"
		}
		return "What is the formula for " + lowerLead(what) + "?"
	}
	if lhs := leftSide(rendered); lhs != "" {
		return "What is the formula for " + lhs + "?"
	}
	return "What is the formula for " + lowerCommon(w.note.title, counts) + "?"
}

// formulaHeads name a formula itself: "the compounding formula" is asked
// as it is, not as "the formula for the compounding formula".
const formulaHeads = " formula formulas equation equations expression identity "

// genericFormulaName reports whether a heading only says that a formula
// follows ("The Formula", "Equations").
func genericFormulaName(h string) bool {
	words := strings.Fields(strings.ToLower(h))
	if len(words) > 0 && in(" the a an ", words[0]) {
		words = words[1:]
	}
	if len(words) > 0 && (words[len(words)-1] == "example" || words[len(words)-1] == "examples") {
		return true // "Worked Example": it names no quantity
	}
	return len(words) == 1 && in(formulaHeads+" math maths mathematics derivation ", words[0])
}

// formulaVerbs end the subject of a lead-in and say how it is asked:
// "for" asks "What is the formula for X?", "expand" asks how X expands,
// "grow" what X grows to, "satisfy" what equation X satisfy.
var formulaVerbs = []struct{ verb, shape string }{
	{" states that ", "for"}, {" says that ", "for"}, {" shows that ", "for"},
	{" can be expanded", "expand"}, {" is expanded", "expand"}, {" expands as", "expand"}, {" expands to", "expand"},
	{" grows to", "grow"}, {" grow to", "grow"}, {" decays to", "decay"}, {" decay to", "decay"},
	{" satisfies", "satisfy"}, {" satisfy", "satisfy"}, {" obeys", "satisfy"}, {" obey", "satisfy"},
	{" are related by", "satisfy"}, {" is related by", "satisfy"},
	{" reads", "for"}, {" becomes", "for"}, {" takes the form", "for"}, {" can be rewritten as", "for"},
	{" is given by", "for"}, {" is defined as", "for"}, {" is computed as", "for"}, {" is calculated as", "for"},
	{" is written as", "for"}, {" can be written as", "for"}, {" is expressed as", "for"}, {" equals", "for"},
	{" are given by", "for"}, {" are defined as", "for"}, {" depends on ", "for"}, {" is proportional to ", "for"},
	{" varies with ", "for"}, {" is found by", "find"}, {" are found by", "find"},
	{" is obtained by", "find"}, {" are obtained by", "find"}, {" is", "for"}, {" are", "for"},
}

// namingVerbs give the name of what the formula is: "Such a sum is called
// a Fourier series:" asks for the formula of a Fourier series.
var namingVerbs = []string{" is called ", " are called ", " is known as ", " are known as "}

// leadInQuestion words the question from the sentence before a formula,
// or returns "" when the sentence does not say what the formula gives.
func (w *walker) leadInQuestion(sentence, rendered string) string {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sentence), ":"))
	if s == "" {
		return ""
	}
	// "is usually written as", "depends only on": the adverb does not
	// change what the formula gives.
	s = formulaAdverbs.Replace(s)
	// "The odds ratio (OR) is …:" over "OR = …": the term the left side
	// abbreviates.
	if lhs := leftSide(rendered); lhs != "" {
		if term := definedSubject(s); term != "" && initialsOf(term) == lhs {
			return "What is the formula for " + w.formulaName(term) + "?"
		}
	}
	for _, v := range namingVerbs {
		if i := strings.LastIndex(s, v); i > 0 {
			name := strings.TrimSpace(s[i+len(v):])
			if n := wordCount(name); n >= 1 && n <= 5 && !strings.ContainsAny(name, ",;") && !startsWithPointer(name) {
				return "What is the formula for " + lowerLead(name) + "?"
			}
		}
	}
	// "…, and multiplying the prior odds by it gives the posterior odds":
	// what the last clause says the formula gives.
	for _, v := range []string{" gives ", " yields ", " produces "} {
		if i := strings.LastIndex(s, v); i > 0 {
			obj := strings.TrimSpace(s[i+len(v):])
			if n := wordCount(obj); n >= 1 && n <= 6 && !strings.ContainsAny(obj, ",;") && !startsWithPointer(obj) {
				return "What is the formula for " + w.formulaName(obj) + "?"
			}
		}
	}
	adverbial := ""
	// "In odds form, the theorem reads", "With a doubling time T_d, the
	// number of cells after time t is": the adverbial scopes the question
	// unless it leans on something ("In his equation").
	if first := strings.ToLower(firstWord(s)); in(" in with for under using at when on ", first) {
		if i := strings.Index(s, ", "); i > 0 && wordCount(s[:i]) <= 8 {
			adverbial, s = s[:i], strings.TrimSpace(s[i+2:])
			if leansBack(adverbial, "") {
				adverbial = ""
			}
		}
	}
	for _, fv := range formulaVerbs {
		i := strings.Index(s, fv.verb)
		if i <= 0 {
			continue
		}
		end := i + len(fv.verb)
		if !strings.HasSuffix(fv.verb, " ") && end < len(s) && s[end] != ' ' && s[end] != ',' {
			continue // "is" of "isolated"
		}
		rest := strings.TrimSpace(s[end:])
		subj := strings.TrimSpace(s[:i])
		words := strings.Fields(subj)
		if len(words) == 0 || notSubjectsSet.hasFold(words[0]) && !in(" the a an ", strings.ToLower(words[0])) {
			return ""
		}
		if fv.shape == "for" && len(words) > 8 || len(words) > 16 {
			return ""
		}
		// "The period … is given by" ends there; "X is the ratio of …" says
		// what X is in words, and the formula is not its subject then.
		if fv.shape == "for" && !strings.HasSuffix(fv.verb, " ") && rest != "" &&
			!strings.HasPrefix(rest, "by") && !strings.HasPrefix(rest, "as") && !strings.HasPrefix(rest, "the following") {
			continue
		}
		name := w.formulaName(subj)
		scope := ""
		if adverbial != "" {
			scope = " " + lowerLead(adverbial)
			if !strings.HasPrefix(strings.ToLower(adverbial), "in ") {
				scope = "," + scope
			}
		}
		switch fv.shape {
		case "expand":
			if lhs := leftSide(rendered); lhs != "" && !slices.Contains(strings.Fields(name), lhs) {
				name += " " + lhs
			}
			return "How does " + name + " expand" + scope + "?"
		case "find":
			if lhs := leftSide(rendered); lhs != "" && !slices.Contains(strings.Fields(name), lhs) {
				name += " " + lhs
			}
			verb := "How is "
			if isPlural(subj) {
				verb = "How are "
			}
			return verb + name + " found" + scope + "?"
		case "grow", "decay":
			return "What does " + name + " " + fv.shape + " to" + scope + "?"
		case "satisfy":
			verb := "What equation does "
			if strings.Contains(subj, " and ") || isPlural(subj) {
				verb = "What equation do "
			}
			return verb + name + " satisfy" + scope + "?"
		}
		return "What is the formula for " + name + scope + "?"
	}
	return namedFormula(s)
}

var formulaAdverbs = strings.NewReplacer(" usually ", " ", " often ", " ", " commonly ", " ", " only ", " ",
	" simply ", " ", " normally ", " ", " typically ", " ", " also ", " ", " then ", " ", " directly ", " ")

// namedFormula asks for a formula the lead-in's subject names, whatever
// its verb: "The van der Waals equation corrects for both effects …" →
// "What is the van der Waals equation?". The name needs a word of its own
// before the head ("The equation" names nothing).
func namedFormula(s string) string {
	words := strings.Fields(s)
	if len(words) < 3 || !in(" the a an ", strings.ToLower(words[0])) {
		return ""
	}
	for k := 2; k < len(words) && k <= 6; k++ {
		w := strings.ToLower(strings.Trim(words[k], ",;:"))
		if strings.ContainsAny(words[k-1], ",;:") {
			return ""
		}
		if in(" equation formula ", w) {
			return "What is " + strings.ToLower(words[0]) + " " + strings.Join(words[1:k], " ") + " " + w + "?"
		}
		if in(" law theorem rule principle ", w) {
			return "What is the formula for " + strings.ToLower(words[0]) + " " + strings.Join(words[1:k], " ") + " " + w + "?"
		}
	}
	return ""
}

// formulaName is a lead-in's subject as a question names it: lower-cased
// where the note writes the words so, and "the theorem" written as the
// note names it ("Bayes' theorem").
func (w *walker) formulaName(subj string) string {
	subj = strings.TrimSpace(subj)
	words := strings.Fields(subj)
	if len(words) == 2 && in(" the this ", strings.ToLower(words[0])) {
		if named := w.namedAs(strings.ToLower(words[1])); named != "" {
			return named
		}
	}
	// A sentence's subject is in sentence case already: only its opening
	// article is lowered ("Hooke's law" stays).
	if len(words) > 0 && in(" the a an ", strings.ToLower(words[0])) {
		return strings.ToLower(subj[:1]) + subj[1:]
	}
	return subj
}

// namedAs finds how the note names a thing it also calls "the theorem":
// a capitalised word or two before "theorem" in its paragraphs so far or
// its title ("Bayes' theorem", "Hooke's law"), or "".
func (w *walker) namedAs(head string) string {
	if len(head) < 3 {
		return ""
	}
	texts := make([]string, 0, len(w.proseParas)+1)
	for _, r := range w.proseParas {
		texts = append(texts, plainOf(r.light))
	}
	texts = append(texts, w.note.title)
	for _, t := range texts {
		words := strings.Fields(t)
		for i := 1; i < len(words); i++ {
			if strings.ToLower(strings.Trim(words[i], ",.;:()")) != head {
				continue
			}
			// "Bayes' theorem", "Newton's second law": a capitalised word
			// up to three words before, with no article or preposition
			// between.
			for k := 1; k <= 3 && k <= i; k++ {
				lw := strings.ToLower(words[i-k])
				if in(" the a an this that these in on at for with of by to and or is was ", lw) || strings.ContainsAny(words[i-k], ",.;:") {
					break
				}
				if startsUpper(words[i-k]) {
					return strings.Join(words[i-k:i], " ") + " " + strings.Trim(words[i], ",.;:()")
				}
			}
		}
	}
	// A title ending in the head names it, as written: "The ideal gas
	// law" is what "the law" of its note is.
	tw := strings.Fields(w.note.title)
	if n := len(tw); n >= 2 && n <= 5 && strings.ToLower(tw[n-1]) == head {
		if in(" the a an ", strings.ToLower(tw[0])) {
			tw = tw[1:]
		}
		if len(tw) >= 2 {
			return "the " + lowerLead(strings.Join(tw, " "))
		}
	}
	return ""
}

// leftSide returns a formula's left-hand side when it is a short symbol
// ("P(E)", "N(t)"), or "".
func leftSide(rendered string) string {
	i := strings.Index(rendered, " = ")
	if i <= 0 {
		return ""
	}
	lhs := strings.TrimSpace(rendered[:i])
	if len([]rune(lhs)) > 10 || strings.ContainsAny(lhs, "+=<>") {
		return ""
	}
	return lhs
}

func firstWord(s string) string {
	f, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return strings.Trim(f, ",.;:")
}

func lastWord(s string) string {
	s = strings.TrimSpace(s)
	return strings.Trim(s[strings.LastIndexByte(s, ' ')+1:], ",.;:")
}

// initialsOf returns the capitalised initials of a term's words, "odds
// ratio" → "OR", articles left out.
func initialsOf(term string) string {
	var b strings.Builder
	for w := range strings.FieldsSeq(term) {
		if in(" the a an of ", strings.ToLower(w)) {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
	}
	return b.String()
}

// maxSymbolCards bounds the symbols of one formula carded: a longer
// "where …" is a legend to read.
const maxSymbolCards = 6

// symbolCards makes a card of each symbol that a "where …" paragraph
// right after a display formula defines: "where r is the interest rate per
// period and n is the number of periods" → "In PV = FV / (1 + r)ⁿ, what
// is r?" → "The interest rate per period." A formula card without its
// symbols is learnt as a shape, not a law.
func (w *walker) symbolCards(p *para, rendered string) {
	defs := symbolDefinitions(p.plain)
	if len(defs) == 0 || len(defs) > maxSymbolCards {
		return
	}
	for k, d := range defs {
		q := "In " + rendered + ", what is " + d.symbol + "?"
		w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: p.offset + k, line: p.line,
			section: w.visibleSection(), term: d.symbol + " in " + rendered, back: []string{upperFirst(d.meaning) + "."},
			seconds: p.seconds, question: q, prose: true, late: true})
	}
}

// symbolDefinition is one symbol of a formula and what it stands for.
type symbolDefinition struct{ symbol, meaning string }

// symbolVerbs say what a symbol stands for.
const symbolVerbs = " is are denotes represents "

// symbolDefinitions reads "where PV is the present value, r is the rate
// and n is the number of periods" into its symbols and meanings; nil when
// the clause is no such list ("where the water is shallow").
func symbolDefinitions(s string) []symbolDefinition {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "where ")
	if !ok || strings.ContainsAny(rest, ";:()") {
		return nil
	}
	words := strings.Fields(strings.TrimRight(rest, "."))
	// A definition opens the clause, or follows a comma or "and": "…, n
	// is …", "… and n is …".
	var starts []int
	for k := 0; k+2 < len(words); k++ {
		if isSymbol(words[k]) && in(symbolVerbs, words[k+1]) &&
			(k == 0 || strings.HasSuffix(words[k-1], ",") || words[k-1] == "and") {
			starts = append(starts, k)
		}
	}
	if len(starts) == 0 || starts[0] != 0 {
		return nil
	}
	defs := make([]symbolDefinition, 0, len(starts))
	for i, k := range starts {
		end := len(words)
		if i+1 < len(starts) {
			end = starts[i+1]
			if words[end-1] == "and" {
				end--
			}
		}
		meaning := strings.TrimSuffix(strings.Join(words[k+2:end], " "), ",")
		if n := wordCount(meaning); n < 1 || n > 12 || startsWithPointer(meaning) {
			return nil
		}
		defs = append(defs, symbolDefinition{symbol: words[k], meaning: meaning})
	}
	return defs
}

// isSubscript reports whether r is a Unicode subscript, as the LaTeX
// renderer writes "T_a": "Tₐ".
func isSubscript(r rune) bool { return r >= 0x2080 && r <= 0x209C }

// isSymbol reports whether a word is a formula's symbol: at most three
// letters, and subscripts or primes, not a short word of English ("it",
// "the").
func isSymbol(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) && !isSubscript(r):
			letters++
		case isSubscript(r) || r == '′' || r == '\'' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 1 && letters <= 3 && !in(" it we he she they this that there the a an its our their his her which who what when as at of in on to by or and so if is be ", strings.ToLower(w))
}
