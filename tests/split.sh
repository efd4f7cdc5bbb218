#!/bin/sh
# split.sh - a large file read on several threads (-j) prints, reports and
# exits exactly as it does on one (-j 1): clean files, and files with a
# problem in the part another thread reads.  The files are made by the
# benchmark's generator, 100 000 rows (about 11 MB, so cut in parts of
# the real size), and written as .xlsx workbooks by tests/xlsx_write.py
# (22 MB of sheet XML, read in pieces of 1 MiB), some spoiled where a
# piece would be cut.  Under TSAN=1 fewer runs are made.
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

# A number column before the body: figures as people write them, words,
# and empty cells, so that totals, medians and the least and greatest
# (the first body to give each) are merged from the parts in order.
awk 'NR == 1 { print "figure," $0; next }
	/^Body/ { n = NR % 23
		  f = (NR % 1000) "." (n % 10)
		  if (n == 0) f = "Not held"
		  if (n == 1) f = ""
		  if (n == 2) f = "\"1,234.5\""
		  if (n == 3) f = "-7"
		  print f "," $0; next } 1' "$tmp/plain.csv" >"$tmp/numbers.csv"
{ cat data/icb-2023.rules
  printf '[column figure]\ntype = number\nvalues = Not held\n'; } \
	>"$tmp/numbers.rules"

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
same --rules "$tmp/numbers.rules" -r none -b none -f json --by action "$tmp/numbers.csv"
same -r none -f json --by action "$tmp/plain.csv"
same -r "$tmp/register.csv" list -f csv --pending "$tmp/plain.csv" specialist

# A register large enough to be read in parts itself (over 8 MiB): clean;
# with a body and a code repeated far apart (reported with their lines);
# with an empty name late (that part read again in order).
awk 'BEGIN { print "name,ons_code,ods_code,region"
	for (i = 1; i <= 260000; i++)
		printf "Body %08d,E%08d,Q%07d,\"Region %d, the north\"\n", i, i, i, i % 7 }' \
	>"$tmp/big-register.csv"
awk 'NR == 250000 { sub(/^Body [0-9]+/, "Body 00000010") }
	NR == 255000 { sub(/,E[0-9]+,/, ",E00000020,") } 1' \
	"$tmp/big-register.csv" >"$tmp/big-repeated.csv"
awk 'NR == 200000 { sub(/^Body [0-9]+/, "") } 1' \
	"$tmp/big-register.csv" >"$tmp/big-empty.csv"
same -r "$tmp/big-register.csv" -f csv "$tmp/plain.csv"
same -r "$tmp/big-repeated.csv" check "$tmp/plain.csv"
same -r "$tmp/big-empty.csv" -f csv "$tmp/plain.csv"

# The same as workbooks, and workbooks spoiled half-way: a comment or a
# CDATA section holding a row (a cut inside them), rows with no number,
# a cell referring to a string that is not there, a row never ended.
python=$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
book() {
	"$python" tests/xlsx_write.py "$@" ||
		{ echo "split: tests/xlsx_write.py failed"; exit 1; }
}
book "$tmp/plain.csv" "$tmp/plain.xlsx"
book "$tmp/duplicate.csv" "$tmp/duplicate.xlsx"
book "$tmp/plain.csv" "$tmp/comment.xlsx" comment@50000 cdata@60000
if [ "${TSAN:-}" != 1 ]; then
	book "$tmp/unknown.csv" "$tmp/unknown.xlsx"
	book "$tmp/named.csv" "$tmp/named.xlsx"
	book "$tmp/plain.csv" "$tmp/unnumbered.xlsx" unnumbered@50000
	book "$tmp/plain.csv" "$tmp/badstring.xlsx" badstring@70000
	book "$tmp/plain.csv" "$tmp/unsound.xlsx" unsound@90000
