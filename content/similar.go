package content

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
// comparing every pair: words become small integers, and only texts that
// share one of the rarest words of each (the prefix filter of all-pairs
// similarity search, below) are compared at all. A vault's import has
// hundreds of thousands of texts, so the sets and the postings are each
// kept in one flat array rather than a slice per text or word, and the
// words are read straight into ids, with no string kept per word.
type similarityIndex struct {
	ids   wordTable // word → id, or -1 for a stop word; let go by pairs
	words []int32   // every text's sorted distinct word ids, one after another
	start []int32   // text i's words are words[start[i]:start[i+1]]
	group []uint8   // texts are compared only within the same group
	df    []int32   // word id → how many texts contain it
	word  []byte    // the word being read
}

// newSimilarityIndex returns an empty index with room for about texts
// texts.
func newSimilarityIndex(texts int) *similarityIndex {
	return &similarityIndex{
		ids:   newWordTable(texts),
		words: make([]int32, 0, texts*8),
		start: append(make([]int32, 0, texts+1), 0),
		group: make([]uint8, 0, texts),
	}
}

// add registers a text in a comparison group and returns its index.
func (x *similarityIndex) add(s string, group uint8) int {
	return x.addTexts(group, s)
}

// addTexts registers the words of texts, all together, as one text in a
// comparison group, and returns its index: the set is what
// similarityWords makes of the texts, joined.
func (x *similarityIndex) addTexts(group uint8, texts ...string) int {
	from := len(x.words)
	for _, s := range texts {
		x.addWordsOf(s)
	}
	set := x.words[from:]
	slices.Sort(set)
	set = dedupSorted(set)
	x.words = x.words[:from+len(set)]
	for _, id := range set {
		x.df[id]++
	}
	x.start = append(x.start, int32(len(x.words)))
	x.group = append(x.group, group)
	return len(x.group) - 1
}

// addWordsOf appends the ids of similarityWords(s) to x.words. ASCII text,
// nearly all of it, is lowered and split here, byte by byte, exactly as
// strings.ToLower and the letter-or-number test split it, so that only a
// word not met before costs a string; other text goes through
// similarityWords.
func (x *similarityIndex) addWordsOf(s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, w := range similarityWords(s) {
				x.addWord([]byte(w))
			}
			return
		}
	}
	w := x.word[:0]
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			w = append(w, c)
		case 'A' <= c && c <= 'Z':
			w = append(w, c+'a'-'A')
		case len(w) > 0:
			x.addWord(w)
			w = w[:0]
		}
	}
	if len(w) > 0 {
		x.addWord(w)
	}
	x.word = w
}

// addWord appends the id of the lower-case word w, unless it is a stop
// word.
func (x *similarityIndex) addWord(w []byte) {
	h := x.ids.hash(w)
	id, ok := x.ids.get(w, h)
	if !ok {
		id = -1
		if !isStopWord(string(w)) {
			id = int32(len(x.df))
			x.df = append(x.df, 0)
		}
		x.ids.put(w, h, id)
	}
	if id >= 0 {
		x.words = append(x.words, id)
	}
}

// set returns text i's sorted distinct word ids.
func (x *similarityIndex) set(i int) []int32 { return x.words[x.start[i]:x.start[i+1]] }

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

// maxPosting is how many texts a word may appear in and still make two
// texts candidates. A word that common says little about likeness; pairs
// sharing only such words are not reported.
const maxPosting = 1000

