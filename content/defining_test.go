package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestDefinitionByMark(t *testing.T) {
	tests := []struct{ name, light, question, answer string }{
		{"a colon after the mark", "It was a *drum memory*: a rotating metal cylinder coated with magnetic material.",
			"What is a *drum memory*?", "A rotating metal cylinder coated with magnetic material."},
		{"an appositive with a relative clause", "Early storage relied on *delay lines*, tubes of mercury in which sound pulses circulated.",
			"What are *delay lines*?", "Tubes of mercury in which sound pulses circulated."},
		{"the mark as subject of its verb", "The *rule of 70* estimates how many years a quantity takes to double at a rate.",
			"What does the *rule of 70* estimate?", "How many years a quantity takes to double at a rate."},
		{"a gerund naming what the complement is", "Their main trick was *tacking*, sailing at an angle so that the wind pushes the boat forward.",
			"What is *tacking*?", "Sailing at an angle so that the wind pushes the boat forward."},
		{"the mark defined with is", "*Simple interest* is interest paid on the original sum alone, never on earlier interest.",
			"What is *Simple interest*?", "Interest paid on the original sum alone, never on earlier interest."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := definitionByMark(tt.light)
			if md.question != tt.question || md.answer != tt.answer {
				t.Errorf("got %q → %q\nwant %q → %q", md.question, md.answer, tt.question, tt.answer)
			}
		})
	}
	for _, light := range []string{
		"The *planar process*, developed by Jean Hoerni in 1959, builds transistors in a flat wafer.", // an appositive about, not defining
		"*Interest* is crucial for savers who plan for many years ahead.",                             // says it matters, not what it is
		"*Backpropagation* algorithms compute gradients layer by layer in a network.",                 // a noun, not a verb
		"The *trick* is to divide by the rate in percent.",                                            // a common word
	} {
		if md := definitionByMark(light); md.term != "" {
			t.Errorf("definitionByMark(%q) = %q → %q, want none", light, md.question, md.answer)
		}
	}
}

