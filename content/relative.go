package content

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Figures written as words and times written relative to the sentence
// before. "The process cut the price of steel by about five times" holds
// a figure as surely as "by 5 times" does; "Just nine years later, Bessemer
// steel was rolled into rails" holds a date, but only with the date of the
// sentence before it: lifted alone onto a card, "nine years later" points
// nowhere. A careful writer writes the date in ("In 1865, Bessemer steel
// …") when the earlier date makes it certain, and otherwise leaves the
// sentence for another.

// numberWordsSet are the numbers written as words that count a unit:
// "fifteen days", "three times". "One" is left out: "one day" opens a
// story, it counts nothing.
var numberWordsSet = wordsOf("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen " +
	"eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety")

// numberWordValue is the value of a number written as a word ("fifteen",
// "twenty-five", "a" or "an" for one), or 0.
func numberWordValue(w string) int {
	w = strings.ToLower(w)
	if w == "a" || w == "an" || w == "one" {
		return 1
	}
	if tens, ones, ok := strings.Cut(w, "-"); ok {
		t, o := numberWordValue(tens), numberWordValue(ones)
		if t < 20 || t%10 != 0 || o < 1 || o > 9 {
			return 0
		}
		return t + o
	}
	for i, n := range []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
		"fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		if w == n {
			return i + 2
		}
	}
	for i, n := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		if w == n {
			return 20 + 10*i
		}
	}
	return 0
}

// isNumberWord reports whether a word (trimmed, any case) is a number of
// numberWordsSet or a compound of them, "twenty-five".
func isNumberWord(w string) bool {
	if numberWordsSet.hasFold(w) {
		return true
	}
	tens, ones, ok := strings.Cut(w, "-")
	return ok && numberWordsSet.hasFold(tens) && numberWordsSet.hasFold(ones) && numberWordValue(w) > 0
}

// hasNumberWord is a quick look for a number written as a word before
// figures reads a sentence with no digit: one pass over its words.
func hasNumberWord(s string) bool {
	// Most sentences are ASCII: their words are cut at ASCII white space
	// as strings.Fields cuts them, with no rune decoded.
	for i := 0; i < len(s); {
		for i < len(s) && s[i] < utf8.RuneSelf && asciiSpace[s[i]] {
			i++
		}
		start := i
		for i < len(s) && !(s[i] < utf8.RuneSelf && asciiSpace[s[i]]) {
			if s[i] >= utf8.RuneSelf {
				return hasNumberWordRunes(s)
			}
			i++
		}
		if w := s[start:i]; len(w) >= 3 && len(w) <= 13 {
			// Every number word, and the tens of a compound, starts with a
			// byte of the set's table: the others are no number.
			if w = strings.Trim(w, ",.;:()\""); w != "" && numberWordsSet.lens[lowerASCII(w[0])] != 0 && isNumberWord(w) {
				return true
			}
		}
	}
	return false
}

// hasNumberWordRunes is hasNumberWord of a sentence with a rune outside
// ASCII.
func hasNumberWordRunes(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if len(w) >= 3 && len(w) <= 13 && isNumberWord(strings.Trim(w, ",.;:()\"“”")) {
			return true
		}
	}
	return false
}

// relativeUnits are the units of a time counted from the sentence before,
// "nine years later", by their length in AddDate's terms.
var relativeUnits = map[string][3]int{
	"year": {1, 0, 0}, "years": {1, 0, 0}, "decade": {10, 0, 0}, "decades": {10, 0, 0},
	"month": {0, 1, 0}, "months": {0, 1, 0}, "week": {0, 0, 7}, "weeks": {0, 0, 7}, "day": {0, 0, 1}, "days": {0, 0, 1},
}

