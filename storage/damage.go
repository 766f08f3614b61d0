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
//
// The whole page tree is walked (walkPages), unless checkedDir holds a
// note that this very file, unchanged since, was found sound (checked.go).
func checkFile(path, checkedDir string) (walked bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	// Another process may commit while the file is read, and bbolt reuses
	// the pages a commit frees: damage is believed only if the file's size
	// and newest header are still those it was read with.
	for attempt := 0; ; attempt++ {
		size, txid := fileSnapshot(f)
		walked, err = checkTree(path, f, checkedDir)
		if err == nil || !errors.Is(err, ErrDamaged) || attempt == 2 {
			return walked, err
		}
		if nowSize, nowTxid := fileSnapshot(f); nowSize == size && nowTxid == txid {
			return walked, err
		}
	}
}

// fileSnapshot is what a store file says of itself now: its size and its
// newest header's transaction (0 if it has none).
func fileSnapshot(f *os.File) (size int64, txid uint64) {
	info, err := f.Stat()
	if err != nil {
		return -1, 0
	}
	if metas, _, err := readMetas(f, info.Size()); err == nil && len(metas) > 0 {
		txid = newestMeta(metas).txid
	}
	return info.Size(), txid
}

// checkTree is one look at the store file f (checkFile).
func checkTree(path string, f *os.File, checkedDir string) (walked bool, err error) {
	info, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("open store: %w", err)
	}
	if !info.Mode().IsRegular() {
		return false, notRecallError{path, "not a regular file"}
	}
	if info.Size() == 0 {
		return false, damagedError{path, "the file is empty"}
	}
	m, err := storeMeta(path, f, info.Size())
	if err != nil {
		return false, err
	}
	before, known := fileStateOf(f)
	known = known && checkedDir != ""
	if known {
		if n, ok := readCheckedNote(checkedDir, before); ok && n.fileState == before && n.txid == m.txid {
			return false, nil
		}
	}
	if err := walkPages(f, m); err != nil {
		return true, damagedError{path, err.Error()}
	}
	// Noted only if nothing wrote the file during the walk.
	if after, ok := fileStateOf(f); known && ok && after == before {
		writeCheckedNote(checkedDir, checkedNote{before, m.txid})
	}
	return true, nil
}

// storeMeta reads the header bbolt would use of the store file f (of size
// bytes) at path, and checks it against the file.
func storeMeta(path string, f *os.File, size int64) (boltMeta, error) {
	metas, sawMagic, err := readMetas(f, size)
	if err != nil {
		return boltMeta{}, fmt.Errorf("open store: %w", err)
	}
	if len(metas) == 0 {
		switch {
		case sawMagic:
			return boltMeta{}, damagedError{path, "both of its headers are broken"}
		case size < pageHeaderSize+4:
			// Too short to say whose it is.
			return boltMeta{}, damagedError{path, fmt.Sprintf("the file is only %d bytes", size)}
		}
		return boltMeta{}, notRecallError{path, "not a bbolt database"}
	}
	m := newestMeta(metas)
	switch want := m.pgid * m.pageSize; {
	case m.pgid < 2 || want/m.pageSize != m.pgid:
		return m, damagedError{path, "its header is broken"}
	case uint64(size) < want:
		return m, damagedError{path, fmt.Sprintf("truncated: %d bytes of the %d its header promises", size, want)}
	case m.root >= m.pgid || m.root < 2, m.freelist != noFreelist && (m.freelist >= m.pgid || m.freelist < 2):
		return m, damagedError{path, "its header points outside the file"}
	}
	return m, nil
}

// walkPages checks the page tree of the store file f as meta describes it
// (checkPages), reading the file mapped into memory where it can.
func walkPages(f *os.File, meta boltMeta) (err error) {
	mapped, unmap, ok := mapPages(f, int64(meta.pgid*meta.pageSize))
	if !ok {
		return checkPages(f, meta)
	}
	defer unmap()
	// The file may shrink under the mapping (another program truncating
	// it): reading past its end is then a fault, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("a page is unreadable: %v", r)
		}
	}()
	return checkPages(mapped, meta)
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

// view runs fn in a read transaction, guarded. It writes nothing, in a
// store opened read-only or read-write, whatever waits to be folded: a
// reader of the states or indexes reads through the tail (readTail,
// overlay.go), one of a single card applies the card's entries
// (loadLatest), and every other reader reads what folding does not touch.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.guard(func() error { return s.db.View(fn) })
}

// update runs fn in a read-write transaction, guarded; a panic rolls the
// transaction back (bbolt's Update does so on the way out). The
// transaction folds every review logged first (foldTail), so fn builds
// on the latest states, and counts whatever fn logs itself as folded: a
// writer that logs a review (a sync, an adoption) writes its state too.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return s.appendUpdate(func(tx *bolt.Tx) error {
		if err := foldTail(tx); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return setFoldMark(tx, logTop(tx))
	})
}

// appendUpdate runs fn in a read-write transaction, guarded, without
// folding: for Review and Practice, which log an entry and nothing else.
func (s *Store) appendUpdate(fn func(*bolt.Tx) error) error {
	return s.guard(func() error { return s.db.Update(fn) })
}

// guard is guard for the store's transactions. A panic it stops is damage
// the walk at open did not see: the store is then no longer noted as
// sound when it closes.
func (s *Store) guard(fn func() error) error {
	panicked := true
	err := guard(s.path, func() error {
		err := fn()
		panicked = false
		return err
	})
	if panicked {
		s.faulted.Store(true)
	}
	return err
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
	// A read transaction lets go of the mapped pages it went through every
	// releaseSteps steps (releaseMapped): a scan of the whole log would
	// otherwise keep the whole file in the process's resident memory.
	release *bolt.DB
	steps   int
}

// newCursor opens a cursor on b.
func newCursor(b *bolt.Bucket) *cursor {
	c := &cursor{c: b.Cursor(), max: b.Tx().Size()}
	if !b.Tx().Writable() {
		c.release = b.Tx().DB()
	}
	return c
}

func (c *cursor) check(k, v []byte) ([]byte, []byte) {
	if len(k) > bolt.MaxKeySize || int64(len(v)) > c.max {
		panic(errImpossibleSize)
	}
	if c.release != nil {
		if c.steps++; c.steps%releaseSteps == 0 {
			releaseMapped(c.release, c.max)
		}
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
