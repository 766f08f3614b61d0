package fsrs

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// SimCard is a card as Simulate starts it: its memory state (zero for a
// new card), the day it is due and the day of its last review, in days
// from the simulation's first day (negative for the past).
type SimCard struct {
	Memory  Memory
	DueDay  int
	LastDay int
}

// SimOptions are the simulation's settings.
type SimOptions struct {
	Model         Model
	Days          int
	NewPerDay     int // new cards introduced a day, in the order given
	ReviewsPerDay int // due reviews a day at most (0: no limit)
	Runs          int // runs averaged (at least 1)
	Seed          uint64
	// Ratings is the share of Hard, Good and Easy among recalled reviews,
	// and First the share of each rating at a card's first review; zero
	// values mean all Good.
	Ratings [3]float64
	First   [4]float64
}

// SimResult is what the simulated days came to, averaged over the runs.
type SimResult struct {
	// Reviews is the reviews done on each day, re-drills of failed cards
	// included.
	Reviews []float64
	// Retention is the mean predicted recall, at the end of the last day,
	// of every card reviewed at least once.
	Retention float64
	// Recalled is the share of the simulated reviews that were recalled.
	Recalled float64
}

// Simulate plays the next days of a collection: each day the due cards
// (most overdue first) are reviewed, then new ones introduced; each review
// is recalled with the model's probability and rated by opts.Ratings,
// failed cards are passed in a re-drill the same day (one more review),
// and each card is due again after its interval. It is FSRS's simulator
// idea (what a retention would cost), kept simple: no learning steps, no
// fuzz, no same-day memory steps.
func Simulate(cards []SimCard, opts SimOptions) SimResult {
	runs := max(opts.Runs, 1)
	res := SimResult{Reviews: make([]float64, max(opts.Days, 0))}
	var recalled, reviewed float64
	for run := range runs {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(run)))
		cs := make([]SimCard, len(cards))
		copy(cs, cards)
		var due []int
		next := 0 // the next new card
		for next < len(cs) && !cs[next].Memory.IsNew() {
			next++
		}
		for day := range res.Reviews {
			done := 0
			due = due[:0]
			for i, c := range cs {
				if !c.Memory.IsNew() && c.DueDay <= day {
					due = append(due, i)
				}
			}
			slices.SortStableFunc(due, func(a, b int) int { return cmp.Compare(cs[a].DueDay, cs[b].DueDay) })
			for _, i := range due {
				c := &cs[i]
				if opts.ReviewsPerDay > 0 && done >= opts.ReviewsPerDay {
					break
				}
				elapsed := max(day-c.LastDay, 1)
				ok := rng.Float64() < opts.Model.W.Retrievability(float64(elapsed), c.Memory.Stability)
				r := Again
				if ok {
					r = pick(rng, opts.Ratings[:], Hard)
					recalled++
				}
				reviewed++
				ch := opts.Model.Review(c.Memory, elapsed, r)
				c.Memory, c.LastDay, c.DueDay = ch.Memory, day, day+ch.IntervalDays
				done++
				if r == Again {
					done++ // the re-drill
				}
			}
			for n := 0; n < opts.NewPerDay; n++ {
				for next < len(cs) && !cs[next].Memory.IsNew() {
					next++
				}
				if next >= len(cs) {
					break
				}
				c := &cs[next]
				r := pick(rng, opts.First[:], Again)
				ch := opts.Model.Review(Memory{}, 0, r)
				c.Memory, c.LastDay, c.DueDay = ch.Memory, day, day+ch.IntervalDays
				done++
				if r == Again {
					done++
				}
				next++
			}
			res.Reviews[day] += float64(done)
		}
		sum, n := 0.0, 0
		for _, c := range cs {
			if !c.Memory.IsNew() {
				sum += opts.Model.W.Retrievability(float64(max(opts.Days-c.LastDay, 0)), c.Memory.Stability)
				n++
			}
		}
		if n > 0 {
			res.Retention += sum / float64(n)
		}
	}
	for i := range res.Reviews {
		res.Reviews[i] /= float64(runs)
	}
	res.Retention /= float64(runs)
	if reviewed > 0 {
		res.Recalled = recalled / reviewed
	}
	return res
}

// pick draws a rating from shares that start at rating first; all-zero
// shares give Good.
func pick(rng *rand.Rand, shares []float64, first Rating) Rating {
	total := 0.0
	for _, s := range shares {
		total += max(s, 0)
	}
	if !(total > 0) {
		return Good
	}
	u := rng.Float64() * total
	for i, s := range shares {
		u -= max(s, 0)
		if u < 0 {
			return first + Rating(i)
		}
	}
	return first + Rating(len(shares)-1)
}
