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
//
// Unread names the notes and folders in the scope that could not be read
// (a typo in the front matter, a file the user may not read): what they
// said before still stands, so their cards are neither retired, relinked
// nor stripped of those sources.
type Scope struct {
	Paths  []string
	Unread []string
}

// Whole reports whether the scope is the whole deck.
func (s Scope) Whole() bool { return s.Paths == nil }

// Covers reports whether the note at file (slash-separated, relative to the
// deck's root) lies in the scope.
func (s Scope) Covers(file string) bool { return s.set().covers(file) }

// Cover returns Covers as a function that looks the scope's paths up in a
// set made once, for many files.
func (s Scope) Cover() func(file string) bool { return s.set().covers }

// pathSet is a scope's paths for lookups that cost the depth of the file,
// not the number of paths: a deck imported file by file remembers
// thousands.
type pathSet struct {
	whole  bool
	paths  map[string]bool
	unread map[string]bool
}

func (s Scope) set() pathSet {
	ps := pathSet{whole: s.Whole(), paths: make(map[string]bool, len(s.Paths))}
	for _, p := range s.Paths {
		ps.paths[path.Clean(p)] = true
	}
	if len(s.Unread) > 0 {
		ps.unread = make(map[string]bool, len(s.Unread))
		for _, p := range s.Unread {
			ps.unread[path.Clean(p)] = true
		}
	}
	return ps
}

// covers reports whether file or one of its folders is in the set, and
// was read.
func (ps pathSet) covers(file string) bool {
	file = path.Clean(file)
	if ps.unread != nil && hasAncestor(ps.unread, file) {
		return false
	}
	return ps.whole || hasAncestor(ps.paths, file)
}

// hasAncestor reports whether file (clean) or a folder it lies under is in
// set. "." holds everything but the paths that climb out of the root.
func hasAncestor(set map[string]bool, file string) bool {
	for f := file; ; {
		if set[f] {
			return true
		}
		if f == "." || f == ".." || f == "/" {
			return false
		}
		parent := path.Dir(f)
		if parent == "." && strings.HasPrefix(file, "../") {
			return false
		}
		f = parent
	}
}

// PathCovers reports whether file is dir itself or lies under it; both are
// slash-separated and relative to the same root. "." covers everything but
// paths that climb out of the root ("../x.md").
func PathCovers(dir, file string) bool {
	return hasAncestor(map[string]bool{path.Clean(dir): true}, path.Clean(file))
}

// coversCard reports whether every note the card came from is in the scope:
// only then did the import see all the places that could still make it. A
// card with no sources is in a whole scope only.
func (ps pathSet) coversCard(c Card) bool {
	if len(c.Sources) == 0 {
		return ps.whole
	}
	for _, src := range c.Sources {
		if !ps.covers(src.File) {
			return false
		}
	}
	return true
}

// outside returns the sources of c that lie outside the scope: the notes
// this import did not read, whose word on the card still stands.
func (ps pathSet) outside(c Card) []Source {
	if ps.whole && ps.unread == nil {
		return nil
	}
	var out []Source
	for _, src := range c.Sources {
		if !ps.covers(src.File) {
			out = append(out, src)
		}
	}
	return out
}

// AddPaths returns paths with more added, keeping the fewest paths that
// cover them all: a path under another one is dropped. The result is
// sorted and slash-cleaned.
func AddPaths(paths []string, more ...string) []string {
	all := make(map[string]bool, len(paths)+len(more))
	for _, p := range append(slices.Clone(paths), more...) {
		all[path.Clean(p)] = true
	}
	keys := make([]string, 0, len(all))
	for p := range all {
		keys = append(keys, p)
	}
	slices.Sort(keys)
	var out []string
	for _, p := range keys {
		delete(all, p) // a path does not cover itself away
		if !hasAncestor(all, p) {
			out = append(out, p)
		}
		all[p] = true
	}
	return out
}
