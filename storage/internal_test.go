package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

func TestStateEncodingRoundTrip(t *testing.T) {
	day := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)
	for _, s := range []scheduler.State{
		scheduler.NewState(),
		{},
		{Reps: 3, EF: 236, IntervalDays: 17, Due: day, LastReview: day.Add(-time.Hour + 123)},
		{Reps: 0, EF: 130, Due: day.Add(5 * time.Minute), Redrill: true, Lapses: 8, Leech: true, Suspended: true,
			BuriedUntil: day.AddDate(0, 0, 1), LastReview: day.Add(time.Minute)},
		{Reps: 40, EF: 300, IntervalDays: 1 << 40, Due: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), LastReview: time.Unix(-5, 7).UTC()},
		{Reps: 2, EF: 250, IntervalDays: 9, Due: day, LastReview: day, Algorithm: scheduler.FSRS, Difficulty: 5.11217071, Stability: 8.2956},
		{Algorithm: scheduler.SM2, EF: 250},
	} {
		got, err := decodeState(encodeState(s))
		if err != nil {
			t.Errorf("decode(encode(%+v)): %v", s, err)
			continue
		}
		if got != s {
			t.Errorf("round trip of %+v gave %+v", s, got)
		}
	}
	if n := len(encodeState(scheduler.State{Reps: 5, EF: 250, IntervalDays: 100, Due: day, LastReview: day})); n > 32 {
		t.Errorf("a typical state takes %d bytes, want a compact encoding", n)
	}
}

// TestSM2StatesStayVersion1: an SM-2 state is written exactly as before
// FSRS existed, so stores and logs of SM-2 users do not change.
func TestSM2StatesStayVersion1(t *testing.T) {
	day := time.Unix(1e9, 0).UTC()
	st := scheduler.State{Reps: 1, EF: 250, IntervalDays: 1, Due: day, LastReview: day}
	// version 1, flags (due, last review), reps 1, EF 250, interval 1,
	// lapses 0, then the two times
	want := []byte{1, flagDue | flagLastReview, 2, 0xf4, 0x03, 2, 0}
	want = binary.AppendVarint(want, 1e9)
	want = append(want, 0)
	want = binary.AppendVarint(want, 1e9)
	want = append(want, 0)
	if got := encodeState(st); !bytes.Equal(got, want) {
		t.Errorf("encoded % x, want % x", got, want)
	}
	fsrsState := st
	fsrsState.Algorithm, fsrsState.Difficulty, fsrsState.Stability = scheduler.FSRS, 3, 4
	if b := encodeState(fsrsState); b[0] != stateEncodingVersion2 {
		t.Errorf("FSRS state encoded as version %d", b[0])
	}
}

func TestDecodeStateRejectsGarbage(t *testing.T) {
	good := encodeState(scheduler.State{Reps: 1, EF: 250, Due: time.Unix(1e9, 0), LastReview: time.Unix(1e9, 0)})
	v2 := encodeState(scheduler.State{EF: 250, Algorithm: scheduler.FSRS, Difficulty: 5, Stability: 2})
	nan := bytes.Clone(v2)
	binary.BigEndian.PutUint64(nan[len(nan)-8:], math.Float64bits(math.NaN()))
	unknown := bytes.Clone(v2)
	copy(unknown[len(unknown)-20:], "xxxx")
	for name, b := range map[string][]byte{
		"v2 truncated":  v2[:len(v2)-1],
		"v2 NaN":        nan,
		"v2 unknown":    unknown,
		"empty":         nil,
		"wrong version": append([]byte{9}, good[1:]...),
		"truncated":     good[:len(good)-1],
		"trailing":      append(bytes.Clone(good), 0),
	} {
		if _, err := decodeState(b); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	f.Add(encodeState(scheduler.NewState()))
	f.Add(encodeState(scheduler.State{EF: 250, Reps: 1, Algorithm: scheduler.FSRS, Difficulty: 5.2, Stability: 2.3, LastReview: time.Unix(1e9, 0)}))
	f.Add(encodeState(scheduler.State{Reps: 2, EF: 260, IntervalDays: 6, Due: time.Unix(1e9, 5), Redrill: true, LastReview: time.Unix(1e9, 0)}))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeState(b)
		if err != nil {
			return
		}
		again, err := decodeState(encodeState(s))
		if err != nil || again != s {
			t.Errorf("re-encoding %+v gave %+v, %v", s, again, err)
		}
	})
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{
		time.Unix(-100, 0), time.Unix(0, 0), time.Unix(0, 1), time.Unix(1, 0),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		if bytes.Compare(timeKey(times[i-1]), timeKey(times[i])) >= 0 {
			t.Errorf("key of %v does not sort before key of %v", times[i-1], times[i])
		}
	}
	for _, tm := range times {
		if got := keyTime(dueKey(tm, "id")); !got.Equal(tm) {
			t.Errorf("keyTime(timeKey(%v)) = %v", tm, got)
		}
	}
	for _, o := range []int{-3, 0, 7} {
		if got := keyOrder(orderKey(o, "x")); got != o {
			t.Errorf("keyOrder(orderKey(%d)) = %d", o, got)
		}
	}
	if bytes.Compare(orderKey(-1, "z"), orderKey(0, "a")) >= 0 {
		t.Error("negative order sorts after zero")
	}
}