// pairs returns every pair in the same group whose Dice similarity is at or
// above threshold and that shares at least one word found in no more than
// maxPosting texts, ordered by a then b. It ends the adding: the table of
// words is let go.
//
// It is the prefix filter of all-pairs similarity search: order every
// text's words from rarest to most common (one order for all texts). Two
// texts A and B with Dice ≥ t share at least t·|A|/(2−t) words (because
// |B| ≥ t·|A|/(2−t) for such a pair), so the first word they share in that
// order is among the first |A| − ⌈t·|A|/(2−t)⌉ + 1 words of A, and likewise
// of B. Only those prefixes are indexed and probed, and in them only the
// words under maxPosting, which come before every commoner word: if the
// pair shares such a word at all, the first word it shares is one. The
// prefixes hold a text's rarest words, so each probe meets few texts and
// the search grows about linearly with the number of texts, where
// following every shared word grew with the square of the texts sharing
// common words. Candidates are then scored exactly as before, on all their
// words; TestSimilarityPairsMatchExhaustive holds the result to comparing
// every pair.
//
// The word ids are first renumbered in that order (by how many texts hold
// the word, then by id), so that each text's set, sorted by id, is rarest
// first and its prefix is where it lies. Texts are probed in order, each
// against the prefixes of the texts before it, and then indexed, so every
// pair is met once, from its later text.
func (x *similarityIndex) pairs(threshold float64) []pair {
	x.ids, x.word = wordTable{}, nil
	texts := len(x.group)
	rank := make([]int32, len(x.df))
	for i := range rank {
		rank[i] = int32(i)
	}
	slices.SortFunc(rank, func(v, w int32) int {
		return cmp.Or(cmp.Compare(x.df[v], x.df[w]), cmp.Compare(v, w))
	})
	// rank is the order of ids; make it each id's place in the order.
	df := make([]int32, len(x.df))
	place := make([]int32, len(x.df))
	for r, id := range rank {
		place[id] = int32(r)
		df[r] = x.df[id]
	}
	rank = nil
	x.df = df
	for i, id := range x.words {
		x.words[i] = place[id]
	}
	place = nil
	// Each text's facts that probing reads of the texts it meets are kept
	// together, so that meeting a text costs one cache line: texts are met
	// in no order, from all over the index.
	info := make([]textInfo, texts)
	wstart := make([]int32, len(x.df)+1)
	for a := range texts {
		set := x.set(a)
		slices.Sort(set)
		n := prefixLen(len(set), threshold)
		for n > 0 && x.df[set[n-1]] > maxPosting {
			n--
		}
		t := &info[a]
		t.start, t.size, t.plen, t.plast, t.group = x.start[a], int32(len(set)), int32(n), -1, x.group[a]
		if n > 0 {
			t.plast = set[n-1]
		}
		for _, id := range set[:n] {
			wstart[id+1]++
		}
	}
	for w := range x.df {
		wstart[w+1] += wstart[w]
	}
	// posting is a text holding a word in its prefix, and where the word
	// is in the text; postings[wstart[w]:fill[w]] are word w's, in text
	// order, of the texts indexed so far.
	type posting struct{ text, pos int32 }
	postings := make([]posting, wstart[len(x.df)])
	fill := slices.Clone(wstart[:len(x.df)])
	var out []pair
	// candidate is a text met from a: where the first word they share is
	// in each (i in a, j in it), and how many words their prefixes share.
	type candidate struct{ text, i, j, shared int32 }
	var touched []int32
	var candidates []candidate
	for a := range texts {
		ta := &info[a]
		set := x.set(a)
		prefix := set[:ta.plen]
		touched, candidates = touched[:0], candidates[:0]
		for i, id := range prefix {
			for _, p := range postings[wstart[id]:fill[id]] {
				tb := &info[p.text]
				if k := tb.met; k != 0 {
					if k > 0 {
						candidates[k-1].shared++
					}
					continue
				}
				touched = append(touched, p.text)
				tb.met = -1
				if tb.group != ta.group {
					continue
				}
				// The first word met is the first the two texts share, so
				// every shared word is at or after it in both: that bounds
				// their overlap (the positional filter).
				other := int(tb.size)
				if bound := min(len(set)-i, other-int(p.pos)); bound < minOverlap(len(set), other, threshold) {
					continue
				}
				candidates = append(candidates, candidate{p.text, int32(i), p.pos, 1})
				tb.met = int32(len(candidates))
			}
		}
		for _, b := range touched {
			info[b].met = 0
		}
		for _, c := range candidates {
			tb := &info[c.text]
			total := float64(len(set) + int(tb.size))
			if 2*float64(min(len(set), int(tb.size)))/total < threshold {
				continue
			}
			need := minOverlap(len(set), int(tb.size), threshold)
			// The words both prefixes hold are counted. Of the prefix
			// that ends first in the order, every word shared is in the
			// other prefix too; so any other shared word is past that
			// prefix, and there are no more of them than words after it
			// (the count filter of PPJoin): a pair of texts that share
			// one word, the most of them, is ruled out without reading
			// the other text's words.
			rest := tb.size - tb.plen
			if ta.plast < tb.plast {
				rest = ta.size - ta.plen
			}
			if int(c.shared+rest) < need {
				continue
			}
			other := x.words[tb.start : tb.start+tb.size]
			// Nothing before the first shared word is shared.
			common, ok := commonAtLeast(set[c.i+1:], other[c.j+1:], need-1)
			if !ok {
				continue
			}
			if score := 2 * float64(common+1) / total; score >= threshold {
				out = append(out, pair{a: int(c.text), b: a, score: score})
			}
		}
		for i, id := range prefix {
			postings[fill[id]] = posting{int32(a), int32(i)}
			fill[id]++
		}
	}
	slices.SortFunc(out, func(p, q pair) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) })
	return out
}

