package cli

import (
	"errors"
	"fmt"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/storage"
)

// joinMerges works out, for each deck of this store that joining the sync
// folder dir merges into a synced deck of the same name, the ID each of its
// cards has under the synced deck's identity. A deck whose cards cannot be
// made again here (no notes remembered, notes gone) is named on stderr and
// kept apart, as before: the sync that follows says so too.
func joinMerges(env *Env, st *storage.Store, dir string) ([]storage.DeckMerge, error) {
	synced, err := storage.FolderDecks(dir)
	if err != nil {
		return nil, err
	}
	joins, err := st.JoinMerges(synced)
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	var merges []storage.DeckMerge
	for _, j := range joins {
		ids, err := mergedIDs(env, st, j)
		if err != nil {
			fmt.Fprintf(env.ErrOut, "recall: deck %q not merged into the synced deck %q: %v\n", sanitize(j.Deck.Name), sanitize(j.Synced.Name), err)
			continue
		}
		merges = append(merges, storage.DeckMerge{DeckJoin: j, IDs: ids})
	}
	return merges, nil
}

// errNotFromNotes is why a deck whose cards no notes here make cannot merge.
var errNotFromNotes = errors.New("its cards were not made from notes this store knows of")

// mergedIDs maps the IDs the deck's notes give its cards under its own
// identity to those they give under the synced deck's. Generation depends
// on the identity only through the IDs, so the same notes make the same
// cards in the same order under both: the i-th card of one is the i-th of
// the other.
func mergedIDs(env *Env, st *storage.Store, j storage.DeckJoin) (map[string]string, error) {
	var files []content.File
	switch {
	case len(j.Deck.Paths) > 0 && j.Deck.Root != "":
		paths, err := rememberedPaths(st, j.Deck.Name, j.Deck, true)
		if err != nil {
			return nil, err
		}
		if files, _, err = readNotes(env, paths); err != nil {
			return nil, err
		}
	case j.Deck.Identity == content.DefaultDeckName:
		files = content.DefaultDeck()
	default:
		return nil, errNotFromNotes
	}
	reverse := false
	err := st.ForEachCard(j.Deck.Name, func(r storage.Record) error {
		reverse = reverse || r.Card.Kind == deck.KindReverse
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	own := content.Generate(files, content.Options{Deck: j.Deck.Identity, Reverse: reverse}).Cards
	synced := content.Generate(files, content.Options{Deck: j.Synced.Identity, Reverse: reverse}).Cards
	if len(own) == 0 {
		return nil, errNotFromNotes
	}
	if len(own) != len(synced) {
		return nil, fmt.Errorf("its notes made %d cards under one identity and %d under the other", len(own), len(synced))
	}
	ids := make(map[string]string, len(own))
	for i, c := range own {
		s := synced[i]
		if c.Kind != s.Kind || c.Front != s.Front || c.Note != s.Note {
			return nil, fmt.Errorf("its notes made card %d differently under the synced identity", i+1)
		}
		ids[c.ID] = s.ID
	}
	return ids, nil
}

// printMerged says what joining merged.
func printMerged(env *Env, merged []storage.MergedDeck) {
	for _, m := range merged {
		m.Name, m.Into = sanitize(m.Name), sanitize(m.Into)
		fmt.Fprintln(env.Out, m)
	}
}
