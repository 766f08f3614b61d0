package storage_test

import (
	"slices"
	"testing"

	"github.com/recallcards/recall/storage/storetest"
)

func TestFirstIDsFollowRelinks(t *testing.T) {
	st := storetest.Open(t)
	cards := sampleCards()
	mustImport(t, st, "trust", cards, at(0))
	if got, err := st.FirstIDs(); err != nil || len(got) != 0 {
		t.Fatalf("before any relink: %v, %v; want none", got, err)
	}
	moved := slices.Clone(cards)
	moved[0].ID = "aa99"
	mustImport(t, st, "trust", moved, at(1))
	again := slices.Clone(moved)
	again[0].ID = "aa77"
	mustImport(t, st, "trust", again, at(2))

	got, err := st.FirstIDs()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["aa77"] != "aa11" {
		t.Errorf("FirstIDs = %v, want aa77 -> aa11 (the start of its chain)", got)
	}
	if r := mustCard(t, st, "aa77"); r.Changed.IsZero() {
		t.Errorf("relinked card has no Changed time")
	}
}
