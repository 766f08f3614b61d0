package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestNoteArticle checks that a bare term is asked with the article the
// note writes it with, and only then (issue 14).
func TestNoteArticle(t *testing.T) {
	body := header + "Bring a repair kit and learn the figure eight before the first trip. Friction matters too.\n\n" +
		"## Gear\n*   **Repair kit**: Spare laces, tape and a needle.\n*   **Figure eight**: The knot that ties a rope to a harness.\n" +
		"*   **Friction**: The grip between a rope and what it touches.\n*   **Belay device**: The brake a climber's partner holds the rope with.\n"
	res := generate(t, body, Options{Deck: "d"})
	want := map[string]string{
		"Repair kit":   "What is a *repair kit*?",
		"Figure eight": "What is the *figure eight*?",
		"Friction":     "What is *Friction*?",
		"Belay device": "What is *Belay device*?",
	}
	for _, c := range res.Cards {
		if w, ok := want[c.Term]; ok && c.Kind == deck.KindTerm && c.Question != w {
			t.Errorf("%s: got %q, want %q", c.Term, c.Question, w)
		}
	}
}
