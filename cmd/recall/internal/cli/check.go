package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
)

// checkOptions are the flags of recall check (none beyond the root's).
type checkOptions struct {
	root *rootOptions
}

func newCheckCmd(root *rootOptions) *cobra.Command {
	opts := &checkOptions{root: root}
	return &cobra.Command{
		Use:   "check",
		Short: "Check the store for damage",
		Long: `Check the store: bbolt's own consistency check of the file, then recall's
invariants: every card in the due, new and order indexes exactly where its
schedule puts it, no index entry for a card that does not exist, and every
review in the log naming a known card. Prints nothing when all is well;
otherwise lists the problems and exits with status 1.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runCheck(opts) },
	}
}

func runCheck(opts *checkOptions) error {
	st, err := opts.root.openExistingStore()
	if err != nil {
		return err
	}
	defer st.Close()
	problems := st.Check()
	for _, p := range problems {
		fmt.Fprintf(opts.root.env.Out, "%s\n", tableCell(p.Error(), 500))
	}
	if len(problems) > 0 {
		return fmt.Errorf("store %q: %s found", st.Path(), stats.CountOf(len(problems), "problem"))
	}
	return nil
}
