// Package journal is recall's sync journal: every user action as an
// immutable event, written by one device into append-only segment files of
// its own inside a folder that a file-sync engine (Syncthing, Dropbox, git,
// rsync) moves between machines. Because no two devices ever write the same
// file, no engine ever sees a write conflict.
//
// The package knows the file format and the folder layout only; applying
// events to a store is the storage package's job.
package journal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"
)

// ID names an event globally: the device that recorded it and its place in
// that device's sequence, counted from 1.
type ID struct {
	Device string
	Seq    uint64
}

// String returns "device/seq".
func (id ID) String() string { return fmt.Sprintf("%s/%d", id.Device, id.Seq) }

// IsZero reports whether id names no event.
func (id ID) IsZero() bool { return id.Device == "" && id.Seq == 0 }

// Kind is what a user did.
type Kind uint8

// The kinds of event. Values are stored: never renumber them.
const (
	KindReview     Kind = 1 // a card graded
	KindUndo       Kind = 2 // an earlier event reversed (Undoes names it)
	KindSuspend    Kind = 3
	KindUnsuspend  Kind = 4
	KindBury       Kind = 5 // a card buried until Until
	KindDeckCreate Kind = 6 // Deck created with the name Name
	KindDeckRename Kind = 7 // Deck renamed to Name
	KindDeckRemove Kind = 8
	KindSetting    Kind = 9 // the setting Name set to Value (Deck empty: a global one)
	// KindEdit words Card as Text (recall edit), over the notes' wording
	// Base. It and KindEditReset need segment format 2 (see EditFormat).
	KindEdit Kind = 10
	// KindEditReset drops Card's edit: it takes its notes' wording again.
	KindEditReset Kind = 11
	maxKind            = KindEditReset
)

var kindNames = [...]string{"", "review", "undo", "suspend", "unsuspend", "bury", "deck-create", "deck-rename", "deck-remove", "setting", "edit", "edit-reset"}

// IsEdit reports whether k sets or drops a card's edit.
func (k Kind) IsEdit() bool { return k == KindEdit || k == KindEditReset }

// format is the oldest segment format that may hold an event of kind k.
func (k Kind) format() byte {
	if k.IsEdit() {
		return EditFormat
	}
	return 1
}

