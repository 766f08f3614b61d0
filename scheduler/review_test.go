package scheduler

import (
	"math"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests need Europe/Berlin wherever they run
)

// utcSettings is DefaultSettings in UTC, so day starts are easy to read.
func utcSettings() Settings {
	cfg := DefaultSettings()
	cfg.Location = time.UTC
	return cfg
}

// noon is a Monday in UTC; its review day starts at 04:00 the same day.
var noon = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func day(n int) time.Time { return time.Date(2025, 3, 10+n, 4, 0, 0, 0, time.UTC) }

func TestReviewBranches(t *testing.T) {
	fromNew := NewState()
	fromOne := State{Reps: 1, EF: 250, IntervalDays: 1, Due: day(0), LastReview: noon.Add(-24 * time.Hour)}
	fromMany := State{Reps: 3, EF: 250, IntervalDays: 6, Due: day(0), LastReview: noon.Add(-6 * 24 * time.Hour), Lapses: 1}

	tests := []struct {
		name  string
		start State
		q     Grade
		want  func(State) State // edits the start state into the expected one
		out   Outcome
	}{
		{"new q5", fromNew, 5, success(1, 260, 1, false), Outcome{}},
		{"new q4", fromNew, 4, success(1, 250, 1, false), Outcome{}},
		{"new q3 re-drill", fromNew, 3, success(1, 236, 1, true), Outcome{Again: true}},
		{"new q2", fromNew, 2, failure(false), Outcome{Again: true}},
		{"new q1", fromNew, 1, failure(false), Outcome{Again: true}},
		{"new q0", fromNew, 0, failure(false), Outcome{Again: true}},

		{"n=1 q5", fromOne, 5, success(2, 260, 6, false), Outcome{}},
		{"n=1 q4", fromOne, 4, success(2, 250, 6, false), Outcome{}},
		{"n=1 q3 re-drill", fromOne, 3, success(2, 236, 6, true), Outcome{Again: true}},
		{"n=1 q2 lapse", fromOne, 2, failure(true), Outcome{Again: true, Lapsed: true}},
		{"n=1 q1 lapse", fromOne, 1, failure(true), Outcome{Again: true, Lapsed: true}},
		{"n=1 q0 lapse", fromOne, 0, failure(true), Outcome{Again: true, Lapsed: true}},

		// ceil(6 * 2.60) = 16, ceil(6 * 2.50) = 15, ceil(6 * 2.36) = 15.
		{"n=3 q5", fromMany, 5, success(4, 260, 16, false), Outcome{}},
		{"n=3 q4", fromMany, 4, success(4, 250, 15, false), Outcome{}},
		{"n=3 q3 re-drill", fromMany, 3, success(4, 236, 15, true), Outcome{Again: true}},
		{"n=3 q2 lapse", fromMany, 2, failure(true), Outcome{Again: true, Lapsed: true}},
		{"n=3 q1 lapse", fromMany, 1, failure(true), Outcome{Again: true, Lapsed: true}},
		{"n=3 q0 lapse", fromMany, 0, failure(true), Outcome{Again: true, Lapsed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, out, err := Review(tt.start, tt.q, noon, utcSettings())
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want(tt.start)
			if got != want {
				t.Errorf("state\n got %+v\nwant %+v", got, want)
			}
			if out != tt.out {
				t.Errorf("outcome = %+v, want %+v", out, tt.out)
			}
		})
	}
}

// success returns the expected edit of a successful review at noon.
func success(reps int, ef EF, interval int, redrill bool) func(State) State {
	return func(s State) State {
		s.Reps, s.EF, s.IntervalDays, s.Redrill = reps, ef, interval, redrill
		s.Due = day(interval)
		s.LastReview = noon
		return s
	}
}

// failure returns the expected edit of a failed review at noon.
func failure(lapse bool) func(State) State {
	return func(s State) State {
		s.Reps, s.IntervalDays, s.Redrill = 0, 0, false
		s.Due = noon
		s.LastReview = noon
		if lapse {
			s.Lapses++
		}
		return s
	}
}

