package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestTakeawayCards(t *testing.T) {
	tests := []struct {
		name, heading, item string
		q, a                string // "" when the item makes no card of this rule
	}{
		{"a verb in -s", "Key Takeaways", "Slow cooling keeps the crystals of a glaze large and glossy.",
			"What keeps the crystals of a glaze large and glossy?", "Slow cooling."},
		{"a plural subject", "Lessons Learned", "Small kilns cost far less to run than large ones.",
			"What costs far less to run than large ones?", "Small kilns."},
		{"an auxiliary", "Takeaways", "Thin walls are less likely to crack in a fast firing.",
			"What is less likely to crack in a fast firing?", "Thin walls."},
		{"two verbs of one subject", "Key Points", "A honing steel realigns the edge but does not remove any metal.",
			"What realigns the edge but does not remove any metal?", "A honing steel."},
		{"a cause", "Lessons", "Glazes fail on a dusty pot because the dust keeps them from wetting the clay underneath.",
			"Why do glazes fail on a dusty pot?", "The dust keeps them from wetting the clay underneath."},
		{"a cause before the subject's question", "Key Takeaways", "Thick glazes fail more often because a thick layer shrinks far more than the clay body.",
			"Why do thick glazes fail more often?", "A thick layer shrinks far more than the clay body."},
		{"an answer the cue names", "Key Takeaways", "A note helps a listener recall what a long talk said.", "", ""},
		{"a subject with a relative clause", "Lessons", "A kiln that is never cleaned becomes a source of specks in every glaze.",
			"What becomes a source of specks in every glaze?", "A kiln that is never cleaned."},
		{"a rest leaning on the subject", "Key Takeaways", "A kiln shelf lasts longer when its surface is coated with kiln wash.", "", ""},
		{"a person as subject", "Key Takeaways", "You should always wedge the clay before throwing a pot.", "", ""},
		{"a command has no subject to ask for", "Key Takeaways", "Decide what good looks like before mixing any glaze.", "", ""},
		{"a relative clause's object is no verb", "Lessons", "A crack that affected potters personally did what years of warnings had not.", "", ""},
		{"an indirect question is the rest", "Lessons", "The glaze chemistry decides what colour the pot takes in the kiln.",
			"What decides what colour the pot takes in the kiln?", "The glaze chemistry."},
		{"not a lessons heading", "Tips", "Slow cooling keeps the crystals of a glaze large and glossy.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A short item among the lessons leaves the others theirs.
			body := header + "## Firing\nA kiln fires clay at temperatures above 1000 degrees in most studios.\n\n## " + tt.heading + "\n\n* " + tt.item +
				"\n* Bisque firing comes before the glaze firing in every studio.\n* Patience beats speed.\n"
			res := generate(t, body, Options{Deck: "d"})
			var got []deck.Card
			for _, c := range res.Cards {
				if c.Kind == deck.KindTerm && c.Question == tt.q {
					got = append(got, c)
				}
			}
			if tt.q == "" {
				for _, c := range res.Cards {
					if c.Kind == deck.KindTerm && c.Term != "" && strings.HasSuffix(trimStatement(tt.item), c.Term) { // "A …" is carded without its article
						t.Errorf("want no lesson card:\n%s", dumpCards(res.Cards))
					}
				}
				return
			}
			if len(got) != 1 || got[0].Back != tt.a {
				t.Errorf("want %q → %q:\n%s", tt.q, tt.a, dumpCards(res.Cards))
			}
			for _, c := range res.Cards {
				if c.Kind == deck.KindList {
					t.Errorf("lessons are carded one by one, not as a set:\n%s", dumpCards(res.Cards))
				}
			}
		})
	}
}

func TestThirdPerson(t *testing.T) {
	for base, want := range map[string]string{"need": "needs", "carry": "carries", "push": "pushes", "stay": "stays", "go": "goes", "fix": "fixes"} {
		if got := thirdPerson(base); got != want {
			t.Errorf("thirdPerson(%q) = %q, want %q", base, got, want)
		}
	}
}
