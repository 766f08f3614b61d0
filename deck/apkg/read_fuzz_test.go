package apkg_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/deck/apkg"
)

// FuzzRead feeds the package reader arbitrary bytes, seeded with both
// fixtures and a recall export: it must return cards or an error, never
// panic, and what it returns must be bounded and clean.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"legacy.apkg", "modern.apkg"} {
		data, err := readFixture(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// A package recall wrote: its RecallID fields and note data are
	// parsers of their own.
	recs, log := fromStore(f, reviewedStore(f))
	var export bytes.Buffer
	if err := apkg.Write(&export, recs, log, apkg.Options{Settings: settings(), Now: day(7)}); err != nil {
		f.Fatal(err)
	}
	f.Add(export.Bytes())
	f.Add([]byte("PK\x03\x04"))
	lim := apkg.DefaultLimits()
	lim.CollectionBytes = 8 << 20
	lim.MediaMapBytes = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		pkg, err := apkg.Read(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			return
		}
		if len(pkg.Notes) > lim.Notes || len(pkg.Cards) > lim.Cards || len(pkg.Revlog) > lim.Reviews {
			t.Fatalf("limits passed: %d notes, %d cards, %d reviews", len(pkg.Notes), len(pkg.Cards), len(pkg.Revlog))
		}
		checkAdopted(t, pkg)
	})
}

// checkAdopted adopts pkg and fails t unless every card it gives is
// bounded and clean (or Adopt refused the package).
func checkAdopted(t *testing.T, pkg *apkg.Package) {
	t.Helper()
	adopted, _, err := pkg.Adopt(apkg.AdoptOptions{Settings: settings(), Now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		return
	}
	ids := map[string]bool{}
	for _, a := range adopted {
		ids[a.Card.ID] = true
	}
	for _, a := range adopted {
		if a.Claimed && !anki.ValidID(a.Card.ID) {
			t.Fatalf("card claims the ID %q", a.Card.ID)
		}
		for _, s := range a.Card.Siblings {
			if !ids[s] || s == a.Card.ID {
				t.Fatalf("card %s has sibling %q, not another card of the package", a.Card.ID, s)
			}
		}
		if a.Card.ID == "" || a.Card.Front == "" || a.Card.Deck == "" {
			t.Fatalf("card %+v lacks an ID, a question or a deck", a.Card)
		}
		if a.State.EF < 130 || a.State.IntervalDays < 0 || a.State.IntervalDays > 36500 {
			t.Fatalf("card %s: state %+v out of bounds", a.Card.ID, a.State)
		}
		for _, r := range a.Reviews {
			if !r.Grade.Valid() || r.CardID != a.Card.ID {
				t.Fatalf("card %s: review %+v", a.Card.ID, r)
			}
		}
	}
}

// FuzzAdopt feeds Adopt arbitrary packages as Read returns them (decoded
// from JSON, seeded with the fixtures and a recall export): FuzzRead's
// inputs go through SQLite first, which under the fuzzer's coverage tries
// a few inputs a minute; here the checks of notes, fields, RecallIDs, note
// data and scheduling run thousands of times a second.
func FuzzAdopt(f *testing.F) {
	var seeds [][]byte
	for _, name := range []string{"legacy.apkg", "modern.apkg"} {
		data, err := readFixture(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	recs, log := fromStore(f, reviewedStore(f))
	var export bytes.Buffer
	if err := apkg.Write(&export, recs, log, apkg.Options{Settings: settings(), Now: day(7)}); err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, export.Bytes())
	for _, data := range seeds {
		pkg, err := apkg.Read(bytes.NewReader(data), int64(len(data)), apkg.DefaultLimits())
		if err != nil {
			f.Fatal(err)
		}
		b, err := json.Marshal(pkg)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	lim := apkg.DefaultLimits()
	f.Fuzz(func(t *testing.T, data []byte) {
		var pkg apkg.Package
		if json.Unmarshal(data, &pkg) != nil {
			return
		}
		// Read bounds what it returns: Adopt is given no more.
		if len(pkg.Notes) > lim.Notes || len(pkg.Cards) > lim.Cards || len(pkg.Revlog) > lim.Reviews {
			return
		}
		checkAdopted(t, &pkg)
	})
}
