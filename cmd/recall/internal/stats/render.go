package stats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/recallcards/recall/internal/text"
)

// Widths the report is laid out for.
const (
	DefaultWidth = 80 // when the terminal's width is unknown
	MinWidth     = 40 // narrower terminals get this width, and wrap
)

// Palette colours the report on a terminal. Each function styles a piece of
// text; a nil function leaves it plain.
type Palette struct {
	Title func(string) string
	Dim   func(string) string
	Bar   func(string) string
	// Heat styles the calendar's cells by level: 0 for a day without
	// reviews, then 1 to 4 from the fewest reviews to the most.
	Heat [5]func(string) string
}

// Options shape the rendered report.
type Options struct {
	Width int // columns; 0 means DefaultWidth
	// Palette colours the report; nil gives plain text, where the calendar's
	// shades are the characters · ░ ▒ ▓ █.
	Palette *Palette
}

// plainShades are the calendar's cells without colour, by level.
var plainShades = [5]string{"·", "░", "▒", "▓", "█"}

// bars are the eighths of a forecast bar's cell, empty to full.
var bars = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// renderer holds the options while a report is drawn.
type renderer struct {
	width int
	pal   Palette
	plain bool
}

func newRenderer(o Options) renderer {
	r := renderer{width: o.Width, plain: o.Palette == nil}
	if r.width <= 0 {
		r.width = DefaultWidth
	}
	r.width = max(r.width, MinWidth)
	if o.Palette != nil {
		r.pal = *o.Palette
	}
	return r
}

func paint(f func(string) string, s string) string {
	if f == nil || s == "" {
		return s
	}
	return f(s)
}

