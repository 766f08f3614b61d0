package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
)

// cardView is what the review screens show of the card in front of the
// user. Its text fields are sanitised when it is built (see newCardView), so
// renderers can print them as they are.
type cardView struct {
	ID      string
	Deck    string
	Context string // note title › section
	Front   string
	Back    string
	Sources []deck.Source

	Position, Total                  int // "3 / 20"
	NewLeft, ReviewLeft, RedrillLeft int
	AheadLeft                        int  // cards due on coming days, reviewed early
	Redrill                          bool // this showing is a same-day re-drill
	Revealed                         bool
	// Intervals says what each answer would schedule, shown with the
	// answer: "again 1d · hard 3d · good 9d · easy 21d".
	Intervals string
}

// newCardView copies the card's text, sanitised: a note or a shared deck is
// untrusted and nothing in it may reach the terminal as a control sequence.
func newCardView(c deck.Card) cardView {
	// The header line is the card's own context cue when its front has one,
	// else the source's title › section.
	ctx, _ := c.FrontParts()
	if ctx == "" {
		ctx = c.Context()
	}
	v := cardView{
		ID:      sanitize(c.ID),
		Deck:    sanitize(c.Deck),
		Context: sanitize(ctx),
		Front:   sanitize(c.Front),
		Back:    sanitize(c.Back),
	}
	for _, s := range c.Sources {
		v.Sources = append(v.Sources, deck.Source{
			File:    sanitize(s.File),
			Line:    s.Line,
			Title:   sanitize(s.Title),
			Section: sanitize(s.Section),
			URL:     sanitize(s.URL),
		})
	}
	return v
}

// question is the front as the terminal screen shows it: the generator
// starts fronts with their context ("Title › Section — what does …"), which
// the screen already shows on its own line above, so it is cut from the
// front there. Fronts that do not start so are shown whole.
func question(v cardView) string {
	if v.Context == "" {
		return v.Front
	}
	rest, ok := strings.CutPrefix(v.Front, v.Context+" — ")
	if !ok || strings.TrimSpace(rest) == "" {
		return v.Front
	}
	r, size := utf8.DecodeRuneInString(rest)
	return string(unicode.ToUpper(r)) + rest[size:]
}

// sourceLine is the short form of a source shown under the answer: the
// video link if there is one, then file:line.
func sourceLine(s deck.Source) string {
	var parts []string
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	if loc := fileLine(s); loc != "" {
		parts = append(parts, loc)
	}
	return strings.Join(parts, "  ")
}

