package scheduler

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/recallcards/recall/scheduler/fsrs"
)

// Event is one logged review as the replaying functions need it.
type Event struct {
	Card  string
	Time  time.Time
	Grade Grade
}

// cardEvents groups events by card, each card's in time order (stable, so
// the log's order breaks ties), cards in order of their first review.
func cardEvents(events []Event) [][]Event {
	index := make(map[string]int)
	var cards [][]Event
	for _, e := range events {
		i, ok := index[e.Card]
		if !ok {
			i = len(cards)
			index[e.Card] = i
			cards = append(cards, nil)
		}
		cards[i] = append(cards[i], e)
	}
	for _, c := range cards {
		slices.SortStableFunc(c, func(a, b Event) int { return a.Time.Compare(b.Time) })
	}
	return cards
}

// Histories turns logged reviews into FSRS's histories: per card, the first
// review of each review day (same-day reviews do not move FSRS's memory
// state), with the review days since the card's previous one. Events with
// a grade out of range are left out.
func Histories(events []Event, cfg Settings) []fsrs.History {
	var out []fsrs.History
	for _, c := range cardEvents(events) {
		if h := history(c, cfg); len(h) > 0 {
			out = append(out, h)
		}
	}
	return out
}

func history(c []Event, cfg Settings) fsrs.History {
	var h fsrs.History
	var last time.Time
	for _, e := range c {
		if !e.Grade.Valid() {
			continue
		}
		elapsed := 0
		if len(h) > 0 {
			elapsed = cfg.DaysBetween(last, e.Time)
			if elapsed < 1 {
				continue
			}
		}
		h = append(h, fsrs.Item{ElapsedDays: elapsed, Rating: RatingOf(e.Grade)})
		last = e.Time
	}
	return h
}

// Metrics are how well a scheduler's recall predictions match what
// happened: log loss (mean cross-entropy, lower is better), RMSE over
// probability bins (calibration, lower is better) and AUC (discrimination:
// the chance a recalled review was given a higher probability than a
// forgotten one; higher is better, 0.5 is chance).
type Metrics struct {
	LogLoss  float64 `json:"log_loss"`
	RMSEBins float64 `json:"rmse_bins"`
	AUC      float64 `json:"auc"`
}

// Comparison is Compare's result.
type Comparison struct {
	Reviews     int     `json:"reviews"` // reviews predicted by every scheduler
	Cards       int     `json:"cards"`
	SM2         Metrics `json:"sm2"`
	FSRSDefault Metrics `json:"fsrs_default"`
	FSRSFitted  Metrics `json:"fsrs_fitted"`
}

// Folds of Compare's time-series split.
const compareFolds = 5

