package content

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	celltext "github.com/recallcards/recall/internal/text"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func textReader(src []byte) text.Reader { return text.NewReader(src) }

// Knowledge outside lists: a paragraph's explicit cards (Q:/A: lines,
// "term :: definition", ==cloze== and {{c1::cloze}} spans), a bold label
// opening a paragraph ("**Key Insight:** …"), and cloze cards from the
// sentences a writer marked (a bold or italic span) or that define
// something ("X is a …", "X refers to …", "…, known as X, …"). Display
// formulas become formula cards.

// maxClozePerParagraph bounds the automatic cloze cards of one paragraph:
// a careful writer cards the paragraph's key facts, not every sentence.
const maxClozePerParagraph = 2

// longParagraph is how many sentences make a paragraph of a prose note
// long: its later rules may card one more sentence.
const longParagraph = 4

// maxSameSpan bounds the cloze cards of one note hiding the same words.
const maxSameSpan = 2

// Sentence bounds for automatic cloze cards: shorter ones rarely say
// enough, longer ones ask too much at once.
const (
	minClozeWords = 6
	// minDatedWords is the shortest sentence carded for the date it
	// gives: "The canal opened in 1825." is a fact in five words.
	minDatedWords = 4
	maxClozeWords = 35
	maxSpanWords  = 6
)

// clozeBlank stands for the hidden span.
const clozeBlank = "[...]"

// definers follow a definition's subject: "X is a …", "X refers to …".
var definers = []string{" is a ", " is an ", " is the ", " are a ", " are an ", " are the ", " refers to ", " refer to ", " is defined as ", " are defined as ",
	" stands for ", " means ", " is known as ", " are known as ", " is called ", " are called ", " describes ", " measures ",
	" is one in which ", " is one where ", " are ones in which "}

var definersIndex = indexVerbs(definers)

// claimVerbs follow the subject of a sentence that says what a named thing
// does ("ILT works backward …", "Model-based OPC uses …"): a fact about a
// name, but about a common noun ("The models are expected …") a vague one,
// so only named subjects are hidden.
var claimVerbs = []string{" is crucial ", " is essential ", " is vital ", " is key ", " is used ", " are used ", " is one ",
	" works ", " produces ", " uses ", " was introduced ", " was first ", " became ", " plays ", " is ", " are ", " was "}

var claimVerbsIndex = indexVerbs(claimVerbs)

// notSubjects open a clause whose subject points elsewhere ("This is a …").
const notSubjects = " as unlike like despite with without for in on at by from after before during since until this it these they that there here he she we i you one each such another its their his her our my your both all some many most which what who how why when where while if although though because so but and or yet also however "

// prose makes the cards of a top-level paragraph.
func (w *walker) prose(b *ast.Paragraph, p *para) {
	if w.table(b, p) {
		return
	}
	if w.explicit(b, p) {
		return
	}
	if w.labelParagraph(b, p) {
		return
	}
	w.txt.reset(w.src)
	w.txt.run(b.FirstChild(), nil)
	ref := proseRef{light: oneLine(w.txt.light), p: p, section: w.visibleSection(), followsPara: w.afterPara}
	if h := w.current(); h != nil {
		ref.headLine, ref.headOffset = h.line, h.offset
	}
	w.inlineFormulas(b, p, &ref)
	w.proseParas = append(w.proseParas, ref)
}

// minListEntries is how many list cards make a note a list note: its lists
// carry most of its knowledge, so each of its paragraphs adds only its one
// surest fact.
const minListEntries = 3

// proseRatio is how many paragraphs to each list card make a note with
// lists one written as prose all the same: its paragraphs carry most of
// its knowledge.
const proseRatio = 2

// proseRef is a paragraph, or a list item written as a sentence, kept for
// automatic cloze cards.
type proseRef struct {
	light   string // rendered with light emphasis
	p       *para
	section []string
	item    bool // a list item: one statement, carded at most once
	// followsPara is set when the block before the paragraph is a
	// paragraph too, whose last sentence a pointer may name (see
	// resolvePointer).
	followsPara bool
	// headLine and headOffset place the paragraph's heading, if any.
	headLine, headOffset int
	// formulaLead is set when a display formula follows the paragraph: its
	// last sentence ends in ':' for the formula, not for a list.
	formulaLead bool
	// formulas holds the paragraph's inline formulas, rendered, and
	// formulaIn the sentences whose inline formula has a card.
	formulas, formulaIn []string
	// cue is the bold term of the list item whose later sentences these
	// are (see itemFollowUp): their cards show it before the sentence.
	cue string
}

// clozeProse makes the automatic cloze cards of the note's sentence items
// (one each) and of its paragraphs: two each at most in a note written as
// prose, one in a list note.
func (w *walker) clozeProse() {
	lists := 0
	for _, e := range w.note.entries {
		if !e.prose && !e.apart {
			lists++
		}
	}
	paras := 0
	for _, r := range w.proseParas {
		if !r.item {
			paras++
		}
	}
	w.proseNote = lists < minListEntries || paras >= proseRatio*lists
	var before proseRef // the paragraph before r, for resolvePointer
	left := make([]listParaLeft, 0, len(w.proseParas))
	var lessons []proseRef // takeaway items with no card (see takeawayCards)
	for k, r := range w.proseParas {
		sp := paraSpans{}
		if !r.item && r.followsPara && !before.item && slices.Equal(before.section, r.section) {
			sp.before = before.light
		}
		before = r
		switch {
		case r.cue != "":
			// An item's later sentences: the rules of a list note's
			// paragraphs, all its cards additions.
			done := w.clozeText(r, &sp, 1, true, false, nil)
			if len(done) == 0 {
				done = w.clozeText(r, &sp, 1, true, true, nil)
			}
			left = append(left, listParaLeft{r: &w.proseParas[k], sp: sp, done: done})
		case r.item:
			done := w.clozeText(r, &sp, 1, false, false, nil)
			switch {
			case len(done) > 0:
			case takeawayHeading(r.section):
				lessons = append(lessons, r)
			default:
				// "Never pour water on burning oil, because it flashes to
				// steam": an item with no cloze may give a cause, a warning
				// or a rule, as a paragraph's sentence does.
				left = append(left, listParaLeft{r: &w.proseParas[k], sp: sp, done: done})
			}
		case w.proseNote:
			// The cards of the first rules, then, within the same bound,
			// sentences the later ones take (see clozeText's loose). A
			// note with a few lists among many paragraphs was carded as a
			// list note once: all its paragraphs' cards are late.
			done := w.clozeText(r, &sp, maxClozePerParagraph, lists >= minListEntries, false, nil)
			// A long paragraph holds more facts than two; the later
			// rules may card a third.
			limit := maxClozePerParagraph
			if len(sp.sentences) >= longParagraph {
				limit++
			}
			// The writer's marks are the writer's choice of facts: each
			// marked sentence left may be carded, beyond the bound.
			n := limit - len(done)
			if marked := markedLeft(sp.sentences, done); marked > n {
				n = marked
			}
			if n > 0 {
				for i := range w.clozeText(r, &sp, n, true, true, done) {
					done[i] = true
				}
			}
			left = append(left, listParaLeft{r: &w.proseParas[k], sp: sp, done: done})
		default:
			// Carded since decks were stored with list notes' paragraphs
			// left uncarded: the cards are additions.
			done := w.clozeText(r, &sp, 1, true, false, nil)
			if len(done) == 0 {
				done = w.clozeText(r, &sp, 1, true, true, nil)
			}
			left = append(left, listParaLeft{r: &w.proseParas[k], sp: sp, done: done})
		}
	}
	w.headingClaims()
	// The other sentences of a list note's paragraphs that carry a
	// writer's mark, after every card the note made before: they take no
	// hidden span, key or place an older card has.
	for i := range left {
		if !w.proseNote {
			w.markedSentences(&left[i])
		}
	}
	// Then the causes the sentences left give (see causeCards), asked once
	// in a note.
	asked := make(map[string]bool)
	var answers []string
	for _, e := range w.note.entries {
		if e.question != "" {
			asked[strings.ToLower(e.question)] = true
		}
		if e.prose && e.kind == deck.KindTerm && len(e.back) > 0 {
			answers = append(answers, e.back[0])
		}
	}
	for i := range left {
		w.causeCards(&left[i], asked, answers)
		w.prohibitionCards(&left[i], asked)
		lessons = appendProseLessons(lessons, &left[i])
	}
	w.takeawayCards(lessons, asked)
}

