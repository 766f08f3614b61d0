//go:build !linux

package files

import (
	"errors"
	"os"
)

// openUnnamed is not available here: a temporary file gets a hidden name
// from the start.
func openUnnamed(string, os.FileMode) (*os.File, bool) { return nil, false }

func linkUnnamed(*os.File, string) error { return errors.New("unnamed files are not supported") }

func nameUnnamed(*os.File, string) (string, error) {
	return "", errors.New("unnamed files are not supported")
}
