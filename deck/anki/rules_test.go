package anki_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
)

// ankiMeta is what Anki's CSV importer (rslib import_export/text/csv/
// metadata.rs) takes from the '#' lines at the top of a file.
type ankiMeta struct {
	separator, html, ifMatches               string
	guidCol, notetypeCol, deckCol, tagsCol   int
	unknown                                  []string
	metaLines                                int
	notetypeGlobal, deckGlobal, columnLabels string
}

// parseAnkiMeta follows Anki's parse_meta_lines: every line starting with
// '#' is a header line; "key:value" splits at the first colon; the key is
// trimmed and lower-cased; column numbers are parsed from the value cut at
// the first non-alphanumeric character after the first; "if matches" must
// be one of Anki's three phrases exactly.
func parseAnkiMeta(t *testing.T, data []byte) ankiMeta {
	t.Helper()
	var m ankiMeta
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "#")
		if !ok {
			break
		}
		m.metaLines++
		key, value, ok := strings.Cut(rest, ":")
		if !ok {
			continue
		}
		trimmed := value
		if len(value) > 1 {
			if j := strings.IndexFunc(value[1:], func(r rune) bool { return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) }); j >= 0 {
				trimmed = value[:1+j]
			}
		}
		col := func() int {
			n, err := strconv.Atoi(strings.TrimSpace(trimmed))
			if err != nil {
				t.Fatalf("header %q: Anki would ignore the column number %q", line, trimmed)
			}
			return n
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "separator":
			m.separator = trimmed
		case "html":
			m.html = strings.ToLower(trimmed)
		case "guid column":
			m.guidCol = col()
		case "notetype column":
			m.notetypeCol = col()
		case "deck column":
			m.deckCol = col()
		case "tags column":
			m.tagsCol = col()
		case "if matches":
			switch value {
			case "update current", "keep current", "keep both":
				m.ifMatches = value
			default:
				t.Fatalf("header %q: Anki would ignore %q", line, value)
			}
		case "notetype":
			m.notetypeGlobal = value
		case "deck":
			m.deckGlobal = value
		case "columns":
			m.columnLabels = value
		default:
			m.unknown = append(m.unknown, line)
		}
	}
	return m
}

// ankiNote is one row as Anki's importer sees it.
type ankiNote struct {
	guid, notetype, deck string
	fields, tags         []string
}

// readAsAnki reads an export the way Anki does: the header, then every row
// with the notetype named by its column, so that (as in import.rs) the
// fields are all the columns that are not meta columns, in order.
func readAsAnki(t *testing.T, data []byte) (ankiMeta, []ankiNote) {
	t.Helper()
	m := parseAnkiMeta(t, data)
	if m.separator != "tab" || m.html != "true" {
		t.Fatalf("separator %q html %q, want tab and true", m.separator, m.html)
	}
	if len(m.unknown) > 0 || m.notetypeGlobal != "" || m.deckGlobal != "" || m.columnLabels != "" {
		t.Fatalf("unexpected header lines %q (notetype %q deck %q columns %q)", m.unknown, m.notetypeGlobal, m.deckGlobal, m.columnLabels)
	}
	lines := bytes.SplitN(data, []byte("\n"), m.metaLines+1)
	r := csv.NewReader(bytes.NewReader(lines[len(lines)-1]))
	r.Comma = '\t'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("rows: %v", err)
	}
	meta := map[int]bool{m.guidCol: true, m.notetypeCol: true, m.deckCol: true, m.tagsCol: true}
	var notes []ankiNote
	for _, rec := range recs {
		n := ankiNote{guid: rec[m.guidCol-1], notetype: rec[m.notetypeCol-1], deck: rec[m.deckCol-1], tags: strings.Fields(rec[m.tagsCol-1])}
		for i := 1; i <= len(rec); i++ {
			if !meta[i] {
				n.fields = append(n.fields, rec[i-1])
			}
		}
		notes = append(notes, n)
	}
	return m, notes
}

// ankiNormaliseDeck is Anki's rule for deck names (rslib decks/name.rs,
// normalized_deck_name_component), written independently of the package.
func ankiNormaliseDeck(name string) string {
	parts := strings.Split(name, "::")
	for i, p := range parts {
		p = norm.NFC.String(p)
		p = strings.Map(func(r rune) rune {
			if r <= 0x1f || r == 0x7f {
				return -1
			}
			return r
		}, p)
		p = strings.TrimFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == ':' })
		if p == "" {
			p = "blank"
		}
		parts[i] = p
	}
	return strings.Join(parts, "::")
}

