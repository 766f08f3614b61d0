package stats

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/recallcards/recall/scheduler"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got ---\n%s--- want ---\n%s", name, got, want)
	}
}

// sampleStats is a year of reviews and a deck of cards with due dates over
// the next weeks, seen on Wednesday 3 June 2026.
func sampleStats(t *testing.T) Stats {
	now := at(t, "2026-06-03T12:00:00Z")
	var cards []Card
	for i := range 400 {
		// Due from today to 45 days ahead, one card in 40 overdue.
		interval := 1 + (i*i)%45
		last := now.AddDate(0, 0, -(i % interval))
		if i%40 == 0 {
			last = now.AddDate(0, 0, -interval-3)
		}
		s := reviewed(last, interval, scheduler.EF(130+(i*7)%150), (i*13)%17/5)
		cards = append(cards, Card{ID: fmt.Sprintf("card%04d", i), Front: fmt.Sprintf("Trust › Card %d — what does term %d mean?", i, i), State: s})
	}
	for i := range 30 {
		cards = append(cards, Card{ID: fmt.Sprintf("new%02d", i), State: scheduler.NewState()})
	}
	return build(now, utc(), nil, cards, yearOfReviews(now))
}

func TestHeatmapGolden(t *testing.T) {
	s := sampleStats(t)
	for _, width := range []int{80, 120} {
		r := newRenderer(Options{Width: width})
		got := strings.Join(r.heatmap(s.Calendar), "\n") + "\n"
		golden(t, fmt.Sprintf("heatmap-%d.golden", width), got)
		checkWidth(t, got, width)
	}
}

func TestForecastGolden(t *testing.T) {
	s := sampleStats(t)
	for _, width := range []int{80, 120} {
		r := newRenderer(Options{Width: width})
		got := strings.Join(r.forecast(s.Forecast), "\n") + "\n"
		golden(t, fmt.Sprintf("forecast-%d.golden", width), got)
		checkWidth(t, got, width)
	}
}

func TestReportGolden(t *testing.T) {
	golden(t, "report-80.golden", Render(sampleStats(t), Options{Width: 80}))
	empty := build(at(t, "2026-06-03T12:00:00Z"), utc(), nil, nil, nil)
	golden(t, "report-empty.golden", Render(empty, Options{}))
}

// checkWidth fails if a line of text is wider than width columns.
func checkWidth(t *testing.T, text string, width int) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("width %d: line %d is %d columns: %q", width, i+1, w, l)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("width %d: line %d ends in a space: %q", width, i+1, l)
		}
	}
}

// TestRenderFitsTheWidth renders the report at many widths: no line may be
// wider than the terminal, so nothing wraps.
func TestRenderFitsTheWidth(t *testing.T) {
	s := sampleStats(t)
	deck := strings.Repeat("a very long deck name ", 10)
	s.Deck = &deck
	s.Hardest[0].Front = strings.Repeat("漢字", 60)
	s.Hardest[1].ID = strings.Repeat("x", 100)
	for width := MinWidth; width <= 200; width += 7 {
		checkWidth(t, Render(s, Options{Width: width}), width)
	}
	// Narrower than MinWidth is laid out at MinWidth.
	checkWidth(t, Render(s, Options{Width: 10}), MinWidth)
}

func TestHeatmapDropsOldWeeks(t *testing.T) {
	s := sampleStats(t)
	weeks := func(row string) int { return (ansi.StringWidth(row) - heatLabel + 1) / heatCell }
	for _, tt := range []struct{ width, weeks int }{{40, 18}, {80, 38}, {108, 52}, {109, 53}, {120, 53}} {
		lines := newRenderer(Options{Width: tt.width}).heatmap(s.Calendar)
		// Rows 2 to 8 are Monday to Sunday. Today is a Wednesday: the
		// newest week is always shown, and stops after Wednesday's cell.
		if weeks(lines[2]) != tt.weeks || weeks(lines[4]) != tt.weeks || weeks(lines[5]) != tt.weeks-1 {
			t.Errorf("width %d: want %d weeks, ending today:\n%s", tt.width, tt.weeks, strings.Join(lines, "\n"))
		}
	}
}

func TestRenderColour(t *testing.T) {
	s := sampleStats(t)
	tag := func(name string) func(string) string {
		return func(s string) string { return "<" + name + ">" + s + "</>" }
	}
	pal := &Palette{Title: tag("t"), Dim: tag("d"), Bar: tag("b"), Heat: [5]func(string) string{tag("h0"), tag("h1"), tag("h2"), tag("h3"), tag("h4")}}
	coloured := Render(s, Options{Width: 120, Palette: pal})
	for _, want := range []string{"<t>Statistics for all decks", "<h0>·</>", "<h4>█</>", "<h1>█</>", "<b>█"} {
		if !strings.Contains(coloured, want) {
			t.Errorf("coloured report lacks %q", want)
		}
	}
	if strings.ContainsAny(coloured, "░▒▓") {
		t.Error("coloured calendar uses the plain shades")
	}
	plain := Render(s, Options{Width: 120})
	if strings.Contains(plain, "\x1b") || strings.Contains(plain, "</>") {
		t.Error("plain report holds styling")
	}
	for _, shade := range plainShades {
		if !strings.Contains(plain, shade) {
			t.Errorf("plain calendar lacks the shade %q", shade)
		}
	}
}

func TestTruncateTail(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"Trust › Card 1 — what is it?", 12, "…what is it?"},
		{"漢字漢字漢字", 5, "…漢字"},
		{"漢字漢字漢字", 4, "…字"},
	}
	for _, tt := range tests {
		if got := truncateTail(tt.in, tt.width); got != tt.want || ansi.StringWidth(got) > tt.width {
			t.Errorf("truncateTail(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 59499 * time.Millisecond: "59s", 61 * time.Second: "1m 1s", 3725 * time.Second: "1h 2m"} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}
