package cli

import (
	"io"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Text from notes, shared decks and progress files is untrusted: an escape
// sequence in it could clear the screen, retitle the window, rewrite the
// clipboard (OSC 52) or fake a prompt. recall removes, whole and with their
// payload:
//
//   - escape sequences of every kind ansi.DecodeSequence knows (CSI, OSC,
//     DCS, SOS, PM, APC strings and the short escapes), their 8-bit C1
//     forms (U+009B, U+009D, …) read as the 7-bit ones they stand for, and
//     an unterminated control string with everything after it, since a
//     terminal would swallow that too;
//   - C0 controls other than newline and tab, DEL and the C1 controls;
//   - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//     which make text display in a different order than it reads.
//
// Invalid UTF-8 becomes U+FFFD so a stray 0x9B byte cannot act as a C1 CSI.
// Every command prints through safeWriter, so this happens once, where
// output is written; only the full-screen review and coloured reports,
// which write their own sequences, call sanitize on the text they draw.

// sanitize returns s made safe to write to a terminal; text with nothing
// to remove comes back unchanged, without allocating.
func sanitize(s string) string {
	if isClean(s) {
		return s
	}
	out, _ := appendSafe(nil, normalizeControls(nil, []byte(s)))
	return string(out)
}

// isClean reports whether s needs no change, the common case.
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

// normalizeControls appends src to dst as valid UTF-8 (U+FFFD for invalid
// bytes) with each C1 control written as the 7-bit escape it stands for
// (U+009B is ESC [), so the decoder sees one form of every sequence.
func normalizeControls(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case r >= 0x80 && r <= 0x9f:
			dst = append(dst, ansi.ESC, byte(r-0x40))
		default:
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return dst
}

// appendSafe appends the safe part of src (valid UTF-8, C1 normalised) to
// dst. If src ends inside a sequence, rest is where that sequence starts:
// a writer keeps it for the next write, sanitize drops it.
func appendSafe(dst, src []byte) (out []byte, rest int) {
	var state byte
	for i := 0; i < len(src); {
		seq, _, n, next := ansi.DecodeSequence(src[i:], state, nil)
		if next != ansi.NormalState {
			return dst, i // unterminated: the rest is one sequence so far
		}
		switch c := seq[0]; {
		case c == ansi.ESC:
			// A whole escape sequence (or an ESC that starts none): dropped.
		case c < utf8.RuneSelf && len(seq) == 1:
			if c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f {
				dst = append(dst, c)
			}
		default:
			for _, r := range string(seq) {
				if !dropped(r) {
					dst = utf8.AppendRune(dst, r)
				}
			}
		}
		i += n
	}
	return dst, len(src)
}

// maxPendingSequence bounds what safeWriter holds of a sequence that has
// not ended yet; past it the sequence is dropped, as a terminal would
// swallow it.
const maxPendingSequence = 64 << 10

// safeWriter removes escape sequences and control characters from what is
// written through it (see sanitize), keeping a sequence split across
// writes whole until it ends.
type safeWriter struct {
	w       io.Writer
	partial []byte // the start of a UTF-8 character cut by the last write
	seq     []byte // an unterminated sequence, normalised
	buf     []byte
}

// newSafeWriter returns a safeWriter printing to w.
func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

// Write implements io.Writer. It reports len(p) written when w takes the
// safe part, which may be shorter.
func (s *safeWriter) Write(p []byte) (int, error) {
	if len(s.partial) == 0 && len(s.seq) == 0 && isClean(string(p)) {
		// Nothing to remove, nothing pending: the common case, at the
		// cost of one pass (a preview prints megabytes).
		if _, err := s.w.Write(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	raw := append(s.partial, p...)
	cut := len(raw) - incompleteRuneTail(raw)
	s.partial = append([]byte(nil), raw[cut:]...)
	norm := normalizeControls(s.seq, raw[:cut])
	out, rest := appendSafe(s.buf[:0], norm)
	s.seq = append([]byte(nil), norm[rest:]...)
	if len(s.seq) > maxPendingSequence {
		s.seq = nil
	}
	s.buf = out
	if len(out) == 0 {
		return len(p), nil
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteString implements io.StringWriter.
func (s *safeWriter) WriteString(str string) (int, error) { return s.Write([]byte(str)) }

// Close ends the output: a cut character becomes U+FFFD and an
// unterminated sequence is dropped, as sanitize does at the end of a text.
// It does not close w.
func (s *safeWriter) Close() error {
	out, _ := appendSafe(s.buf[:0], normalizeControls(s.seq, s.partial))
	s.seq, s.partial = nil, nil
	if len(out) == 0 {
		return nil
	}
	_, err := s.w.Write(out)
	return err
}

// incompleteRuneTail is how many bytes at the end of b start a UTF-8
// character that the next write may complete.
func incompleteRuneTail(b []byte) int {
	for n := 1; n <= utf8.UTFMax-1 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}

var _ io.StringWriter = (*safeWriter)(nil)
