package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
)

// A machine joining the sync folder with a deck of its own whose name a
// synced deck already has, but not its identity (a deck renamed on one
// machine before it ever synced, "Recall" here and "recall" there), made
// that deck's cards apart: their IDs come from the identity, so the same
// note has one ID here and another on every other machine. Joining merges
// the deck into the synced one before this store's history becomes
// events: each card takes the ID the synced identity gives it (the caller
// works the IDs out from the deck's notes), its old ID kept as an alias,
// and the deck takes the synced identity. The history is then recorded
// under the IDs every other machine has, so its reviews fold with theirs.

// SyncedDeck is a deck the sync folder knows: what its create, rename and
// remove events fold to.
type SyncedDeck struct {
	Identity string
	Name     string
	Created  time.Time
	// first is the deck's first create event, which decides between two
	// synced decks of one name.
	first journal.Event
}

// FolderDecks folds the deck events of every device's journal in the
// folder to the decks they leave live, one per name (matched without
// regard to case): of two synced decks of one name, the one created first
// in the journal's order. Journal files it cannot read are passed over:
// the sync that follows reports them.
func FolderDecks(folder string) ([]SyncedDeck, error) {
	root := filepath.Join(folder, journal.Subdir)
	devices, _, err := journal.Devices(root)
	if err != nil {
		return nil, fmt.Errorf("sync folder: %w", err)
	}
	var events []journal.Event
	for _, dev := range devices {
		cur := journal.Cursor{}
		for {
			batch, err := journal.ReadDevice(root, dev, cur, syncBatch)
			for _, e := range batch.Events {
				if isDeckKind(e.Kind) && e.Deck != "" {
					events = append(events, e)
				}
			}
			var fe *journal.FileError
			if errors.As(err, &fe) {
				break
			} else if err != nil {
				return nil, fmt.Errorf("sync folder: %w", err)
			}
			if !batch.More {
				break
			}
			cur = batch.Cursor
		}
	}
	slices.SortFunc(events, func(a, b journal.Event) int {
		switch {
		case journal.Before(a, b):
			return -1
		case journal.Before(b, a):
			return 1
		}
		return 0
	})
	decks := map[string]*SyncedDeck{}
	removed := map[string]bool{}
	for _, e := range events {
		d := decks[e.Deck]
		switch e.Kind {
		case journal.KindDeckCreate, journal.KindDeckRename:
			if validateDeckName(e.Name) != nil {
				continue
			}
			if d == nil {
				d = &SyncedDeck{Identity: e.Deck}
				decks[e.Deck] = d
			}
			if e.Kind == journal.KindDeckCreate && d.first.ID.IsZero() {
				d.first, d.Created = e, e.Time
			}
			d.Name, removed[e.Deck] = e.Name, false
		case journal.KindDeckRemove:
			removed[e.Deck] = true
		}
	}
	byName := map[string]*SyncedDeck{}
	for _, d := range decks {
		if removed[d.Identity] || d.Created.IsZero() {
			continue
		}
		key := strings.ToLower(d.Name)
		if other := byName[key]; other == nil || journal.Before(d.first, other.first) {
			byName[key] = d
		}
	}
	out := make([]SyncedDeck, 0, len(byName))
	for _, d := range byName {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b SyncedDeck) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// DeckJoin is a deck of this store that joining the folder would merge
// into the synced deck of the same name.
type DeckJoin struct {
	Deck   DeckRecord // this store's deck
	Synced SyncedDeck // the synced deck it merges into
}

// JoinMerges lists the decks of this store that joining the sync folder
// merges into synced decks: those whose name a live synced deck has, with
// another identity. A store that already syncs has recorded its history
// under its own IDs already, and a shared deck's card IDs come from its
// publisher: neither merges.
func (s *Store) JoinMerges(synced []SyncedDeck) ([]DeckJoin, error) {
	var joins []DeckJoin
	err := s.view(func(tx *bolt.Tx) error {
		if b := syncing(tx); b != nil && b.Get([]byte("device")) != nil {
			return nil
		}
		for _, d := range synced {
			rec, status, err := findDeck(tx, d.Name)
			if err != nil {
				return err
			}
			if status != deckLive || rec.Identity == d.Identity {
				continue
			}
			if tx.Bucket(bucketShared) != nil && tx.Bucket(bucketShared).Get([]byte(rec.Name)) != nil {
				continue
			}
			if taken, err := identityTaken(tx, d.Identity); err != nil {
				return err
			} else if taken {
				continue // another deck here has that identity: applyDeck sees to it
			}
			joins = append(joins, DeckJoin{Deck: rec, Synced: d})
		}
		return nil
	})
	return joins, err
}

// DeckMerge is a deck to merge into a synced deck as the store joins the
// folder: IDs maps each card of it to its ID under the synced identity.
// Cards it leaves out keep their IDs.
type DeckMerge struct {
	DeckJoin
	IDs map[string]string
}

// MergedDeck says what a merge did.
type MergedDeck struct {
	Name, Into string // this store's deck, the synced deck's name
	Cards      int    // cards that took the synced deck's IDs
	Kept       int    // cards left with their own IDs (the notes no longer make them)
	Reviews    int    // reviews of the merged cards, all kept
}

// String says it as recall sync init prints it.
func (m MergedDeck) String() string {
	s := fmt.Sprintf("deck %q merged into the synced deck %q: %s, %s kept", m.Name, m.Into, plural(m.Cards, "card"), plural(m.Reviews, "review"))
	if m.Kept > 0 {
		s += fmt.Sprintf("; %s its notes no longer make kept their own IDs (import its notes to relink them)", plural(m.Kept, "card"))
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// mergeDeck merges a deck into the synced deck m names, inside the
// transaction that records the store's history.
func mergeDeck(tx *bolt.Tx, m DeckMerge, now time.Time) (MergedDeck, error) {
	rec, status, err := findDeck(tx, m.Deck.Name)
	if err != nil {
		return MergedDeck{}, err
	}
	if status != deckLive || rec.Identity != m.Deck.Identity {
		return MergedDeck{}, fmt.Errorf("deck %q changed while its notes were read; run recall sync init again", m.Deck.Name)
	}
	if taken, err := identityTaken(tx, m.Synced.Identity); err != nil {
		return MergedDeck{}, err
	} else if taken {
		return MergedDeck{}, fmt.Errorf("deck %q: another deck here has the synced identity %q", rec.Name, m.Synced.Identity)
	}
	res := MergedDeck{Name: rec.Name, Into: m.Synced.Name}
	var ids []string
	if b := deckBucket(tx, bucketOrder, rec.Name); b != nil {
		c := newCursor(b)
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			ids = append(ids, string(k[orderKeyLen:]))
		}
	}
	moved := make(map[string]string, len(ids))
	for _, id := range ids {
		if to, ok := m.IDs[id]; ok && to != id {
			if tx.Bucket(bucketCards).Get([]byte(to)) != nil || tx.Bucket(bucketAlias).Get([]byte(to)) != nil {
				return MergedDeck{}, fmt.Errorf("deck %q: card %q would take the ID %q, which this store already has", rec.Name, id, to)
			}
			moved[id] = to
		}
	}
	res.Kept = len(ids) - len(moved)
	// The reviews the merged cards carry, counted before their IDs change.
	c := newCursor(tx.Bucket(bucketLog))
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e, err := readLog(k, v)
		if err != nil {
			continue // recordHistory skips it, and says so
		}
		if _, ok := moved[currentID(tx, e.CardID)]; ok && !e.Practice {
			res.Reviews++
		}
	}
	aliases := tx.Bucket(bucketAlias)
	for _, id := range ids {
		to, ok := moved[id]
		if !ok {
			continue
		}
		old, found, err := load(tx, id)
		if err != nil || !found {
			return MergedDeck{}, fmt.Errorf("deck %q: card %q: %v", rec.Name, id, err)
		}
		after := old
		after.card.ID = to
		after.card.Siblings = nil
		for _, s := range old.card.Siblings {
			if t, ok := moved[s]; ok {
				s = t
			}
			after.card.Siblings = append(after.card.Siblings, s)
		}
		if err := put(tx, &old, nil, false); err != nil {
			return MergedDeck{}, err
		}
		if err := put(tx, nil, &after, true); err != nil {
			return MergedDeck{}, err
		}
		if err := aliases.Put([]byte(id), []byte(to)); err != nil {
			return MergedDeck{}, fmt.Errorf("record the merge of card %q into %q: %w", id, to, err)
		}
		if err := moveOverride(tx, id, to); err != nil {
			return MergedDeck{}, err
		}
		res.Cards++
	}
	if memo := tx.Bucket(bucketImportMemo); memo != nil {
		if err := memo.Delete([]byte(rec.Identity)); err != nil {
			return MergedDeck{}, err
		}
	}
	if rec.Name != m.Synced.Name {
		// Named as the synced deck is, so that no machine renames its own
		// deck after the one that joined.
		if rec, _, err = renameDeckTx(tx, rec.Name, m.Synced.Name); err != nil {
			return MergedDeck{}, err
		}
	}
	rec.Identity = m.Synced.Identity
	if created := m.Synced.Created.UTC(); !created.IsZero() && !created.After(now) {
		rec.Created = created
	}
	return res, saveDeckRecord(tx, rec)
}

// identityTaken reports whether a deck of this store, live or removed, has
// the identity: by its record, or, for a deck from before records, by its
// name.
func identityTaken(tx *bolt.Tx, identity string) (bool, error) {
	taken := false
	recorded := map[string]bool{}
	err := tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
		var r DeckRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode deck record %q: %w", k, err)
		}
		recorded[r.Name] = true
		taken = taken || r.Identity == identity
		return nil
	})
	if err != nil || taken {
		return taken, err
	}
	for _, name := range deckNames(tx, bucketOrder, "") {
		if !recorded[name] && name == identity {
			return true, nil
		}
	}
	return false, nil
}
