package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	bolt "go.etcd.io/bbolt"

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
			env.Setenv("XDG_CACHE_HOME", "")
			env.Setenv("NO_COLOR", "1")
			env.Setenv("TZ", "UTC")
			env.Setenv("ANKI_FIXTURES", fixtures)
			return nil
		},
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"damagelog": damageLog},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}

// damageLog is the script command "damagelog STORE SEQ": it replaces the
// value of review log entry SEQ with bytes no log encoding reads, as a
// flipped byte on disk would, whatever the encoding.
func damageLog(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: damagelog STORE SEQ")
	}
	seq, err := strconv.ParseUint(args[1], 10, 64)
	ts.Check(err)
	db, err := bolt.Open(ts.MkAbs(args[0]), 0o600, nil)
	ts.Check(err)
	defer db.Close()
	ts.Check(db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("log")).Put(binary.BigEndian.AppendUint64(nil, seq), []byte("\x00\xff damaged"))
	}))
}
