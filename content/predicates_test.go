package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestPredicateQuestions checks that an item whose text says what its
// term does is asked that, and that advice whose text weighs it against
// another act, or names the harm of ignoring it, is asked why (issue 14).
func TestPredicateQuestions(t *testing.T) {
	tests := []struct{ name, body, term, want string }{
		{
			name: "a plural term whose text opens 'Tend to'",
			body: "## Kinds of Cyclists\n*   **New riders**: Tend to brake too late on descents and grip the bars too hard.\n*   **Club riders**: Ride in pairs and share the work at the front.\n",
			term: "New riders", want: "What do *new riders* tend to do?",
		},
		{
			name: "a role whose text opens 'Responsible for'",
			body: "## The Pit Crew\n*   **Tyre changer**: Responsible for swapping all four wheels in under three seconds.\n*   **Jack operator**: Lifts the car as it stops.\n",
			term: "Tyre changer", want: "What is *tyre changer* responsible for?",
		},
		{
			name: "a role whose text opens with a verb of the third person",
			body: "## The Pit Crew\n*   **Tyre changer**: Responsible for swapping all four wheels in under three seconds.\n*   **Jack operator**: Lifts the car as it stops and lowers it once the wheels are on.\n",
			term: "Jack operator", want: "What does *jack operator* do?",
		},
		{
			name: "a sign whose text says what it signals",
			body: "## Warning Signs\n*   **Worn tread**: This usually signals that the tyre is due for replacement.\n*   **Soft pedal**: Air in the brake lines, which must be bled out.\n",
			term: "Worn tread", want: "What does *worn tread* signal?",
		},
		{
			name: "advice weighed against another act is asked why",
			body: "## Tips\n*   **Carry a spare chain link**: Fitting a quick link is faster than repairing a broken chain with a tool.\n*   **Clean the chain weekly**: Grit wears the cogs.\n",
			term: "Carry a spare chain link", want: "Why carry a spare chain link?",
		},
		{
			name: "advice whose text names the harm of ignoring it is asked why",
			body: "## Tips\n*   **Do not overtighten the bolts**: Too much torque cracks carbon parts and causes creaking.\n*   **Check the pressure**: Use a gauge before every ride.\n",
			term: "Do not overtighten the bolts", want: "Why not overtighten the bolts?",
		},
		{
			name: "a practice kept up ('Always arriving …') is asked what it involves",
			body: "## Good Habits\n*   **Punctuality**: Always arriving five minutes before the start.\n*   **Tidiness**: A clear desk at the end of each day.\n",
			term: "Punctuality", want: "What does *Punctuality* involve?",
		},
		{
			name: "an item of a troubleshooting list is asked what causes it",
			body: "## Troubleshooting\n*   **Squeaky chain**: A dry chain with no oil left on the rollers.\n*   **Skipping gears**: A stretched cable or a worn cassette.\n",
			term: "Squeaky chain", want: "What causes *Squeaky chain*?",
		},
		{
			name: "a thing whose text says how it is applied is asked how it is used",
			body: "## Materials\n*   **Chain wax**: Applied to a clean, dry chain the night before a ride.\n*   **Degreaser**: A solvent that strips old oil.\n",
			term: "Chain wax", want: "How is *chain wax* used?",
		},
		{
			name: "advice whose text says what a check reports is asked why",
			body: "## Tips\n*   **Check the tread**: The wear indicator reports how much rubber is left.\n*   **Oil the chain**: Use a drop on each roller.\n",
			term: "Check the tread", want: "Why check the tread?",
		},
		{
			name: "a rule whose text is a statement is asked why",
			body: "## Rules of Thumb\n1.  **Keep one spare battery**: It covers the hours the charger is busy.\n2.  **Label every cable**: Write the device name on both ends.\n",
			term: "Keep one spare battery", want: "Why keep one spare battery?",
		},
		{
			name: "a rule whose text tells someone what to do keeps its question",
			body: "## Tips\n*   **Test on a spare board**: Makers are encouraged to break a cheap board first and learn from it.\n*   **Label every cable**: Write the device name on both ends.\n",
			term: "Test on a spare board", want: "What does *Test on a spare board* involve?",
		},
		{
			name: "a 'best for' label asks what the heading's subject suits",
			body: "## Cast Iron Pans\n*   **Pros**: Hold heat for a long time.\n*   **Best for**: Searing steak and baking cornbread.\n",
			term: "Best for", want: "What are cast iron pans best for?",
		},
		{
			name: "a bare question item asks for its answer",
			body: "## Questions to Ask\n*   **How many users?**: Under a thousand, a single server is enough.\n*   **How often is it read?**: Reads far outnumber writes in most apps.\n",
			term: "How many users?", want: "What is the answer to *How many users?*",
		},
		{
			name: "a latency heading names the quantity",
			body: "## Typical Latency\n*   **Disk seek**: About 10 milliseconds.\n*   **Memory read**: About 100 nanoseconds.\n",
			term: "Disk seek", want: "Typical latency for *Disk seek*?",
		},
		{
			name: "a method whose text says what to do is asked how it works",
			body: "## Testing Eggs\n*   **Float method**: Put the egg in a bowl of cold water; a fresh egg sinks and lies flat.\n*   **Candling**: Holding an egg up to a bright light to see the air cell.\n",
			term: "Float method", want: "How does the *float method* work?",
		},
		{
			name: "a method defined as what it is keeps its question",
			body: "## Testing Eggs\n*   **Float method**: A test of freshness that uses a bowl of water.\n*   **Candling**: Holding an egg up to a bright light to see the air cell.\n",
			term: "Float method", want: "What is *Float method*?",
		},
		{
			name: "an item of a list of signs is asked what it signals",
			body: "## Warning Signs\n*   **Cracked sidewall**: The tyre can burst at speed.\n*   **Bald tread**: Grip in the wet is gone.\n",
			term: "Cracked sidewall", want: "What does *cracked sidewall* signal?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			for _, c := range res.Cards {
				if c.Kind == deck.KindTerm && c.Term == tt.term {
					if c.Question != tt.want {
						t.Errorf("question\n got %q\nwant %q", c.Question, tt.want)
					}
					return
				}
			}
			t.Errorf("no term card %q; cards:\n%s", tt.term, cardList(res.Cards))
		})
	}
}

