package content

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	celltext "github.com/recallcards/recall/internal/text"
)

// A term the writer marked in prose is often defined in the same
// sentence without "X is a …": by a colon ("It was a *point-contact
// transistor*: two gold contacts pressed into …"), by an appositive
// ("relied on **vacuum tubes**, glass bulbs in which a heated filament
// …"), or as the subject of its own verb ("The **rule of 72** estimates
// how long …", "**Compound interest** is interest earned on …"). A careful
// writer asks what the term is (or does), answered by that part alone;
// what the rest of the sentence leans on does not matter then.

// markedDefinition is what such a sentence defines.
type markedDefinition struct {
	term, question, answer string
}

// vagueStarts open a predicate that says how a thing matters, not what
// it is: "is crucial for", "is often used".
const vagueStarts = " crucial essential important vital key central critical significant useful necessary often usually also not only very more less used seen considered believed thought known able likely "

// definitionByMark finds the definition a sentence gives of its first
// marked term, or a zero markedDefinition. light is the sentence with its
// emphasis marks.
func definitionByMark(light string) markedDefinition {
	open, end := celltext.Emphasis(light)
	if open < 0 {
		return markedDefinition{}
	}
	term := strings.TrimSpace(light[open+1 : end])
	if !keySpan(term) || wordCount(term) > maxSpanWords || commonSpan(term) {
		return markedDefinition{}
	}
	after := strings.ReplaceAll(light[end+1:], "*", "")
	before := light[:open]
	// Mid-sentence the term is asked as the sentence writes it: "What is
	// a *point-contact transistor*?", "What are *vacuum tubes*?".
	asked := definitionQuestion(term)
	if strings.HasSuffix(before, " a ") || strings.HasSuffix(before, " an ") {
		article := strings.TrimSpace(before[strings.LastIndexByte(strings.TrimRight(before, " "), ' ')+1:])
		asked = "What is " + article + " *" + term + "*?"
	} else if before != "" {
		asked = strings.Replace(asked, "*"+upperFirst(term)+"*", "*"+term+"*", 1)
	}
	switch {
	case strings.HasPrefix(after, ": "):
		def := trimStatement(after[2:])
		if n := wordCount(def); n < 4 || n > 30 || startsWithPointer(def) || leansBack(def, term) {
			return markedDefinition{}
		}
		return markedDefinition{term: term, question: asked, answer: upperFirst(def) + "."}
	case strings.HasPrefix(after, ", ") && before != "" && !strings.HasSuffix(strings.TrimSpace(before), ","):
		np := after[2:]
		if i := strings.Index(np, ", "); i >= 0 {
			np = np[:i]
		}
		np = trimStatement(np)
		words := strings.Fields(np)
		if len(words) < 4 || len(words) > 20 {
			return markedDefinition{}
		}
		first := strings.ToLower(words[0])
		// "Their key idea was *wing warping*, twisting the wing tips …": a
		// gerund names what the term is when the term is the complement.
		complement := strings.HasSuffix(before, " was ") || strings.HasSuffix(before, " is ")
		if strings.HasSuffix(first, "ing") && !complement || strings.HasSuffix(first, "ed") || pointerWords[first] != 0 || notSubjectsSet.has(first) && !in(" the a an ", first) {
			return markedDefinition{}
		}
		// A noun phrase with a relative clause: "glass bulbs in which …",
		// "a protein that …".
		if !strings.Contains(np, " which ") && !strings.Contains(np, " that ") && !strings.Contains(np, " who ") && !strings.Contains(np, " where ") {
			return markedDefinition{}
		}
		return markedDefinition{term: term, question: asked, answer: upperFirst(np) + "."}
	}
	// The term as the sentence's subject.
	lead := strings.ToLower(strings.TrimSpace(before))
	if lead != "" && lead != "the" && lead != "a" && lead != "an" {
		return markedDefinition{}
	}
	verb, rest, ok := strings.Cut(strings.TrimSpace(after), " ")
	rest = trimStatement(rest)
	if !ok || wordCount(rest) < 4 || wordCount(rest) > 30 || leansBack(rest, term) {
		return markedDefinition{}
	}
	next := strings.ToLower(firstWord(rest))
	if vagueStartsSet.has(next) || strings.HasSuffix(next, "ly") {
		return markedDefinition{}
	}
	subject := term
	if lead != "" {
		subject = lead + " " + term
	}
	switch verb {
	case "is", "are":
		if strings.HasPrefix(rest, "that ") || strings.HasPrefix(rest, "not ") || opinionClaim(rest) {
			return markedDefinition{} // "… is the most powerful lever": a claim, asked by superlativeClaim
		}
		q := definitionQuestion(term)
		if lead != "" {
			q = "What " + verb + " " + lead + " *" + term + "*?"
		}
		return markedDefinition{term: term, question: q, answer: upperFirst(ownClause(rest)) + "."}
	}
	// "estimates how long", "measures the …": a verb takes an object;
	// "algorithms compute" is a noun before one.
	if !in(" the a an how what whether when why which that each every all both its their his her one two any some ", next) {
		return markedDefinition{}
	}
	aux, base := "does", verbBase(verb)
	if isPlural(term) {
		aux, base = "do", ""
		if !strings.HasSuffix(verb, "s") && strings.ToLower(verb) == verb && len(verb) > 2 && !in(" were had did ", verb) {
			base = verb
		}
	}
	if base == "" {
		return markedDefinition{}
	}
	return markedDefinition{term: term, question: "What " + aux + " " + emphasise(subject, term) + " " + base + "?", answer: upperFirst(rest) + "."}
}

