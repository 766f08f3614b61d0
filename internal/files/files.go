// Package files writes the files recall's commands are told to write (-o
// FILE, a backup) so that no path a user gives can destroy data:
//
//   - "-" is standard output;
//   - the open store is never written, whatever name reaches it (a
//     symlink, "./", a hard link): paths are compared by file identity;
//   - a character device or a FIFO (/dev/null, /dev/stdout, a pipe) is
//     written through, never replaced; a directory, a socket, a block
//     device or anything else that is not a regular file is refused;
//   - a regular file is replaced atomically: the new content goes to a
//     file in the same folder that has no name until it is complete and
//     synced (O_TMPFILE on Linux; elsewhere a hidden temporary name), and
//     only then takes the file's name, so the old content or all of the
//     new is there after a crash, and a killed write leaves nothing behind;
//   - a new file gets Options.Mode less the umask.
package files

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Modes for Options.Mode.
const (
	// Public is for exports meant to be shared (an Anki text file, a deck
	// file): readable by others as far as the umask allows.
	Public os.FileMode = 0o666
	// Private is for what only the user should read: the review log, a
	// progress file, a backup of the store.
	Private os.FileMode = 0o600
)

// Stdout is the path that means standard output.
const Stdout = "-"

// ErrExists means Options.NoClobber was set and the file exists.
var ErrExists = errors.New("the file exists")

// Options say how to write one output.
type Options struct {
	// Mode is the permission of the file before the umask (Public or
	// Private; zero means Private).
	Mode os.FileMode
	// NoClobber refuses to replace an existing regular file (ErrExists).
	NoClobber bool
	// Store is the path of the open store, which is never written.
	Store string
	// Stdout receives the output when the path is "-"; nil refuses "-".
	Stdout io.Writer
}

// Output is one file being written. Write to it, then Commit; Close
// abandons what was not committed (and is harmless after Commit).
type Output struct {
	path string // as the user gave it, for messages
	w    io.Writer
	// Exactly one of these is set: file for a device or FIFO written
	// through, tmp for a regular file being replaced.
	file      *os.File
	tmp       *pending
	noClobber bool
	done      bool
}

// IsStdout reports whether path means standard output.
func IsStdout(path string) bool { return path == Stdout }

// Create starts writing path as described in the package comment.
func Create(path string, o Options) (*Output, error) {
	if o.Mode == 0 {
		o.Mode = Private
	}
	if IsStdout(path) {
		if o.Stdout == nil {
			return nil, fmt.Errorf("write %q: standard output is not available here; name a file", path)
		}
		return &Output{path: path, w: o.Stdout}, nil
	}
	if path == "" {
		return nil, errors.New("no output file named")
	}
	if err := CheckNotStore(path, o.Store); err != nil {
		return nil, err
	}
	target := path
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if l, lerr := os.Lstat(path); lerr == nil && l.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("write %q: a symbolic link to a missing file; remove it or name another file", path)
		}
	case err != nil:
		return nil, fmt.Errorf("write %q: %w", path, unwrapPath(err))
	default:
		if w, err := throughOrRefuse(path, info); w != nil || err != nil {
			return w, err
		}
		if o.NoClobber {
			return nil, fmt.Errorf("write %q: %w", path, ErrExists)
		}
		// Replace what a symbolic link points to, not the link.
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			target = resolved
		}
	}
	tmp, err := newPending(target, o.Mode)
	if err != nil {
		return nil, fmt.Errorf("write %q: %w", path, unwrapPath(err))
	}
	return &Output{path: path, w: tmp.f, tmp: tmp, noClobber: o.NoClobber}, nil
}

// throughOrRefuse opens a character device or a FIFO for writing through,
// refuses what can be neither written through nor replaced, and returns
// nil, nil for a regular file.
func throughOrRefuse(path string, info fs.FileInfo) (*Output, error) {
	m := info.Mode()
	switch {
	case m.IsRegular():
		return nil, nil
	case m.IsDir():
		return nil, fmt.Errorf("write %q: is a directory", path)
	case m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("write %q: %w", path, unwrapPath(err))
		}
		return &Output{path: path, w: f, file: f}, nil
	case m&fs.ModeSocket != 0:
		return nil, fmt.Errorf("write %q: is a socket, not a file", path)
	case m&fs.ModeDevice != 0:
		return nil, fmt.Errorf("write %q: is a block device; name a file", path)
	}
	return nil, fmt.Errorf("write %q: not a regular file", path)
}

// CheckNotStore fails, naming both, when path is the store (or a link to
// it, by any name). A store path that does not exist yet is nothing to
// protect.
func CheckNotStore(path, store string) error {
	if store == "" || IsStdout(path) {
		return nil
	}
	same, err := SameFile(path, store)
	if err != nil {
		return fmt.Errorf("write %q: %w", path, unwrapPath(err))
	}
	if same {
		return fmt.Errorf("write %q: that is the store itself (%s); name another file", path, store)
	}
	return nil
}

