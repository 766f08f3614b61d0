package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sync"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/storage"
)

// keptNotes is the content.NoteCache of an import: what the deck's earlier
// imports made of each note, from the store (storage.KeptNotes), and what
// this import makes of the notes it has to read, for the store to keep
// (update). An entry is used only for a note with the same path as given,
// the same bytes, the same deck identity and the same build of recall
// (entryKey); anything else about it — damaged, stale, from another
// generator — means the note is read again.
type keptNotes struct {
	build, identity string
	index           map[string]int // note path as given → its place in files
	rel             []string       // by note: the path relative to the deck's root
	keys            [][]byte       // by note: entryKey
	// kept holds each sound entry's encoded Note, decoded only when
	// generation asks for it: decoded, a vault's Notes take two and a half
	// times the room, and all of them at once would be the import's peak.
	kept [][]byte
	mu   sync.Mutex // guards put: generation keeps notes from several goroutines
	put  map[string][]byte
}

// loadKeptNotes returns the cache of an import of files (sums from
// noteSums) into the deck identity whose notes live under root, with what
// the store keeps of them; nil when the running program cannot be
// identified, or a note's path cannot be made relative to root.
func loadKeptNotes(st *storage.Store, identity, root string, files []content.File, sums [][sha256.Size]byte) (*keptNotes, error) {
	build := programBuild()
	if build == nil {
		return nil, nil
	}
	k := &keptNotes{
		build: string(build), identity: identity,
		index: make(map[string]int, len(files)),
		rel:   make([]string, len(files)), keys: make([][]byte, len(files)),
		kept: make([][]byte, len(files)),
		put:  make(map[string][]byte),
	}
	for i, f := range files {
		rel, err := relativeTo(root, filepath.FromSlash(f.Path))
		if err != nil {
			return nil, nil
		}
		k.index[f.Path], k.rel[i], k.keys[i] = i, rel, k.entryKey(f, sums[i])
	}
	err := st.KeptNotes(identity, k.rel, func(i int, entry []byte) {
		key, data, ok := bytes.Cut(entry, []byte{0})
		if !ok || !bytes.Equal(key, k.keys[i]) {
			return
		}
		k.kept[i] = bytes.Clone(data) // data lives only as long as the store's read
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// entryKey names what a note's entry was made from, hex so that it never
// holds the 0 byte that ends it in the entry.
func (k *keptNotes) entryKey(f content.File, sum [sha256.Size]byte) []byte {
	h := sha256.New()
	for _, s := range []string{"recall kept note 1", k.build, k.identity, f.Path} {
		digestField(h, []byte(s))
	}
	digestField(h, sum[:])
	return []byte(hex.EncodeToString(h.Sum(nil)))
}

// Note returns the Note kept for f, if the store had a sound one, and
// lets go of it: generation asks once for each note, and a vault's Notes
// are not all held to the end of the import. An entry that does not
// decode (damaged, or from another layout) is no Note: f is read again.
func (k *keptNotes) Note(f content.File) (*content.Note, bool) {
	i, ok := k.index[f.Path]
	if !ok || k.kept[i] == nil {
		return nil, false
	}
	data := k.kept[i]
	k.kept[i] = nil
	n, err := content.DecodeNote(data)
	if err != nil {
		return nil, false
	}
	return n, true
}

// Keep encodes what generation made of f, for the store to keep.
func (k *keptNotes) Keep(f content.File, n *content.Note) {
	i, ok := k.index[f.Path]
	if !ok {
		return
	}
	entry := append(append([]byte(nil), k.keys[i]...), 0)
	entry, err := n.AppendBinary(entry)
	if err != nil {
		return // not kept: read again next time
	}
	k.mu.Lock()
	k.put[k.rel[i]] = entry
	k.mu.Unlock()
}

// update is what the import changes in the store's kept notes: the new
// entries, and every note read, so that the entries of notes gone from
// the scope are dropped.
func (k *keptNotes) update() *storage.KeptNotesUpdate {
	return &storage.KeptNotesUpdate{Put: k.put, Read: k.rel}
}

// cache returns k as a content.NoteCache, nil (not a typed nil) when k is.
func (k *keptNotes) cache() content.NoteCache {
	if k == nil {
		return nil
	}
	return k
}
