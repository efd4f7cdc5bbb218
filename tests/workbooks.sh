#!/bin/sh
# workbooks.sh - hostile workbooks, each made here with Python's zipfile:
# a zip bomb, shared strings past their bound (few large ones, and many
# small ones read in pieces on threads), XML nested 100 000 deep (at the
# start, and after 10 MB of good rows), entities that expand a billion
# times, missing parts, a reference to a string that is not there, zips
# that are no spreadsheet, a cut file, an old .xls, a workbook on a pipe;
# and, among rows read in pieces, a row of 10 MB and a changed byte,
# which must read as on one thread.  Each must end with exit 65 and its
# message, nothing on stdout, within 10 s and 256 MiB (MEASURE given; not
# under VALGRIND, which is slower and heavier by design).
#
# (A zip bomb is refused by the ratio of what it inflates to its size, or
# by the bound on a part where the file is large.)
#
#   sh tests/workbooks.sh PROGRAM [MEASURE]
. tests/lib.sh
prog=$1
measure=${2:-}

# run STATUS PATTERN COMMAND...: as hostile.sh's.
run() {
	want=$1 pattern=$2
	shift 2
	${VALGRIND:-} "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$*: exit $got, wanted $want: $(head -3 "$tmp/err")"
	elif ! grep -q -- "$pattern" "$tmp/err"; then
		bad "$*: no message like '$pattern' in: $(head -3 "$tmp/err")"
	elif [ -s "$tmp/out" ]; then
		bad "$*: printed on stdout after an error"
	else
		ok
	fi
}

python3 - "$tmp" <<'PY'
import os, sys, zipfile
sys.path.insert(0, "tests")
from xlsx_write import column
d = sys.argv[1]
CT = '<?xml version="1.0"?><Types xmlns="x"/>'
WB = ('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>')
RELS = ('<Relationships><Relationship Id="rId1" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
def xlsx(name, parts):
    with zipfile.ZipFile(d + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)
base = {"[Content_Types].xml": CT, "xl/workbook.xml": WB,
        "xl/_rels/workbook.xml.rels": RELS}
sheet = lambda rows: '<worksheet><sheetData>%s</sheetData></worksheet>' % rows
ok = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>body</t></is></c></row>')
# A zip bomb: a sheet of 300 MB of spaces, a few hundred kB packed; and
# the same beside 4 MB that do not pack, so that only the part's own
# bound (256 MiB) holds it.
bomb = "<worksheet>" + " " * (300 << 20) + "</worksheet>"
xlsx("bomb.xlsx", dict(base, **{"xl/worksheets/sheet1.xml": bomb}))
with zipfile.ZipFile(d + "/bigpart.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for part, text in dict(base, **{"xl/worksheets/sheet1.xml": bomb}).items():
        z.writestr(part, text)
    z.writestr(zipfile.ZipInfo("xl/media/noise.bin"), os.urandom(4 << 20))
# Shared strings past 48 MiB: 70 strings of 1 000 000 bytes, beside 1 MB
# that does not pack (so that the ratio bound is not what refuses it).
xlsx("strings.xlsx", dict(base, **{"xl/worksheets/sheet1.xml": ok,
     "xl/sharedStrings.xml": "<sst>" + ("<si><t>" + "a" * 1000000 +
                                         "</t></si>") * 70 + "</sst>"}))
with zipfile.ZipFile(d + "/strings.xlsx", "a") as z:
    z.writestr(zipfile.ZipInfo("xl/media/noise.bin"), os.urandom(1 << 20))
# Shared strings past 48 MiB in 700 000 strings of 100 bytes: read in
# pieces, until the pieces pass the bound.
xlsx("manystrings.xlsx", dict(base, **{"xl/worksheets/sheet1.xml": ok,
     "xl/sharedStrings.xml": "<sst>" + "".join("<si><t>%099d</t></si>" % i
                                               for i in range(700000)) +
     "</sst>"}))
# Rows of a survey: a header and 40 000 replies, 10 MB of sheet XML.
def cell(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)
header = "".join(cell("%s1" % c, t) for c, t in
                 zip("ABCDEFG", ["body", "code", "response", "action",
                                 "drugs", "substance_misuse", "summary"]))
def reply(n):
    return ('<row r="%d">' % n + cell("A%d" % n, "Body %08d" % n) +
            cell("C%d" % n, "answered") + cell("D%d" % n, "none") +
            cell("F%d" % n, "no") + cell("G%d" % n, "x" * 60) + "</row>")
replies = [reply(n) for n in range(2, 40002)]
# XML nested 100 000 deep after them, in a piece a thread reads.
xlsx("deeplate.xlsx", dict(base, **{"xl/worksheets/sheet1.xml":
     sheet('<row r="1">' + header + "</row>" + "".join(replies) +
           '<row r="40002"><c r="A40002">' + "<a>" * 100000 +
           "</a>" * 100000 + "</c></row>")}))
# A row of 10 MB (16 000 cells) half-way: read in one pass from there.
wide = ('<row r="20001">' + "".join(
        '<c r="%s20001" t="inlineStr"><is><t>%s</t></is></c>' %
        (column(k), "Body wide" if k == 0 else "w" * 600)
        for k in range(16000)) + "</row>")
xlsx("widerow.xlsx", dict(base, **{"xl/worksheets/sheet1.xml":
     sheet('<row r="1">' + header + "</row>" + "".join(replies[:19999]) +
           wide + "".join(replies[20000:]))}))
# The same rows stored unpacked, with one byte changed near the end (so the
# sheet is unsound there and its CRC wrong at its end): the first problem
# is the one reported, however far the threads read ahead.
good = sheet('<row r="1">' + header + "</row>" + "".join(replies))
with zipfile.ZipFile(d + "/flipped.xlsx", "w", zipfile.ZIP_STORED) as z:
    for part, text in dict(base, **{"xl/worksheets/sheet1.xml": good}).items():
        z.writestr(part, text)
book = bytearray(open(d + "/flipped.xlsx", "rb").read())
at = book.index(b'<row r="39995">')
book[at] = ord("{")
open(d + "/flipped.xlsx", "wb").write(bytes(book))
# XML nested 100 000 deep.
xlsx("deep.xlsx", dict(base, **{"xl/worksheets/sheet1.xml":
     "<a>" * 100000 + "</a>" * 100000}))
# Entities that expand a billion times.
lol = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
       + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10)
                 for i in range(8))
       + ']><worksheet><sheetData><row><c t="inlineStr"><is><t>&i;</t></is>'
       '</c></row></sheetData></worksheet>')
