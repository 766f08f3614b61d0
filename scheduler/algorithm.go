package scheduler

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/recallcards/recall/scheduler/fsrs"
)

// Algorithm names a scheduler: SM-2 (the default) or FSRS-6.
type Algorithm string

// The schedulers.
const (
	SM2  Algorithm = "sm2"
	FSRS Algorithm = "fsrs"
)

// ParseAlgorithm reads "sm2" or "fsrs".
func ParseAlgorithm(s string) (Algorithm, error) {
	switch Algorithm(s) {
	case SM2, FSRS:
		return Algorithm(s), nil
	}
	return "", fmt.Errorf("scheduler %q is not sm2 or fsrs", s)
}

// OrDefault returns a, or SM2 if a is unset.
func (a Algorithm) OrDefault() Algorithm {
	if a == "" {
		return SM2
	}
	return a
}

// DeckScheduling is how one deck is scheduled.
type DeckScheduling struct {
	Algorithm Algorithm
	// DesiredRetention, MaximumInterval and Parameters are FSRS's; zero
	// values mean the defaults.
	DesiredRetention float64
	MaximumInterval  int
	Parameters       *fsrs.Parameters
}

// Model returns the FSRS model the deck's settings give, defaults filled in.
func (d DeckScheduling) Model() fsrs.Model {
	m := fsrs.DefaultModel()
	if d.DesiredRetention != 0 {
		m.DesiredRetention = d.DesiredRetention
	}
	if d.MaximumInterval != 0 {
		m.MaximumInterval = d.MaximumInterval
	}
	if d.Parameters != nil {
		m.W = *d.Parameters
	}
	return m
}

// Validate reports a setting out of range.
func (d DeckScheduling) Validate() error {
	if d.Algorithm != "" {
		if _, err := ParseAlgorithm(string(d.Algorithm)); err != nil {
			return err
		}
	}
	return d.Model().Validate()
}

// DeckTable holds the decks' own scheduling settings. Settings holds it by
// pointer, so that Settings stays comparable; it is never changed in place
// (With returns a new table), so copies of Settings do not share changes.
type DeckTable struct{ byName map[string]DeckScheduling }

// Get returns the deck's own setting; a nil table has none.
func (t *DeckTable) Get(deck string) (DeckScheduling, bool) {
	if t == nil {
		return DeckScheduling{}, false
	}
	d, ok := t.byName[deck]
	return d, ok
}

// With returns a copy of the table with the deck's setting set to d.
func (t *DeckTable) With(deck string, d DeckScheduling) *DeckTable {
	next := &DeckTable{byName: make(map[string]DeckScheduling)}
	if t != nil {
		maps.Copy(next.byName, t.byName)
	}
	next.byName[deck] = d
	return next
}

// Names lists the decks with a setting, sorted.
func (t *DeckTable) Names() []string {
	if t == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(t.byName))
}

// Scheduling returns how the deck is scheduled: its own setting if it has
// one, else the default (Settings.Scheduler with the global FSRS choices).
func (cfg Settings) Scheduling(deck string) DeckScheduling {
	d, ok := cfg.Decks.Get(deck)
	if !ok {
		d = DeckScheduling{Algorithm: cfg.Scheduler}
	}
	d.Algorithm = d.Algorithm.OrDefault()
	if d.DesiredRetention == 0 {
		d.DesiredRetention = cfg.DesiredRetention
	}
	if d.MaximumInterval == 0 {
		d.MaximumInterval = cfg.MaximumInterval
	}
	return d
}

// ReviewIn applies grade q to a card of the given deck with the deck's
// scheduler: SM-2's Review, or FSRS-6 (see ReviewFSRS).
func ReviewIn(deck string, s State, q Grade, now time.Time, cfg Settings) (State, Outcome, error) {
	d := cfg.Scheduling(deck)
	if d.Algorithm == FSRS {
		return ReviewFSRS(s, q, now, cfg, d.Model())
	}
	return Review(s, q, now, cfg)
}

// RatingOf maps a grade to FSRS's buttons as Anki does: 0-2 Again, 3 Hard,
// 4 Good, 5 Easy.
func RatingOf(q Grade) fsrs.Rating {
	switch {
	case q >= 5:
		return fsrs.Easy
	case q == 4:
		return fsrs.Good
	case q == 3:
		return fsrs.Hard
	}
	return fsrs.Again
}

// GradeOf is the grade recall logs for an FSRS rating: a/h/g/E type 1/3/4/5.
func GradeOf(r fsrs.Rating) Grade {
	switch r {
	case fsrs.Hard:
		return 3
	case fsrs.Good:
		return 4
	case fsrs.Easy:
		return 5
	}
	return 1
}

