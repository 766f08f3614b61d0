package content

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// entry is one card-to-be found in a note, before identities and merging.
type entry struct {
	kind    deck.Kind // KindTerm or KindList
	offset  int       // position in the body, for note order
	line    int       // 1-based file line
	section []string  // visible heading path
	// term is the bare term (term cards) or what the list hangs from: its
	// lead-in sentence, heading or parent term (list cards).
	term string
	// back holds the answer lines: the definition (term cards) or one line
	// per item (list cards).
	back     []string
	ordered  bool   // list cards: numbered list
	leadIn   string // list cards: the lead-in sentence, if any
	parent   string // list cards hanging from a bold term: that term
	headings bool   // list card made of numbered sub-headings
	// plainItems marks a list card whose items have no bold lead-in.
	plainItems bool
	seconds    int // first timestamp, -1 if none
	// listName is what the list a term item sits in is called: its bold
	// pseudo-heading, parent term, lead-in noun or heading.
	listName string
	// claim is what a reasons list explains ("trust is vital" of "trust is
	// vital for several reasons:"); effect is what a causes list explains
	// ("slow onboarding" of "Slow onboarding often stems from:"). Term
	// cards in such a list ask why or how, not "What is X?".
	claim, effect string
	// listClaim marks the term items of a list one of which makes a claim
	// of its own: all are asked by the list's kind, alike.
	listClaim bool
	// owner is what the list's lead-in says its items are parts of ("the
	// brief" of "This brief covers:"): a label item is asked with it.
	owner string
	// compared marks the items of a list its lead-in says compares them
	// ("The speaker compared six hive covers:"): each answer is a verdict.
	compared bool
	value    bool // term cards: the answer is a value under an attribute
	step     bool // term cards: an item of a numbered list
	// question is the question as the user wrote it (Q: lines).
	question string
	explicit bool // written by hand: Q:/A:, "::", ==cloze==
	// definition marks a term card made from a paragraph's "X is a Y":
	// the note's own card of X, if it has one, comes first.
	definition bool
	both       bool // "term ::: definition": asked in both directions
	prose      bool // made from a paragraph or formula, not a list
	// late marks an entry of a rule added after decks were stored (a
	// paragraph's cloze in a list note, a heading's claim): its card takes
	// its identity after every other card's, so it never takes an older
	// card's ID, answer or merge, and it comes last in the deck's order.
	late bool
	// apart marks an entry a list makes that is not counted among the
	// note's list cards (see clozeProse): a rule added after notes were
	// classed as prose or list notes must not change their class.
	apart bool
	// tableColumn is the header of a table cell's column: with the row's
	// first cell it is the card's identity.
	tableColumn string
}

// note is a parsed note: its metadata and entries in note order.
type note struct {
	path, slug, title, videoID string
	entries                    []entry
	body                       []byte // for the lead-in phrasing's case checks
	words                      map[string]int
}

// wordCounts returns the note's word counts, computed on first use.
func (n *note) wordCounts() map[string]int {
	if n.words == nil {
		m, _ := wordCountsPool.Get().(map[string]int)
		n.words = wordCounts(n.body, m)
	}
	return n.words
}

// release lets go of what the note's rules kept once its parts are made:
// its word counts' map is emptied and used again by the next note, so
// that each note does not grow a map of its own (most notes count a few
// hundred words; a map grown by a larger one is let go, as emptying it
// would cost each later note its size).
func (n *note) release() {
	if n.words != nil && len(n.words) <= maxPooledWords {
		clear(n.words)
		wordCountsPool.Put(n.words)
	}
	n.words = nil
}

// maxPooledWords is the most distinct words of a note whose counts' map
// is used again.
const maxPooledWords = 4096

// wordCountsPool holds emptied word counts' maps (see note.release).
var wordCountsPool sync.Pool

// heading is an open heading in the walk.
type heading struct {
	level    int
	text     string // plain, numbering and trailing colon removed
	visible  bool   // false for the heading that only repeats the title
	numbered int    // the N of "### N. Heading", 0 if none
	line     int
	offset   int
	leadIn   *para   // paragraph ending in ':' right under the heading
	children []child // direct sub-headings, for numbered sequences
	content  bool    // has seen a block other than sub-headings
}

type child struct {
	number int
	text   string
}

