package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
)

// goTool finds the go command: go test puts its own GOROOT/bin first on
// PATH, so this is the toolchain running the tests.
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	return p
}

// buildRecall builds the recall binary into a temporary folder.
func buildRecall(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "recall")
	cmd := exec.Command(goTool(t), "build", "-o", bin, "github.com/recallcards/recall/cmd/recall")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// trustCards are three cards as the generator makes them from the seed
// notes, so the screen is checked with real lengths of text.
func trustCards() []deck.Card {
	src := func(line int, section string, t string) []deck.Source {
		return []deck.Source{{
			File: "building-trust-as-a-product-leader.md", Line: line,
			Title: "Building trust as a product leader", Section: section,
			URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=" + t,
		}}
	}
	return []deck.Card{
		{
			ID: "t-calling", Kind: deck.KindTerm,
			Front:   "Building trust as a product leader › Building Trust — what does *Calling your shots* mean?",
			Back:    "Forecasting and setting goals, then consistently hitting them.",
			Sources: src(20, "Building Trust", "5090s"),
		},
		{
			ID: "t-losing", Kind: deck.KindList,
			Front:   "Building trust as a product leader › Losing Trust — name the 4 ways trust is lost",
			Back:    "- Lying\n- Being evasive\n- Failing to ship what was promised\n- Ignoring or repeating mistakes",
			Sources: src(31, "Losing Trust", "5113s"),
		},
		{
			ID: "t-resources", Kind: deck.KindTerm,
			Front: "Building trust as a product leader › Importance of Trust — what does *Resource Allocation* mean?",
			Back: "If leadership does not trust a product leader to effectively use resources or deliver on promises, " +
				"they are unlikely to receive additional resources for bigger initiatives.",
			Sources: src(12, "Importance of Trust", "5059s"),
		},
	}
}

// tmuxSession is recall running in a detached tmux session on a private
// server, so the test never touches the user's own tmux.
type tmuxSession struct {
	t      *testing.T
	tmux   string
	socket string
	// env is the whole environment of the tmux server and so of recall:
	// nothing from the developer's shell (NO_COLOR, TZ, COLUMNS, LANG)
	// reaches the program under test unless a test sets it.
	env []string
}

// cleanEnv is the environment tmux tests run in: enough to find programs
// and draw UTF-8, in UTC, with a private HOME.
func cleanEnv(home string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TERM=xterm-256color", "LANG=C.UTF-8", "TZ=UTC"}
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	cmd := exec.Command(s.tmux, append([]string{"-S", s.socket}, args...)...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "recall") }

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run(append([]string{"send-keys", "-t", "recall"}, keys...)...)
}

// waitFor polls the screen until it holds every want; the deadline only
// guards against a hang, it is not a timing requirement.
func (s *tmuxSession) waitFor(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// requireTmux skips tests that need a real terminal where one cannot be had.
func requireTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and runs it in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
}

// reviewCommand is the shell command a tmux test runs: recall review on db
// at a fixed time, then its exit status, then a pause that keeps the pane
// open for capture.
func reviewCommand(bin, db, env, flags string) string {
	return strings.Join(strings.Fields("env RECALL_DB="+db+" RECALL_NOW=2026-03-02T09:00:00Z "+env+
		" TERM=xterm-256color "+bin+" review "+flags), " ") + "; echo EXIT=$?; sleep 600"
}

func startTmux(t *testing.T, width, height int, command string) *tmuxSession {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	// A short socket path: Unix socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "rtmux")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &tmuxSession{t: t, tmux: tmux, socket: filepath.Join(dir, "s"), env: cleanEnv(dir)}
	s.run("-f", "/dev/null", "new-session", "-d", "-s", "recall",
		"-x", strconv.Itoa(width), "-y", strconv.Itoa(height), command)
	t.Cleanup(func() {
		kill := exec.Command(tmux, "-S", s.socket, "kill-server")
		kill.Env = s.env
		kill.Run()
	})
	return s
}

