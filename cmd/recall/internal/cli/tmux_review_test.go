package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/deck"
)

// TestTmuxUndoSuspendAndBury: u after s or b takes back the suspension or
// the burial (not the grade before it) and says so; the card is back.
func TestTmuxUndoSuspendAndBury(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	s := startTmux(t, 80, 24, reviewCommand(bin, db, "", ""))

	s.waitFor("1 / 3", "Calling your shots")
	s.keys("Space")
	s.waitFor("Forecasting and setting goals")
	s.keys("4")
	s.waitFor("2 / 3", "Losing Trust")
	s.keys("s")
	s.waitFor("2 / 2", "Resource Allocation", "Suspended")
	s.keys("u")
	undoSuspend := s.waitFor("2 / 3", "Losing Trust", "Undone: suspend. The card is back, unsuspended.")
	s.keys("b")
	s.waitFor("2 / 2", "Resource Allocation", "Buried until tomorrow.")
	s.keys("u")
	undoBury := s.waitFor("2 / 3", "Losing Trust", "Undone: bury. The card is back.")
	s.keys("u")
	undoGrade := s.waitFor("1 / 3", "Calling your shots", "Undone: grade 4 (correct after hesitation).")
	s.keys("q")
	summary := s.waitFor("EXIT=0")
	t.Logf("after undoing the suspension:\n%s\nafter undoing the burial:\n%s\nafter undoing the grade:\n%s", undoSuspend, undoBury, undoGrade)
	if strings.Contains(summary, "suspended") || strings.Contains(summary, "buried") {
		t.Errorf("the summary still counts the undone suspension or burial:\n%s", summary)
	}
	if got := logGrades(t, db); len(got) != 0 {
		t.Errorf("log %q, want the undone grade gone", got)
	}
	env, out, _ := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": "2026-03-02T10:00:00Z", "TZ": "UTC"})
	if status := Run(env, []string{"cards", "--state", "suspended"}); status != 0 || out.Len() != 0 {
		t.Errorf("cards still suspended:\n%s", out)
	}
}

// TestTmuxAnkiKeys: with recall config set keys anki the legend shows
// Anki's four buttons, 1-4 grade as 1/3/4/5, and space on a revealed card
// is Good. The SM-2 legend is checked by TestTmuxReview.
func TestTmuxAnkiKeys(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	env, _, errOut := testEnv(map[string]string{"RECALL_DB": db, "TZ": "UTC"})
	if status := Run(env, []string{"config", "set", "keys", "anki"}); status != 0 {
		t.Fatalf("config set keys anki: %d %s", status, errOut)
	}
	s := startTmux(t, 80, 24, reviewCommand(bin, db, "NO_COLOR=1", ""))
	s.waitFor("1 / 3", "Calling your shots")
	s.keys("Space")
	legend := s.waitFor("Forecasting", "1 Again   2 Hard   3 Good   4 Easy", "space/enter = Good")
	t.Logf("Anki layout, revealed:\n%s", legend)
	if strings.Contains(legend, "0 blackout") {
		t.Errorf("the SM-2 legend is shown in the Anki layout:\n%s", legend)
	}
	s.keys("Space") // Good
	s.waitFor("2 / 3", "Losing Trust")
	s.keys("Space")
	s.waitFor("Failing to ship")
	s.keys("2") // Hard: SM-2's 3, back later today
	s.waitFor("3 / 4", "comes back later")
	s.keys("Space")
	s.waitFor("bigger initiatives")
	s.keys("5") // not a key of this layout
	s.waitFor("1–4 Again/Hard/Good/Easy")
	s.keys("4") // Easy
	s.waitFor("4 / 4", "Losing Trust")
	s.keys("q")
	s.waitFor("EXIT=0")
	if got := strings.Join(logGrades(t, db), " "); got != "t-calling=4 t-losing=3 t-resources=5" {
		t.Errorf("log %q, want t-calling=4 t-losing=3 t-resources=5", got)
	}
}

