package storage

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/scheduler/fsrs"
)

var keySettings = []byte("scheduler")

// savedSettings is the settings bucket's record. Every field is optional so
// that a setting never saved keeps the caller's default.
type savedSettings struct {
	NewPerDay     *int    `json:"new_per_day,omitempty"`
	ReviewsPerDay *int    `json:"reviews_per_day,omitempty"`
	RolloverHour  *int    `json:"rollover_hour,omitempty"`
	LeechLapses   *int    `json:"leech_lapses,omitempty"`
	Location      *string `json:"location,omitempty"` // IANA name; "Local" is the machine's zone

	Scheduler        *string                      `json:"scheduler,omitempty"` // default for decks without their own
	DesiredRetention *float64                     `json:"desired_retention,omitempty"`
	MaximumInterval  *int                         `json:"maximum_interval,omitempty"`
	Decks            map[string]savedDeckSchedule `json:"decks,omitempty"`
}

// savedDeckSchedule is one deck's own scheduling.
type savedDeckSchedule struct {
	Scheduler        string    `json:"scheduler"`
	DesiredRetention float64   `json:"desired_retention,omitempty"`
	MaximumInterval  int       `json:"maximum_interval,omitempty"`
	Parameters       []float64 `json:"fsrs_parameters,omitempty"` // w0..w20, fitted by recall optimize
}

// SaveSettings saves cfg as the user's settings, replacing those saved
// before. It refuses settings out of range.
func (s *Store) SaveSettings(cfg scheduler.Settings) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	// time.Local is saved by name, so the store follows the user's zone
	// rather than pinning the one in force when a setting was changed.
	loc := "Local"
	if cfg.Location != nil && cfg.Location != time.Local {
		loc = cfg.Location.String()
	}
	saved := savedSettings{
		NewPerDay: &cfg.NewPerDay, ReviewsPerDay: &cfg.ReviewsPerDay,
		RolloverHour: &cfg.RolloverHour, LeechLapses: &cfg.LeechLapses, Location: &loc,
	}
	if cfg.Scheduler != "" {
		name := string(cfg.Scheduler)
		saved.Scheduler = &name
	}
	if cfg.DesiredRetention != 0 {
		saved.DesiredRetention = &cfg.DesiredRetention
	}
	if cfg.MaximumInterval != 0 {
		saved.MaximumInterval = &cfg.MaximumInterval
	}
	for _, name := range cfg.Decks.Names() {
		d, _ := cfg.Decks.Get(name)
		if saved.Decks == nil {
			saved.Decks = make(map[string]savedDeckSchedule)
		}
		sd := savedDeckSchedule{Scheduler: string(d.Algorithm.OrDefault()), DesiredRetention: d.DesiredRetention, MaximumInterval: d.MaximumInterval}
		if d.Parameters != nil {
			sd.Parameters = d.Parameters[:]
		}
		saved.Decks[name] = sd
	}
	data, err := json.Marshal(saved)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		var before savedSettings
		if raw := tx.Bucket(bucketSettings).Get(keySettings); raw != nil {
			if err := json.Unmarshal(raw, &before); err != nil {
				return fmt.Errorf("decode settings: %w", err)
			}
		}
		if err := tx.Bucket(bucketSettings).Put(keySettings, data); err != nil {
			return err
		}
		return emitSettings(tx, before, saved, s.now())
	})
}

// LoadSettings overlays the saved settings onto cfg, leaving the fields
// never saved as they are.
func (s *Store) LoadSettings(cfg *scheduler.Settings) error {
	var saved savedSettings
	err := s.view(func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketSettings).Get(keySettings)
		if data == nil {
			return nil
		}
		return json.Unmarshal(data, &saved)
	})
	if err != nil {
		return fmt.Errorf("load settings from %q: %w", s.path, err)
	}
	next := *cfg
	for _, f := range []struct {
		from *int
		to   *int
	}{
		{saved.NewPerDay, &next.NewPerDay},
		{saved.ReviewsPerDay, &next.ReviewsPerDay},
		{saved.RolloverHour, &next.RolloverHour},
		{saved.LeechLapses, &next.LeechLapses},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if saved.Location != nil {
		loc, err := time.LoadLocation(*saved.Location)
		if err != nil {
			return fmt.Errorf("load settings from %q: time zone: %w", s.path, err)
		}
		next.Location = loc
	}
	if err := overlaySchedule(saved, &next); err != nil {
		return fmt.Errorf("load settings from %q: %w", s.path, err)
	}
	if err := next.Validate(); err != nil {
		return fmt.Errorf("load settings from %q: %w", s.path, err)
	}
	*cfg = next
	return nil
}

// overlaySchedule sets the scheduling saved (the defaults and each deck's
// own) on cfg: the settings a card's state depends on, which sync carries.
func overlaySchedule(saved savedSettings, cfg *scheduler.Settings) error {
	if saved.LeechLapses != nil {
		cfg.LeechLapses = *saved.LeechLapses
	}
	if saved.Scheduler != nil {
		cfg.Scheduler = scheduler.Algorithm(*saved.Scheduler)
	}
	if saved.DesiredRetention != nil {
		cfg.DesiredRetention = *saved.DesiredRetention
	}
	if saved.MaximumInterval != nil {
		cfg.MaximumInterval = *saved.MaximumInterval
	}
	for name, sd := range saved.Decks {
		d := scheduler.DeckScheduling{Algorithm: scheduler.Algorithm(sd.Scheduler), DesiredRetention: sd.DesiredRetention, MaximumInterval: sd.MaximumInterval}
		if sd.Parameters != nil {
			if len(sd.Parameters) != fsrs.NumParameters {
				return fmt.Errorf("deck %q: %d FSRS parameters, want %d", name, len(sd.Parameters), fsrs.NumParameters)
			}
			var w fsrs.Parameters
			copy(w[:], sd.Parameters)
			d.Parameters = &w
		}
		cfg.Decks = cfg.Decks.With(name, d)
	}
	return nil
}

var keyPreferences = []byte("preferences")

// Preferences are the user's saved choices for the review screens, kept
// apart from the scheduler's settings: they change what the keys do, not
// when a card is due.
type Preferences struct {
	// Keys is the grading key layout: "" or "sm2" for SM-2's 0–5, "anki"
	// for Anki's 1–4.
	Keys string `json:"keys,omitempty"`
}

// SavePreferences saves p, replacing the preferences saved before.
func (s *Store) SavePreferences(p Preferences) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put(keyPreferences, data)
	})
}

// LoadPreferences returns the saved preferences; none saved gives the zero
// Preferences.
func (s *Store) LoadPreferences() (Preferences, error) {
	var p Preferences
	err := s.db.View(func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketSettings).Get(keyPreferences)
		if data == nil {
			return nil
		}
		return json.Unmarshal(data, &p)
	})
	if err != nil {
		return Preferences{}, fmt.Errorf("load preferences from %q: %w", s.path, err)
	}
	return p, nil
}
