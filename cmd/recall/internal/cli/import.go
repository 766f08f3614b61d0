package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// importOptions are the flags of recall import.
type importOptions struct {
	root    *rootOptions
	deck    string
	dryRun  bool
	reverse bool
	yes     bool
	quiet   bool
	paths   []string
}

// Retiring at least retireAskCount cards and more than a quarter of the
// deck's active cards needs a yes: that many items rarely leave notes at
// once, and a wrong PATH or --deck does it all the time.
const retireAskCount = 10

func newImportCmd(root *rootOptions) *cobra.Command {
	opts := &importOptions{root: root}
	cmd := &cobra.Command{
		Use:   "import [--deck NAME] [--dry-run] [--yes] [--reverse] [PATH...]",
		Short: "Make cards from markdown notes, or update them",
		Long: `Make cards from the markdown notes in PATH (files, or folders searched
recursively for *.md) into one deck, named after the folder (for a file, the
folder holding it) unless --deck names it. Deck names are matched without
regard to case; an existing deck keeps the name it was first given.

An import touches only the notes it was given: cards made by those notes
are added or updated, and only cards whose notes lie under the PATHs and no
longer make them (a deleted file, a removed item) are retired. The cards of
the deck's other notes are left as they are. The deck remembers the paths
it was imported from ("recall decks" shows them), and "recall import --deck
NAME" with no PATH reads them all again; for the built-in deck a first run
added, it reads recall's own notes again, so a newer recall's cards for it
come in with their progress kept.

Importing again merges: cards whose text changed are updated in place and
keep their schedule and history; retired cards are kept with their history,
out of the queue, back if the item returns; a card whose ID changed but whose
item is clearly the same (same note and term, or a reworded term with nearly
the same definition) is relinked, not made anew. Importing unchanged notes
changes nothing. Cards of a removed deck come back with their schedules.

It prints "added N, updated M, unchanged K, retired R, relinked L".
--dry-run lists each card it would add, update, retire or relink, and
changes nothing. An import that would retire 10 cards or more, and more than
a quarter of the deck, asks first on a terminal and needs --yes otherwise.
--reverse also makes reverse cards (definition → term); import with the same
choice every time, or the reverse cards are retired. Reading notes that
takes over a second shows progress on stderr when it is a terminal (notes
read, cards made, the rate); --quiet turns it off.`,
		RunE: func(_ *cobra.Command, paths []string) error {
			opts.paths = paths
			return runImport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "deck name (default: the folder's name)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "list what would change, change nothing")
	f.BoolVarP(&opts.yes, "yes", "y", false, "retire many cards without asking")
	f.BoolVar(&opts.reverse, "reverse", false, "also make reverse cards (definition → term)")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "show no progress while the notes are read")
	return cmd
}

// errNeedsYes stops an import that would retire many cards, before it
// changes anything.
var errNeedsYes = errors.New("needs confirmation")

func runImport(opts *importOptions) error {
	env := opts.root.env
	if env.LimitMemory != nil {
		env.LimitMemory()
	}
	now, err := env.Clock()
	if err != nil {
		return err
	}
	if len(opts.paths) == 0 && opts.deck == "" {
		return usagef("recall import needs a PATH, or --deck NAME to read the deck's notes again")
	}
	deckName := opts.deck
	if deckName == "" {
		if deckName, err = defaultDeckName(opts.paths[0]); err != nil {
			return err
		}
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	rec, found, err := st.FindDeck(deckName)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if found {
		deckName = rec.Name
	}
	identity, err := st.DeckIdentity(deckName)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	src, err := importSourceOf(env, st, deckName, opts.paths, rec, found)
	if err != nil {
		return err
	}
	paths, files, unread, root, scope, remember, forget := src.paths, src.files, src.unread, src.root, src.scope, src.remember, src.forget
	// Notes read as the deck's last import read them, into a deck whose
	// cards are as it left them, change nothing: say so without
	// generating the cards again.
	sums := noteSums(files)
	inputs := importInputs(identity, deckName, root, opts.reverse, scope.Paths, remember, forget, files, sums)
	if len(unread) > 0 {
		inputs = nil // an unread note is named again on every import
	}
	if memo, same, err := st.UnchangedImport(deckName, inputs); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	} else if same {
		for _, line := range memo.Notices {
			fmt.Fprintln(env.ErrOut, line)
		}
		suffix := ""
		if opts.dryRun {
			suffix = " (dry run: nothing changed)"
		}
		_, err := fmt.Fprintf(env.Out, "added 0, updated 0, unchanged %d, retired 0, relinked 0%s\n", memo.Cards, suffix)
		return err
	}
	// Card IDs come from the deck's identity, fixed when it was made, so
	// that a renamed deck keeps them.
	// Notes whose bytes did not change since an import kept what they made
	// are not read again.
	kept, err := loadKeptNotes(st, identity, root, files, sums)
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	progress := startProgress(env, opts.quiet)
	res := content.Generate(files, content.Options{Deck: identity, Reverse: opts.reverse, Progress: progress.update, Cache: kept.cache()})
	progress.finish()
	var notices bytes.Buffer
	for _, p := range res.Problems {
		fmt.Fprintf(&notices, "recall: %s\n", text.Truncate(text.OneLine(p.Error()), 500))
	}
	reportEmptyNotes(&notices, files, res)
	if _, err := env.ErrOut.Write(notices.Bytes()); err != nil {
		return err
	}
	if len(res.Cards) == 0 {
		// Importing nothing would retire every card in scope: a mistake
		// far more often than an intent.
		return fmt.Errorf("the notes in %s made no cards; deck %q left as it was", quoteList(opts.pathsOr(paths)), deckName)
	}
	if !src.builtin {
		if err := relativeSources(res.Cards, root); err != nil {
			return err
		}
	}
	unread = append(unread, res.Unread...)
	for _, p := range unread {
		rel, err := relativeTo(root, p)
		if err != nil {
			return err
		}
		scope.Unread = append(scope.Unread, rel)
	}
	if len(unread) > 0 {
		inputs = nil
	}
	active, err := activeCards(st, deckName, now)
	if err != nil {
		return err
	}
	iopts := storage.ImportOptions{
		DryRun: opts.dryRun, Scope: scope, Identity: identity, Root: root, Paths: remember, Forget: forget,
	}
	if kept != nil {
		iopts.Notes = kept.update()
	}
	if inputs != nil {
		iopts.Memo = &storage.ImportMemo{Inputs: inputs, Cards: distinctIDs(res.Cards), Notices: strings.Split(strings.TrimSuffix(notices.String(), "\n"), "\n")}
		if notices.Len() == 0 {
			iopts.Memo.Notices = nil
		}
	}
	var confirmed map[string]bool // retired IDs a person said yes to
	if !opts.yes && !opts.dryRun {
		iopts.Check = func(plan deck.MergePlan) error {
			if !manyRetired(len(plan.Retired), active) {
				return nil
			}
			for _, id := range plan.Retired {
				if !confirmed[id] {
					return errNeedsYes
				}
			}
			return nil
		}
	}
	out, err := st.ImportNotes(deckName, res.Cards, now, iopts)
	if errors.Is(err, errNeedsYes) {
		// Plan again without the store's write lock, and ask.
		dry := iopts
		dry.DryRun, dry.Check = true, nil
		if out, err = st.ImportNotes(deckName, res.Cards, now, dry); err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
		retired := len(out.Plan.Retired)
		if !env.StdinIsTerminal || !env.StdoutIsTerminal {
			return usagef("importing %s would retire %d of the %d cards of deck %q; see them with --dry-run, and give --yes to go ahead",
				quoteList(opts.pathsOr(paths)), retired, active, deckName)
		}
		fmt.Fprintf(env.Out, "This import retires %d of the %d cards of deck %q (their history is kept). Go ahead? [y/N] ", retired, active, deckName)
		answer, _ := bufio.NewReader(env.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			_, err := fmt.Fprintln(env.Out, "Nothing imported.")
			return err
		}
		confirmed = make(map[string]bool, retired)
		for _, id := range out.Plan.Retired {
			confirmed[id] = true
		}
		out, err = st.ImportNotes(deckName, res.Cards, now, iopts)
	}
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	plan := out.Plan
	suffix := ""
	if opts.dryRun {
		printPlanCards(env.Out, plan, frontOf(st))
		suffix = " (dry run: nothing changed)"
	}
	if _, err := fmt.Fprintf(env.Out, "added %d, updated %d, unchanged %d, retired %d, relinked %d%s\n",
		len(plan.Added), len(plan.Updated), len(plan.Unchanged), len(plan.Retired), len(plan.Relinked), suffix); err != nil {
		return err
	}
	if n := len(out.Restored); n > 0 {
		verb := "came"
		if opts.dryRun {
			verb = "would come"
		}
		if _, err := fmt.Fprintf(env.Out, "%d of the added cards %s back with their schedule from a removed deck\n", n, verb); err != nil {
			return err
		}
	}
	return unreadError(unread, "its cards were left as they were", "their cards were left as they were")
}

// unreadError is the error a command ends with when some notes could not
// be read (each already named on stderr), so that a script sees it; nil
// when every note was read. one and many say what became of the unread
// notes' cards, for one note and for several.
func unreadError(unread []string, one, many string) error {
	switch len(unread) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s could not be read (see above); %s", unread[0], one)
	default:
		return fmt.Errorf("%d notes could not be read (see above); %s", len(unread), many)
	}
}

