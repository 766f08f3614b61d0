package cli

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// reviewDays saves UTC as the store's zone, then grades cards of the store
// at db on the given days of March 2026 (at 09:00 UTC, a minute apart), as
// recall review would.
func reviewDays(t *testing.T, db string, days map[int][]string) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	if err := st.SaveSettings(cfg); err != nil {
		t.Fatal(err)
	}
	for d := 1; d <= 31; d++ {
		for i, g := range days[d] {
			id, grade, _ := strings.Cut(g, "=")
			q := scheduler.Grade(grade[0] - '0')
			when := time.Date(2026, 3, d, 9, i, 0, 0, time.UTC)
			if _, _, err := st.Review(id, q, when, 5*time.Second, cfg); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// runStats runs recall stats with args and the given environment.
func runStatsCmd(t testing.TB, vars map[string]string, setup func(*Env), args ...string) (string, string, int) {
	t.Helper()
	env, out, errOut := testEnv(vars)
	if setup != nil {
		setup(env)
	}
	status := Run(env, append([]string{"stats"}, args...))
	return out.String(), errOut.String(), status
}

func TestStatsJSON(t *testing.T) {
	cards := fakeCards(5)
	cards[4].Front = "evil \x1b]0;title\x07 front"
	db := seedStore(t, "Test deck", cards)
	reviewDays(t, db, map[int][]string{
		2: {"c00=4", "c01=4", "c02=4", "c04=4"},
		3: {"c00=5", "c01=2", "c01=4", "c04=4"},
		4: {"c01=4"},
		// 5 March: no review.
		6: {"c00=4", "c04=1"},
		7: {"c01=3", "c01=4"},
	})
	vars := map[string]string{"RECALL_DB": db, "RECALL_NOW": "2026-03-07T12:00:00Z", "TZ": "UTC"}
	out, errOut, status := runStatsCmd(t, vars, nil, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var s stats.Stats
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if s.Today.Day != "2026-03-07" || s.Today.Reviews != 2 || s.Today.Cards != 1 || s.Today.Correct != 2 || s.Today.TimeMS != 10000 {
		t.Errorf("today %+v", s.Today)
	}
	if s.Streak != (stats.Streak{Current: 2, Longest: 3, ReviewDays: 5, Reviews: 13}) {
		t.Errorf("streak %+v", s.Streak)
	}
	if s.Cards != (stats.StateCounts{New: 1, Learning: 1, Young: 3, Total: 5}) {
		t.Errorf("cards %+v", s.Cards)
	}
	// c01 and c04 lapsed once; c01's 3 on 7 March lowered its EF to 2.36.
	if len(s.Hardest) != 2 || s.Hardest[0].ID != "c01" || s.Hardest[0].EF != 2.36 || s.Hardest[1].ID != "c04" || s.Hardest[1].Front != cards[4].Front {
		t.Errorf("hardest %+v", s.Hardest)
	}
	if s.Retention.All.Reviews != 13 || s.Retention.All.Correct != 11 || s.Zone != "UTC" {
		t.Errorf("retention %+v, zone %q", s.Retention.All, s.Zone)
	}

	// --deck names a deck: the same figures, as it is the only one.
	out2, _, status := runStatsCmd(t, vars, nil, "--json", "--deck", "Test deck")
	var s2 stats.Stats
	if err := json.Unmarshal([]byte(out2), &s2); status != 0 || err != nil || s2.Deck == nil || *s2.Deck != "Test deck" || s2.Streak != s.Streak {
		t.Errorf("--deck: status %d, %v, %+v", status, err, s2.Streak)
	}

	// The plain report prints the front without its escape sequence.
	out, _, _ = runStatsCmd(t, vars, nil)
	assertNoControls(t, out)
	for _, want := range []string{"Statistics for all decks, Sat 7 Mar 2026", "Today     2 reviews of 1 card, 100% correct, 10s",
		"Streak    2 days, longest 3 days", "c04", "evil front"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestStatsTerminal(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(3))
	reviewDays(t, db, map[int][]string{2: {"c00=4"}, 3: {"c00=4", "c01=1"}})
	tests := []struct {
		name      string
		noColor   string
		terminal  bool
		width     int
		colour    bool
		wantTitle string
	}{
		{"piped", "", false, 0, false, "Reviews per day, the last 38 weeks"},
		{"terminal", "", true, 120, true, "Reviews per day, the past year"},
		{"terminal with NO_COLOR", "1", true, 120, false, "Reviews per day, the past year"},
		{"narrow terminal", "", true, 50, true, "Reviews per day, the last 23 weeks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"RECALL_DB": db, "RECALL_NOW": "2026-03-03T12:00:00Z", "NO_COLOR": tt.noColor}
			out, errOut, status := runStatsCmd(t, vars, func(env *Env) {
				env.StdoutIsTerminal = tt.terminal
				env.TerminalWidth = func() int { return tt.width }
			})
			if status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			if got := strings.Contains(out, "\x1b["); got != tt.colour {
				t.Errorf("colour: %v, want %v", got, tt.colour)
			}
			if !strings.Contains(out, tt.wantTitle) {
				t.Errorf("report lacks %q:\n%s", tt.wantTitle, out)
			}
			if !tt.colour && !strings.Contains(out, "▒") {
				t.Errorf("plain calendar has no shades:\n%s", out)
			}
		})
	}
}

func TestStatsErrors(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(2))
	tests := []struct {
		name    string
		vars    map[string]string
		args    []string
		status  int
		wantOut string
		wantErr string
	}{
		{"unknown deck", map[string]string{"RECALL_DB": db}, []string{"--deck", "nope"}, 1, "", "recall: no deck named \"nope\" (recall decks lists them)\n"},
		{"argument", map[string]string{"RECALL_DB": db}, []string{"extra"}, 2, "", "recall: unknown command \"extra\" for \"recall stats\"\n"},
		{"bad RECALL_NOW", map[string]string{"RECALL_DB": db, "RECALL_NOW": "monday"}, nil, 1, "", "recall: RECALL_NOW=\"monday\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z\n"},
		{"no store yet", map[string]string{"RECALL_DB": filepath.Join(t.TempDir(), "none.db")}, []string{"--json"}, 0, `"reviews": 0`, ""},
		{"no store, a deck", map[string]string{"RECALL_DB": filepath.Join(t.TempDir(), "none.db")}, []string{"--deck", "x"}, 1, "", "recall: no deck named \"x\" (recall decks lists them)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runStatsCmd(t, tt.vars, nil, tt.args...)
			if status != tt.status || !strings.Contains(out, tt.wantOut) || errOut != tt.wantErr {
				t.Errorf("status %d, stdout %q, stderr %q; want %d, %q, %q", status, out, errOut, tt.status, tt.wantOut, tt.wantErr)
			}
		})
	}
}

// TestStreakDaysMatchesStats checks that the session summary's streak and
// recall stats count the same days.
func TestStreakDaysMatchesStats(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(2))
	reviewDays(t, db, map[int][]string{1: {"c00=4"}, 2: {"c00=4"}, 4: {"c00=4"}, 5: {"c01=4"}, 6: {"c00=4"}})
	st, err := storage.Open(db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	for _, tt := range []struct {
		now  string
		want int
	}{
		// 3 March had no review and nothing due (c00 was next due on the
		// 8th, c01 new): it keeps the streak, which runs from the 1st.
		{"2026-03-06T12:00:00Z", 6}, {"2026-03-07T12:00:00Z", 6},
		// c00, reviewed on the 6th, was due again on the 7th.
		{"2026-03-08T12:00:00Z", 0},
		{"2026-03-02T03:00:00Z", 1},
	} {
		now, _ := time.Parse(time.RFC3339, tt.now)
		got, _, err := streakDays(st, now, cfg)
		if err != nil {
			t.Fatal(err)
		}
		s, err := readStats(st, nil, now, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want || s.Streak.Current != tt.want {
			t.Errorf("at %s: streakDays %d, stats %d; want %d", tt.now, got, s.Streak.Current, tt.want)
		}
	}
}

// The stats benchmarks run recall stats end to end on a store of 20000
// cards in four decks with 100k reviews, and 1M when RECALL_BENCH_1M=1.
// The store is built with the storage API, review by review (each one a
// committed transaction), so building it takes minutes: about 1 ms a
// review on the reference machine.
//
//	go test ./cmd/recall/internal/cli -run '^$' -bench Stats -benchtime 10x
//	RECALL_BENCH_1M=1 go test ./cmd/recall/internal/cli -run '^$' -bench Stats -benchtime 10x -timeout 120m
func BenchmarkStats(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("RECALL_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, n := range sizes {
		b.Run(fmt.Sprintf("reviews=%d", n), func(b *testing.B) {
			db := filepath.Join(b.TempDir(), "recall.db")
			start := time.Now()
			if err := buildStatsStore(db, 20000, n, now); err != nil {
				b.Fatal(err)
			}
			b.Logf("built a store of %d reviews in %v", n, time.Since(start).Round(time.Second))
			vars := map[string]string{"RECALL_DB": db, "RECALL_NOW": now.Format(time.RFC3339)}
			for _, args := range [][]string{nil, {"--json"}, {"--deck", "deck 2"}} {
				b.Run(strings.Join(append([]string{"stats"}, args...), " "), func(b *testing.B) {
					for b.Loop() {
						if _, errOut, status := runStatsCmd(b, vars, nil, args...); status != 0 {
							b.Fatal(errOut)
						}
					}
				})
			}
		})
	}
}

// buildStatsStore imports cards cards into four decks, then reviews them n
// times over the three years before now with Store.Review: mostly 4s and
// 5s, a 3 now and then (with its re-drill), and one failure in eight.
func buildStatsStore(path string, cards, n int, now time.Time) error {
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	first := now.AddDate(-3, 0, 0)
	var ids []string
	for d := range 4 {
		var list []deck.Card
		for i := range cards / 4 {
			id := fmt.Sprintf("%d%011x", d, i)
			list = append(list, deck.Card{ID: id, Kind: deck.KindTerm, Front: fmt.Sprintf("What is term %d of deck %d?", i, d),
				Back: "A definition of a realistic length, a sentence or so.", Term: id, Note: fmt.Sprintf("note-%d", i/40), Order: i,
				Sources: []deck.Source{{File: fmt.Sprintf("notes/note-%d.md", i/40), Line: i%40 + 1}}})
			ids = append(ids, id)
		}
		if _, err := st.Import(fmt.Sprintf("deck %d", d), list, first, false); err != nil {
			return err
		}
	}
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	rng := rand.New(rand.NewPCG(5, 6))
	step := now.Sub(first) / time.Duration(n)
	for i := range n {
		q := scheduler.Grade(4 + rng.IntN(2))
		switch rng.IntN(8) {
		case 0:
			q = 1
		case 1:
			q = 3
		}
		answer := time.Duration(1+rng.IntN(15)) * time.Second
		if _, _, err := st.Review(ids[rng.IntN(len(ids))], q, first.Add(time.Duration(i)*step), answer, cfg); err != nil {
			return err
		}
	}
	return nil
}

// TestBuildStatsStore writes BenchmarkStats's store to the file named by
// RECALL_STATS_STORE (20 000 cards, RECALL_STATS_REVIEWS reviews, default a
// million), for timing the real binary on it (/usr/bin/time recall stats);
// it is skipped unless asked for.
func TestBuildStatsStore(t *testing.T) {
	path := os.Getenv("RECALL_STATS_STORE")
	if path == "" {
		t.Skip("RECALL_STATS_STORE names the store to build")
	}
	n := 1_000_000
	if v := os.Getenv("RECALL_STATS_REVIEWS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("RECALL_STATS_REVIEWS: %v", err)
		}
	}
	if err := buildStatsStore(path, 20000, n, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
}
