#!/bin/sh
# bench.sh - how fast foitab tabulates, and how much memory it takes, on
# synthetic files of 1 000, 100 000 and 1 000 000 rows, measured against
# the floor of its design (a bare libcsv read of the same file), the I/O
# floor (wc -l) and Miller computing the same six buckets; on 1 000 000
# and 4 000 000 rows against DuckDB and the floors on one thread and on
# all (anchors.js); with a register of a million bodies; on a workbook;
# in the page.  This is a benchmark, not a test: it reports what it
# measured, then whether the targets in tests/README.md were met (exit 1
# if not).
#
#   sh tests/bench/bench.sh BUILD_DIR FOITAB
set -u
build=$1
prog=$2
dir=$build/bench
gen=$build/bench-gen
count=$build/bench-count
measure=$build/bench-measure
runs=${BENCH_RUNS:-5}
mkdir -p "$dir"
failed=0

# The median wall time, the largest peak memory and the median processor
# time of $runs runs.
timed() {
	i=0
	: >"$dir/times"
	while [ $i -lt "$runs" ]; do
		"$measure" "$dir/out" "$@" >>"$dir/times" || {
			echo "bench: '$*' failed" >&2
			exit 1
		}
		i=$((i + 1))
	done
	sort -n "$dir/times" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
		END { printf "%.4f %d ", t[int((NR + 1) / 2)], m }'
	sort -n -k 3 "$dir/times" | awk '{ c[NR] = $3 }
		END { printf "%.4f\n", c[int((NR + 1) / 2)] }'
}

mlr_buckets='
begin { @counted = 0; @specialist = 0; @considering = 0; @unspecified = 0;
        @none = 0; @substance_misuse = 0; @opioid_focus = 0 }
if ($response == "answered") {
  @counted += 1;
  if ($action == "specialist") { @specialist += 1 }
  if ($action == "considering") { @considering += 1 }
  if ($action == "unspecified") { @unspecified += 1 }
  if ($action == "none") { @none += 1 }
  if ($substance_misuse == "yes") { @substance_misuse += 1 }
  var has = false;
  var other = false;
  if ($drugs != "") {
    for (k, d in splitax($drugs, ";")) {
      if (d == "opioids") { has = true } elif (d != "gabapentinoids") { other = true }
    }
  }
  if (has && !other) { @opioid_focus += 1 }
}
end { emit @* }'

echo "foitab reads a large file on one thread per processor ($(nproc) here);"
echo "'cpu s' is the processor time of all its threads."
echo
printf '%-9s %-28s %9s %8s %8s %9s\n' rows measured seconds ratio "cpu s" \
	"peak MiB"
for rows in 1000 100000 1000000; do
	file=$dir/rows-$rows.csv
	[ -s "$file" ] || "$gen" "$rows" >"$file"
	set -- $(timed "$count" "$file"); floor=$1; floor_kb=$2
	report() {
		awk -v r="$rows" -v n="$1" -v t="$2" -v f="$floor" -v kb="$3" \
			-v c="$4" 'BEGIN { printf "%-9d %-28s %9.4f %7.2fx %8.4f %9.1f\n",
				 r, n, t, t / f, c, kb / 1024 }'
	}
	report "bare libcsv read" "$floor" "$floor_kb" "$3"
	set -- $(timed wc -l "$file"); report "wc -l" "$1" "$2" "$3"
	set -- $(timed "$prog" -r none -f csv "$file"); full=$1; full_kb=$2
	report "foitab --format csv" "$full" "$full_kb" "$3"
	cp "$dir/out" "$dir/foitab-$rows.csv"
	set -- $(timed "$prog" -j 1 -r none -f csv "$file")
	report "foitab -j 1 (one thread)" "$1" "$2" "$3"
	cmp -s "$dir/out" "$dir/foitab-$rows.csv" ||
		{ echo "bench: -j 1 and the default printed different figures"; failed=1; }
	eval "full_$rows=$full; kb_$rows=$full_kb; floor_$rows=$floor"
	if command -v mlr >/dev/null 2>&1; then
		set -- $(BENCH_RUNS=3 timed mlr --icsv --ojson put -q "$mlr_buckets" "$file")
		report "Miller, the same buckets" "$1" "$2" "$3"
		eval "mlr_$rows=$1; mlr_kb_$rows=$2"
		# Honest figures: both must have counted the same.
		for key in specialist considering unspecified none substance_misuse opioid_focus; do
			a=$(grep "^$key," "$dir/foitab-$rows.csv" | cut -d, -f3)
			b=$(grep "\"$key\"" "$dir/out" | tr -dc 0-9)
			[ "$a" = "$b" ] || { echo "bench: $key: foitab $a, Miller $b"; failed=1; }
		done
	fi
