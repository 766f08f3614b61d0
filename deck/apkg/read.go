package apkg

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"modernc.org/sqlite"
)

// registerUnicase registers Anki's collation with the SQLite driver, once
// per process: the driver keeps collations for every connection it opens.
var registerUnicase sync.Once

// Limits bound what Read accepts from a package, which may be hostile: a
// package past any of them is refused whole.
type Limits struct {
	// PackageBytes bounds the package file; CollectionBytes the collection
	// once unzipped (and decompressed); MediaMapBytes the media map.
	PackageBytes, CollectionBytes, MediaMapBytes int64
	// ZipEntries bounds the files in the zip (media files count).
	ZipEntries int
	// Notes, Cards and Reviews bound the rows read.
	Notes, Cards, Reviews int
	// FieldBytes bounds one field of a note, NoteBytes all its fields.
	FieldBytes, NoteBytes int
	// Decks and Notetypes bound the decks and note types.
	Decks, Notetypes int
}

// DefaultLimits are generous for real collections (a 100,000-note deck with
// millions of reviews) and stop a zip bomb or a runaway query long before
// memory runs out.
func DefaultLimits() Limits {
	return Limits{
		PackageBytes:    4 << 30,
		CollectionBytes: 512 << 20,
		MediaMapBytes:   32 << 20,
		ZipEntries:      500_000,
		Notes:           500_000,
		Cards:           1_000_000,
		Reviews:         10_000_000,
		FieldBytes:      128 << 10,
		NoteBytes:       512 << 10,
		Decks:           10_000,
		Notetypes:       1_000,
	}
}

// Package is what an Anki package holds, as read from its collection.
type Package struct {
	// Collection is the name of the collection file read:
	// collection.anki21b, collection.anki21 or collection.anki2.
	Collection string
	// Created is the collection's creation time (col.crt); review due days
	// count from its day.
	Created   time.Time
	Notetypes map[int64]*Notetype
	Decks     map[int64]string // id -> full name, levels joined by "::"
	Notes     []Note
	Cards     []AnkiCard
	Revlog    []RevlogEntry
	// Media are the file names of the media map, sorted; Read does not
	// unpack them.
	Media []string
}

// Notetype is an Anki note type: its fields and card templates.
type Notetype struct {
	ID        int64
	Name      string
	Cloze     bool
	Fields    []string // names, by ordinal
	Templates []Template
}

// Template is one card template of a note type.
type Template struct {
	Name, QFmt, AFmt string
}

// Note is a row of Anki's notes table.
type Note struct {
	ID, NotetypeID, Mod int64
	GUID                string
	Tags                []string
	Fields              []string
	// Data is the note's data column, which Anki leaves empty and recall
	// fills with its own cards (see Adopt).
	Data string
}

// AnkiCard is a row of Anki's cards table.
type AnkiCard struct {
	ID, NoteID, DeckID, OriginalDeckID int64
	Ord, Type, Queue                   int
	Due, OriginalDue                   int64
	Interval, Factor, Reps, Lapses     int64
}

// RevlogEntry is a row of Anki's revlog.
type RevlogEntry struct {
	ID, CardID                     int64 // ID is the review time in ms
	Ease, Type                     int
	Interval, LastInterval, Factor int64
	TakenMillis                    int64
}

// The names of an Anki package's collection files, newest form first.
var collectionNames = []string{"collection.anki21b", "collection.anki21", "collection.anki2"}

