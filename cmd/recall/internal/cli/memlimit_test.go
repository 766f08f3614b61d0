package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestLimitVaultMemory: the limit is set, unless GOMEMLIMIT sets one.
func TestLimitVaultMemory(t *testing.T) {
	old := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	limitVaultMemory(func(string) string { return "1GiB" })
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d, want it left alone", got)
	}
	limitVaultMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != vaultMemoryLimit {
		t.Errorf("limit %d, want %d", got, vaultMemoryLimit)
	}
}

// TestVaultCommandsLimitMemory: preview and import bound their memory
// before they read the notes; other commands do not.
func TestVaultCommandsLimitMemory(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notes, "a.md"), []byte("# A\n\n* **Honesty**: telling the truth without fail\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"--db", db, "preview", notes}, 1},
		{[]string{"--db", db, "import", notes}, 1},
		{[]string{"--db", db, "due"}, 0},
	} {
		env, _, errOut := testEnv(map[string]string{"RECALL_NOW": "2026-06-01T10:00:00Z"})
		calls := 0
		env.LimitMemory = func() { calls++ }
		if st := Run(env, c.args); st != 0 {
			t.Fatalf("%q: status %d: %s", c.args, st, errOut)
		}
		if calls != c.want {
			t.Errorf("%q: LimitMemory called %d times, want %d", c.args, calls, c.want)
		}
	}
}
