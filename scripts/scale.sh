#!/bin/sh
# Measures recall at vault scale against its baselines, side by side in one
# run, and prints each ratio (issue 16). For each set and size it makes the
# notes with scalegen, then times, as medians of RUNS runs (wall seconds,
# CPU seconds — user and system — and peak RSS, from /usr/bin/time; on a
# shared machine CPU time is the steadier of the two):
#
#   parse      the bare goldmark parse of the same files (scalegen parse)
#   preview    recall preview (cards printed to /dev/null)
#   import     recall import into a fresh store
#   reimport   recall import of the same, unchanged folder again
#   edit1      recall import after one note of the folder was edited (each
#              run adds an item to the same note, so each import finds one
#              note changed since the last)
#   sqlite     sqlite3 inserting the same cards into an indexed table
#
# and, for generation and import, the scaling exponent from the smallest to
# the largest size over 200 notes: log(t_large / t_small) / log(n_large / n_small)
# (1 is linear).
#
#   sh scripts/scale.sh [SIZES]          default "50 200 800 2000"
#   RUNS=5 SETS="realistic" sh scripts/scale.sh 200 2000
#
# CORPUS (default ../shared/corpus, from the repository root) holds the
# notes the realistic set is varied from. Stores and notes live under a
# temporary directory removed at the end (TMPDIR decides where).
set -eu
cd "$(dirname "$0")/.."
sizes=${*:-50 200 800 2000}
runs=${RUNS:-3}
sets=${SETS:-realistic synthetic}
corpus=${CORPUS:-../shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/recall" ./cmd/recall
go build -o "$work/scalegen" ./scripts/scalegen
export RECALL_NOW=2026-06-01T10:00:00Z NO_COLOR=1

# measure CMD...: runs CMD RUNS times (SETUP, if set, before each run,
# untimed) and prints "wall_s cpu_s rss_mb" of the median run by wall time.
measure() {
	: >"$work/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		if [ -n "${SETUP:-}" ]; then sh -c "$SETUP"; fi
		/usr/bin/time -o "$work/t" -f "%e %U %S %M" "$@" >/dev/null 2>"$work/err" || {
			echo "failed: $*" >&2
			cat "$work/err" >&2
			exit 1
		}
		cat "$work/t" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

printf '%-10s %6s %8s  %-9s %7s %7s %7s  %-7s %7s %7s %7s %7s\n' set notes cards what wall_s cpu_s rss_MB vs wall_s cpu_s ratio cpu_rat
for set in $sets; do
	for n in $sizes; do
		dir=$work/$set-$n
		if [ "$set" = realistic ]; then
			"$work/scalegen" realistic -corpus "$corpus" -n "$n" -out "$dir/notes"
		else
			"$work/scalegen" synthetic -n "$n" -items 100 -out "$dir/notes"
		fi
		db=$dir/store.db
		parse=$(measure "$work/scalegen" parse "$dir/notes")
		cards=$("$work/recall" preview --json --quiet --deck scale "$dir/notes" 2>/dev/null | grep -c '"id":' || true)
		row() { # what "wall cpu rss" baseline_name "wall cpu rss"
			set -- "$1" $2 "$3" $4
			printf '%-10s %6s %8s  %-9s %7s %7s %7s  %-7s %7s %7s %7s %7s\n' "$set" "$n" "$cards" "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
				"$(ratio "$2" "$6")" "$(ratio "$3" "$7")"
			echo "$set $n $1 $2 $3" >>"$work/results"
		}
		row parse "$parse" parse "$parse"
		row preview "$(measure "$work/recall" preview --quiet --deck scale "$dir/notes")" parse "$parse"
		"$work/scalegen" sql -deck scale "$dir/notes" >"$dir/cards.sql"
		sq=$(SETUP="rm -f '$dir/cards.sqlite' '$dir/cards.sqlite-wal' '$dir/cards.sqlite-shm'" measure sqlite3 "$dir/cards.sqlite" ".read $dir/cards.sql")
		r=$(SETUP="rm -f '$db'" measure "$work/recall" --db "$db" import --quiet --deck scale "$dir/notes")
		row import "$r" parse "$parse"
		row import "$r" sqlite "$sq"
		row reimport "$(measure "$work/recall" --db "$db" import --quiet --deck scale "$dir/notes")" parse "$parse"
		first=$(find "$dir/notes" -name '*.md' | sort | head -1)
		edit="printf '\\n\\n*   **Edited term %s**: a definition an edit added.\\n' \"\$(date +%s%N)\" >>'$first'"
		row edit1 "$(SETUP="$edit" measure "$work/recall" --db "$db" import --quiet --deck scale "$dir/notes")" parse "$parse"
		printf '%-10s %6s %8s  %-9s %9s %7s\n' "$set" "$n" "$cards" "size" "$(du -k "$db" | awk '{printf "%.1f", $1/1024}')MB" "sqlite $(du -k "$dir/cards.sqlite" | awk '{printf "%.1f", $1/1024}')MB"
		rm -rf "$dir/notes"
	done
done

echo
echo "scaling exponent (1 = linear) by wall and CPU time, from the smallest to the largest size of at least 200 notes:"
awk '$2 >= 200 { k = $1 " " $3; if (!(k in lo) || $2 < lo[k]) { lo[k] = $2; wlo[k] = $4; clo[k] = $5 } if (!(k in hi) || $2 > hi[k]) { hi[k] = $2; whi[k] = $4; chi[k] = $5 } }
END { for (k in lo) if (hi[k] > lo[k] && wlo[k] > 0 && clo[k] > 0) printf "  %-20s %5d -> %5d notes: wall %.2f, cpu %.2f\n", k, lo[k], hi[k], log(whi[k] / wlo[k]) / log(hi[k] / lo[k]), log(chi[k] / clo[k]) / log(hi[k] / lo[k]) }' "$work/results" | sort
