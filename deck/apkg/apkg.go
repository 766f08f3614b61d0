// Package apkg writes recall cards, with their schedules and review history,
// as an Anki package (.apkg) that Anki imports with the progress intact.
//
// The package is the "legacy" form every Anki since 2.0 reads: a zip
// holding collection.anki2, an SQLite database in Anki's schema 11, and a
// media map (empty: recall cards have no media). The database is built in
// memory with the pure-Go modernc.org/sqlite driver, so recall stays free
// of cgo, and written to the io.Writer the caller gives.
//
// # From SM-2 to Anki
//
// Notes and their fields, GUIDs, decks and tags are those of
// anki.Notes with recall's own note type, anki.RecallNoteType, so
// the package works in an Anki of any language, and a plain-text export
// with --notetype recall updates the notes it made. Schedules map so:
//
//   - A card never reviewed is new in Anki (type 0, queue 0), in note
//     order.
//   - A card waiting for a same-day re-drill (graded 3, or failed and not
//     passed since) is in Anki's learning queue (queue 1), due when recall
//     would show it again: type 1 (learning) if it was never yet passed,
//     type 3 (relearning) otherwise, with one step left. A card reviewed but
//     never passed is therefore never exported as new.
//   - Any other card is a review card (type 2, queue 2) with ivl = I days
//     (at least 1), factor = EF × 1000 and due = its due day counted in
//     days from the collection's creation day, as Anki stores review due
//     dates.
//   - A suspended card has queue -1; a card buried beyond the export time
//     has queue -2 (buried as a sibling), which Anki lifts at its next day;
//     a leech's note is tagged "leech", as Anki tags its own leeches.
//   - reps is the number of reviews in recall's log, lapses recall's lapse
//     count.
//
// Each log entry becomes a revlog row: id = review time in milliseconds
// (made unique by adding 1 ms if two share a millisecond), ease from the
// SM-2 grade (0-2 → 1 Again, 3 → 2 Hard, 4 → 3 Good, 5 → 4 Easy), ivl and
// lastIvl in days, factor = EF × 1000 after the review, time = answer time
// in ms capped at 60 s, and type 0 (learning: never recalled yet), 2
// (re-learning after a lapse) or 1 (review).
//
// # Ids and times
//
// The collection is "created" at the start of the review day of the first
// review (or of Options.Now if nothing was reviewed), with recall's
// rollover hour and zone, so Anki counts days exactly as recall does.
// Note ids are made from the note's GUID, card ids from the GUID and the
// card's ordinal, deck ids from the deck's name (see stableID), so two
// exports give a card the same id. A note's mod is the time its content
// last changed (Record.Changed), which is what Anki compares to decide
// whether a package updates a note it has. The notetype id is fixed, so a
// later package reuses the notetype of an earlier one. The same store and
// Options.Now always give the same bytes.
package apkg

import (
	"archive/zip"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
	"github.com/recallcards/recall/scheduler"

	// The pure-Go SQLite driver, registered as "sqlite".
	_ "modernc.org/sqlite"
)

// Record is one card to export and its schedule.
type Record struct {
	Card  deck.Card
	State scheduler.State
	// Changed is when the card's content last changed; zero for unknown
	// (Options.Now is used).
	Changed time.Time
	// Edit, if not nil, is the user's own wording of the card (recall
	// edit), in which Card is already worded: the package shows it and
	// keeps it apart, so import-anki brings the edit back as an edit.
	Edit *Edit
}

// Edit is the user's own wording of a card, kept apart from the wording
// its notes give it.
type Edit struct {
	// Notes is the card's wording as its notes give it now.
	Notes deck.Text
	// Text is the user's wording, Base the notes' wording it was made
	// over, Edited when.
	Text, Base deck.Text
	Edited     time.Time
	// Shared marks an edit that came with a shared deck file.
	Shared bool
}

// Review is one graded review from recall's log.
type Review struct {
	CardID     string
	Time       time.Time
	Grade      scheduler.Grade
	Prev, Next scheduler.State
	Answer     time.Duration
	// RevlogID is the id of the revlog row an adopted review comes from
	// (Adopt sets it; Write ignores it): reviews of one time are in the
	// package's order by it.
	RevlogID int64
}

// Options control the package.
type Options struct {
	// Anki names the decks, as for the plain-text export.
	Anki anki.Options
	// Settings give the day rollover and zone, so due days count as in
	// recall, and the daily limits put in the deck options.
	Settings scheduler.Settings
	// Now is the export time: the creation day when nothing was reviewed,
	// the day that decides whether a burial still holds, and the
	// modification time of a note whose Changed is unknown.
	Now time.Time
}

