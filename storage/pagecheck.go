package storage

import (
	"fmt"
	"io"
)

// pageTree is a walk of a bbolt file's page tree (checkPages).
type pageTree struct {
	r     *pageReader
	seen  bitset
	queue []treePage
	// names holds the buckets' names, which treePage refers to by index:
	// a queue without pointers costs the garbage collector nothing.
	names  []string
	branch []branchElem
	leaf   []leafElem
}

// treePage is a page waiting in the walk: its ID, its depth in its
// bucket's tree, how deep its bucket is nested, and its bucket's name (an
// index in pageTree.names).
type treePage struct {
	id           uint64
	depth, nests uint16
	bucket       int32
}

// checkPages walks the page tree of the bbolt file r holds, as meta
// describes it, without bbolt: from the root bucket's page through every
// branch page, leaf page and nested bucket, it checks that each page is
// inside the pages in use, says it is the page it should be, has a branch
// or leaf type and elements that fit in it, and is reached only once (a
// page reached twice is a cycle bbolt would go round forever), and that
// the free page list names only pages in use and none that the tree uses.
// The error says what is broken, in a user's words. r is best a
// mappedPages: read in place, a store of a million reviews is walked in
// tens of milliseconds.
func checkPages(r io.ReaderAt, meta boltMeta) error {
	t := &pageTree{
		r:    &pageReader{r: r, pageSize: meta.pageSize, pages: meta.pgid},
		seen: newBitset(meta.pgid),
	}
	var free []uint64
	if meta.freelist != noFreelist {
		h, span, err := t.r.read(meta.freelist)
		if err == nil {
			free, err = freelistIDs(h, span)
		}
		if err != nil {
			return fmt.Errorf("the free page list is broken: %w", err)
		}
		t.mark(meta.freelist, h.overflow)
	}
	t.names = append(t.names, "the root bucket")
	if err := t.walk(treePage{id: meta.root}); err != nil {
		return err
	}
	freed := newBitset(meta.pgid)
	for _, id := range free {
		switch {
		case id < 2 || id >= meta.pgid:
			return fmt.Errorf("the free page list names page %d, outside the %d pages in use", id, meta.pgid)
		case freed.has(id):
			return fmt.Errorf("the free page list names page %d twice", id)
		case t.seen.has(id):
			return fmt.Errorf("page %d is both free and in use", id)
		}
		freed.add(id)
	}
	return nil
}

// mark records the pages from id on (overflow pages too) as seen.
func (t *pageTree) mark(id uint64, overflow uint32) {
	for p := id; p <= id+uint64(overflow); p++ {
		t.seen.add(p)
	}
}

// walk checks the tree from root.
func (t *pageTree) walk(root treePage) error {
	t.queue = append(t.queue[:0], root)
	for len(t.queue) > 0 {
		p := t.queue[len(t.queue)-1]
		t.queue = t.queue[:len(t.queue)-1]
		if err := t.visit(p); err != nil {
			return err
		}
	}
	return nil
}

// visit checks one page and queues its children.
func (t *pageTree) visit(p treePage) error {
	bucket := t.names[p.bucket]
	if p.id < 2 || p.id >= t.r.pages {
		return fmt.Errorf("%s points to page %d, outside the %d pages in use", bucket, p.id, t.r.pages)
	}
	if t.seen.has(p.id) {
		return fmt.Errorf("page %d is reached twice (in %s)", p.id, bucket)
	}
	h, span, err := t.r.read(p.id)
	if err != nil {
		return fmt.Errorf("%s: %w", bucket, err)
	}
	for o := p.id + 1; o <= p.id+uint64(h.overflow); o++ {
		if t.seen.has(o) {
			return fmt.Errorf("page %d overlaps page %d (in %s)", p.id, o, bucket)
		}
	}
	t.mark(p.id, h.overflow)
	switch h.flags {
	case branchPageFlag:
		if p.depth >= maxTreeDepth {
			return fmt.Errorf("%s is more than %d pages deep", bucket, maxTreeDepth)
		}
		if t.branch, err = branchElems(span, int(h.count), t.branch[:0]); err != nil {
			return fmt.Errorf("page %d (in %s): %w", p.id, bucket, err)
		}
		for _, e := range t.branch {
			t.queue = append(t.queue, treePage{e.child, p.depth + 1, p.nests, p.bucket})
		}
	case leafPageFlag:
		t.leaf, err = leafBuckets(span, int(h.count), t.leaf[:0])
		if err == nil {
			err = t.buckets(t.leaf, p)
		}
		if err != nil {
			return fmt.Errorf("page %d (in %s): %w", p.id, bucket, err)
		}
	default:
		return fmt.Errorf("page %d (in %s) has type %#x, not a branch or leaf page", p.id, bucket, h.flags)
	}
	return nil
}

// buckets queues the root pages of the nested buckets among a leaf's
// elements and checks inline ones in place.
func (t *pageTree) buckets(elems []leafElem, in treePage) error {
	for _, e := range elems {
		if !e.bucket {
			continue
		}
		name := fmt.Sprintf("bucket %q", e.key)
		if in.nests > 0 {
			name = t.names[in.bucket] + "/" + fmt.Sprintf("%q", e.key)
		}
		if in.nests+1 > maxNesting {
			return fmt.Errorf("%s is nested more than %d deep", name, maxNesting)
		}
		root, inline, err := bucketValue(e.value)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		t.names = append(t.names, name)
		child := treePage{root, 0, in.nests + 1, int32(len(t.names) - 1)}
		if inline == nil {
			t.queue = append(t.queue, child)
			continue
		}
		// An inline bucket's elements are its own: the caller's slice
		// stays untouched.
		inner, err := leafElems(inline, int(readPageHeader(inline).count), nil)
		if err == nil {
			err = t.buckets(inner, child)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
