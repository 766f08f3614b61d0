package storage

import (
	"bufio"
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

// logSamples are log entries covering the shapes a real log holds: a first review, a lapse, a re-drill, times with
// and without nanoseconds, a buried card, a long interval.
func logSamples() []LogEntry {
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

func TestLogEncodingRoundTrip(t *testing.T) {
	for _, e := range logSamples() {
		data := encodeLog(e)
		if data[0] != logEncoding {
			t.Fatalf("first byte %d", data[0])
		}
		got, err := decodeLog(seqKey(e.Seq), data)
		if err != nil {
			t.Fatalf("entry %d: %v", e.Seq, err)
		}
		if !sameEntry(got, e) {
			t.Errorf("entry %d:\n%+v\nwant\n%+v", e.Seq, got, e)
		}
		// The JSON of old stores reads the same.
		fromJSON, err := decodeLog(seqKey(e.Seq), marshalEntry(t, e))
		if err != nil || !sameEntry(fromJSON, e) {
			t.Errorf("entry %d from JSON: %+v, %v", e.Seq, fromJSON, err)
		}
		sum, id, err := decodeLogSummary(seqKey(e.Seq), data)
		if err != nil || string(id) != e.CardID || sum != summarise(LogEntry{Seq: e.Seq, Time: e.Time.UTC(), Grade: e.Grade, Prev: e.Prev, Answer: e.Answer}) {
			t.Errorf("entry %d summary: %+v %q, %v", e.Seq, sum, id, err)
		}
		if len(data) > 100 {
			t.Errorf("entry %d takes %d bytes", e.Seq, len(data))
		}
	}
}

// sameEntry compares entries with times as instants (decoded times are UTC).
func sameEntry(a, b LogEntry) bool {
	norm := func(e LogEntry) LogEntry {
		e.Time = e.Time.UTC()
		for _, s := range []*scheduler.State{&e.Prev, &e.Next} {
			s.Due, s.BuriedUntil, s.LastReview = s.Due.UTC(), s.BuriedUntil.UTC(), s.LastReview.UTC()
		}
		return e
	}
	return norm(a) == norm(b)
}

func TestDecodeLogRefusesDamage(t *testing.T) {
	good := encodeLog(logSamples()[1])
	cases := map[string][]byte{
		"empty":           {},
		"unknown byte":    append([]byte{9}, good[1:]...),
		"truncated":       good[:len(good)-1],
		"trailing bytes":  append(append([]byte{}, good...), 0),
		"no card ID":      encodeLog(LogEntry{Time: time.Unix(0, 0)}),
		"ID past the end": {logEncoding, 200, 'a'},
		"broken JSON":     []byte(`{"grade":`),
	}
	for name, v := range cases {
		if _, err := decodeLog(seqKey(7), v); err == nil || !strings.Contains(err.Error(), "review log entry 7") {
			t.Errorf("%s: %v", name, err)
		}
		if _, _, err := decodeLogSummary(seqKey(7), v); err == nil {
			t.Errorf("%s: the summary reads it", name)
		}
	}
}

func FuzzDecodeLog(f *testing.F) {
	for _, e := range logSamples() {
		f.Add(encodeLog(e))
		e.Practice = true
		f.Add(encodeLog(e))
	}
	f.Add([]byte(`{"seq":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := decodeLog(seqKey(3), data)
		sum, id, errSum := decodeLogSummary(seqKey(3), data)
		if (err == nil) != (errSum == nil) {
			t.Fatalf("decodeLog %v, decodeLogSummary %v", err, errSum)
		}
		if err != nil || len(data) == 0 || data[0] != logEncoding && data[0] != logEncodingFlags {
			return
		}
		sum.CardID = string(id)
		if sum != summarise(e) {
			t.Fatalf("summary %+v %q, entry %+v", sum, id, e)
		}
		again, err := decodeLog(seqKey(3), encodeLog(e))
		if err != nil || !sameEntry(again, e) {
			t.Fatalf("re-encoded: %+v, %v; was %+v", again, err, e)
		}
	})
}

// exportedEntry is the part of a line of recall log export --format jsonl
// that TestJSONLogStore compares.
type exportedEntry struct {
	Seq              uint64    `json:"seq"`
	CardID           string    `json:"card_id"`
	Time             time.Time `json:"time"`
	Grade            int       `json:"grade"`
	PrevReps         int       `json:"prev_reps"`
	PrevIntervalDays int       `json:"prev_interval_days"`
	NextReps         int       `json:"next_reps"`
	NextEF           float64   `json:"next_ef"`
	NextIntervalDays int       `json:"next_interval_days"`
	NextDue          time.Time `json:"next_due"`
}

// TestJSONLogStore opens a store written before the binary encoding, with
// every log entry JSON, and reads each entry as that recall exported it.
func TestJSONLogStore(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "json-log", "recall.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "recall.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f, err := os.Open(filepath.Join("testdata", "json-log", "log.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []exportedEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var w exportedEntry
		if err := json.Unmarshal(sc.Bytes(), &w); err != nil {
			t.Fatal(err)
		}
		want = append(want, w)
	}
	if len(want) != 24 {
		t.Fatalf("%d exported entries in the fixture", len(want))
	}
	var got []LogEntry
	if err := st.ForEachLog(func(e LogEntry) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	var sums []LogSummary
	if err := st.ForEachLogSummary(func(s LogSummary) error { sums = append(sums, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(sums) != len(want) {
		t.Fatalf("%d entries, %d summaries; the export had %d", len(got), len(sums), len(want))
	}
	for i, w := range want {
		e := got[i]
		if e.Seq != w.Seq || e.CardID != w.CardID || !e.Time.Equal(w.Time) || int(e.Grade) != w.Grade ||
			e.Prev.Reps != w.PrevReps || e.Prev.IntervalDays != w.PrevIntervalDays || e.Next.Reps != w.NextReps ||
			e.Next.EF.Float() != w.NextEF || e.Next.IntervalDays != w.NextIntervalDays || !e.Next.Due.Equal(w.NextDue) {
			t.Errorf("entry %d: %+v\nexported as %+v", i, e, w)
		}
		if sums[i] != summarise(e) {
			t.Errorf("summary %d: %+v, entry %+v", i, sums[i], e)
		}
	}
	// A review now appends a binary entry after the JSON ones.
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	if _, _, err := st.Review(want[0].CardID, 4, time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC), time.Second, cfg); err != nil {
		t.Fatal(err)
	}
	var last LogEntry
	if err := st.ForEachLog(func(e LogEntry) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	if last.Seq != 25 || last.CardID != want[0].CardID || last.Answer != time.Second {
		t.Errorf("new entry %+v", last)
	}
	if err := st.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketLog).Get(seqKey(25)); len(v) == 0 || v[0] != logEncoding {
			return fmt.Errorf("entry 25 is %q", v)
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
	if problems := st.Check(); len(problems) != 0 {
		t.Errorf("check: %v", problems)
	}
}

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

	// Newest first, the same summaries backwards, until fn says stop.
	var back []LogSummary
	if err := st.ForEachLogSummaryReverse(func(s LogSummary) (bool, error) { back = append(back, s); return len(back) < 4, nil }); err != nil {
		t.Fatal(err)
	}
	if len(back) != 4 {
		t.Fatalf("reverse read %d summaries, want 4 (stopped)", len(back))
	}
	for i, s := range back {
		if w := want[len(want)-1-i]; s != w {
			t.Errorf("reverse summary %d:\n%+v\nwant\n%+v", i, s, w)
		}
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
	for _, damage := range [][]byte{[]byte(`{"grade":`), []byte(`{"seq":3,"card_id":"aa99","grade":9}`), {logEncoding, 4, 'a', 'a', '9', '9', 2, 0, 18, 0, 0, 0}, {logEncoding, 1}} {
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
			t.Errorf("%q: a damaged entry stopped the reads: %v, %v, %v", damage, errFull, errSum, errRev)
		}
		if full != before-1 || sums != before-1 || reverse != before-1 {
			t.Errorf("%q: read %d, %d and %d entries, want %d each", damage, full, sums, reverse, before-1)
		}
		if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "review log entry 3 is damaged and was skipped") {
			t.Errorf("%q: warnings %q, want one naming entry 3", damage, warnings)
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
	paths map[string]string
}

// logEncodings are the two forms a log entry may have in a store: binary,
// as recall writes it now, and JSON, as stores written before hold it.
var logEncodings = []struct {
	name   string
	encode func(LogEntry) ([]byte, error)
}{
	{"binary", func(e LogEntry) ([]byte, error) { return encodeLog(e), nil }},
	{"json", func(e LogEntry) ([]byte, error) { return json.Marshal(e) }},
}

func forEachLogSize(b *testing.B, fn func(b *testing.B, st *Store)) {
	sizes := []int{100_000}
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, enc := range logEncodings {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/reviews=%d", enc.name, n), func(b *testing.B) {
				path := logBenchStore(b, n, enc.name, enc.encode)
				st, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				fn(b, st)
			})
		}
	}
}

// logBenchStore returns the path of a store with n reviews in one
// encoding, building it on first use in the benchmark stores' directory.
func logBenchStore(b *testing.B, n int, name string, encode func(LogEntry) ([]byte, error)) string {
	b.Helper()
	benchStores.Lock()
	dir := benchDirLocked(b)
	benchStores.Unlock()
	logBenchStores.Lock()
	defer logBenchStores.Unlock()
	key := fmt.Sprintf("log-%s-%d.db", name, n)
	if path, ok := logBenchStores.paths[key]; ok {
		return path
	}
	path := filepath.Join(dir, key)
	start := time.Now()
	if err := buildLogStore(path, 5000, n, encode); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.Logf("built a store of %d %s reviews in %v (%d MB)", n, name, time.Since(start).Round(time.Second), fi.Size()>>20)
	if logBenchStores.paths == nil {
		logBenchStores.paths = map[string]string{}
	}
	logBenchStores.paths[key] = path
	return path
}

// buildLogStore imports cards cards and writes n reviews of them, spread
// over the three years before benchNow, straight into the log bucket in
// large unsynced transactions: the log as Review would have written it.
func buildLogStore(path string, cards, n int, encode func(LogEntry) ([]byte, error)) error {
	st, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	st.db.NoSync = true
	first := benchNow.AddDate(-3, 0, 0)
	var list []deck.Card
	for i := range cards {
		list = append(list, deck.Card{ID: fmt.Sprintf("%012x", i*7919), Kind: deck.KindTerm, Front: "f", Back: "b", Term: fmt.Sprint(i), Order: i})
	}
	if _, err := st.Import("deck", list, first, false); err != nil {
		return err
	}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	return writeBenchLog(st, ids, n, encode)
}

// writeBenchLog writes n reviews of the cards ids, spread over the three
// years before benchNow, straight into the log bucket of st (opened with
// NoSync) in large transactions, then syncs.
func writeBenchLog(st *Store, ids []string, n int, encode func(LogEntry) ([]byte, error)) error {
	cfg := benchSettings()
	first := benchNow.AddDate(-3, 0, 0)
	states := make([]scheduler.State, len(ids))
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
				c := rng.IntN(len(ids))
				at := first.Add(time.Duration(int64(span) / int64(n) * int64(i)))
				q := scheduler.Grade(rng.IntN(6))
				next, _, err := scheduler.Review(states[c], q, at, cfg)
				if err != nil {
					return err
				}
				seq, _ := logs.NextSequence()
				e := LogEntry{Seq: seq, CardID: ids[c], Time: at, Grade: q, Prev: states[c], Next: next, Answer: time.Duration(1+rng.IntN(20000)) * time.Millisecond}
				states[c] = next
				data, err := encode(e)
				if err != nil {
					return err
				}
				if err := logs.Put(seqKey(seq), data); err != nil {
					return err
				}
			}
			// The states are the synthetic store's own: the log is
			// history, folded already.
			return setFoldMark(tx, logs.Sequence())
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

// BenchmarkForEachLogSummary reads the whole log as statistics do.
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

// BenchmarkDecodeLogEntry reads one entry in each encoding.
func BenchmarkDecodeLogEntry(b *testing.B) {
	e := logSamples()[1]
	for _, enc := range []struct {
		name string
		data []byte
	}{{"binary", encodeLog(e)}, {"json", marshalEntry(b, e)}} {
		b.Run(enc.name, func(b *testing.B) {
			b.ReportMetric(float64(len(enc.data)), "bytes/entry")
			for b.Loop() {
				if _, err := decodeLog(seqKey(2), enc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(enc.name+"-summary", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := decodeLogSummary(seqKey(2), enc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLogEncodingPractice: a practice entry is written in the flagged form
// and reads back marked; other entries keep the first form.
func TestLogEncodingPractice(t *testing.T) {
	for _, e := range logSamples() {
		e.Practice = true
		data := encodeLog(e)
		if data[0] != logEncodingFlags {
			t.Fatalf("first byte %d, want %d", data[0], logEncodingFlags)
		}
		got, err := decodeLog(seqKey(e.Seq), data)
		if err != nil || !got.Practice || !sameEntry(got, e) {
			t.Fatalf("entry %d: %+v %v", e.Seq, got, err)
		}
		sum, _, err := decodeLogSummary(seqKey(e.Seq), data)
		if err != nil || !sum.Practice {
			t.Fatalf("summary %d: %+v %v", e.Seq, sum, err)
		}
		// An unknown flag is damage, not silently dropped.
		bad := append(data[:len(data)-1:len(data)-1], 2)
		if _, err := decodeLog(seqKey(e.Seq), bad); err == nil {
			t.Errorf("entry %d with an unknown flag read", e.Seq)
		}
	}
}
