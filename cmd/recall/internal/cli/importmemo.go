package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"os"
	"path/filepath"
	"strconv"

	"github.com/recallcards/recall/content"
)

// importInputs digests everything an import's cards are generated from:
// this recall's build (a new generator makes other cards from the same
// notes), the deck's identity and name, the options, the scope, and each
// note's path relative to the deck's root with the digest of its bytes
// (sums, from noteSums), in the order read. Two imports with the same
// digest generate the same cards. It is nil, and the import takes the slow
// way, when the running program cannot be identified.
func importInputs(identity, deckName, root string, reverse bool, scope, remember, forget []string, files []content.File, sums [][sha256.Size]byte) []byte {
	build := programBuild()
	if build == nil {
		return nil
	}
	h := sha256.New()
	text := func(s ...string) {
		digestField(h, []byte(strconv.Itoa(len(s))))
		for _, v := range s {
			digestField(h, []byte(v))
		}
	}
	text("recall import inputs 2")
	digestField(h, build)
	text(identity, deckName, root, strconv.FormatBool(reverse))
	text(scope...)
	text(remember...)
	text(forget...)
	// In the order read: the order of the notes orders the cards.
	for i, f := range files {
		rel, err := relativeTo(root, filepath.FromSlash(f.Path))
		if err != nil {
			return nil
		}
		digestField(h, []byte(rel))
		digestField(h, sums[i][:])
	}
	return h.Sum(nil)
}

// programBuild identifies the running program's build — its path, size
// and modification time, and the generator's version — or is nil when the
// program cannot be found. What an import keeps for the next one is only
// used by the same build: a new one may make other cards from the same
// notes even where GeneratorVersion missed a change.
func programBuild() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	info, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	h := sha256.New()
	for _, s := range []string{exe, strconv.FormatInt(info.Size(), 10), info.ModTime().UTC().String(), strconv.Itoa(content.GeneratorVersion)} {
		digestField(h, []byte(s))
	}
	return h.Sum(nil)
}

// noteSums returns the SHA-256 digest of each note's bytes.
func noteSums(files []content.File) [][sha256.Size]byte {
	sums := make([][sha256.Size]byte, len(files))
	for i, f := range files {
		sums[i] = sha256.Sum256(f.Data)
	}
	return sums
}

// digestField writes b to h with its length in front, so that fields cannot
// run into one another.
func digestField(h hash.Hash, b []byte) {
	h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(b))))
	h.Write(b)
}
