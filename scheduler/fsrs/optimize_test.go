package fsrs

import (
	"math"
	"math/rand/v2"
	"testing"
)

// simulate draws review histories from a known model: each card is reviewed
// when the model schedules it, give or take a random factor (so the log has
// early and late reviews, as a person's has), recalled with the model's
// probability, and rated Hard, Good or Easy when recalled.
func simulate(p Parameters, reviews int, seed uint64) []History {
	rng := rand.New(rand.NewPCG(seed, 19))
	m := Model{W: p, DesiredRetention: 0.9, MaximumInterval: DefaultMaximumInterval}
	rate := func(recalled bool) Rating {
		if !recalled {
			return Again
		}
		switch u := rng.Float64(); {
		case u < 0.15:
			return Hard
		case u < 0.9:
			return Good
		}
		return Easy
	}
	var hs []History
	total := 0
	for total < reviews {
		g := Ratings[rng.IntN(4)]
		h := History{{0, g}}
		mem := p.Next(Memory{}, 0, g)
		ivl := m.Interval(mem.Stability)
		for len(h) < 12 && total+len(h)-1 < reviews {
			t := max(1, int(math.Round(float64(ivl)*(0.5+rng.Float64()*1.5))))
			recalled := rng.Float64() < p.Retrievability(float64(t), mem.Stability)
			g := rate(recalled)
			c := m.Review(mem, t, g)
			h = append(h, Item{t, g})
			mem, ivl = c.Memory, c.IntervalDays
		}
		total += len(h) - 1
		hs = append(hs, h)
	}
	return hs
}

// trueParameters are a plausible user's parameters, away from the defaults.
func trueParameters() Parameters {
	p := DefaultParameters()
	p[0], p[1], p[2], p[3] = 1.5, 4.0, 9, 30
	p[4], p[6] = 5.5, 2.2
	p[8], p[9], p[10] = 1.2, 0.3, 1.3
	p[11], p[14] = 2.5, 1.0
	p[15], p[16] = 0.4, 2.4
	p[20] = 0.5
	return p
}

func TestOptimizeRecoversKnownParameters(t *testing.T) {
	truth := trueParameters()
	hs := simulate(truth, 2000, 1)
	if n := Usable(hs); n != 2000 {
		t.Fatalf("%d usable reviews, want 2000", n)
	}
	fit := Optimize(DefaultParameters(), hs)
	trueLoss := truth.LogLoss(hs)
	t.Logf("true %.4f, defaults %.4f, fitted %.4f (%s)", trueLoss, fit.CurrentLoss, fit.FittedLoss, fit.Mode)
	// The test means something only if the defaults miss the 1%.
	if fit.CurrentLoss <= trueLoss*1.01 {
		t.Fatalf("defaults' log loss %.4f is already within 1%% of the truth's %.4f", fit.CurrentLoss, trueLoss)
	}
	if fit.Mode != FitFull || !fit.Improved {
		t.Fatalf("fit %+v", fit)
	}
	if fit.FittedLoss > trueLoss*1.01 {
		t.Errorf("fitted log loss %.4f is more than 1%% above the true parameters' %.4f", fit.FittedLoss, trueLoss)
	}
	if err := fit.Fitted.Validate(); err != nil {
		t.Error(err)
	}
}

func TestOptimizeModes(t *testing.T) {
	truth := trueParameters()
	for _, c := range []struct {
		reviews int
		mode    FitMode
	}{{0, FitNone}, {7, FitNone}, {8, FitInitial}, {63, FitInitial}, {64, FitFull}} {
		hs := simulate(truth, c.reviews, 3)
		fit := Optimize(DefaultParameters(), hs)
		if fit.Mode != c.mode || fit.Usable != c.reviews {
			t.Errorf("%d reviews: mode %s (%d usable), want %s", c.reviews, fit.Mode, fit.Usable, c.mode)
		}
		switch fit.Mode {
		case FitNone:
			if fit.Fitted != DefaultParameters() || fit.Improved {
				t.Errorf("%d reviews: parameters changed", c.reviews)
			}
		case FitInitial:
			if def := DefaultParameters(); [17]float64(fit.Fitted[4:]) != [17]float64(def[4:]) {
				t.Errorf("%d reviews: more than w0-w3 changed: %v", c.reviews, fit.Fitted)
			}
		}
		if fit.Improved && !(fit.FittedLoss < fit.CurrentLoss) {
			t.Errorf("%d reviews: improved with %v >= %v", c.reviews, fit.FittedLoss, fit.CurrentLoss)
		}
		if !fit.Improved && fit.Best() != fit.Current {
			t.Errorf("%d reviews: Best is not Current", c.reviews)
		}
	}
}

// TestOptimizeKeepsBetterParameters: starting from the true parameters the
// fit cannot be much better, and is kept only if it is better at all.
func TestOptimizeKeepsBetterParameters(t *testing.T) {
	truth := trueParameters()
	hs := simulate(truth, 500, 5)
	fit := Optimize(truth, hs)
	if fit.Improved != (fit.FittedLoss < fit.CurrentLoss) {
		t.Fatalf("Improved %v with %v vs %v", fit.Improved, fit.FittedLoss, fit.CurrentLoss)
	}
}

// TestGradientMatchesFiniteDifferences checks the automatic derivatives
// against central differences of the smooth loss.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	hs := simulate(trueParameters(), 300, 7)
	w := DefaultParameters()
	grad, _ := batchGradient(w, hs)
	loss := func(w Parameters) float64 {
		v, _ := batchGradientValue(w, hs)
		return v
	}
	for i := range w {
		h := 1e-6 * max(1, math.Abs(w[i]))
		up, down := w, w
		up[i] += h
		down[i] -= h
		num := (loss(up) - loss(down)) / (2 * h)
		if math.Abs(num-grad[i]) > 1e-3*max(1, math.Abs(num)) {
			t.Errorf("w%d: gradient %v, finite difference %v", i, grad[i], num)
		}
	}
}

// batchGradientValue is the summed smooth cross-entropy that batchGradient
// differentiates, computed without derivatives.
func batchGradientValue(w Parameters, hs []History) (float64, int) {
	sum, n := 0.0, 0
	decay := -w[20]
	factor := math.Exp(math.Log(0.9)/decay) - 1
	target := w[4] - math.Exp(3*w[5]) + 1
	for _, h := range hs {
		var s, d float64
		for i, it := range h {
			g := it.Rating
			if i == 0 {
				s = max(w[g-1], 0.1)
				d = clamp(w[4]-math.Exp(float64(g-1)*w[5])+1, 1, 10)
				continue
			}
			r := math.Pow(1+factor*float64(it.ElapsedDays)/s, decay)
			sum += crossEntropy(r, g > Again)
			n++
			if g == Again {
				f := w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp((1-r)*w[14])
				s = min(f, s)
			} else {
				hb := 1.0
				if g == Hard {
					hb = w[15]
				} else if g == Easy {
					hb = w[16]
				}
				s = s * (1 + math.Exp(w[8])*(11-d)*math.Pow(s, -w[9])*(math.Exp((1-r)*w[10])-1)*hb)
			}
			s = clamp(s, MinStability, MaxStability)
			nd := d + (-w[6]*float64(g-3))*(10-d)/9
			d = clamp(w[7]*target+(1-w[7])*nd, 1, 10)
		}
	}
	return sum, n
}

func BenchmarkOptimize100k(b *testing.B) {
	hs := simulate(trueParameters(), 100000, 11)
	b.ResetTimer()
	for range b.N {
		Optimize(DefaultParameters(), hs)
	}
}
