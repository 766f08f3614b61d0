package storage_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/files"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

// cfg is the settings the tests use: UTC, rollover at 4:00.
func cfg() scheduler.Settings {
	s := scheduler.DefaultSettings()
	s.Location = time.UTC
	return s
}

// at returns 10:00 UTC on day n of the test calendar, well inside review day n.
func at(n int) time.Time { return time.Date(2026, 3, 2+n, 10, 0, 0, 0, time.UTC) }

// card makes a term card of note "trust".
func card(id string, order int, term, back string) deck.Card {
	return deck.Card{ID: id, Kind: deck.KindTerm, Front: "What is " + term + "?", Back: back,
		Term: term, Note: "trust", Order: order, Sources: []deck.Source{{File: "trust.md", Line: order}}}
}

func sampleCards() []deck.Card {
	return []deck.Card{
		card("aa11", 1, "Honesty", "Always telling the truth, even when it costs you"),
		card("bb22", 2, "Reliability", "Doing what you said you would do"),
		card("cc33", 3, "Candour", "Saying the hard thing early and kindly"),
	}
}

func mustImport(t *testing.T, st *storage.Store, deckName string, cards []deck.Card, now time.Time) storage.ImportSummary {
	t.Helper()
	sum, err := st.Import(deckName, cards, now, false)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func mustReview(t *testing.T, st *storage.Store, id string, q scheduler.Grade, now time.Time) storage.LogEntry {
	t.Helper()
	e, _, err := st.Review(id, q, now, 3*time.Second, cfg())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustCard(t *testing.T, st *storage.Store, id string) storage.Record {
	t.Helper()
	r, err := st.Card(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func logIDs(t *testing.T, st *storage.Store) []string {
	t.Helper()
	var ids []string
	if err := st.ForEachLog(func(e storage.LogEntry) error { ids = append(ids, e.CardID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "recall")
	path := filepath.Join(dir, "recall.db")
	st := storetest.OpenPath(t, path)
	if st.Path() != path {
		t.Errorf("Path() = %q, want %q", st.Path(), path)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700 | os.ModeDir} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode(), want)
		}
	}
	empty, err := st.Empty()
	if err != nil || !empty {
		t.Errorf("Empty() = %v, %v on a new store, want true", empty, err)
	}
}

// TestOpenNotAStore: a file that is not a store is refused in the user's
// words, naming the file and leaving it as it was, never with bbolt's own
// message ("file size too small 6123", "invalid database").
func TestOpenNotAStore(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"short", []byte("hello"), "is damaged (the file is only 5 bytes)"},
		{"garbage", []byte(strings.Repeat("not a database ", 800)), "is not a recall store (not a bbolt database)"},
		{"truncated", truncatedStore(t, 6123), "is damaged (truncated: 6123 bytes of the"},
	}
	for _, tt := range tests {
		for _, readOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/readonly=%v", tt.name, readOnly), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "notes.txt")
				if err := os.WriteFile(path, tt.data, 0o600); err != nil {
					t.Fatal(err)
				}
				_, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
				if err == nil {
					t.Fatal("opened a file that is not a store")
				}
				msg := err.Error()
				if !strings.Contains(msg, path) || !strings.Contains(msg, tt.want) {
					t.Errorf("error %q, want the path and %q", msg, tt.want)
				}
				for _, internal := range []string{"file size too small", "invalid database"} {
					if strings.Contains(msg, internal) {
						t.Errorf("error %q has bbolt's message %q", msg, internal)
					}
				}
				if got, _ := os.ReadFile(path); string(got) != string(tt.data) {
					t.Error("the file was changed")
				}
			})
		}
	}
}

// truncatedStore is the first size bytes of a real store.
func truncatedStore(t *testing.T, size int) []byte {
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data[:size]
}

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	if _, err := storage.Open(path, storage.Options{ReadOnly: true}); err == nil {
		t.Fatal("read-only open of a missing store succeeded")
	}
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, st, "trust", sampleCards(), at(0))
	st.Close()
	ro, err := storage.Open(path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Card("aa11"); err != nil {
		t.Error(err)
	}
	if _, err := ro.Import("trust", sampleCards(), at(1), false); err == nil {
		t.Error("import into a read-only store succeeded")
	}
}