// para is a rendered paragraph remembered as a possible lead-in.
type para struct {
	plain        string
	line, offset int
	seconds      int
	// parentOnly marks a stand-in that carries only the position of the
	// bold term a list hangs from.
	parentOnly bool
	// heading marks a paragraph that is all bold, "**Elite Benchmarks:**":
	// it names the list below as a heading would.
	heading bool
}

// walker turns one note's AST into entries.
type walker struct {
	md       markdownParser // for the sides of hand-written cards
	src      []byte
	lineBase int   // file lines before src
	newlines []int // offsets of '\n' in src
	txt      inlineText
	note     *note
	headings []*heading
	lastOff  int
	// proseParas are the note's paragraphs for automatic cloze cards.
	proseParas []proseRef
	clozeSpans map[string]int // hidden spans so far, normalised
	// proseNote is set when the note is written as prose (fewer than
	// minListEntries list cards): its paragraphs carry its knowledge, so
	// the rules only such a note uses apply (see objectSpan, resolvePointer).
	proseNote bool
	afterPara bool // the paragraph being read follows a paragraph

}

func (w *walker) lineOf(offset int) int {
	return w.lineBase + 1 + sort.SearchInts(w.newlines, offset)
}

// offsetOf returns where a block starts in the body, or the last known
// position for blocks without text of their own.
func (w *walker) offsetOf(n ast.Node) int {
	depth := 0
	for c := n; c != nil && c.Type() == ast.TypeBlock && depth < maxNesting; c, depth = c.FirstChild(), depth+1 {
		if l := c.Lines(); l != nil && l.Len() > 0 {
			w.lastOff = l.At(0).Start
			return w.lastOff
		}
	}
	return w.lastOff
}

// walkNote parses a note body and collects its entries.
func walkNote(md markdownParser, n *note, body []byte, lineBase int, titleFromFM bool) {
	w := &walker{md: md, src: body, lineBase: lineBase, note: n}
	for i := bytes.IndexByte(body, '\n'); i >= 0; {
		w.newlines = append(w.newlines, i)
		next := bytes.IndexByte(body[i+1:], '\n')
		if next < 0 {
			break
		}
		i += next + 1
	}
	doc := md.Parse(text.NewReader(body))
	var last, prev *para
	first := true
	formula := "" // the formula the block before rendered, if it made a card
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		afterFormula := formula
		formula = ""
		switch b := b.(type) {
		case *ast.Heading:
			w.heading(b, titleFromFM)
			last, prev = nil, nil
		case *ast.Paragraph:
			p := w.paragraph(b)
			if first && len(w.headings) == 0 && strings.HasPrefix(p.plain, "From:") {
				break // the source line ("From: [[channel]] <br/>") is not content
			}
			if afterFormula != "" && strings.HasPrefix(p.plain, "where ") {
				w.symbolCards(p, afterFormula)
			}
			w.markContent()
			w.afterPara = prev != nil
			w.prose(b, p)
			last, prev = nil, p
			if strings.HasSuffix(p.plain, ":") {
				last = p
				if h := w.current(); h != nil && h.leadIn == nil && len(h.children) == 0 {
					h.leadIn = p
				}
			}
		case *mathBlock:
			w.markContent()
			formula = w.formula(b, prev)
			last, prev = nil, nil
		case *ast.List:
			w.markContent()
			prev = nil
			lead := last
			cardable := lead != nil || w.visibleSection() != nil
			w.list(b, lead, "", cardable, 0)
			last = nil
		default:
			w.markContent()
			last, prev = nil, nil
		}
		first = false
	}
	for len(w.headings) > 0 {
		w.closeHeading()
	}
	w.clozeProse()
	// Cards from lists come first, in note order, then the cards of the
	// note's prose (cloze, formula, bold labels, hand-written): a learner
	// meets a note's terms before the sentences that use them.
	sort.SliceStable(n.entries, func(i, j int) bool {
		pi, pj := n.entries[i].prose, n.entries[j].prose
		if pi != pj {
			return !pi
		}
		return n.entries[i].offset < n.entries[j].offset
	})
}

func (w *walker) current() *heading {
	if len(w.headings) == 0 {
		return nil
	}
	return w.headings[len(w.headings)-1]
}

func (w *walker) markContent() {
	if h := w.current(); h != nil {
		h.content = true
	}
}

