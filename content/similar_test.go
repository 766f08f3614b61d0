package content

import (
	"math"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestSimilarityIndexMatchesDeckSimilarity(t *testing.T) {
	res := Generate(corpusFiles(t), Options{Deck: "d"})
	var texts []string
	for _, c := range res.Cards {
		texts = append(texts, c.Term+" "+c.Back)
	}
	x := newSimilarityIndex()
	for _, s := range texts {
		x.add(s, 0)
	}
	got := make(map[[2]int]float64)
	for _, p := range x.pairs(0.2) {
		got[[2]int{p.a, p.b}] = p.score
	}
	for a := range texts {
		for b := a + 1; b < len(texts); b++ {
			want := deck.Similarity(similarityText(texts[a]), similarityText(texts[b]))
			score, found := got[[2]int{a, b}]
			if want >= 0.2 && (!found || math.Abs(score-want) > 1e-9) {
				t.Fatalf("pair %d,%d: index %v (found %v), deck.Similarity %v", a, b, score, found, want)
			}
			if want < 0.2 && found {
				t.Fatalf("pair %d,%d reported at %v, deck.Similarity %v", a, b, score, want)
			}
		}
	}
}

func TestNearDuplicateThreshold(t *testing.T) {
	res := Generate(DefaultDeck(), Options{Deck: DefaultDeckName})
	term := func(s string) string {
		c, ok := findCard(res.Cards, deck.KindTerm, s)
		if !ok {
			t.Fatalf("no term card %q", s)
		}
		return c.ID
	}
	linked := make(map[[2]string]bool)
	for _, d := range res.Duplicates {
		linked[[2]string{d.A, d.B}], linked[[2]string{d.B, d.A}] = true, true
	}
	must := [][2]string{
		{"Honesty", "Truthfulness"},
		{"Honesty", "Honesty and transparency"},
		{"Truthfulness", "Honesty and transparency"},
		{"Delivery", "Delivery on Promises"},
		{"Accountability", "Owning mistakes"},
		{"Understanding Others", "Understanding Others' Goals"},
		{"Calling your shots", "Calling your shots, forecasting, and hitting goals"},
	}
	for _, p := range must {
		if !linked[[2]string{term(p[0]), term(p[1])}] {
			t.Errorf("%q and %q are not linked as near-duplicates", p[0], p[1])
		}
	}
	mustNot := [][2]string{
		{"Honesty", "Resource Allocation"},
		{"Delivery", "Accountability"},
		{"Truthfulness", "Self-Awareness and Continuous Improvement"},
		{"Influence and Growth", "Resource Allocation"},
		{"Honesty", "Dishonesty or evasiveness"},
	}
	for _, p := range mustNot {
		if linked[[2]string{term(p[0]), term(p[1])}] {
			t.Errorf("%q and %q are linked but say different things", p[0], p[1])
		}
	}
	for _, c := range res.Cards {
		if c.Term == "Honesty" {
			found := false
			for _, s := range c.Siblings {
				found = found || s == term("Truthfulness")
			}
			if !found {
				t.Error("Honesty does not list Truthfulness as a sibling")
			}
		}
	}
}
