package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

// scanSamples are log entries as json.Marshal writes them, covering the
// shapes a real log holds: a first review, a lapse, a re-drill, times with
// and without nanoseconds, a buried card, a long interval.
func scanSamples() []LogEntry {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	first, _, _ := scheduler.Review(scheduler.NewState(), 4, at, cfg)
	redrill, _, _ := scheduler.Review(first, 3, at.AddDate(0, 0, 1).Add(123456789), cfg)
	lapsed, _, _ := scheduler.Review(redrill, 1, at.AddDate(0, 0, 9), cfg)
	old := scheduler.State{Reps: 9, EF: 130, IntervalDays: scheduler.MaxIntervalDays, Due: at.AddDate(90, 0, 0),
		Lapses: 7, Leech: true, Suspended: true, BuriedUntil: at.Add(20 * time.Hour), LastReview: at.Add(-time.Nanosecond)}
	return []LogEntry{
		{Seq: 1, CardID: "0123456789ab", Time: at, Grade: 4, Prev: scheduler.NewState(), Next: first, Answer: 1500 * time.Millisecond},
		{Seq: 2, CardID: "0123456789ab", Time: at.AddDate(0, 0, 1).Add(123456789), Grade: 3, Prev: first, Next: redrill},
		{Seq: 3, CardID: "0123456789ab", Time: at.AddDate(0, 0, 9), Grade: 1, Prev: redrill, Next: lapsed, Answer: time.Hour},
		{Seq: 1 << 40, CardID: "carte-née", Time: at.AddDate(-1000, 0, 0), Grade: 5, Prev: old, Next: old, Answer: 0},
	}
}

func marshalEntry(t testing.TB, e LogEntry) []byte {
	t.Helper()
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkScan compares scanLogEntry with a full decode: when the scanner
// accepts an entry, the full decode must succeed with the same fields.
func checkScan(t *testing.T, data []byte) (accepted bool) {
	t.Helper()
	sum, id, ok := scanLogEntry(data)
	var e LogEntry
	err := json.Unmarshal(data, &e)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("scanner accepted %q, which json.Unmarshal refuses: %v", data, err)
	}
	want := summarise(e)
	sum.CardID = string(id)
	if sum != want && !(sum.Time.Equal(want.Time) && sumWithoutTime(sum) == sumWithoutTime(want)) {
		t.Fatalf("scanner read %q as\n%+v\nwant\n%+v", data, sum, want)
	}
	return true
}

func sumWithoutTime(s LogSummary) LogSummary { s.Time = time.Time{}; return s }

func TestScanLogEntryMatchesFullDecode(t *testing.T) {
	for _, e := range scanSamples() {
		data := marshalEntry(t, e)
		if !checkScan(t, data) {
			t.Errorf("scanner refused what json.Marshal writes: %s", data)
		}
	}
}

