package anki_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/deck/anki"
)

var update = flag.Bool("update", false, "rewrite golden files")

const header = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n#if matches:update current\n"

// hostile holds text a note or a shared deck could carry, meant to break
// the row, the CSV quoting or Anki's HTML.
var hostile = []string{
	"tab\there and\ttwice",
	"line one\nline two\r\nline three\rline four",
	`say "hello" and ""twice""`,
	`<script>alert("x")</script>`,
	"&amp; &lt;b&gt; &#9; &nbsp;",
	"<b>bold</b> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>",
	"Ünïcödé — 中文 — עברית — émoji 👍🏽 🧑‍🤝‍🧑",
	"control\x00chars\x01\x07\x1b[31m\x1f\x7f\u0085 end",
	"*light* emphasis, 2 * 3 * 4, **double**, a*b*c",
	"# not a comment",
	"\"leading quote",
	"trailing backslash \\",
	"",
	"bad utf-8 \xff\xfe here",
}

// decodeField undoes fieldHTML: recall's own tags first (every other '<'
// was escaped), then the HTML entities.
func decodeField(f string) string {
	f = strings.ReplaceAll(f, "<br>", "\n")
	f = strings.ReplaceAll(f, "<i>", "*")
	f = strings.ReplaceAll(f, "</i>", "*")
	return html.UnescapeString(f)
}

// wantText is what a field must read after decodeField: the text with line
// breaks made "\n" and control characters other than tab and line feed
// dropped, since Anki can neither show nor store them safely.
func wantText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func sampleCards() []deck.Card {
	src := func(section, url string) []deck.Source {
		return []deck.Source{{File: "notes/building-trust.md", Line: 12, Title: "Building trust", Section: section, URL: url}}
	}
	return []deck.Card{
		{ID: "t1", Kind: deck.KindTerm, Deck: "Building trust", Front: "Building trust › Building Trust — what does *Calling your shots* mean?",
			Back: "Forecasting and setting goals, then hitting them.", Term: "Calling your shots", Note: "building-trust", Order: 1,
			Siblings: []string{"r1"}, Sources: src("Building Trust", "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s")},
		{ID: "r1", Kind: deck.KindReverse, Deck: "Building trust", Front: "Forecasting and setting goals, then hitting them.",
			Back: "Calling your shots", Term: "Calling your shots", Note: "building-trust", Order: 2,
			Siblings: []string{"t1"}, Sources: src("Building Trust", "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5090s")},
		{ID: "l1", Kind: deck.KindList, Deck: "Building trust", Front: "Losing Trust — name the 4 ways trust is lost",
			Back: "- Lying\n- Being evasive\n- Failing to ship\n- Repeating mistakes", Term: "Losing Trust", Note: "building-trust", Order: 3,
			Sources: src("Losing Trust", "")},
		{ID: "a1", Kind: deck.KindTerm, Deck: "Another deck", Front: "What is *candor*?", Back: "Saying what you think.",
			Note: "candor", Order: 1, Tags: []string{"Team Work", "a::b"}, Sources: []deck.Source{{File: "candor.md", Title: "Candor"}}},
	}
}

func hostileCards() []deck.Card {
	var cards []deck.Card
	for i, text := range hostile {
		cards = append(cards, deck.Card{
			ID: "h" + string(rune('a'+i)), Kind: deck.KindTerm, Deck: "Hostile\t\"deck\"\n::x", Order: i,
			Front: text, Back: text, Note: "hostile note " + text, Tags: []string{text},
			Sources: []deck.Source{{Title: "T\t" + text, Section: "S\n" + text, URL: "https://example.test/v?a=\"><script>&t=" + text}},
		})
	}
	return cards
}

// readBack parses an export the way a strict CSV reader does: tab
// separated, '#' lines skipped, no lazy quotes, six fields a row.
func readBack(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = '\t'
	r.Comment = '#'
	r.LazyQuotes = false
	r.FieldsPerRecord = 6
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		rows = append(rows, rec)
	}
}

func export(t *testing.T, cards []deck.Card, opts anki.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := anki.WriteCSV(&buf, cards, opts); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	return buf.Bytes()
}

