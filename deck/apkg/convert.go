package apkg

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/internal/text"
	"github.com/recallcards/recall/scheduler"
)

// Adopted is one Anki card made a recall card, with the schedule and the
// review history it had in Anki.
type Adopted struct {
	Card  deck.Card
	State scheduler.State
	// Reviews are the card's revlog rows as recall log entries, oldest
	// first.
	Reviews []Review
	// GUID and Ord are the Anki note GUID and card ordinal the card comes
	// from: the card's ID is made from them, so importing the same package
	// again finds the same cards.
	GUID string
	Ord  int
	// Claimed is true when the card's ID is the recall ID the package's
	// RecallID field gives (a package recall wrote), not one made from the
	// GUID: the store must not let it overwrite a card it has under that ID.
	Claimed bool
	// DeckIdentity is the identity the RecallID field gives the card's deck
	// (its name if the deck was never renamed); empty for other cards and
	// with AdoptOptions.Deck.
	DeckIdentity string
	// Edit is the user's own wording of the card the package kept apart
	// (Record.Edit), nil if none; Card is then worded as its notes word it.
	Edit *Edit
}

// AdoptOptions control how a package's cards become recall cards.
type AdoptOptions struct {
	// Deck, if not empty, is the recall deck every card goes to; else each
	// card keeps its Anki deck's full name ("A::B").
	Deck string
	// Settings give the zone and the rollover hour that turn Anki's due days
	// into recall's due times.
	Settings scheduler.Settings
	// Now is the import time: learning cards are due at the latest then,
	// and a burial holds until the next day.
	Now time.Time
}

// AdoptSummary counts what Adopt left out, and why.
type AdoptSummary struct {
	// Empty counts cards whose question had no text (an image alone, say).
	Empty int
	// Orphans counts cards whose note is missing, and revlog rows whose
	// card is.
	Orphans int
	// NotReviews counts revlog rows that record no answer (a manual
	// reschedule, a card moved to a filtered deck).
	NotReviews int
	// RecallIDs counts the cards that took the recall ID their RecallID
	// field gives; of them, ExactCards came back exactly as recall wrote
	// them and ExactStates with recall's own schedule, the package
	// unchanged since (see exactNote).
	RecallIDs, ExactCards, ExactStates int
	// RecallSchedules counts the cards, of the others, whose RecallID field
	// gave back recall's repetition count and review times (not reviewed in
	// Anki since).
	RecallSchedules int
}

// The SM-2 grades Anki's four answer buttons become: Again 1 (wrong), Hard
// 3 (correct, serious difficulty), Good 4 (correct after hesitation), Easy
// 5 (perfect).
var easeGrade = [5]scheduler.Grade{1: 1, 2: 3, 3: 4, 4: 5}

