// Package stats computes recall's statistics from the review log and the
// cards' states, and renders them as text. It is pure: callers feed it the
// cards and the log (each read once) with the time and the settings, and get
// values and strings back; it does no I/O and knows nothing of terminals.
//
// # Definitions
//
// Days are review days: a day starts at the rollover hour in the user's
// zone (scheduler.Settings.DayStart), so a review at 02:00 with the day
// rolling over at 04:00 belongs to the day before, and days follow the
// calendar across daylight-saving changes. A day is named by the date on
// which it starts.
//
//   - A review day is a day with at least one review. A streak is a run
//     of days each of which had a review or nothing due: a day breaks it
//     only if a card was due on it and no card was reviewed. A card was due
//     on a day if its queue time had come by the day's end (its due day)
//     and it was not reviewed before: the log tells it for the cards
//     reviewed since (their state before the review), the cards' states
//     for those still waiting. New cards waiting to be introduced are not
//     due. A streak's length runs from its first review day to its last
//     day, days with nothing due included: today once reviewed, else
//     yesterday (a streak that reached yesterday still stands today,
//     before the day's first review), or for a streak broken the day
//     before the break. The longest streak is the longest anywhere in the
//     log.
//   - A review is correct when graded 3 or more. It is of a young card when
//     the card's interval before the review was under MatureDays (21) days,
//     else of a mature card. Retention is the share of correct reviews over
//     the last RetentionDays (30) days, today included.
//   - Each card counts in exactly one state, the first that applies:
//     retired (gone from the notes), leech (lapsed too often; suspended
//     unless the user unsuspended it), suspended, new (never reviewed),
//     learning (waiting for a re-drill, or failed and not yet passed again:
//     interval 0), young (interval 1 to 20 days), mature (21 days or more).
//   - The forecast counts, for each of the next ForecastDays (30) days
//     (day 0 is today), the cards whose queue time falls in that day;
//     overdue cards count on today. New cards are not in it: they are
//     introduced by the daily limit, not by a due date.
//   - Due today and new today are the reviews (re-drills included) and the
//     new cards of today's queue, as recall review would work through it:
//     the caller builds the queue with the store (Builder.SetQueue), so
//     every command reports the same figures. Without a queue they are
//     estimated from the cards: every card in the review queue now, and
//     the new cards the daily limit still lets in.
//   - The EF distribution and the hardest cards cover the cards reviewed at
//     least once and not retired. The hardest are the HardestCount (10) with
//     the most lapses, then the lowest EF, then by ID; a card that never
//     lapsed and kept an EF of 2.5 or more is not hard.
package stats

import (
	"math"
	"slices"
	"time"

	"github.com/recallcards/recall/scheduler"
)

// The figures' fixed spans and thresholds.
const (
	MatureDays    = 21 // a card is mature from this interval on
	RetentionDays = 30 // retention covers this many days, today included
	ForecastDays  = 30 // the forecast covers this many days from today
	HardestCount  = 10 // the hardest cards listed
	CalendarWeeks = 53 // weeks in the calendar, this one included
)

// Card is one card as the statistics see it.
type Card struct {
	ID      string
	Front   string
	State   scheduler.State
	Retired bool
}

// Review is one entry of the review log as the statistics see it.
type Review struct {
	CardID           string
	Time             time.Time
	Grade            scheduler.Grade
	PrevIntervalDays int  // the interval before the review
	PrevNew          bool // the review introduced the card
	// PrevQueue is when the card had entered the review queue before the
	// review (scheduler.State.QueueTime), zero if it was not in it: the
	// streak asks whether a card was due on a day without reviews.
	PrevQueue time.Time
	Answer    time.Duration
}

