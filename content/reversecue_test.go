package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestMaskRun(t *testing.T) {
	tests := []struct {
		masked string
		want   bool
	}{
		{"Stripe also employs \"… …,\" injecting errors.", true},
		{"Changes are … …, starting with a small share of traffic.", true},
		{"A hand … with a head that fits your valve.", false},
		{"Plastic … that hook under the … bead.", false},
		{"The cable was landed on 5 August …. The message took 16 hours.", false},
	}
	for _, tt := range tests {
		if got := maskRun(tt.masked); got != tt.want {
			t.Errorf("maskRun(%q) = %v, want %v", tt.masked, got, tt.want)
		}
	}
}

func TestReverseCue(t *testing.T) {
	tests := []struct {
		ctx, term, want string
		ok              bool
	}{
		{"Negotiation › Anchoring", "Anchor", "Negotiation", true},
		{"Beekeeping › Winter Bees", "Winter bee", "Beekeeping", true},
		{"Decay › Kinds of Decay", "Alpha Decay", "Decay › Kinds of Decay", true},
		{"Wintering honeybee colonies › Feeding", "Winter bee", "Wintering honeybee colonies › Feeding", true},
		{"Compound interest", "Compound interest", "Compound interest", false},
		{"Compound interest and inflation › Terms", "Inflation", "", false},
	}
	for _, tt := range tests {
		got, ok := reverseCue(tt.ctx, tt.term)
		if got != tt.want || ok != tt.ok {
			t.Errorf("reverseCue(%q, %q) = %q, %v; want %q, %v", tt.ctx, tt.term, got, ok, tt.want, tt.ok)
		}
	}
}

// TestReverseGiveaways checks that a reverse card whose definition names
// the term itself is not made, and that one keeps no heading naming the
// term (issue 14).
func TestReverseGiveaways(t *testing.T) {
	body := header + "## Deployment\n" +
		"*   **Canary Release**: Changes are canary released to a small share of traffic first, then ramped up.\n" +
		"*   **Feature flag**: A switch in the code that turns a feature on or off without a new deploy.\n\n" +
		"## Rollbacks\n" +
		"*   **Rollback**: Returning the system to the last version that worked, within minutes.\n" +
		"*   **Hotfix**: A small change shipped outside the normal release train to fix a live bug.\n"
	res := generate(t, body, Options{Deck: "d", Reverse: true})
	for _, c := range res.Cards {
		if c.Kind != deck.KindReverse {
			continue
		}
		switch c.Term {
		case "Canary Release":
			t.Errorf("a definition naming its term made a reverse card: %q", c.Question)
		case "Rollback":
			if strings.Contains(c.ContextCue, "Rollbacks") {
				t.Errorf("the reverse card's cue names its answer: %q", c.ContextCue)
			}
		}
	}
}
