package content

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The notes' own syntax — wiki links and video timestamps — is recognised by
// two small goldmark inline parsers, so the rest of the generator only ever
// looks at AST nodes and never pattern-matches raw text.

// kindWikiLink and kindTimestamp identify the generator's own inline nodes.
var (
	kindWikiLink  = ast.NewNodeKind("WikiLink")
	kindTimestamp = ast.NewNodeKind("Timestamp")
)

// wikiLink is [[target]], [[target|label]] or [[target | label]]; only the
// label reaches a card.
type wikiLink struct {
	ast.BaseInline
	label []byte
}

func (n *wikiLink) Kind() ast.NodeKind { return kindWikiLink }

func (n *wikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": string(n.label)}, nil)
}

// timestamp is a video position: a yt-timestamp anchor (with or without its
// [h:mm:ss] label) or a plain [h:mm:ss] / [h:mm:ss, h:mm:ss] text. It is
// removed from card text; its first position becomes the source URL.
type timestamp struct {
	ast.BaseInline
	seconds int // -1 when the position could not be read
}

func (n *timestamp) Kind() ast.NodeKind { return kindTimestamp }

func (n *timestamp) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Seconds": strconv.Itoa(n.seconds)}, nil)
}

// newMarkdownParser returns a CommonMark parser that also knows wiki links
// and timestamps. Their parsers run before goldmark's link and raw-HTML
// parsers, which would otherwise claim the same '[' and '<' characters.
func newMarkdownParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
			util.Prioritized(mathBlockParser{}, 750),
		)...),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(),
			util.Prioritized(bracketParser{}, 150),
			util.Prioritized(mathParser{}, 160),
			util.Prioritized(anchorParser{}, 350),
		)...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// bracketParser reads "[[wiki links]]" and plain "[0:05:50]" timestamps.
// Anything else starting with '[' is left to goldmark's link parser.
type bracketParser struct{}

func (bracketParser) Trigger() []byte { return []byte{'['} }

// maxWikiLink and maxTimestamp bound how far the parsers look for a closing
// bracket: each '[' on a long line would otherwise rescan the rest of the
// line, which is quadratic on hostile input.
const (
	maxWikiLink  = 512
	maxTimestamp = 64
	maxAnchor    = 512
)

func (bracketParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) >= 2 && line[1] == '[' {
		return parseWikiLink(line[:min(len(line), maxWikiLink)], block)
	}
	end := bytes.IndexByte(line[:min(len(line), maxTimestamp)], ']')
	if end < 0 {
		return nil
	}
	secs, ok := parseTimestampList(line[1:end])
	if !ok {
		return nil
	}
	// "[0:05](url)" is a link whose text happens to look like a time.
	if end+1 < len(line) && (line[end+1] == '(' || line[end+1] == '[') {
		return nil
	}
	block.Advance(end + 1)
	return &timestamp{seconds: secs}
}

func parseWikiLink(line []byte, block text.Reader) ast.Node {
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.IndexByte(inner, '[') >= 0 {
		return nil
	}
	label := inner
	if bar := bytes.IndexByte(inner, '|'); bar >= 0 {
		label = inner[bar+1:]
		if len(bytes.TrimSpace(label)) == 0 {
			label = inner[:bar]
		}
	}
	label = bytes.TrimSpace(label)
	if bytes.IndexByte(inner, '|') < 0 || len(label) == 0 {
		// A bare target is a page name such as "role_of_product_managers".
		label = bytes.ReplaceAll(bytes.TrimSpace(label), []byte("_"), []byte(" "))
	}
	if len(label) == 0 {
		return nil
	}
	block.Advance(2 + end + 2)
	return &wikiLink{label: label}
}

// anchorParser reads <a ... data-t="01:24:50">[01:24:50]</a>, including the
// empty form <a ... data-t="..."></a>. Other HTML is left to goldmark, and
// the generator drops raw HTML from card text anyway.
type anchorParser struct{}

func (anchorParser) Trigger() []byte { return []byte{'<'} }

