package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/storage"
)

// remoteJournal writes n reviews of syncCards by another device into
// folder, from event from+1 on.
func remoteJournal(b *testing.B, folder string, from, n int) {
	b.Helper()
	w, err := journal.OpenWriter(filepath.Join(folder, journal.Subdir), "other-machine")
	if err != nil {
		b.Fatal(err)
	}
	cards := syncCards()
	var evs []journal.Event
	for i := from + 1; i <= from+n; i++ {
		evs = append(evs, journal.Event{
			ID: journal.ID{Device: "other-machine", Seq: uint64(i)}, Kind: journal.KindReview,
			Time: at(0).Add(time.Duration(i) * time.Minute), Card: cards[i%len(cards)].ID,
			Grade: uint8(3 + i%3), Answer: time.Second,
		})
		if len(evs) == 10000 {
			if err := w.Append(evs); err != nil {
				b.Fatal(err)
			}
			evs = evs[:0]
		}
	}
	if err := w.Append(evs); err != nil {
		b.Fatal(err)
	}
}

func syncingStore(b *testing.B, folder string) *storage.Store {
	b.Helper()
	st, err := storage.Open(filepath.Join(b.TempDir(), "s.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Import("trust", syncCards(), at(0), false); err != nil {
		b.Fatal(err)
	}
	if _, err := st.InitSync(folder); err != nil {
		b.Fatal(err)
	}
	return st
}

// syncBenchSizes are the journal sizes the sync benchmarks run at: 100k,
// and the 1M with RECALL_BENCH_1M=1 (a minute or more each).
func syncBenchSizes() []int {
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

// BenchmarkSyncApply applies another device's journal of reviews to a
// fresh store: a machine joining the folder. It reports events/s.
func BenchmarkSyncApply(b *testing.B) {
	for _, n := range syncBenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			folder := b.TempDir()
			remoteJournal(b, folder, 0, n)
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				st := syncingStore(b, folder)
				b.StartTimer()
				before := processCPU()
				rep, err := st.Sync(cfg())
				cpu += processCPU() - before
				if err != nil || rep.Received["other-machine"] != n {
					b.Fatalf("received %v, %v", rep.Received, err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
			// CPU time per event, which other processes on the machine
			// disturb less than the wall time.
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(n*b.N), "cpu-ns/event")
		})
	}
}

// BenchmarkSyncIncremental applies 100 new events to a store that has
// applied a long journal already: an everyday sync.
func BenchmarkSyncIncremental(b *testing.B) {
	for _, n := range syncBenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			folder := b.TempDir()
			remoteJournal(b, folder, 0, n)
			st := syncingStore(b, folder)
			if _, err := st.Sync(cfg()); err != nil {
				b.Fatal(err)
			}
			from := n
			for b.Loop() {
				b.StopTimer()
				remoteJournal(b, folder, from, 100)
				from += 100
				b.StartTimer()
				if rep, err := st.Sync(cfg()); err != nil || rep.Received["other-machine"] != 100 {
					b.Fatalf("received %v, %v", rep.Received, err)
				}
			}
		})
	}
}
