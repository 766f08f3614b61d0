package storage

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestOpenWalksUnlessNoted: Open walks a store's page tree unless a note
// says this very file, unchanged since, was found sound; recall's own
// writes keep the note; any other write, even one that puts the
// modification time back, makes the next open walk, and so find damage.
func TestOpenWalksUnlessNoted(t *testing.T) {
	if _, ok := fileStateOf(os.Stdin); !ok {
		t.Skip("no file change times here: every open walks")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	if err := buildSyntheticStore(path, 500, benchNow); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes")
	opts := Options{CheckedDir: notes}
	// open opens path, reports whether it walked, and closes it after
	// running fn (nil: nothing) on it.
	open := func(t *testing.T, path string, opts Options, fn func(*Store)) bool {
		t.Helper()
		st, err := Open(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		if fn != nil {
			fn(st)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		return st.walked
	}
	write := func(st *Store) {
		err := st.update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSettings).Put([]byte("test-key"), []byte(time.Now().String()))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name       string
		before     func(t *testing.T)
		readOnly   bool
		during     func(*Store)
		wantWalked bool
	}{
		{"first open", nil, false, nil, true},
		{"unchanged since", nil, false, nil, false},
		{"after recall wrote it", nil, false, write, false},
		{"read-only after recall wrote it", nil, true, nil, false},
		{"after the modification time changed", func(t *testing.T) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(path, later, later); err != nil {
				t.Fatal(err)
			}
		}, true, nil, true},
		{"read-only after a walk", nil, true, nil, false},
		{"after a write that put the modification time back", func(t *testing.T) {
			rewriteKeepingTime(t, path, func([]byte) {})
		}, false, nil, true},
		{"after a commit not followed by Close (a killed process)", func(t *testing.T) {
			st, err := Open(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			write(st)
			st.db.Close()
		}, false, nil, true},
		{"after that walk", nil, false, nil, false},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if step.before != nil {
				step.before(t)
			}
			o := opts
			o.ReadOnly = step.readOnly
			if walked := open(t, path, o, step.during); walked != step.wantWalked {
				t.Errorf("walked %v, want %v", walked, step.wantWalked)
			}
		})
	}

	t.Run("another path to the same file", func(t *testing.T) {
		link := filepath.Join(dir, "link.db")
		if err := os.Symlink(path, link); err != nil {
			t.Skip(err)
		}
		if open(t, link, opts, nil) {
			t.Error("walked a file the note is for")
		}
	})
	t.Run("a copy", func(t *testing.T) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cp := filepath.Join(dir, "copy.db")
		if err := os.WriteFile(cp, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if !open(t, cp, opts, nil) {
			t.Error("a copy was not walked")
		}
	})
	t.Run("a broken note", func(t *testing.T) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := fileStateOf(f)
		f.Close()
		if err := os.WriteFile(checkedNotePath(notes, s), []byte("recall checked 1: dev x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if !open(t, path, opts, nil) {
			t.Error("a broken note was taken for a sound store")
		}
	})
	t.Run("damage written with the modification time put back", func(t *testing.T) {
		rewriteKeepingTime(t, path, func(data []byte) {
			makeCycle(t, data)
		})
		_, err := Open(path, opts)
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("open: %v, want the store refused as damaged", err)
		}
	})
}

// rewriteKeepingTime edits the file at path in place and puts its
// modification time back, as a careless copy tool might.
func rewriteKeepingTime(t *testing.T, path string, edit func([]byte)) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(data)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// makeCycle points the first child of the last branch page of a store
// file at that page itself.
func makeCycle(t *testing.T, data []byte) {
	t.Helper()
	branches := pagesOfType(t, data, branchPageFlag)
	if len(branches) == 0 {
		t.Fatal("no branch page")
	}
	m := fileMeta(t, data)
	b := branches[len(branches)-1]
	binary.NativeEndian.PutUint64(data[b*m.pageSize+pageHeaderSize+8:], b)
}

// TestOpenRefusesDeepCycle: in a store far bigger than the part of the
// tree earlier versions checked at open (2,048 pages), a cycle in any of
// its branch pages is refused at open.
func TestOpenRefusesDeepCycle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB store")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.db")
	if err := buildSyntheticStore(path, 20_000, benchNow); err != nil {
		t.Fatal(err)
	}
	if err := appendBenchLog(path, 60_000); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fileMeta(t, good)
	if m.pgid <= 2048 {
		t.Fatalf("the store has %d pages, want more than 2,048", m.pgid)
	}
	branches := pagesOfType(t, good, branchPageFlag)
	for i := 0; i < len(branches); i += max(1, len(branches)/6) {
		b := branches[i]
		data := append([]byte(nil), good...)
		binary.NativeEndian.PutUint64(data[b*m.pageSize+pageHeaderSize+8:], b)
		damaged := filepath.Join(dir, "damaged.db")
		if err := os.WriteFile(damaged, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if st, err := Open(damaged, Options{ReadOnly: true}); !errors.Is(err, ErrDamaged) {
			if st != nil {
				st.Close()
			}
			t.Errorf("branch page %d of %d pointing at itself: open gave %v, want the store refused as damaged", b, m.pgid, err)
		}
	}
}