// maxListParaCards bounds the cloze cards of one paragraph of a list
// note, its first card and the marked sentences after it (see
// markedSentences).
const maxListParaCards = 3

// listParaLeft is a paragraph after its cards of the first rules: the
// sentences they carded, for the rules after them (markedSentences in a
// list note, then causeCards).
type listParaLeft struct {
	r    *proseRef
	sp   paraSpans
	done map[int]bool
}

// markedSentences cards the sentences of a list note's paragraph, besides
// its first card, that hold what a writer marks: a bold or italic span, a
// definition or a name, a figure with its unit or a date. The note's lists
// carry most of its knowledge; these are the paragraph facts a careful
// writer cards all the same.
func (w *walker) markedSentences(l *listParaLeft) {
	if len(l.sp.sentences) <= len(l.done) {
		return // one sentence, carded or not
	}
	// One pass of the later rules, which take the first rules' spans as
	// they found them; a sentence leaning on another is left (see
	// clozeText's marksOnly).
	l.sp.marksOnly = true
	for i := range w.clozeText(*l.r, &l.sp, maxListParaCards-len(l.done), true, true, l.done) {
		l.done[i] = true
	}
}

// markedCandidate reports whether a sentence's candidate card hides what
// a writer marks (see markedSentences): its emphasis, a definition, a
// name, a figure with a unit or a date; not a cause, a quote or a claim.
func markedCandidate(c clozeCandidate) bool {
	switch c.rank {
	case 0, 1:
		return true
	case 2:
		// A name given ("a library known as CuLitho"), not a person
		// introduced.
		return c.question == "" && namesSomething(c.text) || c.predicate != "" && !c.claim
	case 3:
		return unitFigure(c.text, c.span)
	}
	return false
}

// namesSomething reports whether a sentence gives a name: "known as",
// "called", "named", "dubbed".
func namesSomething(s string) bool {
	return strings.Contains(s, " known as ") || strings.Contains(s, " called ") || strings.Contains(s, " named ") || strings.Contains(s, " dubbed ")
}

// mayBeMarked is a quick look at a sentence before markedSentences reads
// it: a mark, a figure, a definer or a name given.
func mayBeMarked(s string) bool {
	if strings.IndexByte(s, '*') >= 0 || strings.ContainsAny(s, "0123456789") || namesSomething(s) {
		return true
	}
	i, _ := firstOf(s, definersIndex)
	return i >= 0
}

