package content

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A list card asks "name the 4 <things>". The things come from the lead-in
// sentence where a few common shapes allow it, so the question reads as a
// person would have written it:
//
//	"Key practices include:"                          → key practices
//	"Trust can be lost through practices such as:"    → practices through which trust can be lost
//	"Lax highlights several key advantages of X:"     → key advantages of X
//	"Several common pitfalls can derail PLS efforts:" → common pitfalls that can derail PLS efforts
//	"This involves:"                                  → things this involves
//	"To develop intuition for good evals:"            → ways to develop intuition for good evals
//	"For example:"                                    → examples
//
// When no shape fits, the question quotes the lead-in and asks for the items.
// The phrasing works on words (no regular expressions) and only on the one
// sentence before the list.

// maxNounWords bounds a derived phrase; longer ones read worse than the
// generic question.
const maxNounWords = 14

// Word lists for the shapes above, as " word word " strings so they are
// constants (see in).
const (
	quantifiers = " two three four five six seven eight nine ten eleven twelve 2 3 4 5 6 7 8 9 10 11 12 several multiple various few some many certain numerous "
	determiners = " the a an these those this that such all following "
	pronouns    = " it it's this these they there we you he she that those which what "
	modals      = " can could may might will would should must "
	listVerbs   = " include includes included are were is was comprise comprises contain contains "
	// boundaries end a trailing noun phrase when scanning back from "such as".
	boundaries = " with on of for through by to from in into at about via are is was were include includes including use uses using be been being and or "
	relatives  = " what which that who to how where when "
	abbrevs    = " e.g. i.e. vs. etc. dr. mr. mrs. ms. st. no. approx. cf. c. ca. "
	// startWords are capitalised only because they start a sentence.
	startWords = " to for in on with when while during after before beyond the a an this these those it it's its they there some many key main common early specific several certain users companies teams people each every other such most core primary important new good "
	prepEnds   = " on from in with about for into at "
)

// in reports whether word is one of set's words.
func in(set, word string) bool {
	if word == "" || strings.IndexByte(word, ' ') >= 0 {
		return false
	}
	// Contains(set, " "+word+" ") without making that string: the walk
	// asks this of most words of every note.
	for from := 0; ; {
		i := strings.Index(set[from:], word)
		if i < 0 {
			return false
		}
		i += from
		if end := i + len(word); i > 0 && set[i-1] == ' ' && end < len(set) && set[end] == ' ' {
			return true
		}
		from = i + 1
	}
}

// lastSentence returns the final sentence of a paragraph, the one that
// introduces the list.
func lastSentence(s string) string {
	s = strings.TrimSpace(s)
	cut := 0
	for i := 0; i+2 < len(s); i++ {
		c := s[i]
		if (c != '.' && c != '?' && c != '!') || s[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+2:])
		if !unicode.IsUpper(next) && next != '"' && next != '“' && !unicode.IsDigit(next) {
			continue
		}
		start := strings.LastIndexByte(s[:i], ' ') + 1
		if c == '.' && abbrevsSet.has(strings.ToLower(strings.TrimLeft(s[start:i+1], `("'“[`))) {
			continue
		}
		cut = i + 2
	}
	return strings.TrimSpace(s[cut:])
}

// leadInNoun derives what a list enumerates from its lead-in sentence, or
// "" when none of the known shapes fits. body is the note, consulted to
// decide whether a capitalised first word is a name. A leading adverbial
// the shapes pass over ("When designing rating systems, common mistakes
// include") is kept at the end: without it the noun has no subject.
func leadInNoun(sentence string, body []byte) string {
	noun := leadInShape(sentence, body)
	if noun == "" {
		return ""
	}
	if adv := leadingAdverbial(sentence); adv != "" && !strings.Contains(noun, adv) && wordCount(noun)+wordCount(adv) <= maxNounWords {
		noun += " " + adv
	}
	return noun
}

// adverbialStarts open a phrase that sets a list's scope: "When designing
// rating systems,", "For product leaders,".
const adverbialStarts = " when while during for in after before among within "

// leadingAdverbial returns a short scene-setting phrase before a
// sentence's first comma, lower-cased, or "".
func leadingAdverbial(sentence string) string {
	i := strings.Index(sentence, ", ")
	if i < 0 {
		return ""
	}
	head := strings.Fields(sentence[:i])
	if len(head) < 2 || len(head) > 6 || !adverbialStartsSet.hasFold(head[0]) {
		return ""
	}
	for _, w := range head {
		if pronounsSet.hasFold(w) || strings.ContainsAny(w, `"“”`) {
			return ""
		}
	}
	head[0] = strings.ToLower(head[0])
	return strings.Join(head, " ")
}

