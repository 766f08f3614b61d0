package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestCarefulWriterQuestions checks faults a judge found on notes nobody
// tuned for, one kind per case: the question a careful writer would ask,
// or none. Each note is written here, not taken from the judged ones.
func TestCarefulWriterQuestions(t *testing.T) {
	tests := []struct {
		name  string
		title string // "" for header's "Note"
		body  string
		kind  deck.Kind
		term  string // the card's term ("" for a list card: the only list card of the note)
		want  string // question; "" means no such card
	}{
		{
			name: "a bare noun-phrase lead-in is the set's noun, lowered",
			body: "## Hiring Loops\nEach loop has a debrief. Useful signals in a debrief:\n*   Specific examples of past work\n*   Questions the candidate asked\n*   How the candidate handled pushback\n",
			kind: deck.KindList,
			want: "What are the three useful signals in a debrief?",
		},
		{
			name: "a dangling 'those' takes the heading's cue",
			body: "## Customer Interviews\nTalk to buyers before setting a price. Typical questions to ask in those calls:\n*   What do you pay today?\n*   Who signs off on the purchase?\n*   What would make you switch?\n",
			kind: deck.KindList,
			want: "What are the three typical questions to ask in customer interviews?",
		},
		{
			name: "a noun-phrase lead-in with no heading cue drops the pointer",
			body: "## How We Run Calls\nWe call every new account. Helpful questions to ask in these calls:\n*   What do you pay today?\n*   Who signs off on the purchase?\n",
			kind: deck.KindList,
			want: "What are the two helpful questions to ask?",
		},
		{
			name: "a singular subject and its verb is no noun phrase",
			body: "## Notes on Hosting\nA good host provides:\n*   A quiet room\n*   A clear agenda\n",
			kind: deck.KindList,
			want: "What are the two things a good host provides?",
		},
		{
			name: "a lead-in naming the kind takes no gerund heading as its scope",
			body: "## Packaging Before Price\nThere are three common packaging models:\n*   **Tiered**: Three plans with rising features.\n*   **Metered**: The bill grows with use.\n*   **Per seat**: The bill grows with the number of users.\n",
			kind: deck.KindList,
			want: "What are the three common packaging models?",
		},
		{
			name: "a lead-in not naming the heading's kind keeps its scope",
			body: "## Building Trust\nKey practices include:\n*   **Honesty**: Telling the truth without fail.\n*   **Reliability**: Doing what you said you would.\n",
			kind: deck.KindList,
			want: "What are the two key practices for building trust?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := header
			if tt.title != "" {
				note = strings.Replace(header, "title: Note", "title: "+tt.title, 1)
			}
			res := generate(t, note+tt.body, Options{Deck: "d"})
			var got []deck.Card
			for _, c := range res.Cards {
				if c.Kind == tt.kind && (tt.kind == deck.KindList || c.Term == tt.term) {
					got = append(got, c)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no %s card, got %q", tt.kind, got[0].Question)
			case tt.want != "" && len(got) != 1:
				t.Errorf("want one %s card %q, got %d; cards:\n%s", tt.kind, tt.term, len(got), cardList(res.Cards))
			case tt.want != "" && got[0].Question != tt.want:
				t.Errorf("question\n got %q\nwant %q", got[0].Question, tt.want)
			}
		})
	}
}
