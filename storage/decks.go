package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// Buckets added in schema version 3 for deck identity.
var (
	// bucketDecks: deck name → JSON of its DeckRecord.
	bucketDecks = []byte("decks")
	// bucketRemovedState: card ID → the card's state (encodeState) when its
	// deck was removed, so adding the same card again brings its schedule
	// back.
	bucketRemovedState = []byte("removedstate")
)

// createDeckBuckets is migration 2 → 3: deck records. Decks made before it
// have none; their identity is their name, which is what their card IDs
// were made from, so every existing ID stays valid.
func createDeckBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketDecks, bucketRemovedState} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %q: %w", name, err)
		}
	}
	return nil
}

// DeckRecord is what the store knows of a deck beyond its cards.
type DeckRecord struct {
	// Name is the deck's name as it was first written (or renamed to).
	// Names are matched without regard to case.
	Name string `json:"name"`
	// Identity is fixed when the deck is created and seeds the IDs of the
	// cards made from its notes, so a rename keeps every card's ID. A deck
	// from before deck records has its name as identity.
	Identity string `json:"identity"`
	// Root is the absolute folder the deck's note paths are relative to
	// (OS form), "" until notes are imported.
	Root string `json:"root,omitempty"`
	// Paths are the note files and folders the deck was imported from,
	// slash-separated and relative to Root, the fewest that cover them all.
	Paths   []string  `json:"paths,omitempty"`
	Created time.Time `json:"created"` // UTC
	// Removed marks a deck removed with RemoveDeck: it is no longer listed,
	// but its identity is kept so that importing the same notes again under
	// its name makes the same card IDs, and their schedules come back.
	Removed bool `json:"removed,omitempty"`
}

// deckStatus says what findDeck found.
type deckStatus int

const (
	deckUnknown deckStatus = iota
	deckRemovedOnly
	deckLive
)

// liveDeckNames returns the decks the store has: those with cards, shared
// ones and those with a record not marked removed, sorted.
func liveDeckNames(tx *bolt.Tx) ([]string, error) {
	names := deckNames(tx, bucketOrder, "")
	if shared := tx.Bucket(bucketShared); shared != nil {
		if err := shared.ForEach(func(k, _ []byte) error {
			names = append(names, string(k))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if decks := tx.Bucket(bucketDecks); decks != nil {
		if err := decks.ForEach(func(k, v []byte) error {
			var r DeckRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode deck record %q: %w", k, err)
			}
			if !r.Removed {
				names = append(names, string(k))
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// deckRecord reads the record of a deck by exact name.
func deckRecord(tx *bolt.Tx, name string) (DeckRecord, bool, error) {
	var r DeckRecord
	if tx.Bucket(bucketDecks) == nil {
		return r, false, nil
	}
	found, err := getJSON(tx, bucketDecks, name, &r)
	return r, found, err
}

// findDeck finds the deck a user means by name: the deck of exactly that
// name, else the one whose name differs only by case. A deck with cards but
// no record (made before records) gets one made up: its name is its
// identity. If only a removed deck's record matches, it is returned with
// deckRemovedOnly.
func findDeck(tx *bolt.Tx, name string) (DeckRecord, deckStatus, error) {
	live, err := liveDeckNames(tx)
	if err != nil {
		return DeckRecord{}, deckUnknown, err
	}
	match := ""
	if slices.Contains(live, name) {
		match = name
	} else {
		for _, n := range live {
			if strings.EqualFold(n, name) {
				match = n
				break
			}
		}
	}
	if match != "" {
		r, found, err := deckRecord(tx, match)
		if err != nil {
			return DeckRecord{}, deckUnknown, err
		}
		if !found || r.Removed {
			r = DeckRecord{Name: match, Identity: match}
		}
		return r, deckLive, nil
	}
	var removed DeckRecord
	found := false
	if tx.Bucket(bucketDecks) == nil {
		return DeckRecord{}, deckUnknown, nil
	}
	err = tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
		if found || !strings.EqualFold(string(k), name) {
			return nil
		}
		if err := json.Unmarshal(v, &removed); err != nil {
			return fmt.Errorf("decode deck record %q: %w", k, err)
		}
		found = true
		return nil
	})
	if err != nil || !found {
		return DeckRecord{}, deckUnknown, err
	}
	return removed, deckRemovedOnly, nil
}

// newIdentity picks the identity of a deck created under name: the name
// itself, as card IDs have always been made, unless another deck (renamed
// since) already has that identity.
func newIdentity(tx *bolt.Tx, name string) (string, error) {
	taken := make(map[string]bool)
	if tx.Bucket(bucketDecks) == nil {
		return name, nil
	}
	err := tx.Bucket(bucketDecks).ForEach(func(k, v []byte) error {
		var r DeckRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode deck record %q: %w", k, err)
		}
		taken[r.Identity] = true
		return nil
	})
	if err != nil {
		return "", err
	}
	// A deck from before records has its name as identity.
	for _, n := range deckNames(tx, bucketOrder, "") {
		if _, found, _ := deckRecord(tx, n); !found {
			taken[n] = true
		}
	}
	id := name
	for i := 2; taken[id]; i++ {
		id = name + " #" + strconv.Itoa(i)
	}
	return id, nil
}

// FindDeck returns the record of the deck a user means by name, matched
// without regard to case (an exact match first), and false if the store has
// no such deck. A deck made before deck records gets a record made up on
// the fly, with its name as identity.
func (s *Store) FindDeck(name string) (DeckRecord, bool, error) {
	var r DeckRecord
	var st deckStatus
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		r, st, err = findDeck(tx, name)
		return err
	})
	if err != nil || st != deckLive {
		return DeckRecord{}, false, err
	}
	return r, true, nil
}

// DeckIdentity returns the identity the cards of a deck named name are, or
// would be, made with: the existing deck's (a removed one's too, so that
// importing its notes again brings its cards back), else the identity a new
// deck of that name would get.
func (s *Store) DeckIdentity(name string) (string, error) {
	var id string
	err := s.view(func(tx *bolt.Tx) error {
		r, st, err := findDeck(tx, name)
		switch {
		case err != nil:
			return err
		case st != deckUnknown:
			id = r.Identity
			return nil
		}
		id, err = newIdentity(tx, name)
		return err
	})
	return id, err
}

// DeckNames returns the names of the store's decks, sorted.
func (s *Store) DeckNames() ([]string, error) {
	var names []string
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		names, err = liveDeckNames(tx)
		return err
	})
	return names, err
}

