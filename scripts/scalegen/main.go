// Command scalegen makes the note sets recall's scale measurements run on,
// and the baselines they are compared with (scripts/scale.sh drives it).
//
//	scalegen realistic -corpus DIR -n N -out DIR   the corpus's notes, varied per copy
//	scalegen synthetic -n N -items K -out DIR      N notes of K bold items each
//	scalegen parse DIR...                          bare goldmark parse of every .md (the baseline)
//	scalegen sql -deck NAME DIR...                 SQL inserting the cards recall would make
//
// The realistic set keeps each corpus note's shape (front matter, headings,
// bold items, wiki links, timestamps, tags) and replaces most words of four
// letters or more, consistently within one copy, by made-up words of the
// same length and case, so copies are distinct notes with distinct terms in
// the same style. Everything is deterministic: the same flags make the same
// bytes.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/recallcards/recall/content"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scalegen:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: scalegen realistic|synthetic|parse|sql [flags]")
	}
	fl := flag.NewFlagSet("scalegen "+args[0], flag.ContinueOnError)
	corpus := fl.String("corpus", "../shared/corpus", "folder of corpus notes (realistic)")
	n := fl.Int("n", 200, "number of notes")
	items := fl.Int("items", 100, "bold items per note (synthetic)")
	outDir := fl.String("out", "", "folder to write the notes into (created)")
	deckName := fl.String("deck", "scale", "deck name (sql)")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "realistic":
		notes, err := readCorpus(*corpus)
		if err != nil {
			return err
		}
		return writeNotes(*outDir, *n, func(i int) (string, []byte) {
			src := notes[i%len(notes)]
			return fmt.Sprintf("%04d-%s", i, src.name), vary(src.data, uint64(i/len(notes)))
		})
	case "synthetic":
		return writeNotes(*outDir, *n, func(i int) (string, []byte) {
			return fmt.Sprintf("synthetic-%04d.md", i), synthetic(i, *items, *n)
		})
	case "parse":
		files, err := readTree(fl.Args())
		if err != nil {
			return err
		}
		md := goldmark.New().Parser()
		size := 0
		for _, f := range files {
			md.Parse(text.NewReader(f.Data))
			size += len(f.Data)
		}
		_, err = fmt.Fprintf(out, "parsed %d notes, %d bytes\n", len(files), size)
		return err
	case "sql":
		files, err := readTree(fl.Args())
		if err != nil {
			return err
		}
		res := content.Generate(files, content.Options{Deck: *deckName})
		return writeSQL(out, res)
	}
	return fmt.Errorf("unknown mode %q", args[0])
}

type corpusNote struct {
	name string
	data []byte
}

func readCorpus(dir string) ([]corpusNote, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	var notes []corpusNote
	for _, p := range names {
		if filepath.Base(p) == "README.md" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		notes = append(notes, corpusNote{filepath.Base(p), data})
	}
	if len(notes) == 0 {
		return nil, fmt.Errorf("no notes in %s", dir)
	}
	return notes, nil
}

func writeNotes(dir string, n int, note func(i int) (string, []byte)) error {
	if dir == "" {
		return errors.New("-out is required")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		name, data := note(i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// vary rewrites a note for copy number copy. Front matter keeps its keys and
// values (a videoId must stay valid) except the title; HTML tags, such as
// the timestamp anchors, are copied as they are.
func vary(src []byte, copy uint64) []byte {
	if copy == 0 {
		return src
	}
	var out bytes.Buffer
	lines := bytes.SplitAfter(src, []byte("\n"))
	inFront := len(lines) > 0 && bytes.Equal(bytes.TrimSpace(lines[0]), []byte("---"))
	for i, line := range lines {
		if inFront {
			if i > 0 && bytes.Equal(bytes.TrimSpace(line), []byte("---")) {
				inFront = false
			}
			if bytes.HasPrefix(line, []byte("title:")) {
				out.WriteString("title:")
				varyText(&out, line[len("title:"):], copy)
				continue
			}
			out.Write(line)
			continue
		}
		varyText(&out, line, copy)
	}
	return out.Bytes()
}

func varyText(out *bytes.Buffer, s []byte, copy uint64) {
	inTag := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case !inTag && isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			out.WriteString(variant(string(s[i:j]), copy))
			i = j
			continue
		}
		out.WriteByte(c)
		i++
	}
}

func isLetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }

