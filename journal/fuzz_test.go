package journal

import (
	"bytes"
	"testing"
)

// FuzzSegment feeds arbitrary bytes to the segment reader: it must never
// panic, and every event it accepts must encode back to the record it came
// from.
func FuzzSegment(f *testing.F) {
	var seg []byte
	seg = appendHeader(seg, "laptop", 1, 1)
	for s := uint64(1); s <= 3; s++ {
		e := review("laptop", s)
		seg = appendRecord(seg, &e)
	}
	f.Add(seg)
	f.Add(seg[:len(seg)-5])
	f.Add(appendHeader(nil, "x", 7, 1))
	f.Add([]byte("RCLJ\x02"))
	// Edits, in a segment of their format and, refused, in one of format 1.
	edits := appendHeader(nil, "laptop", 2, EditFormat)
	for _, e := range []Event{edit("laptop", 1), reset("laptop", 2), review("laptop", 3)} {
		edits = appendRecord(edits, &e)
	}
	f.Add(edits)
	f.Add(edits[:len(edits)-9])
	old := appendHeader(nil, "laptop", 1, 1)
	e := edit("laptop", 1)
	f.Add(appendRecord(old, &e))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := parseHeader(data)
		if err != nil {
			return
		}
		recs, _, err := scanRecords(data, int64(h.len), h, 0)
		if err != nil {
			return
		}
		for _, r := range recs {
			if err := r.event.Validate(); err != nil {
				t.Fatalf("accepted an invalid event: %v", err)
			}
			if r.event.Kind.format() > h.format {
				t.Fatalf("accepted a %s event in a format %d segment", r.event.Kind, h.format)
			}
			again := appendRecord(nil, &r.event)
			if !bytes.Equal(again, data[r.offset:r.end]) {
				t.Fatalf("event at %d does not re-encode to its record", r.offset)
			}
		}
	})
}
