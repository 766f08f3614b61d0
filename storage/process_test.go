package storage_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
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

// The test binary doubles as the child process of the crash and lock
// tests: with childEnv set it runs that child instead of the tests.
const (
	childEnv   = "RECALL_STORAGE_TEST_CHILD"
	childDBEnv = "RECALL_STORAGE_TEST_DB"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		code := m.Run()
		storage.RemoveBenchStores()
		os.Exit(code)
	case "review":
		os.Exit(reviewChild(os.Getenv(childDBEnv)))
	case "hold":
		os.Exit(holdChild(os.Getenv(childDBEnv)))
	case "fold":
		os.Exit(foldChild(os.Getenv(childDBEnv)))
	case "session":
		os.Exit(sessionChild(os.Getenv(childDBEnv)))
	default:
		fmt.Fprintf(os.Stderr, "unknown child %q\n", os.Getenv(childEnv))
		os.Exit(2)
	}
}

// reviewChild reviews cards in a loop until killed, printing
// "committed SEQ" once each review's transaction has returned.
func reviewChild(path string) int {
	st, err := storage.Open(path, storage.Options{LockTimeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var ids []string
	st.ForEachCard("", func(r storage.Record) error { ids = append(ids, r.Card.ID); return nil })
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	st.ForEachLogReverse(func(e storage.LogEntry) (bool, error) { now = e.Time; return false, nil })
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	for i := 0; ; i++ {
		now = now.Add(time.Minute)
		e, _, err := st.Review(ids[i%len(ids)], scheduler.Grade(rand.IntN(6)), now, time.Second, cfg)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("committed %d\n", e.Seq)
	}
}

// holdChild keeps the store open until its stdin is closed.
func holdChild(path string) int {
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("open")
	io.Copy(io.Discard, os.Stdin)
	st.Close()
	return 0
}

func child(t *testing.T, kind, path string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+kind, childDBEnv+"="+path)
	cmd.Stderr = os.Stderr
	return cmd
}

// startLines starts cmd and sends each line of its standard output on the
// channel it returns, which is closed when the output ends.
func startLines(t *testing.T, cmd *exec.Cmd) <-chan string {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return lines
}

// TestCrash kills a reviewing process with SIGKILL at random moments; after
// each kill the store must pass Check, hold every review the child reported
// as committed, and agree with its log: each card's state is the Next state
// of its newest log entry.
func TestCrash(t *testing.T) {
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cards []deck.Card
	for i := range 20 {
		cards = append(cards, deck.Card{ID: fmt.Sprintf("card%02d", i), Front: "F", Back: "B", Order: i})
	}
	if _, err := st.Import("crash", cards, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	st.Close()

	var committed []uint64
	for round := range rounds {
		cmd := child(t, "review", path)
		out := startLines(t, cmd)
		lines := make(chan uint64)
		go func() {
			defer close(lines)
			for line := range out {
				seq, ok := strings.CutPrefix(line, "committed ")
				if n, err := strconv.ParseUint(seq, 10, 64); ok && err == nil {
					lines <- n
				}
			}
		}()
		// Kill at a random moment after the first commit: within a review's
		// transaction as often as between two.
		first, ok := <-lines
		if !ok {
			cmd.Wait()
			t.Fatalf("round %d: the child stopped before its first review", round)
		}
		committed = append(committed, first)
		killAt := time.After(time.Duration(rand.IntN(40_000)) * time.Microsecond)
	wait:
		for {
			select {
			case n := <-lines:
				committed = append(committed, n)
			case <-killAt:
				break wait
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for n := range lines {
			committed = append(committed, n)
		}
		cmd.Wait()
		verifyAfterCrash(t, round, path, committed)
		if t.Failed() {
			return
		}
	}
	t.Logf("%d rounds, %d reviews reported committed", rounds, len(committed))
}

func verifyAfterCrash(t *testing.T, round int, path string, committed []uint64) {
	t.Helper()
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	defer st.Close()
	for _, p := range st.Check() {
		t.Errorf("round %d: check: %v", round, p)
	}
	inLog := map[uint64]bool{}
	newest := map[string]scheduler.State{}
	var prev uint64
	err = st.ForEachLog(func(e storage.LogEntry) error {
		if e.Seq != prev+1 {
			t.Errorf("round %d: log entry %d follows %d", round, e.Seq, prev)
		}
		prev = e.Seq
		inLog[e.Seq] = true
		newest[e.CardID] = e.Next
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range committed {
		if !inLog[seq] {
			t.Errorf("round %d: review %d was reported committed but is not in the log", round, seq)
		}
	}
	st.ForEachCard("", func(r storage.Record) error {
		if want, ok := newest[r.Card.ID]; ok && r.State != want {
			t.Errorf("round %d: card %s has state %+v, but its newest log entry says %+v", round, r.Card.ID, r.State, want)
		}
		return nil
	})
}

// TestLockHeldByAnotherProcess opens the store in a child process and
// checks that a second open fails with ErrInUse well within two seconds.
func TestLockHeldByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	cmd := child(t, "hold", path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "open\n" {
		t.Fatalf("child said %q, %v", line, err)
	}

	start := time.Now()
	st, err := storage.Open(path, storage.Options{})
	elapsed := time.Since(start)
	if err == nil {
		st.Close()
		t.Fatal("a second process opened a store another one holds")
	}
	if !errors.Is(err, storage.ErrInUse) {
		t.Errorf("error %v does not wrap ErrInUse", err)
	}
	if want := fmt.Sprintf("the store %q is in use by another recall process", path); err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if elapsed > 2*time.Second {
		t.Errorf("gave up after %v, want under 2s", elapsed)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	st, err = storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("open after the other process closed the store: %v", err)
	}
	st.Close()
}
