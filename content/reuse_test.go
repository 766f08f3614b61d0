package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/recallcards/recall/deck"
)

// mapCache is a NoteCache that keeps each Note encoded, keyed by path and
// bytes, as a store would; hits and misses count its use.
type mapCache struct {
	tb           testing.TB
	mu           sync.Mutex // Generate calls Note and Keep from several goroutines
	kept         map[string][]byte
	hits, misses int
}

func newMapCache(tb testing.TB) *mapCache {
	return &mapCache{tb: tb, kept: make(map[string][]byte)}
}

func cacheKey(f File) string { return f.Path + "\x00" + string(f.Data) }

func (c *mapCache) Note(f File) (*Note, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.kept[cacheKey(f)]
	if !ok {
		c.misses++
		return nil, false
	}
	n, err := DecodeNote(data)
	if err != nil {
		c.tb.Errorf("decode the note kept for %s: %v", f.Path, err)
		return nil, false
	}
	c.hits++
	return n, true
}

func (c *mapCache) Keep(f File, n *Note) {
	data, err := n.AppendBinary(nil)
	if err != nil {
		c.tb.Errorf("encode %s: %v", f.Path, err)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kept[cacheKey(f)] = data
}

// fixtureNotes are the notes of testdata and the seeds, with a few made to
// meet the cases where notes affect one another: the same file name in
// two folders (list IDs), the same term in two notes (merged cards), a
// note with problems, one that cannot be read, one that makes no cards.
func fixtureNotes(tb testing.TB) []File {
	tb.Helper()
	var files []File
	for _, dir := range []string{"testdata/corpus", "testdata/heldout", "testdata/written"} {
		for _, f := range readDir(tb, dir) {
			f.Path = dir + "/" + f.Path
			files = append(files, f)
		}
	}
	files = append(files, DefaultDeck()...)
	same := "# Virtues\n\n## Kinds\nThe kinds of virtue:\n\n* Honesty\n* Courage\n\n*   **Honesty**: Telling the truth without fail.\n*   **Courage**: Acting rightly in the face of fear.\n"
	files = append(files,
		File{Path: "a/virtues.md", Data: []byte(same)},
		File{Path: "b/virtues.md", Data: []byte(same + "*   **Temperance**: Moderation in the pleasures of the body.\n")},
		File{Path: "bad-front.md", Data: []byte("---\ntitle: [unclosed\n---\n# x\n")},
		File{Path: "warn.md", Data: []byte("---\nvideoId: not a video id!\n---\n# Tools\n\n*   **Chisel**: A blade for cutting wood or stone by hand.\n")},
		File{Path: "binary.md", Data: []byte("a\x00b")},
		File{Path: "empty.md", Data: []byte("# Nothing here\n")},
	)
	return files
}

// TestNoteCacheSameResult: generating with kept Notes, decoded from their
// encoding, gives exactly what generating from scratch gives — cards,
// problems, near-duplicates, the count of notes read — with and without
// reverse cards, and through random edits, additions, removals, renames
// and reorderings of the notes, where only the changed notes are read.
func TestNoteCacheSameResult(t *testing.T) {
	base := fixtureNotes(t)
	rng := rand.New(rand.NewPCG(16, 2))
	for _, reverse := range []bool{false, true} {
		opts := Options{Deck: "reuse", Reverse: reverse}
		cache := newMapCache(t)
		files := append([]File(nil), base...)
		for step := range 12 {
			want := Generate(files, opts)
			cached := opts
			cached.Cache = cache
			cache.hits, cache.misses = 0, 0
			got := Generate(files, cached)
			if !sameResult(got, want) {
				t.Fatalf("reverse %v, step %d: generating with kept notes differs from generating from scratch\n%s", reverse, step, firstDifference(got, want))
			}
			if cache.hits+cache.misses != len(files) {
				t.Fatalf("step %d: %d notes, the cache was asked %d times", step, len(files), cache.hits+cache.misses)
			}
			// Every note is kept now: a second run reads none.
			cache.hits, cache.misses = 0, 0
			if again := Generate(files, cached); !sameResult(again, want) || cache.misses != 0 {
				t.Fatalf("step %d: a run with every note kept read %d notes, or differs", step, cache.misses)
			}
			files = mutateNotes(rng, files, base)
		}
	}
}

// mutateNotes edits, adds, removes, renames or moves a few notes.
func mutateNotes(rng *rand.Rand, files, pool []File) []File {
	files = append([]File(nil), files...)
	for range 1 + rng.IntN(3) {
		i := rng.IntN(len(files))
		switch rng.IntN(5) {
		case 0: // edit: a new item, or a changed definition
			f := files[i]
			if rng.IntN(2) == 0 {
				f.Data = append(bytes.Clone(f.Data), fmt.Sprintf("\n*   **Added term %d**: A definition added by an edit, number %d.\n", rng.IntN(50), rng.IntN(1000))...)
			} else {
				f.Data = bytes.Replace(f.Data, []byte("the"), []byte("a"), 1)
			}
			files[i] = f
		case 1: // add a copy of a note under another name, or a note of the pool
			f := pool[rng.IntN(len(pool))]
			if rng.IntN(2) == 0 {
				f.Path = fmt.Sprintf("copy%d/%s", rng.IntN(3), f.Path)
			}
			files = append(files, f)
		case 2: // remove
			if len(files) > 2 {
				files = append(files[:i], files[i+1:]...)
			}
		case 3: // rename
			files[i].Path = fmt.Sprintf("renamed%d-%s", rng.IntN(4), files[i].Path)
		case 4: // move: the order of notes orders the cards
			j := rng.IntN(len(files))
			files[i], files[j] = files[j], files[i]
		}
	}
	return files
}

// sameResult compares two results, their problems by what they say: a
// kept Note keeps a problem's message, not its error's type.
func sameResult(a, b Result) bool {
	return reflect.DeepEqual(a.Cards, b.Cards) && reflect.DeepEqual(a.Duplicates, b.Duplicates) &&
		a.NotesRead == b.NotesRead && reflect.DeepEqual(a.Unread, b.Unread) && reflect.DeepEqual(problemLines(a), problemLines(b))
}

func problemLines(r Result) []string {
	var lines []string
	for _, p := range r.Problems {
		lines = append(lines, p.Error())
	}
	return lines
}

func firstDifference(got, want Result) string {
	if len(got.Cards) != len(want.Cards) {
		return fmt.Sprintf("%d cards, want %d", len(got.Cards), len(want.Cards))
	}
	for i := range got.Cards {
		if !reflect.DeepEqual(got.Cards[i], want.Cards[i]) {
			return fmt.Sprintf("card %d:\n got %+v\nwant %+v", i, got.Cards[i], want.Cards[i])
		}
	}
	return fmt.Sprintf("problems %q / %q\nduplicates %v / %v\nread %d / %d", problemLines(got), problemLines(want), got.Duplicates, want.Duplicates, got.NotesRead, want.NotesRead)
}

// TestNoteEncodingCoversCard fails when a field is added to a card, a
// source or a part: AppendBinary and DecodeNote must then keep it too.
func TestNoteEncodingCoversCard(t *testing.T) {
	for _, c := range []struct {
		typ    reflect.Type
		fields int
	}{
		{reflect.TypeOf(deck.Card{}), 13},
		{reflect.TypeOf(deck.Source{}), 5},
		{reflect.TypeOf(part{}), 6},
		{reflect.TypeOf(Note{}), 5},
		{reflect.TypeOf(Problem{}), 3},
	} {
		if n := c.typ.NumField(); n != c.fields {
			t.Errorf("%v has %d fields, the note encoding knows %d: encode the new ones in AppendBinary and DecodeNote, bump GeneratorVersion, and update this test", c.typ, n, c.fields)
		}
	}
}

// TestDecodeNoteRejects: a Note cut short, with bytes after its end, with
// another generator version or with impossible fields is refused.
func TestDecodeNoteRejects(t *testing.T) {
	cache := newMapCache(t)
	Generate(fixtureNotes(t), Options{Deck: "reuse", Cache: cache})
	var sample []byte
	for _, data := range cache.kept {
		if len(data) > len(sample) {
			sample = data
		}
	}
	if _, err := DecodeNote(sample); err != nil {
		t.Fatalf("the encoding of a note does not decode: %v", err)
	}
	for cut := range len(sample) {
		if _, err := DecodeNote(sample[:cut]); err == nil {
			t.Fatalf("a note cut to %d of its %d bytes decodes", cut, len(sample))
		}
	}
	if _, err := DecodeNote(append(bytes.Clone(sample), 0)); err == nil {
		t.Error("a note with a byte after its end decodes")
	}
	other := bytes.Replace(sample, binary.AppendUvarint([]byte(noteMagic), GeneratorVersion), binary.AppendUvarint([]byte(noteMagic), GeneratorVersion+1), 1)
	if bytes.Equal(other, sample) {
		t.Fatal("the sample does not start with the generator version")
	}
	if _, err := DecodeNote(other); !errors.Is(err, ErrNoteVersion) {
		t.Errorf("a note of generator version %d: %v, want ErrNoteVersion", GeneratorVersion+1, err)
	}
	kind := bytes.Replace(sample, []byte("\x04term"), []byte("\x04tErm"), 1)
	if bytes.Equal(kind, sample) {
		t.Fatal("the sample has no term card")
	}
	if _, err := DecodeNote(kind); err == nil || !strings.Contains(err.Error(), "kind") {
		t.Errorf("a card of kind tErm: %v, want a bad kind", err)
	}
}

// FuzzDecodeNote: no input makes DecodeNote panic or hang, and a Note it
// accepts can be put together with others and encodes back to the same
// bytes.
func FuzzDecodeNote(f *testing.F) {
	cache := newMapCache(f)
	Generate(fixtureNotes(f), Options{Deck: "fuzz", Cache: cache})
	for _, data := range cache.kept {
		if len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Add([]byte(noteMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := DecodeNote(data)
		if err != nil {
			return
		}
		again, err := n.AppendBinary(nil)
		if err != nil {
			t.Fatalf("a decoded note does not encode: %v", err)
		}
		if back, err := DecodeNote(again); err != nil || !sameNote(back, n) {
			t.Fatalf("a decoded note, encoded again, decodes to another (%v)", err)
		}
		kept := &fixedCache{n}
		files := []File{{Path: n.path, Data: []byte("# x\n")}, {Path: "other.md", Data: []byte("# Other\n\n*   **Honesty**: Telling the truth.\n")}}
		Generate(files, Options{Deck: n.deck, Reverse: true, Cache: kept})
	})
}

// sameNote compares two Notes, their problems by what they say.
func sameNote(a, b *Note) bool {
	pa, pb := Result{Problems: a.problems}, Result{Problems: b.problems}
	return a.path == b.path && a.deck == b.deck && a.read == b.read &&
		reflect.DeepEqual(problemLines(pa), problemLines(pb)) && reflect.DeepEqual(a.parts, b.parts)
}

// fixedCache answers every note with the same Note.
type fixedCache struct{ n *Note }

func (c *fixedCache) Note(File) (*Note, bool) { return c.n, true }
func (c *fixedCache) Keep(File, *Note)        {}
