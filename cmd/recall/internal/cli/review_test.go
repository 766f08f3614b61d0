package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recallcards/recall/content"
	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// seedStore creates a store at a temporary path holding cards in deckName,
// and returns its path. The store is closed again so recall can open it.
func seedStore(t *testing.T, deckName string, cards []deck.Card) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := storage.Open(path, storage.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range cards {
		cards[i].Deck = deckName
		cards[i].Order = i
	}
	if _, err := st.Import(deckName, cards, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), false); err != nil {
		t.Fatal(err)
	}
	return path
}

// logGrades lists the store's review log as "ID=q", oldest first.
func logGrades(t *testing.T, path string) []string {
	t.Helper()
	st, err := storage.Open(path, storage.Options{LockTimeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var got []string
	if err := st.ForEachLog(func(e storage.LogEntry) error {
		got = append(got, fmt.Sprintf("%s=%d", e.CardID, e.Grade))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("store check: %v", errs)
	}
	return got
}

// runReviewLines runs recall review in line mode with input on stdin.
func runReviewLines(t *testing.T, db, now, input string, args ...string) (string, string, int) {
	t.Helper()
	env, out, errOut := testEnv(map[string]string{"RECALL_DB": db, "RECALL_NOW": now, "TZ": "UTC"})
	env.In = strings.NewReader(input)
	status := Run(env, append([]string{"review"}, args...))
	return out.String(), errOut.String(), status
}

func TestReviewFortyLinesDriveTwentyCards(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(30))
	out, errOut, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", strings.Repeat("show\n4\n", 20)+"show\n4\n")
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	if got := strings.Count(out, "\nQ: "); got != 20 {
		t.Errorf("%d Q: lines, want 20 (the new-card limit):\n%s", got, out)
	}
	if got := len(logGrades(t, db)); got != 20 {
		t.Errorf("%d reviews in the log, want 20", got)
	}
	for _, want := range []string{"20 cards to review: new 20, review 0, re-drill 0.", "Reviewed 20 cards, 100% correct", "New cards learned: 20.", "Streak: 1 day.", "20 cards due tomorrow, and 10 new."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestReviewCommitsEachGradeBeforeTheNextCard(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(3))
	// Input ends right after the second card's front: the first grade
	// must be in the store, the second card untouched.
	out, _, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", "x\n5\nx\n")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	if got := strings.Join(logGrades(t, db), " "); got != "c00=5" {
		t.Errorf("log %q, want c00=5", got)
	}
	if !strings.Contains(out, "2 cards left for today") {
		t.Errorf("summary does not mention the cards left:\n%s", out)
	}
}

func TestReviewHostileText(t *testing.T) {
	hostile := []string{
		"\x1b[2J", "\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b[?1049h", "\x1bP1$r\x1b\\",
		"\x07", "\x08", "\r", "\x00", "\x7f", "\u009b2J", "\u009d0;t\u009c", "\u202e", "\u2066",
	}
	cards := fakeCards(2)
	for i := range cards {
		cards[i].Front = "front " + strings.Join(hostile, " x ")
		cards[i].Back = "back " + strings.Join(hostile, "\n")
		cards[i].Sources[0].File = "evil\x1b[31m.md"
		cards[i].Sources[0].Title = "title\x1b]0;pwned\x07"
		cards[i].Sources[0].Section = "sec\x1b[1A"
		cards[i].Sources[0].URL = "https://x.example/\x1b]8;;http://evil\x1b\\"
	}
	db := seedStore(t, "Test deck", cards)
	out, errOut, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", "x\ne\n1\nx\ne\n4\nx\n4\n")
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	if got := len(logGrades(t, db)); got != 3 {
		t.Errorf("%d reviews, want 3", got)
	}
	assertNoControls(t, out+errOut)
	if !strings.Contains(out, "Q: front x x") {
		t.Errorf("front not shown:\n%s", out)
	}
}

func TestReviewHostileTextOnTheScreen(t *testing.T) {
	c := fakeCards(1)[0]
	c.Front = "front \x1b[2J\x1b]0;title\x07 end"
	c.Back = "back \x1b[31m red \x07"
	c.Sources[0].URL = "https://x.example/\x1b]8;;http://evil\x1b\\"
	// With colour the screen holds the palette's SGR sequences and no
	// other escape.
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for _, colour := range []bool{false, true} {
		r := newFakeReviewer(c)
		f := newReviewField(r, newPalette(&bytes.Buffer{}, colour), 40)
		for _, k := range []string{"", " ", "e"} {
			if k != "" {
				f.press(k)
			}
			v := f.View()
			if !colour && strings.Contains(v, "\x1b[") {
				t.Fatalf("colour off, yet the screen holds SGR: %q", v)
			}
			if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07\u009b") {
				t.Fatalf("colour %v, after %q the screen holds an escape: %q", colour, k, rest)
			}
		}
	}
}

func TestReviewNothingDue(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(2))
	if _, _, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", "x\n5\nx\n5\n"); status != 0 {
		t.Fatal("first session failed")
	}
	out, _, status := runReviewLines(t, db, "2026-03-02T10:00:00Z", "")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	want := "\nNothing is due now.\nThe next card is due tomorrow at 04:00.\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("output %q, want it to end with %q", out, want)
	}
}

