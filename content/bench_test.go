package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// BenchmarkGenerate measures the whole path (checks, front matter, parse,
// cards, merging, near-duplicates) on the corpus against a bare goldmark
// parse of the same bytes. The target is generate ≥ 50% of goldmark's MB/s.
func BenchmarkGenerate(b *testing.B) {
	files := corpusFiles(b)
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.Run("goldmark", func(b *testing.B) {
		b.SetBytes(int64(size))
		md := goldmark.New().Parser()
		for b.Loop() {
			for _, f := range files {
				md.Parse(text.NewReader(f.Data))
			}
		}
	})
	b.Run("generate", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			Generate(files, Options{Deck: "bench"})
		}
	})
	b.Run("generate-reverse", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			Generate(files, Options{Deck: "bench", Reverse: true})
		}
	})
}

// BenchmarkHostile times megabyte notes of shapes that are slow to parse
// (deep nesting, bracket storms, thousands of repeated items). Each must
// stay well under a second: the guards in tooCostly and the bounds in the
// walker and near-duplicate search are what keep them there.
func BenchmarkHostile(b *testing.B) {
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, (MaxNoteSize-64)/len(unit)))
	}
	var items strings.Builder
	for i := 0; items.Len() < MaxNoteSize-200; i++ {
		fmt.Fprintf(&items, "* **term%d word%d**: definition %d of word%d and word%d\n", i, i%97, i, i%89, i%13)
	}
	var stair strings.Builder
	for i := 0; stair.Len() < MaxNoteSize-300; i++ {
		stair.WriteString(strings.Repeat("  ", i%60) + "* a\n")
	}
	shapes := []struct {
		name string
		data []byte
	}{
		{"nested-markers", fill("* ")},
		{"nested-quotes", fill("> ")},
		{"stair", []byte(stair.String())},
		{"link-openers", fill("[a](")},
		{"link-openers-per-paragraph", fill(strings.Repeat("[a](", 500) + "\n\n")},
		{"wiki-openers", fill("[[a|")},
		{"anchors", fill("<a data-t=\"00:01:02\"></a>")},
		{"emphasis", fill("**a _b ")},
		{"distinct-items", []byte(items.String())},
		{"same-item", fill("* **Same**: the same definition words here\n")},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.data)))
			for b.Loop() {
				Generate([]File{{Path: "hostile.md", Data: s.data}}, Options{Reverse: true})
			}
		})
	}
}
