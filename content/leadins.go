package content

import "strings"

// Bold lead-ins that are not terms. A careful writer asks "What is X?" of
// a term only; a lead-in that states a claim ("**Defragmenting is
// harmful:** It adds writes …") is asked why it holds, and a piece of
// advice ("**Enable TRIM:** The TRIM command tells the drive …, so it can
// erase them ahead of time") is asked why it is given when its text gives
// the reason rather than more instructions.

// claimCopulas are the verbs whose subject a claim's question moves after
// them: "Silence is useful" → "Why is silence useful?".
var claimCopulasSet = wordsOf("is are was were can can't cannot will won't should shouldn't must")

// claimVerbs are other verbs a short claim is made with; their question
// takes "do" or "does": "Three tiers work best" → "Why do three tiers
// work best?".
var claimVerbsSet = wordsOf("work works matter matters win wins beat beats pay pays fail fails hurt hurts backfire backfires compound compounds scale scales outperform outperforms")

// claimLeadInQuestion asks why a lead-in that is a claim of its own holds:
// a subject of one to four words, then one of the verbs above, then what
// it says of it. "" when term is not such a claim.
func claimLeadInQuestion(term string, words map[string]int) string {
	var fBuf [32]string
	f := appendFields(fBuf[:0], term)
	if len(f) < 3 || len(f) > 8 || strings.ContainsAny(term, "?:;\"“") {
		return ""
	}
	first := strings.ToLower(f[0])
	if notVerbsSet.has(first) || in(" how why what when where who which whether ", first) {
		return ""
	}
	for i := 1; i < len(f)-1 && i <= 4; i++ {
		w := f[i]
		if w != "Is" && w != "Are" {
			// "Change Fail Rate" is a name: a claim's verb is written in
			// lower case.
			w = strings.ToLower(w)
			if w != f[i] {
				continue
			}
		}
		w = strings.ToLower(w)
		if in(" that which who whom whose ", strings.ToLower(f[i-1])) {
			// "Using a starter that is not ready": the verb is the
			// relative clause's, and the lead-in a noun phrase.
			return ""
		}
		subject := lowerCommon(strings.Join(f[:i], " "), words)
		rest := strings.Join(f[i+1:], " ")
		if strings.Contains(strings.Join(f[:i], " "), ",") {
			return ""
		}
		switch {
		case claimCopulasSet.has(w):
			return "Why " + w + " " + subject + " " + lowerFirstWord(rest) + "?"
		case claimVerbsSet.has(w):
			if strings.HasSuffix(w, "s") {
				return "Why does " + subject + " " + strings.TrimSuffix(w, "s") + " " + rest + "?"
			}
			return "Why do " + subject + " " + w + " " + rest + "?"
		}
	}
	return ""
}

// reasonVerbs say what an act does for the reader, so a sentence with one
// after the act answers why to do it: "Keeping 10 percent free gives the
// controller room", "A running document shows the report …".
var reasonVerbsSet = wordsOf("reports report reveals reveal warns warn causes cause damages damage ruins ruin wastes waste gives give lets let tells tell shows show teaches teach draws draw helps help keeps keep prevents prevent protects protect avoids avoid reduces reduce lowers lower improves improve adds add costs cost saves save means mean brings bring ensures ensure allows allow stops stop signals signal builds build earns earn makes make catches catch forces force")

// adviceReasonMarkers say that what follows an act is its reason, in any case.
var adviceReasonMarkers = newPhraseIndex(", so ", " because ", " since ", " so that ", " otherwise ")

// givesReason reports whether an advice item's answer says what following
// it does, not how to follow it: a reason marker (", so", "because") or,
// within its first dozen words, a verb of what an act does.
func givesReason(back []string) bool {
	if len(back) == 0 {
		return false
	}
	s := back[0]
	if instruction(back) {
		return false
	}
	var buf [12]string
	f := leadFields(s, buf[:0])
	if len(f) >= 2 && inFold(" this these that those ", f[0]) && pointerWords[pointerWord(f[1])]&wordVerbAfterPointer == 0 {
		// "This common currency allows …": the text says what the topic
		// does, not what following the advice does.
		return false
	}
	if adviceReasonMarkers.anyFold(s) {
		return true
	}
	if comparesAct(f) {
		return true // "Swapping the tube is faster than patching in the rain"
	}
	for i := 1; i < len(f); i++ {
		if reasonVerbsSet.hasFold(strings.Trim(f[i], ",.;:\"“”")) {
			// "Every word must earn its place" is a rule, not a reason.
			return !inFold(" must should ", f[i-1])
		}
	}
	return false
}