// TestMigrations opens a current store with one more migration added, and
// checks that each migration runs once, in order, that a failing one
// changes nothing, and that a store newer than the program is refused.
func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import("d", []deck.Card{{ID: "a1", Front: "F", Back: "B"}}, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Fatalf("migrated store: %v", problems)
	}
	st.Close()

	current := uint64(len(migrations()))
	var ran []string
	next := append(migrations(), func(tx *bolt.Tx) error {
		ran = append(ran, "next")
		_, err := tx.CreateBucket([]byte("extra"))
		return err
	})
	for range 2 {
		st, err := openWith(path, Options{}, next)
		if err != nil {
			t.Fatal(err)
		}
		st.db.View(func(tx *bolt.Tx) error {
			if v := schemaVersion(tx); v != current+1 {
				t.Errorf("schema version %d after migration, want %d", v, current+1)
			}
			if tx.Bucket([]byte("extra")) == nil {
				t.Error("the added migration did not run")
			}
			return nil
		})
		if _, err := st.Card("a1"); err != nil {
			t.Errorf("card lost in migration: %v", err)
		}
		st.Close()
	}
	if strings.Join(ran, ",") != "next" {
		t.Errorf("migrations ran %q, want the added one once", ran)
	}

	failing := append(next, func(*bolt.Tx) error { return errors.New("boom") })
	want := fmt.Sprintf("migrate schema %d to %d: boom", current+1, current+2)
	if _, err := openWith(path, Options{}, failing); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("failing migration: %v, want %q", err, want)
	}

	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer store with this program: %v, want a refusal", err)
	}
}

// oldStore writes a store at schema version (with card "a1" reviewed
// once, at now) as a recall of that version would, and checks that a
// read-only open asks for an upgrade.
func oldStore(t *testing.T, version int) (path string, now time.Time) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "recall.db")
	st, err := openWith(path, Options{}, migrations()[:version])
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := st.Import("d", []deck.Card{{ID: "a1", Front: "F", Back: "B"}}, now, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Review("a1", 4, now, 0, scheduler.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNeedsUpgrade) {
		t.Fatalf("read-only open of a schema-%d store: %v, want ErrNeedsUpgrade", version, err)
	}
	return path, now
}

// TestUpgradeFromSchema1 opens a store written at schema version 1 (before
// shared decks): read-only it asks for an upgrade, read-write it upgrades
// and keeps every card and review.
func TestUpgradeFromSchema1(t *testing.T) {
	path, _ := oldStore(t, 1)
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if problems := st.Check(); len(problems) != 0 {
		t.Fatalf("upgraded store: %v", problems)
	}
	r, err := st.Card("a1")
	if err != nil || r.State.Reps != 1 {
		t.Fatalf("card after upgrade: %+v, %v", r, err)
	}
	if _, found, err := st.Subscription("d"); err != nil || found {
		t.Fatalf("Subscription on an upgraded store: %v, %v", found, err)
	}
}

