package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestListLeadInWording checks list questions built from lead-ins that are
// noun phrases with an owner, mass nouns or a remark, and a list of what a
// role does under the role's heading (issue 14).
func TestListLeadInWording(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{
			name: "a possessive owner goes before the count and a mass noun is counted in pieces",
			body: "## Closing a Sale\n\nMoreno's advice for new reps:\n*   Ask for the order plainly\n*   Stop talking once the price is named\n*   Write the next step down before leaving\n",
			want: "What are Moreno's three pieces of advice for new reps?",
		},
		{
			name: "a possessive plural noun phrase keeps its noun",
			body: "## Closing a Sale\n\nMoreno's rules for discounts:\n*   Never discount in the first call\n*   Trade every discount for a longer term\n",
			want: "What are Moreno's two rules for discounts?",
		},
		{
			name: "a possessive subject with a verb is a clause, not the list's noun",
			body: "## The Kit\n\nMoreno's toolkit combines:\n*   A torque wrench\n*   A chain checker\n",
			want: "What are the two things Moreno's toolkit combines?",
		},
		{
			name: "a mass noun without an owner is counted in pieces",
			body: "## Intake\n\nKey information to collect includes:\n*   Date of birth\n*   Current medication\n*   Known allergies\n",
			want: "What are the three key pieces of information to collect?",
		},
		{
			name: "a remark in brackets without a figure leaves the question",
			body: "## Planting\n\nThe main crops (summer) are:\n*   Maize\n*   Beans\n*   Squash\n",
			want: "What are the three main crops?",
		},
		{
			name: "what a role does, under the role's heading, is asked of the role",
			body: "## Roles in the Meeting\n\n### Note Taker\n\n*   Writes down every decision and its owner.\n*   Sends the notes to everyone within a day.\n",
			want: "What does the note taker do?",
		},
		{
			name: "a list of people is asked who they are",
			body: "## Key Figures\n*   **Ada Lovelace**: Wrote the first published program, for the Analytical Engine.\n*   **Charles Babbage**: Designed the Analytical Engine.\n",
			want: "Who are the two key figures?",
		},
		{
			name: "a 'What to do' heading adds nothing to the steps",
			body: "## What to Do\n\n1. **Turn off the heat** if you can reach the knob.\n2. **Cover the pan** with a damp towel.\n3. **Leave it covered** for 30 minutes.\n",
			want: "What are the three steps, in order?",
		},
		{
			name: "a 'How to' heading names what the steps do",
			body: "## How to Put Out a Pan Fire\n\n1. **Turn off the heat** if you can reach the knob.\n2. **Cover the pan** with a damp towel.\n3. **Leave it covered** for 30 minutes.\n",
			want: "What are the three steps to put out a pan fire, in order?",
		},
		{
			name: "painters are people",
			body: "## Legacy\n\nShe taught three younger painters:\n*   Clara Voss\n*   Jean Aubert\n*   Mira Holt\n",
			want: "Who are the three younger painters?",
		},
		{
			name: "a list whose noun only ends with people is no list of people",
			body: "## Hiring\n\nCommon mistakes when hiring engineers:\n*   Hiring for speed over fit\n*   Skipping the reference checks\n",
			want: "What are the two common mistakes when hiring engineers?",
		},
		{
			name: "an 'it' in the heading is the note's topic",
			body: "## Measuring It\n*   **Sling psychrometer**: Two thermometers, one wet, whirled in the air.\n*   **Hair hygrometer**: A hair that stretches as the air gets damper.\n",
			want: "What are the two ways of measuring the humidity of air?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := header
			if strings.Contains(tt.body, "Measuring It") {
				head = "---\ntitle: The humidity of air\n---\n\n"
			}
			res := generate(t, head+tt.body, Options{Deck: "d"})
			var got []string
			for _, c := range res.Cards {
				if c.Kind == deck.KindList {
					got = append(got, c.Question)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("list questions %q, want [%q]; cards:\n%s", got, tt.want, cardList(res.Cards))
			}
		})
	}
}

// TestBoldOnlyItemLabel checks that an item that is only a bold name is
// listed by its name, without the emphasis marks.
func TestBoldOnlyItemLabel(t *testing.T) {
	body := header + "## Kitchen Stations\n\nThe kitchen has three stations:\n*   **Grill**: Steaks and burgers, cooked to order.\n*   **Fry**: Chips and fried fish.\n*   **Pastry**.\n"
	res := generate(t, body, Options{Deck: "d"})
	for _, c := range res.Cards {
		if c.Kind == deck.KindList {
			if want := "- Grill\n- Fry\n- Pastry"; c.Back != want {
				t.Errorf("list answer %q, want %q", c.Back, want)
			}
			return
		}
	}
	t.Errorf("no list card; cards:\n%s", cardList(res.Cards))
}

// TestCountedHead: a lead-in's counted noun ends where its own clause's
// verb begins; a clause with its own subject stays.
func TestCountedHead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"stages apart is crucial", "stages"},
		{"steps are simple enough for anyone", "steps"},
		{"habits help most adults sleep better", "habits that help most adults sleep better"},
		{"things users are advised to do", "things users are advised to do"},
		{"reasons trust is vital for leaders", "reasons trust is vital for leaders"},
		{"steps after the review", "steps after the review"},
		{"hive covers over one winter", "hive covers over one winter"},
		{"things early use cases involve", "things early use cases involve"},
	}
	for _, tt := range tests {
		if got := countedHead(tt.in); got != tt.want {
			t.Errorf("countedHead(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
