package content

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/recallcards/recall/deck"
)

// GeneratorVersion names the rules that turn a note into cards. Bump it
// with any change that makes other cards, problems or near-duplicates from
// the same notes: a Note kept by one version is never used by another
// (DecodeNote refuses it). TestGeneratorVersion fails when the output on
// the test notes changes while the version does not.
const GeneratorVersion = 113

// Note is what Generate makes of one note before the notes are put
// together: the note's problems and the cards it makes as if no other
// note existed. It depends only on the note's path and bytes, the deck
// and GeneratorVersion — equal terms across notes, list IDs two notes
// share, near-duplicate links and reverse cards are all worked out when
// the notes are put together — so it can be kept between runs (NoteCache)
// and a note whose bytes did not change need not be read again.
type Note struct {
	path, deck string
	read       bool // the note could be read at all (Result.NotesRead)
	problems   []Problem
	parts      []part
}

// NoteCache keeps Notes between runs. Generate asks it for each note
// before reading the note, and gives it each Note it had to make. It may
// do both from several goroutines at once, each for a different note.
type NoteCache interface {
	// Note returns a Note kept for f: made from a File with f's path and
	// bytes. Generate checks the Note's path and deck itself.
	Note(f File) (*Note, bool)
	// Keep is given the Note Generate made of f.
	Keep(f File, n *Note)
}

// Cards counts the cards the note makes alone (before equal terms across
// notes are merged and reverse cards added).
func (n *Note) Cards() int { return len(n.parts) }

// noteFor returns what the note f gives generation, from opts.Cache when
// it keeps a Note of f for the deck, else by reading f.
func noteFor(md markdownParser, f File, opts Options) *Note {
	if opts.Cache != nil {
		if n, ok := opts.Cache.Note(f); ok && n != nil && n.path == f.Path && n.deck == opts.Deck {
			return n
		}
	}
	n := &Note{path: f.Path, deck: opts.Deck}
	nt, problems := readNote(md, f)
	n.problems = problems
	if nt != nil {
		n.read = true
		n.parts = noteParts(nt, opts)
		nt.release()
	}
	if opts.Cache != nil {
		opts.Cache.Keep(f, n)
	}
	return n
}

// noteMagic starts an encoded Note, with the number of its layout (change
// it with the layout); the generator version follows it.
const noteMagic = "recall note 3\x00"

// Bounds a decoded Note must keep: a note is at most MaxNoteSize bytes,
// so its lines are fewer.
const maxNoteLine = MaxNoteSize

// The flags of an encoded card.
const (
	partNoReverse = 1 << iota
	partBoth
	// partJoinedFront: the front is joinFront(context cue, question), and
	// not written.
	partJoinedFront
	// partDefIsBack: the definition is the answer, and not written.
	partDefIsBack
	partLate
	partFlags = partNoReverse | partBoth | partJoinedFront | partDefIsBack | partLate
)

// AppendBinary appends the Note's encoding to b, for DecodeNote. Every
// text is written once, in a table at the front, and named by its place in
// it: a note's cards repeat its title, sections and cues.
func (n *Note) AppendBinary(b []byte) ([]byte, error) {
	e := noteEncoder{index: make(map[string]uint64)}
	e.ref(n.path)
	e.ref(n.deck)
	read := uint64(0)
	if n.read {
		read = 1
	}
	e.uint(read)
	e.uint(uint64(len(n.problems)))
	for _, p := range n.problems {
		if p.File != n.path {
			return nil, fmt.Errorf("encode note %q: a problem of another file, %q", n.path, p.File)
		}
		e.uint(uint64(max(p.Line, 0)))
		msg := "unknown problem"
		if p.Err != nil {
			msg = p.Err.Error()
		}
		e.ref(msg)
	}
	e.uint(uint64(len(n.parts)))
	for i := range n.parts {
		p := &n.parts[i]
		c := &p.card
		if len(c.Sources) != 1 || c.Sources[0].File != n.path || c.Deck != n.deck || len(c.Siblings) > 0 || c.Order != 0 {
			return nil, fmt.Errorf("encode note %q: card %s is not one the note makes alone", n.path, c.ID)
		}
		var flags uint64
		if p.noReverse {
			flags |= partNoReverse
		}
		if p.both {
			flags |= partBoth
		}
		if p.late {
			flags |= partLate
		}
		joined := c.Front == joinFront(c.ContextCue, c.Question)
		if joined {
			flags |= partJoinedFront
		}
		defIsBack := p.def == c.Back
		if defIsBack {
			flags |= partDefIsBack
		}
		e.uint(flags)
		e.ref(c.ID)
		e.ref(string(c.Kind))
		if !joined {
			e.ref(c.Front)
		}
		for _, s := range []string{c.Back, c.ContextCue, c.Question, c.Term, c.Note, p.key} {
			e.ref(s)
		}
		if !defIsBack {
			e.ref(p.def)
		}
		e.refs(c.Tags)
		src := c.Sources[0]
		e.uint(uint64(max(src.Line, 0)))
		e.ref(src.Title)
		e.ref(src.Section)
		e.ref(src.URL)
	}
	b = append(b, noteMagic...)
	b = binary.AppendUvarint(b, GeneratorVersion)
	b = binary.AppendUvarint(b, uint64(len(e.table)))
	for _, s := range e.table {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return append(b, e.body...), nil
}

// noteEncoder writes a Note's body, naming texts by their place in table.
type noteEncoder struct {
	table []string
	index map[string]uint64
	body  []byte
}

func (e *noteEncoder) uint(v uint64) { e.body = binary.AppendUvarint(e.body, v) }

func (e *noteEncoder) ref(s string) {
	i, ok := e.index[s]
	if !ok {
		i = uint64(len(e.table))
		e.index[s] = i
		e.table = append(e.table, s)
	}
	e.uint(i)
}

func (e *noteEncoder) refs(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.ref(s)
	}
}

