package storage

import (
	"hash/fnv"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestReleasedPagesReadTheSame: a read transaction's cursor lets the
// mapped pages go every releaseSteps entries; what it reads afterwards,
// and what the slices it gave before still hold, are the file's bytes, as
// a write transaction (which never lets go) reads them.
func TestReleasedPagesReadTheSame(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a log of 150,000 entries")
	}
	path := filepath.Join(t.TempDir(), "s.db")
	if err := buildSyntheticStore(path, 500, benchNow); err != nil {
		t.Fatal(err)
	}
	n := 2*releaseSteps + 17_000
	if err := appendBenchLog(path, n); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	scan := func(tx *bolt.Tx) (sum uint64, count int) {
		var first []byte
		h := fnv.New64a()
		c := newCursor(tx.Bucket(bucketLog))
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if first == nil {
				first = v // read again after the releases
			}
			h.Write(k)
			h.Write(v)
			count++
		}
		h.Write(first)
		return h.Sum64(), count
	}
	var want, got uint64
	var wantN, gotN int
	if err := st.update(func(tx *bolt.Tx) error { want, wantN = scan(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.view(func(tx *bolt.Tx) error { got, gotN = scan(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	if gotN < n || gotN != wantN || got != want {
		t.Errorf("read transaction: %d entries, hash %x; write transaction: %d entries, hash %x (want at least %d)", gotN, got, wantN, want, n)
	}
}
