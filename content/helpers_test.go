package content

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sharedCorpus is the project's corpus of real notes, outside the module.
const sharedCorpus = "../../shared/corpus"

// corpusFiles returns every note of the shared corpus, or the small copies
// in testdata/corpus when the shared folder is absent.
func corpusFiles(tb testing.TB) []File {
	tb.Helper()
	dir := sharedCorpus
	if _, err := os.Stat(dir); err != nil {
		dir = filepath.Join("testdata", "corpus")
	}
	return readDir(tb, dir)
}

func readDir(tb testing.TB, dir string) []File {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(paths)
	var files []File
	for _, p := range paths {
		if IsFolderIndex(p) || filepath.Base(p) == "JUDGEMENT.md" {
			// JUDGEMENT.md is the held-out notes' card-by-card review, not a note.
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, File{Path: filepath.Base(p), Data: data})
	}
	if len(files) == 0 {
		tb.Fatalf("no notes in %s", dir)
	}
	return files
}

// card is a generated card as table tests write it: kind, question, back.
type card struct{ kind, question, back string }

// checkCardsMade generates a note of body (under the test header) and
// checks that it makes exactly the cards want, in order.
func checkCardsMade(t *testing.T, body string, want []card) {
	t.Helper()
	res := generate(t, header+body, Options{Deck: "d"})
	checkDeck(t, res)
	var got []card
	for _, c := range res.Cards {
		got = append(got, card{string(c.Kind), c.Question, c.Back})
	}
	if len(got) != len(want) {
		t.Fatalf("made %d cards; want %d:\n%s", len(got), len(want), dumpCards(res.Cards))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("card %d\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}
