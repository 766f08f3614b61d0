package content

import (
	"strings"

	"github.com/recallcards/recall/deck"
)

// Heading claims: a heading can state what its section shows. A careful
// writer cards three shapes of it, answered from the heading or from the
// section's first paragraph:
//
//   - "Why the Transistor Mattered" over "It mattered because …": Why did
//     the transistor matter? → the paragraph's first statement;
//   - "Orchestration of Models: The Future of Enterprise AI": What is the
//     future of enterprise AI? → Orchestration of models;
//   - "Small Batches Are Safer" over a paragraph giving the reason
//     ("… because …", "…: …"): Why are small batches safer? → the reason.
//
// Other headings name a topic, not a claim, and make no card of their own.

// headingClaims makes the cards of the note's claim headings, one a
// heading, from the first paragraph of each heading's section. They are
// late cards: notes were carded before headings were.
func (w *walker) headingClaims() {
	seen := make(map[string]bool)
	for _, r := range w.proseParas {
		if r.item || r.p == nil || len(r.section) == 0 || r.headLine == 0 {
			continue
		}
		h := r.section[len(r.section)-1]
		key := strings.Join(r.section, "\x00")
		if seen[key] {
			continue
		}
		seen[key] = true
		if !claimShaped(h) {
			continue
		}
		// "Why It Matters" asks about what its parent heading, or else the
		// note's title, names.
		owner := w.note.title
		if len(r.section) > 1 {
			owner = cleanHeading(r.section[len(r.section)-2])
		}
		q, a := w.headingClaim(cleanHeading(h), plainOf(r.light), owner)
		if q == "" || a == "" {
			continue
		}
		w.note.entries = append(w.note.entries, entry{kind: deck.KindTerm, offset: r.headOffset, line: r.headLine,
			section: r.section, term: cleanHeading(h), back: []string{a}, seconds: r.p.seconds,
			question: q, prose: true, late: true})
	}
}

// headingClaim returns the question and answer a heading's claim makes
// with its section's first paragraph, or "", "".
func (w *walker) headingClaim(h, para, owner string) (question, answer string) {
	words := strings.Fields(h)
	if len(words) < 3 || len(words) > 10 {
		return "", ""
	}
	if strings.EqualFold(words[0], "why") {
		rest := words[1:]
		if in(" it this that ", strings.ToLower(rest[0])) {
			// "Why It Mattered" under "The Container": why did the container
			// matter? A question with "it" names nothing.
			if owner == "" || wordCount(owner) > 6 || strings.ContainsAny(owner, ":?") {
				return "", ""
			}
			rest = append(strings.Fields(owner), rest[1:]...)
		}
		q := whyHeadingQuestion(rest, w.note.wordCounts())
		if q == "" {
			return "", ""
		}
		// The answer is the first of the paragraph's first sentences that
		// gives a reason: "A backup that has never been restored is only a
		// hope" says what the subject is, and the sentence after it ("Backups
		// fail silently: …") why.
		ss := sentences(para)
		for _, s := range ss[:min(len(ss), 3)] {
			// "They decide faster because …" names the subject after the
			// sentence's start; "This is why …" points back.
			if leansBack(s, h) || startsWithPointer(s) || wordCount(s) < 5 {
				return "", ""
			}
			if framing(s) {
				continue // "Raman's argument starts from the research.": the reason comes after
			}
			if !characterization(s) {
				return q, ownStatement(s)
			}
		}
		return "", ""
	}
	if a, b, ok := strings.Cut(h, ": "); ok {
		if strings.HasPrefix(a, "The ") == strings.HasPrefix(b, "The ") {
			return "", "" // a label ("Case Study: …"), before counting the note's words
		}
		return definiteSides(a, b, w.note.wordCounts())
	}
	return w.claimWithReason(words, para)
}

// whyHeadingQuestion turns the rest of a "Why …" heading into a question: "the
// Transistor Mattered" → "Why did the transistor matter?", "Speed Matters"
// → "Why does speed matter?", "Trust Is Vital" → "Why is trust vital?".
func whyHeadingQuestion(rest []string, counts map[string]int) string {
	for i, w := range rest {
		lw := strings.ToLower(w)
		if i == 0 {
			continue
		}
		subject := lowerLead(lowerCommon(strings.Join(rest[:i], " "), counts))
		after := lowerCommon(strings.Join(rest[i+1:], " "), counts)
		switch {
		case in(" is are was were ", lw):
			return strings.TrimSpace("Why "+lw+" "+subject+" "+after) + "?"
		case lw == "matters" || lw == "works" || lw == "fails" || lw == "wins" || lw == "helps":
			return strings.TrimSpace("Why does "+subject+" "+strings.TrimSuffix(lw, "s")+" "+after) + "?"
		case lw == "matter" || lw == "work" || lw == "fail" || lw == "win" || lw == "help":
			return strings.TrimSpace("Why do "+subject+" "+lw+" "+after) + "?"
		case lw == "mattered" || lw == "worked" || lw == "failed" || lw == "helped" || lw == "succeeded":
			return strings.TrimSpace("Why did "+subject+" "+strings.TrimSuffix(lw, "ed")+" "+after) + "?"
		}
	}
	return ""
}