// textInfo is what pairs reads of a text it meets: where its words are
// and how many, its prefix's length and last word, its group, and met: 0
// for a text not yet met from the text being probed, -1 for one ruled
// out, k for the candidate candidates[k-1].
type textInfo struct {
	start, size, plen, plast, met int32
	group                         uint8
}

// minOverlap is the fewest words texts of na and nb distinct words must
// share to reach threshold, erring low like prefixLen.
func minOverlap(na, nb int, threshold float64) int {
	return int(math.Ceil(threshold*float64(na+nb)/2 - 1e-6))
}

// prefixLen is how many of a text's n words, rarest first, must be looked
// at to find every text at or above threshold from it. It errs long: a
// rounding error may only cost a candidate, never lose a pair.
func prefixLen(n int, threshold float64) int {
	if n == 0 || threshold <= 0 {
		return n
	}
	need := int(math.Ceil(threshold*float64(n)/(2-threshold) - 1e-6))
	return min(n, n-max(need, 1)+1)
}

// commonAtLeast counts the values two sorted sets share, and reports
// whether they share need or more; it stops as soon as they cannot, and
// the count is then not the whole.
func commonAtLeast(a, b []int32, need int) (int, bool) {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		if n+min(len(a), len(b)) < need {
			return n, false
		}
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
	return n, n >= need
}

// wordTable maps words to int32s, as a map[string]int32 would, for the
// near-duplicate search's words: every word of every card is looked up,
// and a vault has hundreds of thousands of distinct words. The words are
// kept one after another in one array, not as a string each, and the
// table is probed with the word's bytes as they are read.
type wordTable struct {
	seed maphash.Seed
	// slots holds, for each slot, 1 + its entry in the low half and the
	// top half of the entry's hash in the high half (so that most words
	// that are not the one probed for are passed over without reading
	// them); 0 is a free slot. It is a power of two long.
	slots []uint64
	ends  []uint32 // entry i's word is text[ends[i-1]:ends[i]] (from 0 for the first)
	vals  []int32  // entry i's value
	text  []byte
}

// newWordTable returns a table with room for about n words before it grows.
func newWordTable(n int) wordTable {
	size := 64
	for size < 2*n {
		size *= 2
	}
	return wordTable{seed: maphash.MakeSeed(), slots: make([]uint64, size)}
}

func (t *wordTable) hash(w []byte) uint64 { return maphash.Bytes(t.seed, w) }

// word returns entry i's word.
func (t *wordTable) word(i uint32) []byte {
	from := uint32(0)
	if i > 0 {
		from = t.ends[i-1]
	}
	return t.text[from:t.ends[i]]
}

// get returns the value of w, whose hash is h, and whether w is in the
// table.
func (t *wordTable) get(w []byte, h uint64) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	tag := h >> 32
	for i := h & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == 0 {
			return 0, false
		}
		if e>>32 == tag && bytes.Equal(t.word(uint32(e)-1), w) {
			return t.vals[uint32(e)-1], true
		}
	}
}

// put adds w, whose hash is h and which is not in the table, with value v.
func (t *wordTable) put(w []byte, h uint64, v int32) {
	if 2*(len(t.vals)+1) > len(t.slots) {
		t.grow()
	}
	t.text = append(t.text, w...)
	t.ends = append(t.ends, uint32(len(t.text)))
	t.vals = append(t.vals, v)
	t.place(uint32(len(t.vals)), h)
}

// place puts entry e-1, of hash h, in the first free slot from h on.
func (t *wordTable) place(e uint32, h uint64) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h>>32<<32 | uint64(e)
}

// grow doubles the slots and places every entry again.
func (t *wordTable) grow() {
	t.slots = make([]uint64, 2*len(t.slots))
	for e := uint32(1); int(e) <= len(t.vals); e++ {
		t.place(e, t.hash(t.word(e-1)))
	}
}