func TestVerbDefinitionAndAsides(t *testing.T) {
	if q, a := verbDefinition("Divergence measures how much a field spreads out from a point.", "Divergence"); q != "What does *divergence* measure?" || a != "How much a field spreads out from a point." {
		t.Errorf("verbDefinition = %q → %q", q, a)
	}
	if q, _ := verbDefinition("Divergence appears in the heat equation as a source term.", "Divergence"); q != "" {
		t.Errorf("verbDefinition asked %q of a verb that defines nothing", q)
	}
	tests := []struct{ in, want string }{
		{"Tensors, while looking daunting at first, generalise vectors and matrices to any rank.", "Tensors generalise vectors and matrices to any rank."},
		{"Tensors, which generalise matrices, appear in physics.", "Tensors, which generalise matrices, appear in physics."},
		{"In physics, although rarely, tensors of rank four appear.", "In physics, although rarely, tensors of rank four appear."},
	}
	for _, tt := range tests {
		if got := withoutAside(tt.in); got != tt.want {
			t.Errorf("withoutAside(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLastFigureAndColonClause(t *testing.T) {
	if got := figure("On 20 July 1969, the first crewed landing on the Moon took place."); got != "20 July 1969" {
		t.Errorf("figure(day month year) = %q", got)
	}
	tests := []struct{ in, want string }{
		{"The UNIVAC of 1951 weighed 13 tonnes and drew 125 kilowatts of power.", "125 kilowatts"},
		{"At 5% a year, quarterly compounding gives an effective rate of about 5.09%.", "5.09%"},
		{"In 1969 and 1972 the missions landed.", ""},
		{"One figure, 42, is not several.", ""},
	}
	for _, tt := range tests {
		if got := lastFigure(tt.in); got != tt.want {
			t.Errorf("lastFigure(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := clauseAfterColon("It also made radios cheap: the Sony TR-55 of 1955 was the first transistor radio made in Japan."); got != "The Sony TR-55 of 1955 was the first transistor radio made in Japan." {
		t.Errorf("clauseAfterColon = %q", got)
	}
	if got := clauseAfterColon("Silicon has two advantages: heat tolerance and a stable oxide."); got != "Silicon has two advantages: heat tolerance and a stable oxide." {
		t.Errorf("clauseAfterColon cut a sentence that stands alone: %q", got)
	}
	if got := objectSpan("The transistor replaced the vacuum tube in almost every radio."); got != "vacuum tube" {
		t.Errorf("objectSpan(replaced) = %q", got)
	}
	if got := objectSpan("The vacuum tube was replaced by the transistor in most radios."); !strings.HasPrefix(got, "transistor") {
		t.Errorf("objectSpan(was replaced by) = %q", got)
	}
}

func TestClaimsAndIndefiniteDefinitions(t *testing.T) {
	if _, q, a := superlativeClaim("Skipping the warm-up on a cold morning is the most common cause of injury."); q != "What is the most common cause of injury?" || a != "Skipping the warm-up on a cold morning." {
		t.Errorf("superlativeClaim = %q → %q", q, a)
	}
	if _, q, a := superlativeClaim("The most useful habits for new runners are to rest, eat and sleep."); q != "What are the most useful habits for new runners?" || a != "To rest, eat and sleep." {
		t.Errorf("superlativeClaim (superlative subject) = %q → %q", q, a)
	}
	if _, q, a := superlativeClaim("Pricing is the most powerful lever for profit, according to Madhavan Ramanujam."); q != "What is the most powerful lever for profit, according to Madhavan Ramanujam?" || a != "Pricing." {
		t.Errorf("superlativeClaim (attributed) = %q → %q", q, a)
	}
	for _, def := range []string{"the most powerful lever for profit, according to Madhavan Ramanujam.", "one of the most important skills for a PM."} {
		if !opinionClaim(def) {
			t.Errorf("opinionClaim(%q) = false: a ranking is no definition", def)
		}
	}
	for _, def := range []string{"the best alternative to a negotiated agreement.", "the share of the population that has the disease."} {
		if opinionClaim(def) {
			t.Errorf("opinionClaim(%q) = true: it defines", def)
		}
	}
	if md := definitionByMark("*Pricing* is the most powerful lever for profit, according to Madhavan Ramanujam."); md.question != "" {
		t.Errorf("definitionByMark asked %q of a ranking", md.question)
	}
	if _, q, a := mannerClaim("Trust is primarily built by repeatedly setting and meeting expectations."); q != "How is trust built?" || a != "By repeatedly setting and meeting expectations." {
		t.Errorf("mannerClaim = %q → %q", q, a)
	}
	if _, q, _ := mannerClaim("The bridge was built by the Romans in 120 AD."); q != "" {
		t.Errorf("mannerClaim asked %q of an agent, not a manner", q)
	}
	if _, q, _ := superlativeClaim("The internal configuration is the most important element."); q != "" {
		t.Errorf("superlativeClaim asked %q: the most important element of what?", q)
	}
	for _, s := range []string{
		"This is the most common mistake.",                 // points back
		"The review is the place to decide the direction.", // no superlative
		"Speed, in the end, is the best predictor of it.",  // leans on "it"
	} {
		if _, q, _ := superlativeClaim(s); q != "" {
			t.Errorf("superlativeClaim(%q) = %q", s, q)
		}
	}
	term, q, a := indefiniteDefinition("A code review is a meeting where engineers read a change before it is merged.")
	if term != "code review" || q != "What is a *code review*?" || a != "A meeting where engineers read a change before it is merged." {
		t.Errorf("indefiniteDefinition = %q, %q → %q", term, q, a)
	}
	if _, q, _ := indefiniteDefinition("A common mistake is a review held too late in the project."); q != "" {
		t.Errorf("indefiniteDefinition asked %q of a vague subject", q)
	}
	tests := []struct{ in, want string }{
		{"the ratio of the sensitivity to the false positive rate, and multiplying the prior odds by it gives the posterior odds",
			"the ratio of the sensitivity to the false positive rate"},
		{"details such as spacing, colour and layout, and copy written for the screen", "details such as spacing, colour and layout, and copy written for the screen"},
	}
	for _, tt := range tests {
		if got := ownClause(tt.in); got != tt.want {
			t.Errorf("ownClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkedSentencesPassTheParagraphBound(t *testing.T) {
	// Three sentences, each marking its own term: the writer's marks are
	// all carded, beyond the two cards of a paragraph.
	body := "## Terms\nThe **numerator**, a, is the number above the line in a fraction. The **denominator**, b, is the number below the line in a fraction. The whole, a over b, is called a **quotient** of the two numbers.\n"
	res := generate(t, header+body, Options{Deck: "d"})
	for _, span := range []string{"numerator", "denominator", "quotient"} {
		if _, ok := findCard(res.Cards, deck.KindCloze, span); !ok {
			t.Errorf("no cloze of %q:\n%s", span, dumpCards(res.Cards))
		}
	}
}

func TestFormulaLeadInDefines(t *testing.T) {
	body := "## Odds Ratio\nThe **odds ratio** is the odds in one group divided by the odds in another, and comparing it with one gives the direction of the effect:\n\n$$ OR = \\frac{a / b}{c / d} $$\n"
	res := generate(t, header+body, Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindTerm, "odds ratio")
	if !ok || c.Question != "What is the *odds ratio*?" || c.Back != "The odds in one group divided by the odds in another." {
		t.Errorf("the formula's lead-in defines no term (%q → %q):\n%s", c.Question, c.Back, dumpCards(res.Cards))
	}
}

// TestDefinedSubjectOfAKind: "X is one in which …" defines a kind, and
// its indefinite subject is the term hidden, its article left standing.
func TestDefinedSubjectOfAKind(t *testing.T) {
	tests := []struct{ sentence, subject, definition string }{
		{"A structured interview is one in which every candidate is asked the same questions in the same order.",
			"structured interview", "One in which every candidate is asked the same questions in the same order."},
		{"A blameless review is one where nobody is named as the cause of the outage.",
			"blameless review", "One where nobody is named as the cause of the outage."},
		{"Open-loop controllers are ones in which the output never feeds back into the input.",
			"Open-loop controllers", "Ones in which the output never feeds back into the input."},
		// An indefinite subject of any other definition stays no term.
		{"A shape is a set of points joined by lines in the plane.", "", ""},
		{"A way is one in which many teams start their reviews.", "", ""},
	}
	for _, tt := range tests {
		got := definedSubject(tt.sentence)
		def := ""
		if got != "" {
			def = definitionOf(tt.sentence, got)
		}
		if got != tt.subject || def != tt.definition {
			t.Errorf("definedSubject(%q) = %q, %q; want %q, %q", tt.sentence, got, def, tt.subject, tt.definition)
		}
	}
}

// TestLawStatement: a named law, principle or rule "states that" a fact;
// the card asks what it states.
func TestLawStatement(t *testing.T) {
	tests := []struct{ sentence, q, a string }{
		{"Boyle's law states that the pressure of a gas at constant temperature is inversely proportional to its volume.",
			"What does *Boyle's law* state?", "The pressure of a gas at constant temperature is inversely proportional to its volume."},
		{"The second law of thermodynamics says that the entropy of an isolated system never decreases over time.",
			"What does the *second law of thermodynamics* say?", "The entropy of an isolated system never decreases over time."},
		{"Hooke's principle holds that the extension of a spring is proportional to the load applied to it.",
			"What does *Hooke's principle* hold?", "The extension of a spring is proportional to the load applied to it."},
		{"Goodhart's law, in its popular form, states that a measure that becomes a target stops being a good measure.",
			"", ""}, // an aside between the law and its verb: left to the other rules
		// A person's claim is an opinion, not a law; a pointer needs its sentence.
		{"Marta Ruiz says that most glazes fail because the pots were dusty.", "", ""},
		{"This rule states that every order ships within two days.", "", ""},
		{"The theorem states that the two angles are equal.", "", ""},
		{"Hooke's law states that the force of a spring is proportional to its stretch:",
			"What does *Hooke's law* state?", "The force of a spring is proportional to its stretch."},
		{"The law states that it applies.", "", ""},
	}
	for _, tt := range tests {
		if _, q, a := lawStatement(tt.sentence); q != tt.q || a != tt.a {
			t.Errorf("lawStatement(%q)\n = %q, %q\nwant %q, %q", tt.sentence, q, a, tt.q, tt.a)
		}
	}
	res := generate(t, header+"## Gases\n\nBoyle's law states that the pressure of a gas at constant temperature is inversely proportional to its volume. It was first published in 1662.\n", Options{Deck: "d"})
	found := false
	for _, c := range res.Cards {
		found = found || c.Question == "What does *Boyle's law* state?"
	}
	if !found {
		t.Errorf("no law card:\n%s", dumpCards(res.Cards))
	}
}

// TestBareNounDefinitions: "A sprain is damage to …" and "Blisters are
// small pockets of fluid …" define their subjects though the noun takes
// no article; adjectives and participles before "to" or "of" do not.
func TestBareNounDefinitions(t *testing.T) {
	tests := []struct{ sentence, q, a string }{
		{"A sprain is damage to the ligaments that hold a joint together.", "What is a *sprain*?", "Damage to the ligaments that hold a joint together."},
		{"An alloy is metal made by melting two or more elements together.", "What is an *alloy*?", "Metal made by melting two or more elements together."},
		{"Blisters are small pockets of fluid caused by friction or heat.", "What are *blisters*?", "Small pockets of fluid caused by friction or heat."},
		{"Glaciers are rivers of ice that move slowly downhill under their own weight.", "What are *glaciers*?", "Rivers of ice that move slowly downhill under their own weight."},
		// Not definitions.
		{"A sprain is likely to heal within six weeks.", "", ""},
		{"A sprain is painful to walk on for several days.", "", ""},
		{"Blisters are common to new runners in their first month.", "", ""},
		{"Blisters are made of fluid trapped under the skin.", "", ""},
		{"Most blisters are part of breaking in new shoes.", "", ""},
		{"Differential equations are fundamental to describing the universe, particularly in physics.", "", ""},
		{"Cooper Industries are makers of pumps that last for decades.", "", ""},
	}
	for _, tt := range tests {
		_, q, a := indefiniteDefinition(tt.sentence)
		if q == "" {
			_, q, a = pluralDefinition(tt.sentence)
		}
		if q != tt.q || a != tt.a {
			t.Errorf("%q\n = %q, %q\nwant %q, %q", tt.sentence, q, a, tt.q, tt.a)
		}
	}
}

// TestFigureRanges: "150 to 650" and "between 150 and 650" are one
// figure; a year and a quantity joined by "to" are two.
func TestFigureRanges(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Kilns fire at 150 to 650 °C for bisque.", []string{"150 to 650 °C"}},
		{"The glaze melts between 1100 and 1200 °C.", []string{"1100 and 1200 °C"}},
		{"Output rose from 1820 to 1850 without a break.", []string{"1820 to 1850"}},
		{"The town had 900 people in 1800 to 6 million later.", []string{"900 people", "1800", "6 million"}},
	}
	for _, tt := range tests {
		if got := figures(tt.in, moreUnitsSet, 3); !slices.Equal(got, tt.want) {
			t.Errorf("figures(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
