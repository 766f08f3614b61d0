// Package anki turns recall cards into Anki notes and writes them as the
// tab-separated text Anki imports ("Notes in Plain Text"), with GUIDs that
// stay the same across exports so a re-import updates rather than
// duplicates. deck/apkg writes the same notes as an Anki package.
//
// The package is pure: it does no I/O beyond the io.Writer it is handed.
package anki

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	celltext "github.com/recallcards/recall/internal/text"
	"golang.org/x/text/unicode/norm"

	"github.com/recallcards/recall/deck"
)

// Anki's stock note types, by the English names Anki gives them. The CSV
// names the note type of every row; Anki looks it up by exact name in the
// collection it imports into, and a translated Anki names them otherwise
// ("Einfach", "Basique", "基本"): see Options.NoteType.
const (
	Basic         = "Basic"
	BasicReversed = "Basic (and reversed card)"
)

// RecallNoteType is the name of recall's own note type, which every
// .apkg recall writes carries, so it works in an Anki of any language. Its
// fields, in this order, are RecallFields; its first card asks the
// Question under its Context, and its second card, made only when Term is
// not empty, asks with the Answer and answers with the Term.
const RecallNoteType = "recall"

// RecallFields are the fields of recall's note type, in Anki's order:
//
//   - Question: the card's question, without its context cue;
//   - Answer: its answer;
//   - Context: the short cue the question is asked in (deck.Card.FrontParts),
//     shown above it;
//   - Term: the bare term, for the reverse card (empty: no reverse card);
//   - Source: where the card comes from, "note title › section", and a
//     link to the video at the item's timestamp;
//   - Extra: further details (empty for now; for the user's own notes);
//   - Reverse: the reverse card's question as recall asks it, the Answer
//     with every word of the Term masked ("Which term is this?"), so the
//     reverse card does not give its answer away; empty, it asks with the
//     Answer;
//   - RecallID: hidden (no template shows it): the recall cards behind the
//     note's cards, their deck and their siblings, so that
//     `recall import-anki` gives them back their own IDs (see RecallID).
var RecallFields = []string{"Question", "Answer", "Context", "Term", "Source", "Extra", ReverseField, RecallIDField}

// ReverseField is the field of recall's note type that holds the reverse
// card's own question.
const ReverseField = "Reverse"

// DefaultDeckPrefix is the parent deck recall's decks go under in Anki.
const DefaultDeckPrefix = "recall"

// Options control how cards become Anki notes.
type Options struct {
	// DeckPrefix is the Anki deck that recall's decks are put under: with
	// "recall", the recall deck "Building trust" becomes
	// "recall::Building trust". It may itself hold "::" to nest deeper.
	// Empty puts recall's decks at Anki's top level.
	DeckPrefix string
	// NoteType is the note type the notes are written for:
	//
	//   - "" (the default): Anki's English stock types, Basic with the
	//     fields Front and Back, and BasicReversed for a term card with
	//     its reverse card;
	//   - RecallNoteType: recall's own type, fields RecallFields, a
	//     term card and its reverse card one note;
	//   - any other name, e.g. the "Basic" of a translated Anki ("Einfach"):
	//     every card is one note of that type, its question in the type's
	//     first field and its answer (with where it comes from) in the
	//     second; further fields stay empty.
	NoteType string
	// FirstIDs maps a card's ID to the ID it had when it was first
	// exported, for cards an import relinked since (see
	// storage.Store.FirstIDs): the GUID is made from that first ID, so
	// Anki keeps updating the note it already has.
	FirstIDs map[string]string
	// DeckIdentities maps a recall deck's name to its identity
	// (storage.DeckRecord.Identity) where the two differ, for the RecallID
	// field of recall's note type.
	DeckIdentities map[string]string
}

// DefaultOptions returns the options `recall export anki` uses unless
// told otherwise.
func DefaultOptions() Options { return Options{DeckPrefix: DefaultDeckPrefix} }

