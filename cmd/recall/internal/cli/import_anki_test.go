package cli

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
)

// reverseNote makes term cards with reverse cards (imported with
// --reverse) and two near-duplicate answers, which recall makes siblings.
const reverseNote = `---
title: Trust words
---
# Trust words

## Building trust

*   **Honesty**: Telling the truth to the team without fail, even when the news is bad.
*   **Candour**: Telling the truth to the team without fail, even when the news is unwelcome.
*   **Delivery**: Launching products when promised, with every feature that was committed.

## Losing trust

*   **Evasiveness**: Being vague whenever somebody asks a straight question about the plan.
`

// gradeLines is a review session's input in line mode: reveal, then a
// grade, for as many cards as recall shows; the grades cycle through a
// pass, a re-drill (3), a perfect and a failed answer.
func gradeLines(grades ...int) string {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "show\n%d\n", grades[i%len(grades)])
	}
	return b.String()
}

// TestAnkiRoundTrip: recall → .apkg → recall import-anki into a fresh store
// gives back the same cards under the same IDs, the same schedules (every
// field of the state), the same sibling links, the same review log and so
// the same queue on each of the next 30 days; and importing the notes
// into the fresh store afterwards finds every card it made.
func TestAnkiRoundTrip(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "words.md"), []byte(reverseNote), 0o644); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	from, to := filepath.Join(dir, "from.db"), filepath.Join(dir, "to.db")
	run := func(db, now, input string, args ...string) string {
		t.Helper()
		env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": now, "HOME": home, "TZ": "Europe/Berlin"})
		env.In = strings.NewReader(input)
		if status := Run(env, args); status != 0 {
			t.Fatalf("recall %q at %s: status %d, stderr %q", args, now, status, errOut)
		}
		return out.String()
	}

	// The built-in deck (near-duplicate siblings), then a deck with
	// reverse cards, renamed so its identity is not its name.
	run(from, "2026-11-01T09:00:00Z", gradeLines(4, 3, 5, 4, 1, 4), "review", "--plain")
	run(from, "2026-11-01T10:00:00Z", "", "import", "--reverse", "--deck", "Words", notes)
	run(from, "2026-11-01T10:00:00Z", "", "deck", "rename", "Words", "Vocabulary")
	run(from, "2026-11-01T11:00:00Z", gradeLines(3, 4, 5, 1, 4), "review", "--plain", "--deck", "Vocabulary")
	run(from, "2026-11-02T09:00:00Z", gradeLines(4, 3, 4, 5, 2, 4, 4), "review", "--plain")
	run(from, "2026-11-03T21:00:00Z", gradeLines(5, 4, 0, 3, 4), "review", "--plain")
	// A re-drill left waiting, a card buried until tomorrow and one
	// suspended at export time.
	run(from, "2026-11-05T08:00:00Z", "show\n3\nshow\n4\nshow\n4\nq\n", "review", "--plain")
	run(from, "2026-11-05T08:30:00Z", "x\nb\nq\n", "review", "--plain")
	before := memberCards(t, from)
	var suspend, reverse string
	for _, id := range slices.Sorted(maps.Keys(before)) {
		r := before[id]
		if r.Card.Kind == deck.KindReverse && reverse == "" {
			reverse = id
		}
		if suspend == "" && r.Card.Deck == "Building trust" && !r.State.IsNew() && len(r.Card.Siblings) > 0 {
			suspend = id
		}
	}
	if reverse == "" || suspend == "" {
		t.Fatalf("the store has no reverse card (%q) or no reviewed card with siblings (%q)", reverse, suspend)
	}
	run(from, "2026-11-05T09:00:00Z", "", "suspend", suspend)
	// And one card worded the user's way (recall edit).
	var edited string
	for _, id := range slices.Sorted(maps.Keys(before)) {
		if c := before[id].Card; c.Kind == deck.KindTerm && c.Deck == "Vocabulary" && edited == "" {
			edited = id
		}
	}
	editFile := filepath.Join(dir, "edit.txt")
	if err := os.WriteFile(editFile, []byte("[context]\nTrust words\n[question]\nWhich word means never lying?\n[answer]\nHonesty.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run(from, "2026-11-05T09:10:00Z", "", "edit", edited, "--from", editFile)

	const exported = "2026-11-05T09:30:00Z"
	run(from, exported, "", "export", "anki", "--with-progress", "-o", filepath.Join(dir, "rt.txt"))
	out := run(to, exported, "", "import-anki", filepath.Join(dir, "rt.apkg"))

	// What the story was meant to make, so the comparison means something.
	want := memberCards(t, from)
	var redrill, buried, suspended, lapsed, siblings, reverses int
	for _, r := range want {
		st := r.State
		redrill += boolCount(st.Redrill)
		buried += boolCount(st.BuriedUntil.After(mustTime(t, exported)))
		suspended += boolCount(st.Suspended)
		lapsed += boolCount(st.Lapses > 0)
		siblings += boolCount(len(r.Card.Siblings) > 0 && r.Card.Kind != deck.KindReverse)
		reverses += boolCount(r.Card.Kind == deck.KindReverse)
	}
	t.Logf("%d cards, %d reviews: %d re-drills, %d buried, %d suspended, %d lapsed, %d with siblings, %d reverse", len(want), len(logEntries(t, from)), redrill, buried, suspended, lapsed, siblings, reverses)
	if redrill == 0 || buried == 0 || suspended != 1 || lapsed == 0 || siblings == 0 || reverses == 0 {
		t.Fatalf("the store to export has %d re-drills, %d buried, %d suspended, %d lapsed cards, %d with siblings, %d reverse cards",
			redrill, buried, suspended, lapsed, siblings, reverses)
	}
	wantLog := logEntries(t, from)
	if fmt.Sprintf("added %d, updated 0, unchanged 0, reviews %d\n", len(want), len(wantLog)) != out {
		t.Errorf("import-anki printed %q, want %d cards and %d reviews added", out, len(want), len(wantLog))
	}

	got := memberCards(t, to)
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("card IDs\n got %q\nwant %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for id, w := range want {
		g := got[id]
		if !reflect.DeepEqual(g.Card, w.Card) {
			t.Errorf("card %s\n got %+v\nwant %+v", id, g.Card, w.Card)
		}
		if !reflect.DeepEqual(g.State, w.State) {
			t.Errorf("card %s state\n got %+v\nwant %+v", id, g.State, w.State)
		}
		if g.Retired != w.Retired {
			t.Errorf("card %s retired %v, want %v", id, g.Retired, w.Retired)
		}
		if !reflect.DeepEqual(g.Edit, w.Edit) || g.EditStale != w.EditStale {
			t.Errorf("card %s edit %+v (stale %v), want %+v (stale %v)", id, g.Edit, g.EditStale, w.Edit, w.EditStale)
		}
	}
	if got[edited].Edit == nil || got[edited].Card.Back != "Honesty." {
		t.Errorf("edited card %s came back as %+v, edit %+v", edited, got[edited].Card, got[edited].Edit)
	}
	if r := got[reverse].Card; !strings.Contains(r.Front, "Which term is this?") || r.Back != before[reverse].Card.Back {
		t.Errorf("reverse card %s came back asking %q, answering %q", reverse, r.Front, r.Back)
	}

	// The log: the same reviews, in the same order, of the same cards, at
	// the same times, with the same grades (Anki's Again stands for 0, 1
	// and 2) and answer times.
	gotLog := logEntries(t, to)
	if len(gotLog) != len(wantLog) {
		t.Fatalf("%d log entries, want %d", len(gotLog), len(wantLog))
	}
	grades := map[int]int{}
	for i, w := range wantLog {
		g := gotLog[i]
		grades[int(w.Grade)]++
		if g.CardID != w.CardID || !g.Time.Equal(w.Time) || g.Grade != w.Grade || g.Answer != w.Answer {
			t.Errorf("log entry %d: card %s at %s grade %d in %v, want %s at %s grade %d in %v", i+1,
				g.CardID, g.Time.Format(time.RFC3339Nano), g.Grade, g.Answer, w.CardID, w.Time.Format(time.RFC3339Nano), w.Grade, w.Answer)
		}
	}
	if grades[0] == 0 || grades[2] == 0 || grades[3] == 0 {
		t.Errorf("grades given %v: the story needs a 0, a 2 and a 3", grades)
	}

	// The queue, day by day: the same counts, the same cards held back.
	day := mustTime(t, exported)
	for i := range 30 {
		now := day.AddDate(0, 0, i).Format(time.RFC3339)
		if g, w := run(to, now, "", "due"), run(from, now, "", "due"); g != w {
			t.Errorf("recall due on %s\n got %q\nwant %q", now[:10], g, w)
		}
	}

	// Through an Anki, which keeps the fields but empties the notes' data
	// column when it adds a note, every card still comes back under its ID,
	// in its deck, with its siblings, a reverse card asking its own
	// question, and (not reviewed in Anki since) its whole schedule: Anki's
	// columns and the RecallID field's sched part; so recall due agrees.
	bare := filepath.Join(dir, "bare.apkg")
	alterPackage(t, filepath.Join(dir, "rt.apkg"), bare, "update notes set data = ''")
	viaAnki := filepath.Join(dir, "via-anki.db")
	run(viaAnki, exported, "", "import-anki", bare)
	bareCards := memberCards(t, viaAnki)
	if len(bareCards) != len(want) {
		t.Errorf("%d cards without the data column, want %d", len(bareCards), len(want))
	}
	for id, g := range bareCards {
		w, ok := want[id]
		if !ok {
			t.Errorf("card %s: not an ID of the store exported", id)
			continue
		}
		// Through Anki an edit is the card's text (the note shows it), and
		// the note's reverse card is asked in the edited context.
		editedNote := id == edited || w.Card.Kind == deck.KindReverse && slices.Contains(w.Card.Siblings, edited)
		if g.Card.Deck != w.Card.Deck || !editedNote && (g.Card.Front != w.Card.Front || g.Card.Back != w.Card.Back) || !slices.Equal(g.Card.Siblings, w.Card.Siblings) {
			t.Errorf("card %s without the data column: %q %q / %q siblings %q, want %q %q / %q siblings %q", id,
				g.Card.Deck, g.Card.Front, g.Card.Back, g.Card.Siblings, w.Card.Deck, w.Card.Front, w.Card.Back, w.Card.Siblings)
		}
		if g.Card.Order != w.Card.Order {
			t.Errorf("card %s without the data column: order %d, want %d", id, g.Card.Order, w.Card.Order)
		}
		if !reflect.DeepEqual(g.State, w.State) {
			t.Errorf("card %s without the data column: state\n got %+v\nwant %+v", id, g.State, w.State)
		}
	}
	for i := range 30 {
		now := day.AddDate(0, 0, i).Format(time.RFC3339)
		if g, w := run(viaAnki, now, "", "due"), run(from, now, "", "due"); g != w {
			t.Errorf("without the data column, recall due on %s\n got %q\nwant %q", now[:10], g, w)
		}
	}

	// Importing the same package again, or the notes into the deck under
	// its new name, finds the cards it has.
	if out := run(to, exported, "", "import-anki", filepath.Join(dir, "rt.apkg")); !strings.HasPrefix(out, fmt.Sprintf("added 0, updated 0, unchanged %d, reviews 0\n", len(want))) {
		t.Errorf("second import-anki printed %q", out)
	}
	if out := run(to, exported, "", "import", "--reverse", "--deck", "Vocabulary", notes); !strings.HasPrefix(out, "added 0, updated 0, unchanged ") || !strings.Contains(out, "retired 0, relinked 0") {
		t.Errorf("import of the notes into the fresh store printed %q: the deck's identity was not carried", out)
	}
	if r := memberCards(t, to)[edited]; r.Edit == nil || r.Card.Back != "Honesty." {
		t.Errorf("after importing the notes, the edited card is %+v, edit %+v: the edit was not kept apart", r.Card, r.Edit)
	}
}

func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// ankiWorld is a store with the built-in deck reviewed, and its export.
type ankiWorld struct {
	t         *testing.T
	dir, from string
	pkg       string // the .apkg
}

const ankiWorldNow = "2026-11-02T10:00:00Z"

func newAnkiWorld(t *testing.T) *ankiWorld {
	t.Helper()
	w := &ankiWorld{t: t, dir: t.TempDir()}
	w.from, w.pkg = filepath.Join(w.dir, "from.db"), filepath.Join(w.dir, "rt.apkg")
	w.must(w.from, "2026-11-01T09:00:00Z", gradeLines(4, 3, 5, 4, 1, 4), "review", "--plain")
	w.must(w.from, "2026-11-02T09:00:00Z", gradeLines(4, 5, 4), "review", "--plain")
	w.must(w.from, ankiWorldNow, "", "export", "anki", "--with-progress", "-o", filepath.Join(w.dir, "rt.txt"))
	return w
}

func (w *ankiWorld) run(db, now, input string, args ...string) (string, string, int) {
	w.t.Helper()
	env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": now, "HOME": filepath.Join(w.dir, "home")})
	env.In = strings.NewReader(input)
	status := Run(env, args)
	return out.String(), errOut.String(), status
}

func (w *ankiWorld) must(db, now, input string, args ...string) string {
	w.t.Helper()
	out, errOut, status := w.run(db, now, input, args...)
	if status != 0 {
		w.t.Fatalf("recall %q: status %d, stderr %q", args, status, errOut)
	}
	return out
}

// snapshot is everything of a store that a refused import must leave.
func (w *ankiWorld) snapshot(db string) string {
	w.t.Helper()
	return w.must(db, ankiWorldNow, "", "cards", "--json") + w.must(db, ankiWorldNow, "", "log", "export", "--format", "jsonl") +
		w.must(db, ankiWorldNow, "", "decks")
}

// altered writes a copy of the package with SQL statements run on its
// collection, as a hostile or an edited package would be, and returns its
// path.
func (w *ankiWorld) altered(name string, statements ...string) string {
	w.t.Helper()
	path := filepath.Join(w.dir, name+".apkg")
	alterPackage(w.t, w.pkg, path, statements...)
	return path
}

// alterPackage writes to dst the package src with SQL statements run on
// its collection.
func alterPackage(t *testing.T, src, dst string, statements ...string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	colPath := filepath.Join(t.TempDir(), "collection.anki2")
	var media []byte
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		switch f.Name {
		case "collection.anki2":
			if err := os.WriteFile(colPath, b, 0o600); err != nil {
				t.Fatal(err)
			}
		case "media":
			media = b
		}
	}
	db, err := sql.Open("sqlite", colPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	col, err := os.ReadFile(colPath)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{"collection.anki2", col}, {"media", media}} {
		fw, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// firstNote selects the note of the card listed first in the package.
const firstNote = "id = (select min(id) from notes)"

// TestImportAnkiRefusesHostileRecallIDs: a package whose RecallID field or
// recall data is malformed claims IDs it cannot back; it is refused whole,
// naming what is wrong, and the store is left as it was.
func TestImportAnkiRefusesHostileRecallIDs(t *testing.T) {
	w := newAnkiWorld(t)
	// The IDs of the store's cards (12 hex digits), for two notes of the
	// package claiming one.
	var ids []string
	for id := range memberCards(t, w.from) {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	tests := []struct {
		name, sql, want string
	}{
		{"control character in an ID", "update notes set flds = replace(flds, ' card0=', ' card0=%1B%5B31m') where " + firstNote, "is not a card ID"},
		{"space in an ID", "update notes set flds = replace(flds, ' card0=', ' card0=a+b') where " + firstNote, "is not a card ID"},
		{"overlong ID", "update notes set flds = replace(flds, ' card0=', ' card0=" + strings.Repeat("a", 200) + "') where " + firstNote, "is not a card ID"},
		{"unknown key", "update notes set flds = replace(flds, 'recall:1 ', 'recall:1 owner=me ') where " + firstNote, `unknown key "owner"`},
		{"third card", "update notes set flds = flds || ' card2=abc' where " + firstNote, "cards 0 and 1 only"},
		{"too many siblings", "update notes set flds = flds || ' siblings0=" + strings.TrimSuffix(strings.Repeat("a,", 600), ",") + "' where " + firstNote, "siblings0"},
		{"sched out of range", "update notes set flds = replace(flds, ' sched0=', ' sched0=99999999999') where " + firstNote, "sched0"},
		{"no deck", "update notes set flds = replace(flds, ' deck=', ' kind=') where " + firstNote, "unknown key"},
		{"an ID claimed twice", "update notes set flds = substr(flds, 1, instr(flds, ' card0=') + 6) || '" + ids[0] + "' || substr(flds, instr(flds, ' card0=') + 19) where id in (select id from notes order by id limit 2)", "another card of the package has"},
		{"damaged recall data", `update notes set data = '{"recall":1,"cards":' where ` + firstNote, "damaged"},
		{"EF out of range", `update notes set data = replace(data, '"ef":', '"ef":5,"x":') where ` + firstNote, "EF 5 out of range"},
		{"unknown kind", `update notes set data = replace(data, '"kind":"', '"kind":"evil') where ` + firstNote, "is not one recall makes"},
		{"escape in recall data", `update notes set data = replace(data, '"front":"', '"front":"\u001b[2J') where ` + firstNote, "control characters"},
	}
	other := filepath.Join(w.dir, "other.db")
	w.must(other, ankiWorldNow, gradeLines(4), "review", "--plain")
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkg := w.altered(fmt.Sprintf("hostile%d", i), tt.sql)
			for _, db := range []string{filepath.Join(w.dir, fmt.Sprintf("fresh%d.db", i)), other} {
				before := ""
				if db == other {
					before = w.snapshot(db)
				}
				_, errOut, status := w.run(db, ankiWorldNow, "", "import-anki", pkg)
				if status == 0 || !strings.Contains(errOut, tt.want) || !strings.HasPrefix(errOut, "recall: "+pkg+": note ") || strings.Count(errOut, "\n") != 1 {
					t.Errorf("import-anki into %s: status %d, stderr %q; want one line naming the package and saying %q", filepath.Base(db), status, errOut, tt.want)
				}
				if strings.ContainsAny(errOut, "\x1b\x00") {
					t.Errorf("stderr %q holds a control character", errOut)
				}
				if db == other {
					if after := w.snapshot(db); after != before {
						t.Errorf("the refused import changed the store")
					}
				} else if _, err := os.Stat(db); err == nil {
					if out := w.must(db, ankiWorldNow, "", "cards"); strings.TrimSpace(out) != "" && !strings.Contains(out, "no cards") {
						t.Errorf("the refused import left cards in a fresh store:\n%s", out)
					}
				}
			}
		})
	}
}