// The notetype recall's notes use in the package. Its id is fixed so a
// second package finds the notetype the first one added. (1718000000001 and
// …002 were the "Basic (recall)" types of earlier versions, …004 recall's
// own type before it had the RecallID field.)
const (
	recallNotetypeID int64 = 1718000000005
	notetypeMtime    int64 = 1718000000
)

// maxAnswerMillis is Anki's default cap on the time recorded for an answer.
const maxAnswerMillis = 60_000

// Write writes records and their reviews (reviews of other cards are
// ignored) as an .apkg to w.
func Write(w io.Writer, records []Record, reviews []Review, opts Options) error {
	col, err := build(records, reviews, opts)
	if err != nil {
		return fmt.Errorf("build Anki collection: %w", err)
	}
	db, err := col.sqlite()
	if err != nil {
		return fmt.Errorf("build Anki collection: %w", err)
	}
	if err := writeZip(w, db, opts.Now); err != nil {
		return fmt.Errorf("write Anki package: %w", err)
	}
	return nil
}

// collection is the content of collection.anki2, ready to be inserted.
type collection struct {
	crt, modMillis int64
	conf           map[string]any
	models         map[string]notetype
	decks          map[string]ankiDeck
	dconf          map[string]deckConfig
	notes          []noteRow
	cards          []cardRow
	revlog         []revlogRow
}

type noteRow struct {
	id         int64
	guid       string
	mid, mod   int64
	tags, flds string
	sfld       string
	csum       int64
	data       string // exactNote, JSON
}

type cardRow struct {
	id, nid, did         int64
	ord, mod             int64
	typ, queue, due, ivl int64
	factor, reps, lapses int64
	left                 int64
	recallID             string
}

type revlogRow struct {
	id, cid, ease, ivl, lastIvl, factor, time, typ int64
}

