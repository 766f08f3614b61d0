package cardedit

import (
	"errors"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/deckfile"
)

func TestFormatParseRoundTrip(t *testing.T) {
	for _, tc := range []deck.Text{
		{Context: "Building trust › Values", Question: "What is honesty?", Answer: "Telling the truth without fail."},
		{Question: "Name the two groups of DORA metrics", Answer: "- speed\n- stability"},
		{Context: "", Question: "# not a comment under a section", Answer: "line one\n\nline three"},
	} {
		data := Format(Header{ID: "3f9a1c2b7d4e", Deck: "d"}, tc)
		got, err := Parse(data)
		if err != nil {
			t.Fatalf("Parse(Format(%+v)): %v\n%s", tc, err, data)
		}
		if got != tc {
			t.Errorf("round trip: got %+v, want %+v\n%s", got, tc, data)
		}
	}
}

func TestFormatShowsTheNotesTextWhenItDiffers(t *testing.T) {
	edited := deck.Text{Question: "Mine?", Answer: "Mine."}
	notes := deck.Text{Question: "Theirs?", Answer: "Theirs.\nSecond line."}
	data := string(Format(Header{ID: "abc", Deck: "d", Notes: &notes}, edited))
	for _, want := range []string{"#     Theirs?", "#     Second line.", "[question]\nMine?\n"} {
		if !strings.Contains(data, want) {
			t.Errorf("file lacks %q:\n%s", want, data)
		}
	}
	if same := string(Format(Header{ID: "abc", Deck: "d", Notes: &edited}, edited)); strings.Contains(same, "changed since") {
		t.Errorf("notes equal to the edit are announced as changed:\n%s", same)
	}
	got, err := Parse([]byte(data))
	if err != nil || got != edited {
		t.Errorf("Parse of a file with the notes' text in comments = %+v, %v; want %+v", got, err, edited)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		want deck.Text
		line int    // of the LineError; 0: no error
		msg  string // in the error
	}{
		{name: "any order, blank lines trimmed, context folded",
			file: "# c\n[answer]\n\n  A one\nA two  \n\n[context]\nTitle\n› Section\n[question]\nQ?\n",
			want: deck.Text{Context: "Title › Section", Question: "Q?", Answer: "  A one\nA two"}},
		{name: "section lines in any case, CRLF",
			file: "[Context]\r\n\r\n[QUESTION]\r\nQ?\r\n[answer]\r\nA\r\n",
			want: deck.Text{Question: "Q?", Answer: "A"}},
		{name: "empty question", file: "[context]\nc\n[question]\n\n[answer]\nA\n", line: 3, msg: "the question is empty"},
		{name: "empty answer", file: "[context]\n[question]\nQ\n[answer]\n   \n", line: 4, msg: "the answer is empty"},
		{name: "answer section removed", file: "[context]\nc\n[question]\nQ\nA\n", line: 5, msg: "no [answer] section line"},
		{name: "text on the section line", file: "[context]\n[question]\nQ\n[answer] A\n", line: 4, msg: "[answer] must stand alone on its line"},
		{name: "section twice", file: "[context]\n[question]\nQ\n[answer]\nA\n[question]\nQ2\n", line: 6, msg: "the first is at line 2"},
		{name: "text before the first section", file: "# ok\nstray\n[context]\n[question]\nQ\n[answer]\nA\n", line: 2, msg: "before the first section"},
		{name: "escape sequence", file: "[context]\n[question]\nQ \x1b[31mred\n[answer]\nA\n", line: 3, msg: "control character (U+001B)"},
		{name: "bidi override", file: "[context]\n[question]\nQ\n[answer]\nA \u202e\n", line: 5, msg: "control character"},
		{name: "invalid UTF-8", file: "[context]\n[question]\nQ\n[answer]\n\xff\n", line: 5, msg: "UTF-8"},
		{name: "context too long", file: "[context]\n" + strings.Repeat("x", MaxContextBytes+1) + "\n[question]\nQ\n[answer]\nA\n", line: 1, msg: "at most"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse([]byte(tc.file))
			if tc.line == 0 {
				if err != nil || got != tc.want {
					t.Fatalf("Parse = %+v, %v; want %+v", got, err, tc.want)
				}
				return
			}
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("Parse = %+v, %v; want an error at line %d", got, err, tc.line)
			}
			if le.Line != tc.line || !strings.Contains(le.Error(), tc.msg) {
				t.Errorf("error %q; want line %d with %q", le, tc.line, tc.msg)
			}
		})
	}
}

// TestBoundsFitADeckFile: the longest edit Parse takes is a front and a
// back a deck file takes.
func TestBoundsFitADeckFile(t *testing.T) {
	longest := deck.Text{Context: strings.Repeat("c", MaxContextBytes), Question: strings.Repeat("q", MaxQuestionBytes), Answer: strings.Repeat("a", MaxAnswerBytes)}
	c := deck.Card{}.WithText(longest)
	if len(c.Front) > deckfile.MaxCardTextBytes || len(c.Back) > deckfile.MaxCardTextBytes {
		t.Errorf("front %d and back %d bytes; a deck file takes %d", len(c.Front), len(c.Back), deckfile.MaxCardTextBytes)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, file := range []string{"", "\n\n  \n", "# only\n# comments\n"} {
		if _, err := Parse([]byte(file)); !errors.Is(err, ErrEmpty) {
			t.Errorf("Parse(%q) = %v; want ErrEmpty", file, err)
		}
	}
	if _, err := Parse([]byte(strings.Repeat("x", MaxFileBytes+1))); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("an oversized file: %v", err)
	}
}

// FuzzParse checks that no file makes Parse panic, that what it accepts
// keeps to the bounds with no control character, and that it reads back
// the same through Format.
func FuzzParse(f *testing.F) {
	f.Add(string(Format(Header{ID: "a", Deck: "d"}, deck.Text{Context: "c", Question: "q", Answer: "a"})))
	f.Add("[question]\nq\n[answer]\na\n[context]\n")
	f.Add("[context]\n[context]\n")
	f.Fuzz(func(t *testing.T, file string) {
		got, err := Parse([]byte(file))
		if err != nil {
			return
		}
		if got.Question == "" || got.Answer == "" || len(got.Context) > MaxContextBytes || len(got.Question) > MaxQuestionBytes || len(got.Answer) > MaxAnswerBytes {
			t.Fatalf("accepted out of bounds: %+v", got)
		}
		for _, s := range []string{got.Context, got.Question, got.Answer} {
			for _, line := range strings.Split(s, "\n") {
				if badRune(line) >= 0 {
					t.Fatalf("accepted a control character: %q", s)
				}
			}
		}
		again, err := Parse(Format(Header{}, got))
		if err != nil || again != got {
			t.Fatalf("Format then Parse of %+v = %+v, %v", got, again, err)
		}
	})
}
