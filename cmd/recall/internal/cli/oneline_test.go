package cli

import (
	"bytes"
	"testing"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
)

// TestWriteSourceIsSourceText holds the text preview's source lines, made
// without a string when they are one line already, to sourceText.
func TestWriteSourceIsSourceText(t *testing.T) {
	var buf []byte
	for _, s := range []deck.Source{
		{File: "notes/a.md", Line: 12},
		{File: "notes/a.md", Line: 3, URL: "https://example.com/watch?v=x&t=5s"},
		{File: "my notes/two  spaces.md", Line: 1},
		{File: " lead.md", Line: 0, URL: "u "},
		{File: "tab\tname.md", Line: 7},
		{File: "line\nbreak.md", Line: 7, URL: "x"},
		{File: "café notes.md", Line: 2},
		{File: "nbsp\u00a0name.md", Line: 2},
	} {
		var out bytes.Buffer
		buf = writeSource(&out, s, buf)
		if got, want := out.String(), sourceText(s); got != want {
			t.Errorf("writeSource(%+v) = %q, want %q", s, got, want)
		}
		if want := text.OneLine(s.File); isOneLine([]byte(s.File)) && want != s.File {
			t.Errorf("isOneLine(%q) but OneLine gives %q", s.File, want)
		}
	}
}
