package scheduler

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler/fsrs"
)

func TestAUCAndMetrics(t *testing.T) {
	for _, c := range []struct {
		p    []float64
		y    []bool
		want float64
	}{
		{[]float64{0.9, 0.8, 0.3, 0.2}, []bool{true, true, false, false}, 1},
		{[]float64{0.9, 0.8, 0.3, 0.2}, []bool{false, false, true, true}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []bool{true, false, true, false}, 0.5},
		// one recalled (0.6) below one forgotten (0.7): 3 of 4 pairs right
		{[]float64{0.9, 0.6, 0.7, 0.1}, []bool{true, true, false, false}, 0.75},
	} {
		if got := auc(c.p, c.y); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("auc(%v, %v) = %v, want %v", c.p, c.y, got, c.want)
		}
	}
	if !math.IsNaN(auc([]float64{0.3}, []bool{true})) {
		t.Error("AUC with one class is not NaN")
	}
	m := metrics([]float64{0.8, 0.8, 0.8, 0.8, 0.8}, []bool{true, true, true, true, false})
	if math.Abs(m.RMSEBins) > 1e-12 {
		t.Errorf("a calibrated constant has RMSE %v", m.RMSEBins)
	}
	want := -(4*math.Log(0.8) + math.Log(0.2)) / 5
	if math.Abs(m.LogLoss-want) > 1e-12 {
		t.Errorf("log loss %v, want %v", m.LogLoss, want)
	}
	m = metrics([]float64{0.9, 0.9}, []bool{false, false})
	if math.Abs(m.RMSEBins-0.9) > 1e-12 {
		t.Errorf("RMSE %v, want 0.9", m.RMSEBins)
	}
}

// simulateEvents is a person whose memory follows FSRS with the given
// parameters, reviewing on FSRS's schedule, a few days early or late.
func simulateEvents(p fsrs.Parameters, cards, reviews int, seed uint64) []Event {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := fsrs.Model{W: p, DesiredRetention: 0.9, MaximumInterval: 36500}
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	var events []Event
	for c := range cards {
		id := fmt.Sprintf("c%04d", c)
		day := rng.IntN(60)
		var mem fsrs.Memory
		elapsed := 0
		for i := 0; i < reviews; i++ {
			r := fsrs.Good
			if i == 0 {
				r = fsrs.Ratings[rng.IntN(4)]
			} else if rng.Float64() >= p.Retrievability(float64(elapsed), mem.Stability) {
				r = fsrs.Again
			} else if rng.Float64() < 0.15 {
				r = fsrs.Hard
			}
			at := start.AddDate(0, 0, day)
			events = append(events, Event{Card: id, Time: at, Grade: GradeOf(r)})
			ch := m.Review(mem, elapsed, r)
			if r <= fsrs.Hard {
				// the same-day pass that ends the re-drill (SM-2 re-drills
				// a 3 as well)
				events = append(events, Event{Card: id, Time: at.Add(10 * time.Minute), Grade: 4})
			}
			mem = ch.Memory
			elapsed = max(1, int(float64(ch.IntervalDays)*(0.6+0.8*rng.Float64())))
			day += elapsed
		}
	}
	return events
}

func TestHistoriesSkipSameDay(t *testing.T) {
	cfg := DefaultSettings()
	cfg.Location = time.UTC
	d := func(day, hour int) time.Time { return time.Date(2026, 1, 1+day, hour, 0, 0, 0, time.UTC) }
	hs := Histories([]Event{
		{"a", d(0, 10), 4}, {"b", d(0, 11), 1}, {"a", d(0, 12), 4}, {"b", d(0, 13), 4},
		{"a", d(3, 2), 3}, // before the 4 o'clock rollover: still day 2
		{"a", d(5, 10), 9}, {"a", d(6, 10), 5},
	}, cfg)
	item := func(days int, r fsrs.Rating) fsrs.Item { return fsrs.Item{ElapsedDays: days, Rating: r} }
	want := []fsrs.History{
		{item(0, fsrs.Good), item(2, fsrs.Hard), item(4, fsrs.Easy)},
		{item(0, fsrs.Again)},
	}
	if fmt.Sprint(hs) != fmt.Sprint(want) {
		t.Errorf("histories %v, want %v", hs, want)
	}
}

