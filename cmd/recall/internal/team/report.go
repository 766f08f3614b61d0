package team

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
)

// CardText is a card of the deck as the manager's store has it: the report
// shows a card's front beside its figures, since the progress files carry
// only IDs.
type CardText struct {
	ID    string
	Front string
}

// CardStats are one card's figures over the team.
type CardStats struct {
	ID string `json:"id"`
	// Front is the card's front from the manager's deck; "" when the card
	// is not in it or no deck was given.
	Front string `json:"front,omitempty"`
	// NotInDeck flags a card some member has that the manager's deck lacks:
	// retired there, or from another version of the deck. Only set when
	// the report had the deck.
	NotInDeck bool `json:"not_in_deck,omitempty"`
	// Members is how many members' files list the card.
	Members int `json:"members"`
	// Reviewed and Learned count the members who reviewed it at all and who
	// learned it (see CardProgress.Learned).
	Reviewed int `json:"reviewed"`
	Learned  int `json:"learned"`
	// Reviews and Lapses are summed over the members.
	Reviews int `json:"reviews"`
	Lapses  int `json:"lapses"`
	// LapseRate is Lapses / Reviews to four decimals, 0 when there are no
	// reviews.
	LapseRate float64 `json:"lapse_rate"`
	// MeanEF is the mean easiness factor over the members who reviewed the
	// card, to four decimals; 0 (left out of JSON) when nobody did.
	MeanEF float64 `json:"mean_ef,omitempty"`
	// Rank is the card's place among the reviewed cards, hardest first
	// (1-based); 0 when nobody reviewed it.
	Rank int `json:"rank,omitempty"`

	order int // position in the manager's deck; len(deck) and up for the rest
}

// MemberStats are one member's figures on the deck.
type MemberStats struct {
	// Name is the member's --as name, else the file's base name without
	// its extension.
	Name        string `json:"name"`
	File        string `json:"file"`
	Day         string `json:"day"`
	DeckVersion uint64 `json:"deck_version,omitempty"`
	Cards       int    `json:"cards"`
	Reviewed    int    `json:"reviewed"`
	Reviews     int    `json:"reviews"`
	Lapses      int    `json:"lapses"`
	Learned     int    `json:"learned"`
	// LastReview is the latest review day over the member's cards, "" if none.
	LastReview string `json:"last_review,omitempty"`
}

// Coverage counts the deck's cards by how many members learned them. The
// deck is the manager's when the report had it, else every card in the
// files.
type Coverage struct {
	Cards int `json:"cards"`
	// All, Some and None count the cards learned by every member, by some
	// but not all, and by none.
	All  int `json:"all"`
	Some int `json:"some"`
	None int `json:"none"`
}

// TeamReport is what a manager reads: the hardest cards, the coverage and
// each member's activity.
type TeamReport struct {
	Deck string `json:"deck"`
	// DeckKnown says the card text came from the manager's deck.
	DeckKnown bool          `json:"deck_known"`
	Members   []MemberStats `json:"members"`
	// Cards holds every card: the reviewed ones hardest first (by lapse
	// rate, highest first, then mean EF, lowest first, then ID), then the
	// unreviewed ones by deck order and ID.
	Cards     []CardStats `json:"cards"`
	Coverage  Coverage    `json:"coverage"`
	NotInDeck int         `json:"not_in_deck"`
}

