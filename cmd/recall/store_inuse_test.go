package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/recallcards/recall/storage"
)

// TestStoreInUse holds the store open in this process and runs recall (the
// test binary under that name, on PATH thanks to testscript.Main) as a
// second process: it must give up within two seconds, exit 1 and say why in
// one line. A script cannot hold the store open, hence a Go test.
func TestStoreInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := fmt.Sprintf("recall: the store %q is in use by another recall process\n", path)
	for _, args := range [][]string{{"due"}, {"suspend", "abc"}, {"review", "--plain"}} {
		cmd := exec.Command("recall", args...)
		cmd.Env = append(cmd.Environ(), "RECALL_DB="+path, "RECALL_NOW=2026-03-02T10:00:00Z")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("recall %v: %v, want exit status 1", args, err)
		}
		if stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("recall %v wrote %q to stderr and %q to stdout, want %q and nothing", args, stderr.String(), stdout.String(), want)
		}
		if elapsed > 2*time.Second {
			t.Errorf("recall %v gave up after %v, want under 2s", args, elapsed)
		}
	}
}
