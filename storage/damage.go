package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// Errors for a file that cannot be used as a store.
var (
	// ErrDamaged means the store file is damaged: truncated, empty, with
	// broken pages or records. Nothing was written to it.
	ErrDamaged = errors.New("the store is damaged")
	// ErrNotRecall means the file is not a recall store (another program's
	// bbolt file, or no bbolt file at all). Nothing was written to it.
	ErrNotRecall = errors.New("not a recall store")
)

// damagedError says which store is damaged, how, and what to do, in one
// line.
type damagedError struct {
	path   string
	reason string
}

func (e damagedError) Error() string {
	return fmt.Sprintf("the store %q is damaged (%s): restore it from a backup (recall backup made one), or save what can still be read with recall --db %q check --salvage NEW.db",
		e.path, e.reason, e.path)
}

func (e damagedError) Unwrap() error { return ErrDamaged }

// notRecallError names a file that is not a recall store.
type notRecallError struct {
	path   string
	reason string
}

func (e notRecallError) Error() string {
	msg := fmt.Sprintf("%q is not a recall store", e.path)
	if e.reason != "" {
		msg += " (" + e.reason + ")"
	}
	return msg + "; it was left unchanged"
}

func (e notRecallError) Unwrap() error { return ErrNotRecall }

// The layout of a bbolt meta page (go.etcd.io/bbolt/internal/common): a
// 16-byte page header, then magic, version, page size and flags (4 bytes
// each), the root bucket's page and sequence, the freelist page, the high
// water mark (pgid), the transaction ID, and an FNV-1a checksum of the 56
// bytes before it; in the machine's byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaSize        = 64
	noFreelist      = ^uint64(0)
	minPageSize     = 1024
	maxPageSize     = 1024 << 14
	metaReadSize    = pageHeaderSize + metaSize
	metaChecksumEnd = 56
)

// boltMeta is what checkFile needs from a meta page.
type boltMeta struct {
	pageSize uint64
	root     uint64
	freelist uint64
	pgid     uint64 // pages in use: the file must hold pgid*pageSize bytes
	txid     uint64
}

// parseMeta decodes and validates a meta page's first bytes; ok is false
// for a page that is not a valid meta page.
func parseMeta(b []byte) (m boltMeta, magic, ok bool) {
	if len(b) < metaReadSize {
		return m, false, false
	}
	b = b[pageHeaderSize:metaReadSize]
	e := binary.NativeEndian
	if e.Uint32(b[0:]) != boltMagic {
		return m, false, false
	}
	h := fnv.New64a()
	h.Write(b[:metaChecksumEnd])
	if e.Uint32(b[4:]) != boltVersion || h.Sum64() != e.Uint64(b[metaChecksumEnd:]) {
		return m, true, false
	}
	m = boltMeta{
		pageSize: uint64(e.Uint32(b[8:])),
		root:     e.Uint64(b[16:]),
		freelist: e.Uint64(b[32:]),
		pgid:     e.Uint64(b[40:]),
		txid:     e.Uint64(b[48:]),
	}
	return m, true, true
}

// checkFile looks at an existing store file before bbolt maps it into
// memory: bbolt trusts the file's header and would read past the end of a
// truncated file (SIGBUS), so a file too short for what its header says,
// an empty file, or a file whose headers are both broken is reported as
// damaged, and a file that is no bbolt file at all as not a recall store.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	if !info.Mode().IsRegular() {
		return notRecallError{path, "not a regular file"}
	}
	size := info.Size()
	if size == 0 {
		return damagedError{path, "the file is empty"}
	}
	metas, sawMagic, err := readMetas(f, size)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	if len(metas) == 0 {
		switch {
		case sawMagic:
			return damagedError{path, "both of its headers are broken"}
		case size < pageHeaderSize+4:
			// Too short to say whose it is.
			return damagedError{path, fmt.Sprintf("the file is only %d bytes", size)}
		}
		return notRecallError{path, "not a bbolt database"}
	}
	m := newestMeta(metas)
	switch want := m.pgid * m.pageSize; {
	case m.pgid < 2 || want/m.pageSize != m.pgid:
		return damagedError{path, "its header is broken"}
	case uint64(size) < want:
		return damagedError{path, fmt.Sprintf("truncated: %d bytes of the %d its header promises", size, want)}
	case m.root >= m.pgid || m.root < 2, m.freelist != noFreelist && (m.freelist >= m.pgid || m.freelist < 2):
		return damagedError{path, "its header points outside the file"}
	}
	if _, err := checkPages(f, m, openCheckPages); err != nil {
		return damagedError{path, err.Error()}
	}
	return nil
}

