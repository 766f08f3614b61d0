package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestHeadingClaims(t *testing.T) {
	tests := []struct {
		name, body string
		question   string // "" for no heading card
		back       string
	}{
		{"why heading", "## Why Small Teams Matter\nSmall teams matter because they decide faster and need fewer meetings.\n",
			"Why do small teams matter?", "Small teams matter because they decide faster and need fewer meetings."},
		{"why heading, past tense", "## Why the Printing Press Mattered\nThe printing press mattered because books became cheap enough for ordinary readers.\n",
			"Why did the printing press matter?", "The printing press mattered because books became cheap enough for ordinary readers."},
		{"why heading over a leaning sentence", "## Why Speed Matters\nThis is the main reason teams ship weekly rather than monthly.\n", "", ""},
		{"the Y of Z", "## Orchestration of Models: The Future of Enterprise AI\nIn larger firms, models will work together on one task.\n",
			"What is the future of enterprise AI?", "Orchestration of models."},
		{"label and colon", "## Case Study: Ian's Experience at Airbnb\nIan scaled the support platform at Airbnb over two years.\n", "", ""},
		{"claim with its reason", "## Small Batches Are Safer\nTeams find this out late: a small change breaks less and is easier to roll back.\n",
			"Why are small batches safer?", "A small change breaks less and is easier to roll back."},
		{"claim without a reason", "## Small Batches Are Safer\nTeams at many firms ship small changes every day of the week.\n", "", ""},
		{"topic heading", "## Applications of Curl\nCurl shows up in fluid flow and in electromagnetism for many reasons.\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			var found *deck.Card
			for i, c := range res.Cards {
				if c.Kind == deck.KindTerm && c.Sources[0].Section != "" && c.Term == cleanHeading(c.Sources[0].Section) {
					found = &res.Cards[i]
				}
			}
			switch {
			case tt.question == "" && found != nil:
				t.Errorf("heading card made: %q → %q", found.Question, found.Back)
			case tt.question != "" && (found == nil || found.Question != tt.question || found.Back != tt.back):
				t.Errorf("want %q → %q, got:\n%s", tt.question, tt.back, dumpCards(res.Cards))
			}
		})
	}
}