// TestImportAnkiClaimedIDs: a package naming the IDs of cards the store
// has never overwrites them, even with other text; into a fresh store an
// edited note comes back with its ID and its exact schedule, and a card
// reviewed since (its schedule columns changed) with its ID, its siblings
// and Anki's schedule.
func TestImportAnkiClaimedIDs(t *testing.T) {
	w := newAnkiWorld(t)
	before := w.snapshot(w.from)
	edited := w.altered("edited",
		"update notes set flds = replace(flds, 'Telling the truth without fail.', 'EVIL text')",
		"update cards set reps = reps + 1, ivl = 9 where ivl = 6")
	out, errOut, status := w.run(w.from, ankiWorldNow, "", "import-anki", edited)
	cards := memberCards(t, w.from)
	if status != 0 || out != fmt.Sprintf("added 0, updated 0, unchanged %d, reviews 0\n", len(cards)) ||
		!strings.Contains(errOut, fmt.Sprintf("%d cards have recall IDs this store has already; those cards were left as they are", len(cards))) {
		t.Errorf("import-anki into the store it came from: status %d, out %q, stderr %q", status, out, errOut)
	}
	if w.snapshot(w.from) != before {
		t.Errorf("a package naming the store's card IDs changed the store")
	}

	fresh := filepath.Join(w.dir, "fresh.db")
	w.must(fresh, ankiWorldNow, "", "import-anki", edited)
	got := memberCards(t, fresh)
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(cards))) {
		t.Fatalf("card IDs\n got %q\nwant %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(cards)))
	}
	var editedCards, rescheduled int
	for id, want := range cards {
		g := got[id]
		if !slices.Equal(g.Card.Siblings, want.Card.Siblings) {
			t.Errorf("card %s: siblings %q, want %q", id, g.Card.Siblings, want.Card.Siblings)
		}
		if want.Card.Back == "Telling the truth without fail." {
			editedCards++
			if g.Card.Back != "EVIL text" || !reflect.DeepEqual(g.State, want.State) {
				t.Errorf("edited card %s: back %q, state %+v; want the edit and the exact state %+v", id, g.Card.Back, g.State, want.State)
			}
		}
		if want.State.IntervalDays == 6 {
			rescheduled++
			if g.State.IntervalDays != 9 || g.State.Reps == want.State.Reps && g.State.LastReview.Equal(want.State.LastReview) {
				t.Errorf("card %s reviewed since in Anki: state %+v, want Anki's interval 9", id, g.State)
			}
		} else if !reflect.DeepEqual(g.State, want.State) {
			t.Errorf("card %s: state %+v, want %+v", id, g.State, want.State)
		}
	}
	if editedCards != 1 || rescheduled == 0 {
		t.Fatalf("%d edited, %d rescheduled cards: the test edits nothing", editedCards, rescheduled)
	}
}
