package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// bbolt's page layout (go.etcd.io/bbolt/internal/common), read here
// without bbolt: bbolt trusts every page it follows, so a damaged page can
// send it outside the file, or round a cycle of pages until memory runs
// out. A page starts with a 16-byte header: its ID (8 bytes), flags (2),
// element count (2) and the number of overflow pages that follow it (4),
// in the machine's byte order. Then come count elements of 16 bytes: a
// branch element is the key's position (relative to the element) and size
// (4 bytes each) and the child page's ID (8); a leaf element is flags,
// position, key size and value size (4 bytes each). A leaf element whose
// flags have bucketLeafFlag is a nested bucket: its value is the bucket's
// root page ID and sequence (8 bytes each), and, when the root page ID is
// 0, the bucket's only page, inline. A freelist page's elements are page
// IDs (8 bytes each); a count of 0xFFFF means the real count is the first
// of them.
const (
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	pageElemSize     = 16
	bucketHeaderSize = 16
	maxKeySize       = 32768
	// maxTreeDepth bounds a bucket's tree: bbolt's trees are a handful of
	// levels deep; a deeper one is damaged (and bbolt's cursor recurses).
	maxTreeDepth = 64
	// maxNesting bounds buckets within buckets (recall nests two deep).
	maxNesting = 16
)

// pageHeader is the start of a page.
type pageHeader struct {
	id       uint64
	flags    uint16
	count    uint16
	overflow uint32
}

func readPageHeader(b []byte) pageHeader {
	e := binary.NativeEndian
	return pageHeader{e.Uint64(b[0:]), e.Uint16(b[8:]), e.Uint16(b[10:]), e.Uint32(b[12:])}
}

// leafElem is one key and value of a leaf page; bucket reports a nested
// bucket, whose value is its header and perhaps its inline page.
type leafElem struct {
	bucket     bool
	key, value []byte
}

// leafElems appends to elems the elements of the leaf page held in span
// (the page and its overflow pages, or an inline bucket's page), or returns
// an error if one lies outside it.
func leafElems(span []byte, count int, elems []leafElem) ([]leafElem, error) {
	return appendLeafElems(span, count, elems, false)
}

// leafBuckets is leafElems keeping only the nested buckets: the elements
// a page-tree walk follows; the others are only checked.
func leafBuckets(span []byte, count int, elems []leafElem) ([]leafElem, error) {
	return appendLeafElems(span, count, elems, true)
}

func appendLeafElems(span []byte, count int, elems []leafElem, bucketsOnly bool) ([]leafElem, error) {
	if pageHeaderSize+count*pageElemSize > len(span) {
		return nil, fmt.Errorf("%d elements do not fit in %d bytes", count, len(span))
	}
	e := binary.NativeEndian
	for i := range count {
		off := pageHeaderSize + i*pageElemSize
		b := span[off : off+pageElemSize]
		flags, pos, ksize, vsize := e.Uint32(b), uint64(e.Uint32(b[4:])), uint64(e.Uint32(b[8:])), uint64(e.Uint32(b[12:]))
		start := uint64(off) + pos
		switch {
		case flags&^bucketLeafFlag != 0:
			return nil, fmt.Errorf("element %d has unknown flags %#x", i, flags)
		case ksize == 0 || ksize > maxKeySize:
			return nil, fmt.Errorf("element %d has a key of %d bytes", i, ksize)
		case start+ksize+vsize > uint64(len(span)):
			return nil, fmt.Errorf("element %d lies outside its page", i)
		case bucketsOnly && flags&bucketLeafFlag == 0:
			continue
		}
		elems = append(elems, leafElem{
			bucket: flags&bucketLeafFlag != 0,
			key:    span[start : start+ksize : start+ksize],
			value:  span[start+ksize : start+ksize+vsize : start+ksize+vsize],
		})
	}
	return elems, nil
}

// branchElem is one child of a branch page and the first key under it.
type branchElem struct {
	key   []byte
	child uint64
}

// branchElems appends to elems the elements of a branch page, or returns
// an error if one lies outside it or the page has none (bbolt would read a
// child anyway).
func branchElems(span []byte, count int, elems []branchElem) ([]branchElem, error) {
	if count == 0 {
		return nil, errors.New("a branch page without children")
	}
	if pageHeaderSize+count*pageElemSize > len(span) {
		return nil, fmt.Errorf("%d elements do not fit in %d bytes", count, len(span))
	}
	e := binary.NativeEndian
	for i := range count {
		off := pageHeaderSize + i*pageElemSize
		b := span[off:]
		pos, ksize, child := uint64(e.Uint32(b)), uint64(e.Uint32(b[4:])), e.Uint64(b[8:])
		start := uint64(off) + pos
		if ksize == 0 || ksize > maxKeySize || start+ksize > uint64(len(span)) {
			return nil, fmt.Errorf("element %d has a key outside its page", i)
		}
		elems = append(elems, branchElem{span[start : start+ksize : start+ksize], child})
	}
	return elems, nil
}