// ImportOptions control Import.
type ImportOptions struct {
	// DryRun plans and changes nothing.
	DryRun bool
	// Scope is the part of the deck the cards were generated from; cards of
	// notes outside it are left alone. The zero Scope is the whole deck.
	Scope deck.Scope
	// Identity, if not "", is the deck identity the cards' IDs were made
	// with (DeckIdentity); the import fails if the deck's is not that.
	Identity string
	// Root and Paths are remembered as where the deck's notes are: Root if
	// the deck has none yet, Paths added to those it has.
	Root  string
	Paths []string
	// Forget are remembered paths to drop: they no longer exist.
	Forget []string
	// Memo, if not nil, is saved with a real import for UnchangedImport
	// (its Record and Stamp are filled in): Inputs must digest everything the cards
	// were generated from, and Cards count them.
	Memo *ImportMemo
	// Notes, if not nil, updates with a real import what the deck keeps
	// of its notes for the next import (KeptNotes), within Scope. New
	// entries over keptNotesInline bytes in all are written after the
	// import, in transactions of their own (putKeptNotes), and taken out
	// of Notes.Put as they are.
	Notes *KeptNotesUpdate
	// Check, if not nil, sees the plan before it is carried out, inside
	// the transaction; an error it returns cancels the import. It must not
	// wait for a person.
	Check func(deck.MergePlan) error
}

// ImportResult is what an import did, or in a dry run would do.
type ImportResult struct {
	Plan deck.MergePlan
	// Restored are the added cards that were in a removed deck and had been
	// reviewed: each got back its schedule from when it was removed, or
	// from its last review.
	Restored []string
	// Deck is the deck's record after the import.
	Deck DeckRecord
}

// summary counts the plan.
func (r ImportResult) summary() ImportSummary {
	p := r.Plan
	return ImportSummary{
		Added: len(p.Added), Updated: len(p.Updated), Unchanged: len(p.Unchanged),
		Retired: len(p.Retired), Relinked: len(p.Relinked),
	}
}

