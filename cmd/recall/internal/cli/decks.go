package cli

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// decksOptions are the flags of recall decks.
type decksOptions struct {
	root *rootOptions
	json bool
}

func newDecksCmd(root *rootOptions) *cobra.Command {
	opts := &decksOptions{root: root}
	cmd := &cobra.Command{
		Use:   "decks [--json]",
		Short: "List the decks with their card counts",
		Long: `List the decks by name with their cards (retired ones not counted), the new
cards waiting to be introduced (NEW), and today's queue of the deck as
recall review --deck would work through it: the new cards it introduces
(TODAY) and the reviews and re-drills due (DUE), within the daily limits
and the sibling rule (recall due --deck says what is held back and why).

The NOTES column lists the files and folders the deck was imported from,
which "recall import --deck NAME" reads again.

With --json it prints an array of {"name", "cards", "new", "new_today",
"due", "suspended", "retired", "notes"} objects.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runDecks(opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

// deckJSON is one deck in recall decks --json.
type deckJSON struct {
	Name      string `json:"name"`
	Cards     int    `json:"cards"`
	New       int    `json:"new"`
	NewToday  int    `json:"new_today"`
	Due       int    `json:"due"`
	Suspended int    `json:"suspended"`
	Retired   int    `json:"retired"`
	// Notes are the absolute paths the deck was imported from.
	Notes []string `json:"notes"`
}

func runDecks(opts *decksOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	st, err := opts.root.openStoreReadOnly()
	if err != nil {
		return err
	}
	var decks []storage.DeckInfo
	var today []int // new cards in each deck's queue today
	if st != nil {
		defer st.Close()
		cfg, err := opts.root.settings(st)
		if err != nil {
			return err
		}
		if decks, err = st.Decks(now, cfg); err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		// Due and new today come from today's queue, as recall due and
		// recall review --deck see it.
		for i := range decks {
			q, err := st.Queue(decks[i].Name, now, cfg)
			if err != nil {
				return fmt.Errorf("store %q: %w", st.Path(), err)
			}
			decks[i].Due = len(q.Again) + len(q.Review)
			today = append(today, len(q.New))
		}
	}
	if opts.json {
		out := make([]deckJSON, 0, len(decks))
		for i, d := range decks {
			out = append(out, deckJSON{Name: d.Name, Cards: d.Cards, New: d.New, NewToday: today[i], Due: d.Due,
				Suspended: d.Suspended, Retired: d.Retired, Notes: notePaths(d)})
		}
		return writeJSON(env.Out, out)
	}
	if len(decks) == 0 {
		_, err := fmt.Fprintln(env.Out, "no decks yet: recall import PATH adds the notes in PATH as a deck")
		return err
	}
	// On a terminal the note paths, then the names, give up width.
	table := &text.Table{Shrink: []text.Shrink{{Column: 5, Min: 12, KeepEnd: true}, {Column: 0, Min: 12}}}
	header := []string{"DECK", "CARDS", "NEW", "TODAY", "DUE"}
	for _, d := range decks {
		if len(d.Paths) > 0 {
			header = append(header, "NOTES")
			break
		}
	}
	table.Add(header...)
	for i, d := range decks {
		row := []string{text.OneLine(d.Name), strconv.Itoa(d.Cards), strconv.Itoa(d.New), strconv.Itoa(today[i]), strconv.Itoa(d.Due)}
		if paths := notePaths(d); len(paths) > 0 {
			row = append(row, text.OneLine(strings.Join(paths, ", ")))
		}
		table.Add(row...)
	}
	return table.Write(env.Out, opts.root.width())
}

// notePaths returns the paths a deck was imported from, absolute.
func notePaths(d storage.DeckInfo) []string {
	paths := make([]string, 0, len(d.Paths))
	for _, p := range d.Paths {
		paths = append(paths, filepath.Join(d.Root, filepath.FromSlash(p)))
	}
	return paths
}
