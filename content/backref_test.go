package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestLeansBack(t *testing.T) {
	tests := []struct {
		s, term string
		want    bool
	}{
		// Sentences that lean on the one before.
		{"An early example of this meticulousness was linking API error messages to the documentation.", "Context-Sensitive Error Messages", true},
		{"He responded by designing the junction transistor in 1948.", "", true},
		{"The three men shared the Nobel Prize in Physics in 1956.", "", true},
		{"Their group leader was frustrated at being left out.", "", true},
		{"However, the models are slow to train.", "", true},
		{"As a result, the team shipped twice as fast.", "", true},
		{"Identify any current data or ongoing efforts related to these goals.", "Check Existing Data/Efforts", true},
		{"The write-up of this investigation serves as a memoir.", "Benefits", true},
		{"The write-up of this experience serves as a memoir.", "Benefits of engineer occasions", false},
		{"This is the most common reason for invalid experiments.", "", true},
		{"It replaced the vacuum tube within two decades.", "", true},
		{"The latter is cheaper to run.", "", true},
		{"That is why the limit exists.", "", true},
		{"Addressing these infrequent but critical failures improves retention.", "Impact on brand and profitability", true},
		// Sentences that stand alone.
		{"Texas Instruments shipped the first commercial silicon transistor in 1954.", "", false},
		{"The results show that the effect is small.", "", false},
		{"Sensors such as cameras feed the model.", "", false},
		{"Stripe built an internal UI for its support staff.", "", false},
		{"Instead of one big task, break the work into smaller bits.", "", false},
		{"The user asked for a \"purchase this home\" button on the listings.", "", false},
		{"Instead, the team shipped weekly.", "", true},
		{"Experiments help those who ship often.", "", false},
		{"Fish added in the first week died at three times the rate of those added after cycling.", "Losses", false},
		{"Patients treated early fared better than those receiving the drug late.", "", false},
		{"Those changes halved the cost.", "", true},
		// An item's own text naming its term.
		{"This is the most common reason for invalid experiments.", "Sample Ratio Mismatch (SRM)", false},
		{"This technique uses pre-experiment data to adjust the result.", "CUPED", false},
		{"These logs pinpoint areas where investment in detail pays off.", "friction logging", false},
		{"Users only engage with these pages when considering an agreement.", "Viewing terms of use or privacy policy pages", false},
		{"It typically takes 12 months of engagement.", "Time to Enterprise Contract", false},
		{"This often signals an evaluation process is underway.", "Admin switch/transfer", false},
	}
	for _, tt := range tests {
		if got := leansBack(tt.s, tt.term); got != tt.want {
			t.Errorf("leansBack(%q, %q) = %v, want %v", tt.s, tt.term, got, tt.want)
		}
	}
}

func TestExampleOfThis(t *testing.T) {
	tests := []struct{ in, want string }{
		{"An early example of this meticulousness was linking API error messages directly to the relevant documentation.", "Linking API error messages directly to the relevant documentation."},
		{"One example of this is a button that does two things.", "A button that does two things."},
		{"An example of this was it.", ""},
		{"The team gave an example of good work.", ""},
	}
	for _, tt := range tests {
		if got := exampleOfThis(tt.in); got != tt.want {
			t.Errorf("exampleOfThis(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAnswersStandAlone: an item's answer or a paragraph's cloze card is
// never a sentence leaning on the one before it.
func TestAnswersStandAlone(t *testing.T) {
	tests := []struct {
		name, body string
		term, back string // the term card wanted, "" for none
	}{
		{"example of this: the example", "## Craft\nStripe cares about detail.\n\n* **Error Links**: An early example of this meticulousness was linking API errors to their documentation page.\n* **Docs**: Written by engineers.\n",
			"Error Links", "Linking API errors to their documentation page."},
		{"leans on the lead-in: no card", "## Steps\nSet the goals first.\n\n1. **Check Data**: Identify any data related to these goals.\n2. **Write**: Write the plan down for the team.\n",
			"Check Data", ""},
		{"its own pronoun: kept", "## Checks\n* **Sample Ratio Mismatch**: This is the most common reason for invalid experiments.\n* **Novelty**: Users click new things at first.\n",
			"Sample Ratio Mismatch", "This is the most common reason for invalid experiments."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			c, ok := findCard(res.Cards, deck.KindTerm, tt.term)
			switch {
			case tt.back == "" && ok:
				t.Errorf("card made of a leaning sentence: %q", c.Back)
			case tt.back != "" && (!ok || c.Back != tt.back):
				t.Errorf("want %q → %q, got:\n%s", tt.term, tt.back, dumpCards(res.Cards))
			}
		})
	}
	// A paragraph's sentence that leans back makes no cloze card.
	res := generate(t, header+"## History\nIn December 1947, Bardeen and Brattain at Bell Labs demonstrated the first working transistor. He responded by designing the junction transistor in 1948, which was sturdier. The three men shared the Nobel Prize in Physics in 1956 for the invention.\n", Options{Deck: "d"})
	for _, c := range res.Cards {
		if c.Kind == deck.KindCloze && (strings.HasPrefix(c.Question, "He ") || strings.HasPrefix(c.Question, "The three")) {
			t.Errorf("cloze card of a leaning sentence: %q", c.Question)
		}
	}
	if len(res.Cards) != 1 || res.Cards[0].Kind != deck.KindCloze {
		t.Errorf("want the first sentence's cloze card only:\n%s", dumpCards(res.Cards))
	}
}

func TestLeansBackFromStart(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Even if a team believes strongly in a new design, they should be ready for it to fail 80% of the time.", false},
		{"It's crucial to document and summarize learnings to build institutional memory.", false},
		{"It is important that reviews happen early in the week.", false},
		{"It is considered a superpower that helps careers.", true},
		{"They should be ready for it to fail 80% of the time.", true},
		{"This high failure rate applies to big bets as well.", true},
	}
	for _, tt := range tests {
		if got := leansBackFromStart(tt.s); got != tt.want {
			t.Errorf("leansBackFromStart(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLooseSpans(t *testing.T) {
	for _, tt := range []struct {
		fn       func(string) string
		in, want string
	}{
		{causeSpan, "Tubes burned out often, because the filament slowly evaporated with use.", "the filament slowly evaporated with use"},
		{causeSpan, "The team moved because of reasons that were long, varied and never fully explained to anyone.", ""},
		{causeSpan, "The shift is the largest since the advent of computers.", ""},
		{quotedSpan, "Lax believes that analytics should have a \"seat at the table\" alongside engineering.", "seat at the table"},
		{quotedSpan, "A fundamental misunderstanding can lead to being \"wildly off\" on price.", ""},
		{quotedSpan, "He said \"no\" and then \"yes\" to the plan.", ""},
	} {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithoutConnective(t *testing.T) {
	for in, want := range map[string]string{
		"However, enterprise adoption requires deliberate education.": "Enterprise adoption requires deliberate education.",
		"For example, Bing aimed to improve by 2% a year.":            "Bing aimed to improve by 2% a year.",
		"Therefore, the team shipped weekly.":                         "Therefore, the team shipped weekly.",
		"Howevermuch it costs, it ships.":                             "Howevermuch it costs, it ships.",
	} {
		if got := withoutConnective(in); got != want {
			t.Errorf("withoutConnective(%q) = %q, want %q", in, got, want)
		}
	}
}
