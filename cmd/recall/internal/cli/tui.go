package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/recallcards/recall/internal/text"
)

// reviewField is a huh field that is the whole review screen: it draws the
// card in front of the user and turns single key presses into session
// actions, so grading takes one key and no Enter. huh's stock fields submit
// on Enter, which would make every grade two keys.
type reviewField struct {
	r   reviewer
	pal palette

	width      int
	termHeight int
	// fitHeight resizes the form around the field. huh sizes a group once,
	// from its first view, and clips later views to that; a card's screen
	// grows when it is revealed and differs from card to card.
	fitHeight func(int)

	sc     screen
	shown  string // ID of the card the screen state (details, notice) belongs to
	err    error  // a store error; it ends the session
	closed bool

	// editor makes the process of the user's editor on a file (nil: no
	// editing); wantEdit says the last key asked to edit the card on show.
	editor   func(file string) (*exec.Cmd, error)
	wantEdit bool
}

// editDoneMsg says the editor the review screen handed the terminal to
// has exited.
type editDoneMsg struct {
	edit *cardEdit
	err  error
}

var _ huh.Field = (*reviewField)(nil)

func newReviewField(r reviewer, pal palette, width int) *reviewField {
	return &reviewField{r: r, pal: pal, width: min(width, maxScreenWidth), fitHeight: func(int) {}}
}

// Init implements huh.Field.
func (f *reviewField) Init() tea.Cmd { return nil }

// Update implements huh.Field: keys act on the session; the field asks huh
// to move on, which completes the form, once the session is over.
func (f *reviewField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.termHeight = msg.Height
	case editDoneMsg:
		// huh hands the focused field every message twice.
		if msg.edit.done {
			return f, nil
		}
		notice, err := f.r.finishEdit(msg.edit, msg.err)
		if err != nil {
			f.err = err
			f.r.quit()
		}
		f.sc.notice, f.sc.details, f.sc.scroll = notice, false, 0
		if _, ok := f.r.current(); !ok {
			f.closed = true
			return f, huh.NextField
		}
	case tea.KeyMsg:
		if f.closed {
			return f, nil
		}
		if f.typingAnswer() && (msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace) {
			// The answer being typed takes every printable key, pasted
			// text included; it is sanitised when it is checked.
			f.sc.typed = truncateRunes(f.sc.typed+string(msg.Runes), maxLineBytes)
		} else if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			// Keys typed faster than the screen reads them (a slow link)
			// arrive together; each is a key press of its own.
			for _, r := range msg.Runes {
				f.press(string(r))
			}
		} else {
			f.press(msg.String())
		}
		if _, ok := f.r.current(); !ok {
			f.closed = true
			return f, huh.NextField
		}
		if f.wantEdit {
			f.wantEdit = false
			if cmd := f.startEdit(); cmd != nil {
				return f, cmd
			}
		}
	default:
		return f, nil
	}
	f.fitHeight(lipgloss.Height(f.View()))
	return f, nil
}

// startEdit writes the card on show to a file and returns the command that
// hands the terminal to the editor on it until the editor exits; nil, with
// a notice, when that cannot be done.
func (f *reviewField) startEdit() tea.Cmd {
	e, err := f.r.beginEdit()
	if err != nil {
		f.sc.notice = "Cannot edit the card: " + sanitize(text.OneLine(err.Error()))
		return nil
	}
	cmd, err := f.editor(e.file)
	if err != nil {
		f.sc.notice, _ = f.r.finishEdit(e, err)
		return nil
	}
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editDoneMsg{e, err} })
}

// typingAnswer reports whether keys go into the typed answer: --type, and
// the card's answer not shown yet.
func (f *reviewField) typingAnswer() bool {
	if !f.sc.typing {
		return false
	}
	v, ok := f.r.current()
	return ok && !v.Revealed
}

