package storage

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// TestDamagedEntrySkippedByRescheduleAndSync: a damaged review log entry
// does not stop rescheduling a deck or setting up sync: each skips it with
// one warning naming it and uses every other entry.
func TestDamagedEntrySkippedByRescheduleAndSync(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	cards := []deck.Card{{ID: "a1", Kind: deck.KindTerm, Front: "F1", Back: "B1"}, {ID: "a2", Kind: deck.KindTerm, Front: "F2", Back: "B2"}}
	if _, err := st.Import("d", cards, day, false); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"a1", "a2", "a1", "a2"} {
		if _, _, err := st.Review(id, 4, day.AddDate(0, 0, 3*i), time.Second, cfg); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLog).Put(seqKey(3), []byte("\x00 not an entry"))
	}); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	st.SetWarn(func(err error) { warnings = append(warnings, err.Error()) })
	one := func(what string) {
		t.Helper()
		if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "review log entry 3 is damaged and was skipped") {
			t.Errorf("%s: warnings %q, want one naming entry 3", what, warnings)
		}
		warnings = nil
		st.SetWarn(func(err error) { warnings = append(warnings, err.Error()) })
	}

	n, err := st.Reschedule("d", cfg)
	if err != nil || n != 2 {
		t.Fatalf("Reschedule = %d, %v; want both cards replayed", n, err)
	}
	one("reschedule")
	rec, err := st.Card("a2")
	if err != nil || rec.State.Reps != 2 {
		t.Errorf("a2 after the replay: %+v, %v; want its two readable reviews", rec.State, err)
	}

	if _, err := st.InitSync(t.TempDir()); err != nil {
		t.Fatalf("InitSync: %v", err)
	}
	one("sync set-up")
	if rep, err := st.Sync(cfg); err != nil {
		t.Fatalf("Sync: %v (%+v)", err, rep)
	}
	if len(warnings) != 0 {
		t.Errorf("sync after set-up: warnings %q", warnings)
	}
}
