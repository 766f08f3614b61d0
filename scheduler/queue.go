package scheduler

import (
	"iter"
	"slices"
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
	// Ahead holds cards due on the coming days that the learner asked to
	// review early (recall review --ahead), soonest due first; they come
	// after the rest (see WithAhead).
	Ahead []Candidate
	// Buried lists the cards held back because a sibling is shown today;
	// the caller buries them until tomorrow. Each took no place under a
	// limit: the next eligible card took it.
	Buried []string
	// HeldBackSeen counts the cards of Buried held back because a sibling
	// was already reviewed today (the rest have a sibling in this queue).
	HeldBackSeen int
	// BuriedNew counts the new cards skipped because they are buried until
	// later (by an earlier session's sibling rule, or by hand), among those
	// the new-card limit would have let in.
	BuriedNew int
}

// Len returns the number of cards to show.
func (q Queue) Len() int { return len(q.Again) + len(q.Review) + len(q.New) + len(q.Ahead) }

// All returns the cards to show, in order.
func (q Queue) All() []Candidate {
	all := make([]Candidate, 0, q.Len())
	all = append(all, q.Again...)
	all = append(all, q.Review...)
	all = append(all, q.New...)
	return append(all, q.Ahead...)
}

// WithAhead returns q with the cards of ahead that are not due yet added
// as q.Ahead, in ahead's order: review ahead takes cards due in the coming
// days after today's queue. A card is taken only if its queue time is
// after now (cards due today are today's queue's, under its limits), it
// is neither suspended nor buried at now, it is not in q, and no sibling
// of it was reviewed today, is in q or was taken before it: the sibling
// rule holds for early reviews too. Cards left out are not buried; they
// simply come on their day.
func (q Queue) WithAhead(now time.Time, today Today, ahead iter.Seq[Candidate]) Queue {
	b := queueBuilder{now: now, seen: today.Seen, taken: map[string]origin{}, blockers: map[string][]string{}, skipped: map[string]bool{}}
	for _, c := range q.All() {
		b.taken[c.ID] = fromReview
		for _, s := range c.Siblings {
			if s != c.ID {
				b.blockers[s] = append(b.blockers[s], c.ID)
			}
		}
	}
	q.Ahead = nil
	for c := range ahead {
		if t, ok := c.State.QueueTime(); !ok || !t.After(now) {
			continue
		}
		if b.offer(c, fromReview) {
			q.Ahead = append(q.Ahead, c)
		}
	}
	return q
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
// Suspended cards and cards buried until after now are skipped.
//
// The sibling rule: at most one card of a set of siblings (a card and its
// reverse, near-duplicates) is shown in a review day, so that one never
// gives the other's answer away. Siblings are matched both ways, so a
// relation recorded on only one of the two cards still holds. A card is
// held back (listed in Queue.Buried, buried until tomorrow by the caller)
// when a sibling was reviewed today (today.Seen), is a card of again, or is
// a new card already taken. Between a due review and a new sibling, the new
// card goes first and the review is held back instead: the review loses a
// day, while a new card held back for every review of its sibling would
// wait for days on end and stall the new cards of a deck with many
// siblings. A held-back card takes no place under a limit: the next
// eligible card of its stream is taken in its place. Cards in again were
// already shown today, so they are never held back (that would drop a
// failed card's same-day repetition), but they do hold their siblings
// back. A card offered twice is taken once.
//
// BuildQueue stops pulling from due and fresh as soon as their limit is
// reached, and does not pull at all from a stream whose limit is zero, so
// the store never has to load every card.
func BuildQueue(cfg Settings, now time.Time, today Today, again, due, fresh iter.Seq[Candidate]) Queue {
	b := queueBuilder{now: now, seen: today.Seen, taken: map[string]origin{}, blockers: map[string][]string{}, skipped: map[string]bool{}}
	var q Queue
	q.Again = b.take(again, -1, fromAgain)
	reviewLimit := max(cfg.ReviewsPerDay-today.ReviewsDone, 0)
	var nextDue func() (Candidate, bool)
	if due != nil && reviewLimit > 0 {
		var stop func()
		nextDue, stop = iter.Pull(due)
		defer stop()
	}
	q.Review = b.takeFrom(nextDue, reviewLimit)
	q.New = b.take(fresh, max(cfg.NewPerDay-today.NewShown, 0), fromNew)
	if b.displaced > 0 {
		// New cards took the place of review siblings: drop those from the
		// reviews and fill their places from the due stream.
		q.Review = slices.DeleteFunc(q.Review, func(c Candidate) bool { return b.taken[c.ID] != fromReview })
		q.Review = append(q.Review, b.takeFrom(nextDue, reviewLimit-len(q.Review))...)
	}
	q.Buried, q.HeldBackSeen, q.BuriedNew = b.buried, b.heldSeen, b.buriedNew
	return q
}

// origin is the stream a card was taken from.
type origin int

const (
	notTaken origin = iota
	fromAgain
	fromReview
	fromNew
)

// queueBuilder holds what BuildQueue has decided so far.
type queueBuilder struct {
	now   time.Time
	seen  map[string]bool
	taken map[string]origin
	// blockers maps a card to the taken cards that name it as a sibling,
	// so the rule holds even when only the other card records the
	// relation. An entry whose card is no longer taken is ignored.
	blockers  map[string][]string
	skipped   map[string]bool // held back or displaced
	buried    []string
	displaced int // reviews held back for a new sibling
	heldSeen  int
	buriedNew int
}

// take pulls candidates from seq until limit cards are taken (no limit if
// limit < 0), applying the sibling rule.
func (b *queueBuilder) take(seq iter.Seq[Candidate], limit int, from origin) []Candidate {
	if seq == nil || limit == 0 {
		return nil
	}
	var out []Candidate
	for c := range seq {
		if b.offer(c, from) {
			out = append(out, c)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// takeFrom is take for the due stream, pulled one card at a time so that
// BuildQueue can come back to it for more.
func (b *queueBuilder) takeFrom(next func() (Candidate, bool), limit int) []Candidate {
	var out []Candidate
	for next != nil && len(out) < limit {
		c, ok := next()
		if !ok {
			break
		}
		if b.offer(c, fromReview) {
			out = append(out, c)
		}
	}
	return out
}

// offer decides on one candidate and reports whether it was taken.
func (b *queueBuilder) offer(c Candidate, from origin) bool {
	if b.taken[c.ID] != notTaken || b.skipped[c.ID] || c.State.Suspended {
		return false
	}
	if c.State.BuriedUntil.After(b.now) {
		if from == fromNew {
			b.skipped[c.ID] = true
			b.buriedNew++
		}
		return false
	}
	if from != fromAgain {
		seen, holders := b.siblings(c)
		switch {
		case seen:
			b.holdBack(c.ID)
			b.heldSeen++
			return false
		case from == fromNew && len(holders) > 0 && !slices.ContainsFunc(holders, func(id string) bool { return b.taken[id] != fromReview }):
			for _, id := range holders {
				delete(b.taken, id)
				b.holdBack(id)
				b.displaced++
			}
		case len(holders) > 0:
			b.holdBack(c.ID)
			return false
		}
	}
	b.taken[c.ID] = from
	for _, s := range c.Siblings {
		if s != c.ID {
			b.blockers[s] = append(b.blockers[s], c.ID)
		}
	}
	return true
}

func (b *queueBuilder) holdBack(id string) {
	b.skipped[id] = true
	b.buried = append(b.buried, id)
}

// siblings reports whether a sibling of c was reviewed today, and which of
// its siblings are taken.
func (b *queueBuilder) siblings(c Candidate) (seen bool, taken []string) {
	for _, s := range c.Siblings {
		if s == c.ID {
			continue
		}
		if b.seen[s] {
			seen = true
		}
		if b.taken[s] != notTaken && !slices.Contains(taken, s) {
			taken = append(taken, s)
		}
	}
	for _, s := range b.blockers[c.ID] {
		if b.seen[s] {
			seen = true
		}
		if b.taken[s] != notTaken && !slices.Contains(taken, s) {
			taken = append(taken, s)
		}
	}
	return seen, taken
}