func TestImport(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()

	if sum := mustImport(t, st, "trust", cards, at(0)); sum != (storage.ImportSummary{Added: 3}) {
		t.Errorf("fresh import: %+v", sum)
	}
	if sum := mustImport(t, st, "trust", cards, at(0)); sum != (storage.ImportSummary{Unchanged: 3}) {
		t.Errorf("re-import: %+v, want all unchanged", sum)
	}
	mustReview(t, st, "aa11", 5, at(0))
	reviewed := mustCard(t, st, "aa11").State

	// Editing a definition updates the card in place and keeps its schedule.
	edited := slices.Clone(cards)
	edited[0].Back = "Never lying, not even a little"
	if sum := mustImport(t, st, "trust", edited, at(1)); sum != (storage.ImportSummary{Updated: 1, Unchanged: 2}) {
		t.Errorf("edited import: %+v", sum)
	}
	r := mustCard(t, st, "aa11")
	if r.Card.Back != edited[0].Back || r.State != reviewed {
		t.Errorf("after edit: back %q state %+v, want %q and the reviewed state %+v", r.Card.Back, r.State, edited[0].Back, reviewed)
	}

	// A vanished item is retired, and comes back with its history.
	if sum := mustImport(t, st, "trust", edited[1:], at(2)); sum != (storage.ImportSummary{Retired: 1, Unchanged: 2}) {
		t.Errorf("import without aa11: %+v", sum)
	}
	if r := mustCard(t, st, "aa11"); !r.Retired || r.State != reviewed {
		t.Errorf("vanished card: retired %v, state %+v; want retired with its state", r.Retired, r.State)
	}
	if n, _ := st.CountDue("", at(100)); n != 0 {
		t.Errorf("a retired card is counted due (%d)", n)
	}
	if _, _, err := st.Review("aa11", 4, at(2), 0, cfg()); err == nil {
		t.Error("reviewing a retired card succeeded")
	}
	if sum := mustImport(t, st, "trust", edited, at(3)); sum != (storage.ImportSummary{Updated: 1, Unchanged: 2}) {
		t.Errorf("import bringing aa11 back: %+v", sum)
	}
	if r := mustCard(t, st, "aa11"); r.Retired || r.State != reviewed {
		t.Errorf("returned card: retired %v, state %+v", r.Retired, r.State)
	}
	if n, _ := st.CountDue("", at(100)); n != 1 {
		t.Errorf("returned card not due again (count %d)", n)
	}

	// Dry runs count but change nothing.
	dry, err := st.Import("trust", cards[2:], at(4), true)
	if err != nil || dry != (storage.ImportSummary{Retired: 2, Unchanged: 1}) {
		t.Errorf("dry run: %+v, %v", dry, err)
	}
	if r := mustCard(t, st, "bb22"); r.Retired {
		t.Error("dry run retired a card")
	}
}

func TestImportRelinkKeepsHistory(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	mustImport(t, st, "trust", cards, at(0))
	mustReview(t, st, "aa11", 4, at(0))
	mustReview(t, st, "aa11", 5, at(1))
	state := mustCard(t, st, "aa11").State

	moved := slices.Clone(cards)
	moved[0].ID = "aa99" // same term under another heading: a new ID
	if sum := mustImport(t, st, "trust", moved, at(2)); sum != (storage.ImportSummary{Relinked: 1, Unchanged: 2}) {
		t.Fatalf("import: %+v, want one relink", sum)
	}
	r := mustCard(t, st, "aa99")
	if r.State != state {
		t.Errorf("relinked card state %+v, want the old card's %+v", r.State, state)
	}
	if got := mustCard(t, st, "aa11"); got.Card.ID != "aa99" {
		t.Errorf("the old ID finds %q, want the relinked card", got.Card.ID)
	}
	if got := logIDs(t, st); !slices.Equal(got, []string{"aa99", "aa99"}) {
		t.Errorf("log card IDs %q, want the relinked ID", got)
	}
	// The relinked card's next review undoes back to the old state.
	mustReview(t, st, "aa99", 2, at(20))
	if _, err := st.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := mustCard(t, st, "aa99").State; got != state {
		t.Errorf("after undo %+v, want %+v", got, state)
	}
	if sum := mustImport(t, st, "trust", moved, at(3)); sum != (storage.ImportSummary{Unchanged: 3}) {
		t.Errorf("re-import after relink: %+v", sum)
	}
}