// Note is one Anki note made from one recall card, or from a term card
// and its reverse card together.
type Note struct {
	// GUID identifies the note across exports; see GUID.
	GUID string
	// NoteType is the name of the note's type: Basic,
	// BasicReversed, RecallNoteType or Options.NoteType.
	NoteType string
	// Deck is the full Anki deck name, levels joined by "::", normalised as
	// Anki normalises deck names (DeckName).
	Deck string
	// Front and Back are the question and the answer with where it comes
	// from, as HTML that holds no markup but recall's own <br>, <i> and <a
	// href> tags.
	Front, Back string
	// Fields are the note's fields in its note type's order: Front and Back
	// for the stock types and a named one, RecallFields for recall's.
	Fields []string
	// Tags are Anki tags: no spaces, sorted, no duplicates.
	Tags []string
	// CardIDs are the recall cards behind the note's Anki cards, by Anki
	// card ordinal: the card itself, then (BasicReversed) its reverse.
	CardIDs []string
	// RecallID is what the note's RecallID field says (recall's note type
	// only); a package with progress adds to it and rewrites the field.
	RecallID RecallID

	// recallDeck and order sort notes the way recall orders its decks.
	recallDeck string
	order      int
}

// GUID returns the Anki note GUID of the recall card with the given ID:
// the first 8 bytes of SHA-256("recall:" + id), read big-endian, modulo
// 62^10, written as exactly 10 base-62 digits (0-9, a-z, A-Z). It depends
// on the card ID alone, which content keeps stable when a note's wording
// changes, so a later export updates the notes an earlier one created in
// Anki instead of duplicating them. The digits never include '#' (which
// would make Anki read the row as a comment), a quote, a tab or a space.
func GUID(id string) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	const length = 10
	sum := sha256.Sum256([]byte("recall:" + id))
	n := binary.BigEndian.Uint64(sum[:8])
	var buf [length]byte
	for i := length - 1; i >= 0; i-- {
		buf[i] = digits[n%62]
		n /= 62
	}
	return string(buf[:])
}

