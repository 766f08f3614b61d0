package storage

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// FirstIDs maps each live card that an import relinked (its ID changed when
// its item was reworded or moved) to the first ID it had: the start of the
// chain of aliases that leads to it. Exports name a card by that first ID
// where the outside world must keep recognising it (Anki GUIDs). When
// several old IDs lead to one card, the smallest is taken, so the answer
// does not depend on the order of the alias table. Cards never relinked are
// not in the map.
func (s *Store) FirstIDs() (map[string]string, error) {
	firsts := map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		aliases := tx.Bucket(bucketAlias)
		isTarget := map[string]bool{}
		var olds []string
		err := aliases.ForEach(func(k, v []byte) error {
			olds = append(olds, string(k))
			isTarget[string(v)] = true
			return nil
		})
		if err != nil {
			return err
		}
		slices.Sort(olds)
		for _, old := range olds {
			if isTarget[old] {
				continue // not the start of its chain
			}
			live, ok := followAlias(tx, old)
			if !ok {
				continue
			}
			if _, seen := firsts[live]; !seen {
				firsts[live] = old
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return firsts, nil
}