// String returns the kind's name as users see it in `recall sync status`.
func (k Kind) String() string {
	if k == 0 || k > maxKind {
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
	return kindNames[k]
}

// Event is one user action. Events are immutable: a correction is a new
// event (an undo) naming the one it reverses.
type Event struct {
	ID     ID
	Time   time.Time // when it happened, UTC
	Kind   Kind
	Deck   string        // the deck's identity (fixed when the deck was created)
	Card   string        // the card's ID, for card events
	Grade  uint8         // review: recall's 0–5 grade
	Answer time.Duration // review: time taken to answer
	// Practice marks a review that was logged but did not change the
	// schedule (cram).
	Practice bool
	// Undoes names, in an undo, the event reversed; in a card event, the
	// event it stands for: the same action recorded again under the ID
	// the card took when its deck merged into a synced deck of the same
	// name, which every machine then folds instead of the first.
	Undoes ID
	Until  time.Time // bury: when the card comes back, UTC
	Name   string    // deck name, or setting key
	// Value is a setting's value; in a deck remove, the identity of the
	// synced deck the removed one merged into, if it did.
	Value string
	// Before and After are the card's scheduler state around a review, in
	// the scheduler's own versioned encoding; the journal stores them
	// opaquely.
	Before, After []byte
	// Text is, in an edit, the card as the user worded it; Base is the
	// notes' wording it was made over, so that every machine flags the
	// edit stale alike. Both are empty in every other event.
	Text, Base CardText
}

// CardText is a card's wording as recall edit stores it.
type CardText struct {
	Context  string
	Question string
	Answer   string
}

// Before reports whether a comes before b in the journal's total order:
// time, then device ID, then sequence number. Every machine folds a card's
// events in this order, so they all reach the same state.
func Before(a, b Event) bool {
	if !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	if a.ID.Device != b.ID.Device {
		return a.ID.Device < b.ID.Device
	}
	return a.ID.Seq < b.ID.Seq
}

// Bounds on an event's fields: a journal is untrusted input.
const (
	MaxTextLen  = 1024 // deck, card, name, value, device
	MaxStateLen = 512  // each scheduler state
)

// Bounds on an edit's text, each part, the same as recall edit's own
// (deck/cardedit): an edited card can be any the editor accepts. An edit
// record is then at most some 68 KiB, Text and Base at their bounds.
const (
	MaxEditContext  = 1 << 10
	MaxEditQuestion = 14 << 10
	MaxEditAnswer   = 16 << 10
)

// ErrBadEvent reports an event record that does not decode.
var ErrBadEvent = errors.New("malformed event")

// Validate reports the first field out of bounds, naming it.
func (e *Event) Validate() error {
	switch {
	case e.Kind == 0 || e.Kind > maxKind:
		return fmt.Errorf("%w: unknown kind %d", ErrBadEvent, e.Kind)
	case e.ID.Seq == 0:
		return fmt.Errorf("%w: sequence number 0", ErrBadEvent)
	case e.Grade > 5:
		return fmt.Errorf("%w: grade %d is not between 0 and 5", ErrBadEvent, e.Grade)
	case e.Answer < 0:
		return fmt.Errorf("%w: negative answer time", ErrBadEvent)
	case len(e.Before) > MaxStateLen || len(e.After) > MaxStateLen:
		return fmt.Errorf("%w: state longer than %d bytes", ErrBadEvent, MaxStateLen)
	case e.Kind == KindUndo && e.Undoes.Seq == 0:
		return fmt.Errorf("%w: undo names no event", ErrBadEvent)
	}
	for _, f := range [...]struct{ name, text string }{{"device", e.ID.Device}, {"deck", e.Deck}, {"card", e.Card}, {"name", e.Name}, {"value", e.Value}, {"undone device", e.Undoes.Device}} {
		if len(f.text) > MaxTextLen {
			return fmt.Errorf("%w: %s longer than %d bytes", ErrBadEvent, f.name, MaxTextLen)
		}
	}
	switch e.Kind {
	case KindReview, KindSuspend, KindUnsuspend, KindBury:
		if e.Card == "" {
			return fmt.Errorf("%w: %s event without a card", ErrBadEvent, e.Kind)
		}
	case KindDeckCreate, KindDeckRename, KindDeckRemove:
		if e.Deck == "" {
			return fmt.Errorf("%w: %s event without a deck", ErrBadEvent, e.Kind)
		}
	case KindSetting:
		if e.Name == "" {
			return fmt.Errorf("%w: setting event without a key", ErrBadEvent)
		}
	}
	if e.Kind.IsEdit() {
		return validateEdit(e)
	}
	if e.Text != (CardText{}) || e.Base != (CardText{}) {
		return fmt.Errorf("%w: %s event with a card's text", ErrBadEvent, e.Kind)
	}
	return nil
}

// validateEdit checks an edit's card and texts: they are shown on every
// machine, so each must be UTF-8 within its bound, with no control
// character (an escape sequence starts with one) but, outside the
// one-line context, newlines and tabs.
func validateEdit(e *Event) error {
	if e.Card == "" {
		return fmt.Errorf("%w: %s event without a card", ErrBadEvent, e.Kind)
	}
	if e.Kind == KindEditReset {
		if e.Text != (CardText{}) || e.Base != (CardText{}) {
			return fmt.Errorf("%w: edit-reset event with a card's text", ErrBadEvent)
		}
		return nil
	}
	if e.Text.Question == "" || e.Text.Answer == "" {
		return fmt.Errorf("%w: edit event with an empty question or answer", ErrBadEvent)
	}
	for _, t := range [...]struct {
		name string
		t    CardText
	}{{"edited", e.Text}, {"notes'", e.Base}} {
		for _, f := range [...]struct {
			part, text string
			limit      int
			multiline  bool
		}{{"context", t.t.Context, MaxEditContext, false}, {"question", t.t.Question, MaxEditQuestion, true}, {"answer", t.t.Answer, MaxEditAnswer, true}} {
			if err := checkText(f.text, f.limit, f.multiline); err != nil {
				return fmt.Errorf("%w: %s %s: %v", ErrBadEvent, t.name, f.part, err)
			}
		}
	}
	return nil
}

// checkText reports what makes s unfit to show: its length, bytes that are
// not UTF-8, a control character.
func checkText(s string, limit int, multiline bool) error {
	if len(s) > limit {
		return fmt.Errorf("longer than %d bytes", limit)
	}
	if !utf8.ValidString(s) {
		return errors.New("not UTF-8")
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("control character %U", r)
		}
	}
	return nil
}

const flagPractice = 1