// Stats is every figure `recall stats` shows; its JSON form is what
// `recall stats --json` prints.
type Stats struct {
	Now          time.Time   `json:"now"`
	Deck         *string     `json:"deck"` // nil: all decks
	Zone         string      `json:"zone"`
	RolloverHour int         `json:"rollover_hour"`
	Today        Today       `json:"today"`
	Streak       Streak      `json:"streak"`
	Calendar     Calendar    `json:"calendar"`
	Forecast     Forecast    `json:"forecast"`
	Retention    Retention   `json:"retention"`
	Cards        StateCounts `json:"cards"`
	EF           EFStats     `json:"ef"`
	Hardest      []HardCard  `json:"hardest"`
	// Workload is FSRS's simulated reviews a day for the next 30 days, for
	// the FSRS decks only; nil when no deck in view uses FSRS.
	Workload *Workload `json:"fsrs_workload,omitempty"`
}

// Workload is a simulated forecast of the reviews FSRS decks will take at
// their desired retention, new cards and re-drills included.
type Workload struct {
	Cards    int       `json:"cards"`
	Reviews  []float64 `json:"reviews_per_day"` // from today on
	Expected float64   `json:"expected_retention"`
}

// Today is the work of the current review day.
type Today struct {
	Day      string   `json:"day"` // YYYY-MM-DD
	Reviews  int      `json:"reviews"`
	Cards    int      `json:"cards"` // distinct cards reviewed
	Correct  int      `json:"correct"`
	Rate     *float64 `json:"rate"` // Correct / Reviews; null without reviews
	TimeMS   int64    `json:"time_ms"`
	Due      int      `json:"due"`
	NewCards int      `json:"new"`
}

// Streak counts review days.
type Streak struct {
	Current    int `json:"current"`
	Longest    int `json:"longest"`
	ReviewDays int `json:"review_days"` // days with a review, in the whole log
	Reviews    int `json:"reviews"`     // reviews in the whole log
}

// Calendar is the reviews per day over the calendar's weeks: From is the
// Monday CalendarWeeks-1 weeks before this week's, To is today. Days lists
// only the days with reviews, oldest first.
type Calendar struct {
	From string     `json:"from"`
	To   string     `json:"to"`
	Days []DayCount `json:"days"`
}

// DayCount is a number of reviews or cards on one day.
type DayCount struct {
	Day   string `json:"day"` // YYYY-MM-DD
	Count int    `json:"count"`
}

// Forecast is the cards due on each of the next ForecastDays days, today
// (overdue cards included) first.
type Forecast struct {
	Days    []DayCount `json:"days"`
	Overdue int        `json:"overdue"` // counted in Days[0] too
	Later   int        `json:"later"`   // due after the last day
}

// Retention is the correct share of the last RetentionDays days' reviews.
type Retention struct {
	Days   int    `json:"days"`
	From   string `json:"from"`
	Young  Rate   `json:"young"`
	Mature Rate   `json:"mature"`
	All    Rate   `json:"all"`
}

// Rate is a number of correct reviews out of a number of reviews.
type Rate struct {
	Reviews int      `json:"reviews"`
	Correct int      `json:"correct"`
	Rate    *float64 `json:"rate"` // null without reviews
}

// StateCounts counts the cards by state; each card is in exactly one.
type StateCounts struct {
	New       int `json:"new"`
	Learning  int `json:"learning"`
	Young     int `json:"young"`
	Mature    int `json:"mature"`
	Leech     int `json:"leech"`
	Suspended int `json:"suspended"`
	Retired   int `json:"retired"`
	Total     int `json:"total"`
}

// EFStats is the distribution of the easiness factor.
type EFStats struct {
	Cards   int        `json:"cards"`
	Mean    *float64   `json:"mean"` // null without cards
	Buckets []EFBucket `json:"buckets"`
}

// EFBucket counts the cards with From <= EF <= To; To is null for the last.
type EFBucket struct {
	From  float64  `json:"from"`
	To    *float64 `json:"to"`
	Cards int      `json:"cards"`
}

// HardCard is one of the hardest cards.
type HardCard struct {
	ID           string  `json:"id"`
	Front        string  `json:"front"`
	Lapses       int     `json:"lapses"`
	EF           float64 `json:"ef"`
	IntervalDays int     `json:"interval_days"`
	Leech        bool    `json:"leech"`
	Suspended    bool    `json:"suspended"`
}

