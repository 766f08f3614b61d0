package scheduler

import (
	"iter"
	"slices"
	"strings"
	"testing"
	"time"
)

// stream is a store stand-in: it yields its candidates in order and counts
// how many it handed out, so tests can see that BuildQueue stops pulling.
type stream struct {
	cands  []Candidate
	pulled int
}

func (s *stream) seq() iter.Seq[Candidate] {
	if s == nil {
		return nil
	}
	return func(yield func(Candidate) bool) {
		for _, c := range s.cands {
			s.pulled++
			if !yield(c) {
				return
			}
		}
	}
}

// card builders for the queue tables.
func dueCard(id string, siblings ...string) Candidate {
	return Candidate{ID: id, State: State{Reps: 2, EF: 250, IntervalDays: 6, Due: noon.AddDate(0, 0, -1), LastReview: noon.AddDate(0, 0, -7)}, Siblings: siblings}
}

func newCard(id string, order int, siblings ...string) Candidate {
	return Candidate{ID: id, State: NewState(), Order: order, Siblings: siblings}
}

func againCard(id string, siblings ...string) Candidate {
	return Candidate{ID: id, State: State{EF: 250, Due: noon.Add(-time.Hour), LastReview: noon.Add(-time.Hour), Lapses: 1}, Siblings: siblings}
}

func suspended(c Candidate) Candidate { c.State.Suspended = true; return c }

func buriedUntil(c Candidate, t time.Time) Candidate { c.State.BuriedUntil = t; return c }

func many(prefix string, n int, build func(id string, i int) Candidate) []Candidate {
	out := make([]Candidate, 0, n)
	for i := range n {
		out = append(out, build(prefix+string(rune('a'+i%26))+string(rune('0'+i/26)), i))
	}
	return out
}

