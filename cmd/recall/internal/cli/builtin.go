package cli

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
)

// The built-in deck is recall's own notes, embedded in the binary: a store
// keeps the cards its first run made from them, and a newer recall may make
// more or better ones from the same notes. "recall import --deck NAME" with
// no PATH reads them again, as it reads a deck's remembered folder.

// errBuiltinCard stops the search at the first card that came from the
// built-in notes.
var errBuiltinCard = errors.New("a card from the built-in notes")

// isBuiltinDeck reports whether the deck rec (found in st) is the built-in
// deck as a first run added it: its name and card identity are the built-in
// deck's, it remembers no notes folder, and its cards came from the
// built-in notes. A deck of the user's own notes that happens to have the
// name has a folder; one from a deck file or an Anki package has other
// sources.
func isBuiltinDeck(st *storage.Store, rec storage.DeckRecord, found bool) (bool, error) {
	if !found || rec.Root != "" || len(rec.Paths) > 0 ||
		!strings.EqualFold(rec.Name, content.DefaultDeckName) || rec.Identity != rec.Name {
		return false, nil
	}
	seeds := make(map[string]bool)
	for _, f := range content.DefaultDeck() {
		seeds[f.Path] = true
	}
	err := st.ForEachCard(rec.Name, func(r storage.Record) error {
		for _, s := range r.Card.Sources {
			if seeds[s.File] {
				return errBuiltinCard
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errBuiltinCard):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return false, nil
}

// builtinCheckpoint names the checkpoint holding the version of the
// built-in deck a store was last compared with.
const builtinCheckpoint = "builtin-deck"

// builtinVersion identifies the cards this recall makes from its built-in
// notes: the generator's rules and the notes' bytes.
func builtinVersion() []byte {
	h := sha256.New()
	fmt.Fprintf(h, "generator %d\n", content.GeneratorVersion)
	for _, f := range content.DefaultDeck() {
		fmt.Fprintf(h, "%s %d\n", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	return h.Sum(nil)
}

// builtinNotice compares the store's built-in deck with the cards this
// recall makes from its notes, once per version of them, and returns a line
// telling the user what "recall import --deck NAME" would change, or "" when
// nothing would, the store has no built-in deck, or the version was
// compared before. It changes no card: the user decides.
func builtinNotice(st *storage.Store, now time.Time) (string, error) {
	version := builtinVersion()
	seen, err := st.Checkpoint(builtinCheckpoint)
	if err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if string(seen) == string(version) {
		return "", nil
	}
	rec, found, err := st.FindDeck(content.DefaultDeckName)
	if err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	builtin, err := isBuiltinDeck(st, rec, found)
	if err != nil || !builtin {
		return "", err
	}
	res := content.Generate(content.DefaultDeck(), content.Options{Deck: rec.Identity})
	out, err := st.ImportNotes(rec.Name, res.Cards, now, storage.ImportOptions{DryRun: true, Identity: rec.Identity})
	if err != nil {
		return "", fmt.Errorf("store %q: compare the built-in deck: %w", st.Path(), err)
	}
	if err := st.SetCheckpoint(builtinCheckpoint, version); err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	change := builtinChange(out.Plan)
	if change == "" {
		return "", nil
	}
	return fmt.Sprintf("This recall makes the built-in deck %q anew: %s. To take them, keeping your progress: recall import --deck %q",
		rec.Name, change, rec.Name), nil
}

// builtinChange says in words what a merge plan of the built-in deck
// would change, or "" for nothing.
func builtinChange(plan deck.MergePlan) string {
	var parts []string
	if n := len(plan.Added); n > 0 {
		parts = append(parts, stats.CountOf(n, "new card"))
	}
	if n := len(plan.Updated) + len(plan.Relinked); n > 0 {
		parts = append(parts, stats.CountOf(n, "reworded card"))
	}
	if n := len(plan.Retired); n > 0 {
		parts = append(parts, stats.CountOf(n, "card")+" dropped")
	}
	return strings.Join(parts, ", ")
}