// efEdges are the lower bounds of the EF buckets, in hundredths: 0.2 wide
// from SM-2's floor of 1.3, then everything from 2.7 up.
var efEdges = []scheduler.EF{130, 150, 170, 190, 210, 230, 250, 270}

// day is a civil date, as days since 1970-01-01.
type day int

func civil(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// date is the day's time at 00:00 UTC, for its calendar fields.
func (d day) date() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) String() string { return d.date().Format(time.DateOnly) }

// weekday is 0 for Monday to 6 for Sunday.
func (d day) weekday() int { return (int(d.date().Weekday()) + 6) % 7 }

func location(cfg scheduler.Settings) *time.Location {
	if cfg.Location == nil {
		return time.Local
	}
	return cfg.Location
}

// dayCache names the review days of times that mostly come in order, as the
// log's do, computing a day's bounds once rather than for every review.
type dayCache struct {
	cfg        scheduler.Settings
	start, end int64 // Unix seconds: the cached day is [start, end)
	d          day
}

func (c *dayCache) dayOf(t time.Time) day {
	sec := t.Unix()
	if sec >= c.start && sec < c.end {
		return c.d
	}
	start := c.cfg.DayStart(t)
	c.d = civil(start.In(location(c.cfg)).Date())
	c.start, c.end = start.Unix(), c.cfg.AddDays(start, 1).Unix()
	return c.d
}

// noDue is a due day later than any: no card waiting.
const noDue = day(math.MaxInt32)

// streakWalk finds the streaks in review days given newest first, each with
// the earliest day on which a card reviewed that day had fallen due. A day
// without reviews breaks a streak only if a card was due on it: one
// reviewed later whose due day had come, or one still waiting now. Days
// with nothing due neither break a streak nor need a review, and count in
// its length, which runs from its first review day to its last day (today
// once reviewed, else yesterday, or the day before the day that broke it).
type streakWalk struct {
	today  day
	minDue day // the earliest due day among the cards found waiting so far
	// The run being walked: from first to end.
	started    bool
	first, end day
	current    int
	done       bool // the current streak is known
	longest    int
}

func newStreakWalk(today, pending day) streakWalk {
	return streakWalk{today: today, minDue: pending}
}

// add walks to review day d, older than the days walked before (a newer
// one, from a clock set back, only lowers minDue), and reports whether the
// current streak may still grow.
func (w *streakWalk) add(d, due day) bool {
	if d > w.today || w.started && d >= w.first {
		w.minDue = min(w.minDue, due)
		return !w.done
	}
	// The days between d and the newer bound have no review; the newer
	// bound itself is today (which is not over) or the run's first day.
	bound := w.today
	if w.started {
		bound = w.first
	}
	breakDay := max(d+1, w.minDue)
	broken := breakDay <= bound-1
	switch {
	case !w.started:
		w.end = w.today - 1
		if d == w.today {
			w.end = w.today
		}
		if broken {
			w.end, w.current, w.done = breakDay-1, 0, true
		}
	case broken:
		w.close()
		w.end = breakDay - 1
	}
	w.started, w.first = true, d
	w.minDue = min(w.minDue, due)
	return !w.done
}

// close ends the run walked so far.
func (w *streakWalk) close() {
	if !w.started {
		return
	}
	n := int(w.end-w.first) + 1
	w.longest = max(w.longest, n)
	if !w.done {
		w.current, w.done = n, true
	}
}

// result closes the last run and returns the current and longest streaks.
func (w *streakWalk) result() (current, longest int) {
	w.close()
	return w.current, w.longest
}

// StreakCounter counts the current streak from the reviews given newest
// first, as the log read backwards gives them, so that a caller can stop
// at the first break.
type StreakCounter struct {
	cache   dayCache
	walk    streakWalk
	day     day
	dayDue  day
	pending bool
}

