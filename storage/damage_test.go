package storage_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// smallStore returns the bytes of a small real store: three cards, a few
// reviews, saved settings.
func smallStore(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import("trust", sampleCards(), at(0), false); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"aa11", "bb22", "aa11", "cc33"} {
		if _, _, err := st.Review(id, scheduler.Grade(3+i%3), at(i), time.Second, cfg()); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveSettings(cfg()); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// exercise runs what recall's commands do with a store; with write it also
// reviews, undoes, suspends and imports. It must never panic; errors are
// fine.
func exercise(st *storage.Store, write bool) {
	c := cfg()
	st.Empty()
	st.LoadSettings(&c)
	st.Check()
	st.Queue("", at(5), cfg())
	st.Today(at(5), cfg())
	st.Decks(at(5), cfg())
	st.CountDue("trust", at(5))
	st.NextDue("", at(0))
	st.Card("aa11")
	st.ForEachCard("", func(storage.Record) error { return nil })
	st.ForEachLog(func(storage.LogEntry) error { return nil })
	st.ForEachLogReverse(func(storage.LogEntry) (bool, error) { return true, nil })
	st.ForEachLogSummary(func(storage.LogSummary) error { return nil })
	st.Subscriptions()
	st.FirstIDs()
	st.WriteBackup(discard{})
	if !write {
		return
	}
	st.Review("bb22", 4, at(6), time.Second, cfg())
	st.Undo()
	st.SetSuspended([]string{"cc33"}, true)
	st.Import("trust", sampleCards(), at(6), false)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// damaged is what Open must say of a file it cannot use: an error wrapping
// ErrDamaged or ErrNotRecall, in one line that names the file.
func checkRefusal(t *testing.T, err error, path string, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("open: %v, want %v", err, want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, path) {
		t.Errorf("error %q is not one line naming %q", msg, path)
	}
	if errors.Is(want, storage.ErrDamaged) && !strings.Contains(msg, "recall check --salvage") && !strings.Contains(msg, "check --salvage") {
		t.Errorf("error %q does not say what to do", msg)
	}
}

func TestDamagedStoreRefused(t *testing.T) {
	good := smallStore(t)
	page := 4096
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"zero bytes", nil, storage.ErrDamaged},
		{"100 bytes", good[:100], storage.ErrDamaged},
		{"one page", good[:page], storage.ErrDamaged},
		{"8192 bytes", good[:2*page], storage.ErrDamaged},
		{"three pages", good[:3*page], storage.ErrDamaged},
		{"half", good[:len(good)/2], storage.ErrDamaged},
		{"both headers broken", flip(flip(good, 20), page+20), storage.ErrDamaged},
		{"text", bytes.Repeat([]byte("# A note\n\n*   **Term**: meaning\n"), 300), storage.ErrNotRecall},
	}
	for _, tt := range tests {
		for _, readOnly := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/readonly=%v", tt.name, readOnly), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "t.db")
				if err := os.WriteFile(path, tt.data, 0o600); err != nil {
					t.Fatal(err)
				}
				st, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
				if err == nil {
					st.Close()
				}
				checkRefusal(t, err, path, tt.want)
				if got, _ := os.ReadFile(path); !bytes.Equal(got, tt.data) {
					t.Error("the file was changed")
				}
			})
		}
	}
}

// flip returns a copy of data with the bits of byte i inverted.
func flip(data []byte, i int) []byte {
	out := bytes.Clone(data)
	out[i] ^= 0xff
	return out
}

// TestForeignBoltFileRefused: another program's bbolt files, and one that
// has recall's schema key but none of its buckets, are refused, read-only
// and read-write, and left byte for byte as they were.
func TestForeignBoltFileRefused(t *testing.T) {
	tests := []struct {
		name  string
		build func(tx *bolt.Tx) error
	}{
		{"empty", func(*bolt.Tx) error { return nil }},
		{"other buckets", func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("widgets"))
			if err != nil {
				return err
			}
			return b.Put([]byte("w1"), []byte("a widget"))
		}},
		{"schema key, no buckets", func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("meta"))
			if err != nil {
				return err
			}
			return b.Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 2))
		}},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(tt.build); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before, _ := os.ReadFile(path)
		for _, readOnly := range []bool{true, false} {
			_, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
			if !errors.Is(err, storage.ErrNotRecall) || !strings.Contains(err.Error(), "is not a recall store") {
				t.Errorf("%s, readonly=%v: %v, want not a recall store", tt.name, readOnly, err)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s: the file was changed", tt.name)
		}
	}
}

