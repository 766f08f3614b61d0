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
		return recallOK(t, env, dir, stdin, args...)
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

// TestSyncInitMergeKilled kills `recall sync init` with SIGKILL at random
// moments while it merges a deck of the store into the synced deck of the
// same name, 20 times, each on a fresh copy of the store: the merge is one
// transaction with the set-up, so after every kill the store passes recall
// check with every review it had, and is either as it was (not syncing,
// its deck apart) or wholly set up and merged; a re-run then completes the
// merge.
func TestSyncInitMergeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	laptopFolder := filepath.Join(dir, "synced")
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	note := "---\ntitle: Team values\n---\n# Team values\n\n## Building trust\n\n" +
		"*   **Honesty**: Telling the truth without fail.\n*   **Delivery**: Launching products when promised.\n" +
		"*   **Accountability**: Owning mistakes and learning from them.\n"
	if err := os.WriteFile(filepath.Join(notes, "values.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	base := append(os.Environ(), "RECALL_NOW=2026-03-02T10:00:00Z", "NO_COLOR=1", "TZ=UTC")
	run := func(db, stdin string, args ...string) (string, error) {
		cmd := exec.Command("recall", args...)
		cmd.Env, cmd.Dir, cmd.Stdin = append(base, "RECALL_DB="+db), dir, strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(db, stdin string, args ...string) string {
		t.Helper()
		out, err := run(db, stdin, args...)
		if err != nil {
			t.Fatalf("recall %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	laptop := filepath.Join(dir, "laptop.db")
	must(laptop, "", "import", "notes", "--deck", "Values")
	must(laptop, "\n4\n\n5\n", "review", "--plain", "--deck", "Values")
	must(laptop, "", "sync", "init", laptopFolder)
	template := filepath.Join(dir, "desktop.db")
	must(template, "", "import", "notes", "--deck", "work")
	must(template, "", "deck", "rename", "work", "values")
	must(template, "\n3\n\n4\n\n5\n", "review", "--plain", "--deck", "values")
	logCount := func(db string) int { return strings.Count(must(db, "", "log", "export", "--format", "jsonl"), "\n") }
	reviews := logCount(template)
	raw, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(20, 20))
	killed, merged := 0, 0
	for round := range 20 {
		// Each round's store joins a folder of its own, holding only the
		// laptop's journal.
		db, folder := filepath.Join(dir, fmt.Sprintf("round%d.db", round)), filepath.Join(dir, fmt.Sprintf("synced%d", round))
		if err := os.WriteFile(db, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(folder, os.DirFS(laptopFolder)); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("recall", "sync", "init", folder)
		cmd.Env, cmd.Dir = append(base, "RECALL_DB="+db), dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(25)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			killed++
		}
		must(db, "", "check")
		// The sync that follows the set-up may have brought the laptop's two.
		if n := logCount(db); n != reviews && n != reviews+2 {
			t.Fatalf("round %d: the log has %d entries after the kill, want %d or %d", round, n, reviews, reviews+2)
		}
		decks := must(db, "", "decks")
		_, statusErr := run(db, "", "sync", "status")
		switch syncing := statusErr == nil; {
		case syncing && strings.Contains(decks, "\nValues "):
			merged++
		case !syncing && strings.Contains(decks, "\nvalues "):
		default:
			t.Fatalf("round %d: half a merge: syncing %v, decks\n%s", round, syncing, decks)
		}
		out := must(db, "", "sync", "init", folder)
		if statusErr != nil && !strings.Contains(out, `deck "values" merged into the synced deck "Values": 4 cards, 3 reviews kept`) {
			t.Fatalf("round %d: the re-run after the kill did not merge:\n%s", round, out)
		}
		must(db, "", "sync")
		must(db, "", "check")
		if n := logCount(db); n != reviews+2 {
			t.Fatalf("round %d: the log has %d entries, want its %d reviews and the laptop's 2", round, n, reviews)
		}
		if decks := must(db, "", "decks"); strings.Contains(decks, "\nvalues ") || !strings.Contains(decks, "\nValues ") {
			t.Fatalf("round %d: decks after the re-run\n%s", round, decks)
		}
	}
	if killed == 0 {
		t.Fatal("no sync init was killed while running")
	}
	t.Logf("%d of 20 killed while running; after the kill %d stores were merged, the others as they were", killed, merged)
}