// TestScanLogEntryFallsBack lists JSON the scanner must read as the full
// decode does, or leave to it: anything but json.Marshal's own layout.
func TestScanLogEntryFallsBack(t *testing.T) {
	base := string(marshalEntry(t, scanSamples()[1]))
	tests := []struct {
		name   string
		data   string
		accept bool // the scanner reads it itself
	}{
		{"as written", base, true},
		{"negative zero", strings.Replace(base, `"grade":3`, `"grade":-0`, 1), true},
		{"white space", strings.NewReplacer(`,"`, " ,\n\t\"", `":`, "\"\r: ", `{`, "{ ", `}`, " }").Replace(base) + "\n", false},
		{"empty object", `{}`, false},
		{"no prev", `{"seq":1,"card_id":"a","time":"2026-03-02T09:00:00Z","grade":4}`, false},
		{"fields in another order", `{"card_id":"a","seq":1}`, false},
		{"duplicate key", strings.Replace(base, `"grade":3`, `"grade":1,"grade":3`, 1), false},
		{"escaped ID", strings.Replace(base, `"card_id":"0123456789ab"`, `"card_id":"a\u0026b"`, 1), false},
		{"escaped key", strings.Replace(base, `"grade"`, `"gr\u0061de"`, 1), false},
		{"key in other case", strings.Replace(base, `"grade"`, `"Grade"`, 1), false},
		{"unknown key", strings.Replace(base, `"grade"`, `"extra":[1,{"a":null}],"grade"`, 1), false},
		{"null", strings.Replace(base, `"grade":3`, `"grade":null`, 1), false},
		{"fraction", strings.Replace(base, `"grade":3`, `"grade":3.0`, 1), false},
		{"exponent", strings.Replace(base, `"grade":3`, `"grade":3e0`, 1), false},
		{"leading zero", strings.Replace(base, `"grade":3`, `"grade":03`, 1), false},
		{"string for a number", strings.Replace(base, `"grade":3`, `"grade":"3"`, 1), false},
		{"huge number", strings.Replace(base, `"grade":3`, `"grade":99999999999999999999`, 1), false},
		{"negative seq", strings.Replace(base, `"seq":2`, `"seq":-2`, 1), false},
		{"number for a bool", strings.Replace(base, `"redrill":false`, `"redrill":0`, 1), false},
		{"offset time", strings.Replace(base, `"time":"2026-03-03T09:00:00.123456789Z"`, `"time":"2026-03-03T10:00:00.123456789+01:00"`, 1), false},
		{"lower-case z", strings.Replace(base, `.123456789Z"`, `.123456789z"`, 1), false},
		{"31 February", strings.Replace(base, `"time":"2026-03-03`, `"time":"2026-02-31`, 1), false},
		{"second 60", strings.Replace(base, `09:00:00.123456789Z`, `09:00:60.123456789Z`, 1), false},
		{"ten fraction digits", strings.Replace(base, `.123456789Z"`, `.1234567891Z"`, 1), false},
		{"empty fraction", strings.Replace(base, `.123456789Z"`, `.Z"`, 1), false},
		{"invalid UTF-8 ID", strings.Replace(base, `0123456789ab`, "01\xff", 1), false},
		{"control character", strings.Replace(base, `0123456789ab`, "01\x01", 1), false},
		{"trailing garbage", base + "x", false},
		{"truncated", base[:len(base)-1], false},
		{"not an object", `[]`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkScan(t, []byte(tt.data)); got != tt.accept {
				t.Errorf("scanner accepted: %v, want %v", got, tt.accept)
			}
		})
	}
}

