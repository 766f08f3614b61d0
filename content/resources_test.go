package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestResourceQuestions checks that a paper, site or talk among a note's
// resources is asked what it shows, offers or is about, by the verb its
// answer opens with when there is one, and its reverse which paper, site
// or talk it is (issue 14).
func TestResourceQuestions(t *testing.T) {
	body := header + "## Papers\n" +
		"*   **Paper on sleep and memory (Walker, 2009)**: Forty students recalled 20% more word pairs after a night's sleep than after a day awake.\n" +
		"*   **Study of night-shift nurses**: Found that rotating shifts doubled the rate of small errors on the ward.\n" +
		"*   **Smith and Jones's review of naps**: Shows that naps under 30 minutes improve alertness without grogginess.\n\n" +
		"## Websites\n" +
		"*   **sleepfoundation.org**: Guides to sleep hygiene and a directory of sleep clinics.\n" +
		"*   **The Sleep Diary site**: Free printable diaries for tracking bedtimes over two weeks.\n\n" +
		"## Talks\n" +
		"*   **Matthew Walker's talk on sleep**: A 20-minute talk on why sleep loss harms the immune system.\n" +
		"*   **Why We Sleep**: Will cover the latest research on dreaming and memory for a general audience.\n"
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	want := map[string]string{
		"term Paper on sleep and memory (Walker, 2009)": "What does the *paper on sleep and memory (Walker, 2009)* show?",
		"term Study of night-shift nurses":              "What did the *study of night-shift nurses* find?",
		"term Smith and Jones's review of naps":         "What does *Smith and Jones's review of naps* show?",
		"term sleepfoundation.org":                      "What does the website *sleepfoundation.org* offer?",
		"reverse sleepfoundation.org":                   "Which website is this?\nGuides to … hygiene and a directory of … clinics.",
		"term Sleep Diary site":                         "What does the *Sleep Diary site* offer?",
		"term Matthew Walker's talk on sleep":           "What is *Matthew Walker's talk on sleep* about?",
		"term Why We Sleep":                             "What will the talk *Why We Sleep* cover?",
	}
	got := make(map[string]string)
	for _, c := range res.Cards {
		got[string(c.Kind)+" "+c.Term] = c.Question
		if c.Kind == deck.KindList {
			t.Errorf("a list of titles made a card: %q", c.Question)
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], w)
		}
	}
}

func TestResourceReverseAsk(t *testing.T) {
	tests := []struct{ question, want string }{
		{"What is the book *Accelerate* by Nicole Forsgren about?", "Which book is this?"},
		{"What does the *SPACE Paper* provide?", "Which paper is this?"},
		{"What does the example *Case study review* show?", ""},
		{"What does the *review process* involve?", ""},
		{"What is the *review process*?", ""},
	}
	for _, tt := range tests {
		if got := resourceReverseAsk(tt.question); got != tt.want {
			t.Errorf("resourceReverseAsk(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}
