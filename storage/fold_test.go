package storage_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// foldChild reviews as a review session does, until killed: for each
// grade it opens the store deferring the fold, commits the review and
// closes it, and reads the card back from a store opened read-only; now
// and then it undoes its last review, and it folds after a random number
// of reviews (below the fold threshold, so most folds are its own; some
// reviews fold by the threshold). It prints "committed SEQ" once a review
// has returned, "undoing SEQ" before an undo, "folding" and "folded"
// around a fold, and exits 3 if a card read back has not the state its
// review gave it.
func foldChild(path string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	deferred := storage.Options{LockTimeout: 10 * time.Second, DeferFold: true}
	readOnly := deferred
	readOnly.ReadOnly = true
	with := func(opts storage.Options, fn func(*storage.Store) error) error {
		st, err := storage.Open(path, opts)
		if err != nil {
			return err
		}
		err = fn(st)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		return err
	}
	// Each round's reviews are a day after the last round's.
	round, _ := strconv.Atoi(os.Getenv(foldRoundEnv))
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).AddDate(0, 0, round)
	var ids []string
	for i := range foldCards {
		ids = append(ids, foldCardID(i))
	}
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(os.Getpid())))
	var last uint64
	for {
		for range 1 + rng.IntN(60) {
			now = now.Add(time.Minute)
			id := ids[rng.IntN(len(ids))]
			var e storage.LogEntry
			err := with(deferred, func(st *storage.Store) (err error) {
				e, _, err = st.Review(id, scheduler.Grade(rng.IntN(6)), now, time.Second, cfg)
				return err
			})
			if err != nil {
				return fail(err)
			}
			fmt.Printf("committed %d\n", e.Seq)
			last = e.Seq
			err = with(readOnly, func(st *storage.Store) error {
				r, err := st.Card(id)
				if err != nil {
					return err
				}
				if r.State != e.Next {
					fmt.Fprintf(os.Stderr, "card %s read back as %+v after review %d gave it %+v\n", id, r.State, e.Seq, e.Next)
					os.Exit(3)
				}
				return nil
			})
			if err != nil {
				return fail(err)
			}
			if last != 0 && rng.IntN(10) == 0 {
				fmt.Printf("undoing %d\n", last)
				err := with(deferred, func(st *storage.Store) error {
					_, err := st.UndoReview(last)
					return err
				})
				if err != nil {
					return fail(err)
				}
				last = 0
			}
		}
		fmt.Println("folding")
		if err := with(storage.Options{LockTimeout: 10 * time.Second}, func(st *storage.Store) error { return st.Fold() }); err != nil {
			return fail(err)
		}
		fmt.Println("folded")
	}
}

// foldCards is how many cards the folding tests' store holds: enough that
// a fold writes many pages and takes a while, so that kills land in it.
const foldCards = 1500

// foldRoundEnv tells foldChild which round of TestCrashWhileFolding it is.
const foldRoundEnv = "RECALL_STORAGE_TEST_ROUND"

func foldCardID(i int) string { return fmt.Sprintf("card%04d", i) }

