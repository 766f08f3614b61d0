package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestProhibitionQuestion(t *testing.T) {
	tests := []struct{ sentence, q, a string }{
		{"Do not attempt a jump if the battery case is cracked or leaking acid.",
			"When should you not attempt a jump?", "If the battery case is cracked or leaking acid."},
		{"Never open the kiln when the pyrometer still reads above 200 °C.",
			"When should you not open the kiln?", "When the pyrometer still reads above 200 °C."},
		{"Don't prune the roses while the ground is still frozen.",
			"When should you not prune the roses?", "While the ground is still frozen."},
		// No condition, a pointer, a list of actions, or no command at all.
		{"Never let the two clamps touch each other.", "", ""},
		{"Do not do this if it has rained.", "", ""},
		{"Do not top up, stir, or shake the battery if it is hot.", "", ""},
		{"Do, if you can, wear gloves when you handle the battery.", "", ""},
		{"Doing a jump if the battery is cracked is dangerous.", "", ""},
	}
	for _, tt := range tests {
		q, a := prohibitionQuestion(tt.sentence)
		if q != tt.q || a != tt.a {
			t.Errorf("prohibitionQuestion(%q) = %q, %q; want %q, %q", tt.sentence, q, a, tt.q, tt.a)
		}
	}
}

// TestProhibitionCard: a warning in a paragraph of a how-to note is asked
// for its condition, once.
func TestProhibitionCard(t *testing.T) {
	res := generate(t, header+"## Safety\nCheck the cables for cuts before you start. Do not attempt a jump if the battery case is cracked or leaking acid.\n\n## Steps\n\n1. Clamp red to the flat battery.\n2. Clamp red to the donor.\n3. Clamp black to the donor.\n", Options{Deck: "d"})
	n := 0
	for _, c := range res.Cards {
		if c.Kind == deck.KindTerm && c.Question == "When should you not attempt a jump?" {
			n++
			if c.Back != "If the battery case is cracked or leaking acid." {
				t.Errorf("answer %q", c.Back)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d warning cards, want 1:\n%s", n, dumpCards(res.Cards))
	}
}

func TestConditionalSpan(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"If the engine cranks normally but will not fire, the battery is probably fine.", "the battery is probably fine"},
		{"If the charger's light never turns green, the battery may have a dead cell.", "the battery may have a dead cell"},
		// The reader's wishes, a command, a pointer, a long or listing consequence.
		{"If you want to learn more, the owner's manual has a chapter on it.", ""},
		{"If the battery is cracked, replace it before you try again.", ""},
		{"If the lights dim, this is the reason the car will not start.", ""},
		{"If the lights dim, the battery, the alternator or the starter may be at fault.", ""},
		{"The battery is fine if the engine cranks.", ""},
	}
	for _, tt := range tests {
		if got := conditionalSpan(tt.sentence); got != tt.want {
			t.Errorf("conditionalSpan(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestConditionalCloze: a note's diagnostic rules are clozes of their
// consequences, two at most a paragraph.
func TestConditionalCloze(t *testing.T) {
	res := generate(t, header+"## Symptoms\nIf the engine cranks normally but will not fire, the battery is probably fine. If the dashboard lights dim sharply, the battery is too weak to start the car. If the starter only clicks, the solenoid may be stuck.\n", Options{Deck: "d"})
	var got []string
	for _, c := range res.Cards {
		if c.Kind == deck.KindCloze && strings.HasPrefix(c.Question, "If ") {
			got = append(got, c.Question+" → "+c.Term)
		}
	}
	want := []string{
		"If the engine cranks normally but will not fire, [...]. → the battery is probably fine",
		"If the dashboard lights dim sharply, [...]. → the battery is too weak to start the car",
	}
	if !slices.Equal(got, want) {
		t.Errorf("conditional clozes\n got %q\nwant %q\n%s", got, want, dumpCards(res.Cards))
	}
}

// TestConditionalQuestion: a rule whose consequence is a command, or too
// long or listing for a cloze, is asked as a question about its
// condition.
func TestConditionalQuestion(t *testing.T) {
	tests := []struct{ sentence, q, a string }{
		{"If the dough tears when stretched, let it rest for another twenty minutes.",
			"What should you do if the dough tears when stretched?", "Let it rest for another twenty minutes."},
		{"If a guest starts choking and cannot speak, give five firm back blows between the shoulder blades.",
			"What should you do if a guest starts choking and cannot speak?", "Give five firm back blows between the shoulder blades."},
		{"If the pressure gauge reads zero after an hour, the seal has probably failed, or the valve was left open.",
			"What does it suggest if the pressure gauge reads zero after an hour?", "The seal has probably failed, or the valve was left open."},
		{"If a tenant stops paying rent for two months, the landlord may serve a notice, and the court sets a hearing date within six weeks.",
			"What happens if a tenant stops paying rent for two months?", "The landlord may serve a notice, and the court sets a hearing date within six weeks."},
		// Short plain consequences stay clozes (conditionalSpan); the
		// reader's wishes, pointers and overlong parts make nothing.
		{"If the engine cranks normally but will not fire, the battery is probably fine.", "", ""},
		{"If you want a softer crust, brush the loaf with butter.", "", ""},
		{"If the lights dim, this is the reason the car will not start.", "", ""},
		{"If it rains, do this.", "", ""},
		{"If neither side of a marketplace is scaled, founders should grow one side first with ordinary growth tactics.",
			"What should founders do if neither side of a marketplace is scaled?", "Grow one side first with ordinary growth tactics."},
		{"If the answer has the letter twice, but in another place, the second copy turns yellow.", "", ""},
		{"If the seal is cracked, then replace the whole lid before the next batch.",
			"What should you do if the seal is cracked?", "Replace the whole lid before the next batch."},
		{"If the market falls, investors who bought at the peak, borrowed against their homes, and kept buying through the summer on margin from brokers lose far more than the rest.", "", ""},
	}
	for _, tt := range tests {
		if q, a := conditionalQuestion(tt.sentence); q != tt.q || a != tt.a {
			t.Errorf("conditionalQuestion(%q)\n = %q, %q\nwant %q, %q", tt.sentence, q, a, tt.q, tt.a)
		}
	}
}

// TestStatementItemsGiveRulesAndCauses: plain list items written as
// sentences that no cloze takes give their causes and rules, as a
// paragraph's sentences do; a command's cause is asked of the command.
func TestStatementItemsGiveRulesAndCauses(t *testing.T) {
	body := "## Kitchen fires\n\n*   Do not move a burning pan, because the oil can spill onto you and spread the fire.\n" +
		"*   If the oven catches fire, keep the door shut and turn the oven off at the wall.\n" +
		"*   Smoke alarms should be tested once a month by pressing the button until it sounds.\n"
	res := generate(t, header+body, Options{Deck: "d"})
	want := map[string]string{
		"Why should you not move a burning pan?":       "",
		"What should you do if the oven catches fire?": "Keep the door shut and turn the oven off at the wall.",
	}
	for _, c := range res.Cards {
		if a, ok := want[c.Question]; ok {
			if a != "" && c.Back != a {
				t.Errorf("%q answered %q, want %q", c.Question, c.Back, a)
			}
			delete(want, c.Question)
		}
		if strings.HasPrefix(c.Question, "Why do not") {
			t.Errorf("ungrammatical question %q", c.Question)
		}
	}
	for q := range want {
		t.Errorf("no card %q:\n%s", q, dumpCards(res.Cards))
	}
}

// TestCommandWhichGivesItsReason: a warning item's "which …" is its
// reason, asked why the warning holds, never "What does do not … do?".
func TestCommandWhichGivesItsReason(t *testing.T) {
	body := "## Treating a burn\n\nCool the burn first.\n\n*   Do not use butter like a cream, which traps heat in the skin.\n" +
		"*   Do not burst blisters, which protect the skin underneath.\n*   Never use ice on a burn, because it damages the tissue.\n"
	res := generate(t, header+body, Options{Deck: "d"})
	want := map[string]string{
		"Why should you not use butter like a cream?": "It traps heat in the skin.",
		"Why should you not burst blisters?":          "They protect the skin underneath.",
	}
	for _, c := range res.Cards {
		if strings.Contains(c.Question, "do not") && !strings.HasPrefix(c.Question, "Why") {
			t.Errorf("a warning asked as a thing: %q", c.Question)
		}
		if a, ok := want[c.Question]; ok {
			if c.Back != a {
				t.Errorf("%q answered %q, want %q", c.Question, c.Back, a)
			}
			delete(want, c.Question)
		}
	}
	for q := range want {
		t.Errorf("no card %q:\n%s", q, dumpCards(res.Cards))
	}
}
