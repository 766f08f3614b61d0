package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/recallcards/recall/deck"
)

// bucketNoteCache keeps, in a bucket per deck identity, what the deck's
// last imports made of each note, keyed by the note's path relative to the
// deck's root, so that an import reads again only the notes that changed.
// Like the import memo it is a cache: created by the first import that
// writes to it, not part of the schema; an entry that is missing, damaged
// or stale only means the note is read again.
var bucketNoteCache = []byte("notecache")

// MaxKeptNote is the largest entry kept for one note. A note is at most a
// megabyte; what it makes is about its size again, so a larger entry is
// not one an import wrote.
const MaxKeptNote = 4 << 20

// An entry is the CRC-32C of what the caller kept, then that. (DEFLATE
// halved the entries of 2,000 realistic notes, 13.3 MB to 6.6 MB, but
// inflating them took a tenth of a re-import's time.)
const keptNoteHeader = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// KeptNotes calls fn, for each of keys (note paths relative to the deck's
// root) that the deck identity has an entry for, with the index of the key
// and the bytes an import kept for it. A damaged entry (its checksum does
// not match, or it is over MaxKeptNote) is left out. The bytes are the
// store's and valid only during fn: fn copies what it keeps.
func (s *Store) KeptNotes(identity string, keys []string, fn func(i int, kept []byte)) error {
	err := s.view(func(tx *bolt.Tx) error {
		b := noteCacheOf(tx, identity)
		if b == nil {
			return nil
		}
		// The mapped pages read are let go as the entries are (see
		// releaseMapped): a vault's kept notes are tens of megabytes of
		// the file, and the import goes on to generate its cards.
		read := 0
		for i, k := range keys {
			if data, ok := unwrapKeptNote(b.Get([]byte(k))); ok {
				fn(i, data)
				read += len(data)
			}
			if read >= keptReleaseBytes {
				releaseMapped(tx.DB(), tx.Size())
				read = 0
			}
		}
		releaseMapped(tx.DB(), tx.Size())
		return nil
	})
	if err != nil {
		return fmt.Errorf("notes kept for deck %q: %w", identity, err)
	}
	return nil
}

// keptReleaseBytes is how much of the kept notes KeptNotes reads between
// letting go of the mapped pages.
const keptReleaseBytes = 4 << 20

// keptReleaseSteps is how many kept notes saveKeptNotes passes between
// letting go of the mapped pages.
const keptReleaseSteps = 256

func noteCacheOf(tx *bolt.Tx, identity string) *bolt.Bucket {
	root := tx.Bucket(bucketNoteCache)
	if root == nil || identity == "" {
		return nil
	}
	return root.Bucket([]byte(identity))
}

// unwrapKeptNote checks a stored entry and returns what the caller kept.
func unwrapKeptNote(v []byte) ([]byte, bool) {
	if len(v) < keptNoteHeader || len(v) > MaxKeptNote+keptNoteHeader {
		return nil, false
	}
	data := v[keptNoteHeader:]
	if binary.LittleEndian.Uint32(v) != crc32.Checksum(data, castagnoli) {
		return nil, false
	}
	return data, true
}

// wrapKeptNote makes the stored entry of data.
func wrapKeptNote(data []byte) []byte {
	v := binary.LittleEndian.AppendUint32(make([]byte, 0, keptNoteHeader+len(data)), crc32.Checksum(data, castagnoli))
	return append(v, data...)
}

// KeptNotesUpdate is what an import changes in its deck's kept notes
// (ImportOptions.Notes).
type KeptNotesUpdate struct {
	// Put are new entries by note path (relative to the deck's root); an
	// entry over MaxKeptNote is not kept.
	Put map[string][]byte
	// Read are the paths of every note the import read, kept or not: an
	// entry in the import's scope for any other path (a note deleted,
	// renamed, no longer under the paths) is dropped.
	Read []string
}

