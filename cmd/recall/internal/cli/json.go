package cli

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeJSON prints v as every --json of recall does: indented by two
// spaces, with "&", "<" and ">" left readable in URLs and card text.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonList prints a JSON array one element at a time, in writeJSON's
// layout, so a long listing is never held in memory whole.
type jsonList struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
	enc *json.Encoder
}

// newJSONList starts an array on w.
func newJSONList(w io.Writer) *jsonList {
	l := &jsonList{w: w}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	l.enc.SetIndent("  ", "  ")
	return l
}

// add prints the next element.
func (l *jsonList) add(v any) error {
	l.buf.Reset()
	l.buf.WriteString(",\n  ")
	if l.n == 0 {
		l.buf.Reset()
		l.buf.WriteString("[\n  ")
	}
	if err := l.enc.Encode(v); err != nil {
		return err
	}
	l.n++
	_, err := l.w.Write(bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")))
	return err
}

// close ends the array; an empty one is "[]".
func (l *jsonList) close() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}