func (w *walker) visibleSection() []string {
	var out []string
	for _, h := range w.headings {
		if h.visible && h.text != "" {
			out = append(out, h.text)
		}
	}
	return out
}

func (w *walker) heading(b *ast.Heading, titleFromFM bool) {
	for len(w.headings) > 0 && w.current().level >= b.Level {
		w.closeHeading()
	}
	off := w.offsetOf(b)
	w.txt.reset(w.src)
	w.txt.run(b.FirstChild(), nil)
	plain := oneLine(w.txt.plain)
	number, rest := headingNumber(plain)
	h := &heading{level: b.Level, text: strings.TrimSpace(strings.TrimSuffix(rest, ":")), visible: true,
		numbered: number, line: w.lineOf(off), offset: off}
	if b.Level == 1 && !titleFromFM && w.note.title == "" {
		w.note.title = h.text
	}
	if deck.NormalizeTerm(h.text) == deck.NormalizeTerm(w.note.title) {
		h.visible = false // "## Same as the title" adds nothing to the context
	}
	if parent := w.current(); parent != nil {
		parent.children = append(parent.children, child{number: number, text: h.text})
	}
	w.headings = append(w.headings, h)
}

// headingNumber splits "1. Identify proxies" into 1 and "Identify proxies".
func headingNumber(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i >= len(s) || (s[i] != '.' && s[i] != ')') || i+1 >= len(s) || s[i+1] != ' ' {
		return 0, s
	}
	return n, strings.TrimSpace(s[i+2:])
}

// closeHeading pops the innermost heading; sub-headings numbered 1, 2, 3…
// under it make an "in order" list card.
func (w *walker) closeHeading() {
	h := w.current()
	w.headings = w.headings[:len(w.headings)-1]
	if len(h.children) < 2 {
		return
	}
	if len(h.children) > maxListItems {
		return // a long run of sections is learnt section by section
	}
	var items []string
	for i, c := range h.children {
		if c.number != i+1 || !hasWord(c.text) {
			return
		}
		items = append(items, c.text)
	}
	section := append(w.visibleSection(), h.text)
	if !h.visible || h.text == "" {
		section = w.visibleSection()
	}
	e := entry{kind: deck.KindList, offset: h.offset, line: h.line, section: section,
		term: h.text, back: items, ordered: true, headings: true, seconds: -1}
	if h.leadIn != nil {
		e.leadIn = h.leadIn.plain
		e.seconds = h.leadIn.seconds
	}
	if e.term == "" {
		e.term = w.note.title
	}
	w.note.entries = append(w.note.entries, e)
}

func (w *walker) paragraph(b ast.Node) *para {
	off := w.offsetOf(b)
	w.txt.reset(w.src)
	w.txt.run(b.FirstChild(), nil)
	return &para{plain: oneLine(w.txt.plain),
		line: w.lineOf(off), offset: off, seconds: w.txt.seconds, heading: w.allBold(b)}
}

// allBold reports whether a paragraph is one bold run, give or take
// punctuation and timestamps around it.
func (w *walker) allBold(p ast.Node) bool {
	bold := 0
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Emphasis:
			if c.Level != 2 {
				return false
			}
			bold++
		case *ast.Text:
			if hasWord(string(c.Segment.Value(w.src))) {
				return false
			}
		default:
			if !isRemoved(c) {
				return false
			}
		}
	}
	return bold == 1
}

// item is a rendered list item.
type item struct {
	isTerm  bool
	term    string // plain bold term
	own     string // light text of the item's first paragraph, less the term
	label   string // what a list card shows for this item
	nested  *ast.List
	extra   []string // lines of the item's further blocks
	line    int
	offset  int
	seconds int
}

// maxNesting bounds how deep the walk follows nested lists and quotes. Real
// notes nest two or three levels; a hostile one nesting thousands deep
// would otherwise cost time quadratic in its depth.
const maxNesting = 8

