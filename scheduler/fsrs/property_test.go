package fsrs

import (
	"math/rand/v2"
	"testing"
)

// TestIntervalGrowsWithStability: for any parameters in bounds and any
// retention, a more stable card never gets a shorter interval.
func TestIntervalGrowsWithStability(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 19))
	for range 2000 {
		m := randomModel(rng)
		s1 := 0.1 + rng.Float64()*500
		s2 := s1 * (1 + rng.Float64())
		if a, b := m.Interval(s1), m.Interval(s2); a > b {
			t.Fatalf("%+v: S=%v gives %dd, S=%v gives %dd", m, s1, a, s2, b)
		}
	}
}

// TestIntervalShrinksWithRetention: asking for higher retention never gives
// a longer interval.
func TestIntervalShrinksWithRetention(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 19))
	for range 2000 {
		m := randomModel(rng)
		s := 0.1 + rng.Float64()*500
		lo := m
		lo.DesiredRetention = MinDesiredRetention + rng.Float64()*(MaxDesiredRetention-MinDesiredRetention)
		hi := lo
		hi.DesiredRetention = min(lo.DesiredRetention+rng.Float64()*0.1, MaxDesiredRetention)
		if a, b := lo.Interval(s), hi.Interval(s); a < b {
			t.Fatalf("S=%v: retention %v gives %dd, %v gives %dd", s, lo.DesiredRetention, a, hi.DesiredRetention, b)
		}
	}
}

// TestPreviewKeepsRatingsApart: Again < Hard < Good < Easy for any state.
func TestPreviewKeepsRatingsApart(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 19))
	for range 2000 {
		m := randomModel(rng)
		mem := Memory{}
		if rng.IntN(4) > 0 {
			mem = Memory{Difficulty: 1 + 9*rng.Float64(), Stability: 0.01 + rng.Float64()*300}
		}
		pv := m.Preview(mem, 1+rng.IntN(400))
		for i := 1; i < 4; i++ {
			if pv[i].IntervalDays <= pv[i-1].IntervalDays {
				t.Fatalf("%+v: intervals %v", mem, pv)
			}
		}
		for _, c := range pv {
			if c.Memory.Difficulty < 1 || c.Memory.Difficulty > 10 || c.Memory.Stability < MinStability || c.Memory.Stability > MaxStability {
				t.Fatalf("state out of range: %+v", c.Memory)
			}
		}
	}
}

func randomModel(rng *rand.Rand) Model {
	m := DefaultModel()
	for i := range m.W {
		lo, hi := Bounds[i][0], Bounds[i][1]
		m.W[i] = lo + rng.Float64()*(hi-lo)
	}
	m.DesiredRetention = MinDesiredRetention + rng.Float64()*(MaxDesiredRetention-MinDesiredRetention)
	m.MaximumInterval = 1 + rng.IntN(DefaultMaximumInterval)
	return m
}