// emphasise writes the term of a subject in emphasis: "the *rule of 72*".
func emphasise(subject, term string) string {
	i := strings.Index(subject, term)
	return subject[:i] + "*" + term + "*" + subject[i+len(term):]
}

// verbBase returns the base form of a present-tense verb of the third
// person ("estimates" → "estimate", "catches" → "catch"), or "" when verb
// is not one.
func verbBase(verb string) string {
	if len(verb) < 4 || !strings.HasSuffix(verb, "s") || strings.HasSuffix(verb, "ss") || strings.HasSuffix(verb, "us") ||
		strings.ToLower(verb) != verb || in(" has does goes was is ", verb) {
		return ""
	}
	for _, es := range []string{"ches", "shes", "sses", "xes", "zes"} {
		if strings.HasSuffix(verb, es) {
			return verb[:len(verb)-2]
		}
	}
	if strings.HasSuffix(verb, "ies") {
		return verb[:len(verb)-3] + "y"
	}
	return verb[:len(verb)-1]
}

// trimStatement drops a statement's end mark.
func trimStatement(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".!"))
}

// definingVerbs say what a thing does as what it is: "Curl describes the
// tendency of …", "The cross product measures how …".
var definingVerbs = []string{"describes", "measures", "represents", "quantifies", "captures", "estimates", "describe", "measure", "represent"}

// verbDefinition asks what a subject the cue names does, when the
// sentence says it with a defining verb: "What does *curl* describe?" →
// "The tendency of a vector field to rotate around a given point." It
// returns "", "" for other sentences.
func verbDefinition(sentence, subject string) (question, answer string) {
	i := strings.Index(sentence, subject)
	if i < 0 || i > 4 {
		return "", ""
	}
	verb, rest, ok := strings.Cut(strings.TrimSpace(sentence[i+len(subject):]), " ")
	if !ok || !slices.Contains(definingVerbs, verb) {
		return "", ""
	}
	rest = trimStatement(rest)
	if n := wordCount(rest); n < 3 || n > 30 || leansBack(rest, subject) {
		return "", ""
	}
	aux, base := "does", verbBase(verb)
	if !strings.HasSuffix(verb, "s") {
		aux, base = "do", verb
	}
	return "What " + aux + " " + markedSubject(subject, i == 0) + " " + base + "?", upperFirst(rest) + "."
}

// markedSubject writes a sentence's subject inside a question with the
// term marked and its article outside the mark: "the *cross product*".
// A subject that opened its sentence has its first word lower-cased
// unless it is a name.
func markedSubject(subject string, opened bool) string {
	asked := subject
	if first, _, _ := strings.Cut(subject, " "); opened && !possessiveName(first) {
		asked = lowerLead(subject)
	}
	if a, t, ok := strings.Cut(asked, " "); ok && in(" the a an ", strings.ToLower(a)) {
		return strings.ToLower(a) + " *" + t + "*"
	}
	return "*" + asked + "*"
}

// possessiveName reports whether a word is a capitalised possessive,
// "Boyle's" or "Bayes'": a name, whatever its place in the sentence.
func possessiveName(w string) bool {
	return capitalised(w) && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’"))
}

