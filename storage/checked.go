package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// A store's page tree is walked whole before bbolt follows it (walkPages),
// which reads every page: tens of milliseconds for a store of a million
// reviews. A file whose tree was found sound, and that nothing but recall
// has written since, need not be walked again: recall's own commits are
// bbolt's, which builds sound pages from sound ones. So after a walk, and
// when a store recall wrote is closed, Open notes the file's identity, its
// change time and its newest transaction in Options.CheckedDir; a file
// that still matches is opened without a walk. Anything else that writes
// the file (a copy, an editor, a disk error the kernel reports) gives it
// another change time. What this cannot see is a disk that changes bits
// without the kernel knowing: recall check walks the tree every time.

// fileState identifies a file and its last change.
type fileState struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64
}

// checkedNote is a store file's state when its tree was last known sound.
type checkedNote struct {
	fileState
	txid uint64
}

const checkedNoteFormat = "recall checked 1: dev %d ino %d size %d mtime %d ctime %d txid %d\n"

// checkedNotePath is where the note for a file is kept in dir: by the
// file's identity, so another path to the same file (a link, a relative
// path) finds it.
func checkedNotePath(dir string, s fileState) string {
	return filepath.Join(dir, fmt.Sprintf("%x-%x", s.dev, s.ino))
}

// readCheckedNote reads the note kept for the file in state s, if any.
func readCheckedNote(dir string, s fileState) (checkedNote, bool) {
	b, err := os.ReadFile(checkedNotePath(dir, s))
	if err != nil || len(b) > 256 {
		return checkedNote{}, false
	}
	var n checkedNote
	if _, err := fmt.Sscanf(string(b), checkedNoteFormat, &n.dev, &n.ino, &n.size, &n.mtime, &n.ctime, &n.txid); err != nil {
		return checkedNote{}, false
	}
	return n, true
}

// writeCheckedNote keeps n in dir. It is a cache: a note that cannot be
// written costs the next open a walk, nothing else, so errors are dropped.
func writeCheckedNote(dir string, n checkedNote) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	final := checkedNotePath(dir, n.fileState)
	tmp, err := os.CreateTemp(dir, ".note*")
	if err != nil {
		return
	}
	_, err = fmt.Fprintf(tmp, checkedNoteFormat, n.dev, n.ino, n.size, n.mtime, n.ctime, n.txid)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), final)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// noteChecked keeps a note that the store file at path, as it is now, is
// sound: after a walk found it so, or after recall wrote it.
func noteChecked(dir, path string) {
	if dir == "" {
		return
	}
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	s, ok := fileStateOf(f)
	if !ok {
		return
	}
	metas, _, err := readMetas(f, s.size)
	if err != nil || len(metas) == 0 {
		return
	}
	writeCheckedNote(dir, checkedNote{s, newestMeta(metas).txid})
}