// Report combines members' progress on one deck. deckCards is the manager's
// deck, in note order, or nil when the manager does not have it (cards are
// then known by ID only). files[i] is where members[i] came from: it names
// a member who exported without --as, and the errors. Report fails when the
// files are for different decks, when two files are for the same member,
// and when a Progress is not valid (see Progress.Validate).
func Report(deckCards []CardText, members []Progress, files []string) (TeamReport, error) {
	if len(members) == 0 {
		return TeamReport{}, fmt.Errorf("no progress files")
	}
	if len(files) != len(members) {
		return TeamReport{}, fmt.Errorf("%d files named for %d progress files", len(files), len(members))
	}
	r := TeamReport{Deck: members[0].Deck, DeckKnown: deckCards != nil}
	byName := make(map[string]int, len(members))
	for i, p := range members {
		if err := p.Validate(); err != nil {
			return TeamReport{}, fmt.Errorf("%s: %w", files[i], err)
		}
		if p.Deck != r.Deck {
			return TeamReport{}, fmt.Errorf("%s is progress on deck %q, but %s is on deck %q: report one deck at a time",
				files[i], clip(p.Deck), files[0], clip(r.Deck))
		}
		name := MemberName(p, files[i])
		if j, dup := byName[name]; dup {
			return TeamReport{}, fmt.Errorf("%s and %s are both member %q: export with --as NAME to tell them apart", files[j], files[i], name)
		}
		byName[name] = i
	}

	cards := make(map[string]*CardStats)
	efSums := make(map[string]float64)
	var ids []string // first-seen order, for determinism
	for i, c := range deckCards {
		if _, dup := cards[c.ID]; dup {
			continue
		}
		cards[c.ID] = &CardStats{ID: c.ID, Front: c.Front, order: i}
		ids = append(ids, c.ID)
	}
	for i, p := range members {
		m := MemberStats{Name: MemberName(p, files[i]), File: files[i], Day: p.Day, DeckVersion: p.DeckVersion, Cards: len(p.Cards)}
		for _, c := range p.Cards {
			s, ok := cards[c.ID]
			if !ok {
				s = &CardStats{ID: c.ID, NotInDeck: r.DeckKnown, order: len(deckCards)}
				cards[c.ID] = s
				ids = append(ids, c.ID)
			}
			s.Members++
			s.Reviews += c.Reviews
			s.Lapses += c.Lapses
			m.Reviews += c.Reviews
			m.Lapses += c.Lapses
			if c.Reviewed() {
				s.Reviewed++
				efSums[c.ID] += c.EF
				m.Reviewed++
			}
			if c.Learned() {
				s.Learned++
				m.Learned++
			}
			m.LastReview = max(m.LastReview, c.LastReview) // YYYY-MM-DD sorts as dates do
		}
		r.Members = append(r.Members, m)
	}

	r.Cards = make([]CardStats, 0, len(ids))
	for _, id := range ids {
		s := cards[id]
		if s.Reviews > 0 {
			s.LapseRate = round4(float64(s.Lapses) / float64(s.Reviews))
		}
		if s.Reviewed > 0 {
			s.MeanEF = round4(efSums[id] / float64(s.Reviewed))
		}
		if s.NotInDeck {
			r.NotInDeck++
		} else {
			r.Coverage.Cards++
			switch s.Learned {
			case len(members):
				r.Coverage.All++
			case 0:
				r.Coverage.None++
			default:
				r.Coverage.Some++
			}
		}
		r.Cards = append(r.Cards, *s)
	}
	slices.SortFunc(r.Cards, harder)
	for i := range r.Cards {
		if r.Cards[i].Reviewed == 0 {
			break
		}
		r.Cards[i].Rank = i + 1
	}
	return r, nil
}

// round4 rounds a ratio to four decimals: more than any table shows, and
// it keeps float noise (2.4299999999999997) out of JSON and out of the
// ordering of cards whose figures are equal.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// harder orders cards hardest first: reviewed before unreviewed; among the
// reviewed, by lapse rate (highest first), mean EF (lowest first) and ID;
// the unreviewed by deck order and ID.
func harder(a, b CardStats) int {
	switch ra, rb := a.Reviewed > 0, b.Reviewed > 0; {
	case ra && !rb:
		return -1
	case !ra && rb:
		return 1
	case ra:
		return cmp.Or(
			cmp.Compare(b.LapseRate, a.LapseRate),
			cmp.Compare(a.MeanEF, b.MeanEF),
			strings.Compare(a.ID, b.ID),
		)
	}
	return cmp.Or(cmp.Compare(a.order, b.order), strings.Compare(a.ID, b.ID))
}

// Hardest returns up to n of the reviewed cards, hardest first.
func (r TeamReport) Hardest(n int) []CardStats {
	var out []CardStats
	for _, c := range r.Cards {
		if c.Rank == 0 || len(out) == n {
			break
		}
		out = append(out, c)
	}
	return out
}

// LeastCovered returns up to n of the deck's cards that not every member has
// learned, fewest learners first, then in deck order: the ideas the team
// has not reached.
func (r TeamReport) LeastCovered(n int) []CardStats {
	var out []CardStats
	for _, c := range r.Cards {
		if !c.NotInDeck && c.Learned < len(r.Members) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b CardStats) int {
		return cmp.Or(cmp.Compare(a.Learned, b.Learned), cmp.Compare(a.order, b.order), strings.Compare(a.ID, b.ID))
	})
	return out[:min(n, len(out))]
}

// MemberName is how a report names the member whose progress came from
// file: the name given with --as, else the file's base name without its
// extension ("progress/alice.json" is "alice").
func MemberName(p Progress, file string) string {
	if p.Member != "" {
		return p.Member
	}
	base := filepath.Base(file)
	if name := strings.TrimSuffix(base, filepath.Ext(base)); name != "" {
		return name
	}
	return base
}
