package content

import (
	"reflect"
	"testing"
)

// FuzzPlainPairs holds the front matter read without the YAML decoder to
// what the decoder makes of the same text, whenever plainPairs takes it.
func FuzzPlainPairs(f *testing.F) {
	for _, s := range []string{
		"title: Analysis of Wordle color assignment conventions\nvideoId: fRed0Xmc2Wg\n",
		"title: A  title, with 'quotes' and \"more\"  \n\nvideoId: not valid!\n",
		"title: null\nvideoId: 123\n", "title: ~\n", "title: yes\nother: -1\n", "title: =\n",
		"title: Café — notes\u00a0here\n", "title: a\ntitle: b\n", "title: a: b\n", "title: a #b\n",
		"title: x\r\n", "title:\n", "title: 'q'\n", "Title: x\n", "tags: [a, b]\n", "title: *a\n",
		"title: a\n  b\n", "title: <<\n", "title: 0x1F\n", "title: .inf\n", "title: a\u2028b\n",
		"x-y_z: v\n", "title: \xff\n", "title: a,b\n", "title: a}\n", "title: %x\n", "title: a\tb\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pairs, ok := plainPairs([]byte(s))
		if !ok {
			return
		}
		gotFM, gotW, gotE := pairsFrontMatter(pairs, 2)
		wantFM, wantW, wantE := yamlFrontMatter([]byte(s), 2)
		if gotFM != wantFM || !reflect.DeepEqual(gotW, wantW) || !reflect.DeepEqual(gotE, wantE) {
			t.Errorf("front matter %q: read as %+v, %+v, %+v; the YAML decoder gives %+v, %+v, %+v", s, gotFM, gotW, gotE, wantFM, wantW, wantE)
		}
	})
}

// TestPlainPairsTakesNotesFrontMatter: the shapes the corpus writes are
// read without the decoder, and the others are left to it.
func TestPlainPairsTakesNotesFrontMatter(t *testing.T) {
	for s, want := range map[string]bool{
		"title: Analysis of Wordle color assignment conventions\nvideoId: fRed0Xmc2Wg\n": true,
		"title: Jessica's notes, part 2\n\nvideoId: D4PDb_C8Dww\n":                       true,
		"title: \"Quoted\"\n":        false,
		"tags:\n  - a\n":             false,
		"title: Foo: Bar\n":          false,
		"title: a # comment\n":       false,
		"title: a\ntitle: b\n":       false,
		"# comment\ntitle: a\n":      false,
		"title: a\r\nvideoId: b\r\n": false,
		"":                           false,
	} {
		if _, got := plainPairs([]byte(s)); got != want {
			t.Errorf("plainPairs(%q) took it: %v, want %v", s, got, want)
		}
	}
}
