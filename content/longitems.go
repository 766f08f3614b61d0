package content

import (
	"slices"
	"strings"

	"github.com/recallcards/recall/deck"
)

// commandLeadIn reads the noun phrase of a lead-in that is a command
// pointing at its list ("Look for these warning signs first", "Check these
// three things before you start"): the things, then the command's verb, so
// the question keeps its sense ("warning signs to look for first", "things
// to check before you start"). It returns "" for other sentences.
func commandLeadIn(words []string) string {
	if len(words) < 3 {
		return ""
	}
	v := strings.ToLower(words[0])
	if !startsUpper(words[0]) || !isLowerWord(v) || len(v) < 3 || notVerbsSet.has(v) || determinersSet.has(v) || pronounsSet.has(v) ||
		possessivesSet.has(v) || prepositionsSet.has(v) || quantifiersSet.has(v) || modalsSet.has(v) ||
		strings.HasSuffix(v, "ing") || strings.HasSuffix(v, "ed") || strings.HasSuffix(v, "ly") || strings.HasSuffix(v, "s") {
		return ""
	}
	// The pointer comes right after the verb or its particle: "Watch for
	// these", "Keep these", "Consider the following".
	p := -1
	for i := 1; i < len(words) && i <= 2; i++ {
		lw := strings.ToLower(words[i])
		if lw == "these" || lw == "those" {
			p = i + 1
			break
		}
		if lw == "the" && i+1 < len(words) && strings.EqualFold(words[i+1], "following") {
			p = i + 2
			break
		}
		if !prepositionsSet.has(lw) && !in(" out up over ", lw) {
			return ""
		}
	}
	if p < 0 || p >= len(words) {
		return ""
	}
	particle := words[1 : p-1]
	if n := len(particle); n > 0 && strings.EqualFold(particle[n-1], "the") {
		particle = particle[:n-1]
	}
	if quantifiersSet.hasFold(words[p]) && p+1 < len(words) {
		p++ // "these three things"
	}
	// The noun phrase ends at its first plural word, with an "of" phrase
	// after it ("signs of failing seasoning").
	end := -1
	for j := p; j < len(words) && j < p+4; j++ {
		w := strings.Trim(words[j], ",;:")
		if w != words[j] && j > p {
			break
		}
		if prepositionsSet.hasFold(w) || relativesSet.hasFold(w) {
			break
		}
		if isPlural(w) {
			end = j + 1
			break
		}
	}
	if end < 0 {
		return ""
	}
	if end < len(words) && strings.EqualFold(words[end], "of") {
		k := end + 1
		for k < len(words) && k < end+5 {
			lw := strings.ToLower(strings.Trim(words[k], ",;:"))
			if prepositionsSet.has(lw) || relativesSet.has(lw) || itemBoundariesSet.has(lw) || adverbialStartsSet.has(lw) {
				break
			}
			k++
		}
		if k > end+1 {
			end = k
		}
	}
	// "Distinguishing these acronyms is crucial": a subject, no command.
	for _, t := range words[end:] {
		if lt := strings.ToLower(t); in(" is are was were be been has have had ", lt) || modalsSet.has(lt) {
			return ""
		}
	}
	out := make([]string, 0, len(words)+1)
	out = append(out, words[p:end]...)
	out = append(out, "to", v)
	out = append(out, particle...)
	out = append(out, words[end:]...)
	if len(out) > maxNounWords {
		return ""
	}
	return strings.TrimRight(strings.Join(out, " "), ",;:")
}

// maxItemHeadWords bounds the head of a long list item: the short name a
// set of the items is recited by.
const maxItemHeadWords = 6

// maxCommandHeadWords bounds a command head before its reason ("Dry the
// pan on a low burner for a minute, because …").
const maxCommandHeadWords = 10

// longItemHead splits a long list item into its head, the short name it
// starts with, and the rest, which says something of it: "Orange rust
// spots on the cooking surface, which mean the oil layer has worn through"
// → "Orange rust spots on the cooking surface" + "which mean …"; "The
// oil — a thin oil sets hardest" → "The oil" + "a thin oil sets hardest";
// "Dry the pan, because water left in it rusts" → "Dry the pan" + "because
// …". join is the separator between them, spaces and comma included. It returns "" when the item
// has no such head.
func longItemHead(label string) (head, join, rest string) {
	for _, sep := range []string{" — ", " – ", ": "} {
		if h, r, ok := strings.Cut(label, sep); ok {
			if n := wordCount(h); n >= 1 && n <= maxItemHeadWords && wordCount(r) >= 3 && !strings.ContainsAny(h, ",;") {
				return h, sep, r
			}
			return "", "", ""
		}
	}
	// The first of the clause marks ends the head: "Dry the pan, because
	// water that …" is a command and its reason.
	sep, at := "", -1
	for _, m := range []string{", which ", ", whose ", " that ", ", because ", " because ", ", since ", ", so that ", ", so "} {
		if i := strings.Index(label, m); i >= 0 && (at < 0 || i < at || i == at && len(m) > len(sep)) {
			sep, at = m, i
		}
	}
	if at < 0 {
		return "", "", ""
	}
	h, r := label[:at], label[at+len(sep):]
	limit := maxItemHeadWords + 2
	if sep != ", which " && sep != ", whose " && sep != " that " {
		if !looksImperative(h) && !isGerund(h) {
			return "", "", ""
		}
		limit = maxCommandHeadWords
	}
	if n := wordCount(h); n < 2 || n > limit || strings.ContainsAny(h, ",;") || wordCount(r) < 3 {
		return "", "", ""
	}
	return h, sep, r
}

