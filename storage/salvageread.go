package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// salvageReader reads a damaged store's records straight from its pages,
// without bbolt, so that whatever is still intact is found: first along
// the store's tree, page by page from the root, going round a broken page
// instead of stopping at it; then, when the tree lost pages of the cards,
// their schedules or the review log (or the root itself), by reading every
// other leaf page of the file and keeping the records that decode as a
// card, a schedule or a review.
type salvageReader struct {
	r    *pageReader
	seen bitset
	free bitset // pages the store had freed: stale copies, never scanned
	// freeKnown is whether the store's list of free pages could be read.
	freeKnown bool
	// out holds each top-level bucket's records, from the tree.
	out map[string][]rawRecord
	// broken counts, by bucket ("" for the root), the pages of its tree
	// that are missing or broken, with the first reason.
	broken map[string]int
	why    map[string]string
}

// salvageSkip are the buckets Salvage rebuilds rather than reads. The
// meta bucket is read for its fold mark only (writeSalvaged).
var salvageSkip = map[string]bool{string(bucketDue): true, string(bucketNew): true, string(bucketOrder): true}

// scannedBuckets are the buckets whose records a page scan can recognise.
var scannedBuckets = []string{string(bucketCards), string(bucketState), string(bucketLog)}

// readSalvage reads what it can of the store in r, size bytes long, and
// says in rep what was lost and what was found outside the tree.
func readSalvage(r io.ReaderAt, size int64, rep *SalvageReport) (map[string][]rawRecord, error) {
	metas, _, err := readMetas(r, size)
	if err != nil {
		return nil, err
	}
	var meta boltMeta
	haveMeta := len(metas) > 0
	if haveMeta {
		meta = newestMeta(metas)
	} else if meta.pageSize = guessPageSize(r, size); meta.pageSize == 0 {
		return nil, fmt.Errorf("both of its headers are broken and no page of it can be found")
	} else {
		rep.Dropped = append(rep.Dropped, fmt.Sprintf("both of the store's headers are broken: its pages (of %d bytes) were read one by one", meta.pageSize))
	}
	pages := uint64(size) / meta.pageSize
	s := &salvageReader{
		r:      &pageReader{r: r, pageSize: meta.pageSize, pages: pages},
		seen:   newBitset(pages),
		free:   newBitset(pages),
		out:    make(map[string][]rawRecord),
		broken: make(map[string]int),
		why:    make(map[string]string),
	}
	if haveMeta && meta.pgid > pages {
		rep.Dropped = append(rep.Dropped, fmt.Sprintf("the file is cut short: %d of the %d pages its header promises are there", pages, meta.pgid))
	}
	if haveMeta && meta.freelist != noFreelist {
		if h, span, err := s.r.read(meta.freelist); err == nil {
			if ids, err := freelistIDs(h, span); err == nil {
				s.freeKnown = true
				for _, id := range ids {
					if id < pages {
						s.free.add(id)
					}
				}
			}
		}
	}
	if haveMeta {
		s.tree(meta.root, "", 0)
	} else {
		s.lose("", "the headers are broken")
	}
	for _, name := range slices.Sorted(maps.Keys(s.broken)) {
		what := fmt.Sprintf("bucket %q", name)
		if name == "" {
			what = "the store's root page"
		}
		pages := "1 page"
		if n := s.broken[name]; n != 1 {
			pages = fmt.Sprintf("%d pages", n)
		}
		rep.Dropped = append(rep.Dropped, fmt.Sprintf("%s: %s of its tree missing or broken (%s)", what, pages, s.why[name]))
	}
	if s.rootLost() || s.broken[string(bucketCards)] > 0 || s.broken[string(bucketState)] > 0 || s.broken[string(bucketLog)] > 0 {
		s.scan(rep)
	}
	return s.out, nil
}

