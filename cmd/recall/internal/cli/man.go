package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type manOptions struct {
	root *rootOptions
	dir  string
}

// newManCmd writes recall's man pages, one per command, for packagers and
// for users who want "man recall".
func newManCmd(root *rootOptions) *cobra.Command {
	opts := &manOptions{root: root}
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write the man pages (recall.1, recall-review.1, ...) into DIR",
		Long: `Write one man page per command into DIR, creating it if need be.
To read them with man, put them in a man1 folder on MANPATH, for example:

  recall man ~/.local/share/man/man1`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.dir = a[0]
			return runMan(opts, cmd.Root())
		},
	}
}

func runMan(opts *manOptions, root *cobra.Command) error {
	if err := os.MkdirAll(opts.dir, 0o755); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	header := &doc.GenManHeader{Title: "RECALL", Section: "1", Source: "recall " + Version}
	// The date comes from the injected clock, so the pages are reproducible.
	now, err := opts.root.env.Clock()
	if err != nil {
		return err
	}
	header.Date = &now
	root.DisableAutoGenTag = true
	if err := doc.GenManTree(root, header, opts.dir); err != nil {
		return fmt.Errorf("man pages in %q: %w", opts.dir, err)
	}
	return nil
}
