package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/recallcards/recall/deck"
)

// runFakeTerminal runs the huh screen over a fake session with keys as its
// input, as bubbletea reads them from a terminal.
func runFakeTerminal(t *testing.T, r reviewer, keys string) string {
	t.Helper()
	return runFakeTerminalFrom(t, r, strings.NewReader(keys))
}

func runFakeTerminalFrom(t *testing.T, r reviewer, keys io.Reader) string {
	t.Helper()
	return runFakeTerminalLayout(t, r, layoutSM2, keys)
}

func runFakeTerminalLayout(t *testing.T, r reviewer, layout keyLayout, keys io.Reader) string {
	t.Helper()
	// The deadline only stops a hang; a working screen ends on its keys.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := runTerminal(ctx, r, reviewMode{keys: layout}, keys, &out, newPalette(io.Discard, false), 60, ""); err != nil {
		t.Fatalf("runTerminal: %v\n%s", err, out.String())
	}
	return out.String()
}

// assertScreensFit checks that every screen recall draws for cards, front
// and back, with and without colour, fits a width×height terminal: the
// frames it gives bubbletea, before bubbletea cuts lines to the terminal.
func assertScreensFit(t *testing.T, cards []deck.Card, width, height int) {
	t.Helper()
	for _, colour := range []bool{false, true} {
		f := newReviewField(newFakeReviewer(cards...), newPalette(io.Discard, colour), width)
		f.Update(tea.WindowSizeMsg{Width: width, Height: height})
		for range cards {
			for _, side := range []string{"front", "back"} {
				for i, line := range strings.Split(f.View(), "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("colour %v, %s: line %d is %d columns wide on a %d-column terminal: %q", colour, side, i+1, w, width, ansi.Strip(line))
					}
				}
				if side == "front" {
					f.press(" ")
				}
			}
			f.press("5")
		}
	}
}

func TestScreensFitNarrowTerminal(t *testing.T) {
	for _, size := range [][2]int{{40, 16}, {60, 20}, {80, 24}} {
		assertScreensFit(t, trustCards(), size[0], size[1])
	}
}

func TestTerminalGradesWithSingleKeys(t *testing.T) {
	tests := []struct {
		name   string
		cards  int
		keys   string
		graded string
		undone string
	}{
		{"digits grade at once; the form ends with the last card", 2, " 4 5", "c00=4 c01=5", ""},
		{"aliases", 5, " a h g E 4 4 4", "c00=1 c01=3 c02=4 c03=5 c04=4 c00=4 c01=4", ""},
		{"enter reveals too", 1, "\r3\r4", "c00=3 c00=4", ""},
		{"grade keys do nothing before reveal", 1, "4 4", "c00=4", ""},
		{"undo", 2, " 2u 4 4", "c00=4 c01=4", "c00=2"},
		{"q quits", 3, " 4q", "c00=4", ""},
		{"ctrl-c quits", 3, " 4\x03", "c00=4", ""},
		{"unknown keys are ignored", 1, "xyz 4", "c00=4", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFakeReviewer(fakeCards(tt.cards)...)
			runFakeTerminal(t, r, tt.keys)
			if got := strings.Join(r.graded, " "); got != tt.graded {
				t.Errorf("graded %q, want %q", got, tt.graded)
			}
			if got := strings.Join(r.undone, " "); got != tt.undone {
				t.Errorf("undone %q, want %q", got, tt.undone)
			}
			if r.quits == 0 {
				t.Error("session not ended")
			}
		})
	}
}

func TestTerminalAnkiKeys(t *testing.T) {
	tests := []struct {
		name   string
		cards  int
		keys   string
		graded string
	}{
		{"1 to 4 are Again, Hard, Good, Easy", 4, " 1 2 3 4 4 4", "c00=1 c01=3 c02=4 c03=5 c00=5 c01=5"},
		{"space and enter on a revealed card are Good", 2, "  \r\r", "c00=4 c01=4"},
		{"0 and 5 do not grade", 1, " 0534", "c00=4"},
		{"aliases still work", 1, " E", "c00=5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFakeReviewer(fakeCards(tt.cards)...)
			runFakeTerminalLayout(t, r, layoutAnki, strings.NewReader(tt.keys))
			if got := strings.Join(r.graded, " "); got != tt.graded {
				t.Errorf("graded %q, want %q", got, tt.graded)
			}
		})
	}

	t.Run("space does not grade in the SM-2 layout", func(t *testing.T) {
		r := newFakeReviewer(fakeCards(1)...)
		runFakeTerminal(t, r, "   \r4")
		if got := strings.Join(r.graded, " "); got != "c00=4" {
			t.Errorf("graded %q, want c00=4", got)
		}
	})
}

func TestTerminalOneKeyPerRead(t *testing.T) {
	r := newFakeReviewer(fakeCards(2)...)
	runFakeTerminalFrom(t, r, iotest.OneByteReader(strings.NewReader(" 2 4 5")))
	if got := strings.Join(r.graded, " "); got != "c00=2 c01=4 c00=5" {
		t.Errorf("graded %q", got)
	}
}

func TestTerminalSuspendBury(t *testing.T) {
	r := newFakeReviewer(fakeCards(3)...)
	runFakeTerminal(t, r, "s be 4")
	if got := strings.Join(r.skipped, " "); got != "s c00 b c01" {
		t.Errorf("skipped %q", got)
	}
	if got := strings.Join(r.graded, " "); got != "c02=4" {
		t.Errorf("graded %q", got)
	}
}

// TestFieldScreens follows the field's screen key by key. (The program's
// own output is drawn at a frame rate, so it may skip states.)
func TestFieldScreens(t *testing.T) {
	r := newFakeReviewer(fakeCards(3)...)
	f := newReviewField(r, newPalette(io.Discard, false), 60)
	steps := []struct {
		key        string
		want, lose string
	}{
		{"", "1 / 3", "back 0"},
		{"4", "Show the answer first", "back 0"},
		{" ", "back 0", "Show the answer first"},
		{"e", "ID c00", ""},
		{"e", "back 0", "ID c00"},
		{"e", "notes/test.md:1 — Test note › Section", ""},
		{"2", "It comes back", "ID c00"}, // details close with the card
		{"u", "Undone.", "back 0"},
		{"s", "Suspended.", "front 0"},
		{"b", "Buried until tomorrow.", "front 1"},
		{"x", "Keys: space shows the answer", ""},
	}
	for i, st := range steps {
		if st.key != "" {
			f.press(st.key)
		}
		v := f.View()
		if !strings.Contains(v, st.want) || st.lose != "" && strings.Contains(v, st.lose) {
			t.Fatalf("step %d (%q): want %q and not %q:\n%s", i, st.key, st.want, st.lose, v)
		}
	}
}

// TestFieldGrowsTheForm checks the form is resized around the field: huh
// fixes a group's height from its first view and would cut off the answer.
func TestFieldGrowsTheForm(t *testing.T) {
	r := newFakeReviewer(fakeCards(2)...)
	f := newReviewField(r, newPalette(io.Discard, false), 60)
	form := newReviewForm(f, strings.NewReader(""), io.Discard)
	form.Init()
	form.Update(tea.WindowSizeMsg{Width: 60, Height: 30})
	before := lipgloss.Height(form.View())
	form.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	view := form.View()
	if !strings.Contains(view, "back 0") || !strings.Contains(view, "5 perfect") {
		t.Fatalf("revealed card cut off (height %d, was %d):\n%s", lipgloss.Height(view), before, view)
	}
	if lipgloss.Height(view) > 29 {
		t.Errorf("view is %d lines on a 30-line terminal", lipgloss.Height(view))
	}
}