// unitFigure reports whether a sentence's figure says what it counts or
// when: "40 times", "12%", "£20", "3,200 kilometres", "March 2023",
// "1981"; a bare "3" is no fact alone.
func unitFigure(s, f string) bool {
	if f == "" {
		return false
	}
	if strings.IndexByte(f, ' ') > 0 || strings.HasSuffix(f, "%") || strings.ContainsAny(f[:1], "$€£") || isYear(f) || isDecade(f) {
		return true
	}
	i := strings.Index(s, f)
	if i < 0 {
		return false
	}
	next, _, _ := strings.Cut(strings.TrimLeft(s[i+len(f):], " "), " ")
	next = strings.Trim(next, ",.;:)")
	if moreUnitsSet.has(strings.ToLower(next)) {
		return true
	}
	// "an estimated 22,000 workers": a count of a plural noun, of two
	// digits or more (a "2 jars" is a detail, not a fact).
	digits := 0
	for _, r := range f {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 2 && len(next) >= 4 && strings.HasSuffix(next, "s") && !strings.HasSuffix(next, "ss") && isLowerWord(next)
}

// markedLeft counts the sentences not yet carded that mark a term.
func markedLeft(sentences []string, done map[int]bool) int {
	n := 0
	for i, s := range sentences {
		if !done[i] && strings.IndexByte(s, '*') >= 0 && emphasisSpan(s) != "" {
			n++
		}
	}
	return n
}

// clozeCandidate is a sentence that holds a fact, with the span to hide.
type clozeCandidate struct {
	rank  int
	order int
	text  string
	span  string
	// subject and predicate are set for a definition ("X is a Y") whose
	// subject the context cue already names: it is asked "What is X?".
	subject, predicate string
	// question is set for a term the sentence defines by its mark (see
	// definitionByMark): the card asks it, whatever the rest leans on.
	question string
	looked   bool // the first rules have looked at text
	claim    bool // the question is a claim's (superlativeClaim, mannerClaim)
}

// paraSpans is a paragraph's sentences and the candidate the first rules
// found in each, kept between the calls of clozeText on it.
type paraSpans struct {
	sentences []string
	found     []clozeCandidate
	cueStems  map[string]bool // the stems of the paragraph's context cue
	before    string          // the paragraph before, in the same section (light)
	resolved  []string        // the sentences with their antecedents written in (resolvedAt)
	// marksOnly keeps only the candidates holding a writer's mark (see
	// markedCandidate).
	marksOnly bool
}

// resolvedAt returns sentence i, plain, with a leading pronoun or count
// of people replaced by its antecedent when that is certain (see
// resolveAntecedent): "He" after a sentence whose "He" was resolved
// points to the same person.
func (sp *paraSpans) resolvedAt(i int) string {
	if sp.resolved == nil {
		sp.resolved = make([]string, len(sp.sentences))
	}
	if sp.resolved[i] != "" {
		return sp.resolved[i]
	}
	plain := withoutConnective(plainOf(sp.sentences[i]))
	if first, _, _ := strings.Cut(plain, " "); in(" He She It They The Their His ", first) || possessiveAt(plain) > 0 {
		prev := func() string {
			if i > 0 {
				return sp.resolvedAt(i - 1)
			}
			return plainOf(lastSentence(sp.before))
		}
		plain = resolveAntecedent(plain, prev, func() string {
			if i > 0 {
				return emphasisSpan(sp.sentences[i-1])
			}
			return emphasisSpan(lastSentence(sp.before))
		}, func() string {
			before := plainOf(sp.before)
			for _, b := range sp.sentences[:i] {
				before += " " + plainOf(b)
			}
			return before
		})
	}
	sp.resolved[i] = plain
	return plain
}

// clozeText makes at most limit cloze cards of a paragraph's sentences,
// skipping the sentences of skip, and returns the sentences it carded.
// loose takes the sentences of rules added after decks were stored: a
// pronoun inside the sentence ("… they should be ready for it to fail 80%
// of the time") is no pointer, a leading "However," goes, and a short
// cause after "because" or a quoted term is a span. sp holds the
// paragraph's sentences and what an earlier call found in them, so that a
// loose call after a strict one does not look again.
func (w *walker) clozeText(r proseRef, sp *paraSpans, limit int, late, loose bool, skip map[int]bool) map[int]bool {
	p := r.p
	done := make(map[int]bool)
	if sp.sentences == nil {
		sp.sentences = sentences(r.light)
		sp.found = make([]clozeCandidate, len(sp.sentences))
	}
	cueWords := func() map[string]bool { // only once a sentence has a span
		if sp.cueStems == nil {
			sp.cueStems = stemSet(cue(w.note.title, r.section) + " " + r.cue)
		}
		return sp.cueStems
	}
	// Rank the paragraph's sentences by how surely they hold a fact worth
	// a card: the writer's own emphasis, then a definition, then a name
	// ("known as X"), then a figure; keep the best few in note order.
	var cands []clozeCandidate
	for i, s := range sp.sentences {
		if strings.HasSuffix(s, ":") {
			if !loose || !r.formulaLead || i != len(sp.sentences)-1 {
				continue // a lead-in: its list has the card
			}
			// A formula's lead-in may say something itself: "The Bayes
			// factor is the ratio of …, and … gives the posterior odds:".
			s = strings.TrimSuffix(s, ":") + "."
		}
		if skip[i] || sp.marksOnly && !mayBeMarked(s) || slices.Contains(r.formulaIn, s) {
			continue
		}
		plain := plainOf(s)
		if loose {
			plain = withoutConnective(plain)
			if !w.proseNote && personalPronounFirst(plain) {
				// "She died on 3 March 1902" after "Marie Dupont was born
				// …": a list note's paragraph names its people too.
				plain = sp.resolvedAt(i)
			}
			if w.proseNote {
				plain = withoutAside(clauseAfterColon(sp.resolvedAt(i)))
				plain = resolvePointer(plain, func() string {
					// "this polynomial" names one the section has named
					// before: the paragraph before or this one so far.
					before := plainOf(sp.before)
					for _, b := range sp.sentences[:i] {
						before += " " + plainOf(b)
					}
					return before
				})
			}
		}
		// "Just nine years later, …" with the date it counts from
		// written in, or left: alone it points nowhere.
		plain, ok := sp.anchoredAt(i, plain)
		if !ok {
			continue
		}
		// "This rapid cooling is called **quenching**": the noun phrase
		// names the thing without the pointer.
		plain = withoutNamingPointer(plain)
		n := wordCount(plain)
		if n < minClozeWords && (n < minDatedWords || !datedFact(plain) && !namesSomething(plain)) || n > maxClozeWords {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(plain); unicode.IsLower(r) {
			continue // "where N₀ is …" goes on from a formula: no sentence alone
		}
		c := sp.found[i]
		if !c.looked || c.text != plain {
			c = clozeCandidate{order: i, text: plain, looked: true}
			c.rank, c.span = 0, emphasisSpan(s)
			if !keySpan(c.span) || givenAway(c.span, cueWords()) {
				c.span = ""
			}
			if c.span == "" {
				c.rank, c.span = 1, definedSubject(plain)
				if r.cue != "" {
					// "The generated site is a fully functioning website"
					// under an item: the subject is the item's thing
					// again, not a term of its own.
					c.span = ""
				}
				if c.span != "" && givenAway(c.span, cueWords()) {
					// "[...] is a fundamental equation" under the heading
					// "Schrodinger's Equation" answers itself: ask what it is.
					c.subject, c.predicate = c.span, definitionOf(plain, c.span)
					if c.predicate == "" {
						c.span = ""
					}
				}
			}
			if c.span == "" {
				c.rank, c.span = 2, knownAs(plain)
				if c.span != "" && givenAway(c.span, cueWords()) {
					// "… is known as the Gibbs phenomenon" under a heading
					// naming it: what is the Gibbs phenomenon?
					if d := namingSubject(plain, c.span); d != "" {
						c.rank, c.subject, c.predicate = 1, c.span, d
						if strings.Contains(plain, " the "+c.span) {
							c.question = "What is the *" + c.span + "*?"
						}
					}
				}
			}
			if c.span == "" {
				// A person introduced is the fact, not the year beside it.
				c.rank, c.span = 2, personIntro(plain)
			}
			if c.span == "" || c.predicate == "" && givenAway(c.span, cueWords()) {
				c.rank, c.span, c.predicate = 3, figure(plain), ""
			}
			sp.found[i] = c
		}
		// A later rule looks for a span only where the earlier found none
		// or one the cue gives away, and never undoes a definition.
		unset := func() bool { return c.predicate == "" && (c.span == "" || givenAway(c.span, cueWords())) }
		if loose && !sp.marksOnly && unset() {
			c.rank, c.span, c.predicate = 4, causeSpan(plain), ""
		}
		if loose && !sp.marksOnly && n <= maxQuotedWords && unset() {
			c.rank, c.span, c.predicate = 5, quotedSpan(plain), ""
		}
		if loose && w.proseNote && unset() {
			c.rank, c.span, c.predicate = 6, objectSpan(plain), ""
			if c.span == "" || givenAway(c.span, cueWords()) {
				c.rank, c.span = 7, appositiveName(plain)
			}
			if c.span == "" || givenAway(c.span, cueWords()) {
				c.rank, c.span = 8, lastFigure(plain)
			}
		}
		if loose && !sp.marksOnly && unset() && !causeMarked(plain) {
			// "… by about five times": a figure written as words, the
			// last span a paragraph's cards take (an aside's "just two
			// years ago" is one too). A sentence giving a cause is left
			// for its cause card.
			if f := wordFigure(plain); f != "" {
				c.rank, c.span = 9, f
			}
		}
		if sp.marksOnly && unset() {
			// "250 experiments … led to a 6% overall revenue improvement":
			// of a sentence's few figures, the one it ends on.
			c.rank, c.span = 3, lastFigure(plain)
		}
		if loose && c.span == "" && c.subject != "" {
			// "The cross product measures how perpendicular two vectors
			// are" under a heading naming the cross product.
			if q, a := verbDefinition(plain, c.subject); q != "" {
				c.rank, c.span, c.predicate, c.question = 1, c.subject, a, q
			}
		}
		if loose && c.span == "" {
			// "Boyle's law states that …": what the law says.
			if term, q, a := lawStatement(plain); q != "" {
				c.rank, c.span, c.subject, c.predicate, c.question = 1, term, term, a, q
			}
		}
		if loose && strings.IndexByte(s, '*') >= 0 && (c.span == "" || givenAway(c.span, cueWords()) || leansBackFromStart(plain)) {
			if md := definitionByMark(s); md.term != "" {
				c.rank, c.span, c.subject, c.predicate, c.question = 1, md.term, md.term, md.answer, md.question
			}
		}
		if loose && c.predicate == "" && (c.span == "" || givenAway(c.span, cueWords())) {
			// "Giving polish feedback … is the most common mistake": what
			// is the most common mistake? "A design review is a meeting
			// where …": what is a design review?
			// A claim's card is known by what it asks, never its answer.
			// In a list note only the claim naming its superlative last:
			// the built-in deck keeps its cards while the CLI's scripts
			// count them.
			var term, q, a string
			if !sp.marksOnly { // a claim is no writer's mark (see markedCandidate)
				term, q, a = superlativeClaim(plain)
			}
			if q != "" && !givenAway(a, cueWords()) && (w.proseNote || !strings.HasPrefix(plain, "The ")) {
				c.rank, c.span, c.subject, c.predicate, c.question, c.claim = 2, firstWord(plain), term, a, q, true
			} else if term, q, a := mannerClaim(plain); q != "" && w.proseNote {
				c.rank, c.span, c.subject, c.predicate, c.question, c.claim = 2, firstWord(plain), term, a, q, true
			} else if term, q, a := indefiniteDefinition(plain); q != "" {
				c.rank, c.span, c.subject, c.predicate, c.question = 1, term, term, a, q
			} else if term, q, a := pluralDefinition(plain); q != "" {
				c.rank, c.span, c.subject, c.predicate, c.question = 1, term, term, a, q
			} else if term, q, a := orGloss(plain, w.note.wordCounts()); q != "" {
				// "Annealing, or slow cooling from red heat, softens …".
				c.rank, c.span, c.subject, c.predicate, c.question = 1, term, term, a, q
			}
		}
		if sp.marksOnly && !markedCandidate(c) {
			continue
		}
		spanWords := maxSpanWords
		if c.rank == 4 {
			spanWords = maxCauseWords // a cause is a clause
		}
		if c.span == "" || c.question == "" && (wordCount(c.span) > spanWords || wordCount(c.span) >= n-2) || !strings.Contains(plain, c.span) {
			continue
		}
		if c.predicate == "" && (givenAway(c.span, cueWords()) || commonSpan(c.span) || restated(plain, c.span)) {
			continue
		}
		if sp.marksOnly && c.predicate == "" && pointsElsewhere(plain) {
			continue // "… contrasts it with his own approach": the paragraph's
		}
		if pointsInNote(plain) {
			continue // "For the test above …": the card has no "above"
		}
		if len(r.formulas) > 0 && insideFormula(plain, c.span, r.formulas) {
			continue // "K = 1 / [...] v²" hides a piece of a formula
		}
		if i := strings.Index(plain, c.span); strings.Contains(plain[i+len(c.span):], c.span) {
			continue // hidden once, it would still show further on
		}
		// Last, as the dearest check: the sentence must stand alone.
		if c.question == "" && (loose && leansBackFromStart(plain) || !loose && (pointsElsewhere(plain) || leansBack(plain, ""))) {
			continue
		}
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].rank < cands[j].rank })
	if len(cands) > limit {
		cands = cands[:limit]
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].order < cands[j].order })
	// The cards of a list note's marked sentences come after every other
	// card of the note (see markedSentences), not among them.
	offset := p.offset
	if sp.marksOnly {
		offset += len(w.src)
	}
	for _, c := range cands {
		// One answer hidden again and again in a note makes cards that
		// interfere; twice is enough.
		key := deck.NormalizeTerm(c.span)
		if w.clozeSpans[key] >= maxSameSpan || (loose || sp.marksOnly) && w.clozeSpans[key] > 0 {
			continue // a later rule's card repeats no hidden span at all
		}
		done[c.order] = true
		if w.clozeSpans == nil {
			w.clozeSpans = make(map[string]int)
		}
		w.clozeSpans[key]++
		if c.predicate != "" {
			w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: offset + c.order, line: p.line,
				section: r.section, term: c.subject, back: []string{c.predicate}, seconds: p.seconds,
				question: cmp.Or(c.question, definitionQuestion(c.subject)), prose: true, definition: true, late: late})
			continue
		}
		// "Also, the state bought the land in …": a connective that only
		// joins the sentence to the one before goes from its card.
		text := withoutLeadConnective(c.text)
		i := strings.Index(text, c.span)
		if i < 0 {
			text, i = c.text, strings.Index(c.text, c.span)
		}
		w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: offset + c.order, line: p.line,
			section: r.section, term: c.span, back: []string{c.span, text},
			leadIn: itemCue(r.cue) + text[:i] + clozeBlank + withoutSymbol(text[i+len(c.span):]), seconds: p.seconds, prose: true, late: late})
	}
	return done
}

