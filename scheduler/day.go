package scheduler

import "time"

// dayLayout is how a review day is named: its date in the user's zone.
const dayLayout = "2006-01-02"

// Day names the review day holding t by its date in the user's zone,
// YYYY-MM-DD: a review at 02:00 with the day rolling over at 04:00 belongs
// to the day before, as the schedule counts it.
func (cfg Settings) Day(t time.Time) string {
	return cfg.DayStart(t).In(cfg.location()).Format(dayLayout)
}
