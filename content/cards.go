package content

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
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

// built is what the builder knows of a card under construction beside
// the card itself.
type built struct {
	defs []string // term cards: the distinct definitions kept, in source order
	// near are the cards linked to it as near-duplicates, by their place
	// in builder.cards.
	near []int32
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
	def       string
	noReverse bool
	both      bool
	// late marks the card of a rule added after decks were stored (see
	// entry.late): it is put in after every other card of the deck.
	late bool
}

// builder turns notes into cards, merging equal terms as it goes. The
// cards are kept as finish returns them, and what else it knows of each
// in meta, at the same place: a vault makes hundreds of thousands of
// cards, which are not copied again.
type builder struct {
	opts  Options
	cards []deck.Card
	meta  []built
	byID  map[string]int32 // card ID → its place in cards
}

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, byID: make(map[string]int32)}
}

// reserve makes room for more cards, after done notes of total: as many
// as the notes so far make on average, for the notes left, once (within
// twice what is needed), rather than growing by half again each time.
func (b *builder) reserve(more, done, total int) {
	need := len(b.cards) + more
	if need <= cap(b.cards) {
		return
	}
	room := need
	if done > 0 {
		room = min(max(len(b.cards)*total/done+len(b.cards)/16, need), 2*need)
	}
	b.cards = slices.Grow(b.cards, room-len(b.cards))
	b.meta = slices.Grow(b.meta, room-len(b.meta))
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
	// Cards of a section have the same tags: they share one list (a
	// card's tags are only ever replaced, never written in place).
	var tags []string
	// Late entries take their keys after all the others, so that none
	// takes a key, and so an ID, an older card of the note has.
	for _, late := range []bool{false, true} {
		for i := range n.entries {
			if e := &n.entries[i]; e.late == late {
				if p, ok := entryPart(n, e, opts, listKeys, termKeys, termCount); ok {
					p.late = late
					shareFront(&p.card)
					if slices.Equal(p.card.Tags, tags) {
						p.card.Tags = tags
					} else {
						tags = slices.Clip(p.card.Tags)
					}
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
	} else {
		q = withNoteArticle(q, e.term, e.back, n.body, n.wordCounts())
	}
	if strings.HasPrefix(q, "Who was *") || strings.HasPrefix(q, "Who is *") || e.value && len(e.back) > 0 && valueListKind(e.back[0]) != "" {
		def = upperFirst(def) // "his son, who …" after the name, asked who; "Melt to 45–50 °C, …"
	}
	term := scrub(bareTerm(e.term))
	return part{key: key, def: def, noReverse: e.value || e.step || e.question != "" || ownerPart(e) || e.compared || vagueReverse(term, e.back), both: e.both, card: deck.Card{
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
	return p, true
}

// apply adds a note's card to the deck: a term card the deck has already
// gains the note's source, tags and (if it says something new) definition;
// any other card whose ID an earlier card took gets the next one free. It
// leaves p as it was, so that a kept Note can be put together again.
func (b *builder) apply(p *part) {
	if p.card.Kind == deck.KindTerm {
		if i, ok := b.byID[p.card.ID]; ok {
			if p.late {
				return // the deck asks it already: a late card must not change that card
			}
			c, m := &b.cards[i], &b.meta[i]
			c.Sources = append(c.Sources, p.card.Sources...)
			if len(c.Tags) < maxTags {
				c.Tags = appendNew(c.Tags, p.card.Tags...)
			}
			if len(m.defs) < maxDefinitions && distinctFromAll(p.def, m.defs) {
				m.defs = append(m.defs, p.def)
				c.Back = scrub(strings.Join(m.defs, "\n"))
			}
			return
		}
	}
	c := p.card
	// The card shares the part's tags and sources; clipped, they are
	// copied, not written over, when other notes add to them.
	c.Tags = slices.Clip(c.Tags)
	c.Sources = slices.Clip(c.Sources)
	m := built{noReverse: p.noReverse, both: p.both}
	if c.Kind == deck.KindTerm {
		m.defs = []string{p.def}
	} else {
		src := c.Sources[0]
		for i := 2; b.taken(c.ID); i++ {
			c.ID = cardID(string(c.Kind), b.opts.Deck, c.Note, p.key, src.File, strconv.Itoa(i))
		}
	}
	b.byID[c.ID] = int32(len(b.cards))
	b.cards = append(b.cards, c)
	b.meta = append(b.meta, m)
}

func (b *builder) taken(id string) bool {
	_, ok := b.byID[id]
	return ok
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

// shareFront makes a card's cue and question pieces of its front when the
// front is the two joined, as it nearly always is: a vault's cards then
// hold each text once.
func shareFront(c *deck.Card) {
	f, cue, q := c.Front, c.ContextCue, c.Question
	if cue != "" && len(f) == len(cue)+len(frontSeparator)+len(q) &&
		strings.HasPrefix(f, cue) && strings.HasSuffix(f, q) && f[len(cue):len(cue)+len(frontSeparator)] == frontSeparator {
		c.ContextCue, c.Question = f[:len(cue)], f[len(f)-len(q):]
	} else if cue == "" && f == q {
		c.Question = f
	}
}

// frontSeparator is what joinFront puts between cue and question.
const frontSeparator = " — "

// joinFront is the front a learner sees with nothing else shown: the cue,
// " — ", and the question.
func joinFront(ctx, q string) string {
	if ctx == "" {
		return q
	}
	return ctx + frontSeparator + q
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
	b.byID = nil
	dups := b.linkNearDuplicates()
	// rev[i] is the reverse card of cards[i], if it has one (its Kind is
	// then set); pos[i] is the place of cards[i] in the deck, its reverse
	// card right after it.
	var rev []deck.Card
	pos := make([]int32, len(b.cards))
	n := 0
	for i := range b.cards {
		pos[i] = int32(n)
		n++
		if c := &b.cards[i]; (b.opts.Reverse || b.meta[i].both) && c.Kind == deck.KindTerm {
			if r, ok := reverse(c, b.meta[i].noReverse); ok {
				if rev == nil {
					rev = make([]deck.Card, len(b.cards))
				}
				rev[i] = r
				n++
			}
		}
	}
	hasRev := func(i int32) bool { return rev != nil && rev[i].Kind != "" }
	// Without reverse cards the deck is the cards as built; with them it
	// is copied out once, each reverse card after its term card.
	out := b.cards
	if rev != nil {
		out = make([]deck.Card, n)
		for i := range b.cards {
			out[pos[i]] = b.cards[i]
			if hasRev(int32(i)) {
				out[pos[i]+1] = rev[i]
			}
		}
	}
	// ids names the cards at places, each once, in deck order.
	ids := func(places []int32) []string {
		slices.Sort(places)
		places = slices.Compact(places)
		list := make([]string, len(places))
		for k, p := range places {
			list[k] = out[p].ID
		}
		return list
	}
	// A card's siblings are its near-duplicates and its reverse card; a
	// reverse card's are its term card and its near-duplicates' reverse
	// cards.
	var places []int32
	for i := range b.cards {
		near := b.meta[i].near
		places = places[:0]
		for _, s := range near {
			places = append(places, pos[s])
		}
		if !hasRev(int32(i)) {
			out[pos[i]].Siblings = ids(places)
			continue
		}
		out[pos[i]].Siblings = ids(append(places, pos[i]+1))
		places = append(places[:0], pos[i])
		for _, s := range near {
			if hasRev(s) {
				places = append(places, pos[s]+1)
			}
		}
		out[pos[i]+1].Siblings = ids(places)
	}
	for i := range out {
		out[i].Order = i
		if out[i].Tags == nil {
			out[i].Tags = []string{}
		}
	}
	b.cards, b.meta = nil, nil
	return out, dups
}

// linkNearDuplicates links the cards whose answers say the same thing (a
// term card's term and definitions, another card's answer), at most
// maxNearSiblings to a card, and returns them.
func (b *builder) linkNearDuplicates() []Duplicate {
	index := newSimilarityIndex(len(b.cards))
	texts := make([]string, 0, 1+maxDefinitions)
	for i := range b.cards {
		if c := &b.cards[i]; c.Kind == deck.KindTerm {
			index.addTexts(0, append(append(texts[:0], c.Term), b.meta[i].defs...)...)
		} else {
			index.addTexts(1, c.Back)
		}
	}
	var dups []Duplicate
	nearCount := make([]int, len(b.cards))
	for _, p := range index.pairs(nearDuplicate) {
		if nearCount[p.a] >= maxNearSiblings || nearCount[p.b] >= maxNearSiblings {
			continue
		}
		nearCount[p.a]++
		nearCount[p.b]++
		b.meta[p.a].near = append(b.meta[p.a].near, int32(p.b))
		b.meta[p.b].near = append(b.meta[p.b].near, int32(p.a))
		dups = append(dups, Duplicate{A: b.cards[p.a].ID, B: b.cards[p.b].ID, Similarity: math.Round(p.score*1000) / 1000})
	}
	return dups
}

// reverse makes the definition → term card of a term card, or false when
// it would not point to one answer: the term is a label, a long phrase or a
// value's name, or the definition says too little once every word of the
// term is masked.
func reverse(t *deck.Card, noReverse bool) (deck.Card, bool) {
	if noReverse || inSet(genericTermsSet, t.Term) || inSet(fitLabelsSet, t.Term) || len(strings.Fields(t.Term)) > 6 || strings.Contains(t.Term, ":") {
		return deck.Card{}, false
	}
	if datedEvent(t.Term) {
		return deck.Card{}, false // "First attempt (1857)" is a label, not an answer to recall
	}
	masked, kept := maskTerm(t.Back, t.Term)
	if kept < minReverseWords || maskRun(masked) {
		return deck.Card{}, false
	}
	ctx, ok := reverseCue(t.ContextCue, t.Term)
	if !ok {
		return deck.Card{}, false
	}
	question := reverseAsk(t.Term, t.Question) + "\n" + masked
	if strings.HasPrefix(t.Question, "What did *") && strings.HasSuffix(t.Question, " do?") {
		question = deedReverse(masked) // "Who led the Norwegian party …?"
	}
	r := deck.Card{
		ID: cardID(string(deck.KindReverse), t.ID), Kind: deck.KindReverse, Deck: t.Deck,
		Front:      scrub(joinFront(ctx, question)),
		ContextCue: ctx, Question: scrub(question),
		Back: withoutDateRemark(t.Term), Term: t.Term, Note: t.Note,
		Tags:    append([]string(nil), t.Tags...),
		Sources: append([]deck.Source(nil), t.Sources...),
	}
	return r, true
}

// minReverseWords is how many words of four letters or more a reverse
// question must keep once the term is masked to point to one term.
const minReverseWords = 4

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
			// "Time-to-hire" masks "time" and "hire", not every "to".
			if part != "" && !in(" a an the to of in on at by for and or not per ", part) {
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
