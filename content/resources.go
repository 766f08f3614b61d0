package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Resources: papers, websites, talks and books a note lists. A careful
// writer asks what a paper shows or a site offers ("What does the *SPACE
// Paper* provide?"), and its reverse which paper it is, not "What is
// *Paper on …*?" and "Which term is this?".

// resourceKinds are the words that say what sort of resource a title is,
// with the noun a question names it by.
var resourceKinds = map[string]string{
	"book": "book", "books": "book", "paper": "paper", "papers": "paper", "study": "study", "studies": "study",
	"review": "review", "article": "article", "articles": "article", "report": "report", "essay": "essay", "essays": "essay",
	"talk": "talk", "talks": "talk", "lecture": "lecture", "lectures": "lecture", "keynote": "talk",
	"podcast": "podcast", "podcasts": "podcast", "video": "video", "videos": "video", "course": "course",
	"website": "website", "websites": "website", "site": "website", "blog": "blog", "blogs": "blog", "newsletter": "newsletter",
}

// resourceKindWord returns the word of a term that names its kind
// ("Paper on …" → "Paper", "Tiny Habits site" → "site") with the kind, or
// a web address's kind ("Dora.dev" → website).
func resourceKindWord(term string) (word, kind string) {
	for w := range strings.FieldsSeq(term) {
		t := strings.Trim(w, ",.;:()\"“”")
		if k, ok := resourceKinds[strings.ToLower(t)]; ok {
			return t, k
		}
	}
	f := strings.Fields(term)
	if len(f) == 1 && webAddress(f[0]) {
		return "", "website"
	}
	return "", ""
}

// webAddress reports whether w is a host name: "jamesclear.com",
// "Dora.dev", "www.example.org".
func webAddress(w string) bool {
	i := strings.LastIndexByte(w, '.')
	if i <= 0 || i == len(w)-1 {
		return false
	}
	tld := w[i+1:]
	if len(tld) < 2 || len(tld) > 4 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// headingResourceKind is the kind of resource a heading lists: "Papers" →
// paper, "Recommended Websites" → website; "" for "Resources".
func headingResourceKind(h string) string {
	f := strings.Fields(cleanHeading(h))
	if len(f) == 0 {
		return ""
	}
	return resourceKinds[strings.ToLower(f[len(f)-1])]
}

// resourcePastVerbs are an answer's opening verbs in the past with their base.
var resourcePastVerbs = map[string]string{
	"found": "find", "showed": "show", "shown": "show", "argued": "argue", "proposed": "propose", "introduced": "introduce",
	"demonstrated": "demonstrate", "described": "describe", "reported": "report", "concluded": "conclude",
	"coined": "coin", "established": "establish", "popularised": "popularise", "popularized": "popularize",
	"measured": "measure", "tested": "test", "compared": "compare", "surveyed": "survey", "followed": "follow", "tracked": "track",
}

// presentVerbs open an answer that says what a resource does: "Provides
// a detailed outline …", "Explains why …".
var presentVerbsSet = wordsOf("provides offers explains argues shows discusses covers describes outlines introduces presents explores gives lists teaches walks shares collects tracks compares summarises summarizes reviews proposes suggests")

// resourceQuestion asks about one resource of a resources list, by what
// its answer says it does ("Provides …" → "What does X provide?", "Found
// …" → "What did X find?", "Will cover …" → "What will X cover?"), else
// by its kind: what a paper shows, a site offers, a talk or book is about.
func resourceQuestion(term string, back []string, list string) string {
	word, kind := resourceKindWord(term)
	if kind == "" {
		kind = headingResourceKind(list)
	}
	if kind == "" {
		return ""
	}
	named := resourceName(term, word, kind)
	answer := ""
	if len(back) > 0 {
		answer = back[0]
	}
	does, is := "does", "is"
	if word != "" && isPlural(word) {
		does, is = "do", "are" // "ProfitWell's pricing studies"
	}
	var buf [2]string
	f := leadFields(answer, buf[:0])
	if len(f) >= 2 {
		first := strings.ToLower(f[0])
		switch {
		case first == "will" && !strings.HasSuffix(f[1], ","):
			return "What will " + named + " " + strings.ToLower(strings.Trim(f[1], ",.;:")) + "?"
		case resourcePastVerbs[first] != "":
			return "What did " + named + " " + resourcePastVerbs[first] + "?"
		case presentVerbsSet.has(first) && does == "does":
			return "What does " + named + " " + verbBase(first) + "?"
		}
	}
	switch kind {
	case "paper", "study", "review", "article", "report", "essay":
		return "What " + does + " " + named + " show?"
	case "website", "blog", "newsletter":
		return "What " + does + " " + named + " offer?"
	}
	return "What " + is + " " + named + " about?"
}

// resourceName names a resource in a question: a possessive or an article
// the title has stays ("*Wood and Neal's review …*", "the *SPACE
// Paper*"); a title that names its kind takes "the" ("the *paper on how
// habits form*"); another is named by its kind ("the website *Dora.dev*").
func resourceName(term, word, kind string) string {
	if strings.Contains(term, "'s ") || strings.Contains(term, "’s ") {
		return "*" + term + "*"
	}
	if art, bare := splitArticle(term); art == "the" {
		if word != "" {
			return "the *" + bare + "*"
		}
		return "the " + kind + " *" + term + "*" // "The Manager's Path" is the title
	}
	if word != "" {
		if strings.HasPrefix(term, word) && !isAcronym(word) {
			// "Paper on how habits form": the kind word is capitalised
			// only because it starts the title.
			r, size := utf8.DecodeRuneInString(term)
			term = string(unicode.ToLower(r)) + term[size:]
		}
		return "the *" + term + "*"
	}
	return "the " + kind + " *" + term + "*"
}

// resourceReverseAsk is the question a resource's reverse card asks:
// "Which paper is this?", from the kind its question named (the word
// before the title, "the paper *…*", or the title's own kind word, "the
// *paper on …*"); "" for a question that is no resource's.
func resourceReverseAsk(question string) string {
	star := strings.IndexByte(question, '*')
	if star < 0 || !strings.HasSuffix(question, "?") {
		return ""
	}
	last := question[strings.LastIndexByte(question, ' ')+1 : len(question)-1]
	if !strings.HasPrefix(question, "What will ") && last != "about" && last != "show" && last != "offer" && !resourceVerbBase(last) {
		return ""
	}
	before := strings.Fields(question[:star])
	if len(before) == 0 {
		return ""
	}
	prev := strings.ToLower(before[len(before)-1])
	if k, ok := resourceKinds[prev]; ok {
		return "Which " + k + " is this?"
	}
	if !in(" the does did will is ", prev) {
		return "" // "the example *…*": an example, whatever its title says
	}
	end := strings.IndexByte(question[star+1:], '*')
	if end < 0 {
		return ""
	}
	for w := range strings.FieldsSeq(question[star+1 : star+1+end]) {
		if k, ok := resourceKinds[strings.ToLower(strings.Trim(w, ",.;:()"))]; ok {
			return "Which " + k + " is this?"
		}
	}
	return ""
}

// resourceVerbBase reports whether v is the base of a verb that opens a
// resource's answer ("provide", "find").
func resourceVerbBase(v string) bool {
	for _, b := range resourcePastVerbs {
		if b == v {
			return true
		}
	}
	return presentVerbsSet.has(v+"s") || presentVerbsSet.has(v+"es")
}
