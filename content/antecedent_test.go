package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestResolveAntecedent(t *testing.T) {
	tests := []struct{ name, s, prev, before, want string }{
		{"he: the one person the sentence before is about",
			"He built the first rotary engine in 1957.", "In 1951, Felix Wankel joined the NSU works in Neckarsulm.", "",
			"Felix Wankel built the first rotary engine in 1957."},
		{"she: a person named in an appositive",
			"She measured the radioactivity of pitchblende in 1898.", "Their colleague, the chemist Marie Curie, worked in Paris.", "",
			"Marie Curie measured the radioactivity of pitchblende in 1898."},
		{"he: a surname alone, named in full before",
			"He sailed again in 1493.", "Columbus reached the Bahamas in October.", "Christopher Columbus left Palos in August 1492.",
			"Columbus sailed again in 1493."},
		{"he: two people named: uncertain",
			"He later won the prize.", "Niels Bohr met Werner Heisenberg in Copenhagen.", "", "He later won the prize."},
		{"he: the subject is no person",
			"He was delighted.", "The committee met in Oslo.", "", "He was delighted."},
		{"they: two people as the subject",
			"They published the structure in April 1953.", "James Watson and Francis Crick worked at the Cavendish Laboratory.", "",
			"James Watson and Francis Crick published the structure in April 1953."},
		{"they: a plural noun phrase before a past verb",
			"They began with gliders in 1899.", "The brothers ran a bicycle shop in Dayton.", "",
			"The brothers began with gliders in 1899."},
		{"their: two people before",
			"The first of their four flights lasted 12 seconds.", "On 17 December 1903, Orville and Wilbur Wright flew near Kitty Hawk.", "",
			"The first of Orville and Wilbur Wright's four flights lasted 12 seconds."},
		{"their: a plural noun phrase before",
			"Their shop paid for the experiments in 1899.", "The brothers ran a bicycle business in Dayton.", "",
			"The brothers' shop paid for the experiments in 1899."},
		{"his: the one person before",
			"His engine weighed 82 kilograms.", "In 1903, Charlie Taylor built an engine for the brothers.", "",
			"Charlie Taylor's engine weighed 82 kilograms."},
		{"their: a singular subject is no owner",
			"Their shop closed in 1910.", "The town grew quickly after 1900.", "", "Their shop closed in 1910."},
		{"they: a list of names is no subject",
			"They met in 1901.", "Planck, Einstein and Bohr wrote letters.", "", "They met in 1901."},
		{"it: a singular noun phrase subject",
			"It made it possible to print books cheaply.", "The printing press, invented by Gutenberg, spread quickly.", "",
			"The printing press made it possible to print books cheaply."},
		{"it: the subject a definition defines",
			"It describes how fast a quantity changes.", "The derivative is a measure of change.", "",
			"The derivative describes how fast a quantity changes."},
		{"it: a placeholder stays",
			"It is easy to see why.", "The derivative is a measure of change.", "", "It is easy to see why."},
		{"it: a person before",
			"It was cold.", "In 1911, Roald Amundsen reached the pole.", "", "It was cold."},
		{"they: the plural term the sentence before marks",
			"They were slow, because each one spun on its own.", "Before 1950, storage relied on *magnetic drums*, metal cylinders.", "",
			"Magnetic drums were slow, because each one spun on its own."},
		{"they: a singular mark is no antecedent",
			"They were slow.", "Before 1950, storage relied on a *magnetic drum*, a metal cylinder.", "", "They were slow."},
		{"the three men: the three people named before",
			"The three men shared the prize in 1903.", "", "Pierre Curie and Marie Curie worked with Henri Becquerel.",
			"Pierre Curie, Marie Curie and Henri Becquerel shared the prize in 1903."},
		{"the two men: three named, uncertain",
			"The two men shared the prize.", "", "Pierre Curie and Marie Curie worked with Henri Becquerel.",
			"The two men shared the prize."},
		{"organisations are no people",
			"The two men founded a company.", "", "William Hewlett met David Packard at Stanford University.",
			"Hewlett and Packard founded a company."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, before := func() string { return tt.prev }, func() string { return tt.before }
			marked := func() string { return emphasisSpan(tt.prev) }
			if got := resolveAntecedent(tt.s, prev, marked, before); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestProseClozeWritesTheAntecedentIn(t *testing.T) {
	body := "## Engines\nIn 1951, Felix Wankel joined the NSU works in Neckarsulm as an engineer. He built the first **rotary engine** in 1957, which ran for the first time that February.\n\n" +
		"## Prize\nPierre Curie and Marie Curie worked in Paris with the physicist Henri Becquerel on uranium rays.\n\nThe three scientists shared the Nobel Prize in Physics in 1903 for their work.\n"
	res := generate(t, header+body, Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindCloze, "rotary engine")
	if !ok || !strings.HasPrefix(c.Question, "Felix Wankel built the first [...] in 1957") {
		t.Errorf("no cloze with the antecedent written in (%q):\n%s", c.Question, dumpCards(res.Cards))
	}
	for _, c := range res.Cards {
		if strings.HasPrefix(c.Question, "He ") || strings.HasPrefix(c.Question, "The three") {
			t.Errorf("a card still leans back: %q", c.Question)
		}
	}
}

// TestListNoteParagraphWritesTheAntecedentIn: a list note's paragraph
// about a person carries its facts in sentences opening "She" or "He";
// their cards name the person.
func TestListNoteParagraphWritesTheAntecedentIn(t *testing.T) {
	body := "## Life\n\nMarie Dupont was born in Lyon in 1841. She moved house 14 times before she was thirty.\n\n" +
		"## Tips\n\n*   **Save first**: Put money aside on payday.\n*   **Track costs**: Write down every purchase.\n*   **Review**: Check the budget each month.\n"
	res := generate(t, header+body, Options{Deck: "d"})
	c, ok := findCard(res.Cards, deck.KindCloze, "14 times")
	if !ok || c.Question != "Marie Dupont moved house [...] before she was thirty." {
		t.Errorf("no cloze naming the person (%q):\n%s", c.Question, dumpCards(res.Cards))
	}
}
