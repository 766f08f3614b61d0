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

// prohibitionCards makes the card of each warning with a condition among a
// paragraph's sentences that have no card, at most one a paragraph.
func (w *walker) prohibitionCards(l *listParaLeft, asked map[string]bool) {
	if !strings.Contains(l.r.light, "Do") && !strings.Contains(l.r.light, "Never ") {
		return // most paragraphs: no warning at all
	}
	for i, s := range l.sp.sentences {
		if l.done[i] {
			continue
		}
		q, a := prohibitionQuestion(plainOf(s))
		if q == "" || asked[strings.ToLower(q)] {
			continue
		}
		asked[strings.ToLower(q)] = true
		l.done[i] = true
		w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: 2*len(w.src) + l.r.p.offset + i, line: l.r.p.line,
			section: l.r.section, term: q, back: []string{a}, seconds: l.r.p.seconds, question: q, prose: true, late: true})
		return
	}
}
