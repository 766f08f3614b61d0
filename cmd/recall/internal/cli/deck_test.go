package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/recallcards/recall/storage"
)

// teamNote is the manager's note before any edit.
const teamNote = `---
title: Team values
---
# Team values

## Building trust

*   **Honesty**: Telling the truth without fail.
*   **Delivery**: Launching products when promised.
*   **Accountability**: Owning mistakes and learning from them.

## Eroding trust

*   **Evasiveness**: Being vague when asked a straight question.
`

// editedTeamNote rewords Honesty, adds Candour, removes Delivery and moves
// Accountability to the other section.
const editedTeamNote = `---
title: Team values
---
# Team values

## Building trust

*   **Honesty**: Always telling the truth, even when it is uncomfortable.
*   **Candour**: Saying the hard thing early and kindly.

## Eroding trust

*   **Evasiveness**: Being vague when asked a straight question.
*   **Accountability**: Owning mistakes and learning from them.
`

// deckWorld is a manager and a member, each with a store, in one folder.
type deckWorld struct {
	t                    *testing.T
	dir, manager, member string
	vars                 map[string]string
}

func newDeckWorld(t *testing.T) *deckWorld {
	t.Helper()
	dir := t.TempDir()
	w := &deckWorld{t: t, dir: dir, manager: filepath.Join(dir, "manager.db"), member: filepath.Join(dir, "member.db"),
		vars: map[string]string{"HOME": filepath.Join(dir, "home"), "TZ": "UTC"}}
	w.writeNote(teamNote)
	return w
}

func (w *deckWorld) writeNote(text string) {
	w.t.Helper()
	notes := filepath.Join(w.dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "values.md"), []byte(text), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// run runs recall against db at now and returns stdout, stderr and status.
func (w *deckWorld) run(db, now string, args ...string) (string, string, int) {
	w.t.Helper()
	vars := map[string]string{"RECALL_DB": db, "RECALL_NOW": now}
	for k, v := range w.vars {
		vars[k] = v
	}
	env, out, errOut := testEnv(vars)
	status := Run(env, w.paths(args))
	return out.String(), errOut.String(), status
}

// must runs recall and fails the test unless it succeeds.
func (w *deckWorld) must(db, now string, args ...string) string {
	w.t.Helper()
	out, errOut, status := w.run(db, now, args...)
	if status != 0 {
		w.t.Fatalf("recall %q: status %d, stderr %q", args, status, errOut)
	}
	return out
}

// paths turns "@name" arguments into paths inside the world's folder.
func (w *deckWorld) paths(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if strings.HasPrefix(a, "@") {
			out[i] = filepath.Join(w.dir, a[1:])
		}
	}
	return out
}

// snapshot is everything of a store a refused command must leave alone.
func (w *deckWorld) snapshot(db string) string {
	w.t.Helper()
	now := "2026-11-10T10:00:00Z"
	return w.must(db, now, "cards", "--json") + w.must(db, now, "log", "export", "--format", "jsonl") +
		w.must(db, now, "deck", "list", "--json")
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(data))
}

