package storage

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
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
			if _, taken, err := deckByIdentity(tx, d.Identity); err != nil {
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

// mergeDeck merges a deck into the synced deck m names, its cards and its
// record, inside the caller's transaction. It returns the cards that took
// new IDs, old ID → new.
func mergeDeck(tx *bolt.Tx, m DeckMerge, now time.Time) (MergedDeck, map[string]string, error) {
	rec, status, err := findDeck(tx, m.Deck.Name)
	if err != nil {
		return MergedDeck{}, nil, err
	}
	if status != deckLive || rec.Identity != m.Deck.Identity {
		return MergedDeck{}, nil, fmt.Errorf("deck %q changed while its notes were read; run recall sync init again", m.Deck.Name)
	}
	if _, taken, err := deckByIdentity(tx, m.Synced.Identity); err != nil {
		return MergedDeck{}, nil, err
	} else if taken {
		return MergedDeck{}, nil, fmt.Errorf("deck %q: another deck here has the synced identity %q", rec.Name, m.Synced.Identity)
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
				return MergedDeck{}, nil, fmt.Errorf("deck %q: card %q would take the ID %q, which this store already has", rec.Name, id, to)
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
			return MergedDeck{}, nil, fmt.Errorf("deck %q: card %q: %v", rec.Name, id, err)
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
			return MergedDeck{}, nil, err
		}
		if err := put(tx, nil, &after, true); err != nil {
			return MergedDeck{}, nil, err
		}
		if err := aliases.Put([]byte(id), []byte(to)); err != nil {
			return MergedDeck{}, nil, fmt.Errorf("record the merge of card %q into %q: %w", id, to, err)
		}
		if err := moveOverride(tx, id, to); err != nil {
			return MergedDeck{}, nil, err
		}
		res.Cards++
	}
	if memo := tx.Bucket(bucketImportMemo); memo != nil {
		if err := memo.Delete([]byte(rec.Identity)); err != nil {
			return MergedDeck{}, nil, err
		}
	}
	if rec.Name != m.Synced.Name {
		// Named as the synced deck is, so that no machine renames its own
		// deck after the one that joined.
		if rec, _, err = renameDeckTx(tx, rec.Name, m.Synced.Name); err != nil {
			return MergedDeck{}, nil, err
		}
	}
	rec.Identity = m.Synced.Identity
	if created := m.Synced.Created.UTC(); !created.IsZero() && !created.After(now) {
		rec.Created = created
	}
	return res, moved, saveDeckRecord(tx, rec)
}

// Two machines that each joined the folder before the other's deck of the
// same name was there made their decks apart, and both sent their
// histories under their own IDs. The deck synced first stays (its first
// create comes first in the journal's order); a sync on a machine with the
// other marks that deck to merge (mergeKey), and MergeSyncedDeck merges it
// as joining would, and then records each of this machine's events of its
// cards again under the merged IDs, each copy naming the event it stands
// for (journal.Event.Undoes), and the deck as removed into the synced one.
// Every machine then folds the copies instead of the first events: its
// reviews reach the others under the IDs they have.

// mergeKey, in the sync bucket, marks a deck of this store (by identity)
// to merge into the synced deck whose identity is its value.
func mergeKey(identity string) []byte { return []byte("merge:" + identity) }

// mergedKey, in the sync bucket, marks a card ID that merged into the ID
// that is its value: events under the old ID are not folded, their
// machines record them again under the new.
func mergedKey(card string) []byte { return []byte("merged:" + card) }

// PendingMerges lists the decks of this store that a sync found made apart
// under the name of a deck synced first, each to merge into it with
// MergeSyncedDeck once the caller has worked out its cards' IDs there.
func (s *Store) PendingMerges() ([]DeckJoin, error) {
	var joins []DeckJoin
	err := s.view(func(tx *bolt.Tx) error {
		b := syncing(tx)
		if b == nil {
			return nil
		}
		c := newCursor(b)
		prefix := []byte("merge:")
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			own, into := string(k[len(prefix):]), string(v)
			rec, found, err := deckByIdentity(tx, own)
			if err != nil {
				return err
			}
			if !found || rec.Removed {
				continue
			}
			d, err := foldDeckEvents(tx, into)
			if err != nil {
				return err
			}
			synced := SyncedDeck{Identity: into, Name: rec.Name, Created: d.created}
			if d.known && !d.removed {
				synced.Name = d.name
			}
			if !strings.EqualFold(synced.Name, rec.Name) {
				continue // renamed since, here or there: no clash left
			}
			joins = append(joins, DeckJoin{Deck: rec, Synced: synced})
		}
		return nil
	})
	return joins, err
}

