package journal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// review makes the seq-th review event of device.
func review(device string, seq uint64) Event {
	return Event{
		ID: ID{Device: device, Seq: seq}, Time: t0.Add(time.Duration(seq) * time.Minute),
		Kind: KindReview, Deck: "deck-1", Card: fmt.Sprintf("card-%d", seq%7), Grade: uint8(seq % 6),
		Answer: time.Duration(seq) * time.Second, Before: []byte{1, 2, byte(seq)}, After: []byte{1, 3, byte(seq)},
	}
}

// edit makes an edit event of device's card "card-1".
func edit(device string, seq uint64) Event {
	return Event{
		ID: ID{Device: device, Seq: seq}, Time: t0.Add(time.Duration(seq) * time.Minute), Kind: KindEdit, Card: "card-1",
		Text: CardText{Context: "Values", Question: "What is honesty?\nIn a word.", Answer: "Telling the truth.\twithout fail ✓"},
		Base: CardText{Question: "What does Honesty mean?", Answer: "Telling the truth without fail."},
	}
}

// reset makes an edit-reset event of device's card "card-1".
func reset(device string, seq uint64) Event {
	return Event{ID: ID{Device: device, Seq: seq}, Time: t0.Add(time.Duration(seq) * time.Minute), Kind: KindEditReset, Card: "card-1"}
}

func reviews(device string, from, to uint64) []Event {
	var evs []Event
	for s := from; s <= to; s++ {
		evs = append(evs, review(device, s))
	}
	return evs
}

func TestEventRoundTrip(t *testing.T) {
	tests := []Event{
		review("laptop", 1),
		{ID: ID{"a", 2}, Time: t0, Kind: KindUndo, Undoes: ID{"desktop-2", 41}},
		{ID: ID{"a", 3}, Time: t0, Kind: KindBury, Card: "c1", Until: t0.Add(20 * time.Hour)},
		{ID: ID{"a", 4}, Time: t0, Kind: KindSuspend, Card: "c1"},
		{ID: ID{"a", 5}, Time: t0, Kind: KindDeckRename, Deck: "d-9", Name: "Work ✓"},
		{ID: ID{"a", 6}, Time: t0, Kind: KindSetting, Name: "new-per-day", Value: "15"},
		{ID: ID{"a", 7}, Time: time.Unix(-5, 999_999_999).UTC(), Kind: KindReview, Card: "c", Practice: true},
		edit("a", 8),
		reset("a", 9),
	}
	for _, e := range tests {
		t.Run(e.Kind.String(), func(t *testing.T) {
			got, err := decodeEvent(appendEvent(nil, &e), e.ID.Device, FormatVersion)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, e) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, e)
			}
		})
	}
}

func TestEventValidate(t *testing.T) {
	long := strings.Repeat("x", MaxTextLen+1)
	tests := []struct {
		name string
		e    Event
		want string
	}{
		{"unknown kind", Event{ID: ID{"a", 1}, Kind: 42}, "unknown kind 42"},
		{"seq 0", Event{ID: ID{"a", 0}, Kind: KindSuspend, Card: "c"}, "sequence number 0"},
		{"grade", Event{ID: ID{"a", 1}, Kind: KindReview, Card: "c", Grade: 6}, "grade 6"},
		{"no card", Event{ID: ID{"a", 1}, Kind: KindReview}, "review event without a card"},
		{"undo of nothing", Event{ID: ID{"a", 1}, Kind: KindUndo}, "undo names no event"},
		{"long card", Event{ID: ID{"a", 1}, Kind: KindReview, Card: long}, "card longer than"},
		{"big state", Event{ID: ID{"a", 1}, Kind: KindReview, Card: "c", After: make([]byte, MaxStateLen+1)}, "state longer than"},
		{"setting without key", Event{ID: ID{"a", 1}, Kind: KindSetting}, "without a key"},
		{"edit without card", Event{ID: ID{"a", 1}, Kind: KindEdit, Text: CardText{Question: "q", Answer: "a"}}, "edit event without a card"},
		{"edit without answer", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Question: "q"}}, "empty question or answer"},
		{"edit with an escape sequence", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Question: "q\x1b]52;c;aGk=\a", Answer: "a"}}, "edited question: control character U+001B"},
		{"edit with a C1 control", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Question: "q", Answer: "a\u009b31m"}}, "edited answer: control character U+009B"},
		{"edit with a two-line context", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Context: "a\nb", Question: "q", Answer: "a"}}, "edited context: control character U+000A"},
		{"edit not UTF-8", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Question: "q", Answer: "a"}, Base: CardText{Answer: "\xff"}}, "notes' answer: not UTF-8"},
		{"edit too long", Event{ID: ID{"a", 1}, Kind: KindEdit, Card: "c", Text: CardText{Question: "q", Answer: strings.Repeat("y", MaxEditAnswer+1)}}, "edited answer: longer than 16384 bytes"},
		{"reset with text", Event{ID: ID{"a", 1}, Kind: KindEditReset, Card: "c", Text: CardText{Question: "q"}}, "edit-reset event with a card's text"},
		{"review with text", Event{ID: ID{"a", 1}, Kind: KindReview, Card: "c", Base: CardText{Question: "q"}}, "review event with a card's text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate()
			if err == nil || !errors.Is(err, ErrBadEvent) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an ErrBadEvent saying %q", err, tt.want)
			}
		})
	}
}

