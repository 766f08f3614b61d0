package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence opening with a pronoun ("He responded by designing the
// junction transistor in 1948") or with a count of people named before
// ("The three men shared the Nobel Prize …") holds a fact all the same: a
// careful writer cards it with the antecedent written in ("William
// Shockley responded …", "Bardeen, Brattain and Shockley shared …"). That
// is done only when the antecedent is certain: "He" or "She" after a
// sentence whose subject is the one person it names, "They" after a
// subject of two people ("X and Y") or a plural noun phrase, "It" after a
// singular noun phrase subject, "The N men" when the paragraph and the one
// before name exactly N people. Otherwise the sentence is still dropped
// (see leansBackFromStart).

// nameStops are capitalised words that open no person's name.
const nameStops = " the a an in on at by for from with after before during since until when while this that these those " +
	"it its he she they their his her our we i you if as of to and or but so yet then there here what which who how why where " +
	"early late later once under over between among around about through into onto upon across "

// organisationWords end names that are not people's: "Bell Labs", "Texas
// Instruments", "St Mary's Hospital".
const organisationWords = " labs lab laboratory laboratories university college school institute hospital company corporation corp inc ltd llc " +
	"group society foundation association agency department office council bank press journal times review museum " +
	"semiconductor instruments electric electronics motors systems technologies industries airlines prize award war " +
	"physics chemistry medicine physiology economics literature peace street road river sea ocean mountain mountains park " +
	"house court party union republic kingdom states empire city county province station centre center studios records " +
	// A title or a field is no name either: "Vice President of Analytics
	// and Data Science".
	"president vice chief director professor officer manager head chair chairman minister secretary general " +
	"science sciences analytics data engineering research development product marketing sales operations design "

// pastVerbs are common irregular verbs in the past tense: they end a
// noun phrase subject ("The brothers ran …").
const pastVerbs = " ran made built began took won got went came gave found became held kept led left lost met paid put read saw sent set sold spent stood told thought wrote drove flew grew knew "

// peopleNouns count people named before: "The three men", "the two
// scientists".
const peopleNouns = " men women people scientists researchers inventors engineers physicists chemists biologists doctors " +
	"mathematicians economists brothers sisters partners founders cofounders co-founders authors friends colleagues "

// nameWord reports whether w (trimmed of punctuation) can be a word of a
// person's name: capitalised, with lower-case letters, no digits.
func nameWord(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ",.;:()\"“”"), "'s"), "’s")
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 {
		return false
	}
	lower := false
	for _, c := range w[size:] {
		switch {
		case unicode.IsDigit(c):
			return false
		case unicode.IsLower(c):
			lower = true
		}
	}
	lw := strings.ToLower(w)
	return lower && !nameStopsSet.has(lw) && !monthsSet.has(lw)
}

// nameAt reads a person's name of one to three words starting at words[i]:
// the name and how many words it takes, or "", 0. A name ends at a word
// ending in punctuation or before a word that is no name word; a name
// holding an organisation's word is no person's.
func nameAt(words []string, i int) (string, int) {
	n := 0
	for i+n < len(words) && n < 3 && nameWord(words[i+n]) {
		n++
		if strings.ContainsAny(words[i+n-1], ",.;:") {
			break
		}
	}
	if n == 0 || i+n < len(words) && n == 3 && nameWord(words[i+n]) {
		return "", 0
	}
	parts := make([]string, n)
	for k := 0; k < n; k++ {
		parts[k] = strings.Trim(words[i+k], ",.;:()\"“”")
		if organisationWordsSet.hasFold(parts[k]) {
			return "", 0
		}
	}
	return strings.Join(parts, " "), n
}

// peopleIn returns the people a text names with at least two words ("John
// Bardeen"), once each, in order.
func peopleIn(s string) []string {
	words := strings.Fields(s)
	var out []string
	for i := 0; i < len(words); i++ {
		name, n := nameAt(words, i)
		if n == 0 {
			continue
		}
		i += n - 1
		if n < 2 {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == name
		}
		if !dup {
			out = append(out, name)
		}
	}
	return out
}

