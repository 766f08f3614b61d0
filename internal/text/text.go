// Package text holds the small text helpers recall's packages share, all
// measured in terminal display cells (a CJK character is two, a combining
// accent none), never in bytes or runes: one line of text, truncation,
// light emphasis, flow layout and tables that fit a width.
package text

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks where Truncate and TruncateTail cut text.
const Ellipsis = "…"

// Width is the display width of s in cells; escape sequences count none.
func Width(s string) int { return ansi.StringWidth(s) }

// OneLine folds s onto one line: every run of white space (line breaks and
// tabs included) becomes one space, and the ends are trimmed.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Emphasis finds the first span of light emphasis in s, as cards write it
// (*words*): a '*', text that neither starts nor ends with a space and has
// no line break, and the next '*'. It returns the offsets of the two stars,
// or -1, -1 when s has none. A star whose span breaks those rules is left
// as it is and the search goes on from the next one; an empty span ("**")
// or a star with no partner ends it.
func Emphasis(s string) (open, close int) {
	from := 0
	for {
		i := strings.IndexByte(s[from:], '*')
		if i < 0 {
			return -1, -1
		}
		i += from
		j := strings.IndexByte(s[i+1:], '*')
		if j <= 0 {
			return -1, -1
		}
		inner := s[i+1 : i+1+j]
		if strings.TrimSpace(inner) == inner && !strings.Contains(inner, "\n") {
			return i, i + 1 + j
		}
		from = i + 1
	}
}

// MarkEmphasis returns s with each span of light emphasis (see Emphasis)
// written as open, the span's text, close, in place of its stars.
func MarkEmphasis(s, open, close string) string {
	var b strings.Builder
	for {
		i, j := Emphasis(s)
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(open)
		b.WriteString(s[i+1 : j])
		b.WriteString(close)
		s = s[j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Truncate keeps the start of s within width cells, marking a cut with
// Ellipsis (which counts in the width). A width under 1 gives "".
func Truncate(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	return ansi.Truncate(s, width, Ellipsis)
}

// TruncateTail keeps the end of s within width cells, marking a cut with
// Ellipsis at the start: a card's front begins with its note's title and
// ends with the question that tells cards apart.
func TruncateTail(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	runes := []rune(s)
	used, i := 0, len(runes)
	for i > 0 {
		w := Width(string(runes[i-1]))
		if used+w > width-Width(Ellipsis) {
			break
		}
		used += w
		i--
	}
	return Ellipsis + string(runes[i:])
}

// Flow joins items with sep on as few lines as fit width cells, never
// splitting an item: one wider than width has a line of its own. Each line
// starts with indent, which counts in the width.
func Flow(items []string, sep, indent string, width int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = indent + it
		case Width(cur)+Width(sep)+Width(it) <= width:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = indent + it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// gap is the space between table columns.
const gap = 2

// minShrunk is the narrowest a Shrink column gets when even its Min is too
// wide for the terminal: three characters and the ellipsis.
const minShrunk = 4

// Shrink is a column a Table may narrow to fit its width.
type Shrink struct {
	Column  int  // index of the column
	Min     int  // it never gets narrower than this many cells
	KeepEnd bool // cut its cells at the start (TruncateTail), not the end
}

// Table lays out rows in columns gap cells apart, measured in display
// cells, the last cell of each row unpadded (as text/tabwriter does for
// plain text). Cells should be one line each (OneLine).
type Table struct {
	rows [][]string
	// Shrink lists the columns that give up width, first to last, when the
	// table is wider than the width Write is given.
	Shrink []Shrink
}

// Len is the number of rows added.
func (t *Table) Len() int { return len(t.rows) }

// Add appends a row.
func (t *Table) Add(cells ...string) { t.rows = append(t.rows, cells) }

// Write prints the table to w within width cells, narrowing the Shrink
// columns to fit, as far as their Min and then, if need be, further; only
// when the columns that do not shrink are wider than the terminal does a
// row stay too wide. Width 0 means no limit (full values, as when output
// is piped).
func (t *Table) Write(w io.Writer, width int) error {
	widths := t.columnWidths()
	if width > 0 {
		total := gap * max(len(widths)-1, 0)
		for _, cw := range widths {
			total += cw
		}
		// First down to each column's Min; if the table is still too
		// wide, on down to a few cells, so that no row wraps.
		for _, floor := range []func(Shrink) int{func(s Shrink) int { return s.Min }, func(Shrink) int { return minShrunk }} {
			for _, s := range t.Shrink {
				if total <= width || s.Column >= len(widths) {
					continue
				}
				cut := min(total-width, max(widths[s.Column]-floor(s), 0))
				widths[s.Column] -= cut
				total -= cut
			}
		}
	}
	var b strings.Builder
	for _, row := range t.rows {
		b.Reset()
		for i, cell := range row {
			if width > 0 {
				cell = t.fit(cell, i, widths[i])
			}
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-Width(cell)+gap))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// columnWidths is the widest cell of each column.
func (t *Table) columnWidths() []int {
	var widths []int
	for _, row := range t.rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(cell))
		}
	}
	return widths
}

// fit cuts cell to the width of column i.
func (t *Table) fit(cell string, i, width int) string {
	for _, s := range t.Shrink {
		if s.Column == i && s.KeepEnd {
			return TruncateTail(cell, width)
		}
	}
	return Truncate(cell, width)
}
