package cli

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text unchanged", "Calling your shots — forecast, then hit", "Calling your shots — forecast, then hit"},
		{"newline and tab kept", "a\n\tb", "a\n\tb"},
		{"clear screen", "x\x1b[2Jy", "xy"},
		{"colour with params", "\x1b[1;31mred\x1b[0m", "red"},
		{"private mode", "\x1b[?1049hfull", "full"},
		{"osc title with bel", "a\x1b]0;title\x07b", "ab"},
		{"osc title with st", "a\x1b]2;title\x1b\\b", "ab"},
		{"osc 52 clipboard", "\x1b]52;c;ZXZpbA==\x07ok", "ok"},
		{"osc 8 hyperlink keeps label", "\x1b]8;;http://evil\x1b\\label\x1b]8;;\x1b\\", "label"},
		{"unterminated osc swallows rest", "ok\x1b]0;never ends", "ok"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_payload\x1b\\b", "ab"},
		// BEL ends only an OSC string, as in xterm; an APC runs on to ST,
		// so the terminal would swallow the rest.
		{"apc not ended by bel", "a\x1b_payload\x07b", "a"},
		{"charset select", "a\x1b(Bb", "ab"},
		{"save cursor", "a\x1b7b", "ab"},
		{"reset", "a\x1bcb", "ab"},
		{"lone esc at end", "a\x1b", "a"},
		{"esc before non-ascii", "a\x1bé", "aé"},
		{"c1 csi", "a\u009b2Jb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"c1 other", "a\u0085b", "ab"},
		{"raw 0x9b byte", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"bell backspace cr", "a\x07\x08\rb", "ab"},
		{"del", "a\x7fb", "ab"},
		{"nul", "a\x00b", "ab"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"csi broken by newline", "a\x1b[12\nb", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize(tt.in); got != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSafe fails if s holds anything sanitize promises to remove.
func checkSafe(t *testing.T, in, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("sanitize(%q) = %q: not valid UTF-8", in, s)
	}
	for _, r := range s {
		bad := r < 0x20 && r != '\n' && r != '\t' ||
			r == 0x7f ||
			r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		if bad {
			t.Fatalf("sanitize(%q) = %q: holds %U", in, s, r)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;u\x1b\\l\x1b]8;;\x1b\\",
		"\u009b31m", "\x9b", "\x1bP\x1b[", "\u202eevil", "a\r\nb", "\x1b\x1b]",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := sanitize(in)
		checkSafe(t, in, out)
		if again := sanitize(out); again != out {
			t.Fatalf("sanitize is not idempotent: %q -> %q -> %q", in, out, again)
		}
		if len(out) > len(in)*3 {
			t.Fatalf("sanitize(%q) grew to %d bytes", in, len(out))
		}
		if isClean(in) && out != in {
			t.Fatalf("clean text %q changed to %q", in, out)
		}
		if !strings.ContainsAny(in, "\x1b\u009b\u0090\u009d\u0098\u009e\u009f") && utf8.ValidString(in) {
			// Without sequences, only single characters are removed.
			var kept strings.Builder
			for _, r := range in {
				if !dropped(r) {
					kept.WriteRune(r)
				}
			}
			if out != kept.String() {
				t.Fatalf("sanitize(%q) = %q, want %q", in, out, kept.String())
			}
		}
	})
}

// TestSafeWriterKeepsSequencesWhole: a sequence split across writes (as
// fmt and tabwriter may split output) is removed whole, and what is printed
// is what sanitize gives for the whole text.
func TestSafeWriterKeepsSequencesWhole(t *testing.T) {
	for _, in := range []string{
		"card \x1b[2J text", "a\x1b]0;title\x07b", "é\u009b31mx", "ok\x1b]0;never ends",
		"\x1b]8;;http://evil\x1b\\label\x1b]8;;\x1b\\", "日本\x1b[1;31m語\x1b[0m", "cut \xe6\x97",
		"clean é and 日本 text", "clean, then \x1b[2Jgone", "\x1b]0;t\x07then clean é",
	} {
		for chunk := 1; chunk <= len(in); chunk++ {
			var out strings.Builder
			w := newSafeWriter(&out)
			for i := 0; i < len(in); i += chunk {
				if _, err := w.Write([]byte(in[i:min(i+chunk, len(in))])); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if want := sanitize(in); out.String() != want {
				t.Errorf("%q in chunks of %d: %q, want %q", in, chunk, out.String(), want)
			}
		}
	}
}

func FuzzSafeWriter(f *testing.F) {
	f.Add("a\x1b[2Jb", uint8(1))
	f.Add("\x1b]0;t\x07x\u009b1m", uint8(3))
	f.Fuzz(func(t *testing.T, in string, chunk uint8) {
		size := int(chunk%16) + 1
		var out strings.Builder
		w := newSafeWriter(&out)
		for i := 0; i < len(in); i += size {
			w.Write([]byte(in[i:min(i+size, len(in))]))
		}
		w.Close()
		if want := sanitize(in); out.String() != want {
			t.Fatalf("%q in chunks of %d: %q, want %q", in, size, out.String(), want)
		}
	})
}

func BenchmarkSanitizeClean(b *testing.B) {
	s := strings.Repeat("Calling your shots: forecasting and setting goals, then hitting them. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		sanitize(s)
	}
}