xlsx("lol.xlsx", dict(base, **{"xl/worksheets/sheet1.xml": lol}))
# Parts missing: no index of where the sheets are; no sheet at all.
xlsx("norels.xlsx", {"[Content_Types].xml": CT, "xl/workbook.xml": WB})
xlsx("nosheet.xlsx", dict(base))
# A shared string that is not there.
xlsx("badref.xlsx", dict(base, **{"xl/worksheets/sheet1.xml":
     sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')}))
# A zip that is no workbook, and an OpenDocument text.
xlsx("notes.zip", {"notes.txt": "hello"})
xlsx("letter.odt", {"mimetype": "application/vnd.oasis.opendocument.text",
                    "content.xml": "<document/>"})
PY
wb() {  # wb NAME PATTERN: exit 65, the message, within 10 s and 256 MiB
	run 65 "$1.*$2" "$prog" "$tmp/$1"
	[ -n "$measure" ] && [ -z "${VALGRIND:-}" ] || return 0
	set -- $("$measure" /dev/null "$prog" "$tmp/$1" 2>/dev/null)
	if awk -v s="$1" -v k="$2" 'BEGIN { exit !(s < 10 && k < 262144) }'
	then ok; else bad "a hostile workbook took $1 s and $2 KiB"; fi
}
wb bomb.xlsx "inflate to more than 32 MiB, over 100 times the workbook's own size"
wb bigpart.xlsx "inflates to more than 256 MiB"
wb strings.xlsx "shared strings pass 48 MiB"
wb manystrings.xlsx "shared strings pass 48 MiB"
wb deeplate.xlsx "nests more than 64 elements"
wb deep.xlsx "nests more than 64 elements"
wb lol.xlsx "declares a DOCTYPE"
wb norels.xlsx "has no xl/_rels/workbook.xml.rels"
wb nosheet.xlsx "sheet 'S' is missing from the workbook"
wb badref.xlsx ":S!A1: this cell refers to a shared string the workbook does not have"
wb notes.zip "a zip file, but not a workbook foitab reads"
wb letter.odt "not a spreadsheet"
head -c 3000 tests/workbooks/icb-2023.xlsx >"$tmp/cut.xlsx"
wb cut.xlsx "cannot be opened as one"
printf '\320\317\021\340\241\261\032\341' >"$tmp/old.xls"
wb old.xls "an old Excel workbook (.xls), or one saved with a password"
wb flipped.xlsx ":S!A39994: this cell comes after column G of its row, out of order"
"$prog" -j 1 -r none "$tmp/flipped.xlsx" >/dev/null 2>"$tmp/one-err"
"$prog" -j 2 -r none "$tmp/flipped.xlsx" >/dev/null 2>"$tmp/two-err"
cmp -s "$tmp/one-err" "$tmp/two-err" && ok ||
	bad "flipped.xlsx: -j 2 reports otherwise than -j 1: $(head -2 "$tmp/two-err")"
# The wide row: what one thread reads, and within the bounds.
"$prog" -j 1 -r none "$tmp/widerow.xlsx" >"$tmp/one" 2>"$tmp/one-err"
echo "exit $?" >>"$tmp/one-err"
"$prog" -j 2 -r none "$tmp/widerow.xlsx" >"$tmp/two" 2>"$tmp/two-err"
echo "exit $?" >>"$tmp/two-err"
if cmp -s "$tmp/one" "$tmp/two" && cmp -s "$tmp/one-err" "$tmp/two-err"; then ok
else bad "widerow.xlsx: -j 2 differs from -j 1: $(head -3 "$tmp/two-err")"
fi
if [ -n "$measure" ] && [ -z "${VALGRIND:-}" ]; then
	set -- $("$measure" /dev/null "$prog" -j 2 -r none "$tmp/widerow.xlsx" \
		2>/dev/null)
	if awk -v s="$1" -v k="$2" 'BEGIN { exit !(s < 10 && k < 262144) }'
	then ok; else bad "widerow.xlsx took $1 s and $2 KiB"; fi
fi
mkfifo "$tmp/pipe"
cat tests/workbooks/icb-2023.xlsx >"$tmp/pipe" &
run 65 "<stdin>: this is a workbook (a zip file) on a pipe" \
	"$prog" - <"$tmp/pipe"
wait

finish workbooks
