#!/bin/sh
# interop.sh - what foitab prints is read back by the tools people pipe it
# into: csv and tsv through Miller with every cell unchanged, json through
# jq, markdown through cmark-gfm (GitHub's Markdown) as a real table.
#
#   sh tests/interop.sh PROGRAM
set -u
prog=$1
tricky=tests/fixtures/tricky.csv
all="specialist considering unspecified none substance_misuse opioid_focus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

check() {
	what=$1
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $what"
		diff "$tmp/want" "$tmp/got" | head -10
		fail=$((fail + 1))
	fi
}

# The cells as JSON says they are: the reference for the rest.
# shellcheck disable=SC2086
"$prog" list -r none -f json --pending "$tricky" $all >"$tmp/list.json"
cells='.lists[] | .key as $k | .bodies[] | {bucket: $k, body: .body,
	code: .code, line: (.line | tostring), summary: .summary}'
jq -c "$cells" "$tmp/list.json" >"$tmp/want"
cp "$tmp/want" "$tmp/cells"

# 1. csv and tsv, read by Miller as strings: every cell unchanged.
for fmt in csv tsv; do
	sep=comma
	[ $fmt = tsv ] && sep=tab
	# shellcheck disable=SC2086
	"$prog" list -r none -f $fmt --raw --pending "$tricky" $all |
		mlr -S --icsv --ifs $sep --ojsonl cat | jq -c . >"$tmp/got"
	check "$fmt read back through Miller"
done

# 2. The figures: csv through Miller equals json through jq.
"$prog" -f json data/icb-2023.csv |
	jq -c '.buckets[] | {bucket: .key, label: .label,
		count: (.count | tostring), denominator: (.denominator | tostring),
		percent: (.percent | tostring),
		baseline_percent: (.baseline_percent // "" | tostring)}' >"$tmp/want"
"$prog" -f csv data/icb-2023.csv | mlr -S --icsv --ojsonl head -n 6 |
	jq -c . >"$tmp/got"
check "the csv figures read back as the json ones"

# 3. With the guard on, only formula-like cells differ, by a leading '.
# shellcheck disable=SC2086
"$prog" list -r none -f csv --pending "$tricky" $all |
	mlr -S --icsv --ojsonl cat | jq -c . >"$tmp/got"
jq -c 'with_entries(.value |= (if test("^[=+@\t\r]") or
	(test("^-") and (test("^-[0-9]+(\\.[0-9]+)?$") | not))
	then "'"'"'" + . else . end))' "$tmp/cells" >"$tmp/want"
check "the formula guard changes only formula-like cells"
grep -c "'" "$tmp/got" >"$tmp/n"
[ "$(cat "$tmp/n")" -ge 1 ] || { echo "FAIL: no cell was guarded"; fail=$((fail + 1)); }

# 4. json: control characters escaped, and read back as they were.
"$prog" list -r none -f json tests/fixtures/control.csv |
	jq -j '.lists[].bodies[].summary' | od -c >"$tmp/got"
printf 'bell \007, escape \033, nul-free' | od -c >"$tmp/want"
check "control characters survive json"

# 5. markdown renders as a table with every bucket, and as lists whose
#    text is the cells' text, markup characters and all.
"$prog" -f markdown data/icb-2023.csv | cmark-gfm -e table >"$tmp/html"
grep -c '<tr>' "$tmp/html" >"$tmp/got"
echo 9 >"$tmp/want"
check "the markdown table has a header and 8 rows"
grep -o '<td align="left">[^<]*</td>' "$tmp/html" |
	sed 's/<[^>]*>//g' >"$tmp/got"
"$prog" -f csv data/icb-2023.csv | mlr -S --icsv --onidx --ofs tab cut -f label |
	sed -e 's/^Very limited services$/Very limited services (2011 only)/' \
	    -e 's/^No specialist withdrawal services$/No specialist withdrawal services (2011 only)/' >"$tmp/want"
check "the markdown table's labels"
"$prog" list -r none -f markdown "$tricky" specialist | cmark-gfm >"$tmp/html"
sed -n 's/.*<strong>\(.*\)<\/strong>.*/\1/p' "$tmp/html" >"$tmp/got"
printf '%s\n' 'A *b* | c_d_ [x](y) &lt;z&gt; &amp;amp;' >"$tmp/want"
check "markup characters in a body stay text in markdown"

# 6. --by region: the groups' counts and denominators add up to the
#    national ones, bucket by bucket.
"$prog" -f csv data/icb-2023.csv | mlr -S --icsv --ojsonl head -n 6 then \
	cut -o -f bucket,count,denominator | jq -c . >"$tmp/want"
"$prog" --by region -f csv data/icb-2023.csv |
	mlr --icsv --ojsonl stats1 -a sum -f count,denominator -g bucket then \
	rename count_sum,count,denominator_sum,denominator |
	jq -c '{bucket, count: (.count | tostring),
		denominator: (.denominator | tostring)}' >"$tmp/got"
check "--by region adds up to the national figures"

# 7. A sheet read as it is (headers trust and reply, mapped in the rules):
#    the figures are those Miller counts from the sheet itself, and the
#    same sheet with Alaveteli's request states gives the same figures.
sheet=tests/fixtures/trusts-57.csv
mlr --icsv --ojson filter '$reply =~ "^[Aa]nswered$"' then put -q '
	@n += 1;
	if ($has_policy =~ "^[Yy]") { @policy += 1 }
	if ($policy_scope =~ "benzodiazepines") { @benzodiazepines += 1 }
	if ($tapering_guidance == "published") { @guidance += 1 }
	end { emit (@n, @policy, @benzodiazepines, @guidance) }' "$sheet" |
	jq -c '.[0] | [.policy, .benzodiazepines, .guidance, .n]' >"$tmp/want"
