package content

import (
	"strings"

	"github.com/recallcards/recall/deck"
)

// maxRecitedSteps is the longest procedure of plain steps (numbered items
// with no bold name) learnt as one ordered list. Past it, the list is a
// set too long to recite, and each step is carded on its own.
const maxRecitedSteps = 5

// stepCards cards a long procedure step by step, as overlapping cards of
// an enumeration: the first step is asked as the first, each later one
// as the step after the one before it ("After “Heat the oven to 200 °C”,
// what is the next step?"), so each card points to one answer. A step
// whose key is a figure with its unit ("Heat the oven to 200 °C", "Steep
// for two minutes") hides the figure instead: the figure is what a
// learner gets wrong.
func (w *walker) stepCards(steps []item, section []string) {
	for i, it := range steps {
		step := it.label
		f := withUnit(step, figure(plainOf(step)))
		if f != "" && !unitFigure(plainOf(step), f) {
			f = ""
		}
		if f == "" {
			f = wordFigure(step) // "Steep for two minutes"
		}
		if f != "" && strings.Count(step, f) == 1 {
			key := deck.NormalizeTerm(f)
			if w.clozeSpans[key] < maxSameSpan {
				if w.clozeSpans == nil {
					w.clozeSpans = make(map[string]int)
				}
				w.clozeSpans[key]++
				at := strings.Index(step, f)
				w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: it.offset, line: it.line,
					section: section, term: f, back: []string{f, step + "."},
					leadIn: step[:at] + clozeBlank + step[at+len(f):] + ".", seconds: it.seconds})
				continue
			}
		}
		q := "What is the first step?"
		if i > 0 {
			q = "After “" + steps[i-1].label + "”, what is the next step?"
		}
		w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: it.offset, line: it.line,
			section: section, term: step, back: []string{step}, leadIn: q, seconds: it.seconds})
	}
}

// withUnit extends a bare figure to the unit written after it ("200" of
// "Heat the oven to 200 °C" is "200 °C"): hidden alone, the unit left
// showing would ask for half the fact.
func withUnit(s, f string) string {
	if f == "" || strings.IndexByte(f, ' ') >= 0 {
		return f
	}
	i := strings.Index(s, f)
	if i < 0 {
		return f
	}
	after := s[i+len(f):]
	if !strings.HasPrefix(after, " ") {
		return f
	}
	next, _, _ := strings.Cut(after[1:], " ")
	if unit := strings.TrimRight(next, ",.;:)"); unit != "" && moreUnitsSet.has(strings.ToLower(unit)) {
		return f + " " + unit
	}
	return f
}