// withoutSymbol drops the bracketed symbol or abbreviation that opens the
// text after a cloze's blank: "the [...] (Bq)" would give the becquerel
// away. A bracket holding a figure ("(1911)") or words stays.
func withoutSymbol(after string) string {
	rest, ok := strings.CutPrefix(after, " (")
	if !ok {
		return after
	}
	end := strings.IndexByte(rest, ')')
	if end <= 0 {
		return after
	}
	inner := rest[:end]
	if strings.ContainsAny(inner, " 0123456789") || utf8.RuneCountInString(inner) > 6 {
		return after
	}
	return rest[end+1:]
}

// quotedSpan returns the one short phrase a sentence puts in quotation
// marks after an article ("acts as an 'oracle'", "a 'seat at the
// table'"): the writer's mark of a coined or key phrase. A quoted
// sentence, several quotes, or words quoted as said ("be 'wildly off'")
// are speech, not a mark.
func quotedSpan(s string) string {
	if strings.IndexByte(s, '"') < 0 && !strings.Contains(s, "“") {
		return ""
	}
	found := ""
	for rest := s; ; {
		i, size := openQuote(rest)
		if i < 0 {
			break
		}
		after := rest[i+size:]
		j, jsize := closeQuote(after)
		if j < 0 {
			break
		}
		if found != "" {
			return ""
		}
		// Named as a thing — "a 'seat at the table'", "the 'nabla'
		// operator" — not said: "be 'wildly off'", "has 'poured gas'".
		if !articleBefore(rest[:i]) {
			return ""
		}
		found = strings.Trim(after[:j], " ,.;:!?")
		rest = after[j+jsize:]
	}
	if n := wordCount(found); n == 0 || n > 4 || !hasWord(found) || !keySpan(found) {
		return ""
	}
	return found
}

// openQuote and closeQuote find the next opening or closing quotation
// mark of s and its size, or -1.
func openQuote(s string) (int, int) {
	i, j := strings.IndexByte(s, '"'), strings.Index(s, "“")
	if j >= 0 && (i < 0 || j < i) {
		return j, len("“")
	}
	return i, 1
}

func closeQuote(s string) (int, int) {
	i, j := strings.IndexByte(s, '"'), strings.Index(s, "”")
	if j >= 0 && (i < 0 || j < i) {
		return j, len("”")
	}
	return i, 1
}

// articleBefore reports whether one of the last two words of s is an
// article.
func articleBefore(s string) bool {
	for k := 0; k < 2; k++ {
		s = strings.TrimRight(s, " ")
		w := s[strings.LastIndexByte(s, ' ')+1:]
		if strings.EqualFold(w, "a") || strings.EqualFold(w, "an") || strings.EqualFold(w, "the") {
			return true
		}
		s = s[:len(s)-len(w)]
	}
	return false
}

// maxQuotedWords bounds the sentences a quoted phrase is hidden in: in a
// longer one the phrase is a detail of a story, not its point.
const maxQuotedWords = 28

// maxCauseWords bounds a cause hidden in a cloze card: a longer one is
// an explanation to read, not a span to recall.
const maxCauseWords = 8

// causeSpan returns the cause a sentence gives at its end, "… burned out
// often, because the filament slowly evaporated with use." → "the
// filament slowly evaporated with use", or "".
func causeSpan(s string) string {
	for _, marker := range []string{" because ", " due to "} {
		i := strings.LastIndex(s, marker)
		if i < 0 {
			continue
		}
		cause := strings.TrimRight(strings.TrimSpace(s[i+len(marker):]), ".!")
		if n := wordCount(cause); n < 2 || n > maxCauseWords || strings.ContainsAny(cause, ",;:") {
			return ""
		}
		return cause
	}
	return ""
}

// definitionQuestion asks what a defined subject is: "What are
// *Fractals*?".
func definitionQuestion(subject string) string {
	verb := "is"
	if isPlural(subject) {
		verb = "are"
	}
	if article, bare := splitArticle(subject); article == "the" {
		return "What " + verb + " the *" + bare + "*?" // "The transistor is …"
	}
	return "What " + verb + " *" + upperFirst(subject) + "*?"
}

// stemSet returns the stems of a text's words, for telling whether a cue
// names a card's answer.
func stemSet(s string) map[string]bool {
	out := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) }) {
		out[stemOf(w)] = true
	}
	return out
}