func TestAnkiCSVReadsBackExactly(t *testing.T) {
	for name, cards := range map[string][]deck.Card{"sample": sampleCards(), "hostile": hostileCards()} {
		t.Run(name, func(t *testing.T) {
			data := export(t, cards, anki.DefaultOptions())
			if !bytes.HasPrefix(data, []byte(header)) {
				t.Fatalf("export does not start with Anki's header lines:\n%s", data)
			}
			notes, err := anki.Notes(cards, anki.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			rows := readBack(t, data)
			if len(rows) != len(notes) {
				t.Fatalf("read %d rows, want %d notes", len(rows), len(notes))
			}
			for i, n := range notes {
				want := []string{n.GUID, n.NoteType, n.Deck, n.Front, n.Back, strings.Join(n.Tags, " ")}
				if !slices.Equal(rows[i], want) {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], want)
				}
			}
		})
	}
}

func TestAnkiCSVHostileTextRoundTrips(t *testing.T) {
	cards := hostileCards()
	rows := readBack(t, export(t, cards, anki.DefaultOptions()))
	byGUID := map[string][]string{}
	for _, r := range rows {
		byGUID[r[0]] = r
	}
	for _, c := range cards {
		row, ok := byGUID[anki.GUID(c.ID)]
		if !ok {
			t.Errorf("card %s: no row", c.ID)
			continue
		}
		if got, want := decodeField(row[3]), wantText(c.Front); got != want {
			t.Errorf("card %s front:\n got %q\nwant %q", c.ID, got, want)
		}
		// The back is the card's back, then a blank line and the source.
		back, _, _ := strings.Cut(row[4], "<br><br>T ")
		if c.Back == "" {
			if !strings.HasPrefix(row[4], "T ") {
				t.Errorf("card %s: back %q, want only the source", c.ID, row[4])
			}
			back = ""
		}
		if got, want := decodeField(back), wantText(c.Back); got != want {
			t.Errorf("card %s back:\n got %q\nwant %q", c.ID, got, want)
		}
		for _, tag := range strings.Fields(row[5]) {
			if strings.ContainsAny(tag, `:"`) {
				t.Errorf("card %s: tag %q would nest or break in Anki", c.ID, tag)
			}
		}
		if row[2] != "recall::Hostile deck :x" {
			t.Errorf("card %s: deck %q, want one level under recall", c.ID, row[2])
		}
	}
}

// ownTag matches the only markup recall writes into a field.
var ownTag = regexp.MustCompile(`^<(?:br|i|/i|/a|a href="https?://[^"<>]*")>`)

func TestAnkiFieldsHoldOnlyOwnMarkup(t *testing.T) {
	cards := append(hostileCards(), sampleCards()...)
	for _, row := range readBack(t, export(t, cards, anki.DefaultOptions())) {
		for col, f := range row {
			for i := strings.IndexByte(f, '<'); i >= 0; {
				m := ownTag.FindString(f[i:])
				if m == "" {
					t.Errorf("column %d holds markup recall did not write at %q", col+1, f[i:min(len(f), i+40)])
					break
				}
				next := strings.IndexByte(f[i+len(m):], '<')
				if next < 0 {
					break
				}
				i += len(m) + next
			}
			if col != 4 && strings.Contains(f, "<a ") {
				t.Errorf("column %d holds a link: %q", col+1, f)
			}
		}
	}
}

func TestAnkiNoteTypes(t *testing.T) {
	notes, err := anki.Notes(sampleCards(), anki.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		noteType, deck string
		cardIDs        []string
	}
	want := []got{
		{anki.Basic, "recall::Another deck", []string{"a1"}},
		{anki.BasicReversed, "recall::Building trust", []string{"t1", "r1"}},
		{anki.Basic, "recall::Building trust", []string{"l1"}},
	}
	if len(notes) != len(want) {
		t.Fatalf("%d notes, want %d: %+v", len(notes), len(want), notes)
	}
	for i, w := range want {
		n := notes[i]
		if n.NoteType != w.noteType || n.Deck != w.deck || !slices.Equal(n.CardIDs, w.cardIDs) {
			t.Errorf("note %d: %s %q %v, want %s %q %v", i, n.NoteType, n.Deck, n.CardIDs, w.noteType, w.deck, w.cardIDs)
		}
	}
	rev := notes[1]
	if rev.Front != "Building trust › Building Trust — what does <i>Calling your shots</i> mean?" {
		t.Errorf("front %q", rev.Front)
	}
	if want := `Forecasting and setting goals, then hitting them.<br><br>Building trust › Building Trust · <a href="https://www.youtube.com/watch?v=7gaPPrAd7nc&amp;t=5090s">video</a>`; rev.Back != want {
		t.Errorf("back\n got %q\nwant %q", rev.Back, want)
	}
	if !slices.Equal(rev.Tags, []string{"building-trust"}) {
		t.Errorf("tags %q", rev.Tags)
	}
	if !slices.Equal(notes[0].Tags, []string{"a-b", "candor", "team-work"}) {
		t.Errorf("tags %q", notes[0].Tags)
	}
}

