package content

import (
	"strings"
	"testing"

	"github.com/recallcards/recall/deck"
)

const header = "---\ntitle: Note\nvideoId: vid123\n---\n\nFrom: [[channel]] <br/>\n\n"

// generate runs the generator on one note and fails on any problem.
func generate(t *testing.T, body string, opts Options) Result {
	t.Helper()
	res := Generate([]File{{Path: "notes/note.md", Data: []byte(body)}}, opts)
	for _, p := range res.Problems {
		t.Errorf("unexpected problem: %v", p)
	}
	return res
}

func findCard(cards []deck.Card, kind deck.Kind, term string) (deck.Card, bool) {
	for _, c := range cards {
		if c.Kind == kind && c.Term == term {
			return c, true
		}
	}
	return deck.Card{}, false
}

func TestItemShapes(t *testing.T) {
	tests := []struct {
		name    string
		body    string // after header, which is 7 lines: the body starts on line 8
		kind    deck.Kind
		term    string
		front   string
		back    string
		line    int
		section string
		url     string
	}{
		{
			name: "bold term, colon after",
			body: "## Trust\n* **Honesty**: Telling the truth <a class=\"yt-timestamp\" data-t=\"01:25:01\">[01:25:01]</a>.\n* **Delivery**: Shipping.\n",
			kind: deck.KindTerm, term: "Honesty",
			front: "Note › Trust — What does *Honesty* involve?", back: "Telling the truth.",
			line: 9, section: "Trust", url: "https://www.youtube.com/watch?v=vid123&t=5101s",
		},
		{
			name: "bold term, colon inside",
			body: "## Trust\n*   **Owning mistakes:** Acknowledging errors.\n",
			kind: deck.KindTerm, term: "Owning mistakes",
			front: "Note › Trust — What does *Owning mistakes* involve?", back: "Acknowledging errors.",
			line: 9, section: "Trust",
		},
		{
			name: "bold term, no separator",
			body: "## Why\n*   **Resource Allocation** If leadership does not trust you, no resources.\n",
			kind: deck.KindTerm, term: "Resource Allocation",
			back: "If leadership does not trust you, no resources.", line: 9, section: "Why",
		},
		{
			name: "bold term, em dash", body: "## S\n- **Term** — the text.\n",
			kind: deck.KindTerm, term: "Term", back: "the text.", line: 9, section: "S",
		},
		{
			name: "bold term, spaced hyphen", body: "## S\n- **Term** - the text.\n",
			kind: deck.KindTerm, term: "Term", back: "the text.", line: 9, section: "S",
		},
		{
			name: "bold term in a numbered list", body: "## Tips\n1.  **Chop things up:** Break it into bits.\n2.  **Experiment:** Try things.\n",
			kind: deck.KindTerm, term: "Chop things up", back: "Break it into bits.", line: 9, section: "Tips",
		},
		{
			name: "bold wiki link as term", body: "## S\n*   **[[measuring_developer_productivity|Developer Productivity]]**: Measures work.\n",
			kind: deck.KindTerm, term: "Developer Productivity", back: "Measures work.", line: 9,
		},
		{
			name: "label-like term is explained",
			body: "## Rules\n*   **Guess: \"speed\", Answer: \"abide\"**\n    The first e is yellow.\n    > \"the first e would be yellow\" <a class=\"yt-timestamp\" data-t=\"00:00:43\">[00:00:43]</a>\n",
			kind: deck.KindTerm, term: `Guess: "speed", Answer: "abide"`,
			front: `Note › Rules — Explain *Guess: "speed", Answer: "abide"*.`,
			back:  "The first e is yellow.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=43s",
		},
		{
			name: "wiki links both forms",
			body: "## S\n* **Curl**: how a [[understanding_vector_fields | vector field]] turns; see [[divergence|divergence]] and [[Stokes theorem]] or [[stokes_law]].\n",
			kind: deck.KindTerm, term: "Curl",
			back: "how a vector field turns; see divergence and Stokes theorem or stokes law.", line: 9,
		},
		{
			name: "empty anchor",
			body: "## S\n*   **Software:** People keep editing text <a class=\"yt-timestamp\" data-t=\"00:05:50\"></a>.\n",
			kind: deck.KindTerm, term: "Software", back: "People keep editing text.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=350s",
		},
		{
			name: "plain timestamp list",
			body: "## S\n*   **Co-creation with Early Users** Identifying early users [0:03:00, 0:18:31]. They shared channels [0:19:27].\n",
			kind: deck.KindTerm, term: "Co-creation with Early Users",
			back: "Identifying early users. They shared channels.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=180s",
		},
		{
			name: "plain timestamp, two-digit hour",
			body: "## S\n* **Lax** Analytics should drive impact [00:00:05].\n",
			kind: deck.KindTerm, term: "Lax", back: "Drive impact.", line: 9, // asked "*Lax*: what should analytics do?"
			url: "https://www.youtube.com/watch?v=vid123&t=5s",
		},
		{
			name: "data-t shifted from its label",
			body: "## S\n* **Gold nuggets**: rare but huge <a class=\"yt-timestamp\" data-t=\"11:10:00\">[01:11:10]</a>.\n",
			kind: deck.KindTerm, term: "Gold nuggets", back: "rare but huge.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=4270s",
		},
		{
			name: "data-t disagreeing slightly wins",
			body: "## S\n* **Crane**: not the best opener <a class=\"yt-timestamp\" data-t=\"00:02:53\">[00:02:56]</a>.\n",
			kind: deck.KindTerm, term: "Crane", back: "not the best opener.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=173s",
		},
		{
			name: "timestamp separators vanish",
			body: "## S\n* **Calling your shots:** Setting goals <a class=\"yt-timestamp\" data-t=\"00:13:48\">[00:13:48]</a>, <a class=\"yt-timestamp\" data-t=\"00:24:49\">[00:24:49]</a>.\n",
			kind: deck.KindTerm, term: "Calling your shots", back: "Setting goals.", line: 9,
			url: "https://www.youtube.com/watch?v=vid123&t=828s",
		},
		{
			name: "emphasis kept light",
			body: "## S\n* **Logic designer**: specifying *what* is wanted, not **how**, and ***never*** `x**y`.\n",
			kind: deck.KindTerm, term: "Logic designer", back: "specifying *what* is wanted, not *how*, and *never* `x*y`.", line: 9,
		},
		{
			name: "nested item is the definition",
			body: "## Benefits\n*   **Consistent Talent Bar**\n    *   A uniform standard for talent.\n",
			kind: deck.KindTerm, term: "Consistent Talent Bar", back: "A uniform standard for talent.", line: 9,
		},
		{
			name: "definition with nested steps",
			body: "## Tools\n*   **The Four Box Framework:** It clarifies hypotheses:\n    1.  Draw four boxes.\n    2.  Write words on top.\n",
			kind: deck.KindTerm, term: "Four Box Framework", // the article is the question's, not the term's
			back: "It clarifies hypotheses:\n1. Draw four boxes.\n2. Write words on top.", line: 9,
		},
		{
			name: "see-also link after the definition is dropped",
			body: "## S\n*   **Owning Mistakes:** Taking responsibility <a class=\"yt-timestamp\" data-t=\"01:25:06\">[01:25:06]</a>. [[managing_failure | Managing failure]]\n",
			kind: deck.KindTerm, term: "Owning Mistakes", back: "Taking responsibility.", line: 9,
		},
		{
			name: "list under a lead-in",
			body: "## Losing Trust\nWithout trust, nothing works. Trust can be lost through practices such as:\n*   Lying <a class=\"yt-timestamp\" data-t=\"01:25:13\">[01:25:13]</a>.\n*   Being evasive.\n*   Failing to ship.\n*   Ignoring mistakes.\n",
			kind: deck.KindList, term: "Trust can be lost through practices such as:",
			front: "Note › Losing Trust — What are the four practices through which trust can be lost?",
			back:  "- Lying\n- Being evasive\n- Failing to ship\n- Ignoring mistakes", line: 9, section: "Losing Trust",
		},
		{
			name: "list of bold terms lists the terms",
			body: "## Building Trust\nPeople build trust by meeting expectations. Key practices include:\n*   **Honesty**: Telling the truth.\n*   **Delivery**: Launching.\n",
			kind: deck.KindList, term: "Key practices include:",
			front: "Note › Building Trust — What are the two key practices for building trust?", back: "- Honesty\n- Delivery", line: 9,
		},
		{
			name: "list under a heading",
			body: "## Frameworks\n\n*   DORA\n*   The SPACE framework\n",
			kind: deck.KindList, term: "Frameworks",
			front: "Note › Frameworks — What are the two frameworks?", back: "- DORA\n- The SPACE framework", line: 8,
		},
		{
			name: "numbered list: in order only when order matters",
			body: "### 1. Starting\nThere are three primary lead buckets:\n1.  **Usage with a lead:** A.\n2.  **Usage without a lead:** B.\n3.  **Lead without usage:** C.\n",
			kind: deck.KindList, term: "There are three primary lead buckets:",
			front: "Note › Starting — What are the three primary lead buckets?",
			back:  "1. Usage with a lead\n2. Usage without a lead\n3. Lead without usage", line: 9, section: "Starting",
		},
		{
			name: "nested list under a bold term",
			body: "### The Dora Framework\nThese metrics measure speed:\n*   **Speed Metrics:**\n    *   **Lead Time:** Commit to production.\n    *   **Deployment Frequency:** How often.\n*   **Stability Metrics:**\n    *   **MTTR:** Time to recover.\n    *   **Change Fail Rate:** Failed share.\n",
			kind: deck.KindList, term: "Speed Metrics",
			front: "Note › The Dora Framework — What are the two speed metrics?",
			back:  "- Lead Time\n- Deployment Frequency", line: 10, section: "The Dora Framework",
		},
		{
			name: "term nested two levels down",
			body: "### The Dora Framework\n*   **Speed Metrics:**\n    *   **Lead Time:** Commit to production.\n    *   **Deployment Frequency:** How often.\n",
			kind: deck.KindTerm, term: "Lead Time", back: "Commit to production.", line: 10, section: "The Dora Framework",
		},
		{
			name: "all-bold paragraph names the list",
			body: "## Dora\n**Elite Benchmarks (2019):**\n*   **Deployment Frequency:** On demand\n*   **Lead Time:** Less than a day\n",
			kind: deck.KindList, term: "Elite Benchmarks (2019)",
			front: "Note › Dora — What are the two elite benchmarks?", line: 9, section: "Dora",
			back: "- Deployment Frequency\n- Lead Time",
		},
		{
			// Principles are numbered by the source, not learnt in order.
			name: "numbered sub-headings make a list, in order only for steps",
			body: "## Principles\nShe gives several key principles for good metrics:\n### 1. Use proxies\nText.\n### 2. Keep it simple\nText.\n",
			kind: deck.KindList, term: "Principles",
			front: "Note › Principles — What are the two key principles for good metrics?",
			back:  "1. Use proxies\n2. Keep it simple", line: 8, section: "Principles",
		},
		{
			name: "heading path skips the title and joins with ›",
			body: "## Note\n### Inner\n* **Depth**: deep.\n",
			kind: deck.KindTerm, term: "Depth", front: "Note › Inner — What is *Depth*?", back: "deep.", section: "Inner", line: 10,
		},
		{
			name: "wiki link in a heading",
			body: "## [[the_future | The Future of AI]]\n* **Demand**: lasting.\n",
			kind: deck.KindTerm, term: "Demand", front: "Note › The Future of AI — What is *Demand*?", back: "lasting.", section: "The Future of AI", line: 9,
		},
		{
			name: "code block in an item",
			body: "## Math\n* **Box counting**: count boxes:\n\n  ```\n  N ≈ C * S^D\n  ```\n",
			kind: deck.KindTerm, term: "Box counting", back: "count boxes:\nN ≈ C * S^D", line: 9,
		},
		{
			name: "HTML and entities",
			body: "## S\n* **Tags**: <b>bold</b> &amp; <i>x</i> \\*not emphasis\\* <br/> end.\n",
			kind: deck.KindTerm, term: "Tags", back: "bold & x *not emphasis* end.", line: 9,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			c, ok := findCard(res.Cards, tt.kind, tt.term)
			if !ok {
				t.Fatalf("no %s card for %q; cards:\n%s", tt.kind, tt.term, dumpCards(res.Cards))
			}
			if tt.front != "" && c.Front != tt.front {
				t.Errorf("front\n got %q\nwant %q", c.Front, tt.front)
			}
			if c.Back != tt.back {
				t.Errorf("back\n got %q\nwant %q", c.Back, tt.back)
			}
			src := c.Sources[0]
			if src.Line != tt.line {
				t.Errorf("line %d, want %d", src.Line, tt.line)
			}
			if tt.section != "" && src.Section != tt.section {
				t.Errorf("section %q, want %q", src.Section, tt.section)
			}
			if src.URL != tt.url && tt.url != "" {
				t.Errorf("url %q, want %q", src.URL, tt.url)
			}
			if src.File != "notes/note.md" || src.Title != "Note" {
				t.Errorf("source %+v", src)
			}
			checkClean(t, c)
		})
	}
}

