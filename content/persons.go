package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// People named by a bold lead-in, as history notes and "Key people"
// sections write them: "**John Roebling** (1806–1869), a German-born
// engineer, designed the bridge …" or "**Emily Roebling**: Washington's
// wife, who …". They are asked "Who was …?", not "What is …?" (nor "What
// are *John Frank Stevens*?", for the s of a surname), and their reverse
// card asks "Who is this?".

// personRoles are the nouns that say an appositive names a person's role:
// "a German-born engineer", "his son", "the colony's first governor".
var personRolesSet = wordsOf(`engineer engineers physician doctor surgeon nurse scientist physicist chemist biologist
mathematician astronomer inventor explorer navigator writer author co-author poet novelist playwright philosopher
historian economist psychologist sociologist president vice-president king queen emperor empress prince princess
pope bishop priest monk nun missionary general admiral officer soldier captain colonel commander governor minister
senator congressman diplomat ambassador lawyer judge banker financier merchant trader entrepreneur businessman
businesswoman industrialist founder co-founder cofounder ceo chairman architect artist painter sculptor composer
musician singer actor actress director producer teacher professor lecturer researcher designer investor journalist
editor publisher son daughter wife husband brother sister father mother nephew niece uncle aunt cousin widow
grandson granddaughter apprentice assistant rival colleague student pupil mentor leader chief mayor secretary spy
pilot aviator sailor clockmaker watchmaker carpenter surveyor geologist botanist naturalist zoologist statesman
politician reformer activist astronaut cosmonaut chancellor premier dictator revolutionary pioneer craftsman
printer scholar cartographer winner laureate recipient`)

// personOf reports whether a bold lead-in names a person: a name of two
// to four capitalised words (particles such as "de" and initials
// allowed), none of which the note writes in lower case or is a role
// itself ("Senior Engineer"), that its answer opens by calling a person
// by a role: "a German-born engineer", "Washington's wife". Years after
// the name ("(1806–1869)") alone are not enough: "**Steel Cables**
// (1877–1878)" dates a thing. words counts the note's words.
func personOf(term, answer string, words map[string]int) bool {
	name, _ := splitLifeYears(term)
	return namesPerson(name, words) && opensWithRole(answer)
}

// namesPerson reports whether a lead-in reads as a person's name (see
// personName) none of whose words the note writes in lower case or is a
// role itself.
func namesPerson(name string, words map[string]int) bool {
	if !personName(name) {
		return false
	}
	for w := range strings.FieldsSeq(name) {
		low := strings.ToLower(w)
		if w == low {
			continue // a particle, "von": lower case in the name itself
		}
		if personRolesSet.has(low) || words[low] > 0 {
			return false
		}
	}
	return true
}

// personDeedOf reports whether a bold lead-in names a person whose item
// says what they did, with no role before it: "**Robert Falcon Scott**:
// Reached the pole 34 days after Amundsen …" under "Key People". The text
// must open with a verb in the past tense, and either the list name people
// or the name carry years: a verb alone would take "**Gatun Dam**: Created
// the lake …" for a person.
func personDeedOf(term, answer, list string, words map[string]int) bool {
	// The answer's first word first: askTerm asks this of every bold
	// term, and few answers open with a verb in the past.
	first := firstWord(answer)
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) || !pastVerb(strings.ToLower(strings.Trim(first, ",;:."))) {
		return false
	}
	name, years := splitLifeYears(term)
	return namesPerson(name, words) && (years != "" || peopleList(list))
}

// peopleList reports whether a list's name says its items are people:
// "Key People", "Early explorers".
func peopleList(list string) bool {
	for w := range strings.FieldsSeq(list) {
		if listPeopleNounsSet.hasFold(strings.Trim(w, ",.;:()")) {
			return true
		}
	}
	return false
}

// pastVerb reports whether a lower-case word reads as a verb in the past
// tense: "led", "reached", "rebuilt".
func pastVerb(w string) bool {
	return in(pastVerbs, w) || in(morePastVerbs, w) ||
		len(w) > 4 && strings.HasSuffix(w, "ed") && !in(" need speed seed breed feed bed red shed ", w)
}

// personDeedQuestion asks what a person did: "What did *Roald Amundsen*
// (1872–1928) do?".
func personDeedQuestion(term string) string {
	name, years := splitLifeYears(term)
	q := "What did *" + name + "*"
	if years != "" {
		q += " " + years
	}
	return q + " do?"
}

// deedReverse is the reverse question of a person's deed: the deed asked
// as a question of who, "Who led the Norwegian party …?", masked as the
// reverse card masks its text.
func deedReverse(masked string) string {
	masked = strings.TrimRight(strings.TrimSpace(masked), ".;:")
	first := firstWord(masked)
	return "Who " + strings.ToLower(first) + masked[len(first):] + "?"
}

