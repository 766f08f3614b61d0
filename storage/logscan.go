package storage

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// LogSummary is the part of a review that statistics need. Reading it skips
// building the two card states of a LogEntry, which is most of the cost of
// decoding one: ForEachLogSummary reads a log of a million reviews several
// times faster than ForEachLog.
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
}

// summarise keeps what a LogSummary holds of a full entry.
func summarise(e LogEntry) LogSummary {
	sum := LogSummary{
		Seq: e.Seq, CardID: e.CardID, Time: e.Time, Grade: e.Grade,
		PrevIntervalDays: e.Prev.IntervalDays, PrevNew: e.Prev.IsNew(), Answer: e.Answer,
	}
	if t, ok := e.Prev.QueueTime(); ok {
		sum.PrevQueue = t
	}
	return sum
}

// ForEachLogSummary calls fn for every review, oldest first, stopping at the
// first error, as ForEachLog does, with only the fields of LogSummary. An
// entry is read by a scanner that accepts only the layout json.Marshal
// writes, checked field by field and type by type; anything else, such as an
// escaped string or a field it does not know, is decoded in full instead, so
// the two iterators agree on every entry and fail on the same ones. fn runs
// inside a read transaction and must not write to the store.
func (s *Store) ForEachLogSummary(fn func(LogSummary) error) error {
	return s.view(func(tx *bolt.Tx) error {
		// Many reviews share a card: resolve each stored ID once.
		current := make(map[string]string)
		c := newCursor(tx.Bucket(bucketLog))
		for k, v := c.First(); k != nil; k, v = c.Next() {
			sum, rawID, ok := scanLogEntry(v)
			if !ok || len(k) != 8 || sum.Seq != binary.BigEndian.Uint64(k) || !sum.Grade.Valid() || len(rawID) == 0 {
				e, err := readLog(k, v)
				if err != nil {
					s.skipLog(err)
					continue
				}
				sum, rawID = summarise(e), []byte(e.CardID)
			}
			id, seen := current[string(rawID)]
			if !seen {
				id = currentID(tx, string(rawID))
				current[string(rawID)] = id
			}
			sum.CardID = id
			if err := fn(sum); err != nil {
				return err
			}
		}
		return nil
	})
}

// scanLogEntry reads a log entry's JSON if it is exactly as json.Marshal
// writes a LogEntry: fields in order, no white space, no escapes, integers,
// times in UTC. It returns false for anything else, valid or not, and the
// caller then decodes in full, so what it accepts it reads as json.Unmarshal
// would. The card ID comes back as the bytes stored (valid only inside the
// transaction), not yet resolved to the card's current ID.
//
// A field added to LogEntry or scheduler.State makes every entry fall back
// to the full decode: TestScanLogEntryMatchesFullDecode fails until the
// field is added here.
func scanLogEntry(b []byte) (LogSummary, []byte, bool) {
	p := logScanner{b: b, ok: true}
	p.literal(`{"seq":`)
	seq := p.integer()
	p.literal(`,"card_id":`)
	id := p.str()
	p.literal(`,"time":`)
	at := p.time(true)
	p.literal(`,"grade":`)
	grade := p.intValue()
	p.literal(`,"prev":`)
	prev := p.state(true)
	p.literal(`,"next":`)
	p.state(false)
	p.literal(`,"answer_ns":`)
	answer := p.integer()
	p.literal(`}`)
	if !p.ok || p.i != len(b) || seq < 0 {
		return LogSummary{}, nil, false
	}
	sum := LogSummary{
		Seq: uint64(seq), Time: at, Grade: scheduler.Grade(grade),
		PrevIntervalDays: prev.IntervalDays, PrevNew: prev.IsNew(), Answer: time.Duration(answer),
	}
	if t, ok := prev.QueueTime(); ok {
		sum.PrevQueue = t
	}
	return sum, id, true
}

// logScanner reads JSON text in a fixed layout. Its first failure clears ok
// and makes every later call do nothing, so a caller checks ok once at the
// end.
type logScanner struct {
	b  []byte
	i  int
	ok bool
}

func (p *logScanner) fail() { p.ok = false }

// literal consumes s.
func (p *logScanner) literal(s string) {
	if p.ok && len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return
	}
	p.fail()
}

// str reads a string without escapes and returns its bytes. Strings with
// escapes or invalid UTF-8 (which json.Unmarshal rewrites) are refused.
func (p *logScanner) str() []byte {
	p.literal(`"`)
	if !p.ok {
		return nil
	}
	n := bytes.IndexByte(p.b[p.i:], '"')
	if n < 0 {
		p.fail()
		return nil
	}
	s := p.b[p.i : p.i+n]
	ascii := true
	for _, c := range s {
		if c < 0x20 || c == '\\' || c >= utf8.RuneSelf {
			if c >= utf8.RuneSelf {
				ascii = false
				continue
			}
			p.fail()
			return nil
		}
	}
	if !ascii && !utf8.Valid(s) {
		p.fail()
		return nil
	}
	p.i += n + 1
	return s
}

