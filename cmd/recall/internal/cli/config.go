package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// configKey is one saved setting the user can read and change.
type configKey struct {
	name string
	help string
	get  func(scheduler.Settings) string
	set  func(*scheduler.Settings, string) error
}

// configKeys lists the saved settings in the order `recall config` prints them.
func configKeys() []configKey {
	defaults := scheduler.DefaultSettings()
	intKey := func(name, help string, field func(*scheduler.Settings) *int) configKey {
		return configKey{
			name: name,
			help: help,
			get:  func(cfg scheduler.Settings) string { return strconv.Itoa(*field(&cfg)) },
			set: func(cfg *scheduler.Settings, v string) error {
				n, err := strconv.Atoi(v)
				if err != nil {
					return usagef("%s must be a whole number such as %d, not %q", name, *field(&defaults), v)
				}
				*field(cfg) = n
				return nil
			},
		}
	}
	return []configKey{
		{
			name: "scheduler",
			help: "sm2 or fsrs: the scheduler of decks added from now on",
			get:  func(cfg scheduler.Settings) string { return string(cfg.Scheduler.OrDefault()) },
			set: func(cfg *scheduler.Settings, v string) (err error) {
				cfg.Scheduler, err = parseAlgorithm("scheduler", v)
				return err
			},
		},
		{
			name: "desired-retention",
			help: "FSRS: the recall probability aimed at when a card comes due",
			get:  func(cfg scheduler.Settings) string { return formatRetention(cfg.DesiredRetention) },
			set: func(cfg *scheduler.Settings, v string) (err error) {
				cfg.DesiredRetention, err = parseRetention("desired-retention", v)
				return err
			},
		},
		{
			name: "maximum-interval",
			help: "FSRS: the longest interval in days",
			get:  func(cfg scheduler.Settings) string { return formatMaximumInterval(cfg.MaximumInterval) },
			set: func(cfg *scheduler.Settings, v string) (err error) {
				cfg.MaximumInterval, err = parseMaximumInterval("maximum-interval", v)
				return err
			},
		},
		intKey("new-per-day", "new cards introduced a day", func(c *scheduler.Settings) *int { return &c.NewPerDay }),
		intKey("reviews-per-day", "due reviews a day", func(c *scheduler.Settings) *int { return &c.ReviewsPerDay }),
		intKey("rollover-hour", "local hour (0-23) at which a new day starts", func(c *scheduler.Settings) *int { return &c.RolloverHour }),
		intKey("leech-lapses", "lapses that make a card a leech (0: never)", func(c *scheduler.Settings) *int { return &c.LeechLapses }),
		{
			name: "timezone",
			help: `IANA zone that decides "today", or Local`,
			get: func(cfg scheduler.Settings) string {
				if cfg.Location == time.Local {
					return "Local"
				}
				return cfg.Location.String()
			},
			set: func(cfg *scheduler.Settings, v string) error {
				loc, err := time.LoadLocation(v)
				if err != nil {
					return usagef("timezone %q is not a known zone such as Europe/Berlin or Local", v)
				}
				cfg.Location = loc
				return nil
			},
		},
	}
}

// prefKey is one saved preference of the review screens (not the
// scheduler's): its allowed values, the first being the default.
type prefKey struct {
	name, help string
	get        func(storage.Preferences) string
	set        func(*storage.Preferences, string) error
}

// prefKeys lists the preferences in the order `recall config` prints them,
// after the scheduler's settings.
func prefKeys() []prefKey {
	return []prefKey{{
		name: "keys",
		help: "grading keys: sm2 (0-5) or anki (1 Again, 2 Hard, 3 Good, 4 Easy)",
		get: func(p storage.Preferences) string {
			l, _ := parseKeyLayout(p.Keys)
			return l.String()
		},
		set: func(p *storage.Preferences, v string) error {
			l, err := parseKeyLayout(v)
			if err != nil {
				return usagef("%v", err)
			}
			p.Keys = l.String()
			return nil
		},
	}}
}

