package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
)

// editOptions are the flags of recall edit.
type editOptions struct {
	root  *rootOptions
	id    string
	reset bool
	show  bool
	keep  bool
	from  string
	// runEditor runs the editor on a file and waits for it; nil runs the
	// user's ($EDITOR, $VISUAL, vi) on the terminal.
	runEditor func(file string) error
}

func newEditCmd(root *rootOptions) *cobra.Command {
	opts := &editOptions{root: root}
	cmd := &cobra.Command{
		Use:   "edit ID [--reset | --show | --keep | --from FILE]",
		Short: "Word a card your own way, in your editor",
		Long: `Open the card with this ID (or a unique start of one, as recall cards shows
them) in your editor ($EDITOR, else $VISUAL, else vi) as a small text file
with a [context], a [question] and an [answer] section. What you save is
kept as the card's override: the card is shown, reviewed, packed (recall deck
pack) and exported (recall export anki) with your wording, its schedule and
history stay as they were, and no import of the notes changes it. Saving the
file unchanged, or empty, changes nothing. A file that cannot be taken (a
section removed, an empty question or answer) is reported with its line and
kept, so what you wrote is not lost; --from FILE takes it once fixed.

When the notes' text for an edited card changes later, the edit is kept and
flagged: recall cards marks the card, --show prints your text beside the
notes', --keep keeps your edit over the notes' new text (the flag goes) and
--reset drops your edit and gives the card the notes' text back.

During a review, e (details) then c edits the card on screen the same way.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.id = a[0]
			return runEdit(opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.reset, "reset", false, "drop your edit: the card takes its notes' text again")
	f.BoolVar(&opts.show, "show", false, "print the card as you worded it and as its notes word it")
	f.BoolVar(&opts.keep, "keep", false, "keep your edit over the notes' changed text: it is no longer flagged")
	f.StringVar(&opts.from, "from", "", "take the card's text from this `FILE` (as the editor would leave it) instead of opening the editor")
	cmd.MarkFlagsMutuallyExclusive("reset", "show", "keep", "from")
	return cmd
}

func runEdit(opts *editOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	if opts.reset {
		return runEditReset(opts)
	}
	if opts.keep {
		return runEditKeep(opts, now)
	}
	st, err := opts.root.openExistingStore()
	if err != nil {
		return err
	}
	if opts.show {
		defer st.Close()
		return showEdit(env.Out, st, opts.id)
	}
	var e *cardEdit
	if opts.from != "" {
		e, err = fromFile(st, opts.id, opts.from)
	} else {
		e, err = beginEdit(st, opts.id)
	}
	// The store is not held while the editor is open: a review or an
	// import may run meanwhile.
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	var editorErr error
	if opts.from == "" {
		editorErr = opts.editor()(e.file)
	}
	notice, err := e.finish(opts.root.openStore, now, editorErr)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Out, notice)
	return nil
}

// editor returns what runs the editor on a file.
func (opts *editOptions) editor() func(string) error {
	if opts.runEditor != nil {
		return opts.runEditor
	}
	newCmd := editorOn(opts.root.env)
	return func(file string) error {
		cmd, err := newCmd(file)
		if err != nil {
			return err
		}
		return cmd.Run()
	}
}

func runEditReset(opts *editOptions) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	o, dropped, err := st.ResetOverride(opts.id)
	if err != nil {
		return err
	}
	r, err := st.Card(opts.id)
	if err != nil {
		return err
	}
	out := opts.root.env.Out
	if !dropped {
		fmt.Fprintf(out, "Card %s has no edit of yours; nothing changed.\n", r.Card.ID)
		return nil
	}
	fmt.Fprintf(out, "Card %s: dropped your edit of its %s (made %s), which read:\n", r.Card.ID, changedParts(o.Base, o.Text), o.Edited.Format(time.DateOnly))
	printText(out, "  ", o.Text, o.Base)
	fmt.Fprintln(out, "It has its notes' text again:")
	printText(out, "  ", deck.TextOf(r.Card), deck.Text{})
	return nil
}

func runEditKeep(opts *editOptions, now time.Time) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	ce, err := st.CardEdit(opts.id)
	if err != nil {
		return err
	}
	id, out := ce.Notes.Card.ID, opts.root.env.Out
	switch {
	case ce.Override == nil:
		return fmt.Errorf("card %s has no edit of yours to keep", id)
	case !ce.Override.Stale(ce.Notes.Card):
		fmt.Fprintf(out, "Card %s: the notes' text has not changed since your edit; nothing changed.\n", id)
		return nil
	}
	if _, _, err := st.KeepOverride(id, now); err != nil {
		return err
	}
	fmt.Fprintf(out, "Card %s keeps your edit over the notes' new text; it is flagged again only if the notes change once more.\n", id)
	return nil
}

// showEdit prints the card as the user worded it and as its notes word it
// now, and when the notes' wording changed since the edit, as they worded
// it then.
func showEdit(out io.Writer, st *storage.Store, id string) error {
	ce, err := st.CardEdit(id)
	if err != nil {
		return err
	}
	c := ce.Notes.Card
	notes := deck.TextOf(c)
	if ce.Override == nil {
		fmt.Fprintf(out, "Card %s (deck %q) has no edit of yours; its notes word it:\n", c.ID, c.Deck)
		printText(out, "  ", notes, deck.Text{})
		return nil
	}
	o := ce.Override
	origin := "your edit"
	if o.Shared {
		origin = "the edit its shared deck came with"
	}
	fmt.Fprintf(out, "Card %s (deck %q) is shown with %s of %s:\n", c.ID, c.Deck, origin, o.Edited.Format(time.DateOnly))
	printText(out, "  ", o.Text, deck.Text{})
	if o.Stale(c) {
		fmt.Fprintln(out, "The notes' text changed since. They now say:")
		printText(out, "  ", notes, deck.Text{})
		fmt.Fprintln(out, "and said, when it was edited:")
		printText(out, "  ", o.Base, deck.Text{})
		fmt.Fprintf(out, "Keep your edit as it is, change it (recall edit %s), or drop it for the notes' new text (recall edit --reset %s).\n", c.ID, c.ID)
		return nil
	}
	fmt.Fprintln(out, "Its notes word it:")
	printText(out, "  ", notes, deck.Text{})
	fmt.Fprintf(out, "recall edit --reset %s drops your edit.\n", c.ID)
	return nil
}

// printText prints a card's wording, one labelled line a part; with
// base, only the parts that differ from it (all when none does).
func printText(out io.Writer, indent string, t, base deck.Text) {
	all := t == base || base == (deck.Text{})
	for _, p := range []struct{ name, text, base string }{
		{"Context", t.Context, base.Context}, {"Question", t.Question, base.Question}, {"Answer", t.Answer, base.Answer},
	} {
		if all || p.text != p.base {
			fmt.Fprintf(out, "%s%s: %s\n", indent, p.name, indentLines(p.text, indent+"  "))
		}
	}
}
