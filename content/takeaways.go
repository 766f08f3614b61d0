package content

import (
	"strings"

	"github.com/recallcards/recall/deck"
)

// Key takeaways. A list under "Key Takeaways", "Lessons Learned" or the
// like whose items are sentences holds the note's lessons, one a line. A
// careful writer cards each as a question about what the sentence says of
// its subject, answered by the subject: "A honing steel realigns the edge
// but does not remove metal" → "What realigns the edge but does not
// remove metal?" → "A honing steel." A lesson giving a cause is asked why
// (see causeQuestion); any other keeps the cloze card it may have.

// takeawayHeadings name a section of lessons.
const takeawayHeadings = " takeaways takeaway key takeaways main takeaways lessons lessons learned lessons learnt key lessons " +
	"key points main points key insights learnings key learnings what we learned what i learned "

// takeawayHeading reports whether a section's last heading names its
// lessons.
func takeawayHeading(section []string) bool {
	if len(section) == 0 {
		return false
	}
	h := strings.ToLower(strings.TrimSpace(cleanHeading(section[len(section)-1])))
	return len(h) > 3 && len(h) < 20 && strings.Contains(takeawayHeadings, " "+h+" ")
}

// takeawayCards makes the cards of the lessons in items, the sentence
// items of takeaway lists that have no card yet, after every other card
// of the note. asked holds the questions the note asks already.
func (w *walker) takeawayCards(items []proseRef, asked map[string]bool) {
	for _, r := range items {
		plain := trimStatement(plainOf(r.light))
		if wordCount(plain) < minClozeWords || pointsInNote(plain) {
			continue
		}
		// A lesson giving its cause is asked why ("Thresholds differ
		// because …"), any other what it says of its subject.
		q, a, _ := causeQuestion(plain, w.note)
		if q == "" {
			q, a = lessonQuestion(plain)
			if givenAway(a, stemSet(cue(w.note.title, r.section))) {
				q = "" // "What teaches the immune system …?" under a title naming vaccines
			}
		}
		term := plain
		if q == "" || asked[strings.ToLower(q)] {
			continue
		}
		asked[strings.ToLower(q)] = true
		w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: 3*len(w.src) + r.p.offset, line: r.p.line,
			section: r.section, term: term, back: []string{a}, seconds: r.p.seconds, question: q, prose: true, late: true})
	}
}

// lessonQuestion asks what a lesson says of its subject: "Heating in a
// resistor grows with the square of the current" → "What grows with the
// square of the current?" → "Heating in a resistor.", or "", "". The
// rest must stand without the subject: "… proportional to the voltage
// across it" would ask about an "it" the question hides.
func lessonQuestion(s string) (question, answer string) {
	// "A honing steel realigns the edge but does not remove metal": a
	// second verb of the same subject goes with the first.
	more := ""
	if before, after, ok := strings.Cut(s, " but "); ok && auxVerbsSet.has(strings.ToLower(firstWord(after))) {
		s, more = before, " but "+after
	}
	if looksImperative(s) {
		return "", "" // "Decide what good looks like …": a command has no subject to ask for
	}
	c, ok := splitClause(s)
	c.rest += more
	if !ok || wordCount(c.rest) < 3 || pointsElsewhere(c.rest) {
		return "", ""
	}
	if relativeVerbLast(c.subject) {
		// "A crisis that affected | decision-makers personally did …":
		// the relative clause's object, taken for the verb.
		return "", ""
	}
	for _, p := range []string{"its", "their", "his", "her", "itself", "themselves"} {
		if hasWordFold(c.rest, p) {
			return "", ""
		}
	}
	verb := c.verb
	switch c.kind {
	case verbAux:
		if v, ok := singularAux[verb]; ok {
			verb = v
		}
	case verbPlural:
		verb = thirdPerson(c.base)
	}
	return "What " + verb + " " + c.rest + "?", upperFirst(c.subject) + "."
}

// singularAux are the forms an auxiliary takes after "What": "Long
// cables are …" → "What is …?".
var singularAux = map[string]string{"are": "is", "were": "was", "have": "has", "do": "does", "aren't": "isn't",
	"weren't": "wasn't", "haven't": "hasn't", "don't": "doesn't"}

// thirdPerson returns a verb's form after "What": "need" → "needs",
// "carry" → "carries", "push" → "pushes".
func thirdPerson(base string) string {
	switch {
	case strings.HasSuffix(base, "y") && len(base) > 2 && !isVowelByte(base[len(base)-2]):
		return base[:len(base)-1] + "ies"
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "o"):
		return base + "es"
	}
	return base + "s"
}

// relativeVerbLast reports whether a subject ends in a relative clause's
// verb with nothing after it ("A crisis that affected"), so that the
// word taken for the main verb is that verb's object.
func relativeVerbLast(subject string) bool {
	f := strings.Fields(subject)
	if len(f) < 3 || !in(" that which who ", strings.ToLower(f[len(f)-2])) {
		return false
	}
	last := strings.ToLower(f[len(f)-1])
	return pastBase(last) != "" || verbBase(last) != ""
}

// maxProseLessons bounds the lessons read from one paragraph under a
// takeaway heading: past two, a paragraph is an essay, not a list of
// lessons written as prose.
const maxProseLessons = 2

// appendProseLessons adds to lessons the sentences with no card of a
// paragraph under a takeaway heading: "## Takeaway" followed by "A slower
// quench leaves the steel softer but tougher." holds a lesson as surely
// as a list item would (see takeawayCards).
func appendProseLessons(lessons []proseRef, l *listParaLeft) []proseRef {
	if l.r.item || !takeawayHeading(l.r.section) {
		return lessons
	}
	n := 0
	for i, s := range l.sp.sentences {
		if l.done[i] || strings.HasSuffix(s, ":") || n == maxProseLessons {
			continue
		}
		// "The hidden cost is a part nobody wants to own" would be asked
		// "What is a part …?": a copula's claim is no lesson to ask back.
		if c, ok := splitClause(trimStatement(plainOf(s))); ok && in(" is are was were ", c.verb) && !causeMarked(s) {
			continue
		}
		p := *l.r.p
		p.offset += i // one place per sentence: the cards keep note order
		lessons = append(lessons, proseRef{light: s, p: &p, section: l.r.section})
		n++
	}
	return lessons
}
