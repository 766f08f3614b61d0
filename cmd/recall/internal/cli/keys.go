package cli

import (
	"fmt"
	"strings"

	"github.com/recallcards/recall/scheduler"
)

// keyLayout is how the review screens read grading keys: SM-2's 0–5 scale
// (the default) or Anki's four buttons (recall config set keys anki).
type keyLayout int

const (
	layoutSM2  keyLayout = iota // 0–5 as SM-2 publishes them
	layoutAnki                  // 1 Again, 2 Hard, 3 Good, 4 Easy
)

// keyLayoutNames are the values of the keys setting, in layout order.
var keyLayoutNames = []string{"sm2", "anki"}

func (l keyLayout) String() string { return keyLayoutNames[l] }

// parseKeyLayout reads a saved or typed layout name; "" is the default.
func parseKeyLayout(s string) (keyLayout, error) {
	switch s {
	case "", "sm2":
		return layoutSM2, nil
	case "anki":
		return layoutAnki, nil
	}
	return layoutSM2, fmt.Errorf("keys must be sm2 or anki, not %q", s)
}

// ankiGrades maps Anki's buttons 1–4 onto SM-2 grades: Again is a lapse
// (1), Hard a pass with serious difficulty (3, repeated today as SM-2
// asks), Good a pass after hesitation (4), Easy a perfect answer (5).
var ankiGrades = [5]scheduler.Grade{0, 1, 3, 4, 5}

// ankiNames are the buttons' names, 1 to 4.
var ankiNames = [5]string{"", "Again", "Hard", "Good", "Easy"}

// grade maps one key pressed on a revealed card to a grade. In both
// layouts a, h, g and E stand for Again, Hard, Good and Easy; space and
// enter grade Good only in the Anki layout, as Anki's do.
func (l keyLayout) grade(k string) (scheduler.Grade, bool) {
	switch k {
	case "a":
		return 1, true
	case "h":
		return 3, true
	case "g":
		return 4, true
	case "E":
		return 5, true
	}
	if l == layoutAnki {
		switch k {
		case "1", "2", "3", "4":
			return ankiGrades[k[0]-'0'], true
		case " ", "enter":
			return 4, true
		}
		return 0, false
	}
	if len(k) == 1 && k[0] >= '0' && k[0] <= '5' {
		return scheduler.Grade(k[0] - '0'), true
	}
	return 0, false
}

// legend lists the grade keys with their meanings.
func (l keyLayout) legend() []string {
	if l == layoutAnki {
		items := make([]string, 0, 4)
		for b := 1; b <= 4; b++ {
			items = append(items, fmt.Sprintf("%d %s", b, ankiNames[b]))
		}
		return items
	}
	return gradeLegend()
}

// aliases says what else grades a card, and how the keys map onto SM-2.
func (l keyLayout) aliases() []string {
	if l == layoutAnki {
		return []string{"space/enter = Good", "graded 1 / 3 / 4 / 5 on SM-2's scale"}
	}
	return aliasLegend
}

// compactLegend is the one-line legend of a short terminal.
func (l keyLayout) compactLegend() string {
	if l == layoutAnki {
		return "1–4 Again/Hard/Good/Easy · space Good · u s b e q"
	}
	return "0–5 grade · a/h/g/E · u s b e q"
}

// keysHint answers a key that does nothing.
func (l keyLayout) keysHint() string {
	if l == layoutAnki {
		return "Keys: space shows the answer, then 1–4 Again/Hard/Good/Easy (space is Good), u s b e q."
	}
	return "Keys: space shows the answer, 0–5 grade, a/h/g/E = Again/Hard/Good/Easy, u s b e q."
}

// gradeLine reads a grade typed in line mode: the layout's digits, the
// words again/hard/good/easy (or a h g E), and in the Anki layout an empty
// line for Good.
func (l keyLayout) gradeLine(s string) (scheduler.Grade, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		if l == layoutAnki {
			return 4, true
		}
		return 0, false
	}
	if s == "E" {
		return 5, true
	}
	switch strings.ToLower(s) {
	case "again", "a":
		return 1, true
	case "hard", "h":
		return 3, true
	case "good", "g":
		return 4, true
	case "easy":
		return 5, true
	}
	if len(s) == 1 {
		return l.grade(s)
	}
	return 0, false
}

// linePrompt is the grade prompt of line mode.
func (l keyLayout) linePrompt() string {
	if l == layoutAnki {
		return "Grade 1-4 (Again/Hard/Good/Easy; empty line: Good); u undo, s suspend, b bury, e details, q quit:"
	}
	return gradePrompt
}

// lineHint answers a line that is not a grade or an action.
func (l keyLayout) lineHint() string {
	if l == layoutAnki {
		return "Please type 1-4, again, hard, good, easy, an empty line (Good), u, s, b, e or q (? for help)."
	}
	return gradeHint
}

// lineLegend is the "Grades: " line of line mode.
func (l keyLayout) lineLegend() string {
	if l == layoutAnki {
		return "Grades: " + strings.Join(l.legend(), ", ") + " (SM-2's 1, 3, 4, 5); an empty line is Good."
	}
	return "Grades: " + strings.Join(gradeLegend(), ", ") + "."
}