// MergeSyncedDeck merges a deck PendingMerges listed into its synced deck,
// in one transaction: its cards take the IDs m gives, this machine's
// events of them are recorded again under those IDs, and each merged card
// is refolded from all its events under cfg's scheduling (as saved in the
// store). The next sync sends the new events.
func (s *Store) MergeSyncedDeck(m DeckMerge, cfg scheduler.Settings) (MergedDeck, error) {
	var res MergedDeck
	err := s.update(func(tx *bolt.Tx) error {
		b := syncing(tx)
		if b == nil {
			return ErrNoSync
		}
		if string(b.Get(mergeKey(m.Deck.Identity))) != m.Synced.Identity {
			return fmt.Errorf("deck %q has no merge into %q pending", m.Deck.Name, m.Synced.Name)
		}
		if err := storedSchedule(tx, &cfg); err != nil {
			return err
		}
		now := s.now().UTC()
		var moved map[string]string
		var err error
		if res, moved, err = mergeDeck(tx, m, now); err != nil {
			return err
		}
		device := string(b.Get([]byte("device")))
		touched := touches{}
		for _, old := range slices.Sorted(maps.Keys(moved)) {
			to := moved[old]
			if err := recordAgain(tx, old, to, device); err != nil {
				return fmt.Errorf("card %q: %w", old, err)
			}
			if err := b.Put(mergedKey(old), []byte(to)); err != nil {
				return err
			}
			if err := b.Delete(waitKey(old)); err != nil {
				return err
			}
			if err := tx.Bucket(bucketFolded).Delete([]byte(old)); err != nil {
				return err
			}
			touched[to] = &touch{full: true}
		}
		if _, err := foldAll(tx, touched, cfg, false, nil); err != nil {
			return err
		}
		if err := emit(tx, journal.Event{Kind: journal.KindDeckRemove, Deck: m.Deck.Identity, Value: m.Synced.Identity, Time: now}); err != nil {
			return err
		}
		return b.Delete(mergeKey(m.Deck.Identity))
	})
	if err != nil {
		return MergedDeck{}, fmt.Errorf("merge deck %q into the synced deck: %w", m.Deck.Name, err)
	}
	return res, nil
}

// recordAgain records each of device's events of the card old, not undone,
// again under the card's new ID, the copy naming the event it stands for;
// a review's log entry goes to the copy, and the first event counts as
// undone by it, so that no fold takes both.
func recordAgain(tx *bolt.Tx, old, to, device string) error {
	prefix := append([]byte(old), 0)
	events, undone := tx.Bucket(bucketCardEvents), tx.Bucket(bucketUndone)
	type entry struct{ k, v []byte }
	var list []entry
	c := newCursor(events)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		list = append(list, entry{slices.Clone(k), slices.Clone(v)})
	}
	for _, en := range list {
		ek := cardEventsEvent(en.k, len(prefix))
		if undone.Get(ek) != nil {
			continue
		}
		id, ok := parseEventKey(ek)
		if !ok {
			return fmt.Errorf("malformed event index key %x", en.k)
		}
		if id.Device != device {
			continue // its own machine records it again when it merges
		}
		e, ok, err := loadEvent(tx, id)
		if err != nil || !ok {
			return fmt.Errorf("event %s: missing or damaged: %v", id, err)
		}
		again := e
		again.ID, again.Card, again.Undoes = journal.ID{}, to, id
		var link []byte
		if len(en.v) == 8 {
			link = en.v
		}
		cid, err := emitLinked(tx, again, link)
		if err != nil {
			return err
		}
		if link != nil {
			if err := events.Put(en.k, nil); err != nil {
				return err
			}
			if err := tx.Bucket(bucketLogEvent).Put(link, eventKey(cid)); err != nil {
				return err
			}
		}
		if err := undone.Put(ek, eventKey(cid)); err != nil {
			return err
		}
	}
	return nil
}

// standIn applies an event another machine recorded again under a merged
// card's ID (e.Undoes names the first): the first no longer folds, and
// hands its log entry, if it has one here, to the copy, whose link it
// returns. If the first was undone already, the copy is too.
func standIn(tx *bolt.Tx, e *journal.Event, touched touches) ([]byte, error) {
	undone := tx.Bucket(bucketUndone)
	firstKey, copyKey := eventKey(e.Undoes), eventKey(e.ID)
	if by := undone.Get(firstKey); by != nil {
		return nil, undone.Put(copyKey, slices.Clone(by))
	}
	first, ok, err := loadEvent(tx, e.Undoes)
	if err != nil || !ok {
		return nil, err // nothing here to stand in for
	}
	link, err := unlink(tx, e.Undoes)
	if err != nil {
		return nil, err
	}
	if link != nil {
		if err := tx.Bucket(bucketLogEvent).Put(link, copyKey); err != nil {
			return nil, err
		}
	}
	if err := undone.Put(firstKey, copyKey); err != nil {
		return nil, err
	}
	card := indexCard(tx, first.Card)
	if tc := touched[card]; tc != nil {
		tc.full = true
	} else {
		touched[card] = &touch{full: true}
	}
	return link, nil
}

// undoStandIn undoes, with the undo whose key is by, the copy that stands
// in for the undone event id, if one does.
func undoStandIn(tx *bolt.Tx, id journal.ID, by []byte, touched touches) error {
	undone := tx.Bucket(bucketUndone)
	prev := slices.Clone(undone.Get(eventKey(id)))
	cid, ok := parseEventKey(prev)
	if !ok {
		return nil
	}
	c, ok, err := loadEvent(tx, cid)
	if err != nil || !ok || c.Kind == journal.KindUndo || c.Undoes != id {
		return err
	}
	if err := undone.Put(prev, by); err != nil {
		return err
	}
	if err := unlog(tx, cid); err != nil {
		return err
	}
	touched[indexCard(tx, c.Card)] = &touch{full: true}
	return nil
}

// hasLiveEvents reports whether any event of card, indexed or among
// pending, is not undone: a card whose events all are waits for nothing.
func hasLiveEvents(tx *bolt.Tx, card string, pending []pendingEvent) bool {
	undone := tx.Bucket(bucketUndone)
	for _, p := range pending {
		if undone.Get(eventKey(p.event.ID)) == nil {
			return true
		}
	}
	prefix := append([]byte(card), 0)
	c := newCursor(tx.Bucket(bucketCardEvents))
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if undone.Get(cardEventsEvent(k, len(prefix))) == nil {
			return true
		}
	}
	return false
}
