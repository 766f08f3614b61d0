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

// BenchmarkSyncFloor is the bare bbolt cost of what a full replay must
// store, without reading the journal or folding: n review events of 9
// cards, in transactions of syncBatch, every key put in key order. Each
// sub-benchmark adds one kind of key per event:
//
//   - events: the event (journal encoding) under its event key;
//   - +log: its review log entry under the next log sequence number;
//   - +cardevents: its key in the card's fold order (nine insertion points,
//     one per card);
//   - +links: the eventlog and logevent pair (event key ↔ log sequence).
//
// It reports events/s, the ceiling of BenchmarkSyncApply's.
func BenchmarkSyncFloor(b *testing.B) {
	kinds := []string{"events", "+log", "+cardevents", "+links"}
	for _, n := range floorSizes() {
		for depth := range kinds {
			b.Run(fmt.Sprintf("%d/%s", n, kinds[depth]), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, &bolt.Options{FreelistType: bolt.FreelistMapType})
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if err := writeFloor(db, n, depth); err != nil {
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

// writeFloor writes n events' keys up to depth (an index of the kinds of
// BenchmarkSyncFloor).
func writeFloor(db *bolt.DB, n, depth int) error {
	names := [][]byte{bucketEvents, bucketLog, bucketCardEvents, []byte("eventlog"), bucketLogEvent}
	state := scheduler.NewState()
	for start := 0; start < n; start += syncBatch {
		err := db.Update(func(tx *bolt.Tx) error {
			bs := make([]*bolt.Bucket, len(names))
			for i, name := range names {
				var err error
				if bs[i], err = tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			end := min(start+syncBatch, n)
			var cardKeys [][]byte
			for i := start; i < end; i++ {
				e := journal.Event{
					ID: journal.ID{Device: "other-machine", Seq: uint64(i + 1)}, Kind: journal.KindReview,
					Time: floorStart.Add(time.Duration(i) * time.Minute), Card: fmt.Sprintf("c%02d", i%9+1),
					Grade: 4, Answer: time.Second,
				}
				ek := eventKey(e.ID)
				bs[0].FillPercent = 0.9
				if err := bs[0].Put(ek, journal.Marshal(&e)); err != nil {
					return err
				}
				if depth < 1 {
					continue
				}
				bs[1].FillPercent = 0.95
				seq, _ := bs[1].NextSequence()
				if err := bs[1].Put(seqKey(seq), encodeLog(LogEntry{CardID: e.Card, Time: e.Time, Grade: 4, Prev: state, Next: state, Answer: e.Answer})); err != nil {
					return err
				}
				if depth >= 2 {
					cardKeys = append(cardKeys, cardEventKey(e.Card, &e))
				}
				if depth >= 3 {
					bs[3].FillPercent = 0.9
					bs[4].FillPercent = 0.9
					if err := bs[3].Put(ek, seqKey(seq)); err != nil {
						return err
					}
					if err := bs[4].Put(seqKey(seq), ek); err != nil {
						return err
					}
				}
			}
			slices.SortFunc(cardKeys, bytes.Compare)
			for _, k := range cardKeys {
				if err := bs[2].Put(k, nil); err != nil {
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
