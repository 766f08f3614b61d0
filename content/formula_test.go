package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestFormulaQuestions(t *testing.T) {
	tests := []struct{ name, body, question, back string }{
		{"given by", "## Motion\nThe kinetic energy of a body is given by:\n\n$$ E_k = \\frac{1}{2} m v^2 $$\n",
			"What is the formula for the kinetic energy of a body?", "Eₖ = 1 / 2 m v²"},
		{"the law, named as the note names it", "Newton's second law relates force and motion.\n\n## Force\nThe law states that force is mass times acceleration:\n\n$$ F = m a $$\n",
			"What is the formula for Newton's second law?", "F = m a"},
		{"a name stays as written", "## Springs\nHooke's law states that the force grows with the stretch:\n\n$$ F = -k x $$\n",
			"What is the formula for Hooke's law?", "F = -k x"},
		{"an expansion, with its left side", "## Spread\nThe total variance can be expanded over the groups:\n\n$$ Var(X) = E[Var(X \\mid G)] + Var(E[X \\mid G]) $$\n",
			"How does the total variance Var(X) expand?", "Var(X) = E[Var(X | G)] + Var(E[X | G])"},
		{"what the last clause says it gives", "## Speed\nSpeed is distance over time, and dividing the distance by the time gives the average speed:\n\n$$ v = \\frac{d}{t} $$\n",
			"What is the formula for the average speed?", "v = d / t"},
		{"a scoping adverbial", "## Complex Numbers\nIn polar form, the number reads:\n\n$$ z = r e^{i \\theta} $$\n",
			"What is the formula for the number in polar form?", "z = r e^(i θ)"},
		{"an adverbial leaning back goes", "## Gases\nIn his experiments, the pressure p, volume V and temperature T of a gas satisfy:\n\n$$ p V = n R T $$\n",
			"What equation do the pressure p, volume V and temperature T of a gas satisfy?", "p V = n R T"},
		{"grows to", "## Savings\nA deposit D kept for t years at rate r grows to:\n\n$$ A = D (1 + r)^t $$\n",
			"What does a deposit D kept for t years at rate r grow to?", "A = D (1 + r)ᵗ"},
		{"the term the left side abbreviates", "## Trials\nThe odds ratio is the odds in one group over the odds in another, and comparing it with one gives the direction of the effect:\n\n$$ OR = \\frac{a / b}{c / d} $$\n",
			"What is the formula for the odds ratio?", "OR = (a / b) / (c / d)"},
		{"what a quantity depends on", "## Drag\nThe drag on a car depends on the air density, the speed and the frontal area:\n\n$$ D = \\frac{1}{2} \\rho v^2 A C_D $$\n",
			"What is the formula for the drag on a car?", "D = 1 / 2 ρ v² A C_D"},
		{"a heading naming the formula", "## The Lensmaker Equation\n\n$$ \\frac{1}{f} = (n - 1) \\left( \\frac{1}{R_1} - \\frac{1}{R_2} \\right) $$\n",
			"What is the lensmaker equation?", "1 / f = (n - 1) (1 / R₁ - 1 / R₂)"},
		{"a heading stating a claim: the left side", "## Why Prices Rise\n\n$$ P = \\frac{M V}{Q} $$\n",
			"What is the formula for P?", "P = M V / Q"},
		{"a generic heading: the left side", "## The Formula\n\n$$ H = -\\sum_i p_i \\log p_i $$\n",
			"What is the formula for H?", "H = -Σᵢ pᵢ log pᵢ"},
		{"the name the lead-in gives it", "## Waves\nA sum of such waves is called a **wave packet**:\n\n$$ \\psi = \\sum_k A_k \\cos(k x) $$\n",
			"What is the formula for a wave packet?", "ψ = Σₖ Aₖ cos (k x)"},
		{"an adverb before the verb", "## Kinetic Theory\nThe average energy of a molecule depends only on temperature:\n\n$$ \\bar{E} = \\frac{3}{2} k T $$\n",
			"What is the formula for the average energy of a molecule?", "E\u0304 = 3 / 2 k T"},
		{"a named equation, whatever its verb", "## Where It Fails\nThe **van der Waals equation** corrects for both effects:\n\n$$ (P + a)(V - b) = RT $$\n",
			"What is the van der Waals equation?", "(P + a)(V - b) = RT"},
		{"a worked example is its problem", "## Worked Example\nHow many moles are in 10 litres at 200 kPa and 300 K?\n\n$$ n = \\frac{PV}{RT} = \\frac{(2.0)(1.0)}{(8.314)(300)} \\approx 0.80 $$\n",
			"How many moles are in 10 litres at 200 kPa and 300 K?", "n = PV / (RT) ≈ 0.80"},
		{"how a quantity is found", "## Fitting\nThe weights are found by minimising the squared error:\n\n$$ w = (X^T X)^{-1} X^T y $$\n",
			"How are the weights w found?", "w = (Xᵀ X)⁻¹ Xᵀ y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			checkDeck(t, res)
			var got []deck.Card
			for _, c := range res.Cards {
				if c.Kind == deck.KindFormula {
					got = append(got, c)
				}
			}
			if len(got) != 1 {
				t.Fatalf("%d formula cards, want 1:\n%s", len(got), dumpCards(res.Cards))
			}
			if got[0].Question != tt.question {
				t.Errorf("question\n got %q\nwant %q", got[0].Question, tt.question)
			}
			if got[0].Back != tt.back {
				t.Errorf("back\n got %q\nwant %q", got[0].Back, tt.back)
			}
		})
	}
}

