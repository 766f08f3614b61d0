package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// testEnv returns an Env with buffers for its streams and the given
// environment variables.
func testEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	env := &Env{
		In:            strings.NewReader(""),
		Out:           &out,
		ErrOut:        &errOut,
		Getenv:        func(k string) string { return vars[k] },
		Now:           func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) },
		TerminalWidth: func() int { return 0 },
		Zone:          time.UTC,
	}
	if name := vars["TZ"]; name != "" {
		zone, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		env.Zone = zone
	}
	return env, &out, &errOut
}

func TestRunExitStatus(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStatus int
		wantOut    string // substring of stdout
		wantErr    string // exact stderr
	}{
		{"version", []string{"--version"}, 0, "recall dev\n", ""},
		{"unknown flag", []string{"--no-such-flag"}, 2, "", "recall: unknown flag: --no-such-flag\n"},
		{"unknown command", []string{"no-such-command"}, 2, "", `recall: unknown command "no-such-command" for "recall"` + "\n"},
		{"typo", []string{"stast"}, 2, "", `recall: unknown command "stast" for "recall"` + "\n\nDid you mean this?\n\tstats\n"},
		{"number for a flag", []string{"due", "-5"}, 2, "", "recall: -5 is not a flag of recall due (recall due --help lists them)\n"},
		// pflag quotes nothing: the error line itself is sanitized, the
		// sequence removed whole.
		{"escape in a flag", []string{"--x\x1b[2J\x1b]0;pwned\x07y"}, 2, "", "recall: unknown flag: --xy\n"},
		{"no shell", []string{"completion"}, 2, "", "recall: recall completion needs a shell: bash, zsh, fish or powershell\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errOut := testEnv(nil)
			if got := Run(env, tt.args); got != tt.wantStatus {
				t.Errorf("Run(%q) = %d, want %d (stderr %q)", tt.args, got, tt.wantStatus, errOut)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", out, tt.wantOut)
			}
			if errOut.String() != tt.wantErr {
				t.Errorf("stderr = %q, want %q", errOut, tt.wantErr)
			}
		})
	}
}

// TestRunCrashIsNotUsage: a panic inside a command (here an Env missing its
// Getenv) is an internal error with status 1, never 2, which means the user
// called recall wrongly.
func TestRunCrashIsNotUsage(t *testing.T) {
	env, _, errOut := testEnv(nil)
	env.Getenv = nil
	if got := Run(env, []string{"due"}); got != 1 {
		t.Errorf("status %d, want 1", got)
	}
	if !strings.HasPrefix(errOut.String(), "recall: internal error: ") || strings.Contains(errOut.String(), "goroutine") {
		t.Errorf("stderr %q, want one internal-error line", errOut)
	}
}

func TestClock(t *testing.T) {
	env, _, _ := testEnv(map[string]string{"RECALL_NOW": "2030-05-06T07:08:09+02:00"})
	got, err := env.Clock()
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2030, 5, 6, 5, 8, 9, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Clock() = %v, want %v", got, want)
	}

	env, _, _ = testEnv(map[string]string{"RECALL_NOW": "yesterday"})
	if _, err := env.Clock(); err == nil || !strings.Contains(err.Error(), "RECALL_NOW") {
		t.Errorf("Clock() with a bad RECALL_NOW: err = %v, want one naming RECALL_NOW", err)
	}

	env, _, _ = testEnv(nil)
	if got, _ := env.Clock(); !got.Equal(env.Now()) {
		t.Errorf("Clock() without RECALL_NOW = %v, want the wall clock %v", got, env.Now())
	}
}

func TestStorePath(t *testing.T) {
	tests := []struct {
		name string
		flag string
		vars map[string]string
		want string
	}{
		{"flag wins", "/tmp/a.db", map[string]string{"RECALL_DB": "/tmp/b.db", "HOME": "/home/u"}, "/tmp/a.db"},
		{"RECALL_DB", "", map[string]string{"RECALL_DB": "/tmp/b.db", "HOME": "/home/u"}, "/tmp/b.db"},
		{"XDG data home", "", map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/u"}, "/data/recall/recall.db"},
		{"relative XDG ignored", "", map[string]string{"XDG_DATA_HOME": "data", "HOME": "/home/u"}, "/home/u/.local/share/recall/recall.db"},
		{"home default", "", map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/recall/recall.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.vars)
			o := &rootOptions{env: env, dbPath: tt.flag}
			got, err := o.storePath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("storePath() = %q, want %q", got, tt.want)
			}
		})
	}
	env, _, _ := testEnv(nil)
	if _, err := (&rootOptions{env: env}).storePath(); err == nil {
		t.Error("storePath() with no HOME and no RECALL_DB: want an error")
	}
}
