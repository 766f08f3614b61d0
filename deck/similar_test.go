package deck

import (
	"strings"
	"testing"
)

func TestNormalizeTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Owning mistakes:", "owning mistakes"},
		{"Owning Mistakes", "owning mistakes"},
		{"  Calling   your shots  ", "calling your shots"},
		{"Co-creation with Early Users", "co creation with early users"},
		{"Été — ça", "été ça"},
		{"", ""},
		{"already folded", "already folded"},
		{"DORA's 4 Key Metrics (2024)", "dora s 4 key metrics 2024"},
		{"...", ""},
		{strings.Repeat("Long Term ", 20), strings.TrimSpace(strings.Repeat("long term ", 20))},
	}
	for _, tt := range tests {
		if got := NormalizeTerm(tt.in); got != tt.want {
			t.Errorf("NormalizeTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzNormalizeTerm holds the ASCII fast path of NormalizeTerm to what
// its words, joined, are.
func FuzzNormalizeTerm(f *testing.F) {
	for _, s := range []string{"", "Owning mistakes:", "  a  b ", "x", "É", "A-B c_d", "1.5 kg", "\x7f\x80", strings.Repeat("Ab ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeTerm(s), strings.Join(words(s), " "); got != want {
			t.Fatalf("NormalizeTerm(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"Always telling the truth", "always telling the truth.", 1, 1},
		{"Always telling the truth", "Telling the truth without fail", 0.5, 0.8},
		{"Lying", "Forecasting outcomes", 0, 0},
		{"", "anything", 0, 0},
	}
	for _, tt := range tests {
		got := Similarity(tt.a, tt.b)
		if got < tt.min || got > tt.max {
			t.Errorf("Similarity(%q, %q) = %.2f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
		if back := Similarity(tt.b, tt.a); back != got {
			t.Errorf("Similarity is not symmetric for %q, %q: %.2f vs %.2f", tt.a, tt.b, got, back)
		}
	}
}
