package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/yuin/goldmark/text"
)

func TestProseAndMarkupCards(t *testing.T) {
	tests := []struct {
		name     string
		body     string // after header
		kind     deck.Kind
		term     string
		question string
		back     string
	}{
		{
			name: "definitional sentence hides its subject",
			body: "## Fields\nCurl is a measure of how much a vector field rotates around a point.\n",
			kind: deck.KindCloze, term: "Curl",
			question: "[...] is a measure of how much a vector field rotates around a point.",
			back:     "Curl\nCurl is a measure of how much a vector field rotates around a point.",
		},
		{
			name: "bold span in prose is the writer's mark",
			body: "## Memory\nSleep lets the **hippocampus** replay the day's memories to the cortex.\n",
			kind: deck.KindCloze, term: "hippocampus",
			question: "Sleep lets the [...] replay the day's memories to the cortex.",
			back:     "hippocampus\nSleep lets the hippocampus replay the day's memories to the cortex.",
		},
		{
			name: "a unit's symbol after the blank would give it away",
			body: "## Units\nThe unit of activity in the SI system is the **becquerel** (Bq), one decay per second on average.\n",
			kind: deck.KindCloze, term: "becquerel",
			question: "The unit of activity in the SI system is the [...], one decay per second on average.",
			back:     "becquerel\nThe unit of activity in the SI system is the becquerel (Bq), one decay per second on average.",
		},
		{
			name: "a bracketed year after the blank stays",
			body: "## Units\nActivity used to be measured in the **curie** (1910 definition), based on a gram of radium.\n",
			kind: deck.KindCloze, term: "curie",
			question: "Activity used to be measured in the [...] (1910 definition), based on a gram of radium.",
		},
		{
			name: "a name introduced with known as",
			body: "## Tools\nIn 2023 Nvidia released a software library known as CuLitho for mask design.\n",
			kind: deck.KindCloze, term: "CuLitho",
			question: "In 2023 Nvidia released a software library known as [...] for mask design.",
		},
		{
			name: "a naming sentence hides the name, not the description or a figure",
			body: "## Series\nThe overshoot of a partial sum near a jump, about 9% of the jump, is known as the Gibbs phenomenon.\n",
			kind: deck.KindCloze, term: "Gibbs phenomenon",
			question: "The overshoot of a partial sum near a jump, about 9% of the jump, is known as the [...].",
		},
		{
			name: "a naming sentence with a short subject hides the name",
			body: "## Series\nRinging near a discontinuity is called the Gibbs phenomenon.\n",
			kind: deck.KindCloze, term: "Gibbs phenomenon",
			question: "Ringing near a discontinuity is called the [...].",
		},
		{
			name: "a naming sentence under a heading naming it asks what the name is",
			body: "## The Gibbs Phenomenon\nRinging of a partial sum near a jump is known as the Gibbs phenomenon.\n",
			kind: deck.KindTerm, term: "Gibbs phenomenon",
			question: "What is the *Gibbs phenomenon*?", back: "Ringing of a partial sum near a jump.",
		},
		{
			name: "one figure with its unit",
			body: "## Speed\nThe new library makes the whole lithography pipeline 23 to 42 times faster.\n",
			kind: deck.KindCloze, term: "23 to 42 times",
			question: "The new library makes the whole lithography pipeline [...] faster.",
		},
		{
			name: "==highlight== cloze",
			body: "The ==hippocampus== consolidates memories during sleep.\n",
			kind: deck.KindCloze, term: "hippocampus",
			question: "The [...] consolidates memories during sleep.",
		},
		{
			name: "{{c1::…}} cloze with a hint",
			body: "Anki writes {{c1::cloze deletions::a kind of card}} with double braces.\n",
			kind: deck.KindCloze, term: "cloze deletions",
			question: "Anki writes [...] with double braces.",
		},
		{
			name: "Q: and A: lines",
			body: "Q: What does **SM-2** stand for?\nA: SuperMemo 2, the 1987 algorithm.\n",
			kind: deck.KindTerm, term: "What does *SM-2* stand for?",
			question: "What does *SM-2* stand for?", back: "SuperMemo 2, the 1987 algorithm.",
		},
		{
			name: "term :: definition",
			body: "## Words\nSpaced repetition :: reviewing at growing intervals\n",
			kind: deck.KindTerm, term: "Spaced repetition",
			question: "What does *Spaced repetition* involve?", back: "reviewing at growing intervals",
		},
		{
			name: "bold label paragraph asks the label with its heading",
			body: "## Delivery Metrics\n**Key Insight:** Speed and stability move in tandem across teams.\n",
			kind: deck.KindTerm, term: "Key Insight",
			question: "What is the key insight of delivery metrics?", back: "Speed and stability move in tandem across teams.",
		},
		{
			name: "display formula, from its lead-in",
			body: "## Divergence\nThe divergence is given by:\n\n$$\n\\nabla \\cdot F = \\frac{\\partial P}{\\partial x} + \\frac{\\partial Q}{\\partial y}\n$$\n",
			kind: deck.KindFormula, term: "The divergence",
			question: "What is the formula for the divergence?", back: "∇ · F = ∂P / ∂x + ∂Q / ∂y",
		},
		{
			name: "inline math is rendered, money is not math",
			body: "## Energy\n* **Energy**: $E = mc^2$ with $x_0$, costing $5 or $10.\n",
			kind: deck.KindTerm, term: "Energy",
			question: "What is *Energy*?", back: "E = mc² with x₀, costing $5 or $10.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			checkDeck(t, res)
			c, ok := findCard(res.Cards, tt.kind, tt.term)
			if !ok {
				t.Fatalf("no %s card for %q; cards:\n%s", tt.kind, tt.term, dumpCards(res.Cards))
			}
			if c.Question != tt.question {
				t.Errorf("question\n got %q\nwant %q", c.Question, tt.question)
			}
			if tt.back != "" && c.Back != tt.back {
				t.Errorf("back\n got %q\nwant %q", c.Back, tt.back)
			}
			if c.Front != c.ContextCue+" — "+c.Question {
				t.Errorf("front %q is not context %q — question %q", c.Front, c.ContextCue, c.Question)
			}
		})
	}
}

