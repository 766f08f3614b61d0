package cli

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/cmd/recall/internal/stats"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// cardStates are the values --state takes, in the order help lists them.
var cardStates = []string{"new", "due", "suspended", "leech", "retired"}

// cardsOptions are the flags of recall cards.
type cardsOptions struct {
	root  *rootOptions
	deck  string
	json  bool
	state string
}

func newCardsCmd(root *rootOptions) *cobra.Command {
	opts := &cardsOptions{root: root}
	cmd := &cobra.Command{
		Use:   "cards [--deck NAME] [--json] [--state new|due|suspended|leech|retired]",
		Short: "List cards with their schedule",
		Long: `List the cards, deck by deck in note order, with their ID, deck, front, due
date, interval and easiness factor (EF). Retired cards (whose item left the
notes) are listed only with --state retired.

--state keeps only the cards that are new (never reviewed), due (in the
review queue now), suspended, leeches (lapsed too often; suspended until you
unsuspend them) or retired.

With --json it prints an array of objects with id, deck, front, back,
state (new, due, scheduled, suspended, leech or retired), reps, ef (e.g.
2.5), interval_days, due (RFC 3339, or null for a new card), lapses,
last_review, suspended, leech, retired, edited (worded your way with recall
edit) and edit_stale (edited, and the notes' text changed since).

A card you edited has a ✎ after its front, ✎! when the notes' text for
it changed since (the mark stays when a narrow terminal cuts the front):
recall edit --show ID prints both texts, recall edit --reset ID goes back
to the notes'.`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runCards(opts) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.deck, "deck", "", "list only this deck")
	f.BoolVar(&opts.json, "json", false, "print JSON")
	f.StringVar(&opts.state, "state", "", "list only cards in this state: "+strings.Join(cardStates, ", "))
	return cmd
}

// cardJSON is one card in recall cards --json.
type cardJSON struct {
	ID           string     `json:"id"`
	Deck         string     `json:"deck"`
	Front        string     `json:"front"`
	Back         string     `json:"back"`
	State        string     `json:"state"`
	Reps         int        `json:"reps"`
	EF           float64    `json:"ef"`
	IntervalDays int        `json:"interval_days"`
	Due          *time.Time `json:"due"`
	Lapses       int        `json:"lapses"`
	LastReview   *time.Time `json:"last_review"`
	Suspended    bool       `json:"suspended"`
	Leech        bool       `json:"leech"`
	Retired      bool       `json:"retired"`
	// Edited: the card is worded as the user edited it (recall edit);
	// EditStale: and the notes' text for it changed since.
	Edited    bool `json:"edited"`
	EditStale bool `json:"edit_stale"`
	// FSRS cards only: stability in days, difficulty 1-10 and today's
	// predicted recall 0-1.
	Stability      *float64 `json:"stability,omitempty"`
	Difficulty     *float64 `json:"difficulty,omitempty"`
	Retrievability *float64 `json:"retrievability,omitempty"`
}

// cardState names where a card stands at now, most telling first.
func cardState(r storage.Record, now time.Time) string {
	s := r.State
	switch {
	case r.Retired:
		return "retired"
	case s.Suspended && s.Leech:
		return "leech"
	case s.Suspended:
		return "suspended"
	case s.IsNew():
		return "new"
	}
	if t, ok := s.QueueTime(); ok && !t.After(now) {
		return "due"
	}
	return "scheduled"
}

// keepCard says whether --state lets a card through.
func keepCard(r storage.Record, filter, state string) bool {
	switch filter {
	case "":
		return !r.Retired
	case "suspended":
		return !r.Retired && r.State.Suspended
	case "leech":
		return !r.Retired && r.State.Leech
	}
	return state == filter
}

func runCards(opts *cardsOptions) error {
	if opts.state != "" && !slices.Contains(cardStates, opts.state) {
		return usagef("--state must be one of %s, not %q", strings.Join(cardStates, ", "), opts.state)
	}
	v, err := opts.root.openRead(opts.deck)
	if err != nil {
		return err
	}
	defer v.Close()
	now, st, cfg := v.now, v.st, v.cfg
	opts.deck = v.deck
	var print func(storage.Record, string) error
	var finish func() error
	if opts.json {
		print, finish = cardsJSONWriter(opts, cfg, now)
	} else {
		print, finish = cardsTableWriter(opts, cfg)
	}
	if st != nil {
		err := st.ForEachCard(opts.deck, func(r storage.Record) error {
			state := cardState(r, now)
			if !keepCard(r, opts.state, state) {
				return nil
			}
			return print(r, state)
		})
		if err != nil {
			return fmt.Errorf("store %q: %w", st.Path(), err)
		}
	}
	return finish()
}

