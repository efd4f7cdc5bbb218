#!/usr/bin/python3
"""xlsx_write.py - a CSV file written as a one-sheet .xlsx, as Excel lays
one out (shared strings, numbered rows and cells), for the tests that
need a large workbook quickly; LibreOffice takes minutes over 100 000
rows.  Python's standard library only.

    python3 tests/xlsx_write.py IN.csv OUT.xlsx [CHANGE...]

A CHANGE spoils the sheet at one row, for the tests of what the reader
does with it:
    comment@N     a comment holding a row, before row N
    cdata@N       row N's first cell an inline string in a CDATA section
                  that holds a row's start tag
    unnumbered@N  row N and the row after it with no row number
    badstring@N   row N's first cell refers to a string that is not there
    unsound@N     row N's end tag left out (the sheet is not sound XML)
"""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="Coded" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
</Relationships>"""


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def main():
    src, out = sys.argv[1], sys.argv[2]
    changes = {}
    for change in sys.argv[3:]:
        kind, row = change.split("@")
        changes[int(row)] = kind
    strings, index = [], {}
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>']
    unnumbered = 0
    with open(src, newline="", encoding="utf-8") as f:
        for n, record in enumerate(csv.reader(f), start=1):
            change = changes.get(n)
            if change == "comment":
                sheet.append('<!-- <row r="%d"><c r="A%d" t="inlineStr">'
                             '<is><t>not a row</t></is></c></row> -->'
                             % (n, n))
            if change == "unnumbered":
                unnumbered = 2
            cells = []
            for i, value in enumerate(record):
                if value == "":
                    continue
                ref = "" if unnumbered else ' r="%s%d"' % (column(i), n)
                if i == 0 and change == "badstring":
                    cells.append('<c%s t="s"><v>99999999</v></c>' % ref)
                elif i == 0 and change == "cdata":
                    cells.append('<c%s t="inlineStr"><is><t><![CDATA[%s'
                                 '<row r="%d">]]></t></is></c>'
                                 % (ref, value, n))
                else:
                    if value not in index:
                        index[value] = len(strings)
                        strings.append(value)
                    cells.append('<c%s t="s"><v>%d</v></c>'
                                 % (ref, index[value]))
            start = "<row>" if unnumbered else '<row r="%d">' % n
            end = "" if change == "unsound" else "</row>"
            sheet.append(start + "".join(cells) + end)
            if unnumbered:
                unnumbered -= 1
    sheet.append("</sheetData></worksheet>")
    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              '2006/main" uniqueCount="%d">' % len(strings)]
    for s in strings:
        shared.append('<si><t xml:space="preserve">%s</t></si>' % escape(s))
    shared.append("</sst>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
        z.writestr("xl/sharedStrings.xml", "".join(shared))


if __name__ == "__main__":
    main()
