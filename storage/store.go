// Package storage is recall's durable memory: cards, their SM-2 schedules
// and every review, in one local bbolt file.
//
// # Layout
//
// The file holds these top-level buckets:
//
//   - meta: the schema version. Open runs the migrations from the file's
//     version up to the current one, in order, in one transaction. It also
//     holds the fold mark (schema 6): the log entries above it are reviews
//     whose states and index entries are not written yet (fold.go).
//   - cards: card ID → JSON of the card (text, note, order, sources,
//     siblings) with its retired flag.
//   - state: card ID → the card's scheduler.State in a compact binary form.
//   - due: one nested bucket per deck; key = queue time (12 bytes, see
//     timeKey) + card ID. It holds every active card that is in the review
//     queue (scheduler.State.QueueTime), so the due queue, the due count and
//     the next due time are a cursor seek into one deck's bucket, never a
//     scan of all cards.
//   - new: one nested bucket per deck; key = note order + card ID, for the
//     never-reviewed, unsuspended, active cards, in the order they are
//     introduced.
//   - order: one nested bucket per deck; key = note order + card ID, value =
//     a status byte, for every card of the deck (listing in note order and
//     deck counts without decoding cards).
//   - alias: old card ID → new card ID, written when an import relinks a card
//     whose ID changed, so log entries written under the old ID still
//     resolve. The log itself is never rewritten.
//   - settings: the saved scheduler settings.
//   - shared: deck name → the Subscription of a deck added from a deck
//     file (schema 2).
//   - packs: deck name → the Pack record of the last deck file made of it
//     (schema 2).
//   - removed: card ID → the deck it was in when RemoveDeck removed it, so
//     the log's entries for it still account for their card (schema 2).
//   - decks: deck name → JSON of its DeckRecord: identity, where its notes
//     are (schema 3).
//   - removedstate: card ID → its state when RemoveDeck removed it, so
//     adding the card again restores its schedule (schema 3).
//   - overrides: card ID → JSON of the card's Override, the user's own
//     wording of it, which no import changes (schema 4).
//   - cardstamps: deck name → a value replaced whenever a card of the
//     deck changes, which an import memo records (schema 7, cardstamp.go).
//   - log: the review log, append-only; key = big-endian sequence number
//     from the bucket's sequence, value = JSON of a LogEntry. Only Undo
//     removes an entry.
//
// Every change to a card's state goes through one function that moves its
// index entries, so the indexes cannot drift from the states; Check
// verifies they did not.
//
// # Durability
//
// A review is one bbolt read-write transaction writing its log entry, and
// only that: the new state and the index entries follow from the log, in
// a later transaction that folds up to foldEvery reviews at once
// (fold.go); until then every reader of a state reads around them. bbolt
// commits with fdatasync (NoSync stays false), so when Review returns the
// review is on disk.
//
// Only one process may have the store open: bbolt takes an exclusive file
// lock, and Open gives up after Options.LockTimeout with ErrInUse.
package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	boltErrors "go.etcd.io/bbolt/errors"

	"github.com/recallcards/recall/internal/files"
)

// Errors callers test for with errors.Is.
var (
	// ErrInUse means another process has the store open.
	ErrInUse = errors.New("store in use by another recall process")
	// ErrNotFound means no card has the given ID (or ID prefix).
	ErrNotFound = errors.New("no such card")
	// ErrAmbiguous means an ID prefix matches more than one card.
	ErrAmbiguous = errors.New("ambiguous card ID")
	// ErrNothingToUndo means the review log is empty.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrNotNewest means UndoReview was asked to undo a review that another
	// one has followed in the log since.
	ErrNotNewest = errors.New("another review was logged since")
	// ErrNeedsUpgrade means a store written by an older recall was opened
	// read-only: its schema must be upgraded by opening it read-write once.
	ErrNeedsUpgrade = errors.New("store needs upgrading")
)

// DefaultLockTimeout is how long Open waits for another process to release
// the store when Options.LockTimeout is zero.
const DefaultLockTimeout = time.Second

// Options control how a store is opened.
type Options struct {
	// LockTimeout is how long to wait for another process holding the store
	// (default DefaultLockTimeout).
	LockTimeout time.Duration
	// ReadOnly opens an existing store for reading, sharing it with other
	// readers; writes fail.
	ReadOnly bool
	// Clock dates the events a syncing store records for changes that are
	// not reviews (suspend, bury, undo); nil means time.Now.
	Clock func() time.Time
	// CheckedDir is a folder (in the user's cache) where Open keeps a note
	// of each store file whose page tree it found sound, so that a file
	// nothing else has written since is not walked again at the next open
	// (checked.go). Empty means every open walks the tree.
	CheckedDir string
}

// Store is an open recall store. Its methods are safe for concurrent use.
type Store struct {
	db         *bolt.DB
	path       string
	clock      func() time.Time
	damaged    damagedLog
	checkedDir string
	readOnly   bool
	walked     bool // Open walked the page tree (no note said it was sound)
	// faulted is set when a transaction hit damage (guard).
	faulted atomic.Bool
	// undone is the import that was cut short and Open undid (UndoneImport).
	undone struct {
		deck  string
		cards int
	}
}