func TestReviewRedrill(t *testing.T) {
	// Graded 3 at noon on day 0 with I = 6: due on day 6, re-drill pending.
	flagged := State{Reps: 2, EF: 236, IntervalDays: 6, Due: day(6), Redrill: true, LastReview: noon, Lapses: 1}
	tests := []struct {
		name      string
		q         Grade
		at        time.Time
		wantFlag  bool
		wantAgain bool
	}{
		{"q5 clears", 5, noon.Add(10 * time.Minute), false, false},
		{"q4 clears", 4, noon.Add(10 * time.Minute), false, false},
		{"q3 keeps", 3, noon.Add(10 * time.Minute), true, true},
		{"q2 keeps", 2, noon.Add(10 * time.Minute), true, true},
		{"q1 keeps", 1, noon.Add(10 * time.Minute), true, true},
		{"q0 keeps", 0, noon.Add(10 * time.Minute), true, true},
		// A re-drill left over to the next day still keeps the due day it
		// was given on the day the flag was set.
		{"q4 next day clears", 4, day(1).Add(5 * time.Hour), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, out, err := Review(flagged, tt.q, tt.at, utcSettings())
			if err != nil {
				t.Fatal(err)
			}
			want := flagged
			want.Redrill = tt.wantFlag
			want.LastReview = tt.at
			if got != want {
				t.Errorf("state\n got %+v\nwant %+v", got, want)
			}
			if out != (Outcome{Again: tt.wantAgain}) {
				t.Errorf("outcome = %+v, want Again=%v only", out, tt.wantAgain)
			}
		})
	}
}

func TestReviewEFFloor(t *testing.T) {
	// q = 3 lowers EF by 0.14 each time; the re-drill that follows (q = 4)
	// must not touch it.
	want := []EF{236, 222, 208, 194, 180, 166, 152, 138, 130, 130, 130}
	s := NewState()
	now := noon
	for i, w := range want {
		var err error
		if s, _, err = Review(s, 3, now, utcSettings()); err != nil {
			t.Fatal(err)
		}
		if s.EF != w {
			t.Fatalf("after %d reviews graded 3, EF = %v, want %v", i+1, s.EF, w)
		}
		if s, _, err = Review(s, 4, now.Add(time.Minute), utcSettings()); err != nil {
			t.Fatal(err)
		}
		if s.EF != w || s.Redrill {
			t.Fatalf("re-drill %d changed EF to %v or kept the flag (%v)", i+1, s.EF, s.Redrill)
		}
		now = s.Due.Add(time.Hour)
	}
}

func TestReviewExactInterval(t *testing.T) {
	tests := []struct {
		name     string
		interval int
		ef       EF
		q        Grade
		wantEF   EF
		wantDays int
	}{
		{"10 days at 1.30", 10, 130, 4, 130, 13},
		{"10 days at 1.30 q3 stays on floor", 10, 130, 3, 130, 13},
		{"50 days at 3.00", 50, 300, 4, 300, 150},
		{"465 days at 3.20", 465, 310, 5, 320, 1488},
		{"interval below one day read as 1", 0, 250, 4, 250, 3},
		{"capped at 100 years", 30000, 250, 4, 250, MaxIntervalDays},
		{"hostile factor capped", 10, 1 << 60, 4, 1 << 60, MaxIntervalDays},
	}
	// The first case matters because float64 gets it wrong: EF reached by
	// two fives and ten threes is 1.3000000000000023 in float64, and
	// ceil(10 * that) is 14. The same grades held in hundredths give 1.30.
	grades := []Grade{5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}
	floatEF, ef := 2.5, InitialEF
	for _, q := range grades {
		d := float64(5 - q)
		floatEF = math.Max(1.3, floatEF+0.1-d*(0.08+d*0.02))
		ef = nextEF(ef, q)
	}
	if math.Ceil(10*floatEF) != 14 || ef != 130 {
		t.Fatalf("float64 EF %v (ceil 10x = %v), exact EF %v: the case no longer shows the rounding trap",
			floatEF, math.Ceil(10*floatEF), ef)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := State{Reps: 4, EF: tt.ef, IntervalDays: tt.interval, Due: noon, LastReview: noon.AddDate(0, 0, -tt.interval)}
			got, _, err := Review(s, tt.q, noon, utcSettings())
			if err != nil {
				t.Fatal(err)
			}
			if got.EF != tt.wantEF || got.IntervalDays != tt.wantDays {
				t.Errorf("EF %v, I %d; want EF %v, I %d", got.EF, got.IntervalDays, tt.wantEF, tt.wantDays)
			}
		})
	}
}

