package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/content"
)

// importOptions are the flags of recall import.
type importOptions struct {
	root    *rootOptions
	deck    string
	dryRun  bool
	reverse bool
	paths   []string
}

func newImportCmd(root *rootOptions) *cobra.Command {
	opts := &importOptions{root: root}
	cmd := &cobra.Command{
		Use:   "import [--deck NAME] [--dry-run] [--reverse] PATH...",
		Short: "Make cards from markdown notes, or update them",
		Long: `Make cards from the markdown notes in PATH (files, or folders searched
recursively for *.md) into one deck, named after the folder (for a file, the
folder holding it) unless --deck names it.

Importing again merges: cards whose text changed are updated in place and
keep their schedule and history; cards whose item left the notes are retired
(kept with their history, out of the queue, back if the item returns); a
card whose ID changed but whose item is clearly the same (same note and
term, or a reworded term with nearly the same definition) is relinked, not
made anew. Importing unchanged notes changes nothing.

It prints "added N, updated M, unchanged K, retired R, relinked L".
--dry-run prints what would happen and changes nothing. --reverse also makes
reverse cards (definition → term); import with the same choice every time,
or the reverse cards are retired.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, paths []string) error {
			opts.paths = paths
			return runImport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "deck name (default: the folder's name)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "show what would change, change nothing")
	f.BoolVar(&opts.reverse, "reverse", false, "also make reverse cards (definition → term)")
	return cmd
}

func runImport(opts *importOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	deckName := opts.deck
	if deckName == "" {
		if deckName, err = defaultDeckName(opts.paths[0]); err != nil {
			return err
		}
	}
	// readNotes reports each path it cannot use on stderr and fails only
	// when no note at all could be read.
	files, err := readNotes(env, opts.paths)
	if err != nil {
		return err
	}
	res := content.Generate(files, content.Options{Deck: deckName, Reverse: opts.reverse})
	for _, p := range res.Problems {
		fmt.Fprintf(env.ErrOut, "recall: %s\n", tableCell(p.Error(), 500))
	}
	if len(res.Cards) == 0 {
		// Importing nothing would retire every card of the deck: a
		// mistake far more often than an intent.
		return fmt.Errorf("the notes in %s made no cards; deck %q left as it was", quoteList(opts.paths), deckName)
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := st.Import(deckName, res.Cards, now, opts.dryRun)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	suffix := ""
	if opts.dryRun {
		suffix = " (dry run: nothing changed)"
	}
	_, err = fmt.Fprintf(env.Out, "added %d, updated %d, unchanged %d, retired %d, relinked %d%s\n",
		sum.Added, sum.Updated, sum.Unchanged, sum.Retired, sum.Relinked, suffix)
	return err
}

// defaultDeckName names a deck after the folder given, or the folder holding
// the file given.
func defaultDeckName(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	name := filepath.Base(abs)
	if name == string(filepath.Separator) || name == "." || name == "" {
		return "", errors.New("cannot name the deck after the root folder; give --deck NAME")
	}
	return name, nil
}

func quoteList(paths []string) string {
	s := ""
	for i, p := range paths {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", p)
	}
	return s
}
