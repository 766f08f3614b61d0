package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
)

// damagedLog remembers the damaged review log entries reads have skipped,
// so each is reported once however many times the log is read.
type damagedLog struct {
	mu     sync.Mutex
	warn   func(error)
	warned map[string]bool
}

// SetWarn sets where reads of the review log report a damaged entry they
// skipped: ForEachLog, ForEachLogReverse and ForEachLogSummary skip an
// entry that cannot be read, so one damaged entry does not hide the rest
// of the history, and tell fn once per entry. Without it they skip
// silently. recall check names every damaged entry; Salvage drops them.
func (s *Store) SetWarn(fn func(error)) {
	s.damaged.mu.Lock()
	defer s.damaged.mu.Unlock()
	s.damaged.warn, s.damaged.warned = fn, nil
}

// readLog decodes a log entry (decodeLog, whatever its codec) and checks
// what a damaged entry could still get wrong while decoding: its sequence
// number and its grade.
func readLog(k, v []byte) (LogEntry, error) {
	e, err := decodeLog(k, v)
	switch {
	case err != nil:
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // decodeLog's own prefix names the entry again
		}
		return e, damagedEntry(k, err)
	case e.Seq != binary.BigEndian.Uint64(k):
		return e, damagedEntry(k, fmt.Errorf("it says its number is %d", e.Seq))
	case !e.Grade.Valid():
		return e, damagedEntry(k, fmt.Errorf("grade %d", e.Grade))
	case e.CardID == "":
		return e, damagedEntry(k, fmt.Errorf("no card ID"))
	}
	return e, nil
}

// LogEntryError is a review log entry that cannot be read.
type LogEntryError struct {
	// Key is the entry's key: its sequence number, 8 bytes big-endian,
	// unless the key itself is damaged.
	Key []byte
	Err error
}

func (e *LogEntryError) Error() string {
	return fmt.Sprintf("review log entry %s is damaged (%v)", entryName(e.Key), e.Err)
}

func (e *LogEntryError) Unwrap() error { return e.Err }

func damagedEntry(k []byte, err error) error {
	if _, ok := err.(*LogEntryError); ok {
		return err
	}
	return &LogEntryError{Key: append([]byte(nil), k...), Err: err}
}

// entryName is how a message names a log entry: its number, or its key in
// hex when the key is not a number.
func entryName(k []byte) string {
	if len(k) == 8 {
		return fmt.Sprint(binary.BigEndian.Uint64(k))
	}
	return fmt.Sprintf("with key %x", k)
}

// skipLog reports a damaged entry a read skips, once.
func (s *Store) skipLog(err error) {
	d := &s.damaged
	d.mu.Lock()
	defer d.mu.Unlock()
	name := err.Error()
	var entryErr *LogEntryError
	if errors.As(err, &entryErr) {
		name = "review log entry " + entryName(entryErr.Key)
	}
	if d.warn == nil || d.warned[name] {
		return
	}
	if d.warned == nil {
		d.warned = make(map[string]bool)
	}
	d.warned[name] = true
	d.warn(fmt.Errorf("%s is damaged and was skipped (recall check says more)", name))
}