func dumpCards(cards []deck.Card) string {
	var sb strings.Builder
	for _, c := range cards {
		sb.WriteString(string(c.Kind) + " " + c.Term + " | " + c.Front + " | " + strings.ReplaceAll(c.Back, "\n", "⏎") + "\n")
	}
	return sb.String()
}

// checkClean asserts the clean-text rules on every field of a card.
func checkClean(t *testing.T, c deck.Card) {
	t.Helper()
	fields := map[string]string{"front": c.Front, "back": c.Back, "term": c.Term}
	for _, s := range c.Sources {
		fields["title"], fields["section"] = s.Title, s.Section
	}
	for name, v := range fields {
		for _, bad := range []string{"[[", "<a", "**", "data-t", "\x1b", "\r"} {
			if strings.Contains(v, bad) {
				t.Errorf("card %s: %s contains %q: %q", c.ID, name, bad, v)
			}
		}
	}
	if !hasWord(c.Front) || !hasWord(c.Back) {
		t.Errorf("card %s has an empty side: %q / %q", c.ID, c.Front, c.Back)
	}
	if len(c.ID) != 12 {
		t.Errorf("card ID %q is not 12 hex digits", c.ID)
	}
	if c.Tags == nil || c.Siblings == nil || len(c.Sources) == 0 {
		t.Errorf("card %s: nil tags/siblings or no source", c.ID)
	}
	for _, tag := range c.Tags {
		if tag == "" || strings.ContainsAny(tag, " \t\n") {
			t.Errorf("card %s: bad tag %q", c.ID, tag)
		}
	}
}

