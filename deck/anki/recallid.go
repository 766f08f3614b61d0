package anki

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// RecallIDField is the name of the hidden field of recall's note type (no
// template shows it) that says which recall cards a note's Anki cards are:
// their recall IDs, their deck and its identity, and their siblings. It is
// the one place of a package that survives a trip through a real Anki,
// which keeps every field of a note; `recall import-anki` reads it to give
// the cards back their own IDs instead of making new ones.
const RecallIDField = "RecallID"

// recallIDPrefix starts every RecallID field recall writes, and names its
// version: a field without it is not recall's and is ignored.
const recallIDPrefix = "recall:1"

// Bounds on what a RecallID field may hold, so a hostile package cannot
// make import-anki hold or store more than a real export would.
const (
	// MaxRecallIDFieldBytes bounds the whole field.
	MaxRecallIDFieldBytes = 64 << 10
	// MaxSiblings bounds the siblings of one card.
	MaxSiblings = 512
	// maxIDBytes bounds one card ID, as the store does.
	maxIDBytes = 128
	// maxNameBytes bounds the deck name and its identity.
	maxNameBytes = 1024
	// maxNoteCards is the most cards one note of recall's type makes: the
	// card and its reverse card.
	maxNoteCards = 2
)

// RecallID is what the RecallID field of a note says.
type RecallID struct {
	// Deck is the recall deck the note's cards are in, and Identity the
	// deck's identity, which seeds the IDs of cards made from its notes;
	// empty when it is the deck's name.
	Deck, Identity string
	// Cards are the recall cards behind the note's Anki cards, by card
	// ordinal.
	Cards []RecallIDCard
}

// RecallIDCard is one card of a RecallID.
type RecallIDCard struct {
	ID string
	// Siblings are the IDs of the cards recall holds back on the day this
	// one is shown (deck.Card.Siblings).
	Siblings []string
	// Order is the card's place in its deck's note order (deck.Card.Order),
	// which new cards are introduced in; -1 when the field does not say.
	Order int
	// Sched, in a package with progress, is what Anki's columns cannot say
	// of the card's schedule; nil for a card never reviewed.
	Sched *RecallSched
}

// RecallSched is the part of a reviewed card's SM-2 schedule that Anki has
// no column for. It holds only while Anki's review count for the card is
// still AnkiReps: a card reviewed in Anki since has Anki's schedule.
type RecallSched struct {
	// AnkiReps is the reps column the package gave the card.
	AnkiReps int64
	// Reps is SM-2's repetition count n (Anki's reps counts every review).
	Reps int
	// LastReview is the time of the card's last review, BuriedUntil the end
	// of its burial (zero if never buried); both to the second or finer.
	LastReview, BuriedUntil time.Time
}

// Bounds on a RecallSched's numbers.
const (
	maxSchedCount = 10_000_000
	maxSchedUnix  = 32_503_680_000 // 3000-01-01 in seconds
)

func (s RecallSched) field() string {
	unixMilli := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixMilli()
	}
	return fmt.Sprintf("%d.%d.%d.%d", s.AnkiReps, s.Reps, unixMilli(s.LastReview), unixMilli(s.BuriedUntil))
}

func parseSched(value string) (*RecallSched, error) {
	parts := strings.Split(value, ".")
	if len(parts) != 4 {
		return nil, errors.New("not four numbers")
	}
	var n [4]int64
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		limit := int64(maxSchedCount)
		if i >= 2 {
			limit = maxSchedUnix * 1000
		}
		if err != nil || v < 0 || v > limit || strconv.FormatInt(v, 10) != p {
			return nil, fmt.Errorf("%q is not a number from 0 to %d", shorten(p), limit)
		}
		n[i] = v
	}
	at := func(ms int64) time.Time {
		if ms == 0 {
			return time.Time{}
		}
		return time.UnixMilli(ms).UTC()
	}
	return &RecallSched{AnkiReps: n[0], Reps: int(n[1]), LastReview: at(n[2]), BuriedUntil: at(n[3])}, nil
}