// givenAway reports whether every word of a span that carries meaning is
// already in the context cue: the cue would answer the card.
func givenAway(span string, cueStems map[string]bool) bool {
	// "Stochastic Gradient Descent (SGD)" under a heading naming it: the
	// acronym in brackets is no further clue.
	if i := strings.Index(span, " ("); i > 0 && strings.HasSuffix(span, ")") {
		span = span[:i]
	}
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(span), func(r rune) bool { return !isWordRune(r) }) {
		if isStopWord(w) || len(w) < 2 {
			continue
		}
		if !cueStems[stemOf(w)] {
			return false
		}
		n++
	}
	return n > 0
}

// keySpan reports whether an emphasised span is worth hiding: it has a
// word that carries meaning, not only "before" or "why".
func keySpan(span string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(span), func(r rune) bool { return !isWordRune(r) }) {
		if len(w) >= 3 && !isStopWord(w) && !in(" not never only always because before after why how what really actually just ", w) {
			return true
		}
	}
	return false
}

// definitionOf returns what a definitional sentence says its subject is,
// "Curl is a measure of rotation." → "A measure of rotation.", or "" when
// its verb does not define ("is crucial for").
func definitionOf(sentence, subject string) string {
	rest := strings.TrimSpace(sentence[strings.Index(sentence, subject)+len(subject):])
	for _, v := range []string{"is a ", "is an ", "is the ", "are a ", "are an ", "are the ", "refers to ", "refer to ", "is defined as ", "are defined as ", "means ",
		"is one in which ", "is one where ", "are ones in which "} {
		if def, ok := strings.CutPrefix(rest, v); ok {
			if strings.HasPrefix(v, "is ") || strings.HasPrefix(v, "are ") && !strings.HasPrefix(v, "are defined") {
				def = v[strings.IndexByte(v, ' ')+1:] + def
			}
			if wordCount(def) < 4 || opinionClaim(def) {
				return ""
			}
			return upperFirst(def)
		}
	}
	return ""
}

// opinionClaim reports whether what a sentence says its subject is ranks
// or judges it, someone's claim rather than a definition: "the most
// powerful lever for profit, according to …", "one of the most important
// skills". "The best alternative to a negotiated agreement" (BATNA)
// defines, so only "most", "single" and an attribution make a claim.
func opinionClaim(pred string) bool {
	l := strings.ToLower(pred)
	return strings.HasPrefix(l, "the most ") || strings.HasPrefix(l, "the single ") || strings.HasPrefix(l, "one of the ") ||
		strings.Contains(l, " according to ") || strings.Contains(l, ", says ") || strings.Contains(l, ", argues ")
}

// pointsElsewhere reports whether a sentence leans on another one ("this
// fact", "it"): out of its paragraph it would not say one clear thing.
func pointsElsewhere(s string) bool {
	for _, w := range []string{"this", "these", "it", "they", "them", "those", "such"} {
		if hasWordFold(s, w) {
			return true
		}
	}
	return false
}

// hasWordFold reports whether s has the lower-case word w as a whole word,
// its first letter in either case, without allocating.
func hasWordFold(s, w string) bool {
	upper := string(w[0]-'a'+'A') + w[1:]
	for _, form := range []string{w, upper} {
		for off := 0; ; {
			i := strings.Index(s[off:], form)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(form)
			if (start == 0 || s[start-1] == ' ') && (end == len(s) || s[end] == ' ' || s[end] == ',' || s[end] == '.') {
				return true
			}
			off = end
		}
	}
	return false
}

// namingMarkers introduce a name, in the order knownAs tries them.
var namingMarkers = newPhraseIndex(" known as ", " called ", " named ", " dubbed ")

// knownAs returns the name a sentence introduces: "a library known as
// CuLitho" → "CuLitho".
func knownAs(s string) string {
	var buf [4]int
	found := namingMarkers.firstIndexes(s, buf[:0])
	for k, marker := range namingMarkers.phrases {
		i := found[k]
		if i < 0 {
			continue
		}
		rest := s[i+len(marker):]
		end := strings.IndexAny(rest, ",.;:(")
		if end < 0 {
			end = len(rest)
		}
		if n := namingObject(s[:i], rest[:end]); n != "" {
			return n
		}
		var name []string
		for f := range strings.FieldsSeq(strings.Trim(rest[:end], `"“”'`)) {
			if !startsUpper(f) || len(name) == 4 {
				break
			}
			name = append(name, f)
		}
		if len(name) > 0 {
			return strings.Join(name, " ")
		}
	}
	return ""
}

// namingObject returns the name a naming sentence gives its subject,
// "The overshoot … is known as the Gibbs phenomenon" → "Gibbs phenomenon",
// "… is called Fejér summation" → "Fejér summation": the name, up to four
// words after its article, is what the card hides, not the description
// before it. before is the sentence up to the marker ("… is"), object the
// words after it up to a stop. It returns "" when the sentence is no
// "X is known as Y" or the object is longer or runs on into a clause.
func namingObject(before, object string) string {
	if !strings.HasSuffix(before, " is") && !strings.HasSuffix(before, " are") && !strings.HasSuffix(before, " was") && !strings.HasSuffix(before, " were") {
		return ""
	}
	f := strings.Fields(strings.Trim(object, `"“”'`))
	if len(f) > 0 && in(" the a an ", f[0]) {
		f = f[1:]
	}
	for k, w := range f {
		if in(" and or which that who because for in by with to ", w) {
			f = f[:k]
			break
		}
	}
	if len(f) == 0 || len(f) > 4 || !startsUpper(f[0]) && len(f) > 2 {
		return ""
	}
	return strings.Join(f, " ")
}

// namingSubject returns the description a naming sentence names, "The
// overshoot of a partial sum near a jump" of "… is known as the Gibbs
// phenomenon", when it can answer "What is the Gibbs phenomenon?" alone:
// a noun phrase of three to fifteen words with no comma and no pointer.
func namingSubject(s, name string) string {
	i := strings.Index(s, name)
	if i < 0 {
		return ""
	}
	for _, m := range []string{" is known as ", " are known as ", " is called ", " are called "} {
		j := strings.Index(s[:i], m)
		if j < 0 {
			continue
		}
		subj := strings.TrimSpace(s[:j])
		f := strings.Fields(subj)
		if len(f) < 3 || len(f) > 15 || strings.ContainsAny(subj, ",;:") || in(notSubjects, strings.ToLower(f[0])) {
			return ""
		}
		return upperFirst(subj) + "."
	}
	return ""
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, `"“'(`))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// units follow a figure worth hiding with it: "40 times", "80 billion".
const units = " times percent % x million billion trillion thousand hundred years year months month weeks week days day hours hour minutes seconds milliseconds microseconds nanoseconds nm mm cm m km kg g ms users customers people employees dollars "

// months name a date's month: "March 2023".
const months = " january february march april may june july august september october november december "

// figure returns the one figure of a sentence with its unit ("23 to 42
// times", "March 2023", "1981"), or "" when it has none or several.
// isDecade reports whether w names a decade: "1860s", "2010s".
func isDecade(w string) bool {
	return len(w) == 5 && w[4] == 's' && w[3] == '0' && isYear(w[:4])
}

// conversionEnd returns the end of a bracketed figure that opens at
// words[at], "(132 km)" of "82 miles (132 km)", or at when there is none.
func conversionEnd(words []string, at int) int {
	if at >= len(words) || len(words[at]) < 2 || words[at][0] != '(' || !unicode.IsDigit(rune(words[at][1])) {
		return at
	}
	for k := at; k < len(words) && k < at+3; k++ {
		if w := strings.TrimRight(words[k], ",.;:"); strings.HasSuffix(w, ")") {
			return k + 1
		}
	}
	return at
}

