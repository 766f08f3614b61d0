package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
)

var stampInputs = []byte("the notes")

func stampHit(t *testing.T, s *Store) bool {
	t.Helper()
	_, hit, err := s.UnchangedImport("vault", stampInputs)
	if err != nil {
		t.Fatal(err)
	}
	return hit
}

func stampImport(t *testing.T, s *Store, cards []deck.Card, now time.Time) {
	t.Helper()
	if _, err := s.ImportNotes("vault", cards, now, ImportOptions{Memo: &ImportMemo{Inputs: stampInputs, Cards: len(cards)}}); err != nil {
		t.Fatal(err)
	}
}

// TestCardStampAfterMemoInSameTransaction: a card changed after the memo
// was made, in the memo's own transaction, stamps the deck again.
func TestCardStampAfterMemoInSameTransaction(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s := openTest(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	stampImport(t, s, stagedCards(0, 3, "first"), now)
	err := s.update(func(tx *bolt.Tx) error {
		rec, _, err := findDeck(tx, "vault")
		if err != nil {
			return err
		}
		if err := saveImportMemo(tx, rec, ImportMemo{Inputs: stampInputs, Cards: 3}); err != nil {
			return err
		}
		before, _, err := load(tx, stagedCards(0, 1, "")[0].ID)
		if err != nil {
			return err
		}
		after := before
		after.card.Back = "changed after the memo"
		return put(tx, &before, &after, true)
	})
	if err != nil {
		t.Fatal(err)
	}
	if stampHit(t, s) {
		t.Fatal("the memo hits though a card changed after it in its transaction")
	}
}

// TestImportMemoFromOlderSchema: a memo an older recall wrote (a digest of
// the deck's cards, no stamp) is dropped by the upgrade to schema 7, and
// one without a stamp never hits; the next import with a memo hits again.
func TestImportMemoFromOlderSchema(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := openWith(path, Options{}, migrations()[:6])
	if err != nil {
		t.Fatal(err)
	}
	cards := stagedCards(0, 3, "first")
	if _, err := s.ImportNotes("vault", cards, now, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The memo as schema 6 wrote it.
	oldMemo := func(s *Store) {
		t.Helper()
		err := s.update(func(tx *bolt.Tx) error {
			if err := tx.DeleteBucket(bucketCardStamps); err != nil && tx.Bucket(bucketCardStamps) != nil {
				return err
			}
			rec, _, err := findDeck(tx, "vault")
			if err != nil {
				return err
			}
			digest, err := deckDigest(tx, rec)
			if err != nil {
				return err
			}
			data, _ := json.Marshal(map[string]any{"inputs": stampInputs, "cards": 3, "deck": digest})
			b, err := tx.CreateBucketIfNotExists(bucketImportMemo)
			if err != nil {
				return err
			}
			return b.Put([]byte(rec.Identity), data)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	oldMemo(s)
	s.Close()
	s = openTest(t, path)
	defer s.Close()
	if stampHit(t, s) {
		t.Fatal("a schema-6 memo hits after the upgrade")
	}
	oldMemo(s) // one left by any other way, at schema 7
	if stampHit(t, s) {
		t.Fatal("a memo without a stamp hits")
	}
	stampImport(t, s, cards, now)
	if !stampHit(t, s) {
		t.Fatal("no hit after an import with a memo")
	}
}

// TestImportMemoAfterSalvage: a salvaged store, whose cards are what could
// be read of the damaged one, does not take its memo's word.
func TestImportMemoAfterSalvage(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from.db"), filepath.Join(dir, "to.db")
	s := openTest(t, from)
	stampImport(t, s, stagedCards(0, 3, "first"), now)
	if !stampHit(t, s) {
		t.Fatal("no hit before the salvage")
	}
	s.Close()
	if _, err := Salvage(from, to); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, to)
	defer s.Close()
	if stampHit(t, s) {
		t.Fatal("the salvaged store's memo hits")
	}
}

// TestImportMemoStagedImport: an import staged over several transactions
// stamps the deck (its new cards are written before the last
// transaction), and one cut short and undone leaves no memo that hits.
func TestImportMemoStagedImport(t *testing.T) {
	withStageChunk(t, 4)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s := openTest(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	stampImport(t, s, stagedCards(0, 3, "first"), now)
	if !stampHit(t, s) {
		t.Fatal("no hit after the first import")
	}
	more := append(stagedCards(0, 3, "first"), stagedCards(3, 10, "new")...)
	stageHook = func(step int) error {
		if step == 2 {
			panic("killed")
		}
		return nil
	}
	func() {
		defer func() { recover() }()
		s.ImportNotes("vault", more, now, ImportOptions{})
	}()
	stageHook = nil
	if stampHit(t, s) {
		t.Fatal("the memo hits with an import's cards staged")
	}
	if _, _, err := s.undoStaged(); err != nil {
		t.Fatal(err)
	}
	if hit := stampHit(t, s); hit {
		t.Fatal("the memo hits after a staged import was undone")
	}
	stampImport(t, s, more, now)
	if !stampHit(t, s) {
		t.Fatal("no hit after the staged import")
	}
}
