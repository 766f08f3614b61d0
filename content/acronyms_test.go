package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestAcronymIntro(t *testing.T) {
	tests := []struct{ s, acr, long string }{
		{"The Overall Evaluation Criterion (OEC) is what a team optimises.", "OEC", "Overall Evaluation Criterion"},
		{"It relies on Resolution Enhancement Techniques (RETs) at every node.", "RETs", "Resolution Enhancement Techniques"},
		{"Improving developer experience (DevEx) pays off.", "DevEx", "developer experience"},
		{"A single-level cell (SLC) stores one bit.", "SLC", "single-level cell"},
		{"They track Mean Time to Restore (MTTR) weekly.", "MTTR", "Mean Time to Restore"},
		{"This matters for product managers (PMs) most.", "", ""}, // known to every reader
		{"It powers fraud detection (Radar) at the company.", "", ""},
		{"Sound travels at 343 metres a second (1,235 km/h) in air.", "", ""},
		{"The gel is kept cold (below 4 °C) in the lab.", "", ""},
	}
	for _, tt := range tests {
		if acr, long := acronymIntro(tt.s); acr != tt.acr || long != tt.long {
			t.Errorf("acronymIntro(%q) = %q, %q; want %q, %q", tt.s, acr, long, tt.acr, tt.long)
		}
	}
}

func TestAcronymCards(t *testing.T) {
	res := generate(t, header+"## Glazes\nMost studios fire in an electric kiln with a programmable logic controller (PLC) that ramps the heat slowly.\n", Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindTerm, "PLC")
	if !ok || c.Question != "What does *PLC* stand for?" || c.Back != "Programmable logic controller." {
		t.Errorf("want the acronym asked:\n%s", dumpCards(res.Cards))
	}
	// A sentence may introduce two.
	res = generate(t, header+"## Glazes\nMost studios fire with a programmable logic controller (PLC) and an oxygen sensor probe (OSP) in the kiln wall.\n", Options{Deck: "d"})
	if _, ok := findCard(res.Cards, deck.KindTerm, "OSP"); !ok {
		t.Errorf("want the second acronym asked too:\n%s", dumpCards(res.Cards))
	}
	// A heading naming the long form gives the answer away; a term card of
	// it asks already.
	for _, body := range []string{
		"## Programmable Logic Controllers\nMost studios fire in an electric kiln with a programmable logic controller (PLC) that ramps the heat slowly.\n",
		"## Kilns\n* **Programmable logic controller (PLC)**: The box that ramps the heat.\n* **Cone**: A clay pyramid that bends at a set heat.\n",
	} {
		res := generate(t, header+body, Options{Deck: "d"})
		for _, c := range res.Cards {
			if c.Question == "What does *PLC* stand for?" {
				t.Errorf("acronym asked again:\n%s", dumpCards(res.Cards))
			}
		}
	}
}
