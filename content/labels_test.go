package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

// TestLabelsOverFacts checks that a bold lead-in that is a category label
// over a fact is carded as the fact (a cloze with the label as its cue,
// or a question about the clause), with no reverse card and no list card
// of labels, and that terms defined by a noun phrase, a pronoun or a
// clause about the term itself keep their "What is X?" card.
func TestLabelsOverFacts(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		label    string // the bold lead-in
		question string // the card asked of it ("" for none)
		answer   string // its answer: a cloze's span, a term card's back
		list     string // the note's list question, "" for none, "-" for any
	}{
		{
			name:     "a figure with its unit is hidden, the label leads as the cue",
			body:     "## Outcomes\n*   **Cost**: The canal cost $7 million, paid back within nine years by tolls.\n*   **Disease**: Malaria killed about 1,000 workers in the Montezuma swamp in 1819.\n*   **Trade**: Freight costs from Buffalo to New York fell by 95%.\n",
			label:    "Cost",
			question: "*Cost*: The canal cost [...], paid back within nine years by tolls.",
			answer:   "$7 million",
		},
		{
			name:     "a past verb the rules know, a percentage hidden",
			body:     "## Outcomes\n*   **Cost**: The canal cost $7 million, paid back within nine years by tolls.\n*   **Trade**: Freight costs from Buffalo to New York fell by 95%.\n",
			label:    "Trade",
			question: "*Trade*: Freight costs from Buffalo to New York fell by [...].",
			answer:   "95%",
		},
		{
			name:     "a change with no subject is asked as a change",
			body:     "## Results after one year\n*   **Time-to-hire**: Fell from 41 days to 29 days.\n*   **Offer acceptance**: Rose from 68% to 81%.\n*   **Regretted attrition**: Halved within the first year.\n",
			label:    "Time-to-hire",
			question: "How did *time-to-hire* change?",
			answer:   "Fell from 41 days to 29 days.",
		},
		{
			name:     "a change of a share is no value to give",
			body:     "## Results after one year\n*   **Time-to-hire**: Fell from 41 days to 29 days.\n*   **Offer acceptance**: Rose from 68% to 81%.\n",
			label:    "Offer acceptance",
			question: "How did *offer acceptance* change?",
			answer:   "Rose from 68% to 81%.",
		},
		{
			name:  "a change that says not how far is left as it was",
			body:  "## Culture\n*   **Morale**: Improved across the teams.\n*   **Attrition**: Fell slowly over the year.\n",
			label: "Morale",
		},
		{
			name:     "of two figures, the one counted in a unit",
			body:     "## Human Hearing\n*   **Threshold of pain**: About 130 dB.\n*   **Age-related loss**: The upper limit falls to about 12,000 Hz by the age of 60.\n",
			label:    "Age-related loss",
			question: "*Age-related loss*: The upper limit falls to about [...] by the age of 60.",
			answer:   "12,000 Hz",
		},
		{
			name:     "a fact with nothing to hide asks what its subject does",
			body:     "## Winter\n*   **Cold weather**: Bees cluster tightly around the queen and shiver their flight muscles.\n*   **Warm spells**: Bees fly out to void their waste.\n",
			label:    "Cold weather",
			question: "*Cold weather*: what do bees do?",
			answer:   "Cluster tightly around the queen and shiver their flight muscles.",
		},
		{
			name:     "a second clause after 'and the' is left to the answer",
			body:     "## Winter\n*   **Cold weather**: The cluster tightens and the bees shiver to make heat.\n*   **Warm spells**: Bees fly out to void their waste.\n",
			label:    "Cold weather",
			question: "*Cold weather*: what does the cluster do?",
			answer:   "The cluster tightens and the bees shiver to make heat.",
		},
		{
			name:     "a label in -ing is a label all the same",
			body:     "## Outcomes\n*   **Shipping**: Freight rates from Buffalo fell by 95% within a decade.\n*   **Farming**: Wheat from Ohio reached New York for the first time.\n",
			label:    "Shipping",
			question: "*Shipping*: Freight rates from Buffalo fell by [...] within a decade.",
			answer:   "95%",
		},
		{
			name:     "a gerund defined by what it involves stays a term",
			body:     "## Practices\n*   **Timeboxing**: Fixing the time a task may take before starting it.\n*   **Batching**: Doing similar small tasks together.\n",
			label:    "Timeboxing",
			question: "What does *Timeboxing* involve?",
			answer:   "Fixing the time a task may take before starting it.",
			list:     "-",
		},
		{
			name:     "a modal asks what the subject may do",
			body:     "## Experimentation Platforms\n*   **Self-service**: Users can easily set up experiments and define their metrics.\n*   **Automated Analysis**: Results arrive within a day of the end of a test.\n",
			label:    "Self-service",
			question: "*Self-service*: what can users do?",
			answer:   "Easily set up experiments and define their metrics.",
		},
		{
			name:     "'has' as a verb of its own asks what the subject has",
			body:     "## Reliability at Stripe\n*   **Incident Response**: Stripe has robust systems to resolve issues.\n*   **Chaos Testing**: Stripe injects errors on purpose into live systems.\n",
			label:    "Incident Response",
			question: "*Incident Response*: what does Stripe have?",
			answer:   "Robust systems to resolve issues.",
		},
		{
			name:     "a perfect asks what the subject has done",
			body:     "## AI at Stripe\n*   **Engineer Productivity**: Stripe has made GitHub Copilot available to its engineers.\n*   **Docs Q&A**: Stripe answers support questions with a model.\n",
			label:    "Engineer Productivity",
			question: "*Engineer Productivity*: what has Stripe done?",
			answer:   "Made GitHub Copilot available to its engineers.",
		},
		{
			name:     "an adverb between subject and verb is read past",
			body:     "## Planning\n*   **Time management**: Leaders consciously manage their time to put impact first.\n*   **Delegation**: Leaders strive to delegate beyond their comfort zone.\n",
			label:    "Time management",
			question: "*Time management*: what do leaders do?",
			answer:   "Consciously manage their time to put impact first.",
		},
		{
			name:     "a state after a modal keeps the item's question",
			body:     "## Platforms\n*   **Automated Analysis**: Scorecards should be available soon after a test ends.\n*   **Metric Management**: A shared place where metrics are defined once.\n",
			label:    "Automated Analysis",
			question: "What is *Automated Analysis*?",
			answer:   "Scorecards should be available soon after a test ends.",
			list:     "-",
		},
		{
			name:     "a definition by a noun phrase stays a term",
			body:     "## Key Ideas\n*   **Miasma theory**: The belief that diseases such as cholera spread through foul air.\n*   **Germ theory**: The idea that specific microorganisms cause specific diseases.\n",
			label:    "Miasma theory",
			question: "What is *Miasma theory*?",
			answer:   "The belief that diseases such as cholera spread through foul air.",
			list:     "-",
		},
		{
			name:     "a sentence whose subject is the term's pronoun stays a term",
			body:     "## Stations\n*   **Abbey Mills**: It pumps the sewage of the northern sewer up about 12 metres.\n*   **Crossness**: It lifted the sewage of south London into a reservoir.\n",
			label:    "Crossness",
			question: "What is *Crossness*?",
			answer:   "It lifted the sewage of south London into a reservoir.",
			list:     "-",
		},
		{
			name:     "a subject that is the term itself keeps the term",
			body:     "## The Works\n*   **The locks**: Three sets of paired locks lift ships 26 metres to the level of the lake.\n*   **The dam**: An earth dam across the river that formed the lake.\n",
			label:    "locks",
			question: "What are the *locks*?",
			answer:   "Three sets of paired locks lift ships 26 metres to the level of the lake.",
			list:     "-",
		},
		{
			name:     "a participle inside a noun phrase is no verb",
			body:     "## Measuring It\n*   **Echo method**: Clap in front of a wall and time the echo.\n*   **Resonance tube**: A tuning fork held over a column of air whose length is changed.\n",
			label:    "Resonance tube",
			question: "What is *Resonance tube*?",
			answer:   "A tuning fork held over a column of air whose length is changed.",
			list:     "What are the two ways of measuring Note?", // as before (the heading's "It")
		},
		{
			name:     "a relative clause without 'that' keeps the noun phrase",
			body:     "## Gear\n*   **Belay device**: The brake a climber's partner uses to hold a fall.\n*   **Harness**: A set of straps worn round the waist and legs.\n",
			label:    "Belay device",
			question: "What is *Belay device*?",
			answer:   "The brake a climber's partner uses to hold a fall.",
			list:     "-",
		},
		{
			name:     "a verb in -s opening the answer is the term's predicate",
			body:     "## Document Stores\n*   **MongoDB**: Stores JSON-like documents and scales out by sharding.\n*   **CouchDB**: Syncs documents between devices.\n",
			label:    "MongoDB",
			question: "",
		},
		{
			name:     "items of a kind the lead-in names are terms",
			body:     "## Ratings\nCommon mistakes include:\n* **Inflation:** Median ratings creep up over time.\n* **Blind Averaging:** A single bad review sinks a new seller.\n",
			label:    "Blind Averaging",
			question: "What is *Blind Averaging*?",
			answer:   "A single bad review sinks a new seller.",
			list:     "What are the two common mistakes?",
		},
		{
			name:     "kinds under a heading of kinds are terms",
			body:     "## Kinds of Decay\n*   **Alpha decay**: The nucleus emits an alpha particle of two protons and two neutrons.\n*   **Beta decay**: A neutron turns into a proton and emits an electron.\n",
			label:    "Alpha decay",
			question: "What is *Alpha decay*?",
			answer:   "The nucleus emits an alpha particle of two protons and two neutrons.",
			list:     "-",
		},
		{
			name:     "a claim with a copula and nothing to hide stays as it was",
			body:     "## Traits\n*   **Approximation**: A sample of ten users is not the whole population, so the figure drifts.\n*   **Speed**: Ten users are quick to ask.\n",
			label:    "Approximation",
			question: "What is *Approximation*?",
			answer:   "A sample of ten users is not the whole population, so the figure drifts.",
			list:     "-",
		},
		{
			name:     "a list of one label and one term makes no list card",
			body:     "## Stations\n*   **Crossness**: Four beam engines lifted the sewage of south London into a reservoir.\n*   **Abbey Mills**: It pumps the sewage of the northern sewer up about 12 metres.\n",
			label:    "Crossness",
			question: "*Crossness*: what did four beam engines do?",
			answer:   "Lifted the sewage of south London into a reservoir.",
		},
		{
			name:     "a gerund's phrase as the subject, with a modal: what can it do",
			body:     "## Wiring\n*   **Polarity**: Swapping the live and neutral wires can leave the casing live.\n*   **Earthing**: The earth wire carries fault current away from the casing.\n",
			label:    "Polarity",
			question: "*Polarity*: what can swapping the live and neutral wires do?",
			answer:   "Leave the casing live.",
		},
		{
			name:     "a noun and a participle phrase as the subject, a past verb, a figure hidden",
			body:     "## Results\n*   **Churn**: Customers joining in the trial month cancelled at 14% in the first year.\n*   **Upsell**: Accounts on the annual plan bought extra seats.\n",
			label:    "Churn",
			question: "*Churn*: Customers joining in the trial month cancelled at [...] in the first year.",
			answer:   "14%",
		},
		{
			name:     "a participle phrase with a past form, then the verb",
			body:     "## Adding Fish\n*   **Losses**: Fish added in the first week died within 10 days.\n*   **Bullying**: Tiger barbs kept in groups smaller than six nip the fins of slower tankmates.\n",
			label:    "Bullying",
			question: "*Bullying*: what do tiger barbs kept in groups smaller than six do?",
			answer:   "Nip the fins of slower tankmates.",
		},
		{
			name:     "a subordinate clause, then a command with a figure in words",
			body:     "## Curing\n*   **Timing**: Once the mortar is laid, keep it damp for three days before loading the wall.\n*   **Frost**: Mortar that freezes before it sets crumbles.\n",
			label:    "Timing",
			question: "*Timing*: Once the mortar is laid, keep it damp for [...] before loading the wall.",
			answer:   "three days",
		},
		{
			name:     "a subordinate clause, then a command with nothing to hide",
			body:     "## Curing\n*   **Rain**: If rain is forecast, cover the new courses with hessian.\n*   **Frost**: Mortar that freezes before it sets crumbles.\n",
			label:    "Rain",
			question: "*Rain*: what should you do if rain is forecast?",
			answer:   "Cover the new courses with hessian.",
		},
		{
			name:     "a subject holding the label's first word is no term; its counted unit goes with the figure",
			body:     "## Setting Up\n*   **Tank size**: A tank smaller than 40 litres quickly swings in temperature.\n*   **Heater**: A thermostat keeps the water steady.\n",
			label:    "Tank size",
			question: "*Tank size*: A tank smaller than [...] quickly swings in temperature.",
			answer:   "40 litres",
		},
		{
			name:     "a passive asks how",
			body:     "## Judging\n*   **Scoring**: Each loaf is judged on crumb, crust and flavour by two bakers.\n*   **Entries**: Bakers enter one loaf per class.\n",
			label:    "Scoring",
			question: "*Scoring*: how is each loaf judged?",
			answer:   "On crumb, crust and flavour by two bakers.",
		},
		{
			name:     "a passive after a modal asks how",
			body:     "## Setting Up\n*   **Chlorine**: Tap water must be treated with a dechlorinator before it goes in.\n*   **Heater**: A thermostat keeps the water steady.\n",
			label:    "Chlorine",
			question: "*Chlorine*: how must tap water be treated?",
			answer:   "With a dechlorinator before it goes in.",
		},
		{
			name:     "a gerund's phrase with no finite verb stays a definition",
			body:     "## Virtues\n*   **Honesty**: Telling the truth without fail.\n*   **Patience**: Waiting without complaint.\n",
			label:    "Honesty",
			question: "What does *Honesty* involve?",
			answer:   "Telling the truth without fail.",
			list:     "-",
		},
		{
			name:     "a noun phrase whose verb is its relative clause's stays a definition",
			body:     "## Key Terms\n*   **Kanban**: A scheduling system that limits the work in progress.\n*   **Bioload**: The amount of waste the fish in a tank produce.\n",
			label:    "Kanban",
			question: "What is *Kanban*?",
			answer:   "A scheduling system that limits the work in progress.",
			list:     "-",
		},
		{
			name:     "a sentence restating the term stays a definition",
			body:     "## Key Terms\n*   **Quarantine tank**: A quarantine tank is a separate small tank where new fish spend their first weeks.\n*   **Bioload**: The amount of waste the fish in a tank produce.\n",
			label:    "Quarantine tank",
			question: "What is *Quarantine tank*?",
			answer:   "A quarantine tank is a separate small tank where new fish spend their first weeks.",
			list:     "-",
		},
		{
			name:  "a lead clause that runs past its comma is no lead",
			body:  "## Fluids\n*   **Rotation**: If a small float, like a cork, were held in the stream, it would turn.\n*   **Flow**: Water moves faster in the middle.\n",
			label: "Rotation",
		},
		{
			name:  "a gerund before a past form is its object's adjective, no verb",
			body:  "## Practices\n*   **Hackathons**: Carving out dedicated days for the team to explore problems.\n*   **Goal setting**: Each quarter the team sets goals.\n",
			label: "Hackathons",
		},
		{
			name:     "an event in the term's own history, with its year, is a fact",
			body:     "## History\n*   **Lighthouses**: The first lighthouse on the rock was lit in 1759 by John Smeaton.\n*   **Keepers**: Three keepers shared each watch.\n",
			label:    "Lighthouses",
			question: "*Lighthouses*: The first lighthouse on the rock was lit in [...] by John Smeaton.",
			answer:   "1759",
		},
		{
			name:     "a dated past form with no later verb is the verb, not a participle",
			body:     "## History\n*   **Public aquariums**: The first public aquarium opened at London Zoo in 1853.\n*   **Heaters**: Early tanks were warmed by gas flames under a slate base.\n",
			label:    "Public aquariums",
			question: "*Public aquariums*: The first public aquarium opened at London Zoo in [...].",
			answer:   "1853",
		},
		{
			name:     "a long gerund's phrase, its verb past the tenth word",
			body:     "## Proving\n*   **Shaping**: Folding the dough over itself from each of its four sides builds tension in the skin.\n*   **Scoring**: A razor cut lets the loaf open.\n",
			label:    "Shaping",
			question: "*Shaping*: what does folding the dough over itself from each of its four sides do?",
			answer:   "Builds tension in the skin.",
		},
		{
			name:     "a verb inside a quote is not the gerund's",
			body:     "## Building Trust\n*   **Reflection**: Building a habit of asking \"what could I have done better?\" after every project.\n*   **Candour**: Saying what you think.\n",
			label:    "Reflection",
			question: "What does *Reflection* involve?",
			answer:   "Building a habit of asking \"what could I have done better?\" after every project.",
			list:     "-",
		},
		{
			name:     "a copula with a 'the' subject and a noun phrase asks for the complement",
			body:     "## Findings\n*   **Retention**: The main cause was poor onboarding in the first week.\n*   **Hiring**: The bottleneck is the final interview.\n",
			label:    "Retention",
			question: "*Retention*: what was the main cause?",
			answer:   "Poor onboarding in the first week.",
		},
		{
			name:     "a copula whose complement is a purpose",
			body:     "## Methods\n*   **Kanban**: The core idea is to limit work in progress.\n*   **Scrum**: Teams plan in two-week sprints.\n",
			label:    "Kanban",
			question: "*Kanban*: what is the core idea?",
			answer:   "To limit work in progress.",
		},
		{
			name:     "a copula with an adjective is a claim, asked as before",
			body:     "## Setting Up\n*   **Size**: The tank is too small for barbs.\n*   **Heater**: A thermostat keeps the water steady.\n",
			label:    "Size",
			question: "What is *Size*?",
			answer:   "The tank is too small for barbs.",
			list:     "-",
		},
		{
			name:     "a copula whose subject names the term is about the term",
			body:     "## Origins\n*   **GitHub Copilot**: The first beta version of Copilot was a truly useful AI product.\n*   **Cursor**: A code editor built around a model.\n",
			label:    "GitHub Copilot",
			question: "What is *GitHub Copilot*?",
			answer:   "The first beta version of Copilot was a truly useful AI product.",
			list:     "-",
		},
		{
			name:     "a subordinate clause, then a clause: asked with the lead, answered with the predicate",
			body:     "## Cycling\n*   **New filters**: When the filter is new, ammonia builds up within days.\n*   **Old filters**: Bacteria clear ammonia overnight.\n",
			label:    "New filters",
			question: "*New filters*: when the filter is new, what does ammonia do?",
			answer:   "Builds up within days.",
		},
		{
			name:     "a gerund's object may share the label's stem; 'a day' is per day",
			body:     "## Upkeep\n*   **Lighting**: Leaving the lights on for more than ten hours a day feeds algae.\n*   **Cleaning**: Rinse the sponge in tank water.\n",
			label:    "Lighting",
			question: "*Lighting*: Leaving the lights on for more than [...] a day feeds algae.",
			answer:   "ten hours",
		},
		{
			name:     "a gerund that names the term is still an act with an effect",
			body:     "## Practices\n*   **Timeboxing**: Timeboxing each meeting can cut its length by a third.\n*   **Batching**: Doing similar small tasks together.\n",
			label:    "Timeboxing",
			question: "*Timeboxing*: what can timeboxing each meeting do?",
			answer:   "Cut its length by a third.",
		},
		{
			name:  "a label that is a negation is a pitfall, no label",
			body:  "## Pitfalls\n*   **Not owning the metric**: Product must have a seat at the table.\n*   **Late pricing**: Teams price the product after launch.\n",
			label: "Not owning the metric",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d", Reverse: true})
			var got *deck.Card
			var lists []string
			for i, c := range res.Cards {
				switch {
				case c.Kind == deck.KindList:
					lists = append(lists, c.Question)
				case c.Kind == deck.KindReverse && c.Back == tt.label && tt.question != "" && !strings.HasPrefix(tt.question, "What"):
					t.Errorf("a reverse card answers with the label: %q", c.Question)
				case c.Kind == deck.KindCloze && strings.HasPrefix(c.Question, "*"+tt.label+"*: "),
					c.Kind == deck.KindTerm && strings.EqualFold(c.Term, tt.label):
					got = &res.Cards[i]
				}
			}
			if tt.question == "" {
				if got != nil && strings.HasPrefix(got.Question, "*"+tt.label+"*") {
					t.Errorf("%s was read as a label: %q", tt.label, got.Question)
				}
				return
			}
			if got == nil {
				t.Fatalf("no card of %q; cards:\n%s", tt.label, cardList(res.Cards))
			}
			answer := got.Back
			if got.Kind == deck.KindCloze {
				answer, _, _ = strings.Cut(got.Back, "\n")
			}
			if got.Question != tt.question || answer != tt.answer {
				t.Errorf("card\n got %q → %q\nwant %q → %q", got.Question, answer, tt.question, tt.answer)
			}
			if tt.list == "" && len(lists) > 0 || tt.list != "" && tt.list != "-" && (len(lists) != 1 || lists[0] != tt.list) {
				t.Errorf("list cards %q, want %q", lists, tt.list)
			}
		})
	}
}

