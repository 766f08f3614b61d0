package journal

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// A segment file is a header followed by records:
//
//	header: "RCLJ" | format version (1 byte) | device length (1 byte) | device |
//	        segment number (uvarint) | CRC-32C of all the above (4 bytes, big endian)
//	record: payload length (4 bytes) | CRC-32C of payload (4 bytes) | payload
//
// A record is complete or it is not there yet: sync engines deliver files
// late and in pieces, so an incomplete last record is a torn tail to read
// again later, while a complete record with a bad checksum is damage.
const (
	magic = "RCLJ"
	// FormatVersion is the newest segment format this recall reads. It
	// writes format 1, which every recall that syncs reads, until a
	// device records an edit (EditFormat): a store that never edits stays
	// readable by older machines, which refuse the first segment of the
	// newer format by name, as made by a newer recall, and apply nothing
	// of it.
	FormatVersion = 2
	// EditFormat is the format that holds edit events (KindEdit,
	// KindEditReset): a segment of it may hold events of every kind.
	EditFormat   = 2
	recordHeader = 8
	// MaxRecordLen bounds one event's encoding: an edit with its text and
	// the notes' at their bounds fits (format 1 readers allowed 8 KiB,
	// more than any event they know needs).
	MaxRecordLen = 80 << 10
	// MaxSegmentSize bounds a segment file; larger ones are refused unread.
	MaxSegmentSize = 64 << 20
	maxDeviceLen   = 64
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Errors a reader reports, wrapped in a *FileError naming the file.
var (
	ErrCorrupt     = errors.New("damaged: a record's checksum does not match")
	ErrNewerFormat = errors.New("made by a newer recall; upgrade recall to read it")
	ErrWrongDevice = errors.New("names another device than its folder")
	ErrSequence    = errors.New("events out of sequence")
	ErrRewritten   = errors.New("rewritten after its events were applied")
	ErrTooLarge    = errors.New("larger than a segment may be")
)

// FileError is a problem with one journal file.
type FileError struct {
	Path   string
	Offset int64 // -1 when the problem is the whole file
	Err    error
}

func (e *FileError) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: at byte %d: %v", e.Path, e.Offset, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ValidDevice reports whether s can name a device: 1 to 64 lower-case
// letters, digits and hyphens, so it is also a safe folder name everywhere.
func ValidDevice(s string) bool {
	if s == "" || len(s) > maxDeviceLen {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func appendHeader(b []byte, device string, number uint64, format byte) []byte {
	start := len(b)
	b = append(b, magic...)
	b = append(b, format, byte(len(device)))
	b = append(b, device...)
	b = binary.AppendUvarint(b, number)
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// errShortHeader means the header itself has not fully arrived.
var errShortHeader = errors.New("header incomplete")

// header is what a segment's header says.
type header struct {
	device string
	number uint64
	format byte
	len    int
}

// parseHeader reads a segment's header.
func parseHeader(b []byte) (header, error) { return parseHeaderAs(b, FormatVersion) }

// parseHeaderAs is parseHeader for a reader of formats up to newest: the
// tests read as an older recall would.
func parseHeaderAs(b []byte, newest byte) (header, error) {
	device, number, n, err := parseHeaderFields(b, newest)
	if err != nil {
		return header{}, err
	}
	return header{device: device, number: number, format: b[len(magic)], len: n}, nil
}

// parseHeaderFields reads a segment's header, returning its device, number
// and length.
func parseHeaderFields(b []byte, newest byte) (device string, number uint64, n int, err error) {
	if len(b) < len(magic)+2 {
		if !bytes.HasPrefix([]byte(magic), b[:min(len(b), len(magic))]) {
			return "", 0, 0, errors.New("not a recall journal segment")
		}
		return "", 0, 0, errShortHeader
	}
	if string(b[:len(magic)]) != magic {
		return "", 0, 0, errors.New("not a recall journal segment")
	}
	if v := b[len(magic)]; v < 1 || v > newest {
		if v > newest {
			return "", 0, 0, fmt.Errorf("format version %d: %w", v, ErrNewerFormat)
		}
		return "", 0, 0, fmt.Errorf("unknown format version %d", v)
	}
	dlen := int(b[len(magic)+1])
	p := len(magic) + 2
	if dlen > maxDeviceLen {
		return "", 0, 0, fmt.Errorf("%w: device name of %d bytes", ErrCorrupt, dlen)
	}
	if len(b) < p+dlen+1 {
		return "", 0, 0, errShortHeader
	}
	device = string(b[p : p+dlen])
	p += dlen
	number, m := binary.Uvarint(b[p:])
	if m == 0 {
		return "", 0, 0, errShortHeader
	}
	if m < 0 {
		return "", 0, 0, fmt.Errorf("%w: bad segment number", ErrCorrupt)
	}
	p += m
	if len(b) < p+4 {
		return "", 0, 0, errShortHeader
	}
	if binary.BigEndian.Uint32(b[p:]) != crc32.Checksum(b[:p], castagnoli) {
		return "", 0, 0, fmt.Errorf("%w (header)", ErrCorrupt)
	}
	if !ValidDevice(device) {
		return "", 0, 0, fmt.Errorf("%w: invalid device name %q", ErrCorrupt, device)
	}
	return device, number, p + 4, nil
}

func appendRecord(b []byte, e *Event) []byte {
	start := len(b)
	b = append(b, make([]byte, recordHeader)...)
	b = appendEvent(b, e)
	payload := b[start+recordHeader:]
	binary.BigEndian.PutUint32(b[start:], uint32(len(payload)))
	binary.BigEndian.PutUint32(b[start+4:], crc32.Checksum(payload, castagnoli))
	return b
}

// record is one complete, checked record of a segment.
type record struct {
	offset int64 // where the record starts in the file
	end    int64 // where it ends
	sum    uint32
	event  Event
}

// scanRecords reads the records of a segment's data from offset on. It
// returns the complete records and whether an incomplete one follows them
// (a torn tail). A complete record that fails its checksum or does not
// decode is an error at its offset.
//
// With max > 0 it stops after max records.
func scanRecords(data []byte, offset int64, h header, max int) (recs []record, torn bool, err error) {
	return scanRecordsAt(data[offset:], offset, h, max)
}

// scanRecordsAt is scanRecords of part of a segment: data holds its bytes
// from offset base on.
func scanRecordsAt(data []byte, base int64, h header, max int) (recs []record, torn bool, err error) {
	p := int64(0)
	// Records are some 60 bytes: one allocation for the lot.
	est := int64(len(data))/48 + 1
	if max > 0 {
		est = min(est, int64(max))
	}
	recs = make([]record, 0, est)
	for p < int64(len(data)) && (max <= 0 || len(recs) < max) {
		rest := data[p:]
		if len(rest) < recordHeader {
			return recs, true, nil
		}
		n := binary.BigEndian.Uint32(rest)
		sum := binary.BigEndian.Uint32(rest[4:])
		if n == 0 {
			// Engines that preallocate fill a file with zeros before the
			// bytes arrive: all zeros is a tail still to come.
			if allZero(rest) {
				return recs, true, nil
			}
			return recs, false, &FileError{Offset: base + p, Err: fmt.Errorf("%w: empty record", ErrCorrupt)}
		}
		if n > MaxRecordLen {
			return recs, false, &FileError{Offset: base + p, Err: fmt.Errorf("%w: record of %d bytes", ErrCorrupt, n)}
		}
		if int64(len(rest)) < recordHeader+int64(n) {
			return recs, true, nil
		}
		payload := rest[recordHeader : recordHeader+n]
		if crc32.Checksum(payload, castagnoli) != sum {
			return recs, false, &FileError{Offset: base + p, Err: ErrCorrupt}
		}
		e, err := decodeEvent(payload, h.device, h.format)
		if err != nil {
			return recs, false, &FileError{Offset: base + p, Err: err}
		}
		recs = append(recs, record{offset: base + p, end: base + p + recordHeader + int64(n), sum: sum, event: e})
		p += recordHeader + int64(n)
	}
	return recs, false, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
