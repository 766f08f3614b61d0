package content

import (
	"strings"
	"testing"
)

// TestParagraphFacts: the facts of a paragraph a careful writer cards —
// a short dated sentence, a figure written in words, a time counted from
// the sentence before with its date written in, a cause whose verb takes
// a quantified object — and the connective that only joins a sentence to
// the one before goes from its card.
func TestParagraphFacts(t *testing.T) {
	tests := []struct {
		name, body     string
		question, back string // the card wanted (back: its first line)
	}{
		{"a short dated sentence",
			"## Timeline\nThe canal opened in 1825. Also, the state bought the land in 1817.\n",
			"The canal opened in [...].", "1825"},
		{"an additive connective goes",
			"## Timeline\nThe canal opened in 1825. Also, the state bought the land in 1817.\n",
			"The state bought the land in [...].", "1817"},
		{"a leading Then goes before the subject",
			"## Timeline\nThe first ship left in 1830. Then the company sold its last barge in 1851 for scrap.\n",
			"The company sold its last barge in [...] for scrap.", "1851"},
		{"a figure written in words",
			"## Cheap steel\nThe converter cut the price of steel by about five times within a decade.\n",
			"The converter cut the price of steel by about [...] within a decade.", "five times"},
		{"a range written in words is one figure",
			"## Care\nMost cooks need to sharpen only every two to three months with regular honing.\n",
			"Most cooks need to sharpen only every [...] with regular honing.", "two to three months"},
		{"years counted from a year",
			"## Cheap steel\nHenry Bessemer patented his converter in 1856. Just nine years later, Bessemer steel was being rolled into rails.\n",
			"In [...], Bessemer steel was being rolled into rails.", "1865"},
		{"days counted from a day, across a sentence with no date",
			"## Flight\nThe first flight was made on 17 December 1903 at Kitty Hawk. It lasted twelve seconds. Fifteen days later, the brothers were back home in Dayton.\n",
			"On [...], the brothers were back home in Dayton.", "1 January 1904"},
		{"a time pointer goes when the sentence gives its own date",
			"## Building\nWork began at Rome on 4 July 1817 with a ceremony. After that, the locks at Lockport were finished in 1825.\n",
			"The locks at Lockport were finished in [...].", "1825"},
		{"the next year counted from a day",
			"## Building\nWork began at Rome on 4 July 1817 with a ceremony. The following year, crews reached the long level near Syracuse.\n",
			"In [...], crews reached the long level near Syracuse.", "1818"},
		{"the next day counted from a day",
			"## Flight\nThe first flight was made on 17 December 1903 at Kitty Hawk. The next day, a telegram reached the family in Dayton.\n",
			"On [...], a telegram reached the family in Dayton.", "18 December 1903"},
		{"a sequence connective goes",
			"## Building\nThe canal was surveyed in 1816 by Benjamin Wright. Finally, the whole line was opened to boats in 1825.\n",
			"The whole line was opened to boats in [...].", "1825"},
		{"a cause after since with no comma",
			"## Running costs\nThe canal was cheap to run since mules pulled the boats along a towpath.\n",
			"Why was the canal cheap to run?", "Mules pulled the boats along a towpath."},
		{"a lesson written as prose under a takeaway heading",
			"## Takeaway\nHardness and toughness pull against each other in every blade. A slower quench leaves the steel softer and tougher.\n",
			"What leaves the steel softer and tougher?", "A slower quench."},
		{"It after a subject with no article",
			"## Cracking\nWater quenching is fast and harsh. It often cracks thick blades because the surface shrinks first.\n",
			"Water quenching often cracks thick blades because [...].", "the surface shrinks first"},
		{"a range between two figures is one span",
			"## Tempering\nTempering is usually done straight after quenching, at between 150 and 650 °C.\n",
			"Tempering is usually done straight after quenching, at between [...] °C.", "150 and 650"},
		{"a subject glossed with or",
			"## Softening\nAnnealing, or slow cooling from red heat, softens the steel for filing and drilling.\n",
			"What is *annealing*?", "Slow cooling from red heat."},
		{"an indefinite subject defined with the",
			"## Parts\nA tang is the part of the blade that runs into the handle.\n",
			"What is a *tang*?", "The part of the blade that runs into the handle."},
		{"a genus word with of defines",
			"## Structure\nMartensite is a hard, brittle form of steel made by quenching.\n",
			"[...] is a hard, brittle form of steel made by quenching.", "Martensite"},
		{"a pronoun after its noun in the sentence",
			"## Design\nEven if a team believes in a design, they should expect it to fail 80% of the time.\n",
			"Even if a team believes in a design, they should expect it to fail [...] of the time.", "80%"},
		{"a demonstrative naming what the sentence before described",
			"## Hardening\nThe hot blade is plunged into oil or water. This rapid cooling is called **quenching**.\n",
			"Rapid cooling is called [...].", "quenching"},
		{"a cause whose verb takes a quantified object",
			"## Why temper at all\nQuenched steel is hard but brittle. Tempering trades some hardness for toughness because it lets carbon atoms move out of the strained martensite.\n",
			"Why does tempering trade some hardness for toughness?", "It lets carbon atoms move out of the strained martensite."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			for _, c := range res.Cards {
				if c.Question == tt.question {
					if first, _, _ := strings.Cut(c.Back, "\n"); first != tt.back {
						t.Errorf("%q answered %q, want %q", c.Question, first, tt.back)
					}
					return
				}
			}
			t.Errorf("no card %q:\n%s", tt.question, dumpCards(res.Cards))
		})
	}
}

