//go:build !unix

package storage

import "os"

// mapPages is not available here: the page tree is read page by page.
func mapPages(f *os.File, size int64) (m mappedFile, unmap func(), ok bool) {
	return mappedFile{}, nil, false
}