// Adopt turns the package's cards into recall cards, in note order then
// card ordinal:
//
//   - Content: a standard note type's card asks with the last field its
//     question template shows and answers with the first further field its
//     answer template shows (Front/Back for Basic, Back/Front for the
//     reverse card of "Basic (and reversed card)", Question/Answer and
//     Answer/Term for recall's own type); a cloze card asks with its cloze
//     hidden as "[...]" (or its hint) and answers with the hidden text. HTML
//     becomes clean text (see CleanHTML). Tags and the deck tree are kept;
//     the cards of one note are siblings.
//   - Schedule, SM-2: a new card is new; a review card (type 2) has I =
//     ivl, EF = factor/1000 (at least 1.3), n = reps − lapses (at least 1,
//     2 once I passed a day), its lapses, and is due on the day that lies
//     due days after the collection's creation day; a learning card (type
//     1, queue 1 or 3) is a card failed and not yet passed, due at once; a
//     relearning card (type 3) is due at once too, as a re-drill that keeps
//     its ivl if its last answer was not Again, else as a lapse (I = 0).
//     Suspended cards stay suspended, buried ones buried until the next
//     day, and a note tagged "leech" marks its cards as leeches.
//   - History: each revlog row with an answer becomes a log entry at its
//     time, its ease mapped to a grade by easeGrade, its intervals and factor
//     as the states before and after.
func (pkg *Package) Adopt(opts AdoptOptions) ([]Adopted, AdoptSummary, error) {
	cfg := opts.Settings
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	var sum AdoptSummary
	notes := make(map[int64]*Note, len(pkg.Notes))
	noteOrder := make(map[int64]int, len(pkg.Notes))
	for i := range pkg.Notes {
		notes[pkg.Notes[i].ID] = &pkg.Notes[i]
		noteOrder[pkg.Notes[i].ID] = i
	}
	cards := slices.Clone(pkg.Cards)
	slices.SortStableFunc(cards, func(a, b AnkiCard) int {
		if d := noteOrder[a.NoteID] - noteOrder[b.NoteID]; d != 0 {
			return d
		}
		return a.Ord - b.Ord
	})
	reviews := map[int64][]RevlogEntry{}
	for _, e := range pkg.Revlog {
		reviews[e.CardID] = append(reviews[e.CardID], e)
	}

	recall, err := pkg.recallNotes()
	if err != nil {
		return nil, sum, err
	}

	var out []Adopted
	seen := map[string]bool{}
	byNote := map[int64][]int{}
	claimedSiblings := map[int][]string{} // position in out -> siblings its RecallID field gives
	for _, c := range cards {
		n := notes[c.NoteID]
		if n == nil {
			sum.Orphans++
			continue
		}
		nt := pkg.Notetypes[n.NotetypeID]
		rn := recall[n.ID]
		var claim *anki.RecallIDCard
		var exact *exactCard
		if rn != nil && c.Ord < len(rn.id.Cards) {
			claim = &rn.id.Cards[c.Ord]
			if rn.exact != nil {
				exact = &rn.exact.Cards[c.Ord]
			}
		}
		did := c.DeckID
		if c.OriginalDeckID != 0 {
			did = c.OriginalDeckID // home deck of a card in a filtered deck
		}
		deckName, identity := opts.Deck, ""
		switch {
		case deckName != "":
		case claim != nil:
			deckName, identity = rn.id.Deck, rn.id.Identity
		default:
			deckName = adoptedDeckName(pkg.Decks[did])
		}
		id := adoptedID(n.GUID, c.Ord)
		if claim != nil {
			id = claim.ID
		}
		if seen[id] {
			if claim != nil {
				return nil, sum, fmt.Errorf("note %s: its %s field gives card %d the ID %q, which another card of the package has", n.GUID, anki.RecallIDField, c.Ord, id)
			}
			return nil, sum, fmt.Errorf("note %s has card %d twice", n.GUID, c.Ord)
		}

		var card deck.Card
		var edit *Edit
		if exact != nil && rn.exact.Content == contentFingerprint(n.Fields, n.Tags) {
			card, edit = exact.card(id, deckName, nil)
			sum.ExactCards++
		} else {
			front, back := cardText(nt, n, c.Ord)
			if front == "" {
				sum.Empty++
				continue
			}
			card = adoptedCard(nt, n, c.Ord, front, back)
			card.ID, card.Deck, card.Order = id, deckName, len(out)+1
			if claim != nil && claim.Order >= 0 {
				card.Order = claim.Order
			}
		}
		seen[id] = true
		a := Adopted{Card: card, GUID: n.GUID, Ord: c.Ord, Claimed: claim != nil, DeckIdentity: identity, Edit: edit}
		if claim != nil {
			sum.RecallIDs++
		}
		var hist []RevlogEntry
		for _, e := range reviews[c.ID] {
			if e.Ease < 1 || e.Ease > 4 {
				sum.NotReviews++
				continue
			}
			hist = append(hist, e)
		}
		var exactLog [][3]int64
		if exact != nil && exact.Schedule == scheduleFingerprint(pkg.Created.Unix(), c, reviews[c.ID]) {
			a.State = exact.State
			exactLog = exact.exactReviews(hist)
			sum.ExactStates++
		} else {
			a.State = adoptedState(c, hist, slices.Contains(n.Tags, "leech") || slices.Contains(n.Tags, "Leech"), pkg.Created, cfg, opts.Now)
			if claim != nil && claim.Sched != nil && c.Type != 0 && c.Reps == claim.Sched.AnkiReps {
				// Not reviewed in Anki since: recall's own n and times.
				s := claim.Sched
				a.State.Reps = s.Reps
				if !s.LastReview.IsZero() {
					a.State.LastReview = s.LastReview
				}
				if !s.BuriedUntil.IsZero() {
					a.State.BuriedUntil = s.BuriedUntil
				}
				sum.RecallSchedules++
			}
		}
		delete(reviews, c.ID)
		a.Reviews = adoptedReviews(id, hist, a.State, exactLog)
		if claim != nil {
			claimedSiblings[len(out)] = claim.Siblings
		} else {
			byNote[n.ID] = append(byNote[n.ID], len(out))
		}
		out = append(out, a)
	}
	for _, rest := range reviews {
		sum.Orphans += len(rest)
	}
	// A card with a recall ID has the siblings its RecallID field gives,
	// those of them the package brings: a package cannot hold back cards
	// it does not hold.
	for i, siblings := range claimedSiblings {
		for _, s := range siblings {
			if seen[s] && s != out[i].Card.ID && !slices.Contains(out[i].Card.Siblings, s) {
				out[i].Card.Siblings = append(out[i].Card.Siblings, s)
			}
		}
	}
	// The cards of any other note are siblings, as Anki buries them; a
	// cloze note of many cards lists a few of them only.
	const maxSiblings = 16
	for _, members := range byNote {
		for _, i := range members {
			for _, j := range members {
				if i != j && len(out[i].Card.Siblings) < maxSiblings {
					out[i].Card.Siblings = append(out[i].Card.Siblings, out[j].Card.ID)
				}
			}
		}
	}
	return out, sum, nil
}