// adviceWhyQuestion asks why to follow a piece of advice written as a
// command, when its answer gives the reason: "**Enable TRIM:** The TRIM
// command tells the drive …" → "Why enable TRIM?", "**Don't solve
// everything:** Jumping to a fix teaches …" → "Why not solve
// everything?". "" when term is no command or the answer says how.
func adviceWhyQuestion(term string, back []string, words map[string]int) string {
	if !givesReason(back) || strings.ContainsAny(term, "?:;/\"“") || wordCount(term) > 8 || strings.Contains(strings.ToLower(term), " vs") {
		return ""
	}
	neg, f := commandWords(term)
	if len(f) < 2 || neg == "" && !looksImperative(strings.Join(f, " ")) && !adviceVerbsSet.hasFold(f[0]) {
		return ""
	}
	return "Why " + neg + lowerFirstWord(lowerCommon(strings.Join(f, " "), words)) + "?"
}

// commandWords splits a command into its negation ("not " for "Don't",
// "Never", "Do not") and its words after any "Do", "Always" or negation:
// "Don't solve everything" is "not " and "solve everything".
func commandWords(term string) (neg string, f []string) {
	f = strings.Fields(term)
	if len(f) == 0 {
		return "", f
	}
	switch strings.ToLower(f[0]) {
	case "don't", "don’t", "never":
		neg, f = "not ", f[1:]
	case "do", "always":
		if len(f) > 1 && strings.EqualFold(f[1], "not") {
			neg, f = "not ", f[2:]
		} else {
			f = f[1:]
		}
	}
	return neg, f
}

// adviceVerbs open commands looksImperative does not know, and are
// seldom nouns: "Leave free space".
var adviceVerbsSet = wordsOf("leave raise hide stay try turn prefer protect disable reserve")

// namesProcedure reports whether a list's lead-in says its items are the
// steps of something ("A good one-on-one follows a simple sequence:",
// "Campbell suggests a short process for a first price:"): each item of
// its numbered list is a step, whatever verb it opens with.
func namesProcedure(lead string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(lead)) {
		if in(" process sequence procedure steps stages routine ", strings.Trim(w, ",.;:()")) {
			return true
		}
	}
	return false
}

// byline reads the text after a bold title as "by Author: description"
// ("by Andy Grove: The 1983 book …"): the author, one to five capitalised
// words, and the description; ok is false for any other text.
func byline(rest string) (author, own string, ok bool) {
	after, found := strings.CutPrefix(strings.TrimSpace(rest), "by ")
	if !found {
		return "", "", false
	}
	name, desc, found := strings.Cut(after, ":")
	desc = strings.TrimSpace(desc)
	f := strings.Fields(name)
	if !found || len(f) == 0 || len(f) > 5 || !hasWord(desc) {
		return "", "", false
	}
	for _, w := range f {
		if !startsUpper(w) && !in(" de van von der da del la le ", w) {
			return "", "", false
		}
	}
	return strings.Join(f, " "), desc, true
}

// comparesAct reports whether an answer's first words weigh the act
// against another: "Swapping the tube is faster than patching", "A sharp
// knife is safer than a dull one": a reason to follow the advice.
func comparesAct(f []string) bool {
	for i := 2; i+1 < len(f); i++ {
		if !strings.EqualFold(f[i+1], "than") {
			continue
		}
		w := strings.ToLower(f[i])
		prev := strings.ToLower(f[i-1])
		if claimCopulasSet.has(prev) && (strings.HasSuffix(w, "er") && len(w) > 4 || in(" better worse ", w)) ||
			i >= 2 && in(" more less ", prev) && claimCopulasSet.has(strings.ToLower(f[i-2])) {
			return true
		}
	}
	return false
}
