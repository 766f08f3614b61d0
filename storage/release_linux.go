//go:build linux

package storage

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releaseMapped lets the kernel take back the pages of db's mapped file
// that this process has touched, up to size bytes (a read transaction's
// Size, which its mapping covers): they stay in the page cache, and a
// page read again is mapped again, with the same bytes (the mapping is a
// read-only view of the file). madvise takes the address as a number, so
// no Go pointer is made from it.
func releaseMapped(db *bolt.DB, size int64) {
	info := db.Info()
	if info == nil || info.Data == 0 || size <= 0 {
		return
	}
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, info.Data, uintptr(size), unix.MADV_DONTNEED)
}