// bucketValue splits a nested bucket's value into its root page ID and,
// for an inline bucket (root 0), its page.
func bucketValue(v []byte) (root uint64, inline []byte, err error) {
	if len(v) < bucketHeaderSize {
		return 0, nil, fmt.Errorf("a bucket header of %d bytes", len(v))
	}
	root = binary.NativeEndian.Uint64(v)
	if root != 0 {
		return root, nil, nil
	}
	inline = v[bucketHeaderSize:]
	if len(inline) < pageHeaderSize {
		return 0, nil, errors.New("an inline bucket without its page")
	}
	if h := readPageHeader(inline); h.flags != leafPageFlag {
		return 0, nil, fmt.Errorf("an inline bucket whose page has type %#x", h.flags)
	}
	return 0, inline, nil
}

// pageReader reads the pages of a bbolt file.
type pageReader struct {
	r        io.ReaderAt
	pageSize uint64
	// pages is the number of pages the file holds (or, when reading a
	// store as its header describes it, the header's high-water mark):
	// no page at or beyond it is read.
	pages uint64
	buf   []byte
	reads int
}

// read returns page id with its overflow pages, after checking that the
// page says it is page id and that its overflow stays below r.pages. The
// bytes are valid until the next read.
func (r *pageReader) read(id uint64) (pageHeader, []byte, error) {
	var h pageHeader
	if id >= r.pages {
		return h, nil, fmt.Errorf("page %d is beyond the %d pages of the file", id, r.pages)
	}
	mapped, inPlace := r.r.(inPlaceReader)
	if rel, ok := r.r.(releaser); ok {
		if r.reads++; r.reads%releaseEvery == 0 {
			rel.release()
		}
	}
	var buf []byte
	if inPlace {
		var ok bool
		if buf, ok = mapped.slice(id*r.pageSize, r.pageSize); !ok {
			return h, nil, fmt.Errorf("page %d is beyond the end of the file", id)
		}
	} else {
		if uint64(cap(r.buf)) < r.pageSize {
			r.buf = make([]byte, r.pageSize)
		}
		buf = r.buf[:r.pageSize]
		if _, err := r.r.ReadAt(buf, int64(id*r.pageSize)); err != nil {
			return h, nil, fmt.Errorf("page %d: %w", id, err)
		}
	}
	h = readPageHeader(buf)
	switch {
	case h.id != id:
		return h, nil, fmt.Errorf("page %d says it is page %d", id, h.id)
	case uint64(h.overflow) >= r.pages-id:
		return h, nil, fmt.Errorf("page %d runs %d pages past the end", id, h.overflow)
	case h.overflow == 0:
		return h, buf, nil
	}
	size := (uint64(h.overflow) + 1) * r.pageSize
	if inPlace {
		if buf, ok := mapped.slice(id*r.pageSize, size); ok {
			return h, buf, nil
		}
		return h, nil, fmt.Errorf("page %d runs past the end of the file", id)
	}
	if uint64(cap(r.buf)) < size {
		r.buf = make([]byte, size)
		copy(r.buf, buf)
	}
	buf = r.buf[:size]
	if _, err := r.r.ReadAt(buf[r.pageSize:], int64((id+1)*r.pageSize)); err != nil {
		return h, nil, fmt.Errorf("page %d: %w", id, err)
	}
	return h, buf, nil
}

// freelistIDs returns the page IDs a freelist page lists.
func freelistIDs(h pageHeader, span []byte) ([]uint64, error) {
	if h.flags != freelistPageFlag {
		return nil, fmt.Errorf("the free page list's page %d has type %#x", h.id, h.flags)
	}
	start, count := uint64(pageHeaderSize), uint64(h.count)
	if count == 0xFFFF {
		if len(span) < pageHeaderSize+8 {
			return nil, errors.New("the free page list is cut short")
		}
		count = binary.NativeEndian.Uint64(span[pageHeaderSize:])
		start += 8
	}
	if count > uint64(len(span)) || start+count*8 > uint64(len(span)) {
		return nil, fmt.Errorf("the free page list says it holds %d pages, more than its page holds", count)
	}
	ids := make([]uint64, count)
	for i := range ids {
		ids[i] = binary.NativeEndian.Uint64(span[start+uint64(i)*8:])
	}
	return ids, nil
}

// bitset is a set of page IDs.
type bitset []uint64

func newBitset(n uint64) bitset    { return make(bitset, (n+63)/64) }
func (s bitset) has(i uint64) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s bitset) add(i uint64)      { s[i/64] |= 1 << (i % 64) }
