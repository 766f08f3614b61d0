package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
)

// reviewer is a review session as the screens drive it: the terminal UI and
// line mode both go through it, and tests drive the screens with a fake.
type reviewer interface {
	// current returns the card in front of the user, false once the
	// session is over.
	current() (cardView, bool)
	reveal()
	// grade commits the grade before returning; notice reports anything
	// the user should hear about (the card became a leech).
	grade(q scheduler.Grade) (notice string, err error)
	// undo takes back the last grade; the card comes back as it was.
	undo() (notice string, err error)
	// beginEdit writes the card on show to a file for the editor;
	// finishEdit takes the file the editor left (editorErr is how the
	// editor ended) as the card's wording, which the card on show has from
	// then on. An edit that cannot be taken is a notice, not an error: the
	// session goes on.
	beginEdit() (*cardEdit, error)
	finishEdit(e *cardEdit, editorErr error) (notice string, err error)
	suspend() (notice string, err error)
	bury() (notice string, err error)
	quit()
}

// maxLineBytes bounds one line of input in line mode; the rest of a longer
// line is read and dropped so a runaway pipe cannot exhaust memory.
const maxLineBytes = 4096

// readLine reads one line from in without its line ending. A last line
// without a newline counts; io.EOF comes only when nothing is left.
func readLine(in *bufio.Reader) (string, error) {
	var line []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if len(line) < maxLineBytes {
			line = append(line, chunk[:min(len(chunk), maxLineBytes-len(line))]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return strings.TrimRight(string(line), "\r\n"), nil
		case err != nil:
			return "", err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
}

// lineSource hands out the lines of one reader on demand, reading each in a
// goroutine so that waiting for input can be cut short (Ctrl-C) while no
// store write is in flight: the session only acts between lines.
type lineSource struct {
	in      *bufio.Reader
	want    chan struct{}
	results chan lineResult
}

type lineResult struct {
	line string
	err  error
}

func newLineSource(in *bufio.Reader) *lineSource {
	src := &lineSource{in: in, want: make(chan struct{}), results: make(chan lineResult, 1)}
	go func() {
		for range src.want {
			line, err := readLine(src.in)
			src.results <- lineResult{line, err}
			if err != nil {
				return
			}
		}
	}()
	return src
}

// next returns the next line, or ctx's error once ctx is done. A read cut
// short leaves its goroutine waiting on the input; the session is over
// then, and the process ends with it.
func (src *lineSource) next(ctx context.Context) (string, error) {
	select {
	case src.want <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	select {
	case res := <-src.results:
		return res.line, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// lineAction is what a line typed at the grade prompt asks for.
type lineAction int

const (
	actInvalid lineAction = iota
	actGrade
	actUndo
	actSuspend
	actBury
	actDetails
	actEdit
	actQuit
	actHelp
)

// parseGradeLine reads the answer to the grade prompt in the key layout.
// Words are case-insensitive; a lone "E" is Easy while "e" asks for
// details, as on the terminal screen.
func parseGradeLine(keys keyLayout, s string) (lineAction, scheduler.Grade) {
	if q, ok := keys.gradeLine(s); ok {
		return actGrade, q
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "u", "undo":
		return actUndo, 0
	case "s", "suspend":
		return actSuspend, 0
	case "b", "bury":
		return actBury, 0
	case "e", "details":
		return actDetails, 0
	case "c", "edit":
		return actEdit, 0
	case "q", "quit":
		return actQuit, 0
	case "?", "help":
		return actHelp, 0
	}
	return actInvalid, 0
}

const (
	gradePrompt = "Grade 0-5 or again/hard/good/easy; u undo, s suspend, b bury, e details, q quit:"
	gradeHint   = "Please type 0-5, again, hard, good, easy, u, s, b, e or q (? for help)."
)

// runLines runs a session line by line, for pipes, scripts and screen
// readers: no cursor movement, no colour, one prompt per line. Every line
// comes from the one reader in, so lines piped ahead are never lost. End of
// input ends the session like q does.
//
// With mode.typed the line after the question is the learner's answer: the
// "A: " line is followed by a "Typed: " line, the card's answer word by
// word with what was missed in [-…-] and what was added in {+…+}, and the
// grade it earned, which an empty line takes.
func runLines(ctx context.Context, r reviewer, mode reviewMode, in *bufio.Reader, out io.Writer) error {
	keys := mode.keys
	src := newLineSource(in)
	legendShown := false
	for {
		v, ok := r.current()
		if !ok {
			return nil
		}
		proposed := scheduler.Grade(-1)
		if !v.Revealed {
			// The context goes in the header only when the front lacks it:
			// the Q: line must hold the whole question for whoever reads it.
			header := "[" + progressLine(v) + "] " + v.Deck
			if v.Context != "" && question(v) == v.Front {
				header += " › " + v.Context
			}
			fmt.Fprintln(out, header)
			fmt.Fprintln(out, "Q: "+oneLineText(v.Front))
			if mode.typed {
				fmt.Fprintln(out, "Type the answer on one line:")
			}
			typed, err := src.next(ctx)
			if err != nil {
				return endOfInput(r, err)
			}
			r.reveal()
			fmt.Fprintln(out, "A: "+indentLines(v.Back, "   "))
			if mode.typed {
				c := checkTyped(v.Back, sanitize(typed))
				diff, offer := typedLines(keys, c, "an empty line")
				fmt.Fprintln(out, diff)
				fmt.Fprintln(out, offer+".")
				proposed, _ = keys.proposal(c.Proposed)
			}
			if v.Intervals != "" {
				fmt.Fprintln(out, "Intervals: "+v.Intervals)
			}
			if len(v.Sources) > 0 {
				fmt.Fprintln(out, "Source: "+sourceLine(v.Sources[0]))
			}
			if !legendShown {
				fmt.Fprintln(out, keys.lineLegend())
				legendShown = true
			}
		}
		fmt.Fprintln(out, keys.linePrompt())
		if ended, err := gradeFromLines(ctx, r, mode, v, proposed, src, out); ended || err != nil {
			return err
		}
	}
}

// gradeFromLines reads grade lines until one does something to the card in
// front of the user, re-asking after bad input or a request for details.
// ended reports that the session is over: quit, or input ran out. An empty
// line takes the proposed grade of a typed answer, if there is one (>= 0).
func gradeFromLines(ctx context.Context, r reviewer, mode reviewMode, v cardView, proposed scheduler.Grade, src *lineSource, out io.Writer) (ended bool, err error) {
	keys := mode.keys
	details := false
	for {
		line, err := src.next(ctx)
		if err != nil {
			return true, endOfInput(r, err)
		}
		act, q := parseGradeLine(keys, line)
		if proposed >= 0 && strings.TrimSpace(line) == "" {
			act, q = actGrade, proposed
		}
		var notice string
		switch act {
		case actGrade:
			notice, err = r.grade(q)
		case actUndo:
			notice, err = r.undo()
		case actSuspend:
			notice, err = r.suspend()
		case actBury:
			notice, err = r.bury()
		case actQuit:
			r.quit()
			return true, nil
		case actDetails:
			fmt.Fprintln(out, "ID: "+v.ID)
			fmt.Fprintln(out, "Deck: "+v.Deck)
			for _, s := range v.Sources {
				fmt.Fprintln(out, "Source: "+sourceDetail(s))
			}
			if mode.editor != nil {
				fmt.Fprintln(out, editHint)
			}
			details = true
			continue
		case actEdit:
			switch {
			case mode.editor == nil:
				fmt.Fprintln(out, keys.lineHint())
			case !details:
				fmt.Fprintln(out, "Type e first (details), then c to edit the card.")
			default:
				notice, err := editInLine(r, mode)
				if err != nil {
					return true, err
				}
				fmt.Fprintln(out, notice)
				// The card as it is now, to be graded.
				if v, ok := r.current(); ok {
					fmt.Fprintln(out, "Q: "+oneLineText(v.Front))
					fmt.Fprintln(out, "A: "+indentLines(v.Back, "   "))
				}
				return false, nil
			}
			continue
		case actHelp:
			fmt.Fprintln(out, keys.lineLegend())
			fmt.Fprintln(out, "Also: again=1, hard=3, good=4, easy=5; "+strings.Join(actionLegend, ", ")+".")
			continue
		default:
			fmt.Fprintln(out, keys.lineHint())
			continue
		}
		if err != nil {
			return true, err
		}
		if notice != "" {
			fmt.Fprintln(out, notice)
		}
		return false, nil
	}
}

// editHint is what the details of a card say about editing it.
const editHint = "c: edit this card in your editor ($EDITOR); the review goes on with it."

// editInLine edits the card on show in the user's editor, which has the
// terminal (if any) until it exits, and returns what to tell the user.
func editInLine(r reviewer, mode reviewMode) (string, error) {
	e, err := r.beginEdit()
	if err != nil {
		return "Cannot edit the card: " + sanitize(text.OneLine(err.Error())), nil
	}
	cmd, err := mode.editor(e.file)
	if err == nil {
		err = cmd.Run()
	}
	return r.finishEdit(e, err)
}

// endOfInput ends the session when input runs out, or is cut short by
// Ctrl-C; that is how a script, a closed pipe or the user says it is
// finished, so it is not an error.
func endOfInput(r reviewer, err error) error {
	r.quit()
	if errors.Is(err, io.EOF) || errors.Is(err, context.Canceled) {
		return nil
	}
	return fmt.Errorf("read answer: %w", err)
}

// oneLineText folds a multi-line front onto one line so the "Q: " line
// holds all of it.
var oneLineText = text.OneLine

// indentLines indents every line of s after the first, so a multi-line
// answer stays visibly under its "A: ".
func indentLines(s, indent string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+indent)
}
