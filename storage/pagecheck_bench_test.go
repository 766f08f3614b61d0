package storage

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkCheckPages walks the page tree of a store of 200,000 cards and
// a million reviews: whole, as recall check does, and within Open's
// budget. It reports the pages read and the store's size. The store takes
// a few minutes to build, so the benchmark runs only with
// RECALL_BENCH_1M=1:
//
//	RECALL_BENCH_1M=1 go test ./storage -run '^$' -bench CheckPages -benchtime 10x
//
// On the 2-core machine of December 2026, the store (253 MB, 63,605 pages)
// was walked whole in 177 ms and within Open's budget in 7 ms.
func BenchmarkCheckPages(b *testing.B) {
	if os.Getenv("RECALL_BENCH_1M") != "1" {
		b.Skip("set RECALL_BENCH_1M=1 to build the store of 200,000 cards and a million reviews")
	}
	path := filepath.Join(b.TempDir(), "big.db")
	start := time.Now()
	if err := buildSyntheticStore(path, 200_000, benchNow); err != nil {
		b.Fatal(err)
	}
	if err := appendBenchLog(path, 1_000_000); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	metas, _, err := readMetas(f, info.Size())
	if err != nil || len(metas) == 0 {
		b.Fatal("no meta page", err)
	}
	m := newestMeta(metas)
	b.Logf("built a store of %d MB, %d pages, in %v", info.Size()>>20, m.pgid, time.Since(start).Round(time.Second))
	for _, bench := range []struct {
		name   string
		budget int
	}{{"all", 0}, {"open", openCheckPages}} {
		b.Run(bench.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checkPages(f, m, bench.budget); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(info.Size()>>20), "MB")
		})
	}
}

// appendBenchLog appends n reviews of the store's cards to its log, in
// the store's encoding (writeBenchLog).
func appendBenchLog(path string, n int) error {
	st, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	st.db.NoSync = true
	var ids []string
	err = st.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCards).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		return err
	}
	return writeBenchLog(st, ids, n, func(e LogEntry) ([]byte, error) { return encodeLog(e), nil })
}
