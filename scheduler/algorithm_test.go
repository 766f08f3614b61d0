package scheduler

import (
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler/fsrs"
)

func TestRatingOf(t *testing.T) {
	want := []fsrs.Rating{fsrs.Again, fsrs.Again, fsrs.Again, fsrs.Hard, fsrs.Good, fsrs.Easy}
	for q, r := range want {
		if got := RatingOf(Grade(q)); got != r {
			t.Errorf("grade %d: %v, want %v", q, got, r)
		}
		if q >= 3 && RatingOf(GradeOf(r)) != r {
			t.Errorf("GradeOf(%v) does not map back", r)
		}
	}
}

func fsrsSettings() Settings {
	cfg := DefaultSettings()
	cfg.Location = time.UTC
	cfg.Decks = cfg.Decks.With("d", DeckScheduling{Algorithm: FSRS})
	return cfg
}

// TestFSRSOncePerDay: a failed card is re-drilled in the session; the
// same-day passes are logged but move neither D nor S, nor the due day.
func TestFSRSOncePerDay(t *testing.T) {
	cfg := fsrsSettings()
	day := func(n int, h int) time.Time { return time.Date(2026, 5, 1+n, h, 0, 0, 0, time.UTC) }
	m := fsrs.DefaultModel()
	s, out, err := ReviewIn("d", NewState(), 4, day(0, 10), cfg)
	if err != nil || out.Again || s.Algorithm != FSRS || s.Reps != 1 {
		t.Fatalf("first Good: %+v %+v %v", s, out, err)
	}
	first := m.Review(fsrs.Memory{}, 0, fsrs.Good)
	if s.Stability != first.Memory.Stability || s.IntervalDays != first.IntervalDays || !s.Due.Equal(day(first.IntervalDays, 4)) {
		t.Fatalf("first Good: %+v, want %+v", s, first)
	}
	// Again on the due day: a step, a lapse, a re-drill
	failAt := day(first.IntervalDays, 9)
	s, out, _ = ReviewIn("d", s, 1, failAt, cfg)
	want := m.Review(first.Memory, first.IntervalDays, fsrs.Again)
	if !out.Again || !out.Lapsed || !s.Redrill || s.Stability != want.Memory.Stability || s.IntervalDays != want.IntervalDays {
		t.Fatalf("Again: %+v %+v, want %+v", s, out, want)
	}
	if q, ok := s.QueueTime(); !ok || q.After(failAt) {
		t.Errorf("failed card does not queue at once: %v", q)
	}
	// the same-day passes: Again again, then Good
	for _, q := range []Grade{0, 4} {
		next, out, _ := ReviewIn("d", s, q, failAt.Add(time.Hour), cfg)
		if next.Stability != s.Stability || next.Difficulty != s.Difficulty || !next.Due.Equal(s.Due) || next.Lapses != s.Lapses {
			t.Errorf("same-day grade %d moved the state: %+v -> %+v", q, s, next)
		}
		if out.Again != (q < 3) || next.Redrill != (q < 3) {
			t.Errorf("same-day grade %d: again %v redrill %v", q, out.Again, next.Redrill)
		}
		s = next
	}
	// the next day counts one day since the failure
	next, _, _ := ReviewIn("d", s, 4, failAt.Add(24*time.Hour), cfg)
	if want := m.Review(want.Memory, 1, fsrs.Good); next.Stability != want.Memory.Stability {
		t.Errorf("next day: S %v, want %v", next.Stability, want.Memory.Stability)
	}
}

// TestSM2UnchangedThroughTheSeam: a deck without a setting is SM-2, review
// for review.
func TestSM2UnchangedThroughTheSeam(t *testing.T) {
	cfg := fsrsSettings()
	a, b := NewState(), NewState()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for i, q := range []Grade{4, 5, 3, 4, 2, 4, 5} {
		var err error
		if a, _, err = ReviewIn("other", a, q, now, cfg); err != nil {
			t.Fatal(err)
		}
		b, _, _ = Review(b, q, now, cfg)
		if a != b {
			t.Fatalf("review %d: %+v, SM-2 gives %+v", i, a, b)
		}
		now = now.AddDate(0, 0, max(a.IntervalDays, 1))
	}
}

func TestPreviewIntervals(t *testing.T) {
	cfg := fsrsSettings()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	opts := Preview("d", NewState(), now, cfg)
	pv := fsrs.DefaultModel().Preview(fsrs.Memory{}, 0)
	for i, o := range opts {
		if o.IntervalDays != pv[i].IntervalDays {
			t.Errorf("%s: %dd, want %dd", o.Label, o.IntervalDays, pv[i].IntervalDays)
		}
	}
	sm2 := Preview("other", NewState(), now, cfg)
	if len(sm2) != 4 || sm2[0].IntervalDays != 0 || sm2[2].IntervalDays != 1 {
		t.Errorf("SM-2 preview of a new card: %+v", sm2)
	}
}

func TestEase(t *testing.T) {
	sm2 := State{EF: 236, LastReview: time.Unix(1, 0)}
	if sm2.Ease() != 236 {
		t.Errorf("SM-2 ease %v", sm2.Ease())
	}
	for _, c := range []struct {
		d    float64
		want EF
	}{{1, 250}, {10, 130}, {5.5, 190}, {0.2, 250}} {
		s := State{EF: 250, Algorithm: FSRS, Difficulty: c.d, Stability: 3, LastReview: time.Unix(1, 0)}
		if got := s.Ease(); got != c.want {
			t.Errorf("D %v: ease %v, want %v", c.d, got, c.want)
		}
	}
}