// NewStreakCounter starts counting the streak that stands at now. waiting
// is the earliest queue time of the cards in the review queue now, zero if
// there are none: a card still waiting since a day without reviews broke
// the streak on that day.
func NewStreakCounter(now time.Time, cfg scheduler.Settings, waiting time.Time) *StreakCounter {
	c := &StreakCounter{cache: dayCache{cfg: cfg}}
	pending := noDue
	if !waiting.IsZero() {
		pending = c.cache.dayOf(waiting)
	}
	c.walk = newStreakWalk(c.cache.dayOf(now), pending)
	return c
}

// Add counts a review at t of a card that entered the review queue at
// prevQueue (zero for a new card), and reports whether older reviews may
// still lengthen the streak.
func (c *StreakCounter) Add(t, prevQueue time.Time) bool {
	d, due := c.cache.dayOf(t), noDue
	if !prevQueue.IsZero() {
		due = c.cache.dayOf(prevQueue)
	}
	if c.pending && d != c.day {
		if !c.walk.add(c.day, c.dayDue) {
			c.pending = false
			return false
		}
		c.dayDue = noDue
	}
	if !c.pending || d != c.day {
		c.day, c.dayDue, c.pending = d, noDue, true
	}
	c.dayDue = min(c.dayDue, due)
	return true
}

// Days returns the streak counted so far.
func (c *StreakCounter) Days() int {
	w := c.walk
	if c.pending {
		w.add(c.day, c.dayDue)
	}
	current, _ := w.result()
	return current
}

// Builder gathers the statistics from the cards and the log. Add every card
// first, then every review, then call Stats.
type Builder struct {
	cfg   scheduler.Settings
	now   time.Time
	deck  *string
	today day
	cache dayCache
	// inDeck holds the IDs of the cards added, when the statistics are of
	// one deck: the log's reviews of other cards are left out.
	inDeck map[string]bool

	// From the log.
	reviewDays           map[day]int
	dayDue               map[day]day // the earliest due day of a card reviewed that day
	pending              day         // the earliest due day of a card waiting now
	runDay               day         // reviews of runDay not yet in reviewDays
	runCount             int
	reviews              int
	todayCards, todayNew map[string]bool
	todayStats           Today
	young, mature        Rate

	// From the cards.
	queue      *[2]int // today's queue: reviews, new cards (SetQueue)
	counts     StateCounts
	bounds     [ForecastDays + 1]time.Time // starts of the forecast days
	forecast   [ForecastDays]int
	overdue    int
	later      int
	due        int
	newCards   int
	efCounts   []int
	efSum      int
	efCards    int
	hardest    []HardCard
	hardestEFs []scheduler.EF
}

// NewBuilder starts the statistics at now. With deck set, they are of that
// deck's cards only: the caller adds only them, and reviews of other cards
// are skipped.
func NewBuilder(now time.Time, cfg scheduler.Settings, deck *string) *Builder {
	b := &Builder{
		cfg: cfg, now: now, deck: deck, cache: dayCache{cfg: cfg},
		reviewDays: map[day]int{}, dayDue: map[day]day{}, pending: noDue, todayCards: map[string]bool{}, todayNew: map[string]bool{},
		efCounts: make([]int, len(efEdges)),
	}
	if deck != nil {
		b.inDeck = map[string]bool{}
	}
	b.today = b.cache.dayOf(now)
	start := cfg.DayStart(now)
	for i := range b.bounds {
		b.bounds[i] = cfg.AddDays(start, i)
	}
	return b
}

// SetQueue sets today's still-due figures from today's queue: its reviews
// (re-drills included) and its new cards.
func (b *Builder) SetQueue(reviews, newCards int) { b.queue = &[2]int{reviews, newCards} }