// surname is the last word of a name, possessive dropped.
func surname(name string) string {
	return name[strings.LastIndexByte(name, ' ')+1:]
}

// knownSurname reports whether a one-word subject ("Fleming") is the
// surname of a person named in full in text ("Alexander Fleming").
func knownSurname(word string, text func() string) bool {
	for _, p := range peopleIn(text()) {
		if surname(p) == word {
			return true
		}
	}
	return false
}

// subject is what a sentence is about, as a pronoun after it would point
// to it.
type subject struct {
	text   string
	person bool
	plural bool
}

// subjectStart returns where the subject of s starts after an opening
// adverbial ("In September 1928, Alexander Fleming …" → the offset of
// "Alexander"), or 0.
func subjectStart(s string) int {
	first := strings.ToLower(firstWord(s))
	if !in(" in on at by for from after before during since until when while under with once ", first) {
		return 0
	}
	if i := strings.Index(s, ", "); i > 0 && wordCount(s[:i]) <= 6 {
		return i + 2
	}
	return 0
}

// subjectOf finds the subject of a sentence, or a zero subject when it is
// not plain enough to point to. text is the text before it, for one-word
// surnames.
func subjectOf(s string, text func() string) subject {
	s = s[subjectStart(s):]
	words := strings.Fields(s)
	if len(words) < 2 {
		return subject{}
	}
	if name, n := nameAt(words, 0); n == 1 && len(words) > 3 && words[1] == "and" && sharedSurname(words) {
		// "Orville and Wilbur Wright flew …": two people, one surname.
		other, _ := nameAt(words, 2)
		return subject{text: name + " and " + other, person: true, plural: true}
	} else if n == 1 && len(words) > 2 && in(" is are was were ", words[1]) && !knownSurname(name, text) {
		// "Curl is a fundamental concept …": a thing named by one word.
		return subject{text: name, plural: words[1] == "are" || words[1] == "were"}
	} else if n > 0 && (n > 1 || knownSurname(name, text)) {
		// "Howard Florey and Ernst Chain took up …": two people.
		if n < len(words) && words[n] == "and" {
			if other, m := nameAt(words, n+1); m > 1 || m == 1 && knownSurname(other, text) {
				if n+1+m < len(words) && !nameWord(words[n+1+m]) && !strings.HasSuffix(other, ",") {
					return subject{text: name + " and " + other, person: true, plural: true}
				}
			}
			return subject{}
		}
		if strings.HasSuffix(words[n-1], ",") && !appositiveAfter(words[n:]) {
			return subject{} // "Fleming, Florey and Chain shared …": a list
		}
		return subject{text: name, person: true}
	}
	first := strings.ToLower(words[0])
	if !in(" the a an their his her its our ", first) {
		return subject{}
	}
	// "Their group leader, William Shockley, was …", "The first patient,
	// the police constable Albert Alexander, was …": the appositive names
	// the subject.
	if i := strings.Index(s, ", "); i > 0 && wordCount(s[:i]) <= 4 {
		rest := s[i+2:]
		if j := strings.Index(rest, ", "); j > 0 && wordCount(rest[:j]) <= 6 {
			app := strings.Fields(rest[:j])
			for k := 0; k < len(app); k++ {
				if name, n := nameAt(app, k); n >= 2 && k+n == len(app) {
					return subject{text: name, person: true}
				}
			}
		}
	}
	if first != "the" {
		return subject{}
	}
	// "The planar process, developed by …, builds …", "The transistor is
	// a …": a noun phrase up to a comma or a plain verb.
	for k := 1; k < len(words) && k <= 4; k++ {
		w := words[k]
		bare := strings.ToLower(strings.Trim(w, ",;:"))
		if in(" is was has had ", bare) || strings.HasSuffix(w, ",") {
			end := k
			if strings.HasSuffix(w, ",") {
				end = k + 1
			}
			np := strings.TrimSuffix(strings.Join(words[:end], " "), ",")
			if strings.ContainsAny(np, "()\"“") || prepositionsSet.hasFold(lastWord(np)) {
				return subject{}
			}
			return subject{text: np, plural: isPlural(lastWord(np)) && !in(" is was has ", bare)}
		}
		if in(" are were have ", bare) {
			np := strings.Join(words[:k], " ")
			return subject{text: np, plural: true}
		}
		if k >= 2 && (pastVerbsSet.has(bare) || strings.HasSuffix(bare, "ed") && len(bare) > 4) {
			// "The brothers ran a bicycle shop …"
			np := strings.Join(words[:k], " ")
			return subject{text: np, plural: isPlural(lastWord(np))}
		}
		if prepositionsSet.has(bare) || nameStopsSet.has(bare) {
			break
		}
	}
	return subject{}
}

