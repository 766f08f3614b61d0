package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/storage"
)

// TestSyncSessionsConverge runs three machines through random days of real
// piped review sessions (grades, undos, suspensions, burials) under
// RECALL_NOW, with card edits, resets and syncs at random, over one
// folder. Each reviewed before it joined, two of them a deck they made apart under the laptop's deck's
// name, which they merge as they join. After each syncs twice, all three
// show the same cards and review log and hold the same events, and a fresh
// machine joining the folder shows the same too.
func TestSyncSessionsConverge(t *testing.T) {
	days := 60
	if testing.Short() {
		days = 5
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "synced")
	run := func(db string, now time.Time, stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command("recall", args...)
		cmd.Env = append(os.Environ(), "RECALL_DB="+db, "RECALL_NOW="+now.Format(time.RFC3339), "NO_COLOR=1", "TZ=UTC", "HOME="+dir)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("recall %s (store %s, %s): %v\n%s", strings.Join(args, " "), filepath.Base(db), now.Format(time.RFC3339), err, out)
		}
		return string(out)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, 2+d, 8, 0, 0, 0, time.UTC) }
	names := []string{"laptop", "desktop", "server"}
	dbs := map[string]string{}
	// Each machine reviews before it ever syncs: the built-in deck, and
	// the same notes imported as "values", made apart on the desktop
	// (imported as "work", renamed) and on the server (as "Values": another
	// identity), whose decks merge into the laptop's as they join.
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "values.md"), []byte(valuesNote), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		dbs[n] = filepath.Join(dir, n+".db")
		run(dbs[n], day(0), "\n4\n\n5\n", "review", "--plain", "--new-limit", "2")
		switch n {
		case "laptop":
			run(dbs[n], day(0), "", "import", notes, "--deck", "values")
		case "desktop":
			run(dbs[n], day(0), "", "import", notes, "--deck", "work")
			run(dbs[n], day(0), "", "deck", "rename", "work", "values")
		default:
			run(dbs[n], day(0), "", "import", notes, "--deck", "Values")
		}
		run(dbs[n], day(0).Add(time.Duration(i)*time.Minute), "\n4\n\n3\n", "review", "--plain", "--deck", "values")
	}
	for _, n := range names {
		out := run(dbs[n], day(0).Add(time.Hour), "", "sync", "init", folder)
		if merged := strings.Contains(out, "merged into the synced deck"); merged != (n != "laptop") {
			t.Fatalf("%s's sync init:\n%s", n, out)
		}
	}
	// Every review from before the machines synced is on each of them:
	// two of the built-in deck and two of values from each.
	for range 2 {
		for _, n := range names {
			run(dbs[n], day(0).Add(2*time.Hour), "", "sync")
		}
	}
	for _, n := range names {
		if got := strings.Count(run(dbs[n], day(0).Add(2*time.Hour), "", "log", "export", "--format", "jsonl"), "\n"); got != 12 {
			t.Fatalf("%s holds %d reviews after joining, want the 12 the machines made", n, got)
		}
		if decks := run(dbs[n], day(0).Add(2*time.Hour), "", "decks"); strings.Count(strings.ToLower(decks), "\nvalues ") != 1 {
			t.Fatalf("%s's decks after joining:\n%s", n, decks)
		}
	}
	// The cards of values, for the machines to edit: a rng of its own, so
	// the sessions are those they were before edits synced.
	var valuesCards []string
	var listed []struct {
		ID   string `json:"id"`
		Deck string `json:"deck"`
	}
	if err := json.Unmarshal([]byte(run(dbs["laptop"], day(0).Add(2*time.Hour), "", "cards", "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	for _, c := range listed {
		if c.Deck == "values" {
			valuesCards = append(valuesCards, c.ID)
		}
	}
	if len(valuesCards) == 0 {
		t.Fatal("no card of values to edit")
	}
	editRng := rand.New(rand.NewPCG(14, 20))
	edits := 0
	rng := rand.New(rand.NewPCG(20, 26))
	actions := []string{"\n5\n", "\n4\n", "\n4\n", "\n3\n", "\n1\n", "u\n", "s\n", "b\n"}
	for d := range days {
		for i, n := range slices.Clone(names) {
			if editRng.IntN(4) == 0 {
				id := valuesCards[editRng.IntN(len(valuesCards))]
				at := day(d).Add(time.Duration(i)*time.Hour + time.Duration(editRng.IntN(60))*time.Minute)
				if editRng.IntN(3) == 0 {
					run(dbs[n], at, "", "edit", "--reset", id)
				} else {
					file := filepath.Join(dir, "edit.txt")
					text := fmt.Sprintf("[context]\nvalues\n[question]\nAs %s worded it on day %d?\n[answer]\nThis way.\n", n, d)
					if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
					run(dbs[n], at, "", "edit", "--from", file, id)
					edits++
				}
			}
			if rng.IntN(10) < 7 {
				var in strings.Builder
				for range 2 + rng.IntN(12) {
					in.WriteString(actions[rng.IntN(len(actions))])
				}
				at := day(d).Add(time.Duration(i)*time.Hour + time.Duration(rng.IntN(60))*time.Minute)
				run(dbs[n], at, in.String(), "review", "--plain")
			}
			if rng.IntN(2) == 0 {
				run(dbs[n], day(d).Add(6*time.Hour), "", "sync")
			}
		}
	}
	end := day(days).Add(12 * time.Hour)
	for range 2 {
		for _, n := range names {
			run(dbs[n], end, "", "sync")
		}
	}
	// A fresh machine joins: it adopts the deck, the built-in deck's
	// first run imports into it, and a sync folds what waited.
	fresh := filepath.Join(dir, "fresh.db")
	if d := os.Getenv("RECALL_SYNC_DUMP"); d != "" {
		t.Cleanup(func() {
			for _, db := range []string{dbs[names[0]], fresh} {
				data, _ := os.ReadFile(db)
				os.WriteFile(filepath.Join(d, filepath.Base(db)), data, 0o644)
			}
		})
	}
	run(fresh, end, "", "sync", "init", folder)
	run(fresh, end, "", "review", "--plain")
	run(fresh, end, "", "import", notes, "--deck", "values")
	run(fresh, end, "", "sync")
	// Its first session buried the siblings it held back: events like any
	// other machine's, which the others take in.
	for _, n := range names {
		run(dbs[n], end, "", "sync")
	}

	type view struct{ cards, log string }
	look := func(db string) view {
		var log []string
		// A review's card, time and grade: the local sequence number and
		// the states logged differ by machine (a machine logs its own
		// reviews as it made them, and the log is never rewritten).
		for l := range strings.SplitSeq(strings.TrimSpace(run(db, end, "", "log", "export", "--format", "jsonl")), "\n") {
			var e struct {
				Card  string `json:"card_id"`
				Time  string `json:"time"`
				Grade int    `json:"grade"`
			}
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				t.Fatalf("log export line %q: %v", l, err)
			}
			log = append(log, fmt.Sprintf("%s %s %d", e.Card, e.Time, e.Grade))
		}
		slices.Sort(log)
		return view{run(db, end, "", "cards", "--json"), strings.Join(log, "\n")}
	}
	want := look(dbs[names[0]])
	if n := strings.Count(want.log, "\n") + 1; n < days {
		t.Fatalf("only %d reviews in %d days", n, days)
	}
	wantEvents, sameDay, kinds := events(t, dbs[names[0]])
	kindsWanted := []journal.Kind{journal.KindReview, journal.KindUndo, journal.KindSuspend, journal.KindBury}
	if edits > 0 {
		kindsWanted = append(kindsWanted, journal.KindEdit)
	}
	if !testing.Short() {
		kindsWanted = append(kindsWanted, journal.KindEditReset)
	}
	if !testing.Short() && !strings.Contains(want.cards, `"edited": true`) {
		t.Errorf("no card ends edited after %d edits", edits)
	}
	for _, k := range kindsWanted {
		if kinds[k] == 0 {
			t.Errorf("the random sessions made no %s event", k)
		}
	}
	if !testing.Short() && sameDay == 0 {
		t.Fatal("no card was reviewed on two machines on one day")
	}
	for _, db := range []string{dbs[names[1]], dbs[names[2]], fresh} {
		got := look(db)
		if got.cards != want.cards {
			t.Errorf("%s: cards --json differs from %s's", filepath.Base(db), names[0])
		}
		if got.log != want.log {
			t.Errorf("%s: the review log differs from %s's", filepath.Base(db), names[0])
			if d := os.Getenv("RECALL_SYNC_DUMP"); d != "" {
				os.WriteFile(filepath.Join(d, filepath.Base(db)+".log"), []byte(got.log), 0o644)
				os.WriteFile(filepath.Join(d, "want.log"), []byte(want.log), 0o644)
				os.WriteFile(filepath.Join(d, filepath.Base(db)+".cards"), []byte(got.cards), 0o644)
				os.WriteFile(filepath.Join(d, "want.cards"), []byte(want.cards), 0o644)
			}
		}
		if ev, _, _ := events(t, db); !slices.Equal(ev, wantEvents) {
			t.Errorf("%s holds %d events, %s %d: the sets differ", filepath.Base(db), len(ev), names[0], len(wantEvents))
		}
	}
	t.Logf("%d days, %d events (%v), %d cards reviewed on two machines on one day", days, len(wantEvents), kinds, sameDay)
}

// valuesNote is the note every machine of TestSyncSessionsConverge imports.
const valuesNote = `---
title: Team values
---
# Team values

## Building trust

*   **Honesty**: Telling the truth without fail.
*   **Delivery**: Launching products when promised.
*   **Accountability**: Owning mistakes and learning from them.
`

// events returns the IDs of the events a store holds, sorted, how many
// times a card was reviewed by two devices on one day, and the events of
// each kind.
func events(t *testing.T, db string) ([]string, int, map[journal.Kind]int) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	kinds := map[journal.Kind]int{}
	byDay := map[string]map[string]bool{}
	err = st.ForEachEvent(func(e journal.Event) error {
		ids = append(ids, e.ID.String())
		kinds[e.Kind]++
		if e.Kind == journal.KindReview {
			k := fmt.Sprintf("%s %s", e.Card, e.Time.Format(time.DateOnly))
			if byDay[k] == nil {
				byDay[k] = map[string]bool{}
			}
			byDay[k][e.ID.Device] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for _, devs := range byDay {
		if len(devs) > 1 {
			same++
		}
	}
	slices.Sort(ids)
	return ids, same, kinds
}
