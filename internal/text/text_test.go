package text

import (
	"strings"
	"testing"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		width int
		head  string
		tail  string
	}{
		{"short", 10, "short", "short"},
		{"exactly10!", 10, "exactly10!", "exactly10!"},
		{"Building trust as a product leader", 10, "Building …", "…ct leader"},
		{"日本語のテキスト", 7, "日本語…", "…キスト"}, // two cells each
		{"é́ combining", 5, "é́ co…", "…ning"},
		{"x", 0, "", ""},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.width); got != tt.head || Width(got) > tt.width {
			t.Errorf("Truncate(%q, %d) = %q (%d cells), want %q", tt.in, tt.width, got, Width(got), tt.head)
		}
		if got := TruncateTail(tt.in, tt.width); got != tt.tail || Width(got) > tt.width {
			t.Errorf("TruncateTail(%q, %d) = %q (%d cells), want %q", tt.in, tt.width, got, Width(got), tt.tail)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := OneLine("  a\n\tb  c \r\n"); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
}

func TestFlow(t *testing.T) {
	got := Flow([]string{"one", "two", "three", "a-very-long-item", "x"}, " · ", "  ", 16)
	want := []string{"  one · two", "  three", "  a-very-long-item", "  x"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Flow = %q, want %q", got, want)
	}
	for _, l := range got[:2] {
		if Width(l) > 16 {
			t.Errorf("line %q wider than 16", l)
		}
	}
}

func TestTable(t *testing.T) {
	table := func() *Table {
		tb := &Table{Shrink: []Shrink{{Column: 1, Min: 8, KeepEnd: true}, {Column: 0, Min: 4}}}
		tb.Add("DECK", "FRONT", "DUE")
		tb.Add("Building trust", "Building trust › what does *Honesty* mean?", "2026-03-03")
		tb.Add("日本語", "短い", "-")
		return tb
	}
	tests := []struct {
		width int
		want  string
	}{
		{0, "" +
			"DECK            FRONT                                       DUE\n" +
			"Building trust  Building trust › what does *Honesty* mean?  2026-03-03\n" +
			"日本語          短い                                        -\n"},
		{40, "" +
			"DECK            FRONT         DUE\n" +
			"Building trust  …esty* mean?  2026-03-03\n" +
			"日本語          短い          -\n"},
		{30, "" +
			"DECK      FRONT     DUE\n" +
			"Buildin…  …* mean?  2026-03-03\n" +
			"日本語    短い      -\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := table().Write(&b, tt.width); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if tt.width > 0 && Width(line) > tt.width {
				t.Errorf("width %d: line %q is %d cells", tt.width, line, Width(line))
			}
		}
		if b.String() != tt.want {
			t.Errorf("width %d:\n%s\nwant:\n%s", tt.width, b.String(), tt.want)
		}
	}
}

func TestMarkEmphasis(t *testing.T) {
	tests := []struct{ in, want string }{
		{"what does *Calling your shots* mean?", "what does <i>Calling your shots</i> mean?"},
		{"*a* and *b*", "<i>a</i> and <i>b</i>"},
		{"2 * 3 * 4", "2 * 3 * 4"},
		{"* a *b*", "* a <i>b</i>"},  // a spaced span is skipped, the search goes on
		{"a ** b *c*", "a ** b *c*"}, // an empty span ends it
		{"lone *star", "lone *star"},
		{"*across\nlines*", "*across\nlines*"},
		{"*中文*", "<i>中文</i>"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MarkEmphasis(tt.in, "<i>", "</i>"); got != tt.want {
			t.Errorf("MarkEmphasis(%q) = %q, want %q", tt.in, got, tt.want)
		}
		open, close := Emphasis(tt.in)
		if found := tt.want != tt.in; found != (open >= 0) || open >= 0 && (tt.in[open] != '*' || tt.in[close] != '*' || close <= open+1) {
			t.Errorf("Emphasis(%q) = %d, %d", tt.in, open, close)
		}
	}
}

func TestInvalidUTF8AtAndLineAt(t *testing.T) {
	for _, tc := range []struct {
		data      string
		off, line int
	}{
		{"", 0, 1},
		{"abc", 3, 1},
		{"a\nb\xffc", 3, 2},
		{"é\n\n\xc3", 4, 3},
	} {
		off := InvalidUTF8At([]byte(tc.data))
		if off != tc.off || LineAt([]byte(tc.data), off) != tc.line {
			t.Errorf("%q: offset %d line %d, want %d and %d", tc.data, off, LineAt([]byte(tc.data), off), tc.off, tc.line)
		}
	}
	if LineAt([]byte("a\nb"), 99) != 2 || LineAt([]byte("a\nb"), -1) != 1 {
		t.Error("LineAt does not clamp out-of-range offsets")
	}
}
