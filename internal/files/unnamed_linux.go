package files

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// openUnnamed opens a file in dir that has no name (O_TMPFILE): if the
// process dies before linkUnnamed or nameUnnamed, the kernel frees it and
// nothing is left behind. ok is false where the file system or kernel
// cannot, or /proc (needed to give it a name) is missing.
func openUnnamed(dir string, mode os.FileMode) (*os.File, bool) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		return nil, false
	}
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, uint32(mode.Perm()))
	if err != nil {
		return nil, false
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)")), true
}

// linkUnnamed gives the unnamed file f the name target; it fails with an
// error matching fs.ErrExist if target exists.
func linkUnnamed(f *os.File, target string) error {
	err := unix.Linkat(unix.AT_FDCWD, fmt.Sprintf("/proc/self/fd/%d", f.Fd()), unix.AT_FDCWD, target, unix.AT_SYMLINK_FOLLOW)
	if err != nil {
		return &os.LinkError{Op: "link", Old: f.Name(), New: target, Err: err}
	}
	return nil
}

// nameUnnamed gives the unnamed file f a free temporary name beside target,
// to be renamed over it straight away.
func nameUnnamed(f *os.File, target string) (string, error) {
	for range 100 {
		name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp"+randomSuffix())
		err := linkUnnamed(f, name)
		if err == nil {
			return name, nil
		}
		if !os.IsExist(err) {
			return "", err
		}
	}
	return "", fmt.Errorf("could not name a temporary file beside %q", target)
}
