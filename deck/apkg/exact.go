package apkg

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
)

// A package recall writes keeps, in each note's data column (which Anki
// leaves unused and does not import), the note's cards and schedules
// exactly as recall had them: exactNote. Anki's columns cannot hold all of
// it (a card's kind, its reverse question, the exact time of its last
// review, FSRS's memory state, the SM-2 repetition count beside Anki's
// review count), so without it a round trip through a package would come
// back close but not equal.
//
// It is only believed while the package still says what recall wrote: the
// note carries a fingerprint of its fields and tags, each card one of its
// schedule columns and its review rows. A note edited since (say by a tool
// that keeps the column) comes back from its fields, a card reviewed since
// from Anki's schedule, as any package's would.

// exactPrefix starts the data column of every note recall writes.
const exactPrefix = `{"recall":1,`

type exactNote struct {
	Recall  int         `json:"recall"`
	Content string      `json:"content"` // contentFingerprint at export
	Cards   []exactCard `json:"cards"`   // by card ordinal
}

type exactCard struct {
	Kind       deck.Kind       `json:"kind"`
	Front      string          `json:"front"`
	Back       string          `json:"back"`
	ContextCue string          `json:"context,omitempty"`
	Question   string          `json:"question,omitempty"`
	Term       string          `json:"term,omitempty"`
	Note       string          `json:"note,omitempty"`
	Order      int             `json:"order"`
	Tags       []string        `json:"tags,omitempty"`
	Sources    []deck.Source   `json:"sources,omitempty"`
	State      scheduler.State `json:"state"`
	Schedule   string          `json:"schedule"` // scheduleFingerprint at export
	// Log holds, for each of the card's revlog rows in order, what the row
	// cannot: [SM-2 grade (Anki's Again stands for 0, 1 and 2), the review
	// time in nanoseconds after the row's id (which is made unique by a
	// millisecond or two), the answer time in milliseconds (Anki caps it at
	// a minute)].
	Log [][3]int64 `json:"log,omitempty"`
	// Edit is the user's own wording of the card, if any; the card's text
	// above is then its notes' wording.
	Edit *exactEdit `json:"edit,omitempty"`
}

type exactEdit struct {
	Text   deck.Text `json:"text"`
	Base   deck.Text `json:"base"`
	Edited time.Time `json:"edited"`
	Shared bool      `json:"shared,omitempty"`
}

// newExactCard is card c with state st, which edit (nil for none) words.
func newExactCard(c deck.Card, st scheduler.State, edit *Edit) exactCard {
	var e *exactEdit
	if edit != nil {
		c = c.WithText(edit.Notes)
		e = &exactEdit{Text: edit.Text, Base: edit.Base, Edited: edit.Edited.UTC(), Shared: edit.Shared}
	}
	return exactCard{
		Kind: c.Kind, Front: c.Front, Back: c.Back, ContextCue: c.ContextCue, Question: c.Question,
		Term: c.Term, Note: c.Note, Order: c.Order, Tags: c.Tags, Sources: c.Sources, State: st, Edit: e,
	}
}

// card is e as a recall card with the given ID, deck and siblings, worded
// as its notes word it, and its edit.
func (e exactCard) card(id, deckName string, siblings []string) (deck.Card, *Edit) {
	c := deck.Card{
		ID: id, Kind: e.Kind, Deck: deckName, Front: e.Front, Back: e.Back,
		ContextCue: e.ContextCue, Question: e.Question, Term: e.Term, Note: e.Note,
		Order: e.Order, Tags: e.Tags, Siblings: siblings, Sources: e.Sources,
	}
	if e.Edit == nil {
		return c, nil
	}
	return c, &Edit{Notes: deck.TextOf(c), Text: e.Edit.Text, Base: e.Edit.Base, Edited: e.Edit.Edited, Shared: e.Edit.Shared}
}

// contentFingerprint sums what Anki shows and lets one edit of a note: its
// fields and its tags.
func contentFingerprint(fields, tags []string) string {
	return fingerprint(strings.Join(fields, "\x1f") + "\x00" + strings.Join(tags, " "))
}

// scheduleFingerprint sums a card's schedule columns, the collection's
// creation time they count from, and its review rows: a review, a
// reschedule or a move to another collection changes it.
func scheduleFingerprint(crt int64, c AnkiCard, reviews []RevlogEntry) string {
	var b strings.Builder
	for _, v := range []int64{crt, int64(c.Type), int64(c.Queue), c.Due, c.Interval, c.Factor, c.Reps, c.Lapses} {
		b.WriteString(strconv.FormatInt(v, 10) + " ")
	}
	for _, r := range reviews {
		b.WriteString(strconv.FormatInt(r.ID, 10) + ":" + strconv.Itoa(r.Ease) + " ")
	}
	return fingerprint(b.String())
}

