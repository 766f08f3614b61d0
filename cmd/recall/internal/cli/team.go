package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/team"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// teamReportOptions are the flags of recall team report.
type teamReportOptions struct {
	root  *rootOptions
	files []string
	deck  string
	json  bool
	top   int
}

func newTeamCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "team",
		Short: "See how a team is doing on a deck",
		// Without a RunE cobra would print help and succeed on a
		// subcommand it does not know.
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usagef("recall team needs a command: report")
			}
			return usagef("unknown command %q for %q: the commands are report", a[0], cmd.CommandPath())
		},
	}
	cmd.AddCommand(newTeamReportCmd(root))
	return cmd
}

func newTeamReportCmd(root *rootOptions) *cobra.Command {
	opts := &teamReportOptions{root: root}
	cmd := &cobra.Command{
		Use:   "report FILE... [--deck NAME] [--json] [--top N]",
		Short: "Report the team's hardest cards, coverage and activity from progress files",
		Long: `Read the files members wrote with "recall progress export" for one deck and
show, with the card text from your own copy of the deck:

  Hardest cards  the cards the team lapses on most (lapse rate = lapses /
                 reviews), then those with the lowest mean easiness factor
                 (EF): the ideas that may need a conversation, not a drill;
  Coverage       how many cards every member, some or none has learned
                 (reviewed and scheduled a day or more ahead), and the least
                 learned cards;
  Members        each member's reviewed cards, reviews, lapses, learned
                 cards and last review day.

The card text comes from the deck of the same name in your store, or from
--deck NAME. Without it the cards are shown by ID. Cards a member has that
your deck lacks (retired, or from another version) are marked.

Progress files come from other people: each is checked in full (at most
8 MiB and 50000 cards, every field bounded) and refused whole if anything is
wrong. Members are named by their --as name, else by the file's name; two
files for the same member, or for different decks, are refused.

--top N limits the tables (default 10). With --json it prints every figure:
{"deck", "deck_known", "members": [...], "cards": [...], "coverage": {...},
"not_in_deck"}, with every card, hardest first.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.files = a
			return runTeamReport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "take the card text from this deck of your store (default: the files' deck)")
	f.BoolVar(&opts.json, "json", false, "print JSON with every figure")
	f.IntVar(&opts.top, "top", 10, "rows in the hardest and least-covered tables")
	return cmd
}

func runTeamReport(opts *teamReportOptions) error {
	env := opts.root.env
	if opts.top < 1 {
		return usagef("--top must be 1 or more, not %d", opts.top)
	}
	members := make([]team.Progress, len(opts.files))
	for i, file := range opts.files {
		p, err := readProgressFile(file)
		if err != nil {
			return err
		}
		members[i] = p
	}
	deckName := opts.deck
	if deckName == "" {
		deckName = members[0].Deck
	}
	deckCards, err := readDeckText(opts.root, deckName, opts.deck != "")
	if err != nil {
		return err
	}
	r, err := team.Report(deckCards, members, opts.files)
	if err != nil {
		return err
	}
	if deckCards == nil {
		fmt.Fprintf(env.ErrOut, "recall: no deck %q in the store: cards are shown by ID only\n", deckName)
	}
	if opts.json {
		return writeJSON(env.Out, r)
	}
	return writeTeamReport(env.Out, r, opts.top)
}

// readProgressFile reads and checks one member's progress file, reading no
// more than a progress file may hold.
func readProgressFile(path string) (team.Progress, error) {
	f, err := os.Open(path)
	if err != nil {
		return team.Progress{}, fmt.Errorf("read %q: %w", path, bareFileError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, team.MaxFileBytes+1))
	if err != nil {
		return team.Progress{}, fmt.Errorf("read %q: %w", path, bareFileError(err))
	}
	p, err := team.DecodeProgress(data)
	if err != nil {
		return team.Progress{}, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// bareFileError drops the operation and path an fs.PathError repeats, since
// the message names the file already.
func bareFileError(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// readDeckText returns the active cards of a deck in the store, in note
// order, or nil when there is no store or no such deck. A deck named with
// --deck (required) must exist.
func readDeckText(root *rootOptions, name string, required bool) ([]team.CardText, error) {
	st, err := root.openStoreReadOnly()
	if err != nil {
		return nil, err
	}
	var cards []team.CardText
	if st != nil {
		defer st.Close()
		err := st.ForEachCard(name, func(r storage.Record) error {
			if !r.Retired {
				cards = append(cards, team.CardText{ID: r.Card.ID, Front: r.Card.Front})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store %q: %w", st.Path(), err)
		}
	}
	if cards == nil && required {
		return nil, fmt.Errorf("no deck named %q with active cards in the store (recall decks lists them)", name)
	}
	return cards, nil
}

// writeTeamReport prints the three tables. Every name and front came from
// someone else's file or notes, so each is folded onto one line and cut to
// its width; the safeWriter every command prints through removes what a
// terminal could act on.
func writeTeamReport(out io.Writer, r team.TeamReport, top int) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	n := len(r.Members)
	fmt.Fprintf(w, "Team report: deck %s, %d %s, %d cards\n", text.Truncate(text.OneLine(fmt.Sprintf("%q", r.Deck)), 60), n, teamWord(n, "member", "members"), r.Coverage.Cards)

	fmt.Fprintf(w, "\nHardest cards\n")
	hardest := r.Hardest(top)
	if len(hardest) == 0 {
		fmt.Fprintln(w, "nobody has reviewed a card yet")
	} else {
		fmt.Fprintln(w, "RANK\tID\tLAPSE RATE\tMEAN EF\tREVIEWS\tLEARNED\tFRONT")
		for _, c := range hardest {
			fmt.Fprintf(w, "%d\t%s\t%.0f%%\t%.2f\t%d\t%d/%d\t%s\n",
				c.Rank, c.ID, 100*c.LapseRate, c.MeanEF, c.Reviews, c.Learned, n, cardFront(c))
		}
	}
	if r.NotInDeck > 0 {
		fmt.Fprintf(w, "%d %s in members' files %s not in your deck (retired, or another version of it)\n",
			r.NotInDeck, teamWord(r.NotInDeck, "card", "cards"), teamWord(r.NotInDeck, "is", "are"))
	}

	cov := r.Coverage
	fmt.Fprintf(w, "\nCoverage\n")
	fmt.Fprintf(w, "learned by every member:\t%d of %d\n", cov.All, cov.Cards)
	fmt.Fprintf(w, "learned by some:\t%d\n", cov.Some)
	fmt.Fprintf(w, "learned by none:\t%d\n", cov.None)
	if least := r.LeastCovered(top); len(least) > 0 {
		fmt.Fprintf(w, "\nLeast covered\n")
		fmt.Fprintln(w, "ID\tLEARNED\tREVIEWED\tFRONT")
		for _, c := range least {
			fmt.Fprintf(w, "%s\t%d/%d\t%d/%d\t%s\n", c.ID, c.Learned, n, c.Reviewed, n, cardFront(c))
		}
	}

	fmt.Fprintf(w, "\nMembers\n")
	fmt.Fprintln(w, "MEMBER\tEXPORTED\tREVIEWED\tREVIEWS\tLAPSES\tLEARNED\tLAST REVIEW")
	for _, m := range r.Members {
		last := m.LastReview
		if last == "" {
			last = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%d/%d\t%d\t%d\t%d\t%s\n",
			text.Truncate(text.OneLine(m.Name), 24), m.Day, m.Reviewed, m.Cards, m.Reviews, m.Lapses, m.Learned, last)
	}
	return w.Flush()
}

// cardFront is what the tables show for a card's text.
func cardFront(c team.CardStats) string {
	switch {
	case c.NotInDeck:
		return "(not in your deck)"
	case c.Front == "":
		return "-"
	}
	return text.TruncateTail(text.OneLine(c.Front), frontWidth)
}

// teamWord picks the word for n.
func teamWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