// TestCompareFindsTheTrueModel: on reviews drawn from FSRS, FSRS predicts
// better than SM-2's converted intervals, and the fit at least as well as
// the defaults it starts from.
func TestCompareFindsTheTrueModel(t *testing.T) {
	truth := fsrs.DefaultParameters()
	truth[0], truth[1], truth[2], truth[3] = 1, 3, 8, 25
	truth[20] = 0.4
	events := simulateEvents(truth, 300, 9, 1)
	cfg := DefaultSettings()
	cfg.Location = time.UTC
	c := Compare(events, cfg)
	t.Logf("%+v", c)
	usable := fsrs.Usable(Histories(events, cfg))
	if c.Reviews < usable*3/4 || c.Reviews > usable || c.Cards == 0 {
		t.Fatalf("scored %d of %d usable reviews", c.Reviews, usable)
	}
	if !(c.FSRSDefault.LogLoss < c.SM2.LogLoss) || !(c.FSRSFitted.LogLoss < c.FSRSDefault.LogLoss) || !(c.FSRSFitted.RMSEBins < c.SM2.RMSEBins) {
		t.Errorf("log loss: SM-2 %.4f, FSRS default %.4f, fitted %.4f", c.SM2.LogLoss, c.FSRSDefault.LogLoss, c.FSRSFitted.LogLoss)
	}
	for _, m := range []Metrics{c.SM2, c.FSRSDefault, c.FSRSFitted} {
		if !(m.AUC >= 0 && m.AUC <= 1) || !(m.RMSEBins >= 0 && m.RMSEBins < 1) || !(m.LogLoss > 0) {
			t.Errorf("metrics out of range: %+v", m)
		}
	}
}

// FuzzReplay sends arbitrary logs (cards, times in any order, any grade)
// through the replays: no panic, finite states within FSRS's bounds, and
// metrics that are NaN only when there is nothing to score.
func FuzzReplay(f *testing.F) {
	f.Add([]byte{0, 1, 4, 0, 2, 5, 1, 0, 1, 0, 9, 3})
	f.Add([]byte{3, 200, 0, 3, 1, 0, 3, 250, 5, 2, 2, 2, 2, 2, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg := DefaultSettings()
		cfg.Location = time.UTC
		cfg.Decks = cfg.Decks.With("d", DeckScheduling{Algorithm: FSRS})
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var events []Event
		for i := 0; i+2 < len(b) && len(events) < 500; i += 3 {
			events = append(events, Event{
				Card:  fmt.Sprint(b[i] % 4),
				Time:  start.Add(time.Duration(b[i+1]) * 7 * time.Hour),
				Grade: Grade(int(b[i+2]%8) - 1),
			})
		}
		for _, h := range Histories(events, cfg) {
			for i, it := range h {
				if !it.Rating.Valid() || (i > 0) != (it.ElapsedDays >= 1) {
					t.Fatalf("bad history item %+v at %d", it, i)
				}
			}
		}
		for _, c := range cardEvents(events) {
			st := NewState()
			for _, e := range c {
				next, _, err := ReviewIn("d", st, e.Grade, e.Time, cfg)
				if err != nil {
					if e.Grade.Valid() {
						t.Fatalf("grade %d: %v", e.Grade, err)
					}
					continue
				}
				st = next
				if st.Algorithm == FSRS && (!(st.Stability >= fsrs.MinStability && st.Stability <= fsrs.MaxStability) || !(st.Difficulty >= 1 && st.Difficulty <= 10) || st.IntervalDays < 1) {
					t.Fatalf("state out of bounds: %+v", st)
				}
			}
		}
		c := Compare(events, cfg)
		if c.Reviews > 0 && (math.IsNaN(c.SM2.LogLoss) || math.IsNaN(c.FSRSDefault.LogLoss) || math.IsNaN(c.FSRSFitted.LogLoss)) {
			t.Fatalf("NaN log loss over %d reviews: %+v", c.Reviews, c)
		}
	})
}
