package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// frontMatter is what recall reads from a note's leading YAML block.
type frontMatter struct {
	title, videoID string
}

// splitFrontMatter separates a leading "---" … "---" block from the body.
// It returns the YAML, the body, and how many lines precede the body so
// body positions can be reported as file lines. A note without front
// matter is all body.
func splitFrontMatter(data []byte) (yamlText, body []byte, bodyLine int, err error) {
	first, rest, ok := cutLine(data)
	if !ok || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, data, 0, nil
	}
	lines := 1
	start := len(data) - len(rest)
	for pos := start; pos < len(data); {
		line, _, _ := cutLine(data[pos:])
		next := pos + len(line) + 1
		lines++
		if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
			return data[start:pos], data[min(next, len(data)):], lines, nil
		}
		pos = next
	}
	return nil, nil, 0, errors.New("front matter opened with --- is never closed by a --- line")
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// frontMatterError is a YAML problem at a line of the file.
type frontMatterError struct {
	line int // 1-based file line, 0 if unknown
	msg  string
}

func (e *frontMatterError) Error() string { return "front matter: " + e.msg }

// parseFrontMatter reads title and videoId from YAML that starts on file
// line firstLine. Other keys are ignored. A bad videoId is returned as a
// warning: the note is still usable, only without video links.
func parseFrontMatter(yamlText []byte, firstLine int) (fm frontMatter, warning, err *frontMatterError) {
	if pairs, ok := plainPairs(yamlText); ok {
		return pairsFrontMatter(pairs, firstLine)
	}
	return yamlFrontMatter(yamlText, firstLine)
}

// yamlFrontMatter is parseFrontMatter by the YAML decoder.
func yamlFrontMatter(yamlText []byte, firstLine int) (fm frontMatter, warning, err *frontMatterError) {
	var doc yaml.Node
	if perr := safeUnmarshal(yamlText, &doc); perr != nil {
		line, msg := yamlErrorLine(perr.Error())
		if line > 0 {
			line += firstLine - 1
		} else {
			line = firstLine - 1
		}
		return fm, nil, &frontMatterError{line: line, msg: msg}
	}
	if len(doc.Content) == 0 {
		return fm, nil, nil // empty block
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return fm, nil, &frontMatterError{line: firstLine + m.Line - 1, msg: "expected \"key: value\" lines"}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := m.Content[i], m.Content[i+1]
		line := firstLine + value.Line - 1
		switch key.Value {
		case "title":
			if value.Kind != yaml.ScalarNode {
				return fm, nil, &frontMatterError{line: line, msg: "title must be text"}
			}
			fm.title = oneLine([]byte(value.Value))
		case "videoId":
			if value.Kind != yaml.ScalarNode || !validVideoID(value.Value) {
				warning = &frontMatterError{line: line, msg: fmt.Sprintf("videoId %q is not a YouTube video ID; the note's cards get no video links", clip(value.Value, 40))}
				continue
			}
			fm.videoID = value.Value
		}
	}
	return fm, warning, nil
}

// plainPair is one "key: value" line of front matter whose value is a
// plain YAML scalar: what the YAML decoder makes of it is the text itself.
type plainPair struct {
	key, value string
	line       int // in the YAML text, 1-based
}

// plainPairs reads front matter made only of "key: value" lines (blank
// lines between them), each key a word and each value a plain scalar
// that YAML reads as its own text: nearly every note's front matter
// ("title: …", "videoId: …"). It reports false for anything else —
// indentation, lists, quotes, comments, a ':' or '#' in a value, control
// or line-breaking characters, a key given twice — which the YAML decoder
// reads instead, as it does the rest: decoding YAML cost each note more
// than reading its lists. FuzzPlainPairs holds it to the decoder.
func plainPairs(b []byte) ([]plainPair, bool) {
	if !utf8.Valid(b) {
		return nil, false
	}
	var pairs []plainPair
	for n, rest := 1, string(b); rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		if line == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ": ")
		if !ok || len(key) > 64 || !plainKey(key) {
			return nil, false
		}
		value = strings.Trim(value, " ")
		if !plainValue(value) {
			return nil, false
		}
		for _, p := range pairs {
			if p.key == key {
				return nil, false
			}
		}
		pairs = append(pairs, plainPair{key: key, value: value, line: n})
	}
	return pairs, len(pairs) > 0
}

// plainKey reports whether k is a key of letters, digits, '_' and '-',
// starting with a letter.
func plainKey(k string) bool {
	if k == "" || !(k[0] >= 'a' && k[0] <= 'z' || k[0] >= 'A' && k[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// plainValue reports whether v, trimmed, is a plain scalar that YAML reads
// as v itself: not empty, not opening with an indicator, with no ':', '#',
// brackets, tabs or control characters, and none of the characters YAML
// reads as a line break or byte order mark.
func plainValue(v string) bool {
	if v == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`~", v[0]) >= 0 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c < 0x20, c == 0x7f, c == ':', c == '#', c == '[', c == ']', c == '{', c == '}':
			return false
		}
	}
	return !strings.Contains(v, "\u0085") && !strings.Contains(v, "\u2028") && !strings.Contains(v, "\u2029") && !strings.Contains(v, "\ufeff")
}

// pairsFrontMatter is parseFrontMatter of front matter read by plainPairs.
func pairsFrontMatter(pairs []plainPair, firstLine int) (fm frontMatter, warning, err *frontMatterError) {
	for _, p := range pairs {
		line := firstLine + p.line - 1
		switch p.key {
		case "title":
			fm.title = oneLine([]byte(p.value))
		case "videoId":
			if !validVideoID(p.value) {
				warning = &frontMatterError{line: line, msg: fmt.Sprintf("videoId %q is not a YouTube video ID; the note's cards get no video links", clip(p.value, 40))}
				continue
			}
			fm.videoID = p.value
		}
	}
	return fm, warning, nil
}

// safeUnmarshal turns a panic inside the YAML decoder into an error: a
// hostile note must never bring recall down.
func safeUnmarshal(b []byte, v *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: unreadable YAML (%v)", r)
		}
	}()
	return yaml.Unmarshal(b, v)
}

// yamlErrorLine splits "yaml: line 3: did not find expected key" into 3 and
// the message.
func yamlErrorLine(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	rest, ok := strings.CutPrefix(s, "line ")
	if !ok {
		return 0, s
	}
	num, msg, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, s
	}
	return n, msg
}

func validVideoID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
