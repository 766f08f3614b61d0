package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// Record is a card with its schedule.
type Record struct {
	Card    deck.Card
	State   scheduler.State
	Retired bool // vanished from the notes: kept with its history, out of the queue
	// Changed is when an import last changed the card's content or
	// placement (its first import if none did since).
	Changed time.Time
	// Edit is the user's own wording of the card (recall edit), nil if it
	// has none; Card is already worded so. EditStale says the notes'
	// wording changed since the edit was made.
	Edit      *Override
	EditStale bool
}

// storedCard is a card as the cards bucket keeps it. deck.Card leaves Term,
// Note and Order out of its JSON (they are not for export), so the store has
// its own shape.
type storedCard struct {
	ID       string        `json:"id"`
	Kind     deck.Kind     `json:"kind"`
	Deck     string        `json:"deck"`
	Front    string        `json:"front"`
	Back     string        `json:"back"`
	Term     string        `json:"term,omitempty"`
	Note     string        `json:"note,omitempty"`
	Order    int           `json:"order"`
	Tags     []string      `json:"tags,omitempty"`
	Siblings []string      `json:"siblings,omitempty"`
	Sources  []deck.Source `json:"sources,omitempty"`
	Retired  bool          `json:"retired,omitempty"`
	Added    time.Time     `json:"added"`   // first import
	Changed  time.Time     `json:"changed"` // last import that changed it
}

func fromCard(c deck.Card) storedCard {
	return storedCard{
		ID: c.ID, Kind: c.Kind, Deck: c.Deck, Front: c.Front, Back: c.Back,
		Term: c.Term, Note: c.Note, Order: c.Order,
		Tags: c.Tags, Siblings: c.Siblings, Sources: c.Sources,
	}
}

func (c storedCard) card() deck.Card {
	return deck.Card{
		ID: c.ID, Kind: c.Kind, Deck: c.Deck, Front: c.Front, Back: c.Back,
		Term: c.Term, Note: c.Note, Order: c.Order,
		Tags: c.Tags, Siblings: c.Siblings, Sources: c.Sources,
	}
}

// cardState is one card as a transaction sees it.
type cardState struct {
	card  storedCard
	state scheduler.State
}

func (cs cardState) record() Record {
	return Record{Card: cs.card.card(), State: cs.state, Retired: cs.card.Retired, Changed: cs.card.Changed}
}

// indexEntry is one key a card has in the due, new or order index.
type indexEntry struct {
	index []byte // bucketDue, bucketNew or bucketOrder
	deck  string
	key   string
	value string
}

// indexEntries lists the index keys a card in this state must have, and
// only those: Check compares the indexes against it.
func indexEntries(c *storedCard, s scheduler.State) []indexEntry {
	order := string(orderKey(c.Order, c.ID))
	entries := []indexEntry{{bucketOrder, c.Deck, order, string([]byte{status(c.Retired, s)})}}
	if c.Retired {
		return entries
	}
	if t, ok := s.QueueTime(); ok {
		entries = append(entries, indexEntry{bucketDue, c.Deck, string(dueKey(t, c.ID)), ""})
	}
	if s.IsNew() && !s.Suspended {
		entries = append(entries, indexEntry{bucketNew, c.Deck, order, ""})
	}
	return entries
}

// put writes a card and its state and moves its index entries from where
// before put them. before is nil for a card the store does not have yet;
// after is nil to delete the card (a relinked card's old ID). writeCard is
// false when only the state changed, so a review does not rewrite the card.
func put(tx *bolt.Tx, before, after *cardState, writeCard bool) error {
	var data []byte
	if after != nil && (writeCard || before == nil) {
		var err error
		if data, err = encodeCard(after.card); err != nil {
			return err
		}
	}
	return putVia(tx, direct{}, before, after, data)
}

// encodeCard is a card as the cards bucket keeps it, refused over
// maxCardBytes.
func encodeCard(c storedCard) ([]byte, error) {
	return appendEncodedCard(nil, &c)
}