// ErrNoteVersion is DecodeNote's error for a Note another generator
// version made.
var ErrNoteVersion = errors.New("kept by another version of the card generator")

// DecodeNote decodes a Note that AppendBinary encoded. Anything else —
// damaged, cut short, from another GeneratorVersion or layout — is an
// error, never a Note: a caller keeping Notes treats it as not kept and
// reads the note again.
func DecodeNote(data []byte) (*Note, error) {
	// One string holds the whole encoding, and every text decoded is a
	// piece of it: one allocation instead of one per field.
	d := noteDecoder{s: string(data)}
	if len(d.s) < len(noteMagic) || d.s[:len(noteMagic)] != noteMagic {
		return nil, errors.New("decode note: not an encoded note of this layout")
	}
	d.s = d.s[len(noteMagic):]
	if v := d.uint(math.MaxUint32); d.err == nil && v != GeneratorVersion {
		return nil, fmt.Errorf("decode note: version %d: %w", v, ErrNoteVersion)
	}
	d.table = make([]string, d.count())
	for i := range d.table {
		k := d.uint(uint64(len(d.s)))
		if d.err == nil && k > uint64(len(d.s)) {
			d.fail("text")
		}
		if d.err != nil {
			break
		}
		d.table[i], d.s = d.s[:k], d.s[k:]
	}
	n := &Note{path: d.ref(), deck: d.ref()}
	switch d.uint(1) {
	case 0:
	case 1:
		n.read = true
	}
	if k := d.count(); k > 0 {
		n.problems = make([]Problem, k)
		for i := range n.problems {
			line := int(d.uint(maxNoteLine))
			n.problems[i] = Problem{File: n.path, Line: line, Err: errors.New(d.ref())}
		}
	}
	// A card takes 14 bytes at least (one per number): a count the bytes
	// left cannot hold is damage, not a reason to allocate.
	if k := d.count(); k > 0 {
		if k > len(d.s)/14 {
			d.fail("card count")
		}
		if !n.read {
			d.fail("cards of a note that was not read")
		}
		if d.err == nil {
			n.parts = make([]part, k)
		}
		for i := range n.parts {
			d.part(&n.parts[i], n)
			if d.err != nil {
				break
			}
		}
	}
	if d.err == nil && len(d.s) > 0 {
		d.fail("bytes after the end")
	}
	if d.err != nil {
		return nil, fmt.Errorf("decode note: %w", d.err)
	}
	return n, nil
}

// noteDecoder reads an encoded Note; the first error sticks.
type noteDecoder struct {
	s     string
	table []string
	err   error
}

func (d *noteDecoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("bad %s", what)
	}
	d.s = ""
}

func (d *noteDecoder) uint(limit uint64) uint64 {
	var v uint64
	for shift, i := uint(0), 0; i < len(d.s) && i < binary.MaxVarintLen64; i, shift = i+1, shift+7 {
		c := d.s[i]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			d.s = d.s[i+1:]
			if v > limit || (i == binary.MaxVarintLen64-1 && c > 1) {
				d.fail("number")
				return 0
			}
			return v
		}
	}
	d.fail("number")
	return 0
}

// count reads how many items follow: each takes a byte at least, so there
// cannot be more than the bytes left.
func (d *noteDecoder) count() int { return int(d.uint(uint64(len(d.s)))) }

// ref reads a text by its place in the table.
func (d *noteDecoder) ref() string {
	i := d.uint(uint64(len(d.table)))
	if d.err != nil || i >= uint64(len(d.table)) {
		d.fail("text")
		return ""
	}
	return d.table[i]
}

func (d *noteDecoder) refs() []string {
	list := make([]string, d.count())
	for i := range list {
		list[i] = d.ref()
	}
	return list
}

// part reads one card of note n, and checks it is one apply can use.
func (d *noteDecoder) part(p *part, n *Note) {
	flags := d.uint(partFlags)
	p.noReverse, p.both, p.late = flags&partNoReverse != 0, flags&partBoth != 0, flags&partLate != 0
	c := &p.card
	c.ID = d.ref()
	c.Kind = deck.Kind(d.ref())
	if flags&partJoinedFront == 0 {
		c.Front = d.ref()
	}
	c.Back, c.ContextCue, c.Question = d.ref(), d.ref(), d.ref()
	c.Term, c.Note, p.key = d.ref(), d.ref(), d.ref()
	if flags&partJoinedFront != 0 {
		c.Front = joinFront(c.ContextCue, c.Question)
	}
	p.def = c.Back
	if flags&partDefIsBack == 0 {
		p.def = d.ref()
	}
	c.Deck = n.deck
	switch c.Kind {
	case deck.KindTerm, deck.KindList, deck.KindCloze, deck.KindFormula:
	default:
		d.fail("card kind")
		return
	}
	if c.ID == "" {
		d.fail("card ID")
		return
	}
	c.Tags = d.refs()
	src := deck.Source{File: n.path, Line: int(d.uint(maxNoteLine))}
	src.Title, src.Section, src.URL = d.ref(), d.ref(), d.ref()
	c.Sources = []deck.Source{src}
}
