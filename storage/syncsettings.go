package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/journal"
	"github.com/recallcards/recall/scheduler"
)

// The settings that travel between machines are those a card's state
// depends on, since every machine must fold a card's reviews alike: each
// deck's own scheduling (scheduler, desired retention, maximum interval,
// fitted FSRS parameters) and the defaults for decks without their own.
// Daily limits, the rollover hour and the time zone stay each machine's:
// a laptop abroad keeps its own day.
const (
	settingDeckSchedule     = "deck-schedule" // Deck: the deck's identity; Value: JSON, "" for none
	settingScheduler        = "scheduler"
	settingDesiredRetention = "desired-retention"
	settingMaximumInterval  = "maximum-interval"
	settingLeechLapses      = "leech-lapses"
)

// globalSettings returns the synced global settings of saved as text, ""
// for one never set.
func globalSettings(saved savedSettings) map[string]string {
	m := map[string]string{}
	if saved.Scheduler != nil {
		m[settingScheduler] = *saved.Scheduler
	}
	if saved.DesiredRetention != nil {
		m[settingDesiredRetention] = strconv.FormatFloat(*saved.DesiredRetention, 'g', -1, 64)
	}
	if saved.MaximumInterval != nil {
		m[settingMaximumInterval] = strconv.Itoa(*saved.MaximumInterval)
	}
	if saved.LeechLapses != nil {
		m[settingLeechLapses] = strconv.Itoa(*saved.LeechLapses)
	}
	return m
}

// emitSettings records, as this device's events, the synced settings that
// differ between before and after.
func emitSettings(tx *bolt.Tx, before, after savedSettings, now time.Time) error {
	if syncing(tx) == nil {
		return nil
	}
	was, is := globalSettings(before), globalSettings(after)
	for _, name := range slices.Sorted(maps.Keys(is)) {
		if was[name] != is[name] {
			if err := emit(tx, journal.Event{Kind: journal.KindSetting, Name: name, Value: is[name], Time: now}); err != nil {
				return err
			}
		}
	}
	names := map[string]bool{}
	for n := range before.Decks {
		names[n] = true
	}
	for n := range after.Decks {
		names[n] = true
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		old, _ := deckScheduleText(before.Decks, name)
		value, err := deckScheduleText(after.Decks, name)
		if err != nil {
			return err
		}
		if old == value {
			continue
		}
		identity := name
		if rec, status, err := findDeck(tx, name); err != nil {
			return err
		} else if status != deckUnknown {
			identity = rec.Identity
		}
		if err := emit(tx, journal.Event{Kind: journal.KindSetting, Deck: identity, Name: settingDeckSchedule, Value: value, Time: now}); err != nil {
			return err
		}
	}
	return nil
}

func deckScheduleText(decks map[string]savedDeckSchedule, name string) (string, error) {
	d, ok := decks[name]
	if !ok {
		return "", nil
	}
	data, err := json.Marshal(d)
	return string(data), err
}

// settingKey is where a setting's events are indexed in cardevents: a key
// no card ID can have, folded in total order like a card's.
func settingKey(deckIdentity, name string) string { return "setting:" + deckIdentity + "\x01" + name }

// lastSetting returns the value the latest event for a setting gives it.
func lastSetting(tx *bolt.Tx, key string) (value string, found bool, err error) {
	k := lastEventKey(tx, key)
	if k == nil {
		return "", false, nil
	}
	eid, ok := parseEventKey(k[len(key)+1+12:])
	if !ok {
		return "", false, fmt.Errorf("malformed event index key %x", k)
	}
	e, ok, err := loadEvent(tx, eid)
	if err != nil || !ok {
		return "", false, fmt.Errorf("event %s: missing or damaged: %v", eid, err)
	}
	return e.Value, true, nil
}