func TestReviewLongSuccessRun(t *testing.T) {
	wantDays := []int{1, 6, 17, 50, 150, 465}
	wantEF := []EF{260, 270, 280, 290, 300, 310}
	s := NewState()
	now := noon
	for i := range wantDays {
		var err error
		var out Outcome
		if s, out, err = Review(s, 5, now, utcSettings()); err != nil {
			t.Fatal(err)
		}
		if s.IntervalDays != wantDays[i] || s.EF != wantEF[i] || s.Reps != i+1 {
			t.Fatalf("review %d: I %d, EF %v, n %d; want I %d, EF %v, n %d",
				i+1, s.IntervalDays, s.EF, s.Reps, wantDays[i], wantEF[i], i+1)
		}
		if wantDue := utcSettings().AddDays(utcSettings().DayStart(now), wantDays[i]); !s.Due.Equal(wantDue) {
			t.Fatalf("review %d: due %v, want %v", i+1, s.Due, wantDue)
		}
		if out != (Outcome{}) {
			t.Fatalf("review %d: outcome %+v, want none", i+1, out)
		}
		now = s.Due.Add(3 * time.Hour) // reviewed on the day it falls due
	}
}

func TestReviewFailureAfterLongInterval(t *testing.T) {
	start := State{Reps: 6, EF: 310, IntervalDays: 465, Due: noon.Add(-time.Hour), LastReview: noon.AddDate(-1, -3, 0), Lapses: 2}
	got, out, err := Review(start, 1, noon, utcSettings())
	if err != nil {
		t.Fatal(err)
	}
	want := State{Reps: 0, EF: 310, IntervalDays: 0, Due: noon, LastReview: noon, Lapses: 3}
	if got != want {
		t.Errorf("state\n got %+v\nwant %+v", got, want)
	}
	if out != (Outcome{Lapsed: true, Again: true}) {
		t.Errorf("outcome = %+v", out)
	}
	if qt, ok := got.QueueTime(); !ok || !qt.Equal(noon) {
		t.Errorf("QueueTime = %v, %v; want now", qt, ok)
	}
}

func TestReviewLeech(t *testing.T) {
	cfg := utcSettings()
	s := NewState()
	now := noon
	becameLeech := 0
	review := func(q Grade) Outcome {
		t.Helper()
		var out Outcome
		var err error
		if s, out, err = Review(s, q, now, cfg); err != nil {
			t.Fatal(err)
		}
		now = now.Add(25 * time.Hour)
		if out.BecameLeech {
			becameLeech++
		}
		return out
	}
	for lapse := 1; lapse <= 12; lapse++ {
		review(4)
		out := review(0)
		if !out.Lapsed || s.Lapses != lapse {
			t.Fatalf("lapse %d: Lapsed %v, Lapses %d", lapse, out.Lapsed, s.Lapses)
		}
		// A second failure in a row is not another lapse.
		if out := review(1); out.Lapsed || s.Lapses != lapse {
			t.Fatalf("failing an already failed card counted a lapse: %+v, Lapses %d", out, s.Lapses)
		}
		// Suspension comes once, with the leech mark; a leech the user
		// unsuspended stays available.
		isLeech, suspended := lapse >= cfg.LeechLapses, lapse == cfg.LeechLapses
		if s.Leech != isLeech || s.Suspended != suspended {
			t.Fatalf("after %d lapses: Leech %v, Suspended %v; want %v, %v", lapse, s.Leech, s.Suspended, isLeech, suspended)
		}
		if lapse == cfg.LeechLapses && !out.BecameLeech {
			t.Fatalf("lapse %d did not report BecameLeech", lapse)
		}
		s.Suspended = false // the user unsuspends it and carries on
	}
	if becameLeech != 1 {
		t.Errorf("BecameLeech reported %d times, want exactly once", becameLeech)
	}

	// LeechLapses 0 turns leech detection off.
	cfg.LeechLapses = 0
	s = State{Reps: 3, EF: 250, IntervalDays: 6, LastReview: noon, Due: noon, Lapses: 50}
	if s, out, _ := Review(s, 0, noon, cfg); s.Leech || out.BecameLeech {
		t.Errorf("leech with LeechLapses 0: %+v %+v", s, out)
	}
}

