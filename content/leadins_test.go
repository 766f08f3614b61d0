package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestLeadInsThatAreNotTerms checks the questions of bold lead-ins that
// are claims, advice, steps or resources: none is asked "What is X?".
func TestLeadInsThatAreNotTerms(t *testing.T) {
	tests := []struct {
		name, body, term string
		want             string // "" means no such card
	}{
		{
			name: "a claim is asked why it holds",
			body: "## Practical Advice\n*   **Defragmenting is harmful:** It adds writes without any speed benefit, since flash has no seek time.\n*   **Leave free space:** Keeping a tenth of the drive empty gives the controller room to work.\n",
			term: "Defragmenting is harmful", want: "Why is defragmenting harmful?",
		},
		{
			name: "a verb in a relative clause makes no claim",
			body: "## Common Pitfalls\n*   **Using a ladder that is too short:** It leaves you overreaching, which is the most common cause of falls from ladders.\n*   **Skipping the safety check:** A loose foot slips without warning.\n",
			term: "Using a ladder that is too short", want: "Why is *Using a ladder that is too short* a pitfall?",
		},
		{
			name: "a claim with another verb takes 'do'",
			body: "## Pricing Pages\n*   **Three tiers work best:** Buyers anchor on the middle option, so most choose it.\n*   **Annual discounts:** Two months free for annual billing improve cash flow.\n",
			term: "Three tiers work best", want: "Why do three tiers work best?",
		},
		{
			name: "a name with a verb-like word is no claim",
			body: "## Stability Metrics\n*   **Change Fail Rate:** Percentage of changes that require human intervention.\n*   **Time to Restore:** Time to recover from an incident.\n",
			term: "Change Fail Rate", want: "What is *Change Fail Rate*?",
		},
		{
			name: "advice whose answer gives the reason is asked why",
			body: "## Practical Advice\n*   **Enable TRIM:** The TRIM command tells the drive which blocks are free, so it can erase them ahead of time.\n*   **Leave free space:** Keeping a tenth of the drive empty gives the controller room to work.\n",
			term: "Enable TRIM", want: "Why enable TRIM?",
		},
		{
			name: "advice verbs the imperative list does not know",
			body: "## Practical Advice\n*   **Enable TRIM:** The TRIM command tells the drive which blocks are free, so it can erase them ahead of time.\n*   **Leave free space:** Keeping a tenth of the drive empty gives the controller room to work.\n",
			term: "Leave free space", want: "Why leave free space?",
		},
		{
			name: "negative advice asks why not",
			body: "## Advice for Managers\n*   **Don't solve everything:** Jumping to a fix teaches reports to bring problems rather than proposals.\n*   **Take notes:** A running document shows the report that commitments are remembered.\n",
			term: "Don't solve everything", want: "Why not solve everything?",
		},
		{
			name: "advice whose answer says how stays a practice",
			body: "## Tips for New Users\n*   **Chop things up:** Instead of trying to specify a large task in one go, break it into smaller bits.\n*   **Look at the data:** Don't just rely on aggregate numbers; read the failures.\n",
			term: "Chop things up", want: "What does *Chop things up* involve?",
		},
		{
			name: "advice whose text says what the topic does is not asked why",
			body: "## Quantify Levers in a Common Currency\n- **Translate impact to core business value**: At DoorDash, initiatives are quantified in terms of their impact on order value.\n- **Enable cross-functional trade-offs**: This common currency allows for strategic decisions across different teams.\n",
			term: "Enable cross-functional trade-offs", want: "What does *Enable cross-functional trade-offs* involve?",
		},
		{
			name: "a comparison is no advice",
			body: "## Experimentation Platforms\n*   **Build vs. Buy:** Many vendors offer platforms today, so companies starting out may buy rather than build.\n*   **Self-service:** Users can set up experiments themselves.\n",
			term: "Build vs. Buy", want: "What does *Build vs. Buy* involve?",
		},
		{
			name: "every item of a list its lead-in calls a process is a step",
			body: "## Setting the First Price\nCampbell suggests a short process for a first price:\n1.  **Interview ten customers:** Ask what they would pay and what they would compare the product to.\n2.  **Pick one value metric:** Choose the unit that tracks value best.\n3.  **Raise until people complain:** If nobody pushes back on price, it is too low.\n",
			term: "Raise until people complain", want: "What does the step *Raise until people complain* involve?",
		},
		{
			name: "a fault named by a noun phrase is asked why it is one",
			body: "## Common Mistakes\n*   **Cancelling when busy:** It tells the report that everything else matters more.\n*   **Feedback saved for reviews:** Surprises in a performance review mean the one-on-ones failed.\n",
			term: "Feedback saved for reviews", want: "Why is *Feedback saved for reviews* a mistake?",
		},
		{
			name: "a fault answered by what it is stays a mistake to name",
			body: "## Common Failure Modes\nWhen onboarding remote engineers, common mistakes include:\n*   **Documentation Dumps:** Handing over a wiki of hundreds of pages instead of a short path.\n*   **No Clear Owner:** Nobody is accountable for the first month, so each team assumes another is.\n",
			term: "Documentation Dumps", want: "What are *Documentation Dumps*?",
		},
		{
			name: "a bold title followed by its author is a book",
			body: "## Resources\n*   **High Output Management** by Andy Grove: The 1983 book that introduced one-on-ones to the industry.\n*   **Scaling People** by Claire Hughes Johnson: A handbook of management templates.\n",
			term: "High Output Management by Andy Grove", want: "What is the book *High Output Management* by Andy Grove about?",
		},
		{
			name: "a bold subject whose sentence goes on with 'by' is no title",
			body: "## History\n*   **Flash memory** was invented by Fujio Masuoka at Toshiba in 1980, and it spread quickly.\n*   **The hard drive** came from IBM in 1956, a cabinet the size of two fridges.\n",
			term: "Flash memory by Fujio Masuoka at Toshiba in 1980", want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			var got []deck.Card
			for _, c := range res.Cards {
				if c.Kind == deck.KindTerm && c.Term == tt.term {
					got = append(got, c)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no card of %q, got %q", tt.term, got[0].Question)
			case tt.want != "" && len(got) != 1:
				t.Errorf("want one card of %q, got %d; cards:\n%s", tt.term, len(got), cardList(res.Cards))
			case tt.want != "" && got[0].Question != tt.want:
				t.Errorf("question\n got %q\nwant %q", got[0].Question, tt.want)
			}
		})
	}
}

// TestClaimVerbQuestionEmptyAnswer checks that an answer of no words asks
// nothing (and does not index past its words).
func TestClaimVerbQuestionEmptyAnswer(t *testing.T) {
	for _, back := range [][]string{{""}, {"**"}, {"  "}} {
		if q := claimVerbQuestion("Calling your shots", back); q != "" {
			t.Errorf("claimVerbQuestion(%q) = %q, want \"\"", back, q)
		}
	}
}
