package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// goldenDeck is what a golden file holds: the cards exactly as the CLI's
// --json prints them, plus the near-duplicate report.
type goldenDeck struct {
	Cards      []deck.Card `json:"cards"`
	Duplicates []Duplicate `json:"duplicates"`
}

func checkGolden(t *testing.T, name string, res Result) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(goldenDeck{Cards: res.Cards, Duplicates: res.Duplicates}); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./content -run TestGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, rerun with -update\n%s", path, firstDiff(string(got), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ"
}

func TestGoldenSeeds(t *testing.T) {
	seeds := DefaultDeck()
	if len(seeds) != 3 {
		t.Fatalf("%d seed notes embedded, want 3", len(seeds))
	}
	for _, f := range seeds {
		t.Run(f.Path, func(t *testing.T) {
			res := Generate([]File{f}, Options{Deck: DefaultDeckName})
			if len(res.Problems) != 0 {
				t.Fatalf("problems: %v", res.Problems)
			}
			checkDeck(t, res)
			checkGolden(t, strings.TrimSuffix(f.Path, ".md"), res)
		})
	}
	t.Run("default deck", func(t *testing.T) {
		res := Generate(seeds, Options{Deck: DefaultDeckName})
		checkDeck(t, res)
		checkGolden(t, "default-deck", res)
	})
	t.Run("default deck with reverse cards", func(t *testing.T) {
		res := Generate(seeds, Options{Deck: DefaultDeckName, Reverse: true})
		checkDeck(t, res)
		checkGolden(t, "default-deck-reverse", res)
	})
}

func TestDefaultDeckMatchesSharedSeeds(t *testing.T) {
	for _, f := range DefaultDeck() {
		shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", f.Path))
		if err != nil {
			t.Skipf("shared seeds absent: %v", err)
		}
		if !bytes.Equal(shared, f.Data) {
			t.Errorf("embedded %s differs from the shared seed", f.Path)
		}
	}
}

// TestGoldenNotes keeps the cards of the corpus copies and of the held-out
// notes (written in other styles: nested lists, a numbered procedure, a
// table, paragraphs only, formulas) as reviewed card by card.
func TestGoldenNotes(t *testing.T) {
	for _, dir := range []string{"corpus", "heldout", "written"} {
		for _, f := range readDir(t, filepath.Join("testdata", dir)) {
			t.Run(f.Path, func(t *testing.T) {
				res := Generate([]File{f}, Options{Deck: "notes", Reverse: true})
				if len(res.Problems) != 0 {
					t.Fatalf("problems: %v", res.Problems)
				}
				checkDeck(t, res)
				checkCardSigns(t, res.Cards)
				checkGolden(t, dir+"-"+strings.TrimSuffix(f.Path, ".md"), res)
			})
		}
	}
}
