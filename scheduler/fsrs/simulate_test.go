package fsrs

import "testing"

func simDeck() []SimCard {
	cards := make([]SimCard, 300)
	m := DefaultModel()
	for i := range 150 {
		mem := m.Review(Memory{}, 0, Good).Memory
		mem = m.Review(mem, 3, Good).Memory
		cards[i] = SimCard{Memory: mem, LastDay: -(i % 20), DueDay: m.Interval(mem.Stability) - i%20}
	}
	return cards
}

// TestSimulateRetentionCosts: asking for more retention costs more reviews
// and keeps more in memory.
func TestSimulateRetentionCosts(t *testing.T) {
	var prevReviews, prevRetention float64
	for i, r := range []float64{0.75, 0.85, 0.95} {
		m := DefaultModel()
		m.DesiredRetention = r
		res := Simulate(simDeck(), SimOptions{Model: m, Days: 90, NewPerDay: 5, Runs: 3, Seed: 1})
		total := 0.0
		for _, n := range res.Reviews {
			total += n
		}
		t.Logf("retention %.2f: %.0f reviews, retention %.3f, recalled %.3f", r, total, res.Retention, res.Recalled)
		if len(res.Reviews) != 90 || !(res.Retention > 0 && res.Retention <= 1) {
			t.Fatalf("result %+v", res)
		}
		if i > 0 && !(total > prevReviews && res.Retention > prevRetention) {
			t.Errorf("retention %.2f: %.0f reviews, %.3f kept; the lower target gave %.0f, %.3f", r, total, res.Retention, prevReviews, prevRetention)
		}
		prevReviews, prevRetention = total, res.Retention
	}
}

func TestSimulateLimitsAndNewCards(t *testing.T) {
	res := Simulate(simDeck(), SimOptions{Model: DefaultModel(), Days: 30, NewPerDay: 0, ReviewsPerDay: 4, Seed: 2})
	for d, n := range res.Reviews {
		if n > 5 { // the limit, and one re-drill of the last card
			t.Errorf("day %d: %v reviews over a limit of 4", d, n)
		}
	}
	res = Simulate(make([]SimCard, 10), SimOptions{Model: DefaultModel(), Days: 3, NewPerDay: 4, First: [4]float64{0, 0, 1, 0}})
	if res.Reviews[0] != 4 || res.Reviews[1] != 4 || res.Reviews[2] != 2 {
		t.Errorf("new cards per day: %v, want 4 4 2", res.Reviews)
	}
}