// saveKeptNotes applies an import's update to the kept notes of deck rec,
// within the import's scope, and drops the kept notes of identities no
// live deck has (a removed deck's notes are read again if it comes back).
// The kept notes are thus bounded by the notes of the store's decks.
func saveKeptNotes(tx *bolt.Tx, rec DeckRecord, scope deck.Scope, u KeptNotesUpdate) error {
	root, err := tx.CreateBucketIfNotExists(bucketNoteCache)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketNoteCache, err)
	}
	if err := dropOrphanKeptNotes(tx, root, rec.Identity); err != nil {
		return err
	}
	b, err := root.CreateBucketIfNotExists([]byte(rec.Identity))
	if err != nil {
		return fmt.Errorf("create the kept notes of deck %q: %w", rec.Name, err)
	}
	read := make(map[string]bool, len(u.Read))
	for _, p := range u.Read {
		read[p] = true
	}
	covers := scope.Cover()
	var stale [][]byte
	c := newCursor(b)
	n := 0
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if p := string(k); !read[p] && covers(p) {
			stale = append(stale, k)
		}
		// Each entry is pages of its own: let go of those passed.
		if n++; n%keptReleaseSteps == 0 {
			releaseMapped(tx.DB(), tx.Size())
		}
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("drop the kept note %q of deck %q: %w", k, rec.Name, err)
		}
	}
	for p, data := range u.Put {
		if err := putKeptNote(b, rec, p, data); err != nil {
			return err
		}
	}
	return nil
}

// putKeptNote writes the entry of the note at path p in b, the kept notes
// of deck rec; an entry over MaxKeptNote drops the note's instead.
func putKeptNote(b *bolt.Bucket, rec DeckRecord, p string, data []byte) error {
	if p == "" || len(p) > bolt.MaxKeySize {
		return nil
	}
	if len(data) > MaxKeptNote {
		if err := b.Delete([]byte(p)); err != nil {
			return fmt.Errorf("drop the kept note %q of deck %q: %w", p, rec.Name, err)
		}
		return nil
	}
	if err := b.Put([]byte(p), wrapKeptNote(data)); err != nil {
		return fmt.Errorf("keep note %q of deck %q: %w", p, rec.Name, err)
	}
	return nil
}

// keptNotesInline is the most bytes of new kept notes an import writes in
// its own (last) transaction; more are written after it (putKeptNotes),
// in transactions of about that many bytes. A variable for tests.
var keptNotesInline = 8 << 20

func keptNotesSize(put map[string][]byte) int {
	n := 0
	for _, data := range put {
		n += len(data)
	}
	return n
}

// putKeptNotes writes the entries of put into the kept notes of deck rec,
// in path order, in transactions of about keptNotesInline bytes, and takes
// each out of put once its transaction is committed, so that a vault's
// entries are let go as they are written. The import that made them is
// committed already: each entry stands alone, for its note's bytes.
func (s *Store) putKeptNotes(rec DeckRecord, put map[string][]byte) error {
	paths := make([]string, 0, len(put))
	for p := range put {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for len(paths) > 0 {
		n, size := 0, 0
		for n < len(paths) && (n == 0 || size+len(put[paths[n]]) <= keptNotesInline) {
			size += len(put[paths[n]])
			n++
		}
		chunk := paths[:n]
		err := s.update(func(tx *bolt.Tx) error {
			root, err := tx.CreateBucketIfNotExists(bucketNoteCache)
			if err != nil {
				return fmt.Errorf("create bucket %q: %w", bucketNoteCache, err)
			}
			b, err := root.CreateBucketIfNotExists([]byte(rec.Identity))
			if err != nil {
				return fmt.Errorf("create the kept notes of deck %q: %w", rec.Name, err)
			}
			for _, p := range chunk {
				if err := putKeptNote(b, rec, p, put[p]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("keep the notes of deck %q: %w", rec.Name, err)
		}
		for _, p := range chunk {
			delete(put, p)
		}
		paths = paths[n:]
	}
	return nil
}

// dropOrphanKeptNotes deletes the kept notes of identities that are not
// live's and no live deck record has.
func dropOrphanKeptNotes(tx *bolt.Tx, root *bolt.Bucket, live string) error {
	var orphans [][]byte
	c := newCursor(root)
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil {
			orphans = append(orphans, k) // not a bucket: nothing an import wrote
			continue
		}
		if string(k) != live && !liveIdentity(tx, string(k)) {
			orphans = append(orphans, k)
		}
	}
	for _, k := range orphans {
		var err error
		if root.Bucket(k) != nil {
			err = root.DeleteBucket(k)
		} else {
			err = root.Delete(k)
		}
		if err != nil {
			return fmt.Errorf("drop the kept notes of %q: %w", k, err)
		}
	}
	return nil
}

// liveIdentity reports whether a deck that is not removed has identity id.
func liveIdentity(tx *bolt.Tx, id string) bool {
	decks := tx.Bucket(bucketDecks)
	if decks == nil {
		return false
	}
	found := false
	_ = decks.ForEach(func(_, v []byte) error {
		var rec DeckRecord
		if found || json.Unmarshal(v, &rec) != nil {
			return nil
		}
		found = rec.Identity == id && !rec.Removed
		return nil
	})
	return found
}
