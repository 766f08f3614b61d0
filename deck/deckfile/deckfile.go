// Package deckfile is the shareable deck file: its format (a JSON document
// of format "recall-deck"), encoding and strict decoding of untrusted
// files, ed25519 signing and publisher keys, and the rules for taking a
// shared deck's versions (trust on first use of the publisher's key,
// versions that never go backwards, digests that tell an unchanged file).
// The rules are pure functions, so that any front end (the command line
// today, a sync server later) applies the same ones.
//
// The package does no I/O: callers read and write the bytes.
package deckfile

import (
	"bytes"
	"cmp"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
)

// FormatVersion is the deck file format this recall writes and the
// newest it reads.
const FormatVersion = 1

// sharedFormatName is the value of a deck file's "format" field, which tells
// a deck file from any other JSON a user might hand recall by mistake.
const sharedFormatName = "recall-deck"

// Bounds on a deck file. A deck file is untrusted input, often fetched from
// the network; the bounds keep a hostile one from exhausting memory or
// flooding the terminal, and are far above what a real deck needs (a deck
// of 50,000 cards is years of daily study).
const (
	MaxFileBytes        = 32 << 20 // the whole file
	MaxCards            = 50000    // cards in one file
	MaxCardTextBytes    = 16 << 10 // a card's front or back
	MaxShortFieldBytes  = 1 << 10  // deck name, author, term, note, tag, source title/section/file/url
	MaxDescriptionBytes = 4 << 10  // the deck's description
	MaxCardListLen      = 64       // tags, siblings or sources of one card
)

// Bounds on card IDs in a deck file. recall makes 12 hex digits; the range
// leaves room for longer IDs later while keeping anything but an ID out.
const (
	minSharedIDLen = 8
	maxSharedIDLen = 64
)

// sharedDateLayout is the layout of Deck.Date.
const sharedDateLayout = "2006-01-02"

// ErrNewerFormat is wrapped by the error Decode returns for a deck
// file whose format_version is newer than FormatVersion.
var ErrNewerFormat = errors.New("made by a newer recall")

// Deck is a deck as a deck file carries it: cards and where they came
// from, no review history.
type Deck struct {
	Name        string // deck name, as in the store
	Description string
	Version     uint64 // >= 1; a later version of the same deck has a higher number
	Date        string // "YYYY-MM-DD": the day this version was made
	Author      string
	// Cards carry ID, Kind, Front, Back, Term, Note, Order, Tags, Siblings
	// and Sources; deck.Card.Deck is Name (the file does not repeat it).
	Cards []deck.Card
}

// File is a decoded deck file that passed every check.
type File struct {
	Deck Deck
	// Signer is nil when the file is unsigned; else the key the file names,
	// which its signature was verified against. Whether it is the key the
	// user expects is the caller's question.
	Signer ed25519.PublicKey
	Digest string // hex SHA-256 of the whole file
}

// newerFormatError is the error for a file from a newer recall. It is a
// type of its own so that its text reads as one sentence while errors.Is
// still finds ErrNewerFormat.
type newerFormatError struct{ version string }

func (e *newerFormatError) Error() string {
	return fmt.Sprintf("made by a newer recall (deck format %s); upgrade recall", e.version)
}

func (e *newerFormatError) Unwrap() error { return ErrNewerFormat }

// The JSON shapes written by Encode. They are private, rather than
// deck.Card's own JSON tags, so that the file format has every field
// (Card's tags leave out term, note and order) in a fixed order and cannot
// change by accident when Card does.
type (
	sharedDeckJSON struct {
		Name        string           `json:"name"`
		Description string           `json:"description"`
		Version     uint64           `json:"version"`
		Date        string           `json:"date"`
		Author      string           `json:"author"`
		Cards       []sharedCardJSON `json:"cards"`
	}
	sharedCardJSON struct {
		ID       string             `json:"id"`
		Kind     string             `json:"kind"`
		Front    string             `json:"front"`
		Back     string             `json:"back"`
		Term     string             `json:"term"`
		Note     string             `json:"note"`
		Order    int                `json:"order"`
		Tags     []string           `json:"tags"`
		Siblings []string           `json:"siblings"`
		Sources  []sharedSourceJSON `json:"sources"`
	}
	sharedSourceJSON struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Title   string `json:"title"`
		Section string `json:"section"`
		URL     string `json:"url"`
	}
)

