package stats

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/scheduler"
)

// utc is the settings of most tests: UTC, rollover at 04:00.
func utc() scheduler.Settings {
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	return cfg
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", name, err)
	}
	return loc
}

// at parses an RFC 3339 time.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// build runs a Builder over cards and reviews.
func build(now time.Time, cfg scheduler.Settings, deck *string, cards []Card, reviews []Review) Stats {
	b := NewBuilder(now, cfg, deck)
	for _, c := range cards {
		b.AddCard(c)
	}
	for _, r := range reviews {
		b.AddReview(r)
	}
	return b.Stats()
}

// reverseStreak counts the streak as recall review does, newest first.
func reverseStreak(now time.Time, cfg scheduler.Settings, reviews []Review, waiting time.Time) int {
	c := NewStreakCounter(now, cfg, waiting)
	for i := len(reviews) - 1; i >= 0 && c.Add(reviews[i].Time, reviews[i].PrevQueue); i-- {
	}
	return c.Days()
}

// dailyReviews makes the reviews of a card that falls due a day after each
// review (the first review introduces it), unless a time is followed by
// "<" and the card's due time before that review, or "<new". It returns
// the reviews and when the card waits from after the last one.
func dailyReviews(t *testing.T, cfg scheduler.Settings, times []string) ([]Review, time.Time) {
	var reviews []Review
	var next time.Time
	for _, s := range times {
		when, due, explicit := strings.Cut(s, "<")
		r := Review{CardID: "c", Time: at(t, when), Grade: 4, PrevQueue: next}
		if explicit {
			r.PrevQueue = time.Time{}
			if due != "new" {
				r.PrevQueue = at(t, due)
			}
		}
		reviews = append(reviews, r)
		next = cfg.AddDays(cfg.DayStart(r.Time), 1)
	}
	return reviews, next
}

