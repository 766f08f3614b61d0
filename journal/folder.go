package journal

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The folder layout: DIR/recall-sync/<device>/<number>.seg, numbers written
// with eight digits so names sort in order. Only the device itself ever
// writes under its folder.
const (
	// Subdir is the folder recall keeps inside the user's synced folder.
	Subdir    = "recall-sync"
	segSuffix = ".seg"
	segDigits = 8
	// SegmentTarget is the size at which a writer starts a new segment, so
	// that an incremental read touches one small file.
	SegmentTarget = 4 << 20
)

// Notice is a file in the journal that was passed over, and why: conflict
// copies a sync engine made, files recall did not write.
type Notice struct {
	Path   string
	Reason string
}

func segName(n uint64) string { return fmt.Sprintf("%0*d%s", segDigits, n, segSuffix) }

// parseSegName returns the number of a segment file name, or false.
func parseSegName(name string) (uint64, bool) {
	digits, ok := strings.CutSuffix(name, segSuffix)
	if !ok || len(digits) != segDigits {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil && n > 0
}

// passOver says why a name in the journal is not read; "" means silently
// (dot files and an engine's temporary files, which come and go).
func passOver(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~"):
		return ""
	case strings.Contains(lower, "conflict"):
		return "a sync engine's conflict copy: not read (recall never writes a file twice, so it holds nothing the original lacks)"
	default:
		return "not a journal file: not read"
	}
}

// Devices lists the device folders under root (DIR/recall-sync), with a
// notice for every other entry.
func Devices(root string) ([]string, []Notice, error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read sync folder: %w", err)
	}
	var devices []string
	var notices []Notice
	for _, e := range entries {
		if e.IsDir() && ValidDevice(e.Name()) {
			devices = append(devices, e.Name())
			continue
		}
		if reason := passOver(e.Name()); reason != "" {
			notices = append(notices, Notice{Path: filepath.Join(root, e.Name()), Reason: reason})
		}
	}
	return devices, notices, nil
}

// segments lists a device folder's segment numbers in order, with notices.
func segments(dir string) ([]uint64, []Notice, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read device folder: %w", err)
	}
	var nums []uint64
	var notices []Notice
	for _, e := range entries {
		if n, ok := parseSegName(e.Name()); ok && e.Type().IsRegular() {
			nums = append(nums, n)
			continue
		}
		if reason := passOver(e.Name()); reason != "" {
			notices = append(notices, Notice{Path: filepath.Join(dir, e.Name()), Reason: reason})
		}
	}
	slices.Sort(nums)
	return nums, notices, nil
}

// Cursor is how far a reader has applied one device's journal: the last
// applied record, named by segment, offset, sequence number and checksum so
// that a journal rewritten behind the reader's back is noticed. The zero
// Cursor has applied nothing.
type Cursor struct {
	Segment uint64
	Offset  int64
	Seq     uint64
	Sum     uint32
}

// Batch is what one read of a device's journal found.
type Batch struct {
	Events  []Event
	Cursor  Cursor // after the last event returned
	More    bool   // max was reached: read again for the rest
	Pending bool   // more is on its way: a torn tail or a missing segment
	Notices []Notice
}