// longListCard is a list card whose answer is taller than a 60×20 pane: its
// last item and its source are below the fold until the answer scrolls.
func longListCard() deck.Card {
	return deck.Card{
		ID: "t-practices", Kind: deck.KindList,
		Front: "Building trust and driving impact in product management › Practices — name the 12 practices that build trust",
		Back: "- Honesty: telling the truth without fail\n- Delivery: shipping what was promised, on time\n" +
			"- Transparency: sharing context, plans and bad news early\n- Consistency: behaving the same way in good times and bad\n" +
			"- Accountability: owning mistakes and their repair\n- Competence: knowing the product, the users and the numbers\n" +
			"- Empathy: understanding the goals of other teams\n- Calling your shots: forecasting, then hitting the forecast\n" +
			"- Candour: saying what is wrong while it can still be fixed\n- Reliability: being there when it was agreed\n" +
			"- Humility: asking for help and crediting others\n- Follow-through: closing every loop that was opened",
		Sources: []deck.Source{{
			File: "building-trust-and-driving-impact-in-product-management.md", Line: 14,
			Title: "Building trust and driving impact in product management", Section: "Practices",
			URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5101s",
		}},
	}
}

// TestTmuxScrollLongAnswer: on 60×20 and 40×10 panes a long answer scrolls
// (j, ↓, PgDn) to its last item and its source, with a marker while more is
// below, and the grade legend stays whole on every screen.
func TestTmuxScrollLongAnswer(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	for _, size := range [][2]int{{60, 20}, {40, 10}} {
		for _, layout := range []string{"sm2", "anki"} {
			t.Run(fmt.Sprintf("%dx%d-%s", size[0], size[1], layout), func(t *testing.T) {
				db := seedStore(t, "Building trust", append([]deck.Card{longListCard()}, trustCards()...))
				if layout == "anki" {
					env, _, errOut := testEnv(map[string]string{"RECALL_DB": db, "TZ": "UTC"})
					if status := Run(env, []string{"config", "set", "keys", "anki"}); status != 0 {
						t.Fatalf("config set keys anki: %d %s", status, errOut)
					}
				}
				legend, good := "0–5 grade", "4"
				if layout == "anki" {
					legend, good = "Again/Hard/Good/Easy", "3"
				}
				s := startTmux(t, size[0], size[1], reviewCommand(bin, db, "NO_COLOR=1", ""))
				s.waitFor("1 / 4")
				s.keys("Space")
				top := s.waitFor("Honesty", "more lines", legend)
				if strings.Contains(top, "t=5101s") {
					t.Fatalf("the whole answer fits; the test needs a longer card:\n%s", top)
				}
				if strings.Contains(top, "…") {
					t.Errorf("the answer is cut with …:\n%s", top)
				}
				// At 40×10 the question fills the window: the answer
				// starts it, the question is above.
				above := linesAbove(top)
				s.keys("j")
				s.waitFor(fmt.Sprintf("↑ %s above", stats.CountOf(above+1, "line")), legend)
				s.keys("Down")
				s.waitFor(fmt.Sprintf("↑ %s above", stats.CountOf(above+2, "line")), legend)
				// Line by line to the end: every item shows on the way.
				seen := top
				for n := above + 3; strings.Contains(s.screen(), "more line") && n < 100; n++ {
					s.keys("j")
					seen += s.waitFor(fmt.Sprintf("↑ %s above", stats.CountOf(n, "line")), legend)
				}
				for _, item := range []string{"Honesty", "Calling your shots", "Follow-through"} {
					if !strings.Contains(seen, item) {
						t.Errorf("scrolling never showed %q", item)
					}
				}
				s.keys(repeatKey("PgUp", 30)...)
				s.waitFor("Building trust and driving impact", legend)
				// PgDn, more than enough: never past the end.
				s.keys(repeatKey("PgDn", 30)...)
				end := s.waitFor("t=5101s", "management.md:14", "lines above", legend)
				if strings.Contains(end, "more line") {
					t.Errorf("scrolled to the end, the screen still says there is more:\n%s", end)
				}
				t.Logf("%dx%d %s, revealed:\n%s\nscrolled to the end:\n%s", size[0], size[1], layout, top, end)
				s.keys("k")
				s.waitFor("more line", legend)
				s.keys(repeatKey("PgUp", 30)...)
				if back := s.waitFor("Building trust and driving impact", legend); strings.Contains(back, "above") {
					t.Errorf("PgUp to the top still says lines are above:\n%s", back)
				}
				s.keys(good)
				s.waitFor("2 / 4", "Calling your shots")
				s.keys("q")
				s.waitFor("EXIT=0")
				if got := strings.Join(logGrades(t, db), " "); got != "t-practices=4" {
					t.Errorf("log %q, want the long card graded once", got)
				}
			})
		}
	}
}

