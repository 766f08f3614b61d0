package content

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recallcards/recall/deck"
)

// FuzzGenerate feeds arbitrary bytes to the generator as a note (next to a
// good one) and checks that it never panics and that whatever comes out
// keeps the card rules.
func FuzzGenerate(f *testing.F) {
	for _, file := range DefaultDeck() {
		f.Add(file.Data)
	}
	for _, file := range readDir(f, "testdata/corpus") {
		f.Add(file.Data)
	}
	for _, s := range []string{
		header + "## S\n* **A**: b <a class=\"yt-timestamp\" data-t=\"11:10:00\">[01:11:10]</a>.\n",
		header + "## S\nLead-in such as:\n* x [0:03:00, 0:18:31]\n* y <a data-t=\"1:2\"></a>\n",
		"---\ntitle: [\n---\n",
		"---\n---\n# T\n### 1. A\n### 2. B\n",
		"* **[[a|b]]**: [[c | d]] [[e]] [[ | ]] [[x|]] `**` <a x>\n  > q\n  ```\n  **\n  ```\n",
		"**Bold:**\n- a\n- b\n\n- **T**\n  - u\n  - v\n",
		"\xef\xbb\xbf---\r\ntitle: t\r\n---\r\n* **a** - b\r\n",
	} {
		f.Add([]byte(s))
	}
	good := File{Path: "good.md", Data: []byte(header + "## S\n* **Honesty**: Telling the truth.\n")}
	f.Fuzz(func(t *testing.T, data []byte) {
		res := Generate([]File{{Path: "fuzz.md", Data: data}, good}, Options{Deck: "fuzz", Reverse: true})
		checkDeck(t, res)
		for _, c := range res.Cards {
			for _, s := range []string{c.ID, c.Front, c.Back, c.Term, c.Note, strings.Join(c.Tags, " ")} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in card %+v", c)
				}
			}
		}
		for _, p := range res.Problems {
			if p.File != "fuzz.md" || p.Err == nil || p.Error() == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if res.NotesRead < 1 {
			t.Fatal("the good note was not read")
		}
		// The fuzzed note may define "Honesty" too and merge with it.
		kept := false
		for _, c := range res.Cards {
			for _, s := range c.Sources {
				kept = kept || (c.Kind == deck.KindTerm && s.File == "good.md" && deck.NormalizeTerm(c.Term) == "honesty")
			}
		}
		if !kept {
			t.Fatal("the good note lost its card")
		}
	})
}