// appendEvent encodes e after b. The device is not encoded: a record lives
// in its device's segment, whose header names it.
func appendEvent(b []byte, e *Event) []byte {
	b = binary.AppendUvarint(b, e.ID.Seq)
	b = appendTime(b, e.Time)
	var flags byte
	if e.Practice {
		flags |= flagPractice
	}
	b = append(b, byte(e.Kind), flags, e.Grade)
	b = binary.AppendVarint(b, int64(e.Answer))
	for _, s := range []string{e.Deck, e.Card, e.Undoes.Device, e.Name, e.Value} {
		b = appendBytes(b, []byte(s))
	}
	b = binary.AppendUvarint(b, e.Undoes.Seq)
	b = appendTime(b, e.Until)
	b = appendBytes(b, e.Before)
	b = appendBytes(b, e.After)
	if e.Kind.IsEdit() {
		// Only edits carry text: every other event encodes as format 1
		// has it.
		for _, s := range [...]string{e.Text.Context, e.Text.Question, e.Text.Answer, e.Base.Context, e.Base.Question, e.Base.Answer} {
			b = appendBytes(b, []byte(s))
		}
	}
	return b
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads the fields appendEvent wrote, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = ErrBadEvent
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bytes(limit int) []byte {
	n := d.uvarint()
	if n > uint64(limit) || n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
		sec := d.varint()
		nsec := d.uvarint()
		if nsec >= 1e9 {
			d.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(nsec)).UTC()
	}
	d.fail()
	return time.Time{}
}

// decodeEvent is appendEvent's inverse, for a record of a segment in the
// given format. State bytes are copied, so the event does not alias the
// segment's buffer.
func decodeEvent(b []byte, device string, format byte) (Event, error) {
	d := decoder{b: b}
	e := Event{ID: ID{Device: device}}
	e.ID.Seq = d.uvarint()
	e.Time = d.time()
	e.Kind = Kind(d.byte())
	flags := d.byte()
	e.Practice = flags&flagPractice != 0
	e.Grade = d.byte()
	e.Answer = time.Duration(d.varint())
	strs := []*string{&e.Deck, &e.Card, &e.Undoes.Device, &e.Name, &e.Value}
	for _, s := range strs {
		*s = string(d.bytes(MaxTextLen))
	}
	e.Undoes.Seq = d.uvarint()
	e.Until = d.time()
	e.Before = append([]byte(nil), d.bytes(MaxStateLen)...)
	e.After = append([]byte(nil), d.bytes(MaxStateLen)...)
	if e.Kind.IsEdit() && d.err == nil {
		if format < e.Kind.format() {
			// A format-1 segment cannot hold one: the writer would have
			// started a segment of the newer format.
			return Event{}, fmt.Errorf("%w: %s event in a format %d segment", ErrBadEvent, e.Kind, format)
		}
		for _, p := range [...]struct {
			s     *string
			limit int
		}{{&e.Text.Context, MaxEditContext}, {&e.Text.Question, MaxEditQuestion}, {&e.Text.Answer, MaxEditAnswer}, {&e.Base.Context, MaxEditContext}, {&e.Base.Question, MaxEditQuestion}, {&e.Base.Answer, MaxEditAnswer}} {
			*p.s = string(d.bytes(p.limit))
		}
	}
	switch {
	case d.err != nil:
		return Event{}, d.err
	case len(d.b) != 0:
		return Event{}, fmt.Errorf("%w: %d bytes after the last field", ErrBadEvent, len(d.b))
	case flags&^flagPractice != 0:
		return Event{}, fmt.Errorf("%w: unknown flags %#x", ErrBadEvent, flags)
	}
	if len(e.Before) == 0 {
		e.Before = nil
	}
	if len(e.After) == 0 {
		e.After = nil
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return e, nil
}

// Marshal encodes e as the journal stores it (without its device, which
// the segment or the caller keeps), for a store's own copy of the events.
func Marshal(e *Event) []byte {
	// Sized for the whole event: a sync stores thousands of them at a time.
	n := 48 + len(e.Deck) + len(e.Card) + len(e.Undoes.Device) + len(e.Name) + len(e.Value) + len(e.Before) + len(e.After)
	if e.Kind.IsEdit() {
		n += 12 + len(e.Text.Context) + len(e.Text.Question) + len(e.Text.Answer) + len(e.Base.Context) + len(e.Base.Question) + len(e.Base.Answer)
	}
	return appendEvent(make([]byte, 0, n), e)
}

// AppendEvent appends Marshal's encoding of e to b.
func AppendEvent(b []byte, e *Event) []byte { return appendEvent(b, e) }

// Unmarshal is Marshal's inverse; device is the event's device.
func Unmarshal(b []byte, device string) (Event, error) { return decodeEvent(b, device, FormatVersion) }
