package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestPlainListCards checks the cards of numbered and bulleted lists whose
// items have no bold lead-in: a long procedure is carded step by step, a
// short one and a short set as one list, worded from the heading.
func TestPlainListCards(t *testing.T) {
	const tempering = "## Procedure\n1. Clean the blade of oil.\n2. Heat the oven to 200 °C.\n3. Put the blade on the middle rack.\n" +
		"4. Leave it for one hour.\n5. Let it cool in still air.\n6. Repeat the cycle once.\n"
	tests := []struct {
		name string
		body string
		want []card // the note's cards, in order
	}{
		{
			name: "a long procedure: the first step, a figure's cloze, then each step after the one before",
			body: tempering,
			want: []card{
				{"cloze", "What is the first step?", "Clean the blade of oil"},
				{"cloze", "Heat the oven to [...].", "200 °C\nHeat the oven to 200 °C."},
				{"cloze", "After “Heat the oven to 200 °C”, what is the next step?", "Put the blade on the middle rack"},
				{"cloze", "After “Put the blade on the middle rack”, what is the next step?", "Leave it for one hour"},
				{"cloze", "After “Leave it for one hour”, what is the next step?", "Let it cool in still air"},
				{"cloze", "After “Let it cool in still air”, what is the next step?", "Repeat the cycle once"},
			},
		},
		{
			name: "a figure written in words is a step's key too",
			body: "## Procedure\n1. Warm the pot with hot water.\n2. Measure the leaves into the pot.\n3. Pour the water over the leaves.\n" +
				"4. Steep for two minutes.\n5. Pour every cup to the last drop.\n6. Keep the leaves for a second steeping.\n",
			want: []card{
				{"cloze", "What is the first step?", "Warm the pot with hot water"},
				{"cloze", "After “Warm the pot with hot water”, what is the next step?", "Measure the leaves into the pot"},
				{"cloze", "After “Measure the leaves into the pot”, what is the next step?", "Pour the water over the leaves"},
				{"cloze", "Steep for [...].", "two minutes\nSteep for two minutes."},
				{"cloze", "After “Steep for two minutes”, what is the next step?", "Pour every cup to the last drop"},
				{"cloze", "After “Pour every cup to the last drop”, what is the next step?", "Keep the leaves for a second steeping"},
			},
		},
		{
			name: "a lead-in naming a procedure makes its items steps, commands or not",
			body: "## Tempering\nThe procedure is short:\n1. Oil off the blade first.\n2. Oven at the right heat.\n3. Blade on the middle rack.\n" +
				"4. One hour inside.\n5. Cooling in still air.\n6. A second cycle.\n",
			want: []card{
				{"cloze", "What is the first step?", "Oil off the blade first"},
				{"cloze", "After “Oil off the blade first”, what is the next step?", "Oven at the right heat"},
				{"cloze", "After “Oven at the right heat”, what is the next step?", "Blade on the middle rack"},
				{"cloze", "After “Blade on the middle rack”, what is the next step?", "One hour inside"},
				{"cloze", "After “One hour inside”, what is the next step?", "Cooling in still air"},
				{"cloze", "After “Cooling in still air”, what is the next step?", "A second cycle"},
			},
		},
		{
			name: "a short procedure stays one ordered list",
			body: "## Procedure\n1. Clean the blade of oil.\n2. Heat the oven to 200 °C.\n3. Put the blade on the middle rack.\n",
			want: []card{{"list", "What are the three steps, in order?", "1. Clean the blade of oil\n2. Heat the oven to 200 °C\n3. Put the blade on the middle rack"}},
		},
		{
			name: "a long numbered list of facts is no procedure",
			body: "## Largest Moons\n1. Ganymede of Jupiter\n2. Titan of Saturn\n3. Callisto of Jupiter\n4. Io of Jupiter\n5. The Moon of Earth\n6. Europa of Jupiter\n",
			want: []card{{"list", "What are the six largest moons?", "1. Ganymede of Jupiter\n2. Titan of Saturn\n3. Callisto of Jupiter\n4. Io of Jupiter\n5. The Moon of Earth\n6. Europa of Jupiter"}},
		},
		{
			name: "numbered rules are advice, not steps",
			body: "## Rules\n1. Clean the blade of oil.\n2. Heat the oven slowly.\n3. Put the blade on the middle rack.\n" +
				"4. Leave it alone.\n5. Let it cool in still air.\n6. Repeat the cycle once.\n",
			want: []card{{"list", "What are the six rules?", "1. Clean the blade of oil\n2. Heat the oven slowly\n3. Put the blade on the middle rack\n4. Leave it alone\n5. Let it cool in still air\n6. Repeat the cycle once"}},
		},
		{
			name: "a long set is carded item by item, each hiding its head; an item with no cue after its head is left",
			body: "## Signs of overheating\n- Blue colour near the edge\n- A soft edge that will not hold\n- Scale flaking off the surface\n" +
				"- A warped spine\n- Straw colour turning purple\n- Cracks near the tang\n",
			want: []card{
				{"cloze", "[...] near the edge", "Blue colour\nBlue colour near the edge"},
				{"cloze", "A [...] that will not hold", "soft edge\nA soft edge that will not hold"},
				{"cloze", "[...] flaking off the surface", "Scale\nScale flaking off the surface"},
				{"cloze", "[...] turning purple", "Straw colour\nStraw colour turning purple"},
				{"cloze", "[...] near the tang", "Cracks\nCracks near the tang"},
			},
		},
		{
			name: "a long set's lead-in opens each cloze; an abstract head shows, its object is hidden",
			body: "## Testing\nFlaky tests usually come from one of these:\n- Shared state between tests\n- Reliance on the network\n- Order-dependent fixtures\n" +
				"- Leaked threads from earlier tests\n- Clocks changed by the build machine\n- Caches reused across runs\n",
			want: []card{
				{"cloze", "Flaky tests usually come from one of these: [...] between tests", "Shared state\nShared state between tests"},
				{"cloze", "Flaky tests usually come from one of these: Reliance on the [...]", "network\nReliance on the network"},
				{"cloze", "Flaky tests usually come from one of these: [...] from earlier tests", "Leaked threads\nLeaked threads from earlier tests"},
				{"cloze", "Flaky tests usually come from one of these: [...] changed by the build machine", "Clocks\nClocks changed by the build machine"},
				{"cloze", "Flaky tests usually come from one of these: [...] reused across runs", "Caches\nCaches reused across runs"},
			},
		},
		{
			name: "an irregular participle ends the head; an item whose head holds a verb is a statement, left",
			body: "## Causes of a bitter brew\n- Leaves left in the pot too long\n- Stale leaves from an open packet\n- Green tea contains catechins, which taste bitter\n" +
				"- Hard water with a high mineral content\n- Tea bags squeezed against the spoon\n- Milk added before the tea\n",
			want: []card{
				{"cloze", "[...] left in the pot too long", "Leaves\nLeaves left in the pot too long"},
				{"cloze", "[...] from an open packet", "Stale leaves\nStale leaves from an open packet"},
				{"cloze", "[...] with a high mineral content", "Hard water\nHard water with a high mineral content"},
				{"cloze", "[...] squeezed against the spoon", "Tea bags\nTea bags squeezed against the spoon"},
				{"cloze", "[...] added before the tea", "Milk\nMilk added before the tea"},
			},
		},
		{
			name: "items showing the same cue would give a blank two answers: they are left",
			body: "## Moons of the outer planets\n- Ganymede of Jupiter\n- Titan of Saturn\n- Callisto of Jupiter\n- Triton of Neptune\n- Oberon of Uranus\n- Europa of Jupiter\n",
			want: []card{
				{"cloze", "[...] of Saturn", "Titan\nTitan of Saturn"},
				{"cloze", "[...] of Neptune", "Triton\nTriton of Neptune"},
				{"cloze", "[...] of Uranus", "Oberon\nOberon of Uranus"},
			},
		},
		{
			name: "a set of five stays one list card",
			body: "## Signs of overheating\n- Blue colour near the edge\n- A soft edge that will not hold\n- Scale flaking off the surface\n- A warped spine\n- Cracks near the tang\n",
			want: []card{{"list", "What are the five signs of overheating?", "- Blue colour near the edge\n- A soft edge that will not hold\n- Scale flaking off the surface\n- A warped spine\n- Cracks near the tang"}},
		},
		{
			name: "a long list under a topic heading is no set: no item cards",
			body: "## Rapid Iteration and Reliability\n- Blue colour near the edge\n- A soft edge that will not hold\n- Scale flaking off the surface\n" +
				"- A warped spine\n- Straw colour turning purple\n- Cracks near the tang\n",
			want: nil,
		},
		{
			name: "a set of cases under a 'When to' heading asks in what cases",
			body: "## When to Write a Postmortem\n- A user-visible outage of any length\n- Data loss of any kind\n- A rollback of a release\n",
			want: []card{{"list", "In what three cases should you write a postmortem?", "- A user-visible outage of any length\n- Data loss of any kind\n- A rollback of a release"}},
		},
		{
			name: "a 'When to' heading of one verb",
			body: "## When to Descale\n- Every two months in a hard-water area\n- Whenever the pump sounds strained\n",
			want: []card{{"list", "In what two cases should you descale?", "- Every two months in a hard-water area\n- Whenever the pump sounds strained"}},
		},
		{
			name: "commands under a 'When to' heading are no cases",
			body: "## When to Write a Postmortem\n- Write it within a day\n- Share the draft with the team\n- Review it in the weekly meeting\n",
			want: nil,
		},
		{
			name: "a set under a heading whose -ing word modifies its noun",
			body: "## Warning signs of a leak\n- Water seeping through the towpath\n- Sinkholes beside the bank\n- A falling level in a closed section\n",
			want: []card{{"list", "What are the three warning signs of a leak?", "- Water seeping through the towpath\n- Sinkholes beside the bank\n- A falling level in a closed section"}},
		},
		{
			name: "a gerund heading over ways to act still lists ways",
			body: "## Reducing costs of a fleet\n- Share the vans between depots\n- Plan routes the night before\n",
			want: []card{{"list", "What are the two ways of reducing costs of a fleet?", "- Share the vans between depots\n- Plan routes the night before"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCardsMade(t, tt.body, tt.want) })
	}
}

// TestStepCardsKeepIDs checks that a step card's ID is its step's: adding
// a step elsewhere in the procedure leaves the others' cards theirs.
func TestStepCardsKeepIDs(t *testing.T) {
	const steps = "## Procedure\n1. Clean the blade of oil.\n2. Heat the oven to 200 °C.\n3. Put the blade on the middle rack.\n" +
		"4. Leave it for one hour.\n5. Let it cool in still air.\n6. Repeat the cycle once.\n"
	ids := func(body string) map[string]string {
		out := make(map[string]string)
		for _, c := range generate(t, header+body, Options{Deck: "d"}).Cards {
			out[c.Term] = c.ID
		}
		return out
	}
	before := ids(steps)
	after := ids(strings.Replace(steps, "6. Repeat", "6. Wipe the blade dry.\n7. Repeat", 1))
	for term, id := range before {
		if after[term] != id {
			t.Errorf("card of %q: ID %s, then %s", term, id, after[term])
		}
	}
	if c, ok := findCard(generate(t, header+steps, Options{Deck: "d"}).Cards, deck.KindCloze, "200 °C"); !ok || !strings.Contains(c.Question, "[...]") {
		t.Errorf("no cloze of the figure: %+v", c)
	}
}
