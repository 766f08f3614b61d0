package cli

import (
	"errors"
	"path/filepath"
	"strconv"
	"time"

	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// interactive says whether recall may draw a full-screen interface: both
// ends are a terminal that can show one.
func (o *rootOptions) interactive() bool {
	return o.env.StdinIsTerminal && o.env.StdoutIsTerminal && o.env.Getenv("TERM") != "dumb"
}

// colour says whether output may be coloured: only on a terminal, never
// with NO_COLOR set (to anything) or on a dumb terminal.
func (o *rootOptions) colour() bool {
	return o.env.StdoutIsTerminal && o.env.Getenv("NO_COLOR") == "" && o.env.Getenv("TERM") != "dumb"
}

// width is the terminal's width in columns, 0 when output is not a
// terminal (piped output is never cut to fit). COLUMNS stands in when the
// terminal does not say.
func (o *rootOptions) width() int {
	if !o.env.StdoutIsTerminal {
		return 0
	}
	if o.env.TerminalWidth != nil {
		if w := o.env.TerminalWidth(); w > 0 {
			return w
		}
	}
	if w, err := strconv.Atoi(o.env.Getenv("COLUMNS")); err == nil && w > 0 {
		return w
	}
	return 0
}

// storePath resolves the store path: --db, then RECALL_DB, then the XDG data home.
func (o *rootOptions) storePath() (string, error) {
	if o.dbPath != "" {
		return o.dbPath, nil
	}
	if p := o.env.Getenv("RECALL_DB"); p != "" {
		return p, nil
	}
	data := o.env.Getenv("XDG_DATA_HOME")
	if data == "" || !filepath.IsAbs(data) {
		home := o.env.Getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find a place for the store: set --db, RECALL_DB or HOME")
		}
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "recall", "recall.db"), nil
}

// configDir is recall's config folder: $XDG_CONFIG_HOME/recall, else
// ~/.config/recall.
func (o *rootOptions) configDir() (string, error) {
	dir := o.env.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := o.env.Getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find the config folder: set XDG_CONFIG_HOME or HOME")
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "recall"), nil
}

// openStoreSettings opens the store read-write (see openStore), with the
// settings in force. The caller closes the store.
func (o *rootOptions) openStoreSettings() (*storage.Store, scheduler.Settings, error) {
	st, err := o.openStore()
	if err != nil {
		return nil, scheduler.Settings{}, err
	}
	cfg, err := o.settings(st)
	if err != nil {
		st.Close()
		return nil, scheduler.Settings{}, err
	}
	return st, cfg, nil
}

// readView is what a command that only reads starts from.
type readView struct {
	now  time.Time          // the clock: RECALL_NOW, else the time
	st   *storage.Store     // nil when there is no store yet (see openRead)
	cfg  scheduler.Settings // the settings in force
	deck string             // the deck asked for, as the store names it; "" for every deck
	done func()
}

// Close releases the store, if there is one.
func (v *readView) Close() { v.done() }

// openRead is the start of a command that reads: the clock, the store
// opened for reading beside other readers (nil if there is none yet, which
// such commands show as empty), the settings in force, and deck, if not
// "", resolved to the deck the store has by that name (see requireDeck).
// The caller closes the view.
func (o *rootOptions) openRead(deck string) (*readView, error) {
	return o.startReading(deck, false)
}

// openReadExisting is openRead for commands that need a store: no store is
// an error naming where it was looked for.
func (o *rootOptions) openReadExisting(deck string) (*readView, error) {
	return o.startReading(deck, true)
}

func (o *rootOptions) startReading(deck string, needStore bool) (*readView, error) {
	now, err := o.env.Clock()
	if err != nil {
		return nil, err
	}
	v := &readView{now: now}
	if needStore {
		v.st, err = o.openExistingStore()
		if err == nil {
			v.done = func() { v.st.Close() }
			if v.cfg, err = o.settings(v.st); err != nil {
				v.done()
			}
		}
	} else {
		v.st, v.cfg, v.done, err = o.openForReading()
	}
	if err != nil {
		return nil, err
	}
	if v.deck, err = requireDeck(v.st, deck); err != nil {
		v.done()
		return nil, err
	}
	return v, nil
}