// leadInShape is leadInNoun without the leading adverbial.
func leadInShape(sentence string, body []byte) string {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sentence), ":"))
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], s)
	if len(words) == 0 {
		return ""
	}
	lower := strings.ToLower(s)
	switch lower {
	case "for example", "for instance", "e.g.", "examples include", "examples", "such as", "examples are":
		return "examples"
	}
	for n := len(words); n > 1 && strings.EqualFold(words[n-1], "following"); n = len(words) {
		words = words[:n-1]
		if n := len(words); n > 0 && strings.EqualFold(words[n-1], "the") {
			words = words[:n-1]
		}
	}
	if len(words) == 0 {
		return ""
	}
	// "Look for these warning signs first": the signs to look for.
	if np := commandLeadIn(words); np != "" {
		return np
	}
	clause := lastClause(words)
	lw := lowerWords(clause)
	n := len(clause)
	phrase := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		if len(all) == 0 || len(all) > maxNounWords {
			return ""
		}
		return strings.Join(all, " ")
	}

	// "... practices such as", "... tools like", "... capabilities including"
	var core []string
	switch {
	case n >= 2 && lw[n-1] == "as" && lw[n-2] == "such":
		core = clause[:n-2]
	case n >= 1 && (lw[n-1] == "like" || lw[n-1] == "including"):
		core = clause[:n-1]
	}
	if core != nil {
		lc := lowerWords(core)
		for k := 0; k+4 < len(core); k++ {
			if lc[k] == "can" && lc[k+1] == "be" && (lc[k+3] == "through" || lc[k+3] == "by" || lc[k+3] == "via" || lc[k+3] == "with") {
				np := stripDeterminers(core[k+4:])
				subject := lowerFirst(core[:k], body)
				if len(np) > 0 && len(subject) > 0 {
					return phrase(np, []string{core[k+3], "which"}, subject, []string{"can", "be", core[k+2]})
				}
			}
		}
		j := len(core) - 1
		for j >= 0 && !boundariesSet.has(lc[j]) {
			j--
		}
		if np := stripDeterminers(core[j+1:]); len(np) > 0 {
			return phrase(lowerFirst(np, body))
		}
		return ""
	}

	// "Key practices include", "The four key teams required for X are"
	if n >= 2 && listVerbsSet.has(lw[n-1]) {
		np := stripDeterminers(clause[:n-1])
		if len(np) > 0 && !pronounsSet.hasFold(np[0]) {
			return phrase(lowerFirst(np, body))
		}
	}

	// "Slow onboarding often stems from", "This is caused by"
	if effect := causeSubject(clause); len(effect) > 0 {
		return phrase([]string{"causes", "of"}, lowerFirst(effect, body))
	}

	// "... has seen significant changes due to"
	if n >= 3 && ((lw[n-2] == "due" && lw[n-1] == "to") || (lw[n-2] == "because" && lw[n-1] == "of")) {
		return phrase([]string{"reasons"}, lowerFirst(clause[:n-2], body))
	}

	// "users are advised to", "It's better to"
	if n >= 2 && n <= 6 && lw[n-1] == "to" {
		return phrase([]string{"things"}, lowerFirst(clause, body), []string{"do"})
	}

	// "Lax highlights several key advantages of a centralized model"
	lwAll := lowerWords(words)
	for q := len(words) - 2; q >= 0; q-- {
		if !quantifiersSet.has(lwAll[q]) || boundariesSet.has(lwAll[q+1]) {
			continue
		}
		np := words[q+1:]
		for i, w := range np {
			if strings.HasSuffix(w, ",") {
				np = append(append([]string(nil), np[:i]...), strings.TrimSuffix(w, ","))
				break
			}
		}
		// "trust is vital for several reasons": the reasons of what the
		// sentence claims.
		if len(np) == 1 && q >= 3 && in(" reasons factors ", lwAll[q+1]) && in(" for of with ", lwAll[q-1]) {
			if claim := lastClause(words[:q-1]); len(claim) >= 2 && hasCopula(lowerWords(claim)) {
				return phrase(np, lowerFirst(claim, body))
			}
		}
		return phrase(withThat(np))
	}

	// "Benchmarks can provide a realistic view of X"
	for k := 1; k < n && k <= 8; k++ {
		if modalsSet.has(lw[k]) {
			np := stripDeterminers(clause[:k])
			if len(np) == 0 || pronounsSet.hasFold(np[0]) {
				break
			}
			return phrase(lowerFirst(np, body), []string{"that"}, clause[k:])
		}
	}

	// "Useful questions to ask in those calls": the lead-in is the noun.
	if np := bareNounPhrase(clause, body); np != nil {
		return phrase(np)
	}

	// "To develop intuition for good evals"
	if len(words) >= 2 && strings.EqualFold(words[0], "to") {
		return phrase([]string{"ways"}, lowerFirst(words, body))
	}

	// "AI tools like Copilot are shifting how developers work"
	for i := 1; i < n; i++ {
		if lw[i] == "how" {
			return phrase([]string{"ways"}, lowerFirst(clause, body))
		}
	}

	// "Johnson's advice for managers": a noun phrase with its owner.
	if possessiveNounPhrase(lw) {
		return phrase(lowerFirst(clause, body))
	}

	// "This involves", "DoorDash implements", "Companies are focusing on"
	if n >= 2 && n <= 6 {
		first, _ := utf8.DecodeRuneInString(clause[0])
		last := lw[n-1]
		verbish := prepEndsSet.has(last) || strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ed")
		if verbish && (unicode.IsUpper(first) || pronounsSet.has(lw[0])) {
			return phrase([]string{"things"}, lowerFirst(clause, body))
		}
	}
	return ""
}