// definiteSides reads "Orchestration of Models: The Future of Enterprise
// AI" as "orchestration of models is the future of enterprise AI": the
// side with "The" is asked, the other answers. Labels ("Case Study: …")
// have no such side.
func definiteSides(a, b string, counts map[string]int) (question, answer string) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	theA, theB := strings.HasPrefix(a, "The "), strings.HasPrefix(b, "The ")
	if theA == theB {
		return "", ""
	}
	asked, other := b, a
	if theA {
		asked, other = a, b
	}
	if wordCount(asked) < 3 || wordCount(asked) > 7 || wordCount(other) > 6 || !hasWord(other) || strings.ContainsAny(other, "?!") {
		return "", ""
	}
	return "What is " + lowerCommon("the "+asked[len("The "):], counts) + "?", upperFirst(lowerCommon(other, counts)) + "."
}

// claimWithReason makes "Small Batches Are Safer" a question when the
// section's first paragraph gives the reason: a clause after "because" or
// a colon.
func (w *walker) claimWithReason(words []string, para string) (question, answer string) {
	if in(" how what when where who which whether ", strings.ToLower(words[0])) {
		return "", ""
	}
	verb := -1
	for i, wd := range words {
		if i > 0 && in(" is are ", strings.ToLower(wd)) {
			verb = i
			break
		}
	}
	if verb < 0 || verb == len(words)-1 {
		return "", ""
	}
	for _, s := range sentences(para) {
		for _, marker := range []string{" because ", ": "} {
			_, reason, ok := strings.Cut(s, marker)
			if !ok || wordCount(reason) < 5 || leansBack(reason, "") {
				continue
			}
			counts := w.note.wordCounts()
			subject := lowerLead(lowerCommon(strings.Join(words[:verb], " "), counts))
			pred := lowerCommon(strings.Join(words[verb+1:], " "), counts)
			return "Why " + strings.ToLower(words[verb]) + " " + subject + " " + pred + "?", ownStatement(upperFirst(reason))
		}
	}
	return "", ""
}

// lowerLead lower-cases the first letter of a phrase moved inside a
// question ("Small teams" → "small teams"), unless its first word is a
// name or an acronym ("DoorDash", "AI").
func lowerLead(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if len(first) < 2 || isName([]string{first}) || strings.ToUpper(first) == first {
		return s
	}
	return strings.ToLower(first[:1]) + s[1:]
}

// claimShaped is a quick look at a heading before headingClaim reads its
// paragraph: most headings name a topic.
func claimShaped(h string) bool {
	return strings.HasPrefix(h, "Why ") || strings.HasPrefix(h, "why ") || strings.Contains(h, ": ") ||
		strings.Contains(h, " Is ") || strings.Contains(h, " is ") || strings.Contains(h, " Are ") || strings.Contains(h, " are ")
}

// framingVerbs say where an argument or a talk starts, not why anything
// holds.
var framingVerbs = []string{" starts from ", " starts with ", " begins with ", " begins from ", " opens with ", " turns to ", " comes back to "}

// framing reports whether a sentence only frames what follows: "Raman's
// argument starts from the research", "The talk opens with a story".
func framing(s string) bool {
	for _, v := range framingVerbs {
		if i := strings.Index(s, v); i > 0 && wordCount(s[:i]) <= 4 {
			return true
		}
	}
	return false
}

// reasonMarkers say that a sentence gives a cause or a consequence.
var reasonMarkers = []string{" because ", " since ", ", so ", " so that ", ": ", " — ", " which means ", " leads to ", " lead to ", " causes ", " without ", " therefore ", " thus "}

// characterization reports whether a sentence only says what its subject
// is ("A backup that has never been restored is only a hope", "X is the
// foundation of Y") and gives no reason: no answer to "Why …?". A
// sentence with any other verb ("A bacterial population … grows
// exponentially") or a reason marker may answer it.
func characterization(s string) bool {
	for _, m := range reasonMarkers {
		if strings.Contains(s, m) {
			return false
		}
	}
	words := strings.Fields(strings.ToLower(s))
	for i := 1; i+1 < len(words) && i < 12; i++ {
		if !in(" is are was were ", words[i]) || relativesSet.has(words[i-1]) {
			continue
		}
		next := words[i+1]
		if in(" only just merely not never still ", next) && i+2 < len(words) {
			next = words[i+2]
		}
		return in(" a an the no one ", next)
	}
	return false
}