// statementNounsSet name the kinds of statement a writer cards by what
// they say: "Boyle's law", "the pigeonhole principle", "Bayes' theorem".
var statementNounsSet = wordsOf("law laws principle principles theorem rule hypothesis effect paradox conjecture postulate axiom lemma razor theory")

// statingVerbs give what a law says, as "that" and a clause.
var statingVerbs = []string{" states that ", " says that ", " holds that ", " asserts that ", " predicts that ", " posits that "}

// lawStatement asks what a named law, principle or rule says: "Boyle's
// law states that the pressure … is inversely proportional to its volume"
// → "What does *Boyle's law* state?" → "The pressure … is inversely
// proportional to its volume." A person who says that something holds
// gives a claim, not a law, and is left to the other rules; so is a
// subject that points back ("This rule"). It returns "", "", "" for any
// other sentence.
func lawStatement(s string) (term, question, answer string) {
	// One look for " that " and the verb before it: this runs for most
	// sentences of every note.
	i, v := -1, ""
	for from := 0; i < 0; {
		j := strings.Index(s[from:], " that ")
		if j < 0 {
			return "", "", ""
		}
		j += from
		for _, sv := range statingVerbs {
			if k := j + len(" that ") - len(sv); k > 0 && s[k:j+len(" that ")] == sv {
				i, v = k, sv
				break
			}
		}
		from = j + 1
	}
	// "… is proportional to its stretch:" and a formula.
	subject, rest := strings.TrimSpace(s[:i]), strings.TrimRight(trimStatement(s[i+len(v):]), ":")
	var buf [8]string
	words := appendFields(buf[:0], subject)
	if len(words) == 0 || len(words) > 7 || !capitalised(words[0]) || strings.ContainsAny(subject, ",;:()\"“") || startsWithPointer(subject) {
		return "", "", ""
	}
	// "The theorem states …" points back to one named before: the
	// kind noun needs a name or a qualifier beside it.
	named, other := false, false
	for k, w := range words {
		switch {
		case k > 0 && statementNounsSet.has(strings.ToLower(w)):
			named = true
		case !in(" the a an ", strings.ToLower(w)):
			other = true
		}
	}
	named = named && other
	if n := wordCount(rest); !named || n < 3 || n > 30 || startsWithPointer(rest) {
		return "", "", ""
	}
	verb := strings.TrimSpace(v[:len(v)-len("that ")])
	return subject, "What does " + markedSubject(subject, true) + " " + verbBase(verb) + "?", upperFirst(rest) + "."
}

// asideOpeners open a concessive aside between a subject and its verb:
// "Matrix exponents, while appearing to be "total nonsense" out of
// context, refer to …".
const asideOpeners = " while although though despite even often sometimes "

// withoutAside drops such an aside, so that the subject meets its verb:
// "Matrix exponents refer to …"; else it returns s.
func withoutAside(s string) string {
	i := strings.Index(s, ", ")
	if i <= 0 || wordCount(s[:i]) > 4 || !asideOpenersSet.hasFold(firstWord(s[i+2:])) {
		return s
	}
	if first := strings.ToLower(firstWord(s)); prepositionsSet.has(first) || notSubjectsSet.has(first) {
		return s // "In physics, although rarely, …": no subject before the aside
	}
	j := strings.Index(s[i+2:], ", ")
	if j <= 0 || wordCount(s[i+2:i+2+j]) > 12 {
		return s
	}
	after := s[i+2+j+2:]
	r, _ := utf8.DecodeRuneInString(after)
	if !unicode.IsLower(r) || wordCount(after) < 4 {
		return s
	}
	return s[:i] + " " + after
}

// superlatives make "X is the most common mistake" a claim with one
// answer: there is only one most common, first or only thing.
const superlatives = " most least first last only largest biggest smallest oldest earliest latest best worst main single "