func TestAnkiReverseWithoutItsTermCard(t *testing.T) {
	cards := sampleCards()[1:2] // the reverse card alone, as with a partial export
	notes, err := anki.Notes(cards, anki.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].NoteType != anki.Basic || notes[0].CardIDs[0] != "r1" {
		t.Fatalf("got %+v, want one Basic note for r1", notes)
	}
}

func TestAnkiDeckNames(t *testing.T) {
	tests := []struct {
		prefix, deck, want string
	}{
		{"recall", "Building trust", "recall::Building trust"},
		{"", "Building trust", "Building trust"},
		{"study::recall", "Team", "study::recall::Team"},
		{" recall ::", "Team", "recall::Team"},
		{"recall", "A::B", "recall::A:B"},
		{"recall", "A:::B::::", "recall::A:B"},
		{"recall", "Work:", "recall::Work"},
		{"recall", " :Work: ", "recall::Work"},
		{"recall", "Cafe\u0301", "recall::Caf\u00e9"},
		{"recall::", ":::", "recall::Default"},
		{"recall", "  \"quoted\"\tname\n", "recall::quoted name"},
		{"recall", "", "recall::Default"},
		{"recall", "<script>x</script>", "recall::scriptx/script"},
		{"recall", "2024", "recall::2024"},
	}
	for _, tt := range tests {
		notes, err := anki.Notes([]deck.Card{{ID: "x", Kind: deck.KindTerm, Deck: tt.deck}}, anki.Options{DeckPrefix: tt.prefix})
		if err != nil {
			t.Errorf("prefix %q deck %q: %v", tt.prefix, tt.deck, err)
			continue
		}
		if notes[0].Deck != tt.want {
			t.Errorf("prefix %q deck %q: got %q, want %q", tt.prefix, tt.deck, notes[0].Deck, tt.want)
		}
	}
	// Anki would read a bare number as a deck id.
	_, err := anki.Notes([]deck.Card{{ID: "x", Kind: deck.KindTerm, Deck: "2024"}}, anki.Options{})
	if err == nil || !strings.Contains(err.Error(), `"2024"`) {
		t.Errorf("numeric top-level deck: err = %v, want an error naming the deck", err)
	}
}

func TestAnkiGUID(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range []string{"", "a", "b", "t1", "r1", "term:building-trust/calling-your-shots", strings.Repeat("x", 1000)} {
		g := anki.GUID(id)
		if len(g) != 10 || strings.Trim(g, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			t.Errorf("GUID(%q) = %q, want 10 base-62 digits", id, g)
		}
		if g != anki.GUID(id) {
			t.Errorf("GUID(%q) is not stable", id)
		}
		if seen[g] {
			t.Errorf("GUID(%q) = %q collides", id, g)
		}
		seen[g] = true
	}
	// A fixed value, so that a change to the algorithm (which would make
	// Anki duplicate every note on the next import) cannot go unnoticed.
	if g := anki.GUID("t1"); g != pinnedGUID {
		t.Errorf("GUID(\"t1\") = %q, want %q", g, pinnedGUID)
	}
}

const pinnedGUID = "4lBazjoWJ4"

func TestAnkiExportIsDeterministic(t *testing.T) {
	cards := append(sampleCards(), hostileCards()...)
	want := export(t, cards, anki.DefaultOptions())
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(cards)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := export(t, shuffled, anki.DefaultOptions()); !bytes.Equal(got, want) {
			t.Fatalf("export depends on the order of the cards")
		}
	}
}

func TestAnkiRejectsDuplicateIDs(t *testing.T) {
	cards := append(sampleCards(), sampleCards()[0])
	if err := anki.WriteCSV(io.Discard, cards, anki.DefaultOptions()); err == nil || !strings.Contains(err.Error(), `"t1"`) {
		t.Errorf("err = %v, want an error naming card t1", err)
	}
}