// TestNounPhraseNotCommand checks that a term opening with a word that
// may be a verb is a noun phrase when its text opens with the term's
// second word, and that a letter before a dash is no article.
func TestNounPhraseNotCommand(t *testing.T) {
	body := header + "## Delivery Metrics\n" +
		"*   **Lead Time for Changes**: Time from a commit to the code running in production.\n" +
		"*   **Review Time**: Hours a change waits for its first review.\n\n" +
		"## The RACI Roles\n" +
		"*   **R - Responsible**: The one who does the work.\n" +
		"*   **A - Accountable**: The one who signs the work off.\n"
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	want := map[string]string{
		"term Lead Time for Changes": "What is *Lead Time for Changes*?",
		"term A - Accountable":       "What is *A - Accountable*?",
	}
	got := make(map[string]string)
	for _, c := range res.Cards {
		got[string(c.Kind)+" "+c.Term] = c.Question
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %q\nwant %q\ncards:\n%s", k, got[k], w, cardList(res.Cards))
		}
	}
	if q := got["term Review Time"]; strings.HasSuffix(q, " do?") {
		t.Errorf("a plural noun opening a text was read as a verb: %q", q)
	}
	if art, bare := splitArticle("A - Activity"); art != "" || bare != "A - Activity" {
		t.Errorf("splitArticle(%q) = %q, %q", "A - Activity", art, bare)
	}
}

func TestSymptomReverse(t *testing.T) {
	body := header + "## Troubleshooting\n*   **Squeaky chain**: A dry chain with no oil left on the rollers.\n*   **Skipping gears**: A stretched cable or a worn cassette.\n"
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	for _, c := range res.Cards {
		if c.Kind == deck.KindReverse && c.Term == "Skipping gears" {
			if want := "Which problem does this cause?\nA stretched cable or a worn cassette."; c.Question != want {
				t.Errorf("reverse question %q, want %q", c.Question, want)
			}
			return
		}
	}
	t.Errorf("no reverse card; cards:\n%s", cardList(res.Cards))
}