// Field writes r as a RecallID field: "recall:1", then space-separated
// key=value pairs, every value query-escaped so that it holds no space,
// and nothing HTML would read as markup:
//
//	recall:1 deck=Building+trust card0=6db2113a7014 siblings0=7943df0df5d5,917e58a5e893 card1=…
//
// identity= follows deck= when the identity is not the deck's name; orderN=
// gives a card's place in its deck's note order;
// schedN=ANKIREPS.REPS.LASTREVIEW.BURIEDUNTIL (times in Unix milliseconds,
// 0 for none) follows a reviewed card's siblings in a package with
// progress.
func (r RecallID) Field() string {
	var b strings.Builder
	b.WriteString(recallIDPrefix)
	b.WriteString(" deck=" + url.QueryEscape(r.Deck))
	if r.Identity != "" && r.Identity != r.Deck {
		b.WriteString(" identity=" + url.QueryEscape(r.Identity))
	}
	for ord, c := range r.Cards {
		n := strconv.Itoa(ord)
		b.WriteString(" card" + n + "=" + url.QueryEscape(c.ID))
		if len(c.Siblings) > 0 {
			escaped := make([]string, len(c.Siblings))
			for i, s := range c.Siblings {
				escaped[i] = url.QueryEscape(s)
			}
			b.WriteString(" siblings" + n + "=" + strings.Join(escaped, ","))
		}
		if c.Order >= 0 {
			b.WriteString(" order" + n + "=" + strconv.Itoa(c.Order))
		}
		if c.Sched != nil {
			b.WriteString(" sched" + n + "=" + c.Sched.field())
		}
	}
	return b.String()
}

// FieldHTML is Field as a note's field holds it.
func (r RecallID) FieldHTML() string { return html.EscapeString(r.Field()) }

