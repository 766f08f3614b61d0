package scheduler

import (
	"iter"
	"time"
)

// Candidate is a card offered to BuildQueue: its ID, schedule, position in
// note order and the IDs of its siblings (its reverse card, near-duplicates),
// which must not be shown on the same day.
type Candidate struct {
	ID       string
	State    State
	Order    int
	Siblings []string
}

// Today is what was already done in the current review day, so that a
// session started later the same day honours the same limits and burials.
type Today struct {
	NewShown    int             // new cards reviewed for the first time today
	ReviewsDone int             // reviews of due cards done today
	Seen        map[string]bool // IDs of the cards reviewed today
}

// Queue is a review session's worklist: Again first, then Review, then New.
type Queue struct {
	Again  []Candidate // re-drills and cards failed earlier today
	Review []Candidate // due reviews, most overdue first
	New    []Candidate // never-reviewed cards, in note order
	// Buried lists the cards skipped because a sibling is shown today; the
	// caller buries them until tomorrow.
	Buried []string
}

// Len returns the number of cards to show.
func (q Queue) Len() int { return len(q.Again) + len(q.Review) + len(q.New) }

// All returns the cards to show, in order.
func (q Queue) All() []Candidate {
	all := make([]Candidate, 0, q.Len())
	all = append(all, q.Again...)
	all = append(all, q.Review...)
	return append(all, q.New...)
}

// BuildQueue builds today's queue from three streams the store provides:
//
//   - again: cards whose QueueTime is in (DayStart(now), now], ascending:
//     re-drills and cards failed earlier today. SM-2 asks for them to be
//     repeated the same day, so they come first and are never limited.
//   - due: cards whose QueueTime is at or before DayStart(now), most overdue
//     first, so that when the daily limit cuts the list it is the longest
//     waiting cards that are shown. At most cfg.ReviewsPerDay minus
//     today.ReviewsDone are taken.
//   - fresh: never-reviewed cards in note order, so notes are learnt in the
//     order they were written. At most cfg.NewPerDay minus today.NewShown are
//     taken.
//
// Suspended cards and cards buried until after now are skipped. So is a
// card whose sibling was reviewed today (today.Seen) or is already in the
// queue: it is listed in Queue.Buried instead, and does not count towards a
// limit. Siblings are matched both ways, so a relation recorded on only one
// of the two cards still holds. Cards in again were already shown today, so
// they are never buried for a sibling (that would drop a failed card's
// same-day repetition), but they do bury their siblings. A card offered
// twice is taken once.
//
// BuildQueue stops pulling from due and fresh as soon as their limit is
// reached, and does not pull at all from a stream whose limit is zero, so
// the store never has to load every card.
func BuildQueue(cfg Settings, now time.Time, today Today, again, due, fresh iter.Seq[Candidate]) Queue {
	b := queueBuilder{now: now, seen: today.Seen, taken: map[string]bool{}, blocked: map[string]bool{}, skipped: map[string]bool{}}
	var q Queue
	q.Again = b.take(again, -1, false)
	q.Review = b.take(due, max(cfg.ReviewsPerDay-today.ReviewsDone, 0), true)
	q.New = b.take(fresh, max(cfg.NewPerDay-today.NewShown, 0), true)
	q.Buried = b.buried
	return q
}

// queueBuilder holds what BuildQueue has decided so far.
type queueBuilder struct {
	now   time.Time
	seen  map[string]bool
	taken map[string]bool
	// blocked holds the siblings named by taken cards, so a card is buried
	// even when only its sibling records the relation.
	blocked map[string]bool
	skipped map[string]bool // buried for a sibling
	buried  []string
}

// take pulls candidates from seq until limit cards are taken (no limit if
// limit < 0). With burySiblings, a candidate with a sibling seen today or
// already taken is buried rather than taken.
func (b *queueBuilder) take(seq iter.Seq[Candidate], limit int, burySiblings bool) []Candidate {
	if seq == nil || limit == 0 {
		return nil
	}
	var out []Candidate
	for c := range seq {
		if b.taken[c.ID] || b.skipped[c.ID] || c.State.Suspended || c.State.BuriedUntil.After(b.now) {
			continue
		}
		if burySiblings && b.siblingShown(c) {
			b.skipped[c.ID] = true
			b.buried = append(b.buried, c.ID)
			continue
		}
		b.taken[c.ID] = true
		for _, s := range c.Siblings {
			b.blocked[s] = true
		}
		out = append(out, c)
		if len(out) == limit {
			break
		}
	}
	return out
}

// siblingShown reports whether a sibling of c was seen today or is queued.
func (b *queueBuilder) siblingShown(c Candidate) bool {
	if b.blocked[c.ID] {
		return true
	}
	for _, s := range c.Siblings {
		if s != c.ID && (b.seen[s] || b.taken[s]) {
			return true
		}
	}
	return false
}
