package content

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
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
	// words are the similarityWords of what near-duplicates are found by:
	// a term card's term and definitions, another card's answer.
	words []string
	// noReverse marks a term card whose answer is a value or a label: its
	// reverse would not point to one term.
	noReverse bool
	both      bool // "term ::: definition": reversed even without Options.Reverse
}

// part is one card a note makes as if no other note existed: what the
// note gives the deck before the notes are put together (builder.apply).
// It depends only on the note's path and bytes and the deck, so it can be
// kept between runs (Note).
type part struct {
	// card is the card as the note alone makes it. A term card's ID is
	// final; a list, cloze or formula card's is the one it gets unless an
	// earlier card of the deck has it (two notes with the same file name
	// in different folders share a slug).
	card deck.Card
	// key is the card's identity key within the note, for a list, cloze
	// or formula card's other IDs.
	key string
	// def is a term card's definition before scrubbing: merged term cards
	// join their distinct definitions.
	def string
	// words are the similarityWords of the card's term then its
	// definition (termWords of them the term's), or of its answer.
	words     []string
	termWords int
	noReverse bool
	both      bool
	// late marks the card of a rule added after decks were stored (see
	// entry.late): it is put in after every other card of the deck.
	late bool
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

// noteParts returns the cards note n makes alone, in note order.
func noteParts(n *note, opts Options) []part {
	var parts []part
	listKeys := make(map[string]int)
	termKeys := make(map[string]int)
	// A term the note uses twice is asked with its heading each time.
	termCount := make(map[string]int)
	for i := range n.entries {
		if n.entries[i].kind == deck.KindTerm && !n.entries[i].value && !n.entries[i].definition {
			termCount[deck.NormalizeTerm(n.entries[i].term)]++
		}
	}
	// Late entries take their keys after all the others, so that none
	// takes a key, and so an ID, an older card of the note has.
	for _, late := range []bool{false, true} {
		for i := range n.entries {
			if e := &n.entries[i]; e.late == late {
				if p, ok := entryPart(n, e, opts, listKeys, termKeys, termCount); ok {
					p.late = late
					parts = append(parts, p)
				}
			}
		}
	}
	return parts
}

func entryPart(n *note, e *entry, opts Options, listKeys, termKeys, termCount map[string]int) (part, bool) {
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
		if e.definition && termKeys[deck.NormalizeTerm(e.term)] > 0 {
			return part{}, false // the note already asks about the term
		}
		return termPart(n, e, opts, src, tags, termKeys, termCount[deck.NormalizeTerm(e.term)] > 1)
	case deck.KindList:
		return listPart(n, e, opts, src, tags, listKeys)
	case deck.KindCloze, deck.KindFormula:
		if e.kind == deck.KindCloze && !e.explicit && termKeys[deck.NormalizeTerm(e.term)] > 0 {
			return part{}, false // the term has its own card: a cloze of it would interfere
		}
		return prosePart(n, e, opts, src, tags, listKeys)
	}
	return part{}, false
}

func termPart(n *note, e *entry, opts Options, src deck.Source, tags []string, used map[string]int, repeated bool) (part, bool) {
	key := deck.NormalizeTerm(e.term)
	if key == "" {
		return part{}, false
	}
	if e.tableColumn != "" {
		key += "\x00" + deck.NormalizeTerm(e.tableColumn)
	}
	// Notes repeating a term mean different things by it ("Process" of
	// friction logging, "Process" of engineer occasions; a metric and its
	// benchmark value), so within a note a repeated term is told apart by
	// its section. Across notes, equal terms are one card (builder.apply).
	key = uniqueKey(used, key, e.section)
	def := strings.Join(e.back, "\n")
	ctx, q := cue(n.title, e.section), termQuestion(e, n.title, repeated, n.wordCounts())
	if e.question != "" {
		q = e.question
	}
	term := scrub(e.term)
	words := similarityWords(term)
	termWords := len(words)
	words = append(words, similarityWords(def)...)
	return part{key: key, def: def, words: words, termWords: termWords, noReverse: e.value || e.step || e.question != "", both: e.both, card: deck.Card{
		ID: cardID(string(deck.KindTerm), opts.Deck, key), Kind: deck.KindTerm, Deck: opts.Deck,
		Front:      scrub(joinFront(ctx, q)),
		ContextCue: scrub(ctx), Question: scrub(q),
		Back: scrub(def),
		Term: term, Note: n.slug, Tags: tags, Sources: []deck.Source{src},
	}}, true
}

