package deck

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// RelinkSimilarity is how alike the definitions of two cards from the same
// note must be (deck.Similarity, 0..1) for a card whose term was reworded to
// be taken for the card it replaces. 0.75 keeps a definition with a word or
// two changed or added ("Telling the truth, always" for "Always telling the
// truth") while two different items of one list, which share a few common
// words at most, stay apart.
const RelinkSimilarity = 0.75

// Existing is a card a user already has, as PlanMerge sees it.
type Existing struct {
	Card    Card
	Retired bool // vanished from the notes at an earlier import
}

// Relink pairs a card the notes no longer produce with the card that clearly
// replaces it under another ID; the new card takes over the old one's
// schedule and history.
type Relink struct {
	OldID string
	Card  Card // the incoming card, with its new ID
}

// MergePlan says what importing a fresh set of cards into a deck does to the
// cards already there. Every incoming card is in exactly one of Added,
// Updated, Unchanged or Relinked.
type MergePlan struct {
	Added     []Card   // new items: they start as new cards
	Updated   []Card   // same ID, text or placement changed, or back from retirement
	Unchanged []string // IDs of the cards with the same ID and the same content
	Retired   []string // IDs of active cards of the deck the notes no longer produce
	Relinked  []Relink // items whose ID changed
}

// PlanMerge works out how to merge incoming, the cards just generated for
// deckName, into existing, the cards the user has in that deck (and any
// card of another deck whose ID is among incoming: it moves to deckName and
// counts as updated). It does no I/O and changes nothing; the store applies
// the plan.
//
// Cards whose IDs match are updated in place (history kept) or unchanged.
// An existing card of the deck whose ID the notes no longer produce is
// relinked to an incoming card with a new ID when the item clearly is the
// same, else retired. Two rules decide "clearly the same", tried in this
// order so the stronger evidence wins:
//
//  1. same note, same kind and the same term once normalised (NormalizeTerm):
//     the item moved to another heading or its term was re-cased;
//  2. same note, same kind and definitions at least RelinkSimilarity alike:
//     the term was reworded but the definition is nearly the same.
//
// Each card is relinked at most once; among several candidates the most
// similar definition wins, then the nearest position in note order, then
// the smaller ID, so the plan does not depend on input order.
//
// Merging is idempotent: planning the same incoming cards against the
// result of applying a plan leaves every card unchanged.
//
// The plan's cards may share incoming's memory (a first import's Added is
// incoming itself): change neither in place while the other is used.
func PlanMerge(deckName string, existing []Existing, incoming []Card) (MergePlan, error) {
	return PlanMergeIn(deckName, existing, incoming, Scope{})
}

// PlanMergeIn is PlanMerge for an import that re-read only the notes in
// scope. Cards of the deck that a note outside the scope made are left as
// they are: only a card every one of whose notes is in scope can be retired
// or relinked. A card that notes both in and out of the scope make keeps
// the sources outside it; one that the notes in scope no longer make but
// others still do only loses the sources in scope (an update).
func PlanMergeIn(deckName string, existing []Existing, incoming []Card, scope Scope) (MergePlan, error) {
	var plan MergePlan
	in := scope.set()
	// Pointers into existing, not copies: a vault's re-import looks up
	// hundreds of thousands of cards.
	byID := make(map[string]*Existing, len(existing))
	for i := range existing {
		byID[existing[i].Card.ID] = &existing[i]
	}
	// A partial import sees only some notes, so the note order of its cards
	// is not the deck's: cards already there keep their place, new ones
	// come after the deck's last card, in their own order.
	after := 0
	if !scope.Whole() {
		for _, e := range existing {
			if e.Card.Deck == deckName {
				after = max(after, e.Card.Order+1)
			}
		}
	}
	// The new cards' list is sized first: a vault's first import plans
	// hundreds of thousands of them, and a list grown by appending would
	// hold up to twice that while it grows.
	fresh, sameDeck := 0, true
	for _, c := range incoming {
		if _, ok := byID[c.ID]; !ok {
			fresh++
		}
		sameDeck = sameDeck && c.Deck == deckName
	}
	// A first import adds every card as it came (the same deck name, the
	// same order): the new cards are then incoming itself, not a copy.
	asGiven := fresh == len(incoming) && sameDeck && (scope.Whole() || after == 0)
	incomingIDs := make(map[string]bool, len(incoming))
	unmatched := slices.Clip(incoming)
	if !asGiven {
		unmatched = make([]Card, 0, fresh)
	}
	for _, c := range incoming {
		if c.ID == "" {
			return MergePlan{}, fmt.Errorf("card %q in deck %q has no ID", c.Front, deckName)
		}
		if incomingIDs[c.ID] {
			return MergePlan{}, fmt.Errorf("card ID %q appears twice in the cards for deck %q", c.ID, deckName)
		}
		incomingIDs[c.ID] = true
		c.Deck = deckName
		old, ok := byID[c.ID]
		if !scope.Whole() {
			if ok && old.Card.Deck == deckName {
				c.Order = old.Card.Order
			} else {
				c.Order += after
			}
		}
		if ok {
			c.Sources = keepSources(c.Sources, in.outside(old.Card))
			c.Siblings = keepSiblings(c.Siblings, old.Card.Siblings, byID, in)
		}
		switch {
		case !ok && asGiven:
		case !ok:
			unmatched = append(unmatched, c)
		case old.Retired || !SameContent(old.Card, c):
			plan.Updated = append(plan.Updated, c)
		default:
			plan.Unchanged = append(plan.Unchanged, c.ID)
		}
	}

	// Vanished cards of this deck, retired ones included: an item that was
	// retired and comes back reworded is relinked too.
	var vanished []Existing
	for _, e := range existing {
		if e.Card.Deck != deckName || incomingIDs[e.Card.ID] {
			continue
		}
		if in.coversCard(e.Card) {
			vanished = append(vanished, e)
			continue
		}
		if out := in.outside(e.Card); !e.Retired && len(out) < len(e.Card.Sources) {
			c := e.Card
			c.Sources = out
			plan.Updated = append(plan.Updated, c)
		}
	}

	relinked := make(map[string]bool) // old IDs taken
	matched := make(map[string]bool)  // incoming IDs taken
	for _, rule := range []func(old, c Card) (float64, bool){sameTerm, similarDefinition} {
		for _, p := range relinkPairs(vanished, unmatched, rule) {
			if relinked[p.old.ID] || matched[p.card.ID] {
				continue
			}
			relinked[p.old.ID] = true
			matched[p.card.ID] = true
			plan.Relinked = append(plan.Relinked, Relink{OldID: p.old.ID, Card: p.card})
		}
	}
	// The cards not relinked are added, in their order; the relinks hold
	// copies, so unmatched is filtered where it lies (incoming is not).
	if asGiven && len(matched) > 0 {
		unmatched = slices.Clone(unmatched)
	}
	if plan.Added = slices.DeleteFunc(unmatched, func(c Card) bool { return matched[c.ID] }); len(plan.Added) == 0 {
		plan.Added = nil
	}
	for _, e := range vanished {
		if !relinked[e.Card.ID] && !e.Retired {
			plan.Retired = append(plan.Retired, e.Card.ID)
		}
	}
	slices.Sort(plan.Retired)
	slices.SortFunc(plan.Relinked, func(a, b Relink) int { return strings.Compare(a.OldID, b.OldID) })
	return plan, nil
}