// now is the store's clock (Options.Clock).
func (s *Store) now() time.Time {
	if s.clock == nil {
		return time.Now().UTC()
	}
	return s.clock().UTC()
}

// inUseError is what Open returns when the lock is held elsewhere.
type inUseError struct{ path string }

func (e inUseError) Error() string {
	return fmt.Sprintf("the store %q is in use by another recall process", e.path)
}

func (e inUseError) Unwrap() error { return ErrInUse }

var (
	bucketMeta     = []byte("meta")
	bucketCards    = []byte("cards")
	bucketState    = []byte("state")
	bucketDue      = []byte("due")
	bucketNew      = []byte("new")
	bucketOrder    = []byte("order")
	bucketAlias    = []byte("alias")
	bucketSettings = []byte("settings")
	bucketLog      = []byte("log")

	keySchema = []byte("schema")
	// keyMagic in the meta bucket, holding magicValue, marks a recall
	// store; any other bbolt file is refused unchanged.
	keyMagic   = []byte("magic")
	magicValue = []byte("recall store")
)

// migration upgrades a store by one schema version inside the open
// transaction.
type migration func(tx *bolt.Tx) error

// migrations()[v] upgrades a store from version v to v+1; the current
// schema version is len(migrations()). Version 0 is a file without a meta
// bucket: a new store. A new migration is appended, never inserted.
func migrations() []migration {
	return []migration{
		createBuckets,
		createSharedBuckets,
		createDeckBuckets,
		createOverrideBucket,
		linkInCardEvents,
		markAllFolded,
		createCardStamps,
	}
}

// createBuckets is migration 0 → 1: the first layout.
func createBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketCards, bucketState, bucketDue, bucketNew, bucketOrder, bucketAlias, bucketSettings, bucketLog} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %q: %w", name, err)
		}
	}
	return nil
}

// Open opens the store at path, creating it (mode 0600, parent directories
// 0700) unless opts.ReadOnly. It fails with an error wrapping ErrInUse if
// another process keeps the store open for longer than opts.LockTimeout.
func Open(path string, opts Options) (*Store, error) {
	return openWith(path, opts, migrations())
}

func openWith(path string, opts Options, steps []migration) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && !opts.ReadOnly {
		if err := create(path, steps); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	// Look at the file before bbolt maps it: a truncated file would make
	// bbolt read past its end, and a foreign one must not be written.
	walked, err := checkFile(path, opts.CheckedDir)
	if err != nil {
		return nil, err
	}
	var db *bolt.DB
	err = guard(path, func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{
			Timeout:      opts.LockTimeout,
			ReadOnly:     opts.ReadOnly,
			FreelistType: bolt.FreelistMapType,
			// Read the freelist now, under guard, rather than later in
			// the goroutine bbolt's Check runs in.
			PreLoadFreelist: true,
		})
		return err
	})
	if errors.Is(err, boltErrors.ErrTimeout) {
		return nil, inUseError{path}
	}
	if errors.Is(err, ErrDamaged) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", path, explainOpenError(err))
	}
	s := &Store{db: db, path: path, clock: opts.Clock, checkedDir: opts.CheckedDir, readOnly: opts.ReadOnly, walked: walked}
	version, marked, err := s.recognise(len(steps))
	if err == nil {
		err = s.migrate(steps, version, marked, opts.ReadOnly)
	}
	if err == nil {
		err = s.undoInterrupted()
	}
	if err != nil {
		db.Close()
		if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotRecall) {
			return nil, err
		}
		return nil, fmt.Errorf("open store %q: %w", path, err)
	}
	return s, nil
}

