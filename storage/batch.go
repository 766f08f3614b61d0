package storage

import (
	"bytes"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// keyWriter is where put sends its writes: straight to the buckets, or to
// a batch that writes them later in key order.
type keyWriter interface {
	put(b *bolt.Bucket, key, value []byte) error
	del(b *bolt.Bucket, key []byte) error
}

// direct writes each key as it comes, for a review or another change of a
// few cards.
type direct struct{}

func (direct) put(b *bolt.Bucket, key, value []byte) error { return b.Put(key, value) }
func (direct) del(b *bolt.Bucket, key []byte) error        { return b.Delete(key) }

// batch collects the writes of a large change (an import) and writes them
// bucket by bucket in key order. bbolt splits a node only when the
// transaction commits, so keys put in random order into one bucket each
// shift the growing node's entries (quadratic in the keys of one
// transaction); in key order each lands at its node's end.
type batch struct {
	buckets []*bolt.Bucket // in the order first written, so flushing is deterministic
	ops     map[*bolt.Bucket]*bucketOps
	last    *bolt.Bucket // the bucket written last, and its writes
	lastOps *bucketOps
}

// bucketOps are the writes to one bucket; sorted says they came in
// ascending key order (a staged import writes them so), with no need to
// sort them again.
type bucketOps struct {
	ops    []batchOp
	sorted bool
}

type batchOp struct {
	key, value []byte
	remove     bool
}

func newBatch() *batch { return &batch{ops: make(map[*bolt.Bucket]*bucketOps)} }

func (w *batch) add(b *bolt.Bucket, op batchOp) {
	o := w.lastOps
	if b != w.last {
		if o = w.ops[b]; o == nil {
			o = &bucketOps{sorted: true}
			w.ops[b] = o
			w.buckets = append(w.buckets, b)
		}
		w.last, w.lastOps = b, o
	}
	if n := len(o.ops); n > 0 && o.sorted && bytes.Compare(o.ops[n-1].key, op.key) > 0 {
		o.sorted = false
	}
	o.ops = append(o.ops, op)
}

func (w *batch) put(b *bolt.Bucket, key, value []byte) error {
	w.add(b, batchOp{key: key, value: value})
	return nil
}

func (w *batch) del(b *bolt.Bucket, key []byte) error {
	w.add(b, batchOp{key: key, remove: true})
	return nil
}

// flush writes every collected key, in key order per bucket; of several
// writes to one key the last wins, as it would have written directly.
func (w *batch) flush() error {
	for _, b := range w.buckets {
		ops := w.ops[b].ops
		if !w.ops[b].sorted {
			slices.SortStableFunc(ops, func(x, y batchOp) int { return bytes.Compare(x.key, y.key) })
		}
		// A bucket only appended to (a new deck's index, the cards of a
		// fresh store) is filled the way the log is: its pages are not
		// written again soon, so leaving them half empty only costs space.
		if last, _ := b.Cursor().Last(); last == nil || bytes.Compare(ops[0].key, last) > 0 {
			b.FillPercent = 0.9
		}
		for i, op := range ops {
			if i+1 < len(ops) && bytes.Equal(op.key, ops[i+1].key) {
				continue
			}
			var err error
			if op.remove {
				err = b.Delete(op.key)
			} else {
				err = b.Put(op.key, op.value)
			}
			if err != nil {
				return err
			}
		}
	}
	w.buckets, w.ops, w.last, w.lastOps = nil, make(map[*bolt.Bucket]*bucketOps), nil, nil
	return nil
}