// lose records a missing or broken page of bucket.
func (s *salvageReader) lose(bucket, why string) {
	if s.broken[bucket] == 0 {
		s.why[bucket] = why
	}
	s.broken[bucket]++
}

func (s *salvageReader) rootLost() bool { return s.broken[""] > 0 }

// tree reads the records of the tree of bucket ("" for the root bucket)
// from page id.
func (s *salvageReader) tree(id uint64, bucket string, depth int) {
	switch {
	case id < 2 || id >= s.r.pages:
		s.lose(bucket, fmt.Sprintf("page %d is not in the file", id))
		return
	case s.seen.has(id):
		s.lose(bucket, fmt.Sprintf("page %d is reached twice", id))
		return
	case depth > maxTreeDepth:
		s.lose(bucket, "its tree is too deep")
		return
	}
	h, span, err := s.r.read(id)
	if err != nil {
		s.lose(bucket, err.Error())
		return
	}
	s.mark(id, h.overflow)
	span = bytes.Clone(span) // the reader's buffer is reused by the pages below
	switch h.flags {
	case branchPageFlag:
		elems, err := branchElems(span, int(h.count), nil)
		if err != nil {
			s.lose(bucket, fmt.Sprintf("page %d: %v", id, err))
			return
		}
		for _, e := range elems {
			s.tree(e.child, bucket, depth+1)
		}
	case leafPageFlag:
		elems, err := leafElems(span, int(h.count), nil)
		if err != nil {
			s.lose(bucket, fmt.Sprintf("page %d: %v", id, err))
			return
		}
		s.records(elems, bucket, depth)
	default:
		s.lose(bucket, fmt.Sprintf("page %d has type %#x", id, h.flags))
	}
}

// mark records pages id to id+overflow as read.
func (s *salvageReader) mark(id uint64, overflow uint32) {
	for p := id; p <= id+uint64(overflow) && p < s.r.pages; p++ {
		s.seen.add(p)
	}
}

// records keeps a leaf's records in bucket's list; in the root bucket it
// follows each top-level bucket instead. Nested buckets below the top are
// the indexes' decks: rebuilt, not read.
func (s *salvageReader) records(elems []leafElem, bucket string, depth int) {
	for _, e := range elems {
		if !e.bucket {
			if bucket != "" && !salvageSkip[bucket] {
				s.out[bucket] = append(s.out[bucket], rawRecord{e.key, e.value})
			}
			continue
		}
		if bucket != "" {
			continue
		}
		name := string(e.key)
		if salvageSkip[name] {
			continue
		}
		if _, ok := s.out[name]; !ok {
			s.out[name] = nil
		}
		root, inline, err := bucketValue(e.value)
		switch {
		case err != nil:
			s.lose(name, err.Error())
		case inline != nil:
			inner, err := leafElems(inline, int(readPageHeader(inline).count), nil)
			if err != nil {
				s.lose(name, err.Error())
				continue
			}
			s.records(inner, name, depth)
		default:
			s.tree(root, name, 0)
		}
	}
}

