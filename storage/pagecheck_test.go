package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// treeFile returns the bytes of a bbolt file with a bucket big enough for
// branch pages, a nested bucket with its own pages, and an inline one.
func treeFile(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tree.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("big"))
		if err != nil {
			return err
		}
		for i := range 3000 {
			if err := b.Put(fmt.Appendf(nil, "key %05d", i), bytes.Repeat([]byte{byte(i)}, 40)); err != nil {
				return err
			}
		}
		outer, err := tx.CreateBucket([]byte("outer"))
		if err != nil {
			return err
		}
		inner, err := outer.CreateBucket([]byte("inner"))
		if err != nil {
			return err
		}
		for i := range 500 {
			if err := inner.Put(fmt.Appendf(nil, "k%04d", i), bytes.Repeat([]byte("v"), 30)); err != nil {
				return err
			}
		}
		small, err := outer.CreateBucket([]byte("small"))
		if err != nil {
			return err
		}
		return small.Put([]byte("a"), []byte("b"))
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second transaction frees pages, so the free page list names some.
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("big")).Delete([]byte("key 00001")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fileMeta is the meta page checkPages would be given for data.
func fileMeta(t *testing.T, data []byte) boltMeta {
	t.Helper()
	metas, _, err := readMetas(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(metas) == 0 {
		t.Fatalf("no meta page: %v", err)
	}
	return newestMeta(metas)
}

// pagesOfType returns the IDs of the pages reachable from the root with
// the given flags, in the order of the walk.
func pagesOfType(t *testing.T, data []byte, flags uint16) []uint64 {
	t.Helper()
	m := fileMeta(t, data)
	var ids []uint64
	for id := uint64(2); id < m.pgid; id++ {
		h := readPageHeader(data[id*m.pageSize:])
		if h.id == id && h.flags == flags {
			ids = append(ids, id)
		}
	}
	return ids
}

func TestCheckPages(t *testing.T) {
	good := treeFile(t)
	m := fileMeta(t, good)
	ps := m.pageSize
	ne := binary.NativeEndian
	branches := pagesOfType(t, good, branchPageFlag)
	leaves := pagesOfType(t, good, leafPageFlag)
	if len(branches) == 0 || len(leaves) < 10 {
		t.Fatalf("the test file has %d branch and %d leaf pages", len(branches), len(leaves))
	}
	for _, r := range []io.ReaderAt{bytes.NewReader(good), mappedPages(good)} {
		if err := checkPages(r, m); err != nil {
			t.Fatalf("the good file, read by %T: %v", r, err)
		}
	}
	// firstChild is the offset of the child ID of a branch page's first
	// element.
	firstChild := func(id uint64) uint64 { return id*ps + pageHeaderSize + 8 }
	tests := []struct {
		name string
		edit func(d []byte)
		want string
	}{
		{"a branch page's child is itself", func(d []byte) {
			ne.PutUint64(d[firstChild(branches[0]):], branches[0])
		}, "reached twice"},
		{"a branch page's child is the root", func(d []byte) {
			ne.PutUint64(d[firstChild(branches[0]):], m.root)
		}, "reached twice"},
		{"two children are one page", func(d []byte) {
			b := branches[0]
			ne.PutUint64(d[firstChild(b)+pageElemSize:], ne.Uint64(d[firstChild(b):]))
		}, "reached twice"},
		{"a child beyond the pages in use", func(d []byte) {
			ne.PutUint64(d[firstChild(branches[0]):], m.pgid+5)
		}, "outside the"},
		{"a child that is a meta page", func(d []byte) {
			ne.PutUint64(d[firstChild(branches[0]):], 1)
		}, "outside the"},
		{"a page of unknown type", func(d []byte) {
			ne.PutUint16(d[leaves[3]*ps+8:], 0x08)
		}, "not a branch or leaf page"},
		{"a leaf turned branch", func(d []byte) {
			ne.PutUint16(d[leaves[3]*ps+8:], branchPageFlag)
		}, "page"},
		{"a page that names another", func(d []byte) {
			ne.PutUint64(d[leaves[3]*ps:], leaves[4])
		}, "says it is page"},
		{"an element count too big for its page", func(d []byte) {
			ne.PutUint16(d[leaves[3]*ps+10:], 0xFFF0)
		}, "do not fit"},
		{"a key outside its page", func(d []byte) {
			ne.PutUint32(d[leaves[3]*ps+pageHeaderSize+4:], uint32(ps))
		}, "outside its page"},
		{"overflow past the end", func(d []byte) {
			ne.PutUint32(d[leaves[3]*ps+12:], uint32(m.pgid))
		}, "past the end"},
		{"a branch page without children", func(d []byte) {
			ne.PutUint16(d[branches[0]*ps+10:], 0)
		}, "without children"},
		{"the free list names a page in use", func(d []byte) {
			f := m.freelist * ps
			ne.PutUint64(d[f+pageHeaderSize:], leaves[0])
		}, "both free and in use"},
		{"the free list names a page beyond the end", func(d []byte) {
			f := m.freelist * ps
			ne.PutUint64(d[f+pageHeaderSize:], m.pgid)
		}, "outside the"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Clone(good)
			tt.edit(data)
			for _, r := range []io.ReaderAt{bytes.NewReader(data), mappedPages(data)} {
				err := checkPages(r, m)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("checkPages reading by %T: %v, want an error saying %q", r, err, tt.want)
				}
			}
		})
	}
}

// TestOpenRefusesPageCycle: a store whose tree goes round a cycle is
// refused at open and by Check, instead of sending bbolt round forever.
func TestOpenRefusesPageCycle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	if err := buildSyntheticStore(path, 3000, benchNow); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	branches := pagesOfType(t, data, branchPageFlag)
	if len(branches) == 0 {
		t.Fatal("no branch page")
	}
	m := fileMeta(t, data)
	b := branches[len(branches)-1]
	binary.NativeEndian.PutUint64(data[b*m.pageSize+pageHeaderSize+8:], b)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "reached twice") {
		t.Errorf("open: %v, want a damaged store with a page reached twice", err)
	}
}
