package stats

import (
	"bytes"
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler"
)

func TestStreakIndexEncoding(t *testing.T) {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	x := NewStreakIndex(cfg)
	base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i, gap := range []int{0, 1, 1, 3, 1, 40} {
		base = base.Add(time.Duration(gap) * 24 * time.Hour)
		prev := time.Time{}
		if i%2 == 1 {
			prev = base.Add(-48 * time.Hour)
		}
		x.Add(base, prev)
	}
	x.SetNewest(77, base, scheduler.Grade(4))
	b := x.Encode()
	y, err := DecodeStreakIndex(b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(y.Encode(), b) || !y.Covers(77, base, 4) || y.Covers(77, base.Add(time.Nanosecond), 4) || y.Covers(76, base, 4) {
		t.Errorf("decoded index differs: %x, want %x", y.Encode(), b)
	}
	for _, now := range []time.Time{base, base.Add(24 * time.Hour), base.Add(72 * time.Hour)} {
		if got, want := y.Streak(now, time.Time{}), x.Streak(now, time.Time{}); got != want {
			t.Errorf("streak at %s: decoded %d, original %d", now, got, want)
		}
	}
	other := cfg
	other.RolloverHour = 5
	if _, err := DecodeStreakIndex(b, other); err == nil {
		t.Error("an index drawn with another rollover hour was taken")
	}
	other = cfg
	other.Location = time.FixedZone("UTC", 3600) // same name, another offset
	if _, err := DecodeStreakIndex(b, other); err == nil {
		t.Error("an index drawn in another zone of the same name was taken")
	}
	for i := range len(b) {
		if _, err := DecodeStreakIndex(b[:i], cfg); err == nil {
			t.Errorf("the first %d of %d bytes were taken for an index", i, len(b))
		}
	}
}

func FuzzDecodeStreakIndex(f *testing.F) {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	x := NewStreakIndex(cfg)
	x.Add(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Time{})
	x.SetNewest(1, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), 4)
	f.Add(x.Encode())
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		y, err := DecodeStreakIndex(b, cfg)
		if err != nil {
			return
		}
		y.Streak(time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), time.Time{})
		if z, err := DecodeStreakIndex(y.Encode(), cfg); err != nil || !bytes.Equal(z.Encode(), y.Encode()) {
			t.Fatalf("re-encoded index does not read back: %v", err)
		}
	})
}
