package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/recallcards/recall/scheduler"
)

// The first byte of an encoded state is its encoding, so the format can
// change without a migration rewriting every state. Version 1 is SM-2's
// fields; version 2 appends the algorithm (a length-prefixed name) and,
// for FSRS, its difficulty and stability as IEEE 754 bits. SM-2 states are
// still written as version 1, byte for byte as before.
const (
	stateEncoding         = 1
	stateEncodingVersion2 = 2
)

// State flags, in the second byte of an encoded state.
const (
	flagRedrill = 1 << iota
	flagLeech
	flagSuspended
	flagDue
	flagBuried
	flagLastReview
)

// encodeState packs a state into a few bytes: the encoding, flags, then
// varints for reps, EF, interval and lapses and for each non-zero time its
// Unix seconds and nanoseconds. Times come back in UTC.
func encodeState(s scheduler.State) []byte {
	return appendState(make([]byte, 0, 72), s)
}

// appendState appends encodeState's bytes of s to b.
func appendState(b []byte, s scheduler.State) []byte {
	var flags byte
	set := func(cond bool, f byte) {
		if cond {
			flags |= f
		}
	}
	set(s.Redrill, flagRedrill)
	set(s.Leech, flagLeech)
	set(s.Suspended, flagSuspended)
	set(!s.Due.IsZero(), flagDue)
	set(!s.BuriedUntil.IsZero(), flagBuried)
	set(!s.LastReview.IsZero(), flagLastReview)
	version := byte(stateEncoding)
	extended := s.Algorithm != "" || s.Difficulty != 0 || s.Stability != 0
	if extended {
		version = stateEncodingVersion2
	}
	b = append(b, version, flags)
	b = binary.AppendVarint(b, int64(s.Reps))
	b = binary.AppendVarint(b, int64(s.EF))
	b = binary.AppendVarint(b, int64(s.IntervalDays))
	b = binary.AppendVarint(b, int64(s.Lapses))
	for _, t := range []time.Time{s.Due, s.BuriedUntil, s.LastReview} {
		if !t.IsZero() {
			b = binary.AppendVarint(b, t.Unix())
			b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
		}
	}
	if extended {
		b = binary.AppendUvarint(b, uint64(len(s.Algorithm)))
		b = append(b, s.Algorithm...)
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(s.Difficulty))
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(s.Stability))
	}
	return b
}

// maxAlgorithmName bounds the algorithm name a stored state may carry.
const maxAlgorithmName = 16

var errBadState = errors.New("malformed state")

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// decodeState is encodeState's inverse.
func decodeState(b []byte) (scheduler.State, error) {
	var s scheduler.State
	if len(b) < 2 || b[0] != stateEncoding && b[0] != stateEncodingVersion2 {
		return s, errBadState
	}
	version, flags := b[0], b[1]
	b = b[2:]
	next := func() (int64, error) {
		v, n := binary.Varint(b)
		if n <= 0 {
			return 0, errBadState
		}
		b = b[n:]
		return v, nil
	}
	var ints [4]int64
	for i := range ints {
		v, err := next()
		if err != nil {
			return s, err
		}
		ints[i] = v
	}
	s.Reps, s.EF, s.IntervalDays, s.Lapses = int(ints[0]), scheduler.EF(ints[1]), int(ints[2]), int(ints[3])
	s.Redrill = flags&flagRedrill != 0
	s.Leech = flags&flagLeech != 0
	s.Suspended = flags&flagSuspended != 0
	for _, f := range []struct {
		flag byte
		t    *time.Time
	}{{flagDue, &s.Due}, {flagBuried, &s.BuriedUntil}, {flagLastReview, &s.LastReview}} {
		if flags&f.flag == 0 {
			continue
		}
		sec, err := next()
		if err != nil {
			return s, err
		}
		nsec, n := binary.Uvarint(b)
		if n <= 0 || nsec >= 1e9 {
			return s, errBadState
		}
		b = b[n:]
		*f.t = time.Unix(sec, int64(nsec)).UTC()
	}
	if version == stateEncodingVersion2 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > maxAlgorithmName || uint64(len(b)-k) < n+16 {
			return s, errBadState
		}
		b = b[k:]
		s.Algorithm = scheduler.Algorithm(b[:n])
		b = b[n:]
		s.Difficulty = math.Float64frombits(binary.BigEndian.Uint64(b))
		s.Stability = math.Float64frombits(binary.BigEndian.Uint64(b[8:]))
		b = b[16:]
		if _, err := scheduler.ParseAlgorithm(string(s.Algorithm)); err != nil && s.Algorithm != "" || !finite(s.Difficulty) || !finite(s.Stability) {
			return s, errBadState
		}
	}
	if len(b) != 0 {
		return s, fmt.Errorf("%w: %d trailing bytes", errBadState, len(b))
	}
	return s, nil
}

// timeKeyLen is the length of the time prefix of a due-index key.
const timeKeyLen = 12

// timeKey encodes t so that byte order is time order: Unix seconds,
// big-endian with the sign bit flipped, then nanoseconds. Seconds rather than
// UnixNano so a due date centuries ahead (long SM-2 intervals) cannot
// overflow.
func timeKey(t time.Time) []byte {
	k := make([]byte, timeKeyLen, timeKeyLen+32)
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint32(k[8:], uint32(t.Nanosecond()))
	return k
}

// keyTime decodes the time prefix of a due-index key.
func keyTime(k []byte) time.Time {
	sec := int64(binary.BigEndian.Uint64(k) ^ (1 << 63))
	return time.Unix(sec, int64(binary.BigEndian.Uint32(k[8:]))).UTC()
}

// dueKey is a due-index key: the card's queue time, then its ID.
func dueKey(t time.Time, id string) []byte { return append(timeKey(t), id...) }

// orderKeyLen is the length of the order prefix of new- and order-index keys.
const orderKeyLen = 8

// orderKey is a new- or order-index key: the card's note order (sign bit
// flipped so negative orders sort first), then its ID.
func orderKey(order int, id string) []byte {
	k := make([]byte, orderKeyLen, orderKeyLen+len(id))
	binary.BigEndian.PutUint64(k, uint64(int64(order))^(1<<63))
	return append(k, id...)
}

// keyOrder decodes the order prefix of an order key.
func keyOrder(k []byte) int { return int(int64(binary.BigEndian.Uint64(k) ^ (1 << 63))) }

// Status bits kept in the order index, so deck counts need no decoding.
const (
	statusRetired = 1 << iota
	statusSuspended
	statusNew
)

func status(retired bool, s scheduler.State) byte {
	var b byte
	if retired {
		b |= statusRetired
	}
	if s.Suspended {
		b |= statusSuspended
	}
	if s.IsNew() {
		b |= statusNew
	}
	return b
}