func TestReviewUsageErrors(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(2))
	tests := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"--new-limit", "-1"}, 2, "recall: --new-limit must be 0 or more, not -1\n"},
		{[]string{"--review-limit", "-5"}, 2, "recall: --review-limit must be 0 or more, not -5\n"},
		{[]string{"extra"}, 2, "recall: unknown command \"extra\" for \"recall review\"\n"},
		{[]string{"--deck", "Nope"}, 1, "recall: no deck named \"Nope\" (recall decks lists them)\n"},
	}
	for _, tt := range tests {
		_, errOut, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", "", tt.args...)
		if status != tt.status || errOut != tt.stderr {
			t.Errorf("review %q = %d, %q; want %d, %q", tt.args, status, errOut, tt.status, tt.stderr)
		}
	}
}

func TestStreakDays(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(10))
	// Reviews on days 1, 2, 3 (twice), none on 4, then 5 and 6.
	for _, now := range []string{"2026-03-01T09:00:00Z", "2026-03-02T23:00:00Z", "2026-03-04T02:00:00Z", "2026-03-04T03:30:00Z", "2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z"} {
		if _, errOut, status := runReviewLines(t, db, now, "x\n4\n", "--new-limit", "1"); status != 0 {
			t.Fatalf("%s: %s", now, errOut)
		}
	}
	st, err := storage.Open(db, storage.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	tests := []struct {
		now  string
		want int
	}{
		{"2026-03-07T12:00:00Z", 2}, // today and yesterday
		{"2026-03-08T12:00:00Z", 2}, // nothing yet today: the streak to yesterday stands
		{"2026-03-09T12:00:00Z", 0}, // a day missed
		// 03-04 02:00 and 03:30 fall before the 04:00 rollover: review day 03-03.
		{"2026-03-04T12:00:00Z", 3},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		got, _, err := streakDays(st, now, cfg)
		if err != nil || got != tt.want {
			t.Errorf("streak at %s = %d, %v; want %d", tt.now, got, err, tt.want)
		}
	}
}

// TestReviewHostileNote follows a hostile note the whole way: generated
// into cards, stored, reviewed in line mode and on the terminal screen.
// Not one escape or control byte from it may reach the output.
func TestReviewHostileNote(t *testing.T) {
	note := "---\ntitle: Evil note\nvideoId: abc\n---\n\n" +
		"## Section \x1b[31mred\x1b[0m\n\n" +
		"*   **Clear \x1b[2J screen:** wipes \x1b]0;title\x07 the window title <a class=\"yt-timestamp\" data-t=\"00:01:00\">[00:01:00]</a>\n" +
		"*   **Alt screen:** \x1b[?1049h then \x1b]52;c;ZXZpbA==\x07 clipboard, \x07 bell, \x08 backspace, \r return\n" +
		"*   **Eight-bit:** \u009b2J and \u009d0;t\u009c and \u202ereversed\u202c text\n"
	res := content.Generate([]content.File{{Path: "evil.md", Data: []byte(note)}}, content.Options{Deck: "Evil"})
	if len(res.Cards) == 0 {
		t.Fatalf("the note made no cards: %v", res.Problems)
	}
	db := seedStore(t, "Evil", res.Cards)
	input := strings.Repeat("x\ne\n5\n", len(res.Cards))
	out, errOut, status := runReviewLines(t, db, "2026-03-02T09:00:00Z", input)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	if got := strings.Count(out, "\nQ: "); got != len(res.Cards) {
		t.Errorf("%d cards shown, want %d:\n%s", got, len(res.Cards), out)
	}
	assertNoControls(t, out+errOut)

	r := newFakeReviewer(res.Cards...)
	f := newReviewField(r, newPalette(io.Discard, true), 40)
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for range res.Cards {
		for _, k := range []string{" ", "e"} {
			f.press(k)
			assertNoControls(t, sgr.ReplaceAllString(f.View(), ""))
		}
		f.press("5")
	}
}

// assertNoControls fails if s holds an escape, a control byte other than
// newline and tab, a C1 control or a bidi override.
func assertNoControls(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			t.Fatalf("output holds control byte %#x at %d: %q", c, i, s[max(0, i-20):min(len(s), i+20)])
		}
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("output holds %U", r)
		}
	}
}

func TestReviewLeech(t *testing.T) {
	db := seedStore(t, "Test deck", fakeCards(1))
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if _, errOut, status := runReviewLines(t, db, day.Format(time.RFC3339), "x\n4\n"); status != 0 {
		t.Fatal(errOut)
	}
	// Each day the card lapses and is relearnt; the eighth lapse makes it
	// a leech, which suspends it at once instead of bringing it back.
	var out string
	for i := 1; i <= 8; i++ {
		var errOut string
		var status int
		out, errOut, status = runReviewLines(t, db, day.AddDate(0, 0, i).Format(time.RFC3339), "x\n1\nx\n4\n")
		if status != 0 {
			t.Fatalf("day %d: %s", i, errOut)
		}
	}
	for _, want := range []string{
		"This card keeps slipping: it is now a leech and suspended (recall unsuspend c00).",
		"Leech, suspended: front 0 (c00).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("day 8 lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\nQ: ") != 1 {
		t.Errorf("the leech came back:\n%s", out)
	}
}