func TestImportMovesCardsBetweenDecks(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "one", sampleCards(), at(0))
	sum := mustImport(t, st, "two", sampleCards()[:1], at(1))
	if sum != (storage.ImportSummary{Updated: 1}) {
		t.Errorf("import into another deck: %+v", sum)
	}
	if r := mustCard(t, st, "aa11"); r.Card.Deck != "two" {
		t.Errorf("card is in deck %q, want two", r.Card.Deck)
	}
}

func TestImportRejectsBadInput(t *testing.T) {
	st := storetest.Open(t)
	long := string(make([]byte, 300))
	for name, tc := range map[string]struct {
		deck  string
		cards []deck.Card
	}{
		"empty deck name":   {"  ", sampleCards()},
		"control in deck":   {"a\x1b[2Jb", sampleCards()},
		"empty ID":          {"d", []deck.Card{card("", 1, "T", "B")}},
		"ID with a space":   {"d", []deck.Card{card("a b", 1, "T", "B")}},
		"long ID":           {"d", []deck.Card{card("x"+long, 1, "T", "B")}},
		"duplicate ID":      {"d", []deck.Card{card("a", 1, "T", "B"), card("a", 2, "U", "C")}},
		"oversized card":    {"d", []deck.Card{card("a", 1, "T", string(make([]byte, 300<<10)))}},
		"deck name too big": {long, sampleCards()},
	} {
		if _, err := st.Import(tc.deck, tc.cards, at(0), false); err == nil {
			t.Errorf("%s: import succeeded", name)
		}
	}
	if empty, _ := st.Empty(); !empty {
		t.Error("a rejected import left cards behind")
	}
}

func TestCardLookup(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", append(sampleCards(), card("aa12", 4, "Humility", "Admitting what you do not know")), at(0))
	for _, tt := range []struct {
		id, want string
		err      error
	}{
		{"bb22", "bb22", nil},
		{"b", "bb22", nil},
		{"aa1", "", storage.ErrAmbiguous},
		{"zz", "", storage.ErrNotFound},
		{"", "", storage.ErrNotFound},
	} {
		r, err := st.Card(tt.id)
		if !errors.Is(err, tt.err) || r.Card.ID != tt.want {
			t.Errorf("Card(%q) = %q, %v; want %q, %v", tt.id, r.Card.ID, err, tt.want, tt.err)
		}
	}
	r := mustCard(t, st, "cc33")
	if r.Card.Term != "Candour" || r.Card.Note != "trust" || r.Card.Order != 3 || r.Card.Deck != "trust" || r.Card.Sources[0].Line != 3 {
		t.Errorf("card did not round-trip: %+v", r.Card)
	}
	if r.State != scheduler.NewState() {
		t.Errorf("new card state %+v", r.State)
	}
}

func TestForEachCard(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	cards[0].Order = 10 // last in note order
	mustImport(t, st, "b-deck", cards, at(0))
	mustImport(t, st, "a-deck", []deck.Card{card("dd44", 1, "Humility", "Admitting it")}, at(0))
	var got []string
	collect := func(r storage.Record) error { got = append(got, r.Card.Deck+"/"+r.Card.ID); return nil }
	if err := st.ForEachCard("", collect); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a-deck/dd44", "b-deck/bb22", "b-deck/cc33", "b-deck/aa11"}; !slices.Equal(got, want) {
		t.Errorf("all decks: %q, want %q", got, want)
	}
	got = nil
	if err := st.ForEachCard("a-deck", collect); err != nil || !slices.Equal(got, []string{"a-deck/dd44"}) {
		t.Errorf("one deck: %q, %v", got, err)
	}
	got = nil
	if err := st.ForEachCard("nope", collect); err != nil || got != nil {
		t.Errorf("unknown deck: %q, %v", got, err)
	}
	stop := errors.New("stop")
	if err := st.ForEachCard("", func(storage.Record) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("ForEachCard did not pass on the callback's error: %v", err)
	}
}

