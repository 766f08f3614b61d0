package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// Sync through a folder. Once `recall sync init` gave the store a device
// ID, every review, undo, suspend, unsuspend and bury is also recorded as a
// journal event, in the same transaction as the change it records. A sync
// writes this device's new events to its own journal in the folder and
// applies every other device's new events. A card touched by a synced
// event gets the state that folds all its events in the journal's total
// order through its deck's scheduler, so every machine reaches the same
// state, whatever order the events arrived in.
//
// The buckets exist only in a store that was set up for syncing, so a
// store that never syncs pays nothing:
//
//   - sync: "device" → this device's ID, "folder" → the synced folder,
//     "seq" → the last local event's sequence number, "cursor:<device>" →
//     how far that device's journal is applied.
//   - events: device NUL seq(8) → the event (journal encoding), every
//     device's.
//   - cardevents: card ID NUL time(12) device NUL seq(8) → nothing: each
//     card's events in fold order.
//   - eventlog, logevent: event key ↔ log sequence number, for review
//     events that stand in the review log.
//   - undone: event key → the key of the undo that reversed it.
//   - folded: card ID → the cardevents key of the last event its state
//     includes, so events that come after it continue from the state
//     instead of replaying the card's whole history.
var (
	bucketSync       = []byte("sync")
	bucketEvents     = []byte("events")
	bucketCardEvents = []byte("cardevents")
	bucketEventLog   = []byte("eventlog")
	bucketLogEvent   = []byte("logevent")
	bucketUndone     = []byte("undone")
	bucketFolded     = []byte("folded")
	syncBuckets      = [][]byte{bucketSync, bucketEvents, bucketCardEvents, bucketEventLog, bucketLogEvent, bucketUndone, bucketFolded}
)

// ErrNoSync means the store has not been set up for syncing.
var ErrNoSync = errors.New("this store does not sync: run recall sync init DIR first")

func eventKey(id journal.ID) []byte {
	k := append([]byte(id.Device), 0)
	return binary.BigEndian.AppendUint64(k, id.Seq)
}

func parseEventKey(k []byte) (journal.ID, bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 || len(k) != i+9 {
		return journal.ID{}, false
	}
	return journal.ID{Device: string(k[:i]), Seq: binary.BigEndian.Uint64(k[i+1:])}, true
}

func cardEventKey(card string, e *journal.Event) []byte {
	k := append([]byte(card), 0)
	k = append(k, timeKey(e.Time)...)
	return append(k, eventKey(e.ID)...)
}

// SyncInfo is what `recall sync status` shows.
type SyncInfo struct {
	Device  string
	Folder  string
	LastSeq uint64            // this device's last event
	Cursors map[string]uint64 // other devices: the last event applied
}

// syncing returns the sync bucket, or nil when the store does not sync.
func syncing(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(bucketSync) }

// InitSync sets the store up to sync through folder: it makes a device ID
// (kept if the store already has one) and records the store's history so
// far — every logged review, every suspended and buried card — as this
// device's first events, so other machines learn it.
func (s *Store) InitSync(folder string) (SyncInfo, error) {
	abs, err := filepath.Abs(folder)
	if err != nil {
		return SyncInfo{}, err
	}
	err = s.update(func(tx *bolt.Tx) error {
		existing := syncing(tx)
		for _, name := range syncBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %q: %w", name, err)
			}
		}
		b := syncing(tx)
		if err := b.Put([]byte("folder"), []byte(abs)); err != nil {
			return err
		}
		if existing != nil && existing.Get([]byte("device")) != nil {
			return nil
		}
		var raw [8]byte
		if _, err := rand.Read(raw[:]); err != nil {
			return fmt.Errorf("make a device ID: %w", err)
		}
		if err := b.Put([]byte("device"), []byte(hex.EncodeToString(raw[:]))); err != nil {
			return err
		}
		return recordHistory(tx, s.now(), s.skipLog)
	})
	if err != nil {
		return SyncInfo{}, fmt.Errorf("set up sync: %w", err)
	}
	return s.SyncInfo()
}