func figure(s string) string {
	found := figures(s, unitsSet, 1)
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// lastFigure returns the last figure of a sentence giving two or three
// that is no year, with its unit: "The ENIAC computer of 1945 used about
// 17,500 vacuum tubes and consumed 150 kilowatts of power" → "150
// kilowatts", the figure the sentence ends on, usually its result; or "".
func lastFigure(s string) string {
	found := figures(s, moreUnitsSet, 3)
	if len(found) < 2 || len(found) > 3 {
		return ""
	}
	for i := len(found) - 1; i >= 0; i-- {
		if !isYear(found[i]) {
			return found[i]
		}
	}
	return ""
}

// isYear reports whether a figure is a bare year, "1945".
func isYear(f string) bool {
	if len(f) != 4 {
		return false
	}
	for _, c := range f {
		if c < '0' || c > '9' {
			return false
		}
	}
	return f >= "1000" && f <= "2199"
}

// moreUnits are the units lastFigure takes with a figure besides units.
const moreUnits = units + "kilowatts kilowatt watts megawatts volts amps kilograms tonnes tons kilometres kilometers metres meters miles litres liters degrees °c °f decades decade centuries century " +
	// SI and engineering symbols, as notes write them after a figure: "12.6 V", "25 A", "50 Hz".
	"v kv mv a ma w kw mw kwh wh hz khz mhz ghz pa kpa mpa bar psi kn j kj mj kcal ml mph rpm ft lb lbs oz gb mb tb db "

// figures returns the figures of s with their units, in order, giving up
// (nil) past max of them.
func figures(s string, units wordSet, max int) []string {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], s)
	var found []string
	for i := 0; i < len(words); i++ {
		w := strings.Trim(words[i], ",.;:()\"“”")
		// "1.585-dimensional", "30-day": the number is the figure.
		hyphened := false
		if j := strings.IndexByte(w, '-'); j > 0 && unicode.IsDigit(rune(w[j-1])) && j+1 < len(w) && unicode.IsLetter(rune(w[j+1])) {
			w, hyphened = w[:j], true
		}
		if isDecade(w) {
			// "the 1860s": a decade is a date; "the late 2000s and early
			// 2010s" is a span of them, no one of which is the fact.
			if len(found) == max || len(found) > 0 && isDecade(found[len(found)-1]) {
				return nil
			}
			found = append(found, w)
			continue
		}
		if w == "" || !unicode.IsDigit([]rune(w)[len([]rune(w))-1]) && !strings.HasSuffix(w, "%") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "$€£~"))
		if !unicode.IsDigit(r) {
			continue
		}
		if len(found) == max {
			return nil // several figures: no one of them is the fact
		}
		if hyphened {
			found = append(found, strings.TrimLeft(w, "(\"“"))
			continue
		}
		start, end := i, i+1
		if i > 0 && monthsSet.hasFold(strings.Trim(words[i-1], ",.")) {
			start = i - 1
		}
		// "17 December 1903": the day, the month and the year are one date.
		if len(w) <= 2 && end+1 < len(words) && monthsSet.hasFold(strings.Trim(words[end], ",.")) &&
			isYear(strings.Trim(words[end+1], ",.;:()")) {
			end += 2
			i = end - 1
		}
		// "between 150 and 650 °C": a range is one figure, as "150 to 650" is.
		between := i > 0 && strings.EqualFold(words[i-1], "between") && end+1 < len(words) && words[end] == "and"
		if end+1 < len(words) && (strings.EqualFold(words[end], "to") || between) {
			// "from 1 million people in 1800 to 6 million": a year and a
			// quantity are two figures, not a range.
			if r, _ := utf8.DecodeRuneInString(words[end+1]); unicode.IsDigit(r) && isYear(strings.Trim(w, ",.;:()")) == isYear(strings.Trim(words[end+1], ",.;:()")) {
				end += 2
				i = end - 1
			}
		}
		// "4.5 billion years": a magnitude, then the unit.
		for k := 0; k < 2 && end < len(words) && units.has(strings.ToLower(strings.Trim(words[end], ",.;:)"))); k++ {
			end++
		}
		// "82 miles (132 km)": the same figure converted, in brackets.
		unitEnd := end
		if unitEnd == i+1 && unitEnd+1 < len(words) && unicode.IsLetter(rune(words[unitEnd][0])) && !strings.ContainsAny(words[unitEnd], ",.;:") {
			unitEnd++ // a unit the set does not name: "82 miles (132 km)"
		}
		if conv := conversionEnd(words, unitEnd); unitEnd > i+1 && conv > unitEnd {
			found = append(found, strings.TrimLeft(strings.TrimRight(strings.Join(words[start:conv], " "), ",.;:"), "(\"“"))
			i = conv - 1
			continue
		}
		found = append(found, strings.Trim(strings.Join(words[start:end], " "), ",.;:()"))
	}
	return found
}

// emphasisSpan returns the first *light emphasis* span of a sentence: the
// writer's own mark of what matters.
func emphasisSpan(s string) string {
	open, end := celltext.Emphasis(s)
	if open < 0 || !hasWord(s[open+1:end]) {
		return ""
	}
	return s[open+1 : end]
}

// definedSubject returns the subject of a definitional sentence ("Curl is
// a measure of …" → "Curl"), or of a claim about a name ("ILT works …"),
// or "".
func definedSubject(s string) string {
	best, verb := firstOf(s, definersIndex)
	strong := best >= 0
	if hasNameWord(s) {
		if b, v := firstOf(s, claimVerbsIndex); b >= 0 && (best < 0 || b < best) {
			best, verb, strong = b, v, false
		}
	}
	if best < 0 {
		if i := strings.Index(s, ", known as "); i > 0 {
			rest := s[i+len(", known as "):]
			if j := strings.IndexAny(rest, ",."); j > 0 {
				return strings.TrimSpace(rest[:j])
			}
		}
		return ""
	}
	if strong && (strings.HasSuffix(verb, " known as ") || strings.HasSuffix(verb, " called ")) && knownAs(s) != "" {
		return "" // "X is known as Y": Y, the name, is hidden (knownAs)
	}
	subject := strings.TrimSpace(s[:best])
	// "Essentially, CuLitho is …": a leading adverb is not the subject.
	if i := strings.Index(subject, ", "); i > 0 && wordCount(subject[:i]) <= 3 {
		subject = strings.TrimSpace(subject[i+2:])
	}
	// "Ian McAllister emphasizes that trust is …": the subject is "trust".
	if i := strings.LastIndex(subject, " that "); i >= 0 {
		subject = strings.TrimSpace(subject[i+len(" that "):])
	}
	var wordsBuf [32]string
	words := appendFields(wordsBuf[:0], subject)
	if len(words) == 0 || len(words) > maxSpanWords || strings.ContainsAny(subject, ",;:\"“") {
		return ""
	}
	predicate := s[best+len(verb):]
	termWords := words
	if strings.Contains(verb, " one") && len(words) > 1 && in(" a an ", strings.ToLower(words[0])) {
		// "A structured interview is one in which …" defines a kind: the
		// indefinite subject is the term.
		termWords = words[1:]
	}
	if notSubjectsSet.hasFold(words[0]) && len(termWords) == len(words) || wordCount(predicate) < 4 || !termLike(termWords) ||
		strings.HasPrefix(predicate, "that ") || vagueDefinition(verb, predicate) {
		return ""
	}
	if !strong && (!isName(words) || !nounPhrase(words)) {
		return ""
	}
	if strings.EqualFold(words[0], "the") || strings.EqualFold(words[0], "a") || strings.EqualFold(words[0], "an") {
		if len(words) == 1 {
			return ""
		}
	}
	if len(termWords) < len(words) {
		return strings.Join(termWords, " ") // "A [...] is one in which …"
	}
	return subject
}