// Render draws the whole report. Text in s that came from notes or decks
// (the deck's name, the cards' IDs and fronts) is printed as it is: the
// caller makes it safe for a terminal first.
func Render(s Stats, o Options) string {
	r := newRenderer(o)
	var parts [][]string
	parts = append(parts, r.today(s), r.heatmap(s.Calendar), r.forecast(s.Forecast),
		r.retention(s.Retention), r.cards(s.Cards), r.ef(s.EF), r.hardest(s.Hardest))
	if s.Workload != nil {
		parts = append(parts, r.workload(*s.Workload))
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, l := range p {
			// Sections fit their lines to the width; this only guards
			// against a terminal wrapping a line it did not foresee.
			b.WriteString(strings.TrimRight(truncate(l, r.width), " "))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// title is a section's heading, wrapped to the width.
func (r renderer) title(s string) []string {
	lines := r.wrap(s, 0)
	for i, l := range lines {
		lines[i] = paint(r.pal.Title, l)
	}
	return lines
}

// wrap breaks text at spaces to fit the width, indenting the lines after
// the first by indent spaces.
func (r renderer) wrap(s string, indent int) []string {
	lines := strings.Split(ansi.Wrap(s, r.width-indent, ""), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", indent) + lines[i]
	}
	if len(lines) > 0 {
		lines[0] = ansi.Wrap(lines[0], r.width, "")
	}
	return lines
}

// trimmed drops the spaces that end lines.
func trimmed(lines []string) []string {
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

func (r renderer) dim(s string) string { return paint(r.pal.Dim, s) }

// parseDay reads a YYYY-MM-DD day name.
func parseDay(s string) (day, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return civil(t.Date()), true
}

// percent is n/of as a whole percentage, halves rounded up.
func percent(n, of int) string { return fmt.Sprintf("%d%%", (n*100+of/2)/of) }

// CountOf is "1 card" or "N cards": n and the word, plural unless n is 1.
func CountOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Duration is "45s", "6m 12s" or "1h 3m".
func Duration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm %ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
}

// today is the heading, today's work and the streak.
func (r renderer) today(s Stats) []string {
	scope := "all decks"
	if s.Deck != nil {
		scope = fmt.Sprintf("deck %q", text.OneLine(*s.Deck))
		if ansi.StringWidth(scope) > r.width/2 {
			scope = truncate(scope, r.width/2)
		}
	}
	date := s.Today.Day
	if d, ok := parseDay(s.Today.Day); ok {
		date = d.date().Format("Mon 2 Jan 2006")
	}
	t := s.Today
	lines := append(r.title(fmt.Sprintf("Statistics for %s, %s", scope, date)), "")
	if t.Reviews == 0 {
		lines = append(lines, r.labelled("Today", "no reviews yet")...)
	} else {
		lines = append(lines, r.labelled("Today", CountOf(t.Reviews, "review")+" of "+CountOf(t.Cards, "card"),
			percent(t.Correct, t.Reviews)+" correct", Duration(time.Duration(t.TimeMS)*time.Millisecond))...)
	}
	st := s.Streak
	lines = append(lines, r.labelled("Still due", CountOf(t.Due, "review"), CountOf(t.NewCards, "new card"))...)
	lines = append(lines, r.labelled("Streak", CountOf(st.Current, "day"), "longest "+CountOf(st.Longest, "day"))...)
	lines = append(lines, r.labelled("In all", CountOf(st.Reviews, "review")+" on "+CountOf(st.ReviewDays, "day"))...)
	return lines
}

// labelLen is the width of the labels of the report's first lines.
const labelLen = 10

// labelled is "Label     item, item, item", the items flowed onto as many
// lines as the width needs, under one another.
func (r renderer) labelled(label string, items ...string) []string {
	lines := r.flow(items, ", ", labelLen)
	if len(lines) > 0 {
		lines[0] = fmt.Sprintf("%-*s", labelLen, label) + lines[0][labelLen:]
	}
	return lines
}

// heatLevels sorts the calendar's non-zero counts and returns a function
// giving a count's shade: 0 for none, else ceil(4·F(count)) where F is the
// share of the days with reviews that had at most that many. The busiest
// day is always 4, and the levels split the days into quarters.
func heatLevels(days []DayCount) (sorted []int, level func(int) int) {
	for _, d := range days {
		if d.Count > 0 {
			sorted = append(sorted, d.Count)
		}
	}
	slices.Sort(sorted)
	n := len(sorted)
	return sorted, func(c int) int {
		if c <= 0 || n == 0 {
			return 0
		}
		atMost, _ := slices.BinarySearch(sorted, c+1)
		return (4*atMost + n - 1) / n
	}
}

const (
	heatLabel = 4 // "Mon " before the cells
	heatCell  = 2 // a cell and the space after it
)

// heatmap draws the calendar: weeks as columns, Monday to Sunday as rows,
// month names above the first week starting in each month. The oldest weeks
// are left out when the width cannot hold them all; lines never wrap.
func (r renderer) heatmap(c Calendar) []string {
	from, ok1 := parseDay(c.From)
	to, ok2 := parseDay(c.To)
	if !ok1 || !ok2 || to < from {
		return nil
	}
	counts := make(map[day]int, len(c.Days))
	total := 0
	for _, d := range c.Days {
		if x, ok := parseDay(d.Day); ok {
			counts[x] = d.Count
			total += d.Count
		}
	}
	weeks := int(to-from)/7 + 1
	shown := min(weeks, (r.width-heatLabel+1)/heatCell)
	first := from + day(7*(weeks-shown))
	title := fmt.Sprintf("Reviews per day, the last %d weeks", shown)
	if shown == weeks {
		title = "Reviews per day, the past year"
	}
	lines := r.title(title)

	// Month names, each over the first week that starts in its month.
	months := []byte(strings.Repeat(" ", r.width))
	next := 0 // the first column a name may start at
	for col := range shown {
		monday := (first + day(7*col)).date()
		x := heatLabel + heatCell*col
		name := monday.Format("Jan")
		if monday.Day() <= 7 && x >= next && x+len(name) <= r.width {
			copy(months[x:], name)
			next = x + len(name) + 1
		}
	}
	lines = append(lines, string(months))

	sorted, level := heatLevels(c.Days)
	labels := map[int]string{0: "Mon", 2: "Wed", 4: "Fri"}
	for row := range 7 {
		var b strings.Builder
		fmt.Fprintf(&b, "%-*s", heatLabel, labels[row])
		for col := range shown {
			d := first + day(7*col+row)
			if d > to {
				break
			}
			if col > 0 {
				b.WriteString(" ")
			}
			b.WriteString(r.shade(level(counts[d])))
		}
		lines = append(lines, b.String())
	}
	return trimmed(append(lines, r.heatLegend(sorted, level, total)...))
}

// shade is one calendar cell at a level.
func (r renderer) shade(level int) string {
	if r.plain {
		return plainShades[level]
	}
	cell := "█"
	if level == 0 {
		cell = "·"
	}
	return paint(r.pal.Heat[level], cell)
}

// heatLegend says how many reviews each shade stands for.
func (r renderer) heatLegend(sorted []int, level func(int) int, total int) []string {
	items := []string{r.shade(0) + " none"}
	if len(sorted) == 0 {
		return r.flow([]string{r.shade(0) + " no reviews in the year"}, "", heatLabel)
	}
	for l := 1; l <= 4; l++ {
		lo, hi := -1, -1
		for _, c := range sorted {
			if level(c) == l {
				if lo < 0 {
					lo = c
				}
				hi = c
			}
		}
		switch {
		case lo < 0:
			continue
		case lo == hi:
			items = append(items, fmt.Sprintf("%s %d", r.shade(l), lo))
		default:
			items = append(items, fmt.Sprintf("%s %d–%d", r.shade(l), lo, hi))
		}
	}
	items = append(items, r.dim(fmt.Sprintf("(%s in the year)", CountOf(total, "review"))))
	return r.flow(items, "  ", heatLabel)
}

const forecastHeight = 6 // rows of the forecast's bars

// forecast draws the cards due on each of the next days as a bar chart,
// with today's and the week's totals below.
func (r renderer) forecast(f Forecast) []string {
	total, peak := f.Later, 0
	for _, d := range f.Days {
		total += d.Count
		peak = max(peak, d.Count)
	}
	n := len(f.Days)
	lines := r.title(fmt.Sprintf("Due in the next %d days (new cards not included)", n))
	if peak == 0 || n == 0 {
		msg := "Nothing is due in the next " + strconv.Itoa(n) + " days."
		if f.Later > 0 {
			msg += fmt.Sprintf(" %s later.", CountOf(f.Later, "card"))
		}
		return append(lines, r.wrap(msg, 0)...)
	}
	label := len(strconv.Itoa(peak))
	gutter := label + 2 // "57 ┤"
	cell := min(max((r.width-gutter)/n, 1), 3)
	bar := max(cell-1, 1)
	for row := forecastHeight - 1; row >= 0; row-- {
		var b strings.Builder
		if row == forecastHeight-1 {
			fmt.Fprintf(&b, "%*d ┤", label, peak)
		} else {
			fmt.Fprintf(&b, "%*s │", label, "")
		}
		for _, d := range f.Days {
			eighths := (d.Count*forecastHeight*8 + peak - 1) / peak
			fill := min(max(eighths-row*8, 0), 8)
			b.WriteString(paint(r.pal.Bar, strings.Repeat(bars[fill], bar)))
			b.WriteString(strings.Repeat(" ", cell-bar))
		}
		lines = append(lines, b.String())
	}
	lines = append(lines, fmt.Sprintf("%*d └%s", label, 0, strings.Repeat("─", n*cell)))

	// Day names under today and every seventh day after it.
	axis := []byte(strings.Repeat(" ", r.width))
	next := 0
	for i := 0; i < n; i += 7 {
		name := "today"
		if i > 0 {
			if d, ok := parseDay(f.Days[i].Day); ok {
				name = d.date().Format("Jan 2")
			}
		}
		x := gutter + i*cell
		if x >= next && x+len(name) <= r.width {
			copy(axis[x:], name)
			next = x + len(name) + 1
		}
	}
	lines = append(lines, string(axis))

	today := fmt.Sprintf("today %d", f.Days[0].Count)
	if f.Overdue > 0 {
		today += fmt.Sprintf(" (%d overdue)", f.Overdue)
	}
	sums := []string{today}
	if n > 1 {
		sums = append(sums, fmt.Sprintf("tomorrow %d", f.Days[1].Count))
	}
	week := 0
	for _, d := range f.Days[:min(7, n)] {
		week += d.Count
	}
	sums = append(sums, fmt.Sprintf("7 days %d", week), fmt.Sprintf("%d days %d", n, total-f.Later), fmt.Sprintf("later %d", f.Later))
	return trimmed(append(lines, r.flow(sums, " · ", 0)...))
}

// flow joins items with sep into as few lines as fit the width, each line
// indented by indent spaces.
func (r renderer) flow(items []string, sep string, indent int) []string {
	return text.Flow(items, sep, strings.Repeat(" ", indent), r.width)
}

// retention is the correct share of recent reviews, young and mature.
func (r renderer) retention(ret Retention) []string {
	figures := func(rate Rate) string {
		if rate.Reviews == 0 {
			return "   -  no reviews"
		}
		return fmt.Sprintf("%4s  %d of %s", percent(rate.Correct, rate.Reviews), rate.Correct, CountOf(rate.Reviews, "review"))
	}
	// The notes line up after the widest figures, which "all" has.
	width := len(figures(ret.All))
	row := func(name string, rate Rate, note string) string {
		return strings.TrimRight(fmt.Sprintf("  %-7s %-*s  %s", name, width, figures(rate), r.dim(note)), " ")
	}
	return append(r.title(fmt.Sprintf("Retention over the last %d days (correct: graded 3 or more)", ret.Days)),
		row("young", ret.Young, fmt.Sprintf("interval under %d days", MatureDays)),
		row("mature", ret.Mature, fmt.Sprintf("interval %d days or more", MatureDays)),
		row("all", ret.All, ""),
	)
}

// cards is the count of cards by state, each card in one state.
func (r renderer) cards(c StateCounts) []string {
	row := func(name string, n int, note string) string {
		return strings.TrimRight(fmt.Sprintf("  %-10s %6d  %s", name, n, r.dim(note)), " ")
	}
	return append(r.title(fmt.Sprintf("Cards: %d, each counted once", c.Total)),
		row("new", c.New, "never reviewed"),
		row("learning", c.Learning, "re-drill, or failed and not yet passed"),
		row("young", c.Young, fmt.Sprintf("interval 1 to %d days", MatureDays-1)),
		row("mature", c.Mature, fmt.Sprintf("interval %d days or more", MatureDays)),
		row("leech", c.Leech, "lapsed too often; suspended unless you unsuspended it"),
		row("suspended", c.Suspended, "suspended, leeches not included"),
		row("retired", c.Retired, "gone from the notes"),
	)
}

// ef is the distribution of the easiness factor as horizontal bars.
func (r renderer) ef(e EFStats) []string {
	if e.Cards == 0 || e.Mean == nil {
		return append(r.title("Easiness factor (EF)"), "  no card reviewed yet")
	}
	lines := r.title(fmt.Sprintf("Easiness factor (EF) of %s: mean %.2f", CountOf(e.Cards, "reviewed card"), *e.Mean))
	peak := 0
	for _, b := range e.Buckets {
		peak = max(peak, b.Cards)
	}
	count := len(strconv.Itoa(peak))
	// "  1.30–1.49  " + bar + " " + count
	room := min(r.width-13-1-count, 50)
	for _, b := range e.Buckets {
		name := fmt.Sprintf("%.2f+", b.From)
		if b.To != nil {
			name = fmt.Sprintf("%.2f–%.2f", b.From, *b.To)
		}
		width := 0
		if b.Cards > 0 {
			width = max((b.Cards*room+peak/2)/peak, 1)
		}
		lines = append(lines, fmt.Sprintf("  %-9s  %s%s %*d", name,
			paint(r.pal.Bar, strings.Repeat("█", width)), strings.Repeat(" ", room-width), count, b.Cards))
	}
	return lines
}

// hardest lists the hardest cards with their IDs.
func (r renderer) hardest(cards []HardCard) []string {
	lines := r.title("Hardest cards (most lapses, then lowest EF)")
	if len(cards) == 0 {
		return append(lines, "  none: no card has lapsed or lost ease")
	}
	idWidth := len("ID")
	for _, c := range cards {
		idWidth = max(idWidth, ansi.StringWidth(text.OneLine(c.ID)))
	}
	// "  ID  LAPSES  EF    FRONT": at least 10 columns for the front.
	const fixed = 2 + 2 + 6 + 2 + 4 + 2
	idWidth = min(idWidth, 24, r.width-fixed-10)
	front := r.width - fixed - idWidth
	lines = append(lines, r.dim(fmt.Sprintf("  %-*s  LAPSES  EF    FRONT", idWidth, "ID")))
	for _, c := range cards {
		id := truncate(text.OneLine(c.ID), idWidth)
		mark := ""
		if c.Leech {
			mark = " (leech)"
		}
		lines = append(lines, fmt.Sprintf("  %s%s  %6d  %.2f  %s", id, strings.Repeat(" ", idWidth-ansi.StringWidth(id)),
			c.Lapses, c.EF, truncateTail(text.OneLine(c.Front)+mark, front)))
	}
	return lines
}

// truncate and truncateTail cut s to width cells (see internal/text).
var (
	truncate     = text.Truncate
	truncateTail = text.TruncateTail
)

// workload is the FSRS decks' simulated reviews a day, ten days a line.
func (r renderer) workload(w Workload) []string {
	lines := r.title(fmt.Sprintf("FSRS workload, simulated: reviews a day, next %d days (%s)", len(w.Reviews), CountOf(w.Cards, "card")))
	for start := 0; start < len(w.Reviews); start += 10 {
		end := min(start+10, len(w.Reviews))
		figs := make([]string, 0, end-start)
		for _, n := range w.Reviews[start:end] {
			figs = append(figs, fmt.Sprintf("%4.0f", n))
		}
		lines = append(lines, fmt.Sprintf("  days %2d-%-2d %s", start+1, end, strings.Join(figs, "")))
	}
	return append(lines, fmt.Sprintf("  recall expected after %d days: %.0f%%", len(w.Reviews), 100*w.Expected))
}