// superlativeClaim asks what a sentence says is the most, first or only
// something: "Giving polish feedback on an early exploration is the most
// common mistake." → "What is the most common mistake?" → "Giving polish
// feedback on an early exploration." term is what is asked ("the most
// common mistake"), the card's identity. It returns "", "", "" for other
// sentences.
func superlativeClaim(s string) (term, question, answer string) {
	// "The most important skills for new PMs are to communicate, …":
	// the superlative is the subject.
	if lead, rest, ok := strings.Cut(s, " "); ok && lead == "The" {
		if first := strings.ToLower(firstWord(rest)); superlativesSet.has(first) || strings.HasSuffix(first, "est") && len(first) > 5 {
			for _, v := range []string{" is ", " are ", " was ", " were "} {
				i := strings.Index(s, v)
				if i <= 0 {
					continue
				}
				subject, pred := s[:i], trimStatement(s[i+len(v):])
				if n := wordCount(subject); n < 3 || n > 10 || strings.ContainsAny(subject, ",;:()") || wordCount(pred) < 2 || vagueSuperlative(subject) ||
					wordCount(pred) > 14 || leansBack(pred, "") || strings.HasPrefix(pred, "that ") || passivePredicate(pred) {
					return "", "", ""
				}
				return subject, "What " + strings.TrimSpace(v) + " " + strings.ToLower(subject[:1]) + subject[1:] + "?", upperFirst(pred) + "."
			}
			return "", "", ""
		}
	}
	for _, v := range []string{" is the ", " was the ", " are the ", " were the "} {
		i := strings.Index(s, v)
		if i <= 0 {
			continue
		}
		rest := trimStatement(s[i+len(v):])
		subject := strings.TrimSpace(s[:i])
		// "…, according to Madhavan Ramanujam": whose claim it is stays
		// in the question.
		attribution := ""
		if j := strings.Index(rest, ", according to "); j > 0 && wordCount(rest[j:]) <= 6 {
			rest, attribution = rest[:j], rest[j:]
		}
		first := strings.ToLower(firstWord(rest))
		words := strings.Fields(subject)
		if !superlativesSet.has(first) && !(strings.HasSuffix(first, "est") && len(first) > 5) {
			return "", "", ""
		}
		if len(words) == 0 || len(words) > 10 || strings.ContainsAny(subject, ",;:()") || strings.ContainsAny(rest, ",;:") ||
			startsWithPointer(subject) || notSubjectsSet.hasFold(words[0]) && !in(" the a an ", strings.ToLower(words[0])) ||
			wordCount(rest) < 2 || wordCount(rest) > 10 || pointerWords[lastWord(strings.ToLower(rest))] != 0 {
			return "", "", ""
		}
		if vagueSuperlative(rest) {
			return "", "", "" // "the most important element": of what?
		}
		return "the " + rest, "What " + strings.TrimSpace(v[:len(v)-4]) + " the " + rest + attribution + "?", upperFirst(subject) + "."
	}
	return "", "", ""
}

// ownClause cuts a definition before a clause it goes on with that leans
// on it: "the ratio of the sensitivity to the false positive rate, and
// multiplying the prior odds by it gives the posterior odds" → "the ratio
// of the sensitivity to the false positive rate". A list ("spacing,
// colour, and copy") is kept whole.
func ownClause(def string) string {
	i := strings.Index(def, ", and ")
	if i < 0 || wordCount(def[:i]) < 4 {
		return def
	}
	more := def[i+len(", and "):]
	if wordCount(more) < 4 || !leansBack(more, "") && !hasVerb(" "+more+" ") {
		return def
	}
	return def[:i]
}

// indefiniteDefinition reads "A design review is a meeting where a team
// critiques …" as a definition of "design review": the term, "What is a
// *design review*?" and the answer, or "", "", "".
func indefiniteDefinition(s string) (term, question, answer string) {
	article, rest, ok := strings.Cut(s, " ")
	if !ok || article != "A" && article != "An" {
		return "", "", ""
	}
	for _, v := range []string{" is a ", " is an ", " is the "} {
		i := strings.Index(rest, v)
		if i <= 0 {
			continue
		}
		term = rest[:i]
		words := strings.Fields(term)
		if v == " is the " && strings.Contains(term, " of ") {
			// "A humbling reality of experimentation is the high failure
			// rate …": a claim about a topic, not a term defined.
			return "", "", ""
		}
		def := trimStatement(rest[i+len(" is "):])
		if len(words) > 4 || strings.ContainsAny(term, ",;:()\"“") || !termLike(words) || wordCount(def) < 5 ||
			vagueDefinition(v, def[strings.IndexByte(def, ' ')+1:]) || leansBack(def, term) {
			return "", "", ""
		}
		return term, "What is " + strings.ToLower(article) + " *" + term + "*?", upperFirst(ownClause(def)) + "."
	}
	// "A sprain is damage to the ligaments that …": a definition whose
	// noun takes no article.
	if i := strings.Index(rest, " is "); i > 0 {
		term = rest[:i]
		def := trimStatement(rest[i+len(" is "):])
		words := strings.Fields(term)
		if len(words) <= 4 && !strings.ContainsAny(term, ",;:()\"“") && termLike(words) && wordCount(def) >= 5 &&
			bareNounPredicate(def) && !leansBack(def, term) {
			return term, "What is " + strings.ToLower(article) + " *" + term + "*?", upperFirst(ownClause(def)) + "."
		}
	}
	return "", "", ""
}

