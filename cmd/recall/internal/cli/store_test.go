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

// TestReadOnlyStoreWithUnfoldedReviews: a store holding reviews waiting
// to be folded (a session's, killed or still going), which this user may
// not write, is read by every read command as if they were folded: the
// commands succeed, warn of nothing, and leave the file as it was. Root
// writes any file, so the test needs another user.
func TestReadOnlyStoreWithUnfoldedReviews(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a file without write permission")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "store", "recall.db")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st, err := storage.Open(path, storage.Options{})
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
	for _, args := range [][]string{{"due"}, {"cards", "--json"}, {"stats"}, {"log", "export"}, {"check"}, {"decks"}} {
		env, _, errOut := testEnv(map[string]string{"RECALL_DB": path, "HOME": dir, "RECALL_NOW": "2026-11-23T10:00:00Z"})
		if got := Run(env, args); got != 0 || errOut.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q; want 0 and nothing", args, got, errOut)
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

// TestReadCommandsWriteNothing: with reviews waiting to be folded (a
// session killed, or one going on in another terminal), the read commands,
// recall check among them, leave the store's file as it was, and read the
// waiting review: the card is no longer due.
func TestReadCommandsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "recall.db")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cards := []deck.Card{{ID: "c1", Front: "F1", Back: "B1", Order: 1}, {ID: "c2", Front: "F2", Back: "B2", Order: 2}}
	if _, err := st.Import("d", cards, now, false); err != nil {
		t.Fatal(err)
	}
	cfg := scheduler.DefaultSettings()
	cfg.Location = time.UTC
	if _, _, err := st.Review("c1", 5, now, time.Second, cfg); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"due"}, {"cards", "--json"}, {"stats"}, {"decks"}, {"log", "export"}, {"check"}} {
		env, out, errOut := testEnv(map[string]string{"RECALL_DB": path, "HOME": dir, "RECALL_NOW": "2026-11-23T10:00:00Z"})
		if got := Run(env, args); got != 0 || errOut.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q; want 0 and nothing", args, got, errOut)
		}
		if lines := strings.Split(out.String(), "\n"); args[0] == "decks" && (len(lines) < 2 || !strings.HasPrefix(strings.Join(strings.Fields(lines[1]), " "), "d 2 1 ")) {
			t.Errorf("decks: %q, want deck d with 2 cards, 1 new (c1's review read)", out)
		}
		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(after) != string(before) {
			t.Fatalf("%q changed the store", args)
		}
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
