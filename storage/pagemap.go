package storage

import (
	"fmt"
	"io"
)

// mappedPages is a store file mapped into memory, read in place: walking
// the page tree of a big store then costs no system call per page (with
// one per page, the walk of a 250 MB store spent three quarters of its
// time reading).
type mappedPages []byte

// ReadAt implements io.ReaderAt.
func (m mappedPages) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(m)) {
		return 0, fmt.Errorf("read at %d: outside the file's %d bytes", off, len(m))
	}
	n := copy(p, m[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// inPlaceReader reads without copying (mappedPages).
type inPlaceReader interface {
	slice(off, n uint64) ([]byte, bool)
}

// releaser is a mapped file whose pages can be let go of (mappedFile).
type releaser interface{ release() }

// releaseEvery is how many pages a walk reads between letting the mapped
// ones go: every page touched stays in the process's resident size until
// then, and a walk of a 250 MB store would otherwise count all of it.
const releaseEvery = 2048

// releaseSteps is releaseEvery for a cursor of a read transaction: the
// entries it steps through between letting the mapped pages go (some
// 5 MB of the log; each time costs re-reading the few pages still in use).
const releaseSteps = 65536

// mappedFile is a store file mapped by mapPages.
type mappedFile struct {
	mappedPages
	// drop lets the kernel take back the pages mapped so far (they stay in
	// the page cache, and a later read maps them again).
	drop func()
}

func (m mappedFile) release() { m.drop() }

// slice returns the n bytes at off without copying them.
func (m mappedPages) slice(off, n uint64) ([]byte, bool) {
	if off > uint64(len(m)) || n > uint64(len(m))-off {
		return nil, false
	}
	return m[off : off+n : off+n], true
}
