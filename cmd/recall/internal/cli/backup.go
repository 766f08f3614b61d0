package cli

import (
	"github.com/spf13/cobra"
)

// backupOptions are the flags of recall backup.
type backupOptions struct {
	root  *rootOptions
	force bool
	path  string
}

func newBackupCmd(root *rootOptions) *cobra.Command {
	opts := &backupOptions{root: root}
	cmd := &cobra.Command{
		Use:   "backup FILE [--force]",
		Short: "Copy the store to a file",
		Long: `Write a consistent copy of the store to FILE, while other readers may use it.
The copy is written to a temporary file beside FILE, synced to disk, and
only then named FILE. An existing FILE is kept unless --force is given.

To restore, point recall at the copy (--db FILE) or copy it over the store
while no recall is running.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.path = a[0]
			return runBackup(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runBackup(opts *backupOptions) error {
	st, err := opts.root.openExistingStore()
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Backup(opts.path, opts.force)
}
