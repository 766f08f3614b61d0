package scheduler_test

import (
	"cmp"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/scheduler"
)

// simCard is one card of the simulated store.
type simCard struct {
	id       string
	order    int
	siblings []string
	state    scheduler.State
}

// simStore is an in-memory stand-in for the store's queue streams.
type simStore struct {
	cards []*simCard
	byID  map[string]*simCard
}

func newSimStore(t *testing.T) *simStore {
	t.Helper()
	res := content.Generate(content.DefaultDeck(), content.Options{Deck: content.DefaultDeckName})
	if len(res.Cards) == 0 {
		t.Fatal("the built-in deck made no cards")
	}
	s := &simStore{byID: map[string]*simCard{}}
	for i, c := range res.Cards {
		sc := &simCard{id: c.ID, order: i, siblings: c.Siblings, state: scheduler.NewState()}
		s.cards = append(s.cards, sc)
		s.byID[c.ID] = sc
	}
	return s
}

func (s *simStore) candidate(c *simCard) scheduler.Candidate {
	return scheduler.Candidate{ID: c.id, State: c.state, Order: c.order, Siblings: c.siblings}
}

// streams returns again, due and fresh as the store builds them.
func (s *simStore) streams(cfg scheduler.Settings, now time.Time) (again, due, fresh iter.Seq[scheduler.Candidate]) {
	dayStart := cfg.DayStart(now)
	type queued struct {
		c *simCard
		t time.Time
	}
	var inQueue []queued
	for _, c := range s.cards {
		if t, ok := c.state.QueueTime(); ok {
			inQueue = append(inQueue, queued{c, t})
		}
	}
	slices.SortStableFunc(inQueue, func(a, b queued) int { return a.t.Compare(b.t) })
	seq := func(keep func(queued) bool) iter.Seq[scheduler.Candidate] {
		return func(yield func(scheduler.Candidate) bool) {
			for _, q := range inQueue {
				if keep(q) && !yield(s.candidate(q.c)) {
					return
				}
			}
		}
	}
	again = seq(func(q queued) bool { return q.t.After(dayStart) && !q.t.After(now) })
	due = seq(func(q queued) bool { return !q.t.After(dayStart) })
	fresh = func(yield func(scheduler.Candidate) bool) {
		for _, c := range s.cards {
			if c.state.IsNew() && !c.state.Suspended && !yield(s.candidate(c)) {
				return
			}
		}
	}
	return again, due, fresh
}

// allowedDays is the model the sibling rule promises for new cards: on each
// session day the next cards in note order are introduced, up to the daily
// limit, skipping a card only for a sibling introduced the same day (due
// reviews never hold a new card back). It returns each card's day index.
func allowedDays(cards []*simCard, newPerDay, sessions int) map[string]int {
	related := func(a, b *simCard) bool {
		return slices.Contains(a.siblings, b.id) || slices.Contains(b.siblings, a.id)
	}
	day := map[string]int{}
	for d := range sessions {
		var today []*simCard
		for _, c := range cards {
			if _, done := day[c.id]; done || len(today) == newPerDay {
				continue
			}
			if slices.ContainsFunc(today, func(o *simCard) bool { return related(c, o) }) {
				continue
			}
			today = append(today, c)
			day[c.id] = d
		}
	}
	return day
}

// TestSiblingRuleOverTwoWeeks runs the built-in deck through two simulated
// weeks of sessions: every card is first shown on the day the new-card
// limit and its new siblings allow, never later, and every due review is
// shown within a day per sibling of falling due.
func TestSiblingRuleOverTwoWeeks(t *testing.T) {
	daily := make([]int, 14)
	for i := range daily {
		daily[i] = i
	}
	tests := []struct {
		name      string
		newPerDay int
		days      []int // days since the start on which the learner reviews
		grades    []scheduler.Grade
	}{
		{"every day, limit 20, all good", 20, daily, []scheduler.Grade{4}},
		{"every day, limit 5, mixed grades", 5, daily, []scheduler.Grade{5, 4, 3, 4, 2}},
		{"first day then a week later, limit 20", 20, []int{0, 7, 8, 9, 10, 11, 12, 13}, []scheduler.Grade{4}},
		{"every other day, limit 3", 3, []int{0, 2, 4, 6, 8, 10, 12}, []scheduler.Grade{4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := scheduler.DefaultSettings()
			cfg.Location, cfg.NewPerDay = time.UTC, tt.newPerDay
			s := newSimStore(t)
			start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			firstShown := map[string]int{}
			gradeN := 0
			for session, d := range tt.days {
				now := start.AddDate(0, 0, d)
				again, due, fresh := s.streams(cfg, now)
				q := scheduler.BuildQueue(cfg, now, scheduler.Today{Seen: map[string]bool{}}, again, due, fresh)
				tomorrow := cfg.AddDays(cfg.DayStart(now), 1)
				for _, id := range q.Buried {
					s.byID[id].state.BuriedUntil = tomorrow
				}
				shown := map[string]bool{}
				for _, c := range q.Review {
					if due, _ := c.State.QueueTime(); int(now.Sub(due).Hours()/24) > len(c.Siblings)+1 && session > 0 && tt.days[session-1] == d-1 {
						t.Errorf("day %d: card %s shown %s after falling due", d, c.ID, now.Sub(due))
					}
				}
				line := q.All()
				for len(line) > 0 {
					c := s.byID[line[0].ID]
					line = line[1:]
					if c.state.IsNew() {
						firstShown[c.id] = session
					}
					for _, o := range c.siblings {
						if shown[o] {
							t.Errorf("day %d: card %s shown the same day as its sibling %s", d, c.id, o)
						}
					}
					shown[c.id] = true
					g := tt.grades[gradeN%len(tt.grades)]
					gradeN++
					next, out, err := scheduler.Review(c.state, g, now, cfg)
					if err != nil {
						t.Fatal(err)
					}
					c.state = next
					if out.Again {
						line = append(line, s.candidate(c))
					}
					now = now.Add(time.Minute)
				}
			}
			want := allowedDays(s.cards, tt.newPerDay, len(tt.days))
			for _, c := range s.cards {
				got, ok := firstShown[c.id]
				w, allowed := want[c.id]
				switch {
				case allowed && !ok:
					t.Errorf("card %s (order %d) never shown; its limits allow session %d", c.id, c.order, w)
				case allowed && got > w:
					t.Errorf("card %s (order %d) first shown in session %d; its limits allow session %d", c.id, c.order, got, w)
				case !allowed && ok:
					t.Errorf("card %s shown in session %d, before its limits allow", c.id, got)
				}
			}
			if tt.newPerDay >= 5 && len(firstShown) != len(s.cards) {
				t.Errorf("%d of %d cards shown in two weeks", len(firstShown), len(s.cards))
			}
			last := slices.MaxFunc(s.cards, func(a, b *simCard) int { return cmp.Compare(firstShown[a.id], firstShown[b.id]) })
			t.Logf("%d cards, %d shown; the last first shown in session %d", len(s.cards), len(firstShown), firstShown[last.id])
		})
	}
}