// Encode validates d (by the same rules as Decode) and returns
// the deck file, signed with key unless key is nil. It is deterministic:
// the same d and key give the same bytes, since cards are written sorted by
// Order then ID and ed25519 signatures are deterministic. The file ends
// with "\n".
func Encode(d Deck, key ed25519.PrivateKey) ([]byte, error) {
	if key != nil && len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("signing key is %d bytes; want an ed25519 private key of %d", len(key), ed25519.PrivateKeySize)
	}
	if p := checkDeckFields(&d); p != nil {
		return nil, errors.New(p.String())
	}
	for i := range d.Cards {
		c := &d.Cards[i]
		if p := checkCard(i+1, c); p != nil {
			return nil, errors.New(p.String())
		}
		if c.Deck != "" && c.Deck != d.Name {
			p := problem{at: at{card: i + 1, id: c.ID, field: "deck"},
				msg: fmt.Sprintf("card is in deck %s, not %s", quoteShort(c.Deck, 40), quoteShort(d.Name, 40))}
			return nil, errors.New(p.String())
		}
	}
	if p := checkCardSet(d.Cards); p != nil {
		return nil, errors.New(p.String())
	}

	cards := slices.Clone(d.Cards)
	slices.SortFunc(cards, compareCards)
	dj := sharedDeckJSON{
		Name: d.Name, Description: d.Description, Version: d.Version, Date: d.Date, Author: d.Author,
		Cards: make([]sharedCardJSON, len(cards)),
	}
	for i, c := range cards {
		cj := sharedCardJSON{
			ID: c.ID, Kind: string(c.Kind), Front: c.Front, Back: c.Back, Term: c.Term, Note: c.Note, Order: c.Order,
			// Empty lists are written as [], not null, so a reader (or jq)
			// always finds the type it expects.
			Tags: nonNil(c.Tags), Siblings: nonNil(c.Siblings), Sources: make([]sharedSourceJSON, len(c.Sources)),
		}
		for j, s := range c.Sources {
			cj.Sources[j] = sharedSourceJSON(s)
		}
		dj.Cards[i] = cj
	}

	var deckBuf bytes.Buffer
	enc := json.NewEncoder(&deckBuf)
	enc.SetEscapeHTML(false) // card text is full of & and <; keep it readable
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(dj); err != nil {
		return nil, fmt.Errorf("encode deck %s: %w", quoteShort(d.Name, 40), err)
	}
	deckJSON := bytes.TrimSuffix(deckBuf.Bytes(), []byte("\n"))

	var out bytes.Buffer
	out.Grow(len(deckJSON) + 256)
	fmt.Fprintf(&out, "{\n  \"format\": %q,\n  \"format_version\": %d,\n", sharedFormatName, FormatVersion)
	if key != nil {
		pub := key.Public().(ed25519.PublicKey)
		fmt.Fprintf(&out, "  \"signature\": {\n    \"key\": %q,\n    \"value\": %q\n  },\n", FormatPublicKey(pub), signDeck(key, deckJSON))
	}
	out.WriteString("  \"deck\": ")
	out.Write(deckJSON)
	out.WriteString("\n}\n")
	if out.Len() > MaxFileBytes {
		return nil, fmt.Errorf("deck file would be %d bytes; at most %d (%d MiB) can be shared", out.Len(), MaxFileBytes, MaxFileBytes>>20)
	}
	return out.Bytes(), nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// compareCards orders cards as a deck file lists them: by Order, then ID.
func compareCards(a, b deck.Card) int {
	return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
}

// The top level of a deck file as Decode reads it. The deck stays
// raw: the signature is over its exact bytes.
type (
	sharedFileJSON struct {
		Format        string          `json:"format"`
		FormatVersion uint64          `json:"format_version"`
		Signature     *signatureJSON  `json:"signature"`
		Deck          json.RawMessage `json:"deck"`
	}
	signatureJSON struct {
		Key   *string `json:"key"`
		Value *string `json:"value"`
	}
)

