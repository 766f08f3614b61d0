package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
)

// Reschedule gives every card of the deck the state that replaying its
// logged reviews, oldest first, with the deck's scheduler in cfg produces:
// what switching a deck between SM-2 and FSRS does. The log is read, never
// changed; cards without history stay new; suspension, burial and leech
// marks are kept. A damaged log entry is skipped (see SetWarn). It returns
// the number of cards whose history was replayed. The whole change is one transaction.
func (s *Store) Reschedule(deckName string, cfg scheduler.Settings) (int, error) {
	replayed := 0
	err := s.update(func(tx *bolt.Tx) error {
		history := make(map[string][]LogEntry)
		inDeck := make(map[string]bool)
		c := newCursor(tx.Bucket(bucketLog))
		for k, v := c.First(); k != nil; k, v = c.Next() {
			e, err := readLog(k, v)
			if err != nil {
				s.skipLog(err) // one damaged entry does not stop the replay
				continue
			}
			if e.Practice {
				continue // practice changed no schedule: nothing to replay
			}
			id := currentID(tx, e.CardID)
			member, seen := inDeck[id]
			if !seen {
				cs, ok, err := load(tx, id)
				if err != nil {
					return err
				}
				member = ok && cs.card.Deck == deckName
				inDeck[id] = member
			}
			if member {
				history[id] = append(history[id], e)
			}
		}
		for _, name := range deckNames(tx, bucketOrder, deckName) {
			if name != deckName {
				continue
			}
			cur := newCursor(deckBucket(tx, bucketOrder, name))
			var ids []string
			for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
				ids = append(ids, string(k[orderKeyLen:]))
			}
			for _, id := range ids {
				before, ok, err := load(tx, id)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("order index of deck %q names unknown card %q", name, id)
				}
				after := before
				after.state = ReplayState(deckName, history[id], before.state, cfg)
				if len(history[id]) > 0 {
					replayed++
				}
				if err := put(tx, &before, &after, false); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reschedule deck %q: %w", deckName, err)
	}
	return replayed, nil
}

// ReplayState is the state a card of the deck has after the logged reviews
// (oldest first) under cfg's scheduling of the deck, keeping the marks the
// user set on the current state (suspension, burial, leech).
func ReplayState(deckName string, reviews []LogEntry, current scheduler.State, cfg scheduler.Settings) scheduler.State {
	st := scheduler.NewState()
	replayCfg := cfg
	replayCfg.LeechLapses = 0 // leech marks are the user's to keep, not to recompute
	for _, e := range reviews {
		if next, _, err := scheduler.ReviewIn(deckName, st, e.Grade, e.Time, replayCfg); err == nil {
			st = next
		}
	}
	st.Suspended, st.BuriedUntil, st.Leech = current.Suspended, current.BuriedUntil, current.Leech
	return st
}