type configOptions struct {
	root *rootOptions
}

func newConfigCmd(root *rootOptions) *cobra.Command {
	opts := &configOptions{root: root}
	cmd := &cobra.Command{
		Use:   "config [set KEY VALUE]",
		Short: "Show or change the saved settings (daily limits, rollover hour)",
		Long: `Show the saved settings, or change one with "recall config set KEY VALUE".

Keys:
  new-per-day        new cards introduced a day (default 20)
  reviews-per-day    due reviews a day (default 200)
  rollover-hour      local hour at which a new day starts (default 4)
  leech-lapses       lapses that make a card a leech and suspend it (default 8)
  timezone           IANA zone that decides "today" (default Local)
  scheduler          sm2 or fsrs, for decks added from now on (default sm2);
                     "recall deck set NAME scheduler fsrs" switches a deck
  desired-retention  FSRS: recall aimed at when a card comes due
                     (0.70-0.99, default 0.90)
  maximum-interval   FSRS: the longest interval in days (default 36500)
  sync.auto        on or off: sync before and after every review session,
                   once "recall sync init DIR" set the store up (default off)
  keys             grading keys of recall review (default sm2):
                   sm2   0-5 on SM-2's scale, a/h/g/E for Again/Hard/Good/Easy
                   anki  1 Again, 2 Hard, 3 Good, 4 Easy (SM-2's 1, 3, 4, 5);
                         space or enter on a revealed card is Good

The FSRS keys hold for decks without their own (recall deck set NAME KEY
VALUE), from each card's next review.

--new-limit and --review-limit on review and due override the limits for one run.`,
		Args: noSubcommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return runConfigShow(opts) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Change a saved setting",
		Args:  args(cobra.ExactArgs(2)),
		RunE:  func(cmd *cobra.Command, a []string) error { return runConfigSet(opts, a[0], a[1]) },
	})
	return cmd
}

func runConfigShow(opts *configOptions) error {
	st, cfg, done, err := opts.root.openForReading()
	if err != nil {
		return err
	}
	defer done()
	if opts.root.isLocalZone(cfg) {
		cfg.Location = time.Local // shown by name: the store follows the user's zone
	}
	for _, k := range configKeys() {
		fmt.Fprintf(opts.root.env.Out, "%-18s %s\n", k.name, k.get(cfg))
	}
	var prefs storage.Preferences
	if st != nil {
		if prefs, err = st.LoadPreferences(); err != nil {
			return err
		}
	}
	for _, k := range prefKeys() {
		fmt.Fprintf(opts.root.env.Out, "%-18s %s\n", k.name, k.get(prefs))
	}
	return showAutoSync(opts.root)
}

// runPrefSet saves one preference.
func runPrefSet(opts *configOptions, key prefKey, value string) error {
	var prefs storage.Preferences
	if err := key.set(&prefs, value); err != nil {
		return err
	}
	st, err := opts.root.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if prefs, err = st.LoadPreferences(); err != nil {
		return err
	}
	if err := key.set(&prefs, value); err != nil {
		return err
	}
	if err := st.SavePreferences(prefs); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return nil
}

func runConfigSet(opts *configOptions, name, value string) error {
	if name == syncAutoKey {
		return setAutoSync(opts.root, value)
	}
	var key *configKey
	keys := configKeys()
	for i := range keys {
		if keys[i].name == name {
			key = &keys[i]
		}
	}
	if key == nil {
		for _, k := range prefKeys() {
			if k.name == name {
				return runPrefSet(opts, k, value)
			}
		}
		return usagef("no setting named %q (recall config lists them)", name)
	}
	st, cfg, err := opts.root.openStoreSettings()
	if err != nil {
		return err
	}
	defer st.Close()
	if name == "scheduler" {
		if cfg, err = pinDecks(st, cfg); err != nil {
			return err
		}
	}
	if err := key.set(&cfg, value); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return usagef("%s: %v", name, err)
	}
	return opts.root.saveSettings(st, cfg)
}