func TestNoCardWithoutAnswer(t *testing.T) {
	res := generate(t, header+"## S\n*   **Cultural Capabilities** <a class=\"yt-timestamp\" data-t=\"00:27:44\">[00:27:44]</a>.\n*   **Empty**:\n* **Whole bold sentence that goes on and on for far too many words to be any kind of term at all.**\n", Options{Deck: "d"})
	for _, c := range res.Cards {
		if c.Kind == deck.KindTerm {
			t.Errorf("unexpected term card %q → %q", c.Term, c.Back)
		}
	}
}

func TestFromLineQuoteAndCodeMakeNoCards(t *testing.T) {
	res := generate(t, header+"Intro paragraph with **Bold**: words.\n\n## S\n\n> a quote\n\n```\ncode\n```\n", Options{Deck: "d"})
	if len(res.Cards) != 0 {
		t.Errorf("cards from prose:\n%s", dumpCards(res.Cards))
	}
	if res.NotesRead != 1 {
		t.Errorf("NotesRead = %d", res.NotesRead)
	}
}

func TestSeedPhrasingsAreTermCards(t *testing.T) {
	res := Generate(DefaultDeck(), Options{Deck: DefaultDeckName})
	for _, term := range []string{"Honesty", "Owning mistakes", "Calling your shots", "Resource Allocation"} {
		if _, ok := findCard(res.Cards, deck.KindTerm, term); !ok {
			t.Errorf("no term card for %q", term)
		}
	}
	c, _ := findCard(res.Cards, deck.KindTerm, "Calling your shots")
	if want := "Building trust as a product leader › Building Trust — What does *Calling your shots* involve?"; c.Front != want {
		t.Errorf("front %q, want %q", c.Front, want)
	}
	for _, c := range res.Cards {
		if c.Kind == deck.KindList && strings.HasPrefix(c.Term, "Trust can be lost") {
			if want := "Building trust as a product leader › Losing Trust — What are the four practices through which trust can be lost?"; c.Front != want {
				t.Errorf("front %q, want %q", c.Front, want)
			}
		}
	}
}