// relativeOpener reads a sentence opening with a time counted from the one
// before it, "Just fifteen days later, the plane …", "Two years later the
// company …": the count, the unit's length, and the clause after it; ok is
// false for any other sentence.
func relativeOpener(s string) (n int, unit [3]int, rest string, ok bool) {
	if !strings.Contains(s[:min(len(s), 40)], " later") {
		return 0, unit, "", false // nearly every sentence: no split
	}
	words := strings.SplitN(s, " ", 6)
	k := 0
	if len(words) > 0 && in(" just only about some barely nearly almost roughly ", strings.ToLower(words[0])) {
		k++
	}
	if len(words) < k+4 {
		return 0, unit, "", false
	}
	n = numberWordValue(words[k])
	if n == 0 {
		n, _ = strconv.Atoi(words[k])
	}
	unit, isUnit := relativeUnits[strings.ToLower(words[k+1])]
	later := strings.ToLower(strings.TrimSuffix(words[k+2], ","))
	if n <= 0 || n > 1000 || !isUnit || later != "later" {
		return 0, unit, "", false
	}
	at := 0
	for _, w := range words[:k+3] {
		at += len(w) + 1
	}
	return n, unit, strings.TrimSpace(s[min(at, len(s)):]), at < len(s)
}

// aDate is a date a sentence gives, to the day, the month or the year.
type aDate struct {
	t          time.Time
	month, day bool // how precise: "March 1866" has its month, "5 August 1858" its day
}

// String writes the date as the notes write it: "1866", "March 1866", "5
// August 1858".
func (d aDate) String() string {
	switch {
	case d.day:
		return strconv.Itoa(d.t.Day()) + " " + d.t.Month().String() + " " + strconv.Itoa(d.t.Year())
	case d.month:
		return d.t.Month().String() + " " + strconv.Itoa(d.t.Year())
	}
	return strconv.Itoa(d.t.Year())
}

