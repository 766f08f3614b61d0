package deck

import (
	"slices"
	"testing"
)

func termCard(id, note, term, back string, order int) Card {
	return Card{ID: id, Kind: KindTerm, Deck: "d", Front: "What is " + term + "?", Back: back, Term: term, Note: note, Order: order}
}

func ids(cards []Card) []string {
	var out []string
	for _, c := range cards {
		out = append(out, c.ID)
	}
	slices.Sort(out)
	return out
}

func relinks(rs []Relink) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.OldID+"->"+r.Card.ID)
	}
	return out
}

func TestPlanMerge(t *testing.T) {
	honesty := termCard("a1", "trust", "Honesty", "Always telling the truth, even when it costs you", 1)
	reliability := termCard("b1", "trust", "Reliability", "Doing what you said you would do, every time", 2)
	candour := termCard("c1", "trust", "Candour", "Saying the hard thing early and kindly", 3)
	other := termCard("x1", "other", "Honesty", "Always telling the truth, even when it costs you", 1)

	edited := func(c Card, f func(*Card)) Card { f(&c); return c }
	existing := func(cards ...Card) []Existing {
		var out []Existing
		for _, c := range cards {
			out = append(out, Existing{Card: c})
		}
		return out
	}

	tests := []struct {
		name     string
		existing []Existing
		incoming []Card
		want     MergePlan
		wantRel  []string
	}{
		{
			name:     "fresh import adds everything",
			incoming: []Card{honesty, reliability},
			want:     MergePlan{Added: []Card{honesty, reliability}},
		},
		{
			name:     "re-import of the same cards changes nothing",
			existing: existing(honesty, reliability),
			incoming: []Card{honesty, reliability},
			want:     MergePlan{Unchanged: []string{honesty.ID, reliability.ID}},
		},
		{
			name:     "edited definition is updated in place",
			existing: existing(honesty, reliability),
			incoming: []Card{edited(honesty, func(c *Card) { c.Back = "Never lying" }), reliability},
			want:     MergePlan{Updated: []Card{{ID: "a1"}}, Unchanged: []string{reliability.ID}},
		},
		{
			name:     "new order, sources or siblings are updates",
			existing: existing(honesty, reliability, candour),
			incoming: []Card{
				edited(honesty, func(c *Card) { c.Order = 9 }),
				edited(reliability, func(c *Card) { c.Sources = []Source{{File: "t.md", Line: 4}} }),
				edited(candour, func(c *Card) { c.Siblings = []string{"a1"} }),
			},
			want: MergePlan{Updated: []Card{{ID: "a1"}, {ID: "b1"}, {ID: "c1"}}},
		},
		{
			name:     "vanished item is retired",
			existing: existing(honesty, reliability),
			incoming: []Card{honesty},
			want:     MergePlan{Unchanged: []string{honesty.ID}, Retired: []string{"b1"}},
		},
		{
			name:     "retired item stays retired without being counted again",
			existing: []Existing{{Card: honesty}, {Card: reliability, Retired: true}},
			incoming: []Card{honesty},
			want:     MergePlan{Unchanged: []string{honesty.ID}},
		},
		{
			name:     "retired item that returns is updated",
			existing: []Existing{{Card: honesty}, {Card: reliability, Retired: true}},
			incoming: []Card{honesty, reliability},
			want:     MergePlan{Unchanged: []string{honesty.ID}, Updated: []Card{reliability}},
		},
		{
			name:     "same term under another ID is relinked",
			existing: existing(honesty, reliability),
			incoming: []Card{edited(honesty, func(c *Card) { c.ID = "a2"; c.Term = "honesty:"; c.Back = "Truth" }), reliability},
			want:     MergePlan{Unchanged: []string{reliability.ID}},
			wantRel:  []string{"a1->a2"},
		},
		{
			name:     "reworded term with nearly the same definition is relinked",
			existing: existing(honesty, reliability),
			incoming: []Card{edited(honesty, func(c *Card) {
				c.ID = "a2"
				c.Term = "Truthfulness"
				c.Back = "Always telling the truth, even when it costs you dearly"
			}), reliability},
			want:    MergePlan{Unchanged: []string{reliability.ID}},
			wantRel: []string{"a1->a2"},
		},
		{
			name:     "reworded term with a different definition is a new card",
			existing: existing(honesty),
			incoming: []Card{termCard("a2", "trust", "Truthfulness", "Being straight with people", 1)},
			want:     MergePlan{Added: []Card{{ID: "a2"}}, Retired: []string{"a1"}},
		},
		{
			name:     "a card from another note is never relinked",
			existing: existing(honesty),
			incoming: []Card{edited(other, func(c *Card) { c.Deck = "d" })},
			want:     MergePlan{Added: []Card{{ID: "x1"}}, Retired: []string{"a1"}},
		},
		{
			name:     "a term card is not relinked to a reverse card",
			existing: existing(honesty),
			incoming: []Card{edited(honesty, func(c *Card) { c.ID = "r1"; c.Kind = KindReverse; c.Front, c.Back = c.Back, c.Term })},
			want:     MergePlan{Added: []Card{{ID: "r1"}}, Retired: []string{"a1"}},
		},
		{
			name: "reverse cards relink on their definition, shown on the front",
			existing: existing(Card{ID: "r1", Kind: KindReverse, Deck: "d", Note: "trust", Term: "Honesty",
				Front: "Always telling the truth, even when it costs you", Back: "Honesty"}),
			incoming: []Card{{ID: "r2", Kind: KindReverse, Deck: "d", Note: "trust", Term: "Truthfulness",
				Front: "Always telling the truth even when it costs you", Back: "Truthfulness"}},
			wantRel: []string{"r1->r2"},
		},
		{
			name:     "a retired item that returns reworded is relinked",
			existing: []Existing{{Card: honesty, Retired: true}},
			incoming: []Card{edited(honesty, func(c *Card) { c.ID = "a2" })},
			wantRel:  []string{"a1->a2"},
		},
		{
			name:     "each old card is relinked once, to the best match",
			existing: existing(honesty),
			incoming: []Card{
				edited(honesty, func(c *Card) { c.ID = "a3"; c.Back = "Telling the truth" }),
				edited(honesty, func(c *Card) { c.ID = "a2" }),
			},
			want:    MergePlan{Added: []Card{{ID: "a3"}}},
			wantRel: []string{"a1->a2"},
		},
		{
			name:     "a card of another deck with an incoming ID moves here",
			existing: []Existing{{Card: edited(honesty, func(c *Card) { c.Deck = "elsewhere" })}},
			incoming: []Card{honesty},
			want:     MergePlan{Updated: []Card{honesty}},
		},
		{
			name:     "cards of other decks are never retired",
			existing: []Existing{{Card: edited(reliability, func(c *Card) { c.Deck = "elsewhere" })}},
			incoming: []Card{honesty},
			want:     MergePlan{Added: []Card{honesty}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PlanMerge("d", tt.existing, tt.incoming)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want []string) {
				t.Helper()
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("added", ids(got.Added), ids(tt.want.Added))
			check("updated", ids(got.Updated), ids(tt.want.Updated))
			check("unchanged", got.Unchanged, tt.want.Unchanged)
			check("retired", got.Retired, tt.want.Retired)
			check("relinked", relinks(got.Relinked), tt.wantRel)
			if n := len(got.Added) + len(got.Updated) + len(got.Unchanged) + len(got.Relinked); n != len(tt.incoming) {
				t.Errorf("plan places %d incoming cards, want %d", n, len(tt.incoming))
			}
			for _, c := range append(got.Added, got.Updated...) {
				if c.Deck != "d" {
					t.Errorf("card %s has deck %q, want the import's deck", c.ID, c.Deck)
				}
			}
		})
	}
}

