package cli

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
)

func longCard() cardView {
	v := newCardView(deck.Card{
		ID:    "3f9a1c2b7d",
		Deck:  "Building trust",
		Front: "Building trust as a product leader › Building Trust — what does *Understanding Others' Goals* mean?",
		Back: "Spending time and energy to understand the goals of other individuals and their organizations " +
			"to achieve alignment and forge alliances; supercalifragilisticexpialidociouslyunbreakablewordthatislongerthanforty.",
		Sources: []deck.Source{{
			File: "building-trust-as-a-product-leader.md", Line: 21,
			Title: "Building trust as a product leader", Section: "Building Trust",
			URL: "https://www.youtube.com/watch?v=7gaPPrAd7nc&t=5637s",
		}},
	})
	v.Position, v.Total, v.NewLeft, v.ReviewLeft, v.RedrillLeft = 3, 20, 12, 5, 1
	return v
}

func TestRenderCardFitsWidth(t *testing.T) {
	for _, width := range []int{40, 60, 80, 120} {
		for _, revealed := range []bool{false, true} {
			for _, details := range []bool{false, true} {
				v := longCard()
				v.Revealed = revealed
				out := newPalette(io.Discard, false).renderCard(v, screen{details: details, notice: "Undone."}, width)
				for _, line := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("width %d: line is %d columns: %q", width, w, line)
					}
				}
				if strings.ContainsRune(out, 0x1b) {
					t.Errorf("width %d: escape sequence without colour", width)
				}
				for _, want := range []string{"3 / 20", "new 12", "review 5", "re-drill 1", "Building trust", "Understanding"} {
					if !strings.Contains(out, want) {
						t.Errorf("width %d: %q missing:\n%s", width, want, out)
					}
				}
				if revealed != strings.Contains(out, "alliances") {
					t.Errorf("width %d revealed=%v: back shown=%v", width, revealed, !revealed)
				}
				if revealed && !strings.Contains(out, "correct after hesitation") {
					t.Errorf("width %d: grade meanings missing:\n%s", width, out)
				}
				if revealed && !strings.Contains(out, "E Easy=5") {
					t.Errorf("width %d: alias legend missing:\n%s", width, out)
				}
				if details != strings.Contains(out, "ID 3f9a1c2b7d") {
					t.Errorf("width %d details=%v: ID shown wrongly:\n%s", width, details, out)
				}
			}
		}
	}
}

func TestRenderCardColour(t *testing.T) {
	v := longCard()
	out := newPalette(io.Discard, true).renderCard(v, screen{}, 80)
	if !strings.Contains(out, "\x1b[") {
		t.Error("no colour on a colour palette")
	}
	// Colour turns *emphasis* into italics and changes nothing else.
	plain := v
	plain.Front = strings.ReplaceAll(plain.Front, "*", "")
	if got := ansi.Strip(out); got != newPalette(io.Discard, false).renderCard(plain, screen{}, 80) {
		t.Errorf("colour changes the text:\n%s", got)
	}
}

// utcDays are the default settings in UTC: review days start at 04:00.
var utcDays = scheduler.Settings{NewPerDay: 20, ReviewsPerDay: 200, RolloverHour: 4, Location: time.UTC, LeechLapses: 8}