// Decode parses and validates a deck file and verifies its signature,
// if it has one, against the key the file names. Cards come back sorted by
// Order then ID, with Deck set to the deck's name and empty lists nil.
//
// Errors do not name the file (the caller wraps them with it) but do name
// the line, the card (1-based index in the file, and ID) and the field.
// They quote at most a short prefix of any text from the file, escaped.
//
// The checks run in an order that gives the most useful message first: a
// file from a newer recall says so even if the rest is unknown to this
// one, and a signed file whose deck was changed is reported as such
// (ErrBadSignature) before anything else is read from the deck.
//
// encoding/json decodes the file. Before it does, checkShape reads the
// same bytes with encoding/json's tokenizer to refuse what json.Unmarshal
// would let through (a repeated key, where the last one would win; a key
// in another case; null) and to say where a value of the wrong type or an
// overlong list is, which json.Unmarshal's errors do not.
func Decode(data []byte) (File, error) {
	if len(data) > MaxFileBytes {
		return File{}, fmt.Errorf("%d bytes; a deck file is at most %d (%d MiB)", len(data), MaxFileBytes, MaxFileBytes>>20)
	}
	if !utf8.Valid(data) {
		return File{}, fmt.Errorf("line %d: not valid UTF-8", text.LineAt(data, text.InvalidUTF8At(data)))
	}
	if err := checkSyntax(data); err != nil {
		return File{}, err
	}
	if err := checkHeader(data); err != nil {
		return File{}, err
	}
	// The top level first, the deck left unread, so that a changed deck
	// is reported as a bad signature.
	deckStart, err := checkShape(data, 0, true)
	if err != nil {
		return File{}, err
	}
	var top sharedFileJSON
	if err := decodeStrict(data, &top); err != nil {
		return File{}, err
	}
	if top.Deck == nil {
		return File{}, errors.New("deck: missing")
	}
	var signer ed25519.PublicKey
	if sig := top.Signature; sig != nil {
		switch {
		case sig.Key == nil:
			return File{}, errors.New("signature.key: missing")
		case sig.Value == nil:
			return File{}, errors.New("signature.value: missing")
		}
		if signer, err = ParsePublicKey(*sig.Key); err != nil {
			return File{}, fmt.Errorf("line %d: signature.key: %w", text.LineAt(data, locate(data, 0, []step{{key: "signature"}, {key: "key"}})), err)
		}
		if err := verifyDeck(signer, *sig.Value, top.Deck); err != nil {
			if errors.Is(err, ErrBadSignature) {
				return File{}, err
			}
			return File{}, fmt.Errorf("line %d: signature.value: %w", text.LineAt(data, locate(data, 0, []step{{key: "signature"}, {key: "value"}})), err)
		}
	}
	d, err := decodeDeck(data, deckStart, top.Deck)
	if err != nil {
		return File{}, err
	}
	sum := sha256.Sum256(data)
	return File{Deck: d, Signer: signer, Digest: hex.EncodeToString(sum[:])}, nil
}

// decodeStrict decodes data, whose shape checkShape has passed, into v.
// Unknown fields are refused again, so that v's type and the key lists
// checkShape follows cannot drift apart unnoticed.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid deck file: %w", err)
	}
	return nil
}

// checkSyntax makes sure data is exactly one JSON value, which the readers
// that follow rely on. encoding/json's scanner checks it, bounding nesting
// depth on the way; only when it fails is the file read again to find
// where.
func checkSyntax(data []byte) error {
	if json.Valid(data) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	var syntax *json.SyntaxError
	switch {
	case err == nil:
		return fmt.Errorf("line %d: more data after the end of the deck file", text.LineAt(data, skipSpace(data, int(dec.InputOffset()))))
	case errors.Is(err, io.EOF):
		return errors.New("empty: not a recall deck file")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("line %d: invalid JSON: the file ends in the middle of a value", text.LineAt(data, len(data)))
	case errors.As(err, &syntax):
		return fmt.Errorf("line %d: invalid JSON: %v", text.LineAt(data, int(syntax.Offset)), syntax)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// checkHeader is the lenient first look at a file, which is one JSON
// value: is it an object whose "format" is recall-deck, of a format
// version this recall reads? Everything else in the object is skipped
// unread, so a file from a newer recall gets a message that says so rather
// than a complaint about fields this one does not know.
func checkHeader(data []byte) error {
	first, err := json.NewDecoder(bytes.NewReader(data)).Token()
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err) // checkSyntax has passed
	}
	if first != json.Delim('{') {
		return fmt.Errorf("not a recall deck file: it is %s, not a JSON object", tokenKind(first))
	}
	var h struct {
		Format        json.RawMessage `json:"format"`
		FormatVersion json.RawMessage `json:"format_version"`
	}
	if err := json.Unmarshal(data, &h); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	var format string
	if json.Unmarshal(h.Format, &format) != nil || format != sharedFormatName {
		return fmt.Errorf("not a recall deck file (its \"format\" is not %q)", sharedFormatName)
	}
	version := string(h.FormatVersion)
	if version == "" || strings.ContainsAny(version[:1], `{["`) {
		return errors.New("format_version: missing or not a number")
	}
	n, err := strconv.ParseUint(version, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return &newerFormatError{version: quoteShort(version, 24)}
	case err != nil:
		return fmt.Errorf("format_version: want a whole number, got %s", quoteShort(version, 24))
	case n > FormatVersion:
		return &newerFormatError{version: version}
	case n < 1:
		return fmt.Errorf("format_version: %d is not a deck format version", n)
	}
	return nil
}