// integer reads a JSON number that is an integer, without fraction or
// exponent, and fits an int64.
func (p *logScanner) integer() int64 {
	if !p.ok {
		return 0
	}
	neg := p.i < len(p.b) && p.b[p.i] == '-'
	if neg {
		p.i++
	}
	start := p.i
	var n uint64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		if n > (math.MaxUint64-9)/10 {
			p.fail()
			return 0
		}
		n = n*10 + uint64(p.b[p.i]-'0')
		p.i++
	}
	digits := p.i - start
	switch {
	case digits == 0 || digits > 1 && p.b[start] == '0':
	case p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E'):
	case !neg && n <= math.MaxInt64:
		return int64(n)
	case neg && n <= 1<<63:
		return int64(-n)
	}
	p.fail()
	return 0
}

// intValue is integer for a field of Go type int.
func (p *logScanner) intValue() int {
	n := p.integer()
	if n < math.MinInt || n > math.MaxInt {
		p.fail()
		return 0
	}
	return int(n)
}

// boolean reads true or false.
func (p *logScanner) boolean() bool {
	if p.ok && p.i < len(p.b) && p.b[p.i] == 't' {
		p.literal("true")
		return p.ok
	}
	p.literal("false")
	return false
}

// state reads a scheduler.State, checking every field as json.Unmarshal
// would, and returns what decides its queue time (interval, due, re-drill,
// suspended, burial, last review). build says whether to build those
// fields; when it is false, they are zero.
func (p *logScanner) state(build bool) scheduler.State {
	var st scheduler.State
	p.literal(`{"reps":`)
	p.intValue()
	p.literal(`,"ef":`)
	p.intValue()
	p.literal(`,"interval_days":`)
	st.IntervalDays = p.intValue()
	p.literal(`,"due":`)
	st.Due = p.time(build)
	p.literal(`,"redrill":`)
	st.Redrill = p.boolean()
	p.literal(`,"lapses":`)
	p.intValue()
	p.literal(`,"leech":`)
	p.boolean()
	p.literal(`,"suspended":`)
	st.Suspended = p.boolean()
	p.literal(`,"buried_until":`)
	st.BuriedUntil = p.time(build)
	p.literal(`,"last_review":`)
	st.LastReview = p.time(build)
	p.literal(`}`)
	return st
}

// zeroTime is how json.Marshal writes the zero time.Time.
const zeroTime = `"0001-01-01T00:00:00Z"`

// time reads a time as time.Time's MarshalJSON writes a UTC time,
// "2006-01-02T15:04:05.999999999Z", and builds it only if build is set.
// Other forms, valid RFC 3339 or not, are refused.
func (p *logScanner) time(build bool) time.Time {
	if !p.ok {
		return time.Time{}
	}
	b := p.b[p.i:]
	if len(b) >= len(zeroTime) && string(b[:len(zeroTime)]) == zeroTime {
		p.i += len(zeroTime)
		return time.Time{}
	}
	const short = len(`"2006-01-02T15:04:05Z"`)
	if len(b) < short || b[0] != '"' || b[5] != '-' || b[8] != '-' || b[11] != 'T' || b[14] != ':' || b[17] != ':' {
		p.fail()
		return time.Time{}
	}
	digits := func(from, to int) int {
		v := 0
		for _, c := range b[from:to] {
			if c < '0' || c > '9' {
				p.fail()
				return 0
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := digits(1, 5), time.Month(digits(6, 8)), digits(9, 11)
	hour, minute, sec := digits(12, 14), digits(15, 17), digits(18, 20)
	end, nsec := 20, 0
	if b[end] == '.' {
		end++
		for end < len(b) && end < 30 && b[end] >= '0' && b[end] <= '9' {
			end++
		}
		if end == 21 {
			p.fail()
			return time.Time{}
		}
		nsec = digits(21, end)
		for range 30 - end {
			nsec *= 10
		}
	}
	if len(b) < end+2 || b[end] != 'Z' || b[end+1] != '"' ||
		month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		p.fail()
	}
	if !p.ok {
		return time.Time{}
	}
	p.i += end + 2
	if !build {
		return time.Time{}
	}
	return time.Date(year, month, day, hour, minute, sec, nsec, time.UTC)
}

// daysIn is the number of days in a month of the proleptic Gregorian
// calendar, as the time package counts them.
func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int(m-1)%7%2
}