func TestSummaryLines(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		s    summaryView
		want string
	}{
		{
			name: "full session",
			s: summaryView{
				Reviewed: 24, Correct: 20, Spent: 6*time.Minute + 12*time.Second, Redrills: 4, NewLearned: 20,
				StreakDays: 3, DueTomorrow: 12, NewTomorrow: 20, Now: now, Settings: utcDays,
			},
			want: "Reviewed 24 cards, 83% correct in 6m 12s.\nRe-drills: 4. New cards learned: 20.\nStreak: 3 days.\n12 cards due tomorrow, and 20 new.",
		},
		{
			name: "quit early",
			s: summaryView{
				Reviewed: 1, Correct: 0, Spent: 40 * time.Second, StreakDays: 1, LeftToday: 19, Suspended: 1,
				DueTomorrow: 1, Now: now, Settings: utcDays,
			},
			want: "Reviewed 1 card, 0% correct in 40s.\nRe-drills: 0. New cards learned: 0.\nAlso suspended 1.\nStreak: 1 day.\n19 cards left for today: run recall review again to finish.\n1 card due tomorrow.",
		},
		{
			name: "only new cards tomorrow",
			s:    summaryView{Reviewed: 3, Correct: 3, Spent: 90 * time.Second, StreakDays: 2, NewTomorrow: 9, Now: now, Settings: utcDays},
			want: "Reviewed 3 cards, 100% correct in 1m 30s.\nRe-drills: 0. New cards learned: 0.\nStreak: 2 days.\n9 new cards tomorrow.",
		},
		{
			name: "nothing due",
			s:    summaryView{NothingDue: true, HasNextDue: true, NextDue: now.Add(5 * 24 * time.Hour), Now: now, Settings: utcDays},
			want: "Nothing is due now.\nThe next card is due in 5 days, on Sat 7 Mar 09:00.",
		},
		{
			name: "nothing due later today",
			s:    summaryView{NothingDue: true, HasNextDue: true, NextDue: now.Add(3 * time.Hour), Now: now, Settings: utcDays},
			want: "Nothing is due now.\nThe next card is due today at 12:00.",
		},
		{
			// 23:00, and the card is due at 03:00: the same review day,
			// though the calendar says tomorrow.
			name: "nothing due before the rollover",
			s: summaryView{NothingDue: true, HasNextDue: true, NextDue: now.Add(18 * time.Hour),
				Now: now.Add(14 * time.Hour), Settings: utcDays},
			want: "Nothing is due now.\nThe next card is due today at 03:00.",
		},
		{
			// 02:00 is yesterday's review day: a card due at 09:00 the
			// same date is due tomorrow.
			name: "nothing due after the rollover",
			s: summaryView{NothingDue: true, HasNextDue: true, NextDue: now.Add(24 * time.Hour),
				Now: now.Add(17 * time.Hour), Settings: utcDays},
			want: "Nothing is due now.\nThe next card is due tomorrow at 09:00.",
		},
		{
			name: "nothing scheduled",
			s:    summaryView{NothingDue: true, Now: now, Settings: utcDays},
			want: "Nothing is due now.\nNo cards are scheduled.",
		},
		{
			name: "done, next due in a week",
			s: summaryView{Reviewed: 2, Correct: 2, Spent: time.Hour + 3*time.Minute, StreakDays: 2,
				HasNextDue: true, NextDue: now.Add(24 * time.Hour), Now: now, Settings: utcDays},
			want: "Reviewed 2 cards, 100% correct in 1h 3m.\nRe-drills: 0. New cards learned: 0.\nStreak: 2 days.\nNext card due tomorrow at 09:00.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(summaryLines(tt.s), "\n"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestFlowItems(t *testing.T) {
	got := flowItems([]string{"aaaa", "bbbb", "cccc", "a-very-long-item-that-needs-wrapping"}, " · ", 12)
	want := []string{"aaaa · bbbb", "cccc", "a-very-long-", "item-that-", "needs-", "wrapping"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("flowItems = %q, want %q", got, want)
	}
}

func TestFitCardKeepsKeysOnShortScreens(t *testing.T) {
	v := longCard()
	v.Revealed = true
	v.Back = strings.Repeat("a long answer line\n", 30)
	pal := newPalette(io.Discard, false)
	for _, height := range []int{6, 10, 16, 24} {
		for _, width := range []int{40, 80} {
			out := pal.fitCard(v, screen{notice: "Undone."}, width, height)
			lines := strings.Split(out, "\n")
			if len(lines) > height {
				t.Errorf("%dx%d: %d lines", width, height, len(lines))
			}
			if !strings.HasPrefix(out, "3 / 20") {
				t.Errorf("%dx%d: progress line lost:\n%s", width, height, out)
			}
			if !strings.Contains(out, "0–5 grade") || !strings.HasSuffix(out, "Undone.") {
				t.Errorf("%dx%d: keys or notice lost:\n%s", width, height, out)
			}
		}
	}
	if out := pal.fitCard(longCard(), screen{}, 80, 40); out != pal.renderCard(longCard(), screen{}, 80) {
		t.Errorf("a card that fits is changed:\n%s", out)
	}
}

func TestEmphasis(t *testing.T) {
	on, off := newPalette(io.Discard, true), newPalette(io.Discard, false)
	tests := []struct{ in, want string }{
		{"what does *Calling your shots* mean?", "what does \x1b[3mCalling your shots\x1b[23m mean?"},
		{"*a* and *b*", "\x1b[3ma\x1b[23m and \x1b[3mb\x1b[23m"},
		{"2 * 3 * 4", "2 * 3 * 4"},
		{"a ** b", "a ** b"},
		{"lone *star", "lone *star"},
		{"*across\nlines*", "*across\nlines*"},
	}
	for _, tt := range tests {
		if got := on.emphasis(tt.in); got != tt.want {
			t.Errorf("emphasis(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := off.emphasis(tt.in); got != tt.in {
			t.Errorf("without colour emphasis(%q) = %q", tt.in, got)
		}
	}
}

func TestQuestion(t *testing.T) {
	tests := []struct{ context, front, want string }{
		{"Note › Section", "Note › Section — what does *Honesty* mean?", "What does *Honesty* mean?"},
		{"Note › Losing Trust", "Note › Losing Trust — name the 4 ways trust is lost", "Name the 4 ways trust is lost"},
		{"Note › Section", "Who said it?", "Who said it?"},
		{"Note › Section", "Note › Section — ", "Note › Section — "},
		{"", "Note — what?", "Note — what?"},
		{"Note", "Note — élan?", "Élan?"},
	}
	for _, tt := range tests {
		if got := question(cardView{Context: tt.context, Front: tt.front}); got != tt.want {
			t.Errorf("question(%q, %q) = %q, want %q", tt.context, tt.front, got, tt.want)
		}
	}
}

// TestLayoutCardScrolls: on short terminals the card's text shows through
// a window: never taller than the terminal, the legend whole, markers for
// what is hidden, and scrolled to its end the last line of the source.
func TestLayoutCardScrolls(t *testing.T) {
	v := longCard()
	v.Revealed = true
	v.Back = strings.Repeat("- an item of a long list\n", 20) + "- the last item"
	pal := newPalette(io.Discard, false)
	for _, size := range [][2]int{{60, 19}, {40, 9}, {80, 12}} {
		width, height := size[0], size[1]
		for _, keys := range []keyLayout{layoutSM2, layoutAnki} {
			sc := screen{keys: keys}
			l := pal.layoutCard(v, sc, width, height)
			if l.maxScroll == 0 {
				t.Fatalf("%dx%d: the card fits; it should scroll", width, height)
			}
			for sc.scroll = 0; sc.scroll <= l.maxScroll+2; sc.scroll++ {
				got := pal.layoutCard(v, sc, width, height)
				lines := strings.Split(got.text, "\n")
				if len(lines) > height {
					t.Errorf("%dx%d at %d: %d lines", width, height, sc.scroll, len(lines))
				}
				if !strings.Contains(got.text, strings.Split(keys.compactLegend(), " · ")[0]) {
					t.Errorf("%dx%d at %d: legend cut:\n%s", width, height, sc.scroll, got.text)
				}
				if strings.Contains(got.text, "…") {
					t.Errorf("%dx%d at %d: text cut with …:\n%s", width, height, sc.scroll, got.text)
				}
				atEnd := sc.scroll >= l.maxScroll
				if more := strings.Contains(got.text, "more line"); more == atEnd {
					t.Errorf("%dx%d at %d (end %v): 'more lines' marker %v:\n%s", width, height, sc.scroll, atEnd, more, got.text)
				}
				if above := strings.Contains(got.text, "lines above") || strings.Contains(got.text, "1 line above"); above != (sc.scroll > 0) {
					t.Errorf("%dx%d at %d: 'above' marker %v:\n%s", width, height, sc.scroll, above, got.text)
				}
				if atEnd && !strings.Contains(got.text, "product-leader.md:21") {
					t.Errorf("%dx%d scrolled to the end: no source:\n%s", width, height, got.text)
				}
			}
		}
	}
}