// applySettings brings the synced settings touched by other machines'
// events to the value of each one's latest event, and returns what changed
// in the user's words and the decks (by name) whose cards must be refolded
// under the new scheduling; all says every deck's must.
func applySettings(tx *bolt.Tx, touched map[[2]string]bool) (said []string, decks []string, all bool, err error) {
	if len(touched) == 0 {
		return nil, nil, false, nil
	}
	var saved savedSettings
	if raw := tx.Bucket(bucketSettings).Get(keySettings); raw != nil {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return nil, nil, false, fmt.Errorf("decode settings: %w", err)
		}
	}
	keys := slices.SortedFunc(maps.Keys(touched), func(a, b [2]string) int {
		if a[0] != b[0] {
			return bytesCompare(a[0], b[0])
		}
		return bytesCompare(a[1], b[1])
	})
	for _, k := range keys {
		identity, name := k[0], k[1]
		value, found, err := lastSetting(tx, settingKey(identity, name))
		if err != nil || !found {
			return nil, nil, false, err
		}
		if identity == "" {
			changed, err := setGlobal(&saved, name, value)
			if err != nil {
				said = append(said, fmt.Sprintf("setting %s from another machine passed over: %v", name, err))
				continue
			}
			if changed {
				all = true
				said = append(said, fmt.Sprintf("%s set to %s, as on another machine", name, value))
			}
			continue
		}
		rec, found, err := deckByIdentity(tx, identity)
		if err != nil {
			return nil, nil, false, err
		}
		if !found {
			continue // a deck this store does not have; kept for when it comes
		}
		old, _ := deckScheduleText(saved.Decks, rec.Name)
		if old == value {
			continue
		}
		if value == "" {
			delete(saved.Decks, rec.Name)
		} else {
			var d savedDeckSchedule
			if err := json.Unmarshal([]byte(value), &d); err != nil {
				said = append(said, fmt.Sprintf("scheduling of deck %q from another machine passed over: %v", rec.Name, err))
				continue
			}
			if saved.Decks == nil {
				saved.Decks = map[string]savedDeckSchedule{}
			}
			saved.Decks[rec.Name] = d
		}
		decks = append(decks, rec.Name)
		said = append(said, fmt.Sprintf("deck %q scheduling changed, as on another machine", rec.Name))
	}
	if len(decks) == 0 && !all {
		return said, nil, false, nil
	}
	// Refused as a whole if the result is out of range, as SaveSettings
	// would refuse it.
	probe := scheduler.DefaultSettings()
	bad := overlaySchedule(saved, &probe)
	if bad == nil {
		bad = probe.Validate()
	}
	if bad != nil {
		return []string{fmt.Sprintf("settings from another machine passed over: %v", bad)}, nil, false, nil
	}
	data, err := json.Marshal(saved)
	if err != nil {
		return nil, nil, false, err
	}
	return said, decks, all, tx.Bucket(bucketSettings).Put(keySettings, data)
}

func bytesCompare(a, b string) int { return bytes.Compare([]byte(a), []byte(b)) }

// setGlobal sets one synced global setting from its text.
func setGlobal(saved *savedSettings, name, value string) (bool, error) {
	switch name {
	case settingScheduler:
		if saved.Scheduler != nil && *saved.Scheduler == value {
			return false, nil
		}
		if _, err := scheduler.ParseAlgorithm(value); err != nil {
			return false, err
		}
		saved.Scheduler = &value
	case settingDesiredRetention:
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return false, fmt.Errorf("not a number: %q", value)
		}
		if saved.DesiredRetention != nil && *saved.DesiredRetention == f {
			return false, nil
		}
		saved.DesiredRetention = &f
	case settingMaximumInterval, settingLeechLapses:
		n, err := strconv.Atoi(value)
		if err != nil {
			return false, fmt.Errorf("not a whole number: %q", value)
		}
		to := &saved.MaximumInterval
		if name == settingLeechLapses {
			to = &saved.LeechLapses
		}
		if *to != nil && **to == n {
			return false, nil
		}
		*to = &n
	default:
		return false, fmt.Errorf("unknown setting")
	}
	return true, nil
}