// TestLabelFact checks the shape test alone: a label over an independent
// clause, and the shapes of definitions it must leave alone.
func TestLabelFact(t *testing.T) {
	tests := []struct {
		term, answer string
		want         bool
		subject      string
	}{
		{"Disease", "Malaria killed about 1,000 workers in the Montezuma swamp in 1819.", true, "Malaria"},
		{"Cost", "The canal cost $7 million, paid back within nine years by tolls.", true, "The canal"},
		{"Scale", "Workers laid 132 kilometres of main sewers.", true, "Workers"},
		{"Cholera", "An outbreak in 1854 killed 616 people around Broad Street.", true, "An outbreak in 1854"},
		{"Trade", "Freight costs from Buffalo to New York fell by 95%.", true, "Freight"},
		{"Honesty", "Telling the truth without fail.", false, ""},
		{"Prevalence", "The share of the population that has the disease, for example 1%.", false, ""},
		{"Latency", "It measures how long a request takes.", false, ""},
		{"Hammer", "A tool that drives nails.", false, ""},
		{"Dark chocolate", "melt to 45–50 °C, cool to 27 °C, rework to 31–32 °C.", false, ""},
		{"Check the oil", "Engines that run low on oil seize within minutes.", false, ""},
		{"Sling psychrometer", "Two thermometers, one wet, whirled in the air.", false, ""},
		{"Automated Scorecards", "Results computed for every test.", false, ""},
		{"Change Fail Rate", "Percentage of changes that cause a failure in production.", false, ""},
		{"Annual discounts", "Offering two months free for annual billing improves cash flow and lowers churn.", true, "Offering two months free for annual billing"},
		{"Retention", "Hires leaving within 12 months dropped from 22% to 9% after the change.", true, "Hires leaving within 12 months"},
		{"Battery age", "A battery older than five years rarely holds a charge through winter.", true, "A battery older than five years"},
		{"Patience", "Cycling a new tank without a seeded filter takes four to six weeks.", true, "Cycling a new tank without a seeded filter"},
		{"Hardness", "How much dissolved calcium and magnesium the water holds.", false, ""},
		{"Fixing", "Fixing the time a task may take before starting it.", false, ""},
		{"The locks", "Three sets of paired locks lift ships 26 metres.", false, ""},
		{"1903", "Panama declared independence.", false, ""},
		{"Alpha", "The letter called Alpha in the alphabet of the Greeks, number 26027.", false, ""},
		{"Kanban", "A method known as pull scheduling in factories.", false, ""},
	}
	for _, tt := range tests {
		c, ok := labelFact(tt.term, tt.answer)
		if ok != tt.want || ok && c.subject != tt.subject {
			t.Errorf("labelFact(%q, %q) = %q, %v; want %q, %v", tt.term, tt.answer, c.subject, ok, tt.subject, tt.want)
		}
	}
}

