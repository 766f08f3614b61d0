package cli

import (
	"github.com/spf13/cobra"
)

// suspendOptions are the arguments of recall suspend and recall unsuspend.
type suspendOptions struct {
	root    *rootOptions
	suspend bool
	ids     []string
}

func newSuspendCmd(root *rootOptions) *cobra.Command {
	return suspendCmd(root, true, "suspend ID...", "Take cards out of the review queue",
		`Suspend cards by ID (or a unique start of one, as recall cards shows them):
they stay in the store with their history but are not shown until
unsuspended. If any ID is unknown nothing is suspended.`)
}

func newUnsuspendCmd(root *rootOptions) *cobra.Command {
	return suspendCmd(root, false, "unsuspend ID...", "Put suspended cards back in the review queue",
		`Unsuspend cards by ID, leeches included: they return to the queue where
their schedule left them. If any ID is unknown nothing is changed.`)
}

func suspendCmd(root *rootOptions, suspend bool, use, short, long string) *cobra.Command {
	opts := &suspendOptions{root: root, suspend: suspend}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, ids []string) error {
			opts.ids = ids
			return runSuspend(opts)
		},
	}
}

func runSuspend(opts *suspendOptions) error {
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	// The error names the unknown ID; the store's path would only be noise.
	return st.SetSuspended(opts.ids, opts.suspend)
}
