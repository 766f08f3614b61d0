package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// generatorDigests records, for each GeneratorVersion, a digest of what
// the generator makes of the test notes.
var generatorDigests = filepath.Join("testdata", "generator-version.txt")

// TestGeneratorVersion fails when the cards, problems or near-duplicates
// made from the test notes change while GeneratorVersion does not: Notes
// kept by a store (a re-import's cache) are reused only under the version
// that made them, so rules that change without a new version would leave
// stores serving cards of the old rules. Bump the version, then record its
// digest with -update; -update never records a new digest under a version
// that already has one.
func TestGeneratorVersion(t *testing.T) {
	got := generatorDigest(t)
	data, err := os.ReadFile(generatorDigests)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	recorded := make(map[int]string)
	highest := 0
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		v, digest, ok := strings.Cut(line, " ")
		n, err := strconv.Atoi(v)
		if !ok || err != nil {
			t.Fatalf("%s:%d: want \"VERSION DIGEST\", got %q", generatorDigests, i+1, line)
		}
		recorded[n] = digest
		highest = max(highest, n)
	}
	if highest > GeneratorVersion {
		t.Fatalf("%s records version %d, GeneratorVersion is %d: versions only go up", generatorDigests, highest, GeneratorVersion)
	}
	switch want, ok := recorded[GeneratorVersion]; {
	case ok && want == got:
	case ok:
		t.Fatalf("the generator's output on the test notes changed, but GeneratorVersion is still %d: bump it in content/reuse.go, "+
			"so that stores do not reuse notes carded by the old rules, then run go test ./content -run TestGeneratorVersion -update", GeneratorVersion)
	case *update:
		line := fmt.Sprintf("%d %s\n", GeneratorVersion, got)
		if len(data) == 0 {
			line = "# GeneratorVersion and a digest of the generator's output on the test notes (TestGeneratorVersion)\n" + line
		}
		if err := os.WriteFile(generatorDigests, append(data, line...), 0o644); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("no digest recorded for GeneratorVersion %d: run go test ./content -run TestGeneratorVersion -update", GeneratorVersion)
	}
}

// generatorDigest hashes everything Generate makes of the test notes, each
// alone and all together, with and without reverse cards.
func generatorDigest(t *testing.T) string {
	files := fixtureNotes(t)
	h := sha256.New()
	write := func(res Result) {
		fmt.Fprintf(h, "%d\n%+v\n%+v\n%q\n", res.NotesRead, res.Cards, res.Duplicates, append(problemLines(res), res.Unread...))
	}
	for _, reverse := range []bool{false, true} {
		opts := Options{Deck: "version", Reverse: reverse}
		write(Generate(files, opts))
		for _, f := range files {
			write(Generate([]File{f}, opts))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