func build(records []Record, reviews []Review, opts Options) (*collection, error) {
	cfg := opts.Settings
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	cards := make([]deck.Card, len(records))
	byID := make(map[string]deck.Card, len(records))
	edits := map[string]*Edit{}
	states := make(map[string]scheduler.State, len(records))
	changed := make(map[string]time.Time, len(records))
	for i, r := range records {
		cards[i] = r.Card
		byID[r.Card.ID] = r.Card
		if r.Edit != nil {
			edits[r.Card.ID] = r.Edit
		}
		states[r.Card.ID] = r.State
		changed[r.Card.ID] = r.Changed
	}
	ankiOpts := opts.Anki
	ankiOpts.NoteType = anki.RecallNoteType
	notes, err := anki.Notes(cards, ankiOpts)
	if err != nil {
		return nil, err
	}

	// Only reviews of exported cards, oldest first.
	var kept []Review
	for _, r := range reviews {
		if _, ok := states[r.CardID]; ok {
			kept = append(kept, r)
		}
	}
	slices.SortStableFunc(kept, func(a, b Review) int { return a.Time.Compare(b.Time) })
	reviewCount := map[string]int{}
	for _, r := range kept {
		reviewCount[r.CardID]++
	}

	created := opts.Now
	for _, r := range kept {
		if r.Time.Before(created) {
			created = r.Time
		}
	}
	for _, st := range states {
		if !st.LastReview.IsZero() && st.LastReview.Before(created) {
			created = st.LastReview
		}
	}
	crtInstant := cfg.DayStart(created)
	crtDay := civilDay(crtInstant, cfg.Location)
	col := &collection{
		crt:       crtInstant.Unix(),
		modMillis: opts.Now.UnixMilli(),
	}
	nowSecs := opts.Now.Unix()

	// Decks, parents included.
	deckNames := map[string]bool{}
	for _, n := range notes {
		levels := strings.Split(n.Deck, "::")
		for i := range levels {
			deckNames[strings.Join(levels[:i+1], "::")] = true
		}
	}
	names := make([]string, 0, len(deckNames))
	for name := range deckNames {
		names = append(names, name)
	}
	slices.Sort(names)
	deckIDs := map[string]int64{}
	deckIDsTaken := idSet{1: true}
	col.decks = map[string]ankiDeck{"1": newDeck(1, "Default", nowSecs)}
	for _, name := range names {
		id := int64(1)
		if name != "Default" {
			id = deckIDsTaken.claim(stableID("deck:" + name))
		}
		deckIDs[name] = id
		col.decks[strconv.FormatInt(id, 10)] = newDeck(id, name, nowSecs)
	}

	// Ids from GUIDs, claimed in GUID order so a clash (about one in ten
	// thousand for 5,000 notes) is settled the same way every time.
	byGUID := make([]int, len(notes))
	for i := range byGUID {
		byGUID[i] = i
	}
	slices.SortFunc(byGUID, func(a, b int) int { return strings.Compare(notes[a].GUID, notes[b].GUID) })
	noteIDs := make([]int64, len(notes))
	cardIDsOf := make([][]int64, len(notes))
	noteTaken, cardTaken := idSet{}, idSet{}
	for _, i := range byGUID {
		noteIDs[i] = noteTaken.claim(stableID("note:" + notes[i].GUID))
		for ord := range notes[i].CardIDs {
			cardIDsOf[i] = append(cardIDsOf[i], cardTaken.claim(stableID(fmt.Sprintf("card:%s:%d", notes[i].GUID, ord))))
		}
	}

	exact := make([]exactNote, len(notes))
	cardRowsOf := make([][]int, len(notes))
	for i, n := range notes {
		tags := slices.Clone(n.Tags)
		mod := time.Time{}
		for _, id := range n.CardIDs {
			if states[id].Leech && !slices.Contains(tags, "leech") {
				tags = append(tags, "leech")
			}
			if changed[id].After(mod) {
				mod = changed[id]
			}
		}
		if mod.IsZero() {
			mod = opts.Now
		}
		slices.Sort(tags)
		// What Anki has no column for goes in the RecallID field, which
		// survives Anki.
		for ord, id := range n.CardIDs {
			if st := states[id]; !st.IsNew() && ord < len(n.RecallID.Cards) {
				n.RecallID.Cards[ord].Sched = &anki.RecallSched{
					AnkiReps: int64(max(reviewCount[id], st.Reps)), Reps: st.Reps,
					LastReview: st.LastReview, BuriedUntil: st.BuriedUntil,
				}
			}
		}
		if f := slices.Index(anki.RecallFields, anki.RecallIDField); f < len(n.Fields) && len(n.RecallID.Cards) > 0 {
			n.Fields[f] = n.RecallID.FieldHTML()
		}
		sortField := stripHTML(n.Fields[0])
		note := noteRow{
			id:   noteIDs[i],
			guid: n.GUID,
			mid:  recallNotetypeID,
			mod:  mod.Unix(),
			tags: joinTags(tags),
			flds: strings.Join(n.Fields, "\x1f"),
			sfld: sortField,
			csum: checksum(sortField),
		}
		col.notes = append(col.notes, note)
		exact[i] = exactNote{Recall: 1, Content: contentFingerprint(n.Fields, tags)}
		for ord, id := range n.CardIDs {
			st := states[id]
			cardMod := mod
			if st.LastReview.After(cardMod) {
				cardMod = st.LastReview
			}
			c := cardRow{
				id:     cardIDsOf[i][ord],
				nid:    note.id,
				did:    deckIDs[n.Deck],
				ord:    int64(ord),
				mod:    cardMod.Unix(),
				reps:   int64(max(reviewCount[id], st.Reps)),
				lapses: int64(st.Lapses),

				recallID: id,
			}
			c.schedule(st, int64(i)+1, crtDay, cfg, opts.Now)
			cardRowsOf[i] = append(cardRowsOf[i], len(col.cards))
			col.cards = append(col.cards, c)
			exact[i].Cards = append(exact[i].Cards, newExactCard(byID[id], st, edits[id]))
		}
	}

	cardIDs := make(map[string]int64, len(col.cards))
	for _, c := range col.cards {
		cardIDs[c.recallID] = c.id
	}
	lastID := int64(0)
	logOf := map[string][][3]int64{}
	for _, r := range kept {
		id := max(r.Time.UnixMilli(), lastID+1)
		lastID = id
		logOf[r.CardID] = append(logOf[r.CardID], [3]int64{int64(r.Grade), r.Time.UnixNano() - id*int64(time.Millisecond), r.Answer.Milliseconds()})
		col.revlog = append(col.revlog, revlogRow{
			id:      id,
			cid:     cardIDs[r.CardID],
			ease:    ease(r.Grade),
			ivl:     int64(r.Next.IntervalDays),
			lastIvl: int64(r.Prev.IntervalDays),
			factor:  int64(r.Next.Ease()) * 10,
			time:    min(max(r.Answer.Milliseconds(), 0), maxAnswerMillis),
			typ:     revlogType(r.Prev),
		})
	}

	// Each note's data: its cards exactly, with the fingerprints of what
	// the package says of them (see exactNote).
	reviewsOf := map[int64][]RevlogEntry{}
	for _, r := range col.revlog {
		reviewsOf[r.cid] = append(reviewsOf[r.cid], RevlogEntry{ID: r.id, Ease: int(r.ease)})
	}
	for i := range notes {
		for ord, row := range cardRowsOf[i] {
			c := col.cards[row]
			exact[i].Cards[ord].Schedule = scheduleFingerprint(col.crt, c.ankiCard(), reviewsOf[c.id])
			exact[i].Cards[ord].Log = logOf[c.recallID]
		}
		data, err := json.Marshal(exact[i])
		if err != nil {
			return nil, fmt.Errorf("note %s: %w", notes[i].GUID, err)
		}
		col.notes[i].data = string(data)
	}

	_, offset := crtInstant.In(cfg.Location).Zone()
	col.conf = map[string]any{
		"activeDecks":    []int64{1},
		"addToCur":       true,
		"collapseTime":   1200,
		"creationOffset": -offset / 60, // minutes west of UTC
		"curDeck":        1,
		"curModel":       recallNotetypeID,
		"dueCounts":      true,
		"estTimes":       true,
		"newSpread":      0,
		"nextPos":        len(notes) + 1,
		"rollover":       cfg.RolloverHour,
		"schedVer":       2,
		"sortBackwards":  false,
		"sortType":       "noteFld",
		"timeLim":        0,
	}
	col.models = map[string]notetype{
		strconv.FormatInt(recallNotetypeID, 10): recallNotetype(),
	}
	col.dconf = map[string]deckConfig{
		"1": newDeckConfig(1, "Default", scheduler.DefaultSettings(), nowSecs),
		strconv.FormatInt(recallDeckConfigID, 10): newDeckConfig(recallDeckConfigID, "recall", cfg, nowSecs),
	}
	return col, nil
}

