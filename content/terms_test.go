package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestListItemQuestions checks the questions of term and list cards made
// from bold lead-ins, one per rule: articles, owners, steps, advice,
// examples, sets named from the lead-in or heading.
func TestListItemQuestions(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind deck.Kind
		term string // the card's term ("" for a list card: the only list card of the note)
		want string // question; "" means no such card
	}{
		{
			name: "the article is the question's, not the term's",
			body: "## Engines\n*   **The carburettor**: A device that mixes air and fuel for an engine.\n*   **The throttle**: A valve that controls how much mixture enters the engine.\n",
			kind: deck.KindTerm, term: "carburettor",
			want: "What is the *carburettor*?",
		},
		{
			name: "a bare count noun defined as 'A …' takes an article",
			body: "## Structures\nA flying buttress carries the thrust of a vault.\n*   **Flying buttress**: A half arch that carries the thrust of a vault to an outer pier.\n*   **Rib vault**: A vault whose weight is carried by crossing arches.\n",
			kind: deck.KindTerm, term: "Flying buttress",
			want: "What is a *flying buttress*?",
		},
		{
			name: "an answer that is a claim starting with 'A' is no definition: no article",
			body: "## Traits\nThe estimate is only an approximation of the truth.\n*   **Approximation**: A sample of ten users is not the whole population, so the figure drifts.\n*   **Speed**: Ten users are quick to ask.\n",
			kind: deck.KindTerm, term: "Approximation",
			want: "What is *Approximation*?",
		},
		{
			name: "a mass noun takes no article even when its definition opens with 'A'",
			body: "## Features\nVisual editing came out in May.\n*   **Visual editing**: A feature that lets users change the page directly.\n*   **Dark mode**: A colour scheme with light text on dark ground.\n",
			kind: deck.KindTerm, term: "Visual editing",
			want: "What is *Visual editing*?",
		},
		{
			name: "a name the note always capitalises keeps no article",
			body: "## People\n*   **Vitruvius**: A Roman architect who wrote the only surviving treatise on architecture.\n*   **Brunelleschi**: A Florentine who built the dome of the cathedral.\n",
			kind: deck.KindTerm, term: "Vitruvius",
			want: "What is *Vitruvius*?",
		},
		{
			name: "a label under an owner's lead-in is asked with the owner",
			body: "## Writing a Grant\nThe proposal covers:\n*   **The aim**: What the project will show, in one sentence.\n*   **The method**: How the data will be collected.\n*   **The budget**: The money asked for, item by item.\n",
			kind: deck.KindTerm, term: "aim",
			want: "In the proposal, what is the *aim*?",
		},
		{
			name: "a plural label under an owner's lead-in",
			body: "## Writing a Grant\nThe proposal covers:\n*   **The aim**: What the project will show, in one sentence.\n*   **The risks**: What could stop the project, and the fallback for each.\n",
			kind: deck.KindTerm, term: "risks",
			want: "In the proposal, what are the *risks*?",
		},
		{
			name: "a term that names its owner needs no owner",
			body: "## Kinds\nSoil falls into three kinds:\n*   **Clay soil**: Fine particles that hold water.\n*   **Sandy soil**: Coarse grains that drain fast.\n*   **Loam soil**: A mix of sand, silt and clay.\n",
			kind: deck.KindTerm, term: "Clay soil",
			want: "What is *Clay soil*?",
		},
		{
			name: "a set of kinds names what they are kinds of",
			body: "## Kinds\nSoil falls into three kinds:\n*   **Clay soil**: Fine particles that hold water.\n*   **Sandy soil**: Coarse grains that drain fast.\n*   **Loam soil**: A mix of sand, silt and clay.\n",
			kind: deck.KindList,
			want: "What are the three kinds of soil?",
		},
		{
			name: "an owner's parts name the owner",
			body: "## Anatomy\nThe heart has two pumps:\n*   **The right side**: Sends blood to the lungs.\n*   **The left side**: Sends blood to the body.\n",
			kind: deck.KindList,
			want: "What are the two pumps of the heart?",
		},
		{
			name: "'this' before a noun is a determiner, not a pointer",
			body: "## Setting Up the Grant\nThis proposal covers:\n*   **The aim**: What the project will show, in one sentence.\n*   **The method**: How the data will be collected.\n",
			kind: deck.KindList,
			want: "What are the two things the proposal covers?",
		},
		{
			name: "a possessive pronoun is dropped from the set's noun",
			body: "## Nightingale's Reforms\nNightingale changed army hospitals. Her main reforms were:\n*   **Ventilation**: Opening wards to fresh air.\n*   **Sanitation**: Clean water and drains.\n",
			kind: deck.KindList,
			want: "What are the two main reforms?",
		},
		{
			name: "a heading's article and number are not pasted into the question",
			body: "## The Three Laws\n### 1. Inertia\nText.\n### 2. Force\nText.\n### 3. Reaction\nText.\n",
			kind: deck.KindList,
			want: "What are the three laws?",
		},
		{
			name: "a numbered list mostly of commands is a procedure: every item is a step",
			body: "## Changing a Tyre\n1.  **Loosen the nuts**: A quarter turn each, before lifting.\n2.  **Raise the car**: Jack it at the marked point.\n3.  **Swap the wheel**: Fit the spare and tighten by hand.\n",
			kind: deck.KindTerm, term: "Swap the wheel",
			want: "What does the step *Swap the wheel* involve?",
		},
		{
			name: "the steps of a procedure are asked in order",
			body: "## Changing a Tyre\n1.  **Loosen the nuts**: A quarter turn each, before lifting.\n2.  **Raise the car**: Jack it at the marked point.\n3.  **Swap the wheel**: Fit the spare and tighten by hand.\n",
			kind: deck.KindList,
			want: "What are the three steps of changing a tyre, in order?",
		},
		{
			name: "steps under a heading that says when",
			body: "## After the Match\n1.  **Shake hands**: With every player of the other side.\n2.  **Stretch the legs**: Ten minutes, before sitting down.\n",
			kind: deck.KindList,
			want: "What are the two steps after the match, in order?",
		},
		{
			name: "numbered principles are not steps",
			body: "## Key Principles\n1.  **Write less**: Every word must earn its place.\n2.  **Show the data**: A chart beats a paragraph.\n",
			kind: deck.KindTerm, term: "Write less",
			want: "What does *Write less* involve?",
		},
		{
			name: "an instruction answers 'how should it be used'",
			body: "## Tools\n*   **Spaced repetition**: Use spaced repetition to review each fact just before it is forgotten.\n*   **Interleaving**: Mixing topics within one session.\n",
			kind: deck.KindTerm, term: "Spaced repetition",
			want: "How should *spaced repetition* be used?",
		},
		{
			name: "another instruction asks for the advice",
			body: "## Tactics\n*   **Silence**: Wait after the other side names a price, and let them fill the pause.\n*   **Framing**: Presenting the same offer as a gain rather than a loss.\n",
			kind: deck.KindTerm, term: "Silence",
			want: "What is the advice on *Silence*?",
		},
		{
			name: "a noun phrase with a relative clause is a definition, not an instruction",
			body: "## Tactics\n*   **Blind offers**: Open bids that leave the price to the other side.\n*   **Framing**: Presenting the same offer as a gain rather than a loss.\n",
			kind: deck.KindTerm, term: "Blind offers",
			want: "What are *Blind offers*?",
		},
		{
			name: "a command answered by its example asks for the example",
			body: "## Metrics\n*   **Avoid vanity metrics**: For example, page views rise with any marketing push and say nothing about value.\n*   **Prefer ratios**: Conversion per visit beats visits.\n",
			kind: deck.KindTerm, term: "Avoid vanity metrics",
			want: "What example illustrates *Avoid vanity metrics*?",
		},
		{
			name: "a heading naming one of its items is a topic, not a set",
			body: "## Worker Ants\n*   **Worker ant**: A sterile female that forages and tends the brood.\n*   **Trophallaxis**: Passing food mouth to mouth between workers.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "a lead-in naming key terms makes no set card",
			body: "## Options\nThe key terms are:\n*   **The strike**: The price at which the option may be exercised.\n*   **The premium**: The price paid for the option itself.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "a heading's list holding a generic label names its aspects, not a set",
			body: "## Design Critiques\n*   **Format**: A weekly hour with the whole team.\n*   **Silent reading**: Everyone reads the spec before speaking.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "a lead-in naming terms makes no set card",
			body: "## Concepts\nThe three related terms are:\n*   **Latency**: Time for one request.\n*   **Throughput**: Requests per second.\n*   **Jitter**: Variation in latency.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "a set of more than six is carded item by item",
			body: "## Noble Gases\nThe noble gases are:\n*   **Helium**: The lightest.\n*   **Neon**: Glows red.\n*   **Argon**: Most common.\n*   **Krypton**: Used in lamps.\n*   **Xenon**: Used in car headlights.\n*   **Radon**: Radioactive.\n*   **Oganesson**: Made in a lab.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "items of an owner's causes lead to it",
			body: "## Failures\nBridge collapses have three main causes:\n*   **Scour**: Water washing away the soil under a pier.\n*   **Fatigue**: Cracks growing under repeated loads.\n*   **Overloading**: Traffic heavier than the design allowed.\n",
			kind: deck.KindTerm, term: "Scour",
			want: "How does *Scour* lead to bridge collapses?",
		},
		{
			name: "a list mixing values with things is no set",
			body: "## Supplies\n*   **Water needed**: About 3 litres a day per person in temperate weather, more in heat.\n*   **Salt tablets**: Taken on hot days to replace what sweat loses.\n",
			kind: deck.KindList,
			want: "",
		},
		{
			name: "a practice whose answer says what it shows is asked that",
			body: "## Trust\n*   **Keeping promises**: Reliably doing what was agreed demonstrates integrity to the team.\n*   **Listening**: Hearing people out before answering.\n",
			kind: deck.KindTerm, term: "Keeping promises",
			want: "What does *Keeping promises* demonstrate?",
		},
		{
			name: "an item of a comparison is asked how it compares",
			body: "## Tents\nThe reviewer compared three tents over one season:\n*   **Ridge tent**: Roomy but heavy.\n*   **Dome tent**: The quickest to pitch.\n*   **Tunnel tent**: Stable in wind, poor in snow.\n",
			kind: deck.KindTerm, term: "Dome tent",
			want: "How does *Dome tent* compare as a tent?",
		},
		{
			name: "a fault answered by its reason is asked why it is one",
			body: "## Common Mistakes\n*   **Skipping the warm-up**: Cold muscles tear easily, so the first sprint is the riskiest.\n*   **Overtraining**: Running hard every day without rest.\n",
			kind: deck.KindTerm, term: "Skipping the warm-up",
			want: "Why is *Skipping the warm-up* a mistake?",
		},
		{
			name: "a fault answered by what it is keeps its question",
			body: "## Common Mistakes\n*   **Skipping the warm-up**: Cold muscles tear easily, so the first sprint is the riskiest.\n*   **Overtraining**: Running hard every day without rest.\n",
			kind: deck.KindTerm, term: "Overtraining",
			want: "What does *Overtraining* involve?",
		},
		{
			name: "a fault named as an act is asked why it is one",
			body: "## Common Mistakes\n*   **Keeping the backup drive next to the computer**: A fire, flood or theft takes both.\n*   **Trusting RAID as a backup**: RAID copies deletions instantly to every disk.\n",
			kind: deck.KindTerm, term: "Keeping the backup drive next to the computer",
			want: "Why is *Keeping the backup drive next to the computer* a mistake?",
		},
		{
			name: "a fault named as a saying is asked why it is one",
			body: "## Common Mistakes\n*   **\"I'll do it later\"**: Most people set up backups only after their first loss.\n*   **Trusting RAID as a backup**: RAID copies deletions instantly to every disk.\n",
			kind: deck.KindTerm, term: "\"I'll do it later\"",
			want: "Why is *\"I'll do it later\"* a mistake?",
		},
		{
			name: "a fault whose answer's subject ends in -ing is asked why",
			body: "## Common Pitfalls\n*   **Excluding marketing**: Marketing is essential for finding buyers.\n*   **Not holding product accountable**: Product must have a seat at the table.\n",
			kind: deck.KindTerm, term: "Excluding marketing",
			want: "Why is *Excluding marketing* a pitfall?",
		},
		{
			name: "a fault named as an act and answered by what the act is keeps its question",
			body: "## Common Mistakes\n*   **Negotiating against yourself**: Making a second concession before the other side has answered.\n*   **Lack of clarity**: Not having a clear objective.\n",
			kind: deck.KindTerm, term: "Negotiating against yourself",
			want: "What does *Negotiating against yourself* involve?",
		},
		{
			name: "a book among resources is asked what it is about, its title as written",
			body: "## Resources\n*   **The Practice of System Administration by Thomas Limoncelli**: A book whose backup chapters explain restore testing.\n*   **restic**: A free command-line tool that makes encrypted backups.\n",
			kind: deck.KindTerm, term: "Practice of System Administration by Thomas Limoncelli",
			want: "What is the book *The Practice of System Administration* by Thomas Limoncelli about?",
		},
		{
			name: "a tool among resources takes no article",
			body: "## Further Reading\n*   **The SPACE Paper**: A detailed outline of the SPACE framework.\n*   **restic**: A free command-line tool that makes encrypted backups.\n",
			kind: deck.KindTerm, term: "restic",
			want: "What is *restic*?",
		},
		{
			name: "a list of resources makes no list card",
			body: "## Resources\n*   **Accelerate by Nicole Forsgren**: A book on the DORA research.\n*   **restic**: A free command-line tool that makes encrypted backups.\n",
			kind: deck.KindList, want: "",
		},
		{
			name: "a list of tools under another heading keeps its card",
			body: "## Backup Tools\n*   **restic**: A free command-line tool that makes encrypted backups.\n*   **Time Machine**: The backup tool built into macOS.\n",
			kind: deck.KindList, want: "What are the two backup tools?",
		},
		{
			name: "an attribute word that only modifies the heading's noun names no value",
			body: "## Pricing Models\n*   **Subscription**: A fixed fee each month or year.\n*   **Freemium**: A free tier with paid upgrades.\n",
			kind: deck.KindTerm, term: "Subscription",
			want: "What is *Subscription*?",
		},
		{
			name: "an attribute word heading the heading's noun phrase names the value",
			body: "## Elite Benchmarks\n*   **Lead time**: Less than a day.\n*   **Deploy frequency**: On demand.\n",
			kind: deck.KindTerm, term: "Lead time",
			want: "Elite benchmark for *Lead time*?",
		},
		{
			name: "a quoted question is asked what it is for",
			body: "## Questions to Ask Customers\n*   **\"What would be an expensive price?\"**: The price at which customers start to hesitate.\n*   **\"What would be too expensive?\"**: The price at which they would never buy.\n",
			kind: deck.KindTerm, term: "\"What would be too expensive?\"",
			want: "What is the question *\"What would be too expensive?\"* for?",
		},
		{
			name: "a figure leading a long answer is a value",
			body: "## Supplies\n*   **Water needed**: About 3 litres a day per person in temperate weather, more in heat.\n*   **Salt**: A pinch per litre on hot days.\n",
			kind: deck.KindTerm, term: "Water needed",
			want: "How much water is needed?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			var got []deck.Card
			for _, c := range res.Cards {
				if c.Kind == tt.kind && (tt.kind == deck.KindList || c.Term == tt.term) {
					got = append(got, c)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no %s card, got %q", tt.kind, got[0].Question)
			case tt.want != "" && len(got) != 1:
				t.Errorf("want one %s card %q, got %d; cards:\n%s", tt.kind, tt.term, len(got), cardList(res.Cards))
			case tt.want != "" && got[0].Question != tt.want:
				t.Errorf("question\n got %q\nwant %q", got[0].Question, tt.want)
			}
		})
	}
}