// DaysBetween counts review days (in the user's zone, from the rollover
// hour) from the day holding a to the day holding b.
func (cfg Settings) DaysBetween(a, b time.Time) int {
	da, db := cfg.DayStart(a).In(cfg.location()), cfg.DayStart(b).In(cfg.location())
	ua := time.Date(da.Year(), da.Month(), da.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(db.Year(), db.Month(), db.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

// memory returns the FSRS memory state of s, zero (new) for a card FSRS
// has not reviewed: a new card, or one whose state another scheduler made
// (switching a deck replays its log instead; see storage).
func (s State) memory() fsrs.Memory {
	if s.Algorithm != FSRS || s.IsNew() || !(s.Stability > 0) || math.IsInf(s.Stability, 0) {
		return fsrs.Memory{}
	}
	return fsrs.Memory{Difficulty: s.Difficulty, Stability: s.Stability}
}

// fsrsStep reports whether a review at now moves the card's FSRS memory
// state (its first review of the day) and, if so, the review days since the
// last one.
func fsrsStep(s State, now time.Time, cfg Settings) (elapsed int, moves bool) {
	mem := s.memory()
	if mem.IsNew() {
		return 0, true
	}
	elapsed = cfg.DaysBetween(s.LastReview, now)
	return elapsed, elapsed >= 1
}

// ReviewFSRS applies grade q at now to s with FSRS-6 long-term scheduling:
//
//   - A card's first review of a review day moves its difficulty and
//     stability (fsrs.Model.Review, with the review days since its last
//     review) and sets its interval and due day.
//   - Again (q < 3) also counts a lapse if the card had been recalled
//     before, and marks it for a re-drill: it comes back in this session
//     until passed (q >= 3), and is then due after Again's interval.
//   - Later reviews the same day are logged but leave D, S, the interval and
//     the due day alone; they only clear or set the re-drill mark.
//
// Leeches are marked and suspended as with SM-2.
func ReviewFSRS(s State, q Grade, now time.Time, cfg Settings, m fsrs.Model) (State, Outcome, error) {
	if !q.Valid() {
		return s, Outcome{}, fmt.Errorf("grade %d is not between 0 and 5", int(q))
	}
	if err := m.Validate(); err != nil {
		return s, Outcome{}, fmt.Errorf("FSRS settings: %w", err)
	}
	elapsed, moves := fsrsStep(s, now, cfg)
	r := RatingOf(q)
	var out Outcome
	if moves {
		c := m.Review(s.memory(), elapsed, r)
		s.Algorithm = FSRS
		s.Difficulty, s.Stability = c.Memory.Difficulty, c.Memory.Stability
		s.IntervalDays = c.IntervalDays
		s.Due = cfg.AddDays(cfg.DayStart(now), c.IntervalDays)
	}
	s.LastReview = now.UTC()
	if r != fsrs.Again {
		s.Redrill = false
		if moves {
			s.Reps++
		}
		return s, out, nil
	}
	out.Again = true
	s.Redrill = true
	if moves {
		if s.Reps > 0 {
			s.Lapses++
			out.Lapsed = true
		}
		s.Reps = 0
		if out.Lapsed && cfg.LeechLapses > 0 && s.Lapses >= cfg.LeechLapses && !s.Leech {
			s.Leech = true
			s.Suspended = true
			out.BecameLeech = true
		}
	}
	return s, out, nil
}

// Option is what one answer would do: its label and the interval in days
// (0 for an SM-2 failure, whose interval starts over).
type Option struct {
	Label        string
	Grade        Grade
	IntervalDays int
}

// Preview returns the interval each answer button (again, hard, good, easy:
// grades 1, 3, 4, 5) would give the card at now, with the deck's scheduler.
func Preview(deck string, s State, now time.Time, cfg Settings) []Option {
	labels := []string{"again", "hard", "good", "easy"}
	out := make([]Option, 0, 4)
	for i, q := range []Grade{1, 3, 4, 5} {
		next, _, err := ReviewIn(deck, s, q, now, cfg)
		if err != nil {
			continue
		}
		out = append(out, Option{Label: labels[i], Grade: q, IntervalDays: next.IntervalDays})
	}
	return out
}

// Retrievability is FSRS's predicted recall of an FSRS card at now, and
// false for a card FSRS has not reviewed.
func (s State) Retrievability(now time.Time, cfg Settings, m fsrs.Model) (float64, bool) {
	mem := s.memory()
	if mem.IsNew() {
		return 0, false
	}
	return m.W.Retrievability(float64(max(cfg.DaysBetween(s.LastReview, now), 0)), mem.Stability), true
}

// Ease is the card's "difficulty" figure on SM-2's scale, for the reports
// and exports that show one (stats, team progress, Anki's ease factor): an
// SM-2 card's EF, and for a card FSRS has reviewed its difficulty D mapped
// linearly onto the EF range, D 1 (easiest) to 2.50 and D 10 to 1.30, in
// hundredths. FSRS's D is also given as it is where there is room for it
// (recall cards --json, recall why).
func (s State) Ease() EF {
	if mem := s.memory(); !mem.IsNew() {
		d := min(max(mem.Difficulty, 1), 10)
		return InitialEF - EF(math.Round((d-1)/9*float64(InitialEF-MinimumEF)))
	}
	return s.EF
}