// Read reads an Anki package (.apkg or .colpkg) of size bytes: the newest
// collection it holds (collection.anki21b, zstd-compressed, from Anki 2.1.50
// on; else collection.anki21 or collection.anki2) and the names in its media
// map. Anything past lim, a path in the zip that could escape a folder, or
// a collection that is not Anki's is an error naming what is wrong.
func Read(ra io.ReaderAt, size int64, lim Limits) (*Package, error) {
	if size > lim.PackageBytes {
		return nil, fmt.Errorf("the package is %d MiB, more than the %d MiB recall reads", size>>20, lim.PackageBytes>>20)
	}
	z, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fmt.Errorf("not an Anki package (a zip file): %w", errors.Unwrap(err))
	}
	if len(z.File) > lim.ZipEntries {
		return nil, fmt.Errorf("the package holds %d files, more than %d", len(z.File), lim.ZipEntries)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		if err := checkZipName(f.Name); err != nil {
			return nil, err
		}
		files[f.Name] = f
	}
	pkg := &Package{}
	var colFile *zip.File
	for _, name := range collectionNames {
		if f := files[name]; f != nil {
			pkg.Collection, colFile = name, f
			break
		}
	}
	if colFile == nil {
		return nil, errors.New("not an Anki package: no collection.anki21b, collection.anki21 or collection.anki2 in it")
	}
	data, err := readZipFile(colFile, lim.CollectionBytes)
	if err != nil {
		return nil, err
	}
	zstdForm := pkg.Collection == "collection.anki21b"
	if zstdForm {
		if data, err = unzstd(data, lim.CollectionBytes); err != nil {
			return nil, fmt.Errorf("%s: %w", pkg.Collection, err)
		}
	}
	if err := pkg.readCollection(data, lim); err != nil {
		return nil, fmt.Errorf("%s: %w", pkg.Collection, err)
	}
	if f := files["media"]; f != nil {
		if pkg.Media, err = readMediaMap(f, zstdForm, lim); err != nil {
			return nil, fmt.Errorf("media map: %w", err)
		}
	}
	return pkg, nil
}

// checkZipName refuses names that would write outside a folder if the
// package were unpacked: recall unpacks nothing, but such a package was
// made to attack someone.
func checkZipName(name string) error {
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	switch {
	case !utf8.ValidString(name) || strings.ContainsAny(name, "\x00"):
		return fmt.Errorf("the package holds a file with an invalid name %q", name)
	case strings.HasPrefix(clean, "/") || clean == ".." || strings.HasPrefix(clean, "../") || (len(clean) > 1 && clean[1] == ':'):
		return fmt.Errorf("the package holds a file named %q, outside the package: refused", name)
	}
	return nil
}

// readZipFile reads one file of the zip, at most limit bytes whatever its
// header claims, so a zip bomb stops at the limit.
func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, errors.Unwrap(err))
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: damaged: %w", f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s unpacks to more than %d MiB", f.Name, limit>>20)
	}
	return data, nil
}

// unzstd decompresses zstd data, at most limit bytes of it.
func unzstd(data []byte, limit int64) ([]byte, error) {
	dec, err := zstd.NewReader(bytes.NewReader(data), zstd.WithDecoderMaxMemory(uint64(limit)), zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("zstd: %w", err)
	}
	defer dec.Close()
	out, err := io.ReadAll(io.LimitReader(dec, limit+1))
	if err != nil {
		return nil, fmt.Errorf("damaged zstd data: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("decompresses to more than %d MiB", limit>>20)
	}
	return out, nil
}

// readMediaMap lists the media file names: a JSON object {"0": "name"} in
// the legacy forms, zstd-compressed protobuf MediaEntries (field 1, each
// with its name in field 1) in the current one.
func readMediaMap(f *zip.File, zstdForm bool, lim Limits) ([]string, error) {
	data, err := readZipFile(f, lim.MediaMapBytes)
	if err != nil {
		return nil, err
	}
	var names []string
	if zstdForm {
		if data, err = unzstd(data, lim.MediaMapBytes); err != nil {
			return nil, err
		}
		entries, err := protoFields(data)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.num != 1 || e.wire != wireBytes {
				continue
			}
			fields, err := protoFields(e.bytes)
			if err != nil {
				return nil, err
			}
			for _, ef := range fields {
				if ef.num == 1 && ef.wire == wireBytes {
					names = append(names, string(ef.bytes))
				}
			}
		}
	} else {
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("not a JSON object of file names: %w", err)
		}
		for _, name := range m {
			names = append(names, name)
		}
	}
	if len(names) > lim.ZipEntries {
		return nil, fmt.Errorf("%d media files, more than %d", len(names), lim.ZipEntries)
	}
	slices.Sort(names)
	return names, nil
}

