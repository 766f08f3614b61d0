package content

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

func TestSimilarityIndexMatchesDeckSimilarity(t *testing.T) {
	res := Generate(corpusFiles(t), Options{Deck: "d"})
	var texts []string
	for _, c := range res.Cards {
		texts = append(texts, c.Term+" "+c.Back)
	}
	x := newSimilarityIndex(len(texts))
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

// scoredPair is a pair found by the exhaustive search, with whether it
// shares a word that is in at most maxPosting texts.
type scoredPair struct {
	score float64
	rare  bool
}

// exhaustivePairs is the near-duplicate search done the slow, obvious way:
// every pair of texts in a group scored on their distinct words; it keeps
// the pairs at or above minScore. It shares no code with similarityIndex
// beyond similarityWords.
func exhaustivePairs(texts []string, groups []int, minScore float64) map[[2]int]scoredPair {
	ids := make(map[string]int)
	sets := make([][]int, len(texts))
	var df []int
	for i, s := range texts {
		var set []int
		for _, w := range similarityWords(s) {
			id, ok := ids[w]
			if !ok {
				id = len(ids)
				ids[w] = id
				df = append(df, 0)
			}
			set = append(set, id)
		}
		slices.Sort(set)
		sets[i] = slices.Compact(set)
		for _, id := range sets[i] {
			df[id]++
		}
	}
	out := make(map[[2]int]scoredPair)
	for a := range sets {
		for b := a + 1; b < len(sets); b++ {
			if groups[a] != groups[b] || len(sets[a])+len(sets[b]) == 0 {
				continue
			}
			common, rare := 0, false
			for i, j := 0, 0; i < len(sets[a]) && j < len(sets[b]); {
				switch x, y := sets[a][i], sets[b][j]; {
				case x < y:
					i++
				case x > y:
					j++
				default:
					common++
					rare = rare || df[x] <= maxPosting
					i, j = i+1, j+1
				}
			}
			if score := 2 * float64(common) / float64(len(sets[a])+len(sets[b])); score >= minScore {
				out[[2]int{a, b}] = scoredPair{score, rare}
			}
		}
	}
	return out
}

// zipfTexts makes n texts of 3–30 words drawn from a Zipf-distributed
// vocabulary (so some words are in more than maxPosting texts), a quarter
// of them near copies of an earlier text with a few words changed, in two
// groups.
func zipfTexts(n int) ([]string, []int) {
	rng := rand.New(rand.NewPCG(16, 17))
	zipf := rand.NewZipf(rng, 1.1, 2, 50000)
	word := func() string { return fmt.Sprintf("w%d", zipf.Uint64()) }
	texts := make([]string, n)
	groups := make([]int, n)
	for i := range texts {
		groups[i] = rng.IntN(2)
		if i > 10 && rng.IntN(4) == 0 {
			words := strings.Fields(texts[rng.IntN(i)])
			for k := range words {
				if rng.IntN(3) == 0 {
					words[k] = word()
				}
			}
			texts[i] = strings.Join(words, " ")
			continue
		}
		words := make([]string, 3+rng.IntN(28))
		for k := range words {
			words[k] = word()
		}
		texts[i] = strings.Join(words, " ")
	}
	return texts, groups
}

func TestSimilarityPairsMatchExhaustive(t *testing.T) {
	var corpusTexts []string
	var corpusGroups []int
	for _, files := range [][]File{corpusFiles(t), DefaultDeck()} {
		for _, c := range Generate(files, Options{Deck: "d"}).Cards {
			group := 1
			if c.Kind == deck.KindTerm {
				group = 0
			}
			corpusTexts = append(corpusTexts, c.Term+" "+c.Back)
			corpusGroups = append(corpusGroups, group)
		}
	}
	zTexts, zGroups := zipfTexts(4000)
	sets := []struct {
		name   string
		texts  []string
		groups []int
	}{
		{"corpus and seeds", corpusTexts, corpusGroups},
		{"4000 zipf texts", zTexts, zGroups},
	}
	for _, set := range sets {
		all := exhaustivePairs(set.texts, set.groups, 0.2)
		for _, threshold := range []float64{nearDuplicate, 0.2, 0.75} {
			t.Run(fmt.Sprintf("%s at %v", set.name, threshold), func(t *testing.T) {
				want := make(map[[2]int]float64)
				commonOnly := 0
				for k, p := range all {
					switch {
					case p.score >= threshold && p.rare:
						want[k] = p.score
					case p.score >= threshold:
						commonOnly++
					}
				}
				x := newSimilarityIndex(len(set.texts))
				for i, s := range set.texts {
					x.add(s, uint8(set.groups[i]))
				}
				got := x.pairs(threshold)
				if !slices.IsSortedFunc(got, func(p, q pair) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) }) {
					t.Error("pairs are not ordered by a, then b")
				}
				for _, p := range got {
					score, ok := want[[2]int{p.a, p.b}]
					if !ok || math.Abs(score-p.score) > 1e-12 {
						t.Fatalf("pair %d,%d at %v: exhaustive search has it %v (score %v)\n%q\n%q", p.a, p.b, p.score, ok, score, set.texts[p.a], set.texts[p.b])
					}
				}
				if len(got) != len(want) {
					t.Fatalf("%d pairs, exhaustive search finds %d", len(got), len(want))
				}
				if len(want) == 0 {
					t.Fatal("no pairs: the set tests nothing")
				}
				if set.texts[0] == zTexts[0] && commonOnly == 0 {
					t.Error("no pair shares only words over maxPosting: the set does not test that rule")
				}
			})
		}
	}
}