// TestUpgradeFromSchema3 opens a store written at schema version 3
// (before overrides) read-write: it upgrades, keeps its cards and
// reviews, and takes an override.
func TestUpgradeFromSchema3(t *testing.T) {
	path, now := oldStore(t, 3)
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if r, err := st.Card("a1"); err != nil || r.State.Reps != 1 || r.Edit != nil {
		t.Fatalf("card after upgrade: %+v, %v", r, err)
	}
	if _, stored, err := st.SetOverride("a1", deck.Text{Question: "Q?", Answer: "A."}, now); err != nil || !stored {
		t.Fatalf("SetOverride on an upgraded store: %v, %v", stored, err)
	}
	if r, err := st.Card("a1"); err != nil || r.Card.Front != "Q?" || r.State.Reps != 1 {
		t.Fatalf("edited card after upgrade: %+v, %v", r, err)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Fatalf("upgraded store: %v", problems)
	}
}

// TestCheckFindsDamage damages a healthy store in each way Check looks for.
func TestCheckFindsDamage(t *testing.T) {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"due entry missing", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketDue).Bucket([]byte("d")).Cursor().First()
			return tx.Bucket(bucketDue).Bucket([]byte("d")).Delete(k)
		}, `card "a1" is missing from the due index of deck "d"`},
		{"due entry twice", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketDue).Bucket([]byte("d")).Put(dueKey(now, "a1"), nil)
		}, `due index of deck "d" has a stale entry for card "a1"`},
		{"index names unknown card", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketNew).Bucket([]byte("d")).Put(orderKey(9, "ghost"), nil)
		}, `new index of deck "d" names unknown card "ghost"`},
		{"wrong status", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketOrder).Bucket([]byte("d")).Put(orderKey(2, "b2"), []byte{statusRetired})
		}, `wrong status for card "b2"`},
		{"state without card", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketState).Put([]byte("ghost"), encodeState(scheduler.NewState()))
		}, `state for unknown card "ghost"`},
		{"card without state", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketState).Delete([]byte("b2"))
		}, `card "b2" has no state`},
		{"log names unknown card", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketLog).Put(seqKey(99), []byte(`{"seq":99,"card_id":"ghost"}`))
		}, `review log entry 99 names unknown card "ghost"`},
		{"log entry out of place", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketLog).Put(seqKey(98), []byte(`{"seq":5,"card_id":"a1"}`))
		}, `review log entry 98 is damaged (it says its number is 5)`},
		{"log key no sequence number", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketLog).Put([]byte("zzz"), []byte(`{"seq":3,"card_id":"a1"}`))
		}, `malformed key 7a7a7a`},
		{"fold mark beyond the log", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyFolded, binary.BigEndian.AppendUint64(nil, 1000))
		}, `the fold mark (1000) is beyond the review log's last number (1)`},
		{"waiting review made from another schedule", func(tx *bolt.Tx) error {
			_, err := appendLog(tx, LogEntry{CardID: "b2", Time: now, Grade: 4, Prev: scheduler.State{EF: 250, Reps: 3, IntervalDays: 9, LastReview: now, Due: now}, Next: scheduler.NewState()})
			return err
		}, `review log entry 2 of card "b2" (2026-03-02T10:00:00Z) waits to be folded, but was made from a schedule the card does not have by then (due 2026-03-02T10:00:00Z, interval 9 days, 3 repetitions; the card's: new)`},
		{"waiting review of no card", func(tx *bolt.Tx) error {
			_, err := appendLog(tx, LogEntry{CardID: "ghost", Time: now, Grade: 4})
			return err
		}, `review log entry 2 waits to be folded into card "ghost", which the store does not have under that ID`},
		{"dangling alias", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAlias).Put([]byte("old"), []byte("ghost"))
		}, `alias "old" leads to no card`},
		{"schema version", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint64(nil, 0))
		}, fmt.Sprintf("schema version is 0, want %d", len(migrations()))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Open(filepath.Join(t.TempDir(), "recall.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			cards := []deck.Card{{ID: "a1", Front: "F1", Back: "B1", Order: 1}, {ID: "b2", Front: "F2", Back: "B2", Order: 2}}
			if _, err := st.Import("d", cards, now, false); err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.Review("a1", 4, now, 0, cfg); err != nil {
				t.Fatal(err)
			}
			if problems := st.Check(); len(problems) != 0 {
				t.Fatalf("healthy store: %v", problems)
			}
			// The damage is done to the folded indexes (a waiting review
			// would move a1 in them at fold).
			if err := st.Fold(); err != nil {
				t.Fatal(err)
			}
			if err := st.db.Update(tt.damage); err != nil {
				t.Fatal(err)
			}
			problems := st.Check()
			var texts []string
			for _, p := range problems {
				texts = append(texts, p.Error())
			}
			if !strings.Contains(strings.Join(texts, "\n"), tt.want) {
				t.Errorf("Check() = %q, want a problem containing %q", texts, tt.want)
			}
		})
	}
}

