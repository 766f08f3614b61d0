package journal

import (
	"testing"
)

// journalOf writes n review events of device under a fresh root.
func journalOf(b *testing.B, n int) string {
	b.Helper()
	root := b.TempDir()
	w, err := OpenWriter(root, "laptop")
	if err != nil {
		b.Fatal(err)
	}
	const chunk = 10000
	for from := 1; from <= n; from += chunk {
		to := min(from+chunk-1, n)
		if err := w.Append(reviews("laptop", uint64(from), uint64(to))); err != nil {
			b.Fatal(err)
		}
	}
	return root
}

// BenchmarkReadAll reads a whole journal of 1M events, as a store joining
// the folder does; it reports events per second.
func BenchmarkReadAll(b *testing.B) {
	const n = 1_000_000
	root := journalOf(b, n)
	b.ResetTimer()
	for b.Loop() {
		batch, err := ReadDevice(root, "laptop", Cursor{}, 0)
		if err != nil || len(batch.Events) != n {
			b.Fatalf("%d events, %v", len(batch.Events), err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkReadIncremental reads the 100 events appended after 1M already
// applied: the cost of an everyday sync's read.
func BenchmarkReadIncremental(b *testing.B) {
	const n = 1_000_000
	root := journalOf(b, n+100)
	cur := Cursor{}
	for {
		batch, err := ReadDevice(root, "laptop", cur, n-int(cur.Seq))
		if err != nil {
			b.Fatal(err)
		}
		cur = batch.Cursor
		if cur.Seq == n {
			break
		}
	}
	b.ResetTimer()
	for b.Loop() {
		batch, err := ReadDevice(root, "laptop", cur, 0)
		if err != nil || len(batch.Events) != 100 {
			b.Fatalf("%d events, %v", len(batch.Events), err)
		}
	}
}