func listPart(n *note, e *entry, opts Options, src deck.Source, tags []string, used map[string]int) (part, bool) {
	key := deck.NormalizeTerm(e.term)
	if e.headings {
		key = "headings " + key
	}
	// The same lead-in twice in a note ("This involves:") is told apart by
	// its section, then by position.
	key = uniqueKey(used, key, e.section)
	lines := make([]string, len(e.back))
	for i, item := range e.back {
		if e.ordered {
			lines[i] = strconv.Itoa(i+1) + ". " + item
		} else {
			lines[i] = "- " + item
		}
	}
	ctx, q := cue(n.title, e.section), listQuestion(e, n.title, n.body, n.wordCounts())
	if q == "" {
		return part{}, false // the items are aspects of a topic, not a set to learn
	}
	p := part{key: key, card: deck.Card{
		ID: cardID(string(deck.KindList), opts.Deck, n.slug, key), Kind: deck.KindList, Deck: opts.Deck,
		Front:      scrub(joinFront(ctx, q)),
		ContextCue: scrub(ctx), Question: scrub(q),
		Back: scrub(strings.Join(lines, "\n")),
		Term: scrub(e.term), Note: n.slug, Tags: tags, Sources: []deck.Source{src},
	}}
	p.words = similarityWords(p.card.Back)
	return p, true
}

// prosePart makes a cloze card (a sentence with its key span hidden) or a
// formula card. Its identity is the note, the kind and the hidden span or
// what the formula computes, so rewording the rest of the sentence keeps it.
func prosePart(n *note, e *entry, opts Options, src deck.Source, tags []string, used map[string]int) (part, bool) {
	key := uniqueKey(used, string(e.kind)+" "+deck.NormalizeTerm(e.term), e.section)
	ctx, q := cue(n.title, e.section), e.leadIn
	p := part{key: key, card: deck.Card{
		ID: cardID(string(e.kind), opts.Deck, n.slug, key), Kind: e.kind, Deck: opts.Deck,
		Front:      scrub(joinFront(ctx, q)),
		ContextCue: scrub(ctx), Question: scrub(q),
		Back: scrub(strings.Join(e.back, "\n")),
		Term: scrub(e.term), Note: n.slug, Tags: tags, Sources: []deck.Source{src},
	}}
	p.words = similarityWords(p.card.Back)
	return p, true
}

// apply adds a note's card to the deck: a term card the deck has already
// gains the note's source, tags and (if it says something new) definition;
// any other card whose ID an earlier card took gets the next one free. It
// leaves p as it was, so that a kept Note can be put together again.
func (b *builder) apply(p *part) {
	if p.card.Kind == deck.KindTerm {
		if c, ok := b.byID[p.card.ID]; ok {
			if p.late {
				return // the deck asks it already: a late card must not change that card
			}
			c.card.Sources = append(c.card.Sources, p.card.Sources...)
			if len(c.card.Tags) < maxTags {
				c.card.Tags = appendNew(c.card.Tags, p.card.Tags...)
			}
			if len(c.defs) < maxDefinitions && distinctFromAll(p.def, c.defs) {
				c.defs = append(c.defs, p.def)
				c.card.Back = scrub(strings.Join(c.defs, "\n"))
				c.words = append(c.words, p.words[p.termWords:]...)
			}
			return
		}
	}
	c := &built{noReverse: p.noReverse, both: p.both, card: p.card, words: p.words}
	c.card.Tags = slices.Clone(p.card.Tags)
	c.card.Sources = slices.Clone(p.card.Sources)
	if p.card.Kind == deck.KindTerm {
		c.defs = []string{p.def}
		// Its definitions' words are added to as other notes define the
		// term: the part's own must stay as they are.
		c.words = slices.Clip(p.words)
	} else {
		src := p.card.Sources[0]
		for i := 2; b.byID[c.card.ID] != nil; i++ {
			c.card.ID = cardID(string(p.card.Kind), b.opts.Deck, p.card.Note, p.key, src.File, strconv.Itoa(i))
		}
	}
	b.cards = append(b.cards, c)
	b.byID[c.card.ID] = c
}

