package storage_test

import (
	"testing"

	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

// TestPractice: a practice grade is logged, marked, and leaves the card's
// state alone; the readers of reviews skip it, the whole-log reader gives
// it, and undo takes it back.
func TestPractice(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 5, at(0))
	before := mustCard(t, st, "aa11").State
	e, err := st.Practice("aa11", 1, at(0).Add(3600e9), 0)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Practice || e.Prev != before || e.Next != before {
		t.Errorf("practice entry %+v, want marked with the state unchanged", e)
	}
	if got := mustCard(t, st, "aa11").State; got != before {
		t.Errorf("state after practice %+v, want %+v", got, before)
	}
	if _, err := st.Practice("aa11", 7, at(0), 0); err == nil {
		t.Error("grade 7 accepted")
	}
	var reviews, all, summaries, reverse int
	st.ForEachLog(func(e storage.LogEntry) error { reviews++; return nil })
	st.ForEachLogReverse(func(e storage.LogEntry) (bool, error) { reverse++; return true, nil })
	st.ForEachLogSummary(func(e storage.LogSummary) error { summaries++; return nil })
	var practice []bool
	st.ForEachLogWithPractice(func(e storage.LogEntry) error { all++; practice = append(practice, e.Practice); return nil })
	if reviews != 1 || reverse != 1 || summaries != 1 || all != 2 || !practice[1] || practice[0] {
		t.Errorf("reviews %d, reverse %d, summaries %d, all %d %v; want 1 1 1 2 [false true]", reviews, reverse, summaries, all, practice)
	}
	today, err := st.Today(at(0).Add(2*3600e9), cfg())
	if err != nil || today.ReviewsDone+today.NewShown != 1 {
		t.Errorf("today %+v %v: the practice grade counted", today, err)
	}
	u, err := st.Undo()
	if err != nil || !u.Practice {
		t.Fatalf("undo: %+v %v", u, err)
	}
	if got := mustCard(t, st, "aa11").State; got != before {
		t.Errorf("state after undoing practice %+v", got)
	}
}
