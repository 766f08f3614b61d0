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
	"math"
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
//     device's; those a sync received in blocks under the first one's key
//     (see syncblocks.go).
//   - cardevents: card ID NUL time(12) device NUL seq(8) → the sequence
//     number (8 bytes) of the review log entry a review event stands in,
//     empty for other events and reviews not logged: each card's events in
//     fold order, and which of them the log has.
//   - logevent: log sequence number → event key, for the log entries
//     whose event is not found from the entry alone: under the entry's card
//     and time in cardevents. That is an entry whose card ID is not its
//     event's (history from before an import relinked the card, a card the
//     event names by an old ID), and every entry logged before schema 5.
//   - undone: event key → the key of the undo that reversed it.
//   - folded: card ID → the cardevents key of the last event its state
//     includes, so events that come after it continue from the state
//     instead of replaying the card's whole history.
var (
	bucketSync       = []byte("sync")
	bucketEvents     = []byte("events")
	bucketCardEvents = []byte("cardevents")
	bucketLogEvent   = []byte("logevent")
	bucketUndone     = []byte("undone")
	bucketFolded     = []byte("folded")
	syncBuckets      = [][]byte{bucketSync, bucketEvents, bucketCardEvents, bucketLogEvent, bucketUndone, bucketFolded}
)

// bucketEventLog is where schema 3 linked a review event to its log entry
// (event key → log sequence key); schema 5 keeps the link in cardevents.
var bucketEventLog = []byte("eventlog")