func TestPlanMergeRejectsBadIDs(t *testing.T) {
	c := termCard("a1", "n", "T", "B", 1)
	for name, incoming := range map[string][]Card{
		"duplicate": {c, c},
		"empty":     {termCard("", "n", "T", "B", 1)},
	} {
		if _, err := PlanMerge("d", nil, incoming); err == nil {
			t.Errorf("%s ID: PlanMerge succeeded, want an error", name)
		}
	}
}

// TestPlanMergeIdempotent applies a plan the way the store does and plans
// the same import again: everything must come back unchanged.
func TestPlanMergeIdempotent(t *testing.T) {
	existing := []Existing{
		{Card: termCard("a1", "trust", "Honesty", "Always telling the truth, even when it costs you", 1)},
		{Card: termCard("b1", "trust", "Reliability", "Doing what you said", 2)},
		{Card: termCard("c1", "trust", "Candour", "Saying the hard thing", 3), Retired: true},
	}
	incoming := []Card{
		termCard("a2", "trust", "Honesty", "Always telling the truth", 1),
		termCard("c1", "trust", "Candour", "Saying the hard thing early", 2),
		termCard("d1", "trust", "Follow-through", "Closing the loop", 3),
	}
	plan, err := PlanMerge("d", existing, incoming)
	if err != nil {
		t.Fatal(err)
	}
	after := map[string]Existing{}
	for _, e := range existing {
		after[e.Card.ID] = e
	}
	for _, r := range plan.Relinked {
		delete(after, r.OldID)
		after[r.Card.ID] = Existing{Card: r.Card}
	}
	for _, c := range append(plan.Added, plan.Updated...) {
		after[c.ID] = Existing{Card: c}
	}
	// An unchanged card is left as it is.
	for _, id := range plan.Retired {
		e := after[id]
		e.Retired = true
		after[id] = e
	}
	var next []Existing
	for _, e := range after {
		next = append(next, e)
	}
	again, err := PlanMerge("d", next, incoming)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Unchanged) != len(incoming) || len(again.Added)+len(again.Updated)+len(again.Retired)+len(again.Relinked) != 0 {
		t.Errorf("second import planned %+v, want everything unchanged", again)
	}
}

