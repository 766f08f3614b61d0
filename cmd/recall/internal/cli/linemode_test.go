package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/cardedit"
	"github.com/recallcards/recall/scheduler"
)

// fakeReviewer is an in-memory session for testing the screens alone: cards
// graded below 4 come back at the end, undo restores the last graded card
// to the front of the queue.
type fakeReviewer struct {
	queue    []deck.Card
	revealed bool
	done     bool
	graded   []string // "ID=q" in order
	undone   []string
	skipped  []string // "s ID" or "b ID"
	history  [][]deck.Card
	quits    int
	total    int
	edited   []string // IDs, in order
}

func newFakeReviewer(cards ...deck.Card) *fakeReviewer {
	return &fakeReviewer{queue: cards, total: len(cards)}
}

func fakeCards(n int) []deck.Card {
	var cards []deck.Card
	for i := range n {
		cards = append(cards, deck.Card{
			ID:    fmt.Sprintf("c%02d", i),
			Deck:  "Test deck",
			Front: fmt.Sprintf("front %d", i),
			Back:  fmt.Sprintf("back %d", i),
			Sources: []deck.Source{{
				File: "notes/test.md", Line: i + 1, Title: "Test note", Section: "Section",
				URL: "https://video.example/watch?v=x&t=10s",
			}},
		})
	}
	return cards
}

func (f *fakeReviewer) current() (cardView, bool) {
	if f.done || len(f.queue) == 0 {
		return cardView{}, false
	}
	v := newCardView(f.queue[0])
	v.Revealed = f.revealed
	v.Position = f.total - len(f.queue) + 1
	v.Total = f.total
	return v, true
}

func (f *fakeReviewer) reveal() { f.revealed = true }

func (f *fakeReviewer) push() {
	f.history = append(f.history, append([]deck.Card(nil), f.queue...))
	f.revealed = false
}

func (f *fakeReviewer) grade(q scheduler.Grade) (string, error) {
	if !f.revealed {
		return "", errors.New("graded before reveal")
	}
	c := f.queue[0]
	f.push()
	f.graded = append(f.graded, fmt.Sprintf("%s=%d", c.ID, q))
	f.queue = f.queue[1:]
	if q < 4 {
		f.queue = append(f.queue, c)
		f.total++
		return "It comes back later.", nil
	}
	return "", nil
}

func (f *fakeReviewer) undo() (string, error) {
	if len(f.history) == 0 {
		return "Nothing to undo.", nil
	}
	f.queue = f.history[len(f.history)-1]
	f.history = f.history[:len(f.history)-1]
	f.undone = append(f.undone, f.graded[len(f.graded)-1])
	f.graded = f.graded[:len(f.graded)-1]
	f.revealed = false
	return "Undone.", nil
}

func (f *fakeReviewer) suspend() (string, error) {
	f.skipped = append(f.skipped, "s "+f.queue[0].ID)
	f.queue = f.queue[1:]
	f.revealed = false
	return "Suspended.", nil
}

func (f *fakeReviewer) bury() (string, error) {
	f.skipped = append(f.skipped, "b "+f.queue[0].ID)
	f.queue = f.queue[1:]
	f.revealed = false
	return "Buried until tomorrow.", nil
}

func (f *fakeReviewer) quit() { f.done = true; f.quits++ }

// beginEdit and finishEdit edit the card on show in memory, through the
// same file an editor gets.
func (f *fakeReviewer) beginEdit() (*cardEdit, error) {
	c := f.queue[0]
	file, err := os.CreateTemp("", "recall-edit-test-*.txt")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	e := &cardEdit{id: c.ID, deck: c.Deck, shown: deck.TextOf(c), file: file.Name()}
	e.written = cardedit.Format(cardedit.Header{ID: c.ID, Deck: c.Deck}, e.shown)
	_, err = file.Write(e.written)
	return e, err
}

func (f *fakeReviewer) finishEdit(e *cardEdit, editorErr error) (string, error) {
	e.done = true
	defer os.Remove(e.file)
	data, err := os.ReadFile(e.file)
	if err != nil || editorErr != nil {
		return fmt.Sprintf("edit failed: %v %v", err, editorErr), nil
	}
	t, err := cardedit.Parse(data)
	if err != nil {
		return "edit refused: " + err.Error(), nil
	}
	f.queue[0] = f.queue[0].WithText(t)
	f.edited = append(f.edited, e.id)
	return "Edited.", nil
}

func runFakeLines(t *testing.T, r reviewer, input string) string {
	t.Helper()
	var out strings.Builder
	if err := runLines(context.Background(), r, reviewMode{keys: layoutSM2}, bufio.NewReader(strings.NewReader(input)), &out); err != nil {
		t.Fatalf("runLines: %v", err)
	}
	return out.String()
}

