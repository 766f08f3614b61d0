package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// logEncoding is the first byte of a log entry written in the binary form.
// Entries written before it are JSON objects and begin with '{'; both are
// read, and the log is never rewritten to convert them.
const logEncoding = 1

// logEncodingFlags is the binary form followed by a uvarint of flags
// (logFlagPractice). Entries without a flag are still written in the first
// form, so a log without practice reads in any recall that knows it.
const logEncodingFlags = 2

// logFlagPractice marks a practice entry (LogEntry.Practice).
const logFlagPractice = 1

// encodeLog packs a log entry: the encoding byte, the card ID (length and
// bytes), the time (Unix seconds, nanoseconds), the grade, the answer time
// in nanoseconds, then the states before and after, each its encodeState
// bytes with their length in front, so a change to the state encoding
// carries over to the log. The sequence number is the entry's key and is
// not repeated. About 50 bytes, where the JSON was about 570.
func encodeLog(e LogEntry) []byte {
	// The states are encoded on the stack: a replay logs a million.
	var prevBuf, nextBuf [96]byte
	prev, next := appendState(prevBuf[:0], e.Prev), appendState(nextBuf[:0], e.Next)
	b := make([]byte, 0, 24+len(e.CardID)+len(prev)+len(next))
	b = append(b, logEncoding)
	b = binary.AppendUvarint(b, uint64(len(e.CardID)))
	b = append(b, e.CardID...)
	b = binary.AppendVarint(b, e.Time.Unix())
	b = binary.AppendUvarint(b, uint64(e.Time.Nanosecond()))
	b = binary.AppendVarint(b, int64(e.Grade))
	b = binary.AppendVarint(b, int64(e.Answer))
	b = binary.AppendUvarint(b, uint64(len(prev)))
	b = append(b, prev...)
	b = binary.AppendUvarint(b, uint64(len(next)))
	b = append(b, next...)
	if e.Practice {
		b[0] = logEncodingFlags
		b = binary.AppendUvarint(b, logFlagPractice)
	}
	return b
}

var errBadLogEntry = errors.New("malformed log entry")

// logReader reads the fields of a binary log entry in order; its first
// failure sticks, so a caller checks err once.
type logReader struct {
	b   []byte
	err error
}

func (r *logReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errBadLogEntry
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *logReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errBadLogEntry
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *logReader) bytes() []byte {
	if r.err != nil {
		return nil
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)-k) {
		r.err = errBadLogEntry
		return nil
	}
	v := r.b[k : k+int(n)]
	r.b = r.b[k+int(n):]
	return v
}

func (r *logReader) time() time.Time {
	sec := r.varint()
	if r.err != nil {
		return time.Time{}
	}
	nsec, n := binary.Uvarint(r.b)
	if n <= 0 || nsec >= 1e9 {
		r.err = errBadLogEntry
		return time.Time{}
	}
	r.b = r.b[n:]
	return time.Unix(sec, int64(nsec)).UTC()
}

// binaryEntry holds the fields of a binary entry as read, the card ID and
// the states still as their bytes (valid only inside the transaction).
type binaryEntry struct {
	id, prev, next []byte
	at             time.Time
	grade          scheduler.Grade
	answer         time.Duration
	practice       bool
}

func readBinaryLog(v []byte) (binaryEntry, error) {
	r := logReader{b: v[1:]}
	var e binaryEntry
	e.id = r.bytes()
	e.at = r.time()
	e.grade = scheduler.Grade(r.varint())
	e.answer = time.Duration(r.varint())
	e.prev = r.bytes()
	e.next = r.bytes()
	if v[0] == logEncodingFlags {
		flags := r.uvarint()
		if r.err == nil && flags&^logFlagPractice != 0 {
			r.err = fmt.Errorf("%w: unknown flags %#x", errBadLogEntry, flags)
		}
		e.practice = flags&logFlagPractice != 0
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d trailing bytes", errBadLogEntry, len(r.b))
	}
	if r.err == nil && len(e.id) == 0 {
		r.err = fmt.Errorf("%w: no card ID", errBadLogEntry)
	}
	return e, r.err
}

// decodeLog reads one log entry, binary or JSON, with its sequence number
// from its key.
func decodeLog(k, v []byte) (LogEntry, error) {
	var e LogEntry
	if len(k) != 8 {
		return e, fmt.Errorf("review log: malformed key %x", k)
	}
	seq := binary.BigEndian.Uint64(k)
	fail := func(err error) (LogEntry, error) {
		return LogEntry{}, fmt.Errorf("review log entry %d: %w", seq, err)
	}
	switch {
	case len(v) > 0 && (v[0] == logEncoding || v[0] == logEncodingFlags):
		b, err := readBinaryLog(v)
		if err != nil {
			return fail(err)
		}
		if e.Prev, err = decodeState(b.prev); err != nil {
			return fail(fmt.Errorf("state before: %w", err))
		}
		if e.Next, err = decodeState(b.next); err != nil {
			return fail(fmt.Errorf("state after: %w", err))
		}
		e.Seq, e.CardID, e.Time, e.Grade, e.Answer, e.Practice = seq, string(b.id), b.at, b.grade, b.answer, b.practice
	case len(v) > 0 && v[0] == '{':
		if err := json.Unmarshal(v, &e); err != nil {
			return fail(err)
		}
	default:
		return fail(errBadLogEntry)
	}
	return e, nil
}

