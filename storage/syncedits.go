package storage

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
)

// Card edits sync as events. In a store that syncs, recall edit, --keep
// and --reset record a KindEdit (the text and the notes' text it was made
// over) or a KindEditReset event in the transaction that changes the
// override. The events are indexed under their card in cardevents like the
// card's reviews, so that a relinked or merged card's edits follow it as
// its reviews do; the card's schedule fold passes over them. The override a
// card has is the last edit or reset of it, not undone, in the journal's
// total order (time, device, sequence), on every machine alike.

// ReplacedEdit is an edit of this machine's that a sync found replaced (or
// dropped) by a later edit of the same card from another machine. Its text
// is kept in the journal and said in the report, so it is not lost
// silently.
type ReplacedEdit struct {
	Card   string
	Device string // the device whose later edit or reset won
	Reset  bool   // the later event dropped the edit
	Text   deck.Text
}

func (r ReplacedEdit) String() string {
	if r.Reset {
		return fmt.Sprintf("card %s: your edit was dropped by a later reset (recall edit --reset) from device %s", r.Card, r.Device)
	}
	return fmt.Sprintf("card %s: your edit was replaced by a later one from device %s", r.Card, r.Device)
}

func journalText(t deck.Text) journal.CardText {
	return journal.CardText{Context: t.Context, Question: t.Question, Answer: t.Answer}
}

func deckText(t journal.CardText) deck.Text {
	return deck.Text{Context: t.Context, Question: t.Question, Answer: t.Answer}
}

// editTime is when an edit of card made at now goes in the journal's
// order: at now, or just after the last edit of the card this store has if
// that is later (another machine's clock ahead of this one's), so that the
// edit the user just made is the one every machine keeps.
func editTime(tx *bolt.Tx, card string, now time.Time) (time.Time, error) {
	now = now.UTC()
	if syncing(tx) == nil {
		return now, nil
	}
	last, ok, err := latestEdit(tx, indexCard(tx, card), nil)
	if err != nil || !ok || last.Time.Before(now) {
		return now, err
	}
	return last.Time.Add(time.Nanosecond), nil
}

// emitEdit records, in a store that syncs, that card's override is now o
// (nil: dropped), at o's time.
func emitEdit(tx *bolt.Tx, card string, o *Override, now time.Time) error {
	if syncing(tx) == nil {
		return nil
	}
	e := journal.Event{Kind: journal.KindEditReset, Card: card, Time: now}
	if o != nil {
		e.Kind, e.Time, e.Text, e.Base = journal.KindEdit, o.Edited, journalText(o.Text), journalText(o.Base)
	}
	if err := emit(tx, e); err != nil {
		return fmt.Errorf("card %q: the edit cannot be synced: %w", card, err)
	}
	return nil
}

// recordEdits records the overrides of the user's own (not those a shared
// deck came with, which each machine gets from the deck file) as this
// device's first edit events, at the time each was made. An override that
// cannot travel is passed to skip.
func recordEdits(tx *bolt.Tx, skip func(error)) error {
	b := overridesIn(tx)
	if b == nil {
		return nil
	}
	c := newCursor(b)
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		o, err := overrideIn(b, string(k))
		if err != nil {
			skip(err)
			continue
		}
		if o.Shared {
			continue
		}
		err = emit(tx, journal.Event{Kind: journal.KindEdit, Card: string(k), Time: o.Edited, Text: journalText(o.Text), Base: journalText(o.Base)})
		if err != nil {
			skip(fmt.Errorf("the edit of card %q is not synced: %w", k, err))
		}
	}
	return nil
}

// latestEdit returns the last edit or reset of card (its index ID), not
// undone, in fold order, passing over the events whose keys are in skip.
// It reads the card's events from the last back, so it costs at most the
// card's history.
func latestEdit(tx *bolt.Tx, card string, skip map[string]bool) (journal.Event, bool, error) {
	prefix := append([]byte(card), 0)
	undone := tx.Bucket(bucketUndone)
	c := newCursor(tx.Bucket(bucketCardEvents))
	k := seekLastUnder(c, prefix)
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		ek := cardEventsEvent(k, len(prefix))
		if skip[string(ek)] || undone.Get(ek) != nil {
			continue
		}
		id, ok := parseEventKey(ek)
		if !ok {
			return journal.Event{}, false, fmt.Errorf("malformed event index key %x", k)
		}
		e, ok, err := loadEvent(tx, id)
		if err != nil || !ok {
			return journal.Event{}, false, fmt.Errorf("event %s: missing or damaged: %v", id, err)
		}
		if e.Kind.IsEdit() {
			return e, true, nil
		}
	}
	return journal.Event{}, false, nil
}

// editedCards collects, per card (index ID), the edit events a batch
// brought, by event key.
type editedCards map[string]map[string]bool

func (ec editedCards) add(card string, key []byte) {
	if ec[card] == nil {
		ec[card] = map[string]bool{}
	}
	if key != nil {
		ec[card][string(key)] = true
	}
}

// foldEdits gives each card a batch brought edits of the override its last
// edit or reset says, once the batch's events are indexed, and reports
// this machine's edits that a later one from another machine replaced.
func foldEdits(tx *bolt.Tx, cards editedCards, rep *SyncReport) error {
	self := string(syncing(tx).Get([]byte("device")))
	for _, card := range slices.Sorted(maps.Keys(cards)) {
		if syncing(tx).Get(mergedKey(card)) != nil {
			continue // its machines record its edits again under the merged ID
		}
		last, ok, err := applyLatestEdit(tx, card)
		if err != nil || !ok {
			return err
		}
		if last.ID.Device == self || rep == nil {
			continue
		}
		before, ok, err := latestEdit(tx, card, cards[card])
		if err != nil {
			return err
		}
		if ok && before.ID.Device == self && before.Kind == journal.KindEdit {
			rep.Edits = append(rep.Edits, ReplacedEdit{Card: card, Device: last.ID.Device, Reset: last.Kind == journal.KindEditReset, Text: deckText(before.Text)})
		}
	}
	return nil
}

// applyLatestEdit sets card's override from its last edit or reset and
// returns that event; a card without one keeps what it has (false).
func applyLatestEdit(tx *bolt.Tx, card string) (journal.Event, bool, error) {
	last, ok, err := latestEdit(tx, card, nil)
	if err != nil || !ok {
		return last, false, err
	}
	if last.Kind == journal.KindEditReset {
		return last, true, putOverride(tx, card, nil)
	}
	o := &Override{Text: deckText(last.Text), Base: deckText(last.Base), Edited: last.Time}
	return last, true, putOverride(tx, card, o)
}
