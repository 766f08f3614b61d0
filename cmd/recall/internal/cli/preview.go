package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
)

// previewOptions are the flags of recall preview.
type previewOptions struct {
	root       *rootOptions
	json       bool
	duplicates bool
	reverse    bool
	deck       string
	quiet      bool
}

func newPreviewCmd(root *rootOptions) *cobra.Command {
	opts := &previewOptions{root: root}
	cmd := &cobra.Command{
		Use:   "preview [--json] [--duplicates] [--reverse] [--deck NAME] [PATH...]",
		Short: "Show the cards your notes would make, without storing anything",
		Long: `Show the flashcards that the markdown notes at PATH would make. A PATH may be
a note or a folder, searched recursively for .md files. With no PATH, the
built-in "Building trust" deck is shown. Nothing is stored.

Notes that cannot be used (not UTF-8, binary, broken front matter, too large,
unreadable) are named on stderr, one line each; the others still make their
cards. The exit status is 1 only if no note could be read.

  --json         print a JSON array of cards: id, kind (term, list,
                 reverse, cloze, formula), deck, front, back, context (the
                 cue, e.g. "DORA metrics › Elite benchmarks"), question (the
                 question alone), tags, siblings, sources (file, line,
                 title, section, url)
  --duplicates   list the terms merged from several places and the cards
                 linked as near-duplicates, instead of the cards
  --reverse      also make reverse (definition → term) cards
  --deck NAME    the deck name put on the cards (default: the folder or file
                 name of the first PATH); the card IDs are those recall
                 import would store in that deck (a renamed deck keeps its
                 own), read from the store if there is one
  --quiet        no progress line (shown on stderr, when it is a terminal,
                 while reading notes takes over a second)`,
		RunE: func(_ *cobra.Command, paths []string) error { return runPreview(opts, paths) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the cards as JSON")
	cmd.Flags().BoolVar(&opts.duplicates, "duplicates", false, "list merged terms and near-duplicate cards")
	cmd.Flags().BoolVar(&opts.reverse, "reverse", false, "also make reverse (definition → term) cards")
	cmd.Flags().StringVar(&opts.deck, "deck", "", "deck name for the cards")
	cmd.Flags().BoolVarP(&opts.quiet, "quiet", "q", false, "show no progress while the notes are read")
	return cmd
}

func runPreview(opts *previewOptions, paths []string) error {
	env := opts.root.env
	if env.LimitMemory != nil {
		env.LimitMemory()
	}
	files := content.DefaultDeck()
	var unread []string
	if len(paths) > 0 {
		var err error
		if files, unread, err = readNotes(env, paths); err != nil {
			return err
		}
	}
	deckName := opts.deck
	if deckName == "" {
		deckName = deckNameFor(paths)
	}
	deckName, identity, err := previewIdentity(opts.root, deckName)
	if err != nil {
		return err
	}
	progress := startProgress(env, opts.quiet)
	res := content.Generate(files, content.Options{Deck: identity, Reverse: opts.reverse, Progress: progress.update})
	progress.finish()
	for i := range res.Cards {
		res.Cards[i].Deck = deckName
	}
	for _, p := range res.Problems {
		fmt.Fprintf(env.ErrOut, "recall: %s\n", text.OneLine(p.Error()))
	}
	reportEmptyNotes(env.ErrOut, files, res)
	if res.NotesRead == 0 {
		return errSilent
	}
	out := bufio.NewWriter(env.Out)
	switch {
	case opts.duplicates && opts.json:
		err = writeDuplicatesJSON(out, res)
	case opts.duplicates:
		writeDuplicatesText(out, res)
	case opts.json:
		err = writeCardsJSON(out, res.Cards)
	default:
		writeCardsText(out, res.Cards)
	}
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	const others = "the cards above are from the others"
	return unreadError(append(unread, res.Unread...), others, others)
}

// previewIdentity returns the deck name and identity the cards of deck
// name would get from recall import, so that preview shows the IDs import
// would store: an existing deck's (matched without regard to case, as
// import does), or the identity a new deck of that name would be given.
// Without a store yet, the name is the identity. The store is only read.
func previewIdentity(root *rootOptions, name string) (deckName, identity string, err error) {
	st, err := root.openStoreReadOnly()
	if err != nil || st == nil {
		return name, name, err
	}
	defer st.Close()
	if rec, found, err := st.FindDeck(name); err != nil {
		return "", "", fmt.Errorf("store %q: %w", st.Path(), err)
	} else if found {
		name = rec.Name
	}
	if identity, err = st.DeckIdentity(name); err != nil {
		return "", "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return name, identity, nil
}

// writeCardsJSON prints the cards as deck.Card's JSON fields, with empty
// lists as [] so every object has the same shape.
func writeCardsJSON(w io.Writer, cards []deck.Card) error {
	out := make([]deck.Card, len(cards))
	for i, c := range cards {
		if c.Tags == nil {
			c.Tags = []string{}
		}
		if c.Siblings == nil {
			c.Siblings = []string{}
		}
		if c.Sources == nil {
			c.Sources = []deck.Source{}
		}
		out[i] = c
	}
	return writeJSON(w, out)
}

// writeCardsText prints each card as its ID and kind, question, answer and
// sources, with a blank line between cards.
func writeCardsText(w io.Writer, cards []deck.Card) {
	var buf []byte
	for i, c := range cards {
		if i > 0 {
			io.WriteString(w, "\n")
		}
		writeStrings(w, c.ID, " ", string(c.Kind), "\n")
		writeField(w, "Q: ", c.Front)
		writeField(w, "A: ", c.Back)
		for _, s := range c.Sources {
			io.WriteString(w, "Source: ")
			buf = writeSource(w, s, buf)
			io.WriteString(w, "\n")
		}
		if len(c.Siblings) > 0 {
			writeStrings(w, "Siblings: ", strings.Join(c.Siblings, ", "), "\n")
		}
	}
}

// writeStrings writes each of parts to w, in order: a preview of a vault
// prints hundreds of thousands of cards, and fmt would parse a format for
// each line.
func writeStrings(w io.Writer, parts ...string) {
	for _, p := range parts {
		io.WriteString(w, p)
	}
}

// writeField prints a possibly multi-line field under a label, further
// lines indented to line up with the first.
func writeField(w io.Writer, label, text string) {
	line, rest, more := strings.Cut(text, "\n")
	writeStrings(w, label, line, "\n")
	if !more {
		return // most fields: one line, and no indent to make
	}
	indent := strings.Repeat(" ", len(label))
	for more {
		line, rest, more = strings.Cut(rest, "\n")
		writeStrings(w, indent, line, "\n")
	}
}

// writeSource writes sourceText(s) to w, made in buf (returned for the
// next source): a preview of a vault prints a source line for each card,
// and a source is nearly always one line already.
func writeSource(w io.Writer, s deck.Source, buf []byte) []byte {
	buf = append(buf[:0], s.File...)
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, int64(s.Line), 10)
	if s.URL != "" {
		buf = append(buf, ' ')
		buf = append(buf, s.URL...)
	}
	if isOneLine(buf) {
		w.Write(buf)
	} else {
		io.WriteString(w, text.OneLine(string(buf)))
	}
	return buf
}

// isOneLine reports whether text.OneLine would leave b as it is: ASCII
// with single spaces between its words and none at its ends.
func isOneLine(b []byte) bool {
	for i, c := range b {
		switch {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(b)-1 || b[i-1] == ' '):
			return false
		}
	}
	return true
}

// sourceText is "file:line" and the video link if there is one.
func sourceText(s deck.Source) string {
	where := s.File + ":" + strconv.Itoa(s.Line)
	if s.URL != "" {
		where += " " + s.URL
	}
	return text.OneLine(where)
}

func writeDuplicatesText(w io.Writer, res content.Result) {
	byID := make(map[string]deck.Card, len(res.Cards))
	var merged []deck.Card
	for _, c := range res.Cards {
		byID[c.ID] = c
		if len(c.Sources) > 1 && c.Kind != deck.KindReverse {
			merged = append(merged, c)
		}
	}
	if len(merged) == 0 {
		fmt.Fprintln(w, "No terms merged from several places.")
	} else {
		fmt.Fprintln(w, "Merged terms (one card, several places):")
		for _, c := range merged {
			fmt.Fprintf(w, "  %s %s\n", c.ID, cardLabel(c))
			for _, s := range c.Sources {
				fmt.Fprintf(w, "    %s\n", sourceText(deck.Source{File: s.File, Line: s.Line}))
			}
		}
	}
	fmt.Fprintln(w)
	if len(res.Duplicates) == 0 {
		fmt.Fprintln(w, "No near-duplicate cards.")
		return
	}
	fmt.Fprintln(w, "Near-duplicates (linked as siblings, never shown the same day):")
	for _, d := range res.Duplicates {
		a, b := byID[d.A], byID[d.B]
		fmt.Fprintf(w, "  %.2f  %s %s (%s)\n        %s %s (%s)\n", d.Similarity,
			a.ID, cardLabel(a), firstSource(a), b.ID, cardLabel(b), firstSource(b))
	}
}

// cardLabel names a card in a list: its term, or for a list card its
// question ("name the 4 practices …"), since its lead-in alone may be vague.
func cardLabel(c deck.Card) string {
	label := c.Term
	if c.Kind == deck.KindList {
		if i := strings.LastIndex(c.Front, " — "); i >= 0 {
			label = c.Front[i+len(" — "):]
		}
	}
	return text.OneLine(label)
}

func firstSource(c deck.Card) string {
	if len(c.Sources) == 0 {
		return ""
	}
	return sourceText(deck.Source{File: c.Sources[0].File, Line: c.Sources[0].Line})
}

// duplicatesJSON is recall preview --duplicates --json.
type duplicatesJSON struct {
	Merged         []mergedJSON    `json:"merged"`
	NearDuplicates []nearDuplicate `json:"near_duplicates"`
}

type mergedJSON struct {
	ID      string        `json:"id"`
	Term    string        `json:"term"`
	Sources []deck.Source `json:"sources"`
}

type nearDuplicate struct {
	A          string  `json:"a"`
	B          string  `json:"b"`
	TermA      string  `json:"term_a"`
	TermB      string  `json:"term_b"`
	Similarity float64 `json:"similarity"`
}

func writeDuplicatesJSON(w io.Writer, res content.Result) error {
	out := duplicatesJSON{Merged: []mergedJSON{}, NearDuplicates: []nearDuplicate{}}
	terms := make(map[string]string, len(res.Cards))
	for _, c := range res.Cards {
		terms[c.ID] = c.Term
		if len(c.Sources) > 1 && c.Kind != deck.KindReverse {
			out.Merged = append(out.Merged, mergedJSON{ID: c.ID, Term: c.Term, Sources: c.Sources})
		}
	}
	for _, d := range res.Duplicates {
		out.NearDuplicates = append(out.NearDuplicates, nearDuplicate{A: d.A, B: d.B,
			TermA: terms[d.A], TermB: terms[d.B], Similarity: d.Similarity})
	}
	return writeJSON(w, out)
}
