package deck

import (
	"strings"
	"unicode/utf8"
)

// NearestName returns the name among names closest to name, for a "did you
// mean" hint: the smallest edit distance between the case-folded names, at
// most a third of the longer one's length (else no name is near, and ""),
// ties going to the earlier name.
func NearestName(name string, names []string) string {
	if name == "" {
		return ""
	}
	best, bestDist := "", -1
	folded := strings.ToLower(name)
	for _, n := range names {
		f := strings.ToLower(n)
		d := editDistance(folded, f)
		limit := max(utf8.RuneCountInString(folded), utf8.RuneCountInString(f)) / 3
		if strings.HasPrefix(f, folded) || strings.HasPrefix(folded, f) {
			limit = max(limit, d) // "team" for "team-notes"
		}
		if d > max(limit, 1) {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b in
// runes: insertions, deletions, substitutions and swaps of two neighbours
// ("tema" for "team") cost one each.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
