//go:build unix

package storage

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapPages maps the first size bytes of f read-only, or returns ok false
// when it cannot (the caller then reads the file page by page). unmap
// releases the mapping.
func mapPages(f *os.File, size int64) (m mappedFile, unmap func(), ok bool) {
	if size <= 0 || int64(int(size)) != size {
		return mappedFile{}, nil, false
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return mappedFile{}, nil, false
	}
	// The walk reads every page once, in no particular order.
	_ = unix.Madvise(data, unix.MADV_WILLNEED)
	drop := func() { _ = unix.Madvise(data, unix.MADV_DONTNEED) }
	return mappedFile{data, drop}, func() { _ = unix.Munmap(data) }, true
}
