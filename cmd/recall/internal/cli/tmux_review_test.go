package cli

import (
	"strings"
	"testing"
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
