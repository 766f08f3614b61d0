package fsrs

import (
	"math"
	"math/rand/v2"
)

// Item is one review in a card's history: the review days since the card's
// previous review (0 for its first) and the rating. A history holds a card's
// first review of each day only, the reviews that move its memory state.
type Item struct {
	ElapsedDays int
	Rating      Rating
}

// History is one card's reviews, oldest first.
type History []Item

// Usable counts the reviews of hs that the model predicts: every review but
// a card's first.
func Usable(hs []History) int {
	n := 0
	for _, h := range hs {
		n += max(len(h)-1, 0)
	}
	return n
}

// LogLoss is the mean binary cross-entropy of the model's recall predictions
// (the scheduler's exact arithmetic) over the usable reviews of hs, recall
// being any rating but Again; NaN if there are none.
func (p Parameters) LogLoss(hs []History) float64 {
	sum, n := 0.0, 0
	for _, h := range hs {
		var m Memory
		for i, it := range h {
			if i > 0 {
				sum += crossEntropy(p.Retrievability(float64(it.ElapsedDays), m.Stability), it.Rating > Again)
				n++
			}
			m = p.Next(m, it.ElapsedDays, it.Rating)
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// crossEntropy is −log of the probability the prediction r gave to what
// happened, with r kept off 0 and 1.
func crossEntropy(r float64, recalled bool) float64 {
	r = clamp(r, 1e-6, 1-1e-6)
	if recalled {
		return -math.Log(r)
	}
	return -math.Log(1 - r)
}

// FitMode says how much of the model Optimize fitted.
type FitMode string

// The fit modes, by the number of usable reviews.
const (
	FitNone    FitMode = "none"    // fewer than MinReviewsInitial: parameters kept
	FitInitial FitMode = "initial" // fewer than MinReviewsFull: w0–w3 only
	FitFull    FitMode = "full"    // all 21 parameters
)

// Review counts that decide the fit mode.
const (
	MinReviewsInitial = 8
	MinReviewsFull    = 64
)

// Fit is what Optimize found.
type Fit struct {
	Mode        FitMode
	Usable      int        // reviews predicted
	Current     Parameters // the parameters before
	Fitted      Parameters // the parameters fitted (Current if Mode is FitNone)
	CurrentLoss float64    // log loss of Current
	FittedLoss  float64    // log loss of Fitted
	Improved    bool       // FittedLoss < CurrentLoss: Fitted should replace Current
}

// Best returns the parameters to keep: Fitted if it improved the log loss,
// else Current.
func (f Fit) Best() Parameters {
	if f.Improved {
		return f.Fitted
	}
	return f.Current
}

// Optimize fits the parameters to the histories, starting from current:
// none with fewer than 8 usable reviews, the initial stabilities w0–w3
// (one-dimensional fits per first rating) with fewer than 64, else those
// and then all 21 by gradient descent (Adam) on the binary cross-entropy,
// with an L2 pull toward the defaults weighted by each parameter's spread
// across users, clipped to Bounds after every step. The fit is reported as
// improved only if its log loss is lower than current's.
func Optimize(current Parameters, hs []History) Fit {
	f := Fit{Usable: Usable(hs), Current: current, Fitted: current}
	f.CurrentLoss = current.LogLoss(hs)
	f.FittedLoss = f.CurrentLoss
	if f.Usable < MinReviewsInitial {
		f.Mode = FitNone
		return f
	}
	f.Mode = FitInitial
	w := fitInitialStability(current, hs)
	if f.Usable >= MinReviewsFull {
		f.Mode = FitFull
		w = train(w, hs)
	}
	f.Fitted = w
	f.FittedLoss = w.LogLoss(hs)
	f.Improved = f.FittedLoss < f.CurrentLoss
	return f
}

// fitInitialStability sets w[g-1], for each first rating g with data, to the
// stability that best predicts the second reviews of the cards first rated
// g (a golden-section search on log S, which the loss is unimodal in).
func fitInitialStability(w Parameters, hs []History) Parameters {
	type obs struct {
		days     float64
		recalled bool
	}
	var byRating [4][]obs
	for _, h := range hs {
		if len(h) < 2 || !h[0].Rating.Valid() {
			continue
		}
		byRating[h[0].Rating-1] = append(byRating[h[0].Rating-1], obs{float64(h[1].ElapsedDays), h[1].Rating > Again})
	}
	def := DefaultParameters()
	for g, data := range byRating {
		if len(data) == 0 {
			continue
		}
		loss := func(logS float64) float64 {
			s := math.Exp(logS)
			sum := 0.0
			for _, o := range data {
				sum += crossEntropy(w.Retrievability(o.days, s), o.recalled)
			}
			// a pull toward the default, worth one review
			pull := (s - def[g]) / paramStddev[g]
			return sum + pull*pull
		}
		lo, hi := math.Log(0.1), math.Log(Bounds[g][1])
		const phi = 0.6180339887498949
		a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
		fa, fb := loss(a), loss(b)
		for range 60 {
			if fa < fb {
				hi, b, fb = b, a, fa
				a = hi - phi*(hi-lo)
				fa = loss(a)
			} else {
				lo, a, fa = a, b, fb
				b = lo + phi*(hi-lo)
				fb = loss(b)
			}
		}
		w[g] = math.Exp((lo + hi) / 2)
	}
	return w.Clip()
}

// paramStddev is each parameter's spread across users' fitted parameters,
// as fsrs-rs publishes it; the pull toward the defaults divides by it.
var paramStddev = [NumParameters]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
	1.03, 0.31, 0.32, 0.14, 0.27,
}

// Training settings, as fsrs-rs uses them, with at least minSteps steps so
// that a small log still moves the parameters.
const (
	learningRate = 4e-2
	batchReviews = 512
	minEpochs    = 5
	minSteps     = 150
	maxEpochs    = 50
	pullWeight   = 1.0
)

// train runs Adam over batches of whole cards in a fixed shuffled order.
func train(w Parameters, hs []History) Parameters {
	var batches [][]History
	var batch []History
	size := 0
	rng := rand.New(rand.NewPCG(2023, 19))
	order := rng.Perm(len(hs))
	for _, i := range order {
		if len(hs[i]) < 2 {
			continue
		}
		batch = append(batch, hs[i])
		size += len(hs[i]) - 1
		if size >= batchReviews {
			batches = append(batches, batch)
			batch, size = nil, 0
		}
	}
	if len(batch) > 0 {
		batches = append(batches, batch)
	}
	if len(batches) == 0 {
		return w
	}
	total := float64(Usable(hs))
	epochs := min(max(minEpochs, (minSteps+len(batches)-1)/len(batches)), maxEpochs)
	steps := epochs * len(batches)
	def := DefaultParameters()
	var m1, m2 [NumParameters]float64
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	step := 0
	for range epochs {
		for _, b := range batches {
			grad, n := batchGradient(w, b)
			if n == 0 {
				continue
			}
			step++
			// cosine annealing of the learning rate over the whole run
			lr := learningRate * 0.5 * (1 + math.Cos(math.Pi*float64(step-1)/float64(steps)))
			for i := range w {
				g := grad[i] / float64(n)
				// the pull toward the defaults, spread over the batches
				// in proportion to their size
				pull := (w[i] - def[i]) / paramStddev[i]
				g += pullWeight * 2 * pull / paramStddev[i] / total
				if math.IsNaN(g) || math.IsInf(g, 0) {
					continue
				}
				m1[i] = beta1*m1[i] + (1-beta1)*g
				m2[i] = beta2*m2[i] + (1-beta2)*g*g
				mh := m1[i] / (1 - math.Pow(beta1, float64(step)))
				vh := m2[i] / (1 - math.Pow(beta2, float64(step)))
				w[i] -= lr * mh / (math.Sqrt(vh) + eps)
			}
			w = w.Clip()
		}
	}
	return w
}

// batchGradient returns the summed cross-entropy's gradient over the usable
// reviews of the batch, and their number, on the smooth model (no rounding).
func batchGradient(w Parameters, batch []History) ([NumParameters]float64, int) {
	var wd [NumParameters]dual
	for i, v := range w {
		wd[i] = variable(v, i)
	}
	decay := wd[20].scale(-1)
	factor := constant(math.Log(0.9)).div(decay).exp().addConst(-1)
	// D0(4), the mean-reversion target
	target := wd[4].sub(wd[5].scale(3).exp()).addConst(1)
	var sum dual
	n := 0
	for _, h := range batch {
		var s, d dual
		for i, it := range h {
			g := it.Rating
			if !g.Valid() {
				g = Again
			}
			if i == 0 {
				s = wd[g-1]
				if s.v < 0.1 {
					s = constant(0.1)
				}
				d = wd[4].sub(wd[5].scale(float64(g-1)).exp()).addConst(1).clamp(1, 10)
				continue
			}
			t := float64(max(it.ElapsedDays, 0))
			r := factor.scale(t).div(s).addConst(1).pow(decay)
			rv := clamp(r.v, 1e-6, 1-1e-6)
			// d(−log p)/dr for the outcome
			if g > Again {
				sum = sum.add(r.scale(-1 / rv))
			} else {
				sum = sum.add(r.scale(1 / (1 - rv)))
			}
			n++
			oneMinusR := r.scale(-1).addConst(1)
			var next dual
			if g == Again {
				f := wd[11].mul(d.pow(wd[12].scale(-1))).
					mul(s.addConst(1).pow(wd[13]).addConst(-1)).
					mul(oneMinusR.mul(wd[14]).exp())
				next = minDual(f, s)
			} else {
				inc := wd[8].exp().mul(d.scale(-1).addConst(11)).
					mul(s.pow(wd[9].scale(-1))).
					mul(oneMinusR.mul(wd[10]).exp().addConst(-1))
				switch g {
				case Hard:
					inc = inc.mul(wd[15])
				case Easy:
					inc = inc.mul(wd[16])
				}
				next = s.mul(inc.addConst(1))
			}
			s = next.clamp(MinStability, MaxStability)
			delta := wd[6].scale(-float64(g - 3))
			nd := d.add(delta.mul(d.scale(-1).addConst(10)).scale(1.0 / 9))
			d = wd[7].mul(target).add(wd[7].scale(-1).addConst(1).mul(nd)).clamp(1, 10)
		}
	}
	return sum.d, n
}
