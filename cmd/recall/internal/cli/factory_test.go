package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
)

// TestFactoryTerminalPolicy: colour and width follow the terminal and the
// environment the same way for every command.
func TestFactoryTerminalPolicy(t *testing.T) {
	tests := []struct {
		name       string
		tty        bool
		size       int
		vars       map[string]string
		wantColour bool
		wantWidth  int
	}{
		{"terminal", true, 100, nil, true, 100},
		{"NO_COLOR", true, 100, map[string]string{"NO_COLOR": "1"}, false, 100},
		{"dumb terminal", true, 100, map[string]string{"TERM": "dumb"}, false, 100},
		{"piped, COLUMNS set", false, 0, map[string]string{"COLUMNS": "60"}, false, 0},
		{"terminal of unknown size", true, 0, map[string]string{"COLUMNS": "60"}, true, 60},
		{"bad COLUMNS", true, 0, map[string]string{"COLUMNS": "wide"}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.vars)
			env.StdoutIsTerminal, env.StdinIsTerminal = tt.tty, tt.tty
			env.TerminalWidth = func() int { return tt.size }
			o := &rootOptions{env: env}
			if got := o.colour(); got != tt.wantColour {
				t.Errorf("colour() = %v, want %v", got, tt.wantColour)
			}
			if got := o.width(); got != tt.wantWidth {
				t.Errorf("width() = %d, want %d", got, tt.wantWidth)
			}
		})
	}
}

// TestOpenRead: every read command starts from the same clock, store and
// deck, and refuses the same way.
func TestOpenRead(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"RECALL_DB": filepath.Join(dir, "recall.db"), "RECALL_NOW": "2026-11-30T08:00:00Z"}
	env, _, _ := testEnv(vars)
	o := &rootOptions{env: env}

	v, err := o.openRead("")
	if err != nil || v.st != nil || v.deck != "" {
		t.Fatalf("no store yet: openRead = %+v, %v; want an empty view", v, err)
	}
	v.Close()
	if want := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC); !v.now.Equal(want) {
		t.Errorf("now = %v, want RECALL_NOW %v", v.now, want)
	}
	if _, err := o.openRead("Physics"); err == nil || !strings.Contains(err.Error(), `no deck named "Physics"`) {
		t.Errorf("no store, --deck Physics: err = %v", err)
	}
	if _, err := o.openReadExisting(""); err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Errorf("openReadExisting without a store: err = %v", err)
	}

	st, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	card := deck.Card{ID: "0a1b2c3d4e5f", Kind: deck.KindTerm, Front: "What is curl?", Back: "A measure of rotation.", Term: "Curl"}
	if _, err := st.Import("Physics", []deck.Card{card}, time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC), false); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(string) (*readView, error){o.openRead, o.openReadExisting} {
		v, err := open("Physics")
		if err != nil {
			t.Fatal(err)
		}
		if v.st == nil || v.deck != "Physics" {
			t.Errorf("view = %+v; want the store and deck Physics", v)
		}
		v.Close()
		if _, err := open("Chemistry"); err == nil || !strings.Contains(err.Error(), `"Chemistry"`) {
			t.Errorf("--deck Chemistry: err = %v", err)
		}
	}

	vars["RECALL_NOW"] = "yesterday"
	if _, err := o.openRead(""); err == nil || !strings.Contains(err.Error(), "RECALL_NOW") {
		t.Errorf("bad RECALL_NOW: err = %v", err)
	}
}
