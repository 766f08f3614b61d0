package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recallcards/recall/journal"
)

// TestSyncKilled kills `recall sync` with SIGKILL at random moments while
// it applies another device's long journal, 50 times: after every kill the
// store passes recall check and keeps every review it had, and a last sync
// completes with every event applied exactly once.
func TestSyncKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "synced")
	env := append(os.Environ(), "RECALL_DB="+filepath.Join(dir, "recall.db"), "RECALL_NOW=2026-03-02T10:00:00Z", "NO_COLOR=1", "TZ=UTC")
	run := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command("recall", args...)
		cmd.Env, cmd.Dir, cmd.Stdin = env, dir, strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("recall %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// Two reviews of our own, then sync set up.
	run("\n4\n\n5\n", "review", "--plain", "--new-limit", "2")
	run("", "sync", "init", folder)
	var cards []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(run("", "cards", "--json")), &cards); err != nil || len(cards) == 0 {
		t.Fatalf("cards --json: %v", err)
	}

	// Another device keeps reviewing: each round its journal grows by 500
	// reviews of these cards, and a sync is killed at a random moment.
	const rounds, perRound = 50, 200
	w, err := journal.OpenWriter(filepath.Join(folder, journal.Subdir), "other-machine")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	seq := uint64(0)
	grow := func() {
		var evs []journal.Event
		for range perRound {
			seq++
			evs = append(evs, journal.Event{
				ID: journal.ID{Device: "other-machine", Seq: seq}, Kind: journal.KindReview,
				Time: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(seq) * time.Minute),
				Card: cards[rng.IntN(len(cards))].ID, Grade: uint8(3 + rng.IntN(3)), Answer: time.Second,
			})
		}
		if err := w.Append(evs); err != nil {
			t.Fatal(err)
		}
	}

	logCount := func() int { return strings.Count(run("", "log", "export", "--format", "jsonl"), "\n") }
	before := logCount()
	killed := 0
	for round := 0; round < rounds; round++ {
		grow()
		cmd := exec.Command("recall", "sync")
		cmd.Env, cmd.Dir = env, dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				killed++
			} else {
				t.Fatalf("round %d: recall sync: %v\n%s", round, err, out.String())
			}
		}
		run("", "check")
		if n := logCount(); n < before {
			t.Fatalf("round %d: the log went from %d to %d entries", round, before, n)
		} else {
			before = n
		}
	}
	// How many kills land while a sync runs depends on the machine's
	// speed; at least one must, or the test proved nothing.
	if killed == 0 {
		t.Fatalf("none of %d syncs was killed while running", rounds)
	}
	t.Logf("%d of %d syncs killed while running", killed, rounds)
	const remote = rounds * perRound
	start := time.Now()
	out := run("", "sync")
	t.Logf("last sync took %v", time.Since(start))
	status := run("", "sync", "status")
	if !strings.Contains(status, fmt.Sprintf("other-machine  applied up to event %d, 0 pending", remote)) {
		t.Fatalf("after %d kills and a last sync:\n%s\n%s", killed, out, status)
	}
	if n := logCount(); n != remote+2 {
		t.Fatalf("log has %d entries, want our 2 reviews and the %d synced ones exactly once", n, remote)
	}
	run("", "check")
}
