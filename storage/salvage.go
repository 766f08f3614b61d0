package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/scheduler"
)

// SalvageReport says what Salvage saved and what it had to drop.
type SalvageReport struct {
	Cards, Reviews int
	// Dropped names, one line each, what could not be read or had to be
	// left out.
	Dropped []string
	// Notes say, one line each, how what was saved was found when the
	// store's tree was broken.
	Notes []string
}

// rawRecord is one key and value read from a damaged store.
type rawRecord struct{ k, v []byte }

// Salvage writes a new store at to with everything that can still be read
// from the damaged store at from: every card that decodes (a card whose
// state is damaged gets the state its newest readable review gave it, or
// starts as new), every review log entry that decodes, the aliases,
// settings, shared-deck records and deck records. The indexes are rebuilt
// from the cards. from is only read, page by page, without bbolt
// (salvageReader): a truncated file or a broken page loses only the
// records on the pages that are gone. to must not exist.
func Salvage(from, to string) (SalvageReport, error) {
	var rep SalvageReport
	if same, _ := files.SameFile(from, to); same {
		return rep, fmt.Errorf("salvage to %q: that is the damaged store itself; name a new file", to)
	}
	if _, err := os.Lstat(to); err == nil {
		return rep, fmt.Errorf("salvage to %q: %w; name a new file", to, files.ErrExists)
	}
	f, err := os.Open(from)
	if err != nil {
		return rep, fmt.Errorf("salvage %q: %w", from, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return rep, fmt.Errorf("salvage %q: %w", from, err)
	}
	if !info.Mode().IsRegular() {
		return rep, fmt.Errorf("salvage %q: not a regular file", from)
	}
	var buckets map[string][]rawRecord
	err = guard(from, func() (err error) {
		buckets, err = readSalvage(f, info.Size(), &rep)
		return err
	})
	if err != nil {
		return rep, fmt.Errorf("salvage %q: nothing can be read: %w", from, err)
	}
	if len(buckets[string(bucketCards)]) == 0 && len(buckets[string(bucketLog)]) == 0 {
		return rep, fmt.Errorf("salvage %q: no card and no review can be read from it (%s); nothing written", from, strings.Join(rep.Dropped, "; "))
	}

	tmp := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".salvage")
	os.Remove(tmp)
	defer os.Remove(tmp)
	if err := create(tmp, migrations()); err != nil {
		return rep, err
	}
	dst, err := Open(tmp, Options{})
	if err != nil {
		return rep, err
	}
	err = dst.update(func(tx *bolt.Tx) error { return writeSalvaged(tx, buckets, &rep) })
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, fmt.Errorf("salvage to %q: %w", to, err)
	}
	if err := os.Link(tmp, to); err != nil {
		return rep, fmt.Errorf("salvage to %q: %w", to, err)
	}
	return rep, files.SyncDir(filepath.Dir(to))
}