// adoptedCard is card ord of note n, of type nt, as a recall card, its ID,
// deck and order left for the caller.
func adoptedCard(nt *Notetype, n *Note, ord int, front, back string) deck.Card {
	kind := deck.KindTerm
	switch {
	case nt != nil && nt.Cloze:
		kind = deck.KindCloze
	case ord > 0:
		kind = deck.KindReverse
	}
	cue, sources := recallParts(nt, n)
	card := deck.Card{
		Kind: kind, Front: front, Back: back,
		Note: "anki-" + noteSlug(n.GUID), Tags: adoptedTags(n.Tags), Sources: sources,
	}
	if cue != "" {
		// As recall shows a card: the cue, then the question.
		card.ContextCue, card.Question = cue, front
		card.Front = cue + " — " + front
	}
	return card
}

// recallNote is what a note of a package recall wrote says of its cards.
type recallNote struct {
	id    anki.RecallID
	exact *exactNote // nil when the note's data is not recall's
}

// recallNotes reads the RecallID field of every note whose type has one,
// and the note's data when the field is recall's, keyed by note id. A
// field or data that says it is recall's but is malformed refuses the
// whole package: it claims recall IDs it cannot back.
func (pkg *Package) recallNotes() (map[int64]*recallNote, error) {
	out := map[int64]*recallNote{}
	for i := range pkg.Notes {
		n := &pkg.Notes[i]
		nt := pkg.Notetypes[n.NotetypeID]
		if nt == nil || nt.Cloze {
			continue
		}
		f := slices.Index(nt.Fields, anki.RecallIDField)
		if f < 0 || f >= len(n.Fields) {
			continue
		}
		id, ok, err := anki.ParseRecallID(CleanHTML(n.Fields[f]))
		if err != nil {
			return nil, fmt.Errorf("note %s: %w", n.GUID, err)
		}
		if !ok {
			continue
		}
		rn := &recallNote{id: id}
		exact, ok, err := parseExactNote(n.Data, len(id.Cards))
		if err != nil {
			return nil, fmt.Errorf("note %s: %w", n.GUID, err)
		}
		if ok {
			rn.exact = &exact
		}
		out[n.ID] = rn
	}
	return out, nil
}

