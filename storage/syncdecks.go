package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
)

// A deck's events (created, renamed, removed) are indexed beside the cards'
// in the cardevents bucket, under a key no card ID can have, so that a deck
// folds in the same total order as a card.
func deckEventsKey(identity string) string { return "deck:" + identity }

// isDeckKind reports whether k is one of a deck's events.
func isDeckKind(k journal.Kind) bool {
	return k == journal.KindDeckCreate || k == journal.KindDeckRename || k == journal.KindDeckRemove
}

// syncedDeck is what a deck's events fold to.
type syncedDeck struct {
	name    string
	removed bool
	known   bool          // some create or rename named it
	created time.Time     // its first create
	first   journal.Event // its first create, which decides between two decks of one name
	// mergedInto is the identity of the synced deck a removed deck
	// merged into, "" for a deck removed outright.
	mergedInto string
}

// foldDeckEvents folds the events of the deck with this identity.
func foldDeckEvents(tx *bolt.Tx, identity string) (syncedDeck, error) {
	var d syncedDeck
	prefix := append([]byte(deckEventsKey(identity)), 0)
	undone := tx.Bucket(bucketUndone)
	c := newCursor(tx.Bucket(bucketCardEvents))
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ek := k[len(prefix)+12:]
		if undone.Get(ek) != nil {
			continue
		}
		eid, ok := parseEventKey(ek)
		if !ok {
			return d, fmt.Errorf("malformed event index key %x", k)
		}
		e, ok, err := loadEvent(tx, eid)
		if err != nil || !ok {
			return d, fmt.Errorf("event %s: missing or damaged: %v", eid, err)
		}
		switch e.Kind {
		case journal.KindDeckCreate, journal.KindDeckRename:
			if e.Kind == journal.KindDeckCreate && d.created.IsZero() {
				d.created, d.first = e.Time, e
			}
			if validateDeckName(e.Name) == nil {
				d.name, d.removed, d.known, d.mergedInto = e.Name, false, true, ""
			}
		case journal.KindDeckRemove:
			d.removed, d.mergedInto = true, e.Value
		}
	}
	return d, nil
}

// deckByIdentity finds the deck record with this identity, live or removed.
func deckByIdentity(tx *bolt.Tx, identity string) (DeckRecord, bool, error) {
	var found DeckRecord
	ok := false
	recorded := map[string]bool{}
	err := tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
		if ok {
			return nil
		}
		var r DeckRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode deck record %q: %w", k, err)
		}
		recorded[r.Name] = true
		if r.Identity == identity {
			found, ok = r, true
		}
		return nil
	})
	if err != nil || ok {
		return found, ok, err
	}
	// A deck from before deck records has its name as identity.
	for _, name := range deckNames(tx, bucketOrder, "") {
		if name == identity && !recorded[name] {
			return DeckRecord{Name: name, Identity: name}, true, nil
		}
	}
	return DeckRecord{}, false, nil
}

