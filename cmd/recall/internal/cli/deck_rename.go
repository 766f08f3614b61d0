package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/storage"
)

// deckRenameOptions are the arguments of recall deck rename.
type deckRenameOptions struct {
	root     *rootOptions
	old, new string
}

func newDeckRenameCmd(root *rootOptions) *cobra.Command {
	opts := &deckRenameOptions{root: root}
	cmd := &cobra.Command{
		Use:   "rename OLD NEW",
		Short: "Rename a deck, keeping every card's ID, schedule and history",
		Long: `Give deck OLD the name NEW. Every card keeps its ID, its schedule and its
reviews: card IDs come from an identity the deck got when it was made, not
from its name, so importing the same notes into NEW later adds nothing. A
shared deck keeps where it comes from, and "recall deck sync NEW" still
takes its new versions. Names are matched without regard to case; renaming
to another spelling of the same name ("work" to "Work") is allowed.`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.old, opts.new = a[0], a[1]
			return runDeckRename(opts)
		},
	}
	return cmd
}

func runDeckRename(opts *deckRenameOptions) error {
	env := opts.root.env
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	old, err := requireDeck(st, opts.old)
	if err != nil {
		return err
	}
	rec, err := st.RenameDeck(old, opts.new)
	if errors.Is(err, storage.ErrDeckNotFound) {
		return unknownDeck(st, opts.old)
	}
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	_, err = fmt.Fprintf(env.Out, "renamed deck %q to %q; its cards keep their IDs and history\n", old, rec.Name)
	return err
}
