package storage_test

import (
	"math"
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
	"github.com/recallcards/recall/storage"
	"github.com/recallcards/recall/storage/storetest"
)

func states(t *testing.T, st *storage.Store) map[string]scheduler.State {
	t.Helper()
	out := map[string]scheduler.State{}
	if err := st.ForEachCard("", func(r storage.Record) error { out[r.Card.ID] = r.State; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func logEntries(t *testing.T, st *storage.Store) []storage.LogEntry {
	t.Helper()
	var out []storage.LogEntry
	if err := st.ForEachLog(func(e storage.LogEntry) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSwitchToFSRSAndBack: switching replays the log into FSRS states,
// switching back gives every card exactly its SM-2 state again, and the log
// never changes.
func TestSwitchToFSRSAndBack(t *testing.T) {
	st := storetest.Open(t)
	mustImport(t, st, "trust", sampleCards(), at(0))
	mustReview(t, st, "aa11", 4, at(0))
	mustReview(t, st, "aa11", 5, at(1))
	mustReview(t, st, "aa11", 2, at(8))
	mustReview(t, st, "aa11", 4, at(8)) // same-day pass: no FSRS step
	mustReview(t, st, "aa11", 4, at(9))
	mustReview(t, st, "bb22", 3, at(0))
	mustReview(t, st, "bb22", 4, at(0))
	if err := st.SetSuspended([]string{"bb22"}, true); err != nil {
		t.Fatal(err)
	}
	sm2 := states(t, st)
	logBefore := logEntries(t, st)

	fsrsCfg := cfg()
	fsrsCfg.Decks = fsrsCfg.Decks.With("trust", scheduler.DeckScheduling{Algorithm: scheduler.FSRS})
	n, err := st.Reschedule("trust", fsrsCfg)
	if err != nil || n != 2 {
		t.Fatalf("Reschedule = %d, %v", n, err)
	}
	got := states(t, st)
	// aa11 by hand: Good new, Easy after 1 day, Again after 7, Good after 1
	m := fsrs.DefaultModel()
	mem := m.Review(fsrs.Memory{}, 0, fsrs.Good).Memory
	mem = m.Review(mem, 1, fsrs.Easy).Memory
	mem = m.Review(mem, 7, fsrs.Again).Memory
	last := m.Review(mem, 1, fsrs.Good)
	a := got["aa11"]
	if a.Algorithm != scheduler.FSRS || math.Abs(a.Stability-last.Memory.Stability) > 1e-9 || math.Abs(a.Difficulty-last.Memory.Difficulty) > 1e-9 || a.IntervalDays != last.IntervalDays {
		t.Errorf("aa11 after the switch: %+v, want %+v", a, last)
	}
	if a.Lapses != 1 || a.Reps != 1 || !a.Due.Equal(at(9+last.IntervalDays).Add(-6*time.Hour)) {
		t.Errorf("aa11: lapses %d reps %d due %v", a.Lapses, a.Reps, a.Due)
	}
	if !got["bb22"].Suspended || got["bb22"].Algorithm != scheduler.FSRS {
		t.Errorf("bb22 lost its suspension or was not replayed: %+v", got["bb22"])
	}
	if c := got["cc33"]; !c.IsNew() || c != sm2["cc33"] {
		t.Errorf("cc33 without history changed: %+v", c)
	}
	// reviewing now goes through FSRS
	e, _, err := st.Review("aa11", 4, at(9+last.IntervalDays), time.Second, fsrsCfg)
	if err != nil || e.Next.Algorithm != scheduler.FSRS || e.Next.Reps != 2 {
		t.Fatalf("FSRS review: %+v, %v", e.Next, err)
	}
	if _, err := st.Undo(); err != nil {
		t.Fatal(err)
	}

	if _, err := st.Reschedule("trust", cfg()); err != nil {
		t.Fatal(err)
	}
	back := states(t, st)
	for id, s := range sm2 {
		if back[id] != s {
			t.Errorf("%s: back on SM-2 %+v, was %+v", id, back[id], s)
		}
	}
	logAfter := logEntries(t, st)
	if len(logAfter) != len(logBefore) {
		t.Fatalf("log has %d entries, had %d", len(logAfter), len(logBefore))
	}
	for i := range logBefore {
		if logAfter[i] != logBefore[i] {
			t.Errorf("log entry %d changed: %+v, was %+v", i, logAfter[i], logBefore[i])
		}
	}
}

func TestSchedulerSettingsSaved(t *testing.T) {
	st := storetest.Open(t)
	saved := cfg()
	saved.Scheduler = scheduler.FSRS
	saved.DesiredRetention = 0.85
	w := fsrs.DefaultParameters()
	w[0] = 0.4
	saved.Decks = saved.Decks.With("trust", scheduler.DeckScheduling{Algorithm: scheduler.SM2, MaximumInterval: 365, Parameters: &w})
	if err := st.SaveSettings(saved); err != nil {
		t.Fatal(err)
	}
	got := cfg()
	if err := st.LoadSettings(&got); err != nil {
		t.Fatal(err)
	}
	if got.Scheduler != scheduler.FSRS || got.DesiredRetention != 0.85 {
		t.Errorf("loaded %+v", got)
	}
	d := got.Scheduling("trust")
	if d.Algorithm != scheduler.SM2 || d.MaximumInterval != 365 || d.DesiredRetention != 0.85 || d.Parameters == nil || *d.Parameters != w {
		t.Errorf("deck trust: %+v", d)
	}
	if other := got.Scheduling("other"); other.Algorithm != scheduler.FSRS {
		t.Errorf("deck without a setting: %+v", other)
	}
	bad := saved
	bad.DesiredRetention = 0.5
	if err := st.SaveSettings(bad); err == nil {
		t.Error("saved a desired retention of 0.5")
	}
}
