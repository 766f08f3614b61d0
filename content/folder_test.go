package content

import "testing"

func TestIsFolderIndex(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"corpus/README.md", true},
		{"notes/readme.MD", true},
		{`vault\sub\index.md`, true},
		{"site/_index.md", true},
		{"notes/readme-first.md", false},
		{"notes/indexing.md", false},
		{"README.txt", false},
		{"notes/trust.md", false},
	}
	for _, tt := range tests {
		if got := IsFolderIndex(tt.path); got != tt.want {
			t.Errorf("IsFolderIndex(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
