#!/bin/sh
# conformance.sh - public CSV edge cases (../shared/conformance) through
# foitab's reader.  csv-spectrum's expected JSON is the oracle where there
# is one; everything else must be read or refused with a clear message,
# never crash.
#
#   sh tests/conformance.sh CSVDUMP FOITAB
#
# VALGRIND, if set, is put before both programs.
. tests/lib.sh
dump=$1
prog=$2
root=${CONFORMANCE:-../shared/conformance}

# The files live beside the repository, not in it.  A clone on its own
# skips them, saying so; in CI (CI=true) they must be there.
if [ ! -d "$root" ]; then
	if [ -n "${CI:-}" ]; then
		echo "conformance: $root is missing"
		exit 1
	fi
	echo "conformance: skipped: $root is not beside this repository"
	exit 0
fi

# The oracle in the dump's form: per cell KEY<US>VALUE<RS>, per row <GS>.
expect() {
	jq -j '.[] | (to_entries[] | "\(.key)\u001f\(.value)\u001e"), "\u001d"' "$1"
}

# 1. csv-spectrum: every file with expected JSON but the defective one.
for csv in "$root"/csv-spectrum/csvs/*.csv "$root"/csv-spectrum-extra/csvs/newlines_cr.csv; do
	name=$(basename "$csv" .csv)
	json=$(dirname "$csv")/../json/$name.json
	[ "$name" = location_coordinates ] && continue
	expect "$json" >"$tmp/want"
	if ${VALGRIND:-} "$dump" "$csv" >"$tmp/got" 2>"$tmp/err" &&
	   cmp -s "$tmp/want" "$tmp/got"; then
		ok
	else
		bad "$name does not read as its JSON"
		head -3 "$tmp/err"
	fi
done

# 2. Latin-1 text: refused as UTF-8, read right as Windows-1252 (a
#    superset of Latin-1 for these bytes).
latin1=$root/csv-spectrum-extra/csvs/latin1.csv
expect "$root/csv-spectrum-extra/json/latin1.json" >"$tmp/want"
${VALGRIND:-} "$dump" "$latin1" >/dev/null 2>"$tmp/err"
if [ $? -eq 65 ] && grep -q "is not UTF-8 text" "$tmp/err"; then ok; else
	bad "latin1 is not refused as UTF-8"; fi
if ${VALGRIND:-} "$dump" --encoding cp1252 "$latin1" >"$tmp/got" 2>"$tmp/err" &&
   cmp -s "$tmp/want" "$tmp/got"; then ok; else
	bad "latin1 does not read as its JSON with --encoding cp1252"; fi

# 3. null.csv: its JSON reads an unquoted NULL as an empty cell.  CSV has
#    no null: foitab keeps the four letters a coder typed, as text.
printf 'a\0371\036b\037\036c\0372\036\035a\0373\036b\037NULL\036c\0374\036\035a\0375\036b\037NULL\036c\0376\036\035' >"$tmp/want"
if ${VALGRIND:-} "$dump" "$root/csv-spectrum-extra/csvs/null.csv" >"$tmp/got" 2>"$tmp/err" &&
   cmp -s "$tmp/want" "$tmp/got"; then ok; else
	bad "null.csv is not read with NULL as text"; fi

# 4. Files with no oracle: foitab check must read them or refuse them with
#    a message (exit 65), never crash, hang or print to stdout on error.
for f in "$root"/csv-spectrum-extra/csvs/newlines_as_ctrl_chars \
	 "$root"/csvkit-examples/examples/*.csv; do
	${VALGRIND:-} "$prog" check --register none "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	case $status in
	0) ok ;;
	65) if [ -s "$tmp/out" ] || ! grep -q '^foitab: ' "$tmp/err"; then
		bad "$(basename "$f"): exit 65 without a message, or with stdout"
	    else ok; fi ;;
	*) bad "$(basename "$f"): exit $status"; head -3 "$tmp/err" ;;
	esac
done

# 5. What some of those must say.
check_says() {
	file=$1
	shift
	${VALGRIND:-} "$prog" check --register none "$root/csvkit-examples/examples/$file" >/dev/null 2>"$tmp/err"
	if grep -q "$*" "$tmp/err"; then ok; else
		bad "$file: expected a message with '$*'"; cat "$tmp/err"; fi
}
check_says test_utf16_big.csv "is UTF-16 text"
check_says test_utf16_little.csv "is UTF-16 text"
check_says empty.csv "the file is empty"
check_says no_header_row.csv ":1: the header has no 'body' column"

dump_says() {
	file=$1
	shift
	${VALGRIND:-} "$dump" "$root/csvkit-examples/examples/$file" >/dev/null 2>"$tmp/err"
	if [ $? -eq 65 ] && grep -q "$*" "$tmp/err"; then ok; else
		bad "$file: expected exit 65 and a message with '$*'"; cat "$tmp/err"; fi
}
dump_says null_byte.csv ":2: cell 1 holds a NUL byte"
dump_says test_latin1.csv ":3: cell 3 is not UTF-8 text"

# 6. What some must read as.
dump_is() {
	file=$1
	want=$2
	printf "$want" >"$tmp/want"
	if ${VALGRIND:-} "$dump" "$root/csvkit-examples/examples/$file" >"$tmp/got" 2>"$tmp/err" &&
	   cmp -s "$tmp/want" "$tmp/got"; then ok; else
		bad "$file does not read as expected"; fi
}
dump_is test_utf8_bom.csv 'foo\0371\036bar\0372\036baz\0373\036\035foo\0374\036bar\0375\036baz\037\312\244\036\035'
dump_is sniff_limit.csv 'a\0371\036b\0372\036c\0373\036\035'
dump_is mac_newlines.csv 'a\0371\036b\0372\036c\0373\036\035a\037Once upon\ra time\036b\0375\036c\0376\036\035'
dump_is optional_quote_characters.csv 'a\0371\036b\0372\036c\0373\036\035'

finish conformance
