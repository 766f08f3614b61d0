package content

import (
	"strings"

	"github.com/recallcards/recall/deck"
)

// Prohibitions. How-to notes give their warnings as commands in prose: "Do
// not attempt a jump if the battery is cracked or leaking." The condition
// is the knowledge, and a careful writer asks for it: "When should you not
// attempt a jump?" → "If the battery is cracked or leaking." A warning
// without a condition ("Never smoke near a battery") says all it says in
// one line and is left to the cloze rules.

// prohibitionOpeners open a warning, longest first.
var prohibitionOpeners = []string{"Do not ", "Don't ", "Don’t ", "Never "}

// startsProhibition reports whether a phrase opens as a warning does:
// "Do not …", "Don't …", "Never …".
func startsProhibition(s string) bool {
	for _, o := range prohibitionOpeners {
		if strings.HasPrefix(s, o) {
			return true
		}
	}
	return false
}

// conditionMarkers join a warning to its condition.
var conditionMarkers = []string{" if ", " when ", " while "}

// prohibitionQuestion asks when a warning holds: "Do not X if Y" → "When
// should you not X?", "If Y."; "", "" for any other sentence.
func prohibitionQuestion(s string) (question, answer string) {
	s = trimStatement(s)
	var rest string
	for _, o := range prohibitionOpeners {
		if r, ok := strings.CutPrefix(s, o); ok {
			rest = r
			break
		}
	}
	if rest == "" || strings.ContainsAny(rest, ";:?!()\"“") {
		return "", ""
	}
	// The command's verb: a plain word, not "Do not, under any …".
	if v := firstWord(rest); len(v) < 2 || v != strings.ToLower(v) || strings.HasSuffix(strings.Fields(rest)[0], ",") {
		return "", ""
	}
	for _, m := range conditionMarkers {
		i := strings.Index(rest, m)
		if i <= 0 {
			continue
		}
		action, cond := strings.TrimSuffix(rest[:i], ","), rest[i+len(m):]
		if wordCount(action) < 2 || wordCount(action) > 10 || wordCount(cond) < 3 || wordCount(cond) > maxCauseAnswerWords ||
			strings.Contains(action, ",") || startsWithPointer(cond) {
			return "", ""
		}
		return "When should you not " + action + "?", upperFirst(strings.TrimSpace(m)) + " " + cond + "."
	}
	return "", ""
}

// Diagnostic rules. "If the engine cranks normally but will not fire, the
// battery is probably fine." holds its knowledge in what follows from the
// condition: the cloze hides the consequence, "If the engine cranks
// normally but will not fire, [...]." A condition about the reader's wishes
// ("If you want to learn more, …") is no rule.

// wishWords make a condition about the reader, not the world.
var wishWordsSet = wordsOf("want wants wish like prefer interested curious need time")

// conditionalSpan returns the consequence of a sentence "If X, Y." that a
// cloze may hide, or "".
func conditionalSpan(s string) string {
	_, cons, ok := ruleParts(s)
	if !ok || wordCount(cons) < 3 || wordCount(cons) > 12 || strings.Contains(cons, ", ") || startsWithPointer(cons) || looksImperative(cons) {
		return ""
	}
	return cons
}

// ruleParts splits a rule "If X, Y." into its condition X and its
// consequence Y; ok is false for any other sentence, a condition of fewer
// than three or more than fifteen words, or one about the reader's wishes.
func ruleParts(s string) (cond, cons string, ok bool) {
	s = trimStatement(s)
	rest, ok := strings.CutPrefix(s, "If ")
	if !ok || strings.ContainsAny(s, ";:?!()\"“") {
		return "", "", false
	}
	cond, cons, ok = strings.Cut(rest, ", ")
	if !ok || wordCount(cond) < 3 || wordCount(cond) > 15 {
		return "", "", false
	}
	for w := range strings.FieldsSeq(cond) {
		if wishWordsSet.hasFold(strings.Trim(w, ",.")) {
			return "", "", false
		}
	}
	return cond, cons, true
}

// maxRuleAnswerWords bounds the consequence a conditional question
// answers with: a longer one is a passage to read, not recall.
const maxRuleAnswerWords = 22