// maxAskedRestWords bounds what a thing does, asked as an answer: a
// longer clause holds more than one fact.
const maxAskedRestWords = 8

// itemSignalVerbs say what a sign means: "…, which means the battery must not
// be jumped" is asked what the sign means.
var itemSignalVerbsSet = wordsOf("mean means show shows signal signals indicate indicates suggest suggests")

// headQuestion asks a long item's rest about its head: "What do orange
// rust spots on the cooking surface mean?" → "The oil layer has worn
// through to bare iron."; "Why dry the pan on a low burner?" → "Because
// water left in the pores starts rust overnight."; a rest with a figure
// is a cloze of it ("The oven temperature — it should sit about [...]
// above the oil's smoke point" → "20 °C"). It returns "" when the rest has
// no such shape.
func headQuestion(head, join, rest string, words map[string]int) (question, answer string, cloze bool) {
	if f := withUnit(rest, figure(plainOf(rest))); f != "" && unitFigure(plainOf(rest), f) && strings.Count(rest, f) == 1 {
		at := strings.Index(rest, f)
		return head + join + rest[:at] + clozeBlank + rest[at+len(f):] + ".", f, true
	}
	kind := strings.Trim(join, " ,")
	switch kind {
	case "which", "that":
		verb, obj, ok := strings.Cut(rest, " ")
		lv := strings.ToLower(verb)
		if looksImperative(head) || startsProhibition(head) {
			// "Do not burst blisters, which protect the skin": a
			// command's "which" gives its reason, "Why should you not
			// burst blisters?" → "They protect the skin."
			if !ok || kind != "which" || !isLowerWord(lv) || wordCount(obj) < 2 {
				return "", "", false
			}
			pronoun := "They"
			if strings.HasSuffix(lv, "s") {
				pronoun = "It"
			}
			return commandWhy(head, func(s string) string { return lowerCommon(s, words) }), pronoun + " " + rest + ".", false
		}
		if ok && kind == "which" && isGerund(head) && !itemSignalVerbsSet.has(lv) && verbBase(lv) != "" && wordCount(obj) >= 2 {
			// "Soaking the pan overnight, which strips the seasoning":
			// what the act does.
			return "What does " + lowerCommon(head, words) + " do?", upperFirst(rest) + ".", false
		}
		if ok && !itemSignalVerbsSet.has(lv) && !isGerund(head) && !strings.ContainsAny(rest, ",;") && wordCount(rest) <= maxAskedRestWords &&
			!in(" is are was were has have had does do ", lv) && !modalsSet.has(lv) && isLowerWord(lv) {
			// "Corroded terminals covered in powder that block current
			// flow": what the thing does, its verb agreeing with it.
			// A verb with no -s has a plural subject.
			switch {
			case verbBase(lv) != "":
				return "What does " + lowerCommon(head, words) + " do?", upperFirst(rest) + ".", false
			case !strings.HasSuffix(lv, "s") && !strings.HasSuffix(lv, "ed"):
				return "What do " + lowerCommon(head, words) + " do?", upperFirst(rest) + ".", false
			}
		}
		if !ok || !itemSignalVerbsSet.has(lv) || wordCount(obj) < 3 {
			return "", "", false
		}
		aux, base := "do", lv
		if strings.HasSuffix(lv, "s") {
			aux, base = "does", strings.TrimSuffix(lv, "s")
		}
		if base == "mean" || base == "show" || base == "signal" || base == "indicate" || base == "suggest" {
			return "What " + aux + " " + lowerCommon(head, words) + " " + base + "?", upperFirst(strings.TrimPrefix(obj, "that ")) + ".", false
		}
	case "because", "since":
		if !looksImperative(head) {
			return "", "", false
		}
		return commandWhy(head, func(s string) string { return lowerCommon(s, words) }), "Because " + rest + ".", false
	case "so", "so that":
		if !looksImperative(head) {
			return "", "", false
		}
		return commandWhy(head, func(s string) string { return lowerCommon(s, words) }), upperFirst(kind) + " " + rest + ".", false
	}
	return "", "", false
}

