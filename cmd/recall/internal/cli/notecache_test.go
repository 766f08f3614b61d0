package cli

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// dropBucket deletes a top-level bucket if the store has it.
func dropBucket(tx *bolt.Tx, name string) error {
	if tx.Bucket([]byte(name)) == nil {
		return nil
	}
	return tx.DeleteBucket([]byte(name))
}

// keptEntries returns the store's kept notes, by deck identity and path.
func keptEntries(t *testing.T, db string) map[string][]byte {
	t.Helper()
	b, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	out := make(map[string][]byte)
	err = b.View(func(tx *bolt.Tx) error {
		root := tx.Bucket([]byte("notecache"))
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(id []byte) error {
			return root.Bucket(id).ForEach(func(k, v []byte) error {
				out[string(id)+" "+string(k)] = bytes.Clone(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// editStore changes a store's kept notes with fn, in one transaction.
func editStore(t testing.TB, db string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// cacheWorld is a folder of notes imported into two stores through the
// same steps: one keeps notes between imports, the other has its kept
// notes and import memo dropped before each import, so it reads every
// note and merges in full.
type cacheWorld struct {
	t                testing.TB
	dir, notes       string
	cached, fromZero string
}

func newCacheWorld(t *testing.T) *cacheWorld {
	dir := t.TempDir()
	w := &cacheWorld{t: t, dir: dir, notes: filepath.Join(dir, "notes"),
		cached: filepath.Join(dir, "cached.db"), fromZero: filepath.Join(dir, "full.db")}
	if err := os.MkdirAll(w.notes, 0o755); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *cacheWorld) run(db string, args ...string) (string, string, int) {
	env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "HOME": w.dir})
	status := Run(env, args)
	return out.String(), errOut.String(), status
}

func (w *cacheWorld) write(name, text string) {
	w.t.Helper()
	p := filepath.Join(w.notes, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// importBoth imports args into both stores and fails unless both print
// the same and hold the same cards after; it returns the summary line.
func (w *cacheWorld) importBoth(step string, args ...string) string {
	w.t.Helper()
	if _, err := os.Stat(w.fromZero); err == nil {
		editStore(w.t, w.fromZero, func(tx *bolt.Tx) error {
			return errors.Join(dropBucket(tx, "notecache"), dropBucket(tx, "importmemo"))
		})
	}
	args = append([]string{"import", "--yes"}, args...)
	fullOut, fullErr, fullStatus := w.run(w.fromZero, args...)
	out, errOut, status := w.run(w.cached, args...)
	if out != fullOut || errOut != fullErr || status != fullStatus {
		w.t.Fatalf("%s: with kept notes: %d %q %q; reading every note: %d %q %q", step, status, out, errOut, fullStatus, fullOut, fullErr)
	}
	for _, list := range [][]string{{"cards", "--json"}, {"cards", "--json", "--state", "retired"}, {"decks"}} {
		a, _, _ := w.run(w.cached, list...)
		b, _, _ := w.run(w.fromZero, list...)
		if a != b {
			w.t.Fatalf("%s: recall %s differs:\nwith kept notes:\n%s\nreading every note:\n%s", step, strings.Join(list, " "), a, b)
		}
	}
	return out
}

// noteTexts are notes in the corpus's shapes, some sharing terms (merged
// cards) and near-duplicate answers, one with front matter.
var noteTexts = []string{
	"# Virtues\n\n## Kinds\n*   **Honesty**: Telling the truth without fail, even when it costs.\n*   **Courage**: Acting rightly in the face of fear.\n*   **Temperance**: Moderation in the pleasures of the body.\n",
	"# Trust\n\nBuilding trust takes these steps:\n\n1. Keep promises\n2. Admit mistakes\n3. Share credit\n\n*   **Honesty**: Telling the truth without fail.\n*   **Transparency**: Sharing the reasons behind decisions openly.\n",
	"---\ntitle: Hand tools\nvideoId: dQw4w9WgXcQ\n---\n## Cutting\n*   **Chisel**: A blade for cutting wood or stone by hand <a class=\"yt-timestamp\" data-t=\"00:01:05\">[00:01:05]</a>.\n*   **Saw**: A toothed blade for cutting wood.\n",
	"# Metrics\n\nA **north star metric** is the single number a team steers by.\n\n*   **Latency**: The time a request waits before it is served.\n*   **Throughput**: How many requests are served each second.\n",
	"# Leather\n\n*   **Awl**: A pointed tool for piercing holes in leather.\n*   **Chisel**: A blade for cutting leather into strips.\n",
	"# Nothing to card\n\nJust a paragraph.\n",
}

// TestImportKeptNotesSameAsFull: through random edits, additions,
// deletions and renames of notes, an import that reuses kept notes prints
// and stores exactly what an import reading every note does (the summary
// line, the notices, every card with its state, the retired cards, the
// decks), and reads again only the notes that changed.
func TestImportKeptNotesSameAsFull(t *testing.T) {
	w := newCacheWorld(t)
	rng := rand.New(rand.NewPCG(16, 16))
	names := []string{"virtues.md", "trust.md", "tools/hand.md", "metrics.md", "tools/leather.md", "empty.md"}
	for i, name := range names {
		w.write(name, noteTexts[i])
	}
	w.importBoth("first import", w.notes)
	present := slices.Clone(names)
	for step := range 16 {
		before := keptEntries(t, w.cached)
		changed := map[string]bool{}
		for range 1 + rng.IntN(2) {
			i := rng.IntN(len(present))
			name := present[i]
			switch rng.IntN(4) {
			case 0: // edit: an item added, or a definition reworded
				data, err := os.ReadFile(filepath.Join(w.notes, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				text := string(data)
				if rng.IntN(2) == 0 {
					text += fmt.Sprintf("*   **Term %d**: A definition an edit added, number %d.\n", rng.IntN(20), rng.IntN(100))
				} else {
					text = strings.Replace(text, "the", "a", 1)
				}
				w.write(name, text)
				changed[name] = true
			case 1: // add a note, maybe a copy under another folder
				added := fmt.Sprintf("more%d/n%d.md", rng.IntN(2), step)
				w.write(added, noteTexts[rng.IntN(len(noteTexts))])
				present = append(present, added)
				changed[added] = true
			case 2: // delete
				if len(present) > 2 {
					if err := os.Remove(filepath.Join(w.notes, filepath.FromSlash(name))); err != nil {
						t.Fatal(err)
					}
					present = slices.Delete(present, i, i+1)
				}
			case 3: // rename
				renamed := fmt.Sprintf("renamed%d-%s", step, filepath.Base(name))
				if err := os.Rename(filepath.Join(w.notes, filepath.FromSlash(name)), filepath.Join(w.notes, renamed)); err != nil {
					t.Fatal(err)
				}
				present[i] = renamed
				changed[renamed] = true
			}
		}
		w.importBoth(fmt.Sprintf("step %d", step), w.notes)
		// Only the notes that changed were read and kept anew; the entries
		// of notes gone were dropped.
		after := keptEntries(t, w.cached)
		var rewritten, names []string
		for k, v := range after {
			if !bytes.Equal(before[k], v) {
				rewritten = append(rewritten, k[strings.Index(k, " ")+1:])
			}
			names = append(names, k[strings.Index(k, " ")+1:])
		}
		for _, p := range rewritten {
			if !changed[p] {
				t.Errorf("step %d: the kept note of %s, unchanged, was made again", step, p)
			}
		}
		slices.Sort(names)
		want := slices.Sorted(slices.Values(present))
		if !slices.Equal(names, want) {
			t.Errorf("step %d: kept notes of %q, want %q", step, names, want)
		}
	}
}

// TestImportKeptNotesDamaged: a kept note that is damaged — a flipped
// byte, cut short, emptied, a sound checksum over bytes that are not a
// note, an entry of another note — is read again, never trusted, and the
// import says exactly what one reading every note does.
func TestImportKeptNotesDamaged(t *testing.T) {
	w := newCacheWorld(t)
	for i, name := range []string{"virtues.md", "trust.md", "tools/hand.md", "metrics.md"} {
		w.write(name, noteTexts[i])
	}
	w.importBoth("first import", w.notes)
	damages := []struct {
		name string
		fn   func(k string, v []byte, all map[string][]byte) []byte
	}{
		{"a byte flipped", func(_ string, v []byte, _ map[string][]byte) []byte {
			v = bytes.Clone(v)
			v[len(v)/2] ^= 0x20
			return v
		}},
		{"cut short", func(_ string, v []byte, _ map[string][]byte) []byte { return v[:len(v)/2] }},
		{"emptied", func(string, []byte, map[string][]byte) []byte { return []byte{} }},
		{"a sound checksum over other bytes", func(_ string, v []byte, _ map[string][]byte) []byte {
			return wrapForTest(bytes.Repeat([]byte("x"), 40))
		}},
		{"another note's entry", func(k string, _ []byte, all map[string][]byte) []byte {
			for other, v := range all {
				if other != k {
					return v
				}
			}
			return nil
		}},
	}
	for i, d := range damages {
		all := keptEntries(t, w.cached)
		editStore(t, w.cached, func(tx *bolt.Tx) error {
			root := tx.Bucket([]byte("notecache"))
			return root.ForEachBucket(func(id []byte) error {
				b := root.Bucket(id)
				var keys []string
				if err := b.ForEach(func(k, _ []byte) error { keys = append(keys, string(k)); return nil }); err != nil {
					return err
				}
				for _, k := range keys {
					if err := b.Put([]byte(k), d.fn(string(id)+" "+k, b.Get([]byte(k)), all)); err != nil {
						return err
					}
				}
				return nil
			})
		})
		// An edit, so that the import memo does not answer.
		w.write("metrics.md", noteTexts[3]+fmt.Sprintf("*   **Damage %d**: A term added after the damage.\n", i))
		w.importBoth(d.name, w.notes)
		// Every entry is sound again: the next edit reads one note.
		before := keptEntries(t, w.cached)
		w.write("virtues.md", noteTexts[0]+fmt.Sprintf("*   **Prudence %d**: Choosing well among the ways open.\n", i))
		w.importBoth(d.name+", then an edit", w.notes)
		rewritten := 0
		for k, v := range keptEntries(t, w.cached) {
			if !bytes.Equal(before[k], v) {
				rewritten++
			}
		}
		if rewritten != 1 {
			t.Errorf("%s: the next import of one edited note made %d kept notes again, want 1", d.name, rewritten)
		}
	}
}

// wrapForTest is a stored entry of data with a sound checksum, as
// storage writes it.
func wrapForTest(data []byte) []byte {
	sum := crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli))
	return append(binary.LittleEndian.AppendUint32(nil, sum), data...)
}