// readMetas reads the valid meta pages of a bbolt file of size bytes: page
// 0 at offset 0, page 1 one page further, at an offset the page size
// (unknown until a meta page is read) decides, tried as bbolt does. magic
// reports whether either page had bbolt's magic number at all.
func readMetas(f io.ReaderAt, size int64) (metas []boltMeta, magic bool, err error) {
	buf := make([]byte, metaReadSize)
	for off := int64(0); off < size && off <= maxPageSize; {
		n, err := f.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false, err
		}
		m, hasMagic, ok := parseMeta(buf[:n])
		magic = magic || hasMagic
		if ok && m.pageSize >= minPageSize && m.pageSize <= maxPageSize && (off == 0 || uint64(off) == m.pageSize) {
			metas = append(metas, m)
		}
		if off == 0 {
			off = minPageSize
		} else {
			off *= 2
		}
	}
	return metas, magic, nil
}

// newestMeta is the meta page bbolt uses: the valid one with the higher
// transaction ID. metas must not be empty.
func newestMeta(metas []boltMeta) boltMeta {
	m := metas[0]
	for _, o := range metas[1:] {
		if o.txid > m.txid {
			m = o
		}
	}
	return m
}

// guard runs fn, turning a panic in bbolt (an assertion on a broken page)
// or a memory fault reading the mapped file (a page beyond its end) into
// an error wrapping ErrDamaged instead of a crash.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damagedError{path, fmt.Sprintf("a page is unreadable: %v", r)}
		}
	}()
	return fn()
}

// view runs fn in a read transaction, guarded.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.View(fn) })
}

// update runs fn in a read-write transaction, guarded; a panic rolls the
// transaction back (bbolt's Update does so on the way out).
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.Update(fn) })
}

// errImpossibleSize is what a cursor panics with (and guard turns into
// ErrDamaged) when a broken page gives a key or value longer than bbolt
// allows or than the whole file: used as is, it would be copied into
// gigabytes of memory.
var errImpossibleSize = errors.New("a record has an impossible size")

// cursor is a bbolt cursor that refuses impossible sizes.
type cursor struct {
	c   *bolt.Cursor
	max int64
}

// newCursor opens a cursor on b.
func newCursor(b *bolt.Bucket) *cursor { return &cursor{b.Cursor(), b.Tx().Size()} }

func (c *cursor) check(k, v []byte) ([]byte, []byte) {
	if len(k) > bolt.MaxKeySize || int64(len(v)) > c.max {
		panic(errImpossibleSize)
	}
	return k, v
}

// First moves to the first item.
func (c *cursor) First() ([]byte, []byte) { return c.check(c.c.First()) }

// Last moves to the last item.
func (c *cursor) Last() ([]byte, []byte) { return c.check(c.c.Last()) }

// Next moves to the next item.
func (c *cursor) Next() ([]byte, []byte) { return c.check(c.c.Next()) }

// Prev moves to the previous item.
func (c *cursor) Prev() ([]byte, []byte) { return c.check(c.c.Prev()) }

// Seek moves to key, or the first item after it.
func (c *cursor) Seek(key []byte) ([]byte, []byte) { return c.check(c.c.Seek(key)) }

// Delete removes the item under the cursor.
func (c *cursor) Delete() error { return c.c.Delete() }
