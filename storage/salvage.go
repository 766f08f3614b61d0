package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
}

// rawRecord is one key and value read from a damaged store.
type rawRecord struct{ k, v []byte }

// Salvage writes a new store at to with everything that can still be read
// from the damaged store at from: every card that decodes (a card whose
// state is damaged gets the state its newest readable review gave it, or
// starts as new), every review log entry that decodes, the aliases,
// settings, shared-deck records and deck records. The indexes are rebuilt
// from the cards. from is only read, through a private copy: a truncated
// file is padded to the size its header promises, so bbolt reads zeros
// where pages are missing instead of past the end of the file. to must not
// exist.
func Salvage(from, to string) (SalvageReport, error) {
	var rep SalvageReport
	if same, _ := files.SameFile(from, to); same {
		return rep, fmt.Errorf("salvage to %q: that is the damaged store itself; name a new file", to)
	}
	if _, err := os.Lstat(to); err == nil {
		return rep, fmt.Errorf("salvage to %q: %w; name a new file", to, files.ErrExists)
	}
	copyPath, err := paddedCopy(from, filepath.Dir(to))
	if err != nil {
		return rep, fmt.Errorf("salvage %q: %w", from, err)
	}
	defer os.Remove(copyPath)
	src, err := openForSalvage(copyPath, from)
	if err != nil {
		return rep, err
	}
	defer src.Close()
	buckets := readAll(src, from, &rep)
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

// paddedCopy copies the store at path into dir under a hidden name, padded
// with zeros to the size its header promises.
func paddedCopy(path, dir string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".recall-salvage-*")
	if err != nil {
		return "", err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		if want := promisedSize(path); want > n {
			err = out.Truncate(want)
		}
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// promisedSize is the size the store's valid header with the highest
// transaction ID says it has, or 0.
func promisedSize(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0
	}
	metas, _, err := readMetas(f, info.Size())
	if err != nil || len(metas) == 0 {
		return 0
	}
	best := newestMeta(metas)
	if best.pageSize == 0 || best.pgid > 1<<40/best.pageSize {
		return 0
	}
	return int64(best.pgid * best.pageSize)
}

// openForSalvage opens the padded copy with bbolt, read-only, under guard.
func openForSalvage(copyPath, name string) (*Store, error) {
	var db *bolt.DB
	err := guard(name, func() (err error) {
		db, err = bolt.Open(copyPath, 0o600, &bolt.Options{ReadOnly: true, FreelistType: bolt.FreelistMapType})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("salvage %q: nothing can be read: %w", name, explainOpenError(err))
	}
	return &Store{db: db, path: name}, nil
}

// readAll reads every record of every top-level bucket it can, except the
// indexes (rebuilt from the cards). A broken page stops a bucket's read;
// the bucket is then read again from its end backwards, so only the
// records on broken pages are lost.
func readAll(s *Store, name string, rep *SalvageReport) map[string][]rawRecord {
	out := make(map[string][]rawRecord)
	var names [][]byte
	if err := s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(n []byte, _ *bolt.Bucket) error {
			names = append(names, bytes.Clone(n))
			return nil
		})
	}); err != nil {
		rep.Dropped = append(rep.Dropped, "the store's root page is broken or missing: its buckets could not all be found")
	}
	for _, n := range names {
		switch string(n) {
		case string(bucketDue), string(bucketNew), string(bucketOrder), string(bucketMeta):
			continue
		}
		var recs []rawRecord
		read := func(backwards bool, stopAt []byte) error {
			return s.view(func(tx *bolt.Tx) error {
				b := tx.Bucket(n)
				if b == nil {
					return nil
				}
				c := newCursor(b)
				first, next := c.First, c.Next
				if backwards {
					first, next = c.Last, c.Prev
				}
				for k, v := first(); k != nil; k, v = next() {
					if stopAt != nil && bytes.Equal(k, stopAt) {
						return nil
					}
					if v != nil { // nested buckets are indexes or unknown: rebuilt or left out
						recs = append(recs, rawRecord{bytes.Clone(k), bytes.Clone(v)})
					}
				}
				return nil
			})
		}
		if err := read(false, nil); err != nil {
			forward := len(recs)
			var last []byte
			if forward > 0 {
				last = recs[forward-1].k
			}
			rerr := read(true, last)
			lost := "some"
			if rerr == nil {
				lost = "the"
			}
			rep.Dropped = append(rep.Dropped, fmt.Sprintf("bucket %q: %s records on broken pages (after %d read from the start, %d from the end)", n, lost, forward, len(recs)-forward))
		}
		out[string(n)] = recs
	}
	return out
}

// writeSalvaged writes what was read into the new store.
func writeSalvaged(tx *bolt.Tx, buckets map[string][]rawRecord, rep *SalvageReport) error {
	// The log first: a card whose state is damaged takes the state its
	// newest review gave it.
	lastState := make(map[string]scheduler.State)
	logs := tx.Bucket(bucketLog)
	logs.FillPercent = 0.95
	var maxSeq uint64
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
	}
	if err := logs.SetSequence(maxSeq); err != nil {
		return err
	}
	states := make(map[string][]byte)
	for _, r := range buckets[string(bucketState)] {
		states[string(r.k)] = r.v
	}
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
				rep.Dropped = append(rep.Dropped, fmt.Sprintf("card %q: its schedule was damaged; it has the one its newest review gave it", card.ID))
			} else {
				st = scheduler.NewState()
				rep.Dropped = append(rep.Dropped, fmt.Sprintf("card %q: its schedule was damaged; it starts as new", card.ID))
			}
		}
		if err := put(tx, nil, &cardState{card: card, state: st}, true); err != nil {
			return fmt.Errorf("card %q: %w", card.ID, err)
		}
		rep.Cards++
	}
	for name, recs := range buckets {
		switch name {
		case string(bucketLog), string(bucketState), string(bucketCards):
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
	return nil
}
