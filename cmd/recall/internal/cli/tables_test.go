package cli

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/internal/text"
)

// TestTablesFitTheTerminal: on a terminal the tables of recall cards and
// recall decks fit its width, cutting cells by display width; piped they
// print every value in full.
func TestTablesFitTheTerminal(t *testing.T) {
	cards := trustCards()
	cards[0].Front = "日本語のノート › " + cards[0].Front // wide characters count two cells
	db := seedStore(t, "Building trust: a deck with a rather long name", cards)
	for _, args := range [][]string{{"cards"}, {"decks"}} {
		for _, width := range []int{0, 60, 80} {
			env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": "2026-03-02T09:00:00Z"})
			env.StdoutIsTerminal = width > 0
			env.TerminalWidth = func() int { return width }
			if status := Run(env, args); status != 0 {
				t.Fatalf("%v: status %d: %s", args, status, errOut)
			}
			got := out.String()
			for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if width > 0 && text.Width(line) > width {
					t.Errorf("%v at %d columns: line is %d cells wide: %q", args, width, text.Width(line), line)
				}
			}
			full := strings.Contains(got, "Building trust: a deck with a rather long name")
			if width == 0 && !full {
				t.Errorf("%v piped: the deck name was cut:\n%s", args, got)
			}
			if args[0] == "cards" && width == 0 && !strings.Contains(got, cards[2].Front) {
				t.Errorf("cards piped: a front was cut:\n%s", got)
			}
		}
	}
}
