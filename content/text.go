package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// inlineText renders a run of inline nodes to card text twice over: light
// (emphasis kept as *x*, code as `x`) for showing, and plain for terms,
// identities and lead-in phrasing. Links keep their words, wiki links their
// label; timestamps and HTML disappear without leaving a gap before
// punctuation ("fail <a…>[01:25:01]</a>." becomes "fail.").
type inlineText struct {
	src          []byte
	light, plain []byte
	pending      bool // a removed node or line break stands between words
	emphasis     int  // depth, so nested emphasis never doubles the stars
	seconds      int  // first timestamp seen, -1 if none
	script       byte // '^' inside <sup>, '_' inside <sub>, else 0
}

func (w *inlineText) reset(src []byte) {
	w.src = src
	w.light = w.light[:0]
	w.plain = w.plain[:0]
	w.pending = false
	w.emphasis = 0
	w.seconds = -1
	w.script = 0
}

// run renders n and its following siblings up to (not including) stop.
func (w *inlineText) run(n, stop ast.Node) {
	var prev ast.Node
	for ; n != nil && n != stop; n = n.NextSibling() {
		// ", " between two timestamps is their separator, not text.
		if t, ok := n.(*ast.Text); ok && isRemoved(prev) && isRemoved(n.NextSibling()) &&
			onlySeparators(t.Segment.Value(w.src)) {
			prev = n
			continue
		}
		w.node(n)
		prev = n
	}
}

func isRemoved(n ast.Node) bool {
	if n == nil {
		return false
	}
	k := n.Kind()
	return k == kindTimestamp || k == ast.KindRawHTML
}

func onlySeparators(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != ',' && c != ';' && c != '\t' {
			return false
		}
	}
	return true
}

func (w *inlineText) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(w.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		if w.script != 0 {
			v = []byte(htmlScript(string(v), w.script == '^'))
		}
		w.write(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.pending = true
		}
	case *ast.String:
		w.write(n.Value)
	case *wikiLink:
		w.write(n.label)
	case *timestamp:
		if w.seconds < 0 {
			w.seconds = n.seconds
		}
		w.pending = true
	case *ast.RawHTML:
		// "mol<sup>−1</sup>", "H<sub>2</sub>O": a script tag writes its
		// text as the LaTeX renderer would, with no gap ("mol⁻¹", "H₂O").
		if tag := scriptTag(n, w.src); tag != 0 {
			if tag == '/' {
				w.script = 0
			} else {
				w.script = tag
			}
			return
		}
		w.pending = true
	case *ast.AutoLink:
		w.write(n.Label(w.src))
	case *ast.CodeSpan:
		w.codeSpan(n)
	case *mathInline:
		w.write([]byte(renderLatex(string(n.tex))))
	case *ast.Emphasis:
		w.emphasize(n)
	default: // links, images and anything newer keep their words
		w.run(n.FirstChild(), nil)
	}
}

// scriptTag returns '^' for <sup>, '_' for <sub>, '/' for their closing
// tags and 0 for any other HTML.
func scriptTag(n *ast.RawHTML, src []byte) byte {
	if n.Segments.Len() != 1 {
		return 0
	}
	seg := n.Segments.At(0)
	v := seg.Value(src)
	if len(v) < 5 || len(v) > 6 || v[0] != '<' || v[len(v)-1] != '>' {
		return 0
	}
	switch strings.ToLower(string(v)) {
	case "<sup>":
		return '^'
	case "<sub>":
		return '_'
	case "</sup>", "</sub>":
		return '/'
	}
	return 0
}

// htmlScript renders the text of <sup> or <sub>: in Unicode where every
// character has a form, else a superscript as plain text ("19th") and a
// subscript as "_d", as the LaTeX renderer writes it.
func htmlScript(s string, super bool) string {
	r := script(s, super)
	if super && strings.HasPrefix(r, "^") {
		return strings.TrimSpace(s)
	}
	return r
}

// write appends text to both renderings, settling a pending gap first.
func (w *inlineText) write(b []byte) {
	if len(b) == 0 {
		return
	}
	if w.pending {
		w.pending = false
		if closesPhrase(b[0]) {
			w.light = trimRightSpace(w.light)
			w.plain = trimRightSpace(w.plain)
		} else if !isSpaceByte(b[0]) {
			w.light = addSpace(w.light)
			w.plain = addSpace(w.plain)
		}
	}
	w.light = append(w.light, b...)
	w.plain = append(w.plain, b...)
}

func (w *inlineText) codeSpan(n *ast.CodeSpan) {
	mark := len(w.light)
	w.write([]byte{'`'})
	w.plain = w.plain[:len(w.plain)-1]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			v := bytes.TrimRight(t.Segment.Value(w.src), "\r\n")
			w.light = append(w.light, v...)
			w.plain = append(w.plain, v...)
			if len(v) < len(t.Segment.Value(w.src)) {
				w.light = append(w.light, ' ')
				w.plain = append(w.plain, ' ')
			}
		}
	}
	if len(bytes.TrimSpace(w.light[mark+1:])) == 0 && len(w.light) > mark {
		w.light = w.light[:mark]
		return
	}
	w.light = append(w.light, '`')
}