func TestTitleFallbacks(t *testing.T) {
	res := Generate([]File{
		{Path: "a/first-note.md", Data: []byte("# Heading Title\n\n## S\n* **X**: y.\n")},
		{Path: "b/second_note.md", Data: []byte("## S\n* **Z**: y.\n")},
	}, Options{})
	if got := res.Cards[0].Sources[0].Title; got != "Heading Title" {
		t.Errorf("title from H1: %q", got)
	}
	if got := res.Cards[1].Sources[0].Title; got != "second note" {
		t.Errorf("title from file name: %q", got)
	}
	if res.Cards[0].Front != "Heading Title › S — What is *X*?" {
		t.Errorf("front %q", res.Cards[0].Front)
	}
}

func TestReverseCards(t *testing.T) {
	res := generate(t, header+"## S\n* **Honesty**: Always honesty and telling the truth to every colleague.\n", Options{Deck: "d", Reverse: true})
	if len(res.Cards) != 2 {
		t.Fatalf("want term + reverse, got:\n%s", dumpCards(res.Cards))
	}
	term, rev := res.Cards[0], res.Cards[1]
	if rev.Kind != deck.KindReverse || rev.Back != "Honesty" {
		t.Fatalf("reverse card %+v", rev)
	}
	if want := "Note › S — Which term is this?\nAlways … and telling the truth to every colleague."; rev.Front != want {
		t.Errorf("reverse front %q, want %q", rev.Front, want)
	}
	if rev.ContextCue != "Note › S" || rev.Question != "Which term is this?\nAlways … and telling the truth to every colleague." {
		t.Errorf("reverse context %q question %q", rev.ContextCue, rev.Question)
	}
	if len(term.Siblings) != 1 || term.Siblings[0] != rev.ID || len(rev.Siblings) != 1 || rev.Siblings[0] != term.ID {
		t.Errorf("not linked: %v / %v", term.Siblings, rev.Siblings)
	}
	if term.Order != 0 || rev.Order != 1 {
		t.Errorf("order %d, %d", term.Order, rev.Order)
	}
	checkClean(t, rev)
}

