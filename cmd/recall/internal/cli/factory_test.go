package cli

import "testing"

// TestFactoryTerminalPolicy: colour and width follow the terminal and the
// environment the same way for every command.
func TestFactoryTerminalPolicy(t *testing.T) {
	tests := []struct {
		name       string
		tty        bool
		size       int
		vars       map[string]string
		wantColour bool
		wantWidth  int
	}{
		{"terminal", true, 100, nil, true, 100},
		{"NO_COLOR", true, 100, map[string]string{"NO_COLOR": "1"}, false, 100},
		{"dumb terminal", true, 100, map[string]string{"TERM": "dumb"}, false, 100},
		{"piped, COLUMNS set", false, 0, map[string]string{"COLUMNS": "60"}, false, 0},
		{"terminal of unknown size", true, 0, map[string]string{"COLUMNS": "60"}, true, 60},
		{"bad COLUMNS", true, 0, map[string]string{"COLUMNS": "wide"}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.vars)
			env.StdoutIsTerminal, env.StdinIsTerminal = tt.tty, tt.tty
			env.TerminalWidth = func() int { return tt.size }
			o := &rootOptions{env: env}
			if got := o.colour(); got != tt.wantColour {
				t.Errorf("colour() = %v, want %v", got, tt.wantColour)
			}
			if got := o.width(); got != tt.wantWidth {
				t.Errorf("width() = %d, want %d", got, tt.wantWidth)
			}
		})
	}
}
