package cli

import (
	"errors"
	"fmt"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
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
			continue // kept apart: the sync that follows says so and why
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
	reverse, cards := false, 0
	err := st.ForEachCard(j.Deck.Name, func(r storage.Record) error {
		reverse = reverse || r.Card.Kind == deck.KindReverse
		cards++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if cards == 0 {
		return map[string]string{}, nil // a deck adopted here, its notes not imported yet
	}
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

// mergePending merges the decks a sync found made apart under the name of
// a deck synced first (each machine joined before the other's deck was
// there), then syncs again to send what the merges recorded; rep gets
// both syncs' counts and says what was merged, or why a deck was not.
func mergePending(env *Env, st *storage.Store, cfg scheduler.Settings, rep *storage.SyncReport) error {
	joins, err := st.PendingMerges()
	if err != nil || len(joins) == 0 {
		return err
	}
	merged := 0
	for _, j := range joins {
		ids, err := mergedIDs(env, st, j)
		if err != nil {
			rep.Decks = append(rep.Decks, fmt.Sprintf("deck %q here is not the deck %q synced from another machine (its cards were made apart: %v); rename this one (recall deck rename %q NEW) and import the notes again to take the synced deck", j.Deck.Name, j.Synced.Name, err, j.Deck.Name))
			continue
		}
		done, err := st.MergeSyncedDeck(storage.DeckMerge{DeckJoin: j, IDs: ids}, cfg)
		if err != nil {
			return err
		}
		rep.Decks = append(rep.Decks, done.String())
		merged++
	}
	if merged == 0 {
		return nil
	}
	again, err := st.Sync(cfg)
	if err != nil {
		return err
	}
	rep.Sent += again.Sent
	for dev, n := range again.Received {
		rep.Received[dev] += n
	}
	rep.Cards += again.Cards
	rep.Decks = append(rep.Decks, again.Decks...)
	rep.Pending, rep.Notices, rep.Refused = again.Pending, again.Notices, again.Refused
	return nil
}