// newFoldStore makes a store of foldCards new cards in two decks.
func newFoldStore(t *testing.T, path string) {
	t.Helper()
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for d, name := range []string{"left", "right"} {
		var cards []deck.Card
		for i := d; i < foldCards; i += 2 {
			cards = append(cards, deck.Card{ID: foldCardID(i), Front: "Front of " + foldCardID(i), Back: "Back", Order: i})
		}
		if _, err := st.Import(name, cards, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), false); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashWhileFolding kills a process reviewing as a session does
// (foldChild) with SIGKILL at random moments, during reviews, undos and
// folds, 40 times. After each kill: read-only, deferring the fold,
// every card reads as a fold of the whole log says (each card's state is
// the Next of its newest entry, and each entry was made from the Next of
// the one before it); every review the child reported committed is in the
// log unless it was being undone; opened read-write the store folds,
// passes Check and holds the same states; and folding again writes
// nothing (the file's bytes stay the same).
func TestCrashWhileFolding(t *testing.T) {
	rounds := 40
	if testing.Short() {
		rounds = 10
	}
	path := filepath.Join(t.TempDir(), "recall.db")
	newFoldStore(t, path)

	committed := map[uint64]bool{}
	undoing := map[uint64]bool{}
	killedFolding, killedReviewing := 0, 0
	for round := range rounds {
		cmd := child(t, "fold", path)
		cmd.Env = append(cmd.Env, foldRoundEnv+"="+strconv.Itoa(round))
		lines := startLines(t, cmd)
		// Half the rounds kill at a random moment; the others a moment
		// after a fold starts, to land in folds often.
		inFold := round%2 == 1
		killAt := time.After(time.Duration(rand.IntN(300_000)) * time.Microsecond)
		if inFold {
			killAt = time.After(5 * time.Second) // in case no fold starts
		}
		folding := false
		note := func(line string) {
			switch {
			case line == "folding":
				folding = true
				if inFold {
					killAt = time.After(time.Duration(rand.IntN(8000)) * time.Microsecond)
					inFold = false
				}
			case line == "folded":
				folding = false
			case strings.HasPrefix(line, "committed "):
				n, _ := strconv.ParseUint(strings.TrimPrefix(line, "committed "), 10, 64)
				committed[n] = true
			case strings.HasPrefix(line, "undoing "):
				n, _ := strconv.ParseUint(strings.TrimPrefix(line, "undoing "), 10, 64)
				undoing[n] = true
			}
		}
		first, ok := <-lines
		if !ok {
			cmd.Wait()
			t.Fatalf("round %d: the child stopped before its first review", round)
		}
		note(first)
	wait:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break wait
				}
				note(line)
			case <-killAt:
				break wait
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for line := range lines {
			note(line)
		}
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: the child ended by itself: %v", round, err)
		}
		if folding {
			killedFolding++
		} else {
			killedReviewing++
		}
		verifyFolded(t, round, path, committed, undoing)
		if t.Failed() {
			return
		}
	}
	t.Logf("%d rounds: %d killed while folding, %d while reviewing or undoing; %d reviews reported committed", rounds, killedFolding, killedReviewing, len(committed))
	// How many kills land in a fold depends on the machine's speed; some
	// must, or the test proved less than it says.
	if killedFolding == 0 && !testing.Short() {
		t.Errorf("no kill of %d landed in a fold", rounds)
	}
}

// logFold is what a fold of the whole log gives: each reviewed card's
// state after its newest entry. It also checks that every entry was made
// from the state the entry before it left.
func logFold(t *testing.T, round int, st *storage.Store) (map[string]scheduler.State, map[uint64]bool) {
	t.Helper()
	newest := map[string]scheduler.State{}
	inLog := map[uint64]bool{}
	err := st.ForEachLog(func(e storage.LogEntry) error {
		inLog[e.Seq] = true
		if prev, ok := newest[e.CardID]; ok && prev != e.Prev {
			t.Errorf("round %d: review %d of %s was made from %+v, but the review before left %+v", round, e.Seq, e.CardID, e.Prev, prev)
		}
		newest[e.CardID] = e.Next
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: read the log: %v", round, err)
	}
	return newest, inLog
}

func verifyFolded(t *testing.T, round int, path string, committed, undoing map[uint64]bool) {
	t.Helper()
	// Read-only, deferring: the cards read around what waits.
	ro, err := storage.Open(path, storage.Options{ReadOnly: true, DeferFold: true})
	if err != nil {
		t.Fatalf("round %d: open read-only: %v", round, err)
	}
	deferredStates := map[string]scheduler.State{}
	for i := range foldCards {
		r, err := ro.Card(foldCardID(i))
		if err != nil {
			t.Fatalf("round %d: card %s: %v", round, foldCardID(i), err)
		}
		deferredStates[r.Card.ID] = r.State
	}
	ro.Close()

	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	for _, p := range st.Check() {
		t.Errorf("round %d: check: %v", round, p)
	}
	newest, inLog := logFold(t, round, st)
	for seq := range committed {
		if !inLog[seq] && !undoing[seq] {
			t.Errorf("round %d: review %d was reported committed but is not in the log", round, seq)
		}
	}
	err = st.ForEachCard("", func(r storage.Record) error {
		want, ok := newest[r.Card.ID]
		if !ok {
			want = scheduler.NewState()
		}
		if r.State != want {
			t.Errorf("round %d: card %s has state %+v, a fold of the log says %+v", round, r.Card.ID, r.State, want)
		}
		if deferredStates[r.Card.ID] != r.State {
			t.Errorf("round %d: card %s read %+v before the fold, %+v after", round, r.Card.ID, deferredStates[r.Card.ID], r.State)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Fold(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("round %d: folding a folded store changed the file", round)
	}
}