// firstOf returns where the earliest of verbs occurs in s (after its
// start) and which, or -1: at the first place where any of them occurs,
// the first of them in their order.
func firstOf(s string, verbs *verbIndex) (int, string) {
	// One pass over the spaces, trying only the verbs that start with the
	// letter after each: this runs for every sentence of every note.
	for i := 1; i+1 < len(s); i++ {
		j := strings.IndexByte(s[i:len(s)-1], ' ')
		if j < 0 {
			break
		}
		i += j
		for _, d := range verbs[s[i+1]] {
			if strings.HasPrefix(s[i:], d) {
				return i, d
			}
		}
	}
	return -1, ""
}

// verbIndex holds phrases that start with a space (" is a "), by the
// byte after it, each byte's in their order.
type verbIndex [256][]string

// indexVerbs returns the index of phrases that each start with a space
// and have a byte after it.
func indexVerbs(verbs []string) *verbIndex {
	var x verbIndex
	for _, v := range verbs {
		x[v[1]] = append(x[v[1]], v)
	}
	return &x
}

// hasNameWord reports whether s has a capital after a letter ("ILT",
// "DoorDash"): without one no subject of it is a name (see isName).
func hasNameWord(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
			return true
		}
	}
	return false
}

// isName reports whether a subject names something: an acronym or a word
// with inner capitals ("ILT", "Model-based OPC", "DoorDash") with no
// article before it.
func isName(words []string) bool {
	if in(" the a an ", strings.ToLower(words[0])) {
		return false
	}
	// The name must be the head ("Model-based OPC"), not a modifier of a
	// common noun ("Automated PLS platforms").
	head := ""
	for _, w := range words {
		if prepositionsSet.hasFold(w) {
			break
		}
		head = strings.Trim(w, "()\"'’")
	}
	r, size := utf8.DecodeRuneInString(head)
	return isAcronym(strings.TrimSuffix(head, "'s")) || (unicode.IsUpper(r) && strings.IndexFunc(head[size:], unicode.IsUpper) >= 0)
}

// nounPhrase reports whether a name's words are a noun phrase, "the
// Model-based OPC", and not a clause ending in one, "Felix Wankel joined
// the NSU": each word is capitalised or an article or "of".
func nounPhrase(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !in(" the a an of and for ", strings.ToLower(w)) {
			return false
		}
	}
	return true
}

// vagueDefinition reports whether "X is a crucial aspect of …" says only
// that X matters: its head noun names no kind of thing.
func vagueDefinition(verb, predicate string) bool {
	if !strings.HasSuffix(verb, " a ") && !strings.HasSuffix(verb, " an ") && !strings.HasSuffix(verb, " the ") {
		return false
	}
	words := strings.Fields(strings.ToLower(predicate))
	for i, w := range words {
		if i >= 3 || prepositionsSet.has(w) {
			break
		}
		w = strings.Trim(w, ",.;:")
		// "a hard, brittle form of steel", "the part of the blade that …":
		// a genus of something named after it defines.
		if genusHeadsSet.has(w) && i+2 < len(words) && words[i+1] == "of" && !in(" this that these those it them ", words[i+2]) {
			return false
		}
		if vagueHeadsSet.has(w) {
			return true
		}
	}
	return false
}

// genusHeadsSet are the vague heads that name a genus when "of" and the
// thing follow them: "a form of steel", "the part of the blade".
var genusHeadsSet = wordsOf("form kind type part version component element")

// vagueHeads name no term of their own: "A common misconception is …",
// "The true definition of fractals is …" define nothing.
const vagueHeads = " misconception definition mistake test thing things way ways part aspect question answer point fact truth reality difference key secret trick lesson rule idea concept problem challenge goal reason result side version kind type form case element component factor pace success thesis distinction benefit "

// termLike reports whether a sentence's subject names a term that a card
// can ask for: not an indefinite "a shape", not a label ("The core
// definition of a fractal"), not a clause ("whether a business").
func termLike(words []string) bool {
	first := strings.ToLower(words[0])
	if first == "a" || first == "an" {
		return false
	}
	head := ""
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",;:()\"“”'"))
		if in(" whether if that which who when where ", lw) {
			return false
		}
		if prepositionsSet.has(lw) {
			break
		}
		if vagueHeadsSet.has(lw) || in(" most biggest main best ", lw) {
			return false // "the way weights are adjusted", "the most important element"
		}
		head = lw
	}
	return !inSet(genericTermsSet, head)
}

// labelParagraph makes a card of a paragraph opening with a bold label,
// "**Key Insight:** Speed and stability move in tandem.": the label asked
// with its heading, answered by the paragraph's first statement.
func (w *walker) labelParagraph(b *ast.Paragraph, p *para) bool {
	em, ok := b.FirstChild().(*ast.Emphasis)
	if !ok || em.Level != 2 {
		return false
	}
	w.txt.reset(w.src)
	w.txt.run(em.FirstChild(), nil)
	label := oneLine(w.txt.plain)
	w.txt.reset(w.src)
	w.txt.run(em.NextSibling(), nil)
	rest := oneLine(w.txt.light)
	colon := strings.HasSuffix(label, ":") || strings.HasPrefix(rest, ":")
	label = strings.TrimSpace(strings.TrimSuffix(label, ":"))
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	if !colon || !hasWord(label) || wordCount(label) > 4 || wordCount(rest) < 3 || strings.HasSuffix(rest, ":") {
		return false
	}
	w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: p.offset, line: p.line,
		section: w.visibleSection(), term: label, back: []string{termStatement(rest, label)}, seconds: p.seconds,
		listName: w.currentHeadingText(), prose: true})
	return true
}

func (w *walker) currentHeadingText() string {
	if s := w.visibleSection(); len(s) > 0 {
		return s[len(s)-1]
	}
	return ""
}

// explicit reads cards the user wrote by hand: "Q: …" / "A: …" lines,
// "term :: definition" (":::" for both directions) and ==cloze== or
// {{c1::cloze}} spans. It reports whether the paragraph had any.
func (w *walker) explicit(b *ast.Paragraph, p *para) bool {
	lines := b.Lines()
	if lines.Len() == 0 {
		return false
	}
	var raw [][]byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw = append(raw, bytes.TrimSpace(seg.Value(w.src)))
	}
	switch {
	case bytes.HasPrefix(raw[0], []byte("Q:")):
		return w.questionLines(raw, p)
	case bytes.Contains(raw[0], []byte(" :: ")) || bytes.Contains(raw[0], []byte(" ::: ")):
		for i, l := range raw {
			w.termLine(l, p, i)
		}
		return true
	}
	marked := false
	for _, l := range raw {
		marked = marked || bytes.Contains(l, []byte("==")) || bytes.Contains(l, []byte("{{c"))
	}
	if !marked {
		return false
	}
	w.txt.reset(w.src)
	w.txt.run(b.FirstChild(), nil)
	light := oneLine(w.txt.light)
	made := false
	for _, s := range sentences(light) {
		for _, span := range markedSpans(s) {
			plain := plainOf(unmark(s))
			i := strings.Index(plain, span)
			if i < 0 {
				continue
			}
			w.note.entries = append(w.note.entries, entry{kind: deck.KindCloze, offset: p.offset, line: p.line,
				section: w.visibleSection(), term: span, back: []string{span, plain},
				leadIn: plain[:i] + clozeBlank + plain[i+len(span):], seconds: p.seconds, explicit: true, prose: true})
			made = true
		}
	}
	return made
}

