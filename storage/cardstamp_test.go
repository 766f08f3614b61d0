package storage_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// memoInputs stands for the digest of the notes an import read: the same
// in every step, so that only the deck's cards decide the memo's answer.
var memoInputs = []byte("notes as they were")

// memoImport imports cards into deckName with a memo of memoInputs.
func memoImport(t *testing.T, st *storage.Store, deckName string, cards []deck.Card, now time.Time) storage.ImportResult {
	t.Helper()
	res, err := st.ImportNotes(deckName, cards, now, storage.ImportOptions{Memo: &storage.ImportMemo{Inputs: memoInputs, Cards: len(cards)}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// memoHit reports whether UnchangedImport answers memoInputs into
// deckName from the memo. In a test binary a hit whose deck changed since
// the memo fails (the memo keeps the deck's full digest and checks the
// stamp against it), so a stamp a change forgot shows as an error here.
func memoHit(t *testing.T, st *storage.Store, deckName string) bool {
	t.Helper()
	_, hit, err := st.UnchangedImport(deckName, memoInputs)
	if err != nil {
		t.Fatalf("unchanged import: %v", err)
	}
	return hit
}

// changesNothing reports whether importing cards into deckName in full
// would change nothing: what a memo hit must mean.
func changesNothing(t *testing.T, st *storage.Store, deckName string, cards []deck.Card, now time.Time) bool {
	t.Helper()
	res, err := st.ImportNotes(deckName, cards, now, storage.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Plan
	return len(p.Added)+len(p.Updated)+len(p.Retired)+len(p.Relinked) == 0
}

// TestImportMemoStamps: every way a deck's cards can change after an
// import with a memo makes the memo miss (an import that changes cards, a
// retirement, a relink, a rename there and back, a removal, cards adopted
// into the deck, a shared deck's version installed over it, a sync that
// merges it), and what changes no card (a review, a suspension, an edit,
// an undo, another deck's import) keeps it, where a full import would
// indeed change nothing. Each miss is armed again by an import with a memo.
func TestImportMemoStamps(t *testing.T) {
	m := openMachine(t, "memo")
	st := m.st
	cards := syncCards()
	memoImport(t, st, "trust", cards, at(0))
	if !memoHit(t, st, "trust") {
		t.Fatal("no hit right after the import")
	}
	mustImport(t, st, "other", []deck.Card{{ID: "o1", Deck: "other", Front: "F?", Back: "B"}}, at(0))

	steps := []struct {
		name    string
		change  func() []deck.Card // the cards the notes make afterwards
		wantHit bool
	}{
		{"a review", func() []deck.Card {
			m.review(t, "c01", 4, at(1))
			return cards
		}, true},
		{"a suspension", func() []deck.Card {
			if err := st.SetSuspended([]string{"c02"}, true); err != nil {
				t.Fatal(err)
			}
			return cards
		}, true},
		{"an undo", func() []deck.Card {
			if _, err := st.Undo(); err != nil {
				t.Fatal(err)
			}
			return cards
		}, true},
		{"an edit", func() []deck.Card {
			if _, _, err := st.SetOverride("c03", deck.Text{Question: "Which term means meaning 3?", Answer: "Term 3"}, at(1)); err != nil {
				t.Fatal(err)
			}
			return cards
		}, true},
		{"another deck imported", func() []deck.Card {
			mustImport(t, st, "other", []deck.Card{{ID: "o1", Deck: "other", Front: "F?", Back: "B, reworded"}}, at(1))
			return cards
		}, true},
		{"a card reworded by an import", func() []deck.Card {
			cards[3].Back = "Meaning 4, reworded"
			mustImport(t, st, "trust", cards, at(1))
			return cards
		}, false},
		{"a card retired", func() []deck.Card {
			cards = cards[:len(cards)-1]
			mustImport(t, st, "trust", cards, at(1))
			return cards
		}, false},
		{"a card relinked", func() []deck.Card {
			cards[0].ID = "n01"
			res, err := st.ImportNotes("trust", cards, at(1), storage.ImportOptions{})
			if err != nil || len(res.Plan.Relinked) != 1 {
				t.Fatalf("relinking import: %+v, %v", res.Plan, err)
			}
			return cards
		}, false},
		{"renamed and back", func() []deck.Card {
			for _, name := range []string{"kept", "trust"} {
				if _, err := st.RenameDeck("trust", name); err != nil {
					if _, err := st.RenameDeck("kept", name); err != nil {
						t.Fatal(err)
					}
				}
			}
			return cards
		}, false},
		{"removed and imported again", func() []deck.Card {
			if _, err := st.RemoveDeck("trust"); err != nil {
				t.Fatal(err)
			}
			mustImport(t, st, "trust", cards, at(2))
			return cards
		}, false},
		{"a card adopted", func() []deck.Card {
			adopted := card("a01", 20, "Term 20", "Meaning 20")
			adopted.Deck = "trust"
			if _, err := st.Adopt([]storage.AdoptedCard{{Card: adopted, State: scheduler.NewState()}}, at(2)); err != nil {
				t.Fatal(err)
			}
			return append(cards, adopted)
		}, false},
		{"a shared deck's version installed", func() []deck.Card {
			next := append([]deck.Card(nil), cards...)
			next[1].Back = "Meaning 2, as the deck file has it"
			if _, err := st.InstallShared(storage.Subscription{Deck: "trust"}, next, at(2)); err != nil {
				t.Fatal(err)
			}
			cards = next
			return cards
		}, false},
	}
	for _, s := range steps {
		after := s.change()
		if hit := memoHit(t, st, "trust"); hit != s.wantHit {
			t.Fatalf("%s: memo hit %v, want %v", s.name, hit, s.wantHit)
		}
		if s.wantHit && !changesNothing(t, st, "trust", after, at(2)) {
			t.Fatalf("%s: the memo hits, but a full import would change the deck", s.name)
		}
		memoImport(t, st, "trust", after, at(2))
		if !memoHit(t, st, "trust") {
			t.Fatalf("%s: no hit after importing with a memo again", s.name)
		}
	}
}

// TestImportMemoMissesAfterSyncMerge: a deck imported with a memo, then
// merged into the synced deck of the same name when its machine joins the
// folder (every card takes the synced ID), is not taken as unchanged.
func TestImportMemoMissesAfterSyncMerge(t *testing.T) {
	folder := t.TempDir()
	laptop := openMachine(t, "laptop")
	mustImport(t, laptop.st, "trust", syncCards(), at(0))
	laptop.initSync(t, folder)
	laptop.sync(t)

	desktop, ids := apartMachine(t, "d", "Trust")
	own, _ := apartCards("d")
	memoImport(t, desktop.st, "Trust", own, at(0))
	if !memoHit(t, desktop.st, "Trust") {
		t.Fatal("no hit before the join")
	}
	desktop.now = at(1)
	if merged := desktop.join(t, folder, ids); len(merged) != 1 {
		t.Fatalf("merged %v, want the deck", merged)
	}
	if memoHit(t, desktop.st, "trust") || memoHit(t, desktop.st, "Trust") {
		t.Fatal("the memo hits after the deck was merged into the synced one")
	}
}

// TestImportMemoPerDeck: decks keep their own stamps; a change to one
// deck's cards leaves another's memo hitting.
func TestImportMemoPerDeck(t *testing.T) {
	m := openMachine(t, "decks")
	for i, name := range []string{"a", "b"} {
		var cards []deck.Card
		for j := range 3 {
			cards = append(cards, deck.Card{ID: fmt.Sprintf("%s%d", name, j), Deck: name, Front: fmt.Sprintf("Q%d?", j), Back: "A", Order: j})
		}
		memoImport(t, m.st, name, cards, at(i))
	}
	mustImport(t, m.st, "a", []deck.Card{{ID: "a0", Deck: "a", Front: "Q0?", Back: "A, reworded"}}, at(3))
	if memoHit(t, m.st, "a") || !memoHit(t, m.st, "b") {
		t.Fatal("want deck a's memo to miss and b's to hit")
	}
}