// TestRestoreFromLog: a deck removed before schedules were kept aside
// (schema 2) gets each card's schedule back from its last logged review.
func TestRestoreFromLog(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "recall.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	cards := []deck.Card{{ID: "a1", Front: "F", Back: "B"}, {ID: "b2", Front: "G", Back: "C"}}
	if _, err := st.Import("d", cards, now, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Review("a1", 4, now, 0, scheduler.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	last, _, err := st.Review("a1", 5, now.AddDate(0, 0, 1), 0, scheduler.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RemoveDeck("d"); err != nil {
		t.Fatal(err)
	}
	// What a schema-2 RemoveDeck left: no saved states.
	if err := st.db.Update(func(tx *bolt.Tx) error {
		return tx.DeleteBucket(bucketRemovedState)
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket(bucketRemovedState)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	res, err := st.ImportNotes("d", cards, now.AddDate(0, 0, 2), ImportOptions{})
	if err != nil || len(res.Restored) != 1 || res.Restored[0] != "a1" {
		t.Fatalf("re-import = %+v, %v; want a1 restored", res, err)
	}
	r, _ := st.Card("a1")
	if r.State != last.Next {
		t.Errorf("restored state = %+v, want the last review's %+v", r.State, last.Next)
	}
	if r, _ := st.Card("b2"); !r.State.IsNew() {
		t.Errorf("never-reviewed card came back as %+v, want new", r.State)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Errorf("check: %v", problems)
	}
}

// TestWaitingReviewMadeFromAnotherSchedule: a review waiting to be folded
// whose Prev is not its card's schedule (written here behind the store's
// back: no review writes one) is named by Check, with its card and log
// number, while it waits; readers and the fold give the card that review's
// result, the log keeps the entry, and Check passes once it is folded.
func TestWaitingReviewMadeFromAnotherSchedule(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	st, err := Open(filepath.Join(t.TempDir(), "recall.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import("d", []deck.Card{{ID: "a1", Front: "F", Back: "B"}}, now, false); err != nil {
		t.Fatal(err)
	}
	other := scheduler.State{EF: 250, Reps: 3, IntervalDays: 9, LastReview: now.AddDate(0, 0, -9), Due: now}
	next := scheduler.State{EF: 260, Reps: 4, IntervalDays: 20, LastReview: now, Due: now.AddDate(0, 0, 20)}
	var seq uint64
	if err := st.db.Update(func(tx *bolt.Tx) error {
		e, err := appendLog(tx, LogEntry{CardID: "a1", Time: now, Grade: 5, Prev: other, Next: next})
		seq = e.Seq
		return err
	}); err != nil {
		t.Fatal(err)
	}
	problems := st.Check()
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), fmt.Sprintf(`review log entry %d of card "a1"`, seq)) {
		t.Fatalf("Check() = %v, want the waiting entry %d of a1 named", problems, seq)
	}
	for _, when := range []string{"waiting", "folded"} {
		if when == "folded" {
			if err := st.Fold(); err != nil {
				t.Fatal(err)
			}
			if problems := st.Check(); len(problems) != 0 {
				t.Fatalf("Check() after the fold = %v", problems)
			}
		}
		if r, err := st.Card("a1"); err != nil || r.State != next {
			t.Errorf("%s: card a1 = %+v (%v), want the review's result %+v", when, r.State, err, next)
		}
		n, err := st.CountDue("", now.AddDate(0, 0, 21))
		if err != nil || n != 1 {
			t.Errorf("%s: %d due in 21 days (%v), want 1", when, n, err)
		}
		var logged []uint64
		st.ForEachLog(func(e LogEntry) error { logged = append(logged, e.Seq); return nil })
		if len(logged) != 1 || logged[0] != seq {
			t.Errorf("%s: the log holds %v, want [%d]", when, logged, seq)
		}
	}
}