func TestOrder(t *testing.T) {
	a := Event{ID: ID{"a", 9}, Time: t0}
	b := Event{ID: ID{"b", 1}, Time: t0}
	c := Event{ID: ID{"a", 1}, Time: t0.Add(time.Nanosecond)}
	d := Event{ID: ID{"a", 10}, Time: t0}
	if !Before(a, b) || Before(b, a) || !Before(b, c) || !Before(a, d) || Before(a, a) {
		t.Fatal("order is not time, then device, then sequence")
	}
}

func mustWriter(t *testing.T, root, device string) *Writer {
	t.Helper()
	w, err := OpenWriter(root, device)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func seqs(evs []Event) []uint64 {
	var s []uint64
	for _, e := range evs {
		s = append(s, e.ID.Seq)
	}
	return s
}

func wantSeqs(t *testing.T, evs []Event, from, to uint64) {
	t.Helper()
	var want []uint64
	for s := from; s <= to; s++ {
		want = append(want, s)
	}
	if got := seqs(evs); !reflect.DeepEqual(got, want) {
		t.Fatalf("events %v, want %d..%d", got, from, to)
	}
}

func TestWriteAndReadIncrementally(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "laptop")
	w.target = 600 // a few records a segment
	if err := w.Append(reviews("laptop", 1, 30)); err != nil {
		t.Fatal(err)
	}
	nums, _, _ := segments(filepath.Join(root, "laptop"))
	if len(nums) < 3 {
		t.Fatalf("segments %v: the writer did not roll over", nums)
	}
	b, err := ReadDevice(root, "laptop", Cursor{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantSeqs(t, b.Events, 1, 30)
	if b.Pending || b.More {
		t.Fatalf("pending %v more %v after a complete journal", b.Pending, b.More)
	}
	if !reflect.DeepEqual(b.Events[4], review("laptop", 5)) {
		t.Fatalf("event 5 read back as %+v", b.Events[4])
	}

	// Nothing new: nothing read.
	again, err := ReadDevice(root, "laptop", b.Cursor, 0)
	if err != nil || len(again.Events) != 0 || again.Cursor != b.Cursor {
		t.Fatalf("re-read: %d events, cursor %+v, err %v", len(again.Events), again.Cursor, err)
	}

	// A writer reopened later continues the sequence; appending what is
	// already there is a no-op.
	w2 := mustWriter(t, root, "laptop")
	if w2.Last() != 30 {
		t.Fatalf("reopened writer's last = %d, want 30", w2.Last())
	}
	if err := w2.Append(reviews("laptop", 25, 34)); err != nil {
		t.Fatal(err)
	}
	inc, err := ReadDevice(root, "laptop", b.Cursor, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantSeqs(t, inc.Events, 31, 34)

	// Batches of at most max events walk the whole journal.
	var all []Event
	cur := Cursor{}
	for {
		part, err := ReadDevice(root, "laptop", cur, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(part.Events) > 7 {
			t.Fatalf("batch of %d events, max 7", len(part.Events))
		}
		all = append(all, part.Events...)
		cur = part.Cursor
		if !part.More {
			break
		}
	}
	wantSeqs(t, all, 1, 34)
}

func TestAppendRefusesGapsAndOtherDevices(t *testing.T) {
	w := mustWriter(t, t.TempDir(), "a")
	if err := w.Append(reviews("a", 2, 3)); !errors.Is(err, ErrSequence) {
		t.Fatalf("append starting at 2: %v, want ErrSequence", err)
	}
	if err := w.Append(reviews("b", 1, 1)); err == nil {
		t.Fatal("append of another device's event succeeded")
	}
	if w.Last() != 0 {
		t.Fatalf("last = %d after refused appends", w.Last())
	}
}

func segPath(root, device string, n uint64) string {
	return filepath.Join(root, device, segName(n))
}

func TestTornTailIsPendingThenRead(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "a")
	if err := w.Append(reviews("a", 1, 5)); err != nil {
		t.Fatal(err)
	}
	path := segPath(root, "a", 1)
	full, _ := os.ReadFile(path)
	for _, cut := range []int{1, 7, 12} {
		if err := os.WriteFile(path, full[:len(full)-cut], 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadDevice(root, "a", Cursor{}, 0)
		if err != nil {
			t.Fatalf("cut %d: %v", cut, err)
		}
		if !b.Pending {
			t.Fatalf("cut %d: a torn tail is not pending", cut)
		}
		wantSeqs(t, b.Events, 1, 4)
		// The engine then delivers the rest.
		os.WriteFile(path, full, 0o644)
		rest, err := ReadDevice(root, "a", b.Cursor, 0)
		if err != nil || rest.Pending {
			t.Fatalf("cut %d, completed: pending %v, %v", cut, rest.Pending, err)
		}
		wantSeqs(t, rest.Events, 5, 5)
	}

	// A tail of zeros (an engine's preallocated file) is pending too.
	os.WriteFile(path, append(append([]byte(nil), full...), make([]byte, 100)...), 0o644)
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if err != nil || !b.Pending {
		t.Fatalf("zero tail: pending %v, %v", b.Pending, err)
	}
	wantSeqs(t, b.Events, 1, 5)

	// Only the header has arrived.
	os.WriteFile(path, full[:6], 0o644)
	if b, err := ReadDevice(root, "a", Cursor{}, 0); err != nil || !b.Pending || len(b.Events) != 0 {
		t.Fatalf("half a header: %d events, pending %v, %v", len(b.Events), b.Pending, err)
	}
}

func TestRefusedFiles(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, root string)
		want   error
		bad    uint64 // the segment the error names
	}{
		{"flipped byte", func(t *testing.T, root string) {
			p := segPath(root, "a", 1)
			data, _ := os.ReadFile(p)
			data[len(data)-3] ^= 0x40
			os.WriteFile(p, data, 0o644)
		}, ErrCorrupt, 1},
		{"newer format", func(t *testing.T, root string) {
			p := segPath(root, "a", 1)
			data, _ := os.ReadFile(p)
			data[len(magic)] = FormatVersion + 1
			os.WriteFile(p, data, 0o644)
		}, ErrNewerFormat, 1},
		{"another device's segment", func(t *testing.T, root string) {
			wb := mustWriter(t, root, "b")
			wb.Append(reviews("b", 1, 3))
			data, _ := os.ReadFile(segPath(root, "b", 1))
			os.WriteFile(segPath(root, "a", 1), data, 0o644)
		}, ErrWrongDevice, 1},
		{"renumbered segment", func(t *testing.T, root string) {
			data, _ := os.ReadFile(segPath(root, "a", 1))
			os.Rename(segPath(root, "a", 1), segPath(root, "a", 3))
			os.WriteFile(segPath(root, "a", 1), data, 0o644)
			os.WriteFile(segPath(root, "a", 2), data, 0o644)
		}, ErrSequence, 2},
		{"events out of order", func(t *testing.T, root string) {
			os.RemoveAll(filepath.Join(root, "a"))
			os.MkdirAll(filepath.Join(root, "a"), 0o755)
			var data []byte
			data = appendHeader(data, "a", 1, 1)
			for _, s := range []uint64{1, 2, 2, 3} {
				e := review("a", s)
				data = appendRecord(data, &e)
			}
			os.WriteFile(segPath(root, "a", 1), data, 0o644)
		}, ErrSequence, 1},
		{"not a segment", func(t *testing.T, root string) {
			os.WriteFile(segPath(root, "a", 1), []byte("hello, world: not a journal"), 0o644)
		}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			w := mustWriter(t, root, "a")
			if err := w.Append(reviews("a", 1, 6)); err != nil {
				t.Fatal(err)
			}
			tt.damage(t, root)
			b, err := ReadDevice(root, "a", Cursor{}, 0)
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), filepath.Join("a", segName(tt.bad))) {
				t.Fatalf("ReadDevice: %v, want an error naming segment %d", err, tt.bad)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("ReadDevice: %v, want %v", err, tt.want)
			}
			// Only the sound segments before the bad one are returned.
			if tt.bad == 1 && len(b.Events) != 0 {
				t.Fatalf("%d events of a refused segment returned", len(b.Events))
			}
		})
	}
}