// TestOlderStoreMarked: a store made before the mark is still opened, read
// without change, and marked at its first read-write open.
func TestOlderStoreMarked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, smallStore(t), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Delete([]byte("magic")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	st, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of an unmarked older store: %v", err)
	}
	st.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a read-only open changed the file")
	}
	st, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if got := tx.Bucket([]byte("meta")).Get([]byte("magic")); string(got) != "recall store" {
			t.Errorf("mark after a read-write open: %q", got)
		}
		return nil
	})
}

// TestBitFlips flips one byte at a time across a small store, at a stride,
// and opens, reads and writes each copy: never a panic or a crash. Open
// refusing a copy leaves it unchanged.
func TestBitFlips(t *testing.T) {
	good := smallStore(t)
	dir := t.TempDir()
	// Every 401st byte: a page, an element, a key or a value of every
	// page of the store (4096-byte pages), in turn.
	const stride = 401
	refused := 0
	for i := 0; i < len(good); i += stride {
		data := flip(good, i)
		path := filepath.Join(dir, "flipped.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if refusedOpen(t, path, data) {
			refused++
		}
	}
	t.Logf("%d of %d copies refused at open", refused, (len(good)+stride-1)/stride)
}

// refusedOpen opens path read-only then read-write and exercises the
// store; it reports whether Open refused it.
func refusedOpen(t testing.TB, path string, data []byte) bool {
	refused := false
	for _, readOnly := range []bool{true, false} {
		st, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
			if readOnly {
				if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
					t.Fatalf("a refused read-only open changed the file")
				}
			}
			refused = true
			continue
		}
		exercise(st, !readOnly)
		st.Close()
	}
	return refused
}

var fuzzBase struct {
	once sync.Once
	data []byte
}

// FuzzOpenDamaged opens mutated copies of a small real store: the fuzzer
// chooses where to cut the file and which bytes to change. Opening,
// reading, checking, writing and salvaging must never panic or crash.
func FuzzOpenDamaged(f *testing.F) {
	f.Add(uint32(0), []byte{})
	f.Add(uint32(8192), []byte{})
	f.Add(uint32(0), []byte{0, 20, 0xff})
	f.Add(uint32(0), []byte{0, 40, 1, 16, 40, 1})
	f.Add(uint32(12288), []byte{32, 0, 0x80, 48, 7, 2})
	f.Fuzz(func(t *testing.T, cut uint32, edits []byte) {
		fuzzBase.once.Do(func() { fuzzBase.data = smallStore(t) })
		data := bytes.Clone(fuzzBase.data)
		if cut != 0 && int(cut) < len(data) {
			data = data[:cut]
		}
		// Each edit is 3 bytes: a 16-bit offset (in 2-byte units, to reach
		// every page of the small store) and a byte to XOR in.
		for len(edits) >= 3 && len(data) > 0 {
			off := int(binary.BigEndian.Uint16(edits)) * 2 % len(data)
			data[off] ^= edits[2]
			edits = edits[3:]
		}
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		refusedOpen(t, path, data)
		// Salvage reads the same bytes without bbolt: it must not crash or
		// hang either, and a store it writes must open.
		to := filepath.Join(t.TempDir(), "saved.db")
		if _, err := storage.Salvage(path, to); err == nil {
			st, err := storage.Open(to, storage.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("the salvaged store does not open: %v", err)
			}
			st.Check()
			st.Close()
		}
	})
}

