// Package deck holds recall's card model and the merge of a fresh set of
// generated cards into the cards a user already has. The formats cards
// travel in live beside it: deck/deckfile (the shareable signed deck file
// and the rules for taking its versions), deck/anki (Anki's text import)
// and deck/apkg (Anki packages).
//
// The package is pure: it does no I/O.
package deck

import "strings"

// Kind says how a card was made from its note.
type Kind string

// The card kinds recall generates.
const (
	// KindTerm asks for the meaning of a bold term from a list item.
	KindTerm Kind = "term"
	// KindList asks to enumerate the items of a list under a heading or lead-in.
	KindList Kind = "list"
	// KindReverse shows a term card's definition and asks for the term.
	KindReverse Kind = "reverse"
	// KindCloze shows a sentence of the note with its key span hidden and
	// asks for the span; a step of a long procedure is asked the same way,
	// as the step hidden after the one before it.
	KindCloze Kind = "cloze"
	// KindFormula asks for a display formula from what it computes.
	KindFormula Kind = "formula"
)

// Source points back to the place in a note that a card was made from.
type Source struct {
	File    string `json:"file"`    // path of the note as it was given (slash-separated)
	Line    int    `json:"line"`    // 1-based line of the item in File
	Title   string `json:"title"`   // note title from the front matter
	Section string `json:"section"` // heading path inside the note, joined with " › "
	URL     string `json:"url"`     // video URL at the item's timestamp, or ""
}

// Card is one flashcard, independent of its schedule.
type Card struct {
	// ID is stable across rewording of the answer, reordering of items and
	// moving an item between sections of a note; see package content.
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Deck string `json:"deck"`
	// Front and Back are clean text: no HTML, no wiki links, no timestamps.
	// Emphasis survives only as *light* markdown.
	Front string `json:"front"`
	Back  string `json:"back"`
	// ContextCue is the short cue the question is asked in ("DORA metrics ›
	// Elite benchmarks") and Question the question alone; Front is the two
	// joined by " — ", as a learner sees the card with nothing else shown.
	// Cards stored before these fields existed have them empty: see
	// FrontParts.
	ContextCue string `json:"context"`
	Question   string `json:"question"`
	// Term is the bare term (term and reverse cards) or the heading or
	// lead-in (list cards) the card asks about, used to relink cards whose
	// ID changed.
	Term string `json:"-"`
	// Note identifies the note the card came from first (its slug), used to
	// relink cards whose ID changed and for tags.
	Note string `json:"-"`
	// Order is the card's position in the deck in note order; new cards are
	// introduced in this order.
	Order int      `json:"-"`
	Tags  []string `json:"tags"`
	// Siblings are IDs of cards that must not be shown on the same day as
	// this one (its reverse card, near-duplicates).
	Siblings []string `json:"siblings"`
	Sources  []Source `json:"sources"`
}

// FrontParts returns the card's context cue and question. Cards without the two
// fields (stored before they existed, or written by hand) are split at the
// first " — " of their front; a front without one is all question.
func (c Card) FrontParts() (context, question string) {
	if c.Question != "" {
		return c.ContextCue, c.Question
	}
	if ctx, q, ok := strings.Cut(c.Front, " — "); ok && strings.TrimSpace(q) != "" {
		return ctx, q
	}
	return "", c.Front
}

// Context returns the card's first source as "title › section", the context
// shown above a card during review.
func (c Card) Context() string {
	if len(c.Sources) == 0 {
		return ""
	}
	s := c.Sources[0]
	if s.Section == "" {
		return s.Title
	}
	if s.Title == "" {
		return s.Section
	}
	return s.Title + " › " + s.Section
}