func TestLinesFortyLinesDriveTwentyCards(t *testing.T) {
	r := newFakeReviewer(fakeCards(25)...)
	input := strings.Repeat("show\n4\n", 20)
	// One byte at a time: a reader that buffered per prompt would lose lines.
	var out strings.Builder
	err := runLines(context.Background(), r, reviewMode{keys: layoutSM2}, bufio.NewReader(iotest.OneByteReader(strings.NewReader(input))), &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.graded); got != 20 {
		t.Errorf("graded %d cards, want 20", got)
	}
	if got := strings.Count(out.String(), "\nQ: "); got != 21 {
		// 20 graded, and the 21st shown before input ran out.
		t.Errorf("printed %d Q: lines, want 21", got)
	}
	if r.quits == 0 {
		t.Error("end of input did not end the session")
	}
}

func TestLinesProtocol(t *testing.T) {
	tests := []struct {
		name    string
		cards   int
		input   string
		graded  string
		skipped string
		undone  string
		want    []string // substrings of the output, in order
		notWant []string
	}{
		{
			name: "reveal then grade", cards: 2, input: "\n5\n\ngood\n",
			graded: "c00=5 c01=4",
			want:   []string{"Q: front 0", "A: back 0", "Source: https://video.example/watch?v=x&t=10s  notes/test.md:1", "Q: front 1"},
		},
		{
			name: "bad input is hinted and asked again", cards: 1, input: "x\n7\nmaybe\n\n3\nx\n4\n",
			graded: "c00=3 c00=4",
			want:   []string{gradeHint, gradeHint, gradeHint, "Q: front 0"},
		},
		{
			name: "aliases", cards: 4, input: "x\nagain\nx\nHARD\nx\ng\nx\nE\nx\n5\nx\n4\n",
			graded: "c00=1 c01=3 c02=4 c03=5 c00=5 c01=4",
		},
		{
			name: "undo brings the card back", cards: 2, input: "x\n2\nx\nu\nx\n4\nx\n4\n",
			graded: "c00=4 c01=4", undone: "c00=2",
			want: []string{"Q: front 0", "Undone.", "Q: front 0", "Q: front 1"},
		},
		{
			name: "nothing to undo re-asks", cards: 1, input: "x\nu\n4\n",
			graded: "c00=4",
			want:   []string{"Nothing to undo.", gradePrompt},
		},
		{
			name: "suspend and bury", cards: 3, input: "x\ns\nx\nb\nx\n4\n",
			graded: "c02=4", skipped: "s c00 b c01",
			want: []string{"Suspended.", "Buried until tomorrow."},
		},
		{
			name: "details", cards: 1, input: "x\ne\n4\n",
			graded: "c00=4",
			want:   []string{"ID: c00", "Deck: Test deck", "Source: notes/test.md:1 — Test note › Section — https://video.example"},
		},
		{
			name: "quit midway", cards: 3, input: "x\n4\nx\nq\nx\n4\n",
			graded:  "c00=4",
			notWant: []string{"Q: front 2"},
		},
		{
			name: "end of input after the question", cards: 2, input: "x\n4\n",
			graded: "c00=4", want: []string{"Q: front 1"}, notWant: []string{"A: back 1"},
		},
		{
			name: "last line without newline counts", cards: 1, input: "x\n4",
			graded: "c00=4",
		},
		{
			name: "crlf line endings", cards: 1, input: "x\r\n4\r\n",
			graded: "c00=4",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFakeReviewer(fakeCards(tt.cards)...)
			out := runFakeLines(t, r, tt.input)
			if got := strings.Join(r.graded, " "); got != tt.graded {
				t.Errorf("graded %q, want %q\n%s", got, tt.graded, out)
			}
			if got := strings.Join(r.skipped, " "); got != tt.skipped {
				t.Errorf("skipped %q, want %q", got, tt.skipped)
			}
			if got := strings.Join(r.undone, " "); got != tt.undone {
				t.Errorf("undone %q, want %q", got, tt.undone)
			}
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q after the previous match:\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output holds %q:\n%s", w, out)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, "Q: ") && !strings.HasPrefix(line, "Q: ") {
					t.Errorf("Q: not at line start: %q", line)
				}
			}
		})
	}
}

func TestLinesMultiLineCard(t *testing.T) {
	c := fakeCards(1)[0]
	c.Front = "Losing Trust —\nname the 4 ways"
	c.Back = "- Lying\n- Being evasive\nQ: not a question"
	out := runFakeLines(t, newFakeReviewer(c), "x\n4\n")
	if !strings.Contains(out, "Q: Losing Trust — name the 4 ways\n") {
		t.Errorf("front not on one Q: line:\n%s", out)
	}
	if !strings.Contains(out, "A: - Lying\n   - Being evasive\n   Q: not a question\n") {
		t.Errorf("back not indented under A:\n%s", out)
	}
}

func TestReadLineBoundsLength(t *testing.T) {
	long := strings.Repeat("x", 3*maxLineBytes)
	in := bufio.NewReaderSize(strings.NewReader(long+"\nnext\n"), 16)
	got, err := readLine(in)
	if err != nil || len(got) != maxLineBytes {
		t.Fatalf("readLine = %d bytes, %v; want %d bytes", len(got), err, maxLineBytes)
	}
	if got, err := readLine(in); got != "next" || err != nil {
		t.Fatalf("next readLine = %q, %v", got, err)
	}
}

