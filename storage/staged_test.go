package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// withStageChunk makes imports of more than n new cards staged, for one test.
func withStageChunk(t *testing.T, n int) {
	t.Helper()
	old := stageChunk
	stageChunk = n
	t.Cleanup(func() { stageChunk = old })
}

// stagedCards makes n term cards of note "vault", numbered from first.
func stagedCards(first, n int, back string) []deck.Card {
	var cards []deck.Card
	for i := first; i < first+n; i++ {
		cards = append(cards, deck.Card{
			// IDs out of note order, as content's hashes are.
			ID: fmt.Sprintf("%02x%04d", (i*37)%251, i), Kind: deck.KindTerm, Front: fmt.Sprintf("What is term %d?", i),
			Back: fmt.Sprintf("%s %d", back, i), Term: fmt.Sprintf("Term %d", i), Note: "vault", Order: i,
			Sources: []deck.Source{{File: "vault.md", Line: i + 1}},
		})
	}
	return cards
}

// dumpStore lists every key and value of the store, nested buckets
// included, in key order.
func dumpStore(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	var walk func(path string, b *bolt.Bucket)
	walk = func(path string, b *bolt.Bucket) {
		b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(fmt.Sprintf("%s/%q", path, k), b.Bucket(k))
				return nil
			}
			switch path {
			case string(bucketCardStamps):
				// A stamp is new in every transaction that changes a
				// deck's cards, an import undone too (cardstamp.go): it
				// says nothing of what the store holds.
				return nil
			case string(bucketImportMemo):
				var memo ImportMemo
				if err := json.Unmarshal(v, &memo); err == nil {
					memo.Stamp = nil
					v, _ = json.Marshal(memo)
				}
			}
			fmt.Fprintf(&out, "%s %q %q\n", path, k, v)
			return nil
		})
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name), b)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func openTest(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stagedHistory imports into a deck twice — the second time with some
// cards reworded, some gone and many new ones, and a card back from a
// removed deck — and returns the store's dump after each import.
func stagedHistory(t *testing.T, path string) []string {
	t.Helper()
	s := openTest(t, path)
	defer s.Close()
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	var dumps []string
	// A removed deck whose card comes back in the vault.
	if _, err := s.ImportNotes("old", stagedCards(500, 1, "kept"), now, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Review(stagedCards(500, 1, "")[0].ID, scheduler.Grade(4), now, time.Second, scheduler.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveDeck("old"); err != nil {
		t.Fatal(err)
	}
	first := stagedCards(0, 10, "first")
	if _, err := s.ImportNotes("vault", first, now, ImportOptions{Root: "/notes", Paths: []string{"."}}); err != nil {
		t.Fatal(err)
	}
	dumps = append(dumps, dumpStore(t, s))
	second := append(stagedCards(0, 5, "reworded"), stagedCards(10, 40, "new")...)
	second = append(second, stagedCards(500, 1, "kept")...)
	second[len(second)-1].Order = 50
	res, err := s.ImportNotes("vault", second, now.Add(time.Hour), ImportOptions{Memo: &ImportMemo{Inputs: []byte("in"), Cards: len(second)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{len(res.Plan.Added), len(res.Plan.Updated), len(res.Plan.Retired)}; !slices.Equal(got, []int{41, 5, 5}) {
		t.Fatalf("added, updated, retired = %v, want [41 5 5]", got)
	}
	if len(res.Restored) != 1 {
		t.Fatalf("restored %v, want the removed deck's card", res.Restored)
	}
	if errs := s.Check(); len(errs) > 0 {
		t.Fatalf("check: %v", errs)
	}
	return append(dumps, dumpStore(t, s))
}

// TestStagedImportMatchesOneTransaction: an import staged over several
// transactions leaves the same keys and values as one transaction.
func TestStagedImportMatchesOneTransaction(t *testing.T) {
	dir := t.TempDir()
	whole := stagedHistory(t, filepath.Join(dir, "whole.db"))
	withStageChunk(t, 7)
	steps := 0
	stageHook = func(int) error { steps++; return nil }
	defer func() { stageHook = nil }()
	staged := stagedHistory(t, filepath.Join(dir, "staged.db"))
	// In chunks of 7, the first import's 10 cards take 2 transactions of
	// cards and 2 of their index entries, the second's 40 new ones 6 and 6
	// (the card back from the removed deck is written with the rest).
	if steps != 4+12 {
		t.Errorf("%d staged transactions, want 16", steps)
	}
	for i := range whole {
		if whole[i] != staged[i] {
			t.Errorf("import %d: staged store differs from one transaction:\n%s", i+1, firstDiff(whole[i], staged[i]))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  one:    %s\n  staged: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// TestStagedImportCutShort: an import stopped between its transactions —
// an error (a full disk) or the process killed — leaves the store as it
// was before it, at once or at the next open.
func TestStagedImportCutShort(t *testing.T) {
	withStageChunk(t, 4)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	errFull := errors.New("disk full")
	for _, stop := range []int{1, 2, 3, 4, 5, 6} { // cards in 3 transactions, then their index entries in 3
		for _, kill := range []bool{false, true} {
			t.Run(fmt.Sprintf("step%d/kill=%v", stop, kill), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "s.db")
				s := openTest(t, path)
				if _, err := s.ImportNotes("vault", stagedCards(0, 3, "first"), now, ImportOptions{}); err != nil {
					t.Fatal(err)
				}
				before := dumpStore(t, s)
				stageHook = func(step int) error {
					if step < stop {
						return nil
					}
					if kill {
						panic("killed")
					}
					return errFull
				}
				defer func() { stageHook = nil }()
				incoming := append(stagedCards(0, 2, "reworded"), stagedCards(3, 10, "new")...)
				func() {
					defer func() {
						if r := recover(); r != nil && r != "killed" {
							panic(r)
						}
					}()
					_, err := s.ImportNotes("vault", incoming, now, ImportOptions{})
					if !errors.Is(err, errFull) {
						t.Fatalf("import: %v, want the disk's error", err)
					}
					if got := dumpStore(t, s); got != before {
						t.Fatalf("after a failed import the store changed:\n%s", firstDiff(before, got))
					}
				}()
				stageHook = nil
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if kill {
					if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNeedsUpgrade) {
						t.Fatalf("read-only open of a store with a cut-short import: %v, want ErrNeedsUpgrade", err)
					}
				}
				s = openTest(t, path)
				defer s.Close()
				deckName, n := s.UndoneImport()
				if kill && (deckName != "vault" || n != min(10, 4*(stop-1))) {
					t.Errorf("UndoneImport = %q, %d; want vault, %d", deckName, n, min(10, 4*(stop-1)))
				}
				if !kill && n != 0 {
					t.Errorf("UndoneImport = %q, %d after an import undone at once", deckName, n)
				}
				if got := dumpStore(t, s); got != before {
					t.Fatalf("after reopening, the store is not as before the import:\n%s", firstDiff(before, got))
				}
				if errs := s.Check(); len(errs) > 0 {
					t.Fatalf("check: %v", errs)
				}
				// And the import, done again, goes through.
				if _, err := s.ImportNotes("vault", incoming, now, ImportOptions{}); err != nil {
					t.Fatal(err)
				}
				if errs := s.Check(); len(errs) > 0 {
					t.Fatalf("check after importing again: %v", errs)
				}
			})
		}
	}
}

// TestStagedImportNewDeckCutShort: a new deck's cut-short import leaves no
// empty index buckets behind, so no deck of no cards appears.
func TestStagedImportNewDeckCutShort(t *testing.T) {
	withStageChunk(t, 4)
	path := filepath.Join(t.TempDir(), "s.db")
	s := openTest(t, path)
	before := dumpStore(t, s)
	stageHook = func(step int) error {
		if step == 5 {
			panic("killed")
		}
		return nil
	}
	func() {
		defer func() { recover() }()
		s.ImportNotes("vault", stagedCards(0, 10, "new"), time.Now(), ImportOptions{})
	}()
	stageHook = nil
	s.Close()
	s = openTest(t, path)
	defer s.Close()
	if got := dumpStore(t, s); got != before {
		t.Fatalf("after reopening, the store is not as before the import:\n%s", firstDiff(before, got))
	}
	names, err := s.DeckNames()
	if err != nil || len(names) != 0 {
		t.Fatalf("decks %v, %v; want none", names, err)
	}
}
