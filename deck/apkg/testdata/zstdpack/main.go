// Command zstdpack turns the collection and media map that
// make_fixtures.py writes into modern.apkg, in Anki's current form: the
// collection zstd-compressed as collection.anki21b, the media map
// zstd-compressed, a meta entry saying version 3, and the legacy
// collection.anki2 Anki adds for old clients (here: a copy of the legacy
// fixture's, so a reader that took it would import the wrong package).
// Run from deck/apkg: go run ./testdata/zstdpack.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "zstdpack:", err)
		os.Exit(1)
	}
}

func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func legacyCollection() ([]byte, error) {
	z, err := zip.OpenReader("testdata/legacy.apkg")
	if err != nil {
		return nil, err
	}
	defer z.Close()
	f, err := z.Open("collection.anki2")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func run() error {
	col, err := os.ReadFile("testdata/modern.sqlite")
	if err != nil {
		return err
	}
	media, err := os.ReadFile("testdata/modern-media.pb")
	if err != nil {
		return err
	}
	old, err := legacyCollection()
	if err != nil {
		return err
	}
	colZ, err := compress(col)
	if err != nil {
		return err
	}
	mediaZ, err := compress(media)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"collection.anki2", old},
		{"collection.anki21b", colZ},
		{"media", mediaZ},
		{"meta", []byte{0x08, 0x03}},
		{"0", []byte("not really media")},
		{"1", []byte("not really media")},
	} {
		w, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Store})
		if err != nil {
			return err
		}
		if _, err := w.Write(f.data); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	if err := os.Remove("testdata/modern.sqlite"); err != nil {
		return err
	}
	if err := os.Remove("testdata/modern-media.pb"); err != nil {
		return err
	}
	return os.WriteFile("testdata/modern.apkg", out.Bytes(), 0o644)
}
