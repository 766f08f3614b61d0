package content

import (
	"sort"
	"strings"
	"unicode"
)

// nearDuplicate is the similarity above which two answers count as saying
// the same thing. It was tuned on the seed notes: "Truthfulness" / "Honesty"
// / "Honesty and transparency" (0.40–0.50 with stop words left out) must
// pair up, while answers that merely share the talk's vocabulary ("trust",
// "goals") stay below it (TestNearDuplicateThreshold).
const nearDuplicate = 0.4

// similarityWords returns the words deck.Similarity would see in s, minus
// stop words: "the", "and" and "of" make unrelated answers look alike.
func similarityWords(s string) []string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	out := fields[:0]
	for _, w := range fields {
		if !isStopWord(w) {
			out = append(out, w)
		}
	}
	return out
}

// similarityText is what near-duplicate detection compares: the words of s
// without stop words. deck.Similarity(similarityText(a), similarityText(b))
// is the score reported in Result.Duplicates.
func similarityText(s string) string { return strings.Join(similarityWords(s), " ") }

func isStopWord(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
		"as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
		"those", "their", "them", "they", "what", "which", "who", "than", "then", "rather", "not", "no",
		"without", "into", "s", "one", "one's", "own", "your", "you", "his", "her", "he", "she", "we",
		"our", "can", "will", "would", "should", "could", "may", "more", "most", "very", "also", "such",
		"so", "if", "when", "while", "about", "all", "any", "each", "other", "do", "does", "did", "has",
		"have", "had", "there", "here", "how", "why", "where", "after", "before", "up", "out", "over",
		"just", "only", "even", "e", "g", "i", "x":
		return true
	}
	return false
}

// similarityIndex finds near-duplicate pairs among many texts without
// comparing every pair word by word: words become small integers and an
// inverted index counts shared words only between texts that have some.
type similarityIndex struct {
	ids   map[string]int32
	sets  [][]int32 // per text, sorted distinct word ids
	group []int     // texts are compared only within the same group
	posts [][]int   // word id → texts containing it
}

func newSimilarityIndex() *similarityIndex {
	return &similarityIndex{ids: make(map[string]int32)}
}

// add registers a text in a comparison group and returns its index.
func (x *similarityIndex) add(s string, group int) int {
	words := similarityWords(s)
	set := make([]int32, 0, len(words))
	for _, w := range words {
		id, ok := x.ids[w]
		if !ok {
			id = int32(len(x.ids))
			x.ids[w] = id
			x.posts = append(x.posts, nil)
		}
		set = append(set, id)
	}
	sort.Slice(set, func(i, j int) bool { return set[i] < set[j] })
	set = dedupSorted(set)
	n := len(x.sets)
	for _, id := range set {
		x.posts[id] = append(x.posts[id], n)
	}
	x.sets = append(x.sets, set)
	x.group = append(x.group, group)
	return n
}

func dedupSorted(s []int32) []int32 {
	if len(s) == 0 {
		return s
	}
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// pair is two texts (a < b) and their Dice similarity.
type pair struct {
	a, b  int
	score float64
}

// maxPosting is how many texts a word may appear in and still propose
// candidate pairs. A word that common says little about likeness, and
// following it would compare nearly every pair; pairs sharing only such
// words are not reported.
const maxPosting = 1000

// pairs returns every pair in the same group at or above threshold, ordered
// by a then b.
func (x *similarityIndex) pairs(threshold float64) []pair {
	var out []pair
	seen := make([]bool, len(x.sets))
	var touched []int
	for a, set := range x.sets {
		touched = touched[:0]
		for _, id := range set {
			if len(x.posts[id]) > maxPosting {
				continue
			}
			for _, b := range x.posts[id] {
				if b > a && !seen[b] && x.group[b] == x.group[a] {
					seen[b] = true
					touched = append(touched, b)
				}
			}
		}
		sort.Ints(touched)
		for _, b := range touched {
			seen[b] = false
			other := x.sets[b]
			total := float64(len(set) + len(other))
			if 2*float64(min(len(set), len(other)))/total < threshold {
				continue
			}
			if score := 2 * float64(commonSorted(set, other)) / total; score >= threshold {
				out = append(out, pair{a: a, b: b, score: score})
			}
		}
	}
	return out
}

// commonSorted counts the values two sorted sets share.
func commonSorted(a, b []int32) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}
