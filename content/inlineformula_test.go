package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestInlineFormulas(t *testing.T) {
	tests := []struct {
		name, body      string
		question, back  string // "" when no formula card is made
		noClozeContains string // no cloze card's question may contain this
	}{
		{"a sentence naming what it computes, with its symbols",
			"## The numbers\nThe energy a sledger burns is $E = P \\cdot t$, where $P$ is the power and $t$ the time.\n",
			"What is the formula for the energy a sledger burns?", "E = P · t, where P is the power and t the time", "E = P"},
		{"given by",
			"## Friction\nThe friction force on a runner is given by $F = \\mu N$ on packed snow.\n",
			"What is the formula for the friction force on a runner?", "F = μ N", ""},
		{"a long where clause is a sentence of its own",
			"## Friction\nThe friction force is given by $F = \\mu N$, where $\\mu$ is the coefficient that the snow's grain size, its temperature and the runner's wax all change from day to day.\n",
			"What is the formula for the friction force?", "F = μ N", ""},
		{"a value is no formula",
			"## Hauling\nA man hauling a sledge works at about $P = 300$ W for ten hours a day.\n",
			"", "", ""},
		{"no lead naming it: no card, and no cloze inside the formula",
			"## Motion\nKinetic energy grows with the square of speed: $K = \\frac{1}{2} m v^2$ for any body.\n",
			"", "", "[...] m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			checkDeck(t, res)
			var got []deck.Card
			for _, c := range res.Cards {
				switch c.Kind {
				case deck.KindFormula:
					got = append(got, c)
				case deck.KindCloze:
					if tt.noClozeContains != "" && strings.Contains(c.Question, tt.noClozeContains) {
						t.Errorf("cloze %q asks the formula's sentence again", c.Question)
					}
					if strings.Contains(c.Question, "= 1 / [...]") || strings.Contains(c.Question, "· [...]") {
						t.Errorf("cloze %q hides a piece of a formula", c.Question)
					}
				}
			}
			if tt.question == "" {
				if len(got) != 0 {
					t.Errorf("formula card %q → %q, want none", got[0].Question, got[0].Back)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%d formula cards, want 1:\n%s", len(got), dumpCards(res.Cards))
			}
			if got[0].Question != tt.question || got[0].Back != tt.back {
				t.Errorf("got %q → %q\nwant %q → %q", got[0].Question, got[0].Back, tt.question, tt.back)
			}
		})
	}
}