// pluralDefinition reads "Blisters are small pockets of fluid caused by
// friction" as a definition of a plural noun: the term, "What are
// *blisters*?" and the answer, or "", "", "". The predicate must be a
// noun phrase joined to what qualifies it (see bareNounPredicate):
// "Blisters are common in runners" says something of blisters, not what
// they are.
func pluralDefinition(s string) (term, question, answer string) {
	// The verb is the second or third word: one short look, not a scan
	// of the sentence.
	i := strings.Index(s[:min(len(s), 48)], " are ")
	if i <= 0 {
		return "", "", ""
	}
	term = s[:i]
	var buf [4]string
	words := appendFields(buf[:0], term)
	if len(words) > 2 || !capitalised(words[0]) || !isPlural(words[len(words)-1]) || strings.ContainsAny(term, ",;:()\"“'’") ||
		notSubjectsSet.hasFold(words[0]) || determinersSet.hasFold(words[0]) || quantifiersSet.hasFold(words[0]) || !termLike(words) {
		return "", "", ""
	}
	for _, w := range words[1:] {
		if !isLowerWord(w) {
			return "", "", "" // "Cooper Industries": a name
		}
	}
	def := trimStatement(s[i+len(" are "):])
	if wordCount(def) < 5 || !bareNounPredicate(def) || leansBack(def, term) {
		return "", "", ""
	}
	asked := strings.ToLower(term[:1]) + term[1:]
	return term, "What are *" + asked + "*?", upperFirst(ownClause(def)) + "."
}

// predicateLinks join a predicate's noun to what qualifies it: "damage
// to the ligaments", "pockets of fluid", "tissue that joins".
const predicateLinks = " of to that which caused made formed produced used where whose between "

// notPredicateNouns open a predicate that is no noun phrase: an adverb,
// a participle or adjective that takes "to" or "of" ("likely to", "made
// of", "part of"), a determiner.
const notPredicateNouns = " not also often usually still now then very more less most much so too just only being made built known seen found given done taken able likely unlikely prone due similar close next subject key vital part one all some many few each both such this that these those its their his her our your my "

// bareNounPredicate reports whether a predicate opens with a noun phrase
// of up to three words and no article, joined to what qualifies it:
// "damage to the ligaments that hold …", "small pockets of fluid …". An
// adjective that takes "to" or "of" ("common to", "afraid of") would
// read the same; the word shapes of adjectives rule those out.
func bareNounPredicate(def string) bool {
	var buf [5]string
	f := leadFields(def, buf[:0])
	for k := 1; k < len(f) && k <= 3; k++ {
		if !in(predicateLinks, f[k]) {
			continue
		}
		for _, w := range f[:k] {
			if !isLowerWord(w) || in(notPredicateNouns, w) || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
				return false
			}
		}
		if f[k] == "to" && (k+1 >= len(f) || !in(" the a an its their his her ", f[k+1])) {
			// "fundamental to describing …", "key to growth": an
			// adjective's "to"; a noun's takes its own object, "damage
			// to the ligaments".
			return false
		}
		return !adjectiveShaped(f[k-1])
	}
	return false
}

