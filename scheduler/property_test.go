package scheduler

import (
	"math/rand/v2"
	"testing"
	"time"
)

// checkHistory replays a history of reviews and checks what must hold for
// every sequence of grades. Each step's low digit (mod 6) is the grade; the
// rest picks when the review happens: minutes later, on the due day, or a
// month later.
func checkHistory(t *testing.T, steps []byte) {
	t.Helper()
	cfg := DefaultSettings()
	cfg.Location = time.FixedZone("UTC+5:30", 5*3600+1800)
	s := NewState()
	now := time.Date(2024, 12, 30, 22, 15, 0, 0, time.UTC)
	leechReports := 0
	for i, b := range steps {
		q := Grade(b % 6)
		switch (b / 6) % 3 {
		case 0:
			now = now.Add(10 * time.Minute)
		case 1:
			if qt, ok := s.QueueTime(); ok && qt.After(now) {
				now = qt.Add(time.Duration(b) * time.Minute)
			}
		case 2:
			now = now.AddDate(0, 1, 0)
		}
		prev := s
		next, out, err := Review(s, q, now, cfg)
		if err != nil {
			t.Fatalf("step %d: grade %d: %v", i, q, err)
		}
		s = next
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("step %d, grade %d at %v\nprev %+v\nnext %+v\n"+format, append([]any{i, q, now, prev, next}, args...)...)
		}

		if next.EF < MinimumEF {
			fail("EF below the floor")
		}
		if (next.EF-InitialEF)%2 != 0 {
			fail("EF is not a multiple of 0.02 away from 2.5")
		}
		if next.IntervalDays < 0 || next.IntervalDays > MaxIntervalDays || next.Reps < 0 {
			fail("interval or reps out of range")
		}
		if !next.LastReview.Equal(now) || next.IsNew() {
			fail("last review not recorded")
		}
		if next.Lapses < prev.Lapses || next.Lapses > prev.Lapses+1 || out.Lapsed != (next.Lapses == prev.Lapses+1) {
			fail("lapses moved wrongly (outcome %+v)", out)
		}
		if out.BecameLeech {
			leechReports++
			if !next.Leech || !next.Suspended || next.Lapses < cfg.LeechLapses {
				fail("leech reported without the mark")
			}
		}
		if next.Leech != (next.Lapses >= cfg.LeechLapses) {
			fail("leech mark disagrees with %d lapses", next.Lapses)
		}
		if qt, ok := next.QueueTime(); out.Again && !next.Suspended && (!ok || qt.After(now)) {
			fail("a card to repeat is not queued now (%v, %v)", qt, ok)
		}

		switch {
		case prev.Redrill:
			if next.Reps != prev.Reps || next.EF != prev.EF || next.IntervalDays != prev.IntervalDays || !next.Due.Equal(prev.Due) {
				fail("a re-drill changed the schedule")
			}
			if next.Redrill != (q < 4) || out.Again != (q < 4) || out.Lapsed {
				fail("re-drill flag or outcome wrong: %+v", out)
			}
		case q >= 3:
			if next.Reps != prev.Reps+1 || next.IntervalDays < 1 {
				fail("success did not advance")
			}
			if prev.Reps >= 2 && next.IntervalDays < prev.IntervalDays {
				fail("interval shrank on success")
			}
			if due := next.Due.In(cfg.Location); due.Hour() != cfg.RolloverHour || due.Minute() != 0 {
				fail("due at %v, not at the rollover hour", due)
			}
			if !next.Due.Equal(cfg.AddDays(cfg.DayStart(now), next.IntervalDays)) {
				fail("due is not I days after today")
			}
			if next.Redrill != (q == 3) || out.Again != (q == 3) {
				fail("re-drill flag wrong for grade %d", q)
			}
		default:
			if next.Reps != 0 || next.IntervalDays != 0 || next.EF != prev.EF || !next.Due.Equal(now) || next.Redrill || !out.Again {
				fail("failure did not reset")
			}
			if out.Lapsed != (prev.Reps > 0) {
				fail("lapse counted wrongly")
			}
		}
	}
	if leechReports > 1 {
		t.Fatalf("BecameLeech reported %d times", leechReports)
	}
}

func TestReviewProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		steps := make([]byte, 1+rng.IntN(60))
		for i := range steps {
			steps[i] = byte(rng.UintN(256))
		}
		checkHistory(t, steps)
	}
	// Runs of a single grade, the extremes.
	for q := range byte(6) {
		steps := make([]byte, 40)
		for i := range steps {
			steps[i] = 6 + q // reviewed on the due day, grade q
		}
		checkHistory(t, steps)
	}
}

func FuzzReview(f *testing.F) {
	f.Add([]byte{5, 5, 5, 5, 5, 5})
	f.Add([]byte{9, 9, 10, 3, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0})
	f.Add([]byte{3, 3, 4, 17, 2, 29, 11})
	f.Fuzz(func(t *testing.T, steps []byte) {
		if len(steps) > 500 {
			steps = steps[:500]
		}
		checkHistory(t, steps)
	})
}
