package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// TestReimportUnchanged: re-importing notes that did not change answers
// from the import memo, and says exactly what a full import says (the
// same counts and notices); a review keeps the memo, an edit to a note
// drops it. Each step runs on two stores: one with the memo, and a copy
// whose memo is deleted, so it generates and merges in full.
func TestReimportUnchanged(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(notes, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("virtues.md", "# Virtues\n\n## Kinds\n*   **Honesty**: Telling the truth without fail.\n*   **Courage**: Acting rightly in the face of fear.\n*   **Temperance**: Moderation in the pleasures of the body.\n")
	write("tools.md", "# Tools\n\n## Hand tools\n*   **Chisel**: A blade for cutting wood or stone by hand.\n*   **Awl**: A pointed tool for piercing holes in leather.\n")
	write("empty.md", "# Nothing here\n")
	withMemo, full := filepath.Join(dir, "memo.db"), filepath.Join(dir, "full.db")
	run := func(db string, args ...string) (string, string) {
		t.Helper()
		env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "HOME": dir})
		if status := Run(env, args); status != 0 {
			t.Fatalf("recall %v on %s: status %d, %s", args, db, status, errOut)
		}
		return out.String(), errOut.String()
	}
	copyWithoutMemo := func() {
		t.Helper()
		data, err := os.ReadFile(withMemo)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := bolt.Open(full, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Update(func(tx *bolt.Tx) error {
			return errors.Join(tx.DeleteBucket([]byte("importmemo")), dropBucket(tx, "notecache"))
		}); err != nil {
			t.Fatal(err)
		}
	}
	// memoHit reports whether the store answers the notes as they are now
	// from its memo.
	memoHit := func() bool {
		t.Helper()
		st, err := storage.Open(withMemo, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		identity, err := st.DeckIdentity("notes")
		if err != nil {
			t.Fatal(err)
		}
		env, _, _ := testEnv(nil)
		files, _, err := readNotes(env, []string{notes})
		if err != nil {
			t.Fatal(err)
		}
		inputs := importInputs(identity, "notes", notes, false, []string{"."}, []string{"."}, nil, files, noteSums(files))
		_, hit, err := st.UnchangedImport("notes", inputs)
		if err != nil {
			t.Fatal(err)
		}
		return hit
	}

	out, errOut := run(withMemo, "import", notes)
	if !strings.HasPrefix(out, "added 7,") || !strings.Contains(errOut, "empty.md: makes no cards") {
		t.Fatalf("first import: %q %q", out, errOut)
	}
	step := func(name string, wantHit bool, wantOut string) {
		t.Helper()
		copyWithoutMemo()
		if hit := memoHit(); hit != wantHit {
			t.Fatalf("%s: memo hit %v, want %v", name, hit, wantHit)
		}
		fullOut, fullErr := run(full, "import", notes)
		memoOut, memoErr := run(withMemo, "import", notes)
		if memoOut != fullOut || memoErr != fullErr || memoOut != wantOut {
			t.Fatalf("%s: with the memo %q %q, in full %q %q, want %q", name, memoOut, memoErr, fullOut, fullErr, wantOut)
		}
		if !memoHit() {
			t.Fatalf("%s: no memo hit after the import", name)
		}
	}
	step("unchanged", true, "added 0, updated 0, unchanged 7, retired 0, relinked 0\n")

	st, err := storage.Open(withMemo, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var first string
	if err := st.ForEachCard("notes", func(r storage.Record) error {
		if first == "" {
			first = r.Card.ID
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Review(first, scheduler.Grade(4), time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), time.Second, scheduler.Settings{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	step("after a review", true, "added 0, updated 0, unchanged 7, retired 0, relinked 0\n")

	write("tools.md", "# Tools\n\n## Hand tools\n*   **Chisel**: A blade for cutting wood or stone by hand.\n*   **Awl**: A pointed tool for piercing holes in leather.\n*   **Plane**: A tool for smoothing and flattening wood.\n")
	step("a note edited", false, "added 1, updated 1, unchanged 6, retired 0, relinked 0\n")
	step("unchanged again", true, "added 0, updated 0, unchanged 8, retired 0, relinked 0\n")

	if out, _ := run(withMemo, "import", "--dry-run", notes); out != "added 0, updated 0, unchanged 8, retired 0, relinked 0 (dry run: nothing changed)\n" {
		t.Fatalf("dry run: %q", out)
	}
}
