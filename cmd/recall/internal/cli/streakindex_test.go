package cli

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// fullReadStreak counts the streak as the summary did before the index:
// the log read backwards with StreakCounter.
func fullReadStreak(t *testing.T, st *storage.Store, now time.Time, cfg scheduler.Settings) int {
	t.Helper()
	waiting, ok, err := st.NextDue("", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		waiting = time.Time{}
	}
	c := stats.NewStreakCounter(now, cfg, waiting)
	if err := st.ForEachLogSummaryReverse(func(e storage.LogSummary) (bool, error) {
		return c.Add(e.Time, e.PrevQueue), nil
	}); err != nil {
		t.Fatal(err)
	}
	return c.Days()
}

// TestStreakIndexMatchesFullRead: over random months of reviews, skipped
// days, undos and zone changes, the streak counted from the stored index
// and the entries logged since is the streak a full read of the log
// counts, and the index is read only as far back as it must be.
func TestStreakIndexMatchesFullRead(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		db := seedStore(t, "Test deck", fakeCards(40))
		st, err := storage.Open(db, storage.Options{LockTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		cfg := scheduler.DefaultSettings()
		cfg.Location = time.UTC
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			berlin = time.FixedZone("UTC+1", 3600)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for step := range 120 {
			switch r := rng.IntN(20); {
			case r < 3: // a day or more off
				now = now.Add(time.Duration(1+rng.IntN(3)) * 24 * time.Hour)
			case r < 5:
				if _, err := st.Undo(); err != nil {
					t.Logf("undo: %v", err)
				}
			case r == 5: // the user moves
				if cfg.Location == time.UTC {
					cfg.Location = berlin
				} else {
					cfg.Location = time.UTC
				}
			default:
				q, err := st.Queue("", now, cfg)
				if err != nil {
					t.Fatal(err)
				}
				ids := append(append(q.Again, q.Review...), q.New...)
				for i := 0; i < len(ids) && i < 1+rng.IntN(6); i++ {
					g := scheduler.Grade(2 + rng.IntN(4))
					if _, _, err := st.Review(ids[i].ID, g, now, time.Second, cfg); err != nil {
						t.Fatal(err)
					}
					now = now.Add(time.Duration(rng.IntN(90)) * time.Minute)
				}
				now = now.Add(time.Duration(12+rng.IntN(24)) * time.Hour)
			}
			got, index, err := streakDays(st, now, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if want := fullReadStreak(t, st, now, cfg); got != want {
				t.Fatalf("seed %d step %d at %s: streak %d from the index, %d from the whole log", seed, step, now, got, want)
			}
			if index != nil && rng.IntN(4) > 0 { // sometimes a summary fails to store it
				if err := st.SetCheckpoint(streakIndexName, index); err != nil {
					t.Fatal(err)
				}
			}
		}
		st.Close()
	}
}
