package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// storeLockTimeout is how long a command waits for another recall process
// to release the store before saying it is in use: long enough to ride out
// a short command finishing, short enough to fail well within two seconds.
const storeLockTimeout = time.Second

// openStore opens the store read-write, creating it and its folder (0700)
// on first use.
func (o *rootOptions) openStore() (*storage.Store, error) {
	path, err := o.storePath()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the store's folder: %w", err)
	}
	st, err := storage.Open(path, o.storeOptions(storeLockTimeout, false))
	if err != nil {
		return nil, err
	}
	o.reportUndone(st)
	o.warnDamaged(st)
	return st, nil
}

// reportUndone says on standard error that opening st undid an import that
// was cut short.
func (o *rootOptions) reportUndone(st *storage.Store) {
	if deckName, n := st.UndoneImport(); n > 0 {
		fmt.Fprintf(o.env.ErrOut, "recall: an import into deck %q was cut short; the %d cards it had written were taken out again, and the store is as it was before it\n", deckName, n)
	}
}

// storeOptions are the options of every open of the store: the lock
// timeout, read-only or not, the clock of its sync events and the folder
// where it notes the store files it found sound (storage.Options).
func (o *rootOptions) storeOptions(lockTimeout time.Duration, readOnly bool) storage.Options {
	return storage.Options{LockTimeout: lockTimeout, ReadOnly: readOnly, Clock: o.storeClock, CheckedDir: o.checkedDir()}
}

// checkedDir is $XDG_CACHE_HOME/recall/checked, else
// ~/.cache/recall/checked; empty without either, and then every open walks
// the store's pages.
func (o *rootOptions) checkedDir() string {
	dir := o.env.Getenv("XDG_CACHE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := o.env.Getenv("HOME")
		if home == "" || !filepath.IsAbs(home) {
			return ""
		}
		dir = filepath.Join(home, ".cache")
	}
	return filepath.Join(dir, "recall", "checked")
}

// storeClock dates the store's sync events: RECALL_NOW when set, as for
// reviews.
func (o *rootOptions) storeClock() time.Time {
	if t, err := o.env.Clock(); err == nil {
		return t
	}
	return o.env.Now()
}

// warnDamaged has st say on standard error, once each, which damaged review
// log entries its reads skip.
func (o *rootOptions) warnDamaged(st *storage.Store) {
	st.SetWarn(func(err error) {
		fmt.Fprintf(o.env.ErrOut, "recall: warning: %s\n", text.OneLine(err.Error()))
	})
}

// openStoreReadOnly opens an existing store for reading, beside other
// readers. It returns a nil store and no error when there is no store yet,
// which read commands treat as empty.
func (o *rootOptions) openStoreReadOnly() (*storage.Store, error) {
	path, err := o.storePath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	st, err := o.openReadOnly(path, storeLockTimeout)
	if err != nil {
		return nil, err
	}
	o.warnDamaged(st)
	return st, nil
}

// openReadOnly opens the store at path read-only. A store that must be
// written once first — from an older recall, or one an import was cut
// short in — is opened read-write once for that, then read. Reviews
// waiting to be folded into their cards' schedules (a session's, killed or
// still going) need no write: the store reads through them.
func (o *rootOptions) openReadOnly(path string, lockTimeout time.Duration) (*storage.Store, error) {
	opts := o.storeOptions(lockTimeout, true)
	st, err := storage.Open(path, opts)
	if !errors.Is(err, storage.ErrNeedsUpgrade) {
		return st, err
	}
	if st, err = storage.Open(path, o.storeOptions(lockTimeout, false)); err != nil {
		if cannotWrite(err) {
			return nil, unwritableStoreError{path}
		}
		return nil, err
	}
	o.reportUndone(st)
	if err := st.Close(); err != nil {
		return nil, err
	}
	return storage.Open(path, opts)
}

// cannotWrite reports whether err says a file may not be written: no
// permission, or a read-only file system.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// unwritableStoreError is a store that must be written once before it can
// be read (an older recall made it, or an import into it was cut short)
// and that this process may not write.
type unwritableStoreError struct{ path string }

func (e unwritableStoreError) Error() string {
	return fmt.Sprintf("store %q must be brought up to date before it can be read "+
		"(an older recall made it, or an import into it was cut short), "+
		"but it cannot be written here: make the file and its folder writable (chmod u+w), or run recall as the user who owns them, "+
		"then run the command again; nothing in the store was changed", e.path)
}

