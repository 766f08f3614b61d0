package content

import (
	"strings"
	"testing"
)

func TestWhyNoCards(t *testing.T) {
	tests := []struct {
		name, note, want string
	}{
		{"front matter only", "---\ntitle: T\n---\n", "nothing after its front matter"},
		{"prose", "---\ntitle: T\n---\nJust a paragraph.\n\n## A heading\nMore prose.\n", "it has no list, no sentence defines something"},
		{"a lone plain item", "# T\n\n- one thing\n", "no list item opens with a **bold term**, no list of two or more"},
		{"bold in prose, a lone item", "# T\n\nSome **bold** words.\n\n- one\n", "opens with a **bold term** and its meaning"},
		{"bad front matter", "---\ntitle: [\n", "front matter could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := File{Path: "n.md", Data: []byte(tt.note)}
			if res := Generate([]File{f}, Options{Deck: "d"}); len(res.Cards) != 0 {
				t.Fatalf("the note makes %d cards; the case is wrong", len(res.Cards))
			}
			if got := WhyNoCards(f); !strings.Contains(got, tt.want) {
				t.Errorf("WhyNoCards = %q, want it to say %q", got, tt.want)
			}
		})
	}
}