func cardList(cards []deck.Card) string {
	var sb strings.Builder
	for _, c := range cards {
		sb.WriteString(string(c.Kind) + " " + c.Term + " | " + c.Front + "\n")
	}
	return sb.String()
}

// TestTermAnswerIsOneStatement checks that an item's answer is its first
// sentence: the second is another fact.
func TestTermAnswerIsOneStatement(t *testing.T) {
	tests := []struct{ own, want string }{
		{"A worm that lives in soil and eats leaves. It can regrow a lost tail.", "A worm that lives in soil and eats leaves."},
		{"Cheap. It costs half as much as oak.", "Cheap. It costs half as much as oak."},
		{"One fact only, with no second sentence.", "One fact only, with no second sentence."},
		// A short or generic first sentence keeps the next (issue 14).
		{"A complete change of direction. The ships met in mid-ocean and sailed apart.", "A complete change of direction. The ships met in mid-ocean and sailed apart."},
		{"The cable snapped after 600 kilometres. The machinery braked too hard.", "The cable snapped after 600 kilometres. The machinery braked too hard."},
		// A second sentence with the item's figures or consequence is kept.
		{"The cable was finally landed on 5 August 1858. The Queen's message of 98 words took 16 hours.", "The cable was finally landed on 5 August 1858. The Queen's message of 98 words took 16 hours."},
		{"The pump failed during the first week of the trial. As a result the trial was stopped early.", "The pump failed during the first week of the trial. As a result the trial was stopped early."},
		// A second sentence with another, ordinary fact is left out, and
		// so is an example or a study, figures and all.
		{"A small experiment that opened results in a new tab. The idea was debated at Microsoft around 2008.", "A small experiment that opened results in a new tab."},
		{"AI is applied internally to answer user questions faster. Stripe built an internal UI for GPT-4 with presets.", "AI is applied internally to answer user questions faster."},
		{"The first number put on the table, which pulls the agreement towards it. In one study, a higher list price raised valuations by about 12%.", "The first number put on the table, which pulls the agreement towards it."},
		{"Hold the blade at a low and steady angle to the stone. Two coins under the spine help.", "Hold the blade at a low and steady angle to the stone."},
	}
	for _, tt := range tests {
		if got := ownStatement(tt.own); got != tt.want {
			t.Errorf("ownStatement(%q) = %q, want %q", tt.own, got, tt.want)
		}
	}
}