func TestReviewAndUndo(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	if _, err := st.Undo(); !errors.Is(err, storage.ErrNothingToUndo) {
		t.Errorf("undo on an empty log: %v, want ErrNothingToUndo", err)
	}
	first := mustReview(t, st, "aa", 4, at(0)) // a unique prefix
	if first.CardID != "aa11" || first.Grade != 4 || !first.Prev.IsNew() || first.Next.IntervalDays != 1 || first.Answer != 3*time.Second {
		t.Errorf("log entry %+v", first)
	}
	second := mustReview(t, st, "aa11", 3, at(1))
	if second.Seq <= first.Seq {
		t.Errorf("sequence %d after %d", second.Seq, first.Seq)
	}
	if r := mustCard(t, st, "aa11"); r.State != second.Next {
		t.Errorf("state %+v, want the logged next state %+v", r.State, second.Next)
	}
	undone, err := st.Undo()
	if err != nil {
		t.Fatal(err)
	}
	if undone.Seq != second.Seq {
		t.Errorf("undid entry %d, want %d", undone.Seq, second.Seq)
	}
	if r := mustCard(t, st, "aa11"); r.State != first.Next {
		t.Errorf("after undo state %+v, want %+v", r.State, first.Next)
	}
	if _, err := st.Undo(); err != nil {
		t.Fatal(err)
	}
	if r := mustCard(t, st, "aa11"); r.State != scheduler.NewState() {
		t.Errorf("after undoing everything state %+v, want new", r.State)
	}
	if ids := logIDs(t, st); len(ids) != 0 {
		t.Errorf("log after undo: %q", ids)
	}
	if _, _, err := st.Review("aa11", 6, at(0), 0, cfg()); err == nil {
		t.Error("grade 6 accepted")
	}
	if _, _, err := st.Review("nope", 4, at(0), 0, cfg()); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("review of an unknown card: %v", err)
	}
}

// TestUndoReview: a session undoes only its own review, and only while
// it is still the newest; a review made since by another process stays.
func TestUndoReview(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mine := mustReview(t, st, "aa11", 4, at(0))
	theirs := mustReview(t, st, "bb22", 5, at(0))
	if _, err := st.UndoReview(mine.Seq); !errors.Is(err, storage.ErrNotNewest) {
		t.Errorf("undo of a review followed by another: %v, want ErrNotNewest", err)
	}
	if ids := logIDs(t, st); !slices.Equal(ids, []string{"aa11", "bb22"}) {
		t.Errorf("log after a refused undo: %q", ids)
	}
	if r := mustCard(t, st, "aa11"); r.State != mine.Next {
		t.Errorf("a refused undo changed the card: %+v", r.State)
	}
	if e, err := st.UndoReview(theirs.Seq); err != nil || e.Seq != theirs.Seq {
		t.Errorf("undo of the newest review: %+v, %v", e, err)
	}
	if e, err := st.UndoReview(mine.Seq); err != nil || e.CardID != "aa11" {
		t.Errorf("undo of what is now the newest review: %+v, %v", e, err)
	}
	if _, err := st.UndoReview(mine.Seq); !errors.Is(err, storage.ErrNothingToUndo) {
		t.Errorf("undo on an empty log: %v, want ErrNothingToUndo", err)
	}
}

func TestReviewLeechSuspends(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	c := cfg()
	c.LeechLapses = 2
	var out scheduler.Outcome
	for i, q := range []scheduler.Grade{4, 1, 4, 1} {
		var err error
		if _, out, err = st.Review("aa11", q, at(i*10), 0, c); err != nil {
			t.Fatal(err)
		}
	}
	if !out.BecameLeech {
		t.Fatal("second lapse did not make a leech")
	}
	if n, _ := st.CountDue("", at(1000)); n != 0 {
		t.Errorf("leech still in the due index (%d due)", n)
	}
}

