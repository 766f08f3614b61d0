package cli

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/scheduler"
)

func TestCheckTyped(t *testing.T) {
	const want = "Owning mistakes and learning from them rather than repeating them."
	tests := []struct {
		name, typed, diff string
		matched           int
		grade             scheduler.Grade
	}{
		{"exact", "owning mistakes and learning from them rather than repeating them",
			"Owning mistakes and learning from them rather than repeating them", 10, 5},
		{"case and punctuation", "OWNING mistakes, and learning from them -- rather than repeating them!!",
			"Owning mistakes and learning from them rather than repeating them", 10, 5},
		{"a word missing", "owning mistakes and learning from them rather than repeating",
			"Owning mistakes and learning from them rather than repeating [-them-]", 9, 4},
		{"a word wrong", "owning errors and learning from them rather than repeating them",
			"Owning {+errors+} [-mistakes-] and learning from them rather than repeating them", 9, 4},
		{"half", "owning mistakes and learning",
			"Owning mistakes and learning [-from-] [-them-] [-rather-] [-than-] [-repeating-] [-them-]", 4, 2},
		{"wrong", "telling the truth",
			"{+telling+} {+the+} {+truth+} [-Owning-] [-mistakes-] [-and-] [-learning-] [-from-] [-them-] [-rather-] [-than-] [-repeating-] [-them-]", 0, 1},
		{"nothing", "  ",
			"[-Owning-] [-mistakes-] [-and-] [-learning-] [-from-] [-them-] [-rather-] [-than-] [-repeating-] [-them-]", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkTyped(want, tt.typed)
			if c.Diff != tt.diff || c.Matched != tt.matched || c.Want != 10 || c.Proposed != tt.grade {
				t.Errorf("checkTyped(%q) = %q, %d of %d, grade %d; want %q, %d of 10, grade %d",
					tt.typed, c.Diff, c.Matched, c.Want, c.Proposed, tt.diff, tt.matched, tt.grade)
			}
		})
	}
	// A list card: the dashes are no words; the items are compared in order.
	c := checkTyped("- Lying\n- Being evasive\n- Failing to ship", "lying, being evasive, failing to ship")
	if c.Proposed != 5 || c.Diff != "Lying Being evasive Failing to ship" {
		t.Errorf("list: %+v", c)
	}
	// A hostile length is cut, not compared in quadratic time on all of it.
	long := strings.Repeat("word ", 100000)
	if c := checkTyped(long, long); c.Want != maxDiffWords || c.Proposed != 5 {
		t.Errorf("long: %d words, grade %d", c.Want, c.Proposed)
	}
}

func TestProposalInAnkiLayout(t *testing.T) {
	for q, want := range map[scheduler.Grade]string{0: "1 Again", 1: "1 Again", 2: "1 Again", 3: "2 Hard", 4: "3 Good", 5: "4 Easy"} {
		if _, got := layoutAnki.proposal(q); got != want {
			t.Errorf("proposal(%d) = %q, want %q", q, got, want)
		}
	}
}
