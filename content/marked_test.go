package content

import (
	"slices"
	"testing"

	"github.com/recallcards/recall/deck"
)

// listNote is a note whose lists carry it (see minListEntries), with a
// paragraph before them.
func listNote(para string) string {
	return header + "## Basics\n" + para + "\n\nFeeding a starter:\n* Discard half of it.\n* Add fresh flour.\n* Add filtered water.\n\n" +
		"Shaping a loaf:\n* Pre-shape a round.\n* Rest the dough.\n* Shape it again.\n\nBaking a loaf:\n* Preheat the oven.\n* Score the top.\n* Bake it covered.\n"
}

// clozeTerms returns what the cloze and definition cards made from
// paragraphs hide or ask about, in the deck's order.
func clozeTerms(cards []deck.Card) []string {
	var out []string
	for _, c := range cards {
		if c.Kind == deck.KindCloze || c.Kind == deck.KindTerm && c.Question != "" && c.Term != "" && c.Kind != deck.KindList {
			out = append(out, c.Term)
		}
	}
	return out
}

func TestMarkedSentencesInListNotes(t *testing.T) {
	first := "A *sourdough starter* is a culture of wild yeast and lactic bacteria kept in flour and water."
	tests := []struct {
		name string
		rest string
		want []string // the paragraph's cards after the first's
	}{
		{"a bold term in a later sentence", "Bakers call the quick rise in a hot oven **oven spring** in their own jargon.", []string{"oven spring"}},
		{"an italic term", "The sour taste comes mostly from *lactic acid* made by the bacteria in the jar.", []string{"lactic acid"}},
		{"a figure with its unit", "Most bakers feed a starter every 12 hours at room temperature.", []string{"12 hours"}},
		{"a figure before a unit word", "A busy bakery may keep about 40 litres of starter going at once.", []string{"40"}},
		{"a year", "Gold-rush miners carried their starters to the Yukon in 1896 and after.", []string{"1896"}},
		{"a count of a plural noun", "A busy bakery bakes about 400 loaves on a normal working day.", []string{"400"}},
		{"the figure a sentence of figures ends on", "At 25 °C a young starter doubles in volume in about 6 hours.", []string{"6 hours"}},
		{"a bare number is no fact alone", "Bakers keep a starter in 2 jars on the counter near the stove.", nil},
		{"a sentence leaning on its paragraph", "Bakers feed it with *rye flour* every morning before their work.", nil},
		{"a plain sentence", "Many bakers enjoy keeping one on the kitchen counter for years.", nil},
		{"three cards at most", "Bakers call the rise **oven spring** in the jargon. The sour taste comes from *lactic acid* in the jar. " +
			"Most bakers feed a starter every 12 hours at room temperature. The crust colours through the *Maillard reaction* at high heat.",
			[]string{"oven spring", "lactic acid"}},
	}
	base := generate(t, listNote(first), Options{Deck: "d", Reverse: true})
	baseTerms := clozeTerms(base.Cards)
	if len(baseTerms) != 1 {
		t.Fatalf("want the first sentence's one card:\n%s", dumpCards(base.Cards))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, listNote(first+" "+tt.rest), Options{Deck: "d", Reverse: true})
			got := clozeTerms(res.Cards)
			if want := append(slices.Clone(baseTerms), tt.want...); !slices.Equal(got, want) {
				t.Errorf("cards hide %q, want %q:\n%s", got, want, dumpCards(res.Cards))
			}
			// The paragraph's new cards are additions: every card the
			// note made before keeps its ID, text and place.
			for i, c := range base.Cards {
				if i >= len(res.Cards) || res.Cards[i].ID != c.ID || res.Cards[i].Front != c.Front || res.Cards[i].Back != c.Back {
					t.Fatalf("card %d %q moved or changed:\n%s", i, c.Front, dumpCards(res.Cards))
				}
			}
		})
	}
}
