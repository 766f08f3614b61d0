// Package team is recall's opt-in team insight: the progress file a member
// exports (per-card aggregates of one deck, no card text, nothing finer than
// a day) and the report a manager builds from several of them.
//
// A progress file comes from someone else's machine, so DecodeProgress
// treats it as hostile: the size, the number of cards and every field are
// bounded and checked before anything is counted or shown. The package is
// pure: it does no I/O and knows nothing of terminals or the store.
package team

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The progress file format.
const (
	// FormatName is the value of the "format" field.
	FormatName = "recall-progress"
	// FormatVersion is the version this recall writes and the newest it reads.
	FormatVersion = 1
)

// Bounds on a progress file. They are far above what a real deck reaches
// (a year of daily drilling is a few thousand reviews) and low enough that a
// hostile file cannot exhaust memory or overflow a sum over a team.
const (
	MaxFileBytes    = 8 << 20
	MaxCards        = 50000
	MaxReviews      = 10_000_000
	MaxIntervalDays = 36500 // scheduler.MaxIntervalDays: 100 years
	MinEF           = 1.3
	MaxEF           = 10.0
	MaxNameBytes    = 200
	minIDLen        = 8
	maxIDLen        = 64
	dayLayout       = "2006-01-02"
)

// Progress is one member's progress on one deck.
type Progress struct {
	// Deck is the name of the deck in the member's store.
	Deck string
	// DeckVersion is the version of the shared deck the member is
	// subscribed to, 0 when the deck is not a subscribed shared deck.
	DeckVersion uint64
	// Member is the name the member chose to export under (--as), or "".
	Member string
	// Day is the export's review day in the member's zone, YYYY-MM-DD.
	Day string
	// Cards lists every active card of the deck, reviewed or not, so a
	// report knows what a member has not started as well as what they have.
	Cards []CardProgress
}

// CardProgress is one card's aggregates.
type CardProgress struct {
	ID           string
	Reviews      int     // every review of the card, re-drills included
	Lapses       int     // failures after having succeeded
	IntervalDays int     // the current SM-2 interval
	EF           float64 // the current easiness factor, e.g. 2.36
	// LastGrade is the grade of the latest review; nil if never reviewed.
	LastGrade *int
	// LastReview is the review day of the latest review, YYYY-MM-DD, or ""
	// if never reviewed.
	LastReview string
}

// Reviewed reports whether the member has reviewed the card at all.
func (c CardProgress) Reviewed() bool { return c.Reviews > 0 }

// Learned reports whether the member has learned the card: reviewed, and
// scheduled at least a day ahead (a failed card's interval is 0).
func (c CardProgress) Learned() bool { return c.Reviews > 0 && c.IntervalDays >= 1 }

// fileHeader is read first, leniently, so that a file from a newer recall
// is answered with "upgrade" rather than with its first unknown field.
type fileHeader struct {
	Format        string `json:"format"`
	FormatVersion *int   `json:"format_version"`
}

// fileJSON is the whole file as it is stored.
type fileJSON struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	Deck          string    `json:"deck"`
	DeckVersion   uint64    `json:"deck_version,omitempty"`
	Member        string    `json:"member,omitempty"`
	Day           string    `json:"day"`
	Cards         *cardList `json:"cards"`
}

// cardJSON is one card as it is stored.
type cardJSON struct {
	ID           string  `json:"id"`
	Reviews      int     `json:"reviews"`
	Lapses       int     `json:"lapses"`
	IntervalDays int     `json:"interval_days"`
	EF           float64 `json:"ef"`
	LastGrade    *int    `json:"last_grade,omitempty"`
	LastReview   string  `json:"last_review,omitempty"`
}

// cardList decodes the cards array one element at a time, so an 8 MiB file
// of empty objects is refused at card MaxCards+1 instead of being held in
// memory whole, and so errors can name the card's index.
type cardList []cardJSON

// UnmarshalJSON decodes the array strictly, stopping after MaxCards.
func (l *cardList) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("cards: %w", jsonError(err))
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("cards: want an array, not %s", describeToken(tok))
	}
	var cards cardList
	for i := 0; dec.More(); i++ {
		if i == MaxCards {
			return fmt.Errorf("cards: more than %d cards", MaxCards)
		}
		var c cardJSON
		if err := dec.Decode(&c); err != nil {
			return fmt.Errorf("cards[%d]: %w", i, jsonError(err))
		}
		cards = append(cards, c)
	}
	if cards == nil {
		cards = cardList{}
	}
	*l = cards
	return nil
}

