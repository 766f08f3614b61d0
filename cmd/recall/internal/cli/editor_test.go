package cli

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
)

func TestSplitCommand(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{in: "vi", want: []string{"vi"}},
		{in: "  code   --wait ", want: []string{"code", "--wait"}},
		{in: `"/Applications/Sublime Text.app/bin/subl" -w`, want: []string{"/Applications/Sublime Text.app/bin/subl", "-w"}},
		{in: `emacsclient -a '' -t`, want: []string{"emacsclient", "-a", "", "-t"}},
		{in: `my\ editor "say \"hi\"" 'it''s'`, want: []string{"my editor", `say "hi"`, "its"}},
		{in: `vim -c "set tw=\72"`, want: []string{"vim", "-c", `set tw=\72`}},
		{in: `vim 'unclosed`, err: "single quote"},
		{in: `vim "unclosed`, err: "double quote"},
		{in: "   ", err: "no command"},
	} {
		got, err := splitCommand(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("splitCommand(%q) = %q, %v; want an error about %q", tc.in, got, err, tc.err)
			}
		case err != nil || !slices.Equal(got, tc.want):
			t.Errorf("splitCommand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestEditorCommandFallsBack(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want []string
		err  string
	}{
		{env: map[string]string{"EDITOR": "nano", "VISUAL": "code --wait"}, want: []string{"nano"}},
		{env: map[string]string{"EDITOR": " ", "VISUAL": "code --wait"}, want: []string{"code", "--wait"}},
		{env: map[string]string{}, want: []string{"vi"}},
		{env: map[string]string{"EDITOR": `"vim`}, err: "$EDITOR: a double quote is not closed"},
	} {
		got, err := editorCommand(func(k string) string { return tc.env[k] })
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("editorCommand(%v) = %q, %v; want %q", tc.env, got, err, tc.err)
			}
		case err != nil || !slices.Equal(got, tc.want):
			t.Errorf("editorCommand(%v) = %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
}

// TestCardsMarksEditsOnANarrowTerminal: the table cuts a long front to fit
// the terminal from its start; the mark of an edited card, after the
// front, stays.
func TestCardsMarksEditsOnANarrowTerminal(t *testing.T) {
	db := seedStore(t, "Building trust", trustCards())
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = st.SetOverride("t-calling", deck.Text{Context: "Building trust as a product leader › Building Trust", Question: "Which phrase means forecasting, then hitting it?", Answer: "Calling your shots"}, time.Now())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	env, out, errOut := testEnv(map[string]string{"RECALL_DB": db})
	env.StdoutIsTerminal, env.TerminalWidth = true, func() int { return 70 }
	if status := Run(env, []string{"cards"}); status != 0 {
		t.Fatalf("cards: %d %s", status, errOut)
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(lines[1], "t-calling") || !strings.Contains(lines[1], "…") || !strings.Contains(lines[1], "hitting it? ✎") {
		t.Errorf("the edited card's row lost its mark or was not cut:\n%s", out)
	}
	if !strings.Contains(out.String(), "✎ 1 card worded your way (recall edit).") {
		t.Errorf("no footnote:\n%s", out)
	}
}
