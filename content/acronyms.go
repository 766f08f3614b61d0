package content

import (
	"strings"
	"unicode"

	"github.com/recallcards/recall/deck"
)

// Acronyms. A sentence that introduces an acronym after its long form,
// "The Overall Evaluation Criterion (OEC) is …", gives a fact a careful
// writer cards when the note's field coins it: "What does *OEC* stand
// for?" → "Overall Evaluation Criterion." An acronym everyone knows (AI,
// PM, CEO) is no fact of the note's.

// commonAcronyms are known to any reader: their expansions are no fact.
var commonAcronymsSet = wordsOf("AI ML PM PMS GM CEO CTO CFO COO VP API APIS UI UX HR US USA UK EU UN IT QA PR KPI KPIS ROI MVP SAAS B2B B2C FAQ PDF URL HTML CSS SQL CPU GPU RAM OS PC TV GDP NASA FBI CIA DNA RNA IQ ID PHD MBA")

// acronymIntro returns the acronym a sentence introduces in brackets after
// its long form and that long form, "Resolution Enhancement Techniques
// (RETs)" → "RETs", "Resolution Enhancement Techniques", or "", "". The
// acronym's letters, or its capitalised pieces ("DevEx"), must open the
// words before it in order.
func acronymIntro(s string) (acronym, long string) {
	acronym, long, _ = nextAcronym(s)
	return acronym, long
}

// nextAcronym is acronymIntro that also returns the text after the
// acronym, where another may follow.
func nextAcronym(s string) (acronym, long, after string) {
	for rest := s; ; {
		i := strings.Index(rest, " (")
		if i < 0 {
			return "", "", ""
		}
		j := strings.IndexByte(rest[i+2:], ')')
		if j < 0 {
			return "", "", ""
		}
		acr := rest[i+2 : i+2+j]
		if len(acr) >= 2 && len(acr) <= 7 && acr[0] >= 'A' && acr[0] <= 'Z' && acr[1] != ' ' {
			if l := expansionBefore(rest[:i], acr); l != "" && !commonAcronymsSet.has(strings.ToUpper(acr)) {
				return acr, l, rest[i+2+j+1:]
			}
		}
		rest = rest[i+2+j:]
	}
}

// expansionBefore returns the words at the end of before that acr
// abbreviates, or "".
func expansionBefore(before, acr string) string {
	if len(acr) < 2 || len(acr) > 7 {
		return ""
	}
	bare := strings.TrimSuffix(acr, "s")
	r0 := []rune(bare)
	if len(r0) < 2 || !unicode.IsUpper(r0[0]) {
		return ""
	}
	// The pieces: "OEC" → O, E, C; "DevEx" → Dev, Ex.
	var pieces []string
	upper := 0
	for _, r := range bare {
		if !unicode.IsLetter(r) {
			return ""
		}
		if unicode.IsUpper(r) {
			upper++
			pieces = append(pieces, string(r))
		} else {
			pieces[len(pieces)-1] += string(r)
		}
	}
	if upper < 2 {
		return ""
	}
	// Words split at spaces and hyphens ("single-level cell (SLC)"),
	// each with where it starts in before.
	var words []string
	var starts []int
	for i := 0; i < len(before); {
		for i < len(before) && (before[i] == ' ' || before[i] == '-') {
			i++
		}
		j := i
		for j < len(before) && before[j] != ' ' && before[j] != '-' {
			j++
		}
		if j > i {
			words, starts = append(words, before[i:j]), append(starts, i)
		}
		i = j
	}
	k := len(words)
	for p := len(pieces) - 1; p >= 0; p-- {
		k--
		// "Department of Energy (DOE)" names its "of"; "Mean Time to
		// Restore (MTTR)" its "to": a short word may be skipped.
		for k >= 0 && !strings.HasPrefix(strings.ToLower(words[k]), strings.ToLower(pieces[p])) && in(" of to and for the in on ", strings.ToLower(words[k])) {
			k--
		}
		if k < 0 || !strings.HasPrefix(strings.ToLower(strings.Trim(words[k], `"“”'*`)), strings.ToLower(pieces[p])) {
			return ""
		}
	}
	long := strings.Trim(before[starts[k]:], `"“”'*, `)
	if strings.ContainsAny(long, ",;:()") || !hasWord(long) {
		return ""
	}
	return long
}

// acronymQuestion asks what an acronym a sentence introduces stands for,
// unless the context cue gives it away or the note has a card of the
// term already: the question, the answer and the acronym, or "", "", "".
// after is the text after the acronym, where another may follow ("" when
// there is none).
func (w *walker) acronymQuestion(s string, section []string) (question, answer, acronym, after string) {
	acr, long, after := nextAcronym(s)
	if acr == "" || givenAway(long, stemSet(cue(w.note.title, section))) {
		return "", "", "", after
	}
	a, l := " "+deck.NormalizeTerm(acr)+" ", deck.NormalizeTerm(long)
	if w.clozeSpans[deck.NormalizeTerm(acr)] > 0 || w.clozeSpans[l] > 0 {
		return "", "", "", after // a cloze hides it already
	}
	for _, e := range w.note.entries {
		if t := " " + deck.NormalizeTerm(e.term) + " "; strings.Contains(t, a) || strings.Contains(t, " "+l+" ") {
			return "", "", "", after // "**Stochastic Gradient Descent (SGD)**" has its card
		}
	}
	verb := "does"
	if strings.HasSuffix(acr, "s") {
		verb = "do"
	}
	return "What " + verb + " *" + acr + "* stand for?", upperFirst(long) + ".", acr, after
}