// appositiveAfter reports whether the words after a name's comma describe
// it ("…, considered the father of …, conceived"), rather than list more
// names.
func appositiveAfter(words []string) bool {
	return len(words) > 0 && !nameWord(words[0])
}

// resolveAntecedent writes the antecedent into a sentence opening with
// "He", "She", "It", "They" or "The N men", when prev, the sentence before
// it, or before, the text before it in its section, makes it certain;
// else it returns s as it is. marked is the term the sentence before
// marks: "They" after a singular subject is that term when it is plural
// ("amplification relied on **vacuum tubes**, …. They were bulky").
// prev, marked and before are called only when s opens so.
func resolveAntecedent(s string, prev, marked, before func() string) string {
	first, rest, ok := strings.Cut(s, " ")
	if !ok || rest == "" {
		return s
	}
	switch first {
	case "He", "She", "It", "They":
	case "The":
		if possessiveAt(s) < 0 {
			return resolveCount(s, before)
		}
		return resolvePossessive(s, prev, before)
	default:
		return resolvePossessive(s, prev, before)
	}
	p := prev()
	if p == "" {
		return s
	}
	subj := subjectOf(p, before)
	if subj.text == "" && (first == "It" || first == "They") {
		// "Curl is a fundamental concept … It describes …": the subject
		// a definition defines.
		if d := definedSubject(p); d != "" && strings.HasPrefix(p, d) {
			subj = subject{text: d, plural: isPlural(lastWord(d))}
		}
	}
	if subj.text == "" && first == "It" {
		subj = subject{text: bareSubject(p, before)}
	}
	switch first {
	case "He", "She":
		// Another person named beside the subject makes "he" uncertain.
		if subj.text == "" || !subj.person || subj.plural || len(peopleIn(p)) > 1 {
			return s
		}
	case "They":
		if subj.text != "" && subj.plural {
			break
		}
		if subj.person {
			return s
		}
		m := marked()
		if m == "" || !isPlural(lastWord(m)) || wordCount(m) > 4 {
			return s
		}
		return upperFirst(m) + " " + rest
	case "It":
		if subj.text == "" || subj.person || subj.plural || dummyIt(strings.Fields(rest[:min(len(rest), 48)])) {
			return s
		}
	}
	return subj.text + " " + rest
}