// AddCard counts one card.
func (b *Builder) AddCard(c Card) {
	if b.inDeck != nil {
		b.inDeck[c.ID] = true
	}
	b.counts.Total++
	s := c.State
	if c.Retired {
		b.counts.Retired++
		return
	}
	switch {
	case s.Leech:
		b.counts.Leech++
	case s.Suspended:
		b.counts.Suspended++
	case s.IsNew():
		b.counts.New++
	case s.Redrill || s.IntervalDays <= 0:
		b.counts.Learning++
	case s.IntervalDays < MatureDays:
		b.counts.Young++
	default:
		b.counts.Mature++
	}
	if s.IsNew() && !s.Suspended {
		b.newCards++
	}
	if t, ok := s.QueueTime(); ok {
		b.addDue(t)
		b.pending = min(b.pending, b.cache.dayOf(t))
	}
	if s.IsNew() {
		return
	}
	ease := s.Ease() // EF, or FSRS's difficulty on EF's scale
	i, _ := slices.BinarySearch(efEdges, ease+1)
	b.efCounts[max(i-1, 0)]++
	b.efSum += int(ease)
	b.efCards++
	if s.Lapses > 0 || ease < scheduler.InitialEF {
		b.addHard(c)
	}
}

// addDue puts a card in the review queue from t into the forecast.
func (b *Builder) addDue(t time.Time) {
	if !t.After(b.now) {
		b.due++
	}
	switch {
	case t.Before(b.bounds[0]):
		b.overdue++
		b.forecast[0]++
	case !t.Before(b.bounds[ForecastDays]):
		b.later++
	default:
		// The last bound after t, less one, is t's day.
		i, _ := slices.BinarySearchFunc(b.bounds[:], t, func(bound, t time.Time) int {
			if bound.After(t) {
				return 1
			}
			return -1
		})
		b.forecast[i-1]++
	}
}

// harder orders cards: more lapses first, then lower EF, then by ID.
func harder(a HardCard, aEF scheduler.EF, b HardCard, bEF scheduler.EF) bool {
	if a.Lapses != b.Lapses {
		return a.Lapses > b.Lapses
	}
	if aEF != bEF {
		return aEF < bEF
	}
	return a.ID < b.ID
}

// addHard keeps the card if it is among the HardestCount hardest so far.
func (b *Builder) addHard(c Card) {
	s := c.State
	ease := s.Ease()
	h := HardCard{ID: c.ID, Front: c.Front, Lapses: s.Lapses, EF: ease.Float(), IntervalDays: s.IntervalDays, Leech: s.Leech, Suspended: s.Suspended}
	n := len(b.hardest)
	if n == HardestCount && !harder(h, ease, b.hardest[n-1], b.hardestEFs[n-1]) {
		return
	}
	i := n
	for i > 0 && harder(h, ease, b.hardest[i-1], b.hardestEFs[i-1]) {
		i--
	}
	b.hardest = slices.Insert(b.hardest, i, h)
	b.hardestEFs = slices.Insert(b.hardestEFs, i, ease)
	if len(b.hardest) > HardestCount {
		b.hardest, b.hardestEFs = b.hardest[:HardestCount], b.hardestEFs[:HardestCount]
	}
}

// AddReview counts one review. The log may come in any order, though in
// time order (as the store keeps it) it is faster.
func (b *Builder) AddReview(r Review) {
	if b.inDeck != nil && !b.inDeck[r.CardID] {
		return
	}
	b.reviews++
	d := b.cache.dayOf(r.Time)
	if d != b.runDay || b.runCount == 0 {
		b.flushRun()
		b.runDay = d
	}
	b.runCount++
	if !r.PrevQueue.IsZero() {
		due := b.cache.dayOf(r.PrevQueue)
		if old, ok := b.dayDue[d]; !ok || due < old {
			b.dayDue[d] = due
		}
	}
	correct := r.Grade >= 3
	if d == b.today {
		t := &b.todayStats
		t.Reviews++
		if correct {
			t.Correct++
		}
		t.TimeMS += r.Answer.Milliseconds()
		b.todayCards[r.CardID] = true
		if r.PrevNew {
			b.todayNew[r.CardID] = true
		}
	}
	if d <= b.today && d > b.today-RetentionDays {
		rate := &b.young
		if r.PrevIntervalDays >= MatureDays {
			rate = &b.mature
		}
		rate.Reviews++
		if correct {
			rate.Correct++
		}
	}
}

