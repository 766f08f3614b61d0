package content

import (
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
