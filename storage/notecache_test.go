package storage

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKeptNotesAfterImport: kept notes too many bytes for the import's
// own transaction are written after it, a few at a time, and the store
// ends the same as when they are written with it; stale entries are
// dropped either way, and each entry written is let go of.
func TestKeptNotesAfterImport(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	put := func(tag string) map[string][]byte {
		m := make(map[string][]byte)
		for i := range 7 {
			m[fmt.Sprintf("notes/n%d.md", i)] = []byte(strings.Repeat(fmt.Sprintf("%s %d ", tag, i), 20))
		}
		return m
	}
	run := func(t *testing.T, inline int) (string, []map[string][]byte) {
		old := keptNotesInline
		keptNotesInline = inline
		t.Cleanup(func() { keptNotesInline = old })
		s := openTest(t, filepath.Join(t.TempDir(), "s.db"))
		defer s.Close()
		var left []map[string][]byte
		for step, tag := range []string{"first", "second"} {
			u := &KeptNotesUpdate{Put: put(tag), Read: []string{"notes/n0.md", "notes/n1.md", "notes/n2.md", "notes/n3.md", "notes/n4.md", "notes/n5.md", "notes/n6.md"}}
			if step == 1 {
				// The second import reads one note fewer: its entry goes.
				delete(u.Put, "notes/n6.md")
				u.Read = u.Read[:6]
			}
			dry := ImportOptions{DryRun: true, Notes: &KeptNotesUpdate{Put: maps.Clone(u.Put), Read: u.Read}}
			if _, err := s.ImportNotes("vault", stagedCards(0, 3, tag), now, dry); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ImportNotes("vault", stagedCards(0, 3, tag), now, ImportOptions{Notes: u}); err != nil {
				t.Fatal(err)
			}
			left = append(left, u.Put)
		}
		rec, _, err := s.FindDeck("vault")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		keys := []string{"notes/n0.md", "notes/n5.md", "notes/n6.md"}
		if err := s.KeptNotes(rec.Identity, keys, func(i int, kept []byte) { got[keys[i]] = string(kept) }); err != nil {
			t.Fatal(err)
		}
		if want := put("second"); got["notes/n0.md"] != string(want["notes/n0.md"]) || got["notes/n5.md"] != string(want["notes/n5.md"]) {
			t.Errorf("kept notes after the second import: %q", got)
		}
		if _, ok := got["notes/n6.md"]; ok {
			t.Error("the entry of the note no longer read was kept")
		}
		if errs := s.Check(); len(errs) > 0 {
			t.Fatalf("check: %v", errs)
		}
		return dumpStore(t, s), left
	}
	together, left := run(t, 1<<20)
	for i, m := range left {
		if len(m) == 0 {
			t.Errorf("import %d written with its notes: Put emptied, want it as given", i+1)
		}
	}
	after, left := run(t, 300) // two entries a transaction
	for i, m := range left {
		if len(m) != 0 {
			t.Errorf("import %d: %d entries written after it were not let go", i+1, len(m))
		}
	}
	if together != after {
		t.Errorf("kept notes written after the import leave another store:\n%s\nwant\n%s", after, together)
	}
}
