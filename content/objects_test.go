package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestObjectSpan(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"The definition of a matrix exponent is based on the infinite polynomial, or Taylor series, for e to the x.", "infinite polynomial"},
		{"Each term in the polynomial is scaled by one divided by a factorial, meaning each entry is too.", "one divided by a factorial"},
		{"The imaginary unit makes the change perpendicular to the state, leading to an oscillatory evolution over time.", "oscillatory evolution over time"},
		{"The transition from the start to the finish is described by the matrix exponential.", "matrix exponential"},
		{"By simulating the process, computational lithography enables the use of Resolution Enhancement Techniques (RETs).", "Resolution Enhancement Techniques (RETs)"},
		// A long object is cut before its first clause or preposition.
		{"CuLitho was introduced by Vivek Singh during an Nvidia session on the future of chips.", "Vivek Singh"},
		{"For the sum to exist, the matrix must have the same number of rows and columns.", "same number of rows and columns"},
		// No marker, or the object is no fact of its own.
		{"Matrices can also be added term by term in any order.", ""},
		{"ILT faces significant challenges, leading to its computational intensity.", ""},
		{"If a step in one direction leads to a change in the vector perpendicular to it, it rotates.", ""},
		{"The project was stopped by them after a year of work.", ""}, // a pronoun
		{"Everything here is based on the many small details of the ones that came before us all.", "many small details"},
		{"Everything here is based on the many small and careful and patient details that came before.", ""},
		{"The idea was championed by the \"founders\" of the field.", ""},
		{"He lives by the sea near the harbour.", ""}, // "lives" is no passive
	}
	for _, tt := range tests {
		if got := objectSpan(tt.sentence); got != tt.want {
			t.Errorf("objectSpan(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestAppositiveName(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"Benoit Mandelbrot, considered the father of fractal geometry, conceived of fractals to model nature.", "Benoit Mandelbrot"},
		{"Ronnie Kohavi, widely regarded as a world expert on A/B testing, advocates testing everything.", "Ronnie Kohavi"},
		// The appositive must describe the name, and the name be one.
		{"Benoit Mandelbrot, considered by many, conceived of fractals.", ""},
		{"The team, considered the best in the field, shipped it.", ""},
		{"In the late years of the old empire, considered the dark ages, trade fell.", ""},
		{"Mandelbrot, considered the father of fractal geometry and of much else besides.", ""},
	}
	for _, tt := range tests {
		if got := appositiveName(tt.sentence); got != tt.want {
			t.Errorf("appositiveName(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestResolvePointer(t *testing.T) {
	tests := []struct{ sentence, prev, want string }{
		{"For a matrix to be plugged into this polynomial, it must be square.", "The definition rests on the infinite polynomial for e to the x.",
			"For a matrix to be plugged into the polynomial, it must be square."},
		{"Nvidia asserts that this computational lithography library can deliver 40 times more.", "Nvidia unveiled a new software library known as CuLitho.",
			"Nvidia asserts that the computational lithography library can deliver 40 times more."},
		{"These algorithms can run faster on GPUs than on CPUs.", "Fabs run each algorithm for weeks.",
			"The algorithms can run faster on GPUs than on CPUs."},
		// The phrase's head is not plain when no stop word ends it: the
		// pointer stays.
		{"These algorithms run faster on GPUs.", "Fabs run each algorithm for weeks.", "These algorithms run faster on GPUs."},
		// The noun is not in the sentence before: the pointer stays.
		{"This exponential part produces a matrix that changes with time.", "The solution involves an exponential term.",
			"This exponential part produces a matrix that changes with time."},
		{"This vector field shows the flow.", "We attach the vector Mv to each point.", "This vector field shows the flow."},
		// A pointer with no noun after it names nothing.
		{"This is why matrices must be square.", "This is about square matrices.", "This is why matrices must be square."},
		{"This means drawing a vector at every point.", "Draw the vector field.", "This means drawing a vector at every point."},
	}
	for _, tt := range tests {
		got := resolvePointer(tt.sentence, func() string { return tt.prev })
		if got != tt.want {
			t.Errorf("resolvePointer(%q, %q) = %q, want %q", tt.sentence, tt.prev, got, tt.want)
		}
	}
	// The sentence before is read only when there is a pointer to resolve.
	resolvePointer("Matrices can be added term by term.", func() string { t.Error("prev read without a pointer"); return "" })
}

// proseParagraphs is a note written as prose, whose sentences the rules
// before objectSpan and resolvePointer leave uncarded.
const proseParagraphs = "## Matrix Exponents\nThe definition of a matrix exponent is based on the infinite polynomial, or Taylor series, for e to the x.\n\n" +
	"For a matrix to be plugged into this polynomial, it must have the same number of rows and columns.\n\n" +
	"Leonhard Euler, considered the father of the exponential function, wrote the series down first.\n"

func TestObjectsOfProseNotes(t *testing.T) {
	res := generate(t, header+proseParagraphs, Options{Deck: "d"})
	want := map[string]string{
		"infinite polynomial":             "The definition of a matrix exponent is based on the [...], or Taylor series, for e to the x.",
		"same number of rows and columns": "For a matrix to be plugged into the polynomial, it must have the [...].",
		"Leonhard Euler":                  "[...], considered the father of the exponential function, wrote the series down first.",
	}
	for term, q := range want {
		c, ok := findCard(res.Cards, deck.KindCloze, term)
		if !ok || c.Question != q {
			t.Errorf("want cloze %q hiding %q:\n%s", q, term, dumpCards(res.Cards))
		}
	}
	// A pointer to a paragraph across another block names nothing sure.
	split := strings.Replace(proseParagraphs, "\n\nFor a matrix", "\n\n```\ncode\n```\n\nFor a matrix", 1)
	res = generate(t, header+split, Options{Deck: "d"})
	if c, ok := findCard(res.Cards, deck.KindCloze, "same number of rows and columns"); ok {
		t.Errorf("pointer resolved across a code block: %q", c.Question)
	}
}

func TestObjectsOnlyInProseNotes(t *testing.T) {
	// In a note its lists carry, the same paragraphs add none of these
	// cards: the built-in deck, all list notes, keeps its cards.
	lists := "## Terms\n* **A**: one thing here.\n* **B**: two things here.\n* **C**: three things.\n"
	res := generate(t, header+proseParagraphs+lists, Options{Deck: "d"})
	for _, term := range []string{"infinite polynomial", "same number of rows and columns", "Leonhard Euler"} {
		if c, ok := findCard(res.Cards, deck.KindCloze, term); ok {
			t.Errorf("list note carded %q: %q", term, c.Question)
		}
	}
	// A note with a few lists among many paragraphs is read as prose, and
	// the cards its lists made keep their IDs, text and order.
	var many strings.Builder
	for _, s := range []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon"} {
		many.WriteString("The " + s + " method is based on the " + strings.ToLower(s) + " transform of the signal.\n\n")
	}
	withParas := generate(t, header+many.String()+proseParagraphs+lists, Options{Deck: "d", Reverse: true})
	if _, ok := findCard(withParas.Cards, deck.KindCloze, "infinite polynomial"); !ok {
		t.Errorf("paragraph-heavy note not read as prose:\n%s", dumpCards(withParas.Cards))
	}
	onlyLists := generate(t, header+lists, Options{Deck: "d", Reverse: true})
	got := make(map[string]deck.Card)
	for _, c := range withParas.Cards {
		got[c.ID] = c
	}
	for _, c := range onlyLists.Cards {
		if g, ok := got[c.ID]; !ok || g.Front != c.Front || g.Back != c.Back || g.Order != c.Order {
			t.Errorf("card %s %q changed or went: %+v", c.ID, c.Front, g)
		}
	}
}

func TestPersonIntro(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"Ferdinand de Lesseps was a French diplomat who had built the Suez Canal, which opened in 1869.", "Ferdinand de Lesseps"},
		{"John Frank Stevens, a railway engineer, became chief engineer in 1905.", "John Frank Stevens"},
		{"When Stevens resigned in 1907, Roosevelt gave the job to George Washington Goethals, an army engineer, who saw it through.", "George Washington Goethals"},
		{"William Gorgas, the project's chief sanitary officer, accepted the theory that mosquitoes carry yellow fever.", "William Gorgas"},
		{"Ramesh Johari, a professor at Stanford University, researches data science methods.", "Ramesh Johari"},
		// One capitalised word, a sentence's opening words, a list of names
		// or a name with no role make no person.
		{"Stevens, a railway engineer, became chief engineer in 1905.", ""},
		{"The Americans bought the French equipment for $40 million.", ""},
		{"In 1881 his company began digging in Panama, a province of Colombia, with no locks.", ""},
		{"Larry Page and Sergey Brin, the founders of Google, met at Stanford.", ""},
		{"The Suez Canal, which opened in 1869, has no locks.", ""},
		{"Texas Instruments shipped the first silicon transistor in 1954.", ""},
		{"George Washington Goethals was an army engineer.", ""},
		{"Stevens also persuaded President Theodore Roosevelt, the head, to build locks.", ""},
	}
	for _, tt := range tests {
		if got := personIntro(tt.sentence); got != tt.want {
			t.Errorf("personIntro(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
