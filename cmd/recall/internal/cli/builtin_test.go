package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// olderBuiltinStore makes, at db, the store an older recall's first run
// would have left: the built-in deck without its last two cards and with
// one card worded otherwise, and one card reviewed. It returns the ID of
// the reviewed card and the number of cards this recall makes.
func olderBuiltinStore(t *testing.T, db string) (string, int) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cards := content.Generate(content.DefaultDeck(), content.Options{Deck: content.DefaultDeckName}).Cards
	if len(cards) < 4 {
		t.Fatalf("the built-in deck makes %d cards", len(cards))
	}
	older := cards[:len(cards)-2]
	older[0].Back += " (as an older recall worded it)"
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if _, err := st.Import(content.DefaultDeckName, older, now, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Review(older[1].ID, scheduler.Grade(4), now, 3*time.Second, scheduler.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	return older[1].ID, len(cards)
}

// TestBuiltinDeckUpdate: a store whose built-in deck an older recall made
// is told once what this recall's built-in notes would change, and "recall
// import --deck NAME" with no PATH takes the new cards, keeping progress.
func TestBuiltinDeckUpdate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	reviewed, total := olderBuiltinStore(t, db)
	vars := map[string]string{"RECALL_DB": db, "HOME": dir}
	run := func(input string, args ...string) (string, string, int) {
		env, out, errOut := testEnv(vars)
		env.In = strings.NewReader(input)
		status := Run(env, args)
		return out.String(), errOut.String(), status
	}
	notice := `This recall makes the built-in deck "Building trust" anew: 2 new cards, 1 reworded card.`
	out, errOut, status := run("q\n", "review", "--plain")
	if status != 0 || !strings.Contains(out, notice) || !strings.Contains(out, `recall import --deck "Building trust"`) {
		t.Fatalf("first review: status %d, stdout %q, stderr %q; want the notice %q", status, out, errOut, notice)
	}
	if out, _, _ := run("q\n", "review", "--plain"); strings.Contains(out, "anew") {
		t.Fatalf("the notice was given twice:\n%s", out)
	}
	if out, _, _ := run("", "decks"); !strings.Contains(out, fmt.Sprintf("Building trust  %d ", total-2)) {
		t.Fatalf("the notice changed the deck:\n%s", out)
	}
	before := scheduleOf(t, db, reviewed)
	out, errOut, status = run("", "import", "--deck", "building trust")
	want := fmt.Sprintf("added 2, updated 1, unchanged %d, retired 0, relinked 0\n", total-3)
	if status != 0 || out != want {
		t.Fatalf("import of the built-in deck: status %d, stdout %q, stderr %q; want %q", status, out, errOut, want)
	}
	if after := scheduleOf(t, db, reviewed); after != before {
		t.Fatalf("the reviewed card's schedule changed:\nbefore %s\nafter  %s", before, after)
	}
	if out, _, _ := run("", "import", "--deck", "Building trust"); !strings.HasPrefix(out, fmt.Sprintf("added 0, updated 0, unchanged %d,", total)) {
		t.Fatalf("a second import changed something: %q", out)
	}
}

// TestBuiltinDeckOnlyItsOwn: a deck of the user's own notes named like the
// built-in deck is not taken for it: no notice, and an import with no PATH
// reads its own folder.
func TestBuiltinDeckOnlyItsOwn(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	note := "# Mine\n\n## Things\n*   **Alpha:** The first thing of all.\n*   **Beta:** The second thing here.\n"
	if err := os.WriteFile(filepath.Join(notes, "mine.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"RECALL_DB": filepath.Join(dir, "r.db"), "HOME": dir}
	run := func(input string, args ...string) string {
		env, out, errOut := testEnv(vars)
		env.In = strings.NewReader(input)
		if status := Run(env, args); status != 0 {
			t.Fatalf("recall %v: status %d, stderr %q", args, status, errOut)
		}
		return out.String()
	}
	first := run("", "import", "--deck", content.DefaultDeckName, notes)
	if out := run("q\n", "review", "--plain"); strings.Contains(out, "anew") {
		t.Fatalf("a deck of the user's notes got the built-in notice:\n%s", out)
	}
	var made int
	if _, err := fmt.Sscanf(first, "added %d,", &made); err != nil || made == 0 {
		t.Fatalf("first import: %q", first)
	}
	if out := run("", "import", "--deck", content.DefaultDeckName); !strings.HasPrefix(out, fmt.Sprintf("added 0, updated 0, unchanged %d,", made)) {
		t.Fatalf("import with no PATH did not read the deck's own notes: %q (first import: %q)", out, first)
	}
}

// scheduleOf is a card's schedule state in the store at db, as text.
func scheduleOf(t *testing.T, db, id string) string {
	t.Helper()
	st, err := storage.Open(db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Card(id)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%+v", r.State)
}