func fileLine(s deck.Source) string {
	if s.File == "" {
		return ""
	}
	if s.Line <= 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// sourceDetail is the full form of a source, shown by the details key.
func sourceDetail(s deck.Source) string {
	var parts []string
	if loc := fileLine(s); loc != "" {
		parts = append(parts, loc)
	}
	ctx := deck.Card{Sources: []deck.Source{s}}.Context()
	if ctx != "" {
		parts = append(parts, ctx)
	}
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	return strings.Join(parts, " — ")
}

// progressLine is "3 / 20 · new 12 · review 5 · re-drill 1".
func progressLine(v cardView) string {
	s := fmt.Sprintf("%d / %d · new %d · review %d · re-drill %d", v.Position, v.Total, v.NewLeft, v.ReviewLeft, v.RedrillLeft)
	if v.AheadLeft > 0 {
		s += fmt.Sprintf(" · ahead %d", v.AheadLeft)
	}
	if v.Redrill {
		s += " · again"
	}
	return s
}

// gradeLegend lists SM-2's grades with their short meanings.
func gradeLegend() []string {
	items := make([]string, 0, 6)
	for q := scheduler.Grade(0); q <= 5; q++ {
		items = append(items, fmt.Sprintf("%d %s", q, q.Meaning()))
	}
	return items
}

// aliasLegend says how the Anki-style words map onto SM-2 grades. Easy is
// a capital E because a lower-case e shows the card's details.
var aliasLegend = []string{"a Again=1", "h Hard=3", "g Good=4", "E Easy=5"}

var actionLegend = []string{"u undo", "s suspend", "b bury till tomorrow", "e details", "q quit"}

// palette holds the styles of the terminal screen. Without colour every
// style renders text unchanged, so layout alone carries the structure.
type palette struct {
	progress, context, front, rule, back, source, key, dim, notice, title lipgloss.Style
	colour                                                                bool
}

// newPalette returns the styles for out. Colour is used only when asked
// for (a terminal without NO_COLOR); the background is never queried, since
// that writes an escape sequence and waits for the terminal to answer.
func newPalette(out io.Writer, colour bool) palette {
	r := lipgloss.NewRenderer(out)
	r.SetHasDarkBackground(true)
	if colour {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	s := r.NewStyle
	return palette{
		progress: s().Bold(true).Foreground(lipgloss.Color("6")),
		context:  s().Foreground(lipgloss.Color("245")),
		front:    s().Bold(true),
		rule:     s().Foreground(lipgloss.Color("240")),
		back:     s().Foreground(lipgloss.Color("2")),
		source:   s().Foreground(lipgloss.Color("4")),
		key:      s().Bold(true).Foreground(lipgloss.Color("3")),
		dim:      s().Foreground(lipgloss.Color("245")),
		notice:   s().Foreground(lipgloss.Color("5")),
		title:    s().Bold(true),
		colour:   colour,
	}
}

// emphasis turns the cards' light markdown, *words*, into italics on a
// colour terminal. Plain output keeps the asterisks: they are the only sign
// of the emphasis there. Italics are switched off with SGR 23 alone, so
// the style around them (bold fronts, green backs) carries on.
func (p palette) emphasis(s string) string {
	if !p.colour {
		return s
	}
	return text.MarkEmphasis(s, "\x1b[3m", "\x1b[23m")
}

// wrapText breaks text at spaces to fit width columns, and mid-word only when a
// word alone is wider. A width under 10 is treated as 10: the screen stays
// legible, if ragged, on absurdly narrow terminals.
func wrapText(s string, width int) string {
	return ansi.Wrap(s, max(width, 10), "")
}

// flowItems lays out items on as few lines as fit width, joined by sep, never
// splitting an item unless it alone is wider than width.
func flowItems(items []string, sep string, width int) []string {
	width = max(width, 10)
	var out []string
	for _, l := range text.Flow(items, sep, "", width) {
		out = append(out, strings.Split(wrapText(l, width), "\n")...)
	}
	return out
}

// screen is what the terminal UI shows besides the card itself.
type screen struct {
	details bool   // show ID and every source in full
	notice  string // one-line feedback on the last key (undone, suspended, …)
	compact bool   // for short terminals: no blank lines, no context line, short legend
	scroll  int    // lines of the card's text scrolled past, on a short terminal
	typing  bool   // --type: the answer is typed before it is shown
	typed   string // what was typed so far (raw: sanitised when shown)
	check   *typedCheck
	keys    keyLayout
	canEdit bool // c in the details edits the card
}

// renderCard draws the card screen for the terminal UI at the given width.
func (p palette) renderCard(v cardView, sc screen, width int) string {
	body, foot := p.cardParts(v, sc, width)
	return strings.Join(append(body, foot...), "\n")
}

// fitCard draws the card screen in at most height lines: first with the
// full legend, then compact, then with the card's text shown through a
// window that scrolls (sc.scroll lines down), so the keys and the latest
// notice always show whole.
func (p palette) fitCard(v cardView, sc screen, width, height int) string {
	return p.layoutCard(v, sc, width, height).text
}

// cardLayout is a card screen fitted to a terminal.
type cardLayout struct {
	text string
	// scroll is the window's offset, sc.scroll kept within maxScroll;
	// page is how many lines of text the window shows.
	scroll, maxScroll, page int
	// answerAt is the offset that starts the window at the answer, 0 if
	// the answer is not shown or the text does not scroll.
	answerAt int
}

// layoutCard fits the card screen to width×height (height 0: no limit).
// The progress line stays at the top and the legend at the bottom; when
// the card's text is taller than the room between them, a window shows
// part of it, with a line above and below saying how many lines are
// hidden there. The legend is never cut: on a terminal too short even for
// it, the screen is as tall as the legend needs.
func (p palette) layoutCard(v cardView, sc screen, width, height int) cardLayout {
	body, foot := p.cardParts(v, sc, width)
	if height <= 0 || len(body)+len(foot) <= height {
		return cardLayout{text: strings.Join(append(body, foot...), "\n"), page: len(body)}
	}
	sc.compact = true
	body, foot = p.cardParts(v, sc, width)
	if len(body)+len(foot) <= height {
		return cardLayout{text: strings.Join(append(body, foot...), "\n"), page: len(body)}
	}
	head, text := body[:1], body[1:]
	// rows is the room for the text and its markers: at least a marker,
	// a line of text and a marker, even if the terminal is shorter.
	rows := max(height-len(foot)-len(head), 3)
	if len(text) <= rows {
		return cardLayout{text: strings.Join(append(body, foot...), "\n"), page: rows}
	}
	// The window starts at line off of the text. At the top it shows
	// rows-1 lines and the marker below; scrolled to the end, the marker
	// above and rows-1 lines; in between, both markers.
	maxScroll := len(text) - rows + 1
	off := min(max(sc.scroll, 0), maxScroll)
	show := rows - 1
	if off > 0 && off < maxScroll {
		show = rows - 2
	}
	lines := append([]string{}, head...)
	if off > 0 {
		lines = append(lines, p.dim.Render("↑ "+stats.CountOf(off, "line")+" above"))
	}
	lines = append(lines, text[off:off+show]...)
	if below := len(text) - off - show; below > 0 {
		marker := "↓ " + stats.CountOf(below, "more line")
		if hint := marker + " · ↓ j PgDn"; ansi.StringWidth(hint) <= max(width, 10) {
			marker = hint
		}
		lines = append(lines, p.dim.Render(marker))
	}
	lines = append(lines, foot...)
	l := cardLayout{text: strings.Join(lines, "\n"), scroll: off, maxScroll: maxScroll, page: max(rows-2, 1)}
	if v.Revealed {
		v.Revealed = false
		front, _ := p.cardParts(v, sc, width)
		l.answerAt = min(len(front)-len(head), maxScroll)
	}
	return l
}

// cardParts lays out the card screen as lines: the card (body) and the key
// legend with any notice (foot).
func (p palette) cardParts(v cardView, sc screen, width int) (body, foot []string) {
	width = max(width, 10)
	add := func(dst *[]string, style lipgloss.Style, text string) {
		for _, l := range strings.Split(wrapText(text, width), "\n") {
			*dst = append(*dst, style.Render(l))
		}
	}
	addLines := func(dst *[]string, style lipgloss.Style, ls []string) {
		for _, l := range ls {
			*dst = append(*dst, style.Render(l))
		}
	}
	blank := func(dst *[]string) {
		if !sc.compact {
			*dst = append(*dst, "")
		}
	}

	add(&body, p.progress, progressLine(v))
	if !sc.compact {
		ctx := v.Deck
		if v.Context != "" {
			ctx += " · " + v.Context
		}
		add(&body, p.context, ctx)
	}
	blank(&body)
	front := question(v)
	if sc.compact {
		front = v.Front // the context line is gone: the front keeps its own
	}
	add(&body, p.front, p.emphasis(front))

	if !v.Revealed && sc.typing {
		blank(&body)
		add(&body, p.key, "Your answer: "+sanitize(sc.typed)+"▏")
		blank(&foot)
		addLines(&foot, p.dim, flowItems([]string{"type the answer", "enter check it", "esc show it without typing", "ctrl+c quit"}, " · ", width))
	} else if !v.Revealed {
		blank(&foot)
		if sc.compact {
			add(&foot, p.dim, "space reveal · u s b e q")
		} else {
			addLines(&foot, p.dim, flowItems(append([]string{"space/enter show answer"}, actionLegend...), " · ", width))
		}
	} else {
		blank(&body)
		body = append(body, p.rule.Render(strings.Repeat("─", min(width, 40))))
		add(&body, p.back, p.emphasis(v.Back))
		if sc.check != nil {
			diff, _ := typedLines(sc.keys, *sc.check, "enter")
			blank(&body)
			add(&body, p.notice, diff)
		}
		if len(v.Sources) > 0 {
			// The link and the file each get a line: wrapped together they
			// break mid-URL or mid-path.
			src := v.Sources[0]
			var parts []string
			if src.URL != "" {
				parts = append(parts, src.URL)
			}
			if loc := fileLine(src); loc != "" {
				parts = append(parts, loc)
			}
			if len(parts) > 0 {
				blank(&body)
			}
			for i, part := range parts {
				prefix := "        "
				if i == 0 {
					prefix = "Source: "
				}
				if ansi.StringWidth(prefix+part) > width {
					// Too narrow to indent: the label goes alone, the
					// link and the path start at the left edge.
					if i == 0 {
						add(&body, p.source, "Source:")
					}
					prefix = ""
				}
				add(&body, p.source, prefix+part)
			}
		}
		blank(&foot)
		if sc.check != nil {
			_, offer := typedLines(sc.keys, *sc.check, "enter")
			add(&foot, p.key, offer)
		}
		if v.Intervals != "" {
			addLines(&foot, p.dim, flowItems(strings.Split(v.Intervals, " · "), " · ", width))
		}
		if sc.compact {
			add(&foot, p.key, sc.keys.compactLegend())
		} else {
			addLines(&foot, p.key, flowItems(sc.keys.legend(), "   ", width))
			addLines(&foot, p.dim, flowItems(sc.keys.aliases(), " · ", width))
			addLines(&foot, p.dim, flowItems(actionLegend, " · ", width))
		}
	}
	if sc.details {
		blank(&body)
		add(&body, p.title, "ID "+v.ID)
		add(&body, p.dim, "Deck "+v.Deck)
		for _, s := range v.Sources {
			add(&body, p.source, sourceDetail(s))
		}
		if sc.canEdit {
			add(&body, p.key, editHint)
		}
	}
	if sc.notice != "" {
		blank(&foot)
		add(&foot, p.notice, sc.notice)
	}
	return body, foot
}

// summaryView is what the end of a session reports.
type summaryView struct {
	// streakIndex is the streak index to store for the next summary (nil:
	// the stored one is current).
	streakIndex  []byte
	Reviewed     int           // grades given (re-drills included)
	Correct      int           // grades of 3 or more
	Spent        time.Duration // from the first card shown to the end
	Redrills     int           // grades given to re-drilled cards
	NewLearned   int           // new cards seen for the first time
	Suspended    int
	Buried       int
	StreakDays   int // consecutive review days up to today
	LeftToday    int // cards of this session not reached
	DueTomorrow  int // reviews due by the end of tomorrow
	NewTomorrow  int // new cards that tomorrow will introduce
	NothingDue   bool
	NextDue      time.Time // zero if nothing is scheduled at all
	HasNextDue   bool
	Now          time.Time
	Settings     scheduler.Settings // decides the review day and the zone of times
	LeechNotices []string
}

// summaryLines renders the summary as plain lines; the terminal UI styles
// the first one.
func summaryLines(s summaryView) []string {
	var out []string
	if s.NothingDue && s.Reviewed == 0 {
		out = append(out, "Nothing is due now.")
		if s.HasNextDue {
			out = append(out, "The next card is due "+whenDue(s.NextDue, s.Now, s.Settings)+".")
		} else {
			out = append(out, "No cards are scheduled.")
		}
		return out
	}
	head := fmt.Sprintf("Reviewed %s", stats.CountOf(s.Reviewed, "card"))
	if s.Reviewed > 0 {
		head += fmt.Sprintf(", %d%% correct", (s.Correct*100+s.Reviewed/2)/s.Reviewed)
	}
	head += " in " + stats.Duration(s.Spent) + "."
	out = append(out, head)
	out = append(out, fmt.Sprintf("Re-drills: %d. New cards learned: %d.", s.Redrills, s.NewLearned))
	var extra []string
	if s.Suspended > 0 {
		extra = append(extra, fmt.Sprintf("suspended %d", s.Suspended))
	}
	if s.Buried > 0 {
		extra = append(extra, fmt.Sprintf("buried %d", s.Buried))
	}
	if len(extra) > 0 {
		out = append(out, "Also "+strings.Join(extra, ", ")+".")
	}
	out = append(out, s.LeechNotices...)
	out = append(out, "Streak: "+stats.CountOf(s.StreakDays, "day")+".")
	if s.LeftToday > 0 {
		out = append(out, stats.CountOf(s.LeftToday, "card")+" left for today: run recall review again to finish.")
	}
	switch {
	case s.DueTomorrow > 0 && s.NewTomorrow > 0:
		out = append(out, fmt.Sprintf("%s due tomorrow, and %d new.", stats.CountOf(s.DueTomorrow, "card"), s.NewTomorrow))
	case s.DueTomorrow > 0:
		out = append(out, stats.CountOf(s.DueTomorrow, "card")+" due tomorrow.")
	case s.NewTomorrow > 0:
		out = append(out, stats.CountOf(s.NewTomorrow, "new card")+" tomorrow.")
	case s.HasNextDue:
		out = append(out, "Next card due "+whenDue(s.NextDue, s.Now, s.Settings)+".")
	default:
		out = append(out, "No cards are scheduled.")
	}
	return out
}

// whenDue says when t is, relative to now, in the user's zone. "Today" and
// "tomorrow" are review days, which start at the rollover hour: at 23:00 a
// card due at 03:00 is due later today.
func whenDue(t, now time.Time, cfg scheduler.Settings) string {
	if !t.After(now) {
		return "now"
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	lt := t.In(cfg.Location)
	days := cfg.DaysBetween(now, t)
	switch days {
	case 0:
		return "today at " + lt.Format("15:04")
	case 1:
		return "tomorrow at " + lt.Format("15:04")
	}
	return fmt.Sprintf("in %d days, on %s", days, lt.Format("Mon 2 Jan 15:04"))
}
