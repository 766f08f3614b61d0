package apkg_test

import (
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/deck/apkg"
	"github.com/recallcards/recall/scheduler"
)

// ids reads the note id of every GUID and the card id of every (GUID, ord).
func ids(t *testing.T, db *sql.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	rows, err := db.Query(`select n.guid, n.id, c.ord, c.id from notes n join cards c on c.nid = n.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var guid string
		var nid, ord, cid int64
		if err := rows.Scan(&guid, &nid, &ord, &cid); err != nil {
			t.Fatal(err)
		}
		out["note "+guid] = nid
		out["card "+guid+":"+string(rune('0'+ord))] = cid
	}
	return out
}

func TestIDsStableAcrossExports(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	first := ids(t, openCollection(t, writePackage(t, recs, log, day(7))))

	// A week later, with one more card at the front of the deck.
	extra := apkg.Record{Card: deck.Card{ID: "a0", Kind: deck.KindTerm, Deck: "Building trust", Front: "q", Back: "a", Order: 0}, State: scheduler.NewState()}
	second := ids(t, openCollection(t, writePackage(t, append([]apkg.Record{extra}, recs...), log, day(14))))
	for key, id := range first {
		if second[key] != id {
			t.Errorf("%s: id %d in the first export, %d in the second", key, id, second[key])
		}
	}
	if len(second) != len(first)+2 {
		t.Errorf("%d ids in the second export, want %d", len(second), len(first)+2)
	}
	limit := time.Now().UnixMilli()
	for key, id := range second {
		if id <= 0 || id > limit {
			t.Errorf("%s: id %d is not a past time in ms, which Anki's check would rewrite", key, id)
		}
	}
}

func TestNoteModIsLastContentChange(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	changed := day0.Add(-time.Hour) // the import in reviewedStore
	for _, now := range []time.Time{day(7), day(30)} {
		db := openCollection(t, writePackage(t, recs, log, now))
		rows, err := db.Query(`select guid, mod from notes`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var guid string
			var mod int64
			if err := rows.Scan(&guid, &mod); err != nil {
				t.Fatal(err)
			}
			if mod != changed.Unix() {
				t.Errorf("export at %s: note %s mod %d, want %d (its last change)", now, guid, mod, changed.Unix())
			}
		}
		rows.Close()
	}
}

func TestRecallNotetypeAsAnkiReadsIt(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	db := openCollection(t, writePackage(t, recs, log, day(7)))
	var models map[string]struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Type  int    `json:"type"`
		Flds  []struct{ Name string }
		Tmpls []struct {
			Name, Qfmt, Afmt string
			Ord              int
		}
	}
	mustJSON(t, readCol(t, db).models, &models)
	if len(models) != 1 {
		t.Fatalf("%d notetypes, want recall's one", len(models))
	}
	for _, m := range models {
		var names []string
		for _, f := range m.Flds {
			names = append(names, f.Name)
		}
		if m.Name != "recall" || m.Type != 0 || !slices.Equal(names, []string{"Question", "Answer", "Context", "Term", "Source", "Extra", "Reverse", "RecallID"}) {
			t.Errorf("notetype %q type %d fields %q", m.Name, m.Type, names)
		}
		if len(m.Tmpls) != 2 {
			t.Fatalf("%d templates, want 2", len(m.Tmpls))
		}
		fwd, rev := m.Tmpls[0], m.Tmpls[1]
		for _, tmpl := range []string{fwd.Qfmt, fwd.Afmt, rev.Qfmt, rev.Afmt} {
			if strings.Contains(tmpl, "RecallID") {
				t.Errorf("template %q shows the hidden RecallID field", tmpl)
			}
		}
		if ci, qi := strings.Index(fwd.Qfmt, "{{Context}}"), strings.Index(fwd.Qfmt, "{{Question}}"); ci < 0 || qi < ci {
			t.Errorf("forward front %q: want the Context above the Question", fwd.Qfmt)
		}
		if !strings.Contains(fwd.Afmt, "{{Answer}}") {
			t.Errorf("forward back %q lacks the Answer", fwd.Afmt)
		}
		// The reverse asks with its own question (the Answer with the Term
		// masked), else the Answer, only when there is a Term, and answers
		// with the Term, never with the question.
		if !strings.HasPrefix(rev.Qfmt, "{{#Term}}") || !strings.HasSuffix(rev.Qfmt, "{{/Term}}") || strings.Contains(rev.Qfmt, "{{Question}}") ||
			!strings.Contains(rev.Qfmt, "{{#Reverse}}{{Reverse}}{{/Reverse}}{{^Reverse}}{{Answer}}{{/Reverse}}") {
			t.Errorf("reverse front %q", rev.Qfmt)
		}
		back := strings.TrimPrefix(rev.Afmt, "{{FrontSide}}")
		if !strings.Contains(back, "{{Term}}") || strings.Contains(back, "{{Question}}") {
			t.Errorf("reverse back %q: want the Term", rev.Afmt)
		}
	}
	// The note of t1 and r1 has its Term filled; l1's has none, so Anki
	// makes one card of it.
	var flds string
	if err := db.QueryRow(`select flds from notes where guid = ?`, anki.GUID("t1")).Scan(&flds); err != nil {
		t.Fatal(err)
	}
	if f := strings.Split(flds, "\x1f"); len(f) != 8 || f[3] != "Calling your shots" || f[6] == "" || !strings.HasPrefix(f[7], "recall:1 deck=") {
		t.Errorf("t1 note fields %q", f)
	}
	var cards int
	if err := db.QueryRow(`select count(*) from cards c join notes n on c.nid = n.id where n.guid = ?`, anki.GUID("l1")).Scan(&cards); err != nil || cards != 1 {
		t.Errorf("l1 note has %d cards (%v), want 1", cards, err)
	}
}

func TestSameDayState(t *testing.T) {
	now := day(3).Add(time.Hour)
	base := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	card := func(id string) deck.Card {
		return deck.Card{ID: id, Kind: deck.KindTerm, Deck: "D", Front: "q " + id, Back: "a", Order: len(id)}
	}
	recs := []apkg.Record{
		// Graded 3 today: a re-drill waits.
		{Card: card("redrill"), State: scheduler.State{Reps: 3, EF: 236, IntervalDays: 9, Due: base.AddDate(0, 0, 9), Redrill: true, LastReview: base}},
		// Failed today, never passed.
		{Card: card("failed-new"), State: scheduler.State{EF: 250, Due: base, LastReview: base}},
		// Buried until tomorrow.
		{Card: card("buried"), State: scheduler.State{Reps: 2, EF: 250, IntervalDays: 6, Due: base, LastReview: base.AddDate(0, 0, -6), BuriedUntil: base.Add(20 * time.Hour)}},
		// Buried until yesterday: no longer.
		{Card: card("unburied"), State: scheduler.State{Reps: 2, EF: 250, IntervalDays: 6, Due: base, LastReview: base.AddDate(0, 0, -6), BuriedUntil: base.Add(-30 * time.Hour)}},
	}
	db := openCollection(t, writePackage(t, recs, nil, now))
	type row struct{ typ, queue, due, ivl, left int64 }
	got := map[string]row{}
	rows, err := db.Query(`select n.flds, c.type, c.queue, c.due, c.ivl, c.left from cards c join notes n on c.nid = n.id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var flds string
		var r row
		if err := rows.Scan(&flds, &r.typ, &r.queue, &r.due, &r.ivl, &r.left); err != nil {
			t.Fatal(err)
		}
		got[strings.TrimPrefix(strings.Split(flds, "\x1f")[0], "q ")] = r
	}
	rows.Close()
	if r := got["redrill"]; r.typ != 3 || r.queue != 1 || r.due != base.Unix() || r.ivl != 9 || r.left%1000 == 0 {
		t.Errorf("re-drill card %+v: want relearning in the learning queue, due at its last review, ivl 9", r)
	}
	if r := got["failed-new"]; r.typ != 1 || r.queue != 1 || r.due != base.Unix() {
		t.Errorf("failed, never passed %+v: want learning (not new), due at once", r)
	}
	if r := got["buried"]; r.queue != -2 || r.typ != 2 {
		t.Errorf("buried card %+v: want a buried review card", r)
	}
	if r := got["unburied"]; r.queue != 2 {
		t.Errorf("card buried until yesterday %+v: want it in the review queue", r)
	}
}

func TestColRowKeysAnkiRequires(t *testing.T) {
	st := reviewedStore(t)
	recs, log := fromStore(t, st)
	col := readCol(t, openCollection(t, writePackage(t, recs, log, day(7))))
	var conf map[string]json.RawMessage
	mustJSON(t, col.conf, &conf)
	for _, key := range []string{"curModel", "nextPos", "schedVer", "rollover", "creationOffset", "activeDecks", "curDeck"} {
		if _, ok := conf[key]; !ok {
			t.Errorf("col.conf lacks %q", key)
		}
	}
	if col.tag != "{}" {
		t.Errorf("col.tags %q, want {}", col.tag)
	}
}
