package storage

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// AdoptedCard is a card brought in from another program together with the
// schedule and the review history it had there.
type AdoptedCard struct {
	Card  deck.Card // Card.Deck names its deck
	State scheduler.State
	// Log holds its past reviews; their CardID must be Card.ID. Their Seq
	// only orders entries of the same time (the log gives each its own).
	Log []LogEntry
	// Claimed says the ID is one the card claims to have had in a recall
	// store (a package recall wrote), not one made for it: a card the
	// store has under that ID is left as it is, content, deck and all, so
	// a package cannot overwrite a card by naming its ID.
	Claimed bool
	// DeckIdentity, if not "", is the identity Card.Deck had where the card
	// comes from. A deck the store does not have yet is created with it
	// (unless another deck has it), so importing the same notes into it
	// later makes the same card IDs.
	DeckIdentity string
	// Edit, if not nil, is the user's own wording of the card, kept as its
	// override (recall edit) when the card is added; Card is worded as its
	// notes word it.
	Edit *Override
}

// AdoptSummary counts what Adopt did.
type AdoptSummary struct {
	// Added cards were new to the store, Updated ones were there with other
	// content (their schedule and history were kept), Unchanged ones were
	// there as they are.
	Added, Updated, Unchanged int
	// Kept counts the claimed cards (AdoptedCard.Claimed) the store had
	// already and left as they were; they count as Unchanged too.
	Kept int
	// Reviews counts the log entries appended, those of added cards.
	Reviews int
}

// Adopt adds cards with their own schedule and history, as `recall
// import-anki` brings them, in one transaction: all of them or, on any
// error, none. A card whose ID the store has already keeps its schedule
// and its log; only its content, deck and tags are updated, so adopting the
// same cards again changes nothing. The history of the added cards is
// appended to the review log in time order, through the same path as a
// review's entry.
func (s *Store) Adopt(cards []AdoptedCard, now time.Time) (AdoptSummary, error) {
	var sum AdoptSummary
	seen := make(map[string]bool, len(cards))
	for _, a := range cards {
		if err := validateCard(a.Card); err != nil {
			return sum, err
		}
		if err := validateDeckName(a.Card.Deck); err != nil {
			return sum, fmt.Errorf("card %q: %w", a.Card.ID, err)
		}
		if a.DeckIdentity != "" {
			if err := validateDeckName(a.DeckIdentity); err != nil {
				return sum, fmt.Errorf("card %q: deck identity: %w", a.Card.ID, err)
			}
		}
		if seen[a.Card.ID] {
			return sum, fmt.Errorf("card %q appears twice", a.Card.ID)
		}
		seen[a.Card.ID] = true
		if data, err := json.Marshal(fromCard(a.Card)); err != nil || len(data) > maxCardBytes {
			return sum, fmt.Errorf("card %q is larger than %d KiB", a.Card.ID, maxCardBytes>>10)
		}
		for _, e := range a.Log {
			if e.CardID != a.Card.ID || !e.Grade.Valid() {
				return sum, fmt.Errorf("card %q: a log entry for card %q with grade %d", a.Card.ID, e.CardID, e.Grade)
			}
		}
	}
	now = now.UTC()
	err := s.update(func(tx *bolt.Tx) error {
		sum = AdoptSummary{}
		var history []LogEntry
		// A deck the store has under another case is that deck, as
		// everywhere else.
		deckOf := map[string]string{}
		for _, a := range cards {
			old, ok, err := load(tx, a.Card.ID)
			if err != nil {
				return err
			}
			name, known := deckOf[a.Card.Deck]
			if !known {
				name = a.Card.Deck
				r, status, err := findDeck(tx, name)
				if err != nil {
					return err
				}
				switch {
				case status == deckLive:
					name = r.Name
				case status == deckUnknown && a.DeckIdentity != "" && a.DeckIdentity != name:
					if err := adoptIdentity(tx, name, a.DeckIdentity, now); err != nil {
						return err
					}
				}
				deckOf[a.Card.Deck] = name
			}
			a.Card.Deck = name
			if ok && a.Claimed {
				sum.Unchanged++
				sum.Kept++
				continue
			}
			nc := fromCard(a.Card)
			if ok {
				nc.Added, nc.Changed = old.card.Added, old.card.Changed
				if sameContent(old.card, nc) {
					sum.Unchanged++
					continue
				}
				nc.Changed = now
				if err := put(tx, &old, &cardState{nc, old.state}, true); err != nil {
					return err
				}
				sum.Updated++
				continue
			}
			nc.Added, nc.Changed = now, now
			if err := put(tx, nil, &cardState{nc, a.State}, true); err != nil {
				return err
			}
			if a.Edit != nil {
				edit := *a.Edit
				edit.Edited = edit.Edited.UTC()
				if err := putOverride(tx, a.Card.ID, &edit); err != nil {
					return err
				}
			}
			sum.Added++
			history = append(history, a.Log...)
		}
		slices.SortStableFunc(history, func(a, b LogEntry) int {
			if c := a.Time.Compare(b.Time); c != 0 {
				return c
			}
			return cmp.Compare(a.Seq, b.Seq)
		})
		for _, e := range history {
			e.Time = e.Time.UTC()
			if _, err := appendLog(tx, e); err != nil {
				return err
			}
		}
		sum.Reviews = len(history)
		return nil
	})
	if err != nil {
		return AdoptSummary{}, fmt.Errorf("adopt cards: %w", err)
	}
	return sum, nil
}

// sameContent compares two stored cards, their times aside.
func sameContent(a, b storedCard) bool {
	a.Added, a.Changed, b.Added, b.Changed = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// adoptIdentity creates the record of deck name, new to the store, with
// the identity its cards' IDs were made with elsewhere, unless a deck here
// has that identity already (then the deck keeps its name as identity, as
// a deck made by Adopt always did).
func adoptIdentity(tx *bolt.Tx, name, identity string, now time.Time) error {
	if free, err := newIdentity(tx, identity); err != nil || free != identity {
		return err
	}
	rec := DeckRecord{Name: name, Identity: identity, Created: now}
	if err := saveDeckRecord(tx, rec); err != nil {
		return err
	}
	return emit(tx, journal.Event{Kind: journal.KindDeckCreate, Deck: rec.Identity, Name: rec.Name, Time: now})
}