func TestLogIteration(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	for i, id := range []string{"aa11", "bb22", "cc33"} {
		mustReview(t, st, id, 5, at(0).Add(time.Duration(i)*time.Minute))
	}
	if got := logIDs(t, st); !slices.Equal(got, []string{"aa11", "bb22", "cc33"}) {
		t.Errorf("ForEachLog order %q", got)
	}
	var rev []string
	err := st.ForEachLogReverse(func(e storage.LogEntry) (bool, error) {
		rev = append(rev, e.CardID)
		return len(rev) < 2, nil
	})
	if err != nil || !slices.Equal(rev, []string{"cc33", "bb22"}) {
		t.Errorf("ForEachLogReverse = %q, %v; want the newest two", rev, err)
	}
}

func TestSuspend(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 5, at(0))
	err := st.SetSuspended([]string{"aa11", "nope"}, true)
	if !errors.Is(err, storage.ErrNotFound) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("suspending an unknown ID: %v, want ErrNotFound naming it", err)
	}
	if mustCard(t, st, "aa11").State.Suspended {
		t.Error("a failed SetSuspended suspended a card")
	}
	if err := st.SetSuspended([]string{"aa11", "bb22"}, true); err != nil {
		t.Fatal(err)
	}
	q, err := st.Queue("", at(5), cfg())
	if err != nil {
		t.Fatal(err)
	}
	if ids := queueIDs(q); !slices.Equal(ids, []string{"new:cc33"}) {
		t.Errorf("queue with two suspended cards: %q", ids)
	}
	if err := st.SetSuspended([]string{"aa11", "bb22"}, false); err != nil {
		t.Fatal(err)
	}
	q, _ = st.Queue("", at(5), cfg())
	if ids := queueIDs(q); !slices.Equal(ids, []string{"review:aa11", "new:bb22", "new:cc33"}) {
		t.Errorf("queue after unsuspending: %q", ids)
	}
}

func TestBury(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 5, at(0))
	if err := st.Bury("aa11", at(3)); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountDue("", at(2)); n != 0 {
		t.Errorf("buried card counted due before its burial ends (%d)", n)
	}
	if next, ok, _ := st.NextDue("", at(0)); !ok || !next.Equal(at(3)) {
		t.Errorf("NextDue = %v, %v; want the end of the burial %v", next, ok, at(3))
	}
	if err := st.Bury("bb22", at(1)); err != nil { // a new card: stays in the new index
		t.Fatal(err)
	}
	q, _ := st.Queue("", at(0).Add(time.Hour), cfg())
	if ids := queueIDs(q); !slices.Equal(ids, []string{"new:cc33"}) {
		t.Errorf("queue with a buried new card: %q", ids)
	}
	if err := st.Bury("nope", at(1)); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("bury unknown: %v", err)
	}
}

func TestBuryAllIsOneTransaction(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	if err := st.BuryAll([]string{"bb22", "nope"}, at(1)); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("bury with an unknown card: %v", err)
	}
	if !mustCard(t, st, "bb22").State.BuriedUntil.IsZero() {
		t.Error("a failed BuryAll buried a card")
	}
	if err := st.BuryAll([]string{"bb22", "cc33"}, at(1)); err != nil {
		t.Fatal(err)
	}
	q, _ := st.Queue("", at(0).Add(time.Hour), cfg())
	if ids := queueIDs(q); !slices.Equal(ids, []string{"new:aa11"}) || q.BuriedNew != 2 {
		t.Errorf("queue with both new cards buried: %q, %d counted buried", ids, q.BuriedNew)
	}
	q, _ = st.Queue("", at(1).Add(time.Hour), cfg())
	if ids := queueIDs(q); !slices.Equal(ids, []string{"new:aa11", "new:bb22", "new:cc33"}) {
		t.Errorf("queue once the burial ended: %q", ids)
	}
}

func queueIDs(q scheduler.Queue) []string {
	var out []string
	for _, part := range []struct {
		name string
		c    []scheduler.Candidate
	}{{"again", q.Again}, {"review", q.Review}, {"new", q.New}} {
		for _, c := range part.c {
			out = append(out, part.name+":"+c.ID)
		}
	}
	return out
}

