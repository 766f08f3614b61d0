package deck

import "testing"

func TestNormalizeTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Owning mistakes:", "owning mistakes"},
		{"Owning Mistakes", "owning mistakes"},
		{"  Calling   your shots  ", "calling your shots"},
		{"Co-creation with Early Users", "co creation with early users"},
		{"Été — ça", "été ça"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeTerm(tt.in); got != tt.want {
			t.Errorf("NormalizeTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
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
