package content

import (
	"slices"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestFigureShapes(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"The main sewers ran for 82 miles (132 km) under the streets.", "82 miles (132 km)"},
		{"The bridge is 1,595 feet (486 m) long.", "1,595 feet (486 m)"},
		{"Most of the work was done in the 1860s.", "1860s"},
		{"In the late 2000s and early 2010s the method was too slow.", ""}, // a span of decades
		{"It cost 3 (three) times more.", "3"},
		{"The 1860 census counted 2.8 million people.", ""}, // two figures
	}
	for _, tt := range tests {
		if got := figure(tt.sentence); got != tt.want {
			t.Errorf("figure(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestSentencesAfterAUnitSymbol: "12.6 V." ends a sentence; "K. Singh" is
// an initial.
func TestSentencesAfterAUnitSymbol(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"A healthy battery reads about 12.6 V. Most cars need 12.4 V to start.",
			[]string{"A healthy battery reads about 12.6 V.", "Most cars need 12.4 V to start."}},
		{"The pump draws 25 A. It stops at 10.5 V.", []string{"The pump draws 25 A.", "It stops at 10.5 V."}},
		{"The paper by Vivek K. Singh was cited often.", []string{"The paper by Vivek K. Singh was cited often."}},
		// "c." and "ca." (circa) before a year end no sentence.
		{"Night Train (c. 1910) was her last canvas. It hangs in Lyon.", []string{"Night Train (c. 1910) was her last canvas.", "It hangs in Lyon."}},
		{"The bowl dates from ca. 1400 and was found in a well.", []string{"The bowl dates from ca. 1400 and was found in a well."}},
	}
	for _, tt := range tests {
		if got := sentences(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestListNoteParagraphOfFigures: a paragraph of figures in a list note
// makes its cards, each sentence alone.
func TestListNoteParagraphOfFigures(t *testing.T) {
	body := header + "## Terms\n\n* **Cold cranking amps**: The current a battery gives at -18 °C for 30 seconds.\n* **Reserve capacity**: The minutes a battery can supply 25 A.\n* **Parasitic drain**: A small current drawn while the engine is off.\n\n" +
		"## Reading the voltage\nA healthy battery at rest reads about 12.6 V. Bazalgette's main sewers ran for 82 miles (132 km) under the streets. Most of the work was done in the 1860s.\n"
	res := generate(t, body, Options{Deck: "d"})
	var answers []string
	for _, c := range res.Cards {
		if c.Kind == deck.KindCloze {
			answers = append(answers, c.Term)
		}
	}
	for _, want := range []string{"12.6", "82 miles (132 km)", "1860s"} {
		if !slices.Contains(answers, want) {
			t.Errorf("no cloze hides %q:\n%s", want, dumpCards(res.Cards))
		}
	}
}
