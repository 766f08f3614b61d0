package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/recallcards/recall/content"
)

// errNoNotes ends a command that was given paths but could read no note.
var errNoNotes = errors.New("no notes could be read")

// readNotes reads the markdown notes named by paths: files as given, and
// folders searched recursively for *.md files (hidden folders such as .git
// skipped, and each folder's README.md or index.md, which describes the
// folder, reported and skipped), in sorted order. Each path that cannot be used is reported on
// stderr as one line "recall: PATH: reason" and the rest are still read. A
// file over content.MaxNoteSize is reported and skipped without reading it
// all. It fails only when no note at all could be read.
//
// Unread lists the notes and folders that exist but could not be read, so
// that an import keeps their cards rather than retire them.
func readNotes(env *Env, paths []string) (files []content.File, unread []string, err error) {
	seen := make(map[string]bool)
	report := func(path string, format string, a ...any) {
		fmt.Fprintf(env.ErrOut, "recall: %s: %s\n", path, fmt.Sprintf(format, a...))
	}
	add := func(path string) {
		key := path
		if abs, err := filepath.Abs(path); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		data, err := readNote(path)
		if err != nil {
			report(path, "%s", err)
			unread = append(unread, path)
			return
		}
		files = append(files, content.File{Path: filepath.ToSlash(path), Data: data})
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			report(root, "%s", reason(err))
			if !errors.Is(err, fs.ErrNotExist) {
				unread = append(unread, root)
			}
			continue
		}
		if !info.IsDir() {
			if why := notAFile(info.Mode()); why != "" {
				report(root, "%s", why)
				unread = append(unread, root)
				continue
			}
			add(root)
			continue
		}
		found := 0
		walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				report(path, "%s", reason(err))
				if !errors.Is(err, fs.ErrNotExist) {
					unread = append(unread, path)
				}
				if d != nil && d.IsDir() && path != root {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if !strings.EqualFold(filepath.Ext(path), ".md") {
				return nil
			}
			if content.IsFolderIndex(path) {
				report(path, "a folder's description, not a note; skipped (name the file to read it)")
				return nil
			}
			if !d.Type().IsRegular() {
				// A symlink counts if it leads to a regular file.
				fi, err := os.Stat(path)
				if err != nil {
					// A dangling link is a note deleted, like a missing file.
					report(path, "%s", reason(err))
					if !errors.Is(err, fs.ErrNotExist) {
						unread = append(unread, path)
					}
					return nil
				}
				if why := notAFile(fi.Mode()); why != "" {
					report(path, "%s", why)
					unread = append(unread, path)
					return nil
				}
			}
			found++
			add(path)
			return nil
		})
		if walkErr != nil {
			report(root, "%s", reason(walkErr))
			unread = append(unread, root)
		}
		if found == 0 && walkErr == nil {
			report(root, "no .md notes in this folder")
		}
	}
	if len(files) == 0 {
		return nil, unread, errNoNotes
	}
	return files, unread, nil
}

// readNote reads one file, refusing it once it proves larger than a note
// may be rather than reading all of it.
func readNote(path string) ([]byte, error) {
	// Non-blocking, so a FIFO put in the file's place since it was looked
	// at cannot hang the open; then only a regular file is read.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, errors.New(reason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, errors.New(reason(err))
	} else if why := notAFile(info.Mode()); why != "" {
		return nil, errors.New(why)
	}
	// Room for the size the file had, and the read that finds its end: a
	// vault's notes are read without growing each buffer by doubling.
	var buf bytes.Buffer
	buf.Grow(int(min(max(info.Size(), 0), content.MaxNoteSize+1)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, content.MaxNoteSize+1)); err != nil {
		return nil, errors.New(reason(err))
	}
	data := buf.Bytes()
	if len(data) > content.MaxNoteSize {
		return nil, fmt.Errorf("larger than %d KiB, too large for a note; skipped", content.MaxNoteSize>>10)
	}
	return data, nil
}

// notAFile says why a note path that is not a regular file is skipped, or
// "" for a regular file. Reading a FIFO or a device could block forever or
// never end.
func notAFile(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory, not a note file; skipped"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO, not a note file; skipped"
	case m&fs.ModeSocket != 0:
		return "a socket, not a note file; skipped"
	case m&fs.ModeDevice != 0:
		return "a device, not a note file; skipped"
	}
	return "not a regular file; skipped"
}

// reason is an OS error without the path the caller prints anyway:
// "no such file or directory", "permission denied".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// deckNameFor names the deck made from notes at paths when --deck is not
// given: the built-in deck for no paths, else the folder or file name of
// the first path ("notes/" → "notes", "trust.md" → "trust").
func deckNameFor(paths []string) string {
	if len(paths) == 0 {
		return content.DefaultDeckName
	}
	p := filepath.Clean(paths[0])
	if abs, err := filepath.Abs(p); err == nil && (p == "." || p == "..") {
		p = abs
	}
	name := filepath.Base(p)
	if strings.EqualFold(filepath.Ext(name), ".md") {
		name = name[:len(name)-len(filepath.Ext(name))]
	}
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "notes"
	}
	return name
}

// reportEmptyNotes names on w (stderr) each note that was read but makes no
// cards, with the reason, rather than leave the user guessing why a note
// shows nothing. Notes with problems were named already.
func reportEmptyNotes(w io.Writer, files []content.File, res content.Result) {
	made := make(map[string]bool)
	for _, c := range res.Cards {
		for _, s := range c.Sources {
			made[s.File] = true
		}
	}
	for _, p := range res.Problems {
		made[p.File] = true
	}
	for _, f := range files {
		if !made[f.Path] {
			fmt.Fprintf(w, "recall: %s: makes no cards: %s\n", f.Path, content.WhyNoCards(f))
		}
	}
}
