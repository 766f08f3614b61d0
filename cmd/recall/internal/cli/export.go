package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/deck/apkg"
	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/storage"
)

// errNoCards is what export says when there is nothing to export; it never
// creates a store just to find it empty.
var errNoCards = errors.New("no cards: run recall import or recall review first")

// exportAnkiOptions are the flags of recall export anki.
type exportAnkiOptions struct {
	root         *rootOptions
	deck         string
	output       string
	deckPrefix   string
	noteType     string
	withProgress bool
}

func newExportCmd(root *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export decks to other programs",
		// Without a RunE cobra would print help and succeed on a format it
		// does not know.
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usagef("recall export needs a format: anki")
			}
			return usagef("unknown command %q for %q: the formats are anki", a[0], cmd.CommandPath())
		},
	}
	cmd.AddCommand(newExportAnkiCmd(root))
	return cmd
}

func newExportAnkiCmd(root *rootOptions) *cobra.Command {
	opts := &exportAnkiOptions{root: root}
	cmd := &cobra.Command{
		Use:   "anki",
		Short: "Write the cards as notes Anki imports",
		Long: `Write the active cards of every deck, or of one deck with --deck, as a text
file in the form of Anki's own "Notes in Plain Text" export, which Anki
2.1.55 or later imports with File > Import, asking nothing.

Each Anki note carries a GUID made from the recall card's ID (the first one
it had, if an import relinked it since), so importing a later export updates
the notes an earlier one created instead of adding duplicates, even when their
wording changed; the file asks Anki to update matching notes. Decks go under
--anki-deck-prefix ("recall::Building trust"), written as Anki writes deck
names; tags are the note's and the section's slugs. Retired cards are left out.

Note types (--notetype), which Anki looks up by their exact name:
  (default)  Anki's English "Basic" (fields Front, Back) for term and list
             cards; "Basic (and reversed card)" for a term card with its
             reverse card.
  recall     recall's own note type, which every .apkg from recall brings
             (import one once): fields Question, Answer, Context, Term,
             Source, Extra, Reverse (the reverse card's question: the
             Answer with the Term masked), and RecallID, hidden (no card
             shows it): the recall IDs, deck and siblings of the note's
             cards, which recall import-anki gives back; a second card
             asks with Reverse (else the Answer) for the Term.
  NAME       any other note type, e.g. the Basic of an Anki in another
             language ("Einfach", "Basique", "基本"): one note per card, the
             question in its first field, the answer in its second.
In an Anki that is not in English, use --notetype with your Basic's name, or
the .apkg (--with-progress), which works in every language.

With --with-progress, an Anki package is written next to the -o FILE (same
name, .apkg extension) holding the same notes in recall's note type with each
card's interval, ease (EF x 1000), due date and review log, for moving to
Anki with your progress. Since Anki 23.10, tick "Import any learning
progress" when importing it. Progress moves once: Anki never changes the
schedule of a card it already has; later exports only update the content.
Each note also keeps its cards exactly as recall has them, in a column Anki
does not use, so recall import-anki of the package into another store gives
back the same cards, schedules and history.

The text goes to standard output unless -o names a file; files are replaced
whole, never left half-written.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runExportAnki(opts) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "export only this deck")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	f.StringVar(&opts.deckPrefix, "anki-deck-prefix", anki.DefaultDeckPrefix, `Anki deck to put recall's decks under ("" for none; "::" nests)`)
	f.StringVar(&opts.noteType, "notetype", "", `Anki note type of every note: "recall", or your Anki's name for Basic (default: Basic and Basic (and reversed card))`)
	f.BoolVar(&opts.withProgress, "with-progress", false, "also write FILE.apkg with schedules and review history (needs -o)")
	return cmd
}

func runExportAnki(opts *exportAnkiOptions) error {
	env := opts.root.env
	var apkgPath string
	if opts.withProgress {
		if opts.output == "" || opts.output == "-" {
			return usagef("--with-progress writes the .apkg next to the text file: give it with -o FILE")
		}
		if strings.EqualFold(filepath.Ext(opts.output), ".apkg") {
			return usagef("-o %q: name the text file; the .apkg is written next to it", opts.output)
		}
		apkgPath = strings.TrimSuffix(opts.output, filepath.Ext(opts.output)) + ".apkg"
	}
	if err := checkNoteTypeName(opts.noteType); err != nil {
		return err
	}
	now, err := env.Clock()
	if err != nil {
		return err
	}
	st, err := openStoreForExport(opts.root)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg, err := opts.root.settings(st)
	if err != nil {
		return err
	}
	if opts.deck != "" {
		if opts.deck, err = requireDeck(st, opts.deck); err != nil {
			return err
		}
	}

	var records []apkg.Record
	var edited []int // positions in records of cards with an edit
	err = st.ForEachCard(opts.deck, func(r storage.Record) error {
		if !r.Retired {
			if r.Edit != nil {
				edited = append(edited, len(records))
			}
			records = append(records, apkg.Record{Card: r.Card, State: r.State, Changed: r.Changed})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if opts.withProgress {
		if err := addEdits(st, records, edited); err != nil {
			return err
		}
	}
	if len(records) == 0 {
		if opts.deck != "" {
			return fmt.Errorf("deck %q has no active cards to export", opts.deck)
		}
		return errNoCards
	}
	cards := make([]deck.Card, len(records))
	for i, r := range records {
		cards[i] = r.Card
	}
	firstIDs, err := st.FirstIDs()
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	identities, err := deckIdentities(st, cards)
	if err != nil {
		return err
	}
	ankiOpts := anki.Options{DeckPrefix: opts.deckPrefix, NoteType: opts.noteType, FirstIDs: firstIDs, DeckIdentities: identities}
	var text bytes.Buffer
	if err := anki.WriteCSV(&text, cards, ankiOpts); err != nil {
		return err
	}

	// Both files are made in memory first, so a failure leaves neither
	// half-done.
	var pkg bytes.Buffer
	if opts.withProgress {
		reviews, err := exportReviews(st)
		if err != nil {
			return err
		}
		err = apkg.Write(&pkg, records, reviews, apkg.Options{Anki: ankiOpts, Settings: cfg, Now: now})
		if err != nil {
			return err
		}
	}

	if err := opts.root.writeOutput(opts.output, text.Bytes(), files.Public); err != nil {
		return err
	}
	if opts.withProgress {
		// The package holds the review log: private, like the log.
		if err := opts.root.writeOutput(apkgPath, pkg.Bytes(), files.Private); err != nil {
			return err
		}
		// The one thing Anki will not do unasked: without the tick, Anki
		// 23.10 and later import the notes and drop the schedules.
		if _, err := fmt.Fprintf(env.Out, "In Anki, tick \"Import any learning progress\" when importing %s, or the schedules stay behind.\n", apkgPath); err != nil {
			return fmt.Errorf("write to standard output: %w", err)
		}
	}
	return nil
}

// addEdits gives the package the edits of the cards at positions edited
// (recall edit) with their notes' wording, so that import-anki brings them
// back as edits.
func addEdits(st *storage.Store, records []apkg.Record, edited []int) error {
	for _, i := range edited {
		r := &records[i]
		ce, err := st.CardEdit(r.Card.ID)
		if err != nil {
			return fmt.Errorf("store %q: card %s: %w", st.Path(), r.Card.ID, err)
		}
		if o := ce.Override; o != nil {
			r.Edit = &apkg.Edit{Notes: deck.TextOf(ce.Notes.Card), Text: o.Text, Base: o.Base, Edited: o.Edited, Shared: o.Shared}
		}
	}
	return nil
}

// deckIdentities maps each deck of cards to its identity, where that is not
// its name (a renamed deck), for the RecallID field of recall's note type.
func deckIdentities(st *storage.Store, cards []deck.Card) (map[string]string, error) {
	out := map[string]string{}
	done := map[string]bool{}
	for _, c := range cards {
		if done[c.Deck] {
			continue
		}
		done[c.Deck] = true
		id, err := st.DeckIdentity(c.Deck)
		if err != nil {
			return nil, fmt.Errorf("store %q: %w", st.Path(), err)
		}
		if id != c.Deck {
			out[c.Deck] = id
		}
	}
	return out, nil
}

// checkNoteTypeName refuses a --notetype Anki could not take: a name Anki
// would read as a note type id (a number), or one that cannot be a single
// CSV cell it matches exactly.
func checkNoteTypeName(name string) error {
	if name == "" {
		return nil
	}
	if strings.TrimSpace(name) != name || strings.IndexFunc(name, unicode.IsControl) >= 0 || !utf8.ValidString(name) {
		return usagef("--notetype %q: a note type name has no surrounding spaces or control characters", name)
	}
	if _, err := strconv.ParseInt(name, 10, 64); err == nil {
		return usagef("--notetype %q: Anki would read a number as a note type id", name)
	}
	return nil
}

// openStoreForExport opens an existing store read-only: exporting never
// creates a store, and may run beside a reader.
func openStoreForExport(root *rootOptions) (*storage.Store, error) {
	st, err := root.openStoreReadOnly()
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, errNoCards
	}
	empty, err := st.Empty()
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if empty {
		st.Close()
		return nil, errNoCards
	}
	return st, nil
}

// exportReviews reads the whole review log. Entries carry the current IDs of
// cards an import relinked, so they match the exported cards.
func exportReviews(st *storage.Store) ([]apkg.Review, error) {
	var reviews []apkg.Review
	err := st.ForEachLog(func(e storage.LogEntry) error {
		reviews = append(reviews, apkg.Review{
			CardID: e.CardID, Time: e.Time, Grade: e.Grade, Prev: e.Prev, Next: e.Next, Answer: e.Answer,
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: read the review log: %w", st.Path(), err)
	}
	return reviews, nil
}