// appendEncodedCard appends encodeCard's bytes of c to dst; it returns
// dst with them, which an import slices each card's value from.
func appendEncodedCard(dst []byte, c *storedCard) ([]byte, error) {
	out, err := appendCard(dst, c)
	if err != nil {
		// For encoding/json's own words about what it refuses.
		if _, jerr := json.Marshal(c); jerr != nil {
			err = jerr
		}
		return nil, fmt.Errorf("encode card %q: %w", c.ID, err)
	}
	if len(out)-len(dst) > maxCardBytes {
		return nil, fmt.Errorf("card %q is larger than %d KiB", c.ID, maxCardBytes>>10)
	}
	return out, nil
}

// putVia is put with its writes going to w, and the card already encoded:
// data is nil when the card itself is not rewritten.
func putVia(tx *bolt.Tx, w keyWriter, before, after *cardState, data []byte) error {
	if err := stampCards(tx, before, after, data); err != nil {
		return err
	}
	var old, nu []indexEntry
	if before != nil {
		old = indexEntries(&before.card, before.state)
	}
	if after != nil {
		nu = indexEntries(&after.card, after.state)
	}
	for _, e := range old {
		if hasKey(nu, e) {
			continue
		}
		if b := deckBucket(tx, e.index, e.deck); b != nil {
			if err := w.del(b, []byte(e.key)); err != nil {
				return fmt.Errorf("update %s index: %w", e.index, err)
			}
		}
	}
	for _, e := range nu {
		if hasEntry(old, e) {
			continue
		}
		b, err := tx.Bucket(e.index).CreateBucketIfNotExists([]byte(e.deck))
		if err != nil {
			return fmt.Errorf("create %s index of deck %q: %w", e.index, e.deck, err)
		}
		if err := w.put(b, []byte(e.key), []byte(e.value)); err != nil {
			return fmt.Errorf("update %s index: %w", e.index, err)
		}
	}
	if after == nil {
		id := []byte(before.card.ID)
		if err := w.del(tx.Bucket(bucketCards), id); err != nil {
			return err
		}
		return w.del(tx.Bucket(bucketState), id)
	}
	id := []byte(after.card.ID)
	if data != nil {
		if err := w.put(tx.Bucket(bucketCards), id, data); err != nil {
			return fmt.Errorf("write card %q: %w", after.card.ID, err)
		}
	}
	if before == nil || before.state != after.state {
		if err := w.put(tx.Bucket(bucketState), id, encodeState(after.state)); err != nil {
			return fmt.Errorf("write state of card %q: %w", after.card.ID, err)
		}
	}
	return nil
}

func hasKey(entries []indexEntry, e indexEntry) bool {
	for _, x := range entries {
		if bytes.Equal(x.index, e.index) && x.deck == e.deck && x.key == e.key {
			return true
		}
	}
	return false
}

func hasEntry(entries []indexEntry, e indexEntry) bool {
	for _, x := range entries {
		if bytes.Equal(x.index, e.index) && x.deck == e.deck && x.key == e.key && x.value == e.value {
			return true
		}
	}
	return false
}

// deckBucket returns one deck's bucket of an index, or nil.
func deckBucket(tx *bolt.Tx, index []byte, deckName string) *bolt.Bucket {
	return tx.Bucket(index).Bucket([]byte(deckName))
}

// load reads a card and its state by exact ID.
func load(tx *bolt.Tx, id string) (cardState, bool, error) {
	data := tx.Bucket(bucketCards).Get([]byte(id))
	if data == nil {
		return cardState{}, false, nil
	}
	var cs cardState
	if err := json.Unmarshal(data, &cs.card); err != nil {
		return cs, false, fmt.Errorf("decode card %q: %w", id, err)
	}
	raw := tx.Bucket(bucketState).Get([]byte(id))
	if raw == nil {
		return cs, false, fmt.Errorf("card %q has no schedule", id)
	}
	s, err := decodeState(raw)
	if err != nil {
		return cs, false, fmt.Errorf("decode state of card %q: %w", id, err)
	}
	cs.state = s
	return cs, true, nil
}

// maxAliasHops bounds how far resolve follows aliases; each relink adds at
// most one hop and a chain longer than this means a corrupt alias table.
const maxAliasHops = 64