// readCollection reads the SQLite collection, held in memory: it is never
// written to disk and opened read-only.
func (pkg *Package) readCollection(data []byte, lim Limits) error {
	registerUnicase.Do(func() {
		// Anki's schema 18 names its collation "unicase" in every table of
		// names; SQLite cannot read those tables without one of that name.
		// Any consistent order will do to read them; Anki's is case-folded.
		_ = sqlite.RegisterCollationUtf8("unicase", func(a, b string) int {
			return strings.Compare(strings.ToLower(a), strings.ToLower(b))
		})
	})
	if !bytes.HasPrefix(data, []byte("SQLite format 3\x00")) {
		return errors.New("not an SQLite database")
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		d, ok := driverConn.(interface{ Deserialize([]byte) error })
		if !ok {
			return errors.New("the SQLite driver cannot load a database from memory")
		}
		return d.Deserialize(data)
	})
	if err != nil {
		return fmt.Errorf("not a readable SQLite database: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "pragma query_only = 1; pragma trusted_schema = 0"); err != nil {
		return fmt.Errorf("open: %w", err)
	}
	r := &collectionReader{ctx: ctx, conn: conn, lim: lim, pkg: pkg}
	return r.read()
}

type collectionReader struct {
	ctx  context.Context
	conn *sql.Conn
	lim  Limits
	pkg  *Package
}

func (r *collectionReader) read() error {
	// Every table read must be a plain table: a view or a trigger in a
	// hostile file could make a query run forever.
	tables := map[string]bool{}
	rows, err := r.conn.QueryContext(r.ctx, "select name, type from sqlite_master")
	if err != nil {
		return fmt.Errorf("read the schema: %w", err)
	}
	for rows.Next() {
		var name, typ string
		if err := scan(rows, &name, &typ); err != nil {
			rows.Close()
			return fmt.Errorf("read the schema: %w", err)
		}
		switch typ {
		case "table":
			tables[name] = true
		case "view", "trigger":
			rows.Close()
			return fmt.Errorf("the collection holds a %s (%q), which Anki never writes: refused", typ, name)
		}
	}
	rows.Close()
	for _, t := range []string{"col", "notes", "cards", "revlog"} {
		if !tables[t] {
			return fmt.Errorf("no %s table: not an Anki collection", t)
		}
	}
	var crt int64
	var models, decks string
	if err := r.conn.QueryRowContext(r.ctx, "select crt, cast(models as text), cast(decks as text) from col limit 1").Scan(&crt, &models, &decks); err != nil {
		return fmt.Errorf("col: %w", err)
	}
	if crt < 0 || crt > 1<<40 {
		return fmt.Errorf("col: creation time %d out of range", crt)
	}
	r.pkg.Created = time.Unix(crt, 0).UTC()
	if tables["notetypes"] && tables["fields"] && tables["templates"] && tables["decks"] {
		err = r.readSchema18()
	} else {
		err = r.readSchema11(models, decks)
	}
	if err != nil {
		return err
	}
	if err := r.readNotes(); err != nil {
		return err
	}
	if err := r.readCards(); err != nil {
		return err
	}
	return r.readRevlog()
}

// query runs q and calls row for each result, at most limit rows.
func (r *collectionReader) query(what string, limit int, q string, row func(*sql.Rows) error) error {
	rows, err := r.conn.QueryContext(r.ctx, q)
	if err != nil {
		return fmt.Errorf("%s: %w", what, errUnreadable)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n++; n > limit {
			return fmt.Errorf("more than %d %s", limit, what)
		}
		if err := row(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, errUnreadable)
	}
	return nil
}

// errUnreadable stands for SQLite's own messages about a table it cannot
// read, which would mean nothing to the user.
var errUnreadable = errors.New("the table cannot be read (damaged, or not made by Anki)")

