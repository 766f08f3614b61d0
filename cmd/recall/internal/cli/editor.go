package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/cardedit"
	"github.com/recallcards/recall/storage"
)

// editorCommand is the user's editor as a command line: $EDITOR, else
// $VISUAL, else vi, split into words as a shell splits them, so that
// EDITOR="code --wait" or an editor under a path with spaces in quotes
// works.
func editorCommand(getenv func(string) string) ([]string, error) {
	for _, name := range []string{"EDITOR", "VISUAL"} {
		v := getenv(name)
		if strings.TrimSpace(v) == "" {
			continue
		}
		argv, err := splitCommand(v)
		if err != nil {
			return nil, fmt.Errorf("$%s: %w", name, err)
		}
		return argv, nil
	}
	return []string{"vi"}, nil
}

// splitCommand splits a command line into words as a POSIX shell does,
// without expanding anything: blanks separate words; single quotes keep
// everything up to the next one; double quotes keep everything but a
// backslash before ", \, $ or `; a backslash outside quotes keeps the next
// character.
func splitCommand(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words, inWord = append(words, word.String()), false
				word.Reset()
			}
		case c == '\\':
			inWord = true
			if i+1 < len(s) {
				i++
				word.WriteByte(s[i])
			}
		case c == '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("a single quote is not closed")
			}
			word.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			inWord = true
			closed := false
			for i++; i < len(s); i++ {
				if s[i] == '"' {
					closed = true
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				word.WriteByte(s[i])
			}
			if !closed {
				return nil, errors.New("a double quote is not closed")
			}
		default:
			inWord = true
			word.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	if len(words) == 0 {
		return nil, errors.New("no command in it")
	}
	return words, nil
}