// truncateRunes cuts s to at most n bytes, at a rune boundary.
func truncateRunes(s string, n int) string {
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// press performs what one key asks for.
func (f *reviewField) press(k string) {
	v, ok := f.r.current()
	if !ok {
		return
	}
	if f.typingAnswer() {
		switch k {
		case "enter", "esc":
			// Enter checks the typing; Esc shows the answer without it.
			if k == "esc" {
				f.sc.typed = ""
			}
			c := checkTyped(v.Back, sanitize(f.sc.typed))
			f.sc.check = &c
			f.r.reveal()
			f.sc.scroll = 0
			if l := f.layout(); l.answerAt > l.page/2 {
				f.sc.scroll = l.answerAt
			}
		case "backspace":
			_, size := utf8.DecodeLastRuneInString(f.sc.typed)
			f.sc.typed = f.sc.typed[:len(f.sc.typed)-size]
		case "ctrl+c", "ctrl+d":
			f.r.quit()
		case "up", "down", "pgup", "pgdown":
			f.scrollBy(map[string]int{"up": -1, "down": 1, "pgup": -f.layout().page, "pgdown": f.layout().page}[k])
		}
		return
	}
	if k == "enter" && v.Revealed && f.sc.check != nil {
		q, _ := f.sc.keys.proposal(f.sc.check.Proposed)
		k = strconv.Itoa(int(q))
		if f.sc.keys == layoutAnki {
			k = ankiKey(q)
		}
	}
	// Scrolling keeps the notice of the last key on screen.
	switch k {
	case "down", "j":
		f.scrollBy(1)
		return
	case "up", "k":
		f.scrollBy(-1)
		return
	case "pgdown":
		f.scrollBy(f.layout().page)
		return
	case "pgup":
		f.scrollBy(-f.layout().page)
		return
	}
	f.sc.notice = ""
	var notice string
	var err error
	switch k {
	case "q", "ctrl+c", "ctrl+d":
		f.r.quit()
	case "u":
		notice, err = f.r.undo()
	case "s":
		notice, err = f.r.suspend()
	case "b":
		notice, err = f.r.bury()
	case "e":
		f.sc.details = !f.sc.details
	case "c":
		switch {
		case f.editor == nil:
			notice = f.sc.keys.keysHint()
		case !f.sc.details:
			notice = "Press e first (details), then c to edit the card."
		default:
			f.wantEdit = true
		}
	case " ", "enter":
		if !v.Revealed {
			f.r.reveal()
		} else if q, ok := f.sc.keys.grade(k); ok {
			notice, err = f.r.grade(q)
		}
	default:
		q, ok := f.sc.keys.grade(k)
		switch {
		case !ok:
			notice = f.sc.keys.keysHint()
		case !v.Revealed:
			notice = "Show the answer first: space or enter."
		default:
			notice, err = f.r.grade(q)
		}
	}
	if err != nil {
		f.err = err
		f.r.quit()
		return
	}
	if next, ok := f.r.current(); ok && (next.ID != f.shown || next.Revealed != v.Revealed) {
		// A new card, or the answer just shown: the window starts
		// at the top again, or at the answer if the question fills
		// more than half the window.
		f.shown = next.ID
		f.sc.scroll = 0
		if !next.Revealed {
			f.sc.typed, f.sc.check = "", nil
		}
		if l := f.layout(); next.Revealed && l.answerAt > l.page/2 {
			f.sc.scroll = l.answerAt
		}
		if next.ID != v.ID {
			f.sc.details = false
		}
	}
	f.sc.notice = notice
}

// scrollBy moves the card's text n lines down (up if n < 0), within the
// text; the notice of the last key stays.
func (f *reviewField) scrollBy(n int) {
	f.sc.scroll = f.layout().scroll + n
	f.sc.scroll = f.layout().scroll
}

// View implements huh.Field.
func (f *reviewField) View() string { return f.layout().text }

// layout fits the screen to the terminal. The screen stays a line short
// of the terminal: a view as tall as the terminal scrolls its first line
// away.
func (f *reviewField) layout() cardLayout {
	v, ok := f.r.current()
	if !ok {
		return cardLayout{}
	}
	height := 0
	if f.termHeight > 0 {
		height = max(f.termHeight-1, 3)
	}
	return f.pal.layoutCard(v, f.sc, f.width, height)
}

// Blur implements huh.Field.
func (f *reviewField) Blur() tea.Cmd { return nil }

// Focus implements huh.Field.
func (f *reviewField) Focus() tea.Cmd { return nil }

// Error implements huh.Field. Store errors end the session instead of
// being shown by huh, which would also stop the form from completing.
func (f *reviewField) Error() error { return nil }

// Run implements huh.Field.
func (f *reviewField) Run() error { return huh.Run(f) }

// RunAccessible implements huh.Field with line mode, which reads every
// line through one reader; huh's own accessible prompts make a new
// scanner per field and lose lines piped ahead.
func (f *reviewField) RunAccessible(w io.Writer, r io.Reader) error {
	return runLines(context.Background(), f.r, reviewMode{keys: f.sc.keys, typed: f.sc.typing, editor: f.editor}, bufio.NewReader(r), w)
}

// Skip implements huh.Field.
func (f *reviewField) Skip() bool { return false }

// Zoom implements huh.Field.
func (f *reviewField) Zoom() bool { return false }

// KeyBinds implements huh.Field; the screen draws its own legend.
func (f *reviewField) KeyBinds() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space", "show answer")),
		key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5"), key.WithHelp("0–5", "grade")),
		key.NewBinding(key.WithKeys("up", "down", "j", "k", "pgup", "pgdown"), key.WithHelp("↑↓", "scroll")),
		key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
}

