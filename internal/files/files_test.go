package files_test

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recallcards/recall/internal/files"
)

// entries lists dir's names, hidden ones included.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestStdout(t *testing.T) {
	var buf bytes.Buffer
	if err := files.WriteFile("-", []byte("hello\n"), files.Options{Stdout: &buf}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "hello\n" {
		t.Errorf("standard output got %q", buf.String())
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := files.WriteFile("-", []byte("x"), files.Options{}); err == nil {
		t.Error(`"-" without a standard output was accepted`)
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf(`"-" made files %q`, names)
	}
}

func TestModes(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		mode os.FileMode
		want os.FileMode
	}{
		{"public.csv", files.Public, 0o640},
		{"private.csv", files.Private, 0o600},
		{"default.csv", 0, 0o600},
	} {
		path := filepath.Join(dir, tc.name)
		if err := files.WriteFile(path, []byte("x"), files.Options{Mode: tc.mode}); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != tc.want {
			t.Errorf("%s: mode %o under umask 027, want %o", tc.name, got, tc.want)
		}
	}
}

func TestReplaceAndNoClobber(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := files.WriteFile(path, []byte("new"), files.Options{NoClobber: true})
	if !errors.Is(err, files.ErrExists) || readFile(t, path) != "old" {
		t.Errorf("NoClobber over an existing file: %v, content %q", err, readFile(t, path))
	}
	if err := files.WriteFile(path, []byte("new"), files.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new" {
		t.Errorf("replaced content %q", got)
	}
	fresh := filepath.Join(dir, "fresh.txt")
	if err := files.WriteFile(fresh, []byte("one"), files.Options{NoClobber: true}); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"fresh.txt", "out.txt"}) {
		t.Errorf("folder holds %q: a temporary file was left", got)
	}

	// Abandoned before Commit: the old content stays, nothing is left.
	out, err := files.Create(path, files.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out.Write([]byte("half"))
	out.Close()
	if got := readFile(t, path); got != "new" {
		t.Errorf("an abandoned write changed the file to %q", got)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"fresh.txt", "out.txt"}) {
		t.Errorf("folder holds %q after an abandoned write", got)
	}
	// The name appearing between Create and Commit is not replaced.
	late := filepath.Join(dir, "late.txt")
	out, err = files.Create(late, files.Options{NoClobber: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Write([]byte("mine"))
	os.WriteFile(late, []byte("theirs"), 0o600)
	if err := out.Commit(); !errors.Is(err, files.ErrExists) || readFile(t, late) != "theirs" {
		t.Errorf("a file created meanwhile: %v, content %q", err, readFile(t, late))
	}
}

// TestStoreRefused: the store is never written, under any name.
func TestStoreRefused(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "recall.db")
	if err := os.WriteFile(store, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	hard := filepath.Join(dir, "hard.db")
	if err := os.Symlink(store, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(store, hard); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, path := range []string{store, "recall.db", "./recall.db", "../" + filepath.Base(dir) + "/recall.db", link, hard} {
		err := files.WriteFile(path, []byte("export"), files.Options{Store: store})
		if err == nil || !strings.Contains(err.Error(), "that is the store") {
			t.Errorf("%s: %v, want a refusal naming the store", path, err)
		}
	}
	if got := readFile(t, store); got != "precious" {
		t.Errorf("the store now holds %q", got)
	}
	if err := files.WriteFile("other.db", []byte("x"), files.Options{Store: store}); err != nil {
		t.Errorf("another file was refused: %v", err)
	}
}

func TestSymlinkTargetReplaced(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.txt")
	link := filepath.Join(dir, "link.txt")
	os.WriteFile(target, []byte("old"), 0o600)
	if err := os.Symlink("real.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := files.WriteFile(link, []byte("new"), files.Options{}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if got := readFile(t, target); got != "new" {
		t.Errorf("the link's target holds %q", got)
	}
	dangling := filepath.Join(dir, "dangling.txt")
	os.Symlink("missing.txt", dangling)
	if err := files.WriteFile(dangling, []byte("x"), files.Options{}); err == nil {
		t.Error("a dangling link was written through or replaced")
	}
}

func TestNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	// A device is written through and stays a device.
	if err := files.WriteFile(os.DevNull, []byte("gone"), files.Options{NoClobber: true}); err != nil {
		t.Errorf("%s: %v", os.DevNull, err)
	}
	if info, err := os.Stat(os.DevNull); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v", os.DevNull, err)
	}
	// A directory is refused.
	if err := files.WriteFile(dir, []byte("x"), files.Options{}); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory: %v", err)
	}
	// A socket is refused.
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := files.WriteFile(sock, []byte("x"), files.Options{}); err == nil || !strings.Contains(err.Error(), "socket") {
		t.Errorf("a socket: %v", err)
	}
	// A FIFO is written through to its reader and stays a FIFO.
	fifo := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- string(data)
	}()
	if err := files.WriteFile(fifo, []byte("through"), files.Options{}); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through" {
			t.Errorf("the FIFO's reader got %q", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the FIFO's reader got nothing")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

// TestKilledWriteLeavesNothing kills a process in the middle of writing a
// file: the old content stays and no temporary file is left.
func TestKilledWriteLeavesNothing(t *testing.T) {
	if dir := os.Getenv("FILES_TEST_KILL_DIR"); dir != "" {
		out, err := files.Create(filepath.Join(dir, "backup.db"), files.Options{})
		if err != nil {
			os.Exit(2)
		}
		out.Write([]byte("half of it"))
		os.Stdout.WriteString("writing\n")
		time.Sleep(time.Minute)
		os.Exit(3)
	}
	if runtime.GOOS != "linux" {
		t.Skip("a temporary file without a name needs Linux")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "backup.db"), []byte("old"), 0o600)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriteLeavesNothing$")
	cmd.Env = append(os.Environ(), "FILES_TEST_KILL_DIR="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if _, err := stdout.Read(buf); err != nil || string(buf[:7]) != "writing" {
		t.Fatalf("the writer said %q, %v", buf, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if got := entries(t, dir); !slices.Equal(got, []string{"backup.db"}) {
		t.Errorf("after the kill the folder holds %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "backup.db")); got != "old" {
		t.Errorf("after the kill the file holds %q", got)
	}
}