// resolveCount reads "The three men shared …" as "Bardeen, Brattain and
// Shockley shared …" when before names exactly that many people.
func resolveCount(s string, before func() string) string {
	words := strings.SplitN(s, " ", 4)
	if len(words) < 4 || pointerWords[strings.ToLower(words[1])]&wordNumber == 0 || !peopleNounsSet.hasFold(words[2]) {
		return s
	}
	want := numberWord(strings.ToLower(words[1]))
	people := peopleIn(before())
	if want < 2 || len(people) != want {
		return s
	}
	// Surnames name them, unless two share one ("Pierre Curie and Marie
	// Curie").
	names := make([]string, len(people))
	seen := make(map[string]bool)
	for i, p := range people {
		names[i] = surname(p)
		if seen[names[i]] {
			copy(names, people)
			break
		}
		seen[names[i]] = true
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " " + words[3]
}

// numberWord is the value of "two" … "ten" and "both", or 0.
func numberWord(w string) int {
	for i, n := range []string{"both", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"} {
		if w == n {
			if i == 0 {
				return 2
			}
			return i + 1
		}
	}
	return 0
}

// possessiveAt returns where "their" or "his" stands among the first six
// words of s ("The first of their four flights …", "Their colleague Norman
// Heatley …"), or -1.
func possessiveAt(s string) int {
	off := 0
	for k := 0; k < 6 && off < len(s); k++ {
		w, _, _ := strings.Cut(s[off:], " ")
		if w == "their" || w == "Their" || w == "his" || w == "His" {
			return off
		}
		off += len(w) + 1
	}
	return -1
}

// resolvePossessive writes the owner into a sentence's "their" or "his"
// when the sentence before makes it certain, as resolveAntecedent does
// for a pronoun: "The first of their four flights …" after "… Orville and
// Wilbur Wright made …" → "The first of Orville and Wilbur Wright's four
// flights …". Any other pronoun before it leaves s as it is.
func resolvePossessive(s string, prev, before func() string) string {
	at := possessiveAt(s)
	if at < 0 || leansBackFromStart(s[:at]) {
		return s
	}
	word, rest, _ := strings.Cut(s[at:], " ")
	p := prev()
	if p == "" || rest == "" {
		return s
	}
	subj := subjectOf(p, before)
	plural := strings.EqualFold(word, "their")
	switch {
	case subj.text == "":
		return s
	case plural && !subj.plural:
		return s
	case !plural && (!subj.person || subj.plural || len(peopleIn(p)) > 1):
		return s
	}
	owner := subj.text
	if at > 0 && strings.HasPrefix(owner, "The ") {
		owner = "the " + owner[len("The "):]
	}
	if strings.HasSuffix(owner, "s") {
		owner += "'"
	} else {
		owner += "'s"
	}
	if at == 0 {
		owner = upperFirst(owner)
	}
	return s[:at] + owner + " " + rest
}

// sharedSurname reports whether words open "First and First Surname"
// followed by a verb: "Orville and Wilbur Wright flew …".
func sharedSurname(words []string) bool {
	_, m := nameAt(words, 2)
	return m > 1 && 2+m < len(words) && !strings.HasSuffix(words[1+m], ",") && !nameWord(words[2+m])
}

// bareSubject returns the subject of a plain clause with no article that
// "It" after it points to: "Water quenching is fast and harsh. It often
// cracks thick blades …" → "Water quenching", "Tempering trades …" →
// "Tempering". Only a thing's name is taken: one to three words, the
// later ones lower-case, the last no plural; one word must be a gerund
// or a noun the text before writes in lower case, not a person's
// surname ("Bessemer patented …"). It returns "" otherwise.
func bareSubject(s string, before func() string) string {
	if strings.ContainsAny(s, ",;:") {
		return "" // two clauses: "It" may point to the other's noun
	}
	c, ok := splitClause(s)
	if !ok {
		return ""
	}
	words := strings.Fields(c.subject)
	if len(words) == 0 {
		return ""
	}
	if first := strings.ToLower(words[0]); len(words) > 3 || in(" the a an no every each any ", first) || quantifiersSet.has(first) ||
		determinersSet.has(first) || notSubjectsSet.has(first) || isPlural(c.subject) ||
		strings.ContainsAny(c.subject, ",;:'’") {
		return ""
	}
	for _, w := range words[1:] {
		if strings.ToLower(w) != w {
			return ""
		}
	}
	if len(words) == 1 {
		lw := strings.ToLower(words[0])
		if !strings.HasSuffix(lw, "ing") && !strings.Contains(before(), " "+lw+" ") {
			return ""
		}
	}
	return c.subject
}

// personalPronounFirst reports whether a sentence opens with "He" or
// "She", whose antecedent resolveAntecedent may write in.
func personalPronounFirst(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	return first == "He" || first == "She"
}
