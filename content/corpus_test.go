package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// checkCardSigns asserts the mechanical signs of cards a careful writer
// would keep: no question cut short, no term answer starting mid-sentence,
// no raw LaTeX, reverse questions that do not give their answer away,
// answers of at most maxAnswerWords words, and no question asked twice in
// a note with two answers.
func checkCardSigns(t *testing.T, cards []deck.Card) {
	t.Helper()
	asked := make(map[string]string)
	for _, c := range cards {
		if c.Kind != deck.KindReverse && strings.Contains(c.Question, "…") {
			t.Errorf("%s: question cut short: %q", c.ID, c.Question)
		}
		if c.Kind == deck.KindTerm {
			if r, _ := utf8.DecodeRuneInString(c.Back); unicode.IsLower(r) || strings.ContainsRune(",;:)", r) {
				t.Errorf("%s: answer starts mid-sentence: %q", c.ID, c.Back)
			}
		}
		if strings.Contains(c.Front+c.Back, "$$") || strings.Contains(c.Front+c.Back, `\frac`) {
			t.Errorf("%s: raw LaTeX: %q / %q", c.ID, c.Front, c.Back)
		}
		if c.Kind == deck.KindReverse {
			for stem := range stems(c.Back) {
				if stems(c.Question)[stem] {
					t.Errorf("%s: reverse question shares %q with its answer %q: %q", c.ID, stem, c.Back, c.Question)
				}
			}
		}
		if c.Kind != deck.KindReverse && len(strings.Fields(c.Back)) > maxAnswerWords {
			t.Errorf("%s: answer of %d words: %q", c.ID, len(strings.Fields(c.Back)), c.Back)
		}
		if c.Kind != deck.KindReverse && len(c.Sources) > 0 {
			key := c.Sources[0].File + "\x00" + c.Front
			if other, ok := asked[key]; ok && other != c.Back {
				t.Errorf("%s: %q asked twice in %s with two answers", c.ID, c.Front, c.Sources[0].File)
			}
			asked[key] = c.Back
		}
	}
}

// stems returns the five-letter stems of a text's words of four letters or
// more, the way a reader notices a shared word.
func stems(s string) map[string]bool {
	out := make(map[string]bool)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') }) {
		w = strings.TrimLeft(w, "-")
		if len(w) >= 4 {
			out[stemOf(w)] = true
		}
	}
	return out
}

func TestCorpus(t *testing.T) {
	dirs := []string{filepath.Join("testdata", "corpus"), filepath.Join("testdata", "heldout"), filepath.Join("testdata", "written")}
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
				if perNote[f.Path] == 0 {
					t.Errorf("%s made no cards", f.Path)
				}
			}
			checkCardSigns(t, res.Cards)
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