// Notes turns cards into Anki notes, sorted by recall deck, then card
// order, then card ID.
//
// With the stock note types or recall's own, a term card with a reverse
// card (a KindReverse card whose Siblings list it) becomes one note that
// Anki makes both cards from (BasicReversed, or recall's type with the
// Term field set), so the reverse card is not exported on its own. A
// reverse card whose term card is not among cards becomes a note of its
// own, so nothing is lost when exporting part of a deck. Every other card,
// and every card when opts.NoteType names another type, is a note of its
// own.
func Notes(cards []deck.Card, opts Options) ([]Note, error) {
	prefix := ankiDeckPrefix(opts.DeckPrefix)
	byID := make(map[string]*deck.Card, len(cards))
	for i := range cards {
		c := &cards[i]
		if c.ID == "" {
			return nil, fmt.Errorf("card %d (%q): empty ID", i+1, truncate(c.Front, 40))
		}
		if _, dup := byID[c.ID]; dup {
			return nil, fmt.Errorf("card %q: ID appears twice", c.ID)
		}
		byID[c.ID] = c
	}
	noteType := strings.TrimSpace(opts.NoteType)
	pairs := noteType == "" || noteType == RecallNoteType

	// Pair each term card with one reverse card, visiting reverse cards in ID
	// order so the pairing does not depend on the input order.
	reverseOf := map[string]string{} // term card ID -> reverse card ID
	paired := map[string]bool{}      // reverse card IDs merged into a note
	reverses := make([]*deck.Card, 0)
	for i := range cards {
		if pairs && cards[i].Kind == deck.KindReverse {
			reverses = append(reverses, &cards[i])
		}
	}
	slices.SortFunc(reverses, func(a, b *deck.Card) int { return strings.Compare(a.ID, b.ID) })
	for _, r := range reverses {
		siblings := slices.Clone(r.Siblings)
		slices.Sort(siblings)
		for _, id := range siblings {
			term, ok := byID[id]
			if !ok || term.Kind != deck.KindTerm || reverseOf[id] != "" {
				continue
			}
			reverseOf[id] = r.ID
			paired[r.ID] = true
			break
		}
	}

	// A card relinked since its first export keeps the GUID of its first
	// ID; a card that has since taken up such an ID again gets another.
	claimed := make(map[string]bool, len(opts.FirstIDs))
	for id, first := range opts.FirstIDs {
		if first != "" && first != id {
			claimed[first] = true
		}
	}
	guidKey := func(id string) string {
		if first := opts.FirstIDs[id]; first != "" {
			return first
		}
		if claimed[id] {
			return id + "\x00again"
		}
		return id
	}

	notes := make([]Note, 0, len(cards))
	guids := make(map[string]string, len(cards))
	for i := range cards {
		c := &cards[i]
		if paired[c.ID] {
			continue
		}
		deckName, err := ankiDeckName(prefix, c.Deck)
		if err != nil {
			return nil, fmt.Errorf("card %q: %w", c.ID, err)
		}
		n := Note{
			GUID:       GUID(guidKey(c.ID)),
			NoteType:   Basic,
			Deck:       deckName,
			Front:      fieldHTML(c.Front),
			Back:       backHTML(*c),
			Tags:       ankiTags(*c),
			CardIDs:    []string{c.ID},
			recallDeck: c.Deck,
			order:      c.Order,
		}
		r := reverseOf[c.ID]
		if r != "" {
			n.NoteType = BasicReversed
			n.CardIDs = append(n.CardIDs, r)
		}
		switch noteType {
		case "":
			n.Fields = []string{n.Front, n.Back}
		case RecallNoteType:
			n.NoteType = RecallNoteType
			var term, reverse string
			id := RecallID{Deck: c.Deck, Identity: opts.DeckIdentities[c.Deck], Cards: []RecallIDCard{idCard(*c)}}
			if r != "" {
				rc := byID[r]
				_, question := rc.FrontParts()
				term, reverse = fieldHTML(rc.Back), fieldHTML(question)
				id.Cards = append(id.Cards, idCard(*rc))
			}
			n.Fields = recallFields(*c, term, reverse, id)
			n.RecallID = id
		default:
			n.NoteType = noteType
			n.Fields = []string{n.Front, n.Back}
		}
		if other, clash := guids[n.GUID]; clash {
			return nil, fmt.Errorf("cards %q and %q: same Anki GUID %s", other, c.ID, n.GUID)
		}
		guids[n.GUID] = c.ID
		notes = append(notes, n)
	}
	slices.SortFunc(notes, func(a, b Note) int {
		if c := strings.Compare(a.recallDeck, b.recallDeck); c != 0 {
			return c
		}
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.CardIDs[0], b.CardIDs[0])
	})
	return notes, nil
}

// idCard is card c as the RecallID field holds it: its siblings that can
// be written, at most MaxSiblings of them.
func idCard(c deck.Card) RecallIDCard {
	var siblings []string
	for _, s := range c.Siblings {
		if ValidID(s) && s != c.ID && !slices.Contains(siblings, s) && len(siblings) < MaxSiblings {
			siblings = append(siblings, s)
		}
	}
	return RecallIDCard{ID: c.ID, Siblings: siblings, Order: max(c.Order, 0)}
}

// recallFields are the fields of recall's note type for card c; term and
// reverse are the Term and Reverse fields, already HTML, empty for a note
// without a reverse card; id says which recall cards the note's cards are.
func recallFields(c deck.Card, term, reverse string, id RecallID) []string {
	cue, question := c.FrontParts()
	var source []string
	if where := oneLineText(c.Context()); where != "" {
		source = append(source, html.EscapeString(where))
	}
	if len(c.Sources) > 0 {
		if link, ok := safeURL(c.Sources[0].URL); ok {
			source = append(source, `<a href="`+html.EscapeString(link)+`">video</a>`)
		}
	}
	return []string{
		fieldHTML(question),
		fieldHTML(c.Back),
		html.EscapeString(oneLineText(cue)),
		term,
		strings.Join(source, " · "),
		"",
		reverse,
		id.FieldHTML(),
	}
}