// adoptedID is the recall ID of an Anki card: "anki:GUID:ORD", or, for a
// GUID with characters an ID cannot hold, a hash of it.
func adoptedID(guid string, ord int) string {
	return "anki:" + noteSlug(guid) + ":" + strconv.Itoa(ord)
}

func noteSlug(guid string) string {
	clean := guid != "" && len(guid) <= 40 && strings.IndexFunc(guid, func(r rune) bool { return r <= ' ' || r > '~' }) < 0
	if clean {
		return guid
	}
	sum := sha256.Sum256([]byte(guid))
	return "h" + hex.EncodeToString(sum[:8])
}

// adoptedDeckName is an Anki deck name made a recall deck name: Anki's
// normalisation, "Default" for none, at most 200 bytes.
func adoptedDeckName(name string) string {
	name = anki.DeckName(CleanHTML(name))
	if name == "" || name == "blank" {
		name = "Default"
	}
	for len(name) > 200 {
		_, size := lastRune(name)
		name = name[:len(name)-size]
	}
	return name
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			return rune(s[i]), len(s) - i
		}
	}
	return 0, 1
}

// adoptedTags keeps at most 32 tags of at most 100 bytes each, "leech"
// aside (it becomes the leech mark).
func adoptedTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		t = CleanHTML(t)
		if t == "" || strings.EqualFold(t, "leech") || len(t) > 100 || slices.Contains(out, t) {
			continue
		}
		if out = append(out, t); len(out) == 32 {
			break
		}
	}
	slices.Sort(out)
	return out
}

// recallParts reads what recall's own note type says beyond question and
// answer: the context cue (Context), and where the card comes from
// (Source: "title › section · <a href=…>video</a>").
func recallParts(nt *Notetype, n *Note) (cue string, sources []deck.Source) {
	if nt == nil {
		return "", nil
	}
	var src deck.Source
	for i, name := range nt.Fields {
		if i >= len(n.Fields) {
			break
		}
		switch name {
		case "Context":
			cue = text.OneLine(CleanHTML(n.Fields[i]))
		case "Source":
			where, _, _ := strings.Cut(n.Fields[i], "<a ")
			src.Title = strings.TrimSuffix(text.OneLine(CleanHTML(where)), " ·")
			if m := hrefPattern.FindStringSubmatch(n.Fields[i]); m != nil {
				if u, ok := safeLink(unescape(m[1])); ok {
					src.URL = u
				}
			}
		}
	}
	if src != (deck.Source{}) {
		sources = []deck.Source{src}
	}
	return cue, sources
}

var hrefPattern = regexp.MustCompile(`(?i)<a\s[^>]*href\s*=\s*"([^"]*)"`)

// fieldRef finds the field references of a template: {{Name}}, {{text:Name}},
// {{cloze:Name}}, {{type:Name}}, but not sections ({{#Name}}, {{/Name}},
// {{^Name}}).
var fieldRef = regexp.MustCompile(`\{\{([^#/^{}][^{}]*)\}\}`)

