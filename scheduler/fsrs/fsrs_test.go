package fsrs

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// vectorFile is what testdata/genvectors.cjs writes from ts-fsrs.
type vectorFile struct {
	Generator string `json:"generator"`
	Sequences []struct {
		W                []float64 `json:"w"`
		DesiredRetention float64   `json:"desired_retention"`
		MaximumInterval  int       `json:"maximum_interval"`
		Reviews          []struct {
			Timing         string     `json:"timing"`
			ElapsedDays    int        `json:"elapsed_days"`
			Rating         Rating     `json:"rating"`
			Retrievability *float64   `json:"retrievability"`
			Intervals      [4]int     `json:"intervals"`
			Stabilities    [4]float64 `json:"stabilities"`
			Difficulties   [4]float64 `json:"difficulties"`
			Stability      float64    `json:"stability"`
			Difficulty     float64    `json:"difficulty"`
			Interval       int        `json:"interval"`
		} `json:"reviews"`
	} `json:"sequences"`
}

// TestAgreesWithTSFSRS replays every ts-fsrs sequence: the intervals of all
// four ratings must match to the day, D and S to 1e-4.
func TestAgreesWithTSFSRS(t *testing.T) {
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vf vectorFile
	if err := json.Unmarshal(data, &vf); err != nil {
		t.Fatal(err)
	}
	if len(vf.Sequences) < 500 {
		t.Fatalf("only %d sequences", len(vf.Sequences))
	}
	const tol = 1e-4
	timings := map[string]int{}
	for n, seq := range vf.Sequences {
		var m Model
		copy(m.W[:], seq.W)
		m.DesiredRetention = seq.DesiredRetention
		m.MaximumInterval = seq.MaximumInterval
		var mem Memory
		for i, rv := range seq.Reviews {
			timings[rv.Timing]++
			if rv.Retrievability != nil {
				if r := m.W.Retrievability(float64(rv.ElapsedDays), mem.Stability); math.Abs(r-*rv.Retrievability) > tol {
					t.Fatalf("sequence %d review %d: R = %.8f, ts-fsrs %.8f", n, i, r, *rv.Retrievability)
				}
			}
			pv := m.Preview(mem, rv.ElapsedDays)
			for k, c := range pv {
				if c.IntervalDays != rv.Intervals[k] ||
					math.Abs(c.Memory.Stability-rv.Stabilities[k]) > tol ||
					math.Abs(c.Memory.Difficulty-rv.Difficulties[k]) > tol {
					t.Fatalf("sequence %d review %d (%s, %d days) rating %v: got %dd S=%.8f D=%.8f, ts-fsrs %dd S=%.8f D=%.8f",
						n, i, rv.Timing, rv.ElapsedDays, Ratings[k], c.IntervalDays, c.Memory.Stability, c.Memory.Difficulty,
						rv.Intervals[k], rv.Stabilities[k], rv.Difficulties[k])
				}
			}
			got := m.Review(mem, rv.ElapsedDays, rv.Rating)
			if got.IntervalDays != rv.Interval || math.Abs(got.Memory.Stability-rv.Stability) > tol || math.Abs(got.Memory.Difficulty-rv.Difficulty) > tol {
				t.Fatalf("sequence %d review %d: got %+v, ts-fsrs %dd S=%v D=%v", n, i, got, rv.Interval, rv.Stability, rv.Difficulty)
			}
			// Next (the state alone) must agree with the preview.
			if next := m.W.Next(mem, rv.ElapsedDays, rv.Rating); next != got.Memory {
				t.Fatalf("sequence %d review %d: Next %+v, Preview %+v", n, i, next, got.Memory)
			}
			mem = got.Memory
		}
	}
	for _, timing := range []string{"new", "on-time", "early", "late"} {
		if timings[timing] == 0 {
			t.Errorf("no %s reviews in the vectors", timing)
		}
	}
}

func TestForgettingCurve(t *testing.T) {
	p := DefaultParameters()
	for _, s := range []float64{0.5, 3, 40, 1000} {
		if r := p.Retrievability(s, s); math.Abs(r-0.9) > 1e-7 {
			t.Errorf("R(S, S) for S=%v = %v, want 0.9", s, r)
		}
		if r := p.Retrievability(0, s); r != 1 {
			t.Errorf("R(0, %v) = %v, want 1", s, r)
		}
	}
	m := DefaultModel()
	if got := m.Interval(10); got != 10 {
		t.Errorf("interval at S=10, 90%% = %d, want 10", got)
	}
}

func TestJSRound(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{2.5, 3}, {-2.5, -2}, {-2.6, -3}, {0.49999999999999994, 0}, {-0.5, -0}, {7, 7},
	} {
		if got := jsRound(c.in); got != c.want {
			t.Errorf("jsRound(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultModel().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := DefaultModel()
	bad.W[20] = 0.05
	if err := bad.Validate(); err == nil {
		t.Error("w20 = 0.05 accepted")
	}
	bad = DefaultModel()
	bad.DesiredRetention = 0.5
	if err := bad.Validate(); err == nil {
		t.Error("retention 0.5 accepted")
	}
	w := DefaultParameters()
	w[3] = math.NaN()
	w[9] = 7
	c := w.Clip()
	if c[3] != DefaultParameters()[3] || c[9] != 0.8 {
		t.Errorf("Clip: w3 %v w9 %v", c[3], c[9])
	}
}
