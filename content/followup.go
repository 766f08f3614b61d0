package content

import "strings"

// Follow-up sentences. A bold item's card answers with its own statement,
// the first sentence or two; the sentences after it are facts of their
// own ("**Cool the burn**: Hold it under running water for 20 minutes.
// Cooling still helps if started within three hours."), lost when only
// the statement is carded. They are kept like a list note's paragraph,
// with the item's term as their cue: "*Cool the burn*: Cooling still
// helps if started within [...]." Their cards are additions, made after
// every other card of the note.

// maxFollowUpWords bounds the later sentences of an item kept: a longer
// tail is a paragraph of notes under a heading, carded as one if written
// as one.
const maxFollowUpWords = 80

// itemFollowUp keeps the sentences of a bold item that its term card's
// answer back leaves out, for the cloze, cause and rule cards.
func (w *walker) itemFollowUp(it item, back []string, section []string) {
	if len(back) != 1 || len(it.extra) > 0 {
		return // the answer is the item's own lines, or its children
	}
	if !strings.Contains(it.own, ". ") && !strings.Contains(it.own, "? ") && !strings.Contains(it.own, "! ") {
		return // one sentence: most items
	}
	ss := sentences(strings.TrimSpace(it.own))
	if len(ss) < 2 {
		return
	}
	// The answer is the item's first sentence, or its first two.
	used := 1
	if strings.HasPrefix(back[0], ss[0]+" "+ss[1]) {
		used = 2
	} else if !strings.HasPrefix(back[0], strings.TrimRight(ss[0], ".!?")) {
		return // the answer is another statement (an example's, a cut clause)
	}
	rest := strings.Join(ss[used:], " ")
	if n := wordCount(rest); n < minClozeWords || n > maxFollowUpWords {
		return
	}
	w.proseParas = append(w.proseParas, proseRef{light: rest, section: section, item: true, cue: it.term,
		p: &para{line: it.line, offset: it.offset, seconds: it.seconds}})
}

// itemCue writes an item's term before its later sentence's cloze.
func itemCue(term string) string {
	if term == "" {
		return ""
	}
	return "*" + term + "*: "
}
