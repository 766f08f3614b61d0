// Package fsrs implements FSRS-6, the Free Spaced Repetition Scheduler, as
// its authors publish it (the FSRS wiki "The Algorithm", fsrs-rs and
// ts-fsrs), for long-term scheduling without fuzz.
//
// # The model
//
// A card's memory state is its difficulty D (1 to 10) and stability S (the
// days after which recall has fallen to 90%). Recall t days after the last
// review is the forgetting curve
//
//	R(t, S) = (1 + factor·t/S)^(−w20),  factor = 0.9^(−1/w20) − 1
//
// so that R(S, S) = 0.9. The first rating G (1 Again, 2 Hard, 3 Good,
// 4 Easy) sets S0 = max(w[G−1], 0.1) and D0 = clamp(w4 − e^(w5·(G−1)) + 1,
// 1, 10). Each later review, t ≥ 1 days on, with R = R(t, S):
//
//	D' = clamp(w7·D0(4) + (1−w7)·(D + ΔD·(10−D)/9), 1, 10),  ΔD = −w6·(G−3)
//	S' = S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R))−1)·h·b)   (G ≥ 2;
//	     h = w15 for Hard, b = w16 for Easy, else 1)
//	S' = min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S)  (G = 1)
//
// with S kept within [0.001, 36500]. The interval for a desired retention r
// is round(S/factor·(r^(−1/w20) − 1)) days, at least 1 and at most the
// maximum interval; the four intervals a review offers are then kept apart,
// Again < Hard < Good < Easy, by raising each to one day more than the one
// before (Again is first lowered to at most Hard's). The short-term parameters
// w17–w19 are used only by same-day (learning-step) scheduling, which this
// package does not do: a card's state changes at most once a review day, and
// callers leave same-day reviews out.
//
// Intermediate values are rounded to 8 decimals where ts-fsrs rounds them,
// so that recall's schedules agree with ts-fsrs's to the day; the optimizer
// works on the smooth formulas instead (see Fit).
//
// The package is pure: no I/O, no clock.
package fsrs

import (
	"fmt"
	"math"
)

// NumParameters is the number of FSRS-6 parameters, w0 to w20.
const NumParameters = 21

// Parameters are FSRS-6's weights w0…w20.
type Parameters [NumParameters]float64

// DefaultParameters returns FSRS-6's published defaults.
func DefaultParameters() Parameters {
	return Parameters{
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
		1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	}
}

// Bounds are the published lower and upper limits of each parameter (for
// long-term scheduling); the optimizer keeps its fit within them.
var Bounds = [NumParameters][2]float64{
	{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100}, // initial stability per rating
	{1, 10},                // initial difficulty (w4)
	{0.001, 4}, {0.001, 4}, // initial difficulty slope, difficulty change
	{0.001, 0.75},                    // mean reversion
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, // recall stability: scale, S power, R slope
	{0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4}, // lapse stability
	{0, 1}, {1, 6}, // Hard penalty, Easy bonus
	{0, 2}, {0, 2}, {0, 0.8}, // short-term parameters
	{0.1, 0.8}, // decay
}

// Clip returns p with every parameter moved into its bounds; a NaN becomes
// the default.
func (p Parameters) Clip() Parameters {
	def := DefaultParameters()
	for i, v := range p {
		if math.IsNaN(v) {
			v = def[i]
		}
		p[i] = min(max(v, Bounds[i][0]), Bounds[i][1])
	}
	return p
}

// Validate reports the first parameter that is not a finite number within
// its bounds.
func (p Parameters) Validate() error {
	for i, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < Bounds[i][0] || v > Bounds[i][1] {
			return fmt.Errorf("FSRS parameter w%d = %v is outside [%v, %v]", i, v, Bounds[i][0], Bounds[i][1])
		}
	}
	return nil
}

// Rating is FSRS's answer button.
type Rating int

// The four ratings.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// String names the rating in lower case, as interval previews show it.
func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return fmt.Sprintf("rating(%d)", int(r))
}

// Valid reports whether r is one of the four ratings.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

// Ratings lists the four ratings in button order.
var Ratings = [4]Rating{Again, Hard, Good, Easy}

// Memory is a card's memory state. The zero Memory is a card never
// reviewed.
type Memory struct {
	Difficulty float64 `json:"difficulty"` // 1 (easiest) to 10
	Stability  float64 `json:"stability"`  // days until recall falls to 90%
}

// IsNew reports whether m is the state of a card never reviewed.
func (m Memory) IsNew() bool { return m.Stability == 0 && m.Difficulty == 0 }

// Stability bounds.
const (
	MinStability = 0.001
	MaxStability = 36500.0
)

// Defaults of a model's settings.
const (
	DefaultDesiredRetention = 0.9
	DefaultMaximumInterval  = 36500
	MinDesiredRetention     = 0.70
	MaxDesiredRetention     = 0.99
)

// Model is FSRS-6 with a set of parameters and the user's scheduling
// choices.
type Model struct {
	W                Parameters
	DesiredRetention float64 // recall probability aimed at when a card comes due
	MaximumInterval  int     // days
}

// DefaultModel returns the default parameters at 90% retention with a
// 36500-day cap.
func DefaultModel() Model {
	return Model{W: DefaultParameters(), DesiredRetention: DefaultDesiredRetention, MaximumInterval: DefaultMaximumInterval}
}

