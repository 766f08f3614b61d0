package storage

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// copyFixture copies testdata/name into a temporary directory.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func fixtureLines(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		lines = append(lines, strings.Fields(l))
	}
	return lines
}

func logLines(t *testing.T, st *Store) []string {
	t.Helper()
	var lines []string
	if err := st.ForEachLog(func(e LogEntry) error {
		lines = append(lines, fmt.Sprintf("%d %s %s %d", e.Seq, e.CardID, e.Time.Format(time.RFC3339), e.Grade))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestUpgradeSyncStore opens two syncing stores written at schema 3 (see
// testdata/sync-v3/README.md): the upgrade keeps every log entry, moves
// every eventlog link into cardevents, and each entry still finds its
// event; then both stores go on syncing — undoing reviews logged before
// the upgrade, refolding a card whose reviews were logged before it — and
// agree with each other and with a fresh store that replays the folder.
func TestUpgradeSyncStore(t *testing.T) {
	dir := copyFixture(t, "sync-v3")
	now := time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)
	stores := map[string]*Store{}
	for _, name := range []string{"a", "b"} {
		st, err := Open(filepath.Join(dir, name+".db"), Options{Clock: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		stores[name] = st
		if p := st.Check(); len(p) != 0 {
			t.Fatalf("%s after the upgrade: %v", name, p)
		}
		var want []string
		for _, f := range fixtureLines(t, filepath.Join(dir, name+"-log.txt")) {
			want = append(want, strings.Join(f, " "))
		}
		if got := logLines(t, st); !slices.Equal(got, want) {
			t.Fatalf("%s: log after the upgrade\n%q\nwant\n%q", name, got, want)
		}
		links := fixtureLines(t, filepath.Join(dir, name+"-links.txt"))
		err = st.view(func(tx *bolt.Tx) error {
			if v := schemaVersion(tx); v != uint64(len(migrations())) {
				t.Errorf("%s: schema %d", name, v)
			}
			if tx.Bucket(bucketEventLog) != nil {
				t.Errorf("%s: the eventlog bucket is still there", name)
			}
			for _, l := range links {
				dev, seqText, _ := strings.Cut(l[0], "/")
				seq, _ := strconv.ParseUint(seqText, 10, 64)
				logSeq, _ := strconv.ParseUint(l[1], 10, 64)
				id := journal.ID{Device: dev, Seq: seq}
				e, ok, err := loadEvent(tx, id)
				if err != nil || !ok {
					t.Fatalf("%s: event %s: %v", name, id, err)
				}
				if v := tx.Bucket(bucketCardEvents).Get(cardEventKey(e.Card, &e)); !bytes.Equal(v, seqKey(logSeq)) {
					t.Errorf("%s: event %s links %x, want log entry %d", name, id, v, logSeq)
				}
				entry, err := decodeLog(seqKey(logSeq), tx.Bucket(bucketLog).Get(seqKey(logSeq)))
				if err != nil {
					t.Fatal(err)
				}
				if got := loggedEvent(tx, entry); !bytes.Equal(got, eventKey(id)) {
					t.Errorf("%s: log entry %d finds event %x, want %s", name, logSeq, got, id)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The folder moved with the fixture.
		if _, err := st.InitSync(filepath.Join(dir, "folder")); err != nil {
			t.Fatal(err)
		}
	}
	a, b := stores["a"], stores["b"]
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	sync := func(st *Store) {
		t.Helper()
		rep, err := st.Sync(cfg)
		if err != nil || len(rep.Refused) > 0 {
			t.Fatalf("sync: %v %v", err, rep.Refused)
		}
	}
	// Each undoes its newest entry, a review the other made and synced.
	for name, st := range stores {
		if e, err := st.Undo(); err != nil {
			t.Fatalf("%s: undo: %v", name, err)
		} else if e.CardID != map[string]string{"a": "c06", "b": "c05"}[name] {
			t.Fatalf("%s undid %s", name, e.CardID)
		}
	}
	// A review dated between two of c01's, each logged before the
	// upgrade: the other store refolds c01 from its first event.
	if _, _, err := a.Review("c01", 3, time.Date(2026, 3, 3, 10, 30, 0, 0, time.UTC), time.Second, cfg); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		sync(a)
		sync(b)
	}
	want := []string{
		"c01 2026-03-03T10:00:00Z 4", "c01 2026-03-03T10:30:00Z 3", "c01 2026-03-03T11:00:00Z 5",
		"c03 2026-03-03T12:00:00Z 4", "c03 2026-03-07T10:00:00Z 3",
	}
	// A fresh store joins as a new machine does: it adopts the deck, then
	// imports its notes.
	fresh, err := Open(filepath.Join(dir, "fresh.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.InitSync(filepath.Join(dir, "folder")); err != nil {
		t.Fatal(err)
	}
	sync(fresh)
	if _, err := fresh.Import("trust", fixtureCards(), now, false); err != nil {
		t.Fatal(err)
	}
	sync(fresh)
	var c01 []scheduler.State
	for _, name := range []string{"a", "b", "fresh"} {
		st := map[string]*Store{"a": a, "b": b, "fresh": fresh}[name]
		var got []string
		for _, l := range logLines(t, st) {
			_, rest, _ := strings.Cut(l, " ")
			got = append(got, rest)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: log %q, want %q", name, got, want)
		}
		if p := st.Check(); len(p) != 0 {
			t.Errorf("%s: %v", name, p)
		}
		r, err := st.Card("c01")
		if err != nil {
			t.Fatal(err)
		}
		c01 = append(c01, r.State)
	}
	if !reflect.DeepEqual(c01[0], c01[1]) || !reflect.DeepEqual(c01[0], c01[2]) {
		t.Errorf("c01: a has %+v, b %+v, a fresh store %+v", c01[0], c01[1], c01[2])
	}
}

// fixtureCards are the cards of testdata/sync-v3's deck "trust".
func fixtureCards() []deck.Card {
	var cards []deck.Card
	for i := 1; i <= 6; i++ {
		cards = append(cards, deck.Card{ID: fmt.Sprintf("c%02d", i), Kind: deck.KindTerm, Front: fmt.Sprintf("What is Term %d?", i),
			Back: fmt.Sprintf("Meaning %d", i), Term: fmt.Sprintf("Term %d", i), Note: "trust", Order: i,
			Sources: []deck.Source{{File: "trust.md", Line: i}}})
	}
	return cards
}
