package content

import (
	"strings"
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
		{"why heading over a sentence saying what, then why", "## Why Untested Backups Fail\nA backup that has never been restored is only a hope. Backups fail silently: a full disk or an expired password can stop backups for months.\n",
			"Why do untested backups fail?", "Backups fail silently: a full disk or an expired password can stop backups for months."},
		{"why heading over a claim with a verb", "## Why Bacteria Win Without Care\nA bacterial population with plenty of food grows exponentially. Its count doubles each hour.\n",
			"Why do bacteria win without care?", "A bacterial population with plenty of food grows exponentially."},
		{"why heading over sentences giving no reason", "## Why Untested Backups Fail\nA backup that has never been restored is only a hope. It is the most common gap in a plan.\n", "", ""},
		{"why 'it' under its parent heading", "## The Shipping Container\nA steel box of standard size.\n\n### Why It Mattered\nLoading a ship took days by hand, so the box cut the cost of trade.\n",
			"Why did the shipping container matter?", "Loading a ship took days by hand, so the box cut the cost of trade."},
		{"why heading over a sentence framing the argument", "## Why Structure Matters\nRaman's argument starts from the research. Structured interviews predict job performance twice as well as unstructured ones.\n",
			"Why does structure matter?", "Structured interviews predict job performance twice as well as unstructured ones."},
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
				if c.Kind == deck.KindTerm && c.Sources[0].Section != "" && c.Term == cleanHeading(lastSegment(c.Sources[0].Section)) {
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

// lastSegment is a source section's own heading: "A › B" → "B".
func lastSegment(section string) string {
	if i := strings.LastIndex(section, " › "); i >= 0 {
		return section[i+len(" › "):]
	}
	return section
}