func TestAnkiWriteError(t *testing.T) {
	err := anki.WriteCSV(failingWriter{}, sampleCards(), anki.DefaultOptions())
	if !errors.Is(err, errDiskFull) {
		t.Errorf("err = %v, want the writer's error wrapped", err)
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// seedCards generates the embedded default deck, with reverse cards.
func seedCards(t *testing.T) []deck.Card {
	t.Helper()
	res := content.Generate(content.DefaultDeck(), content.Options{Deck: content.DefaultDeckName, Reverse: true})
	if len(res.Cards) == 0 {
		t.Skip("content.Generate made no cards from the default deck")
	}
	return res.Cards
}

func TestAnkiSeedGolden(t *testing.T) {
	cards := seedCards(t)
	got := export(t, cards, anki.DefaultOptions())
	golden := filepath.Join("testdata", "anki_seed.txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./deck/anki -run TestAnkiSeedGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export of the seed deck differs from %s (rerun with -update if the change is intended)", golden)
	}
	rows := readBack(t, got)
	notes, err := anki.Notes(cards, anki.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(notes) {
		t.Fatalf("%d rows, want %d", len(rows), len(notes))
	}
	reversed := 0
	for i, n := range notes {
		if !slices.Equal(rows[i], []string{n.GUID, n.NoteType, n.Deck, n.Front, n.Back, strings.Join(n.Tags, " ")}) {
			t.Errorf("row %d does not read back as note %s", i+1, n.GUID)
		}
		if n.NoteType == anki.BasicReversed {
			reversed++
		}
	}
	if reversed == 0 {
		t.Errorf("no %q notes although the seed deck was generated with reverse cards", anki.BasicReversed)
	}
}

// TestAnkiGUIDsSurviveRewording rewrites every definition in the seed notes
// and checks that the new export updates the same Anki notes.
func TestAnkiGUIDsSurviveRewording(t *testing.T) {
	before := seedCards(t)
	files := content.DefaultDeck()
	reworded := make([]content.File, len(files))
	boldTerm := regexp.MustCompile(`(?m)^(\s*[*-]\s+\*\*[^*]+\*\*:?\**:?)\s*(\S)`)
	for i, f := range files {
		data := boldTerm.ReplaceAll(f.Data, []byte("$1 Reworded: $2"))
		reworded[i] = content.File{Path: f.Path, Data: data}
	}
	after := content.Generate(reworded, content.Options{Deck: content.DefaultDeckName, Reverse: true}).Cards

	guids := func(cards []deck.Card) map[string]string {
		notes, err := anki.Notes(cards, anki.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, n := range notes {
			m[n.GUID] = n.Back
		}
		return m
	}
	old, now := guids(before), guids(after)
	if len(old) != len(now) {
		t.Errorf("%d notes before rewording, %d after", len(old), len(now))
	}
	changed := 0
	for g, back := range old {
		newBack, ok := now[g]
		if !ok {
			t.Errorf("GUID %s vanished after rewording", g)
			continue
		}
		if newBack != back {
			changed++
		}
	}
	if changed == 0 {
		t.Errorf("no note's back changed: the rewording did not reach any definition")
	}
}

// FuzzAnkiCSV checks that no text breaks a row, the quoting or the markup,
// and that the card's text always reads back.
func FuzzAnkiCSV(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h, "Deck::"+h, h, h, "https://example.test/?q="+h)
	}
	f.Add("*a* **b** * c *", "x\r\n\ty", "2024", "", "", "javascript:alert(1)")
	f.Fuzz(func(t *testing.T, front, back, deckName, title, section, link string) {
		c := deck.Card{ID: "f1", Kind: deck.KindTerm, Deck: deckName, Front: front, Back: back, Note: title,
			Tags: []string{section}, Sources: []deck.Source{{Title: title, Section: section, URL: link}}}
		var buf bytes.Buffer
		if err := anki.WriteCSV(&buf, []deck.Card{c}, anki.DefaultOptions()); err != nil {
			t.Fatalf("WriteCSV: %v", err)
		}
		rows := readBack(t, buf.Bytes())
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		row := rows[0]
		if got, want := decodeField(row[3]), wantText(front); got != want {
			t.Errorf("front %q reads back as %q", want, got)
		}
		if got, want := decodeField(row[4]), wantText(back); !strings.HasPrefix(got, want) {
			t.Errorf("back %q reads back as %q", want, got)
		}
		if !strings.HasPrefix(row[2], "recall::") || strings.Count(row[2], "::") != 1 {
			t.Errorf("deck %q is not one level under recall", row[2])
		}
		for col, f := range row {
			for i := strings.IndexByte(f, '<'); i >= 0; {
				m := ownTag.FindString(f[i:])
				if m == "" {
					t.Fatalf("column %d holds markup recall did not write: %q", col+1, f)
				}
				next := strings.IndexByte(f[i+len(m):], '<')
				if next < 0 {
					break
				}
				i += len(m) + next
			}
		}
	})
}
