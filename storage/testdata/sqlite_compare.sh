#!/bin/sh
# Times SQLite counting due cards on a table equivalent to the synthetic
# stores of the storage benchmarks (bench_test.go): N cards, 45% of them out
# of the review queue (new, suspended or retired: due is NULL), about 60
# waiting for a re-drill this morning, the rest due from 30 days before "now"
# to a year after, on whole days at 4:00. The due column is indexed, so the
# count is an index range scan.
#
#   sh storage/testdata/sqlite_compare.sh [N]     (default 1000000)
#
# It prints SQLite's own timer for each query, run five times on a warm
# cache, for "due now" (about 5% of the cards) and "due in two years" (every
# card in the review queue, about 55%).
set -eu
n=${1:-1000000}
db=$(mktemp -d)/cards.sqlite
trap 'rm -rf "$(dirname "$db")"' EXIT

now=$(date -u -d 2026-06-01T10:00:00Z +%s)
day0=$(date -u -d 2026-06-01T04:00:00Z +%s)
later=$(date -u -d 2028-06-01T10:00:00Z +%s)

sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE cards (id TEXT PRIMARY KEY, deck TEXT NOT NULL, due INTEGER);
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < $n),
r AS MATERIALIZED (SELECT i, abs(random()) % 100 AS roll, abs(random()) AS x, abs(random()) % $n AS y FROM seq)
INSERT INTO cards
SELECT printf('%012x', abs(random()) % 281474976710656) || i, 'deck ' || (i % 4),
       CASE WHEN roll < 45 THEN NULL
            WHEN y < 60 THEN $day0 + 1 + x % 7200
            ELSE $day0 + 86400 * (x % 395 - 30) END
FROM r;
CREATE INDEX cards_due ON cards(due);
ANALYZE;
SQL

echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), $n cards"
for label in "due now:$now" "due within two years:$later"; do
	name=${label%%:*}
	t=${label#*:}
	echo "-- count $name: SELECT count(*) FROM cards WHERE due <= $t"
	sqlite3 "$db" <<SQL
.timer on
SELECT count(*) FROM cards WHERE due <= $t;
SELECT count(*) FROM cards WHERE due <= $t;
SELECT count(*) FROM cards WHERE due <= $t;
SELECT count(*) FROM cards WHERE due <= $t;
SELECT count(*) FROM cards WHERE due <= $t;
SQL
done