// WriteCSV writes cards as Anki's "Notes in Plain Text" export does,
// which Anki 2.1.55 and later imports without asking anything: the header
// lines Anki's own export writes, in its order, then one tab-separated row
// per note (see Notes): GUID, note type, deck, the note type's fields
// in its order (Front and Back, or RecallFields), tags.
//
// The header also says "#if matches:update current", so that a note whose
// GUID Anki has already is updated even if "keep current" was once chosen
// in Anki's import dialog (Anki 2.1.58 and later read it; older ones skip
// it).
//
// The same cards always give the same bytes.
func WriteCSV(w io.Writer, cards []deck.Card, opts Options) error {
	notes, err := Notes(cards, opts)
	if err != nil {
		return fmt.Errorf("export to Anki: %w", err)
	}
	fields := 2
	if strings.TrimSpace(opts.NoteType) == RecallNoteType {
		fields = len(RecallFields)
	}
	var b strings.Builder
	// No space after the colons: Anki does not trim every header value, and
	// takes "if matches" only when it is exactly one of its three phrases.
	fmt.Fprintf(&b, "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:%d\n#if matches:update current\n", 4+fields)
	// Anki's CSV reader takes quoting as encoding/csv writes it. Fields made
	// by fieldHTML never need quotes; deck names and tags are cleaned so
	// they do not either.
	rows := csv.NewWriter(&b)
	rows.Comma = '\t'
	for _, n := range notes {
		row := append([]string{n.GUID, n.NoteType, n.Deck}, n.Fields...)
		if err := rows.Write(append(row, strings.Join(n.Tags, " "))); err != nil {
			return fmt.Errorf("export to Anki: %w", err)
		}
	}
	rows.Flush()
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write Anki notes: %w", err)
	}
	return nil
}

// fieldHTML turns recall's clean text into an Anki field. Everything from
// the text is escaped, so a note cannot inject markup; only then are
// recall's own tags added: <i> for *emphasis*, <br> for line breaks. Tabs
// become &#9; so they cannot split a row. Control characters, which Anki
// cannot show and which would break its field separator (0x1f), are
// dropped.
func fieldHTML(text string) string {
	text = cleanText(text)
	text = html.EscapeString(text)
	text = strings.ReplaceAll(text, "\t", "&#9;")
	text = celltext.MarkEmphasis(text, "<i>", "</i>")
	return strings.ReplaceAll(text, "\n", "<br>")
}

// cleanText makes text valid UTF-8 with "\n" line breaks and no control
// characters other than tab and line feed.
func cleanText(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, text)
}

// backHTML is the card's back followed by where it came from: the note
// title › section, and a link to the video at the item's timestamp.
func backHTML(c deck.Card) string {
	back := fieldHTML(c.Back)
	var src []string
	if ctx := oneLineText(c.Context()); ctx != "" {
		src = append(src, html.EscapeString(ctx))
	}
	if len(c.Sources) > 0 {
		if link, ok := safeURL(c.Sources[0].URL); ok {
			src = append(src, `<a href="`+html.EscapeString(link)+`">video</a>`)
		}
	}
	if len(src) == 0 {
		return back
	}
	if back == "" {
		return strings.Join(src, " · ")
	}
	return back + "<br><br>" + strings.Join(src, " · ")
}

// oneLineText is cleanText with every run of white space made one space, for
// titles, sections and deck names.
func oneLineText(s string) string {
	return celltext.OneLine(cleanText(s))
}

// safeURL returns u if it is an absolute http or https URL with a host, the
// only links worth following from a flashcard; anything else (javascript:,
// data:, relative paths) is dropped.
func safeURL(u string) (string, bool) {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > 2048 || !utf8.ValidString(u) {
		return "", false
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return "", false
	}
	switch strings.ToLower(parsed.Scheme) {
	case "http", "https":
		return parsed.String(), true
	}
	return "", false
}

