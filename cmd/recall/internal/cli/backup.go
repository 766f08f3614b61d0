package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/files"
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
		Use:   "backup FILE|- [--force]",
		Short: "Copy the store to a file",
		Long: `Write a consistent copy of the store to FILE, while other readers may use it.
The copy is written to a file beside FILE that has no name until it is
complete and synced to disk, and only then is named FILE, so an interrupted
backup leaves nothing behind. An existing FILE is kept unless --force is
given. The copy is private (mode 0600). "-" writes the copy to standard
output; the store itself is refused under any name.

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
	o := opts.root.outputOptions(files.Private)
	o.NoClobber = !opts.force
	out, err := files.Create(opts.path, o)
	if err == nil {
		defer out.Close()
		_, err = st.WriteBackup(out)
		if err == nil {
			err = out.Commit()
		}
	}
	if errors.Is(err, files.ErrExists) {
		return fmt.Errorf("backup to %q: the file exists; use --force to overwrite it", opts.path)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