func ids(cs []Candidate) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestBuildQueue(t *testing.T) {
	limits := func(newPerDay, reviewsPerDay int) Settings {
		cfg := utcSettings()
		cfg.NewPerDay, cfg.ReviewsPerDay = newPerDay, reviewsPerDay
		return cfg
	}
	tests := []struct {
		name              string
		cfg               Settings
		today             Today
		again, due, fresh []Candidate
		wantAgain         []string
		wantReview        []string
		wantNew           []string
		wantBuried        []string
		// how many candidates each stream handed out; -1: not checked
		wantPulled [3]int
	}{
		{
			name:       "order kept within and across streams",
			cfg:        limits(20, 200),
			again:      []Candidate{againCard("a1"), againCard("a2")},
			due:        []Candidate{dueCard("d1"), dueCard("d2"), dueCard("d3")},
			fresh:      []Candidate{newCard("n1", 1), newCard("n2", 2)},
			wantAgain:  []string{"a1", "a2"},
			wantReview: []string{"d1", "d2", "d3"},
			wantNew:    []string{"n1", "n2"},
			wantBuried: []string{},
			wantPulled: [3]int{2, 3, 2},
		},
		{
			name:       "limits stop pulling",
			cfg:        limits(2, 3),
			due:        many("d", 50, func(id string, _ int) Candidate { return dueCard(id) }),
			fresh:      many("n", 50, func(id string, i int) Candidate { return newCard(id, i) }),
			wantAgain:  []string{},
			wantReview: []string{"da0", "db0", "dc0"},
			wantNew:    []string{"na0", "nb0"},
			wantBuried: []string{},
			wantPulled: [3]int{0, 3, 2},
		},
		{
			name:       "limits less what was done today",
			cfg:        limits(5, 10),
			today:      Today{NewShown: 3, ReviewsDone: 9},
			due:        many("d", 50, func(id string, _ int) Candidate { return dueCard(id) }),
			fresh:      many("n", 50, func(id string, i int) Candidate { return newCard(id, i) }),
			wantAgain:  []string{},
			wantReview: []string{"da0"},
			wantNew:    []string{"na0", "nb0"},
			wantBuried: []string{},
			wantPulled: [3]int{0, 1, 2},
		},
		{
			name:       "limits used up today pull nothing",
			cfg:        limits(5, 10),
			today:      Today{NewShown: 5, ReviewsDone: 12},
			again:      []Candidate{againCard("a1")},
			due:        many("d", 50, func(id string, _ int) Candidate { return dueCard(id) }),
			fresh:      many("n", 50, func(id string, i int) Candidate { return newCard(id, i) }),
			wantAgain:  []string{"a1"},
			wantReview: []string{},
			wantNew:    []string{},
			wantBuried: []string{},
			wantPulled: [3]int{1, 0, 0},
		},
		{
			name:       "again has no limit",
			cfg:        limits(0, 0),
			again:      many("a", 30, func(id string, _ int) Candidate { return againCard(id) }),
			wantAgain:  ids(many("a", 30, func(id string, _ int) Candidate { return againCard(id) })),
			wantReview: []string{},
			wantNew:    []string{},
			wantBuried: []string{},
			wantPulled: [3]int{30, 0, 0},
		},
		{
			name:       "suspended and buried skipped, not counted",
			cfg:        limits(2, 2),
			again:      []Candidate{suspended(againCard("a1")), buriedUntil(againCard("a2"), noon.Add(time.Hour)), againCard("a3")},
			due:        []Candidate{suspended(dueCard("d1")), buriedUntil(dueCard("d2"), day(1)), dueCard("d3"), buriedUntil(dueCard("d4"), noon), dueCard("d5"), dueCard("d6")},
			fresh:      []Candidate{suspended(newCard("n1", 1)), newCard("n2", 2), newCard("n3", 3), newCard("n4", 4)},
			wantAgain:  []string{"a3"},
			wantReview: []string{"d3", "d4"}, // d4's burial ended at now
			wantNew:    []string{"n2", "n3"},
			wantBuried: []string{},
			wantPulled: [3]int{3, 4, 3},
		},
		{
			name:       "sibling seen today buries the card, which does not count",
			cfg:        limits(1, 1),
			today:      Today{Seen: map[string]bool{"x": true, "y": true}},
			due:        []Candidate{dueCard("d1", "x"), dueCard("d2")},
			fresh:      []Candidate{newCard("n1", 1, "q", "y"), newCard("n2", 2), newCard("n3", 3)},
			wantAgain:  []string{},
			wantReview: []string{"d2"},
			wantNew:    []string{"n2"},
			wantBuried: []string{"d1", "n1"},
			wantPulled: [3]int{0, 2, 2},
		},
		{
			name:       "new sibling goes before a due review; a new sibling of a new card waits",
			cfg:        limits(20, 200),
			due:        []Candidate{dueCard("d1", "n2"), dueCard("d2")},
			fresh:      []Candidate{newCard("n1", 1, "n3"), newCard("n2", 2, "d1"), newCard("n3", 3, "n1")},
			wantAgain:  []string{},
			wantReview: []string{"d2"},
			wantNew:    []string{"n1", "n2"},
			wantBuried: []string{"d1", "n3"},
			wantPulled: [3]int{0, 2, 3},
		},
		{
			name:       "a review held back for a new sibling gives its place to the next due card",
			cfg:        limits(20, 2),
			due:        []Candidate{dueCard("d1"), dueCard("d2", "n1"), dueCard("d3", "n2"), dueCard("d4")},
			fresh:      []Candidate{newCard("n1", 1), newCard("n2", 2, "d3")},
			wantAgain:  []string{},
			wantReview: []string{"d1", "d4"},
			wantNew:    []string{"n1", "n2"},
			wantBuried: []string{"d2", "d3"},
			wantPulled: [3]int{0, 4, 2},
		},
		{
			name:       "a new card waits for a sibling reviewed today or re-drilled",
			cfg:        limits(2, 200),
			today:      Today{Seen: map[string]bool{"r": true}},
			again:      []Candidate{againCard("a1", "n2")},
			fresh:      []Candidate{newCard("n1", 1, "r"), newCard("n2", 2), newCard("n3", 3), newCard("n4", 4), newCard("n5", 5)},
			wantAgain:  []string{"a1"},
			wantReview: []string{},
			wantNew:    []string{"n3", "n4"},
			wantBuried: []string{"n1", "n2"},
			wantPulled: [3]int{1, 0, 4},
		},
		{
			name:       "a sibling held back by a displaced review stays held back",
			cfg:        limits(20, 200),
			due:        []Candidate{dueCard("d1", "d2"), dueCard("d2")},
			fresh:      []Candidate{newCard("n1", 1, "d1")},
			wantAgain:  []string{},
			wantReview: []string{},
			wantNew:    []string{"n1"},
			wantBuried: []string{"d2", "d1"},
			wantPulled: [3]int{0, 2, 1},
		},
		{
			name:       "relation recorded on one side only",
			cfg:        limits(20, 200),
			fresh:      []Candidate{newCard("term", 1, "reverse"), newCard("reverse", 2), newCard("other", 3)},
			wantAgain:  []string{},
			wantReview: []string{},
			wantNew:    []string{"term", "other"},
			wantBuried: []string{"reverse"},
			wantPulled: [3]int{0, 0, 3},
		},
		{
			name:       "a buried card does not bury its own siblings",
			cfg:        limits(20, 200),
			fresh:      []Candidate{newCard("a", 1, "b"), newCard("b", 2, "a", "c"), newCard("c", 3, "b")},
			wantAgain:  []string{},
			wantReview: []string{},
			wantNew:    []string{"a", "c"},
			wantBuried: []string{"b"},
			wantPulled: [3]int{0, 0, 3},
		},
		{
			name:       "again cards keep their place but bury their siblings",
			cfg:        limits(20, 200),
			today:      Today{Seen: map[string]bool{"a1": true, "a2": true}},
			again:      []Candidate{againCard("a1", "a2"), againCard("a2", "a1", "d1")},
			due:        []Candidate{dueCard("d1"), dueCard("d2")},
			fresh:      []Candidate{newCard("n1", 1, "a1")},
			wantAgain:  []string{"a1", "a2"},
			wantReview: []string{"d2"},
			wantNew:    []string{},
			wantBuried: []string{"d1", "n1"},
			wantPulled: [3]int{2, 2, 1},
		},
		{
			name:       "a card offered twice is taken once",
			cfg:        limits(20, 200),
			again:      []Candidate{againCard("x")},
			due:        []Candidate{dueCard("x"), dueCard("d1")},
			fresh:      []Candidate{newCard("n1", 1), newCard("n1", 1)},
			wantAgain:  []string{"x"},
			wantReview: []string{"d1"},
			wantNew:    []string{"n1"},
			wantBuried: []string{},
			wantPulled: [3]int{1, 2, 2},
		},
		{
			name:       "nil streams",
			cfg:        limits(20, 200),
			wantAgain:  []string{},
			wantReview: []string{},
			wantNew:    []string{},
			wantBuried: []string{},
			wantPulled: [3]int{0, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams := [3]*stream{}
			for i, cs := range [][]Candidate{tt.again, tt.due, tt.fresh} {
				if cs != nil {
					streams[i] = &stream{cands: cs}
				}
			}
			q := BuildQueue(tt.cfg, noon, tt.today, streams[0].seq(), streams[1].seq(), streams[2].seq())
			check := func(what string, got, want []string) {
				t.Helper()
				if got == nil {
					got = []string{}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("Again", ids(q.Again), tt.wantAgain)
			check("Review", ids(q.Review), tt.wantReview)
			check("New", ids(q.New), tt.wantNew)
			check("Buried", q.Buried, tt.wantBuried)
			for i, s := range streams {
				pulled := 0
				if s != nil {
					pulled = s.pulled
				}
				if pulled != tt.wantPulled[i] {
					t.Errorf("stream %d pulled %d candidates, want %d", i, pulled, tt.wantPulled[i])
				}
			}
			all := append(append(append([]string{}, tt.wantAgain...), tt.wantReview...), tt.wantNew...)
			if got := ids(q.All()); q.Len() != len(all) || !slices.Equal(got, all) {
				t.Errorf("All() = %q (Len %d), want %q", got, q.Len(), all)
			}
		})
	}
}

func TestBuildQueueCountsWhatIsHeldBack(t *testing.T) {
	cfg := utcSettings()
	cfg.NewPerDay = 2
	fresh := &stream{cands: []Candidate{
		newCard("n1", 1, "seen"),
		buriedUntil(newCard("n2", 2), noon.Add(time.Hour)),
		newCard("n3", 3), newCard("n4", 4, "n3"), newCard("n5", 5),
		buriedUntil(newCard("n6", 6), noon.Add(time.Hour)), // beyond the limit: not counted
	}}
	q := BuildQueue(cfg, noon, Today{Seen: map[string]bool{"seen": true}}, nil, nil, fresh.seq())
	if got := ids(q.New); !slices.Equal(got, []string{"n3", "n5"}) {
		t.Errorf("New = %q, want n3 n5", got)
	}
	if !slices.Equal(q.Buried, []string{"n1", "n4"}) || q.HeldBackSeen != 1 || q.BuriedNew != 1 {
		t.Errorf("Buried %q, HeldBackSeen %d, BuriedNew %d; want [n1 n4], 1, 1", q.Buried, q.HeldBackSeen, q.BuriedNew)
	}
}

func TestBuildQueueKeepsCandidates(t *testing.T) {
	c := newCard("n1", 7, "x")
	q := BuildQueue(utcSettings(), noon, Today{}, nil, nil, (&stream{cands: []Candidate{c}}).seq())
	if len(q.New) != 1 || q.New[0].Order != 7 || !slices.Equal(q.New[0].Siblings, []string{"x"}) || q.New[0].State != c.State {
		t.Errorf("candidate changed on its way into the queue: %+v", q.New)
	}
}

func TestWithAhead(t *testing.T) {
	now := time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)
	due := func(id string, days int, sibs ...string) Candidate {
		return Candidate{ID: id, State: State{EF: InitialEF, Reps: 1, IntervalDays: 1, LastReview: now.Add(-time.Hour), Due: now.Add(time.Duration(days) * 24 * time.Hour)}, Siblings: sibs}
	}
	buried := due("buried", 1)
	buried.State.BuriedUntil = now.Add(48 * time.Hour)
	suspended := due("suspended", 1)
	suspended.State.Suspended = true
	today := due("today", 0)
	today.State.Due = now.Add(-time.Hour)
	q := Queue{Review: []Candidate{today}, New: []Candidate{{ID: "fresh", Siblings: []string{"sib-of-new"}}}}
	got := q.WithAhead(now, Today{Seen: map[string]bool{"seen": true}}, slices.Values([]Candidate{
		today,             // in today's queue already
		due("a", 1),       // taken
		buried, suspended, // not reviewable now
		due("sib-of-new", 1),          // a sibling of today's new card
		due("sib-of-seen", 2, "seen"), // a sibling of a card reviewed today
		due("b", 2, "c"),              // taken; holds c back
		due("c", 3),                   // b's sibling, named only by b
		due("d", 3),                   // taken
	}))
	var ids []string
	for _, c := range got.Ahead {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, " ") != "a b d" {
		t.Errorf("ahead = %q, want a b d", ids)
	}
	if got.Len() != 5 || len(got.Review) != 1 || len(got.New) != 1 {
		t.Errorf("today's queue changed: %+v", got)
	}
	if last := got.All()[got.Len()-1]; last.ID != "d" {
		t.Errorf("All ends with %q, want the ahead cards last", last.ID)
	}
}
