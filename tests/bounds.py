#!/usr/bin/env python3
"""bounds.py - workbooks of under 1 MB shaped to make a reader slow or
large, each written to DIR with Python's standard library:

  styles.xlsx      50 000 number formats and 300 000 cell formats
  sheets.xlsx      10 000 sheets (as many as foitab reads), none fitting
  toomany.xlsx     10 001 sheets
  rels.xlsx        180 000 relationships, for one sheet
  tables.ods       8 000 tables in content.xml, the last one fitting
  toomany.ods      10 001 tables
  hidden.ods       60 000 table styles that hide a table
  strings.xlsx     53 million empty shared strings
  rows.xlsx        a header, a reply, then 400 000 empty rows
  repeated.ods     a filled row repeated a million times, 16 000 cells wide
  longcell.xlsx    a cell of 2 MiB
  wide.ods         a row of 20 000 empty cells and a filled one
  merges.xlsx      180 000 merged ranges in a column the rules read

    python3 tests/bounds.py DIR
"""
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xlsx_write import column  # noqa: E402

d = sys.argv[1]
CT = '<?xml version="1.0"?><Types xmlns="x"/>'
HEADER = ["body", "code", "response", "action", "drugs", "substance_misuse",
          "summary"]
REPLY = ["NHS Invented ICB", "E54000999", "answered", "none", "", "no",
         "an invented reply"]




def cells(n, values):
    return "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
                   % (column(k), n, v) for k, v in enumerate(values) if v)


SURVEY = ('<row r="1">%s</row><row r="2">%s</row>'
          % (cells(1, HEADER), cells(2, REPLY)))


def sheet(rows="", tail=""):
    return "<worksheet><sheetData>%s</sheetData>%s</worksheet>" % (rows, tail)


def workbook(names, extra=""):
    return ("<workbook><sheets>%s</sheets></workbook>" % "".join(
        '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
        for i, n in enumerate(names)))


def rels(n, first=1):
    return ("<Relationships>%s</Relationships>" % "".join(
        '<Relationship Id="rId%d" Target="worksheets/sheet1.xml"/>' % i
        for i in range(first, first + n)))


def xlsx(name, parts):
    with zipfile.ZipFile(d + "/" + name, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        for part, text in parts.items():
            z.writestr(part, text)


def ods(name, content):
    with zipfile.ZipFile(d + "/" + name, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content>%s"
                   "</office:document-content>" % content)


ONE = {"xl/workbook.xml": workbook(["Coded"]),
       "xl/_rels/workbook.xml.rels": rels(1),
       "xl/worksheets/sheet1.xml": sheet(SURVEY)}

xlsx("styles.xlsx", dict(ONE, **{"xl/styles.xml":
     "<styleSheet><numFmts>%s</numFmts><cellXfs>%s</cellXfs></styleSheet>" % (
         "".join('<numFmt numFmtId="%d" formatCode="0.0%s"/>' % (164 + i, "0" * (i % 5))
                 for i in range(50000)),
         "".join('<xf numFmtId="%d"/>' % (164 + i % 50000)
                 for i in range(300000)))}))
notes = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row>')
xlsx("sheets.xlsx", {"xl/workbook.xml": workbook(["S%d" % i for i in range(10000)]),
                     "xl/_rels/workbook.xml.rels": rels(10000),
                     "xl/worksheets/sheet1.xml": notes})
xlsx("toomany.xlsx", {"xl/workbook.xml": workbook(["S%d" % i for i in range(10001)]),
                      "xl/_rels/workbook.xml.rels": rels(10001),
                      "xl/worksheets/sheet1.xml": notes})
xlsx("rels.xlsx", dict(ONE, **{"xl/_rels/workbook.xml.rels":
     "<Relationships>%s%s</Relationships>" % (
         "".join('<Relationship Id="x%d" Target="worksheets/s%d.xml"/>' % (i, i)
                 for i in range(180000)),
         '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>')}))


def tcell(v):
    return ('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell>' % v)


def trow(values):
    return "<table:table-row>%s</table:table-row>" % "".join(
        tcell(v) if v else "<table:table-cell/>" for v in values)


BODY = "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>"
ods("tables.ods", BODY % ("".join(
    '<table:table table:name="T%d">%s</table:table>' % (i, trow(["notes"]))
    for i in range(7999)) + '<table:table table:name="Coded">%s%s</table:table>'
    % (trow(HEADER), trow(REPLY))))
ods("toomany.ods", BODY % "".join(
    '<table:table table:name="T%d"/>' % i for i in range(10001)))
ods("hidden.ods", "<office:automatic-styles>%s</office:automatic-styles>" % "".join(
    '<style:style style:name="ta%d" style:family="table"><style:table-properties '
    'table:display="false"/></style:style>' % i for i in range(60000))
    + BODY % ('<table:table table:name="Coded" table:style-name="ta7">%s%s'
              '</table:table>' % (trow(HEADER), trow(REPLY))))
xlsx("strings.xlsx", dict(ONE, **{"xl/sharedStrings.xml":
     "<sst>" + "<si/>" * 53000000 + "</sst>"}))
xlsx("rows.xlsx", dict(ONE, **{"xl/worksheets/sheet1.xml": sheet(
    SURVEY + "".join('<row r="%d"/>' % i for i in range(3, 400003)))}))
ods("repeated.ods", BODY % ('<table:table table:name="Coded">%s'
    '<table:table-row table:number-rows-repeated="1000000">'
    '<table:table-cell office:value-type="string" '
    'table:number-columns-repeated="16000"><text:p>x</text:p>'
    '</table:table-cell></table:table-row></table:table>' % trow(HEADER)))
xlsx("longcell.xlsx", dict(ONE, **{"xl/worksheets/sheet1.xml": sheet(
    SURVEY + '<row r="3"><c r="A3" t="inlineStr"><is><t>%s</t></is></c></row>'
    % ("x" * (2 << 20)))}))
ods("wide.ods", BODY % ('<table:table table:name="Coded">%s<table:table-row>'
    '<table:table-cell table:number-columns-repeated="20000"/>%s'
    '</table:table-row></table:table>' % (trow(HEADER), tcell("x"))))
xlsx("merges.xlsx", dict(ONE, **{"xl/worksheets/sheet1.xml": sheet(SURVEY,
     "<mergeCells>%s</mergeCells>" % "".join(
         '<mergeCell ref="C%d:C%d"/>' % (i, i + 1) for i in range(2, 180002)))}))