// Compare replays the events in time order and, for each card's first review
// of a day after its first review day, takes each scheduler's probability
// of recall before the answer (recall: any grade but Again):
//
//   - SM-2: the conversion the FSRS optimizer and srs-benchmark use for an
//     algorithm that gives intervals, not probabilities: R = 0.9^(t/I),
//     with I the interval SM-2 had scheduled (at least 1 day) and t the
//     days since the review that scheduled it. That is, SM-2 is taken to
//     aim at 90% recall at the due day, on an exponential curve.
//   - FSRS-6 with the default parameters.
//   - FSRS-6 fitted by fsrs.Optimize on earlier reviews only: the reviews
//     are cut by time into five folds; each fold from the second on is
//     predicted with parameters fitted to the folds before it. The first
//     fold is not scored, for any scheduler, so all three are scored on the
//     same reviews.
func Compare(events []Event, cfg Settings) Comparison {
	type pred struct {
		when         time.Time
		recalled     bool
		sm2, fsrsDef float64
		card, index  int // the review's card and its place in the card's history
	}
	cards := cardEvents(events)
	hs := make([]fsrs.History, len(cards))
	times := make([][]time.Time, len(cards))
	var preds []pred
	def := fsrs.DefaultParameters()
	for ci, c := range cards {
		sm2 := NewState()
		var mem fsrs.Memory
		var last time.Time
		for _, e := range c {
			if !e.Grade.Valid() {
				continue
			}
			elapsed := 0
			first := len(hs[ci]) == 0
			if !first {
				elapsed = cfg.DaysBetween(last, e.Time)
			}
			if first || elapsed >= 1 {
				if !first {
					ivl := float64(max(sm2.IntervalDays, 1))
					preds = append(preds, pred{
						when: e.Time, recalled: e.Grade >= 3,
						sm2:     math.Pow(0.9, float64(elapsed)/ivl),
						fsrsDef: def.Retrievability(float64(elapsed), mem.Stability),
						card:    ci, index: len(hs[ci]),
					})
				}
				r := RatingOf(e.Grade)
				hs[ci] = append(hs[ci], fsrs.Item{ElapsedDays: elapsed, Rating: r})
				times[ci] = append(times[ci], e.Time)
				mem = def.Next(mem, elapsed, r)
				last = e.Time
			}
			sm2, _, _ = Review(sm2, e.Grade, e.Time, cfg)
		}
	}
	slices.SortStableFunc(preds, func(a, b pred) int { return a.when.Compare(b.when) })
	out := Comparison{}
	if len(preds) == 0 {
		return out
	}
	// fold k holds preds[bounds[k]:bounds[k+1]]
	bounds := make([]int, compareFolds+1)
	for k := range bounds {
		bounds[k] = k * len(preds) / compareFolds
	}
	var sm2P, defP, fitP []float64
	var ys []bool
	cardsSeen := make(map[int]bool)
	for k := 1; k < compareFolds; k++ {
		fold := preds[bounds[k]:bounds[k+1]]
		if len(fold) == 0 {
			continue
		}
		cut := fold[0].when
		// the histories as they stood before the fold
		var train []fsrs.History
		for ci, h := range hs {
			n, _ := slices.BinarySearchFunc(times[ci], cut, func(t, c time.Time) int { return cmp.Compare(t.UnixNano(), c.UnixNano()) })
			if n > 0 {
				train = append(train, h[:n])
			}
		}
		w := fsrs.Optimize(def, train).Best()
		// each card's memory before each of its reviews, replayed once
		// per fold with the fitted parameters
		before := make(map[int][]fsrs.Memory)
		for _, p := range fold {
			mems := before[p.card]
			h := hs[p.card]
			for len(mems) <= p.index {
				var m fsrs.Memory
				if i := len(mems); i > 0 {
					m = w.Next(mems[i-1], h[i-1].ElapsedDays, h[i-1].Rating)
				}
				mems = append(mems, m)
			}
			before[p.card] = mems
			fitP = append(fitP, w.Retrievability(float64(h[p.index].ElapsedDays), mems[p.index].Stability))
			sm2P = append(sm2P, p.sm2)
			defP = append(defP, p.fsrsDef)
			ys = append(ys, p.recalled)
			cardsSeen[p.card] = true
		}
	}
	out.Reviews, out.Cards = len(ys), len(cardsSeen)
	out.SM2 = metrics(sm2P, ys)
	out.FSRSDefault = metrics(defP, ys)
	out.FSRSFitted = metrics(fitP, ys)
	return out
}

// metricBins is the number of equal-width probability bins of RMSEBins.
const metricBins = 20

// metrics computes log loss, RMSE over probability bins (the root of the
// review-weighted mean squared gap between each bin's mean prediction and
// its recall rate) and AUC (Mann-Whitney, ties counted half).
func metrics(p []float64, y []bool) Metrics {
	n := len(p)
	if n == 0 {
		return Metrics{LogLoss: math.NaN(), RMSEBins: math.NaN(), AUC: math.NaN()}
	}
	var m Metrics
	var binP, binY, binN [metricBins]float64
	for i, v := range p {
		r := min(max(v, 1e-6), 1-1e-6)
		yv := 0.0
		if y[i] {
			yv = 1
			m.LogLoss -= math.Log(r)
		} else {
			m.LogLoss -= math.Log(1 - r)
		}
		b := min(int(v*metricBins), metricBins-1)
		b = max(b, 0)
		binP[b] += v
		binY[b] += yv
		binN[b]++
	}
	m.LogLoss /= float64(n)
	sq := 0.0
	for b := range binN {
		if binN[b] > 0 {
			d := binP[b]/binN[b] - binY[b]/binN[b]
			sq += binN[b] * d * d
		}
	}
	m.RMSEBins = math.Sqrt(sq / float64(n))
	m.AUC = auc(p, y)
	return m
}

// auc is the area under the ROC curve: the Mann-Whitney U of the recalled
// reviews' predictions over the forgotten ones', ties counted half; NaN if
// either class is empty.
func auc(p []float64, y []bool) float64 {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	var pos, neg, rankSum float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && p[idx[j]] == p[idx[i]] {
			j++
		}
		rank := float64(i+j+1) / 2 // mean of ranks i+1..j
		for k := i; k < j; k++ {
			if y[idx[k]] {
				rankSum += rank
				pos++
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}
