package content

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// WhyNoCards says, in a phrase for "NOTE: makes no cards: …", why a note
// that was read makes no cards: what the shapes the generator turns into
// cards (see the package doc) are missing from it. It is for notes
// Generate made nothing of; for a note that makes cards its answer means
// nothing. It does no I/O.
func WhyNoCards(f File) string {
	data := bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf"))
	_, body, _, err := splitFrontMatter(data)
	if err != nil {
		return "its front matter could not be read"
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "it has nothing after its front matter"
	}
	doc := newMarkdownParser().Parse(text.NewReader(body))
	lists, bold := 0, 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.List:
			lists++
		case *ast.Emphasis:
			if n.Level == 2 {
				bold++
			}
		}
		return ast.WalkContinue, nil
	})
	const prose = `no sentence defines something ("X is a …") or marks its key words in **bold**, and there is no Q:/A: line, "term :: definition" or ==cloze==`
	switch {
	case lists == 0:
		return "it has no list, " + prose
	case bold == 0:
		return "no list item opens with a **bold term**, no list of two or more items sits under a heading or a lead-in ending in ':', " + prose
	}
	return "no list item opens with a **bold term** and its meaning, no list of two or more items sits under a heading or a lead-in ending in ':', " + prose
}