// FuzzScanLogEntry checks that whatever the scanner accepts, json.Unmarshal
// decodes to the same fields.
//
//	go test ./storage -run '^$' -fuzz FuzzScanLogEntry -fuzztime 1m
func FuzzScanLogEntry(f *testing.F) {
	for _, e := range scanSamples() {
		f.Add(marshalEntry(f, e))
	}
	f.Add([]byte(`{"prev":{"last_review":"2000-02-29T23:59:59.5Z"},"seq":0}`))
	f.Add([]byte(`{"grade":-9223372036854775808,"answer_ns":9223372036854775807}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan(t, data)
	})
}

// TestForEachLogSummary compares the summaries with ForEachLog's entries on
// a store whose log holds reviews, an entry the scanner leaves to the full
// decode, and reviews of a card relinked since.
func TestForEachLogSummary(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "recall.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cards := []deck.Card{
		{ID: "aa11", Kind: deck.KindTerm, Front: "What is honesty?", Back: "Telling the truth", Term: "Honesty", Note: "trust", Order: 1,
			Sources: []deck.Source{{File: "trust.md", Line: 1}}},
		{ID: "bb22", Kind: deck.KindTerm, Front: "What is candour?", Back: "Saying the hard thing", Term: "Candour", Note: "trust", Order: 2,
			Sources: []deck.Source{{File: "trust.md", Line: 2}}},
	}
	if _, err := st.Import("d", cards, at, false); err != nil {
		t.Fatal(err)
	}
	for i, g := range []scheduler.Grade{4, 1, 5, 3, 4} {
		if _, _, err := st.Review(cards[i%2].ID, g, at.Add(time.Duration(i)*time.Hour), time.Duration(i)*time.Second, cfg); err != nil {
			t.Fatal(err)
		}
	}
	// An entry in a form only the full decode reads.
	odd := marshalEntry(t, LogEntry{Seq: 6, CardID: "aa11", Time: at.AddDate(0, 0, 1), Grade: 2})
	odd = []byte(strings.Replace(string(odd), `"grade":2`, `"grade":2,"note":"hand-edited"`, 1))
	if err := st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLog)
		if err := b.SetSequence(6); err != nil {
			return err
		}
		return b.Put(seqKey(6), odd)
	}); err != nil {
		t.Fatal(err)
	}
	// Relink aa11 to aa99: every summary must name aa99, as ForEachLog does.
	cards[0].ID = "aa99"
	if sum, err := st.Import("d", cards, at.AddDate(0, 0, 2), false); err != nil || sum.Relinked != 1 {
		t.Fatalf("relink: %+v, %v", sum, err)
	}

	var want, got []LogSummary
	if err := st.ForEachLog(func(e LogEntry) error { want = append(want, summarise(e)); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.ForEachLogSummary(func(s LogSummary) error { got = append(got, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 || len(got) != len(want) {
		t.Fatalf("%d summaries, %d entries; want 6", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("summary %d:\n%+v\nwant\n%+v", i, got[i], want[i])
		}
	}
	if got[0].CardID != "aa99" || !got[0].PrevNew || got[2].PrevNew {
		t.Errorf("first summaries %+v", got[:3])
	}

	stop := errors.New("stop")
	n := 0
	err = st.ForEachLogSummary(func(LogSummary) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error: got %v after %d calls, want stop after 1", err, n)
	}

	// A damaged entry is skipped by every iterator, each entry reported
	// once however often the log is read, and the rest still read.
	var before int
	st.ForEachLog(func(LogEntry) error { before++; return nil })
	for _, damage := range [][]byte{[]byte(`{"grade":`), []byte(`{"seq":3,"card_id":"aa99","grade":9}`)} {
		if err := st.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketLog).Put(seqKey(3), damage) }); err != nil {
			t.Fatal(err)
		}
		var warnings []string
		st.SetWarn(func(err error) { warnings = append(warnings, err.Error()) })
		var full, sums, reverse int
		errFull := st.ForEachLog(func(LogEntry) error { full++; return nil })
		errSum := st.ForEachLogSummary(func(LogSummary) error { sums++; return nil })
		errRev := st.ForEachLogReverse(func(LogEntry) (bool, error) { reverse++; return true, nil })
		if errFull != nil || errSum != nil || errRev != nil {
			t.Errorf("%s: a damaged entry stopped the reads: %v, %v, %v", damage, errFull, errSum, errRev)
		}
		if full != before-1 || sums != before-1 || reverse != before-1 {
			t.Errorf("%s: read %d, %d and %d entries, want %d each", damage, full, sums, reverse, before-1)
		}
		if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "review log entry 3 is damaged and was skipped") {
			t.Errorf("%s: warnings %q, want one naming entry 3", damage, warnings)
		}
	}
}

// The log benchmarks read a log of 100k reviews, and of 1M when
// RECALL_BENCH_1M=1, of 5000 cards, written straight into the log bucket.
//
//	go test ./storage -run '^$' -bench 'Log(Summary)?$' -benchtime 2s
//	RECALL_BENCH_1M=1 go test ./storage -run '^$' -bench 'Log(Summary)?$' -benchtime 2s -timeout 30m

var logBenchStores struct {
	sync.Mutex
	paths map[int]string
}

func forEachLogSize(b *testing.B, fn func(b *testing.B, st *Store)) {
	sizes := []int{100_000}
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("reviews=%d", n), func(b *testing.B) {
			path := logBenchStore(b, n)
			st, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			fn(b, st)
		})
	}
}

// logBenchStore returns the path of a store with n reviews, building it on
// first use in the benchmark stores' directory.
func logBenchStore(b *testing.B, n int) string {
	b.Helper()
	benchStores.Lock()
	dir := benchDirLocked(b)
	benchStores.Unlock()
	logBenchStores.Lock()
	defer logBenchStores.Unlock()
	if path, ok := logBenchStores.paths[n]; ok {
		return path
	}
	path := filepath.Join(dir, fmt.Sprintf("log-%d.db", n))
	start := time.Now()
	if err := buildLogStore(path, 5000, n); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.Logf("built a store of %d reviews in %v (%d MB)", n, time.Since(start).Round(time.Second), fi.Size()>>20)
	if logBenchStores.paths == nil {
		logBenchStores.paths = map[int]string{}
	}
	logBenchStores.paths[n] = path
	return path
}

// buildLogStore imports cards cards and writes n reviews of them, spread
// over the three years before benchNow, straight into the log bucket in
// large unsynced transactions: the log as Review would have written it.
func buildLogStore(path string, cards, n int) error {
	st, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	st.db.NoSync = true
	cfg := benchSettings()
	first := benchNow.AddDate(-3, 0, 0)
	var list []deck.Card
	for i := range cards {
		list = append(list, deck.Card{ID: fmt.Sprintf("%012x", i*7919), Kind: deck.KindTerm, Front: "f", Back: "b", Term: fmt.Sprint(i), Order: i})
	}
	if _, err := st.Import("deck", list, first, false); err != nil {
		return err
	}
	states := make([]scheduler.State, cards)
	for i := range states {
		states[i] = scheduler.NewState()
	}
	rng := rand.New(rand.NewPCG(3, 4))
	span := benchNow.Sub(first)
	for start := 0; start < n; start += 100_000 {
		err := st.db.Update(func(tx *bolt.Tx) error {
			logs := tx.Bucket(bucketLog)
			logs.FillPercent = 0.9
			for i := start; i < min(start+100_000, n); i++ {
				c := rng.IntN(cards)
				at := first.Add(time.Duration(int64(span) / int64(n) * int64(i)))
				q := scheduler.Grade(rng.IntN(6))
				next, _, err := scheduler.Review(states[c], q, at, cfg)
				if err != nil {
					return err
				}
				seq, _ := logs.NextSequence()
				e := LogEntry{Seq: seq, CardID: list[c].ID, Time: at, Grade: q, Prev: states[c], Next: next, Answer: time.Duration(1+rng.IntN(20000)) * time.Millisecond}
				states[c] = next
				data, err := json.Marshal(e)
				if err != nil {
					return err
				}
				if err := logs.Put(seqKey(seq), data); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return st.db.Sync()
}

// BenchmarkForEachLog reads the whole log with full decoding.
func BenchmarkForEachLog(b *testing.B) {
	forEachLogSize(b, func(b *testing.B, st *Store) {
		for b.Loop() {
			n := 0
			if err := st.ForEachLog(func(LogEntry) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkForEachLogSummary reads the whole log with the scanner.
func BenchmarkForEachLogSummary(b *testing.B) {
	forEachLogSize(b, func(b *testing.B, st *Store) {
		for b.Loop() {
			n := 0
			if err := st.ForEachLogSummary(func(LogSummary) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScanLogEntry reads one entry with the scanner and with
// json.Unmarshal.
func BenchmarkScanLogEntry(b *testing.B) {
	data := marshalEntry(b, scanSamples()[1])
	b.Run("scanner", func(b *testing.B) {
		for b.Loop() {
			if _, _, ok := scanLogEntry(data); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			var e LogEntry
			if err := json.Unmarshal(data, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
}
