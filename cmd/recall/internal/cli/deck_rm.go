package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/storage"
)

// deckRmOptions are the flags of recall deck rm.
type deckRmOptions struct {
	root *rootOptions
	name string
	yes  bool
}

func newDeckRmCmd(root *rootOptions) *cobra.Command {
	opts := &deckRmOptions{root: root}
	cmd := &cobra.Command{
		Use:   "rm NAME [--yes]",
		Short: "Remove a deck and its cards; the review log keeps their reviews",
		Long: `Remove deck NAME: its cards, their schedules and, for a shared deck, where
it came from. The review log is never cut: the deck's reviews stay in it and
in "recall log export". Removing is not forgetting: importing the same notes
(or adding the same deck file) later brings back each card's schedule. On a
terminal recall asks first; otherwise --yes is required.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.name = a[0]
			return runDeckRm(opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.yes, "yes", "y", false, "remove without asking")
	return cmd
}

func runDeckRm(opts *deckRmOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	interactive := env.StdinIsTerminal && env.StdoutIsTerminal
	if !opts.yes && !interactive {
		return usagef("recall deck rm removes deck %q; not on a terminal, so --yes is required", opts.name)
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.name, err = requireDeck(st, opts.name); err != nil {
		return err
	}
	cfg, err := opts.root.settings(st)
	if err != nil {
		return err
	}
	cards := -1
	decks, err := st.Decks(now, cfg)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	for _, d := range decks {
		if d.Name == opts.name {
			cards = d.Cards + d.Retired
		}
	}
	if !opts.yes {
		fmt.Fprintf(env.Out, "Remove deck %q and its %s? Their reviews stay in the log. [y/N] ", opts.name, stats.CountOf(max(cards, 0), "card"))
		answer, _ := bufio.NewReader(env.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			_, err := fmt.Fprintln(env.Out, "Nothing removed.")
			return err
		}
	}
	n, err := st.RemoveDeck(opts.name)
	if errors.Is(err, storage.ErrDeckNotFound) {
		return fmt.Errorf("no deck named %q (recall deck list shows them)", opts.name)
	}
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	_, err = fmt.Fprintf(env.Out, "removed deck %q (%s); its reviews stay in the log, and importing or adding it again brings back their schedules\n", opts.name, stats.CountOf(n, "card"))
	return err
}