// schedule sets the card's type, queue, due, ivl, factor and left from
// recall's state; newPos is its position among new cards. See the package
// documentation.
func (c *cardRow) schedule(st scheduler.State, newPos, crtDay int64, cfg scheduler.Settings, now time.Time) {
	c.factor = int64(st.Ease()) * 10 // EF, or FSRS's D on EF's scale
	switch {
	case st.IsNew():
		c.typ, c.queue, c.due, c.factor = 0, 0, newPos, 0
	case st.Redrill || st.IntervalDays == 0:
		// Due again today: Anki's intraday learning queue, due (in epoch
		// seconds) when recall would show it.
		at := st.Due
		if st.Redrill {
			at = st.LastReview
		}
		c.queue, c.due, c.left = 1, at.Unix(), 1001
		c.typ = 3 // relearning: it has been passed before
		if st.IntervalDays == 0 && st.Lapses == 0 && st.Reps == 0 {
			c.typ = 1 // learning: never yet passed
		}
		if c.typ == 3 {
			c.ivl = int64(max(st.IntervalDays, 1))
		}
	default:
		c.typ, c.queue = 2, 2
		c.ivl = int64(max(st.IntervalDays, 1))
		c.due = max(0, civilDay(cfg.DayStart(st.Due), cfg.Location)-crtDay)
	}
	switch {
	case st.Suspended:
		c.queue = -1
	case st.BuriedUntil.After(now):
		c.queue = -2
	}
}

// ankiCard is the row as Read gives it back.
func (c cardRow) ankiCard() AnkiCard {
	return AnkiCard{
		ID: c.id, NoteID: c.nid, DeckID: c.did, Ord: int(c.ord), Type: int(c.typ), Queue: int(c.queue),
		Due: c.due, Interval: c.ivl, Factor: c.factor, Reps: c.reps, Lapses: c.lapses,
	}
}

// idSet hands out unique ids, each the wanted one or the next free after it.
type idSet map[int64]bool

func (s idSet) claim(id int64) int64 {
	for s[id] {
		id++
	}
	s[id] = true
	return id
}

// stableID turns a key into an id that reads as a time in Anki, which takes
// ids for creation times in milliseconds and would "fix" one in the future:
// a millisecond between 2017-07-14 and 2020-10-12, from the key's SHA-256.
func stableID(key string) int64 {
	const base, span = 1_500_000_000_000, 100_000_000_000
	sum := sha256.Sum256([]byte(key))
	return base + int64(binary.BigEndian.Uint64(sum[:8])%span)
}