// TestPlanMergeFirstImportShares: a first import's new cards are the
// incoming cards themselves (no copy of a vault's cards), and neither is
// changed; any other import copies them, and leaves incoming as it was.
func TestPlanMergeFirstImportShares(t *testing.T) {
	incoming := []Card{termCard("a1", "n", "Honesty", "Telling the truth", 1), termCard("b1", "n", "Candour", "Saying it", 2)}
	want := slices.Clone(incoming)
	plan, err := PlanMerge("d", nil, incoming)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Added) != 2 || &plan.Added[0] != &incoming[0] || cap(plan.Added) != len(plan.Added) {
		t.Errorf("first import: Added is not incoming itself, clipped (len %d cap %d)", len(plan.Added), cap(plan.Added))
	}
	for _, c := range []struct {
		name     string
		deckName string
		existing []Existing
		scope    Scope
	}{
		{"another deck name", "D2", nil, Scope{}},
		{"a card already there", "d", []Existing{{Card: termCard("a1", "n", "Honesty", "Telling the truth", 1)}}, Scope{}},
		{"a partial import after the deck's cards", "d", []Existing{{Card: termCard("z1", "m", "Other", "Else", 7)}}, Scope{Paths: []string{"n.md"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan, err := PlanMergeIn(c.deckName, c.existing, incoming, c.scope)
			if err != nil {
				t.Fatal(err)
			}
			for i := range plan.Added {
				for j := range incoming {
					if &plan.Added[i] == &incoming[j] {
						t.Fatalf("Added[%d] is incoming[%d], where the plan changes cards", i, j)
					}
				}
			}
			for _, a := range plan.Added {
				if a.Deck != c.deckName {
					t.Errorf("added card %s in deck %q, want %q", a.ID, a.Deck, c.deckName)
				}
			}
		})
	}
	for i := range incoming {
		if incoming[i].ID != want[i].ID || incoming[i].Deck != want[i].Deck || incoming[i].Order != want[i].Order {
			t.Errorf("incoming[%d] changed: %+v, was %+v", i, incoming[i], want[i])
		}
	}
}