func (anchorParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 3 || (line[1] != 'a' && line[1] != 'A') || !isSpaceByte(line[2]) {
		return nil
	}
	line = line[:min(len(line), maxAnchor)]
	tagEnd := bytes.IndexByte(line, '>')
	if tagEnd < 0 {
		return nil
	}
	tag := line[:tagEnd]
	dataT, hasDataT := attribute(tag, "data-t")
	if !hasDataT && !bytes.Contains(tag, []byte("yt-timestamp")) {
		return nil
	}
	rest := line[tagEnd+1:]
	closeAt := indexFold(rest, "</a>")
	if closeAt < 0 {
		return nil
	}
	label := bytes.TrimSpace(rest[:closeAt])
	labelSecs, labelOK := -1, false
	if len(label) > 0 {
		if label[0] != '[' || label[len(label)-1] != ']' {
			return nil // a real link text: let raw HTML handling keep its words
		}
		labelSecs, labelOK = parseTimestampList(label[1 : len(label)-1])
		if !labelOK {
			return nil
		}
	}
	block.Advance(tagEnd + 1 + closeAt + len("</a>"))
	return &timestamp{seconds: chooseSeconds(dataT, hasDataT, label, labelSecs, labelOK)}
}

// chooseSeconds picks the position of an anchor. data-t wins, except when it
// is the label shifted one field to the left — data-t="11:10:00" with label
// [01:11:10] — a corruption seen in real notes that puts the time hours past
// the end of the video; then the label is right.
func chooseSeconds(dataT []byte, hasDataT bool, label []byte, labelSecs int, labelOK bool) int {
	d, dOK := -1, false
	if hasDataT {
		d, dOK = parseTimestamp(dataT)
	}
	switch {
	case dOK && labelOK && d != labelSecs && isShifted(dataT, label[1:len(label)-1]):
		return labelSecs
	case dOK:
		return d
	case labelOK:
		return labelSecs
	}
	return -1
}

// isShifted reports whether data-t reads "MM:SS:00" for a label "H:MM:SS".
func isShifted(dataT, label []byte) bool {
	var dbuf, lbuf [6]int
	dp := timeFields(dbuf[:0], dataT)
	if c := bytes.IndexByte(label, ','); c >= 0 {
		label = label[:c]
	}
	lp := timeFields(lbuf[:0], bytes.TrimSpace(label))
	if len(dp) != 3 || len(lp) < 2 {
		return false
	}
	return dp[2] == 0 && dp[0] == lp[len(lp)-2] && dp[1] == lp[len(lp)-1]
}

// parseTimestampList reads "0:05:50" or "0:03:00, 0:18:31" and returns the
// first position.
func parseTimestampList(b []byte) (int, bool) {
	first := -1
	for len(b) > 0 {
		part := b
		if c := bytes.IndexByte(b, ','); c >= 0 {
			part, b = b[:c], b[c+1:]
		} else {
			b = nil
		}
		secs, ok := parseTimestamp(bytes.TrimSpace(part))
		if !ok {
			return -1, false
		}
		if first < 0 {
			first = secs
		}
	}
	return first, first >= 0
}

// parseTimestamp reads "h:mm:ss", "mm:ss" or "m:ss".
func parseTimestamp(b []byte) (int, bool) {
	var buf [6]int
	f := timeFields(buf[:0], b)
	if len(f) < 2 || len(f) > 3 {
		return -1, false
	}
	secs := 0
	for i, v := range f {
		if i > 0 && v > 59 {
			return -1, false
		}
		secs = secs*60 + v
	}
	return secs, true
}

// timeFields splits "01:24:50" into numbers, appended to out (a time of
// at most 12 bytes has at most 6); nil if it is not a time.
func timeFields(out []int, b []byte) []int {
	if len(b) == 0 || len(b) > 12 {
		return nil
	}
	v, digits := 0, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + int(c-'0')
			digits++
			if digits > 4 {
				return nil
			}
		case c == ':':
			if digits == 0 {
				return nil
			}
			out = append(out, v)
			v, digits = 0, 0
		default:
			return nil
		}
	}
	if digits == 0 {
		return nil
	}
	return append(out, v)
}

