package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"

	"github.com/recallcards/recall/content"
)

// importInputs digests everything an import's cards are generated from:
// this recall's build (a new generator makes other cards from the same
// notes), the deck's identity and name, the options, the scope, and each
// note's path relative to the deck's root with its bytes, in the order
// read. Two imports with
// the same digest generate the same cards. It is nil, and the import takes
// the slow way, when the running program cannot be identified.
func importInputs(identity, deckName, root string, reverse bool, scope, remember, forget []string, files []content.File) []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	info, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	h := sha256.New()
	field := func(b []byte) {
		h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(b))))
		h.Write(b)
	}
	text := func(s ...string) {
		field([]byte(strconv.Itoa(len(s))))
		for _, v := range s {
			field([]byte(v))
		}
	}
	text("recall import inputs 1", exe, strconv.FormatInt(info.Size(), 10), info.ModTime().UTC().String())
	text(identity, deckName, root, strconv.FormatBool(reverse))
	text(scope...)
	text(remember...)
	text(forget...)
	// In the order read: the order of the notes orders the cards.
	for _, f := range files {
		rel, err := relativeTo(root, filepath.FromSlash(f.Path))
		if err != nil {
			return nil
		}
		field([]byte(rel))
		field(f.Data)
	}
	return h.Sum(nil)
}