// longItemCards cards a short list whose items are long but each opens
// with a head: the list card recites the heads (a set of a few short
// members), and each item's rest is asked about its head (see
// headQuestion), led by cue, what the items are, if the heading does not
// say it. ok reports that; heads are then the list card's answer.
// A list recited whole before (not refused) is cut to its heads only when
// every rest has a card, so that no item's fact is lost.
// When some item has no head and the list is refused as a set (refused),
// the items with a head are still asked about it, one by one, and the
// others go to their sentence's cloze: done reports that the items are
// carded. Neither holds of a list longer than a set to recite.
func (w *walker) longItemCards(items []item, section []string, cue string, refused bool) (heads []string, ok, done bool) {
	if len(items) < 2 || len(items) > maxRecitedSet {
		return nil, false, false
	}
	long, all := false, true
	type split struct{ head, join, rest string }
	splits := make([]split, len(items))
	for i, it := range items {
		if it.nested != nil || len(it.extra) > 0 || len(sentences(it.own)) > 1 {
			return nil, false, false
		}
		h, j, r := longItemHead(it.label)
		if strings.ContainsAny(h, "`[") {
			h = "" // a file name or a link is no head to recite
		}
		if h == "" {
			all = false
		}
		if wordCount(it.label) > maxSetItemWords {
			long = true
		}
		splits[i] = split{h, j, r}
	}
	if !long || !all && (!refused || !slices.ContainsFunc(splits, func(s split) bool { return s.head != "" })) {
		return nil, false, false
	}
	words := w.note.wordCounts()
	type asked struct {
		q, a  string
		cloze bool
	}
	qs := make([]asked, len(items))
	for i, s := range splits {
		if s.head != "" {
			qs[i].q, qs[i].a, qs[i].cloze = headQuestion(s.head, s.join, s.rest, words)
		}
		// A list recited whole before keeps its items whole unless every
		// item's rest has a card of its own: none is lost.
		if qs[i].q == "" && !refused {
			return nil, false, false
		}
	}
	for i, it := range items {
		s := splits[i]
		heads = append(heads, s.head)
		q, a, cloze := qs[i].q, qs[i].a, qs[i].cloze
		if q == "" {
			w.itemStatement(it, section)
			continue
		}
		// Cloze cards, as a long procedure's steps are: the card is the
		// note's own, never merged with another note's term of that name.
		if cue != "" && !cloze {
			q = "*" + cue + "*: " + lowerFirstWord(q) // "*Warning signs*: what does …"
		}
		e := entry{kind: deck.KindCloze, offset: it.offset, line: it.line, section: section, term: s.head,
			back: []string{a}, leadIn: q, seconds: it.seconds, late: true, apart: true}
		if cloze {
			key := deck.NormalizeTerm(a)
			if w.clozeSpans[key] >= maxSameSpan {
				w.itemStatement(it, section)
				continue
			}
			if w.clozeSpans == nil {
				w.clozeSpans = make(map[string]int)
			}
			w.clozeSpans[key]++
			e.back, e.term = []string{a, it.label + "."}, a
		}
		w.note.entries = append(w.note.entries, e)
	}
	if !all {
		return nil, false, true
	}
	return heads, true, true
}

// itemStatement leaves an item to its sentence's cloze, as a list's
// statements are (see statementCards).
func (w *walker) itemStatement(it item, section []string) {
	if wordCount(it.own) >= minClozeWords {
		w.statementCards([]item{it}, section)
	}
}

// listCue names what a list's items are, for their own cards, from its
// lead-in's noun phrase ("warning signs to look for first" → "Warning
// signs") when the heading says nothing of it ("Tips"): "" when the
// heading shares a word with it, or the phrase is long or says only
// "things".
func listCue(listName string, section []string) string {
	np, _, _ := strings.Cut(listName, " to ")
	if np == "" || wordCount(np) > 3 || np == listName && len(section) > 0 && listName == section[len(section)-1] {
		return ""
	}
	var buf [4]string
	f := leadFields(np, buf[:0])
	// Its last word is its plural head ("warning signs"; isPlural would
	// read "warning" as a gerund).
	last := strings.ToLower(f[len(f)-1])
	if len(last) < 4 || !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss") || !isLowerWord(last) ||
		in(" things ways reasons causes kinds examples parts ", last) {
		return ""
	}
	if len(section) > 0 {
		h := strings.ToLower(section[len(section)-1])
		for _, w := range f {
			if len(w) > 3 && strings.Contains(h, strings.ToLower(strings.TrimSuffix(w, "s"))) {
				return ""
			}
		}
	}
	return upperFirst(np)
}
