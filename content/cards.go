package content

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
)

// maxDefinitions bounds how many distinct definitions a merged term card
// collects from its sources.
const maxDefinitions = 3

// maxTags bounds the tags a merged card collects from its sources.
const maxTags = 16

// maxNearSiblings bounds the near-duplicates linked to one card: a hostile
// note repeating one item thousands of times must not make every card a
// sibling of every other.
const maxNearSiblings = 8

// distinctDefinition is the similarity under which a further source's
// definition adds something worth keeping on a merged card.
const distinctDefinition = 0.5

// built is a card under construction.
type built struct {
	card     deck.Card
	defs     []string // term cards: the distinct definitions kept, in source order
	siblings []string
	listKey  string // list cards: the identity key within the note
}

// builder turns notes into cards, merging equal terms as it goes.
type builder struct {
	opts  Options
	cards []*built
	byID  map[string]*built
}

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, byID: make(map[string]*built)}
}

// cardID hashes the parts that make a card's identity; see the package doc.
func cardID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

func (b *builder) add(n *note) {
	listKeys := make(map[string]int)
	termKeys := make(map[string]int)
	for i := range n.entries {
		e := &n.entries[i]
		src := deck.Source{File: n.path, Line: e.line, Title: scrub(n.title),
			Section: scrub(strings.Join(e.section, " › ")), URL: videoURL(n.videoID, e.seconds)}
		tags := []string{n.slug}
		if len(e.section) > 0 {
			if s := slug(e.section[len(e.section)-1]); s != "" && s != n.slug {
				tags = append(tags, s)
			}
		}
		switch e.kind {
		case deck.KindTerm:
			b.addTerm(n, e, src, tags, termKeys)
		case deck.KindList:
			b.addList(n, e, src, tags, listKeys)
		}
	}
}

func (b *builder) addTerm(n *note, e *entry, src deck.Source, tags []string, used map[string]int) {
	key := deck.NormalizeTerm(e.term)
	if key == "" {
		return
	}
	// Notes repeating a term mean different things by it ("Process" of
	// friction logging, "Process" of engineer occasions; a metric and its
	// benchmark value), so within a note a repeated term is told apart by
	// its section. Across notes, equal terms are one card.
	key = uniqueKey(used, key, e.section)
	def := strings.Join(e.back, "\n")
	id := cardID(string(deck.KindTerm), b.opts.Deck, key)
	if c, ok := b.byID[id]; ok {
		c.card.Sources = append(c.card.Sources, src)
		if len(c.card.Tags) < maxTags {
			c.card.Tags = appendNew(c.card.Tags, tags...)
		}
		if len(c.defs) < maxDefinitions && distinctFromAll(def, c.defs) {
			c.defs = append(c.defs, def)
			c.card.Back = scrub(strings.Join(c.defs, "\n"))
		}
		return
	}
	c := &built{defs: []string{def}, card: deck.Card{
		ID: id, Kind: deck.KindTerm, Deck: b.opts.Deck,
		Front: scrub(context(n.title, e.section) + " — " + termQuestion(e.term)),
		Back:  scrub(def),
		Term:  scrub(e.term), Note: n.slug, Tags: tags, Sources: []deck.Source{src},
	}}
	b.cards = append(b.cards, c)
	b.byID[id] = c
}

func distinctFromAll(def string, kept []string) bool {
	for _, k := range kept {
		if deck.Similarity(similarityText(def), similarityText(k)) >= distinctDefinition {
			return false
		}
	}
	return true
}

func (b *builder) addList(n *note, e *entry, src deck.Source, tags []string, used map[string]int) {
	key := deck.NormalizeTerm(e.term)
	if e.headings {
		key = "headings " + key
	}
	// The same lead-in twice in a note ("This involves:") is told apart by
	// its section, then by position.
	key = uniqueKey(used, key, e.section)
	id := cardID(string(deck.KindList), b.opts.Deck, n.slug, key)
	// Two notes with the same file name in different folders share a slug.
	for i := 2; b.byID[id] != nil; i++ {
		id = cardID(string(deck.KindList), b.opts.Deck, n.slug, key, n.path, strconv.Itoa(i))
	}
	lines := make([]string, len(e.back))
	for i, item := range e.back {
		if e.ordered {
			lines[i] = strconv.Itoa(i+1) + ". " + item
		} else {
			lines[i] = "- " + item
		}
	}
	section := e.section
	if e.parent != "" {
		section = append(append([]string(nil), section...), e.parent)
	}
	c := &built{listKey: key, card: deck.Card{
		ID: id, Kind: deck.KindList, Deck: b.opts.Deck,
		Front: scrub(context(n.title, section) + " — " + listQuestion(e, n.body)),
		Back:  scrub(strings.Join(lines, "\n")),
		Term:  scrub(e.term), Note: n.slug, Tags: tags, Sources: []deck.Source{src},
	}}
	b.cards = append(b.cards, c)
	b.byID[id] = c
}

// uniqueKey returns key if the note has not used it yet, else key with the
// section, else that with "#2", "#3"… in note order. Normalised keys hold
// only letters, digits and spaces, so the separators cannot clash.
func uniqueKey(used map[string]int, key string, section []string) string {
	if _, ok := used[key]; !ok {
		used[key] = 1
		return key
	}
	withSection := key + "\x00" + deck.NormalizeTerm(strings.Join(section, " "))
	n, ok := used[withSection]
	used[withSection] = n + 1
	if !ok {
		return withSection
	}
	return withSection + "#" + strconv.Itoa(n+1)
}