// Validate reports a setting out of range.
func (m Model) Validate() error {
	if err := m.W.Validate(); err != nil {
		return err
	}
	if !(m.DesiredRetention >= MinDesiredRetention && m.DesiredRetention <= MaxDesiredRetention) {
		return fmt.Errorf("desired retention %v is not between %.2f and %.2f", m.DesiredRetention, MinDesiredRetention, MaxDesiredRetention)
	}
	if m.MaximumInterval < 1 || m.MaximumInterval > DefaultMaximumInterval {
		return fmt.Errorf("maximum interval %d is not between 1 and %d days", m.MaximumInterval, DefaultMaximumInterval)
	}
	return nil
}

// roundTo8 rounds to 8 decimals as ts-fsrs does, halves upward (JavaScript's
// Math.round, which differs from math.Round for negative halves).
func roundTo8(x float64) float64 { return jsRound(x*1e8) / 1e8 }

// jsRound is JavaScript's Math.round: the nearest integer, halves toward +∞.
func jsRound(x float64) float64 {
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
	return f
}

func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// decayFactor returns the curve's exponent −w20 and its factor.
func (p Parameters) decayFactor() (decay, factor float64) {
	decay = -p[20]
	return decay, roundTo8(math.Exp(math.Log(0.9)/decay) - 1)
}

// Retrievability is the predicted probability of recall elapsedDays after a
// review that left the card with the given stability.
func (p Parameters) Retrievability(elapsedDays, stability float64) float64 {
	if stability <= 0 {
		return 0
	}
	decay, factor := p.decayFactor()
	return roundTo8(math.Pow(1+factor*max(elapsedDays, 0)/stability, decay))
}

// intervalModifier is the interval, in units of stability, at which recall
// falls to the retention r.
func (p Parameters) intervalModifier(r float64) float64 {
	decay, factor := p.decayFactor()
	return roundTo8((math.Pow(r, 1/decay) - 1) / factor)
}

// initDifficulty is D0(G), unclamped (the mean-reversion target uses D0(4)
// as it is).
func (p Parameters) initDifficulty(g Rating) float64 {
	return roundTo8(p[4] - math.Exp(float64(g-1)*p[5]) + 1)
}

func (p Parameters) nextDifficulty(d float64, g Rating) float64 {
	delta := -p[6] * float64(g-3)
	next := d + roundTo8(delta*(10-d)/9)
	return clamp(roundTo8(p[7]*p.initDifficulty(Easy)+(1-p[7])*next), 1, 10)
}

func (p Parameters) recallStability(d, s, r float64, g Rating) float64 {
	hard, easy := 1.0, 1.0
	switch g {
	case Hard:
		hard = p[15]
	case Easy:
		easy = p[16]
	}
	inc := math.Exp(p[8]) * (11 - d) * math.Pow(s, -p[9]) * (math.Exp((1-r)*p[10]) - 1) * hard * easy
	return roundTo8(clamp(s*(1+inc), MinStability, MaxStability))
}

func (p Parameters) forgetStability(d, s, r float64) float64 {
	v := p[11] * math.Pow(d, -p[12]) * (math.Pow(s+1, p[13]) - 1) * math.Exp((1-r)*p[14])
	return roundTo8(clamp(v, MinStability, MaxStability))
}

// Next returns the memory state after rating g, elapsedDays review days
// after the review that left state m (ignored for a new card). The caller
// passes only a card's first review of a day: elapsedDays is at least 1 for
// a card already reviewed.
func (p Parameters) Next(m Memory, elapsedDays int, g Rating) Memory {
	return p.next(m, elapsedDays, g, p.Retrievability(float64(elapsedDays), m.Stability))
}

func (p Parameters) next(m Memory, elapsedDays int, g Rating, r float64) Memory {
	if m.IsNew() {
		return Memory{Difficulty: clamp(p.initDifficulty(g), 1, 10), Stability: max(p[g-1], 0.1)}
	}
	d := clamp(m.Difficulty, 1, 10)
	s := clamp(m.Stability, MinStability, MaxStability)
	var next Memory
	if g == Again {
		next.Stability = clamp(roundTo8(s), MinStability, p.forgetStability(d, s, r))
	} else {
		next.Stability = p.recallStability(d, s, r, g)
	}
	next.Difficulty = p.nextDifficulty(d, g)
	return next
}

// Interval returns the whole days after which a card of this stability
// falls to the desired retention, between 1 and the maximum interval.
func (m Model) Interval(stability float64) int {
	days := jsRound(stability * m.W.intervalModifier(m.DesiredRetention))
	return int(clamp(days, 1, float64(m.maxInterval())))
}

func (m Model) maxInterval() int {
	if m.MaximumInterval <= 0 {
		return DefaultMaximumInterval
	}
	return m.MaximumInterval
}

// Choice is what one rating would do to a card.
type Choice struct {
	Memory       Memory
	IntervalDays int
}

// Preview returns, for each rating in button order, the memory state and
// interval that rating would give, with the intervals kept apart (Again ≤
// Hard < Good < Easy). elapsedDays is as for Next.
func (m Model) Preview(mem Memory, elapsedDays int) [4]Choice {
	r := m.W.Retrievability(float64(elapsedDays), mem.Stability)
	var out [4]Choice
	for i, g := range Ratings {
		out[i].Memory = m.W.next(mem, elapsedDays, g, r)
		out[i].IntervalDays = m.Interval(out[i].Memory.Stability)
	}
	out[0].IntervalDays = min(out[0].IntervalDays, out[1].IntervalDays)
	for i := 1; i < 4; i++ {
		out[i].IntervalDays = max(out[i].IntervalDays, out[i-1].IntervalDays+1)
	}
	return out
}

// Review returns the memory state and interval rating g gives; it is
// Preview's entry for g.
func (m Model) Review(mem Memory, elapsedDays int, g Rating) Choice {
	return m.Preview(mem, elapsedDays)[min(max(g, Again), Easy)-1]
}
