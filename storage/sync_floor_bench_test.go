package storage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// BenchmarkSyncFloor is the bare bbolt cost of what a full replay stores,
// without reading the journal or folding: n review events of 9 cards, in
// transactions of syncBatch, every key put in key order, fill as the sync
// sets it. Its layouts:
//
//   - log: only the review log entries, one key each: what no layout can
//     do without;
//   - schema5: what BenchmarkSyncApply writes now: the log entries, each
//     event's cardevents key with its log link, and the events in blocks
//     of blockEvents;
//   - schema3: what it wrote before: the log entries, each event under its
//     own key, its cardevents key and the eventlog and logevent pair.
//
// It reports events/s, the ceiling of BenchmarkSyncApply's.
func BenchmarkSyncFloor(b *testing.B) {
	for _, n := range floorSizes() {
		for _, layout := range []string{"log", "schema5", "schema3"} {
			b.Run(fmt.Sprintf("%d/%s", n, layout), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, &bolt.Options{FreelistType: bolt.FreelistMapType})
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if err := writeFloor(db, n, layout); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					db.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
			})
		}
	}
}

// floorSizes are BenchmarkSyncApply's sizes: 100k, and 1M with
// RECALL_BENCH_1M=1.
func floorSizes() []int {
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

// writeFloor writes n events' keys in one of BenchmarkSyncFloor's layouts.
func writeFloor(db *bolt.DB, n int, layout string) error {
	names := [][]byte{bucketEvents, bucketLog, bucketCardEvents, []byte("eventlog"), bucketLogEvent}
	state := scheduler.NewState()
	events := make([]journal.Event, syncBatch)
	for start := 0; start < n; start += syncBatch {
		err := db.Update(func(tx *bolt.Tx) error {
			bs := make([]*bolt.Bucket, len(names))
			for i, name := range names {
				var err error
				if bs[i], err = tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			bs[0].FillPercent, bs[1].FillPercent, bs[2].FillPercent = 0.9, 0.95, 0.9
			bs[3].FillPercent, bs[4].FillPercent = 0.9, 0.9
			end := min(start+syncBatch, n)
			var links []eventLink
			var blocks blockWriter
			for i := start; i < end; i++ {
				e := &events[i-start]
				*e = journal.Event{
					ID: journal.ID{Device: "other-machine", Seq: uint64(i + 1)}, Kind: journal.KindReview,
					Time: floorStart.Add(time.Duration(i) * time.Minute), Card: fmt.Sprintf("c%02d", i%9+1),
					Grade: 4, Answer: time.Second,
				}
				seq, _ := bs[1].NextSequence()
				if err := bs[1].Put(seqKey(seq), encodeLog(LogEntry{CardID: e.Card, Time: e.Time, Grade: 4, Prev: state, Next: state, Answer: e.Answer})); err != nil {
					return err
				}
				if layout == "log" {
					continue
				}
				link := eventLink{key: cardEventKey(e.Card, e)}
				switch layout {
				case "schema5":
					link.seq = seqKey(seq)
					if err := blocks.add(tx, e); err != nil {
						return err
					}
				case "schema3":
					ek := eventKey(e.ID)
					if err := bs[0].Put(ek, journal.Marshal(e)); err != nil {
						return err
					}
					if err := bs[3].Put(ek, seqKey(seq)); err != nil {
						return err
					}
					if err := bs[4].Put(seqKey(seq), ek); err != nil {
						return err
					}
				}
				links = append(links, link)
			}
			if err := blocks.flush(tx); err != nil {
				return err
			}
			slices.SortFunc(links, func(a, b eventLink) int { return bytes.Compare(a.key, b.key) })
			for _, l := range links {
				if err := bs[2].Put(l.key, l.seq); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// floorStart is when the floor's first event happened.
var floorStart = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
