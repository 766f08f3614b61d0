package deckfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/recallcards/recall/internal/text"
)

// The keys each object of a deck file may have, in the order Encode
// writes them. Decoding refuses any other key.
var (
	topKeys       = []string{"format", "format_version", "signature", "deck"}
	signatureKeys = []string{"key", "value"}
	deckKeys      = []string{"name", "description", "version", "date", "author", "cards"}
	cardKeys      = []string{"id", "kind", "front", "back", "term", "note", "order", "tags", "siblings", "sources"}
	sourceKeys    = []string{"file", "line", "title", "section", "url"}
)

// step is one step of a path into a deck file: an object's key, or the
// index of a list element.
type step struct {
	key   string // "" for a list element
	index int    // 0-based
}

// shapeWalker reads a deck file's JSON with encoding/json's tokenizer and
// checks what json.Unmarshal does not, or does without saying where: every
// key spelt exactly as the format has it (json.Unmarshal folds case) and
// at most once (it keeps the last), no null (it skips one), values of the
// right JSON kind, whole numbers where the format has integers, and lists
// no longer than their bound, refused at the first element too many so a
// hostile file is not held in memory whole. Each refusal names its line
// and field. Checking keys first keeps it from descending into anything
// the format does not have, so its depth is the format's.
type shapeWalker struct {
	dec    *json.Decoder
	file   []byte // the whole file, for offsets and lines
	base   int    // offset in file of the first byte dec reads
	path   []step // from the top-level object to the value being read
	cardID string // the ID of the card being read, once it is a valid one
	// skipDeck leaves the deck's value unread, recording where it starts.
	skipDeck  bool
	deckStart int
	// visit, if set, is called at the start of every value; the walk
	// stops with errStopWalk when it returns true.
	visit func(path []step, off int) bool
}

// errStopWalk ends a walk that found what it looked for.
var errStopWalk = fmt.Errorf("stop")

func newShapeWalker(file []byte, start int) *shapeWalker {
	dec := json.NewDecoder(bytes.NewReader(file[start:]))
	dec.UseNumber()
	return &shapeWalker{dec: dec, file: file, base: start}
}

// checkShape checks the shape of the deck file data (see shapeWalker).
// With top, it checks the top-level object and returns where the deck's
// value starts, leaving the deck unread; else it checks the deck, which
// starts at offset start.
func checkShape(data []byte, start int, top bool) (deckStart int, err error) {
	w := newShapeWalker(data, start)
	if top {
		w.skipDeck = true
	} else {
		w.path = []step{{key: "deck"}}
	}
	err = w.value()
	return w.deckStart, err
}

// locate returns the offset in data of the value at path target, or of
// the deepest value on the way to it that the file has (a card, when the
// field is absent). A target in the deck is looked for from the deck's
// start, start. Only messages use it, so it reads the file again rather
// than have the decoder record where everything is.
func locate(data []byte, start int, target []step) int {
	w := newShapeWalker(data, start)
	if target[0].key == "deck" {
		w.path = target[:1:1]
	} else {
		w.skipDeck = true
	}
	best := start
	w.visit = func(path []step, off int) bool {
		if len(path) <= len(target) && slices.Equal(path, target[:len(path)]) {
			best = off
			return len(path) == len(target)
		}
		return false
	}
	_ = w.value() // stops at target or at the end; best is what it found
	return best
}