func TestReviewInvalidGrade(t *testing.T) {
	for _, q := range []Grade{-1, 6, 100} {
		start := NewState()
		got, out, err := Review(start, q, noon, utcSettings())
		if err == nil || !strings.Contains(err.Error(), "not between 0 and 5") {
			t.Errorf("grade %d: err = %v", q, err)
		}
		if got != start || out != (Outcome{}) {
			t.Errorf("grade %d changed the state: %+v %+v", q, got, out)
		}
	}
}

func TestReviewZeroEFIsInitial(t *testing.T) {
	got, _, err := Review(State{}, 4, noon, utcSettings())
	if err != nil || got.EF != InitialEF {
		t.Errorf("EF = %v, err %v; want %v", got.EF, err, InitialEF)
	}
}

func TestDayStart(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultSettings()
	cfg.Location = berlin
	local := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, berlin)
	}
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"after rollover", local(2025, 1, 15, 9, 30), local(2025, 1, 15, 4, 0)},
		{"at rollover", local(2025, 1, 15, 4, 0), local(2025, 1, 15, 4, 0)},
		{"just before rollover is yesterday", local(2025, 1, 15, 3, 59), local(2025, 1, 14, 4, 0)},
		{"after midnight is yesterday", local(2025, 1, 15, 0, 30), local(2025, 1, 14, 4, 0)},
		{"late evening", local(2025, 1, 15, 23, 59), local(2025, 1, 15, 4, 0)},
		{"new year before 4am", local(2025, 1, 1, 2, 0), local(2024, 12, 31, 4, 0)},
		{"summer time", local(2025, 7, 1, 3, 0), local(2025, 6, 30, 4, 0)},
		{"spring-forward day", local(2025, 3, 30, 12, 0), local(2025, 3, 30, 4, 0)},
		{"spring-forward night", local(2025, 3, 30, 3, 30), local(2025, 3, 29, 4, 0)},
		{"fall-back day", local(2025, 10, 26, 12, 0), local(2025, 10, 26, 4, 0)},
		{"fall-back night, second 2:30", local(2025, 10, 26, 2, 30).Add(time.Hour), local(2025, 10, 25, 4, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cfg.DayStart(tt.now)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("DayStart(%v) = %v, want %v in UTC", tt.now, got, tt.want.UTC())
			}
			// The input's zone must not matter.
			if again := cfg.DayStart(tt.now.UTC()); !again.Equal(got) {
				t.Errorf("DayStart of the same instant in UTC = %v", again)
			}
		})
	}

	other := cfg
	other.RolloverHour = 0
	if got, want := other.DayStart(local(2025, 1, 15, 0, 30)), local(2025, 1, 15, 0, 0); !got.Equal(want) {
		t.Errorf("midnight rollover: %v, want %v", got, want)
	}
}