// list collects the entries of a list: term cards for bold-term items, and
// a list card when the list hangs from a lead-in, a heading or a bold term.
func (w *walker) list(l *ast.List, lead *para, parentTerm string, cardable bool, depth int) {
	if depth > maxNesting {
		return
	}
	section := w.visibleSection()
	if lead != nil && lead.heading {
		// A bold pseudo-heading ("**Elite Benchmarks:**") names the list and
		// is its items' context, as a heading would be.
		name := strings.TrimSpace(strings.TrimSuffix(lead.plain, ":"))
		section = append(section, name)
		lead = &para{line: lead.line, offset: lead.offset, seconds: lead.seconds, heading: true, plain: name}
	}
	listName := parentTerm
	switch {
	case lead != nil && lead.heading:
		listName = lead.plain
	case listName != "":
	case lead != nil && !lead.parentOnly:
		listName = leadInNoun(lastSentence(lead.plain), w.note.body)
	}
	if listName == "" && len(section) > 0 {
		listName = section[len(section)-1]
	}
	claim, effect, owner, compared := "", "", "", false
	if lead != nil && !lead.parentOnly && !lead.heading && parentTerm == "" {
		claim, effect = listRole(lastSentence(lead.plain), w.currentHeadingText(), w.note)
		compared = strings.Contains(strings.ToLower(lastSentence(lead.plain)), "compar")
		var kind []string
		owner, kind = leadInOwner(lastSentence(lead.plain))
		if claim == "" && effect == "" && namesCauses(kind) {
			// "Winter losses have three main causes:": each item leads to them.
			effect, owner = lowerFirstWord(owner), ""
		}
	}
	// "Key principles:" over numbered commands: rules, not steps.
	advice := namesAdvice(listName) || len(section) > 0 && namesAdvice(section[len(section)-1])
	var labels []string
	var terms []int       // this list's own term entries
	var termLabels []int  // the index in labels of each term's label
	var statements []item // items written as sentences, not bold terms
	var plain []item      // items with words of their own and no bold term
	figures := 0
	words := 0
	lastOff := w.offsetOf(l)
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		it := w.item(li)
		if !it.isTerm && wordCount(it.own) >= minClozeWords {
			statements = append(statements, it)
			if figure(plainOf(it.own)) != "" {
				figures++
			}
		}
		if !it.isTerm && it.label != "" {
			plain = append(plain, it)
		}
		words += wordCount(it.label)
		lastOff = max(lastOff, it.offset)
		if it.label != "" {
			labels = append(labels, it.label)
		}
		switch {
		case it.isTerm && !hasWord(it.own) && countItems(it.nested) >= 2 && isNounPhrase(it.term):
			// "**Speed Metrics:**" over a list: the list is the answer.
			w.list(it.nested, &para{line: it.line, offset: it.offset, seconds: it.seconds, parentOnly: true}, it.term, true, depth+1)
		case it.isTerm:
			back := termAnswer(it, strings.Join(append([]string{listName}, section...), " "))
			if !hasWord(strings.Join(back, " ")) || restatesTerm(it.term, strings.Join(back, " ")) {
				break
			}
			e := entry{kind: deck.KindTerm, offset: it.offset, line: it.line,
				section: section, term: it.term, back: back, seconds: it.seconds, listName: listName, claim: claim, effect: effect, owner: owner, compared: compared,
				value: isValue(it.own, listName) || valueListKind(it.own) != "", step: l.IsOrdered() && !advice && (isImperative(it.term) || inSet(procedureHeadingsSet, cleanHeading(listName)))}
			termLabels = append(termLabels, len(labels)-1)
			terms = append(terms, len(w.note.entries))
			w.note.entries = append(w.note.entries, e)
			w.itemFollowUp(it, back, section)
			if it.nested != nil {
				w.list(it.nested, nil, "", false, depth+1)
			}
		case strings.Contains(it.own, " :: ") || strings.Contains(it.own, " ::: "):
			w.termLine([]byte(it.own), &para{line: it.line, offset: it.offset, seconds: it.seconds}, 0)
		case it.nested != nil:
			if strings.HasSuffix(it.own, ":") && countItems(it.nested) >= 2 {
				w.list(it.nested, &para{plain: plainOf(it.own), line: it.line, offset: it.offset, seconds: it.seconds}, "", true, depth+1)
			} else {
				w.list(it.nested, nil, "", false, depth+1)
			}
		}
	}
	// A numbered list mostly of commands is a procedure: its other items
	// ("Feed syrup") are steps too. So is one its lead-in calls a process
	// ("Campbell suggests a short process for a first price:").
	if l.IsOrdered() && !advice && len(terms) >= 2 {
		names := make([]string, len(terms))
		for k, i := range terms {
			names[k] = w.note.entries[i].term
		}
		if mostlyImperative(names) || lead != nil && !lead.heading && namesProcedure(lastSentence(lead.plain)) {
			for _, i := range terms {
				w.note.entries[i].step = true
			}
		}
	}
	for _, i := range terms {
		if isClaim(w.note.entries[i].back) {
			for _, j := range terms {
				w.note.entries[j].listClaim = true
			}
			break
		}
	}
	// A long procedure of plain steps is learnt step by step (see stepCards).
	if cardable && l.IsOrdered() && !advice && len(plain) > maxRecitedSteps && len(plain) == countItems(l) &&
		(mostlyImperative(labels) || inSet(procedureHeadingsSet, cleanHeading(listName)) || lead != nil && !lead.heading && namesProcedure(lastSentence(lead.plain))) {
		w.stepCards(plain, section)
		return
	}
	// Bold labels over a fact are carded as the fact (see labelItem); the
	// labels are nothing to recite.
	labelItems := 0
	for k, i := range terms {
		if w.labelItem(&w.note.entries[i]) {
			labelItems++
			if j := termLabels[k]; j >= 0 {
				labels[j] = ""
			}
		}
	}
	if labelItems > 0 {
		labels = slices.DeleteFunc(labels, func(s string) bool { return s == "" })
	}
	// A short list of long items, each opening with a short head, is
	// recited by its heads; each item's rest is its own card (see
	// longItemCards). A list refused before the rule is counted apart.
	apart := false
	if cardable && len(terms) == 0 && len(plain) == countItems(l) && !takeawayHeading(section) &&
		(len(section) == 0 || !resourceHeading(section[len(section)-1])) {
		refused := len(statements) == countItems(l) && (figures >= 2 || words >= longItemWords*len(statements)) ||
			len(labels) > maxListItems || words+len(labels) > maxAnswerWords
		if heads, ok, done := w.longItemCards(plain, section, listCue(listName, section), refused && depth == 0); ok {
			labels, statements, apart = heads, nil, refused
			words = 0
			for _, h := range heads {
				words += wordCount(h)
			}
		} else if done {
			return // each item is carded on its own
		}
	}
	// Sentences each giving a figure ("Carbon-14 has a half-life of about
	// 5,730 years") are facts one by one, not a set.
	// So are sentences too long to recite as a set, and a section's
	// lessons (see takeawayCards).
	if len(statements) > 0 && (len(statements) == countItems(l) && (figures >= 2 || words >= longItemWords*len(statements)) || takeawayHeading(section)) {
		w.statementCards(statements, section)
		return
	}
	// A long set of short plain items ("Causes of flaky tests", seven of
	// them) is learnt item by item, if it is a set (see setItemCards); a
	// numbered one may be a ranking, whose order is the fact.
	longSet := !l.IsOrdered() && len(terms) == 0 && len(plain) == countItems(l) && len(plain) > maxRecitedSet && shortItems(plain)
	// A set too long to learn as one answer, or items too wordy to recite,
	// is left to the items' own cards: a bold term's, or a sentence's cloze.
	// A list with labels over facts sorts facts, each carded on its own:
	// its other items are aspects too, and a set without the labels would
	// not be the note's set.
	if !cardable || len(labels) < 2 || labelItems > 0 || !longSet && (len(labels)+labelItems > maxListItems || words+len(labels) > maxAnswerWords) || mostlyLabels(labels) || lead == nil && parentTerm == "" && anyLabel(labels) {
		if depth == 0 {
			w.statementCards(statements, section)
		}
		return
	}
	if len(section) > 0 && resourceHeading(section[len(section)-1]) {
		return // "## Resources": a set of titles is nothing to learn; each has its card
	}
	if mixedValues(w.note.entries, terms) {
		return // "Honey needed: About 20 kg" beside "Fondant: Added …": no set
	}
	if lead == nil && parentTerm == "" && len(section) > 0 && (inSet(glossaryHeadingsSet, cleanHeading(section[len(section)-1])) ||
		headingIsItem(section[len(section)-1], labels)) {
		return // "## Terms": the terms are carded one by one; their list is no fact
	}
	e := entry{kind: deck.KindList, offset: lastOff + 1, section: section, back: labels,
		ordered: l.IsOrdered(), parent: parentTerm, seconds: -1, plainItems: len(terms) == 0 && len(plain) == countItems(l), apart: apart, late: apart}
	switch {
	case lead != nil && lead.heading:
		e.term, e.line, e.seconds = lead.plain, lead.line, lead.seconds
		e.section = section[:len(section)-1]
		e.parent = lead.plain
	case lead != nil && lead.parentOnly:
		e.term, e.line, e.seconds = parentTerm, lead.line, lead.seconds
	case lead != nil:
		e.term, e.leadIn, e.line, e.seconds = lastSentence(lead.plain), lead.plain, lead.line, lead.seconds
		if parentTerm != "" {
			e.term = parentTerm
		}
	case parentTerm != "":
		e.term = parentTerm
	default:
		sec := e.section
		if len(sec) == 0 {
			return
		}
		e.term = sec[len(sec)-1]
		if h := w.current(); h != nil {
			e.line = h.line
		}
	}
	if e.line == 0 {
		e.line = w.lineOf(w.offsetOf(l))
	}
	if longSet {
		// A lead-in sentence introduces the items as a set; without one,
		// they are a set if the heading names one (not a topic's aspects).
		leadIn := ""
		if lead != nil && !lead.heading && !lead.parentOnly {
			leadIn = lastSentence(lead.plain)
		}
		if leadIn != "" || listQuestion(&e, w.note.title, w.note.body, w.note.wordCounts()) != "" {
			statements = w.setItemCards(plain, section, leadIn)
		}
		if depth == 0 {
			w.statementCards(statements, section)
		}
		return
	}
	w.note.entries = append(w.note.entries, e)
}

