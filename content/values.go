package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Values and dates. A careful writer asking for a value names the quantity
// ("What is the threshold of pain?", "How many deaths?", "Tyre pressure for
// *Road bike*?"), never "What figure does the note give for …?", which
// does not say what to recall; and an item named by a date ("**1903**:
// Panama declared independence …") is an event, asked what happened then.

// quantity kinds an answer's leading figure is measured in.
const (
	qtyNone  = ""
	qtyMoney = "money"
	qtyTime  = "time"
	qtyShare = "share"
	qtyCount = "count"
	qtyYear  = "year"
)

// unitQuantities name what a unit measures: "80–100 psi" is a pressure.
var unitQuantities = map[string]string{
	"psi": "pressure", "bar": "pressure", "pa": "pressure", "kpa": "pressure", "hpa": "pressure", "mmhg": "pressure",
	"m/s": "speed", "km/h": "speed", "kph": "speed", "mph": "speed", "knots": "speed",
	"hz": "frequency", "khz": "frequency", "mhz": "frequency", "ghz": "frequency", "hertz": "frequency",
	"db": "sound level", "decibels": "sound level",
	"kg": "weight", "g": "weight", "mg": "weight", "grams": "weight", "kilograms": "weight", "tonnes": "weight", "tons": "weight", "lb": "weight", "lbs": "weight",
	"km": "length", "m": "length", "cm": "length", "mm": "length", "metres": "length", "meters": "length", "kilometres": "length", "kilometers": "length", "miles": "length", "feet": "length", "ft": "length", "inches": "length", "centimetres": "length", "millimetres": "length",
	"°c": "temperature", "°f": "temperature", "kelvin": "temperature", "degrees": "temperature",
	"v": "voltage", "volts": "voltage", "kv": "voltage",
	"w": "power", "kw": "power", "mw": "power", "watts": "power", "kilowatts": "power", "megawatts": "power",
	"l": "volume", "ml": "volume", "litres": "volume", "liters": "volume", "millilitres": "volume",
	"kwh": "energy", "j": "energy", "kj": "energy", "joules": "energy", "calories": "energy", "kcal": "energy",
}

// timeUnits measure a duration: "66 days" answers "How long …?".
var timeUnitsSet = wordsOf("ms millisecond milliseconds second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks month months year years decade decades century centuries")

// moneyWords after a figure make it an amount of money.
var moneyWordsSet = wordsOf("dollars pounds euros yen usd eur gbp")

// magnitudes scale a figure without measuring it: "$40 million".
var magnitudesSet = wordsOf("thousand million millions billion billions trillion k m bn")

// quantityNouns head a term that names a quantity rather than a thing:
// "Total cost", "Threshold of pain", "Range of hearing", "Workforce".
var quantityNounsSet = wordsOf("cost costs price prices fee fees budget salary revenue income spend spending total range threshold limit limits speed rate rates time duration length size weight height depth width temperature pressure share percentage proportion population workforce headcount staff attendance distance capacity frequency lifespan age number count amount level dose dosage yield output margin loss losses growth deaths casualties death toll value score")

// collectiveNouns name a body of people or things counted by its members:
// "Workforce", "Population".
var collectiveNounsSet = wordsOf("workforce staff population headcount attendance crew membership audience garrison fleet herd colony")

// attributeKinds tie a heading's attribute word to the quantity its
// values are measured in: under "Cost" an item "Deaths: About 5,600
// workers died" is no cost, and its own name is the quantity.
var attributeKinds = map[string]string{
	"cost": qtyMoney, "costs": qtyMoney, "price": qtyMoney, "prices": qtyMoney, "pricing": qtyMoney,
	"budget": qtyMoney, "budgets": qtyMoney, "salary": qtyMoney, "salaries": qtyMoney,
	"duration": qtyTime, "durations": qtyTime, "deadline": qtyTime, "deadlines": qtyTime, "latency": qtyTime, "latencies": qtyTime,
	"pressure": "pressure", "pressures": "pressure", "speed": "speed", "speeds": "speed",
	"temperature": "temperature", "temperatures": "temperature", "weight": "weight", "weights": "weight",
}

