package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the store to path while it stays open
// (bbolt's Tx.WriteTo inside a read transaction). The copy goes to a
// temporary file in path's directory, is fsync'd, and only then takes
// path's name, so a crash never leaves a half-written backup under that
// name. Without force an existing path is left alone and Backup fails.
func (s *Store) Backup(path string, force bool) error {
	if same, err := sameFile(path, s.path); err != nil {
		return fmt.Errorf("backup to %q: %w", path, err)
	} else if same {
		return fmt.Errorf("backup to %q: that is the store itself", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("backup to %q: is a directory; name the backup file", path)
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("backup to %q: the file exists; use --force to overwrite it", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("backup to %q: %w", path, err)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("backup to %q: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	err = s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	})
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup to %q: %w", path, err)
	}
	if force {
		err = os.Rename(tmp.Name(), path)
	} else {
		// A hard link fails if path appeared meanwhile, where a rename
		// would silently replace it.
		err = os.Link(tmp.Name(), path)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// The file system has no hard links: check again and rename.
			if _, serr := os.Lstat(path); serr == nil {
				err = fs.ErrExist
			} else {
				err = os.Rename(tmp.Name(), path)
			}
		}
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup to %q: the file exists; use --force to overwrite it", path)
	}
	if err != nil {
		return fmt.Errorf("backup to %q: %w", path, err)
	}
	return syncDir(dir)
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) (bool, error) {
	ai, err := os.Stat(a)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	bi, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ai, bi), nil
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %q: %w", dir, err)
	}
	return nil
}