// adjectiveShaped reports whether a word ends as English adjectives do
// and a few common ones that do not: "dangerous", "harmful", "sensitive",
// "vulnerable", "resistant", "common" ("-al" and "-ar" end nouns as often:
// "metal", "signal", "sugar").
func adjectiveShaped(w string) bool {
	for _, suf := range []string{"ous", "ful", "ive", "able", "ible", "ic", "ent", "ant", "less", "ary", "ory", "ish"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return in(" common afraid aware fond free full short true ", w)
}

// mannerClaim asks how a thing comes about when a sentence says it with a
// passive verb and "by" doing something: "Trust is primarily built by
// repeatedly setting and meeting expectations." → "How is trust built?"
// → "By repeatedly setting and meeting expectations." term is "Trust
// built", the card's identity. It returns "", "", "" for other
// sentences.
func mannerClaim(s string) (term, question, answer string) {
	if !strings.Contains(s, " by ") {
		return "", "", "" // most sentences: this runs for each one
	}
	words := strings.Fields(trimStatement(s))
	for i := 1; i+3 < len(words) && i <= 5; i++ {
		verb := strings.ToLower(words[i])
		if !in(" is are was were ", verb) {
			continue
		}
		k := i + 1
		if strings.HasSuffix(words[k], "ly") {
			k++ // "primarily built"
		}
		if k+2 >= len(words) || words[k+1] != "by" {
			return "", "", ""
		}
		participle := strings.ToLower(words[k])
		how := strings.Trim(words[k+2], `"“”'`)
		if strings.HasSuffix(how, "ly") && k+3 < len(words) {
			how = strings.Trim(words[k+3], `"“”'`) // "by consistently setting"
		}
		if !strings.HasSuffix(participle, "ed") && !strings.HasSuffix(participle, "en") && !in(" built made won lost kept held brought ", participle) ||
			!strings.HasSuffix(how, "ing") && !strings.HasSuffix(strings.TrimSuffix(how, ","), "ing") {
			return "", "", ""
		}
		subject := strings.Join(words[:i], " ")
		if startsWithPointer(subject) || notSubjectsSet.hasFold(words[0]) && !in(" the a an ", strings.ToLower(words[0])) ||
			strings.ContainsAny(subject, ",;:()\"“") {
			return "", "", ""
		}
		rest := strings.Join(words[k+2:], " ")
		rest = strings.NewReplacer(`"`, "", "“", "", "”", "").Replace(rest)
		if n := wordCount(rest); n < 2 || n > 14 || leansBack(rest, subject) {
			return "", "", ""
		}
		return subject + " " + participle, "How " + verb + " " + lowerLead(subject) + " " + participle + "?", "By " + rest + "."
	}
	return "", "", ""
}

// vagueSuperlative reports whether a superlative ends on a noun that
// needs its "of what": "the most important element".
func vagueSuperlative(s string) bool {
	return in(" element elements aspect aspects part parts thing things factor factors component components piece point ", lastWord(strings.ToLower(s)))
}

// orGloss reads a subject glossed in passing, "Annealing, or slow cooling
// from red heat, softens the steel …", as a definition: the term, "What
// is *annealing*?" and the gloss, "Slow cooling from red heat.", or "",
// "", "". The subject is one to three words that make a term, the gloss
// three to ten lower-case words with no comma, and a clause goes on
// after it.
func orGloss(s string, counts map[string]int) (term, question, answer string) {
	i := strings.Index(s, ", or ")
	if i <= 0 || i > 40 {
		return "", "", ""
	}
	subject, rest := s[:i], s[i+len(", or "):]
	j := strings.Index(rest, ", ")
	if j <= 0 {
		return "", "", ""
	}
	gloss, after := rest[:j], rest[j+2:]
	words := strings.Fields(subject)
	if len(words) == 0 || len(words) > 3 || strings.ContainsAny(subject, ",;:()\"“") || notSubjectsSet.hasFold(words[0]) ||
		in(" the a an ", strings.ToLower(words[0])) || !termLike(words) {
		return "", "", ""
	}
	if n := wordCount(gloss); n < 3 || n > 10 || strings.ContainsAny(gloss, ";:()\"“") || !isLowerWord(firstWord(gloss)) ||
		wordCount(after) < 3 || !isLowerWord(firstWord(after)) {
		return "", "", ""
	}
	verb := "is"
	if isPlural(subject) {
		verb = "are"
	}
	term = lowerCommon(subject, counts)
	return subject, "What " + verb + " *" + term + "*?", upperFirst(gloss) + "."
}

// passivePredicate reports whether what follows "was" is a passive verb,
// "laid by two ships", "built in 1850": "The first cable was laid by …"
// says what was done to it, not what it was.
func passivePredicate(pred string) bool {
	first, rest, _ := strings.Cut(strings.ToLower(pred), " ")
	return pastBase(first) != "" || strings.HasPrefix(rest, "by ")
}
