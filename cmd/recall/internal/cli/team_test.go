package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/recallcards/recall/cmd/recall/internal/team"
)

// The report prints text from other people's files and notes: none of it
// may reach the terminal as a control sequence (it prints through the
// safeWriter every command has) or break a table row.
func TestWriteTeamReportSanitizes(t *testing.T) {
	hostile := "x\x1b]52;c;aGk=\x07\x1b[2J\u202eevil\ttab\nline"
	r := team.TeamReport{
		Deck:      "Team" + hostile,
		DeckKnown: true,
		Members: []team.MemberStats{
			{Name: "mallory" + hostile, File: "m.json", Day: "2026-11-23", Cards: 1, Reviewed: 1, Reviews: 2, Learned: 1, LastReview: "2026-11-22"},
		},
		Cards: []team.CardStats{
			{ID: "aaaa0001", Front: "front " + hostile, Members: 1, Reviewed: 1, Learned: 0, Reviews: 2, Lapses: 1, LapseRate: 0.5, MeanEF: 2.36, Rank: 1},
		},
		Coverage: team.Coverage{Cards: 1, None: 1},
	}
	var out bytes.Buffer
	w := newSafeWriter(&out)
	if err := writeTeamReport(w, r, 10); err != nil {
		t.Fatal(err)
	}
	w.Close()
	got := out.String()
	if strings.ContainsAny(got, "\x1b\x07\u202e") {
		t.Errorf("control characters reached the output:\n%q", got)
	}
	for _, want := range []string{
		"1     aaaa0001  50%         2.36     2        0/1      front x",
		"mallory",
		"learned by none:          1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// The hostile newline did not start a row of its own.
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(line, "line") {
			t.Errorf("hostile text began a line of its own: %q", line)
		}
	}
}