// next returns the offset in the file of the next value or key: past
// space, and the ':' and ',' the decoder has yet to consume.
func (w *shapeWalker) next() int {
	off := w.base + int(w.dec.InputOffset())
	for off < len(w.file) {
		switch w.file[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

func (w *shapeWalker) errorf(off int, format string, args ...any) error {
	p := problem{at: w.at(), msg: fmt.Sprintf(format, args...)}
	return p.errorAt(w.file, off)
}

// at says where the walk is, for messages.
func (w *shapeWalker) at() at {
	p := w.path
	if len(p) < 3 || p[0].key != "deck" || p[1].key != "cards" {
		keys := make([]string, len(p))
		for i, s := range p {
			keys[i] = s.key
		}
		return at{field: strings.Join(keys, ".")}
	}
	a := at{card: p[2].index + 1, id: w.cardID}
	if len(p) > 3 {
		a.field = p[3].key
	}
	if len(p) > 4 {
		a.index = p[4].index + 1
	}
	if len(p) > 5 {
		a.sub = p[5].key
	}
	return a
}

// want names the kind of JSON value the format has at the walk's path.
func (w *shapeWalker) want() string {
	n := len(w.path)
	if n == 0 {
		return "an object"
	}
	key := w.path[n-1].key
	if key == "" { // a list element
		switch w.path[n-2].key {
		case "cards", "sources":
			return "an object"
		}
		return "a string"
	}
	switch key {
	case "format_version", "version", "order", "line":
		return "a number"
	case "signature", "deck":
		return "an object"
	case "cards", "tags", "siblings", "sources":
		return "a list"
	}
	return "a string"
}

// tokenKind names the kind of JSON value a token starts, for messages.
func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return "an object"
		case '[':
			return "a list"
		}
		return "nothing"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// value reads the value at the decoder's position, at w.path.
func (w *shapeWalker) value() error {
	off := w.next()
	if w.visit != nil && w.visit(w.path, off) {
		return errStopWalk
	}
	if w.skipDeck && len(w.path) == 1 && w.path[0].key == "deck" {
		w.deckStart = off
		var raw json.RawMessage
		return w.dec.Decode(&raw)
	}
	tok, err := w.dec.Token()
	if err != nil {
		return fmt.Errorf("line %d: invalid JSON: %w", text.LineAt(w.file, off), err) // checkSyntax has passed
	}
	if want, got := w.want(), tokenKind(tok); got != want {
		return w.errorf(off, "want %s, got %s", want, got)
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return w.object()
		}
		return w.list()
	case json.Number:
		return w.integer(off, string(t))
	case string:
		if len(w.path) == 4 && w.path[3].key == "id" && validSharedID(t) {
			w.cardID = t // later messages about this card name it
		}
	}
	return nil
}

// object reads the members of an object whose '{' has been read.
func (w *shapeWalker) object() error {
	var keys []string
	switch len(w.path) {
	case 0:
		keys = topKeys
	case 1:
		keys = deckKeys
		if w.path[0].key == "signature" {
			keys = signatureKeys
		}
	case 3:
		keys = cardKeys
		w.cardID = ""
	default:
		keys = sourceKeys
	}
	var seen uint64 // by index in keys
	for w.dec.More() {
		off := w.next()
		tok, err := w.dec.Token()
		if err != nil {
			return fmt.Errorf("line %d: invalid JSON: %w", text.LineAt(w.file, off), err)
		}
		key, _ := tok.(string)
		k := slices.Index(keys, key)
		switch {
		case k < 0:
			return w.errorf(off, "unknown field %s", quoteShort(key, 40))
		case seen&(1<<k) != 0:
			return w.errorf(off, "field %q appears twice", key)
		}
		seen |= 1 << k
		w.path = append(w.path, step{key: key})
		if err := w.value(); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	_, err := w.dec.Token() // '}'
	return err
}

// list reads the elements of a list whose '[' has been read.
func (w *shapeWalker) list() error {
	limit := MaxCardListLen
	if w.path[len(w.path)-1].key == "cards" {
		limit = MaxCards
	}
	for i := 0; w.dec.More(); i++ {
		if i == limit {
			return w.errorf(w.next(), "more than %d elements", limit)
		}
		w.path = append(w.path, step{index: i})
		if err := w.value(); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	_, err := w.dec.Token() // ']'
	return err
}

// integer checks that the number n, at offset off, fits the integer field
// it is the value of. format_version is checkHeader's.
func (w *shapeWalker) integer(off int, n string) error {
	switch w.path[len(w.path)-1].key {
	case "version":
		if _, err := strconv.ParseUint(n, 10, 64); err != nil {
			return w.errorf(off, "want a whole number from 1 to %d, got %s", uint64(1<<64-1), quoteShort(n, 24))
		}
	case "order", "line":
		if _, err := strconv.ParseInt(n, 10, strconv.IntSize); err != nil {
			return w.errorf(off, "want a whole number, got %s", quoteShort(n, 24))
		}
	}
	return nil
}
