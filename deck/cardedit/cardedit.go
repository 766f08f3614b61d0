// Package cardedit is the plain-text file `recall edit` opens in the
// user's editor: a card's context cue, question and answer under labelled
// section lines, and the strict reading of the file the editor leaves
// behind, which is the user's own (untrusted) input.
//
// A file looks like this:
//
//	# recall edit 3f9a1c2b7d4e (deck "Building trust")
//	# …lines starting with # before the first section are left out…
//
//	[context]
//	Building trust › Values
//
//	[question]
//	What is honesty?
//
//	[answer]
//	Telling the truth without fail.
//
// Each of the three sections appears once, in any order. Everything under a
// section line up to the next one is its text, # included; blank lines at
// its start and end are dropped. The context is one line (a longer one is
// joined with spaces) and may be empty; the question and the answer may not.
//
// The package does no I/O.
package cardedit

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
)

// Bounds on an edited file and its fields. They keep within a shared deck
// file's (16 KiB a front or back, the front being the context, " — " and
// the question), so that an edited card can always travel in one.
const (
	MaxFileBytes     = 256 << 10
	MaxContextBytes  = 1 << 10
	MaxQuestionBytes = 14 << 10
	MaxAnswerBytes   = 16 << 10
)

// ErrEmpty means the file holds no text outside its comments: the user
// emptied it to change nothing.
var ErrEmpty = errors.New("the file is empty")

// The section lines, in the order Format writes them.
const (
	sectionContext  = "[context]"
	sectionQuestion = "[question]"
	sectionAnswer   = "[answer]"
)

// Header is what Format says about the card above its sections.
type Header struct {
	ID   string
	Deck string
	// Notes is the text the card's notes give it now, shown in comments
	// when it differs from the text being edited (an edit the notes
	// changed under); nil shows nothing.
	Notes *deck.Text
}

// Format returns the file for editing t.
func Format(h Header, t deck.Text) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# recall edit %s (deck %q)\n", oneLine(h.ID), oneLine(h.Deck))
	b.WriteString("# Change the text under [context], [question] and [answer], then save and\n")
	b.WriteString("# quit. Lines starting with # up here are left out. Saving the file\n")
	b.WriteString("# unchanged, or empty, changes nothing. The notes' own text comes back\n")
	fmt.Fprintf(&b, "# with: recall edit --reset %s\n", oneLine(h.ID))
	if h.Notes != nil && *h.Notes != t {
		b.WriteString("#\n# The notes' text for this card changed since it was edited. They now say:\n")
		for _, s := range []struct{ name, text string }{
			{sectionContext, h.Notes.Context}, {sectionQuestion, h.Notes.Question}, {sectionAnswer, h.Notes.Answer},
		} {
			b.WriteString("#   " + s.name + "\n")
			for _, line := range strings.Split(s.text, "\n") {
				b.WriteString("#     " + line + "\n")
			}
		}
	}
	for _, s := range []struct{ name, text string }{
		{sectionContext, t.Context}, {sectionQuestion, t.Question}, {sectionAnswer, t.Answer},
	} {
		b.WriteString("\n" + s.name + "\n")
		if s.text != "" {
			b.WriteString(strings.TrimRight(s.text, "\n") + "\n")
		}
	}
	return []byte(b.String())
}

// oneLine keeps a header value on its comment line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// LineError is a problem with one line of an edited file.
type LineError struct {
	Line int // 1-based
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// section is one section of the file as Parse reads it.
type section struct {
	line  int // of its section line; 0: not seen
	lines []string
}

// Parse reads an edited file. It fails with ErrEmpty when the file has
// nothing but blank lines and comments, and with a *LineError naming the
// line for anything else it cannot take: text before the first section, a
// section twice or missing, an empty question or answer, a field too
// long, invalid UTF-8 or a control character.
func Parse(data []byte) (deck.Text, error) {
	if len(data) > MaxFileBytes {
		return deck.Text{}, fmt.Errorf("the file is %d bytes; an edited card is at most %d KiB", len(data), MaxFileBytes>>10)
	}
	if !utf8.Valid(data) {
		return deck.Text{}, &LineError{text.LineAt(data, text.InvalidUTF8At(data)), "not valid UTF-8; save the file as UTF-8"}
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	sections := map[string]*section{sectionContext: {}, sectionQuestion: {}, sectionAnswer: {}}
	var current *section
	// nearMiss is, for each section line, the first line that starts with
	// it and goes on ("[answer] Launching…"): if the section is missing,
	// that line is where it went wrong.
	nearMiss := map[string]int{}
	for i, line := range lines {
		n := i + 1
		line = strings.TrimRight(line, " \t\r")
		if r := badRune(line); r >= 0 {
			return deck.Text{}, &LineError{n, fmt.Sprintf("a control character (%U); a card holds plain text", r)}
		}
		if s, ok := sections[strings.ToLower(strings.TrimSpace(line))]; ok {
			if s.line != 0 {
				return deck.Text{}, &LineError{n, fmt.Sprintf("%s a second time (the first is at line %d)", strings.TrimSpace(line), s.line)}
			}
			s.line, current = n, s
			continue
		}
		for name := range sections {
			if _, ok := nearMiss[name]; !ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(line)), name) {
				nearMiss[name] = n
			}
		}
		if current == nil {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			return deck.Text{}, &LineError{n, "text before the first section; put it under [context], [question] or [answer]"}
		}
		current.lines = append(current.lines, line)
	}
	if current == nil {
		return deck.Text{}, ErrEmpty
	}
	end := len(lines)
	for _, name := range []string{sectionContext, sectionQuestion, sectionAnswer} {
		if sections[name].line == 0 {
			if n, ok := nearMiss[name]; ok {
				return deck.Text{}, &LineError{n, fmt.Sprintf("%s must stand alone on its line; put the text on the lines after it", name)}
			}
			return deck.Text{}, &LineError{end, fmt.Sprintf("no %s section line; the file needs [context], [question] and [answer], each on a line of its own", name)}
		}
	}
	t := deck.Text{
		Context:  text.OneLine(strings.Join(sections[sectionContext].lines, " ")),
		Question: trimBlankLines(sections[sectionQuestion].lines),
		Answer:   trimBlankLines(sections[sectionAnswer].lines),
	}
	for _, f := range []struct {
		name, text string
		max        int
		s          *section
		required   bool
	}{
		{"context", t.Context, MaxContextBytes, sections[sectionContext], false},
		{"question", t.Question, MaxQuestionBytes, sections[sectionQuestion], true},
		{"answer", t.Answer, MaxAnswerBytes, sections[sectionAnswer], true},
	} {
		switch {
		case f.required && f.text == "":
			return deck.Text{}, &LineError{f.s.line, fmt.Sprintf("the %s is empty; write it on the lines after [%s]", f.name, f.name)}
		case len(f.text) > f.max:
			return deck.Text{}, &LineError{f.s.line, fmt.Sprintf("the %s is %d bytes; at most %d", f.name, len(f.text), f.max)}
		}
	}
	return t, nil
}

// badRune returns the first character of line that has no place in a
// card's text (a control character other than tab, which could act on a
// terminal, or a bidirectional override), or -1.
func badRune(line string) rune {
	for _, r := range line {
		if r == '\t' {
			continue
		}
		if unicode.IsControl(r) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return r
		}
	}
	return -1
}

// trimBlankLines joins lines, without the blank ones at the start and end.
func trimBlankLines(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
