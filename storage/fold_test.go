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
// grade it opens the store, commits the review and closes it, and reads
// the card back from a store opened read-only, through what waits; now
// and then it undoes its last review (most often one still waiting, taken
// out of the log alone), and it folds after a random number of reviews
// (below the threshold at which a review folds by itself). It prints "committed SEQ" once a review
// has returned, "undoing SEQ" before an undo, "folding" and "folded"
// around a fold, and exits 3 if a card read back has not the state its
// review gave it.
func foldChild(path string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	deferred := storage.Options{LockTimeout: 10 * time.Second}
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
// folds, 40 times. After each kill: read-only, through what waits,
// every card reads as a fold of the whole log says (each card's state is
// the Next of its newest entry, and each entry was made from the Next of
// the one before it); every review the child reported committed is in the
// log unless it was being undone; opened read-write the store passes
// Check as it is, reads the same states, and after a fold passes Check and
// holds the same states; and folding again writes nothing (the file's
// bytes stay the same).
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
	// The shortest fold seen so far: a kill meant to land in a fold comes
	// within it, however fast or loaded the machine is.
	shortestFold := 8 * time.Millisecond
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
		var foldStart time.Time
		note := func(line string) {
			switch {
			case line == "folding":
				folding, foldStart = true, time.Now()
				if inFold {
					killAt = time.After(time.Duration(rand.Int64N(int64(shortestFold))))
					inFold = false
				}
			case line == "folded":
				folding = false
				// Both lines may come in one read: a bound keeps the
				// kill's window open.
				shortestFold = max(min(shortestFold, time.Since(foldStart)), 500*time.Microsecond)
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
	// Read-only: the cards read through what waits.
	ro, err := storage.Open(path, storage.Options{ReadOnly: true})
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
	// Every card, read through what waits and then folded, is what a fold
	// of the whole log says.
	for _, when := range []string{"before the fold", "after the fold"} {
		if when == "after the fold" {
			if err := st.Fold(); err != nil {
				t.Fatalf("round %d: fold: %v", round, err)
			}
			for _, p := range st.Check() {
				t.Errorf("round %d: check after the fold: %v", round, p)
			}
		}
		err = st.ForEachCard("", func(r storage.Record) error {
			want, ok := newest[r.Card.ID]
			if !ok {
				want = scheduler.NewState()
			}
			if r.State != want {
				t.Errorf("round %d: %s, card %s has state %+v, a fold of the log says %+v", round, when, r.Card.ID, r.State, want)
			}
			if deferredStates[r.Card.ID] != r.State {
				t.Errorf("round %d: card %s read %+v by itself, %+v %s", round, r.Card.ID, deferredStates[r.Card.ID], r.State, when)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
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

// sessionReviews is how many reviews sessionChild makes: fewer than a
// review folds at, so that every one of them waits to be folded.
const sessionReviews = 60

// sessionChild reviews as a review session does, sessionReviews times:
// the store opened read-write for each grade and closed after it. It
// prints "committed SEQ WAIT" once each review has returned, WAIT being
// how long the open and the commit took in microseconds, then "done".
func sessionChild(path string) int {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for i := range sessionReviews {
		now = now.Add(time.Minute)
		start := time.Now()
		st, err := storage.Open(path, storage.Options{LockTimeout: 10 * time.Second})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		e, _, err := st.Review(foldCardID(i*7%foldCards), scheduler.Grade(3+i%3), now, time.Second, cfg)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("committed %d %d\n", e.Seq, time.Since(start).Microseconds())
	}
	fmt.Println("done")
	return 0
}

// TestReadersBesideASession runs a review session in another process
// (sessionChild) and, while it grades, reads the store as `recall due`,
// `recall cards` and `recall check` do, opened read-only (bbolt opens the
// file read-only then: such a reader cannot write it) and again and again:
// every read succeeds, none is refused for the grades waiting to be
// folded, each reads the cards as a fold of the log it sees says, Check
// passes, and the session's grades all commit.
func TestReadersBesideASession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	newFoldStore(t, path)
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	now := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)

	cmd := child(t, "session", path)
	lines := startLines(t, cmd)
	committed, reads, waitedReads := 0, 0, 0
	var longest time.Duration
	done := false
	for !done {
		select {
		case line, ok := <-lines:
			switch {
			case !ok || line == "done":
				done = true
			case strings.HasPrefix(line, "committed "):
				committed++
				var seq, us int64
				fmt.Sscanf(line, "committed %d %d", &seq, &us)
				longest = max(longest, time.Duration(us)*time.Microsecond)
			}
			continue
		default:
		}
		st, err := storage.Open(path, storage.Options{ReadOnly: true, LockTimeout: 10 * time.Second})
		if err != nil {
			t.Fatalf("read %d, beside the session: open read-only: %v", reads, err)
		}
		if _, err := st.Queue("", now, cfg); err != nil {
			t.Fatalf("read %d: queue: %v", reads, err)
		}
		if _, err := st.CountDue("", now); err != nil {
			t.Fatalf("read %d: due count: %v", reads, err)
		}
		if _, err := st.Decks(now, cfg); err != nil {
			t.Fatalf("read %d: decks: %v", reads, err)
		}
		newest, _ := logFold(t, reads, st)
		if len(newest) > 0 {
			waitedReads++
		}
		err = st.ForEachCard("", func(r storage.Record) error {
			if want, ok := newest[r.Card.ID]; ok && r.State != want {
				t.Errorf("read %d: card %s reads %+v, its newest review gave it %+v", reads, r.Card.ID, r.State, want)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("read %d: cards: %v", reads, err)
		}
		for _, p := range st.Check() {
			t.Errorf("read %d: check: %v", reads, p)
		}
		st.Close()
		reads++
		if t.Failed() {
			break
		}
		// Paced as commands typed in another terminal are: bbolt's
		// writer polls for its lock every 50 ms, and readers that never
		// let go of theirs would starve it (as they would have before
		// reviews waited to be folded).
		time.Sleep(20 * time.Millisecond)
	}
	for range lines {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the session: %v", err)
	}
	if committed != sessionReviews {
		t.Errorf("the session committed %d grades, want %d", committed, sessionReviews)
	}
	if waitedReads == 0 {
		t.Error("no read saw a grade waiting to be folded: the test proved nothing")
	}
	t.Logf("%d reads beside the session (%d with grades waiting); its slowest grade took %v", reads, waitedReads, longest)
}
