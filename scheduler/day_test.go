package scheduler

import (
	"testing"
	"time"
)

// TestDay: the review day starts at the rollover hour in the user's zone,
// not at midnight UTC.
func TestDay(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utc := Settings{RolloverHour: 4, Location: time.UTC}
	nyc := Settings{RolloverHour: 4, Location: ny}
	for _, tc := range []struct {
		at   string
		cfg  Settings
		want string
	}{
		{"2026-11-23T09:00:00Z", utc, "2026-11-23"},
		{"2026-11-23T04:00:00Z", utc, "2026-11-23"},
		{"2026-11-23T03:59:59Z", utc, "2026-11-22"}, // before the rollover
		{"2026-11-23T00:30:00Z", utc, "2026-11-22"},
		{"2026-11-23T08:30:00Z", nyc, "2026-11-22"}, // 03:30 in New York
		{"2026-11-23T09:30:00Z", nyc, "2026-11-23"}, // 04:30 in New York
		{"2026-11-24T02:00:00Z", nyc, "2026-11-23"}, // 21:00 the evening before
	} {
		at, err := time.Parse(time.RFC3339, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.cfg.Day(at); got != tc.want {
			t.Errorf("Day(%s) in %s = %s, want %s", tc.at, tc.cfg.Location, got, tc.want)
		}
	}
}

// TestDaysBetween counts review days, not calendar dates: 02:00 is still
// yesterday's review day when the day rolls over at 04:00.
func TestDaysBetween(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	utc := Settings{RolloverHour: 4, Location: time.UTC}
	ber := Settings{RolloverHour: 4, Location: berlin}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		cfg      Settings
		from, to string
		want     int
	}{
		{utc, "2026-03-02T10:00:00Z", "2026-03-02T23:00:00Z", 0},
		{utc, "2026-03-02T10:00:00Z", "2026-03-03T03:00:00Z", 0}, // before the rollover: still today
		{utc, "2026-03-02T10:00:00Z", "2026-03-03T04:00:00Z", 1},
		{utc, "2026-03-03T02:00:00Z", "2026-03-03T04:00:00Z", 1}, // same date, next review day
		{utc, "2026-03-03T02:00:00Z", "2026-03-03T03:00:00Z", 0},
		{utc, "2026-03-02T10:00:00Z", "2026-03-12T10:00:00Z", 10},
		{utc, "2026-03-12T10:00:00Z", "2026-03-02T10:00:00Z", -10},
		// Across the spring change in Berlin (29 March 2026: a 23-hour day).
		{ber, "2026-03-28T10:00:00Z", "2026-03-30T10:00:00Z", 2},
		{ber, "2026-03-28T10:00:00Z", "2026-03-29T02:30:00Z", 1}, // 04:30 CEST on the 29th
	} {
		if got := tc.cfg.DaysBetween(at(tc.from), at(tc.to)); got != tc.want {
			t.Errorf("DaysBetween(%s, %s) in %s = %d, want %d", tc.from, tc.to, tc.cfg.Location, got, tc.want)
		}
	}
}