// linesAbove reads the scroll marker "↑ N lines above" of a screen, 0 if
// it has none.
func linesAbove(screen string) int {
	for _, l := range strings.Split(screen, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "↑ "); ok {
			n, _ := strconv.Atoi(strings.Fields(rest)[0])
			return n
		}
	}
	return 0
}

// repeatKey is key n times, for send-keys.
func repeatKey(key string, n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = key
	}
	return keys
}

// TestTmuxTypedAnswer: with --type the screen takes the typed answer
// (backspace included), enter checks it against the card's answer word by
// word and proposes a grade, which enter takes; a grade key overrides it.
func TestTmuxTypedAnswer(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	s := startTmux(t, 80, 24, reviewCommand(bin, db, "NO_COLOR=1", "--type"))
	s.waitFor("1 / 3", "Calling your shots", "Your answer: ▏", "enter check it")
	s.keys("-l", "Forecasting and setting goalz")
	s.keys("BSpace")
	s.keys("-l", "s, then hitting them")
	s.waitFor("Your answer: Forecasting and setting goals, then hitting them▏")
	s.keys("Enter")
	checked := s.waitFor("Typed: Forecasting and setting goals then [-consistently-] hitting them",
		"Proposed grade 4, correct after hesitation (7 of 8 words right): enter takes it")
	t.Logf("typed answer checked:\n%s", checked)
	s.keys("Enter")
	s.waitFor("2 / 3", "Losing Trust", "Your answer: ▏")
	s.keys("-l", "lying")
	s.keys("Enter")
	s.waitFor("Typed: Lying [-Being-]", "Proposed grade 1")
	s.keys("5") // the learner overrides the proposal
	s.waitFor("3 / 3", "Resource Allocation")
	s.keys("Escape") // no typing: the answer is shown, nothing typed
	s.waitFor("bigger initiatives", "Typed: nothing", "Proposed grade 0, blackout")
	s.keys("q")
	s.waitFor("EXIT=0")
	if got := strings.Join(logGrades(t, db), " "); got != "t-calling=4 t-losing=5" {
		t.Errorf("log %q, want t-calling=4 t-losing=5", got)
	}
}

// TestTmuxReviewEdit: e then c hands the terminal to $EDITOR on the card on
// show; when the editor exits the screen is back, showing the edited card,
// which is then graded and committed as any other. The card keeps the edit.
func TestTmuxReviewEdit(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	editor := filepath.Join(t.TempDir(), "editor.sh")
	script := "#!/bin/sh\nsed -i '/^\\[question\\]$/{n;s/.*/Which phrase means forecasting, then hitting it?/;}' \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 80, 24, reviewCommand(bin, db, "NO_COLOR=1 EDITOR="+editor, ""))
	s.waitFor("1 / 3", "Calling your shots")
	s.keys("c")
	s.waitFor("Press e first (details), then c to edit the card.")
	s.keys("e")
	s.waitFor("ID t-calling", "c: edit this card in your editor")
	s.keys("c")
	edited := s.waitFor("1 / 3", "Which phrase means forecasting, then hitting it?", "Card t-calling edited (question)")
	t.Logf("after the edit:\n%s", edited)
	if strings.Contains(edited, "ID t-calling") {
		t.Errorf("the details stay open after the edit:\n%s", edited)
	}
	s.keys("Space")
	s.waitFor("Forecasting and setting goals")
	s.keys("4")
	s.waitFor("2 / 3", "Losing Trust")
	s.keys("q")
	s.waitFor("EXIT=0")
	if got := logGrades(t, db); strings.Join(got, " ") != "t-calling=4" {
		t.Errorf("log %q, want the grade given after the edit", got)
	}
	env, out, _ := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": "2026-03-02T10:00:00Z", "TZ": "UTC"})
	if status := Run(env, []string{"cards", "--json"}); status != 0 || !strings.Contains(out.String(), `"front": "Building trust as a product leader › Building Trust — Which phrase means forecasting, then hitting it?"`) {
		t.Errorf("cards after the edit (%d):\n%s", status, out)
	}
}