// ankiDeckPrefix cleans the user's prefix into Anki deck levels; "::" in it
// nests on purpose. Empty levels are dropped.
func ankiDeckPrefix(prefix string) []string {
	var levels []string
	for _, level := range strings.Split(prefix, "::") {
		if level = ankiDeckLevel(level); level != "" {
			levels = append(levels, level)
		}
	}
	return levels
}

// ankiDeckName maps a recall deck to its Anki deck under prefix.
//
// A recall deck is one Anki level: any run of two or more colons in its name
// is written as a single colon, so "A::B" cannot create a deck B inside a
// deck A by accident. Control characters, double quotes and angle brackets
// are dropped and
// space trimmed, as Anki itself would (white space runs become one space);
// an empty name becomes "Default".
func ankiDeckName(prefix []string, recallDeck string) (string, error) {
	level := ankiDeckLevel(collapseColons(recallDeck))
	if level == "" {
		level = "Default"
	}
	if len(prefix) == 0 {
		if _, err := strconv.ParseInt(level, 10, 64); err == nil {
			return "", fmt.Errorf("deck %q: Anki reads a number in the deck column as a deck id; use a deck prefix", recallDeck)
		}
	}
	return strings.Join(append(slices.Clone(prefix), level), "::"), nil
}

// ankiDeckLevel cleans one level of a deck name as Anki would (no control
// characters, no double quotes, no surrounding space), except that line
// breaks and tabs become spaces rather than gluing words together. Angle
// brackets go too: a deck name is plain text, not HTML, and some Anki
// versions put it in their deck list unescaped. The result is a fixed point
// of Anki's own normalisation (DeckName), so the name Anki looks up is
// the name it creates.
func ankiDeckLevel(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r == '<' || r == '>' {
			return -1
		}
		return r
	}, oneLineText(norm.NFC.String(s)))
	return trimDeckLevel(s)
}

// trimDeckLevel trims what Anki trims from each level of a deck name: white
// space and colons.
func trimDeckLevel(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ':' })
}

// DeckName normalises a full deck name ("A::B") as Anki does when it
// creates a deck: each "::" level made NFC, ASCII control characters
// removed, white space and colons trimmed from both ends, and an empty
// level named "blank". Anki looks decks up by the name as given but creates
// them under this one, so a name that is not already normalised makes a new
// deck on every import.
func DeckName(name string) string {
	levels := strings.Split(name, "::")
	for i, level := range levels {
		level = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, norm.NFC.String(level))
		if level = trimDeckLevel(level); level == "" {
			level = "blank"
		}
		levels[i] = level
	}
	return strings.Join(levels, "::")
}

func collapseColons(s string) string {
	var b strings.Builder
	run := 0
	for _, r := range s {
		if r == ':' {
			run++
			continue
		}
		if run > 0 {
			b.WriteByte(':')
			run = 0
		}
		b.WriteRune(r)
	}
	if run > 0 {
		b.WriteByte(':')
	}
	return b.String()
}

// ankiTags are the card's note slug, its section's slug and its own tags,
// each made a single Anki tag: lower case letters, digits and '_', runs of
// anything else (spaces, '::' which would nest tags, quotes) turned into
// one '-'.
func ankiTags(c deck.Card) []string {
	var tags []string
	add := func(s string) {
		if t := tagSlug(s); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	note := c.Note
	if note == "" && len(c.Sources) > 0 {
		file := c.Sources[0].File
		file = file[strings.LastIndex(file, "/")+1:]
		note = strings.TrimSuffix(file, ".md")
	}
	add(note)
	if len(c.Sources) > 0 {
		add(c.Sources[0].Section)
	}
	for _, t := range c.Tags {
		add(t)
	}
	slices.Sort(tags)
	return tags
}

func tagSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.ToValidUTF8(s, "")) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