// TestValueLists checks that an answer listing values of one quantity is
// asked for that quantity, with no reverse card, and that other answers
// are not read as value lists.
func TestValueLists(t *testing.T) {
	kinds := []struct {
		answer, want string
	}{
		{"melt to 45–50 °C, cool to 27 °C, rework to 31–32 °C.", "temperature"},
		{"3.5 m across at the outfalls, 1.2 m at the upper ends.", "length"},
		{"proof for 4 hours, rest for 30 minutes", qtyTime},
		{"one part Portland cement, two parts sand", ""},         // no unit
		{"melt to 45 °C, weigh out 200 g", ""},                   // two quantities
		{"About 343 metres per second.", ""},                     // one value (isValue's)
		{"The canal cost $7 million, paid back in 9 years.", ""}, // a sentence
		{"a, b, c, d, e, f 2 kg", ""},
	}
	for _, k := range kinds {
		if got := valueListKind(k.answer); got != k.want {
			t.Errorf("valueListKind(%q) = %q, want %q", k.answer, got, k.want)
		}
	}
	res := generate(t, header+"## Tempering\n*   **Dark chocolate**: melt to 45–50 °C, cool to 27 °C, rework to 31–32 °C.\n*   **Milk chocolate**: melt to 40–45 °C, cool to 26 °C, rework to 29–30 °C.\n", Options{Deck: "d", Reverse: true})
	c, ok := findCard(res.Cards, deck.KindTerm, "Dark chocolate")
	if !ok || c.Question != "What are the temperatures for *dark chocolate*?" {
		t.Errorf("question %q, want %q; cards:\n%s", c.Question, "What are the temperatures for *dark chocolate*?", cardList(res.Cards))
	}
	for _, c := range res.Cards {
		if c.Kind == deck.KindReverse {
			t.Errorf("a value list has a reverse card: %q → %q", c.Question, c.Back)
		}
	}
}

// TestNounBeforeAuxiliary: a word in -s before an auxiliary is the
// subject's noun, not its verb.
func TestNounBeforeAuxiliary(t *testing.T) {
	tests := []struct{ clause, subject, verb string }{
		{"Heat sinks are sized from the law of cooling", "Heat sinks", "are"},
		{"Price cuts were announced in May", "Price cuts", "were"},
		{"Dough rises in a warm kitchen", "Dough", "rises"},
	}
	for _, tt := range tests {
		c, ok := splitClause(tt.clause)
		if !ok {
			c = clauseParts{}
		}
		if c.subject != tt.subject || c.verb != tt.verb {
			t.Errorf("splitClause(%q) = %q | %q, want %q | %q", tt.clause, c.subject, c.verb, tt.subject, tt.verb)
		}
	}
}