// lastClause returns the words after the sentence's last comma, unless that
// leaves nothing to work with.
func lastClause(words []string) []string {
	for i := len(words) - 2; i >= 0; i-- {
		if strings.HasSuffix(strings.TrimRight(words[i], `"”'’`), ",") {
			return words[i+1:]
		}
	}
	return words
}

// causeVerbs end a lead-in whose list gives causes: "… stems from".
var causeVerbs = [][]string{{"stems", "from"}, {"stem", "from"}, {"results", "from"}, {"result", "from"},
	{"comes", "from"}, {"come", "from"}, {"is", "caused", "by"}, {"are", "caused", "by"}, {"is", "driven", "by"},
	{"are", "driven", "by"}, {"is", "rooted", "in"}, {"are", "rooted", "in"}}

// causeSubject returns what a causes lead-in explains ("Slow onboarding
// often stems from" → "Slow onboarding"), without frequency adverbs, or nil.
func causeSubject(clause []string) []string {
	lw := lowerWords(clause)
	for _, v := range causeVerbs {
		n := len(lw) - len(v)
		if n < 1 || !slices.Equal(lw[n:], v) { // the words have no spaces
			continue
		}
		subject := clause[:n]
		for len(subject) > 1 && in(" often usually mostly typically largely frequently commonly generally ", strings.ToLower(subject[len(subject)-1])) {
			subject = subject[:len(subject)-1]
		}
		if np := stripDeterminers(subject); len(np) > 0 {
			if r, size := utf8.DecodeRuneInString(np[0]); unicode.IsUpper(r) && strings.IndexFunc(np[0][size:], unicode.IsUpper) < 0 {
				np = append([]string{strings.ToLower(np[0])}, np[1:]...) // capitalised as the sentence's start
			}
			return np
		}
		return subject // "This stems from": the caller puts the heading for "this"
	}
	return nil
}

// listRole reads what a reasons or causes lead-in explains: the claim of
// "For growing companies, good onboarding is essential for several
// reasons:" ("good onboarding is essential") or the effect of "This often
// stems from:" (the heading, for "this"). Both are "" for other lead-ins.
func listRole(sentence, heading string, n *note) (claim, effect string) {
	noun := leadInShape(sentence, n.body)
	switch {
	case strings.HasPrefix(noun, "reasons ") && hasCopula(lowerWords(strings.Fields(noun))):
		return strings.TrimPrefix(noun, "reasons "), ""
	case strings.HasPrefix(noun, "causes of "):
		effect = strings.TrimPrefix(noun, "causes of ")
		if pronounsSet.hasFold(effect) {
			if heading == "" {
				return "", ""
			}
			effect = lowerCommon(firstOfContrast(cleanHeading(heading)), n.wordCounts())
		}
		return "", effect
	}
	return "", ""
}

// restatesTerm reports whether an answer only says its term again
// ("Running Experiments Too Long: Experiments are often run longer than
// necessary"): it repeats two words of the term or more and adds at most
// two of its own.
func restatesTerm(term, answer string) bool {
	if wordCount(answer) > 12 {
		return false
	}
	stems := make(map[string]bool)
	for _, w := range termWords(term) {
		stems[stemOf(w)] = true
	}
	shared, added := make(map[string]bool), 0
	for _, w := range strings.FieldsFunc(strings.ToLower(answer), func(r rune) bool { return !isWordRune(r) && r != '-' }) {
		if len(w) < 4 || isStopWord(w) {
			continue
		}
		switch {
		case stems[stemOf(w)]:
			shared[stemOf(w)] = true
		case prefixStem(w, stems):
			shared[w[:4]] = true
		default:
			added++
		}
	}
	return len(shared) >= 2 && added <= 2
}

