package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAsksBeforeRetiringMany: on a terminal an import that would
// retire many cards asks, and only a yes retires them.
func TestImportAsksBeforeRetiringMany(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	var big strings.Builder
	big.WriteString("# Big\n\n## Letters\n")
	for i := range 12 {
		fmt.Fprintf(&big, "*   **Letter %c:** The letter %c, number %d of the alphabet.\n", 'A'+i, 'A'+i, i+1)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(notes, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("big.md", big.String())
	write("small.md", "# Small\n\n## Things\n*   **One:** The first thing of all.\n*   **Two:** The second thing here.\n")
	vars := map[string]string{"RECALL_DB": filepath.Join(dir, "r.db"), "HOME": dir}
	run := func(answer string, terminal bool, args ...string) (string, string, int) {
		env, out, errOut := testEnv(vars)
		env.In = strings.NewReader(answer)
		env.StdinIsTerminal, env.StdoutIsTerminal = terminal, terminal
		status := Run(env, args)
		return out.String(), errOut.String(), status
	}
	if out, errOut, status := run("", false, "import", notes); status != 0 || !strings.HasPrefix(out, "added 15,") {
		t.Fatalf("first import: %d %q %q", status, out, errOut)
	}
	if err := os.Remove(filepath.Join(notes, "big.md")); err != nil {
		t.Fatal(err)
	}

	out, _, status := run("n\n", true, "import", notes)
	if status != 0 || !strings.Contains(out, "retires 12 of the 15 cards of deck \"notes\"") || !strings.Contains(out, "Nothing imported.") {
		t.Fatalf("import answered no: status %d, out %q", status, out)
	}
	if out, _, _ := run("", false, "decks"); !strings.Contains(out, "notes  15 ") {
		t.Fatalf("a no retired something:\n%s", out)
	}

	out, _, status = run("y\n", true, "import", notes)
	if status != 0 || !strings.Contains(out, "retired 12, relinked 0\n") {
		t.Fatalf("import answered yes: status %d, out %q", status, out)
	}
	if out, _, _ := run("", false, "decks"); !strings.Contains(out, "notes  3 ") {
		t.Fatalf("a yes retired nothing:\n%s", out)
	}
}
