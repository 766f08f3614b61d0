package content

import (
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestCauseQuestions(t *testing.T) {
	tests := []struct {
		name, para string
		q, a       string // "" when the paragraph makes no cause card
	}{
		{"because, past tense", "The glaze cracked in the kiln because the clay underneath shrank faster than the glaze did while cooling.",
			"Why did the glaze crack in the kiln?", "The clay underneath shrank faster than the glaze did while cooling."},
		{"because, an auxiliary moved", "Copper is used for household wiring, because it conducts electricity well and costs far less than silver.",
			"Why is copper used for household wiring?", "It conducts electricity well and costs far less than silver."},
		{"because, a verb in -s", "Dough rises in a warm kitchen because the yeast in it produces carbon dioxide much faster there.",
			"Why does dough rise in a warm kitchen?", "The yeast in it produces carbon dioxide much faster there."},
		{"'do' as the verb itself", "Unstructured interviews do badly because each interviewer asks different questions and weighs the answers in a different way.",
			"Why do unstructured interviews do badly?", "Each interviewer asks different questions and weighs the answers in a different way."},
		{"'do' as an auxiliary", "Most seedlings do not survive the winter because frost splits their young stems and the wind then dries the wounds out.",
			"Why do most seedlings not survive the winter?", "Frost splits their young stems and the wind then dries the wounds out."},
		{"because first, a plural subject", "Because ice is less dense than water, lakes freeze from the top down.",
			"Why do lakes freeze from the top down?", "Ice is less dense than water."},
		{"since first", "Since warm air holds more moisture, summer storms drop heavier rain.",
			"Why do summer storms drop heavier rain?", "Warm air holds more moisture."},
		{"so that", "Fresh mortar is kept damp for a week so that it cures slowly and stays strong.",
			"Why is fresh mortar kept damp for a week?", "So that it cures slowly and stays strong."},
		{"so, the effect second", "Sound needs a medium to travel through, so astronauts cannot talk in open space.",
			"Why can't astronauts talk in open space?", "Sound needs a medium to travel through."},
		{"so, two effects: the first asked", "Cold syrup is thick, so air bubbles cannot rise and the foam stays on top for hours.",
			"Why can't air bubbles rise?", "Cold syrup is thick."},
		{"so, one effect with two verbs", "The hull was coated in copper, so barnacles could not attach and grow on it.",
			"Why could barnacles not attach and grow on it?", "The hull was coated in copper."},
		{"a command, so: its purpose asked", "Collect every panel's scores before the debrief, so the loudest voice in the room does not decide the hire.",
			"Why collect every panel's scores before the debrief?", "So the loudest voice in the room does not decide the hire."},
		{"a command, so that", "Label each jar with the date so that older jam is eaten first.",
			"Why label each jar with the date?", "So that older jam is eaten first."},
		{"a name and a past verb is no command, so", "Harlan shipped the redesign in March, so the support queue halved within a month.",
			"Why did the support queue halve within a month?", "Harlan shipped the redesign in March."},
		{"works by", "A siphon works by using air pressure to push a liquid over a rise.",
			"How does a siphon work?", "By using air pressure to push a liquid over a rise."},
		{"an auxiliary 'had' of its own", "The old mill had no windows because glass was taxed by the pane at the time it was built.",
			"Why did the old mill have no windows?", "Glass was taxed by the pane at the time it was built."},
		{"the cause in the next sentence", "Wet clay shrinks in a warm room. This is because the water between its particles evaporates slowly.",
			"Why does wet clay shrink in a warm room?", "The water between its particles evaporates slowly."},
		{"the effect in the next sentence", "Glazes shrink more than the clay body under them. This is why thick glaze layers often crack in the kiln.",
			"Why do thick glaze layers often crack in the kiln?", "Glazes shrink more than the clay body under them."},
		{"a scene set first goes last", "In winter the hive cluster stays tight because the bees share their body heat and the outer layer insulates the core.",
			"Why does the hive cluster stay tight in winter?", "The bees share their body heat and the outer layer insulates the core."},
		{"a quantifier's subject", "Some glazes need a second firing, since the first one leaves the surface rough and porous.",
			"Why do some glazes need a second firing?", "The first one leaves the surface rough and porous."},
		{"a claim someone reports", "Marta Ruiz argues that most glazes fail because the pots were still dusty from trimming when they were dipped.",
			"Why do most glazes fail?", "The pots were still dusty from trimming when they were dipped."},
		// No question is surer than a wrong one.
		{"a quantifier alone", "Some argue that glazes fail because the kiln cools far too quickly at night.", "", ""},
		{"a question too long to read once", "The long-term ability of a small team to keep shipping new features directly correlates with the quality of its tests, because bugs slow everything.", "", ""},
		{"a pronoun subject", "They failed in the end because the funding ran out too soon.", "", ""},
		{"since as a time", "Since 1990, the small town has grown every single year.", "", ""},
		{"two causes weighed", "Teams fail not because they lack talent but because nobody sets goals.", "", ""},
		{"a classification", "Glass is a liquid in the popular view because old windows look thicker at the bottom.", "", ""},
		{"two clauses joined", "The bridge swayed and the deck cracked because the wind was strong.", "", ""},
		{"a cause pointing back", "The shop closed early because of this change to the rules.", "", ""},
		{"a short cause is its cloze's span already", "The old mill had no windows because glass was taxed.", "", ""},
		{"no cause at all", "The glaze cracked in the kiln after the clay shrank faster than the glaze.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+"## Notes on Making\n"+tt.para+"\n", Options{Deck: "d"})
			var why []deck.Card
			for _, c := range res.Cards {
				if c.Kind == deck.KindTerm && (len(c.Question) > 4 && (c.Question[:4] == "Why " || c.Question[:4] == "How ")) {
					why = append(why, c)
				}
			}
			if tt.q == "" {
				if len(why) != 0 {
					t.Errorf("want no cause card:\n%s", dumpCards(res.Cards))
				}
				return
			}
			if len(why) != 1 || why[0].Question != tt.q || why[0].Back != tt.a {
				t.Errorf("want %q → %q:\n%s", tt.q, tt.a, dumpCards(res.Cards))
			}
		})
	}
}