// context is the "title › section › subsection" a question is asked in.
func context(title string, section []string) string {
	parts := make([]string, 0, len(section)+1)
	if title != "" {
		parts = append(parts, title)
	}
	for _, s := range section {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " › ")
}

// termQuestion asks for a term's meaning. A "Label: value" term or a long
// phrase is not something that "means", so it is asked to be explained.
func termQuestion(term string) string {
	if strings.Contains(term, ":") || len(strings.Fields(term)) > 8 {
		return "explain *" + term + "*."
	}
	return "what does *" + term + "* mean?"
}

// maxLeadInQuote bounds the lead-in quoted by a generic list question.
const maxLeadInQuote = 140

func listQuestion(e *entry, body []byte) string {
	count := strconv.Itoa(len(e.back))
	tail := ""
	if e.ordered {
		tail = " in order"
	}
	if e.leadIn == "" || e.parent != "" {
		return "name the " + count + " items" + tail
	}
	sentence := lastSentence(e.leadIn)
	if noun := leadInNoun(sentence, body); noun != "" {
		return "name the " + count + " " + noun + tail
	}
	quote := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sentence), ":"))
	return clip(quote, maxLeadInQuote) + ": name the " + count + " items" + tail
}

func videoURL(videoID string, seconds int) string {
	if videoID == "" || seconds < 0 {
		return ""
	}
	return "https://www.youtube.com/watch?v=" + videoID + "&t=" + strconv.Itoa(seconds) + "s"
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		found := false
		for _, l := range list {
			if l == m {
				found = true
				break
			}
		}
		if !found {
			list = append(list, m)
		}
	}
	return list
}

// finish links near-duplicates, adds reverse cards and fixes the order.
func (b *builder) finish() ([]deck.Card, []Duplicate) {
	index := newSimilarityIndex()
	for _, c := range b.cards {
		text := c.card.Back
		group := 1
		if c.card.Kind == deck.KindTerm {
			text = c.card.Term + " " + strings.Join(c.defs, " ")
			group = 0
		}
		index.add(text, group)
	}
	var dups []Duplicate
	nearCount := make([]int, len(b.cards))
	for _, p := range index.pairs(nearDuplicate) {
		if nearCount[p.a] >= maxNearSiblings || nearCount[p.b] >= maxNearSiblings {
			continue
		}
		nearCount[p.a]++
		nearCount[p.b]++
		a, z := b.cards[p.a], b.cards[p.b]
		a.siblings = append(a.siblings, z.card.ID)
		z.siblings = append(z.siblings, a.card.ID)
		dups = append(dups, Duplicate{A: a.card.ID, B: z.card.ID, Similarity: math.Round(p.score*1000) / 1000})
	}

	out := make([]*built, 0, len(b.cards)*2)
	reverseOf := make(map[string]*built)
	for _, c := range b.cards {
		out = append(out, c)
		if b.opts.Reverse && c.card.Kind == deck.KindTerm {
			r := reverse(c)
			reverseOf[c.card.ID] = r
			out = append(out, r)
		}
	}
	// A reverse card also keeps away from its term's near-duplicates.
	for _, c := range b.cards {
		r := reverseOf[c.card.ID]
		if r == nil {
			continue
		}
		for _, s := range c.siblings {
			if rs := reverseOf[s]; rs != nil {
				r.siblings = append(r.siblings, rs.card.ID)
			}
		}
	}
	order := make(map[string]int, len(out))
	for i, c := range out {
		order[c.card.ID] = i
	}
	cards := make([]deck.Card, len(out))
	for i, c := range out {
		sib := dedupStrings(c.siblings)
		sort.Slice(sib, func(x, y int) bool { return order[sib[x]] < order[sib[y]] })
		c.card.Siblings = sib
		c.card.Order = i
		if c.card.Tags == nil {
			c.card.Tags = []string{}
		}
		cards[i] = c.card
	}
	return cards, dups
}

// reverse makes the definition → term card of a term card. Where the
// definition spells out the term itself, the term is blanked.
func reverse(c *built) *built {
	t := c.card
	front := t.Front
	if i := strings.LastIndex(front, " — "); i >= 0 {
		front = front[:i]
	}
	r := &built{card: deck.Card{
		ID: cardID(string(deck.KindReverse), t.ID), Kind: deck.KindReverse, Deck: t.Deck,
		Front: scrub(front + " — which term is this?\n" + blank(t.Back, t.Term)),
		Back:  t.Term, Term: t.Term, Note: t.Note,
		Tags:    append([]string(nil), t.Tags...),
		Sources: append([]deck.Source(nil), t.Sources...),
	}}
	r.siblings = []string{t.ID}
	c.siblings = append(c.siblings, r.card.ID)
	return r
}

// blank replaces whole-word occurrences of term in s (ignoring case) by
// "…", so a reverse card does not give its answer away.
func blank(s, term string) string {
	lower, lterm := strings.ToLower(s), strings.ToLower(term)
	if lterm == "" || len(lower) != len(s) || len(lterm) != len(term) {
		return s // case folding changed lengths: leave the text alone
	}
	var sb strings.Builder
	from := 0
	for off := 0; ; {
		i := strings.Index(lower[off:], lterm)
		if i < 0 {
			break
		}
		start, end := off+i, off+i+len(lterm)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			sb.WriteString(s[from:start])
			sb.WriteString("…")
			from = end
		}
		off = end
	}
	sb.WriteString(s[from:])
	return sb.String()
}

func dedupStrings(s []string) []string {
	out := make([]string, 0, len(s))
	seen := make(map[string]bool, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
