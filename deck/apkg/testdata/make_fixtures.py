#!/usr/bin/env python3
"""Writes Anki packages made by hand with Python's sqlite3, not by recall,
so recall's reader is tested on what another tool writes:

  legacy.apkg          collection.anki2 (schema 11, JSON note types) and a
                       JSON media map, as Anki 2.1 before 2.1.50 wrote them;
  modern.sqlite        the collection.anki21b database (schema 18, note
                       types, fields and templates in tables, protobuf
                       blobs), and modern-media.pb, its media map; the Go
                       program zstdpack compresses both into modern.apkg.

Both hold the same notes: a Basic note with HTML and media, a
"Basic (and reversed card)" note, a Cloze note with two clozes and a leech,
with review, new, learning, suspended and buried cards and a revlog.
Run from deck/apkg: python3 testdata/make_fixtures.py (go generate does).
"""
import json
import os
import sqlite3
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CRT = 1769918400  # 2026-02-01 04:00 UTC
NOW = 1772442000  # 2026-03-02 09:00 UTC

BASIC, REVERSED, CLOZE = 1001, 1002, 1003
SPANISH = 1500

NOTETYPES = [
    (BASIC, "Basic", 0, ["Front", "Back"],
     [("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")]),
    (REVERSED, "Basic (and reversed card)", 0, ["Front", "Back"],
     [("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
      ("Card 2", "{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")]),
    (CLOZE, "Cloze", 1, ["Text", "Back Extra"],
     [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")]),
]

# id, guid, mid, tags, fields
NOTES = [
    (1600000000001, "Ab1!cd#EF", BASIC, " spanish greetings ",
     ["<b>hola</b>&nbsp;&amp; adi&oacute;s<br>[sound:hola.mp3]",
      "hello<div>and goodbye</div><img src=\"x.jpg\">"]),
    (1600000000002, "gh2%IJ&kl", REVERSED, " spanish ", ["perro", "dog"]),
    (1600000000003, "mn3(OP)qr", CLOZE, "",
     ["The {{c1::capital}} of Spain is {{c2::Madrid::city}}.", "Geography"]),
    (1600000000004, "st4*UV+wx", BASIC, " leech spanish ", ["gato", "cat"]),
]

# id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses
CARDS = [
    (1700000000001, 1600000000001, SPANISH, 0, 2, 2, 40, 15, 2300, 6, 1),
    (1700000000002, 1600000000002, SPANISH, 0, 2, -1, 35, 4, 2500, 2, 0),
    (1700000000003, 1600000000002, SPANISH, 1, 0, 0, 2, 0, 0, 0, 0),
    (1700000000004, 1600000000003, 1, 0, 1, 1, NOW - 600, 0, 0, 1, 0),
    (1700000000005, 1600000000003, 1, 1, 2, -3, 31, 4, 1200, 3, 0),
    (1700000000006, 1600000000004, SPANISH, 0, 2, 2, 29, 1, 1300, 20, 8),
]

# id (ms), cid, ease, ivl, lastIvl, factor, time, type
REVLOG = [
    ((CRT + 86400) * 1000, 1700000000001, 3, -600, 0, 2500, 8000, 0),
    ((CRT + 86400) * 1000 + 5, 1700000000001, 3, 1, -600, 2500, 6000, 0),
    ((CRT + 2 * 86400) * 1000, 1700000000001, 4, 4, 1, 2650, 3000, 1),
    ((CRT + 6 * 86400) * 1000, 1700000000001, 1, -600, 4, 2450, 12000, 1),
    ((CRT + 6 * 86400) * 1000 + 9, 1700000000001, 2, 6, 4, 2450, 9000, 2),
    ((CRT + 12 * 86400) * 1000, 1700000000001, 3, 15, 6, 2300, 4000, 1),
    ((CRT + 13 * 86400) * 1000, 1700000000001, 0, 20, 15, 2300, 0, 4),  # reschedule
    ((NOW - 600) * 1000, 1700000000004, 1, -600, 0, 0, 7000, 0),
    ((CRT + 20 * 86400) * 1000, 1700000000005, 3, 4, 1, 1200, 5000, 1),
    ((CRT + 3 * 86400) * 1000, 1799999999999, 3, 1, 0, 2500, 1000, 0),  # card missing
]

MEDIA = ["hola.mp3", "x.jpg"]

SCHEMA11 = """
create table col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
"""

SCHEMA18_EXTRA = """
create table deck_config (id integer primary key not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null);
create table config (key text not null primary key, usn integer not null,
  mtime_secs integer not null, val blob not null) without rowid;
create table fields (ntid integer not null, ord integer not null, name text not null collate unicase,
  config blob not null, primary key (ntid, ord)) without rowid;
create unique index idx_fields_name_ntid on fields (name, ntid);
create table templates (ntid integer not null, ord integer not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null,
  primary key (ntid, ord)) without rowid;
create unique index idx_templates_name_ntid on templates (name, ntid);
create table notetypes (id integer not null primary key, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null);
create unique index idx_notetypes_name on notetypes (name);
create table decks (id integer primary key not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null);
create unique index idx_decks_name on decks (name);
create table tags (tag text not null primary key collate unicase, usn integer not null,
  collapsed boolean not null, config blob null) without rowid;
"""


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_bytes(num, data):
    if isinstance(data, str):
        data = data.encode()
    return varint(num << 3 | 2) + varint(len(data)) + data


def pb_varint(num, n):
    return varint(num << 3) + varint(n)


def unicase(a, b):
    a, b = a.casefold(), b.casefold()
    return (a > b) - (a < b)


def fill_common(db):
    for nid, guid, mid, tags, flds in NOTES:
        db.execute("insert into notes values (?,?,?,?,0,?,?,?,0,0,'')",
                   (nid, guid, mid, CRT + 100, tags, "\x1f".join(flds), flds[0]))
    for cid, nid, did, ord_, typ, queue, due, ivl, factor, reps, lapses in CARDS:
        db.execute("insert into cards values (?,?,?,?,?,0,?,?,?,?,?,?,?,0,0,0,0,'')",
                   (cid, nid, did, ord_, CRT + 100, typ, queue, due, ivl, factor, reps, lapses))
    for rid, cid, ease, ivl, last, factor, ms, typ in REVLOG:
        db.execute("insert into revlog values (?,?,0,?,?,?,?,?,?)", (rid, cid, ease, ivl, last, factor, ms, typ))


def legacy():
    path = os.path.join(HERE, "legacy.anki2.tmp")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA11)
    models = {}
    for ntid, name, kind, fields, tmpls in NOTETYPES:
        models[str(ntid)] = {
            "id": ntid, "name": name, "type": kind, "mod": CRT, "usn": 0, "sortf": 0, "did": 1,
            "flds": [{"name": f, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20}
                     for i, f in enumerate(fields)],
            "tmpls": [{"name": n, "ord": i, "qfmt": q, "afmt": a, "did": None, "bqfmt": "", "bafmt": ""}
                      for i, (n, q, a) in enumerate(tmpls)],
            "css": "", "latexPre": "", "latexPost": "", "req": [], "tags": [], "vers": [],
        }
    decks = {"1": {"id": 1, "name": "Default"}, str(SPANISH): {"id": SPANISH, "name": "Languages::Spanish"},
             "1400": {"id": 1400, "name": "Languages"}}
    db.execute("insert into col values (1,?,?,?,11,0,0,0,'{}',?,?,'{}','{}')",
               (CRT, NOW * 1000, NOW * 1000, json.dumps(models), json.dumps(decks)))
    fill_common(db)
    db.commit()
    db.close()
    out = os.path.join(HERE, "legacy.apkg")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, "collection.anki2")
        z.writestr("media", json.dumps({str(i): m for i, m in enumerate(MEDIA)}))
        for i in range(len(MEDIA)):
            z.writestr(str(i), b"not really media")
    os.remove(path)


def modern():
    path = os.path.join(HERE, "modern.sqlite")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.create_collation("unicase", unicase)
    db.executescript(SCHEMA11 + SCHEMA18_EXTRA)
    db.execute("insert into col values (1,?,?,?,18,0,0,0,'','','','','')", (CRT, NOW * 1000, NOW * 1000))
    for ntid, name, kind, fields, tmpls in NOTETYPES:
        config = pb_varint(1, kind) + pb_bytes(3, ".card {}")
        db.execute("insert into notetypes values (?,?,?,0,?)", (ntid, name, CRT, config))
        for i, f in enumerate(fields):
            db.execute("insert into fields values (?,?,?,?)", (ntid, i, f, pb_bytes(3, "Arial")))
        for i, (n, q, a) in enumerate(tmpls):
            db.execute("insert into templates values (?,?,?,?,0,?)", (ntid, i, n, CRT, pb_bytes(1, q) + pb_bytes(2, a)))
    for did, name in [(1, "Default"), (1400, "Languages"), (SPANISH, "Languages\x1fSpanish")]:
        db.execute("insert into decks values (?,?,?,0,?,?)", (did, name, CRT, b"", b""))
    fill_common(db)
    db.commit()
    db.close()
    media = b"".join(pb_bytes(1, pb_bytes(1, m) + pb_varint(2, 16)) for m in MEDIA)
    with open(os.path.join(HERE, "modern-media.pb"), "wb") as f:
        f.write(media)


if __name__ == "__main__":
    legacy()
    modern()
