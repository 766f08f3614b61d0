// Package cli is recall's command line: one file per command, each with an
// options struct, a constructor that wires its flags and a run function that
// uses only the injected Env, so every command is testable without a terminal.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/recallcards/recall/internal/text"
)

// Version is the release recall reports with --version; set at link time
// with -ldflags "-X github.com/recallcards/recall/cmd/recall/internal/cli.Version=v1.2.3".
var Version = "dev"

// Env is everything a command may take from its surroundings.
type Env struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (RECALL_DB, RECALL_NOW, NO_COLOR, XDG_DATA_HOME, HOME).
	Getenv func(string) string
	// Now is the wall clock; RECALL_NOW overrides it (see Clock).
	Now func() time.Time
	// StdinIsTerminal and StdoutIsTerminal say whether In and Out are a TTY;
	// StderrIsTerminal whether ErrOut is (progress is shown only there).
	StdinIsTerminal  bool
	StdoutIsTerminal bool
	StderrIsTerminal bool
	// TerminalWidth returns the width of Out in columns, or 0 if unknown.
	TerminalWidth func() int
	// Zone is the user's time zone, which decides "today" unless the
	// timezone setting names another; nil means UTC.
	Zone *time.Location
	// LimitMemory, if set, is called by the commands that hold a whole
	// vault's cards (import, preview) before they read the notes, to bound
	// the process's memory (limitVaultMemory); tests leave it nil.
	LimitMemory func()

	// terminal is Out before Run put safeWriter in front of it: only the
	// full-screen review and coloured output, which write their own
	// escape sequences and sanitize the text they draw, write to it.
	terminal io.Writer
	// errTerminal is ErrOut before Run put safeWriter in front of it: the
	// progress line, which redraws itself with a carriage return, writes
	// to it (its text is recall's own).
	errTerminal io.Writer
}

// styledOut is where output with recall's own escape sequences goes: the
// terminal itself, not the safeWriter that removes every sequence.
func (e *Env) styledOut() io.Writer {
	if e.terminal != nil {
		return e.terminal
	}
	return e.Out
}

// SystemEnv returns the Env of the running process.
func SystemEnv() *Env {
	return &Env{
		In:               os.Stdin,
		Out:              os.Stdout,
		ErrOut:           os.Stderr,
		Getenv:           os.Getenv,
		Now:              time.Now,
		StdinIsTerminal:  isTerminal(os.Stdin),
		StdoutIsTerminal: isTerminal(os.Stdout),
		StderrIsTerminal: isTerminal(os.Stderr),
		TerminalWidth:    func() int { return terminalWidth(os.Stdout) },
		Zone:             time.Local,
		LimitMemory:      func() { limitVaultMemory(os.Getenv) },
	}
}

// zone returns the user's time zone.
func (e *Env) zone() *time.Location {
	if e.Zone == nil {
		return time.UTC
	}
	return e.Zone
}

// Clock returns the current time: RECALL_NOW (RFC 3339) if set, for scripts
// and tests, else the wall clock.
func (e *Env) Clock() (time.Time, error) {
	if v := e.Getenv("RECALL_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("RECALL_NOW=%q is not an RFC 3339 time such as 2026-01-02T15:04:05Z", v)
		}
		return t, nil
	}
	return e.Now(), nil
}

// usageError marks errors in how recall was called; they exit with status 2.
// hint, if any, is printed on the lines after the error.
type usageError struct {
	err  error
	hint string
}

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// usagef returns a usage error (exit status 2).
func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// errSilent ends a command with exit status 1 after it has already told the
// user what went wrong.
var errSilent = errors.New("")

// Main runs recall with os.Args and returns the exit status: 0 on success,
// 2 for usage errors, 1 for anything else.
func Main(env *Env) int {
	return Run(env, os.Args[1:])
}