func TestOneLineFormulaEndsOnItsLine(t *testing.T) {
	// "$$ … $$" on one line is a whole formula: the paragraph and heading
	// after it are the note's, not part of the formula.
	body := header + "## Decay\nThe decay law is written as:\n\n$$ N(t) = N_0 e^{-\\lambda t} $$\n\nwhere the **decay constant** sets the pace.\n\n## Half-Life\nThe half-life is given by:\n\n$$\nt = \\ln 2\n$$\n"
	res := generate(t, body, Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindFormula, "The decay law")
	if !ok {
		t.Fatalf("no formula card for the one-line formula:\n%s", dumpCards(res.Cards))
	}
	if c.Back != "N(t) = N₀ e^(-λ t)" {
		t.Errorf("formula %q swallowed what follows it", c.Back)
	}
	if c, ok := findCard(res.Cards, deck.KindFormula, "The half-life"); !ok || c.ContextCue != "Note › Half-Life" {
		t.Errorf("the next heading's formula is lost or misplaced (%q):\n%s", c.ContextCue, dumpCards(res.Cards))
	}
}

func TestTripleColonMakesBothDirections(t *testing.T) {
	res := generate(t, header+"Leitner box ::: a box of cards sorted by how well they are known\n", Options{Deck: "d"})
	if _, ok := findCard(res.Cards, deck.KindReverse, "Leitner box"); !ok {
		t.Errorf("no reverse card without Options.Reverse:\n%s", dumpCards(res.Cards))
	}
	res = generate(t, header+"Leitner box :: a box of cards sorted by how well they are known\n", Options{Deck: "d"})
	if _, ok := findCard(res.Cards, deck.KindReverse, "Leitner box"); ok {
		t.Errorf("'::' made a reverse card:\n%s", dumpCards(res.Cards))
	}
}