// inferenceWordsSet mark a consequence that is read from the condition
// ("the seal has probably failed"), not one that follows from it.
var inferenceWordsSet = wordsOf("probably likely unlikely suggests suggest indicates indicate means mean")

// conditionalQuestion asks about a rule "If X, Y." whose consequence no
// cloze takes: a command ("If the dough tears, let it rest …") is asked
// "What should you do if the dough tears?", a consequence too long or
// listing for a cloze "What happens if X?" (or "What does it suggest if
// X?" when Y is inferred). It returns "", "" for any other sentence.
func conditionalQuestion(s string) (question, answer string) {
	cond, cons, ok := ruleParts(s)
	if !ok {
		return "", ""
	}
	cons = strings.TrimPrefix(cons, "then ")
	if first := firstWord(cons); first == strings.ToLower(first) && (prepositionsSet.has(first) || in(" but and or yet nor so unless ", first)) {
		return "", "" // "If …, but in a different place, …": the condition goes on
	}
	if wordCount(cons) < 3 || wordCount(cons) > maxRuleAnswerWords ||
		startsWithPointer(cond) || startsWithPointer(cons) || pointerWords[strings.ToLower(strings.TrimRight(lastWord(cons), ".,"))] != 0 {
		return "", ""
	}
	answer = upperFirst(cons) + "."
	if looksImperative(cons) {
		return "What should you do if " + cond + "?", answer
	}
	if subject, advice, ok := strings.Cut(cons, " should "); ok && wordCount(subject) <= 3 && !strings.Contains(subject, ",") && wordCount(advice) >= 2 {
		// "If neither side is scaled, founders should prioritize …":
		// advice to someone, asked as such.
		return "What should " + lowerLead(subject) + " do if " + cond + "?", upperFirst(advice) + "."
	}
	if conditionalSpan(s) != "" {
		return "", "" // a short plain consequence is the cloze's
	}
	for w := range strings.FieldsSeq(cons) {
		if inferenceWordsSet.has(strings.ToLower(strings.Trim(w, ",."))) {
			return "What does it suggest if " + cond + "?", answer
		}
	}
	return "What happens if " + cond + "?", answer
}

// prohibitionCards makes the card of each warning with a condition, or
// else of each diagnostic rule, among a paragraph's sentences that have no
// card: at most one a paragraph of a list note, two of a note in prose.
func (w *walker) prohibitionCards(l *listParaLeft, asked map[string]bool) {
	limit := 1
	if w.proseNote {
		limit = 2
	}
	if !strings.Contains(l.r.light, "Do") && !strings.Contains(l.r.light, "Never ") && !strings.Contains(l.r.light, "If ") {
		return // most paragraphs: no warning and no rule at all
	}
	for i, s := range l.sp.sentences {
		if limit == 0 {
			return
		}
		if l.done[i] {
			continue
		}
		plain := plainOf(s)
		off := 2*len(w.src) + l.r.p.offset + i
		if q, a := prohibitionQuestion(plain); q != "" && !asked[strings.ToLower(q)] {
			asked[strings.ToLower(q)] = true
			l.done[i] = true
			w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: off, line: l.r.p.line,
				section: l.r.section, term: q, back: []string{a}, seconds: l.r.p.seconds, question: q, prose: true, late: true})
			limit--
			continue
		}
		if span := conditionalSpan(plain); span != "" {
			text := trimStatement(plain) + "."
			j := strings.LastIndex(text, span)
			l.done[i] = true
			w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: off, line: l.r.p.line,
				section: l.r.section, term: span, back: []string{span, text}, leadIn: text[:j] + clozeBlank + text[j+len(span):],
				seconds: l.r.p.seconds, prose: true, late: true})
			limit--
			continue
		}
		if q, a := conditionalQuestion(plain); q != "" && !asked[strings.ToLower(q)] {
			asked[strings.ToLower(q)] = true
			l.done[i] = true
			w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: off, line: l.r.p.line,
				section: l.r.section, term: ruleTerm(plain), back: []string{a}, seconds: l.r.p.seconds, question: q, prose: true, late: true})
			limit--
		}
	}
}

// ruleTerm is a conditional rule's identity: its condition as the note
// writes it ("If neither side is scaled"), so that rewording the
// question keeps the card.
func ruleTerm(s string) string {
	cond, _, _ := strings.Cut(trimStatement(s), ", ")
	return cond
}
