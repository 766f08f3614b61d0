package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The wording of list questions built from a lead-in: a possessive owner
// goes before the count ("What are Johnson's four pieces of advice for
// managers?", not "the four things Johnson's advice for managers"), a
// mass noun is counted in pieces ("four key pieces of information"), a
// lead-in's parenthetical remark without a figure ("(dates)") stays out, and a list of what
// one role does, under its own heading, is asked what the role does.

// massNouns are not counted: "four advice" is no English.
var massNounsSet = wordsOf("advice guidance information feedback research evidence knowledge equipment help support wisdom homework")

// possessiveWord reports whether w is a possessive ("Johnson's", not
// "it's").
func possessiveWord(w string) bool {
	lw := strings.ToLower(w)
	return (strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s")) && lw != "it's" && lw != "it’s" && lw != "that's" && lw != "there's" && lw != "what's" && lw != "here's"
}

// possessiveNounPhrase reports whether a lead-in's clause is a noun phrase
// owned by someone ("Johnson's advice for managers", "Grove's rules for
// one-on-ones"): a possessive first, then no verb.
func possessiveNounPhrase(lw []string) bool {
	if len(lw) < 2 || len(lw) > 6 || !possessiveWord(lw[0]) && !(len(lw) > 2 && possessiveWord(lw[1])) {
		return false
	}
	prep := false
	for _, w := range lw {
		w = strings.Trim(w, ",;:")
		if listVerbsSet.has(w) || modalsSet.has(w) || finiteVerbsSet.has(w) || claimCopulasSet.has(w) {
			return false
		}
		prep = prep || prepositionsSet.has(w)
	}
	// Without a preposition to end the head, a last word in -s may be a
	// verb: "Cursor's technology stack combines".
	return prep || len(lw) == 2 || massNounsSet.has(lw[len(lw)-1])
}

// countedNoun puts "pieces of" before a mass noun heading a list's noun
// phrase ("key information to gather" → "key pieces of information to
// gather").
func countedNoun(noun string) string {
	f := strings.Fields(noun)
	for i, w := range f {
		if i > 3 || prepositionsSet.has(strings.ToLower(w)) {
			break
		}
		if i > 0 && isPlural(f[i-1]) && isLowerWord(f[i-1]) {
			break // "habits help most adults": after a plural noun, the verb
		}
		if massNounsSet.hasFold(strings.Trim(w, ",;:")) {
			return strings.Join(append(append(append([]string(nil), f[:i]...), "pieces", "of"), f[i:]...), " ")
		}
	}
	return noun
}

// countedHead cuts a lead-in's counted noun where its own clause's verb
// begins: "stages apart is crucial" (of "Telling these three stages apart
// is crucial:") → "stages", "steps are simple" → "steps"; a plain verb
// and its object are the noun's clause: "habits help most adults …" →
// "habits that help most adults …". A clause with a subject of its own
// stays: "things users are advised to do", "reasons trust is vital".
func countedHead(noun string) string {
	var buf [16]string
	f := appendFields(buf[:0], noun)
	head := -1
	for i, w := range f {
		if i > 3 {
			break
		}
		if isPlural(w) && isLowerWord(w) || listPeopleNounsSet.hasFold(w) {
			head = i
			break
		}
	}
	if head < 0 || head+1 >= len(f) {
		return noun
	}
	next := strings.ToLower(f[head+1])
	if in(" is are was were be been ", next) || modalsSet.has(next) ||
		in(" apart together out up down off away back around ", next) {
		return strings.Join(f[:head+1], " ")
	}
	// "habits help most adults sleep better": a plain word before its
	// object is the noun's verb, "habits that help most adults …".
	if head+2 < len(f) && isLowerWord(next) && !strings.HasSuffix(next, "s") && !determinersSet.has(next) && !prepositionsSet.has(next) &&
		!in(" that which who whose whom where when to and or over under across through into onto about against beyond ", next) && !notVerbsSet.has(next) && in(stepDeterminers+" most many some ", strings.ToLower(f[head+2])) {
		return strings.Join(f[:head+1], " ") + " that " + strings.Join(f[head+1:], " ")
	}
	return noun
}

// withoutRemark drops a noun phrase's closing parenthetical: "milestones
// of the project (dates)".
func withoutRemark(noun string) string {
	if !strings.HasSuffix(noun, ")") {
		return noun
	}
	// "(6-12 months)" says what the noun means; "(dates)" only what the
	// items are.
	if i := strings.LastIndex(noun, " ("); i > 0 && !hasDigit(noun[i:]) {
		return strings.TrimSpace(noun[:i])
	}
	return noun
}

// countedQuestion asks for a list's count items of noun: "What are the
// four key practices?", or with an owner, "What are Johnson's four pieces
// of advice for managers?".
func countedQuestion(count, noun string) string {
	noun = countedNoun(countedHead(withoutRemark(noun)))
	f := strings.Fields(noun)
	owner := 0
	switch {
	case len(f) > 1 && possessiveWord(f[0]) && startsUpper(f[0]):
		owner = 1 // "Johnson's", not "team's"
	case len(f) > 2 && possessiveWord(f[1]) && startsUpper(f[0]) && startsUpper(f[1]):
		owner = 2 // "Claire Johnson's"
	}
	what := "What"
	// The noun's head, its first plural word: "key people", not "common
	// mistakes when onboarding remote engineers".
	for _, w := range f[owner:] {
		w = strings.Trim(w, ",.;:")
		if listPeopleNounsSet.hasFold(w) {
			what = "Who" // "Who are the two key people?"
			break
		}
		if isPlural(w) || prepositionsSet.hasFold(w) {
			break
		}
	}
	if owner > 0 {
		return what + " are " + strings.Join(f[:owner], " ") + " " + count + " " + countedNoun(strings.Join(f[owner:], " "))
	}
	return what + " are the " + count + " " + noun
}

// listPeopleNouns end a list's noun that names people.
var listPeopleNounsSet = wordsOf("people persons figures founders cofounders co-founders researchers scientists inventors pioneers explorers leaders players characters guests speakers authors engineers members founders presidents kings queens rulers " +
	"painters artists writers poets composers musicians singers actors students pupils teachers mentors rivals friends children sons daughters " +
	"brothers sisters partners philosophers thinkers critics architects designers doctors nurses generals soldiers ministers emperors")

// duties reports whether every item says what someone does, each opening
// with a verb in the third person ("Rides at the back …", "Keeps the
// meeting on time"): the list describes the one its heading names.
func duties(items []string) bool {
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		var buf [3]string
		f := leadFields(it, buf[:0])
		if len(f) < 3 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(f[0])
		if !unicode.IsUpper(r) || verbBase(strings.ToLower(f[0])) == "" {
			return false
		}
		next := strings.ToLower(strings.Trim(f[1], ","))
		if !determinersSet.has(next) && !in(" at to up down out off over back away in on with for by every each all any his her their its everyone anyone someone ", next) && !strings.HasSuffix(next, "ly") {
			return false // "Patches of three sizes": a plural noun, not a verb
		}
	}
	return true
}