// TestWordTable holds wordTable to a map[string]int32 through its growth:
// every word put is got back with its value, and no other word is found.
func TestWordTable(t *testing.T) {
	tab := newWordTable(1)
	want := map[string]int32{}
	for i := range 5000 {
		w := []byte(fmt.Sprintf("w%d", i*7919%10007))
		if i%3 == 0 {
			w = w[:len(w)-1] // some words repeat, some are prefixes of others
		}
		h := tab.hash(w)
		v, ok := tab.get(w, h)
		if wv, wok := want[string(w)]; ok != wok || v != wv {
			t.Fatalf("get(%q) = %d, %v; want %d, %v", w, v, ok, wv, wok)
		}
		if !ok {
			tab.put(w, h, int32(i))
			want[string(w)] = int32(i)
		}
	}
	for w, wv := range want {
		if v, ok := tab.get([]byte(w), tab.hash([]byte(w))); !ok || v != wv {
			t.Errorf("get(%q) = %d, %v after all puts; want %d", w, v, ok, wv)
		}
	}
	if _, ok := tab.get([]byte("absent"), tab.hash([]byte("absent"))); ok {
		t.Error(`get("absent") found a word never put`)
	}
}

// syntheticTexts are the near-duplicate texts of scalegen's synthetic set
// (notes of items items): per item a term of two made-up words and its
// "note-item" number, and a definition of 6–14 words drawn uniformly from
// a vocabulary of 20,000 + 100·notes words. Nearly no two are alike, and
// nearly every pair the prefixes meet shares one word by chance.
func syntheticTexts(notes, items int) []string {
	rng := rand.New(rand.NewPCG(16, 2))
	vocabulary := 20000 + 100*notes
	pick := func() string { return fmt.Sprintf("w%d", rng.IntN(vocabulary)) }
	var texts []string
	for i := range notes {
		for j := range items {
			words := []string{pick(), pick(), fmt.Sprintf("%d-%d", i, j)}
			for range 6 + rng.IntN(9) {
				words = append(words, pick())
			}
			texts = append(texts, strings.Join(words, " "))
		}
	}
	return texts
}

// BenchmarkSimilarityPairs: the near-duplicate search over the synthetic
// set's 200,000 texts (2,000 notes of 100 items), and over texts of the
// zipf set; the index is built outside the timer.
func BenchmarkSimilarityPairs(b *testing.B) {
	zipf, zipfGroups := zipfTexts(50000)
	for _, set := range []struct {
		name   string
		texts  []string
		groups []int
	}{
		{"synthetic-200k", syntheticTexts(2000, 100), nil},
		{"zipf-50k", zipf, zipfGroups},
	} {
		b.Run(set.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				x := newSimilarityIndex(len(set.texts))
				for i, s := range set.texts {
					g := uint8(0)
					if set.groups != nil {
						g = uint8(set.groups[i])
					}
					x.add(s, g)
				}
				b.StartTimer()
				x.pairs(nearDuplicate)
			}
		})
	}
}