// figureKind reads the figure an answer opens with (after "About", "More
// than", …) and says what it measures: qtyMoney, qtyTime, qtyShare,
// qtyCount (with the counted noun, "workers"), qtyYear, a physical
// quantity named by its unit ("pressure"), or qtyNone.
func figureKind(answer string) (kind, noun string) {
	var buf [8]string
	f := leadFields(answer, buf[:0])
	i := 0
	for i < len(f) && i < 3 && !hasDigit(f[i]) {
		i++
	}
	if i == len(f) || !hasDigit(f[i]) {
		return qtyNone, ""
	}
	fig := strings.TrimRight(f[i], ".,;:)")
	if strings.ContainsAny(fig, "$£€¥") {
		return qtyMoney, ""
	}
	if strings.HasSuffix(fig, "%") {
		return qtyShare, ""
	}
	if isYear(strings.TrimLeft(fig, "(~")) && i+1 < len(f) && !hasDigit(f[i+1]) {
		if _, ok := unitQuantities[strings.ToLower(strings.Trim(f[i+1], ".,;:"))]; !ok && !timeUnitsSet.hasFold(strings.Trim(f[i+1], ".,;:")) {
			return qtyYear, ""
		}
	}
	if isYear(fig) && i+1 == len(f) {
		return qtyYear, ""
	}
	// A unit may be written onto the figure ("20Hz", "130dB").
	if j := strings.IndexFunc(fig, func(r rune) bool { return unicode.IsLetter(r) || r == '°' }); j > 0 {
		if q, ok := unitQuantities[strings.ToLower(fig[j:])]; ok {
			return q, ""
		}
	}
	// The words after the figure, past a range ("18 to 254", "80–100")
	// and a magnitude ("40 million").
	for j := i + 1; j < len(f); j++ {
		w := strings.ToLower(strings.Trim(f[j], ".,;:()"))
		switch {
		case w == "" || w == "to" || w == "and" || w == "or" || w == "–" || w == "-" || hasDigit(w):
			continue
		case magnitudesSet.has(w):
			continue
		case moneyWordsSet.has(w):
			return qtyMoney, ""
		case w == "percent" || w == "per" && j+1 < len(f) && strings.HasPrefix(strings.ToLower(f[j+1]), "cent"):
			return qtyShare, ""
		case timeUnitsSet.has(w):
			return qtyTime, ""
		}
		if (w == "metres" || w == "meters" || w == "kilometres" || w == "kilometers" || w == "miles") && j+2 < len(f) && strings.EqualFold(f[j+1], "per") {
			return "speed", ""
		}
		if q, ok := unitQuantities[w]; ok {
			return q, ""
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !in(prepositions, w) && !in(" times a an the ", w) {
			return qtyCount, w
		}
		return qtyNone, ""
	}
	return qtyNone, ""
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// quantityTerm reports whether a term names a quantity: its head noun
// (the word before its first preposition, or its last word) is one, or it
// is a quantity with "needed" or "required" after it.
func quantityTerm(term string) bool {
	f := strings.Fields(strings.ToLower(term))
	if len(f) == 0 {
		return false
	}
	head := f[len(f)-1]
	for i, w := range f {
		if i > 0 && in(prepositions, w) {
			head = f[i-1]
			break
		}
	}
	return quantityNounsSet.has(strings.Trim(head, ",.;:()"))
}

// neededQuantity splits "Water needed" into "water" and "needed".
func neededQuantity(term string) (what, verb string, ok bool) {
	f := strings.Fields(term)
	if len(f) < 2 || len(f) > 4 {
		return "", "", false
	}
	last := strings.ToLower(f[len(f)-1])
	if last != "needed" && last != "required" {
		return "", "", false
	}
	return strings.Join(f[:len(f)-1], " "), last, true
}

// headingAttribute returns a heading's attribute and what follows it when
// the heading names a value ("Tyre Pressure", "Speed in Different Media"
// → "Speed", " in"), and the quantity kind the attribute is measured in
// ("" when any).
func headingAttribute(list string) (attr, prep, kind string) {
	h := cleanHeading(list)
	f := strings.Fields(h)
	for i, w := range f {
		lw := strings.ToLower(strings.Trim(w, ",.;:()"))
		if i+1 < len(f) && in(" in across by for among ", strings.ToLower(f[i+1])) && (attributeKinds[lw] != "" || inSet(attributeWordsSet, lw)) {
			// "Speed in Different Media": the items are the media.
			rest := strings.ToLower(strings.Join(f[i+2:], " "))
			if rest == "" || in(" different various other several each every typical common ", strings.Fields(rest)[0]) {
				return strings.Join(f[:i+1], " "), " " + strings.ToLower(f[i+1]), attributeKinds[lw]
			}
		}
		if i == len(f)-1 && (attributeKinds[lw] != "" || inSet(attributeWordsSet, lw)) {
			return h, " for", attributeKinds[lw]
		}
	}
	return "", "", ""
}

// valueQuestion asks for the value an item gives, naming the quantity:
// from the item's name when it names one ("What is the *threshold of
// pain*?", "How many *deaths*?"), from its heading when the heading names
// it ("Tyre pressure for *Road bike*?"), else from the answer's unit
// ("What is the pressure for *Road bike*?", "How long does *Proofing*
// take?").
func valueQuestion(term string, back []string, list string, words map[string]int) string {
	answer := ""
	if len(back) > 0 {
		answer = back[0]
	}
	kind, noun := figureKind(answer)
	lower := lowerCommon(term, words)
	if what, verb, ok := neededQuantity(term); ok {
		many := "much"
		if isPlural(what) {
			many = "many"
		}
		be := "is"
		if isPlural(what) {
			be = "are"
		}
		return "How " + many + " " + lowerCommon(what, words) + " " + be + " " + verb + "?"
	}
	// The item's own name is the quantity when it has the heading's
	// attribute word in it ("Total cost" under "Cost"), or when its answer
	// is no value of the heading's kind ("Deaths: 5,600 workers" under
	// "Cost").
	attr, prep, attrKind := headingAttribute(list)
	if attr != "" && !strings.Contains(strings.ToLower(term), strings.ToLower(singular(attr))) && (attrKind == "" || kind == qtyNone || attrKind == kind) {
		return upperFirst(lowerCommon(singular(attr), words)) + prep + " *" + term + "*?"
	}
	if kind == qtyCount && isPlural(term) && !quantityTerm(term) || kind == qtyCount && in(" deaths casualties ", strings.ToLower(term)) {
		return "How many *" + lower + "*?"
	}
	if kind == qtyCount && noun != "" && collectiveNounsSet.hasFold(strings.ToLower(strings.TrimSpace(term))) {
		// "Workforce: More than 40,000 people …": a count of the people.
		return "How many " + noun + " in the *" + lower + "*?"
	}
	if quantityTerm(term) {
		article, bare := splitArticle(term)
		if article == "" {
			article = "the"
		}
		return "What is " + article + " *" + lowerCommon(bare, words) + "*?"
	}
	switch kind {
	case qtyMoney:
		return "How much is *" + term + "*?"
	case qtyTime:
		return "How long is *" + term + "*?"
	case qtyShare:
		return "What share is *" + term + "*?"
	case qtyCount:
		return "How many " + noun + " for *" + term + "*?"
	case qtyYear:
		return "In what year was *" + term + "*?"
	case qtyNone:
		return "What figure does the note give for *" + term + "*?"
	}
	return "What is the " + kind + " for *" + term + "*?"
}

// dateTerm reports whether a term is a date: a year ("1903"), a decade
// ("1850s"), or a day or month with a year ("15 August 1914", "June 1858").
func dateTerm(term string) (prep string, ok bool) {
	if first, _, _ := strings.Cut(term, " "); term == "" || (term[0] < '0' || term[0] > '9') && !monthsSet.hasFold(first) {
		return "", false // no date opens with a letter other than a month's
	}
	var buf [4]string
	f := leadFields(strings.Trim(term, " :"), buf[:0])
	if len(f) == 0 || len(f) > 3 {
		return "", false
	}
	last := strings.TrimSuffix(f[len(f)-1], ",")
	switch {
	case len(f) == 1 && len(last) == 5 && last[4] == 's' && isYear(last[:4]):
		return "in the", true
	case !isYear(last):
		return "", false
	case len(f) == 1:
		return "in", true
	}
	month := -1
	for i, w := range f[:len(f)-1] {
		if monthsSet.hasFold(strings.Trim(w, ",")) {
			month = i
		} else if !isDayNumber(strings.TrimRight(w, ",")) {
			return "", false
		}
	}
	if month < 0 {
		return "", false
	}
	if len(f) == 3 {
		return "on", true
	}
	return "in", true
}

func isDayNumber(w string) bool {
	w = strings.TrimRight(w, "stndrh")
	return len(w) >= 1 && len(w) <= 2 && strings.Trim(w, "0123456789") == ""
}

// dateQuestion asks what happened at a date item's date.
func dateQuestion(term string) string {
	prep, _ := dateTerm(term)
	return "What happened " + prep + " *" + strings.Trim(term, " :") + "*?"
}

func isDateTerm(term string) bool {
	_, ok := dateTerm(term)
	return ok
}

// allDates reports whether every item of a list is a date.
func allDates(items []string) bool {
	for _, it := range items {
		if !isDateTerm(it) {
			return false
		}
	}
	return len(items) > 0
}

// ordinalsSet open the name of one of a series of events: "First attempt".
var ordinalsSet = wordsOf("first second third fourth fifth sixth final last")

// datedEvent reports whether a term names one of a series of dated events:
// "First attempt (1857)", "Second voyage, 1498".
func datedEvent(term string) bool {
	var fBuf [32]string
	f := appendFields(fBuf[:0], term)
	if len(f) < 2 || len(f) > 6 || !ordinalsSet.hasFold(f[0]) {
		return false
	}
	for _, w := range f[1:] {
		if isYear(strings.Trim(w, "(),.;:")) {
			return true
		}
	}
	return false
}

// withoutDateRemark drops a closing parenthetical that dates the thing a
// term names ("Gatun Dam (completed 1913)", "H4 (finished 1759)"): a verb
// or "c."/"from" and a year, not a bare year that tells events apart
// ("First attempt (1857)") nor an acronym ("Mean Time to Restore (MTTR)").
func withoutDateRemark(term string) string {
	if !strings.HasSuffix(term, ")") {
		return term
	}
	i := strings.LastIndexByte(term, '(')
	if i <= 0 {
		return term
	}
	inner := strings.Fields(term[i+1 : len(term)-1])
	if len(inner) < 2 || len(inner) > 4 {
		return term
	}
	first := strings.ToLower(inner[0])
	dated := false
	for _, w := range inner[1:] {
		if isYear(strings.Trim(w, ",.;:–-")) || len(w) == 9 && isYear(w[:4]) && isYear(w[5:]) {
			dated = true
		}
	}
	if !dated || !(strings.HasSuffix(first, "ed") || in(" c. ca. circa from since until built begun begun born died opened ", first)) {
		return term
	}
	return strings.TrimSpace(term[:i])
}

// reverseAsk is the question a reverse card puts before its masked
// answer: an event's date is asked for as a date, not as a term.
func reverseAsk(term, question string) string {
	switch prep, ok := dateTerm(term); {
	case !ok:
		if strings.HasPrefix(question, "Who was ") || strings.HasPrefix(question, "Who is ") {
			return "Who is this?"
		}
		if strings.HasPrefix(question, "What causes *") {
			return "Which problem does this cause?" // a symptom's cause: "Over-proofed dough …"
		}
		if ask := resourceReverseAsk(question); ask != "" {
			if word, _ := resourceKindWord(term); word != "" {
				// "SPACE Paper": "Which paper …?" would give a word of
				// the answer away.
				return "Which resource is this?"
			}
			return ask
		}
		return "Which term is this?"
	case prep == "on":
		return "On what date did this happen?"
	case prep == "in the":
		return "In what decade did this happen?"
	case strings.Contains(strings.TrimSpace(term), " "):
		return "When did this happen?"
	}
	return "In what year did this happen?"
}
