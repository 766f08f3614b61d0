package main

import (
	"bufio"
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
)

// TestReviewKilled kills `recall review` with SIGKILL at random moments
// of piped sessions, 29 times after one that runs to its end: the session
// commits each grade's log entry alone and folds the schedules at its
// end, so kills land between grades, inside them and inside the fold. After every kill recall check passes,
// every grade the session acknowledged (by showing the next card) is in
// the log, each card's schedule in `recall cards --json` is the one its
// newest review gave it, and each review was made from the schedule the
// one before it left.
func TestReviewKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	env := func(now time.Time) []string {
		return append(os.Environ(), "RECALL_DB="+filepath.Join(dir, "recall.db"), "RECALL_NOW="+now.Format(time.RFC3339), "NO_COLOR=1", "TZ=UTC")
	}
	run := func(args ...string) string {
		t.Helper()
		return recallOK(t, env(start), dir, "", args...)
	}
	run("review", "--plain", "--new-limit", "0")

	rng := rand.New(rand.NewPCG(16, 16))
	logged := 0
	killed := 0
	var whole time.Duration
	const rounds = 30
	for round := range rounds {
		cmd := exec.Command("recall", "review", "--plain", "--new-limit", "25")
		cmd.Env, cmd.Dir = env(start.AddDate(0, 0, round)), dir
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			w := bufio.NewWriter(stdin)
			for range 200 {
				fmt.Fprintf(w, "\n%d\n", rng.IntN(6))
			}
			w.Flush()
			stdin.Close()
		}()
		// The first session runs to its end, which times a whole one;
		// the others are killed anywhere from their start to a little
		// past that, so some kills land in the fold at the end.
		if round == 0 {
			began := time.Now()
			err := cmd.Wait()
			whole = time.Since(began)
			if err != nil {
				t.Fatalf("round 0: recall review: %v\n%s", err, out.String())
			}
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(whole) * 6 / 5)))
			cmd.Process.Signal(syscall.SIGKILL)
		}
		if err := cmd.Wait(); round > 0 && err != nil {
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				killed++
			} else {
				t.Fatalf("round %d: recall review: %v\n%s", round, err, out.String())
			}
		}
		run("check")
		// Each card after the first was shown once the grade before it
		// was committed.
		shown := strings.Count(out.String(), "\nQ: ")
		entries := reviewLog(t, run("log", "export", "--format", "jsonl"))
		if added := len(entries) - logged; added < shown-1 {
			t.Fatalf("round %d: %d cards were shown, but only %d reviews were logged:\n%s", round, shown, added, out.String())
		}
		logged = len(entries)
		verifySchedules(t, round, entries, run("cards", "--json"))
		if t.Failed() {
			return
		}
	}
	if killed == 0 {
		t.Fatalf("none of %d sessions was killed while running", rounds)
	}
	t.Logf("%d of %d sessions killed while running (a whole one took %v), %d reviews logged", killed, rounds, whole, logged)
}

// recallOK runs recall with args in dir, with env and stdin, and returns
// its output; a failure ends the test.
func recallOK(t *testing.T, env []string, dir, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command("recall", args...)
	cmd.Env, cmd.Dir, cmd.Stdin = env, dir, strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("recall %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// loggedReview is a review as `recall log export --format jsonl` gives it.
type loggedReview struct {
	Seq      uint64     `json:"seq"`
	Card     string     `json:"card_id"`
	PrevReps int        `json:"prev_reps"`
	PrevEF   float64    `json:"prev_ef"`
	PrevDays int        `json:"prev_interval_days"`
	PrevDue  *time.Time `json:"prev_due"`
	NextReps int        `json:"next_reps"`
	NextEF   float64    `json:"next_ef"`
	NextDays int        `json:"next_interval_days"`
	NextDue  *time.Time `json:"next_due"`
}

func reviewLog(t *testing.T, jsonl string) []loggedReview {
	t.Helper()
	var entries []loggedReview
	for line := range strings.SplitSeq(strings.TrimSpace(jsonl), "\n") {
		if line == "" {
			continue
		}
		var e loggedReview
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("log export line %q: %v", line, err)
		}
		entries = append(entries, e)
	}
	return entries
}

// schedule is the part of a card's state both the log and the cards show.
type schedule struct {
	Reps int
	EF   float64
	Days int
	Due  string
}

func dueString(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// verifySchedules compares each card's schedule with a fold of the whole
// log: the Next of its newest review, and checks the chain of reviews.
func verifySchedules(t *testing.T, round int, entries []loggedReview, cardsJSON string) {
	t.Helper()
	newest := map[string]schedule{}
	for _, e := range entries {
		prev := schedule{e.PrevReps, e.PrevEF, e.PrevDays, dueString(e.PrevDue)}
		if before, ok := newest[e.Card]; ok && before != prev {
			t.Errorf("round %d: review %d of %s was made from %+v, but the review before left %+v", round, e.Seq, e.Card, prev, before)
		}
		newest[e.Card] = schedule{e.NextReps, e.NextEF, e.NextDays, dueString(e.NextDue)}
	}
	var cards []struct {
		ID   string     `json:"id"`
		Reps int        `json:"reps"`
		EF   float64    `json:"ef"`
		Days int        `json:"interval_days"`
		Due  *time.Time `json:"due"`
	}
	if err := json.Unmarshal([]byte(cardsJSON), &cards); err != nil {
		t.Fatalf("cards --json: %v", err)
	}
	for _, c := range cards {
		got := schedule{c.Reps, c.EF, c.Days, dueString(c.Due)}
		want, ok := newest[c.ID]
		if !ok {
			want = schedule{Reps: 0, EF: 2.5}
			got.Due = "" // a new card's due time is not the log's
		}
		if got != want {
			t.Errorf("round %d: card %s has %+v, but a fold of the log says %+v", round, c.ID, got, want)
		}
	}
}