// linkInCardEvents is migration 4 → 5: each eventlog link moves into the
// event's cardevents entry, and the eventlog bucket goes. A full replay
// then writes one key fewer per review. logevent stays as it was: the
// entries logged before find their events there.
func linkInCardEvents(tx *bolt.Tx) error {
	links := tx.Bucket(bucketEventLog)
	if links == nil {
		return nil // a store that never synced
	}
	type link struct{ key, seq []byte }
	var moved []link
	err := links.ForEach(func(k, v []byte) error {
		id, ok := parseEventKey(k)
		if !ok {
			return fmt.Errorf("malformed eventlog key %x", k)
		}
		e, ok, err := loadEvent(tx, id)
		if err != nil {
			return fmt.Errorf("event %s: %w", id, err)
		}
		if ok && e.Card != "" && len(v) == 8 {
			moved = append(moved, link{cardEventKey(e.Card, &e), slices.Clone(v)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(moved, func(a, b link) int { return bytes.Compare(a.key, b.key) })
	events := tx.Bucket(bucketCardEvents)
	for _, l := range moved {
		if err := events.Put(l.key, l.seq); err != nil {
			return err
		}
	}
	return tx.DeleteBucket(bucketEventLog)
}

// ErrNoSync means the store has not been set up for syncing.
var ErrNoSync = errors.New("this store does not sync: run recall sync init DIR first")

func eventKey(id journal.ID) []byte {
	k := make([]byte, 0, len(id.Device)+9)
	k = append(append(k, id.Device...), 0)
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
	return append(cardTimeKey(card, e.Time), eventKey(e.ID)...)
}

// cardTimeKey is the prefix of the cardevents keys of card's events at t.
func cardTimeKey(card string, t time.Time) []byte {
	k := make([]byte, 0, len(card)+1+timeKeyLen+32)
	k = append(k, card...)
	k = append(k, 0)
	return append(k, timeKey(t)...)
}

// cardEventsEvent is the event key at the end of a cardevents key, whose
// index key (a card ID, a deck's or a setting's key) is prefixLen bytes
// with its NUL.
func cardEventsEvent(k []byte, prefixLen int) []byte { return k[prefixLen+timeKeyLen:] }

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
	info, _, err := s.InitSyncMerging(folder, nil)
	return info, err
}

// InitSyncMerging is InitSync for a store joining a folder whose synced
// decks it has under the same names (JoinMerges): each deck of merges
// takes its synced deck's identity and its cards the IDs given, before the
// history is recorded, so that the history reaches the other machines
// under the IDs they have. It is one transaction with the set-up: a store
// that already has a device ID merges nothing.
func (s *Store) InitSyncMerging(folder string, merges []DeckMerge) (SyncInfo, []MergedDeck, error) {
	abs, err := filepath.Abs(folder)
	if err != nil {
		return SyncInfo{}, nil, err
	}
	var merged []MergedDeck
	err = s.update(func(tx *bolt.Tx) error {
		merged = nil
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
		for _, m := range merges {
			done, _, err := mergeDeck(tx, m, s.now())
			if err != nil {
				return err
			}
			merged = append(merged, done)
		}
		return recordHistory(tx, s.now(), s.skipLog)
	})
	if err != nil {
		return SyncInfo{}, nil, fmt.Errorf("set up sync: %w", err)
	}
	info, err := s.SyncInfo()
	return info, merged, err
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
	if err := recordEdits(tx, skip); err != nil {
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
	return emitLinked(tx, e, nil)
}

// emitLinked is emitID for a review logged under the sequence key link.
func emitLinked(tx *bolt.Tx, e journal.Event, link []byte) (journal.ID, error) {
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
	return e.ID, storeEvent(tx, &e, link)
}

// emitReview records a logged review as an event and links the two.
func emitReview(tx *bolt.Tx, card string, entry LogEntry) error {
	if syncing(tx) == nil {
		return nil
	}
	id, err := emitLinked(tx, journal.Event{
		Kind: journal.KindReview, Card: card, Time: entry.Time, Grade: uint8(entry.Grade),
		Answer: entry.Answer, Before: encodeState(entry.Prev), After: encodeState(entry.Next),
		Practice: entry.Practice,
	}, seqKey(entry.Seq))
	if err != nil {
		return err
	}
	return linkLogEvent(tx, entry, card, id)
}

// linkLogEvent records which event a log entry stands for when the entry's
// card and time do not find it (see logevent).
func linkLogEvent(tx *bolt.Tx, entry LogEntry, eventCard string, id journal.ID) error {
	if eventCard == entry.CardID {
		return nil
	}
	return tx.Bucket(bucketLogEvent).Put(seqKey(entry.Seq), eventKey(id))
}

// loggedEvent returns the event key of the review the log entry stands
// for, nil if it has none (a review from before the store synced, whose
// link a failure prevented).
func loggedEvent(tx *bolt.Tx, entry LogEntry) []byte {
	seq := seqKey(entry.Seq)
	if k := tx.Bucket(bucketLogEvent).Get(seq); k != nil {
		return k
	}
	card := indexCard(tx, entry.CardID)
	prefix := cardTimeKey(card, entry.Time)
	c := newCursor(tx.Bucket(bucketCardEvents))
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if bytes.Equal(v, seq) {
			return cardEventsEvent(k, len(card)+1)
		}
	}
	return nil
}

// indexCard is the card ID a card event is indexed and folded under here:
// its own, or, for an ID an import relinked since, the card it leads to,
// so that every machine's events of one card fold together, whichever of
// its IDs they name it by. An ID merged away (mergedKey) stays itself:
// its events are recorded again under the merged ID.
func indexCard(tx *bolt.Tx, id string) string {
	if tx.Bucket(bucketCards).Get([]byte(id)) != nil || syncing(tx).Get(mergedKey(id)) != nil {
		return id
	}
	if to, ok := followAlias(tx, id); ok {
		return to
	}
	return id
}

// relinkEvents moves the events indexed under a card's old ID to the ID an
// import relinked it to, where the events other machines send under either
// ID meet, and has the card refolded from all of them at the next sync.
func relinkEvents(tx *bolt.Tx, old, to string) error {
	b := syncing(tx)
	if b == nil {
		return nil
	}
	prefix := append([]byte(old), 0)
	events := tx.Bucket(bucketCardEvents)
	var moved []eventLink
	c := newCursor(events)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		moved = append(moved, eventLink{key: slices.Clone(k), seq: slices.Clone(v)})
	}
	if len(moved) == 0 {
		return nil
	}
	for _, m := range moved {
		if err := events.Delete(m.key); err != nil {
			return err
		}
		if err := events.Put(append(append([]byte(to), 0), m.key[len(prefix):]...), m.seq); err != nil {
			return err
		}
	}
	for _, id := range []string{old, to} {
		if err := tx.Bucket(bucketFolded).Delete([]byte(id)); err != nil {
			return err
		}
	}
	if err := b.Delete(waitKey(old)); err != nil {
		return err
	}
	// Edits of the card under either ID meet too: the last of them words
	// it, as on every machine.
	if _, _, err := applyLatestEdit(tx, to); err != nil {
		return err
	}
	return b.Put(waitKey(to), nil)
}

// emitUndo records the undo of the review logged as entry, as the log had
// it (its card ID not resolved).
func emitUndo(tx *bolt.Tx, entry LogEntry, now time.Time) error {
	if syncing(tx) == nil {
		return nil
	}
	undone, ok := parseEventKey(loggedEvent(tx, entry))
	if !ok {
		return nil // a review from before a failed link: nothing to name
	}
	id, err := emitID(tx, journal.Event{Kind: journal.KindUndo, Undoes: undone, Time: now})
	if err != nil {
		return err
	}
	if _, err := unlink(tx, undone); err != nil {
		return err
	}
	return tx.Bucket(bucketUndone).Put(eventKey(undone), eventKey(id))
}

// unlink forgets that a review stands in the log, and returns the log
// sequence key it stood under (nil if none).
func unlink(tx *bolt.Tx, id journal.ID) ([]byte, error) {
	e, ok, err := loadEvent(tx, id)
	if err != nil || !ok || e.Card == "" {
		return nil, err
	}
	key := cardEventKey(indexCard(tx, e.Card), &e)
	events := tx.Bucket(bucketCardEvents)
	seq := slices.Clone(events.Get(key))
	if len(seq) != 8 {
		return nil, nil
	}
	if err := events.Put(key, nil); err != nil {
		return nil, err
	}
	return seq, tx.Bucket(bucketLogEvent).Delete(seq)
}

// storeEvent keeps an event and indexes it under its card; link is the
// sequence key of the review log entry it stands in, if any.
func storeEvent(tx *bolt.Tx, e *journal.Event, link []byte) error {
	if err := putEvent(tx, e); err != nil {
		return err
	}
	if e.Card != "" {
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(indexCard(tx, e.Card), e), link)
	}
	return indexOther(tx, e)
}

func putEvent(tx *bolt.Tx, e *journal.Event) error {
	if err := tx.Bucket(bucketEvents).Put(eventKey(e.ID), journal.Marshal(e)); err != nil {
		return fmt.Errorf("store event %s: %w", e.ID, err)
	}
	return nil
}

// indexOther indexes the events of decks and settings in cardevents.
func indexOther(tx *bolt.Tx, e *journal.Event) error {
	switch {
	case isDeckKind(e.Kind) && e.Deck != "":
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(deckEventsKey(e.Deck), e), nil)
	case e.Kind == journal.KindSetting:
		return tx.Bucket(bucketCardEvents).Put(cardEventKey(settingKey(e.Deck, e.Name), e), nil)
	}
	return nil
}

func loadEvent(tx *bolt.Tx, id journal.ID) (journal.Event, bool, error) {
	v, err := findEvent(tx, id)
	if v == nil || err != nil {
		return journal.Event{}, false, err
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
	// Edits are this machine's card edits that later ones from other
	// machines replaced.
	Edits []ReplacedEdit
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
			from := w.Last() + 1
			c := newCursor(tx.Bucket(bucketEvents))
			prefix := append([]byte(device), 0)
			start := eventKey(journal.ID{Device: device, Seq: from})
			k, _ := c.Seek(start)
			var v []byte
			// This device's events are stored one by one, but the first
			// to send may sit in a block all the same.
			var pk, pv []byte
			if k == nil {
				pk, pv = c.Last()
			} else if !bytes.Equal(k, start) {
				pk, pv = c.Prev()
			}
			if isBlock(pv) && bytes.HasPrefix(pk, prefix) {
				k, v = pk, pv
			} else {
				k, v = c.Seek(start)
			}
			errFull := errors.New("batch full")
			for ; k != nil && bytes.HasPrefix(k, prefix) && len(batch) < syncBatch; k, v = c.Next() {
				err := forEachStored(k, v, func(e journal.Event) error {
					if e.ID.Seq < from {
						return nil
					}
					if len(batch) == syncBatch {
						return errFull
					}
					batch = append(batch, e)
					return nil
				})
				if errors.Is(err, errFull) {
					break
				}
				if err != nil {
					return err
				}
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
				if err := touched.add(tx, &batch[i], nil); err != nil {
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
		return b.ForEach(func(k, v []byte) error { return forEachStored(k, v, fn) })
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
	batch := foldBatch{pending: map[string][]pendingEvent{}}
	stored := newestStored{}
	indexed := indexCards{}
	edits := editedCards{}
	var blocks blockWriter
	// Events come in each device's order and a card's in time order, so
	// these buckets grow mostly at their ends: pages filled there are not
	// written again soon.
	tx.Bucket(bucketEvents).FillPercent = 0.9
	tx.Bucket(bucketCardEvents).FillPercent = 0.9
	for i := range events {
		e := &events[i]
		if have, err := stored.has(tx, e.ID); err != nil {
			return 0, err
		} else if have {
			continue // already here (a second folder, a re-run)
		}
		if err := blocks.add(tx, e); err != nil {
			return 0, err
		}
		ek := eventKey(e.ID)
		var key, link []byte
		if e.Card != "" && !e.Undoes.IsZero() {
			// A copy under a merged card's ID: what it stands for may be in
			// the block being made.
			if err := blocks.flush(tx); err != nil {
				return 0, err
			}
			var err error
			if link, err = standIn(tx, e, touched); err != nil {
				return 0, err
			}
		}
		if e.Card != "" {
			// Indexed once folded, with the log entry it got.
			card := indexed.of(tx, e.Card)
			key = cardEventKey(card, e)
			batch.pending[card] = append(batch.pending[card], pendingEvent{key: key, event: e, link: link})
			if e.Kind.IsEdit() {
				edits.add(card, ek)
			}
		} else if err := indexOther(tx, e); err != nil {
			return 0, err
		}
		if e.Kind == journal.KindUndo {
			// What it undoes may be in the block being made.
			if err := blocks.flush(tx); err != nil {
				return 0, err
			}
			if err := undoStandIn(tx, e.Undoes, ek, touched); err != nil {
				return 0, err
			}
			if undone, ok, err := loadEvent(tx, e.Undoes); err != nil {
				return 0, err
			} else if ok && undone.Kind.IsEdit() {
				edits.add(indexed.of(tx, undone.Card), nil)
			}
			if err := tx.Bucket(bucketUndone).Put(eventKey(e.Undoes), ek); err != nil {
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
		if err := touched.addAs(tx, e, key, indexed); err != nil {
			return 0, err
		}
	}
	if err := blocks.flush(tx); err != nil {
		return 0, err
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
	n, err := foldAll(tx, touched, cfg, false, &batch)
	if err != nil {
		return n, err
	}
	// Once every event of the batch is indexed.
	return n, foldEdits(tx, edits, rep)
}

// newestStored remembers, per device, the newest of its events the store
// has, so that events after it, the whole of a first sync, are known to be
// new without a lookup each.
type newestStored map[string]uint64

// has reports whether the store has the event, and counts it as stored
// from now on.
func (n newestStored) has(tx *bolt.Tx, id journal.ID) (bool, error) {
	newest, ok := n[id.Device]
	if !ok {
		newest = newestEvent(tx, id.Device)
	}
	if id.Seq > newest {
		n[id.Device] = id.Seq
		return false, nil
	}
	n[id.Device] = newest
	v, err := findEvent(tx, id)
	return v != nil, err
}

// newestEvent returns the sequence number of device's newest event in the
// store, 0 if it has none.
func newestEvent(tx *bolt.Tx, device string) uint64 {
	c := newCursor(tx.Bucket(bucketEvents))
	var v []byte
	k, _ := c.Seek(eventKey(journal.ID{Device: device, Seq: math.MaxUint64}))
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if id, ok := lastSeqAt(k, v); ok && id.Device == device {
		return id.Seq
	}
	return 0
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

// indexCards remembers the index IDs (indexCard) of the cards one
// transaction's events name: a batch names few cards, many times.
type indexCards map[string]string

func (ix indexCards) of(tx *bolt.Tx, id string) string {
	if to, ok := ix[id]; ok {
		return to
	}
	to := indexCard(tx, id)
	ix[id] = to
	return to
}

// touches says, per card, where a batch of events starts in the card's
// fold order, or that the whole history must be replayed (an undo).
type touches map[string]*touch

type touch struct {
	first []byte // the smallest cardevents key of the batch's events
	full  bool
}

// add counts e, whose cardevents key is key (nil to make it here).
func (t touches) add(tx *bolt.Tx, e *journal.Event, key []byte) error {
	return t.addAs(tx, e, key, indexCards{})
}

// addAs is add with the cards' index IDs looked up through indexed.
func (t touches) addAs(tx *bolt.Tx, e *journal.Event, key []byte, indexed indexCards) error {
	card, full := e.Card, false
	if e.Kind == journal.KindUndo {
		undone, ok, err := loadEvent(tx, e.Undoes)
		if err != nil || !ok {
			return err
		}
		card, full = undone.Card, true
	}
	if card == "" {
		return nil
	}
	card = indexed.of(tx, card)
	if key == nil && !full {
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
// which its state includes already. batch, nil but for events that just
// arrived, holds them.
func foldAll(tx *bolt.Tx, cards touches, cfg scheduler.Settings, local bool, batch *foldBatch) (int, error) {
	n := 0
	if batch == nil {
		batch = &foldBatch{}
	}
	undone := tx.Bucket(bucketUndone)
	if k, _ := newCursor(undone).First(); k != nil {
		batch.undone = undone
	}
	// In card order, so that the log entries of other devices' reviews
	// come in the same order on every run.
	for _, card := range slices.Sorted(maps.Keys(cards)) {
		tc := cards[card]
		if syncing(tx).Get(mergedKey(card)) != nil {
			// An ID merged away: its events are kept, not folded; their
			// machines record them again under the merged ID.
			for _, p := range batch.pending[card] {
				if err := tx.Bucket(bucketCardEvents).Put(p.key, p.link); err != nil {
					return n, err
				}
			}
			continue
		}
		last := tx.Bucket(bucketFolded).Get([]byte(card))
		since := []byte(nil)
		if incremental && !tc.full && tc.first != nil && last != nil && bytes.Compare(tc.first, last) > 0 {
			since = last
		}
		pending := batch.pending[card]
		// One device's events come in its order, which is time order
		// unless its clock went back.
		slices.SortFunc(pending, func(a, b pendingEvent) int { return bytes.Compare(a.key, b.key) })
		var ok bool
		var err error
		switch {
		case since != nil && local:
			ok, err = markFolded(tx, card)
		case since != nil && len(pending) > 0 && bytes.Equal(lastEventKey(tx, card), since):
			// Every event after the state is one that just arrived.
			ok, err = foldPending(tx, card, cfg, pending, batch)
		default:
			fresh := make(map[string]*journal.Event, len(pending))
			for _, p := range pending {
				if err := tx.Bucket(bucketCardEvents).Put(p.key, p.link); err != nil {
					return n, err
				}
				fresh[string(cardEventsEvent(p.key, len(card)+1))] = p.event
			}
			ok, err = fold(tx, card, cfg, since, batch, fresh)
		}
		if err != nil {
			return n, fmt.Errorf("card %q: %w", card, err)
		}
		switch {
		case ok:
			n++
			err = syncing(tx).Delete(waitKey(card))
		case hasLiveEvents(tx, card, pending):
			err = syncing(tx).Put(waitKey(card), nil)
		default:
			// Every event of it undone, or standing in under a merged ID.
			err = syncing(tx).Delete(waitKey(card))
		}
		if err != nil {
			return n, err
		}
	}
	// Cards fold one after another, so their keys come out in card order,
	// which is key order; sorted, they append instead of shifting a node
	// that grows all through the transaction.
	slices.SortFunc(batch.links, func(a, b eventLink) int { return bytes.Compare(a.key, b.key) })
	b := tx.Bucket(bucketCardEvents)
	for _, l := range batch.links {
		if err := b.Put(l.key, l.seq); err != nil {
			return n, err
		}
	}
	return n, saveSyncedLog(tx, batch.logged)
}

// foldBatch is what the folds of one transaction share: the events that
// just arrived, by card, to fold without reading them back and to index
// once folded; the cardevents entries to put once all cards are folded;
// the undone bucket, nil while it is empty.
type foldBatch struct {
	pending map[string][]pendingEvent
	links   []eventLink
	undone  *bolt.Bucket
	logged  syncedLog
}

// syncedLog is the run of review log entries one fold appended for other
// machines' reviews: sequence numbers from and to, and the latest review
// time among them.
type syncedLog struct {
	from, to uint64
	latest   time.Time
}

func (l *syncedLog) add(seq uint64, t time.Time) {
	if l.from == 0 {
		l.from = seq
	}
	l.to = seq
	if t.After(l.latest) {
		l.latest = t
	}
}

// syncLogPrefix keys, in the sync bucket, each run of log entries a fold
// appended (first sequence number → last and the latest review time): a
// sync appends other machines' reviews after this machine's later ones, so
// a reader going back through the log for a day's reviews (Today) passes
// over them instead of stopping there.
var syncLogPrefix = []byte("synclog:")

func syncLogKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(slices.Clone(syncLogPrefix), seq)
}

// saveSyncedLog records a run of appended entries.
func saveSyncedLog(tx *bolt.Tx, l syncedLog) error {
	if l.from == 0 {
		return nil
	}
	v := binary.BigEndian.AppendUint64(nil, l.to)
	v = binary.BigEndian.AppendUint64(v, uint64(l.latest.UnixNano()))
	return syncing(tx).Put(syncLogKey(l.from), v)
}

// syncedLogRun returns the run of entries a fold appended that holds the
// log entry seq, false if this machine logged it.
func syncedLogRun(tx *bolt.Tx, seq uint64) (syncedLog, bool) {
	b := syncing(tx)
	if b == nil {
		return syncedLog{}, false
	}
	c := newCursor(b)
	var k, v []byte
	if k, _ = c.Seek(syncLogKey(seq + 1)); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if !bytes.HasPrefix(k, syncLogPrefix) || len(k) != len(syncLogPrefix)+8 || len(v) != 16 {
		return syncedLog{}, false
	}
	l := syncedLog{from: u64(k[len(syncLogPrefix):]), to: u64(v[:8]), latest: time.Unix(0, int64(u64(v[8:]))).UTC()}
	return l, l.from <= seq && seq <= l.to
}

// pendingEvent is an event that just arrived, not indexed yet, with its
// cardevents key and, for a copy that took over the log entry of the
// event it stands for, that entry's sequence key.
type pendingEvent struct {
	key   []byte
	event *journal.Event
	link  []byte
}

// eventLink is a cardevents entry waiting to be put: the key, and the
// sequence key of the log entry the review got (nil for none).
type eventLink struct{ key, seq []byte }

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

// seekLastUnder moves c to the last key that starts with prefix and
// returns it, or the key before (nil at the start) when none does; the
// callers' keys never continue a prefix with a 0xff byte.
func seekLastUnder(c *cursor, prefix []byte) []byte {
	k, _ := c.Seek(append(slices.Clone(prefix), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	return k
}

// lastEventKey returns the cardevents key of the last event indexed under
// key (a card, a deck or a setting), nil if there is none.
func lastEventKey(tx *bolt.Tx, key string) []byte {
	prefix := append([]byte(key), 0)
	c := newCursor(tx.Bucket(bucketCardEvents))
	k := seekLastUnder(c, prefix)
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
	seq, err := unlink(tx, id)
	if err != nil || seq == nil {
		return err
	}
	return tx.Bucket(bucketLog).Delete(seq)
}

// cardFold is one card's fold under way.
type cardFold struct {
	tx    *bolt.Tx
	id    string // the card in this store
	deck  string
	cfg   scheduler.Settings
	state scheduler.State
	batch *foldBatch
}

// startFold begins the fold of card, false if this store does not have it.
func startFold(tx *bolt.Tx, card string, cfg scheduler.Settings, batch *foldBatch) (*cardFold, cardState, bool, error) {
	id, err := resolve(tx, card)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, cardState{}, false, nil
		}
		return nil, cardState{}, false, err
	}
	before, _, err := load(tx, id)
	if err != nil {
		return nil, cardState{}, false, err
	}
	return &cardFold{tx: tx, id: id, deck: before.card.Deck, cfg: cfg, state: scheduler.NewState(), batch: batch}, before, true, nil
}

// step folds one event; logged says the review log has it. A review not logged is logged here, and the sequence
// key of its entry returned.
func (f *cardFold) step(e *journal.Event, logged bool) ([]byte, error) {
	switch e.Kind {
	case journal.KindReview:
		// Decided by the state alone, so that continuing from a state and
		// refolding from the start agree.
		if f.state.IsNew() && e.Before != nil {
			if adopted, err := decodeState(e.Before); err == nil {
				f.state = adoptSchedule(f.state, adopted)
			}
		}
		if e.Practice {
			return nil, nil
		}
		prev := f.state
		next, _, err := scheduler.ReviewIn(f.deck, f.state, scheduler.Grade(e.Grade), e.Time, f.cfg)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", e.ID, err)
		}
		f.state = next
		if logged {
			return nil, nil
		}
		entry, err := appendLog(f.tx, LogEntry{CardID: f.id, Time: e.Time, Grade: scheduler.Grade(e.Grade), Prev: prev, Next: next, Answer: e.Answer})
		if err != nil {
			return nil, err
		}
		f.batch.logged.add(entry.Seq, e.Time)
		return seqKey(entry.Seq), linkLogEvent(f.tx, entry, e.Card, e.ID)
	case journal.KindSuspend:
		f.state.Suspended = true
	case journal.KindUnsuspend:
		f.state.Suspended = false
	case journal.KindBury:
		f.state.BuriedUntil = e.Until
	}
	return nil, nil
}

// finish records the fold's state and the last event it includes.
func (f *cardFold) finish(card string, before cardState, lastKey []byte) error {
	if lastKey != nil {
		if err := f.tx.Bucket(bucketFolded).Put([]byte(card), slices.Clone(lastKey)); err != nil {
			return err
		}
	}
	after := before
	after.state = f.state
	return put(f.tx, &before, &after, false)
}

// foldPending continues a card's fold from its state with events that just
// arrived, all after the last one the state includes, without reading them
// back; they are indexed with the log entries they get once all cards are
// folded.
func foldPending(tx *bolt.Tx, card string, cfg scheduler.Settings, pending []pendingEvent, batch *foldBatch) (bool, error) {
	first := len(batch.links)
	for _, p := range pending {
		batch.links = append(batch.links, eventLink{key: p.key, seq: p.link})
	}
	f, before, ok, err := startFold(tx, card, cfg, batch)
	if !ok || err != nil {
		return false, err
	}
	f.state = before.state
	for i, p := range pending {
		if batch.undone != nil && batch.undone.Get(eventKey(p.event.ID)) != nil {
			continue
		}
		seq, err := f.step(p.event, p.link != nil)
		if err != nil {
			return false, err
		}
		if seq != nil {
			batch.links[first+i].seq = seq
		}
	}
	return true, f.finish(card, before, pending[len(pending)-1].key)
}

// fold recomputes a card's state from all its events in order: from the
// state before its first review (new, or what it was adopted with), each
// review not undone through the deck's scheduler, suspensions and burials
// as they come. Reviews other devices made enter the review log here, with
// the states the fold gives them. It reports false for a card this store
// does not have (its notes are not imported here yet); its events wait.
// With since, the cardevents key of the last event the card's state
// includes, it continues from that state with the events after it. fresh
// holds the events that just arrived, by event key.
func fold(tx *bolt.Tx, card string, cfg scheduler.Settings, since []byte, batch *foldBatch, fresh map[string]*journal.Event) (bool, error) {
	f, before, ok, err := startFold(tx, card, cfg, batch)
	if !ok || err != nil {
		return false, err
	}
	prefix := append([]byte(card), 0)
	c := newCursor(tx.Bucket(bucketCardEvents))
	k, v := c.Seek(prefix)
	if since != nil {
		f.state = before.state
		if k, v = c.Seek(since); bytes.Equal(k, since) {
			k, v = c.Next()
		}
	}
	var lastKey []byte
	for ; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		lastKey = k
		ek := cardEventsEvent(k, len(prefix))
		if batch.undone != nil && batch.undone.Get(ek) != nil {
			continue
		}
		eid, ok := parseEventKey(ek)
		if !ok {
			return false, fmt.Errorf("malformed event index key %x", k)
		}
		e := fresh[string(ek)]
		if e == nil {
			loaded, ok, err := loadEvent(tx, eid)
			if err != nil || !ok {
				return false, fmt.Errorf("event %s: missing or damaged: %v", eid, err)
			}
			e = &loaded
		}
		// An event that just arrived is not in the log yet.
		seq, err := f.step(e, len(v) == 8)
		if err != nil {
			return false, err
		}
		if seq != nil {
			batch.links = append(batch.links, eventLink{key: slices.Clone(k), seq: seq})
		}
	}
	return true, f.finish(card, before, lastKey)
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