// openExistingStore is openStoreReadOnly for commands that need a store:
// no store is an error naming where it was looked for.
func (o *rootOptions) openExistingStore() (*storage.Store, error) {
	st, err := o.openStoreReadOnly()
	if err != nil || st != nil {
		return st, err
	}
	path, _ := o.storePath()
	return nil, fmt.Errorf("no store at %q yet (recall import or recall review creates it)", path)
}

// openForReading opens the store for reading, if there is one yet, with the
// settings in force. done releases the store; it is safe to call when there
// is none.
func (o *rootOptions) openForReading() (st *storage.Store, cfg scheduler.Settings, done func(), err error) {
	done = func() {}
	if st, err = o.openStoreReadOnly(); err != nil {
		return nil, cfg, done, err
	}
	if st != nil {
		done = func() { st.Close() }
	}
	if cfg, err = o.settings(st); err != nil {
		done()
		return nil, cfg, func() {}, err
	}
	return st, cfg, done, nil
}

// settings returns the default scheduler settings with the saved ones over
// them. A nil store (none yet) gives the defaults.
//
// The zone "Local" (the default) is the injected Env.Zone, never the
// process's time.Local, so tests and scripts decide "today" themselves;
// saveSettings turns it back into "Local" so the store keeps following the
// user's zone.
func (o *rootOptions) settings(st *storage.Store) (scheduler.Settings, error) {
	cfg := scheduler.DefaultSettings()
	if st != nil {
		if err := st.LoadSettings(&cfg); err != nil {
			return cfg, fmt.Errorf("store %q: read settings: %w", st.Path(), err)
		}
	}
	if cfg.Location == nil || cfg.Location == time.Local {
		cfg.Location = o.env.zone()
	}
	return cfg, nil
}

// isLocalZone says whether cfg follows the user's zone rather than a named one.
func (o *rootOptions) isLocalZone(cfg scheduler.Settings) bool {
	return cfg.Location == nil || cfg.Location == time.Local || cfg.Location == o.env.zone()
}

// saveSettings saves cfg, keeping the user's own zone as "Local".
func (o *rootOptions) saveSettings(st *storage.Store, cfg scheduler.Settings) error {
	if o.isLocalZone(cfg) {
		cfg.Location = time.Local
	}
	if err := st.SaveSettings(cfg); err != nil {
		return fmt.Errorf("store %q: %w", st.Path(), err)
	}
	return nil
}

// limitFlags are --new-limit and --review-limit, which override the saved
// daily limits for one run.
type limitFlags struct {
	newLimit, reviewLimit int
	cmd                   *cobra.Command
}

// addLimitFlags wires the limit flags into cmd.
func addLimitFlags(cmd *cobra.Command) *limitFlags {
	l := &limitFlags{cmd: cmd}
	cmd.Flags().IntVar(&l.newLimit, "new-limit", 0, "new cards a day (default: the saved setting, 20)")
	cmd.Flags().IntVar(&l.reviewLimit, "review-limit", 0, "due reviews a day (default: the saved setting, 200)")
	return l
}

// apply puts the limits given on the command line into cfg.
func (l *limitFlags) apply(cfg *scheduler.Settings) error {
	for _, f := range []struct {
		name  string
		value int
		to    *int
	}{{"new-limit", l.newLimit, &cfg.NewPerDay}, {"review-limit", l.reviewLimit, &cfg.ReviewsPerDay}} {
		if !l.cmd.Flags().Changed(f.name) {
			continue
		}
		if f.value < 0 {
			return usagef("--%s must be 0 or more, not %d", f.name, f.value)
		}
		*f.to = f.value
	}
	return nil
}

// requireDeck returns the deck --deck names, as the store spells it (names
// are matched without regard to case), and fails naming it, with the
// nearest name as a hint, when the store has none such. "" stays "" (all
// decks).
func requireDeck(st *storage.Store, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if st == nil {
		return "", fmt.Errorf("no deck named %q (recall decks lists them)", name)
	}
	rec, found, err := st.FindDeck(name)
	if err != nil {
		return "", fmt.Errorf("store %q: %w", st.Path(), err)
	}
	if !found {
		return "", unknownDeck(st, name)
	}
	return rec.Name, nil
}

// formatTime shows an instant in the user's zone to the minute.
func formatTime(t time.Time, cfg scheduler.Settings) string {
	loc := cfg.Location
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}
