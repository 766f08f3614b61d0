package content

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
	"github.com/yuin/goldmark/parser"
)

// MaxNoteSize is the largest note recall reads, in bytes. Real notes are a
// few kilobytes; anything near this size is not a note, and the bound keeps
// a hostile file from costing unbounded time and memory.
const MaxNoteSize = 1 << 20

// File is one markdown note handed to the generator. The generator does no
// I/O: callers read files (bounding their size) and pass their bytes.
type File struct {
	Path string // shown in sources and errors, slash-separated
	Data []byte
}

// Options control generation.
type Options struct {
	Deck    string // deck name put on every card
	Reverse bool   // also make reverse (definition → term) cards
	// Progress, if set, is called after each note with the notes done,
	// the notes given and the cards made so far, so that a long run can
	// show how it goes. It must return quickly.
	Progress func(notes, total, cards int)
	// Cache, if set, keeps what each note makes between runs, so that a
	// note whose bytes did not change is not read again (see Note). The
	// result is the same with or without it.
	Cache NoteCache
}

// Problem is a note, or a part of one, that could not be used. The rest of
// the input still produces cards.
type Problem struct {
	File string
	Line int // 0 if unknown
	Err  error
}

// Error returns "FILE:LINE: message", or "FILE: message" when the line is
// not known.
func (p Problem) Error() string {
	msg := "unknown problem"
	if p.Err != nil {
		msg = p.Err.Error()
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, msg)
	}
	return p.File + ": " + msg
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// Duplicate reports two cards whose answers are near-duplicates; they are
// linked as siblings.
type Duplicate struct {
	A, B       string  // card IDs
	Similarity float64 // 0..1
}

// Result is what Generate makes of a set of notes.
type Result struct {
	Cards      []deck.Card
	Problems   []Problem
	Duplicates []Duplicate
	// NotesRead counts the notes that could be read at all; a note with
	// only a minor problem (say, a bad videoId) still counts.
	NotesRead int
	// Unread lists the paths of the notes nothing could be used of, in the
	// order given: an import must not take their silence for deletion.
	Unread []string
}

// Generate turns notes into cards. See the package doc for the rules.
// Cards come in note order: files in the order given, items in the order
// they appear, each reverse card right after its term card.
func Generate(files []File, opts Options) Result {
	notes := readNotes(files, opts)
	b := newBuilder(opts)
	var res Result
	// Late parts are copied, so that a note's other parts are let go.
	var late []part
	for i, f := range files {
		n := notes.take(i)
		res.Problems = append(res.Problems, n.problems...)
		if !n.read {
			res.Unread = append(res.Unread, f.Path)
			continue
		}
		res.NotesRead++
		b.reserve(len(n.parts), i, len(files))
		for j := range n.parts {
			if n.parts[j].late {
				late = append(late, n.parts[j])
				continue
			}
			b.apply(&n.parts[j])
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(files), len(b.cards))
		}
	}
	// Cards of rules added since decks were stored come after every
	// other card, so none of those changes ID, merge or place.
	b.reserve(len(late), len(files), len(files))
	for i := range late {
		b.apply(&late[i])
	}
	res.Cards, res.Duplicates = b.finish()
	return res
}

// noteReader reads each note alone (noteFor), on as many goroutines as
// the machine runs at once, for Generate to take in order: a note's parts
// depend on nothing but the note, so the result is the same as reading
// the notes one by one. At most readAhead notes are read ahead of the one
// Generate takes, so that a vault's notes are not all held at once.
type noteReader struct {
	notes []chan *Note  // by note, given once read
	slots chan struct{} // one held by each note read and not yet taken
}

// maxReaders bounds the goroutines reading notes: past a few, the rest of
// Generate, which puts the notes together on one, is the bound.
const maxReaders = 8

// readAhead is how many notes may be read ahead of the one taken.
const readAhead = 64