// TestReverseCardsPointToOneTerm checks which term cards get a reverse.
func TestReverseCardsPointToOneTerm(t *testing.T) {
	tests := []struct {
		name, body, term string
		reverse          bool
		answer           string // the reverse card's answer, when there is one
	}{
		{"the reverse answer has no article", "## G\n*   **The fovea**: A small pit in the retina packed with cone cells.\n*   **Rods**: Cells of the retina that see in dim light.\n", "fovea", true, "fovea"},
		{"an instruction has no reverse", "## G\n*   **Silence**: Wait after the other side names a price, and let them fill the pause.\n*   **Framing**: Presenting the same offer as a gain rather than a loss.\n", "Silence", false, ""},
		{"a command term has no reverse", "## G\n*   **Check the oil**: Engines that run low on oil seize within minutes.\n*   **Rods**: Cells of the retina that see in dim light.\n", "Check the oil", false, ""},
		{"an answer that leans on the sentence before has no reverse", "## G\n*   **Ratio mismatch**: This is the most common reason for invalid experiments.\n*   **Rods**: Cells of the retina that see in dim light.\n", "Ratio mismatch", false, ""},
		{"a part asked with its owner has no reverse", "## G\nThe proposal covers:\n*   **The aim**: What the project will show, in one sentence.\n*   **The method**: How the data will be collected, and by whom.\n", "method", false, ""},
		{"a command whose answer defines it keeps its reverse", "## G\n*   **Lead Time for Changes**: Time from code commit to code running in production.\n*   **Rods**: Cells of the retina that see in dim light.\n", "Lead Time for Changes", true, "Lead Time for Changes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d", Reverse: true})
			if _, ok := findCard(res.Cards, deck.KindTerm, tt.term); !ok {
				t.Fatalf("no term card %q; cards:\n%s", tt.term, cardList(res.Cards))
			}
			r, ok := findCard(res.Cards, deck.KindReverse, tt.term)
			if ok != tt.reverse {
				t.Fatalf("reverse card for %q: got %v, want %v; cards:\n%s", tt.term, ok, tt.reverse, cardList(res.Cards))
			}
			if ok && r.Back != tt.answer {
				t.Errorf("reverse answer %q, want %q", r.Back, tt.answer)
			}
		})
	}
}