func TestRewrittenJournalIsRefused(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "a")
	w.Append(reviews("a", 1, 5))
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Another history under the same name: same sequence numbers, other events.
	os.RemoveAll(filepath.Join(root, "a"))
	w2 := mustWriter(t, root, "a")
	other := reviews("a", 1, 8)
	for i := range other {
		other[i].Grade = 5 - other[i].Grade
	}
	w2.Append(other)
	if _, err := ReadDevice(root, "a", b.Cursor, 0); !errors.Is(err, ErrRewritten) {
		t.Fatalf("read of a rewritten journal: %v, want ErrRewritten", err)
	}
	os.RemoveAll(filepath.Join(root, "a"))
	os.MkdirAll(filepath.Join(root, "a"), 0o755)
	if _, err := ReadDevice(root, "a", b.Cursor, 0); !errors.Is(err, ErrRewritten) {
		t.Fatalf("read of a vanished journal: %v, want ErrRewritten", err)
	}
}

func TestConflictCopiesAndMissingSegments(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "a")
	w.target = 400
	w.Append(reviews("a", 1, 20))
	dir := filepath.Join(root, "a")
	data, _ := os.ReadFile(segPath(root, "a", 1))
	for _, name := range []string{
		"00000001.sync-conflict-20260301-101010-ABCDEFG.seg",
		"00000001 (conflicted copy 2026-03-01).seg",
		"notes.txt",
	} {
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".syncthing.00000009.seg.tmp"), data, 0o644)
	os.Mkdir(filepath.Join(root, "a (conflicted copy)"), 0o755)

	nums, _, _ := segments(dir)
	// Segment 2 has not arrived yet.
	moved := filepath.Join(t.TempDir(), "2")
	os.Rename(segPath(root, "a", 2), moved)
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Pending {
		t.Fatal("a missing segment is not pending")
	}
	one, _, _, _ := readSegment(segPath(root, "a", 1), "a", 1, Cursor{}, 0, FormatVersion)
	wantSeqs(t, b.Events, 1, uint64(len(one)))
	var reasons []string
	for _, n := range b.Notices {
		reasons = append(reasons, filepath.Base(n.Path)+": "+n.Reason)
	}
	if len(b.Notices) != 3 || !strings.Contains(strings.Join(reasons, "\n"), "conflict copy") {
		t.Fatalf("notices:\n%s\nwant the two conflict copies and notes.txt, and no temp file", strings.Join(reasons, "\n"))
	}
	devices, rootNotices, err := Devices(root)
	if err != nil || !reflect.DeepEqual(devices, []string{"a"}) || len(rootNotices) != 1 {
		t.Fatalf("Devices = %v, %v, %v", devices, rootNotices, err)
	}

	os.Rename(moved, segPath(root, "a", 2))
	rest, err := ReadDevice(root, "a", b.Cursor, 0)
	if err != nil || rest.Pending {
		t.Fatalf("after delivery: pending %v, %v (segments %v)", rest.Pending, err, nums)
	}
	wantSeqs(t, rest.Events, uint64(len(one))+1, 20)
}

