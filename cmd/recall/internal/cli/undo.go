package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// undoOptions are the flags of recall undo (none beyond the root's).
type undoOptions struct {
	root *rootOptions
}

func newUndoCmd(root *rootOptions) *cobra.Command {
	opts := &undoOptions{root: root}
	return &cobra.Command{
		Use:   "undo",
		Short: "Undo the last review",
		Long: `Undo the newest review in the log: the card gets back the schedule it had
before, exactly, and the review leaves the log. Run it again to undo the
review before that.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runUndo(opts) },
	}
}

func runUndo(opts *undoOptions) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	e, err := st.Undo()
	if errors.Is(err, storage.ErrNothingToUndo) {
		return errors.New("nothing to undo: the review log is empty")
	}
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	cfg, err := opts.root.settings(st)
	if err != nil {
		return err
	}
	front := ""
	if r, err := st.Card(e.CardID); err == nil {
		front = " " + text.TruncateTail(text.OneLine(r.Card.Front), frontWidth)
	}
	_, err = fmt.Fprintf(opts.root.env.Out, "undid grade %d (%s) of card %s%s, reviewed %s\n",
		e.Grade, e.Grade.Meaning(), e.CardID, front, formatTime(e.Time, cfg))
	return err
}