func TestCauseCardsAreAdditions(t *testing.T) {
	// A list note's paragraph keeps its first card, ID and place; the
	// cause card comes after every other card.
	para := "A *sourdough starter* is a culture of wild yeast and lactic bacteria kept in flour and water."
	cause := " Starters grow sour faster in summer because the bacteria multiply quickly in warm air."
	base := generate(t, listNote(para), Options{Deck: "d", Reverse: true})
	res := generate(t, listNote(para+cause), Options{Deck: "d", Reverse: true})
	if len(res.Cards) != len(base.Cards)+1 {
		t.Fatalf("want one card more:\n%s", dumpCards(res.Cards))
	}
	for i, c := range base.Cards {
		if res.Cards[i].ID != c.ID || res.Cards[i].Front != c.Front {
			t.Errorf("card %d %q moved or changed:\n%s", i, c.Front, dumpCards(res.Cards))
		}
	}
	if last := res.Cards[len(res.Cards)-1]; last.Question != "Why do starters grow sour faster in summer?" || last.Back != "The bacteria multiply quickly in warm air." {
		t.Errorf("cause card %q → %q", last.Question, last.Back)
	}
	// A sentence another card answers already makes none: "Why is decay
	// random?" answered by the sentence giving the cause.
	res = generate(t, header+"## Why Decay Is Random\nDecay is governed by quantum mechanics, so the moment of a single decay cannot be predicted.\n", Options{Deck: "d"})
	n := 0
	for _, c := range res.Cards {
		if c.Kind == deck.KindTerm && len(c.Question) > 4 && c.Question[:4] == "Why " {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want the heading's card alone:\n%s", dumpCards(res.Cards))
	}
}

func TestPastBase(t *testing.T) {
	for w, want := range map[string]string{
		"mattered": "matter", "produced": "produce", "failed": "fail", "stopped": "stop", "carried": "carry", "changed": "change",
		"belonged": "belong", "visited": "visit", "decided": "decide", "created": "create", "required": "require", "caused": "cause",
		"added": "add", "took": "take", "needed": "need", "worked": "work", "handled": "handle", "received": "receive", "called": "call",
		"argued": "argue", "played": "play", "named": "name", "defined": "define", "opened": "open", "monitored": "monitor",
		"embedded": "", "nodded": "", "speed": "", "used": "use", "put": "", "the": "", "Failed": "",
	} {
		if got := pastBase(w); got != want {
			t.Errorf("pastBase(%q) = %q, want %q", w, got, want)
		}
	}
}