// resolve turns what a user typed or a log entry holds into the ID of a card
// in the store: the exact ID, an old ID relinked since (through the alias
// table), or a unique prefix of an ID.
func resolve(tx *bolt.Tx, id string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("%w: empty ID", ErrNotFound)
	}
	cards := tx.Bucket(bucketCards)
	if cards.Get([]byte(id)) != nil {
		return id, nil
	}
	if target, ok := followAlias(tx, id); ok {
		return target, nil
	}
	var matches []string
	c := newCursor(cards)
	for k, _ := c.Seek([]byte(id)); k != nil && bytes.HasPrefix(k, []byte(id)); k, _ = c.Next() {
		matches = append(matches, string(k))
		if len(matches) > 3 {
			break
		}
	}
	switch len(matches) {
	case 0:
		return "", fmt.Errorf("%w %q", ErrNotFound, id)
	case 1:
		return matches[0], nil
	}
	more := ""
	if len(matches) > 3 {
		matches, more = matches[:3], ", …"
	}
	return "", fmt.Errorf("%w: %q matches %s%s", ErrAmbiguous, id, strings.Join(matches, ", "), more)
}

// followAlias follows the alias table from an old ID to a live card.
func followAlias(tx *bolt.Tx, id string) (string, bool) {
	aliases, cards := tx.Bucket(bucketAlias), tx.Bucket(bucketCards)
	for range maxAliasHops {
		next := aliases.Get([]byte(id))
		if next == nil {
			return "", false
		}
		id = string(next)
		if cards.Get(next) != nil {
			return id, true
		}
	}
	return "", false
}

// loadResolved reads the card that what a user typed names (see resolve),
// with its unfolded reviews applied (loadLatest).
func loadResolved(tx *bolt.Tx, id string) (cardState, error) {
	full, err := resolve(tx, id)
	if err != nil {
		return cardState{}, err
	}
	cs, _, err := loadLatest(tx, full)
	return cs, err
}

// Card returns the card with this ID, or the one card whose ID starts with
// it; an ID a card had before an import relinked it finds the card too. It
// fails with ErrNotFound or ErrAmbiguous.
func (s *Store) Card(id string) (Record, error) {
	var r Record
	// Read around the reviews waiting to be folded: a review session reads
	// each card it shows from a store that defers folding.
	err := s.view(func(tx *bolt.Tx) error {
		cs, err := loadResolved(tx, id)
		if err != nil {
			return err
		}
		r, err = recordIn(overridesIn(tx), cs)
		return err
	})
	return r, err
}

// ForEachCard calls fn for every card of a deck ("" for all decks, one deck
// after another by name), retired ones included, in note order, stopping at
// the first error. fn runs inside a read transaction and must not write to
// the store.
func (s *Store) ForEachCard(deckName string, fn func(Record) error) error {
	return s.view(func(tx *bolt.Tx) error {
		overrides := overridesIn(tx)
		t := readTail(tx)
		for _, name := range deckNames(tx, bucketOrder, deckName) {
			c := newCursor(deckBucket(tx, bucketOrder, name))
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				id := string(k[orderKeyLen:])
				cs, ok, err := load(tx, id)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("order index of deck %q names unknown card %q", name, id)
				}
				cs.state = t.state(id, cs.state)
				r, err := recordIn(overrides, cs)
				if err != nil {
					return err
				}
				if err := fn(r); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// deckNames returns the decks that have a bucket in an index: just deckName
// if it is not "" (and has one), else all of them by name.
func deckNames(tx *bolt.Tx, index []byte, deckName string) []string {
	b := tx.Bucket(index)
	if deckName != "" {
		if b.Bucket([]byte(deckName)) == nil {
			return nil
		}
		return []string{deckName}
	}
	var names []string
	c := newCursor(b)
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil { // nested bucket
			names = append(names, string(k))
		}
	}
	return names
}

// Bounds on what an import may store, so a hostile shared deck cannot bloat
// the store or break its keys (bbolt keys are at most 32 KiB).
const (
	maxIDLen       = 128
	maxDeckNameLen = 200
	maxCardBytes   = 256 << 10
)

// validateDeckName rejects names that could not be shown on one line.
func validateDeckName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("deck name is empty")
	case len(name) > maxDeckNameLen:
		return fmt.Errorf("deck name %.40q… is longer than %d bytes", name, maxDeckNameLen)
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("deck name %q has control characters or invalid UTF-8", name)
	}
	return nil
}