func TestQueue(t *testing.T) {
	st := storetest.Open(t)
	var cards []deck.Card
	for i := 1; i <= 8; i++ {
		cards = append(cards, card(fmt.Sprintf("c%d", i), i, fmt.Sprintf("term %d", i), fmt.Sprintf("definition %d", i)))
	}
	cards[7].Siblings = []string{"c7"} // c8 must not be shown the day c7 is
	mustImport(t, st, "trust", cards, at(0))
	mustImport(t, st, "other", []deck.Card{card("o1", 1, "Other", "other definition")}, at(0))

	// Day 0: c1 and c2 learnt (due day 1), c3 learnt on day -5 with an
	// interval of 1 (most overdue), c4 failed today.
	// (The log is read back to the day's start in commit order, so the
	// reviews are made in time order, as a real clock makes them.)
	mustReview(t, st, "c3", 4, at(-5))
	mustReview(t, st, "c4", 4, at(-1))
	mustReview(t, st, "c7", 4, at(-1))
	mustReview(t, st, "c1", 4, at(0))
	mustReview(t, st, "c2", 4, at(0))
	mustReview(t, st, "c4", 1, at(0).Add(time.Minute))

	now := at(0).Add(time.Hour)
	q, err := st.Queue("trust", now, cfg())
	if err != nil {
		t.Fatal(err)
	}
	// c7 was learnt yesterday and is due today; c8, its new sibling, goes
	// first and c7 waits for tomorrow.
	want := []string{"again:c4", "review:c3", "new:c5", "new:c6", "new:c8"}
	if got := queueIDs(q); !slices.Equal(got, want) {
		t.Errorf("queue = %q, want %q", got, want)
	}
	if !slices.Equal(q.Buried, []string{"c7"}) {
		t.Errorf("buried = %q, want c7", q.Buried)
	}

	// Limits: four new cards a day (two left), two reviews (one left: c4's
	// failed review was a scheduled one).
	c := cfg()
	c.NewPerDay, c.ReviewsPerDay = 4, 2
	q, _ = st.Queue("trust", now, c)
	if got := queueIDs(q); !slices.Equal(got, []string{"again:c4", "review:c3", "new:c5", "new:c6"}) {
		t.Errorf("limited queue = %q (c1 and c2 count as new cards shown today)", got)
	}

	// All decks take the other deck's new card after this one's, by deck name.
	q, _ = st.Queue("", now, cfg())
	if got := queueIDs(q); !slices.Contains(got, "new:o1") {
		t.Errorf("all-deck queue %q lacks the other deck's card", got)
	}
	q, _ = st.Queue("nope", now, cfg())
	if q.Len() != 0 {
		t.Errorf("queue of an unknown deck: %q", queueIDs(q))
	}
}

func TestToday(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 4, at(-1)) // yesterday: not today
	mustReview(t, st, "bb22", 4, at(-1))
	mustReview(t, st, "aa11", 5, at(0)) // scheduled review
	mustReview(t, st, "bb22", 1, at(0)) // scheduled review, failed
	mustReview(t, st, "bb22", 4, at(0).Add(time.Minute))
	mustReview(t, st, "cc33", 2, at(0)) // new card
	mustReview(t, st, "cc33", 4, at(0).Add(time.Minute))
	today, err := st.Today(at(0).Add(time.Hour), cfg())
	if err != nil {
		t.Fatal(err)
	}
	if today.NewShown != 1 || today.ReviewsDone != 2 || len(today.Seen) != 3 {
		t.Errorf("Today = %+v, want 1 new shown, 2 reviews done, 3 seen", today)
	}
	if today, _ := st.Today(at(1), cfg()); today.NewShown+today.ReviewsDone+len(today.Seen) != 0 {
		t.Errorf("next day Today = %+v, want nothing done", today)
	}
}

