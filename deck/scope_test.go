package deck

import (
	"slices"
	"strconv"
	"testing"
)

// fromNotes gives a card the notes it came from, as paths relative to the
// deck's root.
func fromNotes(c Card, files ...string) Card {
	c.Sources = nil
	for _, f := range files {
		c.Sources = append(c.Sources, Source{File: f, Line: 1})
	}
	return c
}

func TestPlanMergeInScope(t *testing.T) {
	honesty := fromNotes(termCard("a1", "trust", "Honesty", "Always telling the truth", 1), "trust.md")
	delivery := fromNotes(termCard("b1", "trust", "Delivery", "Shipping what was promised", 2), "trust.md")
	candour := fromNotes(termCard("c1", "teams", "Candour", "Saying the hard thing early", 3), "sub/teams.md")
	focus := fromNotes(termCard("d1", "teams", "Focus", "Doing fewer things, better", 4), "sub/teams.md")
	// A term two notes define is one card with two sources.
	shared := fromNotes(termCard("s1", "trust", "Trust", "What is earned", 5), "sub/teams.md", "trust.md")
	existing := func(cards ...Card) []Existing {
		var out []Existing
		for _, c := range cards {
			out = append(out, Existing{Card: c})
		}
		return out
	}
	all := existing(honesty, delivery, candour, focus, shared)

	tests := []struct {
		name     string
		scope    Scope
		incoming []Card
		added    []string
		updated  []string
		retired  []string
		relinked []string
	}{
		{
			name:     "one note re-read leaves the others' cards alone",
			scope:    Scope{Paths: []string{"trust.md"}},
			incoming: []Card{fromNotes(honesty, "trust.md"), fromNotes(delivery, "trust.md"), fromNotes(shared, "trust.md")},
		},
		{
			name:     "an item removed from the note re-read is retired",
			scope:    Scope{Paths: []string{"trust.md"}},
			incoming: []Card{fromNotes(honesty, "trust.md"), fromNotes(shared, "trust.md")},
			retired:  []string{"b1"},
		},
		{
			name:     "a deleted note under a folder re-read retires its cards only",
			scope:    Scope{Paths: []string{"sub"}},
			incoming: nil,
			retired:  []string{"c1", "d1"},
			updated:  []string{"s1"}, // still made by trust.md: loses only its sub/teams.md source
		},
		{
			name:     "the whole root re-read is a full import",
			scope:    Scope{Paths: []string{"."}},
			incoming: []Card{fromNotes(honesty, "trust.md")},
			retired:  []string{"b1", "c1", "d1", "s1"},
		},
		{
			name:     "a reworded term relinks only within the scope",
			scope:    Scope{Paths: []string{"sub/teams.md"}},
			incoming: []Card{fromNotes(termCard("c2", "teams", "Candor", "Saying the hard thing early", 3), "sub/teams.md"), focus, fromNotes(shared, "sub/teams.md")},
			relinked: []string{"c1->c2"},
		},
		{
			name:     "a note that could not be read keeps its cards, the shared one its source",
			scope:    Scope{Paths: []string{"."}, Unread: []string{"trust.md"}},
			incoming: []Card{candour, focus, fromNotes(shared, "sub/teams.md")},
		},
		{
			name:     "a folder that could not be read keeps its notes' cards",
			scope:    Scope{Paths: []string{"."}, Unread: []string{"sub"}},
			incoming: []Card{honesty, delivery, fromNotes(shared, "trust.md")},
		},
		{
			name:     "an unread note does not shield the items gone from the notes read",
			scope:    Scope{Paths: []string{"."}, Unread: []string{"sub/teams.md"}},
			incoming: []Card{honesty, fromNotes(shared, "trust.md")},
			retired:  []string{"b1"},
		},
		{
			name:     "a note outside the scope is not taken for a deleted one",
			scope:    Scope{Paths: []string{"other.md"}},
			incoming: []Card{fromNotes(termCard("e1", "other", "Rest", "Stopping in time", 1), "other.md")},
			added:    []string{"e1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PlanMergeIn("d", all, tt.incoming, tt.scope)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want []string) {
				t.Helper()
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("added", ids(got.Added), tt.added)
			check("updated", ids(got.Updated), tt.updated)
			check("retired", got.Retired, tt.retired)
			check("relinked", relinks(got.Relinked), tt.relinked)
		})
	}
}