// readFile reads a whole segment file, refusing one over MaxSegmentSize.
func readFile(path string) ([]byte, error) {
	f, size, err := openSegment(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Room for the whole file read at once; a file still growing may give
	// more.
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSegmentSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxSegmentSize {
		return nil, &FileError{Path: path, Offset: -1, Err: ErrTooLarge}
	}
	return buf.Bytes(), nil
}

// openSegment opens a segment file and returns its size, refusing one
// that is not a regular file or is over MaxSegmentSize.
func openSegment(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	switch {
	case err != nil:
	case !info.Mode().IsRegular():
		err = &FileError{Path: path, Offset: -1, Err: errors.New("not a regular file")}
	case info.Size() > MaxSegmentSize:
		err = &FileError{Path: path, Offset: -1, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, info.Size())}
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// readAt reads the bytes of f from off to end, fewer if the file ends
// sooner.
func readAt(f *os.File, off, end int64) ([]byte, error) {
	data := make([]byte, max(end-off, 0))
	n, err := f.ReadAt(data, off)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return data[:n], err
}

// maxHeaderLen bounds a segment header: magic, version, device length,
// device, segment number, checksum.
const maxHeaderLen = len(magic) + 2 + maxDeviceLen + binary.MaxVarintLen64 + 4

// ReadDevice reads the events of device's journal under root after cur, at
// most max of them (max ≤ 0: all). The events of one segment are returned
// only if the whole segment read so far is sound: a damaged record, a newer
// format, a header naming another device or a break in the sequence stops
// the read with a *FileError naming the file; the batch then holds the
// events of the sound segments before it, which may be applied, and none
// of the bad one's.
func ReadDevice(root, device string, cur Cursor, max int) (Batch, error) {
	return readDeviceAs(root, device, cur, max, FormatVersion)
}

// readDeviceAs is ReadDevice by a reader of segment formats up to newest.
func readDeviceAs(root, device string, cur Cursor, max int, newest byte) (Batch, error) {
	dir := filepath.Join(root, device)
	nums, notices, err := segments(dir)
	b := Batch{Cursor: cur, Notices: notices}
	if err != nil {
		return b, err
	}
	if cur.Segment > 0 && !slices.Contains(nums, cur.Segment) {
		return b, &FileError{Path: filepath.Join(dir, segName(cur.Segment)), Offset: -1, Err: fmt.Errorf("%w: the segment is gone", ErrRewritten)}
	}
	want := cur.Segment
	if want == 0 {
		want = 1
	}
	for _, n := range nums {
		if n < want {
			continue
		}
		if max > 0 && len(b.Events) >= max {
			b.More = true
			return b, nil
		}
		if n != want {
			// A segment is missing: the engine has not delivered it yet.
			b.Pending = true
			return b, nil
		}
		path := filepath.Join(dir, segName(n))
		room := 0
		if max > 0 {
			room = max - len(b.Events)
		}
		evs, next, torn, err := readSegment(path, device, n, b.Cursor, room, newest)
		if err != nil {
			return b, err
		}
		b.Events = appendEvents(b.Events, evs)
		b.Cursor = next
		if max > 0 && len(b.Events) >= max {
			// readSegment stopped at the limit: the rest waits for the
			// next read, which may find nothing more.
			b.More = true
			return b, nil
		}
		if torn {
			b.Pending = true
			return b, nil
		}
		want = n + 1
	}
	return b, nil
}

func appendEvents(dst []Event, src []record) []Event {
	dst = slices.Grow(dst, len(src))
	for i := range src {
		dst = append(dst, src[i].event)
	}
	return dst
}

func cursorAt(segment uint64, r record) Cursor {
	return Cursor{Segment: segment, Offset: r.offset, Seq: r.event.ID.Seq, Sum: r.sum}
}

// readSegment reads segment number n of device after cur and returns its
// new events (in order), the cursor after them and whether a torn tail
// follows.
func readSegment(path, device string, n uint64, cur Cursor, max int, newest byte) ([]record, Cursor, bool, error) {
	f, size, err := openSegment(path)
	if err != nil {
		return nil, cur, false, err
	}
	defer f.Close()
	head, err := readAt(f, 0, min(size, int64(maxHeaderLen)))
	if err != nil {
		return nil, cur, false, err
	}
	h, err := parseHeaderAs(head, newest)
	if errors.Is(err, errShortHeader) {
		return nil, cur, true, nil
	}
	if err != nil {
		return nil, cur, false, &FileError{Path: path, Offset: -1, Err: err}
	}
	if h.device != device {
		return nil, cur, false, &FileError{Path: path, Offset: -1, Err: fmt.Errorf("%w: %q", ErrWrongDevice, h.device)}
	}
	if h.number != n {
		return nil, cur, false, &FileError{Path: path, Offset: -1, Err: fmt.Errorf("%w: its header says segment %d", ErrSequence, h.number)}
	}
	start := int64(h.len)
	if cur.Segment == n {
		start = cur.Offset
		if start < int64(h.len) || start > size {
			return nil, cur, false, &FileError{Path: path, Offset: cur.Offset, Err: ErrRewritten}
		}
	}
	limit := max
	if limit > 0 && cur.Segment == n {
		limit++ // the first record is the cursor's own
	}
	recs, torn, err := scanFrom(f, start, size, h, limit)
	if err != nil {
		if fe, ok := err.(*FileError); ok {
			fe.Path = path
		}
		return nil, cur, false, err
	}
	if cur.Segment == n {
		// The first record is the last one applied: it must be unchanged.
		if len(recs) == 0 || recs[0].sum != cur.Sum || recs[0].event.ID.Seq != cur.Seq {
			return nil, cur, false, &FileError{Path: path, Offset: cur.Offset, Err: ErrRewritten}
		}
		recs = recs[1:]
	}
	seq := cur.Seq
	for i := range recs {
		r := &recs[i]
		if r.event.ID.Seq != seq+1 {
			return nil, cur, false, &FileError{Path: path, Offset: r.offset, Err: fmt.Errorf("%w: event %d after %d", ErrSequence, r.event.ID.Seq, seq)}
		}
		seq = r.event.ID.Seq
	}
	out := recs
	// A segment with no records yet (a writer stopped after its header)
	// leaves the cursor where it was.
	next := cur
	if len(out) > 0 {
		next = cursorAt(n, out[len(out)-1])
	}
	return out, next, torn, nil
}

// scanFrom reads the records of segment file f (size bytes) from offset
// start on, at most max (max ≤ 0: all). With a limit it reads only about
// as many bytes as the records need, not the rest of a segment of up to
// SegmentTarget every batch: a record cut off where the read stopped is
// read again with more, only one cut off by the file's end is torn.
func scanFrom(f *os.File, start, size int64, h header, max int) ([]record, bool, error) {
	chunk := size - start
	if max > 0 {
		chunk = min(chunk, int64(max)*128+recordHeader+MaxRecordLen)
	}
	for {
		end := min(size, start+chunk)
		data, err := readAt(f, start, end)
		if err != nil {
			return nil, false, err
		}
		recs, torn, err := scanRecordsAt(data, start, h, max)
		if err != nil || !torn || start+int64(len(data)) >= size || (max > 0 && len(recs) >= max) {
			return recs, torn, err
		}
		chunk *= 4
	}
}

// Writer appends one device's events to its own folder. Only one Writer
// per device may exist, which recall guarantees by holding the store's
// lock while it writes.
type Writer struct {
	dir    string
	device string
	seg    uint64 // current segment, 0 before the first
	size   int64  // its size
	last   uint64 // the last sequence number written
	target int64  // SegmentTarget, smaller in tests
	// format is the current segment's format: 1 until the device first
	// records an edit, whose segment and every later one are EditFormat.
	format byte
}

// tail is where a device's journal ends.
type tail struct {
	seg    uint64 // the last segment, 0 if none
	size   int64  // its size up to its last complete record
	torn   bool   // bytes follow that do not form a complete record
	last   uint64 // the last sequence number, in whichever segment
	header bool   // the last segment has a complete header
	format byte   // the last segment's format, if header
}

// scanTail reads a device folder's last segments, without changing them.
func scanTail(dir, device string) (tail, error) {
	var t tail
	nums, _, err := segments(dir)
	if err != nil {
		return t, err
	}
	// The last sequence number may sit in an earlier segment when the last
	// one holds only a header, so walk back until a record is found.
	for i := len(nums) - 1; i >= 0; i-- {
		path := filepath.Join(dir, segName(nums[i]))
		data, err := readFile(path)
		if err != nil {
			return t, err
		}
		isLast := i == len(nums)-1
		h, err := parseHeader(data)
		hlen := h.len
		switch {
		case errors.Is(err, errShortHeader) && isLast:
			t.seg, t.torn = nums[i], true
			continue
		case err != nil:
			return t, &FileError{Path: path, Offset: -1, Err: err}
		case h.device != device || h.number != nums[i]:
			return t, &FileError{Path: path, Offset: -1, Err: ErrWrongDevice}
		}
		recs, torn, err := scanRecords(data, int64(hlen), h, 0)
		if err != nil {
			err.(*FileError).Path = path
			return t, err
		}
		if isLast {
			t.seg, t.size, t.torn, t.header, t.format = nums[i], int64(len(data)), torn, true, h.format
			if torn {
				t.size = int64(hlen)
				if len(recs) > 0 {
					t.size = recs[len(recs)-1].end
				}
			}
		}
		if len(recs) > 0 {
			t.last = recs[len(recs)-1].event.ID.Seq
			break
		}
	}
	return t, nil
}

// LastSeq returns the sequence number of the last complete event in
// device's journal under root (0 for none), reading only its last
// segments and changing nothing.
func LastSeq(root, device string) (uint64, error) {
	t, err := scanTail(filepath.Join(root, device), device)
	return t.last, err
}

// OpenWriter opens device's folder under root for appending, creating it.
// A torn tail in the device's own last segment (a write cut short by a
// crash, so never acknowledged) is cut off; damage anywhere else is an
// error and nothing is touched.
func OpenWriter(root, device string) (*Writer, error) {
	if !ValidDevice(device) {
		return nil, fmt.Errorf("device ID %q: want 1 to 64 lower-case letters, digits and hyphens", device)
	}
	dir := filepath.Join(root, device)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create journal folder: %w", err)
	}
	t, err := scanTail(dir, device)
	if err != nil {
		return nil, err
	}
	if !t.header {
		t.size = 0 // rewrite a header that never finished
		t.format = 1
		if t.seg > 1 {
			// It takes the format of the segment before, which may be an
			// edit's.
			f, err := priorFormat(dir, t.seg-1)
			if err != nil {
				return nil, err
			}
			t.format = f
		}
	}
	if t.torn {
		path := filepath.Join(dir, segName(t.seg))
		if err := os.Truncate(path, t.size); err != nil {
			return nil, fmt.Errorf("repair %s: %w", path, err)
		}
	}
	if t.format == 0 {
		t.format = 1
	}
	return &Writer{dir: dir, device: device, target: SegmentTarget, seg: t.seg, size: t.size, last: t.last, format: t.format}, nil
}

// Last returns the sequence number of the last event in the journal.
func (w *Writer) Last() uint64 { return w.last }

// Append writes events (this device's, in sequence order) durably: it
// returns once they are on disk. Events the journal already holds (a run
// cut short after writing them) are skipped, so appending again is safe.
func (w *Writer) Append(events []Event) error {
	var buf []byte
	last := w.last
	for i := range events {
		e := &events[i]
		if e.ID.Seq <= last {
			continue
		}
		if e.ID.Device != w.device {
			return fmt.Errorf("append event %s to the journal of %s", e.ID, w.device)
		}
		if e.ID.Seq != last+1 {
			return fmt.Errorf("append event %s: %w: the journal ends at %d", e.ID, ErrSequence, last)
		}
		if err := e.Validate(); err != nil {
			return fmt.Errorf("append event %s: %w", e.ID, err)
		}
		rec := appendRecord(nil, e)
		if len(rec)-recordHeader > MaxRecordLen {
			return fmt.Errorf("append event %s: record of %d bytes is over the limit", e.ID, len(rec))
		}
		newer := e.Kind.format() > w.format
		switch {
		case w.seg == 0:
			w.seg, w.size = 1, 0
		case w.size+int64(len(buf)) == 0:
			// The segment is not written yet: it can take the newer format.
		case newer || w.size+int64(len(buf)+len(rec)) > w.target:
			// An edit starts a segment of the newer format, so that the
			// ones before stay readable by older recalls.
			if err := w.flush(buf, last); err != nil {
				return err
			}
			buf = nil
			w.seg, w.size = w.seg+1, 0
		}
		if newer {
			w.format = e.Kind.format()
		}
		buf = append(buf, rec...)
		last = e.ID.Seq
	}
	return w.flush(buf, last)
}

// flush appends buf, whose last event is last, to the current segment
// (writing its header first if the segment is new) and syncs it; a new
// file is also synced into its folder.
func (w *Writer) flush(buf []byte, last uint64) error {
	if len(buf) == 0 {
		return nil
	}
	path := filepath.Join(w.dir, segName(w.seg))
	fresh := w.size == 0
	if fresh {
		buf = append(appendHeader(nil, w.device, w.seg, w.format), buf...)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("open journal segment: %w", err)
	}
	_, err = f.Write(buf)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write journal segment %s: %w", path, err)
	}
	w.size += int64(len(buf))
	w.last = last
	if fresh {
		return syncDir(w.dir)
	}
	return nil
}

// priorFormat returns the format of segment n in dir, 1 if its header
// cannot be read.
func priorFormat(dir string, n uint64) (byte, error) {
	f, size, err := openSegment(filepath.Join(dir, segName(n)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 1, nil
		}
		return 0, err
	}
	defer f.Close()
	head, err := readAt(f, 0, min(size, int64(maxHeaderLen)))
	if err != nil {
		return 0, err
	}
	h, err := parseHeader(head)
	if err != nil {
		return 1, nil
	}
	return h.format, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync journal folder: %w", err)
	}
	return nil
}
