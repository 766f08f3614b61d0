package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestValueQuestions checks that an item giving a value is asked for the
// quantity it gives, named from the item, its heading or the answer's
// unit, never "What figure does the note give for …?" when any of them
// names it (issue 14).
func TestValueQuestions(t *testing.T) {
	tests := []struct{ name, body, term, want string }{
		{
			name: "the heading names the quantity of the items' values",
			body: "## Melting Temperature\n*   **Tin**: About 232 °C.\n*   **Lead**: About 327 °C.\n",
			term: "Tin", want: "Melting temperature for *Tin*?",
		},
		{
			name: "a heading 'quantity in different things' asks the quantity in the item",
			body: "## Speed in Various Fluids\n*   **Honey**: About 2,030 metres per second.\n*   **Oil**: About 1,740 metres per second.\n",
			term: "Honey", want: "Speed in *Honey*?",
		},
		{
			name: "an item naming a quantity is asked for it",
			body: "## The Bridge\n*   **Main span**: About 1,280 metres long.\n*   **Height of the towers**: About 227 metres above the water.\n",
			term: "Height of the towers", want: "What is the *height of the towers*?",
		},
		{
			name: "an item with the heading's own attribute word is the quantity, not a thing with a cost",
			body: "## Cost\n*   **Total cost**: About $27 million in 1937 dollars.\n*   **Annual upkeep**: About $2 million.\n",
			term: "Total cost", want: "What is the *total cost*?",
		},
		{
			name: "a count that is no value of the heading's kind is asked how many",
			body: "## Cost\n*   **Injuries**: About 300 workers were hurt during the works.\n*   **Upkeep**: About $2 million a year.\n",
			term: "Injuries", want: "How many *injuries*?",
		},
		{
			name: "a body counted by its members is asked how many",
			body: "## The Expedition\n*   **Crew**: About 120 sailors on three ships.\n*   **Duration**: About 3 years at sea.\n",
			term: "Crew", want: "How many sailors in the *crew*?",
		},
		{
			name: "a thing with a figure in a unit is asked the unit's quantity",
			body: "## Trucks\n*   **Light truck**: About 3,500 kg when loaded.\n*   **Heavy truck**: About 40 tonnes when loaded.\n",
			term: "Light truck", want: "What is the weight for *Light truck*?",
		},
		{
			name: "a duration is asked how long",
			body: "## Proving the Dough\n*   **Bulk rise**: About 4 hours at room temperature.\n*   **Final proof**: About 1 hour in a warm place.\n",
			term: "Final proof", want: "How long is *Final proof*?",
		},
		{
			name: "what a thing needs is asked how much of it",
			body: "## Supplies\n*   **Feed required**: About 2 kg of grain a day per animal.\n*   **Bedding**: A bale a week.\n",
			term: "Feed required", want: "How much feed is required?",
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

// TestDatedItems checks that an item named by a date is asked what
// happened then, its reverse asked for the date, that a list of dates
// makes no list card, and that a date remark leaves the question.
func TestDatedItems(t *testing.T) {
	body := header + "## Timeline\n\nKey events (dates):\n*   **1769**: James Watt patented the separate condenser.\n*   **March 1776**: The first Watt engines were installed in working mines.\n*   **1 June 1800**: The patent expired and rivals began to copy the design.\n\n" +
		"## Machines\n*   **Soho Foundry (opened 1796)**: A works in Smethwick built to make complete engines.\n*   **First engine (1776)**: It pumped water from a coal mine at Tipton.\n*   **Second engine (1777)**: It blew air into the furnaces of an ironworks.\n"
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	want := map[string]string{
		"term 1769":                       "What happened in *1769*?",
		"reverse 1769":                    "In what year did this happen?\nJames Watt patented the separate condenser.",
		"term March 1776":                 "What happened in *March 1776*?",
		"reverse March 1776":              "When did this happen?\nThe first Watt engines were installed in working mines.",
		"term 1 June 1800":                "What happened on *1 June 1800*?",
		"term Soho Foundry (opened 1796)": "What is *Soho Foundry*?",
		"term First engine (1776)":        "What happened in the *first engine (1776)*?",
	}
	got := make(map[string]string)
	for _, c := range res.Cards {
		got[string(c.Kind)+" "+c.Term] = c.Question
		if c.Kind == deck.KindList && strings.Contains(c.Back, "1769") {
			t.Errorf("a list of dates made a card: %q", c.Question)
		}
		if c.Kind == deck.KindReverse && strings.HasPrefix(c.Term, "Soho Foundry") && c.Back != "Soho Foundry" {
			t.Errorf("a reverse card's answer keeps the date remark: %q", c.Back)
		}
		if c.Kind == deck.KindReverse && strings.HasPrefix(c.Term, "First engine") {
			t.Errorf("a dated event's label made a reverse card: %q", c.Question)
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], w)
		}
	}
}

func TestFigureKind(t *testing.T) {
	tests := []struct{ answer, kind, noun string }{
		{"About $375 million, then the most expensive project.", qtyMoney, ""},
		{"£20 for twenty words.", qtyMoney, ""},
		{"A median of 66 days.", qtyTime, ""},
		{"About 12% of sessions.", qtyShare, ""},
		{"More than 40,000 people worked on it.", qtyCount, "people"},
		{"80–100 psi.", "pressure", ""},
		{"Roughly 20 Hz to 20,000 Hz in young adults.", "frequency", ""},
		{"About 343 metres per second.", "speed", ""},
		{"About 130 dB.", "sound level", ""},
		{"Completed in 1913.", qtyYear, ""},
		{"Less than a day.", qtyNone, ""},
	}
	for _, tt := range tests {
		if kind, noun := figureKind(tt.answer); kind != tt.kind || noun != tt.noun {
			t.Errorf("figureKind(%q) = %q, %q; want %q, %q", tt.answer, kind, noun, tt.kind, tt.noun)
		}
	}
}

// TestQuestionRulesOnOddInput runs the wording rules on empty and odd
// terms and answers: none may panic, whatever it returns.
func TestQuestionRulesOnOddInput(t *testing.T) {
	odd := []string{"", " ", "?", "*", "(", ")", "a", "A -", "1", "1999s", "The", "'s", "…", "é", "Paper", "x.com", "(completed 1913)"}
	words := map[string]int{}
	for _, a := range odd {
		for _, b := range odd {
			back := []string{b}
			_ = valueQuestion(a, back, b, words)
			_, _ = figureKind(a)
			_ = dateQuestion(a)
			_ = withoutDateRemark(a)
			_ = datedEvent(a)
			_ = reverseAsk(a, b)
			_ = resourceQuestion(a, back, b)
			_ = resourceReverseAsk(a)
			_ = predicateQuestion(a, back, words)
			_ = methodQuestion(a, back, words)
			_ = signalQuestion(a, b, words)
			_ = symptomQuestion(a, b, back)
			_ = usageQuestion(a, back, words)
			_ = fitQuestion(a, b, words)
			_ = openQuestion(a)
			_ = adviceClaimQuestion(a, b, b, back, words)
			_ = restatesHead(a, back)
			_ = agentTerm(a)
			_ = withNoteArticle("What is *"+a+"*?", a, back, []byte(b), words)
			_ = countedQuestion("two", a)
			_ = withTopic(a, b)
			_, _ = reverseCue(a, b)
			_ = maskRun(a)
		}
	}
}
