package content

import (
	"strings"
	"testing"
)

func TestLeadInNoun(t *testing.T) {
	body := []byte("without trust, nothing works; companies matter")
	tests := []struct{ leadIn, want string }{
		{"Key practices include:", "key practices"},
		{"Trust can be lost through practices such as:", "practices through which trust can be lost"},
		{"Trust is built by meeting expectations. This involves:", "things this involves"},
		{"Conversely, certain behaviors can quickly diminish trust:", "behaviors that can quickly diminish trust"},
		{"For product leaders, trust is vital for several reasons:", "reasons trust is vital for product leaders"},
		{"Michael Tru contrasts this vision with two common perspectives:", "common perspectives"},
		{"Lax highlights several key advantages of a centralized analytics model:", "key advantages of a centralized analytics model"},
		{"The four key teams required for Product-Led Sales are:", "key teams required for Product-Led Sales"},
		{"There are three primary lead attribution buckets:", "primary lead attribution buckets"},
		{"This means starting with simple tools like:", "simple tools"},
		{"To improve these metrics, focus on a set of capabilities including:", "capabilities"},
		{"Several common pitfalls can derail Product-Led Sales efforts:", "common pitfalls that can derail Product-Led Sales efforts"},
		{"DoorDash implements:", "things DoorDash implements"},
		{"Companies are focusing on:", "things companies are focusing on"},
		{"To maximize productivity and learn from Lovable, users are advised to:", "things users are advised to do"},
		{"It's better to:", "things it's better to do"},
		{"To develop intuition for good evals:", "ways to develop intuition for good evals"},
		{"The field of developer productivity has seen significant changes due to:", "reasons the field of developer productivity has seen significant changes"},
		{"AI tools like GitHub Copilot are shifting how developers work:", "ways AI tools like GitHub Copilot are shifting how developers work"},
		{`Beyond technical skills, which are "table stakes," Lax prioritizes:`, "things Lax prioritizes"},
		{"When designing rating systems, common mistakes include:", "common mistakes when designing rating systems"},
		{"In enterprise settings, adoption stems from:", "causes of adoption in enterprise settings"},
		{"It stands for five dimensions:", "dimensions"},
		{"For example:", "examples"},
		{"Useful questions to ask in those calls:", "useful questions to ask in those calls"},
		{"Questions to ask a buyer:", "questions to ask a buyer"},
		{"A good platform enables:", "things a good platform enables"},
		{"Key steps are the following:", "key steps"},
		// No known shape: the caller falls back to quoting the lead-in.
		{"These metrics measure both speed and stability:", ""},
		{"Wordle's conventions for coloring letters, particularly duplicate letters in a guess, follow specific rules:", ""},
		{":", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := leadInNoun(lastSentence(tt.leadIn), body); got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.leadIn, got, tt.want)
		}
	}
}

func TestLastSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One. Two three:", "Two three:"},
		{"Use tools (e.g. Looker) like:", "Use tools (e.g. Looker) like:"},
		{"It grew 10.5 percent. Key drivers were:", "Key drivers were:"},
		{`He said "stop." Then:`, "He said \"stop.\" Then:"},
		{"Only one sentence:", "Only one sentence:"},
	}
	for _, tt := range tests {
		if got := lastSentence(tt.in); got != tt.want {
			t.Errorf("lastSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInIsWordOfSet holds in to its definition, Contains(set, " "+word+" "),
// on words of the sets, parts of them, words with spaces and the empty word.
func TestInIsWordOfSet(t *testing.T) {
	sets := []string{relatives, abbrevs, startWords, prepEnds, " a ", " aa a ", "", " "}
	var words []string
	for _, set := range sets {
		for _, w := range strings.Fields(set) {
			words = append(words, w, w[:len(w)-1], w[1:], w+"s", "x"+w, w+" "+w)
		}
	}
	words = append(words, "", " ", "a a", "aa", "e.g", "g.", "it's")
	for _, set := range sets {
		for _, w := range words {
			want := w != "" && !strings.Contains(w, " ") && strings.Contains(set, " "+w+" ")
			if got := in(set, w); got != want {
				t.Errorf("in(%q, %q) = %v, want %v", set, w, got, want)
			}
		}
	}
}