// datesIn returns the dates a sentence gives ("1856", "March 2023", "17
// December 1903"), at most three.
func datesIn(s string) []aDate {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	words := strings.Fields(s)
	var out []aDate
	for i, w := range words {
		w = strings.Trim(w, ",.;:()\"“”")
		if !isYear(w) {
			continue
		}
		year, _ := strconv.Atoi(w)
		d := aDate{t: time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)}
		if i > 0 {
			if m := monthOf(words[i-1]); m > 0 {
				d.t, d.month = time.Date(year, m, 1, 0, 0, 0, 0, time.UTC), true
				if i > 1 {
					if day, err := strconv.Atoi(words[i-2]); err == nil && day >= 1 && day <= 31 {
						d.t, d.day = time.Date(year, m, day, 0, 0, 0, 0, time.UTC), true
					}
				}
			}
		}
		out = append(out, d)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// monthOf is the month a word names ("March", "march,"), or 0.
func monthOf(w string) time.Month {
	w = strings.ToLower(strings.Trim(w, ",.;:"))
	if !monthsSet.has(w) {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if strings.ToLower(m.String()) == w {
			return m
		}
	}
	return 0
}

// anchoredTime writes the date into a sentence opening with a time counted
// from an earlier one, "Just nine years later, Bessemer steel was …" →
// "In 1865, Bessemer steel was …", when the nearest earlier sentence that
// gives a date gives one, precise enough for the unit (a year counts on
// from a year, days only from a day). earlier returns the earlier
// sentences' text, nearest first, k from 0, "" past the first. It returns
// s as it is when s opens with no such time, and ok false when the date
// is not certain: the sentence leans on another then.
func anchoredTime(s string, earlier func(k int) string) (out string, ok bool) {
	n, unit, rest, rel := relativeOpener(s)
	yearOnly := false // "That year": the year, not the day before it
	if !rel {
		years, after, kind := timePointer(s)
		switch {
		case kind == noPointer:
			return s, true
		case len(datesIn(after)) > 0:
			// "After that, the locks were finished in 1825": the sentence
			// gives its own date; the pointer only joins it to the story.
			return upperFirst(after), true
		case kind == pointsOnly:
			return s, false
		}
		n, unit, rest, yearOnly = years, relativeUnits["year"], after, true
		if kind == nextDay {
			n, unit, yearOnly = 1, relativeUnits["day"], false
		}
	}
	for k := 0; ; k++ {
		e := earlier(k)
		if e == "" {
			return s, false
		}
		if _, _, _, r := relativeOpener(withoutConnective(e)); r {
			return s, false // counted from a date left uncertain
		}
		if _, rest, kind := timePointer(withoutConnective(e)); kind != noPointer && len(datesIn(rest)) == 0 {
			return s, false
		}
		dates := datesIn(e)
		if len(dates) == 0 {
			continue
		}
		if len(dates) > 1 {
			return s, false // which date it counts from is unclear
		}
		d := dates[0]
		if unit[2] != 0 && !d.day || unit[1] != 0 && !d.month {
			return s, false // "fifteen days" after "1903": the day is unknown
		}
		d.t = d.t.AddDate(n*unit[0], n*unit[1], n*unit[2])
		if yearOnly {
			d.day, d.month = false, false
		}
		prep := "In "
		if d.day {
			prep = "On "
		}
		return prep + d.String() + ", " + rest, true
	}
}

// anchoredAt is anchoredTime for sentence i of the paragraph, plain as the
// caller reads it: the earlier sentences are the paragraph's, then those
// of the paragraph before in the same section, each with its own counted
// time written in.
func (sp *paraSpans) anchoredAt(i int, plain string) (string, bool) {
	bare := withoutConnective(plain)
	if _, _, _, rel := relativeOpener(bare); !rel {
		if _, _, kind := timePointer(bare); kind == noPointer {
			return plain, true
		}
	}
	var before []string
	return anchoredTime(bare, func(k int) string {
		if j := i - 1 - k; j >= 0 {
			e, _ := sp.anchoredAt(j, plainOf(sp.sentences[j]))
			return e
		}
		if before == nil {
			before = sentences(sp.before)
		}
		if j := len(before) - 1 - (k - i); j >= 0 {
			return plainOf(before[j]) // its own counted time is not written in: it stops the search
		}
		return ""
	})
}

// datedFact reports whether a short sentence gives one date and says
// something of it, "The canal opened in 1825.", "Bessemer died in 1898.":
// a subject, then a verb, not a fragment.
func datedFact(s string) bool {
	f := figure(s)
	if f == "" || !isYear(lastWord(f)) {
		return false
	}
	first := strings.ToLower(firstWord(s))
	return !notSubjectsSet.has(first) && !isYear(first)
}

// withoutLeadConnective drops what only joins a sentence to the one
// before: an additive connective ("Also, ", "In addition, ") or a "Then"
// before the clause's subject.
func withoutLeadConnective(s string) string {
	s = withoutConnective(s)
	for _, seq := range []string{"First, ", "Next, ", "Finally, "} {
		if rest, ok := strings.CutPrefix(s, seq); ok && rest != "" {
			return upperFirst(rest) // "Finally, the locks were finished …": the order is the story's
		}
	}
	rest, ok := strings.CutPrefix(s, "Then, ")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "Then "); ok && !in(" the a an ", firstWord(rest)) && !capitalised(rest) {
			return s // "Then came the war": the verb goes first
		}
	}
	if !ok || rest == "" {
		return s
	}
	return upperFirst(rest)
}

// wordFigure returns the one figure a sentence with no digit writes in
// words, with its unit: "five times", "fifteen days", "two to three
// months"; "" when it has none or several.
func wordFigure(s string) string {
	if strings.ContainsAny(s, "0123456789") || !hasNumberWord(s) {
		return ""
	}
	words := strings.Fields(s)
	found := ""
	for i := 0; i < len(words); i++ {
		w := strings.Trim(words[i], ",.;:()\"“”")
		if !isNumberWord(w) || w != strings.TrimLeft(words[i], "(\"“") {
			continue
		}
		start, end := i, i+1
		// "two to three months": a range is one figure.
		if end+1 < len(words) && words[end] == "to" && isNumberWord(words[end+1]) {
			end += 2
		}
		if i > 1 && words[i-1] == "to" && isNumberWord(words[i-2]) {
			continue // the range's end, read with its start
		}
		k := end
		for k < len(words) && k-end < 2 && unitsSet.has(strings.ToLower(strings.Trim(words[k], ",.;:)"))) {
			k++
		}
		if k == end {
			continue // "two of them": a count of nothing named
		}
		if found != "" {
			return "" // several figures: no one of them is the fact
		}
		found = strings.Trim(strings.Join(words[start:k], " "), ",.;:()")
		i = k - 1
	}
	return found
}