// ParseRecallID reads a RecallID field, given as clean text (HTML already
// decoded). A field that does not start with recall's prefix is not one
// recall wrote: ok is false and err nil, and its cards are treated as any
// Anki card. A field that does, but is malformed (an unknown key, an empty
// or overlong ID, a control character, too many siblings, a card number out
// of range) is an error: the package claims recall IDs it cannot back.
func ParseRecallID(field string) (r RecallID, ok bool, err error) {
	field = strings.TrimSpace(field)
	rest, found := strings.CutPrefix(field, recallIDPrefix)
	if !found || (rest != "" && rest[0] != ' ') {
		return RecallID{}, false, nil
	}
	if len(field) > MaxRecallIDFieldBytes {
		return RecallID{}, true, fmt.Errorf("%s field: %d bytes, more than %d", RecallIDField, len(field), MaxRecallIDFieldBytes)
	}
	cards := make([]RecallIDCard, maxNoteCards)
	for i := range cards {
		cards[i].Order = -1
	}
	seen := map[string]bool{}
	for _, pair := range strings.Fields(rest) {
		key, value, found := strings.Cut(pair, "=")
		if !found {
			return RecallID{}, true, fmt.Errorf("%s field: %q is not key=value", RecallIDField, shorten(pair))
		}
		if seen[key] {
			return RecallID{}, true, fmt.Errorf("%s field: %q given twice", RecallIDField, shorten(key))
		}
		seen[key] = true
		switch {
		case key == "deck" || key == "identity":
			name, err := unescapeName(value)
			if err != nil {
				return RecallID{}, true, fmt.Errorf("%s field: %s: %w", RecallIDField, key, err)
			}
			if key == "deck" {
				r.Deck = name
			} else {
				r.Identity = name
			}
		case strings.HasPrefix(key, "card") || strings.HasPrefix(key, "siblings") || strings.HasPrefix(key, "sched") || strings.HasPrefix(key, "order"):
			word := "card"
			for _, w := range []string{"siblings", "sched", "order"} {
				if strings.HasPrefix(key, w) {
					word = w
				}
			}
			ord, err := strconv.Atoi(strings.TrimPrefix(key, word))
			if err != nil || ord < 0 || ord >= maxNoteCards || strconv.Itoa(ord) != strings.TrimPrefix(key, word) {
				return RecallID{}, true, fmt.Errorf("%s field: %q: recall's notes have cards 0 and 1 only", RecallIDField, shorten(key))
			}
			if word == "card" {
				id, err := unescapeID(value)
				if err != nil {
					return RecallID{}, true, fmt.Errorf("%s field: %s: %w", RecallIDField, key, err)
				}
				cards[ord].ID = id
				continue
			}
			if word == "order" {
				order, err := strconv.Atoi(value)
				if err != nil || order < 0 || order > maxSchedCount || strconv.Itoa(order) != value {
					return RecallID{}, true, fmt.Errorf("%s field: %s: %q is not a number from 0 to %d", RecallIDField, key, shorten(value), maxSchedCount)
				}
				cards[ord].Order = order
				continue
			}
			if word == "sched" {
				sched, err := parseSched(value)
				if err != nil {
					return RecallID{}, true, fmt.Errorf("%s field: %s: %w", RecallIDField, key, err)
				}
				cards[ord].Sched = sched
				continue
			}
			parts := strings.Split(value, ",")
			if len(parts) > MaxSiblings {
				return RecallID{}, true, fmt.Errorf("%s field: %s: %d siblings, more than %d", RecallIDField, key, len(parts), MaxSiblings)
			}
			for _, p := range parts {
				id, err := unescapeID(p)
				if err != nil {
					return RecallID{}, true, fmt.Errorf("%s field: %s: %w", RecallIDField, key, err)
				}
				cards[ord].Siblings = append(cards[ord].Siblings, id)
			}
		default:
			return RecallID{}, true, fmt.Errorf("%s field: unknown key %q", RecallIDField, shorten(key))
		}
	}
	if r.Deck == "" {
		return RecallID{}, true, fmt.Errorf("%s field: no deck", RecallIDField)
	}
	if r.Identity == "" {
		r.Identity = r.Deck
	}
	for len(cards) > 0 && cards[len(cards)-1].ID == "" {
		if last := cards[len(cards)-1]; len(last.Siblings) > 0 || last.Sched != nil || last.Order >= 0 {
			return RecallID{}, true, fmt.Errorf("%s field: siblings%d, order%d or sched%d without card%d", RecallIDField, len(cards)-1, len(cards)-1, len(cards)-1, len(cards)-1)
		}
		cards = cards[:len(cards)-1]
	}
	for ord, c := range cards {
		if c.ID == "" {
			return RecallID{}, true, fmt.Errorf("%s field: no card%d", RecallIDField, ord)
		}
	}
	if len(cards) == 0 {
		return RecallID{}, true, fmt.Errorf("%s field: no card0", RecallIDField)
	}
	if len(cards) == 2 && cards[0].ID == cards[1].ID {
		return RecallID{}, true, fmt.Errorf("%s field: card0 and card1 are both %q", RecallIDField, cards[0].ID)
	}
	r.Cards = cards
	return r, true, nil
}

// ValidID reports whether id can be a recall card ID taken from a package:
// 1 to 128 bytes of printable ASCII, no spaces. recall's own IDs (12 hex
// digits) and those of cards it brought in from Anki ("anki:GUID:N") are.
func ValidID(id string) bool {
	if id == "" || len(id) > maxIDBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

func unescapeID(value string) (string, error) {
	id, err := url.QueryUnescape(value)
	if err != nil {
		return "", errors.New("not escaped as recall escapes it")
	}
	if !ValidID(id) {
		return "", fmt.Errorf("%q is not a card ID (1 to %d bytes of printable ASCII, no spaces)", shorten(id), maxIDBytes)
	}
	return id, nil
}

func unescapeName(value string) (string, error) {
	name, err := url.QueryUnescape(value)
	switch {
	case err != nil:
		return "", errors.New("not escaped as recall escapes it")
	case strings.TrimSpace(name) == "":
		return "", errors.New("empty")
	case len(name) > maxNameBytes:
		return "", fmt.Errorf("%d bytes, more than %d", len(name), maxNameBytes)
	case cleanText(name) != name || strings.ContainsAny(name, "\t\n"):
		return "", fmt.Errorf("%q holds control characters or invalid UTF-8", shorten(name))
	}
	return name, nil
}

func shorten(s string) string { return truncate(strings.ToValidUTF8(s, "\uFFFD"), 40) }