func validateCard(c deck.Card) error {
	switch {
	case c.ID == "":
		return fmt.Errorf("card %.40q has no ID", c.Front)
	case len(c.ID) > maxIDLen:
		return fmt.Errorf("card ID %.40q… is longer than %d bytes", c.ID, maxIDLen)
	case !utf8.ValidString(c.ID) || strings.IndexFunc(c.ID, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0:
		return fmt.Errorf("card ID %q has spaces, control characters or invalid UTF-8", c.ID)
	}
	return nil
}

// ImportSummary counts what an import did (or, in a dry run, would do).
type ImportSummary struct{ Added, Updated, Unchanged, Retired, Relinked int }

// Import merges cards, freshly generated from a deck's notes, into the
// store's deck deckName, as deck.PlanMerge plans it: new cards are added,
// changed ones updated in place keeping their schedule and history, vanished
// ones retired, and cards whose ID changed relinked so the new ID takes over
// the old card's schedule and log. It is one transaction; with dryRun it
// only plans and changes nothing. It is ImportNotes for the whole deck.
func (s *Store) Import(deckName string, cards []deck.Card, now time.Time, dryRun bool) (ImportSummary, error) {
	res, err := s.ImportNotes(deckName, cards, now, ImportOptions{DryRun: dryRun})
	return res.summary(), err
}

// importTx is ImportNotes inside the caller's transaction.
func importTx(tx *bolt.Tx, deckName string, cards []deck.Card, now time.Time, opts ImportOptions) (ImportResult, error) {
	p, err := planImport(tx, deckName, cards, now, opts)
	if err != nil || opts.DryRun {
		return p.res, err
	}
	return p.res, p.write(tx, now, false)
}

// plannedImport is an import worked out inside a transaction, with what
// carrying it out needs.
type plannedImport struct {
	res      ImportResult
	existing *existingCards
	restored map[string]scheduler.State
	status   deckStatus
}

// planImport works out an import (ImportNotes) inside tx and checks it,
// changing nothing.
func planImport(tx *bolt.Tx, deckName string, cards []deck.Card, now time.Time, opts ImportOptions) (plannedImport, error) {
	if err := validateDeckName(deckName); err != nil {
		return plannedImport{}, err
	}
	rec, status, err := findDeck(tx, deckName)
	if err != nil {
		return plannedImport{}, err
	}
	switch status {
	case deckLive:
		deckName = rec.Name // as first written
	case deckRemovedOnly:
		// Brought back under the name now given, with its old identity.
		rec.Name, rec.Removed = deckName, false
	default:
		id, err := newIdentity(tx, deckName)
		if err != nil {
			return plannedImport{}, err
		}
		rec = DeckRecord{Name: deckName, Identity: id, Created: now.UTC()}
	}
	if opts.Identity != "" && opts.Identity != rec.Identity {
		return plannedImport{}, fmt.Errorf("deck %q changed while its notes were read; import again", deckName)
	}
	// The plan puts each card in deckName itself (PlanMergeIn), so the
	// cards are read as given, without a copy: a vault's import holds
	// hundreds of thousands.
	for _, c := range cards {
		if err := validateCard(c); err != nil {
			return plannedImport{}, err
		}
		// A real import encodes each card once, as it writes it (apply);
		// a dry run writes nothing, so it encodes here to refuse the same
		// cards.
		if opts.DryRun {
			c.Deck = deckName
			if _, err := encodeCard(fromCard(c)); err != nil {
				return plannedImport{}, err
			}
		}
	}
	existing, err := loadExisting(tx, deckName, cards)
	if err != nil {
		return plannedImport{}, err
	}
	plan, err := deck.PlanMergeIn(deckName, existing.list, cards, opts.Scope)
	if err != nil {
		return plannedImport{}, err
	}
	added := make([]string, len(plan.Added))
	for i, c := range plan.Added {
		added[i] = c.ID
	}
	restored, err := restoreStates(tx, added)
	if err != nil {
		return plannedImport{}, err
	}
	if rec.Root == "" {
		rec.Root = opts.Root
	}
	kept := slices.DeleteFunc(slices.Clone(rec.Paths), func(p string) bool { return slices.Contains(opts.Forget, p) })
	rec.Paths = deck.AddPaths(kept, opts.Paths...)
	res := ImportResult{Plan: plan, Deck: rec}
	for _, id := range added {
		if s, ok := restored[id]; ok && !s.IsNew() {
			res.Restored = append(res.Restored, id)
		}
	}
	if opts.Check != nil {
		if err := opts.Check(plan); err != nil {
			return plannedImport{}, err
		}
	}
	return plannedImport{res: res, existing: existing, restored: restored, status: status}, nil
}

// write carries out the planned import in tx: the plan and the deck's
// record. With staged, the added cards that are new to the store were
// written already (stageFresh), and are left out.
func (p *plannedImport) write(tx *bolt.Tx, now time.Time, staged bool) error {
	if err := apply(tx, p.res.Plan, p.existing, p.restored, now.UTC(), staged); err != nil {
		return err
	}
	rec := p.res.Deck
	if err := saveDeckRecord(tx, rec); err != nil {
		return err
	}
	if p.status != deckLive {
		// Created, or brought back: other machines adopt it.
		return emit(tx, journal.Event{Kind: journal.KindDeckCreate, Deck: rec.Identity, Name: rec.Name, Time: now})
	}
	return nil
}

// existingCards are the cards an import plans against, as the merge sees
// them, each held once. A vault's re-import holds hundreds of thousands of
// them, and changes few: the whole stored card and its schedule are read
// again (get) only for those. A map of whole cardStates and a second list
// for the merge held each card twice over.
type existingCards struct {
	list  []deck.Existing
	index map[string]int // card ID → position
}

func (e *existingCards) len() int { return len(e.list) }

func (e *existingCards) has(id string) bool {
	_, ok := e.index[id]
	return ok
}

func (e *existingCards) add(cs cardState) {
	e.index[cs.card.ID] = len(e.list)
	e.list = append(e.list, deck.Existing{Card: cs.card.card(), Retired: cs.card.Retired})
}

// get reads the stored card with ID id, one of the cards read, with its
// schedule, as tx has them: the transaction that writes the plan, which
// for a staged import is not the one that read the cards (the staged
// transactions between only add cards new to the store).
func (e *existingCards) get(tx *bolt.Tx, id string) (cardState, error) {
	if !e.has(id) {
		return cardState{}, fmt.Errorf("card %q was not read for the import", id)
	}
	cs, ok, err := load(tx, id)
	if err == nil && !ok {
		err = fmt.Errorf("card %q is gone from the store", id)
	}
	return cs, err
}

// sortedIDs returns the IDs of the cards, sorted.
func (e *existingCards) sortedIDs() []string {
	ids := make([]string, 0, len(e.list))
	for _, x := range e.list {
		ids = append(ids, x.Card.ID)
	}
	slices.Sort(ids)
	return ids
}

// loadExisting reads the cards of deckName and any card of another deck
// whose ID is among incoming.
//
// The deck's cards are read in ID order, the order of the cards and state
// buckets, as deckDigest reads them, and the mapped pages are let go every
// digestReleaseSteps cards: read in note order, a vault's cards are all
// over both buckets, and its re-import mapped the whole file (150 MB of
// 190). The cards and states read are copies, or the incoming cards' own
// texts, so no mapped byte outlives a release.
func loadExisting(tx *bolt.Tx, deckName string, incoming []deck.Card) (*existingCards, error) {
	existing := &existingCards{index: make(map[string]int)}
	if b := deckBucket(tx, bucketOrder, deckName); b != nil {
		// keys holds every order key, one after another, from at[i],
		// each after its status: 1 and the status byte, or 0 for a
		// value that is not one byte (loadIncoming then decodes the card).
		var keys []byte
		var at []int
		c := newCursor(b)
		for k, v := c.First(); k != nil; k, v = c.Next() {
			at = append(at, len(keys))
			if len(v) == 1 {
				keys = append(keys, 1, v[0])
			} else {
				keys = append(keys, 0)
			}
			keys = append(keys, k...)
		}
		entry := func(i int) (key, status []byte) {
			end := len(keys)
			if i+1 < len(at) {
				end = at[i+1]
			}
			e := keys[at[i]:end]
			n := int(e[0])
			return e[1+n:], e[1 : 1+n]
		}
		existing.list = make([]deck.Existing, 0, len(at))
		existing.index = make(map[string]int, len(at))
		byKey := make([]int32, len(at))
		for i := range byKey {
			byKey[i] = int32(i)
		}
		slices.SortFunc(byKey, func(x, y int32) int {
			kx, _ := entry(int(x))
			ky, _ := entry(int(y))
			return bytes.Compare(kx[orderKeyLen:], ky[orderKeyLen:])
		})
		var m cardMatcher
		byID := make(map[string]*deck.Card, len(incoming))
		for i := range incoming {
			byID[incoming[i].ID] = &incoming[i]
		}
		for n, i := range byKey {
			if (n+1)%digestReleaseSteps == 0 {
				releaseMapped(tx.DB(), tx.Size())
			}
			k, v := entry(int(i))
			id := string(k[orderKeyLen:])
			var cs cardState
			var ok bool
			var err error
			if in := byID[id]; in != nil {
				cs, ok, err = m.loadIncoming(tx, in, deckName, k, v)
			} else {
				cs, ok, err = load(tx, id)
			}
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fmt.Errorf("order index of deck %q names unknown card %q; run recall check", deckName, id)
			}
			existing.add(cs)
		}
	}
	for _, c := range incoming {
		if existing.has(c.ID) {
			continue
		}
		cs, ok, err := load(tx, c.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			existing.add(cs)
		}
	}
	return existing, nil
}

