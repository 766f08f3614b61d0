package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Long work (reading and importing a vault of notes) shows how it goes on
// stderr once it has taken progressDelay, redrawn every progressEvery,
// and only on a terminal: nothing when stderr is piped or with --quiet.
const (
	progressDelay = time.Second
	progressEvery = 250 * time.Millisecond
)

// workProgress is the one line of progress: notes read of the total, cards
// made, and the rate. A nil *workProgress shows nothing, so callers need
// not check whether it is on.
type workProgress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu                  sync.Mutex
	notes, total, cards int
	drawn               int // width of the line on screen, 0 if none

	stop chan struct{}
	done chan struct{}
}

// startProgress returns a running progress line, or nil when stderr is
// not a terminal or the user asked for quiet.
func startProgress(env *Env, quiet bool) *workProgress {
	if quiet || !env.StderrIsTerminal || env.errTerminal == nil {
		return nil
	}
	now := env.Now
	if now == nil {
		now = time.Now
	}
	p := &workProgress{w: env.errTerminal, now: now, start: now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *workProgress) run() {
	defer close(p.done)
	select {
	case <-p.stop:
		return
	case <-time.After(progressDelay):
	}
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

// update records how far the work is; content.Options.Progress calls it.
func (p *workProgress) update(notes, total, cards int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.notes, p.total, p.cards = notes, total, cards
	p.mu.Unlock()
}

// text is the line as it stands after elapsed.
func (p *workProgress) text(elapsed time.Duration) string {
	s := fmt.Sprintf("reading notes: %d of %d, %d cards", p.notes, p.total, p.cards)
	if secs := elapsed.Seconds(); secs > 0 {
		s += fmt.Sprintf(", %.0f notes/s", float64(p.notes)/secs)
	}
	if p.notes == p.total && p.total > 0 {
		s += "; linking near-duplicates"
	}
	return s
}

// draw writes the line over the one before.
func (p *workProgress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := p.text(p.now().Sub(p.start))
	pad := max(p.drawn-len(line), 0)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	p.drawn = len(line)
}

// finish stops the line and clears it from the screen, so what is printed
// next (the summary) starts on a clean line.
func (p *workProgress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.drawn))
		p.drawn = 0
	}
}