// decodeDeck decodes and validates the deck, raw, which starts at offset
// start of the file data.
func decodeDeck(data []byte, start int, raw []byte) (Deck, error) {
	if _, err := checkShape(data, start, false); err != nil {
		return Deck{}, err
	}
	var dj sharedDeckJSON
	if err := decodeStrict(raw, &dj); err != nil {
		return Deck{}, err
	}
	d := Deck{Name: dj.Name, Description: dj.Description, Version: dj.Version, Date: dj.Date, Author: dj.Author,
		Cards: make([]deck.Card, len(dj.Cards))}
	for i, cj := range dj.Cards {
		c := deck.Card{ID: cj.ID, Kind: deck.Kind(cj.Kind), Deck: d.Name, Front: cj.Front, Back: cj.Back, Term: cj.Term, Note: cj.Note,
			Order: cj.Order, Tags: nilIfEmpty(cj.Tags), Siblings: nilIfEmpty(cj.Siblings)}
		for _, s := range cj.Sources {
			c.Sources = append(c.Sources, deck.Source(s))
		}
		if p := checkCard(i+1, &c); p != nil {
			return Deck{}, p.errorAt(data, locate(data, start, p.at.path()))
		}
		d.Cards[i] = c
	}
	if p := checkDeckFields(&d); p != nil {
		return Deck{}, p.errorAt(data, locate(data, start, p.at.path()))
	}
	if p := checkCardSet(d.Cards); p != nil {
		return Deck{}, p.errorAt(data, locate(data, start, p.at.path()))
	}
	slices.SortFunc(d.Cards, compareCards)
	return d, nil
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// at says where in a deck file something is, for messages: a top-level or
// deck field ("deck.name"), or a card's field, list element and subfield
// ("card 3 (id 0a1b2c3d4e5f): sources[2].url").
type at struct {
	card  int    // 1-based index of the card in the file; 0 outside cards
	id    string // the card's ID once it is known to be a valid one
	field string
	index int    // 1-based element of a list field; 0 for the field itself
	sub   string // field of that element
}

func (a at) String() string {
	var b strings.Builder
	if a.card > 0 {
		fmt.Fprintf(&b, "card %d", a.card)
		if a.id != "" {
			fmt.Fprintf(&b, " (id %s)", a.id)
		}
	}
	if a.field != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(a.field)
		if a.index > 0 {
			fmt.Fprintf(&b, "[%d]", a.index)
		}
		if a.sub != "" {
			b.WriteString("." + a.sub)
		}
	}
	return b.String()
}

// path returns where in the file the value a is about is: the steps from
// the top-level object into the deck.
func (a at) path() []step {
	p := []step{{key: "deck"}}
	if a.card == 0 {
		if f, ok := strings.CutPrefix(a.field, "deck."); ok {
			p = append(p, step{key: f})
		}
		return p
	}
	p = append(p, step{key: "cards"}, step{index: a.card - 1})
	if a.field != "" {
		p = append(p, step{key: a.field})
	}
	if a.index > 0 {
		p = append(p, step{index: a.index - 1})
	}
	if a.sub != "" {
		p = append(p, step{key: a.sub})
	}
	return p
}