// scan reads every leaf page the tree did not reach and the store had not
// freed, and keeps the records that decode as a card, a schedule or a
// review, of a bucket whose tree lost pages, when the tree has no record
// under that key. Of two copies of a record (an older one on a page the
// store no longer used), the newer is kept: the card changed last, the
// schedule reviewed last.
func (s *salvageReader) scan(rep *SalvageReport) {
	known := make(map[string]map[string]bool)
	wanted := make(map[string]bool)
	for _, name := range scannedBuckets {
		wanted[name] = s.rootLost() || s.broken[name] > 0
		known[name] = make(map[string]bool)
		for _, r := range s.out[name] {
			known[name][string(r.k)] = true
		}
	}
	found := make(map[string]map[string][]byte)
	for _, name := range scannedBuckets {
		found[name] = make(map[string][]byte)
	}
	keep := func(k, v []byte) {
		name := classify(k, v)
		if name == "" || !wanted[name] || known[name][string(k)] {
			return
		}
		if old, ok := found[name][string(k)]; ok && !newer(name, v, old) {
			return
		}
		found[name][string(k)] = bytes.Clone(v)
	}
	pages := 0
	for id := uint64(2); id < s.r.pages; id++ {
		if s.seen.has(id) || s.free.has(id) {
			continue
		}
		h, span, err := s.r.read(id)
		if err != nil || h.flags != leafPageFlag {
			continue
		}
		elems, err := leafElems(span, int(h.count), nil)
		if err != nil {
			continue
		}
		pages++
		for _, e := range elems {
			if !e.bucket {
				keep(e.key, e.value)
				continue
			}
			// A root page the store had moved on from holds small
			// buckets inline.
			if _, inline, err := bucketValue(e.value); err == nil && inline != nil {
				if inner, err := leafElems(inline, int(readPageHeader(inline).count), nil); err == nil {
					for _, ie := range inner {
						if !ie.bucket {
							keep(ie.key, ie.value)
						}
					}
				}
			}
		}
		id += uint64(h.overflow)
	}
	var counts []string
	for _, name := range scannedBuckets {
		keys := slices.Sorted(maps.Keys(found[name]))
		for _, k := range keys {
			s.out[name] = append(s.out[name], rawRecord{[]byte(k), found[name][k]})
		}
		if len(keys) > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", len(keys), map[string]string{"cards": "cards", "state": "schedules", "log": "reviews"}[name]))
		}
	}
	if len(counts) > 0 {
		note := fmt.Sprintf("%s found by reading the %d leaf pages outside the broken tree one by one", strings.Join(counts, ", "), pages)
		if !s.freeKnown {
			note += "; the store's list of free pages is lost, so a review that was undone may be back"
		}
		rep.Notes = append(rep.Notes, note)
	}
	// The log's records must be in key order for the new store.
	logs := s.out[string(bucketLog)]
	slices.SortFunc(logs, func(a, b rawRecord) int { return bytes.Compare(a.k, b.k) })
}

// classify names the bucket a record found outside the tree belongs to,
// by what it decodes as, or "".
func classify(k, v []byte) string {
	if len(k) == 8 {
		if _, err := readLog(k, v); err == nil {
			return string(bucketLog)
		}
	}
	if len(v) > 0 && v[0] == '{' {
		var c storedCard
		if json.Unmarshal(v, &c) == nil && c.ID == string(k) && c.Deck != "" {
			return string(bucketCards)
		}
		return ""
	}
	// A state is under a card ID: text, never a small sequence number.
	if len(k) != 8 || binary.BigEndian.Uint64(k) > 1<<48 {
		if _, err := decodeState(v); err == nil {
			return string(bucketState)
		}
	}
	return ""
}

// newer reports whether v is a newer copy of a record of bucket than old.
func newer(bucket string, v, old []byte) bool {
	switch bucket {
	case string(bucketCards):
		var a, b storedCard
		json.Unmarshal(v, &a)
		json.Unmarshal(old, &b)
		return a.Changed.After(b.Changed)
	case string(bucketState):
		a, _ := decodeState(v)
		b, _ := decodeState(old)
		return a.LastReview.After(b.LastReview)
	}
	return false
}

// guessPageSize finds the page size of a bbolt file whose headers are
// both broken: the size at which pages 2 and 3 say they are pages 2 and 3.
func guessPageSize(r io.ReaderAt, size int64) uint64 {
	buf := make([]byte, pageHeaderSize)
	for _, ps := range []uint64{4096, 16384, 8192, 65536, 2048, 1024, 32768} {
		ok := 0
		for id := uint64(2); id < 4; id++ {
			if int64((id+1)*ps) > size {
				break
			}
			if _, err := r.ReadAt(buf, int64(id*ps)); err == nil && readPageHeader(buf).id == id {
				ok++
			}
		}
		if ok > 0 {
			return ps
		}
	}
	return 0
}
