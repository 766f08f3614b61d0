package text

import (
	"bytes"
	"unicode/utf8"
)

// InvalidUTF8At returns the offset of the first byte of data that is not
// part of valid UTF-8, or len(data) if all of it is.
func InvalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// LineAt returns the 1-based line of data that byte offset off is on;
// offsets out of range count as the nearest end.
func LineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}