func TestAnkiCSVHeaderAsAnkiReadsIt(t *testing.T) {
	tests := []struct {
		noteType   string
		tagsColumn int
		fields     int
	}{
		{"", 6, 2},
		{anki.RecallNoteType, 12, 8},
		{"Einfach", 6, 2},
		{"基本", 6, 2},
	}
	for _, tt := range tests {
		data := export(t, append(sampleCards(), hostileCards()...), anki.Options{DeckPrefix: "recall", NoteType: tt.noteType})
		m, notes := readAsAnki(t, data)
		if m.guidCol != 1 || m.notetypeCol != 2 || m.deckCol != 3 || m.tagsCol != tt.tagsColumn {
			t.Errorf("note type %q: columns guid %d notetype %d deck %d tags %d", tt.noteType, m.guidCol, m.notetypeCol, m.deckCol, m.tagsCol)
		}
		if m.ifMatches != "update current" {
			t.Errorf("note type %q: if matches %q, want update current", tt.noteType, m.ifMatches)
		}
		want, err := anki.Notes(append(sampleCards(), hostileCards()...), anki.Options{DeckPrefix: "recall", NoteType: tt.noteType})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != len(want) {
			t.Fatalf("note type %q: Anki reads %d notes, want %d", tt.noteType, len(notes), len(want))
		}
		for i, n := range notes {
			w := want[i]
			if len(n.fields) != tt.fields || !slices.Equal(n.fields, w.Fields) {
				t.Errorf("note type %q, row %d: fields %q, want %d fields %q", tt.noteType, i+1, n.fields, tt.fields, w.Fields)
			}
			if n.guid != w.GUID || n.deck != w.Deck || !slices.Equal(n.tags, w.Tags) {
				t.Errorf("note type %q, row %d: guid %q deck %q tags %q, want %q %q %q", tt.noteType, i+1, n.guid, n.deck, n.tags, w.GUID, w.Deck, w.Tags)
			}
			switch {
			case tt.noteType == "" && n.notetype != anki.Basic && n.notetype != anki.BasicReversed,
				tt.noteType != "" && n.notetype != tt.noteType:
				t.Errorf("note type %q, row %d: the row names note type %q", tt.noteType, i+1, n.notetype)
			}
			if got := ankiNormaliseDeck(n.deck); got != n.deck {
				t.Errorf("deck %q: Anki would create it as %q and make a new deck on every row", n.deck, got)
			}
		}
	}
}

func TestAnkiRecallNoteTypeFields(t *testing.T) {
	notes, err := anki.Notes(sampleCards(), anki.Options{DeckPrefix: "recall", NoteType: anki.RecallNoteType})
	if err != nil {
		t.Fatal(err)
	}
	byCard := map[string]anki.Note{}
	for _, n := range notes {
		byCard[n.CardIDs[0]] = n
	}
	term := byCard["t1"]
	if !slices.Equal(term.CardIDs, []string{"t1", "r1"}) {
		t.Fatalf("term note cards %q, want the term card and its reverse", term.CardIDs)
	}
	want := []string{
		"what does <i>Calling your shots</i> mean?",
		"Forecasting and setting goals, then hitting them.",
		"Building trust › Building Trust",
		"Calling your shots",
		`Building trust › Building Trust · <a href="https://www.youtube.com/watch?v=7gaPPrAd7nc&amp;t=5090s">video</a>`,
		"",
		// The reverse card's own question.
		"Forecasting and setting goals, then hitting them.",
		// The hidden field: both cards' recall IDs, each naming the
		// other as its sibling, and their deck.
		"recall:1 deck=Building+trust card0=t1 siblings0=r1 order0=1 card1=r1 siblings1=t1 order1=2",
	}
	if !slices.Equal(term.Fields, want) {
		t.Errorf("fields\n got %q\nwant %q", term.Fields, want)
	}
	if len(term.Fields) != len(anki.RecallFields) {
		t.Errorf("%d fields, the note type has %d", len(term.Fields), len(anki.RecallFields))
	}
	// A list card has no reverse: its Term stays empty, so Anki makes no
	// second card.
	if f := byCard["l1"].Fields; f[3] != "" {
		t.Errorf("list note Term %q, want empty", f[3])
	}
	if _, ok := byCard["r1"]; ok {
		t.Errorf("the reverse card is exported on its own as well as in its term's note")
	}
}

func TestAnkiOtherNoteTypeOneNotePerCard(t *testing.T) {
	notes, err := anki.Notes(sampleCards(), anki.Options{DeckPrefix: "recall", NoteType: "Einfach"})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != len(sampleCards()) {
		t.Fatalf("%d notes for %d cards", len(notes), len(sampleCards()))
	}
	for _, n := range notes {
		if n.NoteType != "Einfach" || len(n.CardIDs) != 1 || n.GUID != anki.GUID(n.CardIDs[0]) {
			t.Errorf("note %+v", n)
		}
	}
}

func TestAnkiGUIDSurvivesRelinking(t *testing.T) {
	before, err := anki.Notes(sampleCards(), anki.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// The term card t1 was relinked to t9 (its term renamed), and a new card
	// has since taken the ID t1.
	cards := sampleCards()
	cards[0].ID = "t9"
	cards[1].Siblings = []string{"t9"}
	cards = append(cards, deck.Card{ID: "t1", Kind: deck.KindTerm, Deck: "Building trust", Front: "new", Back: "card", Order: 9})
	opts := anki.DefaultOptions()
	opts.FirstIDs = map[string]string{"t9": "t1"}
	after, err := anki.Notes(cards, opts)
	if err != nil {
		t.Fatal(err)
	}
	guidOf := func(notes []anki.Note, id string) string {
		for _, n := range notes {
			if n.CardIDs[0] == id {
				return n.GUID
			}
		}
		t.Fatalf("no note for card %s", id)
		return ""
	}
	if g, want := guidOf(after, "t9"), guidOf(before, "t1"); g != want {
		t.Errorf("relinked card has GUID %s, want the one first exported, %s", g, want)
	}
	if g := guidOf(after, "t1"); g == guidOf(before, "t1") {
		t.Errorf("the new card t1 took the GUID of the relinked card's note")
	}
}
