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
	seg = appendHeader(seg, "laptop", 1)
	for s := uint64(1); s <= 3; s++ {
		e := review("laptop", s)
		seg = appendRecord(seg, &e)
	}
	f.Add(seg)
	f.Add(seg[:len(seg)-5])
	f.Add(appendHeader(nil, "x", 7))
	f.Add([]byte("RCLJ\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dev, _, n, err := parseHeader(data)
		if err != nil {
			return
		}
		recs, _, err := scanRecords(data, int64(n), dev, 0)
		if err != nil {
			return
		}
		for _, r := range recs {
			if err := r.event.Validate(); err != nil {
				t.Fatalf("accepted an invalid event: %v", err)
			}
			again := appendRecord(nil, &r.event)
			if !bytes.Equal(again, data[r.offset:r.end]) {
				t.Fatalf("event at %d does not re-encode to its record", r.offset)
			}
		}
	})
}
