package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// The benchmarks run on synthetic stores of 100k cards, and of 1M cards
// when RECALL_BENCH_1M=1 (building one takes a while). Each store is built
// once per test process, in a temporary directory on the same disk as the
// raw fsync benchmark, and removed when the process ends.
//
//	go test ./storage -run '^$' -bench . -benchtime 2s
//	RECALL_BENCH_1M=1 go test ./storage -run '^$' -bench . -benchtime 2s -timeout 30m

// benchNow is the benchmarks' "now": inside a review day, after the
// synthetic reviews.
var benchNow = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

func benchSettings() scheduler.Settings {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	return cfg
}

// benchStores caches the synthetic stores of this process by size.
var benchStores struct {
	sync.Mutex
	dir   string
	paths map[int]string
}

func benchSizes() []int {
	sizes := []int{100_000}
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

// benchStore returns a store of n synthetic cards, building it on first use.
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	benchStores.Lock()
	defer benchStores.Unlock()
	benchDirLocked(b)
	path, ok := benchStores.paths[n]
	if !ok {
		path = filepath.Join(benchStores.dir, fmt.Sprintf("cards-%d.db", n))
		start := time.Now()
		if err := buildSyntheticStore(path, n, benchNow); err != nil {
			b.Fatal(err)
		}
		fi, _ := os.Stat(path)
		b.Logf("built a store of %d cards in %v (%d MB)", n, time.Since(start).Round(time.Second), fi.Size()>>20)
		benchStores.paths[n] = path
	}
	st, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// benchDirLocked makes the directory of the benchmark stores; the caller
// holds benchStores' lock.
func benchDirLocked(b *testing.B) string {
	if benchStores.paths == nil {
		dir, err := os.MkdirTemp("", "recall-bench-*")
		if err != nil {
			b.Fatal(err)
		}
		benchStores.dir, benchStores.paths = dir, map[int]string{}
	}
	return benchStores.dir
}

func removeBenchStores() {
	benchStores.Lock()
	defer benchStores.Unlock()
	if benchStores.dir != "" {
		os.RemoveAll(benchStores.dir)
	}
}

// syntheticCard returns card i of a synthetic store and its state at now:
// 40% new, 2% suspended (half of them leeches), 3% retired, about 60 of the
// n cards waiting for a re-drill today, the rest reviewed with due dates from
// 30 days overdue to a year ahead. Cards are spread over four decks.
func syntheticCard(rng *rand.Rand, i, n int, now time.Time) (storedCard, scheduler.State) {
	id := strconv.FormatUint(rng.Uint64()|1<<63, 36)[:12]
	c := storedCard{
		ID: id, Kind: deck.KindTerm, Deck: fmt.Sprintf("deck %d", i%4),
		Front: fmt.Sprintf("What is synthetic term number %d?", i),
		Back:  "A definition long enough to be realistic: it says what the term means, in a sentence or two of plain words.",
		Term:  fmt.Sprintf("synthetic term number %d", i), Note: fmt.Sprintf("note-%d", i/40), Order: i,
		Sources: []deck.Source{{File: fmt.Sprintf("notes/note-%d.md", i/40), Line: i%40 + 1, Title: "A note", Section: "Some section"}},
		Added:   now.AddDate(-1, 0, 0), Changed: now.AddDate(-1, 0, 0),
	}
	s := scheduler.NewState()
	roll := rng.IntN(100)
	if roll < 40 {
		return c, s
	}
	s.Reps = 1 + rng.IntN(6)
	s.EF = scheduler.EF(130 + 2*rng.IntN(61))
	s.IntervalDays = 1 + rng.IntN(200)
	s.LastReview = now.AddDate(0, 0, -1-rng.IntN(200)).Add(-time.Duration(rng.IntN(3600)) * time.Second)
	s.Due = time.Date(now.Year(), now.Month(), now.Day(), 4, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(395)-30)
	switch {
	case roll < 42:
		s.Suspended = true
		s.Leech = roll == 40
	case roll < 45:
		c.Retired = true
	case rng.IntN(n) < 60:
		// Graded 3 this morning: waiting for its same-day re-drill. Only
		// cards reviewed today can be, so there are few whatever the size.
		s.Redrill = true
		s.LastReview = time.Date(now.Year(), now.Month(), now.Day(), 4, 0, 0, 0, time.UTC).Add(time.Duration(1+rng.IntN(7200)) * time.Second)
	}
	return c, s
}

// buildSyntheticStore writes n synthetic cards straight into the buckets,
// sorted, in large unsynced transactions, then syncs once: building a
// store of a million cards review by review would take hours.
func buildSyntheticStore(path string, n int, now time.Time) error {
	st, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	st.db.NoSync = true
	rng := rand.New(rand.NewPCG(1, 2))

	type kv struct{ k, v []byte }
	flat := map[string][]kv{} // top bucket \x00 deck (or just top) → entries
	add := func(bucket string, k, v []byte) { flat[bucket] = append(flat[bucket], kv{k, v}) }
	var reviewed []string
	for i := range n {
		c, s := syntheticCard(rng, i, n, now)
		data, err := json.Marshal(c)
		if err != nil {
			return err
		}
		add(string(bucketCards), []byte(c.ID), data)
		add(string(bucketState), []byte(c.ID), encodeState(s))
		for _, e := range indexEntries(&c, s) {
			add(string(e.index)+"\x00"+e.deck, []byte(e.key), []byte(e.value))
		}
		if !s.IsNew() && len(reviewed) < 2000 {
			reviewed = append(reviewed, c.ID)
		}
	}
	// A review log: reviews of the days before, then ten this morning.
	var seq uint64
	prev := scheduler.State{Reps: 2, EF: 250, IntervalDays: 6, Due: now.AddDate(0, 0, -10), LastReview: now.AddDate(0, 0, -16)}
	for i, id := range reviewed {
		seq++
		when := now.Add(-time.Duration(len(reviewed)-i) * time.Minute)
		if i < len(reviewed)-10 {
			when = when.AddDate(0, 0, -1)
		}
		e := LogEntry{Seq: seq, CardID: id, Time: when, Grade: 4, Prev: prev, Next: prev, Answer: time.Second}
		data, _ := json.Marshal(e)
		add(string(bucketLog), seqKey(seq), data)
	}

	buckets := slices.Sorted(func(yield func(string) bool) {
		for k := range flat {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range buckets {
		entries := flat[name]
		slices.SortFunc(entries, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
		for start := 0; start < len(entries); start += 100_000 {
			batch := entries[start:min(start+100_000, len(entries))]
			err := st.db.Update(func(tx *bolt.Tx) error {
				top, deckName, nested := bytes.Cut([]byte(name), []byte{0})
				b := tx.Bucket(top)
				if nested {
					var err error
					if b, err = b.CreateBucketIfNotExists(deckName); err != nil {
						return err
					}
				}
				b.FillPercent = 0.9
				for _, e := range batch {
					if err := b.Put(e.k, e.v); err != nil {
						return err
					}
				}
				if bytes.Equal(top, bucketLog) {
					if err := b.SetSequence(seq); err != nil {
						return err
					}
					// The states are written as they are: the log is
					// history, folded already.
					return setFoldMark(tx, seq)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	return st.db.Sync()
}

// TestSyntheticStoreIsConsistent makes sure the benchmarks measure a store
// that passes recall check.
func TestSyntheticStoreIsConsistent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synthetic.db")
	if err := buildSyntheticStore(path, 3000, benchNow); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, p := range st.Check() {
		t.Error(p)
	}
	q, err := st.Queue("", benchNow, benchSettings())
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Review) < 100 || len(q.New) != 20 || len(q.Again) == 0 {
		t.Errorf("synthetic queue has %d again, %d review, %d new; want re-drills, reviews and 20 new",
			len(q.Again), len(q.Review), len(q.New))
	}
}

func forEachSize(b *testing.B, fn func(b *testing.B, st *Store)) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) { fn(b, benchStore(b, n)) })
	}
}

// BenchmarkQueue builds today's queue over all decks with the default
// limits (20 new, 200 reviews).
func BenchmarkQueue(b *testing.B) {
	forEachSize(b, func(b *testing.B, st *Store) {
		for b.Loop() {
			if _, err := st.Queue("", benchNow, benchSettings()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkQueueOneDeck builds the queue of one deck of four.
func BenchmarkQueueOneDeck(b *testing.B) {
	forEachSize(b, func(b *testing.B, st *Store) {
		for b.Loop() {
			if _, err := st.Queue("deck 2", benchNow, benchSettings()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCountDue counts the cards due now (about 5% of the cards).
func BenchmarkCountDue(b *testing.B) {
	forEachSize(b, func(b *testing.B, st *Store) {
		var n int
		for b.Loop() {
			var err error
			if n, err = st.CountDue("", benchNow); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "due")
	})
}

// BenchmarkCountDueAll counts every card in the review queue (about 55% of
// the cards): the worst case, a user back after a year away.
func BenchmarkCountDueAll(b *testing.B) {
	forEachSize(b, func(b *testing.B, st *Store) {
		var n int
		for b.Loop() {
			var err error
			if n, err = st.CountDue("", benchNow.AddDate(2, 0, 0)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "due")
	})
}

// BenchmarkReviewCommit commits one review: log entry, state and index in
// one fsync'd transaction. It reports the pages each commit writes (bbolt's
// own count of page writes, meta page included).
func BenchmarkReviewCommit(b *testing.B) {
	f := rawSyncFile(b)
	page := bytes.Repeat([]byte{'x'}, 4096)
	forEachSize(b, func(b *testing.B, st *Store) {
		ids := spreadIDs(b, st)
		now := benchNow
		i := 0
		writes := func() int64 { stats := st.db.Stats(); return stats.TxStats.GetWrite() }
		mark := func() uint64 {
			var m uint64
			if err := st.view(func(tx *bolt.Tx) error { m = foldMark(tx); return nil }); err != nil {
				b.Fatal(err)
			}
			return m
		}
		var appendPages, foldingPages int64
		var appends, folds int
		var review, oneKey, raw []time.Duration
		for b.Loop() {
			// A raw 4 KiB write+fdatasync and a one-key bbolt commit
			// (bbolt's floor) beside each review, so all three meet the
			// same load on the same disk.
			start := time.Now()
			if _, err := f.WriteAt(page, int64(i%256)*4096); err != nil {
				b.Fatal(err)
			}
			if err := fdatasync(f); err != nil {
				b.Fatal(err)
			}
			raw = append(raw, time.Since(start))
			start = time.Now()
			if err := st.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSettings).Put([]byte("bench"), []byte{byte(i)})
			}); err != nil {
				b.Fatal(err)
			}
			oneKey = append(oneKey, time.Since(start))

			now = now.Add(time.Second)
			before, m := writes(), mark()
			start = time.Now()
			if _, _, err := st.Review(ids[i%len(ids)], scheduler.Grade(3+i%3), now, time.Second, benchSettings()); err != nil {
				b.Fatal(err)
			}
			review = append(review, time.Since(start))
			if mark() != m {
				foldingPages += writes() - before
				folds++
			} else {
				appendPages += writes() - before
				appends++
			}
			i++
		}
		// What is still waiting is folded, and counted, too.
		before := writes()
		if err := st.Fold(); err != nil {
			b.Fatal(err)
		}
		foldingPages += writes() - before
		// pages/op: everything written for the reviews, folds included,
		// per review.
		b.ReportMetric(float64(appendPages+foldingPages)/float64(i), "pages/op")
		// A review that does not fold: its log entry alone.
		if appends > 0 {
			b.ReportMetric(float64(appendPages)/float64(appends), "append-pages/review")
		}
		// The folds' pages spread over the reviews they folded (a folding
		// review's own log entry counted in them).
		b.ReportMetric(float64(foldingPages)/float64(i), "fold-pages/review")
		b.ReportMetric(float64(folds), "folds")
		r, k, w := median(review), median(oneKey), median(raw)
		b.ReportMetric(float64(r.Nanoseconds()), "review-ns")
		b.ReportMetric(float64(k.Nanoseconds()), "onekey-ns")
		b.ReportMetric(float64(w.Nanoseconds()), "raw4k-ns")
		b.ReportMetric(float64(r)/float64(k), "x-onekey")
		b.ReportMetric(float64(r)/float64(w), "x-raw4k")
	})
}

// BenchmarkReviewCommitSession is a review session a day on the store:
// the first 20 due cards of the day's queue graded one by one, each review
// its own commit, then, at the session's end, a fold if at least fold=N
// reviews wait (Store.FoldIfMany; N=1 folds every session). What waits at
// the end of the run is folded and counted too. pages/review counts the
// reviews' pages and the folds'; the queue's reads write nothing, reading
// through what waits.
func BenchmarkReviewCommitSession(b *testing.B) {
	const perSession = 20
	// The days go on from one fold=N to the next: the store keeps their
	// reviews, and a day before them would count them as today's.
	now := benchNow
	for _, foldAt := range []int{1, SessionFold, 2 * SessionFold} {
		b.Run(fmt.Sprint("fold=", foldAt), func(b *testing.B) {
			forEachSize(b, func(b *testing.B, st *Store) {
				if err := st.Fold(); err != nil {
					b.Fatal(err)
				}
				writes := func() int64 { stats := st.db.Stats(); return stats.TxStats.GetWrite() }
				var reviewPages, foldPages int64
				reviews, folds := 0, 0
				for b.Loop() {
					now = now.AddDate(0, 0, 1) // a session a day
					q, err := st.Queue("", now, benchSettings())
					if err != nil {
						b.Fatal(err)
					}
					if len(q.Review) < perSession {
						b.Fatalf("%d cards due, want %d", len(q.Review), perSession)
					}
					before := writes()
					for i, c := range q.Review[:perSession] {
						now = now.Add(10 * time.Second)
						if _, _, err := st.Review(c.ID, scheduler.Grade(4+i%2), now, time.Second, benchSettings()); err != nil {
							b.Fatal(err)
						}
						reviews++
					}
					mid := writes()
					if err := st.FoldIfMany(foldAt); err != nil {
						b.Fatal(err)
					}
					if writes() != mid {
						folds++
					}
					reviewPages += mid - before
					foldPages += writes() - mid
				}
				before := writes()
				if err := st.Fold(); err != nil {
					b.Fatal(err)
				}
				foldPages += writes() - before
				b.ReportMetric(float64(reviewPages+foldPages)/float64(reviews), "pages/review")
				b.ReportMetric(float64(reviewPages)/float64(reviews), "append-pages/review")
				b.ReportMetric(float64(foldPages)/float64(reviews), "fold-pages/review")
				b.ReportMetric(float64(folds), "folds")
			})
		})
	}
}

// BenchmarkReviewVsRawFsync alternates one review commit with one raw 4 KiB
// write+fsync on the same disk, so both meet the same load, and reports the
// median of each and their ratio (the target is a ratio of at most 1.5).
func BenchmarkReviewVsRawFsync(b *testing.B) {
	f := rawSyncFile(b)
	page := bytes.Repeat([]byte{'x'}, 4096)
	forEachSize(b, func(b *testing.B, st *Store) {
		ids := spreadIDs(b, st)
		var raw, review []time.Duration
		now := benchNow
		i := 0
		for b.Loop() {
			start := time.Now()
			if _, err := f.WriteAt(page, int64(i%256)*4096); err != nil {
				b.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
			mid := time.Now()
			now = now.Add(time.Second)
			if _, _, err := st.Review(ids[i%len(ids)], scheduler.Grade(3+i%3), now, time.Second, benchSettings()); err != nil {
				b.Fatal(err)
			}
			raw, review = append(raw, mid.Sub(start)), append(review, time.Since(mid))
			i++
		}
		r, v := median(raw), median(review)
		b.ReportMetric(float64(r.Nanoseconds()), "raw-fsync-ns")
		b.ReportMetric(float64(v.Nanoseconds()), "review-ns")
		b.ReportMetric(float64(v)/float64(r), "ratio")
	})
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// spreadIDs returns up to 500 active cards spread over the store, whatever
// earlier benchmark runs reviewed.
func spreadIDs(b *testing.B, st *Store) []string {
	var ids []string
	enough := errors.New("enough")
	err := st.ForEachCard("", func(r Record) error {
		if !r.Retired && r.Card.Order%97 == 0 {
			ids = append(ids, r.Card.ID)
		}
		if len(ids) == 500 {
			return enough
		}
		return nil
	})
	if err != nil && !errors.Is(err, enough) {
		b.Fatal(err)
	}
	return ids
}

// rawSyncFile returns a 1 MiB file, allocated and synced, in the directory
// of the benchmark stores: the same disk the reviews commit to.
func rawSyncFile(b *testing.B) *os.File {
	b.Helper()
	benchStores.Lock()
	dir := benchDirLocked(b)
	benchStores.Unlock()
	f, err := os.CreateTemp(dir, "raw-*")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close(); os.Remove(f.Name()) })
	if _, err := f.Write(make([]byte, 1<<20)); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkRawWriteFsync4K is the floor a durable commit is compared with:
// one 4 KiB write into an existing file, then fsync.
func BenchmarkRawWriteFsync4K(b *testing.B) {
	f := rawSyncFile(b)
	page := bytes.Repeat([]byte{'x'}, 4096)
	i := 0
	for b.Loop() {
		if _, err := f.WriteAt(page, int64(i%256)*4096); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkRawTwoWritesFdatasync4K is what a bbolt commit does at least:
// write the dirty pages and fdatasync, then write the meta page and
// fdatasync again, so that the meta page never points at pages not yet on
// disk.
func BenchmarkRawTwoWritesFdatasync4K(b *testing.B) {
	f := rawSyncFile(b)
	page := bytes.Repeat([]byte{'x'}, 4096)
	i := 0
	for b.Loop() {
		for range 2 {
			if _, err := f.WriteAt(page, int64(i%256)*4096); err != nil {
				b.Fatal(err)
			}
			if err := fdatasync(f); err != nil {
				b.Fatal(err)
			}
			i++
		}
	}
}

// BenchmarkReviewCommitParts commits, one transaction each, the parts of a
// review alone, and reports the pages each writes (bbolt's write count,
// the meta page included), to show where a review's pages go: a one-key
// commit into the small settings bucket (bbolt's floor on this store), the
// log append alone, the card's state rewritten alone, and its due-index
// key moved alone (the deck's nested bucket).
func BenchmarkReviewCommitParts(b *testing.B) {
	forEachSize(b, func(b *testing.B, st *Store) {
		ids := spreadIDs(b, st)
		parts := []struct {
			name string
			fn   func(tx *bolt.Tx, id string, i int) error
		}{
			{"one-key", func(tx *bolt.Tx, _ string, i int) error {
				return tx.Bucket(bucketSettings).Put([]byte("bench"), []byte{byte(i)})
			}},
			{"log", func(tx *bolt.Tx, id string, i int) error {
				_, err := appendLog(tx, LogEntry{CardID: id, Time: benchNow.Add(time.Duration(i) * time.Second), Grade: 4})
				return err
			}},
			{"state", func(tx *bolt.Tx, id string, _ int) error {
				cs, _, err := load(tx, id)
				if err != nil {
					return err
				}
				return tx.Bucket(bucketState).Put([]byte(id), encodeState(cs.state))
			}},
			// The same move in one top-level bucket of deck-prefixed keys
			// (what flattening the per-deck index buckets would do): it
			// saves the page of the due bucket that holds the deck's
			// nested bucket.
			{"due-flat", func(tx *bolt.Tx, id string, i int) error {
				cs, _, err := load(tx, id)
				if err != nil {
					return err
				}
				flat := tx.Bucket(benchFlatDue)
				prefix := append([]byte(cs.card.Deck), 0)
				k := append(slices.Clone(prefix), dueKey(benchNow.Add(time.Duration(i%2)*24*time.Hour), id)...)
				if err := flat.Delete(append(slices.Clone(prefix), dueKey(benchNow.Add(time.Duration(1-i%2)*24*time.Hour), id)...)); err != nil {
					return err
				}
				return flat.Put(k, nil)
			}},
			{"due", func(tx *bolt.Tx, id string, i int) error {
				cs, _, err := load(tx, id)
				if err != nil {
					return err
				}
				due := deckBucket(tx, bucketDue, cs.card.Deck)
				if due == nil {
					return fmt.Errorf("deck %q has no due index", cs.card.Deck)
				}
				k := dueKey(benchNow.Add(time.Duration(i%2)*24*time.Hour), id)
				if err := due.Delete(dueKey(benchNow.Add(time.Duration(1-i%2)*24*time.Hour), id)); err != nil {
					return err
				}
				return due.Put(k, nil)
			}},
		}
		if err := st.db.Update(func(tx *bolt.Tx) error { return copyDueFlat(tx) }); err != nil {
			b.Fatal(err)
		}
		defer func() {
			if err := st.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(benchFlatDue) }); err != nil {
				b.Fatal(err)
			}
		}()
		for _, p := range parts {
			b.Run(p.name, func(b *testing.B) {
				i := 0
				stats := st.db.Stats()
				before := stats.TxStats.GetWrite()
				for b.Loop() {
					id := ids[i%len(ids)]
					if err := st.db.Update(func(tx *bolt.Tx) error { return p.fn(tx, id, i) }); err != nil {
						b.Fatal(err)
					}
					i++
				}
				stats = st.db.Stats()
				b.ReportMetric(float64(stats.TxStats.GetWrite()-before)/float64(i), "pages/op")
			})
		}
	})
}

// benchFlatDue is BenchmarkReviewCommitParts's copy of the due indexes as
// deck-prefixed keys in one bucket.
var benchFlatDue = []byte("benchdueflat")

// copyDueFlat copies every deck's due index into benchFlatDue, keys
// prefixed with the deck's name and a 0 byte.
func copyDueFlat(tx *bolt.Tx) error {
	flat, err := tx.CreateBucket(benchFlatDue)
	if err != nil {
		return err
	}
	due := tx.Bucket(bucketDue)
	return due.ForEachBucket(func(deckName []byte) error {
		return due.Bucket(deckName).ForEach(func(k, _ []byte) error {
			return flat.Put(append(append(slices.Clone(deckName), 0), k...), nil)
		})
	})
}

// BenchmarkForEachCard lists every card of a 100,000-card store, as recall
// cards, deck pack and the Anki export do: each card is looked up in the
// overrides too (none is edited here).
func BenchmarkForEachCard(b *testing.B) {
	st := benchStore(b, benchSizes()[0])
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := st.ForEachCard("", func(Record) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != benchSizes()[0] {
			b.Fatalf("listed %d cards", n)
		}
	}
}

// BenchmarkReadThroughTail reads the store with tail=N reviews waiting to
// be folded (0, a session's end fold, a review's own fold less one): one
// card (as a session reads it, and as a review reads it before grading),
// today's queue, the due count and the decks' counts. Every reader reads
// through what waits (overlay.go); this is what that costs.
func BenchmarkReadThroughTail(b *testing.B) {
	for _, n := range []int{0, SessionFold, foldEvery - 1} {
		b.Run(fmt.Sprint("tail=", n), func(b *testing.B) {
			forEachSize(b, func(b *testing.B, st *Store) {
				if err := st.Fold(); err != nil {
					b.Fatal(err)
				}
				ids := spreadIDs(b, st)
				now := benchNow
				st.db.NoSync = true // the tail is set up, not measured
				for i := range n {
					now = now.Add(time.Second)
					if _, _, err := st.Review(ids[i%len(ids)], 4, now, time.Second, benchSettings()); err != nil {
						b.Fatal(err)
					}
				}
				st.db.NoSync = false
				defer func() {
					if err := st.Fold(); err != nil {
						b.Fatal(err)
					}
				}()
				readers := []struct {
					name string
					read func() error
				}{
					{"card", func() error { _, err := st.Card(ids[len(ids)-1]); return err }},
					{"queue", func() error { _, err := st.Queue("", now, benchSettings()); return err }},
					{"countdue", func() error { _, err := st.CountDue("", now); return err }},
					{"decks", func() error { _, err := st.Decks(now, benchSettings()); return err }},
				}
				for _, r := range readers {
					b.Run(r.name, func(b *testing.B) {
						for b.Loop() {
							if err := r.read(); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			})
		})
	}
}