// longItemWords is the average length of list items, in words, past which
// the items are statements to learn one by one, not a set to recite.
const longItemWords = 16

// statementCards keeps a list's sentence items for cloze cards, one each
// at most.
func (w *walker) statementCards(items []item, section []string) {
	for _, it := range items {
		w.proseParas = append(w.proseParas, proseRef{light: it.own, section: section, item: true,
			p: &para{line: it.line, offset: it.offset, seconds: it.seconds}})
	}
}

// glossaryHeadings name a list of terms, not a set to learn.
const glossaryHeadings = " terms key terms glossary definitions vocabulary terminology "

// resourceHeading reports whether a heading names a list of resources to
// read or use ("Resources", "Further Reading", "Recommended Books",
// "Papers", "Talks"): its
// items are titles and tools, not knowledge of the note's own.
func resourceHeading(h string) bool {
	// The fields of h lower-cased are its fields lower-cased (no space
	// lowers to a letter, nor a letter to a space); past three, h is no
	// resources heading.
	var buf [4]string
	f := leadFields(cleanHeading(h), buf[:0])
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	last := f[len(f)-1]
	if len(f) == 1 || inFold(" further recommended additional useful key suggested more other tools ", f[0]) {
		return inFold(" resources reading references books sources links papers articles websites talks lectures podcasts videos ", last) || len(f) > 1 && inFold(" list ", last) && inFold(" reading ", f[len(f)-2])
	}
	return false
}