// problem is a rule a deck breaks, found by the checks Encode and
// Decode share.
type problem struct {
	at
	msg string
}

func (p problem) String() string {
	if where := p.at.String(); where != "" {
		return where + ": " + p.msg
	}
	return p.msg
}

// errorAt returns the problem as an error naming the line of off in data.
func (p *problem) errorAt(data []byte, off int) error {
	return fmt.Errorf("line %d: %s", text.LineAt(data, off), p)
}

// checkDeckFields checks the deck's own fields and its number of cards.
func checkDeckFields(d *Deck) *problem {
	deckField := func(name, msg string) *problem { return &problem{at: at{field: "deck." + name}, msg: msg} }
	if msg := checkText(d.Name, MaxShortFieldBytes, false, true); msg != "" {
		return deckField("name", msg)
	}
	if msg := checkText(d.Description, MaxDescriptionBytes, true, false); msg != "" {
		return deckField("description", msg)
	}
	if d.Version < 1 {
		return deckField("version", "missing or 0; versions start at 1")
	}
	if msg := checkDate(d.Date); msg != "" {
		return deckField("date", msg)
	}
	if msg := checkText(d.Author, MaxShortFieldBytes, false, false); msg != "" {
		return deckField("author", msg)
	}
	switch {
	case len(d.Cards) == 0:
		return deckField("cards", "no cards; a deck file has at least one")
	case len(d.Cards) > MaxCards:
		return deckField("cards", fmt.Sprintf("%d cards; at most %d", len(d.Cards), MaxCards))
	}
	return nil
}

func checkDate(s string) string {
	if s == "" {
		return "missing; want YYYY-MM-DD"
	}
	t, err := time.Parse(sharedDateLayout, s)
	if err != nil || t.Format(sharedDateLayout) != s {
		return fmt.Sprintf("%s is not a date in the form YYYY-MM-DD", quoteShort(s, 24))
	}
	return ""
}

// checkCard checks one card on its own; n is its 1-based index.
func checkCard(n int, c *deck.Card) *problem {
	a := at{card: n}
	bad := func(field string, msg string) *problem {
		a.field = field
		return &problem{at: a, msg: msg}
	}
	if !validSharedID(c.ID) {
		if c.ID == "" {
			return bad("id", "missing")
		}
		return bad("id", fmt.Sprintf("%s is not a card ID (%d to %d characters 0-9, a-f)", quoteShort(c.ID, 24), minSharedIDLen, maxSharedIDLen))
	}
	a.id = c.ID
	switch c.Kind {
	case deck.KindTerm, deck.KindList, deck.KindReverse, deck.KindCloze, deck.KindFormula:
	default:
		return bad("kind", fmt.Sprintf("%s is not a card kind (%q, %q, %q, %q or %q)", quoteShort(string(c.Kind), 24),
			deck.KindTerm, deck.KindList, deck.KindReverse, deck.KindCloze, deck.KindFormula))
	}
	if msg := checkText(c.Front, MaxCardTextBytes, true, true); msg != "" {
		return bad("front", msg)
	}
	if msg := checkText(c.Back, MaxCardTextBytes, true, true); msg != "" {
		return bad("back", msg)
	}
	if msg := checkText(c.Term, MaxShortFieldBytes, false, false); msg != "" {
		return bad("term", msg)
	}
	if msg := checkText(c.Note, MaxShortFieldBytes, false, false); msg != "" {
		return bad("note", msg)
	}
	if c.Order < 0 {
		return bad("order", fmt.Sprintf("%d; want 0 or more", c.Order))
	}
	if len(c.Tags) > MaxCardListLen {
		return bad("tags", fmt.Sprintf("%d tags; at most %d", len(c.Tags), MaxCardListLen))
	}
	for i, t := range c.Tags {
		if msg := checkText(t, MaxShortFieldBytes, false, false); msg != "" {
			p := bad("tags", msg)
			p.index = i + 1
			return p
		}
	}
	if len(c.Siblings) > MaxCardListLen {
		return bad("siblings", fmt.Sprintf("%d siblings; at most %d", len(c.Siblings), MaxCardListLen))
	}
	for i, s := range c.Siblings {
		if !validSharedID(s) {
			p := bad("siblings", fmt.Sprintf("%s is not a card ID", quoteShort(s, 24)))
			p.index = i + 1
			return p
		}
		if s == c.ID {
			p := bad("siblings", "the card's own ID; a card cannot be its own sibling")
			p.index = i + 1
			return p
		}
	}
	if len(c.Sources) > MaxCardListLen {
		return bad("sources", fmt.Sprintf("%d sources; at most %d", len(c.Sources), MaxCardListLen))
	}
	for i, s := range c.Sources {
		if sub, msg := checkSource(s); msg != "" {
			p := bad("sources", msg)
			p.index, p.sub = i+1, sub
			return p
		}
	}
	return nil
}