func TestWriterCutsItsOwnTornTail(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "a")
	w.Append(reviews("a", 1, 5))
	path := segPath(root, "a", 1)
	full, _ := os.ReadFile(path)
	// A crash in the middle of writing event 5.
	os.WriteFile(path, full[:len(full)-4], 0o644)
	w2 := mustWriter(t, root, "a")
	if w2.Last() != 4 {
		t.Fatalf("last after a torn write = %d, want 4", w2.Last())
	}
	if err := w2.Append(reviews("a", 5, 6)); err != nil {
		t.Fatal(err)
	}
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if err != nil || b.Pending {
		t.Fatalf("pending %v, %v", b.Pending, err)
	}
	wantSeqs(t, b.Events, 1, 6)

	// Damage the writer did not cause is left alone.
	data, _ := os.ReadFile(path)
	data[20] ^= 1
	os.WriteFile(path, data, 0o644)
	if _, err := OpenWriter(root, "a"); err == nil {
		t.Fatal("OpenWriter accepted a damaged segment")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Fatal("OpenWriter changed a damaged segment")
	}
}

func TestValidDevice(t *testing.T) {
	for s, want := range map[string]bool{"laptop": true, "a1-b2": true, "": false, "Laptop": false, "../x": false, "a b": false, strings.Repeat("a", 65): false} {
		if ValidDevice(s) != want {
			t.Errorf("ValidDevice(%q) = %v", s, !want)
		}
	}
	if _, err := OpenWriter(t.TempDir(), "../evil"); err == nil {
		t.Fatal("OpenWriter accepted a device ID with a path in it")
	}
}

