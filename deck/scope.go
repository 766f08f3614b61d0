package deck

import (
	"path"
	"slices"
	"strings"
)

// Scope is the part of a deck an import re-read: note paths, slash-separated
// and relative to the deck's root folder ("." is the whole root, "a/b.md"
// one note, "a" a folder of notes). An import retires or relinks only cards
// every one of whose notes lies in its scope; the notes it was not given
// cannot say that an item is gone. The zero Scope is the whole deck, as for
// a shared deck, which always arrives whole.
type Scope struct {
	Paths []string
}

// Whole reports whether the scope is the whole deck.
func (s Scope) Whole() bool { return s.Paths == nil }

// Covers reports whether the note at file (slash-separated, relative to the
// deck's root) lies in the scope.
func (s Scope) Covers(file string) bool {
	if s.Whole() {
		return true
	}
	file = path.Clean(file)
	for _, p := range s.Paths {
		if PathCovers(p, file) {
			return true
		}
	}
	return false
}

// PathCovers reports whether file is dir itself or lies under it; both are
// slash-separated and relative to the same root. "." covers everything but
// paths that climb out of the root ("../x.md").
func PathCovers(dir, file string) bool {
	dir, file = path.Clean(dir), path.Clean(file)
	if dir == "." {
		return file != ".." && !strings.HasPrefix(file, "../")
	}
	return file == dir || strings.HasPrefix(file, dir+"/")
}

// coversCard reports whether every note the card came from is in the scope:
// only then did the import see all the places that could still make it. A
// card with no sources is in a whole scope only.
func (s Scope) coversCard(c Card) bool {
	if s.Whole() {
		return true
	}
	if len(c.Sources) == 0 {
		return false
	}
	for _, src := range c.Sources {
		if !s.Covers(src.File) {
			return false
		}
	}
	return true
}

// outside returns the sources of c that lie outside the scope: the notes
// this import did not read, whose word on the card still stands.
func (s Scope) outside(c Card) []Source {
	if s.Whole() {
		return nil
	}
	var out []Source
	for _, src := range c.Sources {
		if !s.Covers(src.File) {
			out = append(out, src)
		}
	}
	return out
}

// AddPaths returns paths with more added, keeping the fewest paths that
// cover them all: a path under another one is dropped. The result is
// sorted and slash-cleaned.
func AddPaths(paths []string, more ...string) []string {
	all := make([]string, 0, len(paths)+len(more))
	for _, p := range append(slices.Clone(paths), more...) {
		all = append(all, path.Clean(p))
	}
	slices.Sort(all)
	all = slices.Compact(all)
	var out []string
	for _, p := range all {
		covered := false
		for _, q := range all {
			if q != p && PathCovers(q, p) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}
