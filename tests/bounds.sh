#!/bin/sh
# bounds.sh - workbooks of under 1 MB shaped to make the reader slow or
# large (tests/bounds.py: many number and cell formats, many sheets, too
# many sheets, many relationships, many .ods tables, many hiding styles,
# millions of empty shared strings, many empty rows, a filled row repeated
# a million times, many merged ranges): each is read or refused (exit 0
# or 65, never another), within 2 s and 64 MiB, with what it must say.
# Under ASan (ASAN=1), with its quarantine of freed memory off, the bound
# is 64 MiB plus 40 MiB for the sanitizer's own (its shadow, its runtime,
# and the copy it makes of every block realloc() moves).
#
# (TIME_SCALE multiplies the time bound, for the unoptimised coverage
# build that make coverage runs.)
#
#   sh tests/bounds.sh PROGRAM MEASURE
. tests/lib.sh
prog=$1
measure=$2
# TIME_SCALE (1) widens the time bound, for a build slow by design.
seconds=$(awk -v f="${TIME_SCALE:-1}" 'BEGIN { print 2 * f }')
[ -n "${ASAN:-}" ] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
python3 tests/bounds.py "$tmp" || { bad "bounds.py failed"; finish bounds; exit; }

# shape FILE STATUS PATTERN [OPTION...]
shape() {
	file=$1 want=$2 pattern=$3
	shift 3
	size=$(wc -c <"$tmp/$file")
	[ "$size" -lt 1048576 ] || bad "$file is $size bytes, not under 1 MB"
	set -- $("$measure" "$tmp/out" "$prog" -r none "$@" "$tmp/$file" \
		 2>"$tmp/err"; echo "status $?")
	secs=$1 kib=$2 got=$5
	if [ "$got" -ne "$want" ]; then
		bad "$file: exit $got, wanted $want: $(head -2 "$tmp/err")"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/err"; then
		bad "$file: no message like '$pattern' in: $(head -2 "$tmp/err")"
	elif [ "$got" -ne 0 ] && [ -s "$tmp/out" ]; then
		bad "$file: printed on stdout after an error"
	elif [ "$got" -eq 0 ] && ! grep -q "1 answered and counted" "$tmp/out"
	then
		bad "$file: the reply was not counted: $(head -2 "$tmp/out")"
	elif ! awk -v s="$secs" -v k="$kib" -v a="${ASAN:-}" -v t="$seconds" \
		'BEGIN { exit !(s < t && k < (a ? 65536 + 40960 : 65536)) }'; then
		bad "$file took $secs s and $kib KiB (bound: $seconds s, 64 MiB)"
	else
		ok
	fi
}
shape styles.xlsx 0 ""
shape sheets.xlsx 65 "reading sheet 'S0' (1 of 10000)"
shape sheets.xlsx 65 "S9999:1: the header has no 'body' column" --sheet 10000
shape toomany.xlsx 65 "the workbook has more than 10000 sheets"
shape rels.xlsx 0 ""
shape tables.ods 0 "reading sheet 'Coded' (8000 of 8000)"
shape toomany.ods 65 "the workbook has more than 10000 sheets"
shape hidden.ods 0 "reading sheet 'Coded' (1 of 1), which is hidden"
shape strings.xlsx 65 "its parts inflate to more than 36 MiB, over 100 times"
shape rows.xlsx 0 ""
shape repeated.ods 65 "this row has 16000 cells but the header has 7"
shape longcell.xlsx 65 "a cell is longer than 1 MiB"
shape wide.ods 65 "row 2 of the sheet has more than 16384 cells"
shape merges.xlsx 65 "Coded!C2:C3: these cells are merged"
finish bounds