// memberCards reads the member's cards by ID.
func memberCards(t *testing.T, db string) map[string]storage.Record {
	t.Helper()
	st, err := storage.Open(db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cards := map[string]storage.Record{}
	if err := st.ForEachCard("", func(r storage.Record) error { cards[r.Card.ID] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	return cards
}

func logEntries(t *testing.T, db string) []storage.LogEntry {
	t.Helper()
	st, err := storage.Open(db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log []storage.LogEntry
	if err := st.ForEachLog(func(e storage.LogEntry) error { log = append(log, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return log
}

// TestDeckRoundTrip is the manager–member story: pack, add, review, the
// manager edits the notes and packs version 2, the member syncs, and not
// one review or schedule of the member's is lost.
func TestDeckRoundTrip(t *testing.T) {
	w := newDeckWorld(t)
	day1, day5 := "2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z"
	w.must(w.manager, day1, "import", "@notes", "--deck", "Team values")
	key := strings.TrimSpace(w.must(w.manager, day1, "key", "new"))
	w.must(w.manager, day1, "deck", "pack", "Team values", "--sign", "-o", "@team.recall-deck")
	w.must(w.member, day1, "deck", "add", "@team.recall-deck", "--trust", key)

	out, errOut, status := runReviewLines(t, w.member, day1, strings.Repeat("show\n4\n", 6))
	if status != 0 {
		t.Fatalf("review: %d %s\n%s", status, errOut, out)
	}
	before := memberCards(t, w.member)
	logBefore := logEntries(t, w.member)
	if len(logBefore) != 5 {
		t.Fatalf("member reviewed %d cards, want 5 (all on day one)", len(logBefore))
	}

	w.writeNote(editedTeamNote)
	w.must(w.manager, day5, "import", "@notes", "--deck", "Team values")
	packed := w.must(w.manager, day5, "deck", "pack", "Team values", "--sign", "-o", "@team.recall-deck")
	if !strings.Contains(packed, "version 2") {
		t.Fatalf("re-pack after edits: %q, want version 2", packed)
	}
	synced := w.must(w.member, day5, "deck", "sync")
	for _, want := range []string{"version 1 → 2", "added", "Candour", "retired", "Delivery", "updated", "Honesty"} {
		if !strings.Contains(synced, want) {
			t.Errorf("sync output lacks %q:\n%s", want, synced)
		}
	}

	logAfter := logEntries(t, w.member)
	if len(logAfter) != len(logBefore) {
		t.Fatalf("log has %d entries after sync, had %d", len(logAfter), len(logBefore))
	}
	for i := range logBefore {
		a, b := logBefore[i], logAfter[i]
		if a.Seq != b.Seq || a.CardID != b.CardID || !a.Time.Equal(b.Time) || a.Grade != b.Grade || a.Next != b.Next {
			t.Errorf("log entry %d changed by sync: %+v → %+v", i, a, b)
		}
	}
	after := memberCards(t, w.member)
	byTerm := func(cards map[string]storage.Record, term string) storage.Record {
		for _, r := range cards {
			if r.Card.Term == term && r.Card.Kind == "term" {
				return r
			}
		}
		t.Fatalf("no card for %q", term)
		return storage.Record{}
	}
	for _, term := range []string{"Honesty", "Accountability", "Evasiveness"} {
		b, a := byTerm(before, term), byTerm(after, term)
		if b.State.Reps == 0 {
			t.Fatalf("%s was not reviewed before the sync; the test proves nothing", term)
		}
		if a.Card.ID != b.Card.ID || a.State != b.State || a.Retired {
			t.Errorf("%s: %s %+v (retired %v) after sync, was %s %+v", term, a.Card.ID, a.State, a.Retired, b.Card.ID, b.State)
		}
	}
	if h := byTerm(after, "Honesty"); !strings.Contains(h.Card.Back, "uncomfortable") {
		t.Errorf("reworded Honesty not updated: %q", h.Card.Back)
	}
	if a := byTerm(after, "Accountability"); !strings.Contains(a.Card.Front, "Eroding trust") {
		t.Errorf("moved Accountability keeps its old section: %q", a.Card.Front)
	}
	if d := byTerm(after, "Delivery"); !d.Retired || d.State != byTerm(before, "Delivery").State {
		t.Errorf("removed Delivery: retired %v, state %+v", d.Retired, d.State)
	}
	if c := byTerm(after, "Candour"); c.Retired || !c.State.IsNew() {
		t.Errorf("new Candour: retired %v, state %+v", c.Retired, c.State)
	}
	if problems := w.must(w.member, day5, "check"); strings.Contains(problems, "problem") {
		t.Errorf("check after sync: %s", problems)
	}
	if again := w.must(w.member, day5, "deck", "sync"); !strings.Contains(again, "up to date (version 2)") {
		t.Errorf("second sync: %q", again)
	}
}

// TestDeckRefusals: each bad file is refused with its message and the
// member's store is left exactly as it was.
func TestDeckRefusals(t *testing.T) {
	w := newDeckWorld(t)
	day1, day5 := "2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z"
	w.must(w.manager, day1, "import", "@notes", "--deck", "Team values")
	key := strings.TrimSpace(w.must(w.manager, day1, "key", "new"))
	w.must(w.manager, day1, "deck", "pack", "Team values", "--sign", "-o", "@v1.recall-deck")
	w.writeNote(editedTeamNote)
	w.must(w.manager, day5, "import", "@notes", "--deck", "Team values")
	w.must(w.manager, day5, "deck", "pack", "Team values", "--sign", "-o", "@v2.recall-deck")
	w.must(w.manager, day5, "deck", "pack", "Team values", "-o", "@unsigned.recall-deck")
	w.vars["XDG_CONFIG_HOME"] = filepath.Join(w.dir, "other")
	w.must(w.manager, day5, "key", "new")
	w.must(w.manager, day5, "deck", "pack", "Team values", "--sign", "-o", "@otherkey.recall-deck")
	delete(w.vars, "XDG_CONFIG_HOME")

	v2, err := os.ReadFile(filepath.Join(w.dir, "v2.recall-deck"))
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(v2, []byte("kindly"), []byte("kindlY"), 1)
	if bytes.Equal(tampered, v2) {
		t.Fatal("nothing to tamper with")
	}
	if err := os.WriteFile(filepath.Join(w.dir, "tampered.recall-deck"), tampered, 0o644); err != nil {
		t.Fatal(err)
	}

	w.must(w.member, day1, "deck", "add", "@v2.recall-deck", "--trust", key)
	runReviewLines(t, w.member, day1, "show\n4\nshow\n2\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"tampered byte", []string{"deck", "add", "@tampered.recall-deck", "--trust", key}, "signature does not verify"},
		{"wrong key", []string{"deck", "add", "@otherkey.recall-deck", "--trust", key}, "not by the trusted key"},
		{"missing signature", []string{"deck", "add", "@unsigned.recall-deck", "--trust", key}, "is not signed"},
		{"added twice", []string{"deck", "add", "@v2.recall-deck"}, "already added"},
		{"bad trust key", []string{"deck", "add", "@v2.recall-deck", "--trust", "ed25519:short"}, "--trust"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, hash := w.snapshot(w.member), fileHash(t, w.member)
			_, errOut, status := w.run(w.member, day5, tt.args...)
			if status == 0 || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("status %d, stderr %q; want one line with %q", status, errOut, tt.want)
			}
			if fileHash(t, w.member) != hash || w.snapshot(w.member) != before {
				t.Error("the refused command changed the store")
			}
		})
	}

	// The subscribed origin now holds each bad version in turn.
	origin := filepath.Join(w.dir, "v2.recall-deck")
	for _, bad := range []struct{ name, file, want string }{
		{"sync tampered", "tampered.recall-deck", "signature does not verify"},
		{"sync wrong key", "otherkey.recall-deck", "not by the trusted key"},
		{"sync unsigned", "unsigned.recall-deck", "is not signed"},
		{"sync downgrade", "v1.recall-deck", "older than the installed version 2"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(w.dir, bad.file))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(origin, data, 0o644); err != nil {
				t.Fatal(err)
			}
			before, hash := w.snapshot(w.member), fileHash(t, w.member)
			_, errOut, status := w.run(w.member, day5, "deck", "sync")
			if status != 1 || !strings.Contains(errOut, bad.want) {
				t.Errorf("status %d, stderr %q; want %q", status, errOut, bad.want)
			}
			if fileHash(t, w.member) != hash || w.snapshot(w.member) != before {
				t.Error("the refused sync changed the store")
			}
		})
	}
	// A downgrade the member asks for is installed.
	if out := w.must(w.member, day5, "deck", "sync", "--allow-downgrade"); !strings.Contains(out, "version 2 → 1") {
		t.Errorf("sync --allow-downgrade: %q", out)
	}
}

// deckServer serves a deck file with an ETag, like a static file server.
type deckServer struct {
	body     atomic.Value // []byte
	requests atomic.Int32
	notMod   atomic.Int32
}

func (s *deckServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	body := s.body.Load().([]byte)
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
	if r.Header.Get("If-None-Match") == etag {
		s.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Write(body)
}

func TestDeckSyncFromURL(t *testing.T) {
	w := newDeckWorld(t)
	day1, day5 := "2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z"
	w.must(w.manager, day1, "import", "@notes", "--deck", "Team values")
	v1 := []byte(w.must(w.manager, day1, "deck", "pack", "Team values", "-o", "-"))

	srv := &deckServer{}
	srv.body.Store(v1)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	url := ts.URL + "/team.recall-deck"

	// A plain http:// origin gets one warning line at add and at sync.
	warning := "is plain http: anyone on the way can change the deck"
	_, errOut, status := w.run(w.member, day1, "deck", "add", url)
	if status != 0 || strings.Count(errOut, warning) != 1 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("deck add of an http URL: status %d, stderr %q; want one warning line", status, errOut)
	}
	out, errOut, status := w.run(w.member, day1, "deck", "sync")
	if status != 0 || !strings.Contains(out, "not modified") || srv.notMod.Load() != 1 {
		t.Errorf("sync of an unchanged URL: %q, %d 304 answers", out, srv.notMod.Load())
	}
	if strings.Count(errOut, warning) != 1 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("deck sync of an http URL: stderr %q; want one warning line", errOut)
	}

	w.writeNote(editedTeamNote)
	w.must(w.manager, day5, "import", "@notes", "--deck", "Team values")
	srv.body.Store([]byte(w.must(w.manager, day5, "deck", "pack", "Team values", "-o", "-")))
	if out := w.must(w.member, day5, "deck", "sync"); !strings.Contains(out, "version 1 → 2") {
		t.Errorf("sync of a new version: %q", out)
	}
	var list []deckListJSON
	if err := json.Unmarshal([]byte(w.must(w.member, day5, "deck", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Origin != url || list[0].Version != 2 {
		t.Errorf("deck list after URL sync: %+v", list)
	}

	t.Run("slow server", func(t *testing.T) {
		release := make(chan struct{})
		slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer slow.Close()
		defer close(release)
		_, errOut, status := w.run(w.member, day5, "deck", "add", slow.URL+"/x", "--timeout", "200ms")
		if status != 1 || !strings.Contains(errOut, "timed out") {
			t.Errorf("slow server: status %d, stderr %q", status, errOut)
		}
	})
	t.Run("oversized body", func(t *testing.T) {
		big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			chunk := bytes.Repeat([]byte(" "), 1<<20)
			for range 33 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}))
		defer big.Close()
		before := w.snapshot(w.member)
		_, errOut, status := w.run(w.member, day5, "deck", "add", big.URL+"/x")
		if status != 1 || !strings.Contains(errOut, "larger than") {
			t.Errorf("oversized body: status %d, stderr %q", status, errOut)
		}
		if w.snapshot(w.member) != before {
			t.Error("a refused add changed the store")
		}
	})
}
