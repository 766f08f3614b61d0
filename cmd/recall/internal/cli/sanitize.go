package cli

import (
	"strings"
	"unicode/utf8"
)

// sanitize makes text from notes and shared decks safe to write to a
// terminal. A note is untrusted input: an escape sequence in it could clear
// the screen, retitle the window, rewrite the clipboard (OSC 52) or fake a
// prompt, so every such sequence is removed whole, payload included:
//
//   - ESC-introduced sequences: CSI (ESC [ … final byte), OSC, DCS, SOS, PM
//     and APC strings (ESC ] P X ^ _ … up to BEL or ST), and the short
//     two- and three-byte escapes;
//   - their 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, …), since
//     some terminals act on them, and every other C1 control U+0080–U+009F;
//   - C0 controls other than newline and tab, and DEL;
//   - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//     which make text display in a different order than it reads.
//
// Invalid UTF-8 becomes U+FFFD so a stray 0x9B byte cannot act as a C1 CSI.
// Text with none of these comes back unchanged.
func sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i = skipEscape(s, i+size)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
		case r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // C1 DCS, OSC, SOS, PM, APC
			i = skipString(s, i+size)
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i += size
		case dropped(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// isClean reports whether s needs no change, the common case, so sanitize
// allocates nothing for ordinary text.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || dropped(r) {
			return false
		}
		i += size
	}
	return true
}

// dropped reports whether r is a lone control or formatting character that
// never reaches the terminal.
func dropped(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence whose ESC ended
// at i. An ESC followed by anything that cannot continue a sequence is
// dropped alone, and the following character is judged on its own.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f:
		// nF escape: intermediates, then one final byte (e.g. ESC ( B).
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		// Fp, Fe and Fs escapes: one final byte (ESC 7, ESC c, ESC M, …).
		return i + 1
	}
	return i
}

// skipCSI returns the index just past a control sequence whose introducer
// ended at i: parameter bytes, intermediate bytes, then a final byte. A
// sequence broken by any other byte ends there, as terminals abort it.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index just past a control string (OSC, DCS, SOS,
// PM, APC) whose introducer ended at i: everything up to and including BEL,
// ESC \ or the C1 ST, or the rest of s if it is never terminated, because a
// terminal would swallow that text too.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			// Another ESC aborts the string; it starts a sequence of its own.
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}