// emphasize renders *x* and **x** alike as *x*: cards show light emphasis
// only, and a nested emphasis adds no stars of its own.
func (w *inlineText) emphasize(n *ast.Emphasis) {
	if w.emphasis > 0 {
		w.emphasis++
		w.run(n.FirstChild(), nil)
		w.emphasis--
		return
	}
	mark := len(w.light)
	w.emphasis++
	w.run(n.FirstChild(), nil)
	w.emphasis--
	content := w.light[mark:]
	lead := len(content) - len(bytes.TrimLeft(content, " "))
	trimmed := bytes.TrimSpace(content)
	start := mark + lead
	if len(trimmed) == 0 {
		w.light = w.light[:start]
		return
	}
	trailing := len(content) > lead+len(trimmed)
	size := len(trimmed)
	w.light = append(w.light[:start+size], 0, 0)
	copy(w.light[start+1:], w.light[start:start+size])
	w.light[start] = '*'
	w.light[start+size+1] = '*'
	if trailing {
		w.pending = true
	}
}

// closesPhrase reports whether a gap before c should vanish: "fail ." → "fail.".
func closesPhrase(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}':
		return true
	}
	return false
}

func trimRightSpace(b []byte) []byte {
	for len(b) > 0 && isSpaceByte(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func addSpace(b []byte) []byte {
	if len(b) == 0 || isSpaceByte(b[len(b)-1]) || b[len(b)-1] == '(' {
		return b
	}
	return append(b, ' ')
}

// unescape resolves backslash escapes and character references, as an HTML
// renderer would, without allocating when there are none.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveNumericReferences(v)
		v = util.ResolveEntityNames(v)
	}
	return v
}

// oneLine normalises text for one line of a card: escape sequences and
// control characters go, any run of white space becomes one space, and the
// ends are trimmed.
func oneLine(b []byte) string {
	clean := true
	prevSpace := true
	for _, c := range b {
		if c < 0x20 || c == 0x7f || c >= 0x80 || (c == ' ' && prevSpace) {
			clean = false
			break
		}
		prevSpace = c == ' '
	}
	if clean && !prevSpace {
		return string(b)
	}
	if bytes.IndexByte(b, 0x1b) >= 0 {
		// An escape sequence goes whole: dropping only its ESC would leave
		// "[2J" on the card.
		b = []byte(ansi.Strip(string(b)))
	}
	var sb strings.Builder
	sb.Grow(len(b))
	space := false
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf {
			// ASCII, as most of a note is, without decoding: the same
			// cases as below.
			b = b[1:]
			switch {
			case asciiSpace[c]:
				space = sb.Len() > 0
			case c < 0x20 || c == 0x7f:
			default:
				if space {
					sb.WriteByte(' ')
					space = false
				}
				sb.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case unicode.IsSpace(r):
			space = sb.Len() > 0
		case r == utf8.RuneError && size == 1, unicode.IsControl(r), isInvisibleFormat(r), isDecoration(r):
			// dropped: never valid text on a card
		default:
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// isDecoration catches emoji and pictographs: decoration in a note, noise
// on a card.
func isDecoration(r rune) bool {
	return (r >= 0x1f000 && r <= 0x1faff) || (r >= 0x2600 && r <= 0x27bf) || (r >= 0x2b50 && r <= 0x2b55) ||
		r == 0xfe0f || r == 0x200d || (r >= 0x1f1e6 && r <= 0x1f1ff)
}

// isInvisibleFormat catches bidirectional overrides and similar format
// characters that could make a card display differently from what it says.
func isInvisibleFormat(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0xfeff
}

// scrub guarantees the clean-text rules on a finished card field whatever
// the note contained (say, "**" inside a code span): no "**", "[[", "<a" or
// "data-t" survives.
func scrub(s string) string {
	if !strings.Contains(s, "**") && !strings.Contains(s, "[[") &&
		!strings.Contains(s, "<") && !strings.Contains(s, "data-t") && !strings.Contains(s, "DATA-T") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case (c == '*' || c == '[') && sb.Len() > 0 && s[i-1] == c:
			continue
		case c == '<' && i+1 < len(s) && lowerASCII(s[i+1]) == 'a':
			sb.WriteString("< ")
			continue
		case (c == 'd' || c == 'D') && indexFold([]byte(s[i:min(len(s), i+6)]), "data-t") == 0:
			sb.WriteString(s[i : i+4])
			sb.WriteByte(' ')
			i += 4
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// slug turns a name into a tag-friendly word: lower case, letters and digits
// joined by single hyphens.
func slug(s string) string {
	var sb strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			hyphen = false
			sb.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	return sb.String()
}

// hasWord reports whether s has a letter or digit: a side made of
// punctuation alone is as good as empty.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// Slug turns a name into the lower-case, hyphen-joined word recall uses for
// tags and file names: "Building trust" becomes "building-trust".
func Slug(name string) string { return slug(name) }