// civilDay numbers the calendar day of t in loc, so that subtracting two
// gives whole days whatever daylight saving does in between.
func civilDay(t time.Time, loc *time.Location) int64 {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// ease maps an SM-2 grade to Anki's answer buttons.
func ease(g scheduler.Grade) int64 {
	switch {
	case g <= 2:
		return 1 // Again
	case g == 3:
		return 2 // Hard
	case g == 4:
		return 3 // Good
	default:
		return 4 // Easy
	}
}

// revlogType says what kind of review Anki would call it.
func revlogType(prev scheduler.State) int64 {
	switch {
	case prev.IntervalDays > 0:
		return 1 // review
	case prev.Lapses > 0:
		return 2 // relearning
	default:
		return 0 // learning
	}
}

// joinTags writes tags as Anki's notes table stores them: space-separated
// with a space at each end, or empty.
func joinTags(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return " " + strings.Join(tags, " ") + " "
}

var htmlTag = regexp.MustCompile(`(?s)<[^>]*>`)

// stripHTML is the field's text as Anki sorts and checksums it: tags
// removed, entities decoded.
func stripHTML(s string) string {
	return html.UnescapeString(htmlTag.ReplaceAllString(s, ""))
}

// checksum is Anki's duplicate-finding checksum of a note's first field:
// the first 4 bytes of its SHA-1, big-endian.
func checksum(text string) int64 {
	sum := sha1.Sum([]byte(text))
	return int64(binary.BigEndian.Uint32(sum[:4]))
}

// sqlite builds collection.anki2 in memory and returns its bytes.
func (col *collection) sqlite() ([]byte, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ctx := context.Background()
	// Every connection to ":memory:" is a database of its own: use one.
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, schema11); err != nil {
		return nil, fmt.Errorf("create schema: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := col.insert(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	var data []byte
	err = conn.Raw(func(driverConn any) error {
		s, ok := driverConn.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return errors.New("the SQLite driver cannot serialize a database")
		}
		var err error
		data, err = s.Serialize()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("serialize: %w", err)
	}
	return data, nil
}

func (col *collection) insert(ctx context.Context, tx *sql.Tx) error {
	jsonOf := func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	}
	conf, err := jsonOf(col.conf)
	if err != nil {
		return err
	}
	models, err := jsonOf(col.models)
	if err != nil {
		return err
	}
	decks, err := jsonOf(col.decks)
	if err != nil {
		return err
	}
	dconf, err := jsonOf(col.dconf)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`insert into col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
		 values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		col.crt, col.modMillis, col.modMillis, conf, models, decks, dconf); err != nil {
		return fmt.Errorf("insert col: %w", err)
	}
	for _, n := range col.notes {
		if _, err := tx.ExecContext(ctx,
			`insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
			 values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)`,
			n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, n.csum, n.data); err != nil {
			return fmt.Errorf("insert note %s: %w", n.guid, err)
		}
	}
	for _, c := range col.cards {
		if _, err := tx.ExecContext(ctx,
			`insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
			 values (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '')`,
			c.id, c.nid, c.did, c.ord, c.mod, c.typ, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left); err != nil {
			return fmt.Errorf("insert card %s: %w", c.recallID, err)
		}
	}
	for _, r := range col.revlog {
		if _, err := tx.ExecContext(ctx,
			`insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
			 values (?, ?, -1, ?, ?, ?, ?, ?, ?)`,
			r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.typ); err != nil {
			return fmt.Errorf("insert review of card %d at %d: %w", r.cid, r.id, err)
		}
	}
	return nil
}

// writeZip writes the package: the collection and an empty media map, with
// a fixed modification time so the bytes depend on the content alone.
func writeZip(w io.Writer, collection []byte, now time.Time) error {
	modified := now.UTC().Truncate(time.Second)
	if modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	z := zip.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"collection.anki2", collection},
		{"media", []byte("{}")},
	} {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return z.Close()
}

// schema11 is Anki's collection schema, version 11.
const schema11 = `
create table col (
	id integer primary key, crt integer not null, mod integer not null,
	scm integer not null, ver integer not null, dty integer not null,
	usn integer not null, ls integer not null, conf text not null,
	models text not null, decks text not null, dconf text not null,
	tags text not null
);
create table notes (
	id integer primary key, guid text not null, mid integer not null,
	mod integer not null, usn integer not null, tags text not null,
	flds text not null, sfld integer not null, csum integer not null,
	flags integer not null, data text not null
);
create table cards (
	id integer primary key, nid integer not null, did integer not null,
	ord integer not null, mod integer not null, usn integer not null,
	type integer not null, queue integer not null, due integer not null,
	ivl integer not null, factor integer not null, reps integer not null,
	lapses integer not null, left integer not null, odue integer not null,
	odid integer not null, flags integer not null, data text not null
);
create table revlog (
	id integer primary key, cid integer not null, usn integer not null,
	ease integer not null, ivl integer not null, lastIvl integer not null,
	factor integer not null, time integer not null, type integer not null
);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`

//go:generate python3 testdata/make_fixtures.py
//go:generate go run ./testdata/zstdpack
