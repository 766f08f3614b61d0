package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/deck/apkg"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/storage"
)

// importAnkiOptions are the flags of recall import-anki.
type importAnkiOptions struct {
	root *rootOptions
	deck string
	path string
}

func newImportAnkiCmd(root *rootOptions) *cobra.Command {
	opts := &importAnkiOptions{root: root}
	cmd := &cobra.Command{
		Use:   "import-anki FILE.apkg|FILE.colpkg [--deck NAME]",
		Short: "Bring in Anki decks with their schedules and review history",
		Long: `Bring in the notes of an Anki package (.apkg, or a whole collection, .colpkg)
as recall cards, each with the schedule and the review history it had in
Anki, so you can move to recall without starting over. Anki 2.1.50 and later
(collection.anki21b) and older packages (collection.anki21, .anki2) are read.

Cards: a Basic note's card asks the Front and answers the Back; the second
card of "Basic (and reversed card)" the other way round; a Cloze note makes
one card per cloze number, the cloze hidden as [...]. Fields become clean
text (tags dropped, entities decoded, line breaks kept, sounds and images
shown as "(media)"). Tags are kept, and each card goes to a deck named as its
Anki deck ("A::B"), or to --deck NAME.

Schedules become SM-2: interval = ivl, EF = factor/1000 (at least 1.3), the
due day, repetitions and lapses; learning cards are due at once, new cards
new, suspended and buried cards stay so. Anki's answers become recall's
grades: Again 1, Hard 3, Good 4, Easy 5; so recall stats shows the history.

Importing the same package again changes no schedule and adds no review: a
card is known by its note's GUID and its card number, and only its text is
updated. A package recall wrote (export anki --with-progress) gives its cards
back under their own recall IDs, in their own deck, with their siblings
(from the hidden RecallID field, which survives a trip through Anki), and,
for every note and schedule not changed since, exactly as they were; a card
this store already has under such an ID is left as it is. Media files are counted, not copied. A damaged or hostile package
(too large, too many rows, overlong fields, a zip bomb, paths outside the
package) is refused with the store unchanged.

It prints "added N, updated M, unchanged K, reviews R".`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.path = a[0]
			return runImportAnki(opts)
		},
	}
	cmd.Flags().StringVar(&opts.deck, "deck", "", "put every card in this deck (default: its Anki deck)")
	return cmd
}

func runImportAnki(opts *importAnkiOptions) error {
	env := opts.root.env
	now, err := env.Clock()
	if err != nil {
		return err
	}
	if opts.deck != "" && strings.TrimSpace(opts.deck) == "" {
		return usagef("--deck: the deck name is empty")
	}
	pkg, err := readAnkiPackage(opts.path)
	if err != nil {
		return err
	}
	st, cfg, err := opts.root.openStoreSettings()
	if err != nil {
		return err
	}
	defer st.Close()
	adopted, skipped, err := pkg.Adopt(apkg.AdoptOptions{Deck: opts.deck, Settings: cfg, Now: now})
	if err != nil {
		return fmt.Errorf("%s: %w", opts.path, err)
	}
	if len(adopted) == 0 {
		return fmt.Errorf("%s: no cards with text in it; nothing imported", opts.path)
	}
	cards := make([]storage.AdoptedCard, len(adopted))
	for i, a := range adopted {
		log := make([]storage.LogEntry, len(a.Reviews))
		for j, r := range a.Reviews {
			log[j] = storage.LogEntry{CardID: r.CardID, Time: r.Time, Grade: r.Grade, Prev: r.Prev, Next: r.Next, Answer: r.Answer, Seq: uint64(max(r.RevlogID, 0))}
		}
		cards[i] = storage.AdoptedCard{Card: a.Card, State: a.State, Log: log, Claimed: a.Claimed, DeckIdentity: a.DeckIdentity}
		if e := a.Edit; e != nil {
			cards[i].Edit = &storage.Override{Text: e.Text, Base: e.Base, Edited: e.Edited, Shared: e.Shared}
		}
	}
	sum, err := st.Adopt(cards, now)
	if err != nil {
		return fmt.Errorf("%s: %w; nothing imported", opts.path, err)
	}
	if _, err := fmt.Fprintf(env.Out, "added %d, updated %d, unchanged %d, reviews %d\n", sum.Added, sum.Updated, sum.Unchanged, sum.Reviews); err != nil {
		return fmt.Errorf("write to standard output: %w", err)
	}
	var notes []string
	if n := len(pkg.Media); n > 0 {
		names := pkg.Media[:min(n, 5)]
		list := make([]string, len(names))
		for i, name := range names {
			list[i] = text.Truncate(text.OneLine(name), 80)
		}
		more := ""
		if n > len(names) {
			more = ", …"
		}
		notes = append(notes, fmt.Sprintf("%d media files not copied (shown as \"(media)\"): %s%s", n, strings.Join(list, ", "), more))
	}
	if sum.Kept > 0 {
		notes = append(notes, fmt.Sprintf("%d cards have recall IDs this store has already; those cards were left as they are", sum.Kept))
	}
	if skipped.Empty > 0 {
		notes = append(notes, fmt.Sprintf("left out %d cards without text", skipped.Empty))
	}
	if skipped.Orphans > 0 {
		notes = append(notes, fmt.Sprintf("left out %d cards without their note or reviews without their card", skipped.Orphans))
	}
	for _, n := range notes {
		fmt.Fprintf(env.ErrOut, "recall: %s: %s\n", opts.path, n)
	}
	return nil
}

// readAnkiPackage opens and reads the package, errors naming the file.
func readAnkiPackage(path string) (*apkg.Package, error) {
	f, err := os.Open(path)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not an Anki package", path)
	}
	pkg, err := apkg.Read(f, info.Size(), apkg.DefaultLimits())
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, err.Error())
	}
	return pkg, nil
}