// applyDeck brings the local deck of this identity to what its events fold
// to: a deck another machine created is adopted (its record made here, so
// that importing the same notes under its name makes the same card IDs),
// renamed or removed as it was there. It says what it did in rep's words;
// a name taken here by a different deck is left alone and reported.
func applyDeck(tx *bolt.Tx, identity string) (string, error) {
	d, err := foldDeckEvents(tx, identity)
	if err != nil || !d.known {
		return "", err
	}
	rec, found, err := deckByIdentity(tx, identity)
	if err != nil {
		return "", err
	}
	if !found {
		if d.removed {
			return "", nil
		}
		other, status, err := findDeck(tx, d.name)
		if err != nil {
			return "", err
		}
		if status == deckLive {
			// Two machines made a deck of one name apart, each joining the
			// folder before the other's deck was there: the deck synced
			// first stays, and the machines with the other merge theirs
			// into it (PendingMerges).
			mine, err := foldDeckEvents(tx, other.Identity)
			if err != nil {
				return "", err
			}
			if mine.known && !mine.first.ID.IsZero() && journal.Before(mine.first, d.first) {
				return "", nil
			}
			return "", syncing(tx).Put(mergeKey(other.Identity), []byte(identity))
		}
		if status == deckRemovedOnly {
			// A removed deck's record under the name gives way.
			if err := tx.Bucket(bucketDecks).Delete([]byte(other.Name)); err != nil {
				return "", err
			}
		}
		rec = DeckRecord{Name: d.name, Identity: identity, Created: d.created.UTC()}
		if err := saveDeckRecord(tx, rec); err != nil {
			return "", err
		}
		return fmt.Sprintf("deck %q adopted from the sync folder: import its notes here to study it", d.name), nil
	}
	switch {
	case d.removed && !rec.Removed && d.mergedInto != "" && d.mergedInto != identity:
		// Another machine merged this deck into a synced deck of the same
		// name: this machine merges its own too, keeping its reviews.
		return "", syncing(tx).Put(mergeKey(rec.Identity), []byte(d.mergedInto))
	case d.removed && !rec.Removed:
		if !deckHasCards(tx, rec.Name) && tx.Bucket(bucketShared).Get([]byte(rec.Name)) == nil {
			rec.Removed = true
			return fmt.Sprintf("deck %q removed, as on another machine", rec.Name), saveDeckRecord(tx, rec)
		}
		n, _, err := removeDeckTx(tx, rec.Name)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("deck %q removed, as on another machine: %d cards put aside (importing its notes again brings their schedules back)", rec.Name, n), nil
	case !d.removed && rec.Removed:
		if _, status, err := findDeck(tx, d.name); err != nil {
			return "", err
		} else if status == deckLive {
			return fmt.Sprintf("deck %q was brought back on another machine, but a deck of that name is here; left as it is", d.name), nil
		}
		if err := tx.Bucket(bucketDecks).Delete([]byte(rec.Name)); err != nil {
			return "", err
		}
		rec.Name, rec.Removed = d.name, false
		return fmt.Sprintf("deck %q brought back, as on another machine: import its notes to restore its cards", d.name), saveDeckRecord(tx, rec)
	case !d.removed && rec.Name != d.name:
		old := rec.Name
		if other, status, err := findDeck(tx, d.name); err != nil {
			return "", err
		} else if status == deckLive && other.Identity != identity {
			return fmt.Sprintf("deck %q was renamed %q on another machine, but a deck of that name is here; left as it is", old, d.name), nil
		}
		if _, _, err := renameDeckTx(tx, old, d.name); err != nil {
			return "", err
		}
		return fmt.Sprintf("deck %q renamed %q, as on another machine", old, d.name), nil
	}
	return "", nil
}

// sortedDecks returns the identities of decks touched by events, sorted.
func sortedDecks(set map[string]bool) []string {
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// recordDecks turns the store's decks into this device's first events, so
// that a machine joining the folder adopts them: a create for each deck,
// and a remove after it for one removed.
func recordDecks(tx *bolt.Tx, now time.Time) error {
	seen := map[string]bool{}
	var recs []DeckRecord
	err := tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
		var r DeckRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode deck record %q: %w", k, err)
		}
		recs = append(recs, r)
		seen[r.Name] = true
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range deckNames(tx, bucketOrder, "") {
		if !seen[name] {
			recs = append(recs, DeckRecord{Name: name, Identity: name})
		}
	}
	for _, r := range recs {
		created := r.Created
		if created.IsZero() || created.After(now) {
			created = now
		}
		if err := emit(tx, journal.Event{Kind: journal.KindDeckCreate, Deck: r.Identity, Name: r.Name, Time: created}); err != nil {
			return err
		}
		if r.Removed {
			if err := emit(tx, journal.Event{Kind: journal.KindDeckRemove, Deck: r.Identity, Time: now}); err != nil {
				return err
			}
		}
	}
	return nil
}