func TestStreaks(t *testing.T) {
	berlin := utc()
	berlin.Location = zone(t, "Europe/Berlin")
	noRollover := utc()
	noRollover.RolloverHour = 0
	tokyo, newYork := utc(), utc()
	tokyo.Location, newYork.Location = zone(t, "Asia/Tokyo"), zone(t, "America/New_York")
	// A learner reviews at 20:00 in New York on 10 and 11 January, flies
	// to Tokyo and reviews at 20:00 there on 13 and 14 January.
	travel := []string{"2026-01-11T01:00:00Z", "2026-01-12T01:00:00Z", "2026-01-13T11:00:00Z", "2026-01-14T11:00:00Z"}

	tests := []struct {
		name             string
		cfg              scheduler.Settings
		now              string
		reviews          []string
		current, longest int
		days             int
	}{
		{"empty log", utc(), "2026-03-10T12:00:00Z", nil, 0, 0, 0},
		{"one review today", utc(), "2026-03-10T12:00:00Z", []string{"2026-03-10T09:00:00Z"}, 1, 1, 1},
		{"yesterday's streak stands", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-08T09:00:00Z", "2026-03-09T09:00:00Z", "2026-03-09T22:00:00Z"}, 2, 2, 2},
		{"a day missed", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z", "2026-03-08T09:00:00Z"}, 0, 3, 3},
		{"streak after a gap", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-01T09:00:00Z", "2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", "2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z"}, 2, 3, 5},
		// 03:30 is before the 04:00 rollover: the review belongs to the
		// day before, so 9 March has none.
		{"before the rollover hour", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-08T09:00:00Z", "2026-03-09T03:30:00Z", "2026-03-10T09:00:00Z"}, 1, 1, 2},
		{"rollover at midnight", noRollover, "2026-03-10T12:00:00Z",
			[]string{"2026-03-08T09:00:00Z", "2026-03-09T03:30:00Z", "2026-03-10T09:00:00Z"}, 3, 3, 3},
		{"now before the rollover hour", utc(), "2026-03-10T03:00:00Z",
			[]string{"2026-03-08T09:00:00Z", "2026-03-09T09:00:00Z"}, 2, 2, 2},
		// Clocks in Berlin go forward at 02:00 on 29 March 2026. Reviews at
		// 04:30 local time every day are one day each across the change;
		// one at 03:30 local on the 29th is still the 28th's.
		{"across daylight saving time", berlin, "2026-03-31T10:00:00Z",
			[]string{"2026-03-27T03:30:00Z", "2026-03-28T03:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z", "2026-03-30T02:30:00Z", "2026-03-31T02:30:00Z"}, 5, 5, 5},
		{"a day lost to daylight saving time", berlin, "2026-03-31T10:00:00Z",
			[]string{"2026-03-27T03:30:00Z", "2026-03-28T03:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T02:30:00Z", "2026-03-31T02:30:00Z"}, 2, 2, 4},
		// The zone in the settings decides which day a review was on.
		{"travel, zone now Tokyo", tokyo, "2026-01-14T12:00:00Z", travel, 4, 4, 4},
		{"travel, zone still New York", newYork, "2026-01-14T12:00:00Z", travel, 2, 2, 4},
		{"a review in the future", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z", "2026-03-12T09:00:00Z"}, 2, 2, 3},
		// Days with nothing due neither break a streak nor need a review,
		// and count in its length.
		{"a day with nothing due", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z", "2026-03-09T09:00:00Z<2026-03-09T04:00:00Z", "2026-03-10T09:00:00Z"}, 5, 5, 4},
		{"nothing due since the last review", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z<new"}, 4, 4, 2},
		{"due on the last of three empty days", utc(), "2026-03-10T12:00:00Z",
			[]string{"2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", "2026-03-07T09:00:00Z<2026-03-06T04:00:00Z", "2026-03-08T09:00:00Z", "2026-03-09T09:00:00Z"}, 3, 4, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := at(t, tt.now)
			reviews, waiting := dailyReviews(t, tt.cfg, tt.reviews)
			var cards []Card
			if strings.HasSuffix(tt.name, "nothing due since the last review") {
				waiting = time.Time{}
			}
			if !waiting.IsZero() {
				cards = append(cards, Card{ID: "c", State: scheduler.State{Reps: 1, EF: 250, IntervalDays: 1, Due: waiting, LastReview: waiting.Add(-20 * time.Hour)}})
			}
			s := build(now, tt.cfg, nil, cards, reviews)
			got := [3]int{s.Streak.Current, s.Streak.Longest, s.Streak.ReviewDays}
			if want := [3]int{tt.current, tt.longest, tt.days}; got != want {
				t.Errorf("current, longest, review days = %v, want %v", got, want)
			}
			if got := reverseStreak(now, tt.cfg, reviews, waiting); got != tt.current {
				t.Errorf("StreakCounter over the log backwards: %d, want %d", got, tt.current)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	now := at(t, "2026-03-11T12:00:00Z") // a Wednesday
	s := build(now, utc(), nil, nil, nil)
	if s.Today.Day != "2026-03-11" || s.Today.Reviews != 0 || s.Today.Rate != nil || s.Today.Due != 0 || s.Today.NewCards != 0 {
		t.Errorf("today %+v", s.Today)
	}
	if s.Streak != (Streak{}) {
		t.Errorf("streak %+v", s.Streak)
	}
	// 53 weeks: from the Monday 52 weeks before this week's Monday (9 March).
	if s.Calendar.From != "2025-03-10" || s.Calendar.To != "2026-03-11" || len(s.Calendar.Days) != 0 {
		t.Errorf("calendar %+v", s.Calendar)
	}
	if len(s.Forecast.Days) != ForecastDays || s.Forecast.Days[0].Day != "2026-03-11" || s.Forecast.Days[29].Day != "2026-04-09" {
		t.Errorf("forecast days %v", s.Forecast.Days)
	}
	if s.Retention.From != "2026-02-10" || s.Retention.All.Rate != nil || s.EF.Mean != nil || s.EF.Cards != 0 {
		t.Errorf("retention %+v, EF %+v", s.Retention, s.EF)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back["hardest"] == nil || back["deck"] != nil {
		t.Errorf("JSON hardest %v (want []), deck %v (want null)", back["hardest"], back["deck"])
	}
}

// reviewed returns a state reviewed at last with the given interval and EF,
// due interval days after last's day.
func reviewed(last time.Time, interval int, ef scheduler.EF, lapses int) scheduler.State {
	cfg := utc()
	return scheduler.State{Reps: 2, EF: ef, IntervalDays: interval, Lapses: lapses, LastReview: last,
		Due: cfg.AddDays(cfg.DayStart(last), interval)}
}

func TestOneReview(t *testing.T) {
	now := at(t, "2026-03-10T12:00:00Z")
	first := at(t, "2026-03-10T09:00:00Z")
	cfg := utc()
	next, _, _ := scheduler.Review(scheduler.NewState(), 4, first, cfg)
	cards := []Card{{ID: "a", Front: "A?", State: next}, {ID: "b", Front: "B?", State: scheduler.NewState()}}
	s := build(now, cfg, nil, cards, []Review{{CardID: "a", Time: first, Grade: 4, PrevNew: true, Answer: 2500 * time.Millisecond}})
	one := 1.0
	wantToday := Today{Day: "2026-03-10", Reviews: 1, Cards: 1, Correct: 1, Rate: &one, TimeMS: 2500, Due: 0, NewCards: 1}
	if got := s.Today; got.Rate == nil || *got.Rate != 1 || func() bool { got.Rate = &one; return got != wantToday }() {
		t.Errorf("today %+v, want %+v", s.Today, wantToday)
	}
	if s.Streak != (Streak{Current: 1, Longest: 1, ReviewDays: 1, Reviews: 1}) {
		t.Errorf("streak %+v", s.Streak)
	}
	if !slices.Equal(s.Calendar.Days, []DayCount{{"2026-03-10", 1}}) {
		t.Errorf("calendar %v", s.Calendar.Days)
	}
	if s.Forecast.Days[1].Count != 1 || s.Forecast.Overdue != 0 {
		t.Errorf("forecast %+v: want the card tomorrow", s.Forecast)
	}
	if s.Retention.Young.Reviews != 1 || s.Retention.Young.Correct != 1 || s.Retention.Mature.Reviews != 0 {
		t.Errorf("retention %+v", s.Retention)
	}
	if s.Cards != (StateCounts{New: 1, Young: 1, Total: 2}) {
		t.Errorf("cards %+v", s.Cards)
	}
}

func TestCardStates(t *testing.T) {
	now := at(t, "2026-03-10T12:00:00Z")
	last := at(t, "2026-03-01T09:00:00Z")
	suspendedNew := scheduler.NewState()
	suspendedNew.Suspended = true
	failed := reviewed(at(t, "2026-03-10T09:00:00Z"), 0, 200, 1)
	failed.Reps, failed.Due = 0, at(t, "2026-03-10T09:00:00Z")
	redrill := reviewed(at(t, "2026-03-10T08:00:00Z"), 6, 236, 0)
	redrill.Redrill = true
	leech := reviewed(last, 0, 130, 8)
	leech.Leech, leech.Suspended = true, true
	unsuspendedLeech := reviewed(last, 3, 130, 9)
	unsuspendedLeech.Leech = true
	suspended := reviewed(last, 30, 250, 0)
	suspended.Suspended = true
	buried := reviewed(last, 9, 250, 0)
	buried.BuriedUntil = at(t, "2026-03-11T04:00:00Z")

	cards := []Card{
		{ID: "new1", State: scheduler.NewState()},
		{ID: "new2", State: scheduler.NewState()},
		{ID: "new-suspended", State: suspendedNew},
		{ID: "failed", State: failed},
		{ID: "redrill", State: redrill},
		{ID: "young-overdue", State: reviewed(at(t, "2026-02-20T09:00:00Z"), 6, 250, 0)},    // due 26 Feb
		{ID: "young-due-today", State: reviewed(at(t, "2026-03-04T09:00:00Z"), 6, 260, 0)},  // due 10 Mar 04:00
		{ID: "mature", State: reviewed(at(t, "2026-02-20T09:00:00Z"), 21, 270, 0)},          // due 13 Mar
		{ID: "mature-late", State: reviewed(at(t, "2026-03-09T09:00:00Z"), 100, 300, 2)},    // due in June
		{ID: "mature-last-day", State: reviewed(at(t, "2026-03-09T09:00:00Z"), 30, 250, 0)}, // due 8 Apr
		{ID: "mature-after", State: reviewed(at(t, "2026-03-09T09:00:00Z"), 31, 250, 0)},    // due 9 Apr
		{ID: "buried", State: buried},                                                       // due 10 Mar, buried till tomorrow
		{ID: "leech", State: leech},
		{ID: "leech-back", State: unsuspendedLeech},
		{ID: "suspended", State: suspended},
		{ID: "retired", State: reviewed(last, 1, 130, 5), Retired: true},
	}
	s := build(now, utc(), nil, cards, nil)
	want := StateCounts{New: 2, Learning: 2, Young: 3, Mature: 4, Leech: 2, Suspended: 2, Retired: 1, Total: 16}
	if s.Cards != want {
		t.Errorf("cards\n%+v, want\n%+v", s.Cards, want)
	}
	// Due now: failed, redrill, young-overdue, young-due-today, leech-back.
	if s.Today.Due != 5 || s.Today.NewCards != 2 {
		t.Errorf("due %d and new %d, want 5 and 2", s.Today.Due, s.Today.NewCards)
	}
	forecast := map[int]int{0: 5, 1: 1, 3: 1, 29: 1}
	for i, d := range s.Forecast.Days {
		if d.Count != forecast[i] {
			t.Errorf("forecast day %d (%s): %d cards, want %d", i, d.Day, d.Count, forecast[i])
		}
	}
	if s.Forecast.Overdue != 2 || s.Forecast.Later != 2 {
		t.Errorf("overdue %d, later %d; want 2 (young-overdue, leech-back) and 2", s.Forecast.Overdue, s.Forecast.Later)
	}
	// EF of the 12 reviewed cards not retired.
	efs := []int{2, 0, 0, 1, 0, 1, 6, 2}
	for i, b := range s.EF.Buckets {
		if b.Cards != efs[i] {
			t.Errorf("EF bucket %v–%v: %d cards, want %d", b.From, b.To, b.Cards, efs[i])
		}
	}
	if s.EF.Cards != 12 || s.EF.Mean == nil || *s.EF.Mean != 2.3133 {
		t.Errorf("EF: %d cards, mean %v; want 12, 2.3133", s.EF.Cards, s.EF.Mean)
	}
	var hard []string
	for _, h := range s.Hardest {
		hard = append(hard, fmt.Sprintf("%s:%d:%.2f", h.ID, h.Lapses, h.EF))
	}
	wantHard := []string{"leech-back:9:1.30", "leech:8:1.30", "mature-late:2:3.00", "failed:1:2.00", "redrill:0:2.36"}
	if !slices.Equal(hard, wantHard) {
		t.Errorf("hardest %v, want %v", hard, wantHard)
	}
}

func TestHardestKeepsTen(t *testing.T) {
	now := at(t, "2026-03-10T12:00:00Z")
	last := at(t, "2026-03-01T09:00:00Z")
	var cards []Card
	for i := range 30 {
		cards = append(cards, Card{ID: fmt.Sprintf("c%02d", i), State: reviewed(last, 3, scheduler.EF(130+2*(i%7)), i%4)})
	}
	s := build(now, utc(), nil, cards, nil)
	var got []string
	for _, h := range s.Hardest {
		got = append(got, h.ID)
	}
	// Lapses 3 are i = 3, 7, 11, 15, 19, 23, 27 with EF 136, 130, 138, 132,
	// 140, 134, 142; then lapses 2: i = 14 (EF 130), 22 (132), 2 (134), ...
	want := []string{"c07", "c15", "c23", "c03", "c11", "c19", "c27", "c14", "c22", "c02"}
	if !slices.Equal(got, want) {
		t.Errorf("hardest %v, want %v", got, want)
	}
}

func TestRetentionAndToday(t *testing.T) {
	now := at(t, "2026-03-31T12:00:00Z")
	var reviews []Review
	add := func(when string, grade scheduler.Grade, interval int, id string) {
		reviews = append(reviews, Review{CardID: id, Time: at(t, when), Grade: grade, PrevIntervalDays: interval, Answer: time.Second})
	}
	add("2026-03-01T09:00:00Z", 1, 30, "a") // 1 March: 31 days ago, outside
	add("2026-03-02T03:00:00Z", 1, 30, "a") // before the rollover: 1 March, outside
	add("2026-03-02T09:00:00Z", 5, 20, "a") // young, correct: first day in
	add("2026-03-15T09:00:00Z", 2, 20, "b") // young, wrong
	add("2026-03-15T10:00:00Z", 3, 21, "b") // mature, correct
	add("2026-03-31T09:00:00Z", 4, 40, "c") // today: mature, correct
	add("2026-03-31T10:00:00Z", 0, 40, "c") // today: mature, wrong
	add("2026-03-31T11:00:00Z", 4, 0, "d")  // today: young, correct
	s := build(now, utc(), nil, nil, reviews)
	r := s.Retention
	if r.From != "2026-03-02" || r.Young.Reviews != 3 || r.Young.Correct != 2 || r.Mature.Reviews != 3 || r.Mature.Correct != 2 {
		t.Errorf("retention %+v", r)
	}
	if r.Young.Rate == nil || *r.Young.Rate != 0.6667 || r.All.Reviews != 6 || r.All.Correct != 4 {
		t.Errorf("rates: young %v, all %+v", r.Young.Rate, r.All)
	}
	if s.Today.Reviews != 3 || s.Today.Cards != 2 || s.Today.Correct != 2 || s.Today.TimeMS != 3000 || *s.Today.Rate != 0.6667 {
		t.Errorf("today %+v", s.Today)
	}
}

func TestNewLeftToday(t *testing.T) {
	now := at(t, "2026-03-10T12:00:00Z")
	var cards []Card
	var reviews []Review
	for i := range 30 {
		cards = append(cards, Card{ID: fmt.Sprint(i), State: scheduler.NewState()})
	}
	// Five cards introduced today (one of them twice), one yesterday.
	for i, id := range []string{"a", "b", "c", "d", "e", "a"} {
		reviews = append(reviews, Review{CardID: id, Time: now.Add(-time.Duration(i+1) * time.Minute), Grade: 4, PrevNew: i < 5})
	}
	reviews = append(reviews, Review{CardID: "f", Time: now.AddDate(0, 0, -1), Grade: 4, PrevNew: true})
	cfg := utc()
	if got := build(now, cfg, nil, cards, reviews).Today.NewCards; got != 15 {
		t.Errorf("new today %d, want 20 - 5 = 15", got)
	}
	cfg.NewPerDay = 3
	if got := build(now, cfg, nil, cards, reviews).Today.NewCards; got != 0 {
		t.Errorf("new today %d past the limit, want 0", got)
	}
	cfg.NewPerDay = 100
	if got := build(now, cfg, nil, cards, reviews).Today.NewCards; got != 30 {
		t.Errorf("new today %d, want the 30 new cards", got)
	}
}

func TestDeckLimitsReviews(t *testing.T) {
	now := at(t, "2026-03-10T12:00:00Z")
	deck := "one"
	cards := []Card{{ID: "in", State: reviewed(at(t, "2026-03-10T09:00:00Z"), 1, 250, 0)}}
	reviews := []Review{
		{CardID: "in", Time: at(t, "2026-03-10T09:00:00Z"), Grade: 4},
		{CardID: "out", Time: at(t, "2026-03-09T09:00:00Z"), Grade: 1},
		{CardID: "out", Time: at(t, "2026-03-10T10:00:00Z"), Grade: 1},
	}
	s := build(now, utc(), &deck, cards, reviews)
	if s.Streak.Reviews != 1 || s.Today.Reviews != 1 || s.Streak.Longest != 1 || s.Retention.All.Reviews != 1 || *s.Deck != "one" {
		t.Errorf("deck stats count other decks' reviews: %+v %+v", s.Streak, s.Today)
	}
	if all := build(now, utc(), nil, cards, reviews); all.Streak.Reviews != 3 || all.Streak.Current != 2 {
		t.Errorf("all decks: %+v", all.Streak)
	}
}

// yearOfReviews is a year of synthetic reviews up to now: on day i before
// today, (i*7)%23 reviews, none when that is 0 or on every 10th day; each
// review correct unless its index is a multiple of 5, and of a card due
// since the day before, so that every day without reviews had cards due.
func yearOfReviews(now time.Time) []Review {
	var reviews []Review
	for back := 400; back >= 0; back-- {
		if back%10 == 9 {
			continue
		}
		day := time.Date(now.Year(), now.Month(), now.Day()-back, 9, 0, 0, 0, time.UTC)
		for j := range (back * 7) % 23 {
			reviews = append(reviews, Review{CardID: fmt.Sprint(j), Time: day.Add(time.Duration(j) * time.Minute),
				Grade: gradeOf(j), PrevIntervalDays: j * 3, PrevQueue: day.Add(-29 * time.Hour), Answer: 4 * time.Second})
		}
	}
	return reviews
}

func gradeOf(j int) scheduler.Grade {
	if j%5 == 0 {
		return 1
	}
	return 4
}

func TestYearOfData(t *testing.T) {
	now := at(t, "2026-06-03T12:00:00Z") // a Wednesday
	reviews := yearOfReviews(now)
	s := build(now, utc(), nil, nil, reviews)
	// Days with reviews: back from 0 to 400, less back%10 == 9 and
	// (back*7)%23 == 0 (back a multiple of 23).
	days, total := 0, 0
	for back := 0; back <= 400; back++ {
		if back%10 != 9 && back%23 != 0 {
			days++
			total += (back * 7) % 23
		}
	}
	if s.Streak.ReviewDays != days || s.Streak.Reviews != total || s.Streak.Reviews != len(reviews) {
		t.Errorf("review days %d, reviews %d; want %d, %d", s.Streak.ReviewDays, s.Streak.Reviews, days, total)
	}
	// Today (back 0) has no reviews; yesterday (back 1) .. back 8 do. Of
	// two days in a row without reviews (back 230 and 229), only the second
	// had a card due (the reviews of back 228 were due since then): the
	// first counts in the streak before it, which is 10 days long.
	if s.Streak.Current != 8 || s.Streak.Longest != 10 {
		t.Errorf("streak %+v, want current 8, longest 10", s.Streak)
	}
	if s.Calendar.From != "2025-06-02" || s.Calendar.To != "2026-06-03" {
		t.Errorf("calendar from %s to %s", s.Calendar.From, s.Calendar.To)
	}
	for _, d := range s.Calendar.Days {
		if d.Day < s.Calendar.From {
			t.Errorf("calendar day %s before the window", d.Day)
		}
	}
}

func TestHeatLevels(t *testing.T) {
	days := func(counts ...int) []DayCount {
		var out []DayCount
		for i, c := range counts {
			out = append(out, DayCount{Day: fmt.Sprint(i), Count: c})
		}
		return out
	}
	tests := []struct {
		name   string
		days   []DayCount
		levels map[int]int
	}{
		{"none", nil, map[int]int{0: 0, 5: 0}},
		{"all the same", days(7, 7, 7, 0), map[int]int{0: 0, 7: 4}},
		{"quarters", days(1, 2, 3, 4, 5, 6, 7, 8), map[int]int{1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 100: 4}},
		{"one busy day", days(1, 1, 1, 1, 1, 1, 50), map[int]int{1: 4, 50: 4}},
		{"skewed", days(1, 1, 1, 2, 3, 40), map[int]int{1: 2, 2: 3, 3: 4, 40: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, level := heatLevels(tt.days)
			for c, want := range tt.levels {
				if got := level(c); got != want {
					t.Errorf("level(%d) = %d, want %d", c, got, want)
				}
			}
		})
	}
}

// BenchmarkBuilder feeds a million reviews of 20000 cards to a Builder: the
// computation alone, without the store.
func BenchmarkBuilder(b *testing.B) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cfg := utc()
	const n = 1_000_000
	first := now.AddDate(-3, 0, 0)
	reviews := make([]Review, n)
	ids := make([]string, 20000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%012x", i)
	}
	for i := range reviews {
		reviews[i] = Review{CardID: ids[i%len(ids)], Time: first.Add(time.Duration(int64(now.Sub(first)) / n * int64(i))), Grade: scheduler.Grade(i % 6), PrevIntervalDays: i % 40}
	}
	for b.Loop() {
		bl := NewBuilder(now, cfg, nil)
		for _, r := range reviews {
			bl.AddReview(r)
		}
		bl.Stats()
	}
}

// TestFSRSCardsEase: an FSRS card's EF figure comes from its difficulty, not
// from the EF it never uses.
func TestFSRSCardsEase(t *testing.T) {
	now := at(t, "2026-03-10T10:00:00Z")
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	last := at(t, "2026-03-09T10:00:00Z")
	hard := scheduler.State{EF: 250, Algorithm: scheduler.FSRS, Difficulty: 10, Stability: 2, IntervalDays: 2, Due: last.AddDate(0, 0, 2), LastReview: last, Reps: 1}
	s := build(now, cfg, nil, []Card{{ID: "f1", Front: "hard one", State: hard}}, nil)
	if s.EF.Cards != 1 || s.EF.Mean == nil || *s.EF.Mean != 1.3 {
		t.Errorf("EF stats %+v", s.EF)
	}
	if len(s.Hardest) != 1 || s.Hardest[0].EF != 1.3 {
		t.Errorf("hardest %+v", s.Hardest)
	}
}
