package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// checkDeck asserts what must hold for any generated deck: clean cards,
// unique IDs, siblings that exist and point back, and contiguous order.
func checkDeck(t *testing.T, res Result) {
	t.Helper()
	byID := make(map[string]deck.Card, len(res.Cards))
	for i, c := range res.Cards {
		checkClean(t, c)
		if _, dup := byID[c.ID]; dup {
			t.Errorf("duplicate ID %s", c.ID)
		}
		byID[c.ID] = c
		if c.Order != i {
			t.Errorf("card %s has order %d at position %d", c.ID, c.Order, i)
		}
	}
	for _, c := range res.Cards {
		for _, s := range c.Siblings {
			other, ok := byID[s]
			if !ok {
				t.Errorf("card %s: sibling %s does not exist", c.ID, s)
				continue
			}
			back := false
			for _, o := range other.Siblings {
				back = back || o == c.ID
			}
			if !back {
				t.Errorf("sibling link %s → %s is one-way", c.ID, s)
			}
		}
	}
	for _, d := range res.Duplicates {
		if _, ok := byID[d.A]; !ok {
			t.Errorf("duplicate names unknown card %s", d.A)
		}
		if _, ok := byID[d.B]; !ok {
			t.Errorf("duplicate names unknown card %s", d.B)
		}
		if d.Similarity < nearDuplicate || d.Similarity > 1 {
			t.Errorf("duplicate %+v out of range", d)
		}
	}
}

func TestCorpus(t *testing.T) {
	dirs := []string{filepath.Join("testdata", "corpus")}
	if _, err := os.Stat(sharedCorpus); err == nil {
		dirs = append(dirs, sharedCorpus)
	} else {
		t.Logf("%s is absent: checking only the copies in testdata/corpus", sharedCorpus)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := readDir(t, dir)
			res := Generate(files, Options{Deck: "corpus", Reverse: true})
			if len(res.Problems) != 0 {
				t.Errorf("problems: %v", res.Problems)
			}
			if res.NotesRead != len(files) {
				t.Errorf("read %d of %d notes", res.NotesRead, len(files))
			}
			checkDeck(t, res)
			perNote := make(map[string]int)
			for _, c := range res.Cards {
				for _, s := range c.Sources {
					perNote[s.File]++
					if s.Line < 1 {
						t.Errorf("card %s: line %d", c.ID, s.Line)
					}
					if s.URL != "" && !strings.HasPrefix(s.URL, "https://www.youtube.com/watch?v=") {
						t.Errorf("card %s: url %q", c.ID, s.URL)
					}
				}
			}
			for _, f := range files {
				// Notes with bold-term lists must make cards from them.
				if bytes.Contains(f.Data, []byte("*   **")) && perNote[f.Path] == 0 {
					t.Errorf("%s has bold-term items but made no cards", f.Path)
				}
			}
		})
	}
}

// TestCorpusSourceLines checks that each term card's line really holds its
// term in the note.
func TestCorpusSourceLines(t *testing.T) {
	files := corpusFiles(t)
	data := make(map[string][]string)
	for _, f := range files {
		data[f.Path] = strings.Split(string(f.Data), "\n")
	}
	res := Generate(files, Options{Deck: "corpus"})
	for _, c := range res.Cards {
		if c.Kind != deck.KindTerm {
			continue
		}
		s := c.Sources[0]
		line := data[s.File][s.Line-1]
		first := strings.Fields(c.Term)[0]
		if !strings.Contains(line, first) {
			t.Errorf("%s:%d does not hold term %q: %q", s.File, s.Line, c.Term, line)
		}
	}
}

func TestDeterministic(t *testing.T) {
	files := corpusFiles(t)
	a, _ := json.Marshal(Generate(files, Options{Deck: "d", Reverse: true}))
	b, _ := json.Marshal(Generate(files, Options{Deck: "d", Reverse: true}))
	if !bytes.Equal(a, b) {
		t.Error("two runs over the same notes differ")
	}
}
