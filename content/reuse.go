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
const GeneratorVersion = 3

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
// before reading the note, and gives it each Note it had to make.
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
	}
	if opts.Cache != nil {
		opts.Cache.Keep(f, n)
	}
	return n
}

// noteMagic starts an encoded Note; the generator version follows it.
const noteMagic = "recall note\x00"

// Bounds a decoded Note must keep: a note is at most MaxNoteSize bytes,
// so its lines and counts are too.
const maxNoteLine = MaxNoteSize

// The flags of an encoded card.
const (
	partNoReverse = 1 << iota
	partBoth
	partLate
)

// AppendBinary appends the Note's encoding to b, for DecodeNote.
func (n *Note) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, noteMagic...)
	b = binary.AppendUvarint(b, GeneratorVersion)
	b = appendString(b, n.path)
	b = appendString(b, n.deck)
	read := byte(0)
	if n.read {
		read = 1
	}
	b = append(b, read)
	b = binary.AppendUvarint(b, uint64(len(n.problems)))
	for _, p := range n.problems {
		if p.File != n.path {
			return nil, fmt.Errorf("encode note %q: a problem of another file, %q", n.path, p.File)
		}
		b = binary.AppendUvarint(b, uint64(max(p.Line, 0)))
		msg := "unknown problem"
		if p.Err != nil {
			msg = p.Err.Error()
		}
		b = appendString(b, msg)
	}
	b = binary.AppendUvarint(b, uint64(len(n.parts)))
	for i := range n.parts {
		p := &n.parts[i]
		c := &p.card
		if len(c.Sources) != 1 || c.Sources[0].File != n.path || c.Deck != n.deck || len(c.Siblings) > 0 || c.Order != 0 {
			return nil, fmt.Errorf("encode note %q: card %s is not one the note makes alone", n.path, c.ID)
		}
		var flags byte
		if p.noReverse {
			flags |= partNoReverse
		}
		if p.both {
			flags |= partBoth
		}
		if p.late {
			flags |= partLate
		}
		b = append(b, flags)
		for _, s := range []string{c.ID, string(c.Kind), c.Front, c.Back, c.ContextCue, c.Question, c.Term, c.Note, p.key, p.def} {
			b = appendString(b, s)
		}
		b = binary.AppendUvarint(b, uint64(len(c.Tags)))
		for _, t := range c.Tags {
			b = appendString(b, t)
		}
		src := c.Sources[0]
		b = binary.AppendUvarint(b, uint64(max(src.Line, 0)))
		b = appendString(b, src.Title)
		b = appendString(b, src.Section)
		b = appendString(b, src.URL)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrNoteVersion is DecodeNote's error for a Note another generator
// version made.
var ErrNoteVersion = errors.New("kept by another version of the card generator")

// DecodeNote decodes a Note that AppendBinary encoded. Anything else —
// damaged, cut short, from another GeneratorVersion — is an error, never
// a Note: a caller keeping Notes treats it as not kept and reads the note
// again.
func DecodeNote(data []byte) (*Note, error) {
	// One string holds the whole encoding, and every text decoded is a
	// piece of it: one allocation instead of one per field.
	d := noteDecoder{s: string(data)}
	if len(d.s) < len(noteMagic) || d.s[:len(noteMagic)] != noteMagic {
		return nil, errors.New("decode note: not an encoded note")
	}
	d.s = d.s[len(noteMagic):]
	if v := d.uint(math.MaxUint32); d.err == nil && v != GeneratorVersion {
		return nil, fmt.Errorf("decode note: version %d: %w", v, ErrNoteVersion)
	}
	n := &Note{path: d.string(), deck: d.string()}
	switch d.byte() {
	case 0:
	case 1:
		n.read = true
	default:
		d.fail("read flag")
	}
	if k := d.count(); k > 0 {
		n.problems = make([]Problem, k)
		for i := range n.problems {
			line := int(d.uint(maxNoteLine))
			n.problems[i] = Problem{File: n.path, Line: line, Err: errors.New(d.string())}
		}
	}
	if k := d.count(); k > 0 {
		if !n.read {
			d.fail("cards of a note that was not read")
		}
		n.parts = make([]part, k)
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
	s   string
	err error
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

func (d *noteDecoder) byte() byte {
	if len(d.s) == 0 {
		d.fail("flag")
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *noteDecoder) string() string {
	k := d.uint(uint64(len(d.s)))
	if d.err != nil || k > uint64(len(d.s)) {
		d.fail("text")
		return ""
	}
	s := d.s[:k]
	d.s = d.s[k:]
	return s
}

// part reads one card of note n, and checks it is one apply can use.
func (d *noteDecoder) part(p *part, n *Note) {
	flags := d.byte()
	if flags&^(partNoReverse|partBoth|partLate) != 0 {
		d.fail("card flags")
		return
	}
	p.noReverse, p.both, p.late = flags&partNoReverse != 0, flags&partBoth != 0, flags&partLate != 0
	c := &p.card
	c.ID = d.string()
	c.Kind = deck.Kind(d.string())
	c.Front, c.Back, c.ContextCue, c.Question = d.string(), d.string(), d.string(), d.string()
	c.Term, c.Note, p.key, p.def = d.string(), d.string(), d.string(), d.string()
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
	c.Tags = make([]string, d.count())
	for i := range c.Tags {
		c.Tags[i] = d.string()
	}
	src := deck.Source{File: n.path, Line: int(d.uint(maxNoteLine))}
	src.Title, src.Section, src.URL = d.string(), d.string(), d.string()
	c.Sources = []deck.Source{src}
}