func TestCountDueAndNextDue(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustImport(t, st, "other", []deck.Card{card("o1", 1, "Other", "x")}, at(0))
	if _, ok, _ := st.NextDue("", at(0)); ok {
		t.Error("NextDue found a time in a store of new cards")
	}
	mustReview(t, st, "aa11", 4, at(0)) // due day 1 at 4:00
	mustReview(t, st, "bb22", 3, at(0)) // re-drill: queued at once
	mustReview(t, st, "o1", 4, at(1))   // due day 2
	day1 := time.Date(2026, 3, 3, 4, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		deck   string
		before time.Time
		want   int
	}{
		{"", at(0), 0},
		{"", at(0).Add(time.Second), 1},
		{"", day1, 1},
		{"", day1.Add(time.Nanosecond), 2},
		{"trust", at(10), 2},
		{"other", at(10), 1},
		{"", at(10), 3},
		{"nope", at(10), 0},
	} {
		if got, err := st.CountDue(tt.deck, tt.before); err != nil || got != tt.want {
			t.Errorf("CountDue(%q, %v) = %d, %v; want %d", tt.deck, tt.before, got, err, tt.want)
		}
	}
	if next, ok, _ := st.NextDue("", at(0)); !ok || !next.Equal(day1) {
		t.Errorf("NextDue after day 0 = %v, %v; want %v", next, ok, day1)
	}
	if next, ok, _ := st.NextDue("other", at(0)); !ok || !next.Equal(day1.AddDate(0, 0, 1)) {
		t.Errorf("NextDue of other = %v, %v", next, ok)
	}
}

func TestDecks(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustImport(t, st, "other", []deck.Card{card("o1", 1, "Other", "x"), card("o2", 2, "More", "y")}, at(0))
	mustReview(t, st, "aa11", 4, at(0))
	if err := st.SetSuspended([]string{"bb22"}, true); err != nil {
		t.Fatal(err)
	}
	mustImport(t, st, "other", []deck.Card{card("o1", 1, "Other", "x")}, at(0)) // retires o2
	decks, err := st.Decks(at(1), cfg())
	if err != nil {
		t.Fatal(err)
	}
	want := []storage.DeckInfo{
		{Name: "other", Cards: 1, New: 1, Retired: 1},
		{Name: "trust", Cards: 3, New: 1, Due: 1, Suspended: 1},
	}
	if !slices.EqualFunc(decks, want, func(a, b storage.DeckInfo) bool { return reflect.DeepEqual(a, b) }) {
		t.Errorf("Decks = %+v, want %+v", decks, want)
	}
}

func TestSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := cfg()
	if err := st.LoadSettings(&got); err != nil || got != cfg() {
		t.Errorf("nothing saved: LoadSettings changed %+v, %v", got, err)
	}
	saved := cfg()
	saved.NewPerDay, saved.ReviewsPerDay, saved.RolloverHour, saved.LeechLapses = 30, 150, 3, 5
	saved.Location, _ = time.LoadLocation("Europe/Paris")
	if err := st.SaveSettings(saved); err != nil {
		t.Fatal(err)
	}
	bad := saved
	bad.RolloverHour = 24
	if err := st.SaveSettings(bad); err == nil {
		t.Error("saved a rollover hour of 24")
	}
	st.Close()
	st = storetest.OpenPath(t, path)
	got = scheduler.DefaultSettings()
	if err := st.LoadSettings(&got); err != nil {
		t.Fatal(err)
	}
	if got.NewPerDay != 30 || got.ReviewsPerDay != 150 || got.RolloverHour != 3 || got.LeechLapses != 5 || got.Location.String() != "Europe/Paris" {
		t.Errorf("loaded %+v", got)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 4, at(0))
	path := filepath.Join(dir, "backup.db")
	if err := st.Backup(path, false); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(path, false); !errors.Is(err, files.ErrExists) {
		t.Errorf("second backup without force: %v, want a refusal", err)
	}
	mustReview(t, st, "bb22", 4, at(0))
	if err := st.Backup(path, true); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(dir, true); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("backup onto a directory: %v", err)
	}
	if err := st.Backup(st.Path(), true); err == nil {
		t.Error("backup over the store itself succeeded")
	}
	if fi, _ := os.Stat(path); fi.Mode() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode())
	}
	copied := storetest.OpenPath(t, path)
	if ids := logIDs(t, copied); !slices.Equal(ids, []string{"aa11", "bb22"}) {
		t.Errorf("backup log %q", ids)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %q", leftovers)
	}
}