func TestTmuxReview(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	command := reviewCommand(bin, db, "NO_COLOR=1", "")
	s := startTmux(t, 80, 24, command)

	front := s.waitFor("1 / 3", "What does *Calling your shots* mean?", "space/enter show answer")
	if strings.Contains(front, "Forecasting") {
		t.Fatalf("answer shown before reveal:\n%s", front)
	}
	t.Logf("front:\n%s", front)

	s.keys("4")
	s.waitFor("Show the answer first")
	s.keys("Space")
	back := s.waitFor("Forecasting and setting goals", "Source: https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s",
		"4 correct after hesitation", "E Easy=5")
	t.Logf("back:\n%s", back)

	s.keys("4")
	s.waitFor("2 / 3", "Losing Trust")
	s.keys("u")
	s.waitFor("1 / 3", "What does *Calling your shots* mean?", "Undone")
	s.keys("Enter")
	s.waitFor("Forecasting")
	s.keys("e")
	s.waitFor("ID t-calling", "building-trust-as-a-product-leader.md:20")
	s.keys("3")
	s.waitFor("2 / 4", "re-drill 1", "comes back later")
	s.keys("Space")
	s.waitFor("Failing to ship")
	s.keys("g")
	s.waitFor("3 / 4", "What does *Resource")
	s.keys("q")
	summary := s.waitFor("Reviewed 2 cards", "EXIT=0")
	t.Logf("summary:\n%s", summary)
	for _, want := range []string{"100% correct", "Streak: 1 day.", "2 cards left for today"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if got := strings.Join(logGrades(t, db), " "); got != "t-calling=3 t-losing=4" {
		t.Errorf("log %q, want the undone grade gone and two grades kept", got)
	}
}

func TestTmuxNarrowAndCtrlC(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	cards := trustCards()
	cards[0], cards[1] = cards[1], cards[0] // the longest answer first
	db := seedStore(t, "Building trust", cards)
	command := reviewCommand(bin, db, "", "")
	s := startTmux(t, 40, 16, command)

	front := s.waitFor("1 / 3", "Losing Trust")
	s.keys("Space")
	back := s.waitFor("Ignoring or repeating", "1 / 3")
	t.Logf("40x16 front:\n%s\n40x16 back:\n%s", front, back)
	// The pane's lines are never wider than the pane (tmux wraps, and
	// bubbletea cuts each line to the terminal's width before writing it),
	// so they cannot show a screen too wide: the screens recall hands
	// bubbletea for these cards must fit.
	assertScreensFit(t, cards, 40, 16)
	s.keys("5")
	s.waitFor("2 / 3")
	s.keys("C-c")
	summary := s.waitFor("Reviewed 1 card, 100% correct", "EXIT=0")
	t.Logf("summary:\n%s", summary)
	if got := strings.Join(logGrades(t, db), " "); got != "t-losing=5" {
		t.Errorf("log %q, want t-losing=5", got)
	}
}

func TestTmuxHostileText(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	c := trustCards()[0]
	c.Front = "FRONT\x1b]0;pwned\x07 \x1b[2J\x1b[H\x1b[?1000h what?"
	c.Back = "BACK\x1b]2;pwned\x1b\\ \x1b[8m hidden\x1b[0m \x1b[4h\u202eevil"
	db := seedStore(t, "Building trust", []deck.Card{c})
	command := reviewCommand(bin, db, "", "")
	s := startTmux(t, 80, 24, command)
	s.waitFor("FRONT  what?")
	s.keys("Space")
	scr := s.waitFor("BACK  hidden evil")
	title := s.run("display-message", "-p", "-t", "recall", "#{pane_title}")
	if strings.Contains(title, "pwned") {
		t.Errorf("a card retitled the terminal: %q", title)
	}
	// Modes tmux tracks, which the cards try to set: mouse reporting and
	// insert mode (recall's screen sets neither).
	if modes := s.run("display-message", "-p", "-t", "recall", "#{mouse_any_flag}#{mouse_standard_flag}#{insert_flag}"); strings.TrimSpace(modes) != "000" {
		t.Errorf("a card changed the terminal's modes: %q", modes)
	}
	s.keys("5")
	s.waitFor("Reviewed 1 card", "EXIT=0")
	t.Logf("screen:\n%s", scr)
}

func TestTmuxPlainCtrlC(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := seedStore(t, "Building trust", trustCards())
	command := reviewCommand(bin, db, "", "--plain")
	s := startTmux(t, 80, 24, command)
	s.waitFor("Q: ")
	s.keys("x", "Enter")
	s.waitFor("A: Forecasting")
	s.keys("4", "Enter")
	s.waitFor("[2 / 3")
	s.keys("C-c")
	s.waitFor("Reviewed 1 card, 100% correct", "EXIT=0")
	if got := strings.Join(logGrades(t, db), " "); got != "t-calling=4" {
		t.Errorf("log %q, want t-calling=4", got)
	}
}

// TestTmuxFirstRun is the README's main command on a fresh machine: no
// store, no notes; the built-in deck is added and the session starts.
func TestTmuxFirstRun(t *testing.T) {
	requireTmux(t)
	bin := buildRecall(t)
	db := filepath.Join(t.TempDir(), "data", "recall.db")
	command := reviewCommand(bin, db, "", "")
	s := startTmux(t, 80, 24, command)
	front := s.waitFor(`First run: added the built-in deck "Building trust" (27 cards)`, "1 / 17", "What does the practice Honesty involve?")
	s.keys("Enter")
	back := s.waitFor("Telling the truth without fail.", "t=5101s", "5 perfect")
	s.keys("5")
	s.waitFor("2 / 17", "What does the practice Delivery involve?")
	s.keys("q")
	summary := s.waitFor("Reviewed 1 card, 100% correct", "Streak: 1 day.", "EXIT=0")
	t.Logf("front:\n%s\nback:\n%s\nsummary:\n%s", front, back, summary)
}
