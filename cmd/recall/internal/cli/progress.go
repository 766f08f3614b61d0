package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/team"
	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// progressExportOptions are the flags of recall progress export.
type progressExportOptions struct {
	root   *rootOptions
	deck   string
	as     string
	output string
}

func newProgressCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Share your progress on a deck with your team",
		// Without a RunE cobra would print help and succeed on a
		// subcommand it does not know.
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usagef("recall progress needs a command: export")
			}
			return usagef("unknown command %q for %q: the commands are export", a[0], cmd.CommandPath())
		},
	}
	cmd.AddCommand(newProgressExportCmd(root))
	return cmd
}

func newProgressExportCmd(root *rootOptions) *cobra.Command {
	opts := &progressExportOptions{root: root}
	cmd := &cobra.Command{
		Use:   "export [--deck NAME] [--as NAME] [-o FILE]",
		Short: "Write a small file of per-card progress for a team report",
		Long: `Write your progress on one deck as a small JSON file to hand to whoever runs
"recall team report" (a manager, a study group). --deck may be left out when
the store has one deck.

The file lists every active card of the deck by ID with its number of
reviews, lapses, current interval and easiness factor (EF), last grade and
the day of the last review. It holds no card text and no time finer than a
day (days are your review days, which start at the rollover hour), and your
name only if you give one with --as; without it the report names you after
the file.

The file goes to standard output unless -o names a file; files are replaced
whole, never left half-written.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runProgressExport(opts) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "the deck to export (needed when the store has more than one)")
	f.StringVar(&opts.as, "as", "", "your name in the team report (default: none; the report uses the file's name)")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func runProgressExport(opts *progressExportOptions) error {
	if opts.as != "" {
		if err := team.CheckName(opts.as); err != nil {
			return usagef("--as: %v", err)
		}
	}
	v, err := opts.root.openReadExisting(opts.deck)
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	deckName, err := progressDeck(st, v.deck, now, cfg)
	if err != nil {
		return err
	}
	p, err := readProgress(st, deckName, cfg)
	if err != nil {
		return err
	}
	p.Member = opts.as
	p.Day = cfg.Day(now)
	data, err := team.EncodeProgress(p)
	if err != nil {
		return fmt.Errorf("deck %q: %w", deckName, err)
	}
	return opts.root.writeOutput(opts.output, data, files.Private)
}

// progressDeck returns the deck to export: name (--deck, which openRead
// has resolved) if it is not "", else the store's only deck. More than one
// deck without --deck is a usage error listing them.
func progressDeck(st *storage.Store, name string, now time.Time, cfg scheduler.Settings) (string, error) {
	if name != "" {
		return name, nil
	}
	decks, err := st.Decks(now, cfg)
	if err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	names := make([]string, len(decks))
	for i, d := range decks {
		names[i] = fmt.Sprintf("%q", d.Name)
	}
	switch {
	case len(decks) == 0:
		return "", errNoCards
	case len(decks) > 1:
		return "", usagef("the store has %d decks: choose one with --deck (%s)", len(decks), strings.Join(names, ", "))
	}
	return decks[0].Name, nil
}

// readProgress gathers the aggregates of every active card of the deck: the
// schedule from the card's state, the review count and last grade from one
// pass over the log, whose entries carry each card's current ID.
func readProgress(st *storage.Store, deckName string, cfg scheduler.Settings) (team.Progress, error) {
	p := team.Progress{Deck: deckName}
	index := make(map[string]int)
	err := st.ForEachCard(deckName, func(r storage.Record) error {
		if r.Retired {
			return nil
		}
		s := r.State
		c := team.CardProgress{
			ID: r.Card.ID, Lapses: s.Lapses, IntervalDays: s.IntervalDays,
			// SM-2 sets no ceiling on EF; the file caps it where no real
			// schedule reaches (75 perfect answers in a row, centuries apart).
			EF: min(s.Ease().Float(), team.MaxEF),
		}
		if !s.IsNew() {
			c.LastReview = cfg.Day(s.LastReview)
		}
		index[c.ID] = len(p.Cards)
		p.Cards = append(p.Cards, c)
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	err = st.ForEachLog(func(e storage.LogEntry) error {
		i, ok := index[e.CardID]
		if !ok {
			return nil
		}
		g := int(e.Grade)
		p.Cards[i].Reviews++
		p.Cards[i].LastGrade = &g
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("store %q: read the review log: %w", st.Path(), err)
	}
	sub, ok, err := st.Subscription(deckName)
	if err != nil {
		return p, fmt.Errorf("store %q: subscription of deck %q: %w", st.Path(), deckName, err)
	}
	if ok {
		p.DeckVersion = sub.Version
	}
	return p, nil
}
