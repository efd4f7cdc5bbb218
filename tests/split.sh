#!/bin/sh
# split.sh - a large file read on several threads (-j) prints, reports and
# exits exactly as it does on one (-j 1): clean files, and files with a
# problem in the part another thread reads.  The files are made by the
# benchmark's generator, 100 000 rows (about 11 MB, so cut in parts of
# the real size).  Under TSAN=1 fewer runs are made.
#
#   sh tests/split.sh PROGRAM GENERATOR
. tests/lib.sh
prog=$1
gen=$2

"$gen" 100000 >"$tmp/plain.csv" || { echo "split: the generator failed"; exit 1; }
# A body near the end that repeats one near the start.
awk 'NR == 90000 { sub(/^Body [0-9]+/, "Body 00000010") } 1' \
	"$tmp/plain.csv" >"$tmp/duplicate.csv"
# Unknown values in every part.
awk 'NR % 9000 == 0 { sub(/,answered,/, ",answred,") } 1' \
	"$tmp/plain.csv" >"$tmp/unknown.csv"
# CR LF line ends; a stray quote three quarters in.
sed 's/$/\r/' "$tmp/plain.csv" >"$tmp/crlf.csv"
awk 'NR == 80000 { sub(/^Body/, "Bo\"dy") } 1' "$tmp/plain.csv" >"$tmp/quote.csv"

# A register of the bodies, but for ten; a body named as a register name
# is (leading "NHS", trailing "ICB"), with no code, late in the file.
awk 'BEGIN { print "name,ons_code,ods_code,region"
	for (i = 1; i <= 100000; i++)
		if (i % 10000 != 5)
			printf "Body %08d,E%08d,,Region %d\n", i, i, i % 7 }' \
	>"$tmp/register.csv"
awk -F, 'NR == 85000 && /^Body/ { $1 = "NHS Body 00000010 ICB"; $2 = "" } 1' \
	OFS=, "$tmp/plain.csv" >"$tmp/named.csv"

if [ "${TSAN:-}" = 1 ]; then jobs="2 4"; else jobs="2 3 4 16"; fi

# Run `prog -j N ARGS` for N = 1 and each of $jobs; all must agree.
same() {
	"$prog" -j 1 "$@" >"$tmp/out1" 2>"$tmp/err1"
	echo "exit $?" >>"$tmp/err1"
	for j in $jobs; do
		"$prog" -j "$j" "$@" >"$tmp/out" 2>"$tmp/err"
		echo "exit $?" >>"$tmp/err"
		if cmp -s "$tmp/out1" "$tmp/out" && cmp -s "$tmp/err1" "$tmp/err"
		then ok
		else bad "-j $j $*: differs from -j 1"; diff "$tmp/err1" "$tmp/err" | head -5
		fi
	done
}

same -r none -f csv "$tmp/plain.csv"
same -r none -f json --ci "$tmp/crlf.csv"
same -r none check "$tmp/duplicate.csv"
same -r none "$tmp/unknown.csv"
same -r none -f csv "$tmp/quote.csv"
same -r none -f csv compare "$tmp/plain.csv" "$tmp/crlf.csv"
same -r "$tmp/register.csv" -f csv "$tmp/plain.csv"
same -r "$tmp/register.csv" check "$tmp/named.csv"
same -r "$tmp/register.csv" -f csv --by region "$tmp/plain.csv"
same -r none -f json --by action "$tmp/plain.csv"
same -r "$tmp/register.csv" list -f csv --pending "$tmp/plain.csv" specialist

# The files with problems really do have them, where they were put.
"$prog" -r none check "$tmp/duplicate.csv" 2>&1 |
	grep -q "duplicate.csv:90000: column 'body': 'Body 00000010' is already on line [0-9]*; each body" &&
	ok || bad "the duplicate body was not reported on line 90000"
"$prog" -r "$tmp/register.csv" check "$tmp/named.csv" 2>&1 |
	grep -q "named.csv:85000: this body is the register's 'Body 00000010', like line [0-9]*; each body" &&
	ok || bad "the body named twice was not reported on line 85000"
"$prog" -r "$tmp/register.csv" "$tmp/plain.csv" 2>&1 >/dev/null |
	grep -q "plain.csv:[0-9]*: warning: body 'Body 00090005' is not in the register" &&
	ok || bad "bodies missing from the register were not reported"
[ "$("$prog" -r none check "$tmp/unknown.csv" 2>&1 | grep -c answred)" = \
  "$(grep -c answred "$tmp/unknown.csv")" ] &&
	ok || bad "not every unknown value was reported"

finish split
