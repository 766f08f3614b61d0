package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
)

// Event blocks. The events bucket holds each event this device records
// under its own key, but the events a sync receives, thousands at a time,
// as blocks of up to blockEvents consecutive events of one device under
// the key of the first: a full replay then writes one key per block, not
// per event (schema 5). A block is
//
//	blockMark | count (uvarint) | count × end of each record (uint32, from
//	the records' start) | the records (journal encoding)
//
// A single event's encoding begins with its sequence number, a uvarint of
// at least 1, whose first byte is never blockMark.
const (
	blockMark   = 0
	blockEvents = 1024
)

var errBadBlock = errors.New("malformed event block")

func isBlock(v []byte) bool { return len(v) > 0 && v[0] == blockMark }

// appendBlock encodes events, consecutive events of one device, as a block.
func appendBlock(b []byte, events []*journal.Event) []byte {
	b = append(b, blockMark)
	b = binary.AppendUvarint(b, uint64(len(events)))
	ends := len(b)
	b = append(b, make([]byte, 4*len(events))...)
	start := len(b)
	for i, e := range events {
		b = journal.AppendEvent(b, e)
		binary.BigEndian.PutUint32(b[ends+4*i:], uint32(len(b)-start))
	}
	return b
}

// block is a decoded block header: where its records are.
type block struct {
	count int
	ends  []byte
	data  []byte
}

func parseBlock(v []byte) (block, error) {
	if !isBlock(v) {
		return block{}, errBadBlock
	}
	n, m := binary.Uvarint(v[1:])
	if m <= 0 || n > uint64(len(v))/4 {
		return block{}, errBadBlock
	}
	p := 1 + m
	count := int(n)
	if len(v) < p+4*count {
		return block{}, errBadBlock
	}
	return block{count: count, ends: v[p : p+4*count], data: v[p+4*count:]}, nil
}

// record returns the encoding of the block's i-th event.
func (b block) record(i int) ([]byte, error) {
	start := uint32(0)
	if i > 0 {
		start = binary.BigEndian.Uint32(b.ends[4*(i-1):])
	}
	end := binary.BigEndian.Uint32(b.ends[4*i:])
	if start > end || int(end) > len(b.data) {
		return nil, errBadBlock
	}
	return b.data[start:end], nil
}

// findEvent returns the encoding of an event in the store, nil if it is
// not there.
func findEvent(tx *bolt.Tx, id journal.ID) ([]byte, error) {
	key := eventKey(id)
	c := newCursor(tx.Bucket(bucketEvents))
	k, v := c.Seek(key)
	if bytes.Equal(k, key) {
		if !isBlock(v) {
			return v, nil
		}
		b, err := parseBlock(v)
		if err != nil || b.count == 0 {
			return nil, fmt.Errorf("event %s: %w", id, errBadBlock)
		}
		return b.record(0)
	}
	// In the block before, if one holds it.
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	first, ok := parseEventKey(k)
	if !ok || first.Device != id.Device || first.Seq > id.Seq || !isBlock(v) {
		return nil, nil
	}
	b, err := parseBlock(v)
	if err != nil {
		return nil, fmt.Errorf("event block %s: %w", first, err)
	}
	if i := id.Seq - first.Seq; i < uint64(b.count) {
		return b.record(int(i))
	}
	return nil, nil
}

// lastSeqAt returns the sequence number of the last event stored under
// events key k with value v (a single event or a block).
func lastSeqAt(k, v []byte) (journal.ID, bool) {
	id, ok := parseEventKey(k)
	if !ok || !isBlock(v) {
		return id, ok
	}
	b, err := parseBlock(v)
	if err != nil || b.count == 0 {
		return id, false
	}
	id.Seq += uint64(b.count) - 1
	return id, true
}

// forEachStored calls fn with every event under one events key: the
// single event, or each of a block's.
func forEachStored(k, v []byte, fn func(journal.Event) error) error {
	id, ok := parseEventKey(k)
	if !ok {
		return fmt.Errorf("malformed event key %x", k)
	}
	if !isBlock(v) {
		e, err := journal.Unmarshal(v, id.Device)
		if err != nil {
			return fmt.Errorf("event %s: %w", id, err)
		}
		return fn(e)
	}
	b, err := parseBlock(v)
	if err != nil {
		return fmt.Errorf("event block %s: %w", id, err)
	}
	for i := range b.count {
		rec, err := b.record(i)
		if err != nil {
			return fmt.Errorf("event block %s: %w", id, err)
		}
		e, err := journal.Unmarshal(rec, id.Device)
		if err != nil {
			return fmt.Errorf("event block %s, event %d: %w", id, i, err)
		}
		if e.ID.Seq != id.Seq+uint64(i) {
			return fmt.Errorf("event block %s: event %d is %s", id, i, e.ID)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// blockWriter gathers the events a sync stores into blocks.
type blockWriter struct {
	events []*journal.Event
}

// add stores e, after the ones added before it, in the block being made
// or a new one.
func (w *blockWriter) add(tx *bolt.Tx, e *journal.Event) error {
	if n := len(w.events); n > 0 {
		last := w.events[n-1]
		if n == blockEvents || last.ID.Device != e.ID.Device || last.ID.Seq+1 != e.ID.Seq {
			if err := w.flush(tx); err != nil {
				return err
			}
		}
	}
	w.events = append(w.events, e)
	return nil
}

// flush puts the block being made.
func (w *blockWriter) flush(tx *bolt.Tx) error {
	if len(w.events) == 0 {
		return nil
	}
	first := w.events[0].ID
	if err := tx.Bucket(bucketEvents).Put(eventKey(first), appendBlock(nil, w.events)); err != nil {
		return fmt.Errorf("store events from %s: %w", first, err)
	}
	w.events = w.events[:0]
	return nil
}