// create makes a new store at path: it is built under a hidden name in the
// same folder, with every bucket, the schema version and the mark, and
// only then takes path's name, so a store file is never half-made (a full
// disk at the first run leaves no file under path to be taken for a
// damaged store). If path appeared meanwhile, that file is left alone.
func create(path string, steps []migration) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the store's directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new*")
	if err != nil {
		return fmt.Errorf("create store %q: %w", path, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	// The empty file is bbolt's to initialise.
	db, err := bolt.Open(tmp.Name(), 0o600, &bolt.Options{FreelistType: bolt.FreelistMapType})
	if err == nil {
		err = db.Update(func(tx *bolt.Tx) error {
			for v := range steps {
				if err := steps[v](tx); err != nil {
					return fmt.Errorf("schema %d: %w", v+1, err)
				}
			}
			return markStore(tx, uint64(len(steps)))
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		// A hard link fails if path appeared meanwhile, where a rename
		// would replace it.
		if err = os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
			return nil
		} else if err != nil {
			if _, serr := os.Lstat(path); serr == nil {
				return nil
			}
			err = os.Rename(tmp.Name(), path)
		}
	}
	if err == nil {
		err = files.SyncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("create store %q: %w", path, err)
	}
	return nil
}

// markStore writes the schema version and the mark that says a file is a
// recall store.
func markStore(tx *bolt.Tx, version uint64) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if err := meta.Put(keyMagic, magicValue); err != nil {
		return err
	}
	return meta.Put(keySchema, binary.BigEndian.AppendUint64(nil, version))
}

// recognise tells a recall store from other bbolt files: a store carries
// the mark (keyMagic) in its meta bucket. A store made before the mark
// existed is known by its schema version and buckets, and is marked when
// next opened read-write. It also compares, now that the lock is held, the
// size the file's header promises with the file's size.
func (s *Store) recognise(known int) (version uint64, marked bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if info, err := os.Stat(s.path); err == nil && tx.Size() > info.Size() {
			return damagedError{s.path, fmt.Sprintf("truncated: %d bytes of the %d its header promises", info.Size(), tx.Size())}
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return notRecallError{s.path, "it holds no recall data"}
		}
		marked = bytes.Equal(meta.Get(keyMagic), magicValue)
		version = schemaVersion(tx)
		switch {
		case !marked && (version == 0 || version > uint64(known)):
			return notRecallError{s.path, "no recall mark or schema version in it"}
		case version == 0:
			return damagedError{s.path, "its schema version is missing"}
		}
		for _, name := range [][]byte{bucketCards, bucketState, bucketDue, bucketNew, bucketOrder, bucketAlias, bucketSettings, bucketLog} {
			if tx.Bucket(name) != nil {
				continue
			}
			if !marked {
				return notRecallError{s.path, fmt.Sprintf("no %q bucket in it", name)}
			}
			return damagedError{s.path, fmt.Sprintf("its %q bucket is missing", name)}
		}
		return nil
	})
	return version, marked, err
}

// openError is a bbolt refusal to open a file, said in a user's words; the
// library's own error stays in the chain for errors.Is.
type openError struct {
	what string
	err  error
}

func (e openError) Error() string { return e.what }
func (e openError) Unwrap() error { return e.err }

// explainOpenError says what bbolt's refusal to open a file means for the
// user: the file is not a store, or it is damaged.
func explainOpenError(err error) error {
	const notStore = "not a recall store, or a damaged one"
	switch {
	case errors.Is(err, boltErrors.ErrInvalid):
		return openError{notStore + ": no database header", err}
	case errors.Is(err, boltErrors.ErrVersionMismatch):
		return openError{"written by an incompatible version of the database format", err}
	case errors.Is(err, boltErrors.ErrChecksum):
		return openError{notStore + ": its header fails its checksum", err}
	case strings.HasPrefix(err.Error(), "file size too small"):
		return openError{notStore + ": too short to hold a database", err}
	}
	return err
}

// migrate brings the schema of a recognised store from version up to
// len(steps), all steps in one transaction so a crash leaves either the old
// or the new schema, and marks a store made before the mark.
func (s *Store) migrate(steps []migration, version uint64, marked, readOnly bool) error {
	want := uint64(len(steps))
	switch {
	case version == want && (marked || readOnly):
		return nil
	case version > want:
		return fmt.Errorf("schema version %d is newer than this recall understands (%d); upgrade recall", version, want)
	case readOnly:
		return fmt.Errorf("%w: schema version %d needs upgrading to %d; open it once read-write", ErrNeedsUpgrade, version, want)
	}
	return s.update(func(tx *bolt.Tx) error {
		for v := version; v < want; v++ {
			if err := steps[v](tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		return markStore(tx, want)
	})
}

// undoInterrupted takes out the cards of an import that was cut short
// (undoStaged), which a read-only open cannot do: it asks, as for an
// upgrade, to be opened once read-write.
func (s *Store) undoInterrupted() error {
	// Looked for in a read transaction: an open writes nothing otherwise.
	staged, err := s.hasStaged()
	if err != nil || !staged {
		return err
	}
	if s.readOnly {
		return fmt.Errorf("%w: an import was cut short; open it once read-write to undo it", ErrNeedsUpgrade)
	}
	s.undone.deck, s.undone.cards, err = s.undoStaged()
	return err
}

// UndoneImport returns the deck of an import that was cut short (killed,
// or its disk full) and how many cards it had written, which opening the
// store took out again; 0 cards when there was none.
func (s *Store) UndoneImport() (deckName string, cards int) {
	return s.undone.deck, s.undone.cards
}

// schemaVersion reads the version; a file without one is version 0.
func schemaVersion(tx *bolt.Tx) uint64 {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

// Close releases the store and its lock. It writes nothing: the reviews
// waiting to be folded wait on (fold.go).
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %q: %w", s.path, err)
	}
	if !s.readOnly && !s.faulted.Load() {
		// The tree was sound at open and only bbolt has written it.
		noteChecked(s.checkedDir, s.path)
	}
	return nil
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Empty reports whether the store has no cards at all, as on a first run.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		k, _ := newCursor(tx.Bucket(bucketCards)).First()
		empty = k == nil
		return nil
	})
	return empty, err
}