"$prog" --rules tests/fixtures/trusts-57.rules -f json "$sheet" |
	jq -c '[.buckets[].count] + [.responses.counted]' >"$tmp/got"
check "a sheet's own headers: the figures Miller counts"
"$prog" --rules tests/fixtures/trusts-alaveteli.rules -f json \
	tests/fixtures/trusts-alaveteli.csv |
	jq -c '[.buckets[].count] + [.responses.counted]' >"$tmp/got"
check "Alaveteli's states: the same figures"

# 8. foitab init on that sheet: the draft places each column as the
#    sheet's rules file does, loads and tabulates as it is, and with the
#    bucket sections of that file added gives the same figures.
"$prog" init -o "$tmp/draft.rules" "$sheet"
awk '/^\[column /{c=$2} /^type = /{print c, $3} /^values = /{print c, "choice"}' \
	"$tmp/draft.rules" | sed 's/]//' | sort -u >"$tmp/got"
printf '%s\n' 'has_policy boolean' 'policy_scope choice' 'policy_scope list' \
	'tapering_guidance choice' >"$tmp/want"
check "init: has_policy yes/no, policy_scope a list, tapering_guidance a choice"
"$prog" --rules "$tmp/draft.rules" "$sheet" | head -1 >"$tmp/got"
echo "Responses: 57 asked, 52 replied (4 refused), 5 pending; 48 answered and counted" >"$tmp/want"
check "init: the draft loads and tabulates as it is"
sed -n '/^\[bucket /,$p' tests/fixtures/trusts-57.rules >>"$tmp/draft.rules"
"$prog" --rules "$tmp/draft.rules" -f csv "$sheet" >"$tmp/got"
"$prog" --rules tests/fixtures/trusts-57.rules -f csv "$sheet" >"$tmp/want"
check "init: with buckets added, the figures of the written rules"

# 9. agree and denominators: the csv through Miller says what the json
# says through jq, and the markdown renders as tables.
agree="data/icb-2023.csv tests/fixtures/icb-2023-second-coder-invented.csv"
# shellcheck disable=SC2086
"$prog" agree -f json $agree |
	jq -r '(.columns[] | [.name, (.alpha // "" | tostring)]),
	       (.buckets[] | [.name, (.alpha // "" | tostring)]) | @tsv' >"$tmp/want"
# shellcheck disable=SC2086
"$prog" agree -f csv $agree |
	mlr -S --icsv --otsv --headerless-tsv-output filter '$kind != "disagreement" && $kind != "missing"' \
	then cut -o -f name,alpha >"$tmp/got"
# Numbers as numbers: jq writes 1.000 as 1.
for f in want got; do
	awk -F '\t' '{ printf "%s\t%s\n", $1, $2 == "" ? "" : sprintf("%.3f", $2) }' \
		"$tmp/$f" >"$tmp/$f.n" && mv "$tmp/$f.n" "$tmp/$f"
done
check "agree: csv through Miller equals json through jq"
"$prog" denominators -f json 83 11 6 |
	jq -r '.denominators[] | [.denominator] + [.counts[] | if .[0] == .[1]
		then (.[0] | tostring) else "\(.[0]) to \(.[1])" end] | @tsv' >"$tmp/want"
"$prog" denominators -f csv 83 11 6 | mlr -S --icsv --otsv --headerless-tsv-output cat >"$tmp/got"
check "denominators: csv through Miller equals json through jq"
# shellcheck disable=SC2086
"$prog" agree -f markdown $agree | cmark-gfm -e table | grep -c '<table>' >"$tmp/got"
echo 3 >"$tmp/want"
check "agree: the markdown renders as three tables"

# 10. A newsroom-shaped workbook (a title row, year groups over repeated
# headers, figures mixed with words, formatted empty rows below): its
# figures, read back by Python as exact decimals, are those its generator
# computed (tests/workbooks/newsroom.py), from the workbook and from its
# CSV export alike.
for sheet in tests/workbooks/newsroom-invented.xlsx tests/fixtures/newsroom-invented.csv; do
	"$prog" --rules tests/fixtures/newsroom-invented.rules -f json "$sheet" 2>/dev/null |
	python3 -c '
import json, sys
from decimal import Decimal
for n in json.load(sys.stdin, parse_float=Decimal)["numbers"]:
    print(n["column"], n["bodies"], *("{:f}".format(Decimal(n[k]).normalize()) for k in
          ("total", "median", "min", "max")),
          ",".join("%s=%d" % (k, n["words"][k]) for k in sorted(n["words"])))
' >"$tmp/got"
	grep -v '^#' tests/fixtures/newsroom-invented.expected |
	python3 -c '
import sys
from decimal import Decimal
for line in sys.stdin:
    f = line.split(" ", 6)
    print(f[0], f[1], *("{:f}".format(Decimal(x).normalize()) for x in f[2:6]), f[6].strip())
' >"$tmp/want"
	check "$sheet: the figures are those computed as it was written"
done

echo "interop: $pass passed, $fail failed"
[ $fail -eq 0 ]
