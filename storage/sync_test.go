package storage_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// syncCards is a deck large enough for machines to collide on cards.
func syncCards() []deck.Card {
	var cards []deck.Card
	for i := 1; i <= 9; i++ {
		cards = append(cards, card(fmt.Sprintf("c%02d", i), i, fmt.Sprintf("Term %d", i), fmt.Sprintf("Meaning %d", i)))
	}
	return cards
}

// machine is one store in the convergence test, with a clock it controls.
type machine struct {
	name string
	st   *storage.Store
	now  time.Time
}

// newMachine is a machine with the deck "trust" of syncCards, set up to
// sync through folder.
func newMachine(t *testing.T, name, folder string) *machine {
	t.Helper()
	m := openMachine(t, name)
	mustImport(t, m.st, "trust", syncCards(), at(0))
	m.initSync(t, folder)
	return m
}

// bareMachine is a machine that has joined the folder with no deck of its
// own yet.
func bareMachine(t *testing.T, name, folder string) *machine {
	t.Helper()
	m := openMachine(t, name)
	m.initSync(t, folder)
	return m
}

// openMachine is a new store whose clock the machine controls; it must
// pass Check when the test ends.
func openMachine(t *testing.T, name string) *machine {
	t.Helper()
	m := &machine{name: name, now: at(0)}
	st, err := storage.Open(filepath.Join(t.TempDir(), name+".db"), storage.Options{Clock: func() time.Time { return m.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, p := range st.Check() {
			t.Errorf("%s: store check: %v", name, p)
		}
		st.Close()
	})
	m.st = st
	return m
}

func (m *machine) initSync(t *testing.T, folder string) {
	t.Helper()
	if _, err := m.st.InitSync(folder); err != nil {
		t.Fatal(err)
	}
}

func (m *machine) sync(t *testing.T) storage.SyncReport {
	t.Helper()
	rep, err := m.st.Sync(cfg())
	if err != nil {
		t.Fatalf("%s: sync: %v", m.name, err)
	}
	if len(rep.Refused) > 0 {
		t.Fatalf("%s: sync refused %v", m.name, rep.Refused)
	}
	return rep
}

// snapshot is what must agree across machines: every event ID, every
// card's state, and the review log's entries.
type snapshot struct {
	events []string
	states map[string]scheduler.State
	log    []string
}

func (m *machine) snapshot(t *testing.T) snapshot {
	t.Helper()
	s := snapshot{states: map[string]scheduler.State{}}
	if err := m.st.ForEachEvent(func(e journal.Event) error {
		s.events = append(s.events, e.ID.String())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(s.events)
	if err := m.st.ForEachCard("", func(r storage.Record) error {
		s.states[r.Card.ID] = r.State
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := m.st.ForEachLog(func(e storage.LogEntry) error {
		s.log = append(s.log, fmt.Sprintf("%s %s %d", e.CardID, e.Time.Format(time.RFC3339Nano), e.Grade))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(s.log)
	return s
}

func compareSnapshots(t *testing.T, a, b snapshot, an, bn string) {
	t.Helper()
	if !reflect.DeepEqual(a.events, b.events) {
		t.Fatalf("%s has %d events, %s %d: the sets differ", an, len(a.events), bn, len(b.events))
	}
	for id, sa := range a.states {
		if sb := b.states[id]; !reflect.DeepEqual(sa, sb) {
			t.Fatalf("card %s: %s has %+v\n%s has %+v", id, an, sa, bn, sb)
		}
	}
	if !reflect.DeepEqual(a.log, b.log) {
		t.Fatalf("review logs differ: %s has %d entries, %s %d", an, len(a.log), bn, len(b.log))
	}
}

// TestSyncConverges runs three machines through random days of reviews,
// undos, suspensions, burials and syncs in random order over one folder;
// after each syncs twice they hold the same events, states and log, and so
// does a fresh store that reads the union of their journals.
func TestSyncConverges(t *testing.T) {
	days := 60
	if testing.Short() {
		days = 12
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			folder := t.TempDir()
			rng := rand.New(rand.NewPCG(seed, 99))
			ms := []*machine{newMachine(t, "a", folder), newMachine(t, "b", folder), newMachine(t, "c", folder)}
			ids := []string{}
			for _, c := range syncCards() {
				ids = append(ids, c.ID)
			}
			sameDay := 0
			for day := 0; day < days; day++ {
				reviewedBy := map[string]string{}
				for _, m := range ms {
					if rng.IntN(4) == 0 {
						continue // this machine is not used today
					}
					m.now = at(day).Add(time.Duration(rng.IntN(300)) * time.Minute)
					for range 1 + rng.IntN(4) {
						m.now = m.now.Add(time.Duration(1+rng.IntN(20)) * time.Second)
						id := ids[rng.IntN(len(ids))]
						switch r := rng.IntN(20); {
						case r < 14:
							if _, _, err := m.st.Review(id, scheduler.Grade(rng.IntN(6)), m.now, time.Second, cfg()); err != nil {
								t.Fatal(err)
							}
							if other, ok := reviewedBy[id]; ok && other != m.name {
								sameDay++
							}
							reviewedBy[id] = m.name
						case r < 16:
							m.st.Undo() // an empty log is fine
						case r < 18:
							if err := m.st.SetSuspended([]string{id}, r == 16); err != nil {
								t.Fatal(err)
							}
						default:
							if err := m.st.Bury(id, at(day+1).Add(-6*time.Hour)); err != nil {
								t.Fatal(err)
							}
						}
					}
					if rng.IntN(3) == 0 {
						m.sync(t)
					}
				}
			}
			if sameDay == 0 {
				t.Fatal("the random days never reviewed one card on two machines on one day")
			}
			for range 2 {
				for _, m := range ms {
					m.sync(t)
				}
			}
			first := ms[0].snapshot(t)
			if len(first.log) == 0 || len(first.events) == 0 {
				t.Fatal("nothing was reviewed")
			}
			for _, m := range ms[1:] {
				compareSnapshots(t, first, m.snapshot(t), ms[0].name, m.name)
			}
			// A fresh store joins as a new machine does: it adopts the
			// deck, then imports its notes; it has no events of its own.
			fresh := bareMachine(t, "fresh", folder)
			fresh.sync(t)
			mustImport(t, fresh.st, "trust", syncCards(), at(0))
			fresh.sync(t)
			got := fresh.snapshot(t)
			compareSnapshots(t, first, got, ms[0].name, "a fresh store")
		})
	}
}

func TestSyncNeedsInit(t *testing.T) {
	st, err := storage.Open(filepath.Join(t.TempDir(), "s.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Sync(cfg()); err == nil || !strings.Contains(err.Error(), "recall sync init") {
		t.Fatalf("Sync before init: %v", err)
	}
}

// TestSyncRefusesAndDefers: a damaged segment of one device is refused by
// name and nothing of it applied, while the other devices' events are;
// a torn tail waits and is applied once complete.
func TestSyncRefusesAndDefers(t *testing.T) {
	folder := t.TempDir()
	a, b, c := newMachine(t, "a", folder), newMachine(t, "b", folder), newMachine(t, "c", folder)
	a.now, b.now = at(1), at(1)
	if _, _, err := a.st.Review("c01", 5, at(1), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.st.Review("c02", 4, at(1), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	infoA, _ := a.st.SyncInfo()
	infoB, _ := b.st.SyncInfo()
	segA := filepath.Join(folder, journal.Subdir, infoA.Device, "00000001.seg")
	segB := filepath.Join(folder, journal.Subdir, infoB.Device, "00000001.seg")
	dataA, _ := os.ReadFile(segA)
	dataB, _ := os.ReadFile(segB)
	damaged := slices.Clone(dataA)
	damaged[len(damaged)-2] ^= 0xff
	os.WriteFile(segA, damaged, 0o644)
	os.WriteFile(segB, dataB[:len(dataB)-3], 0o644)

	rep, err := c.st.Sync(cfg())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Refused) != 1 || !strings.Contains(rep.Refused[0].Error(), segA) {
		t.Fatalf("refused %v, want the damaged segment named", rep.Refused)
	}
	if !slices.Contains(rep.Pending, infoB.Device) {
		t.Fatalf("pending %v, want %s's torn segment", rep.Pending, infoB.Device)
	}
	r1, _ := c.st.Card("c01")
	if !r1.State.IsNew() {
		t.Fatal("an event of the damaged segment was applied")
	}

	os.WriteFile(segA, dataA, 0o644)
	os.WriteFile(segB, dataB, 0o644)
	rep = c.sync(t)
	if len(rep.Pending) != 0 {
		t.Fatalf("still pending: %v", rep.Pending)
	}
	for _, id := range []string{"c01", "c02"} {
		if r, _ := c.st.Card(id); r.State.IsNew() {
			t.Fatalf("card %s not reviewed after the journals were complete", id)
		}
	}
}

// TestSyncFoldsInTimeOrder: the same card reviewed on two machines on one
// day, each offline, ends with the state of both reviews in time order,
// on both, whichever syncs first.
func TestSyncFoldsInTimeOrder(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	t1, t2 := at(1), at(1).Add(time.Hour)
	// b reviews later in the day but syncs first.
	if _, _, err := b.st.Review("c01", 2, t2, time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	b.sync(t)
	if _, _, err := a.st.Review("c01", 5, t1, time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	s1, _, _ := scheduler.Review(scheduler.NewState(), 5, t1, cfg())
	want, _, _ := scheduler.Review(s1, 2, t2, cfg())
	for _, m := range []*machine{a, b} {
		r, err := m.st.Card("c01")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.State, want) {
			t.Fatalf("%s: state %+v\nwant grade 5 then grade 2: %+v", m.name, r.State, want)
		}
		n := 0
		m.st.ForEachLog(func(storage.LogEntry) error { n++; return nil })
		if n != 2 {
			t.Fatalf("%s: %d log entries, want both reviews", m.name, n)
		}
	}
}

// twoReviewsSynced returns two machines sharing a folder, after machine a
// reviewed c01 and c02 and both synced.
func twoReviewsSynced(t *testing.T) (a, b *machine) {
	t.Helper()
	folder := t.TempDir()
	a, b = newMachine(t, "a", folder), newMachine(t, "b", folder)
	if _, _, err := a.st.Review("c01", 4, at(1), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.st.Review("c02", 4, at(1).Add(time.Minute), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	return a, b
}

// TestSyncUndoEverywhere: an undo on one machine of a review the other
// already has undoes exactly that review on both.
func TestSyncUndoEverywhere(t *testing.T) {
	a, b := twoReviewsSynced(t)
	if r, _ := b.st.Card("c02"); r.State.IsNew() {
		t.Fatal("b did not get a's review")
	}
	a.now = at(1).Add(2 * time.Minute)
	if e, err := a.st.Undo(); err != nil || e.CardID != "c02" {
		t.Fatalf("undo: %v, %v", e, err)
	}
	a.sync(t)
	b.sync(t)
	for _, m := range []*machine{a, b} {
		if r, _ := m.st.Card("c02"); !r.State.IsNew() {
			t.Fatalf("%s: c02 still reviewed after the undo", m.name)
		}
		if r, _ := m.st.Card("c01"); r.State.IsNew() {
			t.Fatalf("%s: the undo took c01's review too", m.name)
		}
		var cards []string
		m.st.ForEachLog(func(e storage.LogEntry) error { cards = append(cards, e.CardID); return nil })
		if !reflect.DeepEqual(cards, []string{"c01"}) {
			t.Fatalf("%s: log %v, want only c01's review", m.name, cards)
		}
	}
}

// TestSyncKeepsSuspensionOfNewCard: a new card suspended on one machine
// and reviewed, the same day, on another that did not know stays
// suspended everywhere: the review's state before is adopted for its
// schedule, not for a suspension it never saw.
func TestSyncKeepsSuspensionOfNewCard(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	a.now = at(1)
	if err := a.st.SetSuspended([]string{"c03"}, true); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	if _, _, err := b.st.Review("c03", 4, at(1).Add(time.Hour), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	b.sync(t)
	a.sync(t)
	for _, m := range []*machine{a, b} {
		r, err := m.st.Card("c03")
		if err != nil {
			t.Fatal(err)
		}
		if !r.State.Suspended || r.State.IsNew() {
			t.Fatalf("%s: c03 %+v, want reviewed and still suspended", m.name, r.State)
		}
	}
}

// TestSyncUndoOfRelinkedHistory: a review logged under a card's old ID,
// before an import relinked the card and before the store synced, becomes
// an event under the new ID; undoing it names that event.
func TestSyncUndoOfRelinkedHistory(t *testing.T) {
	m := openMachine(t, "a")
	cards := sampleCards()
	mustImport(t, m.st, "trust", cards, at(0))
	if _, _, err := m.st.Review("aa11", 4, at(0), time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	moved := slices.Clone(cards)
	moved[0].ID = "aa99"
	if sum := mustImport(t, m.st, "trust", moved, at(1)); sum.Relinked != 1 {
		t.Fatalf("import: %+v, want a relink", sum)
	}
	m.initSync(t, t.TempDir())
	var review journal.ID
	if err := m.st.ForEachEvent(func(e journal.Event) error {
		if e.Kind == journal.KindReview {
			if e.Card != "aa99" {
				t.Errorf("the history's review is of %q, want the relinked aa99", e.Card)
			}
			review = e.ID
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	m.now = at(2)
	if _, err := m.st.Undo(); err != nil {
		t.Fatal(err)
	}
	var undoes []journal.ID
	if err := m.st.ForEachEvent(func(e journal.Event) error {
		if e.Kind == journal.KindUndo {
			undoes = append(undoes, e.Undoes)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if review.IsZero() || !slices.Equal(undoes, []journal.ID{review}) {
		t.Fatalf("undo events name %v, want the review %v", undoes, review)
	}
}

// TestSyncUndoOfSyncedReview: a machine undoes the newest review in its
// log, one another machine made and it received; the undo reaches the
// machine that made it.
func TestSyncUndoOfSyncedReview(t *testing.T) {
	a, b := twoReviewsSynced(t)
	b.now = at(1).Add(2 * time.Minute)
	if e, err := b.st.Undo(); err != nil || e.CardID != "c02" {
		t.Fatalf("b's undo: %v, %v", e, err)
	}
	b.sync(t)
	a.sync(t)
	for _, m := range []*machine{a, b} {
		var cards []string
		m.st.ForEachLog(func(e storage.LogEntry) error { cards = append(cards, e.CardID); return nil })
		if !slices.Equal(cards, []string{"c01"}) {
			t.Errorf("%s: log %v, want only c01's review", m.name, cards)
		}
		if r, _ := m.st.Card("c02"); !r.State.IsNew() {
			t.Errorf("%s: c02 still reviewed after the undo", m.name)
		}
	}
	compareSnapshots(t, a.snapshot(t), b.snapshot(t), "a", "b")
}

// TestSyncTodayAfterOlderReviews: a sync appends another machine's reviews
// of yesterday after this machine's of today; the day's count of new cards
// shown and cards seen still has today's, so the daily new-card limit holds
// after a sync.
func TestSyncTodayAfterOlderReviews(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	a.now = at(0)
	for _, id := range []string{"c01", "c02"} {
		if _, _, err := a.st.Review(id, 4, at(0), time.Second, cfg()); err != nil {
			t.Fatal(err)
		}
	}
	a.sync(t)
	b.now = at(1)
	for _, id := range []string{"c03", "c04", "c05"} {
		if _, _, err := b.st.Review(id, 4, at(1), time.Second, cfg()); err != nil {
			t.Fatal(err)
		}
	}
	want, err := b.st.Today(at(1).Add(time.Hour), cfg())
	if err != nil || want.NewShown != 3 {
		t.Fatalf("before the sync: %+v, %v; want 3 new cards shown", want, err)
	}
	b.sync(t) // a's reviews of yesterday come after b's of today
	got, err := b.st.Today(at(1).Add(time.Hour), cfg())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after the sync, today is %+v, want %+v as before", got, want)
	}
	// A run of synced entries holding a review of today is read through.
	a.now = at(1).Add(2 * time.Hour)
	if _, _, err := a.st.Review("c06", 4, a.now, time.Second, cfg()); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	got, err = b.st.Today(at(1).Add(3*time.Hour), cfg())
	if err != nil || got.NewShown != 4 || !got.Seen["c06"] {
		t.Fatalf("after a's review of today arrived: %+v, %v; want 4 new cards shown, c06 seen", got, err)
	}
}

// TestSyncRelinkAfterSync: an import relinks a card whose term changed on
// one machine, after both synced; until the other imports the new notes
// too, each machine reviews the card under its own ID. The reviews under
// the old ID and the new fold together, in time order: at once on the
// machine that relinked, on the other at its import (a review of an ID it
// does not have waits for it), and both end with the same state.
func TestSyncRelinkAfterSync(t *testing.T) {
	folder := t.TempDir()
	a, b := newMachine(t, "a", folder), newMachine(t, "b", folder)
	a.review(t, "c01", 4, at(0))
	a.sync(t)
	b.sync(t)
	moved := slices.Clone(syncCards())
	moved[0].ID = "c99"
	if sum := mustImport(t, a.st, "trust", moved, at(1)); sum.Relinked != 1 {
		t.Fatalf("a's import: %+v, want c01 relinked", sum)
	}
	a.review(t, "c99", 5, at(1).Add(time.Hour))
	b.review(t, "c01", 3, at(1).Add(2*time.Hour))
	for range 2 {
		a.sync(t)
		b.sync(t)
	}
	want := []string{"2026-03-02T10:00:00Z 4", "2026-03-03T11:00:00Z 5", "2026-03-03T12:00:00Z 3"}
	if r, err := a.st.Card("c99"); err != nil || r.State.Reps != 3 || !r.State.LastReview.Equal(at(1).Add(2*time.Hour)) {
		t.Fatalf("a: c99 %+v, %v; want the fold of all three reviews", r.State, err)
	}
	// b has not the card c99 yet: a's review of it waits for b's import.
	if r, err := b.st.Card("c01"); err != nil || r.State.Reps != 2 {
		t.Fatalf("b: c01 %+v, %v; want the fold of the two reviews of c01", r.State, err)
	}
	if sum := mustImport(t, b.st, "trust", moved, at(2)); sum.Relinked != 1 {
		t.Fatalf("b's import: %+v, want c01 relinked", sum)
	}
	for range 2 {
		a.sync(t)
		b.sync(t)
	}
	for _, m := range []*machine{a, b} {
		if got := logOf(t, m, "c99"); !slices.Equal(got, want) {
			t.Errorf("%s: c99's log %v, want %v", m.name, got, want)
		}
	}
	compareSnapshots(t, a.snapshot(t), b.snapshot(t), "a", "b")
}