// hasCopula reports whether a clause says what something is ("trust is
// vital").
func hasCopula(words []string) bool {
	for _, w := range words[1:] {
		if in(" is are was were ", w) {
			return true
		}
	}
	return false
}

func lowerWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(strings.Trim(w, `,;"“”'`))
	}
	return out
}

func stripDeterminers(words []string) []string {
	for len(words) > 0 {
		w := strings.ToLower(words[0])
		if !determinersSet.has(w) && !quantifiersSet.has(w) && !possessivesSet.has(w) {
			break
		}
		words = words[1:]
	}
	return words
}

// withThat turns "pitfalls can derail X" into "pitfalls that can derail X".
func withThat(np []string) []string {
	for k := 1; k < len(np); k++ {
		w := strings.ToLower(np[k])
		if relativesSet.has(w) {
			return np
		}
		if modalsSet.has(w) {
			out := append(append([]string(nil), np[:k]...), "that")
			return append(out, np[k:]...)
		}
	}
	return np
}

// lowerFirst lower-cases the first word when it is capitalised only
// because it starts the sentence: a common word, or one the note also
// writes in lower case. Names ("DoorDash", "Lax") keep their capital.
func lowerFirst(words []string, body []byte) []string {
	if len(words) == 0 {
		return words
	}
	w := words[0]
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || strings.IndexFunc(w[size:], unicode.IsUpper) >= 0 {
		return words
	}
	low := strings.ToLower(w)
	if !startWordsSet.has(strings.Trim(low, `,;"“”'`)) && !containsWord(body, []byte(low)) {
		return words
	}
	out := append([]string(nil), words...)
	out[0] = low
	return out
}

// containsWord reports whether word occurs in body as a whole word, in
// exactly that case.
func containsWord(body, word []byte) bool {
	for off := 0; off < len(body); {
		i := bytes.Index(body[off:], word)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(word)
		before, _ := utf8.DecodeLastRune(body[:start])
		after, _ := utf8.DecodeRune(body[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(body) || !isWordRune(after)) {
			return true
		}
		off = start + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// nounFollowers may follow the plural head of a lead-in that is a bare
// noun phrase ("questions to ask", "tips for new users").
const nounFollowers = " to for in on of that which from about with when during before after "

// adjectiveEnds mark a capitalised first word as an adjective, capitalised
// only because it starts the sentence ("Useful", "Typical", "Suggested").
var adjectiveEnds = []string{"ful", "al", "ive", "ous", "ic", "able", "ible", "ent", "ant", "ary", "less", "ed", "ing"}

// bareNounPhrase returns a lead-in clause that names its items without a
// verb ("Useful questions to ask in those calls" → "useful questions to
// ask in those calls"), its first word lowered, or nil. Up to two
// modifiers may come before the plural head; a capitalised first word
// must be one only because it starts the sentence, so "DoorDash
// implements" (a name and a verb) is no noun phrase.
func bareNounPhrase(clause []string, body []byte) []string {
	words := stripDeterminers(clause)
	if len(words) < 2 || len(words) > maxNounWords {
		return nil
	}
	lw := lowerWords(words)
	if pronounsSet.has(lw[0]) || prepositionsSet.has(lw[0]) || adverbialStartsSet.has(lw[0]) {
		return nil
	}
	head := -1
	for k := 0; k < len(words) && k <= 2; k++ {
		w := strings.Trim(lw[k], ",;:")
		if listVerbsSet.has(w) || modalsSet.has(w) || finiteVerbsSet.has(w) || prepositionsSet.has(w) {
			return nil
		}
		if isPlural(w) && (k == len(words)-1 || nounFollowersSet.has(lw[k+1])) {
			head = k
			break
		}
	}
	if head < 0 || head == len(words)-1 && (head == 0 || len(words) < len(clause)) {
		// "Examples": one word says nothing; "A good platform enables",
		// "This brief covers": a singular subject and its verb.
		return nil
	}
	first := strings.ToLower(words[0])
	if head > 0 && !kindAdjectivesSet.has(first) && !startWordsSet.has(first) && !adjectiveLike(first) {
		return nil // "follow specific rules", "Lax prioritizes": a verb or a name first
	}
	out := words
	if r, size := utf8.DecodeRuneInString(out[0]); unicode.IsUpper(r) {
		if strings.IndexFunc(out[0][size:], unicode.IsUpper) >= 0 {
			return nil // a name: "DoorDash engineers"
		}
		out = append([]string{first}, out[1:]...)
	}
	return out
}

// adjectiveLike reports whether a word ends as adjectives do.
func adjectiveLike(w string) bool {
	for _, end := range adjectiveEnds {
		if len(w) > len(end)+2 && strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}