// TestSalvage damages a review log entry and a card's state, then salvages:
// everything else is kept, the card takes the state its newest review gave
// it, the new store passes Check, and the damaged one is not changed.
func TestSalvage(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(from, smallStore(t), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(from, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("log")).Put(binary.BigEndian.AppendUint64(nil, 2), []byte(`{"seq":2,"card_`)); err != nil {
			return err
		}
		// An override of the user's own, which salvage keeps as it is.
		if err := tx.Bucket([]byte("overrides")).Put([]byte("bb22"), []byte(`{"text":{"context":"","question":"Mine?","answer":"Mine."}}`)); err != nil {
			return err
		}
		return tx.Bucket([]byte("state")).Put([]byte("aa11"), []byte{9, 9})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(from)
	to := filepath.Join(dir, "saved.db")
	rep, err := storage.Salvage(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cards != 3 || rep.Reviews != 3 {
		t.Errorf("salvaged %d cards and %d reviews, want 3 and 3", rep.Cards, rep.Reviews)
	}
	dropped := strings.Join(rep.Dropped, "\n")
	if !strings.Contains(dropped, "review log entry 2 is damaged") || !strings.Contains(dropped, `card "aa11": its schedule was damaged; it has the one its newest review gave it`) {
		t.Errorf("dropped:\n%s", dropped)
	}
	if after, _ := os.ReadFile(from); !bytes.Equal(before, after) {
		t.Error("salvage changed the damaged store")
	}
	st, err := storage.Open(to, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if problems := st.Check(); len(problems) != 0 {
		t.Errorf("the salvaged store: %v", problems)
	}
	var last storage.LogEntry
	st.ForEachLog(func(e storage.LogEntry) error {
		if e.CardID == "aa11" {
			last = e
		}
		return nil
	})
	if r, err := st.Card("aa11"); err != nil || r.State != last.Next {
		t.Errorf("aa11 has state %+v (%v), want its newest review's %+v", r.State, err, last.Next)
	}
	if r, err := st.Card("bb22"); err != nil || r.Edit == nil || r.Card.Back != "Mine." {
		t.Errorf("bb22 after salvage: %+v (%v); want its override kept", r, err)
	}
	if _, err := storage.Salvage(from, to); !errors.Is(err, files.ErrExists) {
		t.Errorf("salvage onto an existing file: %v", err)
	}
	trunc := filepath.Join(dir, "t.db")
	os.WriteFile(trunc, before[:8192], 0o600)
	if _, err := storage.Salvage(trunc, filepath.Join(dir, "none.db")); err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("salvage of a store cut to its headers: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a salvage that read nothing wrote a store")
	}
}

// TestSalvageTruncated cuts a store of several hundred pages short at
// several points, and breaks both its headers: Salvage saves the cards and
// reviews on the pages that are left, each exactly as it was, and the new
// store passes Check.
func TestSalvageTruncated(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, err := storage.Open(good, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cards []deck.Card
	for i := range 600 {
		cards = append(cards, deck.Card{ID: fmt.Sprintf("c%04d", i), Kind: deck.KindTerm, Front: fmt.Sprintf("What is term %d, in a sentence of some length?", i), Back: strings.Repeat("meaning ", 20), Order: i})
	}
	if _, err := st.Import("big", cards, at(0), false); err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		if _, _, err := st.Review(cards[i].ID, 4, at(0), time.Second, cfg()); err != nil {
			t.Fatal(err)
		}
	}
	wantCards := map[string]storage.Record{}
	st.ForEachCard("", func(r storage.Record) error { wantCards[r.Card.ID] = r; return nil })
	wantLog := map[uint64]storage.LogEntry{}
	st.ForEachLog(func(e storage.LogEntry) error { wantLog[e.Seq] = e; return nil })
	st.Close()
	data, _ := os.ReadFile(good)

	for _, tt := range []struct {
		name string
		data []byte
		all  bool // every card, schedule and review is still there
	}{
		{"cut at half", data[:len(data)/2], false},
		{"cut at three quarters", data[:len(data)*3/4], false},
		{"cut mid-page", data[:len(data)/2+1000], false},
		{"both headers broken", flip(flip(data, 20), 4096+20), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			from := filepath.Join(t.TempDir(), "damaged.db")
			os.WriteFile(from, tt.data, 0o600)
			to := filepath.Join(t.TempDir(), "saved.db")
			rep, err := storage.Salvage(from, to)
			if err != nil {
				t.Fatal(err)
			}
			// The cards, imported first, lie in the first half; where the
			// few pages of reviews lie depends on the free pages bbolt had.
			if rep.Cards == 0 || tt.all && (rep.Cards != len(wantCards) || rep.Reviews != len(wantLog)) {
				t.Errorf("salvaged %d cards and %d reviews of %d and %d; dropped %q", rep.Cards, rep.Reviews, len(wantCards), len(wantLog), rep.Dropped)
			}
			if len(rep.Dropped) == 0 {
				t.Error("nothing said to be dropped")
			}
			saved, err := storage.Open(to, storage.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer saved.Close()
			if problems := saved.Check(); len(problems) != 0 {
				t.Errorf("the salvaged store: %v", problems)
			}
			n := 0
			saved.ForEachCard("", func(r storage.Record) error {
				n++
				if want, ok := wantCards[r.Card.ID]; !ok || want.Card.Front != r.Card.Front || want.Card.Back != r.Card.Back {
					t.Errorf("card %q: %+v, want %+v", r.Card.ID, r.Card, want.Card)
				} else if tt.all && r.State != want.State {
					t.Errorf("card %q has the schedule %+v, want the newest, %+v", r.Card.ID, r.State, want.State)
				}
				return nil
			})
			saved.ForEachLog(func(e storage.LogEntry) error {
				if want, ok := wantLog[e.Seq]; !ok || want.CardID != e.CardID || want.Grade != e.Grade || !want.Time.Equal(e.Time) || want.Next != e.Next {
					t.Errorf("review %d: %+v, want %+v", e.Seq, e, want)
				}
				return nil
			})
			if n != rep.Cards {
				t.Errorf("the new store has %d cards, the report says %d", n, rep.Cards)
			}
		})
	}
}
