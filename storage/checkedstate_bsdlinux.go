//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package storage

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileStateOf returns what identifies f's file and its last change. The
// change time is the kernel's: no program can set it back, as it can the
// modification time, so a file written by anything since has another.
func fileStateOf(f *os.File) (fileState, bool) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return fileState{}, false
	}
	return fileState{
		dev:   uint64(st.Dev),
		ino:   st.Ino,
		size:  st.Size,
		mtime: st.Mtim.Nano(),
		ctime: st.Ctim.Nano(),
	}, true
}