// TestQuestionsStandAlone holds the questions to the rule that they name
// their subject: list questions take it from the lead-in or the heading,
// term questions ask what the item is in its list (a reason, a cause, a
// mistake), and a list of a topic's aspects or an answer that only
// repeats its term makes no card.
func TestQuestionsStandAlone(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind deck.Kind
		term string
		want string // question; "" means no such card
	}{
		{
			name: "reasons list names its claim",
			body: "## Why It Matters\nFor growing companies, good onboarding is essential for several reasons:\n* **Retention** New hires who struggle leave early.\n* **Velocity** Seniors answer fewer questions.\n",
			kind: deck.KindList, term: "For growing companies, good onboarding is essential for several reasons:",
			want: "What are the two reasons good onboarding is essential for growing companies?",
		},
		{
			name: "an item of a reasons list asks why",
			body: "## Why It Matters\nFor growing companies, good onboarding is essential for several reasons:\n* **Retention** New hires who struggle leave early.\n* **Velocity** Seniors answer fewer questions.\n",
			kind: deck.KindTerm, term: "Retention",
			want: "Why is good onboarding essential for *Retention*?",
		},
		{
			name: "an item of a causes list asks how it leads to the effect",
			body: "## Failure Modes\nSlow onboarding often stems from:\n* **Tribal Knowledge:** Decisions live only in the heads of veterans.\n* **Broken Laptops:** Setup scripts fail on fresh machines.\n",
			kind: deck.KindTerm, term: "Broken Laptops",
			want: "How do *Broken Laptops* lead to slow onboarding?",
		},
		{
			name: "a causes list under a contrast heading",
			body: "## Micro-Optimization vs. Big Bets\nTeams chase micro-optimization. This often stems from:\n* **Risk Aversion:** Teams test small changes only.\n* **Slow Tests:** Experiments run for months on end.\n",
			kind: deck.KindList, term: "This often stems from:",
			want: "What are the two causes of micro-optimization?",
		},
		{
			name: "a bare lead-in noun takes the heading as its scope",
			body: "## Enhancing Support Tools\nThe feature has uses. Early use cases include:\n* **UI testing:** Automating brittle tests.\n* **Drudgery:** Handling repetitive data tasks.\n",
			kind: deck.KindList, term: "Early use cases include:",
			want: "What are the two early use cases for enhancing support tools?",
		},
		{
			name: "a leading adverbial is kept",
			body: "## Ratings\nWhen designing rating systems, common mistakes include:\n* **Inflation:** Median ratings creep up over time.\n* **Blind Averaging:** A single bad review sinks a new seller.\n",
			kind: deck.KindList, term: "When designing rating systems, common mistakes include:",
			want: "What are the two common mistakes when designing rating systems?",
		},
		{
			name: "an item making a claim is asked as what it is in its list",
			body: "## Ratings\nWhen designing rating systems, common mistakes include:\n* **Inflation:** Median ratings creep up over time.\n* **Blind Averaging:** A single bad review can sink a new seller.\n",
			kind: deck.KindTerm, term: "Blind Averaging",
			want: "What is the mistake *Blind Averaging*?",
		},
		{
			name: "items of one list are asked alike",
			body: "## Ahead\nKey trends include:\n* **Proactivity:** Models watching data to spot trends.\n* **Async Work:** Long tasks run while users do other things.\n* **Voice:** Assistants can speak and listen as people do.\n",
			kind: deck.KindTerm, term: "Proactivity",
			want: "What is the trend *Proactivity*?",
		},
		{
			name: "a definition stays a definition",
			body: "## Failures\nCommon mistakes include:\n* **Evasiveness:** Being vague about what went wrong.\n* **Denial:** Refusing to admit errors.\n",
			kind: deck.KindTerm, term: "Evasiveness",
			want: "What is *Evasiveness*?",
		},
		{
			name: "this under a gerund heading is the heading",
			body: "## Building Trust\nPeople earn trust by meeting expectations. This involves:\n* **Truthfulness:** Always telling the truth.\n* **Delivery:** Shipping what was promised.\n",
			kind: deck.KindList, term: "This involves:",
			want: "What are the two things building trust involves?",
		},
		{
			name: "a how-heading lists ways",
			body: "## How Trust is Built\n* **Calling shots:** Setting goals and hitting them.\n* **Owning mistakes:** Learning from errors.\n",
			kind: deck.KindList, term: "How Trust is Built",
			want: "What are the two ways trust is built?",
		},
		{
			name: "a gerund heading lists ways",
			body: "## Speeding Up Experiments\n* **Automated Scorecards:** Results computed for every test.\n* **Variance Reduction:** Fewer users needed per test.\n",
			kind: deck.KindList, term: "Speeding Up Experiments",
			want: "What are the two ways of speeding up experiments?",
		},
		{
			name: "a topic heading's aspects are no set",
			body: "## Rapid Iteration and Reliability\n* **Automated Testing:** Every change runs the suite.\n* **Chaos Testing:** Failures are injected on purpose.\n",
			kind: deck.KindList, term: "Rapid Iteration and Reliability",
			want: "",
		},
		{
			name: "an answer that only repeats its term makes no card",
			body: "## Big Bets\nThis often stems from:\n* **Running Experiments Too Long:** Experiments are often run longer than necessary.\n* **Risk Aversion:** Teams only ever test small changes to the product.\n",
			kind: deck.KindTerm, term: "Running Experiments Too Long",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := generate(t, header+tt.body, Options{Deck: "d"})
			checkDeck(t, res)
			checkCardSigns(t, res.Cards)
			c, ok := findCard(res.Cards, tt.kind, tt.term)
			switch {
			case tt.want == "" && ok:
				t.Errorf("made %q; want no card", c.Question)
			case tt.want != "" && !ok:
				t.Errorf("no %s card for %q; cards:\n%s", tt.kind, tt.term, dumpCards(res.Cards))
			case ok && c.Question != tt.want:
				t.Errorf("question\n got %q\nwant %q", c.Question, tt.want)
			}
		})
	}
}