// editorOn returns what makes the process of the user's editor on a
// file, with env's terminal as its input and output: the editor draws on
// the terminal itself, not through the writer that strips escape
// sequences from recall's own output.
func editorOn(env *Env) func(file string) (*exec.Cmd, error) {
	return func(file string) (*exec.Cmd, error) {
		argv, err := editorCommand(env.Getenv)
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(argv[0], append(argv[1:], file)...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = env.In, env.styledOut(), env.ErrOut
		if env.errTerminal != nil {
			cmd.Stderr = env.errTerminal
		}
		return cmd, nil
	}
}

// cardEdit is one edit of a card in the user's editor, in three steps, so
// that the review screen can hand the terminal to the editor in between:
// beginEdit writes the card to a temporary file, the editor runs on it,
// and finish stores what was saved as the card's override.
type cardEdit struct {
	id, deck string
	// shown is the wording the file was written with (the override, if
	// the card has one, else the notes').
	shown deck.Text
	// header says, above the card's sections, what the file is; an edit
	// the notes changed under shows the notes' new text too.
	header cardedit.Header
	file   string
	// written is the file as beginEdit wrote it; nil when the file is the
	// user's own (recall edit --from), which finish leaves in place.
	written []byte
	// keptFile says the file of recall edit --from is one an earlier edit
	// of the card kept for the user to fix: taken, it goes.
	keptFile bool
	done     bool
}

// beginEdit reads the card with this ID (or unique start of one) and
// writes it to a private temporary file for the editor.
func beginEdit(st *storage.Store, id string) (*cardEdit, error) {
	e, err := loadEdit(st, id)
	if err != nil {
		return nil, err
	}
	data := cardedit.Format(e.header, e.shown)
	f, err := os.CreateTemp("", "recall-edit-"+e.id+"-*.txt")
	if err != nil {
		return nil, fmt.Errorf("make a file to edit card %s in: %w", e.id, err)
	}
	e.file = f.Name()
	if _, err = f.Write(data); err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err != nil {
		os.Remove(e.file)
		return nil, fmt.Errorf("write card %s to %s: %w", e.id, e.file, err)
	}
	e.written = data
	return e, nil
}

// loadEdit reads what editing the card starts from.
func loadEdit(st *storage.Store, id string) (*cardEdit, error) {
	ce, err := st.CardEdit(id)
	if err != nil {
		return nil, err
	}
	c := ce.Notes.Card
	notes := deck.TextOf(c)
	e := &cardEdit{id: c.ID, deck: c.Deck, shown: notes, header: cardedit.Header{ID: c.ID, Deck: c.Deck}}
	if o := ce.Override; o != nil {
		e.shown = o.Text
		if o.Stale(c) {
			e.header.Notes = &notes
		}
	}
	return e, nil
}

// editKept is the error of an edit whose file could not be taken: the
// file stays, so that what the user wrote is not lost.
type editKept struct {
	id, file string
	err      error
}

func (e *editKept) Error() string {
	return fmt.Sprintf("%s; nothing changed, and your text is kept in %s: fix it, then run recall edit --from %s %s",
		e.err, e.file, e.file, e.id)
}

func (e *editKept) Unwrap() error { return e.err }

// finish takes the file the editor left (editorErr is how the editor
// ended) and stores it as the card's override, with open opening the
// store read-write. It returns what to tell the user. The temporary file
// goes, unless the edit could not be taken.
func (e *cardEdit) finish(open func() (*storage.Store, error), now time.Time, editorErr error) (string, error) {
	e.done = true
	data, err := os.ReadFile(e.file)
	unchanged := err == nil && e.written != nil && string(data) == string(e.written)
	switch {
	case err != nil:
		return "", fmt.Errorf("read the edited card %s: %w", e.id, err)
	case editorErr != nil && unchanged:
		e.remove()
		return "", fmt.Errorf("the editor failed (%v); card %s is unchanged", editorErr, e.id)
	case editorErr != nil:
		return "", &editKept{e.id, e.file, fmt.Errorf("the editor failed (%v)", editorErr)}
	case unchanged:
		e.remove()
		return fmt.Sprintf("Card %s: the file was saved unchanged; nothing changed.", e.id), nil
	}
	t, err := cardedit.Parse(data)
	if errors.Is(err, cardedit.ErrEmpty) {
		e.remove()
		return fmt.Sprintf("Card %s: the file was emptied; nothing changed.", e.id), nil
	}
	if err != nil {
		var le *cardedit.LineError
		if errors.As(err, &le) {
			err = fmt.Errorf("%s:%d: %s", e.file, le.Line, le.Msg)
		} else {
			err = fmt.Errorf("%s: %w", e.file, err)
		}
		return "", &editKept{e.id, e.file, err}
	}
	if t == e.shown || e.written != nil && sameAsWritten(e.written, t) {
		e.remove()
		return fmt.Sprintf("Card %s: the text is as it was; nothing changed.", e.id), nil
	}
	st, err := open()
	if err != nil {
		return "", &editKept{e.id, e.file, err}
	}
	o, stored, err := st.SetOverride(e.id, t, now)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", &editKept{e.id, e.file, err}
	}
	e.remove()
	if !stored {
		return fmt.Sprintf("Card %s is worded as its notes word it again: its edit is dropped.", e.id), nil
	}
	what := changedParts(o.Base, t)
	return fmt.Sprintf("Card %s edited (%s): your wording stays, whatever the notes say at the next import; recall edit --reset %s goes back to the notes' text.", e.id, what, e.id), nil
}

// sameAsWritten reports whether t is what the file as written reads as:
// a card whose text the file cannot hold exactly (trailing blanks) is not
// changed by saving the file as it is.
func sameAsWritten(written []byte, t deck.Text) bool {
	w, err := cardedit.Parse(written)
	return err == nil && w == t
}

// remove deletes the temporary file of an edit that is done with it.
func (e *cardEdit) remove() {
	if e.written != nil || e.keptFile {
		os.Remove(e.file)
	}
}

// changedParts names the parts of the card an override words otherwise
// than the notes: "question and answer".
func changedParts(notes, t deck.Text) string {
	var parts []string
	if t.Context != notes.Context {
		parts = append(parts, "context")
	}
	if t.Question != notes.Question {
		parts = append(parts, "question")
	}
	if t.Answer != notes.Answer {
		parts = append(parts, "answer")
	}
	switch len(parts) {
	case 0:
		return "no part"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// fromFile is an edit of the card with the text of a file the user has
// (recall edit --from), which stays where it is, unless it is the file an
// earlier edit of the card kept.
func fromFile(st *storage.Store, id, file string) (*cardEdit, error) {
	e, err := loadEdit(st, id)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	e.file = abs
	tmp, err := filepath.Abs(os.TempDir())
	e.keptFile = err == nil && filepath.Dir(abs) == tmp && strings.HasPrefix(filepath.Base(abs), "recall-edit-"+e.id+"-")
	return e, nil
}
