package storage_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// TestFoldMatchesEager runs the same random reviews, practice grades,
// undos, suspensions and buryings on two stores: one folded after every
// change, as the store wrote every review's state with it before folding
// existed, and one used as a review session uses it (opened for each
// call, folded now and then, read-only between), and compares every
// reader's answer: the card read through what waits after each step;
// then, now and then, with the second store opened read-only or
// read-write as any other command opens it, reviews still waiting, its
// cards, queue, counts, decks, today's work, the log, the sync journal and
// Check; and at the end a salvage of the deferred store, unfolded, against
// the eager one's cards.
func TestFoldMatchesEager(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { foldMatchesEager(t, seed, seed%2 == 1) })
	}
}

func foldMatchesEager(t *testing.T, seed uint64, synced bool) {
	rng := rand.New(rand.NewPCG(seed, 99))
	dir := t.TempDir()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	cfg.NewPerDay = 1000

	eagerPath, lazyPath := filepath.Join(dir, "eager.db"), filepath.Join(dir, "lazy.db")
	var ids []string
	for i := range 40 {
		ids = append(ids, fmt.Sprintf("c%02d", i))
	}
	for _, path := range []string{eagerPath, lazyPath} {
		st, err := storage.Open(path, storage.Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		for d, name := range []string{"odd", "even"} {
			var cards []deck.Card
			for i := d; i < len(ids); i += 2 {
				cards = append(cards, deck.Card{ID: ids[i], Front: "F " + ids[i], Back: "B", Order: i, Siblings: []string{ids[i^2%len(ids)]}})
			}
			if _, err := st.Import(name, cards, now, false); err != nil {
				t.Fatal(err)
			}
		}
		if synced {
			if _, err := st.InitSync(filepath.Join(dir, filepath.Base(path)+".sync")); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	eager, err := storage.Open(eagerPath, storage.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { eager.Close() }()
	// lazy runs fn on the deferred store opened as a session opens it.
	lazy := func(readOnly bool, fn func(*storage.Store) error) error {
		st, err := storage.Open(lazyPath, storage.Options{Clock: clock, ReadOnly: readOnly})
		if err != nil {
			return err
		}
		err = fn(st)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		return err
	}
	must := func(step int, what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("step %d: %s: %v", step, what, err)
		}
	}
	both := func(step int, what string, fn func(*storage.Store) (any, error)) {
		t.Helper()
		want, werr := fn(eager)
		var got any
		gerr := lazy(false, func(st *storage.Store) (err error) { got, err = fn(st); return err })
		if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: %s: deferred store gave %+v (%v), eager %+v (%v)", step, what, got, gerr, want, werr)
		}
		must(step, "fold the eager store", eager.Fold())
	}
	var reviewed []uint64 // sequence numbers of reviews not undone, newest last
	steps := 200
	if testing.Short() {
		steps = 80
	}
	for step := range steps {
		now = now.Add(time.Duration(1+rng.IntN(240)) * time.Minute)
		id := ids[rng.IntN(len(ids))]
		switch r := rng.IntN(100); {
		case r < 55:
			q := scheduler.Grade(rng.IntN(6))
			both(step, "review", func(st *storage.Store) (any, error) {
				e, out, err := st.Review(id, q, now, time.Second, cfg)
				return []any{e, out}, err
			})
			var last storage.LogEntry
			must(step, "read the log", eager.ForEachLogReverse(func(e storage.LogEntry) (bool, error) { last = e; return false, nil }))
			reviewed = append(reviewed, last.Seq)
		case r < 60:
			q := scheduler.Grade(rng.IntN(6))
			both(step, "practice", func(st *storage.Store) (any, error) { return st.Practice(id, q, now, time.Second) })
		case r < 70 && len(reviewed) > 0:
			seq := reviewed[len(reviewed)-1]
			reviewed = reviewed[:len(reviewed)-1]
			both(step, "undo", func(st *storage.Store) (any, error) { return st.UndoReview(seq) })
		case r < 75:
			on := rng.IntN(2) == 0
			both(step, "suspend", func(st *storage.Store) (any, error) { return nil, st.SetSuspended([]string{id}, on) })
		case r < 80:
			until := now.Add(time.Duration(rng.IntN(48)) * time.Hour)
			both(step, "bury", func(st *storage.Store) (any, error) { return nil, st.Bury(id, until) })
		case r < 85:
			st, err := storage.Open(lazyPath, storage.Options{Clock: clock})
			must(step, "open to fold", err)
			must(step, "fold", st.Fold())
			must(step, "close", st.Close())
		case r < 90:
			// Opened read-only as any command opens it, reviews waiting
			// or not: it reads as the eager store does, writing nothing.
			st, err := storage.Open(lazyPath, storage.Options{ReadOnly: true})
			must(step, "open read-only", err)
			compareReaders(t, step, eager, st, now, cfg, synced)
			must(step, "close", st.Close())
		case r < 95:
			st, err := storage.Open(lazyPath, storage.Options{Clock: clock})
			must(step, "open", err)
			compareReaders(t, step, eager, st, now, cfg, synced)
			must(step, "close", st.Close())
		default:
			if synced {
				both(step, "sync", func(st *storage.Store) (any, error) { _, err := st.Sync(cfg); return nil, err })
			}
		}
		// Between steps a session reads cards from the store read-only,
		// around what waits.
		for range 3 {
			id := ids[rng.IntN(len(ids))]
			want, werr := eager.Card(id)
			var got storage.Record
			gerr := lazy(true, func(st *storage.Store) (err error) { got, err = st.Card(id); return err })
			if werr != nil || gerr != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("step %d: card %s read around what waits: %+v (%v), eager %+v (%v)", step, id, got, gerr, want, werr)
			}
		}
		if t.Failed() {
			return
		}
	}

	// A salvage of the deferred store as it is, reviews waiting, gives
	// the eager store's cards.
	salvaged := filepath.Join(dir, "salvaged.db")
	if _, err := storage.Salvage(lazyPath, salvaged); err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(salvaged, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, want := allCards(t, st), allCards(t, eager); !reflect.DeepEqual(got, want) {
		t.Errorf("salvaged cards differ from the eager store's:\n%+v\n%+v", got, want)
	}
	st2, err := storage.Open(lazyPath, storage.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	compareReaders(t, steps, eager, st2, now, cfg, synced)
	st2.Close()
}

func allCards(t *testing.T, st *storage.Store) []storage.Record {
	t.Helper()
	var out []storage.Record
	if err := st.ForEachCard("", func(r storage.Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// compareReaders compares what every reader of got says with want's.
func compareReaders(t *testing.T, step int, want, got *storage.Store, now time.Time, cfg scheduler.Settings, synced bool) {
	t.Helper()
	type reader struct {
		name string
		read func(*storage.Store) (any, error)
	}
	readers := []reader{
		{"cards", func(st *storage.Store) (any, error) { return allCards(t, st), nil }},
		{"queue", func(st *storage.Store) (any, error) { return st.Queue("", now, cfg) }},
		{"queue of one deck", func(st *storage.Store) (any, error) { return st.Queue("odd", now, cfg) }},
		{"due count", func(st *storage.Store) (any, error) { return st.CountDue("", now.Add(24*time.Hour)) }},
		{"next due", func(st *storage.Store) (any, error) {
			t, ok, err := st.NextDue("even", now)
			return []any{t, ok}, err
		}},
		{"decks", func(st *storage.Store) (any, error) { return st.Decks(now, cfg) }},
		{"today", func(st *storage.Store) (any, error) { return st.Today(now, cfg) }},
		{"log", func(st *storage.Store) (any, error) {
			var entries []storage.LogEntry
			err := st.ForEachLogWithPractice(func(e storage.LogEntry) error { entries = append(entries, e); return nil })
			return entries, err
		}},
		{"log summary", func(st *storage.Store) (any, error) {
			var entries []storage.LogSummary
			err := st.ForEachLogSummary(func(e storage.LogSummary) error { entries = append(entries, e); return nil })
			return entries, err
		}},
		{"check", func(st *storage.Store) (any, error) { return len(st.Check()), nil }},
	}
	if synced {
		readers = append(readers, reader{"sync journal", func(st *storage.Store) (any, error) {
			var events []journal.Event
			err := st.ForEachEvent(func(e journal.Event) error {
				e.ID.Device, e.Undoes.Device = "", "" // each store is its own device
				events = append(events, e)
				return nil
			})
			return events, err
		}})
	}
	for _, r := range readers {
		w, werr := r.read(want)
		g, gerr := r.read(got)
		if werr != nil || gerr != nil || !reflect.DeepEqual(g, w) {
			t.Errorf("step %d: %s: deferred store gave %+v (%v), eager %+v (%v)", step, r.name, g, gerr, w, werr)
		}
	}
	if n := len(got.Check()); n != 0 {
		t.Errorf("step %d: the deferred store fails Check: %v", step, got.Check())
	}
}