// An edit starts a segment of EditFormat; the segments before it keep
// format 1, so an older recall reads them and refuses the edit's by name,
// applying none of its events; this recall reads them all.
func TestEditSegmentFormat(t *testing.T) {
	root := t.TempDir()
	w := mustWriter(t, root, "a")
	w.target = 1 << 10
	if err := w.Append(reviews("a", 1, 3)); err != nil {
		t.Fatal(err)
	}
	if err := w.Append([]Event{edit("a", 4), review("a", 5)}); err != nil {
		t.Fatal(err)
	}
	format := func(n uint64) byte {
		data, err := os.ReadFile(segPath(root, "a", n))
		if err != nil {
			t.Fatal(err)
		}
		return data[len(magic)]
	}
	if f1, f2 := format(1), format(2); f1 != 1 || f2 != EditFormat {
		t.Fatalf("segment formats %d, %d; want 1 then %d", f1, f2, EditFormat)
	}
	// A reopened writer goes on in the edit's format, past its target too.
	w = mustWriter(t, root, "a")
	w.target = 1 << 10
	if err := w.Append(reviews("a", 6, 40)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(segPath(root, "a", 3)); err != nil || format(3) != EditFormat {
		t.Fatalf("segment 3 after the edit's: %v, format %d", err, format(3))
	}
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantSeqs(t, b.Events, 1, 40)
	if got := b.Events[3]; got.Kind != KindEdit || got.Text != edit("a", 4).Text || got.Base != edit("a", 4).Base {
		t.Fatalf("event 4 read back as %+v", got)
	}

	old, err := readDeviceAs(root, "a", Cursor{}, 0, 1)
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrNewerFormat) || !strings.Contains(err.Error(), segName(2)) ||
		!strings.Contains(err.Error(), "made by a newer recall; upgrade") {
		t.Fatalf("a format-1 reader: %v, want segment 2 refused as made by a newer recall", err)
	}
	wantSeqs(t, old.Events, 1, 3)

	// A journal without edits stays in format 1 throughout.
	plain := t.TempDir()
	w = mustWriter(t, plain, "b")
	w.target = 1 << 10
	if err := w.Append(reviews("b", 1, 40)); err != nil {
		t.Fatal(err)
	}
	if b, err := readDeviceAs(plain, "b", Cursor{}, 0, 1); err != nil || len(b.Events) != 40 {
		t.Fatalf("a format-1 reader of a journal without edits: %d events, %v", len(b.Events), err)
	}
}

// A format-1 segment holding an edit is damage, not an edit: no writer
// makes one.
func TestEditInOldFormatRefused(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "a"), 0o755)
	data := appendHeader(nil, "a", 1, 1)
	for _, e := range []Event{review("a", 1), edit("a", 2)} {
		data = appendRecord(data, &e)
	}
	os.WriteFile(segPath(root, "a", 1), data, 0o644)
	b, err := ReadDevice(root, "a", Cursor{}, 0)
	if !errors.Is(err, ErrBadEvent) || !strings.Contains(err.Error(), "edit event in a format 1 segment") || len(b.Events) != 0 {
		t.Fatalf("ReadDevice: %d events, %v; want the segment refused", len(b.Events), err)
	}
}