// jsonError says what the JSON decoder found in terms of the file's fields,
// not of this package's Go types.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		want := "a value of another type"
		switch typeErr.Type.Kind() {
		case reflect.String:
			want = "a string"
		case reflect.Int, reflect.Uint64:
			want = "a whole number in range"
		case reflect.Float64:
			want = "a number in range"
		case reflect.Struct, reflect.Pointer:
			want = "an object"
		case reflect.Slice:
			want = "an array"
		}
		field := typeErr.Field
		if field == "" {
			field = "the file"
		}
		found := typeErr.Value
		if len(found) > 40 {
			found = clip(found) + "…"
		}
		return fmt.Errorf("%s: found %s, want %s", field, found, want)
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return fmt.Errorf("malformed JSON at byte %d: %w", syntaxErr.Offset, err)
	}
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return errors.New("unknown field " + msg)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the JSON ends early")
	}
	return err
}

// describeToken names a JSON token for an error message without echoing a
// hostile string.
func describeToken(tok json.Token) string {
	switch tok.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "an object"
}

// DecodeProgress reads a progress file. It refuses anything but exactly one
// well-formed progress object within the bounds above; errors name the field
// and, for a card, its index and ID. The caller adds the file name.
func DecodeProgress(data []byte) (Progress, error) {
	if len(data) > MaxFileBytes {
		return Progress{}, fmt.Errorf("larger than %d MiB: not a progress file", MaxFileBytes>>20)
	}
	if !utf8.Valid(data) {
		return Progress{}, errors.New("not UTF-8 text: not a progress file")
	}
	var h fileHeader
	if err := json.Unmarshal(data, &h); err != nil {
		return Progress{}, fmt.Errorf("not a progress file: %w", jsonError(err))
	}
	switch {
	case h.Format != FormatName:
		return Progress{}, fmt.Errorf("format is %q, not %q: not a progress file", clip(h.Format), FormatName)
	case h.FormatVersion == nil:
		return Progress{}, errors.New("format_version is missing")
	case *h.FormatVersion > FormatVersion:
		return Progress{}, fmt.Errorf("made by a newer recall; upgrade (format_version %d, this recall reads %d)", *h.FormatVersion, FormatVersion)
	case *h.FormatVersion < 1:
		return Progress{}, fmt.Errorf("format_version %d is not a version recall ever wrote", *h.FormatVersion)
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileJSON
	if err := dec.Decode(&f); err != nil {
		return Progress{}, jsonError(err)
	}
	// The header pass already refused trailing data; this keeps the strict
	// pass correct on its own.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Progress{}, errors.New("more than one JSON value: not a progress file")
	}
	if f.Cards == nil {
		return Progress{}, errors.New("cards is missing")
	}
	p := Progress{Deck: f.Deck, DeckVersion: f.DeckVersion, Member: f.Member, Day: f.Day, Cards: make([]CardProgress, len(*f.Cards))}
	for i, c := range *f.Cards {
		p.Cards[i] = CardProgress(c)
	}
	if err := p.Validate(); err != nil {
		return Progress{}, err
	}
	return p, nil
}

// EncodeProgress writes p as a progress file: deterministic (cards sorted by
// ID, one per line) and ending in a newline. It refuses what DecodeProgress
// would refuse, so recall never writes a file it cannot read back.
func EncodeProgress(p Progress) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	head, err := json.Marshal(fileJSON{
		Format: FormatName, FormatVersion: FormatVersion,
		Deck: p.Deck, DeckVersion: p.DeckVersion, Member: p.Member, Day: p.Day,
	})
	if err != nil {
		return nil, err
	}
	// The header ends in "cards":null}; the cards replace the null.
	head = bytes.TrimSuffix(head, []byte("null}"))
	cards := slices.Clone(p.Cards)
	slices.SortFunc(cards, func(a, b CardProgress) int { return strings.Compare(a.ID, b.ID) })
	var buf bytes.Buffer
	buf.Write(head)
	buf.WriteByte('[')
	for i, c := range cards {
		line, err := json.Marshal(cardJSON(c))
		if err != nil {
			return nil, fmt.Errorf("card %d (%s): %w", i, c.ID, err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n")
		buf.Write(line)
	}
	if len(cards) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]}\n")
	if buf.Len() > MaxFileBytes {
		return nil, fmt.Errorf("the progress file would be larger than %d MiB", MaxFileBytes>>20)
	}
	return buf.Bytes(), nil
}