done

# A workbook: the 100 000-row file as LibreOffice saves it as .xlsx,
# against the CSV path on the same rows.  Memory should follow the
# shared strings (every distinct text of the sheet), not the sheet.
book=$dir/rows-100000.xlsx
if command -v soffice >/dev/null 2>&1 && [ ! -s "$book" ]; then
	soffice -env:UserInstallation="file://$PWD/$dir/profile" --headless \
		--convert-to xlsx --outdir "$dir" "$dir/rows-100000.csv" \
		>/dev/null 2>&1
fi
if [ -s "$book" ]; then
	set -- $(timed "$prog" -r none -f csv "$book"); book_s=$1; book_kb=$2
	awk -v n="$1" -v c="$full_100000" -v kb="$2" -v u="$3" 'BEGIN {
		printf "%-9d %-28s %9.4f %7.2fx %8.4f %9.1f\n", 100000,
		       "foitab on the .xlsx", n, n / c, u, kb / 1024 }'
	cmp -s "$dir/out" "$dir/foitab-100000.csv" ||
		{ echo "bench: the .xlsx and the CSV printed different figures"; failed=1; }
	# The ratio to the CSV path from runs taken in turn, CSV then .xlsx,
	# so that a machine that speeds up or slows down between two series
	# does not move it: the median of 9 such pairs.
	: >"$dir/pairs"
	i=0
	while [ $i -lt 9 ]; do
		c=$("$measure" "$dir/out" "$prog" -r none -f csv "$dir/rows-100000.csv" | cut -d' ' -f1)
		x=$("$measure" "$dir/out" "$prog" -r none -f csv "$book" | cut -d' ' -f1)
		echo "$c $x" >>"$dir/pairs"
		i=$((i + 1))
	done
	book_ratio=$(awk '{ print $2 / $1 }' "$dir/pairs" | sort -n |
		awk '{ r[NR] = $1 } END { printf "%.2f", r[int((NR + 1) / 2)] }')
	echo "          (the .xlsx against the CSV, in turn: median of 9 pairs ${book_ratio}x)"
	# The floor of this design: expat alone over the same XML, one
	# thread, against foitab on one thread (-j 1) and on all.
	set -- $(timed "$build/bench-xmlfloor" "$book"); xml_floor=$1
	set -- $(timed "$prog" -j 1 -r none -f csv "$book"); book_one=$1
	awk -v f="$xml_floor" -v c="$full_100000" -v o="$book_one" -v a="$book_s" 'BEGIN {
		printf "%-9d %-28s %9.4f %7.2fx\n", 100000, "expat alone, one thread", f, f / c
		printf "          (foitab -j 1 on the .xlsx: %.2fx expat alone; all threads: %.2fx)\n", o / f, a / f }'
	strings_kb=$(python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum(i.file_size for i in z.infolist() if i.filename == "xl/sharedStrings.xml") // 1024)' "$book")
	sheet_kb=$(python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum(i.file_size for i in z.infolist() if "worksheets/" in i.filename) // 1024)' "$book")
	echo "          (the .xlsx: $((sheet_kb / 1024)) MiB of sheet XML, $((strings_kb / 1024)) MiB of shared strings)"
fi

# An .ods: the 100 000-row file written by tests/ods_write.py (the content
# of a table of rows, as LibreOffice lays it out), on one thread and on
# all, against expat alone over the same content and the CSV path.
ods=$dir/rows-100000.ods
PYTHON3=$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
[ -s "$ods" ] || "$PYTHON3" tests/ods_write.py "$dir/rows-100000.csv" "$ods"
if [ -s "$ods" ]; then
	set -- $(timed "$prog" -j 1 -r none -f csv --sheet Coded "$ods"); ods_one=$1
	set -- $(timed "$prog" -r none -f csv --sheet Coded "$ods"); ods_all=$1; ods_kb=$2
	cmp -s "$dir/out" "$dir/foitab-100000.csv" ||
		{ echo "bench: the .ods and the CSV printed different figures"; failed=1; }
	set -- $(timed "$build/bench-xmlfloor" "$ods"); ods_floor=$1
	awk -v o="$ods_one" -v a="$ods_all" -v f="$ods_floor" -v c="$full_100000" -v kb="$ods_kb" 'BEGIN {
		printf "%-9d %-28s %9.4f %7.2fx %8s %9.1f\n", 100000, "foitab on the .ods", a, a / c, "", kb / 1024
		printf "          (-j 1: %.4f s, %.2fx expat alone, %.4f s; all threads: %.2fx)\n", o, o / f, f, a / f }'
fi

# The page (make web) in Chromium: the 100 000-row file, from pressing
# Tabulate to the figures drawn; and a survey of one's own, from pressing
# "Draft rules from this sheet" to the figures drawn.
page_s=
draft_s=
if [ -s build/foitab.html ] && [ -d build/page/node_modules ]; then
	sh tests/page.sh build/foitab.html "$prog" --bench \
		"$dir/rows-100000.csv" >"$dir/page-times" || {
		cat "$dir/page-times"
		echo "bench: the page failed"
		failed=1
	}
	page_s=$(sed -n 's/^page-seconds //p' "$dir/page-times")
	draft_s=$(sed -n 's/^draft-seconds //p' "$dir/page-times")
	[ -n "$page_s" ] && printf '%-38s %8s s\n' "the page, 100 000 rows" "$page_s"
	[ -n "$draft_s" ] && printf '%-38s %8s s\n' \
		"the page, draft then tabulate them" "$draft_s"
fi

# The anchors (tests/bench/anchors.js): on 1 000 000 and 4 000 000 rows,
# the bare libcsv read on one thread and on all, foitab on one thread and
# on all, and DuckDB computing the same six counts (checked equal before
# any timing), in rounds taken in turn.  Only when make bench could
# install DuckDB from npm.
npm_dir=$build/bench-npm/node_modules
if [ -d "$npm_dir/@duckdb/node-api" ] && command -v node >/dev/null 2>&1; then
	echo
	echo "Against DuckDB and the floors, in rounds taken in turn (medians of ${ANCHOR_ROUNDS:-5}):"
	printf '%-9s %-34s %9s %8s %9s\n' rows measured seconds ratio "peak MiB"
	for rows in 1000000 4000000; do
		file=$dir/rows-$rows.csv
		[ -s "$file" ] || "$gen" "$rows" >"$file"
		NODE_PATH=$PWD/$npm_dir node tests/bench/anchors.js "$file" \
			"$prog" "$measure" "$count" "${ANCHOR_ROUNDS:-5}" \
			"$(nproc)" >"$dir/anchors-$rows" || {
			cat "$dir/anchors-$rows"
			echo "bench: the anchors failed on $rows rows"
			failed=1
			continue
		}
		awk -v r="$rows" -v n="$(nproc)" '
			{ t[$1] = $2; kb[$1] = $3 }
			function row(label, name, base) {
				printf "%-9d %-34s %9.4f %7.2fx %9s\n", r, label, t[name],
				       t[name] / t[base],
				       kb[name] ? sprintf("%.1f", kb[name] / 1024) : "-"
			}
			END {
				row("bare libcsv read, 1 thread", "floor-1", "floor-1")
				row("bare libcsv read, " n " threads", "floor-n", "floor-n")
				row("foitab -j 1 (to 1 thread)", "foitab-1", "floor-1")
				row("foitab, " n " threads (to " n ")", "foitab-n", "floor-n")
				row("DuckDB, the query (to foitab)", "duckdb-query", "foitab-n")
				row("DuckDB, a process (to foitab)", "duckdb-process", "foitab-n")
			}' "$dir/anchors-$rows"
		eval "$(awk -v r="$rows" '{ gsub("-", "_", $1); print "a_" $1 "_" r "=" $2 } $3 { print "a_" $1 "_kb_" r "=" $3 }' "$dir/anchors-$rows")"
	done
fi

# A register of as many bodies as the 1 000 000-row file names, each of
# them in it: the run with the register check against the run without
# it, in turn (the median of 5 pairs), and the memory it takes.
reg=$dir/register-1000000.csv
[ -s "$reg" ] || awk 'BEGIN { print "name,ons_code,ods_code,region"
	for (i = 1; i <= 1000000; i++)
		printf "Body %08d,E%08d,Q%07d,Region %d\n", i, i, i, i % 9 }' >"$reg"