// flushRun adds the reviews counted for runDay to the review days.
func (b *Builder) flushRun() {
	if b.runCount > 0 {
		b.reviewDays[b.runDay] += b.runCount
		b.runCount = 0
	}
}

// Stats returns the statistics of the cards and reviews added.
func (b *Builder) Stats() Stats {
	b.flushRun()
	s := Stats{
		Now: b.now.UTC(), Deck: b.deck, Zone: zoneName(b.now, b.cfg), RolloverHour: b.cfg.RolloverHour,
		Cards: b.counts, Hardest: b.hardest,
	}
	if s.Hardest == nil {
		s.Hardest = []HardCard{}
	}

	t := b.todayStats
	t.Day = b.today.String()
	t.Cards = len(b.todayCards)
	t.Rate = ratio(t.Correct, t.Reviews)
	t.Due = b.due
	t.NewCards = min(b.newCards, max(b.cfg.NewPerDay-len(b.todayNew), 0))
	if b.queue != nil {
		t.Due, t.NewCards = b.queue[0], b.queue[1]
	}
	s.Today = t

	days := make([]day, 0, len(b.reviewDays))
	for d := range b.reviewDays {
		days = append(days, d)
	}
	slices.Sort(days)
	s.Streak = Streak{ReviewDays: len(days), Reviews: b.reviews}
	walk := newStreakWalk(b.today, b.pending)
	for i := len(days) - 1; i >= 0; i-- {
		due, ok := b.dayDue[days[i]]
		if !ok {
			due = noDue
		}
		walk.add(days[i], due)
	}
	s.Streak.Current, s.Streak.Longest = walk.result()

	from := b.today - day(b.today.weekday()) - 7*(CalendarWeeks-1)
	s.Calendar = Calendar{From: from.String(), To: b.today.String(), Days: []DayCount{}}
	for _, d := range days {
		if d >= from && d <= b.today {
			s.Calendar.Days = append(s.Calendar.Days, DayCount{Day: d.String(), Count: b.reviewDays[d]})
		}
	}

	s.Forecast = Forecast{Overdue: b.overdue, Later: b.later, Days: make([]DayCount, ForecastDays)}
	for i, n := range b.forecast {
		s.Forecast.Days[i] = DayCount{Day: (b.today + day(i)).String(), Count: n}
	}

	young, mature := b.young, b.mature
	young.Rate, mature.Rate = ratio(young.Correct, young.Reviews), ratio(mature.Correct, mature.Reviews)
	all := Rate{Reviews: young.Reviews + mature.Reviews, Correct: young.Correct + mature.Correct}
	all.Rate = ratio(all.Correct, all.Reviews)
	s.Retention = Retention{Days: RetentionDays, From: (b.today - RetentionDays + 1).String(), Young: young, Mature: mature, All: all}

	s.EF = EFStats{Cards: b.efCards, Buckets: make([]EFBucket, len(efEdges))}
	if b.efCards > 0 {
		mean := round4(float64(b.efSum) / float64(b.efCards) / 100)
		s.EF.Mean = &mean
	}
	for i, edge := range efEdges {
		bucket := EFBucket{From: edge.Float(), Cards: b.efCounts[i]}
		if i+1 < len(efEdges) {
			to := (efEdges[i+1] - 1).Float()
			bucket.To = &to
		}
		s.EF.Buckets[i] = bucket
	}
	return s
}

// zoneName names the user's zone: its IANA name, or for the machine's zone
// "Local" with the abbreviation in force at now, e.g. "Local (CET)".
func zoneName(now time.Time, cfg scheduler.Settings) string {
	loc := location(cfg)
	if loc != time.Local {
		return loc.String()
	}
	abbrev, _ := now.In(loc).Zone()
	return "Local (" + abbrev + ")"
}

// ratio is part/whole to four decimals, or nil for no whole.
func ratio(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	r := round4(float64(part) / float64(whole))
	return &r
}

// round4 rounds to four decimals, so JSON shows no float noise.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