// TestFormulaFromTitle: "the law" of a note titled "The ideal gas law" is
// that law.
func TestFormulaFromTitle(t *testing.T) {
	src := "---\ntitle: The ideal gas law\n---\n\n## The Equation\nThe law is usually written as:\n\n$$ PV = nRT $$\n"
	res := generate(t, src, Options{Deck: "d"})
	for _, c := range res.Cards {
		if c.Kind == deck.KindFormula {
			if want := "What is the formula for the ideal gas law?"; c.Question != want {
				t.Errorf("question %q, want %q", c.Question, want)
			}
			return
		}
	}
	t.Errorf("no formula card:\n%s", dumpCards(res.Cards))
}

// TestWorkedCalculationWithoutProblem: a calculation under "Worked
// Example" with no question before it is no formula to learn.
func TestWorkedCalculationWithoutProblem(t *testing.T) {
	res := generate(t, header+"## Worked Example\n\n$$ n = \\frac{PV}{RT} = \\frac{200}{300} \\approx 0.67 $$\n", Options{Deck: "d"})
	for _, c := range res.Cards {
		if c.Kind == deck.KindFormula {
			t.Errorf("formula card %q → %q", c.Question, c.Back)
		}
	}
}

// TestFormulaIdentityKeepsItsKey: rewording a formula's question keeps
// the card it was, and so its review history.
func TestFormulaIdentityKeepsItsKey(t *testing.T) {
	res := generate(t, header+"## The Formula\nThe denominator can be expanded over the cases:\n\n$$ P(E) = P(A) + P(B) $$\n", Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindFormula, "The Formula")
	if !ok {
		t.Fatalf("the formula's key is no longer its heading:\n%s", dumpCards(res.Cards))
	}
	if want := cardID(string(deck.KindFormula), "d", "note", "formula the formula"); c.ID != want {
		t.Errorf("ID %s, want %s", c.ID, want)
	}
}

// TestFormulaQuestionsDiffer: two formulas the heading alone would ask
// the same way are told apart by their left sides; one that cannot be is
// not carded, rather than ask one question with two answers.
func TestFormulaQuestionsDiffer(t *testing.T) {
	tests := []struct {
		name, body string
		questions  []string
	}{
		{"left sides tell them apart", "## Uniform Acceleration\n\n$$ v = u + a t $$\n\nand\n\n$$ s = u t + \\frac{1}{2} a t^2 $$\n",
			[]string{"What is the formula for uniform acceleration?", "What is the formula for s?"}},
		{"no left side to tell them apart", "## Uniform Acceleration\n\n$$ v = u + a t $$\n\nand\n\n$$ u + a t - v = 0 $$\n",
			[]string{"What is the formula for uniform acceleration?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			checkDeck(t, res)
			var got []string
			for _, c := range res.Cards {
				if c.Kind == deck.KindFormula {
					got = append(got, c.Question)
				}
			}
			if !slices.Equal(got, tt.questions) {
				t.Errorf("questions\n got %q\nwant %q", got, tt.questions)
			}
		})
	}
}

// TestFormulaSymbols: "where r is …" after a display formula says what its
// symbols stand for; each becomes a card of its own.
func TestFormulaSymbols(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // question → answer
	}{
		{"four symbols, 'and' before the last",
			"## Present value\n\nA future payment is worth less today:\n\n$$PV = \\frac{FV}{(1 + r)^n}$$\n\nwhere $PV$ is the present value, $FV$ is the future value, $r$ is the interest rate per period and $n$ is the number of periods.\n",
			[]string{
				"In PV = FV / (1 + r)ⁿ, what is PV? → The present value.",
				"In PV = FV / (1 + r)ⁿ, what is FV? → The future value.",
				"In PV = FV / (1 + r)ⁿ, what is r? → The interest rate per period.",
				"In PV = FV / (1 + r)ⁿ, what is n? → The number of periods.",
			}},
		{"subscripted symbols",
			"## Cooling\n\nThe temperature falls off exponentially:\n\n$$T(t) = T_a + (T_0 - T_a) e^{-kt}$$\n\nwhere $T_a$ is the temperature of the surroundings and $k$ is a constant that depends on the object.\n",
			[]string{
				"In T(t) = Tₐ + (T₀ - Tₐ) e⁻ᵏᵗ, what is Tₐ? → The temperature of the surroundings.",
				"In T(t) = Tₐ + (T₀ - Tₐ) e⁻ᵏᵗ, what is k? → A constant that depends on the object.",
			}},
		{"a 'where' that is no symbol list",
			"## Depth\n\nThe speed of a wave in shallow water:\n\n$$v = \\sqrt{g d}$$\n\nwhere the water is shallow compared with the wavelength.\n",
			nil},
		{"no formula before it",
			"## Loose\n\nSome text comes first.\n\nwhere $x$ is the distance walked.\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			var got []string
			for _, c := range res.Cards {
				if strings.HasPrefix(c.Question, "In ") && strings.Contains(c.Question, ", what is ") {
					got = append(got, c.Question+" → "+c.Back)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("symbol cards\n got %q\nwant %q\n%s", got, tt.want, dumpCards(res.Cards))
			}
		})
	}
}