// apply carries out an import plan. Added cards a removed deck had get
// their state back from restored; with staged, the other added cards were
// written already (stageFresh) and are skipped. Its writes go through a
// batch, in key order per bucket: an import of a whole vault writes
// hundreds of thousands of keys in one transaction.
func apply(tx *bolt.Tx, plan deck.MergePlan, existing *existingCards, restored map[string]scheduler.State, now time.Time, staged bool) error {
	w := newBatch()
	write := func(before, after *cardState) error {
		var data []byte
		if after != nil {
			var err error
			if data, err = encodeCard(after.card); err != nil {
				return err
			}
		}
		return putVia(tx, w, before, after, data)
	}
	for _, c := range plan.Added {
		nc := fromCard(c)
		nc.Added, nc.Changed = now, now
		state, ok := restored[c.ID]
		if !ok {
			if staged {
				continue
			}
			state = scheduler.NewState()
		}
		if err := write(nil, &cardState{nc, state}); err != nil {
			return err
		}
		if ok {
			for _, b := range [][]byte{bucketRemoved, bucketRemovedState} {
				if err := w.del(tx.Bucket(b), []byte(c.ID)); err != nil {
					return fmt.Errorf("bring back removed card %q: %w", c.ID, err)
				}
			}
		}
	}
	for _, c := range plan.Updated {
		old, err := existing.get(tx, c.ID)
		if err != nil {
			return err
		}
		nc := fromCard(c)
		nc.Added, nc.Changed = old.card.Added, now
		if err := write(&old, &cardState{nc, old.state}); err != nil {
			return err
		}
	}
	for _, id := range plan.Retired {
		old, err := existing.get(tx, id)
		if err != nil {
			return err
		}
		nc := old.card
		nc.Retired, nc.Changed = true, now
		if err := write(&old, &cardState{nc, old.state}); err != nil {
			return err
		}
	}
	aliases := tx.Bucket(bucketAlias)
	for _, r := range plan.Relinked {
		old, err := existing.get(tx, r.OldID)
		if err != nil {
			return err
		}
		if err := write(&old, nil); err != nil {
			return err
		}
		nc := fromCard(r.Card)
		nc.Added, nc.Changed = old.card.Added, now
		if err := write(nil, &cardState{nc, old.state}); err != nil {
			return err
		}
		if err := w.put(aliases, []byte(r.OldID), []byte(r.Card.ID)); err != nil {
			return fmt.Errorf("record relink of %q to %q: %w", r.OldID, r.Card.ID, err)
		}
		if err := moveOverride(tx, r.OldID, r.Card.ID); err != nil {
			return err
		}
		if err := relinkEvents(tx, r.OldID, r.Card.ID); err != nil {
			return err
		}
	}
	return w.flush()
}
