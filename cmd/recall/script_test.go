package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/recallcards/recall/cmd/recall/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary double as the recall command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"recall": func() { os.Exit(cli.Main(cli.SystemEnv())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Each script
// starts with an empty HOME, so the store lives under $WORK unless a script
// passes --db or RECALL_DB.
func TestScripts(t *testing.T) {
	// Anki packages made by another tool, for import-anki's scripts.
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "deck", "apkg", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_DATA_HOME", "")
			env.Setenv("NO_COLOR", "1")
			env.Setenv("TZ", "UTC")
			env.Setenv("ANKI_FIXTURES", fixtures)
			return nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}