: >"$dir/reg-pairs"
i=0
while [ $i -lt 5 ]; do
	a=$("$measure" "$dir/out" "$prog" -r none -f csv "$dir/rows-1000000.csv")
	b=$("$measure" "$dir/out" "$prog" -r "$reg" -f csv "$dir/rows-1000000.csv") || {
		echo "bench: the run with a register failed"
		failed=1
		break
	}
	echo "$a $b" >>"$dir/reg-pairs"
	i=$((i + 1))
done
cmp -s "$dir/out" "$dir/foitab-1000000.csv" ||
	{ echo "bench: the run with a register printed different figures"; failed=1; }
set -- $(awk '{ print $4 / $1, $5 }' "$dir/reg-pairs" | sort -n |
	awk '{ r[NR] = $1; if ($2 > m) m = $2 } END { printf "%.2f %d", r[int((NR + 1) / 2)], m }')
reg_ratio=$1
reg_kb=$2
echo
printf '%-9d %-34s %7.2fx %9.1f\n' 1000000 "with a register of 1 000 000 bodies" \
	"$reg_ratio" "$(awk -v k="$reg_kb" 'BEGIN { print k / 1024 }')"

# Start-up: the 42-row survey, many times over.
set -- $(BENCH_RUNS=51 timed "$prog" data/icb-2023.csv)
startup_ms=$(awk -v t="$1" 'BEGIN { printf "%.2f", t * 1000 }')