func fingerprint(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// parseExactNote reads a note's data column: ok is false for one recall
// did not write (Anki's own notes leave it empty). One that says it is
// recall's but does not hold what recall writes is an error.
func parseExactNote(data string, cards int) (n exactNote, ok bool, err error) {
	if !strings.HasPrefix(data, exactPrefix) {
		return exactNote{}, false, nil
	}
	if err := json.Unmarshal([]byte(data), &n); err != nil {
		return exactNote{}, true, errors.New("recall's data in the note is damaged")
	}
	if n.Recall != 1 || len(n.Cards) == 0 || len(n.Cards) > 2 {
		return exactNote{}, true, fmt.Errorf("recall's data in the note holds %d cards of version %d", len(n.Cards), n.Recall)
	}
	if len(n.Cards) != cards {
		return exactNote{}, true, fmt.Errorf("recall's data in the note holds %d cards, its %s field %d", len(n.Cards), "RecallID", cards)
	}
	for i, c := range n.Cards {
		if err := c.validate(); err != nil {
			return exactNote{}, true, fmt.Errorf("recall's data for card %d of the note: %w", i, err)
		}
	}
	return n, true, nil
}

// Bounds on a card in a note's data, past which it is refused.
const (
	maxExactText    = 64 << 10
	maxExactTags    = 64
	maxExactSources = 16
	maxExactCount   = 1_000_000
	maxExactEF      = 100_000 // EF 1000.00: SM-2 sets no ceiling, recall none either
)

func (c exactCard) validate() error {
	switch c.Kind {
	case deck.KindTerm, deck.KindList, deck.KindReverse, deck.KindCloze, deck.KindFormula:
	default:
		return fmt.Errorf("kind %q is not one recall makes", shorten(string(c.Kind)))
	}
	for _, s := range []string{c.Front, c.Back, c.ContextCue, c.Question, c.Term, c.Note} {
		if len(s) > maxExactText || !validText(s) {
			return errors.New("a text longer than 64 KiB, or with control characters")
		}
	}
	if strings.TrimSpace(c.Front) == "" {
		return errors.New("no question")
	}
	if c.Order < 0 || c.Order > maxExactCount {
		return fmt.Errorf("order %d out of range", c.Order)
	}
	if len(c.Tags) > maxExactTags || len(c.Sources) > maxExactSources {
		return fmt.Errorf("%d tags and %d sources, more than %d and %d", len(c.Tags), len(c.Sources), maxExactTags, maxExactSources)
	}
	for _, t := range c.Tags {
		if t == "" || len(t) > 200 || !validText(t) || strings.ContainsAny(t, "\t\n") {
			return fmt.Errorf("tag %q", shorten(t))
		}
	}
	for _, s := range c.Sources {
		for _, v := range []string{s.File, s.Title, s.Section, s.URL} {
			if len(v) > 4096 || !validText(v) {
				return errors.New("a source longer than 4 KiB, or with control characters")
			}
		}
		if s.Line < 0 || s.Line > maxExactCount*100 {
			return fmt.Errorf("source line %d out of range", s.Line)
		}
		if s.URL != "" {
			if _, ok := safeLink(s.URL); !ok {
				return fmt.Errorf("source link %q is not an http(s) link", shorten(s.URL))
			}
		}
	}
	if e := c.Edit; e != nil {
		for _, t := range []deck.Text{e.Text, e.Base} {
			for _, s := range []string{t.Context, t.Question, t.Answer} {
				if len(s) > maxExactText || !validText(s) {
					return errors.New("an edit longer than 64 KiB, or with control characters")
				}
			}
			if strings.TrimSpace(t.Question) == "" {
				return errors.New("an edit without a question")
			}
		}
		if e.Edited.Year() < 1970 || e.Edited.Year() > 3000 {
			return errors.New("an edit made before 1970 or after 3000")
		}
	}
	for _, e := range c.Log {
		if !scheduler.Grade(e[0]).Valid() || e[1] < -maxLogShift || e[1] > maxLogShift || e[2] < 0 || e[2] > maxAnswerLogged {
			return fmt.Errorf("review %v out of range", e)
		}
	}
	return validState(c.State)
}

// Bounds on a review in a note's data: how far its time may lie from its
// revlog id, and its answer time.
const (
	maxLogShift     = int64(time.Hour)
	maxAnswerLogged = int64(time.Hour / time.Millisecond)
)

// exactReviews are the card's reviews as its note's data gives them, for
// the answered revlog rows hist, or nil when they do not match the rows
// (another count, a grade on another button).
func (c exactCard) exactReviews(hist []RevlogEntry) [][3]int64 {
	if len(c.Log) != len(hist) {
		return nil
	}
	for i, e := range c.Log {
		if ease(scheduler.Grade(e[0])) != int64(hist[i].Ease) {
			return nil
		}
	}
	return c.Log
}

// validText is valid UTF-8 without control characters but tab and line feed.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

// validState refuses a schedule recall could not have made.
func validState(st scheduler.State) error {
	inTime := func(t time.Time) bool { return t.IsZero() || (t.Year() >= 1970 && t.Year() <= 3000) }
	switch {
	case st.EF < scheduler.MinimumEF || st.EF > maxExactEF:
		return fmt.Errorf("EF %d out of range", st.EF)
	case st.IntervalDays < 0 || st.IntervalDays > scheduler.MaxIntervalDays:
		return fmt.Errorf("interval %d days out of range", st.IntervalDays)
	case st.Reps < 0 || st.Reps > maxExactCount || st.Lapses < 0 || st.Lapses > maxExactCount:
		return fmt.Errorf("reps %d or lapses %d out of range", st.Reps, st.Lapses)
	case !inTime(st.Due) || !inTime(st.LastReview) || !inTime(st.BuriedUntil):
		return errors.New("a time before 1970 or after 3000")
	case st.IsNew() && (!st.Due.IsZero() || st.Reps != 0 || st.Lapses != 0 || st.IntervalDays != 0 || st.Redrill):
		return errors.New("a schedule for a card never reviewed")
	case st.Algorithm != "" && st.Algorithm != scheduler.SM2 && st.Algorithm != scheduler.FSRS:
		return fmt.Errorf("scheduler %q unknown", shorten(string(st.Algorithm)))
	case !(st.Difficulty >= 0 && st.Difficulty <= 10) || !(st.Stability >= 0 && st.Stability <= 1e7) || math.IsInf(st.Stability, 0):
		return errors.New("FSRS memory state out of range")
	}
	return nil
}

// shorten is s made printable and short, for an error message.
func shorten(s string) string { return text.Truncate(strings.ToValidUTF8(s, "\uFFFD"), 40) }