// roleQuestion asks what the one a heading names does ("### Sweeper" →
// "What does the sweeper do?") when its list says what someone does and
// the heading is a singular name of a role, not a topic; "" otherwise.
func roleQuestion(e *entry, h string, words map[string]int) string {
	if e.leadIn != "" || e.parent != "" || h == "" || wordCount(h) > 4 {
		return ""
	}
	ch := cleanHeading(h)
	if wordCount(ch) > 3 || isPlural(ch) || isGerund(ch) || isClause(ch) || inSet(genericHeadingsSet, ch) || inSet(genericTermsSet, ch) || !duties(e.back) {
		return ""
	}
	art, bare := splitArticle(ch)
	if art == "" {
		art = "the"
	}
	role := lowerCommon(bare, words)
	if titleCased(bare) {
		role = strings.ToLower(bare) // "Ride Leader": capitalised as a heading is
	}
	return "What does " + art + " " + role + " do?"
}

// titleCased reports whether every word of s is capitalised as a heading's
// words are, none an acronym or a name with inner capitals.
func titleCased(s string) bool {
	for w := range strings.FieldsSeq(s) {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.IndexFunc(w[size:], unicode.IsUpper) >= 0 {
			return false
		}
	}
	return true
}

// withTopic puts the note's topic, its title, for an "it" a heading points
// at it with: "ways of measuring it" under "Measuring It" in "The speed of
// sound" asks for the ways of measuring the speed of sound. A title that
// is a clause ("How flash storage wears out") names no thing to put there.
func withTopic(noun, title string) string {
	f := strings.Fields(noun)
	at := -1
	for i, w := range f {
		if w == "it" || w == "It" {
			if at >= 0 {
				return noun
			}
			at = i
		}
	}
	if at < 0 || title == "" || isClause(title) || strings.ContainsAny(title, ":?") || wordCount(title) > 6 {
		return noun
	}
	topic := title
	if art, bare := splitArticle(title); art != "" {
		topic = art + " " + bare
	}
	f[at] = topic
	return strings.Join(f, " ")
}