// ImportNotes merges cards, freshly generated from a deck's notes, into the
// deck a user means by deckName (matched without regard to case; a new deck
// otherwise), as deck.PlanMergeIn plans it for opts.Scope, and records where
// the notes are. It is all or nothing: one transaction, or, when it adds
// more cards new to the store than one transaction should hold, those in
// several before the rest in a last one, undone at the next open if the
// process dies in between (see bucketStaged). cards are read, not changed.
func (s *Store) ImportNotes(deckName string, cards []deck.Card, now time.Time, opts ImportOptions) (ImportResult, error) {
	var p plannedImport
	var fresh []*deck.Card
	run := s.update
	if opts.DryRun {
		run = s.view
	}
	// A vault's kept notes are tens of megabytes: written with the
	// import's last transaction, bbolt would hold them twice more while it
	// commits. They are a cache, so they can follow the import.
	var later map[string][]byte
	if u := opts.Notes; u != nil && !opts.DryRun && keptNotesSize(u.Put) > keptNotesInline {
		later = u.Put
		opts.Notes = &KeptNotesUpdate{Read: u.Read}
	}
	err := run(func(tx *bolt.Tx) error {
		var err error
		if p, err = planImport(tx, deckName, cards, now, opts); err != nil || opts.DryRun {
			return err
		}
		if fresh = p.fresh(); fresh != nil {
			return beginStaged(tx, p.res.Deck.Name)
		}
		return p.finish(tx, now, opts, false)
	})
	if err == nil && fresh != nil {
		if err = s.stageFresh(fresh, now.UTC()); err == nil {
			err = s.update(func(tx *bolt.Tx) error {
				if err := p.finish(tx, now, opts, true); err != nil {
					return err
				}
				return endStaged(tx)
			})
		}
		if err != nil {
			if _, _, uerr := s.undoStaged(); uerr != nil {
				err = fmt.Errorf("%w (and %w; the next open tries again)", err, uerr)
			}
		}
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import into deck %q: %w", deckName, err)
	}
	if later != nil {
		// The import is done: a note whose entry is not written (a full
		// disk) is only read again by the next import.
		_ = s.putKeptNotes(p.res.Deck, later)
	}
	return p.res, nil
}

// finish writes the planned import (write), the notes kept for the next
// import and the memo of the notes it was made from.
func (p *plannedImport) finish(tx *bolt.Tx, now time.Time, opts ImportOptions, staged bool) error {
	if err := p.write(tx, now, staged); err != nil {
		return err
	}
	if opts.Notes != nil {
		if err := saveKeptNotes(tx, p.res.Deck, opts.Scope, *opts.Notes); err != nil {
			return err
		}
	}
	if opts.Memo == nil {
		return nil
	}
	return saveImportMemo(tx, p.res.Deck, *opts.Memo)
}

// restoreStates returns, for each of ids that a removed deck had, the state
// it had: the one saved when its deck was removed, else (a deck removed
// before states were saved) the Next state of its last review in the log,
// found in one pass from the newest entry that stops once every card is
// found.
func restoreStates(tx *bolt.Tx, ids []string) (map[string]scheduler.State, error) {
	states := make(map[string]scheduler.State)
	want := make(map[string]bool)
	saved := tx.Bucket(bucketRemovedState)
	if saved == nil || tx.Bucket(bucketRemoved) == nil {
		return states, nil // a store older than shared decks removed nothing
	}
	for _, id := range ids {
		if _, ok := removedDeck(tx, id); !ok {
			continue
		}
		if raw := saved.Get([]byte(id)); raw != nil {
			s, err := decodeState(raw)
			if err != nil {
				return nil, fmt.Errorf("decode saved state of removed card %q: %w", id, err)
			}
			states[id] = s
			continue
		}
		want[id] = true
	}
	if len(want) == 0 {
		return states, nil
	}
	c := newCursor(tx.Bucket(bucketLog))
	for k, v := c.Last(); k != nil && len(want) > 0; k, v = c.Prev() {
		e, err := decodeLog(k, v)
		if err != nil {
			continue // a damaged entry does not stop the others being found
		}
		if e.Practice {
			continue
		}
		if id := e.CardID; want[id] {
			states[id] = e.Next
			delete(want, id)
		}
	}
	return states, nil
}

// saveDeckRecord writes a deck's record under its name.
func saveDeckRecord(tx *bolt.Tx, r DeckRecord) error {
	if tx.Bucket(bucketDecks) == nil {
		return nil // only a test opens a store at an older schema
	}
	return putJSON(tx, bucketDecks, r.Name, r)
}