// recordHistory turns the store's past into this device's first events;
// now dates the suspensions and burials, whose time the store never kept.
// A damaged log entry is passed to skip and left out.
func recordHistory(tx *bolt.Tx, now time.Time, skip func(error)) error {
	if err := recordDecks(tx, now); err != nil {
		return err
	}
	// The settings in force are dated at the epoch: a change made on any
	// machine after it joined the folder wins over them.
	var saved savedSettings
	if raw := tx.Bucket(bucketSettings).Get(keySettings); raw != nil {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return fmt.Errorf("decode settings: %w", err)
		}
	}
	if err := emitSettings(tx, savedSettings{}, saved, time.Unix(0, 0)); err != nil {
		return err
	}
	c := newCursor(tx.Bucket(bucketLog))
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e, err := readLog(k, v)
		if err != nil {
			skip(err)
			continue
		}
		if err := emitReview(tx, currentID(tx, e.CardID), e); err != nil {
			return err
		}
	}
	sc := newCursor(tx.Bucket(bucketState))
	for k, v := sc.First(); k != nil; k, v = sc.Next() {
		st, err := decodeState(v)
		if err != nil {
			return fmt.Errorf("card %q: %w", k, err)
		}
		if st.Suspended {
			if err := emit(tx, journal.Event{Kind: journal.KindSuspend, Card: string(k), Time: now}); err != nil {
				return err
			}
		}
		if !st.BuriedUntil.IsZero() {
			if err := emit(tx, journal.Event{Kind: journal.KindBury, Card: string(k), Until: st.BuriedUntil, Time: now}); err != nil {
				return err
			}
		}
	}
	return nil
}

// SyncInfo reports the store's device and how far each other device's
// journal is applied.
func (s *Store) SyncInfo() (SyncInfo, error) {
	var info SyncInfo
	err := s.view(func(tx *bolt.Tx) error {
		b := syncing(tx)
		if b == nil {
			return ErrNoSync
		}
		info.Device = string(b.Get([]byte("device")))
		info.Folder = string(b.Get([]byte("folder")))
		info.LastSeq = u64(b.Get([]byte("seq")))
		info.Cursors = map[string]uint64{}
		c := newCursor(b)
		prefix := []byte("cursor:")
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			cur, err := decodeCursor(v)
			if err != nil {
				return err
			}
			info.Cursors[string(k[len(prefix):])] = cur.Seq
		}
		return nil
	})
	return info, err
}

func u64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// emit records a local event in the same transaction as the change it
// describes: a no-op for a store that does not sync. It fills in the
// event's ID and, if unset, its time.
func emit(tx *bolt.Tx, e journal.Event) error {
	_, err := emitID(tx, e)
	return err
}

func emitID(tx *bolt.Tx, e journal.Event) (journal.ID, error) {
	b := syncing(tx)
	if b == nil {
		return journal.ID{}, nil
	}
	seq := u64(b.Get([]byte("seq"))) + 1
	if err := b.Put([]byte("seq"), binary.BigEndian.AppendUint64(nil, seq)); err != nil {
		return journal.ID{}, err
	}
	e.ID = journal.ID{Device: string(b.Get([]byte("device"))), Seq: seq}
	e.Time = e.Time.UTC()
	if err := e.Validate(); err != nil {
		return journal.ID{}, fmt.Errorf("record event: %w", err)
	}
	return e.ID, storeEvent(tx, &e)
}

// emitReview records a logged review as an event and links the two.
func emitReview(tx *bolt.Tx, card string, entry LogEntry) error {
	if syncing(tx) == nil {
		return nil
	}
	id, err := emitID(tx, journal.Event{
		Kind: journal.KindReview, Card: card, Time: entry.Time, Grade: uint8(entry.Grade),
		Answer: entry.Answer, Before: encodeState(entry.Prev), After: encodeState(entry.Next),
		Practice: entry.Practice,
	})
	if err != nil {
		return err
	}
	return linkLog(tx, id, entry.Seq)
}

func linkLog(tx *bolt.Tx, id journal.ID, logSeq uint64) error {
	if err := tx.Bucket(bucketEventLog).Put(eventKey(id), seqKey(logSeq)); err != nil {
		return err
	}
	return tx.Bucket(bucketLogEvent).Put(seqKey(logSeq), eventKey(id))
}

// emitUndo records the undo of the review logged as logSeq.
func emitUndo(tx *bolt.Tx, logSeq uint64, now time.Time) error {
	if syncing(tx) == nil {
		return nil
	}
	k := tx.Bucket(bucketLogEvent).Get(seqKey(logSeq))
	undone, ok := parseEventKey(k)
	if !ok {
		return nil // a review from before a failed link: nothing to name
	}
	id, err := emitID(tx, journal.Event{Kind: journal.KindUndo, Undoes: undone, Time: now})
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketLogEvent).Delete(seqKey(logSeq)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketEventLog).Delete(eventKey(undone)); err != nil {
		return err
	}
	return tx.Bucket(bucketUndone).Put(eventKey(undone), eventKey(id))
}