func TestLeadInOwner(t *testing.T) {
	tests := []struct{ sentence, owner, kind string }{
		{"This brief covers:", "the brief", ""},
		{"The cluster has two layers:", "the cluster", "two layers"},
		{"Feedback in a review falls into three kinds:", "Feedback in a review", "three kinds"},
		{"Winter losses often have three main causes:", "Winter losses", "three main causes"},
		{"It has three parts:", "", ""},
		{"His tools are:", "", ""},
		{"Key practices include:", "", ""},
	}
	for _, tt := range tests {
		owner, kind := leadInOwner(tt.sentence)
		if owner != tt.owner || strings.Join(kind, " ") != tt.kind {
			t.Errorf("leadInOwner(%q) = %q, %q; want %q, %q", tt.sentence, owner, strings.Join(kind, " "), tt.owner, tt.kind)
		}
	}
}

func TestLooksImperative(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Rehearse the opening", true},
		{"Summarize decisions", true},
		{"Tilt the hive forward", true},
		{"Write down your plan", true},
		{"Whether the approach solves the problem", false},
		{"Repeating the last three words", false},
		{"Details such as spacing", false},
		{"Most negotiations are repeated", false},
		{"Feed syrup", false}, // a step only among other commands (mostlyImperative)
		{"Turn it", true},
		{"Let it cure", true},
		{"Leave them overnight", true},
		{"Why it matters", false},
		{"What it means", false},
	}
	for _, tt := range tests {
		if got := looksImperative(tt.s); got != tt.want {
			t.Errorf("looksImperative(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if !mostlyImperative([]string{"Treat for mites", "Feed syrup", "Fit a guard", "Tilt the hive"}) {
		t.Error("a list mostly of commands is a procedure")
	}
	if mostlyImperative([]string{"Clay soil", "Sandy soil", "Fit a guard"}) {
		t.Error("a list mostly of nouns is no procedure")
	}
}

func TestSplitArticle(t *testing.T) {
	tests := []struct{ term, article, bare string }{
		{"The transistor", "the", "transistor"},
		{"An axon", "an", "axon"},
		{"A/B testing", "", "A/B testing"},
		{"Theory of mind", "", "Theory of mind"},
		{"The", "", "The"},
		{"A B", "", "A B"},
	}
	for _, tt := range tests {
		a, b := splitArticle(tt.term)
		if a != tt.article || b != tt.bare {
			t.Errorf("splitArticle(%q) = %q, %q; want %q, %q", tt.term, a, b, tt.article, tt.bare)
		}
	}
}

// TestTermAsideJoinsTheTerm checks that a bracketed aside after a bold lead
// belongs to the term, not to the start of the answer (issue 14).
func TestTermAsideJoinsTheTerm(t *testing.T) {
	tests := []struct{ body, term, back string }{
		{"## The Clocks\n*   **Harrison H1** (1730–1735): A large brass clock with two linked balances.\n*   **Harrison H2**: A sturdier clock built for rough seas.\n",
			"Harrison H1 (1730–1735)", "A large brass clock with two linked balances."},
		{"## The Clocks\n*   **Harrison H4 (1755–1759)**: A large watch only 13 centimetres across.\n*   **Harrison H2**: A sturdier clock built for rough seas.\n",
			"Harrison H4 (1755–1759)", "A large watch only 13 centimetres across."},
		// A bracket that is the start of the answer's sentence stays.
		{"## The Clocks\n*   **Harrison H3**: (Unfinished) a clock with caged roller bearings.\n*   **Harrison H2**: A sturdier clock built for rough seas.\n",
			"Harrison H3", "(Unfinished) a clock with caged roller bearings."},
	}
	for _, tt := range tests {
		res := generate(t, header+tt.body, Options{Deck: "d"})
		found := false
		for _, c := range res.Cards {
			if c.Kind == deck.KindTerm && c.Term == tt.term {
				found = true
				if c.Back != tt.back {
					t.Errorf("%s: back %q, want %q", tt.term, c.Back, tt.back)
				}
			}
		}
		if !found {
			t.Errorf("no term card %q; cards:\n%s", tt.term, cardList(res.Cards))
		}
	}
}