// legacyNotetype is a note type as the col row's models JSON holds it.
type legacyNotetype struct {
	ID   json.Number `json:"id"`
	Name string      `json:"name"`
	Type int         `json:"type"`
	Flds []struct {
		Name string `json:"name"`
		Ord  int    `json:"ord"`
	} `json:"flds"`
	Tmpls []struct {
		Name string `json:"name"`
		Ord  int    `json:"ord"`
		QFmt string `json:"qfmt"`
		AFmt string `json:"afmt"`
	} `json:"tmpls"`
}

func (r *collectionReader) readSchema11(models, decks string) error {
	var nts map[string]legacyNotetype
	dec := json.NewDecoder(strings.NewReader(models))
	dec.UseNumber()
	if err := dec.Decode(&nts); err != nil {
		return fmt.Errorf("col.models: %w", err)
	}
	if len(nts) > r.lim.Notetypes {
		return fmt.Errorf("col.models: more than %d note types", r.lim.Notetypes)
	}
	r.pkg.Notetypes = map[int64]*Notetype{}
	for key, m := range nts {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("col.models: note type id %q is not a number", key)
		}
		nt := &Notetype{ID: id, Name: m.Name, Cloze: m.Type == 1}
		slices.SortFunc(m.Flds, func(a, b struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
		}) int {
			return a.Ord - b.Ord
		})
		for _, f := range m.Flds {
			nt.Fields = append(nt.Fields, f.Name)
		}
		slices.SortStableFunc(m.Tmpls, func(a, b struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
			QFmt string `json:"qfmt"`
			AFmt string `json:"afmt"`
		}) int {
			return a.Ord - b.Ord
		})
		for _, t := range m.Tmpls {
			nt.Templates = append(nt.Templates, Template{Name: t.Name, QFmt: t.QFmt, AFmt: t.AFmt})
		}
		r.pkg.Notetypes[id] = nt
	}
	var ds map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(decks), &ds); err != nil {
		return fmt.Errorf("col.decks: %w", err)
	}
	if len(ds) > r.lim.Decks {
		return fmt.Errorf("col.decks: more than %d decks", r.lim.Decks)
	}
	r.pkg.Decks = map[int64]string{}
	for key, d := range ds {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("col.decks: deck id %q is not a number", key)
		}
		r.pkg.Decks[id] = d.Name
	}
	return nil
}