echo
target() {
	printf '%-58s %s\n' "$1" "$2"
	case $2 in *"not met"*) failed=1 ;; esac
}
if [ -n "${a_foitab_1_1000000:-}" ]; then
	for rows in 1000000 4000000; do
		eval "d=\${a_duckdb_process_$rows:-}; q=\${a_duckdb_query_$rows:-}; f=\${a_foitab_n_$rows:-}"
		[ -n "$f" ] || continue
		target "$rows rows: 1.5x faster than DuckDB (a process):" \
			"$(awk -v d="$d" -v f="$f" -v q="$q" 'BEGIN { printf "%.2fx (the query alone: %.2fx), %s\n", d / f, q / f, (d / f >= 1.5 ? "met" : "not met") }')"
	done
	target "-j 1 within 1.5x of the bare libcsv read (1 M rows):" \
		"$(awk -v a="$a_foitab_1_1000000" -v b="$a_floor_1_1000000" 'BEGIN { r = a / b; printf "%.2fx, %s\n", r, (r <= 1.5 ? "met" : "not met") }')"
	if [ -n "${a_foitab_n_kb_4000000:-}" ]; then
		target "4 M rows: peak under 48 MiB + 16 bytes a body:" \
			"$(awk -v k="$a_foitab_n_kb_4000000" 'BEGIN { m = k / 1024; l = 48 + 16 * 4000000 / 1048576; printf "%.1f MiB (limit %.1f), %s\n", m, l, (m <= l ? "met" : "not met") }')"
		target "memory a body, 1 M to 4 M rows, at most 16 bytes:" \
			"$(awk -v a="$a_foitab_n_kb_4000000" -v b="$a_foitab_n_kb_1000000" 'BEGIN { g = (a - b) * 1024 / 3000000; printf "%.1f bytes, %s\n", g, (g <= 16 ? "met" : "not met") }')"
	fi
fi
target "a 1 M-body register: at most 2x the run without:" \
	"$(awk -v r="$reg_ratio" 'BEGIN { printf "%.2fx, %s\n", r, (r <= 2 ? "met" : "not met") }')"
target "a 1 M-body register: peak under 128 MiB:" \
	"$(awk -v k="$reg_kb" 'BEGIN { m = k / 1024; printf "%.1f MiB, %s\n", m, (m < 128 ? "met" : "not met") }')"
if [ -n "${mlr_1000000:-}" ]; then
	speed=$(awk -v a="$mlr_1000000" -v b="$full_1000000" 'BEGIN { printf "%.1f", a / b }')
	target "at least 8x faster than Miller:" \
		"$(awk -v s="$speed" 'BEGIN { print s "x, " (s >= 8 ? "met" : "not met") }')"
fi
if [ -n "${book_s:-}" ]; then
	target "a 100 000-row .xlsx within 5x the CSV path:" \
		"$(awk -v r="$book_ratio" 'BEGIN { printf "%.1fx, %s\n", r, (r <= 5 ? "met" : "not met") }')"
	target "its memory under the shared strings plus 16 MiB:" \
		"$(awk -v k="$book_kb" -v s="$strings_kb" 'BEGIN { printf "%.1f MiB (strings %.1f MiB), %s\n", k / 1024, s / 1024, (k <= s + 16384 ? "met" : "not met") }')"
fi
if [ -n "$page_s" ]; then
	target "the page: 100 000 rows tabulated in under 2 s:" \
		"$(awk -v s="$page_s" 'BEGIN { printf "%.2f s, %s\n", s, (s < 2 ? "met" : "not met") }')"
fi
if [ -n "$draft_s" ]; then
	target "the page: drafting rules, then tabulating, under 3 s:" \
		"$(awk -v s="$draft_s" 'BEGIN { printf "%.2f s, %s\n", s, (s < 3 ? "met" : "not met") }')"
fi
target "start-up: the 42-row survey in under 2 ms:" \
	"$(awk -v s="$startup_ms" 'BEGIN { print s " ms, " (s < 2 ? "met" : "not met") }')"
exit $failed
