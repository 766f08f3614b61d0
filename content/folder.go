package content

import (
	"path"
	"strings"
)

// folderIndexNames are the files that describe a folder rather than hold a
// note: a vault's README.md or a site generator's index.md says what the
// notes are, and carding it would ask about the folder's bookkeeping.
var folderIndexNames = []string{"readme.md", "index.md", "_index.md"}

// IsFolderIndex reports whether a note path found while searching a folder
// names the folder's own description (README.md, index.md, _index.md, in
// any case), which is not a note. A file the user names directly is read
// whatever its name.
func IsFolderIndex(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	for _, n := range folderIndexNames {
		if base == n {
			return true
		}
	}
	return false
}