// RenameDeck gives the deck oldName (matched without regard to case) the
// name newName. Every card keeps its ID, state and history: IDs come from
// the deck's identity, which a rename does not change, so importing the
// same notes into the renamed deck later changes nothing. A shared deck
// keeps its subscription, and sync still takes the deck file's versions.
// It fails with ErrDeckNotFound if there is no such deck, and if another
// deck already has newName.
func (s *Store) RenameDeck(oldName, newName string) (DeckRecord, error) {
	var rec DeckRecord
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		var renamed bool
		if rec, renamed, err = renameDeckTx(tx, oldName, newName); err != nil || !renamed {
			return err
		}
		return emit(tx, journal.Event{Kind: journal.KindDeckRename, Deck: rec.Identity, Name: rec.Name, Time: s.now()})
	})
	if err != nil {
		return DeckRecord{}, fmt.Errorf("rename deck %q: %w", oldName, err)
	}
	return rec, nil
}

// renameDeckTx is RenameDeck inside the caller's transaction, without the
// sync event; renamed is false if the deck had that name already.
func renameDeckTx(tx *bolt.Tx, oldName, newName string) (rec DeckRecord, renamed bool, err error) {
	err = func() error {
		if err := validateDeckName(newName); err != nil {
			return err
		}
		var status deckStatus
		var err error
		if rec, status, err = findDeck(tx, oldName); err != nil {
			return err
		}
		if status != deckLive {
			return fmt.Errorf("%w %q", ErrDeckNotFound, oldName)
		}
		oldName = rec.Name
		if other, st, err := findDeck(tx, newName); err != nil {
			return err
		} else if st == deckLive && other.Name != oldName {
			return fmt.Errorf("a deck named %q is already in the store", other.Name)
		}
		if newName == oldName {
			return nil
		}
		// A removed deck's record under the new name gives way; its cards'
		// saved schedules stay, found by card ID.
		if err := tx.Bucket(bucketDecks).Delete([]byte(newName)); err != nil {
			return err
		}
		existing, err := loadExisting(tx, oldName, nil)
		if err != nil {
			return err
		}
		for _, name := range []string{oldName, newName} {
			if err := stampDeck(tx, name); err != nil {
				return err
			}
		}
		for _, id := range existing.sortedIDs() {
			before, err := existing.get(tx, id)
			if err != nil {
				return err
			}
			after := before
			after.card.Deck = newName
			if err := put(tx, &before, &after, true); err != nil {
				return err
			}
		}
		for _, index := range [][]byte{bucketDue, bucketNew, bucketOrder} {
			if deckBucket(tx, index, oldName) == nil {
				continue
			}
			if err := tx.Bucket(index).DeleteBucket([]byte(oldName)); err != nil {
				return fmt.Errorf("drop %s index of deck %q: %w", index, oldName, err)
			}
		}
		var sub Subscription
		if found, err := getJSON(tx, bucketShared, oldName, &sub); err != nil {
			return err
		} else if found {
			if sub.FileDeck == "" {
				sub.FileDeck = sub.Deck
			}
			sub.Deck = newName
			if err := moveJSON(tx, bucketShared, oldName, newName, sub); err != nil {
				return err
			}
		}
		var pack Pack
		if found, err := getJSON(tx, bucketPacks, oldName, &pack); err != nil {
			return err
		} else if found {
			pack.Deck = newName
			if err := moveJSON(tx, bucketPacks, oldName, newName, pack); err != nil {
				return err
			}
		}
		if err := renameDeckSettings(tx, oldName, newName); err != nil {
			return err
		}
		if err := tx.Bucket(bucketDecks).Delete([]byte(oldName)); err != nil {
			return err
		}
		rec.Name, renamed = newName, true
		return saveDeckRecord(tx, rec)
	}()
	return rec, renamed, err
}

// renameDeckSettings moves a deck's own scheduling settings to its new name.
func renameDeckSettings(tx *bolt.Tx, oldName, newName string) error {
	b := tx.Bucket(bucketSettings)
	raw := b.Get(keySettings)
	if raw == nil {
		return nil
	}
	var saved savedSettings
	if err := json.Unmarshal(raw, &saved); err != nil {
		return fmt.Errorf("decode settings: %w", err)
	}
	sd, ok := saved.Decks[oldName]
	if !ok {
		return nil
	}
	delete(saved.Decks, oldName)
	saved.Decks[newName] = sd
	data, err := json.Marshal(saved)
	if err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	return b.Put(keySettings, data)
}

// moveJSON writes value under key to and deletes key from.
func moveJSON(tx *bolt.Tx, bucket []byte, from, to string, value any) error {
	if err := tx.Bucket(bucket).Delete([]byte(from)); err != nil {
		return err
	}
	return putJSON(tx, bucket, to, value)
}
