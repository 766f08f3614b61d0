package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recallcards/recall/deck"
	"github.com/recallcards/recall/scheduler"
	"github.com/recallcards/recall/storage"
)

// TestReadOnlyStoreWithUnfoldedReviews: a store holding the reviews of a
// session killed before it folded them, which this user may not write, is
// refused by every read command with an error naming the file and what to
// do, not the open's "permission denied", and the store is left as it was.
// Root writes any file, so the test needs another user.
func TestReadOnlyStoreWithUnfoldedReviews(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a file without write permission")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "store", "recall.db")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st, err := storage.Open(path, storage.Options{DeferFold: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import("d", []deck.Card{{ID: "c1", Front: "F", Back: "B"}}, now, false); err != nil {
		t.Fatal(err)
	}
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	if _, _, err := st.Review("c1", 4, now, time.Second, cfg); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, filepath.Dir(path)} {
		if err := os.Chmod(p, 0o500); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(path), 0o700); os.Chmod(path, 0o600) })
	for _, args := range [][]string{{"due"}, {"cards", "--json"}, {"stats"}, {"log", "export"}} {
		env, _, errOut := testEnv(map[string]string{"RECALL_DB": path, "HOME": dir})
		if got := Run(env, args); got != 1 {
			t.Errorf("%q: exit %d, want 1 (stderr %q)", args, got, errOut)
		}
		if msg := errOut.String(); !strings.Contains(msg, path) || !strings.Contains(msg, "chmod u+w") || strings.Contains(msg, "permission denied") {
			t.Errorf("%q: stderr %q, want the store's path and what to do, not the open's error", args, msg)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Error("the store changed")
	}
}

// TestCannotWrite: the open errors of a store this process may not write.
func TestCannotWrite(t *testing.T) {
	open := func(errno syscall.Errno) error {
		return fmt.Errorf("open store %q: %w", "/s/recall.db", &fs.PathError{Op: "open", Path: "/s/recall.db", Err: errno})
	}
	tests := []struct {
		err  error
		want bool
	}{
		{open(syscall.EACCES), true},
		{open(syscall.EPERM), true},
		{open(syscall.EROFS), true},
		{open(syscall.ENOENT), false},
		{errors.New("store is in use"), false},
	}
	for _, tt := range tests {
		if got := cannotWrite(tt.err); got != tt.want {
			t.Errorf("cannotWrite(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