// storeEvent keeps an event and indexes it under its card.
func storeEvent(tx *bolt.Tx, e *journal.Event) error {
	if err := tx.Bucket(bucketEvents).Put(eventKey(e.ID), journal.Marshal(e)); err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	switch {
	case e.Card != "":
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(e.Card, e), nil)
	case isDeckKind(e.Kind) && e.Deck != "":
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(deckEventsKey(e.Deck), e), nil)
	case e.Kind == journal.KindSetting:
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(settingKey(e.Deck, e.Name), e), nil)
	}
	return nil
}

func loadEvent(tx *bolt.Tx, id journal.ID) (journal.Event, bool, error) {
	v := tx.Bucket(bucketEvents).Get(eventKey(id))
	if v == nil {
		return journal.Event{}, false, nil
	}
	e, err := journal.Unmarshal(v, id.Device)
	return e, err == nil, err
}

func encodeCursor(c journal.Cursor) []byte {
	b := binary.AppendUvarint(nil, c.Segment)
	b = binary.AppendVarint(b, c.Offset)
	b = binary.AppendUvarint(b, c.Seq)
	return binary.AppendUvarint(b, uint64(c.Sum))
}

func decodeCursor(b []byte) (journal.Cursor, error) {
	var c journal.Cursor
	var vals [4]int64
	for i := range vals {
		var n int
		if i == 1 {
			vals[i], n = binary.Varint(b)
		} else {
			var u uint64
			u, n = binary.Uvarint(b)
			vals[i] = int64(u)
		}
		if n <= 0 {
			return c, errors.New("malformed sync cursor")
		}
		b = b[n:]
	}
	c.Segment, c.Offset, c.Seq, c.Sum = uint64(vals[0]), vals[1], uint64(vals[2]), uint32(vals[3])
	return c, nil
}

// SyncReport says what one sync did.
type SyncReport struct {
	Sent     int              // this device's events written to the folder
	Received map[string]int   // events applied, per device
	Cards    int              // cards whose state was refolded
	Pending  []string         // devices whose journal is still arriving
	Notices  []journal.Notice // files passed over
	Refused  []error          // journal files refused, by name
	Decks    []string         // what other machines' deck and setting events did here
	// Settings, if other machines changed the scheduling, is cfg with
	// their changes: what the rest of the sync folded with.
	Settings *scheduler.Settings
}

// syncBatch is how many events one transaction applies.
const syncBatch = 5000

// Sync writes this device's new events to the folder and applies every
// other device's, one transaction per batch. A refused journal file is
// reported in the report and stops only its own device's events.
func (s *Store) Sync(cfg scheduler.Settings) (SyncReport, error) {
	rep := SyncReport{Received: map[string]int{}}
	info, err := s.SyncInfo()
	if err != nil {
		return rep, err
	}
	// Cards fold under the scheduling saved in the store, whatever the
	// caller passed, as on every other machine.
	if err := s.view(func(tx *bolt.Tx) error { return storedSchedule(tx, &cfg) }); err != nil {
		return rep, err
	}
	root := filepath.Join(info.Folder, journal.Subdir)
	w, err := journal.OpenWriter(root, info.Device)
	if err != nil {
		return rep, fmt.Errorf("sync folder: %w", err)
	}
	if w.Last() > info.LastSeq {
		// The store is older than its own journal: restored from a backup,
		// or another store took this device's ID. New events would reuse
		// sequence numbers other machines already have.
		return rep, fmt.Errorf("the sync folder holds events %d to %d of this device (%s) that this store does not have: was it restored from a backup? Nothing was synced", info.LastSeq+1, w.Last(), info.Device)
	}
	if rep.Sent, err = s.sendEvents(w, info.Device, cfg); err != nil {
		return rep, err
	}
	devices, notices, err := journal.Devices(root)
	if err != nil {
		return rep, err
	}
	rep.Notices = notices
	if rep.Cards, err = s.foldWaiting(cfg); err != nil {
		return rep, err
	}
	for _, dev := range devices {
		if dev == info.Device {
			continue
		}
		if err := s.receive(root, dev, cfg, &rep); err != nil {
			return rep, err
		}
		if rep.Settings != nil {
			cfg = *rep.Settings
		}
	}
	return rep, nil
}

