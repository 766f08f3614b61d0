package team

import (
	"reflect"
	"strings"
	"testing"
)

// The IDs of the hand-made deck; x is a card the manager's deck lacks.
const (
	idA = "aaaa0001"
	idB = "bbbb0002"
	idC = "cccc0003"
	idD = "dddd0004"
	idE = "eeee0005"
	idF = "ffff0006"
	idX = "0123456789ab"
)

// teamDeck is in note order; F comes before C, unlike ID order.
func teamDeck() []CardText {
	return []CardText{{idA, "front A"}, {idB, "front B"}, {idF, "front F"}, {idC, "front C"}, {idD, "front D"}, {idE, "front E"}}
}

func reviewed(id string, reviews, lapses, interval int, ef float64, day string) CardProgress {
	return CardProgress{ID: id, Reviews: reviews, Lapses: lapses, IntervalDays: interval, EF: ef, LastGrade: grade(4), LastReview: day}
}

func unseen(id string) CardProgress { return CardProgress{ID: id, EF: 2.5} }

// alice exported with --as; bob did not, so his file names him. EFs are
// binary fractions so that means compare exactly.
func alice() Progress {
	return Progress{Deck: "Team", Member: "alice", Day: "2026-11-23", Cards: []CardProgress{
		reviewed(idA, 4, 2, 1, 2.25, "2026-11-20"),
		reviewed(idB, 2, 0, 6, 2.5, "2026-11-22"),
		unseen(idC),
		reviewed(idD, 3, 1, 0, 2.5, "2026-11-21"), // failed last time: not learned
		reviewed(idE, 1, 0, 1, 2.0, "2026-11-19"),
		unseen(idF),
		reviewed(idX, 2, 1, 1, 2.5, "2026-11-01"),
	}}
}

func bob() Progress {
	return Progress{Deck: "Team", Day: "2026-11-22", DeckVersion: 2, Cards: []CardProgress{
		reviewed(idA, 2, 0, 1, 2.75, "2026-11-18"),
		reviewed(idB, 1, 0, 1, 2.5, "2026-11-18"),
		unseen(idC),
		unseen(idF),
	}}
}

