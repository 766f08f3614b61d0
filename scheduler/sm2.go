// Package scheduler implements SM-2, the spaced-repetition algorithm that
// SuperMemo published in 1987 (SuperMemo 2), and the daily review queue.
//
// # SM-2 as recall applies it
//
// A card's state is n (successful repetitions in a row), EF (easiness
// factor, starting at 2.5), I (the interval in whole days), its due time and
// a same-day re-drill flag. A review takes a grade q from 0 to 5.
//
// The published text leaves some points open; recall settles them so:
//
//   - In a re-drill (flag set), q >= 4 clears the flag and the card stays due
//     I days after the day the flag was set; q < 4 leaves it for another pass
//     the same day. n, EF and I do not change: SM-2 says re-drills do not
//     touch the schedule.
//   - Otherwise, if q >= 3: EF' = max(1.3, EF + 0.1 - (5-q)(0.08 + (5-q)0.02)),
//     then I = 1 if n = 0, 6 if n = 1, else ceil(I_prev * EF') with the new
//     EF and the stored whole-day I, and n = n+1. If q = 3 the card also gets
//     the re-drill flag ("repeat all items scored below four" the same day).
//   - If q < 3: n = 0, I = 0 and EF is unchanged; the card comes back in the
//     same session. A failure of a card that had succeeded before is a lapse.
//
// Every EF change is a multiple of 0.02, so EF is held exactly in hundredths
// (type EF) and ceil(I*EF) is computed in integers: 10 days at EF 1.30 is 13
// days, where float64 arithmetic would give 14.
//
// SM-2 sets no ceiling on I. recall caps it at MaxIntervalDays (100 years) so
// that the integer arithmetic and the calendar can never overflow, even for a
// hostile stored state; a real schedule reaches the cap only after about 65
// years of perfect answers. A stored I below 1 day in a success run (which
// SM-2 never produces) is read as 1.
//
// # The daily queue
//
// "Today" is the user's local day, starting at Settings.RolloverHour. The
// queue shows re-drills and cards failed today first, then overdue reviews,
// most overdue first, then new cards in note order, within the daily limits;
// BuildQueue documents the policy.
//
// The package is pure: every function takes the time and the settings it
// needs and does no I/O.
package scheduler

import (
	"fmt"
	"time"
)

// EF is an SM-2 easiness factor in hundredths: 250 is 2.5.
type EF int

// The EF bounds SM-2 uses.
const (
	InitialEF EF = 250
	MinimumEF EF = 130
)

// MaxIntervalDays is the longest interval recall schedules: 100 years.
const MaxIntervalDays = 36500

// Float returns the factor as a number, e.g. 2.5.
func (ef EF) Float() float64 { return float64(ef) / 100 }

// String formats the factor with two decimals, e.g. "2.50".
func (ef EF) String() string { return fmt.Sprintf("%d.%02d", int(ef)/100, int(ef)%100) }

// Grade is an SM-2 quality of response, 0 (blackout) to 5 (perfect).
type Grade int

// gradeMeaning gives SuperMemo's short meaning of each grade.
var gradeMeaning = [...]string{
	0: "blackout",
	1: "wrong; remembered once seen",
	2: "wrong; answer seemed easy",
	3: "correct, serious difficulty",
	4: "correct after hesitation",
	5: "perfect",
}

// Valid reports whether g is within 0..5.
func (g Grade) Valid() bool { return g >= 0 && g <= 5 }

// Meaning returns SuperMemo's short description of the grade.
func (g Grade) Meaning() string {
	if !g.Valid() {
		return "invalid grade"
	}
	return gradeMeaning[g]
}

// State is one card's schedule.
type State struct {
	Reps         int       `json:"reps"`          // n: successful repetitions in a row
	EF           EF        `json:"ef"`            // easiness factor in hundredths
	IntervalDays int       `json:"interval_days"` // I, whole days
	Due          time.Time `json:"due"`           // UTC; zero for a card never reviewed
	Redrill      bool      `json:"redrill"`       // graded 3: repeat today until graded >= 4
	Lapses       int       `json:"lapses"`        // failures after having succeeded
	Leech        bool      `json:"leech"`         // lapsed Settings.LeechLapses times
	Suspended    bool      `json:"suspended"`     // out of the queue until unsuspended
	BuriedUntil  time.Time `json:"buried_until"`  // UTC; out of the queue until then
	LastReview   time.Time `json:"last_review"`   // UTC; zero if never reviewed
	// Algorithm is the scheduler that produced the state; "" is SM-2.
	Algorithm Algorithm `json:"algorithm,omitempty"`
	// Difficulty (1-10) and Stability (days) are FSRS's memory state;
	// zero for SM-2 and for a card FSRS has not yet reviewed.
	Difficulty float64 `json:"difficulty,omitempty"`
	Stability  float64 `json:"stability,omitempty"`
}

// NewState returns the schedule of a card never reviewed.
func NewState() State { return State{EF: InitialEF} }

// IsNew reports whether the card has never been reviewed.
func (s State) IsNew() bool { return s.LastReview.IsZero() }

// QueueTime returns when the card enters the review queue, and false if it
// is out of the review queue (suspended, or new and never reviewed: new cards
// are introduced in note order instead). A card waiting for a re-drill
// queues from its last review, i.e. at once; a buried card from the end of
// its burial.
func (s State) QueueTime() (time.Time, bool) {
	if s.Suspended || s.IsNew() {
		return time.Time{}, false
	}
	t := s.Due
	if s.Redrill {
		t = s.LastReview
	}
	if s.BuriedUntil.After(t) {
		t = s.BuriedUntil
	}
	return t, true
}