// writeSalvaged writes what was read into the new store.
func writeSalvaged(tx *bolt.Tx, buckets map[string][]rawRecord, rep *SalvageReport) error {
	// The log first: a card whose state is damaged takes the state its
	// newest review gave it.
	lastState := make(map[string]scheduler.State)
	logs := tx.Bucket(bucketLog)
	logs.FillPercent = 0.95
	var maxSeq uint64
	mark, marked := salvagedFoldMark(buckets[string(bucketMeta)])
	unfolded := map[string][]LogEntry{} // card → its reviews above the mark
	for _, r := range buckets[string(bucketLog)] {
		e, err := readLog(r.k, r.v)
		if err != nil {
			rep.Dropped = append(rep.Dropped, err.Error())
			continue
		}
		if err := logs.Put(r.k, r.v); err != nil {
			return err
		}
		rep.Reviews++
		lastState[e.CardID] = e.Next
		maxSeq = max(maxSeq, binary.BigEndian.Uint64(r.k))
		if !marked || e.Seq > mark {
			unfolded[e.CardID] = append(unfolded[e.CardID], e)
		}
	}
	if err := logs.SetSequence(maxSeq); err != nil {
		return err
	}
	states := make(map[string][]byte)
	for _, r := range buckets[string(bucketState)] {
		states[string(r.k)] = r.v
	}
	// The reviews the damaged store had not folded yet move the schedules
	// it kept, as a fold would have. Without the mark (the meta bucket
	// lost with the tree) which they are is not known: the card's reviews
	// from the first made from the schedule kept on move it, each from the
	// state the one before left (the reviews waiting to be folded always
	// are made so), and the older ones, already in it, are passed over.
	for id, entries := range unfolded {
		st, err := decodeState(states[id])
		if err != nil {
			continue
		}
		slices.SortFunc(entries, func(a, b LogEntry) int { return cmp.Compare(a.Seq, b.Seq) })
		for _, e := range entries {
			if marked || sameState(e.Prev, st) {
				st = applyEntry(st, e)
			}
		}
		states[id] = encodeState(st)
	}
	var fromReview, asNew []string // cards whose schedule was damaged or lost
	for _, r := range buckets[string(bucketCards)] {
		var card storedCard
		if err := json.Unmarshal(r.v, &card); err != nil || card.ID != string(r.k) || card.ID == "" || card.Deck == "" {
			rep.Dropped = append(rep.Dropped, fmt.Sprintf("card %q: damaged", r.k))
			continue
		}
		st, err := decodeState(states[card.ID])
		if err != nil {
			var ok bool
			if st, ok = lastState[card.ID]; ok {
				fromReview = append(fromReview, card.ID)
			} else {
				st = scheduler.NewState()
				asNew = append(asNew, card.ID)
			}
		}
		if err := put(tx, nil, &cardState{card: card, state: st}, true); err != nil {
			return fmt.Errorf("card %q: %w", card.ID, err)
		}
		rep.Cards++
	}
	rep.Dropped = append(rep.Dropped, lostSchedules(fromReview, "it has the one its newest review gave it", "they have the ones their newest reviews gave them")...)
	rep.Dropped = append(rep.Dropped, lostSchedules(asNew, "it starts as new", "they start as new")...)
	for name, recs := range buckets {
		switch name {
		case string(bucketLog), string(bucketState), string(bucketCards), string(bucketMeta):
			continue
		case string(bucketImportMemo), string(bucketCardStamps):
			// A memo says the deck's cards are as its import left them,
			// which a salvage need not keep; the put above stamped them.
			continue
		}
		b := tx.Bucket([]byte(name))
		if b == nil {
			rep.Dropped = append(rep.Dropped, fmt.Sprintf("bucket %q: not recall's (%d records)", name, len(recs)))
			continue
		}
		for _, r := range recs {
			if err := b.Put(r.k, r.v); err != nil {
				return fmt.Errorf("bucket %q: %w", name, err)
			}
		}
	}
	return rememberLostCards(tx, lastState, states, rep)
}

// salvagedFoldMark finds the fold mark among the damaged store's meta
// records. Without one (a store from before folding, or its meta lost)
// a review moves a kept schedule only when it was made from it: replaying
// every review onto them could undo a later change that logged nothing.
func salvagedFoldMark(meta []rawRecord) (uint64, bool) {
	for _, r := range meta {
		if bytes.Equal(r.k, keyFolded) && len(r.v) == 8 {
			return binary.BigEndian.Uint64(r.v), true
		}
	}
	return 0, false
}

// rememberLostCards keeps the reviews of cards that were lost, and
// remembers those cards as a removed deck's are (with the schedule found
// for them, if any), so that importing their notes again brings each back
// with its schedule.
func rememberLostCards(tx *bolt.Tx, reviewed map[string]scheduler.State, states map[string][]byte, rep *SalvageReport) error {
	var lost []string
	for id := range reviewed {
		if tx.Bucket(bucketCards).Get([]byte(id)) == nil && !accountedFor(tx, id) {
			lost = append(lost, id)
		}
	}
	slices.Sort(lost)
	for _, id := range lost {
		if err := tx.Bucket(bucketRemoved).Put([]byte(id), []byte("lost when the store was damaged")); err != nil {
			return fmt.Errorf("remember lost card %q: %w", id, err)
		}
		if raw := states[id]; raw != nil {
			if _, err := decodeState(raw); err == nil {
				if err := tx.Bucket(bucketRemovedState).Put([]byte(id), raw); err != nil {
					return fmt.Errorf("remember the schedule of lost card %q: %w", id, err)
				}
			}
		}
	}
	if len(lost) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d reviewed cards were lost but their reviews are kept: importing their notes again brings each back with its schedule", len(lost)))
	}
	return nil
}

// lostSchedules says which cards' schedules were damaged and what they
// have instead: one line a card when there are a few, else one line.
func lostSchedules(ids []string, one, many string) []string {
	if len(ids) <= 10 {
		lines := make([]string, len(ids))
		for i, id := range ids {
			lines[i] = fmt.Sprintf("card %q: its schedule was damaged; %s", id, one)
		}
		return lines
	}
	return []string{fmt.Sprintf("%d cards (%q, %q, …): their schedules were damaged or lost; %s", len(ids), ids[0], ids[1], many)}
}