// mostlyLabels reports whether half the items or more are generic labels
// ("Process", "Purpose", "Format"): such a list names the item's aspects,
// each carded on its own, not a set worth learning.
func mostlyLabels(items []string) bool {
	n := 0
	for _, it := range items {
		if inSet(genericTermsSet, plainOf(it)) {
			n++
		}
	}
	return 2*n > len(items)
}

func countItems(l *ast.List) int {
	if l == nil {
		return 0
	}
	return l.ChildCount()
}

// plainOf strips the light emphasis markers from rendered text.
func plainOf(light string) string {
	return strings.ReplaceAll(light, "*", "")
}

// item renders one list item: its bold term if it starts with one, the
// rest of its first paragraph, and its further blocks as extra lines.
func (w *walker) item(li ast.Node) item {
	it := item{seconds: -1}
	it.offset = w.offsetOf(li)
	it.line = w.lineOf(it.offset)
	rest := li.FirstChild()
	if rest != nil && (rest.Kind() == ast.KindParagraph || rest.Kind() == ast.KindTextBlock) {
		w.itemText(rest, &it)
		rest = rest.NextSibling()
	}
	for ; rest != nil; rest = rest.NextSibling() {
		if l, ok := rest.(*ast.List); ok && it.nested == nil {
			it.nested = l
		}
		before := len(it.extra)
		it.extra = w.blockLines(rest, "", it.extra, 0)
		if it.seconds < 0 && len(it.extra) > before {
			it.seconds = w.txt.seconds
		}
	}
	if it.isTerm {
		it.label = it.term
	} else {
		// A list answer names each item by its first sentence; "Lying."
		// reads better as "- Lying".
		it.label = it.own
		if ss := sentences(it.own); len(ss) > 1 {
			it.label = ss[0]
		}
		it.label = strings.TrimSuffix(it.label, ".")
		if l := strings.TrimSpace(it.label); len(l) > 2 && l[0] == '*' && l[len(l)-1] == '*' && !strings.Contains(l[1:len(l)-1], "*") {
			it.label = l[1 : len(l)-1] // "**Cultural Capabilities**" alone: a name, not emphasis in a sentence
		}
	}
	if !hasWord(it.label) {
		it.label = ""
	}
	return it
}

