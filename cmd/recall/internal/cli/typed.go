package cli

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"unicode"

	"github.com/recallcards/recall/scheduler"
)

// typedCheck is a typed answer compared with the card's, word by word.
type typedCheck struct {
	// Diff is the card's answer word by word with what the typing missed
	// in [-…-] and what it added in {+…+}.
	Diff string
	// Matched counts the words typed as the card has them, in its order;
	// Want and Typed count the words of the card's answer and of the
	// typing.
	Matched, Want, Typed int
	Proposed             scheduler.Grade
}

// answerWords splits s into words for comparison: letters and digits only,
// lower-cased, so case and punctuation (a list's dashes, commas, a final
// full stop) never count as a mistake. Each word keeps its form as written
// for the diff.
func answerWords(s string) (keys, shown []string) {
	for _, w := range strings.Fields(s) {
		key := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, w)
		if key == "" {
			continue // a lone dash or bullet
		}
		keys = append(keys, key)
		shown = append(shown, strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	}
	return keys, shown
}

// maxDiffWords bounds the words compared: the comparison costs the product
// of the two lengths, and a card's answer is short (a pasted essay is not).
const maxDiffWords = 400

// checkTyped compares typed with want word by word (a longest common
// subsequence of the words) and proposes a grade from how close they are:
// the share of words in common, 2·matched / (wanted + typed).
func checkTyped(want, typed string) typedCheck {
	wk, ws := answerWords(want)
	tk, ts := answerWords(typed)
	wk, ws = wk[:min(len(wk), maxDiffWords)], ws[:min(len(ws), maxDiffWords)]
	tk, ts = tk[:min(len(tk), maxDiffWords)], ts[:min(len(ts), maxDiffWords)]
	// lcs[i][j] is the longest common subsequence of wk[i:] and tk[j:].
	lcs := make([][]int, len(wk)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(tk)+1)
	}
	for i := len(wk) - 1; i >= 0; i-- {
		for j := len(tk) - 1; j >= 0; j-- {
			if wk[i] == tk[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var parts []string
	i, j := 0, 0
	for i < len(wk) || j < len(tk) {
		switch {
		case i < len(wk) && j < len(tk) && wk[i] == tk[j]:
			parts = append(parts, ws[i])
			i, j = i+1, j+1
		case j < len(tk) && (i == len(wk) || lcs[i][j+1] >= lcs[i+1][j]):
			parts = append(parts, "{+"+ts[j]+"+}")
			j++
		default:
			parts = append(parts, "[-"+ws[i]+"-]")
			i++
		}
	}
	c := typedCheck{Diff: strings.Join(parts, " "), Matched: lcs[0][0], Want: len(wk), Typed: len(tk)}
	c.Proposed = proposeGrade(c.Matched, c.Want, c.Typed)
	return c
}

// proposeGrade turns the words in common into an SM-2 grade: all of them
// 5, most of them (4 in 5) 4, well over half 3 (correct with serious
// difficulty), some 2, a word or two 1, nothing typed 0.
func proposeGrade(matched, want, typed int) scheduler.Grade {
	if typed == 0 || want == 0 {
		return 0
	}
	share := float64(2*matched) / float64(want+typed)
	switch {
	case matched == want && typed == want:
		return 5
	case share >= 0.8:
		return 4
	case share >= 0.6:
		return 3
	case share >= 0.3:
		return 2
	}
	return 1
}

// reviewMode is how a review session asks: the grading keys, whether
// the learner types each answer first (recall review --type), and the
// user's editor, for editing a card on show (nil: no editing).
type reviewMode struct {
	keys   keyLayout
	typed  bool
	editor func(file string) (*exec.Cmd, error)
}

// proposal says which grade a typed answer earned, in the key layout, and
// that enter (an empty line in line mode) takes it. In the Anki layout a
// grade its buttons lack (0 or 2) is proposed as Again.
func (l keyLayout) proposal(q scheduler.Grade) (scheduler.Grade, string) {
	if l == layoutAnki {
		for b := 4; b >= 1; b-- {
			if ankiGrades[b] <= q {
				return ankiGrades[b], fmt.Sprintf("%d %s", b, ankiNames[b])
			}
		}
		return ankiGrades[1], "1 " + ankiNames[1]
	}
	return q, fmt.Sprintf("%d, %s", q, q.Meaning())
}

// typedLines is what a checked answer adds under the card's answer: the
// word diff and the proposed grade.
func typedLines(keys keyLayout, c typedCheck, enter string) (diff, proposed string) {
	_, name := keys.proposal(c.Proposed)
	diff = "Typed: " + c.Diff
	if c.Typed == 0 {
		diff = "Typed: nothing"
	}
	return diff, fmt.Sprintf("Proposed grade %s (%d of %d words right): %s takes it, or give another", name, c.Matched, c.Want, enter)
}

// ankiKey is the Anki-layout key that gives grade q (one of 1, 3, 4, 5).
func ankiKey(q scheduler.Grade) string {
	for b := 1; b <= 4; b++ {
		if ankiGrades[b] == q {
			return strconv.Itoa(b)
		}
	}
	return "1"
}