const (
	consonants = "bcdfghjklmnprstvwz"
	vowels     = "aeiou"
)

// variant keeps short words and one in five longer ones, and makes up the
// rest from the word and the copy number: the same word always becomes the
// same word within a copy, so repeated terms stay repeated.
func variant(w string, copy uint64) string {
	if len(w) < 4 {
		return w
	}
	h := fnv.New64a()
	io.WriteString(h, strings.ToLower(w))
	rng := rand.New(rand.NewPCG(h.Sum64(), copy))
	if rng.IntN(5) == 0 {
		return w
	}
	b := make([]byte, len(w))
	for i := range b {
		if i%2 == 0 {
			b[i] = consonants[rng.IntN(len(consonants))]
		} else {
			b[i] = vowels[rng.IntN(len(vowels))]
		}
		if w[i] < 'a' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// synthetic is note i of the synthetic set: one section of items bold
// items, each a distinct term with a definition of 6–14 words. Words are
// drawn uniformly from a vocabulary that grows with the vault (20 000 made-up
// words and 100 more per note), as a vault's vocabulary does: with a fixed
// vocabulary every word would be in ever more notes.
func synthetic(i, items, notes int) []byte {
	rng := rand.New(rand.NewPCG(uint64(i), 1))
	vocabulary := 20000 + 100*notes
	pick := func() string { return word(rng.IntN(vocabulary)) }
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: Synthetic note %d\n---\n\n## Items of note %d\n\n", i, i)
	for j := range items {
		t := []byte(pick())
		t[0] -= 'a' - 'A'
		fmt.Fprintf(&b, "*   **%s %s %d-%d**: ", t, pick(), i, j)
		k := 6 + rng.IntN(9)
		for w := range k {
			if w > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pick())
		}
		b.WriteString(".\n")
	}
	return b.Bytes()
}

// word is the made-up word number n: three syllables from its digits, then
// more while digits remain.
func word(n int) string {
	var b []byte
	for k := 0; k < 3 || n > 0; k++ {
		b = append(b, consonants[n%len(consonants)], vowels[(n/len(consonants))%len(vowels)])
		n /= len(consonants) * len(vowels)
	}
	return string(b)
}

// readTree reads the .md files under the given paths, in name order, as
// recall import reads a folder.
func readTree(paths []string) ([]content.File, error) {
	var files []content.File
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, content.File{Path: filepath.ToSlash(p), Data: data})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// writeSQL prints a script that stores the cards in SQLite the way the
// obvious schema would: one row per card with its text and sources as JSON,
// a schedule table and the indexes a queue needs, in one transaction.
func writeSQL(w io.Writer, res content.Result) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`PRAGMA journal_mode = WAL;
CREATE TABLE cards (id TEXT PRIMARY KEY, deck TEXT NOT NULL, kind TEXT, front TEXT, back TEXT,
  term TEXT, note TEXT, ord INTEGER, tags TEXT, siblings TEXT, sources TEXT, added INTEGER, changed INTEGER);
CREATE TABLE state (id TEXT PRIMARY KEY, reps INTEGER, ef INTEGER, interval INTEGER, lapses INTEGER, due INTEGER);
CREATE INDEX cards_order ON cards(deck, ord);
CREATE INDEX state_due ON state(due);
BEGIN;
`)
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	js := func(v any) string {
		b, _ := json.Marshal(v)
		return q(string(b))
	}
	for _, c := range res.Cards {
		fmt.Fprintf(bw, "INSERT INTO cards VALUES (%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,1764547200,1764547200);\n",
			q(c.ID), q(c.Deck), q(string(c.Kind)), q(c.Front), q(c.Back), q(c.Term), q(c.Note), c.Order,
			js(c.Tags), js(c.Siblings), js(c.Sources))
		fmt.Fprintf(bw, "INSERT INTO state VALUES (%s,0,2500,0,0,NULL);\n", q(c.ID))
	}
	bw.WriteString("COMMIT;\n")
	return bw.Flush()
}
