//go:build unix

package fetch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFetchFileSpecial refuses a FIFO (without waiting for a writer) and a
// device.
func TestFetchFileSpecial(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "deck.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	tests := []struct{ path, want string }{
		{fifo, fmt.Sprintf("read %q: is a named pipe (FIFO), not a regular file", fifo)},
		{os.DevNull, fmt.Sprintf("read %q: is a device, not a regular file", os.DevNull)},
	}
	for _, tt := range tests {
		errc := make(chan error, 1)
		go func() {
			_, err := Fetch(context.Background(), nil, Request{Origin: tt.path, MaxBytes: 100})
			errc <- err
		}()
		var err error
		select {
		case err = <-errc:
		case <-time.After(10 * time.Second):
			// Not a timing assertion: a Fetch blocked in open(2) would hang
			// the test binary, so open a writer to free it and fail.
			if w, werr := os.OpenFile(tt.path, os.O_WRONLY|syscall.O_NONBLOCK, 0); werr == nil {
				defer w.Close()
			}
			t.Fatalf("Fetch(%q) blocked", tt.path)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Fetch(%q): err = %v, want %q", tt.path, err, tt.want)
		}
	}
}
