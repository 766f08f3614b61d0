package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressOnlyOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	tests := []struct {
		name     string
		terminal bool
		quiet    bool
		on       bool
	}{
		{"terminal", true, false, true},
		{"terminal, --quiet", true, true, false},
		{"piped", false, false, false},
	}
	for _, tt := range tests {
		env := &Env{StderrIsTerminal: tt.terminal, errTerminal: &buf, Now: time.Now}
		p := startProgress(env, tt.quiet)
		if (p != nil) != tt.on {
			t.Errorf("%s: progress shown %v, want %v", tt.name, p != nil, tt.on)
		}
		p.update(1, 2, 3) // a nil line takes updates too
		p.finish()
	}
	if buf.Len() != 0 {
		t.Errorf("work shorter than the delay printed %q", buf.String())
	}
}

func TestProgressLineRedrawsAndClears(t *testing.T) {
	var buf bytes.Buffer
	start := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	now := start
	p := &workProgress{w: &buf, now: func() time.Time { return now }, start: start, stop: make(chan struct{}), done: make(chan struct{})}
	close(p.done) // no drawing goroutine: the test draws
	p.update(400, 2000, 6100)
	now = start.Add(2 * time.Second)
	p.draw()
	if got, want := buf.String(), "\rreading notes: 400 of 2000, 6100 cards, 200 notes/s"; got != want {
		t.Fatalf("first draw %q, want %q", got, want)
	}
	buf.Reset()
	p.update(2000, 2000, 31000)
	now = start.Add(4 * time.Second)
	p.draw()
	if got := buf.String(); !strings.HasPrefix(got, "\rreading notes: 2000 of 2000, 31000 cards, 500 notes/s; linking near-duplicates") {
		t.Fatalf("last draw %q", got)
	}
	width := p.drawn
	buf.Reset()
	p.finish()
	if got, want := buf.String(), "\r"+strings.Repeat(" ", width)+"\r"; got != want {
		t.Errorf("finish wrote %q, want the line blanked", got)
	}
}