func TestDaylightSavingKeepsRolloverHour(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Fatal(err)
			}
			cfg := DefaultSettings()
			cfg.Location = loc
			// From early March to early November 2025 both zones change
			// their clocks twice.
			start := cfg.DayStart(time.Date(2025, 3, 1, 12, 0, 0, 0, loc))
			sawShort, sawLong := false, false
			for d := range 250 {
				ds := cfg.AddDays(start, d)
				next := cfg.AddDays(start, d+1)
				if h := ds.In(loc).Hour(); h != 4 {
					t.Fatalf("day %d starts at %v local", d, ds.In(loc))
				}
				switch next.Sub(ds) {
				case 23 * time.Hour:
					sawShort = true
				case 25 * time.Hour:
					sawLong = true
				case 24 * time.Hour:
				default:
					t.Fatalf("day %d lasts %v", d, next.Sub(ds))
				}
				if got := cfg.DayStart(ds.Add(next.Sub(ds) - time.Second)); !got.Equal(ds) {
					t.Fatalf("last second of day %d belongs to %v", d, got)
				}
			}
			if !sawShort || !sawLong {
				t.Fatalf("no DST change seen (short %v, long %v)", sawShort, sawLong)
			}

			// A review on the eve of the spring change, due in one day,
			// is due at 4:00 local, 23 hours later.
			eve := time.Date(2025, 3, 8, 20, 0, 0, 0, loc)
			if zone == "Europe/Berlin" {
				eve = time.Date(2025, 3, 29, 20, 0, 0, 0, loc)
			}
			s, _, err := Review(NewState(), 4, eve, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if due := s.Due.In(loc); due.Hour() != 4 || due.Day() != eve.Day()+1 {
				t.Errorf("due %v, want 4:00 the next day", due)
			}
			if got := s.Due.Sub(cfg.DayStart(eve)); got != 23*time.Hour {
				t.Errorf("the spring-forward day lasts %v, want 23h", got)
			}
		})
	}
}

func TestQueueTime(t *testing.T) {
	reviewed := State{Reps: 2, EF: 250, IntervalDays: 6, Due: day(6), LastReview: noon}
	tests := []struct {
		name   string
		state  State
		want   time.Time
		wantOK bool
	}{
		{"new", NewState(), time.Time{}, false},
		{"reviewed", reviewed, day(6), true},
		{"suspended", with(reviewed, func(s *State) { s.Suspended = true }), time.Time{}, false},
		{"suspended new", with(NewState(), func(s *State) { s.Suspended = true }), time.Time{}, false},
		{"re-drill queues at once", with(reviewed, func(s *State) { s.Redrill = true }), noon, true},
		{"failed queues at once", with(reviewed, func(s *State) { s.Due = noon; s.IntervalDays = 0 }), noon, true},
		{"buried past due", with(reviewed, func(s *State) { s.Due = noon; s.BuriedUntil = day(1) }), day(1), true},
		{"buried re-drill", with(reviewed, func(s *State) { s.Redrill = true; s.BuriedUntil = day(1) }), day(1), true},
		{"burial already over", with(reviewed, func(s *State) { s.BuriedUntil = day(1) }), day(6), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.state.QueueTime()
			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("QueueTime = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func with(s State, edit func(*State)) State {
	edit(&s)
	return s
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Settings)
		want string
	}{
		{"defaults", func(*Settings) {}, ""},
		{"zero limits", func(s *Settings) { s.NewPerDay, s.ReviewsPerDay, s.LeechLapses = 0, 0, 0 }, ""},
		{"negative new", func(s *Settings) { s.NewPerDay = -1 }, "new cards per day"},
		{"negative reviews", func(s *Settings) { s.ReviewsPerDay = -1 }, "reviews per day"},
		{"hour 24", func(s *Settings) { s.RolloverHour = 24 }, "rollover hour"},
		{"negative hour", func(s *Settings) { s.RolloverHour = -1 }, "rollover hour"},
		{"negative leech", func(s *Settings) { s.LeechLapses = -1 }, "leech lapses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultSettings()
			tt.edit(&cfg)
			err := cfg.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

func TestEFAndGradeText(t *testing.T) {
	for ef, want := range map[EF]string{250: "2.50", 130: "1.30", 236: "2.36", 1000: "10.00"} {
		if got := ef.String(); got != want {
			t.Errorf("EF(%d).String() = %q, want %q", int(ef), got, want)
		}
	}
	if got := EF(236).Float(); got != 2.36 {
		t.Errorf("Float = %v", got)
	}
	if Grade(5).Meaning() != "perfect" || Grade(0).Meaning() != "blackout" || Grade(7).Meaning() != "invalid grade" {
		t.Errorf("grade meanings: %q %q %q", Grade(5).Meaning(), Grade(0).Meaning(), Grade(7).Meaning())
	}
}