// sendEvents appends this device's events that its journal lacks and
// refolds the cards they touch, so that between syncs a card's state is
// the fold of every event this store has.
func (s *Store) sendEvents(w *journal.Writer, device string, cfg scheduler.Settings) (int, error) {
	sent := 0
	for {
		var batch []journal.Event
		err := s.view(func(tx *bolt.Tx) error {
			c := newCursor(tx.Bucket(bucketEvents))
			prefix := append([]byte(device), 0)
			for k, v := c.Seek(eventKey(journal.ID{Device: device, Seq: w.Last() + 1})); k != nil && bytes.HasPrefix(k, prefix) && len(batch) < syncBatch; k, v = c.Next() {
				e, err := journal.Unmarshal(v, device)
				if err != nil {
					return fmt.Errorf("event %x: %w", k, err)
				}
				batch = append(batch, e)
			}
			return nil
		})
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		if err := w.Append(batch); err != nil {
			return sent, fmt.Errorf("write to the sync folder: %w", err)
		}
		sent += len(batch)
		err = s.update(func(tx *bolt.Tx) error {
			touched := touches{}
			for i := range batch {
				if err := touched.add(tx, &batch[i]); err != nil {
					return err
				}
			}
			// This device's events are in the cards' states already.
			_, err := foldAll(tx, touched, cfg, true, nil)
			return err
		})
		if err != nil {
			return sent, err
		}
	}
}

// ForEachEvent calls fn with every event the store has, this device's and
// the others', grouped by device.
func (s *Store) ForEachEvent(fn func(journal.Event) error) error {
	return s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil {
			return ErrNoSync
		}
		return b.ForEach(func(k, v []byte) error {
			id, ok := parseEventKey(k)
			if !ok {
				return fmt.Errorf("malformed event key %x", k)
			}
			e, err := journal.Unmarshal(v, id.Device)
			if err != nil {
				return fmt.Errorf("event %s: %w", id, err)
			}
			return fn(e)
		})
	})
}

// receive applies device's new events, a batch per transaction.
func (s *Store) receive(root, device string, cfg scheduler.Settings, rep *SyncReport) error {
	for {
		var cur journal.Cursor
		err := s.view(func(tx *bolt.Tx) error {
			var err error
			if v := syncing(tx).Get([]byte("cursor:" + device)); v != nil {
				cur, err = decodeCursor(v)
			}
			return err
		})
		if err != nil {
			return err
		}
		batch, readErr := journal.ReadDevice(root, device, cur, syncBatch)
		rep.Notices = append(rep.Notices, batch.Notices...)
		if len(batch.Events) > 0 {
			err := s.update(func(tx *bolt.Tx) error {
				n, err := applyEvents(tx, batch.Events, cfg, rep)
				rep.Cards += n
				if err != nil {
					return err
				}
				return syncing(tx).Put([]byte("cursor:"+device), encodeCursor(batch.Cursor))
			})
			if err != nil {
				return fmt.Errorf("apply the events of %s: %w", device, err)
			}
			rep.Received[device] += len(batch.Events)
			if rep.Settings != nil {
				cfg = *rep.Settings
			}
		}
		switch {
		case readErr != nil:
			var fe *journal.FileError
			if !errors.As(readErr, &fe) {
				return readErr
			}
			rep.Refused = append(rep.Refused, readErr)
			return nil
		case batch.Pending:
			rep.Pending = append(rep.Pending, device)
			return nil
		case !batch.More:
			return nil
		}
	}
}

