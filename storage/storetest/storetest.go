// Package storetest opens throwaway recall stores for tests and checks them
// when the test ends, the way bbolt's own test helper does.
package storetest

import (
	"path/filepath"
	"testing"

	"github.com/recallcards/recall/storage"
)

// Open opens a new store under t.TempDir(). When the test ends it runs the
// store's Check (what recall check runs), failing the test on any problem,
// then closes the store.
func Open(t testing.TB) *storage.Store {
	t.Helper()
	return OpenPath(t, filepath.Join(t.TempDir(), "recall.db"))
}

// OpenPath is Open for a given path, to reopen a store within a test.
func OpenPath(t testing.TB, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, p := range st.Check() {
			t.Errorf("store check: %v", p)
		}
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st
}