type relinkPair struct {
	old, card  Card
	similarity float64
	distance   int
}

// relinkPairs returns every (vanished, incoming) pair the rule accepts, best
// first.
func relinkPairs(vanished []Existing, incoming []Card, rule func(old, c Card) (float64, bool)) []relinkPair {
	var pairs []relinkPair
	for _, e := range vanished {
		for _, c := range incoming {
			if e.Card.Note != c.Note || e.Card.Kind != c.Kind || e.Card.Note == "" {
				continue
			}
			if sim, ok := rule(e.Card, c); ok {
				pairs = append(pairs, relinkPair{old: e.Card, card: c, similarity: sim, distance: abs(e.Card.Order - c.Order)})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b relinkPair) int {
		return cmp.Or(
			cmp.Compare(b.similarity, a.similarity),
			cmp.Compare(a.distance, b.distance),
			strings.Compare(a.old.ID, b.old.ID),
			strings.Compare(a.card.ID, b.card.ID),
		)
	})
	return pairs
}

// sameTerm is relink rule 1: the same term once normalised.
func sameTerm(old, c Card) (float64, bool) {
	t := NormalizeTerm(old.Term)
	return Similarity(definition(old), definition(c)), t != "" && t == NormalizeTerm(c.Term)
}

// similarDefinition is relink rule 2: a reworded term, nearly the same definition.
func similarDefinition(old, c Card) (float64, bool) {
	sim := Similarity(definition(old), definition(c))
	return sim, sim >= RelinkSimilarity
}

// definition returns the text that explains a card's term: its back, except
// for a reverse card, which shows the definition and asks for the term.
func definition(c Card) string {
	if c.Kind == KindReverse {
		return c.Front
	}
	return c.Back
}

// SameContent reports whether two cards with the same ID need no update:
// every field a card carries is equal.
func SameContent(a, b Card) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Deck == b.Deck &&
		a.Front == b.Front && a.Back == b.Back && a.Term == b.Term &&
		a.Note == b.Note && a.Order == b.Order &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Siblings, b.Siblings) &&
		slices.Equal(a.Sources, b.Sources)
}

// keepSources returns sources with those of kept that name another file,
// by file then line, the order a whole import reading the files sorted
// makes them in.
func keepSources(sources, kept []Source) []Source {
	if len(kept) == 0 {
		return sources
	}
	sources = slices.Clone(sources) // never append into the caller's array
	for _, k := range kept {
		if !slices.ContainsFunc(sources, func(s Source) bool { return s.File == k.File }) {
			sources = append(sources, k)
		}
	}
	slices.SortStableFunc(sources, func(a, b Source) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return sources
}

// keepSiblings returns siblings with those of kept whose cards this
// import could not see (made by notes outside the scope, or unread): the
// import only knows the links among the cards it made, and the others'
// links to this card still hold.
func keepSiblings(siblings, kept []string, byID map[string]*Existing, in pathSet) []string {
	var out []string
	for _, id := range kept {
		e, ok := byID[id]
		if !ok || e.Retired || in.coversCard(e.Card) || slices.Contains(siblings, id) {
			continue
		}
		if out == nil {
			out = slices.Clone(siblings) // never append into the caller's array
		}
		out = append(out, id)
	}
	if out == nil {
		return siblings
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