// templateFields lists the fields a template shows, in order.
func templateFields(tmpl string, nt *Notetype) []int {
	var out []int
	for _, m := range fieldRef.FindAllStringSubmatch(tmpl, -1) {
		name := strings.TrimSpace(m[1])
		if i := strings.LastIndex(name, ":"); i >= 0 {
			name = name[i+1:]
		}
		if i := slices.Index(nt.Fields, name); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// cardText is the question and answer of card ord of note n, clean text.
func cardText(nt *Notetype, n *Note, ord int) (front, back string) {
	field := func(i int) string {
		if i < 0 || i >= len(n.Fields) {
			return ""
		}
		return CleanHTML(n.Fields[i])
	}
	if nt == nil {
		return field(0), field(1)
	}
	if nt.Cloze {
		text, extra := 0, -1
		if len(nt.Templates) > 0 {
			for _, m := range fieldRef.FindAllStringSubmatch(nt.Templates[0].QFmt, -1) {
				if name, ok := strings.CutPrefix(strings.TrimSpace(m[1]), "cloze:"); ok {
					text = max(slices.Index(nt.Fields, strings.TrimSpace(name)), 0)
				}
			}
			if shown := templateFields(nt.Templates[0].AFmt, nt); len(shown) > 0 {
				for _, i := range shown {
					if i != text {
						extra = i
						break
					}
				}
			}
		} else if len(nt.Fields) > 1 {
			extra = 1
		}
		front, back = cloze(n.Fields[min(text, len(n.Fields)-1)], ord+1)
		if e := field(extra); e != "" && back != "" {
			back += "\n\n" + e
		}
		return front, back
	}
	// recall's own type asks its reverse card with the Reverse field (the
	// question recall asks), else with the Answer.
	if r := slices.Index(nt.Fields, anki.ReverseField); ord == 1 && r >= 0 && slices.Contains(nt.Fields, anki.RecallIDField) && field(r) != "" {
		if t := slices.Index(nt.Fields, "Term"); t >= 0 {
			return field(r), field(t)
		}
	}
	q, a := 0, 1
	if ord < len(nt.Templates) {
		t := nt.Templates[ord]
		shown := templateFields(t.QFmt, nt)
		if len(shown) > 0 {
			q = shown[len(shown)-1]
		}
		a = -1
		for _, i := range templateFields(t.AFmt, nt) {
			if !slices.Contains(shown, i) {
				a = i
				break
			}
		}
	} else if ord > 0 {
		q, a = 1, 0
	}
	return field(q), field(a)
}

var clozePattern = regexp.MustCompile(`(?s)\{\{c(\d+)::(.*?)(?:::([^}]*?))?\}\}`)

// cloze makes the question and answer of cloze number num: that cloze
// hidden as "[...]" (or "[hint]"), the others shown; the answer is the
// hidden text, several parts joined by " … ".
func cloze(field string, num int) (front, back string) {
	var answers []string
	q := clozePattern.ReplaceAllStringFunc(field, func(m string) string {
		sub := clozePattern.FindStringSubmatch(m)
		if n, _ := strconv.Atoi(sub[1]); n != num {
			return sub[2]
		}
		answers = append(answers, CleanHTML(sub[2]))
		if hint := strings.TrimSpace(sub[3]); hint != "" {
			return "[" + hint + "]"
		}
		return "[...]"
	})
	if len(answers) == 0 {
		return "", ""
	}
	return CleanHTML(q), strings.Join(answers, " … ")
}

// adoptedState is the SM-2 state of an Anki card; hist holds its answered
// reviews, oldest first.
func adoptedState(c AnkiCard, hist []RevlogEntry, leech bool, created time.Time, cfg scheduler.Settings, now time.Time) scheduler.State {
	st := scheduler.NewState()
	if c.Factor > 0 {
		st.EF = scheduler.EF(min(max(c.Factor/10, int64(scheduler.MinimumEF)), 1000))
	}
	st.Lapses = int(min(max(c.Lapses, 0), 100_000))
	var last time.Time
	if len(hist) > 0 {
		last = time.UnixMilli(hist[len(hist)-1].ID).UTC()
	}
	ivl := int(min(max(c.Interval, 0), scheduler.MaxIntervalDays))
	due := c.Due
	if c.OriginalDeckID != 0 && c.OriginalDue != 0 {
		due = c.OriginalDue
	}
	reviewDay := func(days int64) time.Time {
		days = min(max(days, -100_000), 100_000)
		return cfg.AddDays(cfg.DayStart(created), int(days))
	}
	dueNow := func() time.Time {
		if c.Queue == 1 && due > 0 && due < now.Unix() {
			return time.Unix(due, 0).UTC() // intraday learning: epoch seconds
		}
		return now.UTC()
	}
	switch c.Type {
	case 0: // new
		st = scheduler.NewState()
	case 1: // learning: answered, never passed
		st.Reps, st.IntervalDays = 0, 0
		st.Due = dueNow()
	case 3: // relearning
		st.Due = dueNow()
		if len(hist) > 0 && hist[len(hist)-1].Ease == 1 {
			st.Reps, st.IntervalDays = 0, 0
		} else {
			// A re-drill: due again today (recall queues it from its last
			// review), then ivl days after the day it was set.
			st.Reps = int(max(min(c.Reps-c.Lapses, 100_000), 1))
			st.IntervalDays = max(ivl, 1)
			st.Redrill = true
			set := now
			if len(hist) > 0 {
				set = time.UnixMilli(hist[len(hist)-1].ID)
			}
			st.Due = cfg.AddDays(cfg.DayStart(set), st.IntervalDays)
		}
	default: // review
		st.IntervalDays = max(ivl, 1)
		st.Reps = int(max(min(c.Reps-c.Lapses, 100_000), 1))
		if st.IntervalDays > 1 {
			st.Reps = max(st.Reps, 2)
		}
		st.Due = reviewDay(due)
	}
	if c.Type != 0 {
		if last.IsZero() {
			last = st.Due
			if now.Before(last) {
				last = now.UTC()
			}
			last = last.AddDate(0, 0, -st.IntervalDays)
		}
		st.LastReview = last
	}
	switch c.Queue {
	case -1:
		st.Suspended = true
	case -2, -3:
		st.BuriedUntil = cfg.AddDays(cfg.DayStart(now), 1)
	}
	if leech && c.Type != 0 {
		st.Leech = true
	}
	return st
}

// adoptedReviews turns revlog rows into log entries; the state after the
// last one is the card's state. exact, if not nil, gives each row's SM-2
// grade, time and answer time as recall had them (exactCard.Log).
func adoptedReviews(id string, hist []RevlogEntry, final scheduler.State, exact [][3]int64) []Review {
	out := make([]Review, 0, len(hist))
	prev := scheduler.NewState()
	for i, e := range hist {
		at := time.UnixMilli(e.ID).UTC()
		if exact != nil {
			at = at.Add(time.Duration(exact[i][1]))
		}
		next := prev
		next.LastReview = at
		if e.Factor > 0 {
			next.EF = scheduler.EF(min(max(e.Factor/10, int64(scheduler.MinimumEF)), 1000))
		}
		next.IntervalDays = int(min(max(e.Interval, 0), scheduler.MaxIntervalDays))
		next.Due = at.AddDate(0, 0, next.IntervalDays)
		if e.Ease == 1 {
			if prev.IntervalDays > 0 || prev.Reps > 0 {
				next.Lapses++
			}
			next.Reps, next.IntervalDays, next.Due = 0, 0, at
		} else {
			next.Reps++
		}
		if i == len(hist)-1 {
			next = final
		}
		prev.IntervalDays = int(min(max(e.LastInterval, 0), scheduler.MaxIntervalDays))
		r := Review{
			CardID: id, Time: at, Grade: easeGrade[e.Ease], Prev: prev, Next: next,
			Answer:   time.Duration(min(max(e.TakenMillis, 0), 3_600_000)) * time.Millisecond,
			RevlogID: e.ID,
		}
		if exact != nil {
			r.Grade, r.Answer = scheduler.Grade(exact[i][0]), time.Duration(exact[i][2])*time.Millisecond
		}
		out = append(out, r)
		prev = next
	}
	return out
}
