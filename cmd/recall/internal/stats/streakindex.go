package stats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/recallcards/recall/scheduler"
)

// StreakIndex holds what the streak rule needs of a review log up to one
// entry: every review day, each with the earliest day on which a card
// reviewed that day had fallen due. Kept in the store, it lets the
// summary after a session read only the reviews logged since, instead of
// the whole log on a long streak.
type StreakIndex struct {
	zone string // the day boundaries the days were named with (zoneKey)
	// The newest log entry the index covers: its sequence number, time and
	// grade, to tell it from an entry logged under the same number after an
	// undo.
	seq   uint64
	time  int64
	grade scheduler.Grade
	days  map[day]day // review day → earliest due day (noDue: none)
	cache dayCache
}

// NewStreakIndex returns an index of no reviews, for days as cfg draws them.
func NewStreakIndex(cfg scheduler.Settings) *StreakIndex {
	return &StreakIndex{zone: zoneKey(cfg), days: map[day]day{}, cache: dayCache{cfg: cfg}}
}

// zoneKey names the day boundaries cfg draws: the rollover hour and the
// zone's offsets and names at dates across the years (a zone called
// "Local" is whatever TZ says).
func zoneKey(cfg scheduler.Settings) string {
	loc := location(cfg)
	key := fmt.Sprintf("%s %d", loc, cfg.RolloverHour)
	for y := 2000; y <= 2040; y += 4 {
		for _, m := range []time.Month{time.January, time.July} {
			name, off := time.Date(y, m, 1, 12, 0, 0, 0, time.UTC).In(loc).Zone()
			key += fmt.Sprintf(" %s%d", name, off)
		}
	}
	return key
}

// Covers reports whether the log entry seq, at t with grade g, is the
// newest the index covers.
func (x *StreakIndex) Covers(seq uint64, t time.Time, g scheduler.Grade) bool {
	return x.seq != 0 && seq == x.seq && t.UnixNano() == x.time && g == x.grade
}

// Seq is the sequence number of the newest entry the index covers, 0 if
// none.
func (x *StreakIndex) Seq() uint64 { return x.seq }

// Add counts a review at t of a card that entered the review queue at
// prevQueue (zero for a new card).
func (x *StreakIndex) Add(t, prevQueue time.Time) {
	d, due := x.cache.dayOf(t), noDue
	if !prevQueue.IsZero() {
		due = x.cache.dayOf(prevQueue)
	}
	if old, ok := x.days[d]; !ok || due < old {
		x.days[d] = due
	}
}

// Merge counts in x the reviews of newer, an index of the entries logged
// after those x covers, and moves x's newest entry to newer's.
func (x *StreakIndex) Merge(newer *StreakIndex) {
	for d, due := range newer.days {
		if old, ok := x.days[d]; !ok || due < old {
			x.days[d] = due
		}
	}
	if newer.seq != 0 {
		x.seq, x.time, x.grade = newer.seq, newer.time, newer.grade
	}
}

// SetNewest records the newest entry the index covers.
func (x *StreakIndex) SetNewest(seq uint64, t time.Time, g scheduler.Grade) {
	x.seq, x.time, x.grade = seq, t.UnixNano(), g
}

// Streak is the current streak at now (StreakCounter's rule). waiting is
// the earliest queue time of the cards in the review queue now, zero if
// there are none.
func (x *StreakIndex) Streak(now, waiting time.Time) int {
	pending := noDue
	if !waiting.IsZero() {
		pending = x.cache.dayOf(waiting)
	}
	w := newStreakWalk(x.cache.dayOf(now), pending)
	days := make([]day, 0, len(x.days))
	for d := range x.days {
		days = append(days, d)
	}
	slices.Sort(days)
	for i := len(days) - 1; i >= 0; i-- {
		if !w.add(days[i], x.days[days[i]]) {
			break
		}
	}
	current, _ := w.result()
	return current
}

// streakIndexVersion starts an encoded index; a new layout takes another.
const streakIndexVersion = 1

// maxStreakIndexDays bounds a decoded index: 200 years of daily reviews.
const maxStreakIndexDays = 200 * 366

// Encode returns the index as bytes for DecodeStreakIndex.
func (x *StreakIndex) Encode() []byte {
	b := binary.AppendUvarint(nil, streakIndexVersion)
	b = binary.AppendUvarint(b, uint64(len(x.zone)))
	b = append(b, x.zone...)
	b = binary.AppendUvarint(b, x.seq)
	b = binary.AppendVarint(b, x.time)
	b = binary.AppendVarint(b, int64(x.grade))
	days := make([]day, 0, len(x.days))
	for d := range x.days {
		days = append(days, d)
	}
	slices.Sort(days)
	b = binary.AppendUvarint(b, uint64(len(days)))
	prev := day(0)
	for _, d := range days {
		b = binary.AppendVarint(b, int64(d-prev))
		b = binary.AppendVarint(b, int64(x.days[d]-d))
		prev = d
	}
	return b
}

// errStreakIndex is any index that cannot be used: another layout,
// damage, or days drawn another way than cfg draws them now.
var errStreakIndex = errors.New("streak index unusable")

// DecodeStreakIndex reads an index Encode wrote. It fails if the bytes are
// not one, or if the index's days were drawn with other day boundaries
// than cfg's (a new zone or rollover hour): the caller then builds it
// again from the whole log.
func DecodeStreakIndex(b []byte, cfg scheduler.Settings) (*StreakIndex, error) {
	r := byteReader{b: b}
	if r.uvarint() != streakIndexVersion {
		return nil, errStreakIndex
	}
	zone := r.bytes(int(min(r.uvarint(), 4096)))
	x := NewStreakIndex(cfg)
	if string(zone) != x.zone {
		return nil, errStreakIndex
	}
	x.seq, x.time, x.grade = r.uvarint(), r.varint(), scheduler.Grade(r.varint())
	n := r.uvarint()
	if n > maxStreakIndexDays {
		return nil, errStreakIndex
	}
	d := day(0)
	for range n {
		d += day(r.varint())
		x.days[d] = d + day(r.varint())
	}
	if r.bad || len(r.b) != 0 {
		return nil, errStreakIndex
	}
	return x, nil
}

// byteReader reads varints, remembering the first failure.
type byteReader struct {
	b   []byte
	bad bool
}

func (r *byteReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *byteReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *byteReader) bytes(n int) []byte {
	if n > len(r.b) {
		r.bad, r.b = true, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}
