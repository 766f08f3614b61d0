package content

import (
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestItemFollowUp: the sentences of a bold item after the ones its
// card answers with are carded on their own, cued by the item's term.
func TestItemFollowUp(t *testing.T) {
	tests := []struct {
		name, item string
		want       []string // question → back, of the cards other than the item's own
	}{
		{"a figure in words after the statement",
			"*   **Cool the burn**: Hold it under cool running water for 20 minutes. Cooling still helps if started within three hours of the injury.",
			[]string{"*Cool the burn*: Cooling still helps if started within [...] of the injury. → three hours"}},
		{"a cause in the third sentence",
			"*   **Lime mortar**: A mix of lime, sand and water. It sets in about 24 hours. Builders still use it on old walls because it lets the stone breathe.",
			[]string{"*Lime mortar*: Builders still use it on old walls because [...]. → it lets the stone breathe"}},
		{"a rule after the statement",
			"*   **Proofing**: Leave the shaped dough to rise in a warm place. If the dough springs back slowly when pressed, bake it at once.",
			[]string{"What should you do if the dough springs back slowly when pressed? → Bake it at once."}},
		{"the item's thing defined again is no term",
			"*   **Starter kit**: A box of tools sent to each new hire. The kit is a welcome gesture that most hires remember for years.",
			nil},
		{"one sentence only",
			"*   **Kiln**: An oven that fires clay at over 1,000 °C.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+"## Tips\n\n"+tt.item+"\n*   **Other item**: A short statement about something else entirely.\n", Options{Deck: "d"})
			var got []string
			for _, c := range res.Cards {
				term := strings.SplitN(tt.item, "**", 3)[1]
				if strings.EqualFold(c.Term, term) || c.Term == "Other item" || c.Kind == deck.KindList || c.Kind == deck.KindReverse {
					continue // the items' own cards and their list
				}
				back := c.Back
				if c.Term != "" && strings.Contains(c.Question, "[...]") {
					back = c.Term
				}
				got = append(got, c.Question+" → "+back)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("follow-up cards\n got %q\nwant %q\n%s", got, tt.want, dumpCards(res.Cards))
			}
		})
	}
}