func (r *collectionReader) readSchema18() error {
	r.pkg.Notetypes = map[int64]*Notetype{}
	err := r.query("note types", r.lim.Notetypes, "select id, name, config from notetypes", func(rows *sql.Rows) error {
		var id int64
		var name string
		var config []byte
		if err := scan(rows, &id, &name, &config); err != nil {
			return err
		}
		kind, err := protoVarint(config, 1)
		if err != nil {
			return fmt.Errorf("note type %d: %w", id, err)
		}
		r.pkg.Notetypes[id] = &Notetype{ID: id, Name: name, Cloze: kind == 1}
		return nil
	})
	if err != nil {
		return err
	}
	// The rows come in any order (ordering by these columns would need
	// Anki's own collation); each lands at its ordinal.
	type named struct {
		ntid     int64
		ord      int
		name     string
		q, a     string
		template bool
	}
	var parts []named
	err = r.query("fields", r.lim.Notetypes*100, "select ntid, ord, name from fields", func(rows *sql.Rows) error {
		var f named
		if err := scan(rows, &f.ntid, &f.ord, &f.name); err != nil {
			return err
		}
		parts = append(parts, f)
		return nil
	})
	if err != nil {
		return err
	}
	err = r.query("templates", r.lim.Notetypes*100, "select ntid, ord, name, config from templates", func(rows *sql.Rows) error {
		t := named{template: true}
		var config []byte
		if err := scan(rows, &t.ntid, &t.ord, &t.name, &config); err != nil {
			return err
		}
		var err error
		if t.q, err = protoString(config, 1); err == nil {
			t.a, err = protoString(config, 2)
		}
		if err != nil {
			return fmt.Errorf("template %q of note type %d: %w", t.name, t.ntid, err)
		}
		parts = append(parts, t)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(parts, func(x, y named) int {
		if x.ntid != y.ntid {
			return cmp.Compare(x.ntid, y.ntid)
		}
		return x.ord - y.ord
	})
	for _, p := range parts {
		nt := r.pkg.Notetypes[p.ntid]
		switch {
		case nt == nil:
		case p.template && p.ord == len(nt.Templates):
			nt.Templates = append(nt.Templates, Template{Name: p.name, QFmt: p.q, AFmt: p.a})
		case !p.template && p.ord == len(nt.Fields):
			nt.Fields = append(nt.Fields, p.name)
		}
	}
	r.pkg.Decks = map[int64]string{}
	return r.query("decks", r.lim.Decks, "select id, name from decks", func(rows *sql.Rows) error {
		var id int64
		var name string
		if err := scan(rows, &id, &name); err != nil {
			return err
		}
		r.pkg.Decks[id] = strings.ReplaceAll(name, "\x1f", "::")
		return nil
	})
}

func (r *collectionReader) readNotes() error {
	return r.query("notes", r.lim.Notes, "select id, guid, mid, mod, cast(tags as text), cast(flds as text), coalesce(cast(data as text), '') from notes order by id", func(rows *sql.Rows) error {
		var n Note
		var tags, flds string
		if err := scan(rows, &n.ID, &n.GUID, &n.NotetypeID, &n.Mod, &tags, &flds, &n.Data); err != nil {
			return err
		}
		switch {
		case n.GUID == "" || len(n.GUID) > 64:
			return fmt.Errorf("note %d: a GUID of %d bytes", n.ID, len(n.GUID))
		case len(n.Data) > r.lim.NoteBytes:
			return fmt.Errorf("note %d: %d KiB of data, more than %d KiB", n.ID, len(n.Data)>>10, r.lim.NoteBytes>>10)
		case len(flds) > r.lim.NoteBytes:
			return fmt.Errorf("note %d: %d KiB of fields, more than %d KiB", n.ID, len(flds)>>10, r.lim.NoteBytes>>10)
		case len(tags) > r.lim.FieldBytes:
			return fmt.Errorf("note %d: %d KiB of tags", n.ID, len(tags)>>10)
		}
		n.Fields = strings.Split(flds, "\x1f")
		for i, f := range n.Fields {
			if len(f) > r.lim.FieldBytes {
				return fmt.Errorf("note %d: field %d is %d KiB, more than %d KiB", n.ID, i+1, len(f)>>10, r.lim.FieldBytes>>10)
			}
		}
		n.Tags = strings.Fields(tags)
		r.pkg.Notes = append(r.pkg.Notes, n)
		return nil
	})
}

func (r *collectionReader) readCards() error {
	return r.query("cards", r.lim.Cards, "select id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses from cards order by id", func(rows *sql.Rows) error {
		var c AnkiCard
		if err := scan(rows, &c.ID, &c.NoteID, &c.DeckID, &c.OriginalDeckID, &c.Ord, &c.Type, &c.Queue, &c.Due, &c.OriginalDue, &c.Interval, &c.Factor, &c.Reps, &c.Lapses); err != nil {
			return err
		}
		if c.Ord < 0 || c.Ord > 1000 {
			return fmt.Errorf("card %d: ordinal %d out of range", c.ID, c.Ord)
		}
		r.pkg.Cards = append(r.pkg.Cards, c)
		return nil
	})
}

func (r *collectionReader) readRevlog() error {
	return r.query("reviews", r.lim.Reviews, "select id, cid, ease, type, ivl, lastIvl, factor, time from revlog order by id", func(rows *sql.Rows) error {
		var e RevlogEntry
		if err := scan(rows, &e.ID, &e.CardID, &e.Ease, &e.Type, &e.Interval, &e.LastInterval, &e.Factor, &e.TakenMillis); err != nil {
			return err
		}
		r.pkg.Revlog = append(r.pkg.Revlog, e)
		return nil
	})
}

// errWrongType is what a row whose values are not what Anki stores gives,
// instead of the driver's message.
var errWrongType = errors.New("a value of the wrong type (damaged or not made by Anki)")

func scan(rows *sql.Rows, dest ...any) error {
	if err := rows.Scan(dest...); err != nil {
		return errWrongType
	}
	return nil
}