// SameFile reports whether a and b name one existing file, by identity
// (device and inode), so symbolic links, "./" and hard links all count.
// A missing a or b is not the same file as anything.
func SameFile(a, b string) (bool, error) {
	ai, err := os.Stat(a)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	bi, err := os.Stat(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(ai, bi), nil
}

// Write writes to the output.
func (o *Output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = fmt.Errorf("write %q: %w", o.Name(), unwrapPath(err))
	}
	return n, err
}

// Name is the output as the user gave it, or "standard output".
func (o *Output) Name() string {
	if IsStdout(o.path) {
		return "standard output"
	}
	return o.path
}

// IsFile reports whether the output replaces a regular file (rather than
// going to standard output, a device or a FIFO).
func (o *Output) IsFile() bool { return o.tmp != nil }

// Commit finishes the output: a replaced file is synced and takes its
// name (with NoClobber, only if the name is still free).
func (o *Output) Commit() error {
	if o.done {
		return fmt.Errorf("write %q: already finished", o.path)
	}
	o.done = true
	switch {
	case o.file != nil:
		if err := o.file.Close(); err != nil {
			return fmt.Errorf("write %q: %w", o.path, unwrapPath(err))
		}
	case o.tmp != nil:
		err := o.tmp.commit(o.noClobber)
		if errors.Is(err, fs.ErrExist) {
			err = ErrExists
		}
		if err != nil {
			return fmt.Errorf("write %q: %w", o.path, unwrapPath(err))
		}
	}
	return nil
}

// Close abandons an output not committed: a replaced file keeps its old
// content and nothing is left behind.
func (o *Output) Close() error {
	if o.done {
		return nil
	}
	o.done = true
	switch {
	case o.file != nil:
		return o.file.Close()
	case o.tmp != nil:
		o.tmp.abort()
	}
	return nil
}

// WriteFile writes data to path in one go: Create, Write, Commit.
func WriteFile(path string, data []byte, o Options) error {
	out, err := Create(path, o)
	if err != nil {
		return err
	}
	defer out.Close()
	if _, err := out.Write(data); err != nil {
		return err
	}
	return out.Commit()
}

// pending is the new content of a regular file, not yet under its name.
type pending struct {
	f      *os.File
	target string
	// name is the temporary name the file has in target's folder, or ""
	// while it has none (O_TMPFILE).
	name string
}

// newPending makes the file that will replace target, in its folder.
func newPending(target string, mode os.FileMode) (*pending, error) {
	dir := filepath.Dir(target)
	if f, ok := openUnnamed(dir, mode); ok {
		return &pending{f: f, target: target}, nil
	}
	for range 100 {
		name := filepath.Join(dir, "."+filepath.Base(target)+".tmp"+randomSuffix())
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &pending{f: f, target: target, name: name}, nil
	}
	return nil, errors.New("could not make a temporary file")
}

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// commit syncs the file and gives it the target's name: with noClobber by
// a hard link, which fails if the name was taken meanwhile; otherwise by a
// rename over it. The folder is synced so the name survives a crash. On
// failure nothing is left behind.
func (p *pending) commit(noClobber bool) (err error) {
	defer func() {
		if err != nil {
			p.abort()
		}
	}()
	if err := p.f.Sync(); err != nil {
		return err
	}
	if p.name == "" && noClobber {
		if err := linkUnnamed(p.f, p.target); err != nil {
			return err
		}
	} else {
		if p.name == "" {
			// An unnamed file needs a name in the folder before it can
			// be renamed over the target.
			if p.name, err = nameUnnamed(p.f, p.target); err != nil {
				return err
			}
		}
		if noClobber {
			err = linkOrRename(p.name, p.target)
		} else {
			err = os.Rename(p.name, p.target)
		}
		if err != nil {
			return err
		}
		p.name = ""
	}
	if err := p.f.Close(); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(p.target))
}

// linkOrRename names the file at tmp target only if target does not exist:
// a hard link fails if target appeared meanwhile, where a rename would
// replace it. On a file system without hard links, target is checked again
// and the file renamed.
func linkOrRename(tmp, target string) error {
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return err
	}
	if _, serr := os.Lstat(target); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, target)
}

// abort drops the file; an unnamed one vanishes when closed.
func (p *pending) abort() {
	p.f.Close()
	if p.name != "" {
		os.Remove(p.name)
		p.name = ""
	}
}

// syncDir makes a rename or link in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %q: %w", dir, err)
	}
	return nil
}

// unwrapPath drops the operation and path an *fs.PathError or
// *os.LinkError carries, since messages here name the path the user gave
// (and a temporary name would only confuse).
func unwrapPath(err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		return pathErr.Err
	case errors.As(err, &linkErr):
		return linkErr.Err
	}
	return err
}