// Validate checks every bound and rule of the format. Errors name the field
// and, for a card, its index and ID.
func (p Progress) Validate() error {
	if err := CheckName(p.Deck); err != nil {
		return fmt.Errorf("deck: %w", err)
	}
	if p.Member != "" {
		if err := CheckName(p.Member); err != nil {
			return fmt.Errorf("member: %w", err)
		}
	}
	if err := checkDay(p.Day); err != nil {
		return fmt.Errorf("day: %w", err)
	}
	if len(p.Cards) > MaxCards {
		return fmt.Errorf("cards: more than %d cards", MaxCards)
	}
	seen := make(map[string]int, len(p.Cards))
	for i, c := range p.Cards {
		if err := c.validate(); err != nil {
			if checkID(c.ID) == nil {
				return fmt.Errorf("cards[%d] (%s): %w", i, c.ID, err)
			}
			return fmt.Errorf("cards[%d]: %w", i, err)
		}
		if j, dup := seen[c.ID]; dup {
			return fmt.Errorf("cards[%d] (%s): the same ID as cards[%d]", i, c.ID, j)
		}
		seen[c.ID] = i
	}
	return nil
}

// validate checks one card's fields.
func (c CardProgress) validate() error {
	if err := checkID(c.ID); err != nil {
		return fmt.Errorf("id: %w", err)
	}
	switch {
	case c.Reviews < 0 || c.Reviews > MaxReviews:
		return fmt.Errorf("reviews %d is not in 0..%d", c.Reviews, MaxReviews)
	case c.Lapses < 0 || c.Lapses > c.Reviews:
		return fmt.Errorf("lapses %d is not in 0..reviews (%d)", c.Lapses, c.Reviews)
	case c.IntervalDays < 0 || c.IntervalDays > MaxIntervalDays:
		return fmt.Errorf("interval_days %d is not in 0..%d", c.IntervalDays, MaxIntervalDays)
	case !(c.EF >= MinEF && c.EF <= MaxEF): // also refuses NaN
		return fmt.Errorf("ef %g is not in %g..%g", c.EF, MinEF, MaxEF)
	}
	if c.LastGrade != nil {
		switch g := *c.LastGrade; {
		case g < 0 || g > 5:
			return fmt.Errorf("last_grade %d is not in 0..5", g)
		case c.Reviews == 0:
			return errors.New("last_grade given for a card with no reviews")
		}
	}
	if c.LastReview != "" {
		if err := checkDay(c.LastReview); err != nil {
			return fmt.Errorf("last_review: %w", err)
		}
	}
	return nil
}

// CheckName reports whether s may be a deck or member name in a progress
// file: one line of valid UTF-8, not blank, at most MaxNameBytes, with no
// control characters and no bidirectional overrides (which make a name read
// differently from how it displays).
func CheckName(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("empty")
	case len(s) > MaxNameBytes:
		return fmt.Errorf("%q… is longer than %d bytes", clip(s), MaxNameBytes)
	case !utf8.ValidString(s):
		return fmt.Errorf("%q is not valid UTF-8", s)
	case strings.IndexFunc(s, badNameRune) >= 0:
		return fmt.Errorf("%q has control or bidirectional formatting characters", s)
	}
	return nil
}

func badNameRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// checkID accepts 8 to 64 lower-case hex digits, the form of recall's card
// IDs; anything else cannot be a card and is not echoed in full.
func checkID(id string) error {
	if len(id) < minIDLen || len(id) > maxIDLen {
		return fmt.Errorf("%q is not %d to %d hex digits", clip(id), minIDLen, maxIDLen)
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return fmt.Errorf("%q is not %d to %d lower-case hex digits", clip(id), minIDLen, maxIDLen)
		}
	}
	return nil
}

// checkDay accepts a calendar date written YYYY-MM-DD.
func checkDay(s string) error {
	t, err := time.Parse(dayLayout, s)
	if err != nil || t.Format(dayLayout) != s {
		return fmt.Errorf("%q is not a date written YYYY-MM-DD", clip(s))
	}
	return nil
}

// clip shortens a hostile string for an error message; the caller quotes it
// with %q, which escapes anything a terminal could act on.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
