package apkg_test

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
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

var (
	day0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	day  = func(n int) time.Time { return day0.AddDate(0, 0, n) }
)

func settings() scheduler.Settings {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	cfg.NewPerDay = 7
	cfg.LeechLapses = 5
	return cfg
}

func buildingTrust() []deck.Card {
	src := func(section string) []deck.Source {
		return []deck.Source{{File: "building-trust.md", Line: 3, Title: "Building trust", Section: section,
			URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s"}}
	}
	return []deck.Card{
		{ID: "t1", Kind: deck.KindTerm, Front: "What does *Calling your shots* mean?", Back: "Setting goals, then hitting them.",
			Term: "Calling your shots", Note: "building-trust", Order: 1, Siblings: []string{"r1"}, Sources: src("Building Trust")},
		{ID: "r1", Kind: deck.KindReverse, Front: "Setting goals, then hitting them.", Back: "Calling your shots",
			Term: "Calling your shots", Note: "building-trust", Order: 2, Siblings: []string{"t1"}, Sources: src("Building Trust")},
		{ID: "l1", Kind: deck.KindList, Front: "Name the 4 ways trust is lost", Back: "Lying\nBeing evasive\nNot shipping\nRepeating mistakes",
			Term: "Losing Trust", Note: "building-trust", Order: 3, Sources: src("Losing Trust")},
		{ID: "n1", Kind: deck.KindTerm, Front: "What is <candor> & \"truth\"?", Back: "Saying\twhat you think.",
			Term: "Candor", Note: "building-trust", Order: 4, Sources: src("Candor")},
	}
}

func otherDeck() []deck.Card {
	return []deck.Card{
		{ID: "x1", Kind: deck.KindTerm, Front: "What is a lapse?", Back: "Forgetting a card you knew.", Term: "Lapse", Note: "srs", Order: 1,
			Sources: []deck.Source{{File: "srs.md", Title: "SRS", Section: "Terms"}}},
	}
}

type review struct {
	id     string
	at     time.Time
	grade  scheduler.Grade
	answer time.Duration
}

// reviews is a short history: t1 learnt well, r1 failed once at the very
// same instant as t1's first review (two revlog rows in one millisecond),
// l1 learnt then suspended, x1 learnt then lapsed.
var reviews = []review{
	{"t1", day(0), 5, 3 * time.Second},
	{"r1", day(0), 1, 90 * time.Second},
	{"l1", day(0), 4, 2500 * time.Millisecond},
	{"x1", day(0), 4, time.Second},
	{"t1", day(1), 4, 4 * time.Second},
	{"x1", day(1), 1, 5 * time.Second},
	{"t1", day(7), 3, 6 * time.Second},
	{"t1", day(7).Add(time.Minute), 5, 2 * time.Second},
}

// fromStore reads what `recall export anki --with-progress` reads.
func fromStore(t testing.TB, st *storage.Store) ([]apkg.Record, []apkg.Review) {
	t.Helper()
	var recs []apkg.Record
	err := st.ForEachCard("", func(r storage.Record) error {
		if !r.Retired {
			recs = append(recs, apkg.Record{Card: r.Card, State: r.State, Changed: r.Changed})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var log []apkg.Review
	err = st.ForEachLog(func(e storage.LogEntry) error {
		log = append(log, apkg.Review{CardID: e.CardID, Time: e.Time, Grade: e.Grade, Prev: e.Prev, Next: e.Next, Answer: e.Answer})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs, log
}

func reviewedStore(t testing.TB) *storage.Store {
	t.Helper()
	st, err := storage.Open(filepath.Join(t.TempDir(), "recall.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import("Building trust", buildingTrust(), day0.Add(-time.Hour), false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import("Other", otherDeck(), day0.Add(-time.Hour), false); err != nil {
		t.Fatal(err)
	}
	for _, r := range reviews {
		if _, _, err := st.Review(r.id, r.grade, r.at, r.answer, settings()); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetSuspended([]string{"l1"}, true); err != nil {
		t.Fatal(err)
	}
	return st
}

func writePackage(t *testing.T, recs []apkg.Record, log []apkg.Review, now time.Time) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := apkg.Options{Anki: anki.DefaultOptions(), Settings: settings(), Now: now}
	if err := apkg.Write(&buf, recs, log, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// openCollection unzips a package and opens its collection.
func openCollection(t *testing.T, pkg []byte) *sql.DB {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatalf("package is not a zip: %v", err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range z.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(names, []string{"collection.anki2", "media"}) {
		t.Errorf("package holds %q, want collection.anki2 and media", names)
	}
	if string(files["media"]) != "{}" {
		t.Errorf("media map %q, want {}", files["media"])
	}
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, files["collection.anki2"], 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type colRow struct {
	crt, mod, scm, ver              int64
	conf, models, decks, dconf, tag string
}

func readCol(t *testing.T, db *sql.DB) colRow {
	t.Helper()
	var c colRow
	err := db.QueryRow(`select crt, mod, scm, ver, conf, models, decks, dconf, tags from col where id = 1`).
		Scan(&c.crt, &c.mod, &c.scm, &c.ver, &c.conf, &c.models, &c.decks, &c.dconf, &c.tag)
	if err != nil {
		t.Fatalf("read col: %v", err)
	}
	return c
}

func TestPackageMatchesStore(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	now := day(7).Add(2 * time.Hour)
	db := openCollection(t, writePackage(t, recs, log, now))
	cfg := settings()

	col := readCol(t, db)
	crt := cfg.DayStart(day0)
	if col.ver != 11 || col.crt != crt.Unix() || col.mod != now.UnixMilli() {
		t.Errorf("col: ver %d crt %d mod %d, want 11, %d (start of the first review's day), %d", col.ver, col.crt, col.mod, crt.Unix(), now.UnixMilli())
	}
	var conf map[string]any
	mustJSON(t, col.conf, &conf)
	if conf["schedVer"] != 2.0 || conf["rollover"] != 4.0 || conf["creationOffset"] != 0.0 {
		t.Errorf("conf %v: want schedVer 2, rollover 4, creationOffset 0", conf)
	}

	// Decks: recall's, under the prefix, with their parent and Anki's Default.
	var decks map[string]map[string]any
	mustJSON(t, col.decks, &decks)
	deckName := map[int64]string{}
	for key, d := range decks {
		requireKeys(t, "deck "+key, d, "id", "mod", "name", "usn", "lrnToday", "revToday", "newToday", "timeToday", "collapsed", "dyn", "conf")
		if key != jsonNumber(d["id"]) {
			t.Errorf("deck %s has id %v", key, d["id"])
		}
		deckName[int64(d["id"].(float64))] = d["name"].(string)
	}
	var names []string
	for _, n := range deckName {
		names = append(names, n)
	}
	slices.Sort(names)
	if want := []string{"Default", "recall", "recall::Building trust", "recall::Other"}; !slices.Equal(names, want) {
		t.Errorf("decks %q, want %q", names, want)
	}

	var models map[string]map[string]any
	mustJSON(t, col.models, &models)
	modelName := map[int64]string{}
	for key, m := range models {
		requireKeys(t, "notetype "+key, m, "id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css")
		for _, f := range m["flds"].([]any) {
			requireKeys(t, "field", f.(map[string]any), "name", "ord", "sticky", "rtl", "font", "size")
		}
		for _, tm := range m["tmpls"].([]any) {
			requireKeys(t, "template", tm.(map[string]any), "name", "ord", "qfmt")
		}
		modelName[int64(m["id"].(float64))] = m["name"].(string)
	}
	var dconf map[string]map[string]any
	mustJSON(t, col.dconf, &dconf)
	for key, c := range dconf {
		requireKeys(t, "deck options "+key, c, "id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "new", "rev", "lapse")
		requireKeys(t, "deck options new", c["new"].(map[string]any), "delays", "initialFactor", "ints", "order", "perDay")
		requireKeys(t, "deck options rev", c["rev"].(map[string]any), "ease4", "ivlFct", "maxIvl", "perDay")
		requireKeys(t, "deck options lapse", c["lapse"].(map[string]any), "delays", "leechAction", "leechFails", "minInt", "mult")
	}

	// Notes: one per Anki note of the plain-text export, same fields.
	var cards []deck.Card
	state := map[string]scheduler.State{}
	for _, r := range recs {
		cards = append(cards, r.Card)
		state[r.Card.ID] = r.State
	}
	want, err := anki.Notes(cards, anki.Options{DeckPrefix: anki.DefaultDeckPrefix, NoteType: anki.RecallNoteType})
	if err != nil {
		t.Fatal(err)
	}
	type note struct {
		id         int64
		mid        int64
		tags, flds string
	}
	notes := map[string]note{}
	rows, err := db.Query(`select id, guid, mid, tags, flds from notes`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n note
		var guid string
		if err := rows.Scan(&n.id, &guid, &n.mid, &n.tags, &n.flds); err != nil {
			t.Fatal(err)
		}
		notes[guid] = n
	}
	if len(notes) != len(want) {
		t.Errorf("%d notes, want %d", len(notes), len(want))
	}

	// Cards: each recall card once, under its note at its ordinal.
	type card struct {
		nid, did, ord, typ, queue, due, ivl, factor, reps, lapses int64
		id                                                        int64
	}
	byNoteOrd := map[[2]int64]card{}
	rows, err = db.Query(`select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses from cards`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c card
		if err := rows.Scan(&c.id, &c.nid, &c.did, &c.ord, &c.typ, &c.queue, &c.due, &c.ivl, &c.factor, &c.reps, &c.lapses); err != nil {
			t.Fatal(err)
		}
		byNoteOrd[[2]int64{c.nid, c.ord}] = c
	}
	if len(byNoteOrd) != len(recs) {
		t.Errorf("%d cards, want %d", len(byNoteOrd), len(recs))
	}
	reviewsOf := map[string]int{}
	for _, e := range log {
		reviewsOf[e.CardID]++
	}
	cardID := map[string]int64{}
	for _, w := range want {
		n, ok := notes[w.GUID]
		if !ok {
			t.Errorf("note %s (cards %v) missing", w.GUID, w.CardIDs)
			continue
		}
		// The fields are the text export's; the RecallID field adds, for
		// each reviewed card, what Anki has no column for.
		got := strings.Split(n.flds, "\x1f")
		last := len(w.Fields) - 1
		if len(got) != len(w.Fields) || strings.Join(got[:last], "\x1f") != strings.Join(w.Fields[:last], "\x1f") {
			t.Errorf("note %s fields %q, want %q", w.GUID, n.flds, strings.Join(w.Fields, "\x1f"))
			continue
		}
		gotID, ok, err := anki.ParseRecallID(apkg.CleanHTML(got[last]))
		if err != nil || !ok || gotID.Deck != w.RecallID.Deck || len(gotID.Cards) != len(w.RecallID.Cards) {
			t.Errorf("note %s RecallID field %q (%v), want one like %q", w.GUID, got[last], err, w.Fields[last])
			continue
		}
		for ord, c := range gotID.Cards {
			wc, st := w.RecallID.Cards[ord], state[c.ID]
			if c.ID != wc.ID || !slices.Equal(c.Siblings, wc.Siblings) || (c.Sched != nil) == st.IsNew() ||
				c.Sched != nil && (c.Sched.Reps != st.Reps || !c.Sched.LastReview.Equal(st.LastReview.Truncate(time.Millisecond))) {
				t.Errorf("note %s card %d in the RecallID field %+v, want %+v with the schedule of %+v", w.GUID, ord, c, wc, st)
			}
		}
		if modelName[n.mid] != anki.RecallNoteType {
			t.Errorf("note %s has notetype %q, want %q", w.GUID, modelName[n.mid], anki.RecallNoteType)
		}
		for _, tag := range w.Tags {
			if !strings.Contains(n.tags, " "+tag+" ") {
				t.Errorf("note %s tags %q lack %q", w.GUID, n.tags, tag)
			}
		}
		for ord, id := range w.CardIDs {
			c, ok := byNoteOrd[[2]int64{n.id, int64(ord)}]
			if !ok {
				t.Errorf("card %s: no Anki card %d of note %s", id, ord, w.GUID)
				continue
			}
			cardID[id] = c.id
			if deckName[c.did] != w.Deck {
				t.Errorf("card %s in deck %q, want %q", id, deckName[c.did], w.Deck)
			}
			s := state[id]
			if c.reps != int64(reviewsOf[id]) || c.lapses != int64(s.Lapses) {
				t.Errorf("card %s: reps %d lapses %d, want %d and %d", id, c.reps, c.lapses, reviewsOf[id], s.Lapses)
			}
			checkSchedule(t, id, c.typ, c.queue, c.due, c.ivl, c.factor, s, crt)
		}
	}

	// Spot checks of the mapping, so a wrong rule cannot hide behind the
	// same wrong rule in checkSchedule.
	if c := byNoteOrd[[2]int64{notes[anki.GUID("t1")].id, 0}]; c.typ != 2 || c.queue != 2 || c.ivl != 15 || c.factor != 2460 || c.due != 22 {
		t.Errorf("t1 card %+v: want review, ivl 15, factor 2460, due day 22", c)
	}
	if c := byNoteOrd[[2]int64{notes[anki.GUID("t1")].id, 1}]; c.typ != 1 || c.queue != 1 || c.due != state["r1"].Due.Unix() {
		t.Errorf("r1 card %+v: reviewed, never recalled, want learning, due when recall shows it", c)
	}
	if c := byNoteOrd[[2]int64{notes[anki.GUID("l1")].id, 0}]; c.typ != 2 || c.queue != -1 || c.ivl != 1 {
		t.Errorf("l1 card %+v: want a suspended review card", c)
	}
	if c := byNoteOrd[[2]int64{notes[anki.GUID("x1")].id, 0}]; c.typ != 3 || c.queue != 1 || c.ivl != 1 || c.due != state["x1"].Due.Unix() || c.lapses != 1 {
		t.Errorf("x1 card %+v: lapsed on day 1, want a relearning card due at once", c)
	}

	// Revlog: every log entry, in order, with Anki's ease buttons.
	rows, err = db.Query(`select id, cid, usn, ease, ivl, lastIvl, factor, time, type from revlog order by id`)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	lastID := int64(0)
	for rows.Next() {
		var id, cid, usn, ease, ivl, lastIvl, factor, ms, typ int64
		if err := rows.Scan(&id, &cid, &usn, &ease, &ivl, &lastIvl, &factor, &ms, &typ); err != nil {
			t.Fatal(err)
		}
		if i >= len(log) {
			t.Fatalf("more revlog rows than the %d log entries", len(log))
		}
		e := log[i]
		i++
		wantID := max(e.Time.UnixMilli(), lastID+1)
		lastID = wantID
		wantEase := map[scheduler.Grade]int64{0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[e.Grade]
		wantTime := min(e.Answer.Milliseconds(), 60000)
		if id != wantID || cid != cardID[e.CardID] || usn != -1 || ease != wantEase || ivl != int64(e.Next.IntervalDays) ||
			lastIvl != int64(e.Prev.IntervalDays) || factor != int64(e.Next.EF)*10 || ms != wantTime {
			t.Errorf("revlog row %d: id %d cid %d usn %d ease %d ivl %d lastIvl %d factor %d time %d; want %d %d -1 %d %d %d %d %d",
				i, id, cid, usn, ease, ivl, lastIvl, factor, ms,
				wantID, cardID[e.CardID], wantEase, e.Next.IntervalDays, e.Prev.IntervalDays, int64(e.Next.EF)*10, wantTime)
		}
		wantType := int64(1)
		if e.Prev.IntervalDays == 0 {
			wantType = 0
			if e.Prev.Lapses > 0 {
				wantType = 2
			}
		}
		if typ != wantType {
			t.Errorf("revlog row %d: type %d, want %d", i, typ, wantType)
		}
	}
	if i != len(log) {
		t.Errorf("%d revlog rows, want %d", i, len(log))
	}
}

func checkSchedule(t *testing.T, id string, typ, queue, due, ivl, factor int64, s scheduler.State, crt time.Time) {
	t.Helper()
	wantQueue := func(q int64) int64 {
		if s.Suspended {
			return -1
		}
		return q
	}
	if s.IsNew() {
		if typ != 0 || queue != wantQueue(0) || ivl != 0 || factor != 0 {
			t.Errorf("card %s: type %d queue %d ivl %d factor %d, want a new card", id, typ, queue, ivl, factor)
		}
		return
	}
	if s.Redrill || s.IntervalDays == 0 {
		at := s.Due
		if s.Redrill {
			at = s.LastReview
		}
		wantType := int64(3)
		if s.Reps == 0 && s.Lapses == 0 && s.IntervalDays == 0 {
			wantType = 1
		}
		if typ != wantType || queue != wantQueue(1) || due != at.Unix() || factor != int64(s.EF)*10 {
			t.Errorf("card %s: type %d queue %d due %d factor %d, want type %d in the learning queue due %d", id, typ, queue, due, factor, wantType, at.Unix())
		}
		return
	}
	wantDue := int64(s.Due.Sub(crt).Round(24*time.Hour) / (24 * time.Hour))
	if typ != 2 || queue != wantQueue(2) || ivl != int64(max(s.IntervalDays, 1)) || factor != int64(s.EF)*10 || due != wantDue {
		t.Errorf("card %s: type %d queue %d due %d ivl %d factor %d, want review, due %d, ivl %d, factor %d",
			id, typ, queue, due, ivl, factor, wantDue, s.IntervalDays, int64(s.EF)*10)
	}
}

func TestPackageIsDeterministic(t *testing.T) {
	recs, log := fromStore(t, reviewedStore(t))
	now := day(9)
	a := writePackage(t, recs, log, now)
	slices.Reverse(recs)
	b := writePackage(t, recs, log, now)
	if !bytes.Equal(a, b) {
		t.Error("two packages of the same cards differ")
	}
}

func TestPackageWithoutReviews(t *testing.T) {
	recs := []apkg.Record{}
	for _, c := range buildingTrust() {
		c.Deck = "Building trust"
		recs = append(recs, apkg.Record{Card: c, State: scheduler.NewState()})
	}
	now := day(3).Add(5 * time.Hour)
	db := openCollection(t, writePackage(t, recs, nil, now))
	if col := readCol(t, db); col.crt != settings().DayStart(now).Unix() {
		t.Errorf("crt %d, want the start of the export day %d", col.crt, settings().DayStart(now).Unix())
	}
	var n, newCards int
	if err := db.QueryRow(`select count(*), sum(type = 0 and queue = 0) from cards`).Scan(&n, &newCards); err != nil {
		t.Fatal(err)
	}
	if n != len(recs) || newCards != n {
		t.Errorf("%d cards, %d new; want %d, all new", n, newCards, len(recs))
	}
	var revlog int
	if err := db.QueryRow(`select count(*) from revlog`).Scan(&revlog); err != nil {
		t.Fatal(err)
	}
	if revlog != 0 {
		t.Errorf("%d revlog rows, want none", revlog)
	}
}

func TestPackageWriteError(t *testing.T) {
	recs, log := fromStore(t, reviewedStore(t))
	err := apkg.Write(failingWriter{}, recs, log, apkg.Options{Settings: settings(), Now: day(9)})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

var errDiskFull = errors.New("disk full")

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("JSON %.80q: %v", s, err)
	}
}

// requireKeys checks the keys Anki's schema 11 decoder cannot do without.
func requireKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q", what, k)
		}
	}
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
