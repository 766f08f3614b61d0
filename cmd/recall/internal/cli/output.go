package cli

import (
	"os"

	"github.com/recallcards/recall/internal/files"
)

// createOutput starts writing a command's -o path through package files:
// "" and "-" are standard output, the store is refused under any name,
// devices and FIFOs are written through, a regular file is replaced
// atomically with mode (files.Public or files.Private) less the umask.
func (o *rootOptions) createOutput(path string, mode os.FileMode) (*files.Output, error) {
	return files.Create(o.outputPath(path), o.outputOptions(mode))
}

// writeOutput is createOutput for output made in memory.
func (o *rootOptions) writeOutput(path string, data []byte, mode os.FileMode) error {
	return files.WriteFile(o.outputPath(path), data, o.outputOptions(mode))
}

func (o *rootOptions) outputPath(path string) string {
	if path == "" {
		return files.Stdout
	}
	return path
}

func (o *rootOptions) outputOptions(mode os.FileMode) files.Options {
	store, _ := o.storePath() // no store path: nothing to protect
	return files.Options{Mode: mode, Store: store, Stdout: o.env.Out}
}