func TestProseClozeSkipsVagueSentences(t *testing.T) {
	tests := []struct{ name, body string }{
		// A sentence leaning on another ("this fact") says nothing alone.
		{"leans on another sentence", "## S\nThe definition is heavily motivated by ensuring this fact is true.\n"},
		{"indefinite subject", "## S\nIn applied settings, a shape is considered a fractal if its dimension is constant.\n"},
		{"label for a subject", "## S\nThe true definition of fractals is the concept of fractal dimension in full.\n"},
		{"a misconception is no term", "## S\nA common misconception is that fractals must be perfectly self-similar shapes.\n"},
		{"figure shown twice", "## S\nThe coastline looks 1.21-dimensional from afar and stays around 1.21 when zoomed in.\n"},
		{"common noun doing something", "## S\nThe models are expected to get smarter at an accelerating rate.\n"},
		{"answer in the heading", "## Computational Lithography\nComputational lithography is crucial for achieving the resolutions chips need.\n"},
		{"emphasis on a function word", "## S\nThe mistake is building a marketplace *before* the business is actually one.\n"},
		// A hidden span must ask something (see giveaway.go).
		{"a common word quoted", "## Speed\nThe engineers used a \"trick\" for caching the results between the two page loads.\n"},
		{"the figure said again in words", "## Odds\nThe odds ratio in the trial was 4, so a treated patient was four times as likely to recover.\n"},
		{"a figure in brackets after its words", "## Failure\nAt the company, about two-thirds (66%) of the launched ideas failed in testing.\n"},
		{"a place in the note", "## Odds\nFor the test above the likelihood ratio is 12 for every positive result it gives.\n"},
		{"as mentioned earlier", "## Odds\nAs mentioned earlier, the **likelihood ratio** compares two hypotheses given one result.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			if len(res.Cards) != 0 {
				t.Errorf("vague sentence carded:\n%s", dumpCards(res.Cards))
			}
		})
	}
}

func TestProseInListNotes(t *testing.T) {
	// A note whose lists carry it cards each paragraph's one surest fact,
	// after the list's cards.
	lists := "## S\n* **A**: one thing here.\n* **B**: two things here.\n* **C**: three things.\n"
	para := "Curl is a measure of how much a vector field rotates. The field was studied by Maxwell in 1861 at length.\n\n"
	res := generate(t, header+para+lists, Options{Deck: "d"})
	var cloze []deck.Card
	for _, c := range res.Cards {
		if c.Kind == deck.KindCloze {
			cloze = append(cloze, c)
		}
	}
	// Its first card is the definition; the dated sentence is a fact the
	// writer would card too (see TestMarkedSentencesInListNotes).
	if len(cloze) != 2 || cloze[0].Question != "[...] is a measure of how much a vector field rotates." || cloze[1].Term != "1861" {
		t.Errorf("want the paragraph's definition, then its date:\n%s", dumpCards(res.Cards))
	}
	if last := res.Cards[len(res.Cards)-1]; last.Kind != deck.KindCloze {
		t.Errorf("the paragraph's card is not last:\n%s", dumpCards(res.Cards))
	}
	// Carding the paragraphs changes none of the cards the note made
	// without them: same IDs, same text, same order.
	without := generate(t, header+lists, Options{Deck: "d", Reverse: true})
	with := generate(t, header+para+lists, Options{Deck: "d", Reverse: true})
	got := make(map[string]deck.Card)
	for _, c := range with.Cards {
		got[c.ID] = c
	}
	for _, c := range without.Cards {
		g, ok := got[c.ID]
		if !ok || g.Front != c.Front || g.Back != c.Back || g.Order != c.Order {
			t.Errorf("card %s %q changed or went: %+v", c.ID, c.Front, g)
		}
	}
	// A definition whose subject the cue names is asked the other way.
	res = generate(t, header+"## Curl\nCurl is a measure of how much a vector field rotates around a point.\n", Options{Deck: "d"})
	if c, ok := findCard(res.Cards, deck.KindTerm, "Curl"); !ok || c.Question != "What is *Curl*?" || c.Back != "A measure of how much a vector field rotates around a point." {
		t.Errorf("definition under its own heading:\n%s", dumpCards(res.Cards))
	}
}