fi
same -r none -f csv "$tmp/plain.xlsx"
same -r none check "$tmp/duplicate.xlsx"
same -r none -f json --by action "$tmp/comment.xlsx"
if [ "${TSAN:-}" != 1 ]; then
	same -r none "$tmp/unknown.xlsx"
	same -r "$tmp/register.csv" check "$tmp/named.xlsx"
	same -r "$tmp/register.csv" -f csv --by region "$tmp/plain.xlsx"
	same -r "$tmp/register.csv" list -f csv --pending "$tmp/plain.xlsx" specialist
	same -r none -f csv "$tmp/unnumbered.xlsx"
	same -r none -f csv "$tmp/badstring.xlsx"
	same -r none -f csv "$tmp/unsound.xlsx"
	same -r none -f csv compare "$tmp/plain.csv" "$tmp/plain.xlsx"
fi
# A workbook's figures are its CSV's.
"$prog" -r none -f csv "$tmp/plain.csv" >"$tmp/from-csv"
"$prog" -r none -f csv "$tmp/plain.xlsx" >"$tmp/from-xlsx"
cmp -s "$tmp/from-csv" "$tmp/from-xlsx" && ok ||
	bad "plain.xlsx and plain.csv give different figures"
"$prog" -r none check "$tmp/duplicate.xlsx" 2>&1 |
	grep -q "duplicate.xlsx:Coded!A[0-9]*: column 'body': 'Body 00000010' is already in row 11; each body" &&
	ok || bad "the duplicate body was not reported in the workbook"
"$prog" -r none -f csv "$tmp/comment.xlsx" >"$tmp/from-comment"
cmp -s "$tmp/from-csv" "$tmp/from-comment" && ok ||
	bad "a comment or CDATA section holding a row changed the figures"
if [ "${TSAN:-}" != 1 ]; then
	"$prog" -r none "$tmp/badstring.xlsx" 2>&1 |
		grep -q ":Coded!A70000: this cell refers to a shared string" &&
		ok || bad "the bad shared string was not reported in row 70000"
	"$prog" -r none "$tmp/unsound.xlsx" 2>&1 |
		grep -q "sheet1.xml is not sound XML (line 2: mismatched tag)" &&
		ok || bad "the unended row was not reported"
fi

# The same as .ods workbooks (tests/ods_write.py: 64 MB of content.xml,
# a second table after the one read), and spoiled: a merged cell in a
# data row (the whole table reads it), rows in a group.
ods() {
	"$python" tests/ods_write.py "$@" ||
		{ echo "split: tests/ods_write.py failed"; exit 1; }
}
ods "$tmp/plain.csv" "$tmp/plain.ods"
ods "$tmp/duplicate.csv" "$tmp/duplicate.ods"
ods "$tmp/plain.csv" "$tmp/merge.ods" merge@70000
same -r none -f csv "$tmp/plain.ods"
same -r none check "$tmp/duplicate.ods"
same -r none "$tmp/merge.ods"
if [ "${TSAN:-}" != 1 ]; then
	ods "$tmp/plain.csv" "$tmp/group.ods" group@60000
	same -r none -f csv "$tmp/group.ods"
	same -r "$tmp/register.csv" -f csv --by region "$tmp/plain.ods"
fi
"$prog" -r none -f csv "$tmp/plain.ods" >"$tmp/from-ods" 2>/dev/null
cmp -s "$tmp/from-csv" "$tmp/from-ods" && ok ||
	bad "plain.ods and plain.csv give different figures"
"$prog" -r none check "$tmp/duplicate.ods" 2>&1 |
	grep -q "duplicate.ods:Coded!A[0-9]*: column 'body': 'Body 00000010' is already in row 11; each body" &&
	ok || bad "the duplicate body was not reported in the .ods"
"$prog" -r none "$tmp/merge.ods" 2>&1 |
	grep -q "merge.ods:Coded!A70000:A70001: these cells are merged" &&
	ok || bad "the merged cells in row 70000 of the .ods were not reported"

# The figures were read: every row's, but the empty and the words.
"$prog" --rules "$tmp/numbers.rules" -r none -b none -f json "$tmp/numbers.csv" |
	jq -e '.numbers[0].words["Not held"] > 2000 and .numbers[0].bodies > 50000' \
	>/dev/null && ok || bad "the number column's figures were not read"
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
