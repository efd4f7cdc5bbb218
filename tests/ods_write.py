#!/usr/bin/python3
"""ods_write.py - a CSV file written as an .ods workbook, as LibreOffice
lays one out (a table of rows of cells, each cell's text a paragraph,
runs of spaces as <text:s>), with a second table after it, for the tests
that need a large .ods quickly; LibreOffice takes minutes over 100 000
rows.  Python's standard library only.

    python3 tests/ods_write.py IN.csv OUT.ods [CHANGE...]

A CHANGE alters the table at one row, for the tests of what the reader
does with it:
    merge@N       row N's first cell spans two rows (covering row N + 1's)
    group@N       rows N to N + 2 in a <table:table-row-group>
"""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.3"><office:body><office:spreadsheet>')
TAIL = ('<table:table table:name="Notes"><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>body</text:p></table:table-cell>'
        '</table:table-row><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>Not a body</text:p>'
        '</table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>')


def paragraph(text):
    """Each line a paragraph; each run of two spaces or more a <text:s>."""
    out = []
    for line in text.split("\n"):
        words = []
        for i, part in enumerate(line.split("  ")):
            if i:
                words.append('<text:s text:c="2"/>')
            words.append(escape(part))
        out.append("<text:p>%s</text:p>" % "".join(words))
    return "".join(out)


def cell(text, span, covered):
    if covered:
        return "<table:covered-table-cell/>"
    span = ' table:number-rows-spanned="2"' if span else ""
    if text == "":
        return "<table:table-cell%s/>" % span
    return ('<table:table-cell office:value-type="string"%s>%s'
            '</table:table-cell>' % (span, paragraph(text)))


def main():
    source, target = sys.argv[1], sys.argv[2]
    changes = {}
    for change in sys.argv[3:]:
        kind, _, at = change.partition("@")
        changes[int(at)] = kind
    merge_at = {n for n, k in changes.items() if k == "merge"}
    group_at = {n for n, k in changes.items() if k == "group"}
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        with z.open("content.xml", "w") as out:
            out.write(HEAD.encode())
            out.write(b'<table:table table:name="Coded">')
            group_ends = set()
            for n, row in enumerate(rows, 1):
                if n in group_at:
                    out.write(b"<table:table-row-group>")
                    group_ends.add(n + 2)
                cells = "".join(cell(text, n in merge_at and c == 0,
                                     n - 1 in merge_at and c == 0)
                                for c, text in enumerate(row))
                out.write(("<table:table-row>%s</table:table-row>\n"
                           % cells).encode())
                if n in group_ends:
                    out.write(b"</table:table-row-group>")
            out.write(b"</table:table>")
            out.write(TAIL.encode())


if __name__ == "__main__":
    main()
