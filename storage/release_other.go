//go:build !linux

package storage

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing here: the mapped pages a scan touched stay
// resident until the store closes.
func releaseMapped(*bolt.DB, int64) {}
