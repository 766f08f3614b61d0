package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// deckListOptions are the flags of recall deck list.
type deckListOptions struct {
	root *rootOptions
	json bool
}

func newDeckListCmd(root *rootOptions) *cobra.Command {
	opts := &deckListOptions{root: root}
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List decks with their origin, version, publisher key and card counts",
		Long: `List every deck: where it comes from (your notes, or the file or URL a
shared deck was added from), the installed version and its date, the
publisher key it must be signed with ("-" if none was trusted), and its
cards: active, new, due now and retired.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runDeckList(opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

// deckListJSON is one deck in recall deck list --json.
type deckListJSON struct {
	Name         string `json:"name"`
	Shared       bool   `json:"shared"`
	Origin       string `json:"origin,omitempty"`
	Version      uint64 `json:"version,omitempty"`
	Date         string `json:"date,omitempty"`
	Author       string `json:"author,omitempty"`
	PublisherKey string `json:"publisher_key,omitempty"`
	// KeyPinnedOnFirstUse: the publisher key was not given with --trust
	// but taken from the first signed version received.
	KeyPinnedOnFirstUse bool   `json:"key_pinned_on_first_use,omitempty"`
	Signer              string `json:"signer,omitempty"`
	Cards               int    `json:"cards"`
	New                 int    `json:"new"`
	Due                 int    `json:"due"`
	Suspended           int    `json:"suspended"`
	Retired             int    `json:"retired"`
}

func runDeckList(opts *deckListOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	st, cfg, done, err := opts.root.openForReading()
	if err != nil {
		return err
	}
	defer done()
	var rows []deckListJSON
	if st != nil {
		decks, err := st.Decks(now, cfg)
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		subs, err := st.Subscriptions()
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		bySub := make(map[string]storage.Subscription, len(subs))
		for _, s := range subs {
			bySub[s.Deck] = s
		}
		for _, d := range decks {
			row := deckListJSON{Name: d.Name, Cards: d.Cards, New: d.New, Due: d.Due, Suspended: d.Suspended, Retired: d.Retired}
			if s, ok := bySub[d.Name]; ok {
				row.Shared, row.Origin, row.Version, row.Date = true, s.Origin, s.Version, s.Date
				row.Author, row.PublisherKey, row.Signer = s.Author, s.PublisherKey, s.Signer
				row.KeyPinnedOnFirstUse = s.TrustedOnFirstUse
				delete(bySub, d.Name)
			}
			rows = append(rows, row)
		}
		for _, s := range subs { // shared decks whose every card is gone
			if _, left := bySub[s.Deck]; left {
				rows = append(rows, deckListJSON{Name: s.Deck, Shared: true, Origin: s.Origin, Version: s.Version,
					Date: s.Date, Author: s.Author, PublisherKey: s.PublisherKey, Signer: s.Signer})
			}
		}
	}
	if opts.json {
		if rows == nil {
			rows = []deckListJSON{}
		}
		return writeJSON(env.Out, rows)
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(env.Out, "no decks yet: recall import PATH makes one from notes, recall deck add FILE|URL adds a shared one")
		return err
	}
	// On a terminal the origin, the key and then the name give up width;
	// piped, every value is printed in full (the key whole, to compare).
	table := &text.Table{Shrink: []text.Shrink{{Column: 7, Min: 12, KeepEnd: true}, {Column: 6, Min: 12}, {Column: 0, Min: 12}}}
	table.Add("DECK", "VERSION", "CARDS", "NEW", "DUE", "RETIRED", "KEY", "ORIGIN")
	for _, r := range rows {
		version, key, origin := "-", "-", "notes"
		if r.Shared {
			version = strconv.FormatUint(r.Version, 10) + " (" + r.Date + ")"
			origin = displayOrigin(r.Origin)
			if r.PublisherKey != "" {
				key = text.OneLine(r.PublisherKey)
			}
		}
		table.Add(text.OneLine(r.Name), version, strconv.Itoa(r.Cards), strconv.Itoa(r.New), strconv.Itoa(r.Due), strconv.Itoa(r.Retired), key, text.OneLine(origin))
	}
	return table.Write(env.Out, opts.root.width())
}