// The kinds of timePointer's openers.
const (
	noPointer  = iota
	pointsOnly // "After that,": a time only the sentence before gives
	sameYear   // "That year,"
	nextYear   // "The following year,"
	nextDay    // "The next day,"
)

// timeOpeners open a sentence with a time the sentence before gives,
// "After that, …", "By then, …", "The next year, …", by what they count.
var timeOpeners = []struct {
	opener string
	kind   int
}{
	{"after that, ", pointsOnly}, {"after this, ", pointsOnly}, {"soon after, ", pointsOnly}, {"shortly after, ", pointsOnly},
	{"soon afterwards, ", pointsOnly}, {"shortly afterwards, ", pointsOnly}, {"afterwards, ", pointsOnly}, {"afterward, ", pointsOnly},
	{"later, ", pointsOnly}, {"soon, ", pointsOnly}, {"by then, ", pointsOnly}, {"by that time, ", pointsOnly},
	{"at that time, ", pointsOnly}, {"at the time, ", pointsOnly}, {"until then, ", pointsOnly}, {"since then, ", pointsOnly},
	{"that year, ", sameYear}, {"the same year, ", sameYear}, {"that same year, ", sameYear}, {"in the same year, ", sameYear},
	{"the next year, ", nextYear}, {"the following year, ", nextYear},
	{"the next day, ", nextDay}, {"the following day, ", nextDay}, {"the day after, ", nextDay},
}

// timePointer reads a sentence opening with a time the sentence before
// gives: the years it counts on from that one's date, the clause after
// the opener, and the opener's kind (noPointer for any other sentence).
func timePointer(s string) (years int, rest string, kind int) {
	if len(s) < 8 {
		return 0, s, noPointer
	}
	switch s[0] | 0x20 {
	case 'a', 's', 'l', 'b', 'u', 't', 'i':
	default:
		return 0, s, noPointer // most sentences: no look at the list
	}
	var buf [24]byte
	lower := string(lowerInto(buf[:0], s[:min(len(s), 24)]))
	for _, o := range timeOpeners {
		if strings.HasPrefix(lower, o.opener) {
			rest = strings.TrimSpace(s[len(o.opener):])
			if rest == "" {
				return 0, s, noPointer
			}
			if o.kind == nextYear {
				years = 1
			}
			return years, rest, o.kind
		}
	}
	return 0, s, noPointer
}

// demonstrativeNamings follow the noun phrase a naming sentence names.
var demonstrativeNamings = []string{" is called ", " are called ", " is known as ", " are known as ", " is named ", " is termed ", " are termed "}

// withoutNamingPointer drops the demonstrative of a sentence naming what
// the sentence before described, "This rapid cooling is called
// quenching" → "Rapid cooling is called quenching", when its noun phrase
// says what is named alone: two or three words, no ordinal or "same" or
// "other" ("This second approach"), no head that only names a kind of
// thing ("This technique"). Any other sentence is returned as it is.
func withoutNamingPointer(s string) string {
	rest, ok := strings.CutPrefix(s, "This ")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "These "); !ok {
			return s
		}
	}
	for _, v := range demonstrativeNamings {
		i := strings.Index(rest, v)
		if i <= 0 {
			continue
		}
		np := strings.Fields(rest[:i])
		if len(np) < 2 || len(np) > 3 || strings.ContainsAny(rest[:i], ",;:()\"“") ||
			in(" first second third last next same other new latter former whole entire ", np[0]) {
			return s
		}
		for _, w := range np {
			if strings.ToLower(w) != w || pointerWords[strings.TrimSuffix(w, "s")]&wordSelfKind != 0 || vagueHeadsSet.has(w) {
				return s
			}
		}
		return upperFirst(rest)
	}
	return s
}