func distinctFromAll(def string, kept []string) bool {
	for _, k := range kept {
		if deck.Similarity(similarityText(def), similarityText(k)) >= distinctDefinition {
			return false
		}
	}
	return true
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

// joinFront is the front a learner sees with nothing else shown: the cue,
// " — ", and the question.
func joinFront(ctx, q string) string {
	if ctx == "" {
		return q
	}
	return ctx + " — " + q
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
	index := newSimilarityIndex(len(b.cards))
	for _, c := range b.cards {
		group := 1
		if c.card.Kind == deck.KindTerm {
			group = 0
		}
		index.addWords(c.words, group)
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
		if (b.opts.Reverse || c.both) && c.card.Kind == deck.KindTerm {
			if r := reverse(c); r != nil {
				reverseOf[c.card.ID] = r
				out = append(out, r)
			}
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

// reverse makes the definition → term card of a term card, or nil when it
// would not point to one answer: the term is a label, a long phrase or a
// value's name, or the definition says too little once every word of the
// term is masked.
func reverse(c *built) *built {
	t := c.card
	if c.noReverse || inSet(genericTermsSet, t.Term) || len(strings.Fields(t.Term)) > 6 || strings.Contains(t.Term, ":") {
		return nil
	}
	masked, kept := maskTerm(t.Back, t.Term)
	if kept < 4 {
		return nil
	}
	question := "Which term is this?\n" + masked
	r := &built{card: deck.Card{
		ID: cardID(string(deck.KindReverse), t.ID), Kind: deck.KindReverse, Deck: t.Deck,
		Front:      scrub(joinFront(t.ContextCue, question)),
		ContextCue: t.ContextCue, Question: scrub(question),
		Back: t.Term, Term: t.Term, Note: t.Note,
		Tags:    append([]string(nil), t.Tags...),
		Sources: append([]deck.Source(nil), t.Sources...),
	}}
	r.siblings = []string{t.ID}
	c.siblings = append(c.siblings, r.card.ID)
	return r
}

// maskTerm hides in s every word that shares a stem with a word of term, or
// is the term's acronym, so a reverse card does not give its answer away.
// It returns the masked text and how many words of four letters or more
// it kept.
func maskTerm(s, term string) (string, int) {
	stems := make(map[string]bool)
	var initials []rune
	for _, w := range termWords(term) {
		stems[stemOf(w)] = true
		for _, part := range strings.Split(w, "-") {
			if part != "" {
				stems[stemOf(part)] = true
			}
		}
	}
	for _, f := range strings.FieldsFunc(term, func(r rune) bool { return !isWordRune(r) && r != '-' }) {
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsUpper(r) {
			initials = append(initials, r)
		}
		if isAcronym(f) {
			stems[strings.ToLower(f)] = true
		}
	}
	if len(initials) >= 2 {
		stems[strings.ToLower(string(initials))] = true
	}
	var sb strings.Builder
	kept := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			sb.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) && !(r == '-' && j+size < len(s) && isWordStart(s[j+size:])) && r != '\'' {
				break
			}
			j += size
		}
		word := s[i:j]
		lw := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "'"))
		switch {
		case stems[lw] || (len(lw) >= 4 && stems[stemOf(lw)]) || maskedPart(lw, stems) || prefixStem(lw, stems):
			sb.WriteString("…")
		default:
			if len(lw) >= 4 {
				kept++
			}
			sb.WriteString(word)
		}
		i = j
	}
	return sb.String(), kept
}

// prefixStem reports whether w starts with a four-letter word of the term
// ("time" in "timeline").
func prefixStem(w string, stems map[string]bool) bool {
	return len(w) > 4 && stems[w[:4]]
}

// maskedPart reports whether a hyphenated word has a part of the term.
func maskedPart(w string, stems map[string]bool) bool {
	if !strings.Contains(w, "-") {
		return false
	}
	for _, p := range strings.Split(w, "-") {
		if len(p) >= 4 && stems[stemOf(p)] {
			return true
		}
	}
	return false
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// termWords are the words of a term that a definition could repeat: four
// letters or more, or an acronym.
func termWords(term string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(term, func(r rune) bool { return !isWordRune(r) && r != '-' }) {
		f = strings.Trim(f, "-")
		if len(f) >= 4 || isAcronym(f) {
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	upper := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		} else if !unicode.IsDigit(r) && r != 's' {
			return false
		}
	}
	return upper >= 2
}

// stemOf is a word's first five letters: enough to tie "latency" to
// "latencies" and "reduces" to "reduction".
func stemOf(w string) string {
	w = strings.ToLower(w)
	if utf8.RuneCountInString(w) <= 5 {
		return w
	}
	n := 0
	for i := range w {
		if n == 5 {
			return w[:i]
		}
		n++
	}
	return w
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