func TestFigureItemsAreClozeCards(t *testing.T) {
	body := header + "## Half-Life\nHalf-lives vary. For example:\n*   Carbon-14 has a half-life of about 5,730 years.\n*   Uranium-238 has a half-life of about 4.5 billion years.\n"
	res := generate(t, body, Options{Deck: "d"})
	if len(res.Cards) != 2 {
		t.Fatalf("want one cloze card per figure, got:\n%s", dumpCards(res.Cards))
	}
	for i, want := range []string{"Carbon-14 has a half-life of about [...].", "Uranium-238 has a half-life of about [...]."} {
		if c := res.Cards[i]; c.Kind != deck.KindCloze || c.Question != want {
			t.Errorf("card %d: %s %q, want cloze %q", i, c.Kind, c.Question, want)
		}
	}
	if !strings.HasPrefix(res.Cards[1].Back, "4.5 billion years\n") {
		t.Errorf("figure and its unit: %q", res.Cards[1].Back)
	}
}

func TestLongListOfSentencesIsCardedItemByItem(t *testing.T) {
	var items strings.Builder
	for i := 1; i <= 7; i++ {
		items.WriteString("*   Step number " + strings.Repeat("x", i) + " takes about " + string(rune('0'+i)) + " days to finish.\n")
	}
	res := generate(t, header+"## Plan\nThe plan has these parts:\n"+items.String(), Options{Deck: "d"})
	n := 0
	for _, c := range res.Cards {
		if c.Kind == deck.KindList {
			t.Errorf("list card of seven items: %q", c.Question)
		}
		if c.Kind == deck.KindCloze {
			n++
		}
	}
	if n != 7 {
		t.Errorf("%d cloze cards for seven sentence items:\n%s", n, dumpCards(res.Cards))
	}
}