// maxTermWords bounds a bold lead: a whole bold sentence is emphasis, not
// a term.
const maxTermWords = 12

func (w *walker) itemText(p ast.Node, it *item) {
	first := p.FirstChild()
	for first != nil {
		t, ok := first.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Segment.Value(w.src))) > 0 {
			break
		}
		first = first.NextSibling()
	}
	stop := w.seeAlso(p)
	if em, ok := first.(*ast.Emphasis); ok && em.Level == 2 {
		w.txt.reset(w.src)
		w.txt.run(em.FirstChild(), nil)
		raw := oneLine(w.txt.plain)
		term := strings.TrimSpace(strings.TrimRight(raw, ":—–- "))
		separated := len(term) < len(strings.TrimSpace(raw)) // "**Term:**" ends with its separator
		if hasWord(term) && !separated && wordCount(term) <= maxTermWords {
			// "**High Output Management** by Andy Grove: The 1983 book …":
			// a title and its author are the term.
			after, seconds := w.afterLead(em, stop)
			if author, own, ok := byline(after); ok {
				it.isTerm, it.term, it.own, it.seconds = true, term+" by "+author, own, seconds
				return
			}
			w.txt.reset(w.src)
			w.txt.run(em.FirstChild(), nil)
		}
		if hasWord(term) && wordCount(term) <= maxTermWords && (separated || !w.continuesSentence(em)) {
			after, seconds := w.afterLead(em, stop)
			it.isTerm, it.seconds = true, seconds
			it.term, it.own = termAside(term, trimSeparator(after))
			return
		}
	}
	w.txt.reset(w.src)
	w.txt.run(p.FirstChild(), stop)
	it.own = oneLine(w.txt.light)
	it.seconds = w.txt.seconds
}

// afterLead reads an item's text after its bold lead-in em, up to stop,
// with the item's timestamp: the lead-in's own when it has one (the text
// read into w.txt just before), else the first in the text after it.
func (w *walker) afterLead(em, stop ast.Node) (string, int) {
	seconds := w.txt.seconds
	w.txt.reset(w.src)
	w.txt.run(em.NextSibling(), stop)
	if seconds < 0 {
		seconds = w.txt.seconds
	}
	return oneLine(w.txt.light), seconds
}

// continuesSentence reports whether the text after a leading bold span
// goes on as the same sentence ("**Nicole Forsgren**, who also …",
// "**Shipping** is hard"): the bold span is the sentence's subject, not a
// term.
func (w *walker) continuesSentence(em ast.Node) bool {
	w.txt.reset(w.src)
	w.txt.run(em.NextSibling(), nil)
	rest := strings.TrimSpace(string(w.txt.plain))
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLower(r) {
		return true
	}
	switch r {
	case ',', ';', ')', '\'', '’', '.':
		return !strings.HasPrefix(rest, "...")
	}
	return false
}