// Run runs recall with args and returns the exit status. A panic is
// reported as an internal error with status 1: status 2 means the user
// called recall wrongly, and a crash is never that.
func Run(env *Env, args []string) (status int) {
	// Everything recall prints, the last error line included, goes through
	// safeWriter: text from notes and decks cannot reach the terminal as
	// escape sequences.
	out, errOut := newSafeWriter(env.Out), newSafeWriter(env.ErrOut)
	defer out.Close()
	defer errOut.Close()
	safe := *env
	safe.Out, safe.ErrOut, safe.terminal, safe.errTerminal = out, errOut, env.Out, env.ErrOut
	env = &safe
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.ErrOut, "recall: internal error: %s (please report it)\n", text.OneLine(fmt.Sprint(r)))
			status = 1
		}
	}()
	root := NewRootCmd(env)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var u usageError
	isUsage := errors.As(err, &u)
	if !errors.Is(err, errSilent) {
		fmt.Fprintf(env.ErrOut, "recall: %s\n", text.OneLine(err.Error()))
		if isUsage && u.hint != "" {
			fmt.Fprintf(env.ErrOut, "\n%s\n", u.hint)
		}
	}
	if isUsage {
		return 2
	}
	return 1
}

// rootOptions holds the flags every command shares and, with Env.Clock
// (RECALL_NOW), settings (the zone and "today") and the methods in
// factory.go (colour, width, the store and config folders), is the one
// place that decides what commands share. Commands take these from it and
// never read the environment themselves.
type rootOptions struct {
	env    *Env
	dbPath string
}

// NewRootCmd builds the recall command tree.
func NewRootCmd(env *Env) *cobra.Command {
	opts := &rootOptions{env: env}
	root := &cobra.Command{
		Use:   "recall",
		Short: "Spaced-repetition flashcards from your markdown notes",
		Long: `recall turns markdown knowledge notes into flashcards and drills them on
an SM-2 spaced-repetition schedule, in the terminal.

Run "recall review" for today's session; with no store and no notes of your
own it starts on the built-in "Building trust" deck.

Environment:
  RECALL_DB    path of the store (same as --db)
  RECALL_NOW   an RFC 3339 time used instead of the clock, for scripts and tests
  NO_COLOR     turn colour off`,
		Version:       Version,
		Args:          noSubcommand,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.ErrOut)
	root.PersistentFlags().StringVar(&opts.dbPath, "db", "", "path of the store (default $RECALL_DB, else $XDG_DATA_HOME/recall/recall.db)")
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("recall {{.Version}}\n")

	root.AddCommand(
		newReviewCmd(opts),
		newDueCmd(opts),
		newPreviewCmd(opts),
		newImportCmd(opts),
		newImportAnkiCmd(opts),
		newCardsCmd(opts),
		newDecksCmd(opts),
		newEditCmd(opts),
		newSuspendCmd(opts),
		newUnsuspendCmd(opts),
		newUndoCmd(opts),
		newStatsCmd(opts),
		newLogCmd(opts),
		newExportCmd(opts),
		newConfigCmd(opts),
		newCheckCmd(opts),
		newBackupCmd(opts),
		newKeyCmd(opts),
		newDeckCmd(opts),
		newSyncCmd(opts),
		newProgressCmd(opts),
		newTeamCmd(opts),
		newManCmd(opts),
		newSchedulerCmd(opts),
		newOptimizeCmd(opts),
		newWhyCmd(opts),
		newSimulateCmd(opts),
	)
	addCompletionCmd(root)
	return root
}

// addCompletionCmd adds cobra's "recall completion SHELL", with an unknown
// or missing shell a usage error rather than the help and status 0.
func addCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = noSubcommand
			c.RunE = func(cmd *cobra.Command, _ []string) error {
				return usagef("recall completion needs a shell: bash, zsh, fish or powershell")
			}
		}
	}
}

// noSubcommand is the Args check of commands that only group others (recall,
// recall deck): an argument is an unknown subcommand, and the error suggests
// the nearest real ones.
func noSubcommand(cmd *cobra.Command, a []string) error {
	if len(a) == 0 {
		return nil
	}
	err := fmt.Errorf("unknown command %q for %q", a[0], cmd.CommandPath())
	hint := ""
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default, which it sets only on its own path
	}
	if near := cmd.SuggestionsFor(a[0]); len(near) > 0 {
		hint = "Did you mean this?\n\t" + strings.Join(near, "\n\t")
	}
	return usageError{err: err, hint: hint}
}

// flagError turns pflag's messages into usage errors a user can act on.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown shorthand flag: ") {
		// pflag says "unknown shorthand flag: '5' in -5"; name the argument.
		arg := msg[strings.LastIndex(msg, " in ")+len(" in "):]
		err = fmt.Errorf("%s is not a flag of %s (%s --help lists them)", arg, cmd.CommandPath(), cmd.CommandPath())
	}
	return usageError{err: err}
}

// args checks positional arguments, reporting a mismatch as a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err: err}
		}
		return nil
	}
}