// WithTheme implements huh.Field; the field has its own palette.
func (f *reviewField) WithTheme(*huh.Theme) huh.Field { return f }

// WithAccessible implements huh.Field.
func (f *reviewField) WithAccessible(bool) huh.Field { return f }

// WithKeyMap implements huh.Field; the field's keys are fixed.
func (f *reviewField) WithKeyMap(*huh.KeyMap) huh.Field { return f }

// maxScreenWidth caps the width cards are laid out to: on a wide terminal
// lines of 200 columns are hard to read.
const maxScreenWidth = 100

// WithWidth implements huh.Field.
func (f *reviewField) WithWidth(width int) huh.Field {
	if width > 0 {
		f.width = min(width, maxScreenWidth)
	}
	return f
}

// WithHeight implements huh.Field; View fits itself to the terminal.
func (f *reviewField) WithHeight(int) huh.Field { return f }

// WithPosition implements huh.Field.
func (f *reviewField) WithPosition(huh.FieldPosition) huh.Field { return f }

// GetKey implements huh.Field.
func (f *reviewField) GetKey() string { return "review" }

// GetValue implements huh.Field.
func (f *reviewField) GetValue() any { return nil }

// newReviewForm wraps the field in a huh form of one group, help and
// errors off: the field draws its own.
func newReviewForm(f *reviewField, in io.Reader, out io.Writer) *huh.Form {
	form := huh.NewForm(huh.NewGroup(f)).
		WithShowHelp(false).
		WithShowErrors(false).
		WithTheme(huh.ThemeBase()).
		// TERM=dumb turns huh's accessible mode on; recall has chosen the
		// terminal UI by now and line mode is not huh's to pick.
		WithAccessible(false).
		// The alternate screen: an inline screen leaves debris behind when
		// the terminal is resized and reflows what was drawn. The summary
		// is printed after, on the normal screen, where it stays.
		WithProgramOptions(tea.WithAltScreen()).
		WithInput(in).
		WithOutput(out)
	// Ctrl-C is a key like q for the field, which ends the session
	// cleanly; huh's default binding would abort the form instead.
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	form.WithKeyMap(km)
	f.fitHeight = func(h int) { form.WithHeight(max(h, 1)) }
	return form
}

// runTerminal runs a session on the terminal with the huh form. Grades are
// committed as they are given, so however the program ends (q, Ctrl-C, a
// signal) nothing graded is lost and nothing is half-written.
// notice is shown under the first card.
func runTerminal(ctx context.Context, r reviewer, mode reviewMode, in io.Reader, out io.Writer, pal palette, width int, notice string) error {
	f := newReviewField(r, pal, width)
	f.sc.keys, f.sc.typing = mode.keys, mode.typed
	f.editor, f.sc.canEdit = mode.editor, mode.editor != nil
	if v, ok := r.current(); ok {
		f.shown = v.ID
	}
	f.sc.notice = notice
	form := newReviewForm(f, in, out)
	err := form.RunWithContext(ctx)
	r.quit()
	if f.err != nil {
		return f.err
	}
	if err != nil && !errors.Is(err, huh.ErrUserAborted) {
		return fmt.Errorf("review screen: %w", err)
	}
	return nil
}
