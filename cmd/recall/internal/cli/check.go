package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// checkOptions are the flags of recall check.
type checkOptions struct {
	root    *rootOptions
	salvage string
}

func newCheckCmd(root *rootOptions) *cobra.Command {
	opts := &checkOptions{root: root}
	cmd := &cobra.Command{
		Use:   "check [--salvage NEW.db]",
		Short: "Check the store for damage",
		Long: `Check the store: its page tree read page by page (every page inside the
file, of a known kind, reached once), bbolt's own consistency check of the
file, then recall's invariants: every card in the due, new and order indexes exactly where its
schedule puts it, no index entry for a card that does not exist, and every
review in the log naming a known card. Prints nothing when all is well;
otherwise lists the problems and exits with status 1. A damaged review log
entry is named here; other commands skip it with a warning.

With --salvage NEW.db, a damaged store is rescued instead: every card,
review, setting and deck record that can still be read is written to the
new store NEW.db (which must not exist), the indexes rebuilt, and what was
dropped is listed. The store is read page by page: a file cut short or a
broken page loses only the records on the pages that are gone, and when
its tree is broken the remaining pages are searched one by one for cards,
schedules and reviews. Reviews of cards that were lost are kept; importing
their notes again brings those cards back with their schedules. The
damaged store is only read.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if opts.salvage != "" {
				return runSalvage(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.salvage, "salvage", "", "write what can be read of a damaged store to this new file")
	return cmd
}

func runSalvage(opts *checkOptions) error {
	env := opts.root.env
	from, err := opts.root.storePath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("no store at %q to salvage", from)
	}
	rep, err := storage.Salvage(from, opts.salvage)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Out, "salvaged %s and %s from %s into %s\n",
		stats.CountOf(rep.Cards, "card"), stats.CountOf(rep.Reviews, "review"), from, opts.salvage)
	if len(rep.Dropped) == 0 {
		fmt.Fprintln(env.Out, "nothing was dropped")
	}
	for _, d := range rep.Dropped {
		fmt.Fprintf(env.Out, "dropped: %s\n", tableCell(d, 300))
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(env.Out, "note: %s\n", tableCell(n, 300))
	}
	st, err := storage.Open(opts.salvage, storage.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	for _, p := range st.Check() {
		fmt.Fprintf(env.Out, "the new store has a problem left: %s\n", tableCell(p.Error(), 300))
	}
	fmt.Fprintf(env.Out, "use it with recall --db %s, or move it over the damaged store while no recall runs\n", opts.salvage)
	return nil
}

func runCheck(opts *checkOptions) error {
	st, err := opts.root.openExistingStore()
	if err != nil {
		return err
	}
	defer st.Close()
	problems := st.Check()
	for _, p := range problems {
		fmt.Fprintf(opts.root.env.Out, "%s\n", text.Truncate(text.OneLine(p.Error()), 500))
	}
	if len(problems) > 0 {
		return fmt.Errorf("store %q: %s found", st.Path(), stats.CountOf(len(problems), "problem"))
	}
	return nil
}