func readNotes(files []File, opts Options) *noteReader {
	r := &noteReader{notes: make([]chan *Note, len(files)), slots: make(chan struct{}, readAhead)}
	for i := range r.notes {
		r.notes[i] = make(chan *Note, 1)
	}
	next := make(chan int)
	go func() {
		for i := range files {
			r.slots <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for range max(1, min(runtime.GOMAXPROCS(0), maxReaders, len(files))) {
		go func() {
			md := newMarkdownParser()
			for i := range next {
				r.notes[i] <- noteFor(md, files[i], opts)
			}
		}()
	}
	return r
}

// take returns the i-th note, once read; each is taken once, in order.
func (r *noteReader) take(i int) *Note {
	n := <-r.notes[i]
	r.notes[i] = nil
	<-r.slots
	return n
}

// markdownParser is the goldmark parser with the notes' extensions.
type markdownParser = parser.Parser

// readNote checks and parses one note. A nil note means nothing of the file
// could be used; the problems say why.
func readNote(md markdownParser, f File) (*note, []Problem) {
	data := f.Data
	fail := func(line int, format string, args ...any) (*note, []Problem) {
		return nil, []Problem{{File: f.Path, Line: line, Err: fmt.Errorf(format, args...)}}
	}
	if len(data) > MaxNoteSize {
		return fail(0, "note is %d bytes, over the %d KiB limit", len(data), MaxNoteSize>>10)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(text.LineAt(data, i), "binary data (a NUL byte), not a markdown note")
	}
	if !utf8.Valid(data) {
		return fail(text.LineAt(data, text.InvalidUTF8At(data)), "not UTF-8 text")
	}
	if line, err := tooCostly(data); err != nil {
		return fail(line, "%w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	yamlText, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		return fail(1, "%w", err)
	}
	var fm frontMatter
	var problems []Problem
	if yamlText != nil {
		var warning, ferr *frontMatterError
		fm, warning, ferr = parseFrontMatter(yamlText, 2)
		if ferr != nil {
			return fail(ferr.line, "%w", ferr)
		}
		if warning != nil {
			problems = append(problems, Problem{File: f.Path, Line: warning.line, Err: warning})
		}
	}
	base := path.Base(strings.ReplaceAll(f.Path, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	n := &note{path: f.Path, slug: slug(base), title: fm.title, videoID: fm.videoID, body: body}
	if n.slug == "" {
		n.slug = "note"
	}
	walkNote(md, n, body, bodyLine, fm.title != "")
	if n.title == "" {
		n.title = oneLine([]byte(strings.NewReplacer("-", " ", "_", " ").Replace(base)))
	}
	return n, problems
}

// Limits on shapes that make goldmark's parse time grow with the square of
// their size. Real notes nest two or three levels and have a few dozen
// brackets (wiki links, timestamps) per paragraph; a hostile megabyte of
// "* * * …" or "[a](" would stall recall for minutes.
const (
	maxLineNesting       = 32
	maxParagraphBrackets = 512
)

// tooCostly returns the first line (1-based) of a shape the parser would
// take too long over — a line opening more than maxLineNesting lists or
// quotes (chained markers plus indentation counted at four columns a
// level), or a paragraph with more than maxParagraphBrackets '[' — and why. It only guards the parser's cost; the note's structure
// comes from the AST.
func tooCostly(data []byte) (int, error) {
	line, brackets, runStart := 1, 0, 1
	for start := 0; start < len(data); line++ {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		l := data[start:end]
		nesting, markers := lineNesting(l)
		if nesting > maxLineNesting {
			return line, fmt.Errorf("lists or quotes nested more than %d levels deep; not a note recall reads", maxLineNesting)
		}
		trimmed := bytes.TrimSpace(l)
		switch {
		case len(trimmed) == 0:
			brackets, runStart = 0, line+1
		case markers > 0 || trimmed[0] == '#':
			// A list item, quote or heading starts a new block.
			brackets, runStart = 0, line
		}
		if brackets += bytes.Count(l, []byte{'['}); brackets > maxParagraphBrackets {
			return runStart, fmt.Errorf("more than %d '[' in one paragraph; not a note recall reads", maxParagraphBrackets)
		}
		start = end + 1
	}
	return 0, nil
}

// lineNesting returns how many lists and quotes a line opens, counting
// indentation at four columns a level, and how many of them are markers.
func lineNesting(l []byte) (depth, markers int) {
	i, cols := 0, 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		if l[i] == '\t' {
			cols += 4
		} else {
			cols++
		}
		i++
	}
	for i < len(l) {
		switch c := l[i]; {
		case c == '>':
			i++
		case (c == '*' || c == '-' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 >= len(l) || (l[j] != '.' && l[j] != ')') || (l[j+1] != ' ' && l[j+1] != '\t') {
				return cols/4 + markers, markers
			}
			i = j + 2
		default:
			return cols/4 + markers, markers
		}
		markers++
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
	}
	return cols/4 + markers, markers
}

// DefaultDeckName is the name of the deck embedded in recall.
const DefaultDeckName = "Building trust"

//go:embed seeds/*.md
var seeds embed.FS

// DefaultDeck returns the embedded seed notes, sorted by file name.
func DefaultDeck() []File {
	entries, err := fs.ReadDir(seeds, "seeds")
	if err != nil {
		panic("content: embedded seeds missing: " + err.Error()) // a build defect, not a user error
	}
	files := make([]File, 0, len(entries))
	for _, e := range entries {
		data, err := fs.ReadFile(seeds, "seeds/"+e.Name())
		if err != nil {
			panic("content: embedded seed unreadable: " + err.Error())
		}
		files = append(files, File{Path: e.Name(), Data: data})
	}
	return files
}
