package content

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestBadNotes(t *testing.T) {
	good := File{Path: "good.md", Data: []byte(header + "## S\n* **Honesty**: Telling the truth.\n")}
	tests := []struct {
		name string
		data []byte
		want string // Problem.Error()
	}{
		{"binary", []byte("---\ntitle: x\n---\nabc\x00def"), "bad.md:4: binary data (a NUL byte), not a markdown note"},
		{"not UTF-8", []byte("# T\n\nline two\nbad \xff byte\n"), "bad.md:4: not UTF-8 text"},
		{"too large", []byte(strings.Repeat("a", MaxNoteSize+1)), "bad.md: note is 1048577 bytes, over the 1024 KiB limit"},
		{"unclosed front matter", []byte("---\ntitle: x\n\n## S\n"), "bad.md:1: front matter opened with --- is never closed by a --- line"},
		{"broken YAML", []byte("---\ntitle: x\nvideoId: a: b\n---\n## S\n"), "bad.md:3: front matter: mapping values are not allowed in this context"},
		{"tab in YAML", []byte("---\na: 1\n\tb: 2\n---\n## S\n"), "bad.md:3: front matter: found a tab character that violates indentation"},
		{"YAML not a mapping", []byte("---\n- a\n- b\n---\n"), "bad.md:2: front matter: expected \"key: value\" lines"},
		{"lists nested too deep", []byte("## S\n" + strings.Repeat("* ", 40) + "x\n"), "bad.md:2: lists or quotes nested more than 32 levels deep; not a note recall reads"},
		{"quotes nested too deep", []byte("## S\n\n" + strings.Repeat("> ", 20) + strings.Repeat("1. ", 20) + "x\n"), "bad.md:3: lists or quotes nested more than 32 levels deep; not a note recall reads"},
		{"indented too deep", []byte("## S\n" + strings.Repeat(" ", 140) + "- x\n"), "bad.md:2: lists or quotes nested more than 32 levels deep; not a note recall reads"},
		{"too many brackets in a paragraph", []byte("## S\n\nok [a]\n" + strings.Repeat("[a](", 300) + "\n" + strings.Repeat("[b] ", 300) + "\n"), "bad.md:3: more than 512 '[' in one paragraph; not a note recall reads"},
		{"title not text", []byte("---\ntitle:\n  - a\n---\n"), "bad.md:3: front matter: title must be text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Generate([]File{{Path: "bad.md", Data: tt.data}, good}, Options{Deck: "d"})
			if len(res.Problems) != 1 {
				t.Fatalf("problems %v, want one", res.Problems)
			}
			if got := res.Problems[0].Error(); got != tt.want {
				t.Errorf("problem\n got %q\nwant %q", got, tt.want)
			}
			if res.Problems[0].File != "bad.md" || res.Problems[0].Err == nil {
				t.Errorf("problem %+v", res.Problems[0])
			}
			if res.NotesRead != 1 || len(res.Cards) != 1 || res.Cards[0].Sources[0].File != "good.md" {
				t.Errorf("the good note should still make its card: read %d, cards %v", res.NotesRead, res.Cards)
			}
		})
	}
}

func TestBusyButRealShapesPass(t *testing.T) {
	// Many bracketed timestamps spread over list items and paragraphs, and
	// moderately deep nesting, are fine.
	item := "* **T%d**: text <a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a> [[a|b]] [[c]] [0:01:02].\n"
	var sb strings.Builder
	sb.WriteString("## S\n")
	for i := range 200 {
		sb.WriteString(strings.ReplaceAll(item, "%d", strconv.Itoa(i)))
	}
	sb.WriteString("\n" + strings.Repeat("  ", 12) + "text\n\n" + strings.Repeat("* ", 10) + "deep\n")
	res := Generate([]File{{Path: "busy.md", Data: []byte(sb.String())}}, Options{})
	if len(res.Problems) != 0 || len(res.Cards) < 200 {
		t.Errorf("problems %v, %d cards", res.Problems, len(res.Cards))
	}
}

func TestBadVideoIDKeepsTheNote(t *testing.T) {
	res := Generate([]File{{Path: "n.md", Data: []byte("---\ntitle: T\nvideoId: \"x&y=\\u001b\"\n---\n## S\n* **A**: b <a class=\"yt-timestamp\" data-t=\"00:00:05\">[00:00:05]</a>.\n")}}, Options{})
	if len(res.Problems) != 1 || res.Problems[0].Line != 3 || !strings.Contains(res.Problems[0].Error(), "not a YouTube video ID") {
		t.Fatalf("problems %v", res.Problems)
	}
	if strings.ContainsRune(res.Problems[0].Error(), 0x1b) {
		t.Errorf("the message quotes a control character raw: %q", res.Problems[0].Error())
	}
	if res.NotesRead != 1 || len(res.Cards) != 1 || res.Cards[0].Sources[0].URL != "" {
		t.Errorf("want one card without URL, got %+v", res.Cards)
	}
}

func TestProblemError(t *testing.T) {
	err := errors.New("boom")
	if got := (Problem{File: "a.md", Line: 3, Err: err}).Error(); got != "a.md:3: boom" {
		t.Errorf("%q", got)
	}
	if got := (Problem{File: "a.md", Err: err}).Error(); got != "a.md: boom" {
		t.Errorf("%q", got)
	}
	if !errors.Is(Problem{File: "a.md", Err: err}, err) {
		t.Error("Problem does not unwrap")
	}
}

func TestFrontMatterVariants(t *testing.T) {
	tests := []struct {
		name, data, title string
		line              int
	}{
		{"CRLF", "---\r\ntitle: Win\r\n---\r\n## S\r\n* **A**: b.\r\n", "Win", 5},
		{"BOM", "\xef\xbb\xbf---\ntitle: Bom\n---\n## S\n* **A**: b.\n", "Bom", 5},
		{"empty block", "---\n---\n## S\n* **A**: b.\n", "n", 4},
		{"dots close", "---\ntitle: Dots\n...\n## S\n* **A**: b.\n", "Dots", 5},
		{"none", "## S\n* **A**: b.\n", "n", 2},
		{"other keys", "---\ntitle: K\ntags: [a, b]\nnested: {x: 1}\n---\n## S\n* **A**: b.\n", "K", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, "", Options{}) // warm-up: no problems on empty input
			res = Generate([]File{{Path: "n.md", Data: []byte(tt.data)}}, Options{})
			if len(res.Problems) != 0 || len(res.Cards) != 1 {
				t.Fatalf("problems %v cards %v", res.Problems, res.Cards)
			}
			src := res.Cards[0].Sources[0]
			if src.Title != tt.title || src.Line != tt.line {
				t.Errorf("title %q line %d, want %q line %d", src.Title, src.Line, tt.title, tt.line)
			}
		})
	}
}

// TestOneLineDropsEscapeSequencesWhole: a note's escape sequence leaves
// nothing on the card, not the "[2J" that dropping only ESC would leave.
func TestOneLineDropsEscapeSequencesWhole(t *testing.T) {
	for in, want := range map[string]string{
		"Honesty\x1b[2J\x1b[H is key":  "Honesty is key",
		"a\x1b]0;pwned\x07b":           "ab",
		"\x1b[1;31mred\x1b[0m  text\t": "red text",
		"plain":                        "plain",
	} {
		if got := oneLine([]byte(in)); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
