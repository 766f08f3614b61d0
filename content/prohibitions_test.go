package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestProhibitionQuestion(t *testing.T) {
	tests := []struct{ sentence, q, a string }{
		{"Do not attempt a jump if the battery case is cracked or leaking acid.",
			"When should you not attempt a jump?", "If the battery case is cracked or leaking acid."},
		{"Never open the kiln when the pyrometer still reads above 200 °C.",
			"When should you not open the kiln?", "When the pyrometer still reads above 200 °C."},
		{"Don't prune the roses while the ground is still frozen.",
			"When should you not prune the roses?", "While the ground is still frozen."},
		// No condition, a pointer, a list of actions, or no command at all.
		{"Never let the two clamps touch each other.", "", ""},
		{"Do not do this if it has rained.", "", ""},
		{"Do not top up, stir, or shake the battery if it is hot.", "", ""},
		{"Do, if you can, wear gloves when you handle the battery.", "", ""},
		{"Doing a jump if the battery is cracked is dangerous.", "", ""},
	}
	for _, tt := range tests {
		q, a := prohibitionQuestion(tt.sentence)
		if q != tt.q || a != tt.a {
			t.Errorf("prohibitionQuestion(%q) = %q, %q; want %q, %q", tt.sentence, q, a, tt.q, tt.a)
		}
	}
}

// TestProhibitionCard: a warning in a paragraph of a how-to note is asked
// for its condition, once.
func TestProhibitionCard(t *testing.T) {
	res := generate(t, header+"## Safety\nCheck the cables for cuts before you start. Do not attempt a jump if the battery case is cracked or leaking acid.\n\n## Steps\n\n1. Clamp red to the flat battery.\n2. Clamp red to the donor.\n3. Clamp black to the donor.\n", Options{Deck: "d"})
	n := 0
	for _, c := range res.Cards {
		if c.Kind == deck.KindTerm && c.Question == "When should you not attempt a jump?" {
			n++
			if c.Back != "If the battery case is cracked or leaking acid." {
				t.Errorf("answer %q", c.Back)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d warning cards, want 1:\n%s", n, dumpCards(res.Cards))
	}
}
