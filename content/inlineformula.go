package content

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/recallcards/recall/deck"
)

// Inline formulas: a sentence that says what a formula computes and gives
// it in its own line of text, "The energy a sledger burns is $E = P \cdot
// t$, where $P$ is the power …", holds a formula card as a display formula
// does: "What is the formula for the energy a sledger burns?" → "E = P · t,
// where P is the power …". Symbols alone ("where $P$ is the power") and
// values ("$n = 3$") are no formulas.

// maxWhereWords bounds the "where …" clause an inline formula's answer
// keeps: it says what the symbols are, and a longer one is a sentence of
// its own.
const maxWhereWords = 16

// inlineFormulas makes the formula cards of a paragraph's inline formulas
// and records them and the sentences carded in ref, so that no cloze card
// asks a sentence again or hides a piece of a formula ("K = 1 / [...] v²").
func (w *walker) inlineFormulas(b *ast.Paragraph, p *para, ref *proseRef) {
	var sents []string
	for n := b.FirstChild(); n != nil; n = n.NextSibling() {
		m, ok := n.(*mathInline)
		if !ok {
			continue
		}
		rendered := renderLatex(string(m.tex))
		if !isFormula(rendered) {
			continue
		}
		ref.formulas = append(ref.formulas, rendered)
		if sents == nil {
			sents = sentences(ref.light)
		}
		for _, s := range sents {
			i := strings.Index(s, rendered)
			if i <= 0 {
				continue
			}
			lead := plainOf(strings.TrimSpace(s[:i]))
			if strings.ContainsAny(lead, "=≈") {
				break // a second formula of the sentence: the first had its chance
			}
			q := w.leadInQuestion(lead, rendered)
			if q == "" || w.askedBefore(q) {
				break
			}
			key := formulaSubject(lead)
			if key == "" {
				key = rendered
			}
			w.note.entries = append(w.note.entries, entry{kind: deck.KindFormula, offset: p.offset, line: p.line,
				section: w.visibleSection(), term: key, back: []string{rendered + whereClause(s[i+len(rendered):])}, seconds: -1,
				leadIn: q, prose: true})
			ref.formulaIn = append(ref.formulaIn, s)
			break
		}
	}
}

// isFormula reports whether rendered math is a relation between
// quantities: one side, a relation, another side with a symbol of its own.
func isFormula(rendered string) bool {
	i := strings.IndexAny(rendered, "=≈")
	if i <= 0 {
		return false
	}
	left, right := strings.TrimSpace(rendered[:i]), strings.TrimSpace(strings.TrimLeft(rendered[i:], "=≈"))
	return left != "" && strings.IndexFunc(right, unicode.IsLetter) >= 0
}

// whereClause returns what follows an inline formula when it says what
// its symbols are (", where P is the power and t the time"), without the
// sentence's full stop; "" otherwise.
func whereClause(after string) string {
	after = strings.TrimRight(strings.TrimSpace(after), ".")
	rest, ok := strings.CutPrefix(after, ", where ")
	if !ok || wordCount(rest) > maxWhereWords || strings.ContainsAny(rest, ";:") {
		return ""
	}
	return ", where " + plainOf(rest)
}

// insideFormula reports whether the first span in plain lies within one of
// the formulas it holds.
func insideFormula(plain, span string, formulas []string) bool {
	i := strings.Index(plain, span)
	for _, f := range formulas {
		if j := strings.Index(plain, f); j >= 0 && i >= j && i+len(span) <= j+len(f) {
			return true
		}
	}
	return false
}