// markedSpans returns the spans of a sentence written ==span== or
// {{c1::span}} (an Anki hint after "::" is dropped).
func markedSpans(s string) []string {
	var out []string
	for rest := s; ; {
		i := strings.Index(rest, "==")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i+2:], "==")
		if j <= 0 {
			break
		}
		out = append(out, plainOf(strings.TrimSpace(rest[i+2:i+2+j])))
		rest = rest[i+2+j+2:]
	}
	for rest := s; ; {
		_, span, after, ok := nextCloze(rest)
		if !ok {
			break
		}
		out = append(out, plainOf(strings.TrimSpace(span)))
		rest = after
	}
	var kept []string
	for _, o := range out {
		if hasWord(o) {
			kept = append(kept, o)
		}
	}
	return kept
}

// unmark removes the cloze markup, leaving the sentence as it reads.
func unmark(s string) string {
	s = strings.ReplaceAll(s, "==", "")
	var sb strings.Builder
	for {
		before, span, after, ok := nextCloze(s)
		if !ok {
			break
		}
		sb.WriteString(before)
		sb.WriteString(span)
		s = after
	}
	sb.WriteString(s)
	return sb.String()
}

// nextCloze finds the first Anki cloze {{cN::span}} or {{cN::span::hint}}
// in s: the text before it, its span without the hint, the text after it,
// and false if there is none.
func nextCloze(s string) (before, span, after string, ok bool) {
	i := strings.Index(s, "{{c")
	if i < 0 {
		return "", "", "", false
	}
	j := strings.Index(s[i:], "}}")
	k := strings.Index(s[i:], "::")
	if j < 0 || k < 0 || k > j {
		return "", "", "", false
	}
	span = s[i+k+2 : i+j]
	if h := strings.Index(span, "::"); h >= 0 {
		span = span[:h]
	}
	return s[:i], span, s[i+j+2:], true
}

// maxTableRows bounds the cards of one table: a longer one is reference,
// not something to learn cell by cell.
const maxTableRows = 12

// table reads a pipe table ("| Planet | Moons |", "|---|---|", rows) —
// CommonMark leaves it a paragraph — and asks each value by its row's
// first cell and its column's header: "Moons of *Mars*?" → "2". It
// reports whether the paragraph was a table.
func (w *walker) table(b *ast.Paragraph, p *para) bool {
	lines := b.Lines()
	if lines.Len() < 3 {
		return false
	}
	var rows [][]string
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := strings.TrimSpace(string(seg.Value(w.src)))
		if !strings.HasPrefix(l, "|") {
			return false
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		rows = append(rows, cells)
	}
	for _, c := range rows[1] {
		if strings.Trim(c, ":-") != "" || c == "" {
			return false // no separator row: not a table
		}
	}
	header := rows[0]
	body := rows[2:]
	if len(body) > maxTableRows {
		body = body[:maxTableRows]
	}
	for r, row := range body {
		if len(row) < 2 {
			continue
		}
		key := w.inline(row[0])
		for c := 1; c < len(row) && c < len(header); c++ {
			value, col := w.inline(row[c]), w.inline(header[c])
			if !hasWord(key) || !hasWord(value) || !hasWord(col) {
				continue
			}
			w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: p.offset + r*len(header) + c,
				line: p.line + 2 + r, section: w.visibleSection(), term: plainOf(key), back: []string{upperFirst(value)}, // a cell's "below 40 °C" is the whole answer
				seconds: p.seconds, question: tableQuestion(col, plainOf(key), plainOf(w.inline(header[0])), w.note.wordCounts()),
				value: true, explicit: true, prose: true, tableColumn: col})
		}
	}
	return true
}

// tableQuestion asks a table's cell by its column and its row's key:
// "Temperature of the *mesophilic* stage?" when the first column's
// header names the kind of thing the keys are ("Stage"), else
// "Temperature of *Mesophilic*?".
func tableQuestion(col, key, keyHeader string, words map[string]int) string {
	q := upperFirst(lowerCommon(col, words)) + " of "
	// Only a noun that sorts things into kinds reads well after the key:
	// "the mesophilic stage", not "the water substance".
	noun := strings.ToLower(strings.TrimSpace(keyHeader))
	if !inFold(" stage phase step level tier plan grade type class mode band zone category size version model generation era period round ", noun) ||
		hasSuffixFold(key, noun) {
		return q + "*" + key + "*?"
	}
	return q + "the *" + lowerCommon(key, words) + "* " + noun + "?"
}

// questionLines reads "Q: …" / "A: …" pairs; lines after either continue it.
func (w *walker) questionLines(raw [][]byte, p *para) bool {
	var q, a []string
	var cur *[]string
	flush := func() {
		if len(q) > 0 && len(a) > 0 {
			question := w.inline(strings.Join(q, " "))
			answer := w.inline(strings.Join(a, "\n"))
			if hasWord(question) && hasWord(answer) {
				w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: p.offset, line: p.line,
					section: w.visibleSection(), term: question, back: strings.Split(answer, "\n"), seconds: p.seconds,
					question: question, explicit: true, prose: true})
			}
		}
		q, a = nil, nil
	}
	for _, l := range raw {
		s := string(l)
		switch {
		case strings.HasPrefix(s, "Q:"):
			flush()
			q = append(q, strings.TrimSpace(s[2:]))
			cur = &q
		case strings.HasPrefix(s, "A:"):
			a = append(a, strings.TrimSpace(s[2:]))
			cur = &a
		case cur != nil:
			*cur = append(*cur, s)
		}
	}
	flush()
	return true
}

// termLine reads "term :: definition" or "term ::: definition" (the
// latter also asked in reverse).
func (w *walker) termLine(l []byte, p *para, n int) {
	s := string(l)
	both := false
	i := strings.Index(s, " ::: ")
	sep := 5
	if i >= 0 {
		both = true
	} else {
		i, sep = strings.Index(s, " :: "), 4
	}
	if i <= 0 {
		return
	}
	term, def := w.inline(s[:i]), w.inline(s[i+sep:])
	if !hasWord(term) || !hasWord(def) {
		return
	}
	w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: p.offset + n, line: p.line + n,
		section: w.visibleSection(), term: plainOf(term), back: []string{def}, seconds: p.seconds,
		both: both, explicit: true, prose: true})
}

// inline renders a piece of raw markdown (one explicit card's side) as
// card text.
func (w *walker) inline(s string) string {
	if w.md == nil {
		return oneLine([]byte(s))
	}
	src := []byte(s)
	doc := w.md.Parse(textReader(src))
	var out []string
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		var txt inlineText
		txt.reset(src)
		txt.run(b.FirstChild(), nil)
		if l := oneLine(txt.light); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// formulaSubject finds what a lead-in says a formula gives: "The divergence
// is given by:" → "The divergence".
func formulaSubject(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
	for _, v := range []string{" states that ", " says that ", " shows that "} {
		if i := strings.Index(s, v); i > 0 && wordCount(s[:i]) <= 5 {
			return strings.TrimSpace(s[:i]) // "Hooke's law states that …"
		}
	}
	for _, v := range []string{" is given by", " is defined as", " is computed as", " is calculated as", " is written as",
		" can be written as", " is expressed as", " equals", " is", " are given by", " are"} {
		if i := strings.Index(s, v); i > 0 {
			subj := strings.TrimSpace(s[:i])
			if wordCount(subj) <= 8 && !notSubjectsSet.hasFold(strings.Fields(subj)[0]) {
				return subj
			}
		}
	}
	return ""
}
