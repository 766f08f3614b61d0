package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestReviewBesideImports runs a piped review session and, side by side in
// other processes, imports that write to the same store again and again.
// Every import must succeed while the session is open, and every review the
// session acknowledged (by showing the next card or its summary) must be in
// the log: two writers never lose a review.
func TestReviewBesideImports(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	env := append(os.Environ(), "RECALL_DB="+filepath.Join(dir, "recall.db"), "RECALL_NOW=2026-03-02T10:00:00Z", "NO_COLOR=1")
	run := func(args ...string) (string, error) {
		cmd := exec.Command("recall", args...)
		cmd.Env, cmd.Dir = env, dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	notes := filepath.Join(dir, "notes")
	if err := os.Mkdir(notes, 0o700); err != nil {
		t.Fatal(err)
	}
	// Create the store with the built-in deck before the session starts.
	if out, err := run("review", "--plain", "--new-limit", "0"); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}

	review := exec.Command("recall", "review", "--plain", "--new-limit", "20")
	review.Env, review.Dir = env, dir
	stdin, err := review.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := review.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	review.Stderr = review.Stdout
	if err := review.Start(); err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	// tick tells the session an import finished, so each grade waits for
	// one: the writes interleave however fast the machine is.
	tick := make(chan struct{}, 1)
	var wg sync.WaitGroup
	var imports int
	var importErrs []string
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Each import changes the deck: one card added, the last one
			// retired.
			note := fmt.Sprintf("# Round %d\n\n*   **Term%d**: Meaning number %d\n", i, i, i)
			if err := os.WriteFile(filepath.Join(notes, "round.md"), []byte(note), 0o600); err != nil {
				importErrs = append(importErrs, err.Error())
				return
			}
			if out, err := run("import", "--deck", "rounds", "notes"); err != nil {
				importErrs = append(importErrs, fmt.Sprintf("%v: %s", err, out))
			}
			imports++
			select {
			case tick <- struct{}{}:
			default:
			}
		}
	}()

	var acked []string
	pending := ""
	grades := []string{"5", "4", "3"}
	sc := bufio.NewScanner(stdout)
	var transcript strings.Builder
	for sc.Scan() {
		line := sc.Text()
		transcript.WriteString(line + "\n")
		switch {
		case strings.HasPrefix(line, "Q: "):
			if pending != "" {
				acked = append(acked, pending)
				pending = ""
			}
			// Reveal, then ask for the card's ID before grading it.
			io.WriteString(stdin, "\ne\n")
		case strings.HasPrefix(line, "ID: "):
			pending = strings.TrimPrefix(line, "ID: ")
			select {
			case <-tick:
			case <-time.After(10 * time.Second):
				t.Error("no import finished within 10s while the session waited")
			}
			io.WriteString(stdin, grades[len(acked)%len(grades)]+"\n")
		case strings.HasPrefix(line, "Reviewed "):
			if pending != "" {
				acked = append(acked, pending)
				pending = ""
			}
			stdin.Close()
		}
	}
	if err := review.Wait(); err != nil {
		t.Errorf("review: %v\n%s", err, transcript.String())
	}
	close(stop)
	wg.Wait()

	if len(importErrs) > 0 {
		t.Errorf("%d of %d imports failed during the session, first: %s", len(importErrs), imports, importErrs[0])
	}
	if imports < 2 {
		t.Errorf("only %d imports ran beside the session", imports)
	}
	if len(acked) < 15 {
		t.Fatalf("the session acknowledged %d reviews, want 15 or more\n%s", len(acked), transcript.String())
	}
	out, err := run("log", "export", "--format", "csv")
	if err != nil {
		t.Fatalf("log export: %v\n%s", err, out)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("log export: %v\n%s", err, out)
	}
	var logged []string
	for _, row := range rows[1:] {
		logged = append(logged, row[1])
	}
	if strings.Join(logged, " ") != strings.Join(acked, " ") {
		t.Errorf("the log holds reviews of\n%v\nthe session acknowledged\n%v", logged, acked)
	}
	if out, err := run("check"); err != nil {
		t.Errorf("check after the session: %v\n%s", err, out)
	}
	t.Logf("%d reviews acknowledged and logged, %d imports beside them", len(acked), imports)
}