// applyEvents stores other devices' events and refolds the cards they
// touch; it returns how many cards were refolded.
func applyEvents(tx *bolt.Tx, events []journal.Event, cfg scheduler.Settings, rep *SyncReport) (int, error) {
	touched := touches{}
	decks := map[string]bool{}
	settings := map[[2]string]bool{}
	fresh := make(map[string]journal.Event, len(events))
	for i := range events {
		e := &events[i]
		if tx.Bucket(bucketEvents).Get(eventKey(e.ID)) != nil {
			continue // already here (a second folder, a re-run)
		}
		if err := storeEvent(tx, e); err != nil {
			return 0, err
		}
		fresh[string(eventKey(e.ID))] = *e
		if e.Kind == journal.KindUndo {
			if err := tx.Bucket(bucketUndone).Put(eventKey(e.Undoes), eventKey(e.ID)); err != nil {
				return 0, err
			}
			if err := unlog(tx, e.Undoes); err != nil {
				return 0, err
			}
		}
		if isDeckKind(e.Kind) && e.Deck != "" {
			decks[e.Deck] = true
		}
		if e.Kind == journal.KindSetting {
			settings[[2]string{e.Deck, e.Name}] = true
		}
		if err := touched.add(tx, e); err != nil {
			return 0, err
		}
	}
	// Decks first: a deck adopted here gives the cards imported into it
	// later the IDs the other machines have.
	for _, identity := range sortedDecks(decks) {
		what, err := applyDeck(tx, identity)
		if err != nil {
			return 0, fmt.Errorf("deck %q: %w", identity, err)
		}
		if what != "" {
			rep.Decks = append(rep.Decks, what)
		}
	}
	said, rescheduled, all, err := applySettings(tx, settings)
	if err != nil {
		return 0, err
	}
	rep.Decks = append(rep.Decks, said...)
	if len(rescheduled) > 0 || all {
		// The cards of a deck whose scheduling changed are refolded
		// under it, as every other machine folds them.
		if err := storedSchedule(tx, &cfg); err != nil {
			return 0, err
		}
		if all {
			rescheduled = deckNames(tx, bucketOrder, "")
		}
		for _, name := range rescheduled {
			if err := touchDeck(tx, touched, name); err != nil {
				return 0, err
			}
		}
		rep.Settings = &cfg
	}
	return foldAll(tx, touched, cfg, false, fresh)
}

// storedSchedule sets on cfg the scheduling saved in the store.
func storedSchedule(tx *bolt.Tx, cfg *scheduler.Settings) error {
	var saved savedSettings
	if raw := tx.Bucket(bucketSettings).Get(keySettings); raw != nil {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return fmt.Errorf("decode settings: %w", err)
		}
	}
	cfg.Decks = nil
	return overlaySchedule(saved, cfg)
}

// touchDeck marks for a full refold every card of the deck that has events.
func touchDeck(tx *bolt.Tx, touched touches, deckName string) error {
	b := deckBucket(tx, bucketOrder, deckName)
	if b == nil {
		return nil
	}
	events := newCursor(tx.Bucket(bucketCardEvents))
	c := newCursor(b)
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		id := string(k[orderKeyLen:])
		prefix := append([]byte(id), 0)
		if ek, _ := events.Seek(prefix); ek == nil || !bytes.HasPrefix(ek, prefix) {
			continue // no events: its state is its own (new, or brought in)
		}
		touched[id] = &touch{full: true}
	}
	return nil
}

// touches says, per card, where a batch of events starts in the card's
// fold order, or that the whole history must be replayed (an undo).
type touches map[string]*touch

type touch struct {
	first []byte // the smallest cardevents key of the batch's events
	full  bool
}

func (t touches) add(tx *bolt.Tx, e *journal.Event) error {
	card, key, full := e.Card, []byte(nil), false
	switch {
	case e.Kind == journal.KindUndo:
		undone, ok, err := loadEvent(tx, e.Undoes)
		if err != nil || !ok {
			return err
		}
		card, full = undone.Card, true
	case card == "":
		return nil
	default:
		key = cardEventKey(card, e)
	}
	tc := t[card]
	if tc == nil {
		tc = &touch{first: key}
		t[card] = tc
	}
	tc.full = tc.full || full
	if key != nil && (tc.first == nil || bytes.Compare(key, tc.first) < 0) {
		tc.first = key
	}
	return nil
}

// waitKey marks a card whose events arrived before its notes were
// imported here: each sync tries it again.
func waitKey(card string) []byte { return []byte("wait:" + card) }

