package storage

import (
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/internal/files"
)

// WriteBackup writes a consistent copy of the store to w while it stays
// open (bbolt's Tx.WriteTo inside a read transaction), and returns the
// bytes written.
func (s *Store) WriteBackup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// Backup writes a consistent copy of the store to the file path, through
// package files: the copy has no name until it is complete and synced
// (so a crash or a kill never leaves a half-written backup, nor a
// temporary file), it is private (0600), and the store itself is refused
// under any name. Without force an existing path is left alone and Backup
// fails with an error wrapping files.ErrExists.
func (s *Store) Backup(path string, force bool) error {
	out, err := files.Create(path, files.Options{Mode: files.Private, NoClobber: !force, Store: s.path})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer out.Close()
	if _, err := s.WriteBackup(out); err != nil {
		return fmt.Errorf("backup to %q: %w", path, err)
	}
	if err := out.Commit(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