func TestReport(t *testing.T) {
	r, err := Report(teamDeck(), []Progress{alice(), bob()}, []string{"in/alice.json", "team/bob.json"})
	if err != nil {
		t.Fatal(err)
	}
	third := 0.3333 // 1/3 to four decimals
	wantCards := []CardStats{
		{ID: idX, NotInDeck: true, Members: 1, Reviewed: 1, Learned: 1, Reviews: 2, Lapses: 1, LapseRate: 0.5, MeanEF: 2.5, Rank: 1},
		{ID: idA, Front: "front A", Members: 2, Reviewed: 2, Learned: 2, Reviews: 6, Lapses: 2, LapseRate: third, MeanEF: 2.5, Rank: 2},
		{ID: idD, Front: "front D", Members: 1, Reviewed: 1, Learned: 0, Reviews: 3, Lapses: 1, LapseRate: third, MeanEF: 2.5, Rank: 3},
		{ID: idE, Front: "front E", Members: 1, Reviewed: 1, Learned: 1, Reviews: 1, LapseRate: 0, MeanEF: 2.0, Rank: 4},
		{ID: idB, Front: "front B", Members: 2, Reviewed: 2, Learned: 2, Reviews: 3, LapseRate: 0, MeanEF: 2.5, Rank: 5},
		{ID: idF, Front: "front F", Members: 2},
		{ID: idC, Front: "front C", Members: 2},
	}
	if got := ids(r.Cards); !reflect.DeepEqual(got, ids(wantCards)) {
		t.Fatalf("card order %v, want %v", got, ids(wantCards))
	}
	for i, want := range wantCards {
		got := r.Cards[i]
		got.order = 0
		if got != want {
			t.Errorf("card %s:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	wantMembers := []MemberStats{
		{Name: "alice", File: "in/alice.json", Day: "2026-11-23", Cards: 7, Reviewed: 5, Reviews: 12, Lapses: 4, Learned: 4, LastReview: "2026-11-22"},
		{Name: "bob", File: "team/bob.json", Day: "2026-11-22", DeckVersion: 2, Cards: 4, Reviewed: 2, Reviews: 3, Lapses: 0, Learned: 2, LastReview: "2026-11-18"},
	}
	if !reflect.DeepEqual(r.Members, wantMembers) {
		t.Errorf("members:\n got %+v\nwant %+v", r.Members, wantMembers)
	}
	if want := (Coverage{Cards: 6, All: 2, Some: 1, None: 3}); r.Coverage != want {
		t.Errorf("coverage %+v, want %+v", r.Coverage, want)
	}
	if r.Deck != "Team" || !r.DeckKnown || r.NotInDeck != 1 {
		t.Errorf("deck %q, known %v, not in deck %d", r.Deck, r.DeckKnown, r.NotInDeck)
	}

	for _, tc := range []struct {
		n                  int
		hardest, uncovered []string
	}{
		{10, []string{idX, idA, idD, idE, idB}, []string{idF, idC, idD, idE}},
		{2, []string{idX, idA}, []string{idF, idC}},
		{0, nil, nil},
	} {
		if got := ids(r.Hardest(tc.n)); !reflect.DeepEqual(got, tc.hardest) {
			t.Errorf("Hardest(%d) = %v, want %v", tc.n, got, tc.hardest)
		}
		if got := ids(r.LeastCovered(tc.n)); !reflect.DeepEqual(got, tc.uncovered) {
			t.Errorf("LeastCovered(%d) = %v, want %v", tc.n, got, tc.uncovered)
		}
	}
}

func ids(cards []CardStats) []string {
	var out []string
	for _, c := range cards {
		out = append(out, c.ID)
	}
	return out
}

// Without the manager's deck, every card in the files counts and none is
// flagged.
func TestReportWithoutDeck(t *testing.T) {
	r, err := Report(nil, []Progress{alice(), bob()}, []string{"alice.json", "bob.json"})
	if err != nil {
		t.Fatal(err)
	}
	if r.DeckKnown || r.NotInDeck != 0 {
		t.Errorf("known %v, not in deck %d", r.DeckKnown, r.NotInDeck)
	}
	if want := (Coverage{Cards: 7, All: 2, Some: 2, None: 3}); r.Coverage != want {
		t.Errorf("coverage %+v, want %+v", r.Coverage, want)
	}
	for _, c := range r.Cards {
		if c.NotInDeck || c.Front != "" {
			t.Errorf("card %+v: flagged or has text without a deck", c)
		}
	}
	// Unreviewed cards fall back to ID order.
	if got := ids(r.Cards[5:]); !reflect.DeepEqual(got, []string{idC, idF}) {
		t.Errorf("unreviewed cards %v, want C then F", got)
	}
}

func TestReportRefuses(t *testing.T) {
	other := bob()
	other.Deck = "Other"
	twin := bob()
	twin.Member = "alice"
	bad := bob()
	bad.Cards[0].Lapses = 99
	for _, tc := range []struct {
		name    string
		members []Progress
		files   []string
		want    string
	}{
		{"none", nil, nil, "no progress files"},
		{"mixed decks", []Progress{alice(), other}, []string{"a.json", "b.json"}, `b.json is progress on deck "Other", but a.json is on deck "Team"`},
		{"same --as name", []Progress{alice(), twin}, []string{"a.json", "b.json"}, `a.json and b.json are both member "alice"`},
		{"same file twice", []Progress{bob(), bob()}, []string{"x/bob.json", "y/bob.json"}, `x/bob.json and y/bob.json are both member "bob"`},
		{"invalid", []Progress{alice(), bad}, []string{"a.json", "b.json"}, "b.json: cards[0] (aaaa0001): lapses 99"},
		{"files missing", []Progress{alice()}, nil, "1 progress files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Report(teamDeck(), tc.members, tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestMemberName(t *testing.T) {
	for _, tc := range []struct {
		member, file, want string
	}{
		{"alice", "whatever.json", "alice"},
		{"", "progress/bob.json", "bob"},
		{"", "carol", "carol"},
		{"", "dave.progress.json", "dave.progress"},
		{"", ".json", ".json"},
	} {
		if got := MemberName(Progress{Member: tc.member}, tc.file); got != tc.want {
			t.Errorf("MemberName(%q, %q) = %q, want %q", tc.member, tc.file, got, tc.want)
		}
	}
}