func TestRenderLatex(t *testing.T) {
	tests := []struct{ in, want string }{
		{`\frac{a}{b}`, "a / b"},
		{`\frac{a+1}{b}`, "(a+1) / b"},
		{`x_0 + y^2`, "x₀ + y²"},
		{`\sum_{i=1}^{n} x_i`, "Σᵢ₌₁ⁿ xᵢ"},
		{`\alpha \leq \beta`, "α ≤ β"},
		{`\sqrt{x}`, "√x"},
		{`\mathbf{F} = m\vec{a}`, "F = ma"},
		{`x_{max}`, "xₘₐₓ"},
		{`x_{bq}`, "x_(bq)"},
		{`\left( \frac{1}{2} \right)`, "(1 / 2)"},
		{`\unknown{x}`, "unknownx"},
		{strings.Repeat("{", 100) + "x", "x"},
	}
	for _, tt := range tests {
		if got := renderLatex(tt.in); got != tt.want {
			t.Errorf("renderLatex(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRenderLatexCommands(t *testing.T) {
	tests := []struct{ in, want string }{
		{`P(H \mid E)`, "P(H | E)"},
		{`P(E \mid \neg H)`, "P(E | ¬H)"},
		{`a \cdot b \times c`, "a · b × c"},
		{`x \le y \ge z \approx w`, "x ≤ y ≥ z ≈ w"},
		{`\sqrt{x^2 + y^2}`, "√(x² + y²)"},
		{`\sqrt[3]{x}`, "³√x"},
		{`\int_0^\infty f(x) \, dx`, "∫₀^∞ f(x) dx"},
		{`\frac{\partial f}{\partial x}`, "∂f / ∂x"},
		{`\nabla \times \mathbf{B}`, "∇ × B"},
		{`\left( 1 + \frac{r}{n} \right)^{n t}`, "(1 + r / n)^(n t)"},
		{`\left. f \right|_{x=0}`, "f |ₓ₌₀"},
		{`v = 3 \text{ m/s}`, "v = 3 m/s"},
		{`\mathrm{d}x`, "dx"},
		{`\binom{n}{k}`, "C(n, k)"},
		{`\Delta G \ll 0`, "Δ G ≪ 0"},
		{`\sigma^2 = \frac{1}{N} \sum_{i} (x_i - \mu)^2`, "σ² = 1 / N Σᵢ (xᵢ - μ)²"},
		// A denominator of several factors is grouped, one factor is not.
		{`\frac{(2.0)(1.0)}{(8.314)(300)}`, "(2.0)(1.0) / ((8.314)(300))"},
		{`\frac{a n^2}{m V^2}`, "a n² / (m V²)"},
		{`\frac{P(E \mid H)}{P(E)}`, "P(E | H) / P(E)"},
		{`\frac{PV}{RT}`, "PV / (RT)"}, {`\frac{hA}{mc}`, "hA / (mc)"}, {`\frac{dx}{dt}`, "dx / dt"}, {`\frac{d}{T}`, "d / T"},
		// An accent over one letter stays (the mean x̄ is not x).
		{`\bar{E}_k = \frac{3}{2} k T`, "E\u0304ₖ = 3 / 2 k T"},
		{`\hat{p} \ne \bar{xy}`, "p\u0302 ≠ xy"},
		{`10^{−23}`, "10⁻²³"},
	}
	for _, tt := range tests {
		got := renderLatex(tt.in)
		if got != tt.want {
			t.Errorf("renderLatex(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, `\`) || hasWordFold(got, "mid") || hasWordFold(got, "neg") {
			t.Errorf("renderLatex(%q) = %q keeps a command", tt.in, got)
		}
	}
}

// TestHTMLScripts: <sup> and <sub> read as the LaTeX renderer writes
// scripts, with no gap before them.
func TestHTMLScripts(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"The constant R is 8.314 J mol<sup>−1</sup> K<sup>−1</sup> in SI units.", "8.314 J mol⁻¹ K⁻¹ in SI units"},
		{"Water is H<sub>2</sub>O and carbon dioxide is CO<sub>2</sub> in every case.", "H₂O and carbon dioxide is CO₂"},
		{"The doubling time T<sub>d</sub> is twenty minutes for most strains.", "T_d is twenty"},
		{"It was signed on the 4<sup>th</sup> of July in the year 1776 by them.", "4th of July"},
	}
	for _, tt := range tests {
		var w inlineText
		src := []byte(tt.sentence)
		doc := newMarkdownParser().Parse(text.NewReader(src))
		w.reset(src)
		w.run(doc.FirstChild().FirstChild(), nil)
		if got := string(w.light); !strings.Contains(got, tt.want) {
			t.Errorf("%q renders %q, want it to contain %q", tt.sentence, got, tt.want)
		}
	}
}

func TestPointsInNote(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"For the test above the Bayes factor is 10.", true},
		{"The results are shown below.", true},
		{"The method described above fails on sparse data.", true},
		{"Germanium stopped working reliably above about 75 °C.", false},
		{"The water below the surface stays at 4 °C.", false},
		{"Prices rose above the 1920 level within a year.", false},
	}
	for _, tt := range tests {
		if got := pointsInNote(tt.s); got != tt.want {
			t.Errorf("pointsInNote(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestTableQuestion(t *testing.T) {
	tests := []struct{ col, key, header, want string }{
		{"Temperature", "Mesophilic", "Stage", "Temperature of the *mesophilic* stage?"},
		{"Boiling point", "Water", "Substance", "Boiling point of *Water*?"},
		{"Monthly price", "Team", "Plan", "Monthly price of the *team* plan?"},
		{"Temperature", "Curing stage", "Stage", "Temperature of *Curing stage*?"},
		{"Price", "Basic", "Plans", "Price of *Basic*?"},
		{"Price", "Basic", "Name", "Price of *Basic*?"},
		{"Price", "Basic", "", "Price of *Basic*?"},
		{"Speed", "DNS lookup", "Step", "Speed of the *DNS lookup* step?"},
	}
	for _, tt := range tests {
		if got := tableQuestion(tt.col, tt.key, tt.header, map[string]int{}); got != tt.want {
			t.Errorf("tableQuestion(%q, %q, %q) = %q, want %q", tt.col, tt.key, tt.header, got, tt.want)
		}
	}
}