// LogSummary is the part of a review that statistics need. Reading it skips
// building the card's state after the review: ForEachLogSummary reads a
// binary log about twice as fast as ForEachLog.
type LogSummary struct {
	Seq    uint64
	CardID string    // the card's current ID, as ForEachLog gives it
	Time   time.Time // UTC
	Grade  scheduler.Grade
	// PrevIntervalDays is the card's interval before this review; statistics
	// call a card young or mature by it.
	PrevIntervalDays int
	// PrevNew reports that the card had never been reviewed before: this
	// review introduced it.
	PrevNew bool
	// PrevQueue is when the card had entered the review queue before this
	// review (scheduler.State.QueueTime of the state before), zero if it
	// was not in it (new, or suspended): whether a card was due on a day.
	PrevQueue time.Time
	Answer    time.Duration
	Practice  bool // a practice entry (LogEntry.Practice)
}

// summarise keeps what a LogSummary holds of a full entry.
func summarise(e LogEntry) LogSummary {
	sum := LogSummary{
		Seq: e.Seq, CardID: e.CardID, Time: e.Time, Grade: e.Grade,
		PrevIntervalDays: e.Prev.IntervalDays, PrevNew: e.Prev.IsNew(), Answer: e.Answer, Practice: e.Practice,
	}
	if t, ok := e.Prev.QueueTime(); ok {
		sum.PrevQueue = t
	}
	return sum
}

// decodeLogSummary reads what a LogSummary needs of an entry, and the card
// ID as stored (not yet resolved through aliases). It checks what
// decodeLog checks, so the two iterators fail on the same entries, but
// builds no LogEntry.
func decodeLogSummary(k, v []byte) (LogSummary, []byte, error) {
	if len(k) != 8 || len(v) == 0 || v[0] != logEncoding {
		e, err := decodeLog(k, v)
		return summarise(e), []byte(e.CardID), err
	}
	seq := binary.BigEndian.Uint64(k)
	b, err := readBinaryLog(v)
	if err != nil {
		return LogSummary{}, nil, fmt.Errorf("review log entry %d: %w", seq, err)
	}
	prev, err := decodeState(b.prev)
	if err != nil {
		return LogSummary{}, nil, fmt.Errorf("review log entry %d: state before: %w", seq, err)
	}
	if _, err := decodeState(b.next); err != nil {
		return LogSummary{}, nil, fmt.Errorf("review log entry %d: state after: %w", seq, err)
	}
	return summarise(LogEntry{Seq: seq, Time: b.at, Grade: b.grade, Prev: prev, Answer: b.answer}), b.id, nil
}

// ForEachLogSummary calls fn for every review, oldest first, stopping at the
// first error, as ForEachLog does, with only the fields of LogSummary. A
// damaged entry is skipped, as ForEachLog skips it (see SetWarn), and so
// are practice entries. fn runs
// inside a read transaction and must not write to the store.
func (s *Store) ForEachLogSummary(fn func(LogSummary) error) error {
	return s.eachLogSummary(false, func(sum LogSummary) (bool, error) { return true, fn(sum) })
}

// ForEachLogSummaryReverse is ForEachLogSummary newest first, stopping
// when fn says no more: the streak reads only as far back as it goes.
func (s *Store) ForEachLogSummaryReverse(fn func(LogSummary) (more bool, err error)) error {
	return s.eachLogSummary(true, fn)
}

func (s *Store) eachLogSummary(newestFirst bool, fn func(LogSummary) (bool, error)) error {
	return s.view(func(tx *bolt.Tx) error {
		// Many reviews share a card: resolve each stored ID once.
		current := make(map[string]string)
		c := newCursor(tx.Bucket(bucketLog))
		first, next := c.First, c.Next
		if newestFirst {
			first, next = c.Last, c.Prev
		}
		for k, v := first(); k != nil; k, v = next() {
			sum, rawID, err := readLogSummary(k, v)
			if err != nil {
				s.skipLog(err)
				continue
			}
			if sum.Practice {
				continue
			}
			id, seen := current[string(rawID)]
			if !seen {
				id = currentID(tx, string(rawID))
				current[string(rawID)] = id
			}
			sum.CardID = id
			if more, err := fn(sum); err != nil || !more {
				return err
			}
		}
		return nil
	})
}

// readLogSummary is decodeLogSummary with readLog's checks, so that the
// summary and the full reads skip the same entries.
func readLogSummary(k, v []byte) (LogSummary, []byte, error) {
	if len(k) != 8 || len(v) == 0 || v[0] != logEncoding {
		e, err := readLog(k, v)
		return summarise(e), []byte(e.CardID), err
	}
	sum, id, err := decodeLogSummary(k, v)
	switch {
	case err != nil:
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // decodeLogSummary's own prefix names the entry again
		}
		return sum, id, damagedEntry(k, err)
	case !sum.Grade.Valid():
		return sum, id, damagedEntry(k, fmt.Errorf("grade %d", sum.Grade))
	}
	return sum, id, nil
}