// checkSource checks one source of a card, returning the subfield at fault.
func checkSource(s deck.Source) (field, msg string) {
	for _, f := range []struct{ name, text string }{{"file", s.File}, {"title", s.Title}, {"section", s.Section}, {"url", s.URL}} {
		if msg := checkText(f.text, MaxShortFieldBytes, false, false); msg != "" {
			return f.name, msg
		}
	}
	if s.Line < 0 {
		return "line", fmt.Sprintf("%d; want 0 or more", s.Line)
	}
	if s.URL != "" {
		if msg := checkURL(s.URL); msg != "" {
			return "url", msg
		}
	}
	return "", ""
}

// checkURL allows http and https links with a host and no user name: a
// review screen shows the link for the user to open, so a javascript:,
// file: or data: link, or one that reads as another host
// ("https://youtube.com@evil.example"), must not come from a deck file.
func checkURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "not a valid URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("scheme %s is not http or https", quoteShort(u.Scheme, 24))
	case u.Host == "":
		return "no host"
	case u.User != nil:
		return "has a user name; a link to a video has none"
	}
	return ""
}

// checkCardSet checks what concerns several cards: IDs unique, siblings
// among the file's cards. Cards are numbered from 1 in the order given.
func checkCardSet(cards []deck.Card) *problem {
	index := make(map[string]int, len(cards))
	for i, c := range cards {
		if first, dup := index[c.ID]; dup {
			return &problem{at: at{card: i + 1, id: c.ID, field: "id"}, msg: fmt.Sprintf("also the ID of card %d", first)}
		}
		index[c.ID] = i + 1
	}
	for i, c := range cards {
		for j, s := range c.Siblings {
			if _, ok := index[s]; !ok {
				return &problem{at: at{card: i + 1, id: c.ID, field: "siblings", index: j + 1},
					msg: fmt.Sprintf("no card with ID %s in this deck file", s)}
			}
		}
	}
	return nil
}

// validSharedID reports whether s is a card ID a deck file may carry.
func validSharedID(s string) bool {
	if len(s) < minSharedIDLen || len(s) > maxSharedIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// checkText checks a text field: its length in bytes, valid UTF-8, and no
// character that could act on a terminal or hide what the text says. A
// deck file's text ends up on other people's screens, so C0 and C1
// controls (escape sequences among them), DEL and the bidirectional
// overrides and isolates are refused, except line feed and tab where
// multiline allows them. With required, the text must not be blank.
func checkText(s string, maxBytes int, multiline, required bool) string {
	if len(s) > maxBytes {
		return fmt.Sprintf("too long: %d bytes; at most %d", len(s), maxBytes)
	}
	if required && strings.TrimSpace(s) == "" {
		if s == "" {
			return "missing or empty"
		}
		return "blank"
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return "not valid UTF-8"
			}
		case r == '\n' || r == '\t':
			if !multiline {
				if r == '\n' {
					return "has a line break; it must be one line"
				}
				return "has a tab"
			}
		case r == 0x1b:
			return "has the control character U+001B (escape), which could send commands to a terminal"
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return fmt.Sprintf("has the control character U+%04X", r)
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("has the bidirectional control U+%04X, which makes text display in another order than it reads", r)
		}
	}
	return ""
}

// quoteShort quotes at most the first n bytes of s (cut at a character
// boundary), with Go escapes for anything not printable, and marks a cut
// with "…". Messages use it for text from untrusted files and users.
func quoteShort(s string, n int) string {
	if len(s) <= n {
		return strconv.Quote(s)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// skipSpace returns the offset of the first byte at or after off that is
// not JSON white space.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}
