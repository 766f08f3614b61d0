package storage

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
)

// TestEventBlocks stores events as a sync does, in blocks, beside single
// events of devices whose keys sort next to them, and finds each one, and
// none that is not there.
func TestEventBlocks(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev := func(device string, seq uint64) *journal.Event {
		return &journal.Event{ID: journal.ID{Device: device, Seq: seq}, Kind: journal.KindReview, Card: fmt.Sprintf("card-%d", seq%7),
			Time: time.Date(2026, 3, 2, 10, 0, int(seq), 0, time.UTC), Grade: uint8(seq % 6), Before: []byte{byte(seq)}}
	}
	// Device "ab" sorts after "a"'s keys and before "b"'s.
	const n = 2*blockEvents + 10
	err = st.db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketEvents); err != nil {
			return err
		}
		var w blockWriter
		for seq := uint64(1); seq <= n; seq++ {
			if seq == 500 {
				// A gap: a new block begins after it.
				continue
			}
			if err := w.add(tx, ev("a", seq)); err != nil {
				return err
			}
		}
		if err := w.flush(tx); err != nil {
			return err
		}
		for seq := uint64(1); seq <= 3; seq++ {
			if err := putEvent(tx, ev("ab", seq)); err != nil {
				return err
			}
		}
		if err := w.add(tx, ev("b", 7)); err != nil {
			return err
		}
		return w.flush(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id    journal.ID
		found bool
	}{
		{journal.ID{Device: "a", Seq: 1}, true},
		{journal.ID{Device: "a", Seq: 499}, true},
		{journal.ID{Device: "a", Seq: 500}, false},
		{journal.ID{Device: "a", Seq: 501}, true},
		{journal.ID{Device: "a", Seq: blockEvents + 500}, true},
		{journal.ID{Device: "a", Seq: blockEvents + 501}, true},
		{journal.ID{Device: "a", Seq: n}, true},
		{journal.ID{Device: "a", Seq: n + 1}, false},
		{journal.ID{Device: "ab", Seq: 2}, true},
		{journal.ID{Device: "ab", Seq: 4}, false},
		{journal.ID{Device: "b", Seq: 6}, false},
		{journal.ID{Device: "b", Seq: 7}, true},
		{journal.ID{Device: "b", Seq: 8}, false},
		{journal.ID{Device: "c", Seq: 1}, false},
	}
	err = st.view(func(tx *bolt.Tx) error {
		for _, tt := range tests {
			e, found, err := loadEvent(tx, tt.id)
			if err != nil {
				t.Errorf("%s: %v", tt.id, err)
				continue
			}
			if found != tt.found {
				t.Errorf("%s: found %v, want %v", tt.id, found, tt.found)
				continue
			}
			want := ev(tt.id.Device, tt.id.Seq)
			if found && (e.ID != want.ID || e.Card != want.Card || !e.Time.Equal(want.Time) || e.Grade != want.Grade || e.Before[0] != want.Before[0]) {
				t.Errorf("%s: got %+v, want %+v", tt.id, e, want)
			}
		}
		for device, want := range map[string]uint64{"a": n, "ab": 3, "b": 7, "c": 0, "aa": 0} {
			if got := newestEvent(tx, device); got != want {
				t.Errorf("newest event of %q: %d, want %d", device, got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var count int
	next := map[string]uint64{}
	if err := st.ForEachEvent(func(e journal.Event) error {
		if e.ID.Seq <= next[e.ID.Device] {
			t.Fatalf("%s after %d", e.ID, next[e.ID.Device])
		}
		next[e.ID.Device] = e.ID.Seq
		count++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := n - 1 + 3 + 1; count != want {
		t.Errorf("ForEachEvent gave %d events, want %d", count, want)
	}
}

// TestEventBlockDamage: a block whose sizes do not add up is an error,
// not a panic or an event made up.
func TestEventBlockDamage(t *testing.T) {
	good := appendBlock(nil, []*journal.Event{
		{ID: journal.ID{Device: "a", Seq: 1}, Kind: journal.KindSuspend, Card: "c1"},
		{ID: journal.ID{Device: "a", Seq: 2}, Kind: journal.KindSuspend, Card: "c2"},
	})
	for name, v := range map[string][]byte{
		"truncated":     good[:len(good)-3],
		"no ends":       good[:3],
		"huge count":    append([]byte{blockMark, 0xff, 0xff, 0x03}, good[2:]...),
		"count only":    {blockMark},
		"end past data": append(append([]byte{}, good[:2]...), 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1),
	} {
		err := forEachStored(eventKey(journal.ID{Device: "a", Seq: 1}), v, func(journal.Event) error { return nil })
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	n := 0
	if err := forEachStored(eventKey(journal.ID{Device: "a", Seq: 1}), good, func(journal.Event) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("the good block: %d events, %v", n, err)
	}
}