// TestPlanMergeInKeepsOtherNotes: a card made by notes in and out of scope
// keeps the sources outside it, and its place in the deck, so re-reading
// one note never marks it changed.
func TestPlanMergeInKeepsOtherNotes(t *testing.T) {
	shared := fromNotes(termCard("s1", "trust", "Trust", "What is earned", 7), "teams.md", "trust.md")
	incoming := fromNotes(shared, "trust.md")
	incoming.Order = 0 // first card of the one note read
	plan, err := PlanMergeIn("d", []Existing{{Card: shared}}, []Card{incoming}, Scope{Paths: []string{"trust.md"}})
	if err != nil {
		t.Fatal(err)
	}
	// Unchanged means the same content as the stored card: the import kept
	// its place in the deck (order 7) and the other note's source.
	if !slices.Equal(plan.Unchanged, []string{"s1"}) || len(plan.Updated) != 0 {
		t.Fatalf("plan = %+v, want the card unchanged", plan)
	}
	// A new card of a partial import comes after the deck's last card.
	added := fromNotes(termCard("n1", "trust", "New", "A new item", 0), "trust.md")
	plan, err = PlanMergeIn("d", []Existing{{Card: shared}}, []Card{incoming, added}, Scope{Paths: []string{"trust.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Added) != 1 || plan.Added[0].Order != 8 {
		t.Errorf("added = %+v, want n1 at order 8", plan.Added)
	}
}

func TestScopeCovers(t *testing.T) {
	tests := []struct {
		paths []string
		file  string
		want  bool
	}{
		{nil, "anything.md", true},
		{[]string{"."}, "a/b.md", true},
		{[]string{"."}, "../outside.md", false},
		{[]string{"a"}, "a/b.md", true},
		{[]string{"a"}, "ab/c.md", false},
		{[]string{"a/b.md"}, "a/b.md", true},
		{[]string{"a/b.md"}, "./a/b.md", true},
		{[]string{"a/"}, "a/x/y.md", true},
		{[]string{}, "a.md", false},
	}
	for _, tt := range tests {
		if got := (Scope{Paths: tt.paths}).Covers(tt.file); got != tt.want {
			t.Errorf("Scope%q.Covers(%q) = %v, want %v", tt.paths, tt.file, got, tt.want)
		}
	}
}

func TestAddPaths(t *testing.T) {
	tests := []struct {
		have, more, want []string
	}{
		{nil, []string{"notes/a.md"}, []string{"notes/a.md"}},
		{[]string{"notes/a.md"}, []string{"notes"}, []string{"notes"}},
		{[]string{"notes"}, []string{"notes/a.md", "./notes/"}, []string{"notes"}},
		{[]string{"b.md"}, []string{"a.md"}, []string{"a.md", "b.md"}},
		{[]string{"a"}, []string{"."}, []string{"."}},
		{[]string{"."}, []string{"../other"}, []string{".", "../other"}},
	}
	for _, tt := range tests {
		if got := AddPaths(tt.have, tt.more...); !slices.Equal(got, tt.want) {
			t.Errorf("AddPaths(%q, %q) = %q, want %q", tt.have, tt.more, got, tt.want)
		}
	}
}

func TestNearestName(t *testing.T) {
	names := []string{"Building trust", "notes", "Team values"}
	tests := []struct{ name, want string }{
		{"nots", "notes"},
		{"Notse", "notes"},
		{"building trst", "Building trust"},
		{"team", "Team values"},
		{"xyz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NearestName(tt.name, names); got != tt.want {
			t.Errorf("NearestName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// BenchmarkPlanMergeInManyPaths is a deck imported note by note: 5,000
// remembered paths, 25,000 cards, one note re-read.
func BenchmarkPlanMergeInManyPaths(b *testing.B) {
	var existing []Existing
	var paths []string
	for n := range 5000 {
		file := "notes/n" + strconv.Itoa(n) + ".md"
		paths = append(paths, file)
		for i := range 5 {
			id := strconv.Itoa(n*5 + i)
			existing = append(existing, Existing{Card: fromNotes(termCard(id, "n"+strconv.Itoa(n), "T"+id, "Definition "+id, n*5+i), file)})
		}
	}
	incoming := make([]Card, 5)
	for i := range incoming {
		incoming[i] = existing[i].Card
	}
	scope := Scope{Paths: paths}
	b.ResetTimer()
	for range b.N {
		if _, err := PlanMergeIn("d", existing, incoming, scope); err != nil {
			b.Fatal(err)
		}
		AddPaths(paths, "notes/n1.md")
	}
}

// TestPlanMergeInKeepsLinksItCannotSee: a card re-made by the notes read
// keeps its near-duplicate links to cards the import did not see (another
// note, or one that could not be read), and drops those to retired cards.
func TestPlanMergeInKeepsLinksItCannotSee(t *testing.T) {
	gamma := fromNotes(termCard("g1", "roman", "Gamma", "The third letter", 0), "roman.md")
	alpha := fromNotes(termCard("a1", "greek", "Alpha", "The first letter", 1), "greek.md")
	gone := fromNotes(termCard("z1", "greek", "Omega", "The last letter", 2), "greek.md")
	gamma.Siblings = []string{"a1", "z1"}
	alpha.Siblings = []string{"g1"}
	existing := []Existing{{Card: gamma}, {Card: alpha}, {Card: gone, Retired: true}}
	remade := gamma
	remade.Siblings = []string{}
	for _, scope := range []Scope{
		{Paths: []string{"roman.md"}},
		{Paths: []string{"."}, Unread: []string{"greek.md"}},
	} {
		plan, err := PlanMergeIn("d", existing, []Card{remade}, scope)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Unchanged) != 0 || len(plan.Updated) != 1 {
			t.Fatalf("scope %+v: plan = %+v, want g1 updated (it loses z1)", scope, plan)
		}
		if got := plan.Updated[0].Siblings; !slices.Equal(got, []string{"a1"}) {
			t.Errorf("scope %+v: siblings = %q, want [a1]", scope, got)
		}
		if len(plan.Retired) != 0 {
			t.Errorf("scope %+v: retired %q, want none", scope, plan.Retired)
		}
	}
}