// foldAll refolds cards, remembering those this store does not have yet.
// A card whose new events all come after the last one its state includes
// continues from its state; local says the events are this device's own,
// which its state includes already.
func foldAll(tx *bolt.Tx, cards touches, cfg scheduler.Settings, local bool, fresh map[string]journal.Event) (int, error) {
	n := 0
	batch := foldBatch{fresh: fresh}
	// In card order, so that the log entries of other devices' reviews
	// come in the same order on every run.
	for _, card := range slices.Sorted(maps.Keys(cards)) {
		tc := cards[card]
		last := tx.Bucket(bucketFolded).Get([]byte(card))
		since := []byte(nil)
		if incremental && !tc.full && tc.first != nil && last != nil && bytes.Compare(tc.first, last) > 0 {
			since = last
		}
		var ok bool
		var err error
		if since != nil && local {
			ok, err = markFolded(tx, card)
		} else {
			ok, err = fold(tx, card, cfg, since, &batch)
		}
		if err != nil {
			return n, fmt.Errorf("card %q: %w", card, err)
		}
		if ok {
			n++
			err = syncing(tx).Delete(waitKey(card))
		} else {
			err = syncing(tx).Put(waitKey(card), nil)
		}
		if err != nil {
			return n, err
		}
	}
	// Cards fold one after another, so their events' keys come out of
	// order; put in key order, they append instead of shifting a node
	// that grows all through the transaction.
	slices.SortFunc(batch.links, func(a, b eventLink) int { return bytes.Compare(a.event, b.event) })
	b := tx.Bucket(bucketEventLog)
	for _, l := range batch.links {
		if err := b.Put(l.event, l.seq); err != nil {
			return n, err
		}
	}
	return n, nil
}

// foldBatch is what the folds of one transaction share: the events that
// just arrived, by event key, so that folding them does not read them back,
// and the eventlog entries to put once all cards are folded.
type foldBatch struct {
	fresh map[string]journal.Event
	links []eventLink
}

// eventLink is an eventlog entry waiting to be put: an event and the
// sequence key of the review it was logged as.
type eventLink struct{ event, seq []byte }

// incremental lets a fold continue from a card's state when every new
// event comes after the last one the state includes; otherwise the card is
// refolded from its first event. Both give the same state because what the
// fold does at an event depends only on the state and the event (see
// adoptSchedule); TestSyncConverges compares machines that continued with a
// fresh store that refolded everything.
const incremental = true

// markFolded records that a card's state includes all its events.
func markFolded(tx *bolt.Tx, card string) (bool, error) {
	k := lastEventKey(tx, card)
	if k == nil {
		return true, nil
	}
	return true, tx.Bucket(bucketFolded).Put([]byte(card), slices.Clone(k))
}

// lastEventKey returns the cardevents key of the last event indexed under
// key (a card, a deck or a setting), nil if there is none.
func lastEventKey(tx *bolt.Tx, key string) []byte {
	prefix := append([]byte(key), 0)
	c := newCursor(tx.Bucket(bucketCardEvents))
	k, _ := c.Seek(append(slices.Clone(prefix), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil
	}
	return k
}

// foldWaiting refolds the cards whose events came before their notes.
func (s *Store) foldWaiting(cfg scheduler.Settings) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		waiting := touches{}
		c := newCursor(syncing(tx))
		prefix := []byte("wait:")
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			waiting[string(k[len(prefix):])] = &touch{full: true}
		}
		var err error
		n, err = foldAll(tx, waiting, cfg, false, nil)
		return err
	})
	return n, err
}

// unlog takes an undone review out of the review log, as a local undo does.
func unlog(tx *bolt.Tx, id journal.ID) error {
	seq := tx.Bucket(bucketEventLog).Get(eventKey(id))
	if seq == nil {
		return nil
	}
	if err := tx.Bucket(bucketLog).Delete(seq); err != nil {
		return err
	}
	if err := tx.Bucket(bucketLogEvent).Delete(seq); err != nil {
		return err
	}
	return tx.Bucket(bucketEventLog).Delete(eventKey(id))
}