func TestParseGradeLine(t *testing.T) {
	tests := []struct {
		in  string
		act lineAction
		q   scheduler.Grade
	}{
		{"0", actGrade, 0}, {" 5 ", actGrade, 5}, {"6", actInvalid, 0}, {"-1", actInvalid, 0},
		{"again", actGrade, 1}, {"Hard", actGrade, 3}, {"GOOD", actGrade, 4}, {"easy", actGrade, 5},
		{"a", actGrade, 1}, {"h", actGrade, 3}, {"g", actGrade, 4}, {"E", actGrade, 5},
		{"e", actDetails, 0}, {"u", actUndo, 0}, {"s", actSuspend, 0}, {"b", actBury, 0},
		{"q", actQuit, 0}, {"quit", actQuit, 0}, {"?", actHelp, 0}, {"", actInvalid, 0}, {"44", actInvalid, 0},
	}
	for _, tt := range tests {
		act, q := parseGradeLine(layoutSM2, tt.in)
		if act != tt.act || act == actGrade && q != tt.q {
			t.Errorf("parseGradeLine(%q) = %v, %d; want %v, %d", tt.in, act, q, tt.act, tt.q)
		}
	}
}

func TestParseGradeLineAnki(t *testing.T) {
	tests := []struct {
		in  string
		act lineAction
		q   scheduler.Grade
	}{
		{"1", actGrade, 1}, {"2", actGrade, 3}, {" 3 ", actGrade, 4}, {"4", actGrade, 5},
		{"", actGrade, 4}, {"  ", actGrade, 4},
		{"0", actInvalid, 0}, {"5", actInvalid, 0},
		{"again", actGrade, 1}, {"hard", actGrade, 3}, {"good", actGrade, 4}, {"E", actGrade, 5},
		{"e", actDetails, 0}, {"u", actUndo, 0}, {"q", actQuit, 0},
	}
	for _, tt := range tests {
		act, q := parseGradeLine(layoutAnki, tt.in)
		if act != tt.act || act == actGrade && q != tt.q {
			t.Errorf("anki: parseGradeLine(%q) = %v, %d; want %v, %d", tt.in, act, q, tt.act, tt.q)
		}
	}
}

func TestLinesInterrupted(t *testing.T) {
	r := newFakeReviewer(fakeCards(3)...)
	inR, inW := io.Pipe()
	defer inW.Close()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- runLines(ctx, r, reviewMode{keys: layoutSM2}, bufio.NewReader(inR), outW)
		outW.Close()
	}()
	go io.WriteString(inW, "x\n4\nx\n")
	// Once the second answer shows, the first grade is in and the session
	// waits for the next line: Ctrl-C comes then.
	lines := bufio.NewScanner(outR)
	for lines.Scan() && lines.Text() != "A: back 1" {
	}
	cancel()
	go io.Copy(io.Discard, outR)
	if err := <-done; err != nil {
		t.Fatalf("runLines after Ctrl-C: %v", err)
	}
	if got := strings.Join(r.graded, " "); got != "c00=4" {
		t.Errorf("graded %q, want c00=4", got)
	}
	if r.quits == 0 {
		t.Error("session not ended")
	}
}

// TestLinesEdit: e then c edits the card on show in the editor; the
// session goes on with the edited card, which is graded as usual. c
// without e first, or with no editor, only says how.
func TestLinesEdit(t *testing.T) {
	sedEditor := func(file string) (*exec.Cmd, error) {
		return exec.Command("sed", "-i", "s/^front 0$/edited front/; s/^back 0$/edited back/", file), nil
	}
	for _, tc := range []struct {
		name, input string
		editor      func(string) (*exec.Cmd, error)
		want        []string
		edited      string
	}{
		{name: "e then c", input: "\ne\nc\n4\n", editor: sedEditor, edited: "c00",
			want: []string{"Q: front 0", "ID: c00", editHint, "Edited.", "Q: edited front", "A: edited back"}},
		{name: "c alone", input: "\nc\n4\n", editor: sedEditor,
			want: []string{"Type e first (details), then c to edit the card."}},
		{name: "no editor", input: "\ne\nc\n4\n",
			want: []string{"ID: c00", gradeHint}},
		{name: "the editor fails", input: "\ne\nc\n4\n",
			editor: func(file string) (*exec.Cmd, error) { return exec.Command("false"), nil },
			want:   []string{"edit failed: <nil> exit status 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newFakeReviewer(fakeCards(1)...)
			var out strings.Builder
			err := runLines(context.Background(), r, reviewMode{keys: layoutSM2, editor: tc.editor}, bufio.NewReader(strings.NewReader(tc.input)), &out)
			if err != nil {
				t.Fatal(err)
			}
			rest := out.String()
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out.String())
				}
				rest = rest[i+len(w):]
			}
			if got := strings.Join(r.graded, " "); got != "c00=4" {
				t.Errorf("graded %q, want c00=4", got)
			}
			if got := strings.Join(r.edited, " "); got != tc.edited {
				t.Errorf("edited %q, want %q", got, tc.edited)
			}
			if tc.editor == nil && strings.Contains(out.String(), editHint) {
				t.Errorf("the details offer editing without an editor:\n%s", out.String())
			}
		})
	}
}