// distinctIDs counts the cards' IDs, each once: the cards an import of the
// same notes finds unchanged.
func distinctIDs(cards []deck.Card) int {
	seen := make(map[string]bool, len(cards))
	for _, c := range cards {
		seen[c.ID] = true
	}
	return len(seen)
}

// pathsOr returns the paths given on the command line, or else those read.
func (opts *importOptions) pathsOr(read []string) []string {
	if len(opts.paths) > 0 {
		return opts.paths
	}
	return read
}

// manyRetired reports whether retiring n of a deck's active cards needs a yes.
func manyRetired(n, active int) bool {
	return n >= retireAskCount && n*4 > active
}

// activeCards counts the cards of a deck that are not retired, from the
// store's deck counts (no card is decoded).
func activeCards(st *storage.Store, deckName string, now time.Time) (int, error) {
	decks, err := st.Decks(now, scheduler.Settings{})
	if err != nil {
		return 0, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	for _, d := range decks {
		if d.Name == deckName {
			return d.Cards, nil
		}
	}
	return 0, nil
}

// frontOf finds the text of a card in the store, for listing retired ones.
func frontOf(st *storage.Store) func(id string) string {
	return func(id string) string {
		r, err := st.Card(id)
		if err != nil {
			return ""
		}
		return r.Card.Front
	}
}

// importSource is what an import reads: the notes, where they are, and the
// part of the deck they make.
type importSource struct {
	paths []string // the paths read, in OS form (none for the built-in deck)
	files []content.File
	// unread are the notes that exist but could not be read (each named
	// on stderr already).
	unread []string
	// root is the folder the deck's note paths are relative to; "" for the
	// built-in deck, whose notes are in the binary.
	root             string
	scope            deck.Scope
	remember, forget []string
	builtin          bool
}

// importSourceOf finds the notes an import reads: the paths given; else the
// deck's remembered ones; else, for the built-in deck as a first run added
// it, the built-in notes again, so that a newer recall's cards reach a store
// made by an older one.
func importSourceOf(env *Env, st *storage.Store, deckName string, given []string, rec storage.DeckRecord, found bool) (importSource, error) {
	src := importSource{paths: given}
	if len(given) == 0 {
		builtin, err := isBuiltinDeck(st, rec, found)
		if err != nil {
			return src, err
		}
		if builtin {
			src.files, src.builtin = content.DefaultDeck(), true
			return src, nil
		}
		if src.paths, err = rememberedPaths(st, deckName, rec, found); err != nil {
			return src, err
		}
	}
	var err error
	if src.root = rec.Root; src.root == "" {
		if src.root, err = notesRoot(src.paths); err != nil {
			return src, err
		}
	}
	if src.scope, src.remember, src.forget, err = importScope(src.root, src.paths); err != nil {
		return src, err
	}
	// readNotes reports each path it cannot use on stderr and fails only
	// when no note at all could be read.
	src.files, src.unread, err = readNotes(env, src.paths)
	return src, err
}

// rememberedPaths returns the note paths a deck was imported from, in OS
// form, for "recall import --deck NAME" with no PATH.
func rememberedPaths(st *storage.Store, name string, rec storage.DeckRecord, found bool) ([]string, error) {
	if !found {
		return nil, unknownDeck(st, name)
	}
	if rec.Root == "" || len(rec.Paths) == 0 {
		return nil, fmt.Errorf("deck %q does not know where its notes are (it was imported by an older recall, or added from a deck file); give the PATH once", rec.Name)
	}
	paths := make([]string, len(rec.Paths))
	for i, p := range rec.Paths {
		paths[i] = filepath.Join(rec.Root, filepath.FromSlash(p))
	}
	return paths, nil
}

// unknownDeck is the error for a deck name the store does not have, with
// the nearest name it has as a hint.
func unknownDeck(st *storage.Store, name string) error {
	names, err := st.DeckNames()
	if err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if near := deck.NearestName(name, names); near != "" {
		return fmt.Errorf("no deck named %q; did you mean %q? (recall decks lists them)", name, near)
	}
	return fmt.Errorf("no deck named %q (recall decks lists them)", name)
}

// notesRoot is the folder a new deck's note paths are kept relative to:
// the deepest folder holding every path (a folder itself, or the folder of
// a file).
func notesRoot(paths []string) (string, error) {
	root := ""
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if info, err := os.Stat(abs); err != nil || !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		if root == "" {
			root = abs
			continue
		}
		for !withinDir(root, abs) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	return root, nil
}

// withinDir reports whether path is dir or lies under it (both absolute and clean).
func withinDir(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// importScope turns the paths given into the scope of the import, relative
// to root, the paths to remember and those to forget. A path that does not
// exist is in the scope (its notes were deleted: their cards are retired)
// and is forgotten; one that exists but cannot be read is in neither, so a
// passing permission problem retires nothing.
func importScope(root string, paths []string) (scope deck.Scope, remember, forget []string, err error) {
	scope.Paths = []string{}
	for _, p := range paths {
		rel, err := relativeTo(root, p)
		if err != nil {
			return deck.Scope{}, nil, nil, err
		}
		_, statErr := os.Stat(p)
		switch {
		case statErr == nil:
			scope.Paths = append(scope.Paths, rel)
			remember = append(remember, rel)
		case errors.Is(statErr, fs.ErrNotExist):
			scope.Paths = append(scope.Paths, rel)
			forget = append(forget, rel)
		}
	}
	return scope, remember, forget, nil
}

// relativeTo returns path relative to root, slash-separated.
func relativeTo(root, path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return filepath.ToSlash(rel), nil
}

// relativeSources rewrites the note paths of the cards' sources relative
// to the deck's root, so that "notes", "./notes/" and an absolute path to
// it make the same cards. The sources are rewritten where they lie: the
// Notes generation shared them with were encoded (keptNotes.Keep) or let
// go (keptNotes.Note) before.
func relativeSources(cards []deck.Card, root string) error {
	done := make(map[string]string)
	for i := range cards {
		srcs := cards[i].Sources
		for j, s := range srcs {
			rel, ok := done[s.File]
			if !ok {
				var err error
				if rel, err = relativeTo(root, filepath.FromSlash(s.File)); err != nil {
					return err
				}
				done[s.File] = rel
			}
			srcs[j].File = rel
		}
	}
	return nil
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