// termAnswer is a bold-term item's answer: its own statement (the first
// sentence or two that stand alone), or, when it has none or introduces
// its nested list with ':', the nested items as lines. topic is what the
// item's list and headings are about: its text may point to it ("these
// logs" under "Friction Logging").
func termAnswer(it item, topic string) []string {
	own := strings.TrimSpace(it.own)
	if hasWord(own) && !strings.HasSuffix(own, ":") {
		return []string{termStatement(own, it.term+" "+topic)}
	}
	var back []string
	if hasWord(own) {
		back = append(back, own)
	}
	words := wordCount(own)
	for _, line := range it.extra {
		if strings.HasPrefix(line, " ") {
			continue // a grandchild: it has a card of its own or is detail
		}
		if countItems(it.nested) == 1 && !hasWord(own) {
			line = strings.TrimPrefix(line, "- ")
		}
		if words += wordCount(line); words > maxAnswerWords && len(back) > 0 {
			break
		}
		back = append(back, ownStatement(line))
	}
	return back
}

// seeAlso finds a wiki link standing alone after an item's last sentence,
// "… for errors. [[managing_failure | Managing failure]]": a pointer to
// another note, not part of the answer.
func (w *walker) seeAlso(p ast.Node) ast.Node {
	last := p.LastChild()
	for last != nil && (isRemoved(last) || isBlankText(last, w.src)) {
		last = last.PreviousSibling()
	}
	if last == nil || last.Kind() != kindWikiLink {
		return nil
	}
	prev := last.PreviousSibling()
	for prev != nil && (isRemoved(prev) || isBlankText(prev, w.src)) {
		prev = prev.PreviousSibling()
	}
	t, ok := prev.(*ast.Text)
	if !ok {
		return nil
	}
	v := bytes.TrimSpace(t.Segment.Value(w.src))
	if len(v) == 0 || !bytes.ContainsAny(v[len(v)-1:], ".!?") {
		return nil
	}
	return last
}

func isBlankText(n ast.Node, src []byte) bool {
	t, ok := n.(*ast.Text)
	return ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0
}

// trimSeparator removes what joins a bold term to its definition:
// ":", "—", "–" or " - ".
// termAside moves a bracketed aside between a bold lead and its
// separator onto the term: "**Harrison H1** (1730–1735): A large clock"
// is the term "Harrison H1 (1730–1735)" and the answer "A large clock",
// not one opening with "(1730–1735):".
func termAside(term, own string) (string, string) {
	if !strings.HasPrefix(own, "(") {
		return term, own
	}
	end := strings.IndexByte(own, ')')
	if end < 0 {
		return term, own
	}
	rest := strings.TrimSpace(own[end+1:])
	if after := trimSeparator(rest); after != rest && hasWord(after) {
		return term + " " + own[:end+1], after
	}
	// "**John Roebling** (1806–1869), a German-born engineer, …": a
	// person's years, and the appositive that says who the person was.
	if after, ok := strings.CutPrefix(rest, ", "); ok && lifeYears(own[1:end]) && opensWithRole(after) {
		return term + " " + own[:end+1], upperFirst(joinAppositive(after))
	}
	return term, own
}

func trimSeparator(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{":", "—", "–", "- ", "-\u00a0"} {
		if rest, ok := strings.CutPrefix(s, sep); ok {
			return strings.TrimSpace(rest)
		}
	}
	if s == "-" {
		return ""
	}
	return s
}

// maxAnswerDepth bounds how many levels of nested blocks an answer shows.
const maxAnswerDepth = 3

// blockLines renders a block inside a list item as answer lines: nested
// items as "- x" or "1. x", quotes and code line by line.
func (w *walker) blockLines(n ast.Node, indent string, out []string, depth int) []string {
	if depth > maxAnswerDepth {
		return out
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		w.txt.reset(w.src)
		w.txt.run(n.FirstChild(), nil)
		if s := oneLine(w.txt.light); hasWord(s) {
			out = append(out, indent+s)
		}
	case *ast.List:
		num := n.Start
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			before := len(out)
			for c := li.FirstChild(); c != nil; c = c.NextSibling() {
				sub := indent + "  "
				if c == li.FirstChild() {
					sub = indent
				}
				out = w.blockLines(c, sub, out, depth+1)
			}
			if len(out) > before {
				out[before] = indent + marker + strings.TrimPrefix(out[before], indent)
			}
		}
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			out = w.blockLines(c, indent, out, depth+1)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if s := oneLine(seg.Value(w.src)); s != "" {
				out = append(out, indent+s)
			}
		}
	}
	return out
}