// cardsJSONWriter streams a JSON array, one card at a time, so a large
// deck is never held in memory.
func cardsJSONWriter(opts *cardsOptions, cfg scheduler.Settings, now time.Time) (func(storage.Record, string) error, func() error) {
	list := newJSONList(opts.root.env.Out)
	print := func(r storage.Record, state string) error {
		s := r.State
		c := cardJSON{
			ID: r.Card.ID, Deck: r.Card.Deck, Front: r.Card.Front, Back: r.Card.Back, State: state,
			Reps: s.Reps, EF: s.EF.Float(), IntervalDays: s.IntervalDays, Lapses: s.Lapses,
			Suspended: s.Suspended, Leech: s.Leech, Retired: r.Retired,
			Edited: r.Edit != nil, EditStale: r.EditStale,
		}
		if !s.IsNew() {
			due, last := s.Due.UTC(), s.LastReview.UTC()
			c.Due, c.LastReview = &due, &last
		}
		if s.Algorithm == scheduler.FSRS {
			if p, ok := s.Retrievability(now, cfg, cfg.Scheduling(r.Card.Deck).Model()); ok {
				stability, difficulty, recall := round4(s.Stability), round4(s.Difficulty), round4(p)
				c.Stability, c.Difficulty, c.Retrievability = &stability, &difficulty, &recall
			}
		}
		return list.add(c)
	}
	return print, list.close
}

// frontWidth is how much of a card's front a message shows.
const frontWidth = 50

// tableCell folds untrusted text onto one line and cuts it to width
// display cells, for a value inside a message or a fixed-width column.
func tableCell(s string, width int) string { return text.Truncate(text.OneLine(s), width) }

// cardsTableWriter prints the cards as a table that fits the terminal:
// the front, then the deck name, give up width (the front keeps its end,
// the question). Piped, every value is printed in full.
func cardsTableWriter(opts *cardsOptions, cfg scheduler.Settings) (func(storage.Record, string) error, func() error) {
	table := &text.Table{Shrink: []text.Shrink{{Column: 2, Min: 20, KeepEnd: true}, {Column: 1, Min: 12}}}
	var edited, stale int
	print := func(r storage.Record, state string) error {
		if table.Len() == 0 {
			table.Add("ID", "DECK", "FRONT", "DUE", "INTERVAL", "EF")
		}
		due, interval := state, "-"
		if !r.State.IsNew() {
			due = formatTime(r.State.Due, cfg)[:len("2006-01-02")]
			interval = fmt.Sprintf("%dd", r.State.IntervalDays)
			if state != "due" && state != "scheduled" {
				due += " (" + state + ")"
			}
		}
		front := text.OneLine(r.Card.Front)
		switch {
		case r.EditStale:
			front, stale = front+" "+editStaleMark, stale+1
		case r.Edit != nil:
			front, edited = front+" "+editedMark, edited+1
		}
		table.Add(text.OneLine(r.Card.ID), text.OneLine(r.Card.Deck), front, due, interval, r.State.Ease().String())
		return nil
	}
	finish := func() error {
		if err := table.Write(opts.root.env.Out, opts.root.width()); err != nil {
			return err
		}
		return editsFootnote(opts.root.env.Out, edited, stale)
	}
	return print, finish
}

// The marks recall cards puts after the front of a card the user edited,
// and of one whose notes changed since: the table cuts a long front from
// its start, so its end stays.
const (
	editedMark    = "✎"
	editStaleMark = "✎!"
)

// editsFootnote says, under a list with edited cards, what their marks
// mean and what to do about a stale edit.
func editsFootnote(out io.Writer, edited, stale int) error {
	if edited+stale == 0 {
		return nil
	}
	var err error
	if edited > 0 {
		_, err = fmt.Fprintf(out, "%s %s worded your way (recall edit).\n", editedMark, stats.CountOf(edited, "card"))
	}
	if stale > 0 && err == nil {
		_, err = fmt.Fprintf(out, "%s %s edited, and the notes' text changed since: recall edit --show ID shows both; keep yours, or recall edit --reset ID takes the notes' text.\n",
			editStaleMark, stats.CountOf(stale, "card"))
	}
	return err
}

// round4 rounds to 4 decimals for display.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