// splitLifeYears splits "John Roebling (1806–1869)" into the name and
// "(1806–1869)"; years is "" when the term ends in no bracket of years.
func splitLifeYears(term string) (name, years string) {
	term = strings.TrimSpace(term)
	if !strings.HasSuffix(term, ")") {
		return term, ""
	}
	i := strings.LastIndexByte(term, '(')
	if i <= 0 {
		return term, ""
	}
	inner := term[i+1 : len(term)-1]
	if !lifeYears(inner) {
		return term, ""
	}
	return strings.TrimSpace(term[:i]), term[i:]
}

// lifeYears reports whether s is a span of years: "1806–1869",
// "1904-1905", "c. 1450–1519", "born 1947".
func lifeYears(s string) bool {
	f := strings.Fields(strings.NewReplacer("–", " ", "—", " ", "-", " ").Replace(s))
	if len(f) > 0 && in(" c. ca. circa born b. d. died ", strings.ToLower(f[0])) {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, y := range f {
		if !isYear(y) {
			return false
		}
	}
	return true
}

// personName reports whether s reads as a person's name: two to four
// words, each capitalised or a particle ("de", "van", "da") or an initial
// ("J."), the first and last capitalised.
func personName(s string) bool {
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		switch {
		case i > 0 && i < len(words)-1 && in(" de da del della di du van von der den la le ", w):
		case len(w) == 2 && w[1] == '.' && 'A' <= w[0] && w[0] <= 'Z':
		case !nameWord(w):
			return false
		}
	}
	return true
}

// opensWithRole reports whether an answer opens with an appositive that
// gives a person's role: a determiner or an owner ("a", "the", "his",
// "Washington's"), at most three words, then a role noun ("a German-born
// engineer", "his son", "the first governor").
func opensWithRole(answer string) bool {
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], answer)
	if len(words) < 2 {
		return false
	}
	// The owner may be a name of a few words: "Washington Roebling's wife".
	start := -1
	for i, w := range words[:min(len(words), 3)] {
		low := strings.ToLower(w)
		if i == 0 && in(" a an the his her their its ", low) || strings.HasSuffix(low, "'s") || strings.HasSuffix(low, "’s") {
			start = i + 1
			break
		}
		if !nameWord(w) {
			break
		}
	}
	if start < 0 {
		// No determiner: "Turing Award winner who created Postgres",
		// "Co-founder of Stripe": a role among the first words, before
		// any that ends the noun phrase.
		start = 0
	}
	for _, w := range words[start:min(len(words), start+4)] {
		bare := strings.ToLower(strings.Trim(w, ",;:.()"))
		if personRolesSet.has(bare) {
			return true
		}
		if strings.ContainsAny(w, ",;:.") {
			return false // the appositive ended without a role
		}
	}
	return false
}

// personQuestion asks who a person was: "Who was *John Roebling*
// (1806–1869)?", the years a cue that gives nothing away. It is "Who is"
// when nothing in the answer is past.
func personQuestion(term, answer string) string {
	name, years := splitLifeYears(term)
	verb := "Who is"
	if years != "" || pastAnswer(answer) {
		verb = "Who was"
	}
	q := verb + " *" + name + "*"
	if years != "" {
		q += " " + years
	}
	return q + "?"
}

// pastAnswer reports whether an answer tells of the past: a verb in the
// past tense among its first words ("designed", "was", "took") before any
// in the present ("is", "has").
func pastAnswer(answer string) bool {
	words := strings.Fields(answer)
	for _, w := range words[:min(len(words), 14)] {
		w = strings.ToLower(strings.Trim(w, ",;:.()"))
		if in(" is are has have ", w) {
			return false // "who is still remembered": the present, passive or not
		}
		if pastVerb(w) {
			return true
		}
	}
	return false
}

// morePastVerbs are past forms pastVerbs leaves out that tell of a life.
const morePastVerbs = " was were had died fought rebuilt taught brought bought caught sought meant dug drew chose rose fell broke spoke "

// joinAppositive makes a sentence of an appositive and the predicate it
// was cut from: "a railway engineer, rebuilt the railroad" reads "a
// railway engineer who rebuilt the railroad" once the name before it is
// the question's.
func joinAppositive(s string) string {
	i := strings.Index(s, ", ")
	if i < 0 || strings.ContainsAny(s[:i], ";:") {
		return s
	}
	next := strings.ToLower(firstWord(s[i+2:]))
	if pastVerb(next) {
		return s[:i] + " who " + s[i+2:]
	}
	return s
}
