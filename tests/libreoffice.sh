#!/bin/sh
# libreoffice.sh - foitab's reading of workbooks against LibreOffice's:
# each workbook under tests/workbooks/ (written by openpyxl and odfpy) is
# converted to CSV by LibreOffice itself, and foitab must print the same
# figures from the workbook as from that CSV; and the shipped survey,
# converted by LibreOffice to .xlsx and .ods (a third writer), must print
# what the CSV prints; a newsroom-shaped workbook's figures are the same
# from LibreOffice's CSV and .ods of it.
#
#   sh tests/libreoffice.sh PROGRAM
. tests/lib.sh
prog=$1
office() {
	soffice -env:UserInstallation="file://$tmp/profile" --headless \
		--convert-to "$1" --outdir "$tmp" "$2" >/dev/null 2>&1
}
# Every sheet to its own CSV (the last field, -1), as UTF-8 with commas.
csv='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

for book in tests/workbooks/icb-2023.xlsx tests/workbooks/icb-2023.ods; do
	base=$(basename "$book")
	base=${base%.*}
	rm -f "$tmp/$base"-*.csv
	office "$csv" "$book"
	if [ ! -s "$tmp/$base-Coded.csv" ]; then
		bad "LibreOffice made no CSV of $book's sheet Coded"
		continue
	fi
	"$prog" -f csv "$tmp/$base-Coded.csv" >"$tmp/want" 2>/dev/null
	"$prog" -f csv "$book" >"$tmp/got" 2>/dev/null
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then ok
	else bad "$book: foitab's figures differ from those of LibreOffice's CSV"
	fi
done

"$prog" -f csv data/icb-2023.csv >"$tmp/want"
for kind in xlsx ods; do
	rm -f "$tmp/icb-2023.$kind"
	office "$kind" data/icb-2023.csv
	"$prog" -f csv "$tmp/icb-2023.$kind" >"$tmp/got" 2>"$tmp/err"
	if [ -s "$tmp/got" ] && cmp -s "$tmp/want" "$tmp/got"; then ok
	else bad "LibreOffice's .$kind of the survey: $(head -3 "$tmp/err")"
	fi
done

# The newsroom-shaped workbook (a merged title, merged year groups over
# repeated headers, figures as numbers, typed text and words, formatted
# empty rows): LibreOffice's CSV export of it gives foitab the same
# figures as the workbook, and so does LibreOffice's .ods of it.
rules=tests/fixtures/newsroom-invented.rules
book=tests/workbooks/newsroom-invented.xlsx
rm -f "$tmp"/newsroom-invented*
office "$csv" "$book"
office ods "$book"
"$prog" --rules "$rules" -f json "$book" >"$tmp/want" 2>/dev/null
for copy in "$tmp/newsroom-invented-Tracker.csv" "$tmp/newsroom-invented.ods"; do
	"$prog" --rules "$rules" -f json "$copy" >"$tmp/got" 2>"$tmp/err"
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then ok
	else bad "LibreOffice's $(basename "$copy") of $book: $(head -3 "$tmp/err")"
	fi
done

finish libreoffice