// TestParagraphFactsLeft: what stays uncarded — a time counted from a date
// not precise enough or not certain, a figure said twice, a number that
// counts no unit — and no card keeps a dangling opener.
func TestParagraphFactsLeft(t *testing.T) {
	tests := []struct{ name, body, left string }{
		{"days counted from a year",
			"## Flight\nThe brothers flew at Kitty Hawk in 1903 with their own engine. Just fifteen days later, the brothers flew 260 metres at Dayton.\n", "Dayton"},
		{"counted from a sentence of two dates",
			"## Steel\nBessemer was born in 1813 and patented his converter in 1856. Nine years later, 4,000 miles of rails were of Bessemer steel.\n", "rails"},
		{"counted from no date at all",
			"## Steel\nBessemer patented a converter that blew air through the iron. Nine years later, 4,000 miles of rails were of Bessemer steel.\n", "rails"},
		{"a time pointer with no date of its own",
			"## Building\nWork began at Rome on 4 July 1817 with a ceremony. After that, 3,000 men dug the long level by hand.\n", "3,000"},
		{"the next day counted from a year",
			"## Flight\nThe brothers flew at Kitty Hawk in 1903 with their own engine. The next day, 300 people read the telegram in Dayton.\n", "300"},
		{"It after a sentence of two clauses",
			"## Engine\nNo maker could supply a light engine, so their mechanic built one in six weeks. It weighed about 82 kilograms and produced 12 horsepower.\n", "kilograms"},
		{"It after a one-word subject that may be a person",
			"## Steel\nBessemer patented the converter in London. It blew air through 15 tonnes of molten iron at once.\n", "tonnes"},
		{"a claim about a topic is no definition",
			"## Lessons\nA humbling reality of product work is the high failure rate of new ideas.\n", "humbling"},
		{"a vague head with no genus after it",
			"## Lessons\nThe hidden cost is a part that nobody on the team wants to own.\n", "hidden"},
		{"names listed with or",
			"## People\nAlice, or Bob, or Carol, will lead the review of the design.\n", "Alice"},
		{"a pronoun after a frame with no noun",
			"## Cable\nThe cable was made in Greenwich.\n\nIn 1858, it carried 732 messages before failing.\n", "732"},
		{"a plural pronoun after a date",
			"## Cable\nThe cable was made in Greenwich.\n\nBy 1866, they had laid a new cable across the Atlantic in 14 days.\n", "14 days"},
		{"a superlative subject with a passive verb",
			"## Cable\nThe first cable was laid by two ships from Ireland.\n", "Laid"},
		{"a demonstrative before a kind of thing",
			"## Hardening\nThe blade is heated and cooled twice. This technique is called **double quenching** by smiths.\n", "technique"},
		{"a demonstrative before an ordinal",
			"## Hardening\nThe blade is heated and cooled twice. This second cooling is called **snap tempering** by smiths.\n", "second cooling"},
		{"a number that counts no unit",
			"## Steel\nThe smiths kept two of the furnaces burning through the cold winter.\n", "furnaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			for _, c := range res.Cards {
				if strings.Contains(c.Question+c.Back, tt.left) {
					t.Errorf("uncertain card: %s → %s", c.Question, c.Back)
				}
			}
		})
	}
}

func TestAnchoredTime(t *testing.T) {
	tests := []struct{ s, earlier, want string }{
		{"Two years later, the line closed.", "The line opened in 1900.", "In 1902, the line closed."},
		{"Three months later the bank failed.", "The run began in March 1931.", "In June 1931, the bank failed."},
		{"A week later, the cable broke.", "The cable was landed on 5 August 1858.", "On 12 August 1858, the cable broke."},
		{"About two decades later, the mine shut.", "The mine opened in 1950.", "In 1970, the mine shut."},
		{"Two years later, the line closed.", "The line opened in spring.", ""},
		{"That year, the line closed.", "The line opened on 5 May 1900.", "In 1900, the line closed."},
		{"The next year, the line closed.", "The line opened in 1900.", "In 1901, the line closed."},
		{"By then, the line had closed in 1950.", "The line opened in 1900.", "The line had closed in 1950."},
		{"By then, the line had closed.", "The line opened in 1900.", ""},
		{"The next day, the line closed.", "The line opened in 1900.", ""},
		{"Two weeks later, the line closed.", "The line opened in 1900.", ""},
		{"The line closed two years later.", "The line opened in 1900.", "The line closed two years later."},
	}
	for _, tt := range tests {
		got, ok := anchoredTime(tt.s, func(k int) string {
			if k == 0 {
				return tt.earlier
			}
			return ""
		})
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("anchoredTime(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestWordFigure(t *testing.T) {
	tests := []struct{ s, want string }{
		{"The process cut the price by about five times.", "five times"},
		{"It took twenty-five years to finish.", "twenty-five years"},
		{"Sharpen every two to three months.", "two to three months"},
		{"It took two hundred people to build.", "two hundred people"},
		{"The smiths kept two of the furnaces.", ""},
		{"It took three days and four weeks.", ""}, // two figures
		{"It took 3 days, three days in all.", ""}, // digits: figure reads it
	}
	for _, tt := range tests {
		if got := wordFigure(tt.s); got != tt.want {
			t.Errorf("wordFigure(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestWithoutNamingPointer(t *testing.T) {
	tests := []struct{ s, want string }{
		{"This rapid cooling is called quenching.", "Rapid cooling is called quenching."},
		{"These hard grains are known as carbides.", "Hard grains are known as carbides."},
		{"This limit is called the cycle rating.", "This limit is called the cycle rating."},
		{"This new method is called annealing.", "This new method is called annealing."},
		{"This Bessemer steel is called mild.", "This Bessemer steel is called mild."},
		{"This rapid cooling hardens the steel.", "This rapid cooling hardens the steel."},
	}
	for _, tt := range tests {
		if got := withoutNamingPointer(tt.s); got != tt.want {
			t.Errorf("withoutNamingPointer(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
