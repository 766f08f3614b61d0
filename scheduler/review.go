package scheduler

import (
	"fmt"
	"time"
)

// Settings are the user's scheduling choices.
type Settings struct {
	NewPerDay     int            // new cards introduced per day (default 20)
	ReviewsPerDay int            // reviews of due cards per day (default 200)
	RolloverHour  int            // local hour at which a new day starts (default 4)
	Location      *time.Location // the user's zone; nil means time.Local
	LeechLapses   int            // lapses that make a card a leech (default 8)

	// Scheduler is the algorithm of decks without a setting of their own
	// ("" is SM-2); Decks holds those settings, by deck name.
	Scheduler Algorithm
	Decks     *DeckTable
	// DesiredRetention and MaximumInterval are FSRS's defaults for every
	// deck (0: FSRS's own, 0.90 and 36500 days).
	DesiredRetention float64
	MaximumInterval  int
}

// DefaultSettings returns recall's defaults.
func DefaultSettings() Settings {
	return Settings{NewPerDay: 20, ReviewsPerDay: 200, RolloverHour: 4, Location: time.Local, LeechLapses: 8}
}

// Validate reports the first setting out of range, naming it.
func (cfg Settings) Validate() error {
	switch {
	case cfg.NewPerDay < 0:
		return fmt.Errorf("new cards per day: %d is negative", cfg.NewPerDay)
	case cfg.ReviewsPerDay < 0:
		return fmt.Errorf("reviews per day: %d is negative", cfg.ReviewsPerDay)
	case cfg.RolloverHour < 0 || cfg.RolloverHour > 23:
		return fmt.Errorf("rollover hour: %d is not between 0 and 23", cfg.RolloverHour)
	case cfg.LeechLapses < 0:
		return fmt.Errorf("leech lapses: %d is negative", cfg.LeechLapses)
	}
	if err := (DeckScheduling{Algorithm: cfg.Scheduler, DesiredRetention: cfg.DesiredRetention, MaximumInterval: cfg.MaximumInterval}).Validate(); err != nil {
		return err
	}
	for _, name := range cfg.Decks.Names() {
		d, _ := cfg.Decks.Get(name)
		if err := d.Validate(); err != nil {
			return fmt.Errorf("deck %q: %w", name, err)
		}
	}
	return nil
}

func (cfg Settings) location() *time.Location {
	if cfg.Location == nil {
		return time.Local
	}
	return cfg.Location
}

// DayStart returns, in UTC, the instant the review day holding now began:
// the last time the local clock showed RolloverHour:00.
func (cfg Settings) DayStart(now time.Time) time.Time {
	local := now.In(cfg.location())
	start := time.Date(local.Year(), local.Month(), local.Day(), cfg.RolloverHour, 0, 0, 0, cfg.location())
	if local.Before(start) {
		start = time.Date(local.Year(), local.Month(), local.Day()-1, cfg.RolloverHour, 0, 0, 0, cfg.location())
	}
	return start.UTC()
}

// AddDays returns, in UTC, the start of the review day that comes days after
// the day starting at dayStart. It counts calendar days in the user's zone,
// so a daylight-saving change does not shift the rollover hour.
func (cfg Settings) AddDays(dayStart time.Time, days int) time.Time {
	local := dayStart.In(cfg.location())
	return time.Date(local.Year(), local.Month(), local.Day()+days, cfg.RolloverHour, 0, 0, 0, cfg.location()).UTC()
}

// Outcome tells what a review did beyond the new state.
type Outcome struct {
	Lapsed      bool // a card that had succeeded was failed
	BecameLeech bool // this lapse made the card a leech; it is now suspended
	Again       bool // the card must come back in this session (q < 4)
}

// Review applies grade q, given at now, to state s and returns the new state.
// It is the whole of SM-2 in recall; the package doc lists the rules.
func Review(s State, q Grade, now time.Time, cfg Settings) (State, Outcome, error) {
	if !q.Valid() {
		return s, Outcome{}, fmt.Errorf("grade %d is not between 0 and 5", int(q))
	}
	if s.EF == 0 {
		s.EF = InitialEF
	}
	today := cfg.DayStart(now)
	s.LastReview = now.UTC()
	var out Outcome

	switch {
	case s.Redrill:
		if q >= 4 {
			s.Redrill = false
		} else {
			out.Again = true
		}
	case q >= 3:
		s.EF = nextEF(s.EF, q)
		switch s.Reps {
		case 0:
			s.IntervalDays = 1
		case 1:
			s.IntervalDays = 6
		default:
			s.IntervalDays = ceilMul(max(s.IntervalDays, 1), s.EF)
		}
		s.Reps++
		s.Due = cfg.AddDays(today, s.IntervalDays)
		s.Redrill = q == 3
		out.Again = q == 3
	default:
		if s.Reps > 0 {
			s.Lapses++
			out.Lapsed = true
		}
		s.Reps = 0
		s.IntervalDays = 0
		s.Redrill = false
		s.Due = now.UTC()
		out.Again = true
		if out.Lapsed && cfg.LeechLapses > 0 && s.Lapses >= cfg.LeechLapses && !s.Leech {
			s.Leech = true
			s.Suspended = true
			out.BecameLeech = true
		}
	}
	return s, out, nil
}

// nextEF is SM-2's EF' = EF + 0.1 - (5-q)(0.08 + (5-q)0.02), in hundredths,
// floored at 1.3.
func nextEF(ef EF, q Grade) EF {
	d := int(5 - q)
	ef += EF(10 - d*(8+d*2))
	if ef < MinimumEF {
		ef = MinimumEF
	}
	return ef
}

// ceilMul returns ceil(days * ef/100) without floating point, capped at
// MaxIntervalDays. The cap is checked before multiplying so a hostile stored
// interval or factor cannot overflow.
func ceilMul(days int, ef EF) int {
	if days >= MaxIntervalDays || int(ef) > MaxIntervalDays*100/days {
		return MaxIntervalDays
	}
	return min((days*int(ef)+99)/100, MaxIntervalDays)
}