// fold recomputes a card's state from all its events in order: from the
// state before its first review (new, or what it was adopted with), each
// review not undone through the deck's scheduler, suspensions and burials
// as they come. Reviews other devices made enter the review log here, with
// the states the fold gives them. It reports false for a card this store
// does not have (its notes are not imported here yet); its events wait.
// With since, the cardevents key of the last event the card's state
// includes, it continues from that state with the events after it.
func fold(tx *bolt.Tx, card string, cfg scheduler.Settings, since []byte, batch *foldBatch) (bool, error) {
	id, err := resolve(tx, card)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return false, err
	}
	before, _, err := load(tx, id)
	if err != nil {
		return false, err
	}
	state := scheduler.NewState()
	undone := tx.Bucket(bucketUndone)
	prefix := append([]byte(card), 0)
	c := newCursor(tx.Bucket(bucketCardEvents))
	k, _ := c.Seek(prefix)
	if since != nil {
		state = before.state
		if k, _ = c.Seek(since); bytes.Equal(k, since) {
			k, _ = c.Next()
		}
	}
	var lastKey []byte
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		lastKey = k
		ek := k[len(prefix)+12:]
		if undone.Get(ek) != nil {
			continue
		}
		eid, ok := parseEventKey(ek)
		if !ok {
			return false, fmt.Errorf("malformed event index key %x", k)
		}
		e, fresh := batch.fresh[string(ek)]
		if !fresh {
			var ok bool
			if e, ok, err = loadEvent(tx, eid); err != nil || !ok {
				return false, fmt.Errorf("event %s: missing or damaged: %v", eid, err)
			}
		}
		switch e.Kind {
		case journal.KindReview:
			// Decided by the state alone, so that continuing from a
			// state and refolding from the start agree.
			if state.IsNew() && e.Before != nil {
				if adopted, err := decodeState(e.Before); err == nil {
					state = adoptSchedule(state, adopted)
				}
			}
			if e.Practice {
				continue
			}
			prev := state
			next, _, err := scheduler.ReviewIn(before.card.Deck, state, scheduler.Grade(e.Grade), e.Time, cfg)
			if err != nil {
				return false, fmt.Errorf("event %s: %w", eid, err)
			}
			state = next
			// An event that just arrived is not in the log yet.
			if fresh || tx.Bucket(bucketEventLog).Get(ek) == nil {
				entry, err := appendLog(tx, LogEntry{CardID: id, Time: e.Time, Grade: scheduler.Grade(e.Grade), Prev: prev, Next: next, Answer: e.Answer})
				if err != nil {
					return false, err
				}
				if err := tx.Bucket(bucketLogEvent).Put(seqKey(entry.Seq), slices.Clone(ek)); err != nil {
					return false, err
				}
				batch.links = append(batch.links, eventLink{event: slices.Clone(ek), seq: seqKey(entry.Seq)})
			}
		case journal.KindSuspend:
			state.Suspended = true
		case journal.KindUnsuspend:
			state.Suspended = false
		case journal.KindBury:
			state.BuriedUntil = e.Until
		}
	}
	if lastKey != nil {
		if err := tx.Bucket(bucketFolded).Put([]byte(card), slices.Clone(lastKey)); err != nil {
			return false, err
		}
	}
	after := before
	after.state = state
	return true, put(tx, &before, &after, false)
}

// adoptSchedule takes the schedule a card had before its first synced
// review (history from before sync init, or brought in from Anki), keeping
// the suspension and burial folded so far: those come as events of their
// own, and the reviewing machine may not have known of them.
func adoptSchedule(folded, adopted scheduler.State) scheduler.State {
	adopted.Suspended, adopted.BuriedUntil = folded.Suspended, folded.BuriedUntil
	return adopted
}

// SetAutoSync turns automatic syncing around review sessions on or off.
func (s *Store) SetAutoSync(on bool) error {
	return s.update(func(tx *bolt.Tx) error {
		b := syncing(tx)
		if b == nil {
			return ErrNoSync
		}
		v := []byte{0}
		if on {
			v[0] = 1
		}
		return b.Put([]byte("auto"), v)
	})
}

// AutoSync reports whether review sessions sync before and after; false
// for a store that does not sync.
func (s *Store) AutoSync() (bool, error) {
	on := false
	err := s.view(func(tx *bolt.Tx) error {
		if b := syncing(tx); b != nil {
			v := b.Get([]byte("auto"))
			on = len(v) == 1 && v[0] == 1
		}
		return nil
	})
	return on, err
}

// PendingEvents counts device's events in the folder under root that this
// store has not applied yet, and the files passed over on the way.
func (s *Store) PendingEvents(root, device string) (int, []journal.Notice, error) {
	var cur journal.Cursor
	err := s.view(func(tx *bolt.Tx) error {
		b := syncing(tx)
		if b == nil {
			return ErrNoSync
		}
		var err error
		if v := b.Get([]byte("cursor:" + device)); v != nil {
			cur, err = decodeCursor(v)
		}
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	batch, err := journal.ReadDevice(root, device, cur, 0)
	return len(batch.Events), batch.Notices, err
}
