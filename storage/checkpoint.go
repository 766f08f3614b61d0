package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// A checkpoint is derived data a reader keeps in the store so that it need
// not read the whole review log again: what it covers is its own to say
// (the streak index names the newest log entry it counts). Checkpoints
// live in the meta bucket under checkpointPrefix; losing one costs a full
// read, nothing else, so salvage does not copy them.
const checkpointPrefix = "checkpoint:"

// maxCheckpointSize bounds a checkpoint.
const maxCheckpointSize = 1 << 20

// Checkpoint returns the checkpoint stored under name, nil if there is
// none.
func (s *Store) Checkpoint(name string) ([]byte, error) {
	var v []byte
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta).Get([]byte(checkpointPrefix + name)); b != nil {
			v = append([]byte(nil), b...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read checkpoint %q: %w", name, err)
	}
	return v, nil
}

// SetCheckpoint stores value as the checkpoint under name.
func (s *Store) SetCheckpoint(name string, value []byte) error {
	if len(value) > maxCheckpointSize {
		return fmt.Errorf("checkpoint %q: %d bytes, more than %d", name, len(value), maxCheckpointSize)
	}
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(checkpointPrefix+name), value)
	})
	if err != nil {
		return fmt.Errorf("store checkpoint %q: %w", name, err)
	}
	return nil
}
