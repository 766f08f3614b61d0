package apkg_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/deck/apkg"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := readFixture(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readFixture(name string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		return nil, fmt.Errorf("%w (run go generate ./deck/apkg)", err)
	}
	return data, nil
}

func read(t *testing.T, data []byte) *apkg.Package {
	t.Helper()
	pkg, err := apkg.Read(bytes.NewReader(data), int64(len(data)), apkg.DefaultLimits())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return pkg
}

// fixtureNow is the import time of the fixtures: 2026-03-02 09:30 UTC, ten
// minutes after the learning card's failure.
var fixtureNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func adopt(t *testing.T, pkg *apkg.Package, deckName string) ([]apkg.Adopted, apkg.AdoptSummary) {
	t.Helper()
	cfg := settings()
	out, sum, err := pkg.Adopt(apkg.AdoptOptions{Deck: deckName, Settings: cfg, Now: fixtureNow})
	if err != nil {
		t.Fatalf("Adopt: %v", err)
	}
	return out, sum
}

// TestReadFixtures reads the packages make_fixtures.py wrote with Python's
// sqlite3, the legacy and the zstd form, holding the same notes.
func TestReadFixtures(t *testing.T) {
	crt := time.Date(2026, 2, 1, 4, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return crt.AddDate(0, 0, n) }
	type want struct {
		deck, front, back string
		st                scheduler.State
		reviews           int
		kind              deck.Kind
	}
	wants := map[string]want{
		"anki:Ab1!cd#EF:0": {"Languages::Spanish", "*hola* & adiós\n(media)", "hello\nand goodbye\n(media)",
			scheduler.State{Reps: 5, EF: 230, IntervalDays: 15, Due: day(40), Lapses: 1, LastReview: day(12)}, 6, deck.KindTerm},
		"anki:gh2%IJ&kl:0": {"Languages::Spanish", "perro", "dog",
			scheduler.State{Reps: 2, EF: 250, IntervalDays: 4, Due: day(35), Suspended: true, LastReview: fixtureNow.AddDate(0, 0, -4)}, 0, deck.KindTerm},
		"anki:gh2%IJ&kl:1": {"Languages::Spanish", "dog", "perro", scheduler.NewState(), 0, deck.KindReverse},
		"anki:mn3(OP)qr:0": {"Default", "The [...] of Spain is Madrid.", "capital\n\nGeography",
			scheduler.State{EF: 250, Due: fixtureNow.Add(-40 * time.Minute), LastReview: fixtureNow.Add(-40 * time.Minute)}, 1, deck.KindCloze},
		"anki:mn3(OP)qr:1": {"Default", "The capital of Spain is [city].", "Madrid\n\nGeography",
			scheduler.State{Reps: 3, EF: 130, IntervalDays: 4, Due: day(31), LastReview: day(20),
				BuriedUntil: time.Date(2026, 3, 3, 4, 0, 0, 0, time.UTC)}, 1, deck.KindCloze},
		"anki:st4*UV+wx:0": {"Languages::Spanish", "gato", "cat",
			scheduler.State{Reps: 12, EF: 130, IntervalDays: 1, Due: day(29), Lapses: 8, Leech: true, LastReview: day(28)}, 0, deck.KindTerm},
	}
	for _, name := range []string{"legacy.apkg", "modern.apkg"} {
		t.Run(name, func(t *testing.T) {
			pkg := read(t, readFile(t, name))
			wantCol := map[string]string{"legacy.apkg": "collection.anki2", "modern.apkg": "collection.anki21b"}[name]
			if pkg.Collection != wantCol {
				t.Errorf("read %s, want %s", pkg.Collection, wantCol)
			}
			if !slices.Equal(pkg.Media, []string{"hola.mp3", "x.jpg"}) {
				t.Errorf("media %q", pkg.Media)
			}
			got, sum := adopt(t, pkg, "")
			if sum.Orphans != 1 || sum.NotReviews != 1 || sum.Empty != 0 {
				t.Errorf("summary %+v: want the revlog row of a missing card and the reschedule left out", sum)
			}
			if len(got) != len(wants) {
				t.Fatalf("%d cards, want %d", len(got), len(wants))
			}
			for _, a := range got {
				w, ok := wants[a.Card.ID]
				if !ok {
					t.Errorf("unexpected card %q", a.Card.ID)
					continue
				}
				if a.Card.Deck != w.deck || a.Card.Front != w.front || a.Card.Back != w.back || a.Card.Kind != w.kind {
					t.Errorf("%s: %q %s %q / %q, want %q %s %q / %q", a.Card.ID, a.Card.Deck, a.Card.Kind, a.Card.Front, a.Card.Back, w.deck, w.kind, w.front, w.back)
				}
				if a.State != w.st {
					t.Errorf("%s: state\n got %+v\nwant %+v", a.Card.ID, a.State, w.st)
				}
				if len(a.Reviews) != w.reviews {
					t.Errorf("%s: %d reviews, want %d", a.Card.ID, len(a.Reviews), w.reviews)
				}
			}
			byID := map[string]apkg.Adopted{}
			for _, a := range got {
				byID[a.Card.ID] = a
			}
			// Anki's four buttons become grades 1, 3, 4, 5.
			var grades []scheduler.Grade
			basic := byID["anki:Ab1!cd#EF:0"]
			for _, r := range basic.Reviews {
				grades = append(grades, r.Grade)
			}
			if !slices.Equal(grades, []scheduler.Grade{4, 4, 5, 1, 3, 4}) {
				t.Errorf("grades %v, want 4 4 5 1 3 4", grades)
			}
			if !slices.Equal(basic.Card.Tags, []string{"greetings", "spanish"}) {
				t.Errorf("tags %q", basic.Card.Tags)
			}
			if s := byID["anki:gh2%IJ&kl:0"].Card.Siblings; !slices.Equal(s, []string{"anki:gh2%IJ&kl:1"}) {
				t.Errorf("siblings %q, want the note's other card", s)
			}
		})
	}
}

func TestCleanHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a<br>b<br/>c<br />d", "a\nb\nc\nd"},
		{"<div>one</div><div>two</div>", "one\ntwo"},
		{"&lt;b&gt; &amp; &nbsp;x&#39;", "<b> & x'"},
		{"<b>bold</b> and <i>it</i>", "*bold* and *it*"},
		{"[sound:a.mp3] <img src=\"b.png\"> text", "(media) text"},
		{"<script>alert(1)</script>ok<style>p{}</style>", "ok"},
		{"x\x1b[31mred\x07", "x[31mred"},
		{"line\n   with   spaces", "line with spaces"},
		{"<a href=\"javascript:x\">link</a>", "link"},
	}
	for _, tt := range tests {
		if got := apkg.CleanHTML(tt.in); got != tt.want {
			t.Errorf("CleanHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRoundTrip exports a reviewed store as an .apkg, imports it into a
// fresh store and compares cards, schedules and the log.
func TestRoundTrip(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	now := day(7).Add(2 * time.Hour)
	var buf bytes.Buffer
	opts := apkg.Options{Anki: anki.Options{}, Settings: settings(), Now: now}
	if err := apkg.Write(&buf, recs, log, opts); err != nil {
		t.Fatal(err)
	}
	pkg := read(t, buf.Bytes())
	adopted, _, err := pkg.Adopt(apkg.AdoptOptions{Settings: settings(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := storage.Open(filepath.Join(t.TempDir(), "fresh.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.Adopt(storageCards(adopted), now); err != nil {
		t.Fatal(err)
	}
	// Again: idempotent.
	sum, err := fresh.Adopt(storageCards(adopted), now.Add(time.Hour))
	if err != nil || sum.Added != 0 || sum.Reviews != 0 || sum.Unchanged != len(adopted) {
		t.Errorf("second import: %+v, %v; want everything unchanged", sum, err)
	}

	// Match the cards by deck and question.
	type key struct{ deck, front string }
	orig := map[key]apkg.Record{}
	origReviews := map[key]int{}
	byID := map[string]key{}
	for _, r := range recs {
		k := key{r.Card.Deck, r.Card.Front}
		if r.Card.Kind == deck.KindReverse {
			k.front = "reverse of " + r.Card.Back
		}
		orig[k], byID[r.Card.ID] = r, k
	}
	for _, e := range log {
		origReviews[byID[e.CardID]]++
	}
	got := map[key]storage.Record{}
	gotByID := map[string]key{}
	err = fresh.ForEachCard("", func(r storage.Record) error {
		k := key{r.Card.Deck, r.Card.Front}
		if r.Card.Kind == deck.KindReverse {
			k.front = "reverse of " + r.Card.Back
		}
		got[k], gotByID[r.Card.ID] = r, k
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	gotReviews := map[key]int{}
	err = fresh.ForEachLog(func(e storage.LogEntry) error {
		gotReviews[gotByID[e.CardID]]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(orig) {
		t.Fatalf("%d cards after the round trip, want %d", len(got), len(orig))
	}
	cfg := settings()
	dueDay := func(s scheduler.State) time.Time {
		if s.IsNew() {
			return time.Time{}
		}
		return cfg.DayStart(s.Due)
	}
	for k, o := range orig {
		g, ok := got[k]
		if !ok {
			t.Errorf("card %q (%s) lost in the round trip", k.front, o.Card.ID)
			continue
		}
		if o.Card.Kind != deck.KindReverse && g.Card.Back != o.Card.Back {
			t.Errorf("%s: back %q, want %q", o.Card.ID, g.Card.Back, o.Card.Back)
		}
		os, gs := o.State, g.State
		if gs.IntervalDays != os.IntervalDays || gs.EF != os.EF || !dueDay(gs).Equal(dueDay(os)) ||
			gs.Suspended != os.Suspended || gs.Lapses != os.Lapses || gs.IsNew() != os.IsNew() || gs.Redrill != os.Redrill {
			t.Errorf("%s: schedule\n got %+v\nwant %+v", o.Card.ID, gs, os)
		}
		if gotReviews[k] != origReviews[k] {
			t.Errorf("%s: %d reviews after the round trip, want %d", o.Card.ID, gotReviews[k], origReviews[k])
		}
	}
}

func storageCards(adopted []apkg.Adopted) []storage.AdoptedCard {
	out := make([]storage.AdoptedCard, len(adopted))
	for i, a := range adopted {
		var log []storage.LogEntry
		for _, r := range a.Reviews {
			log = append(log, storage.LogEntry{CardID: r.CardID, Time: r.Time, Grade: r.Grade, Prev: r.Prev, Next: r.Next, Answer: r.Answer})
		}
		out[i] = storage.AdoptedCard{Card: a.Card, State: a.State, Log: log}
	}
	return out
}

// zipOf builds a zip of the given files, in order.
func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := z.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// legacyCollection is the fixture's collection.anki2.
func legacyCollection(t *testing.T) string {
	t.Helper()
	data := readFile(t, "legacy.apkg")
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open("collection.anki2")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReadRefusesHostilePackages(t *testing.T) {
	col := legacyCollection(t)
	small := apkg.DefaultLimits()
	small.CollectionBytes = 1 << 20
	tests := []struct {
		name string
		data []byte
		lim  apkg.Limits
		want string
	}{
		{"not a zip", []byte("hello"), apkg.DefaultLimits(), "not an Anki package"},
		{"no collection", zipOf(t, [2]string{"media", "{}"}), apkg.DefaultLimits(), "no collection"},
		{"zip bomb", zipOf(t, [2]string{"collection.anki2", strings.Repeat("\x00", 2<<20)}), small, "more than 1 MiB"},
		{"path outside", zipOf(t, [2]string{"../../evil", "x"}, [2]string{"collection.anki2", col}), apkg.DefaultLimits(), "outside the package"},
		{"absolute path", zipOf(t, [2]string{"/etc/passwd", "x"}, [2]string{"collection.anki2", col}), apkg.DefaultLimits(), "outside the package"},
		{"not sqlite", zipOf(t, [2]string{"collection.anki2", "SQLite? no"}), apkg.DefaultLimits(), "not an SQLite database"},
		{"damaged zstd", zipOf(t, [2]string{"collection.anki21b", "\x28\xb5\x2f\xfd garbage"}), apkg.DefaultLimits(), "zstd"},
		{"bad media map", zipOf(t, [2]string{"collection.anki2", col}, [2]string{"media", "[1,2"}), apkg.DefaultLimits(), "media map"},
		{"too many notes", zipOf(t, [2]string{"collection.anki2", col}), func() apkg.Limits { l := apkg.DefaultLimits(); l.Notes = 3; return l }(), "more than 3 notes"},
		{"field too long", zipOf(t, [2]string{"collection.anki2", col}), func() apkg.Limits { l := apkg.DefaultLimits(); l.FieldBytes = 20; return l }(), "field 1 is"},
		{"too many files", zipOf(t, [2]string{"collection.anki2", col}, [2]string{"0", ""}, [2]string{"1", ""}), func() apkg.Limits { l := apkg.DefaultLimits(); l.ZipEntries = 2; return l }(), "holds 3 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := apkg.Read(bytes.NewReader(tt.data), int64(len(tt.data)), tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}