// attribute returns the value of name="value" (or 'value') inside an HTML tag.
func attribute(tag []byte, name string) ([]byte, bool) {
	for i := 0; i+len(name) < len(tag); i++ {
		if !isSpaceByte(tag[i]) || indexFold(tag[i+1:min(len(tag), i+1+len(name))], name) != 0 {
			continue
		}
		j := i + 1 + len(name)
		for j < len(tag) && isSpaceByte(tag[j]) {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		j++
		for j < len(tag) && isSpaceByte(tag[j]) {
			j++
		}
		if j >= len(tag) {
			return nil, false
		}
		quote := tag[j]
		if quote != '"' && quote != '\'' {
			end := j
			for end < len(tag) && !isSpaceByte(tag[end]) && tag[end] != '/' {
				end++
			}
			return tag[j:end], true
		}
		end := bytes.IndexByte(tag[j+1:], quote)
		if end < 0 {
			return nil, false
		}
		return tag[j+1 : j+1+end], true
	}
	return nil, false
}

// indexFold is a case-insensitive bytes.Index for an ASCII needle.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		match := true
		for j := 0; j < len(s); j++ {
			if lowerASCII(b[i+j]) != s[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// kindMath and kindMathBlock identify formulas: inline $…$ and display
// $$…$$. Their LaTeX is kept raw (so "_" and "*" inside are not taken for
// emphasis) and rendered readably when a card shows it.
var (
	kindMath      = ast.NewNodeKind("Math")
	kindMathBlock = ast.NewNodeKind("MathBlock")
)

// mathInline is $…$ (or $$…$$ within a line).
type mathInline struct {
	ast.BaseInline
	tex []byte
}

func (n *mathInline) Kind() ast.NodeKind { return kindMath }

func (n *mathInline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TeX": string(n.tex)}, nil)
}

// mathBlock is a display formula: lines between "$$" and "$$".
type mathBlock struct {
	ast.BaseBlock
	// closed marks a formula whose closing "$$" was on its opening line:
	// goldmark ignores a Close returned by Open, so Continue must end it.
	closed bool
}

func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlock) IsRaw() bool { return true }

func (n *mathBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// tex returns the block's formula without its $$ fences.
func (n *mathBlock) tex(src []byte) string {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(src))
		sb.WriteByte(' ')
	}
	s := strings.TrimSpace(sb.String())
	s = strings.TrimSpace(strings.TrimPrefix(s, "$$"))
	return strings.TrimSpace(strings.TrimSuffix(s, "$$"))
}

// maxMath bounds how far the inline parser looks for a closing '$'.
const maxMath = 512

// mathParser reads inline $…$ by pandoc's rule: the opening '$' is
// followed by a non-space, the closing one preceded by a non-space and not
// followed by a digit — so "$0 to $100 million" stays money.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	line = line[:min(len(line), maxMath)]
	fence := 1
	if len(line) > 1 && line[1] == '$' {
		fence = 2
	}
	if len(line) <= fence || isSpaceByte(line[fence]) || line[fence] == '$' {
		return nil
	}
	for i := fence + 1; i+fence <= len(line); i++ {
		if line[i] != '$' || (fence == 2 && (i+1 >= len(line) || line[i+1] != '$')) {
			continue
		}
		if isSpaceByte(line[i-1]) || line[i-1] == '\\' {
			return nil
		}
		if fence == 1 && i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
			return nil
		}
		tex := append([]byte(nil), line[fence:i]...)
		block.Advance(i + fence)
		return &mathInline{tex: tex}
	}
	return nil
}

// mathBlockParser reads display formulas: a line starting "$$" up to the
// line that ends with "$$" (possibly the same line).
type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	node := &mathBlock{}
	seg := text.NewSegment(segment.Start+pos, segment.Stop)
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	rest := bytes.TrimSpace(line[pos+2:])
	if len(rest) >= 2 && bytes.HasSuffix(rest, []byte("$$")) {
		node.closed = true
		return node, parser.Close
	}
	return node, parser.NoChildren
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	if m, ok := node.(*mathBlock); ok && m.closed {
		return parser.Close
	}
	line, segment := reader.PeekLine()
	if node.Lines().Len() >= maxMathLines {
		return parser.Close
	}
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	if bytes.HasSuffix(bytes.TrimSpace(line), []byte("$$")) {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

// maxMathLines bounds a display formula: an unclosed "$$" must not swallow
// the rest of a hostile note.
const maxMathLines = 64

func (mathBlockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (mathBlockParser) CanInterruptParagraph() bool { return true }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }
