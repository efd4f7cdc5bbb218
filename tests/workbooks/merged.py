#!/usr/bin/env python3
"""merged.py - writes the workbooks with merged cells under tests/workbooks/
(invented rows, marked so): the first rows of the shipped survey, with

  merged-rows.xlsx    C3:C5 merged (the response column, over three rows)
  merged-cols.xlsx    D3:F3 merged (action, drugs and substance_misuse)
  merged-unread.xlsx  H3:H5 merged, in a column of notes the rules do not read
  merged-rows.ods     the same as merged-rows.xlsx, as LibreOffice writes it

    /usr/bin/python3 tests/workbooks/merged.py   (python3-openpyxl)
"""
import csv
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rows(n=6):
    with open(os.path.join(ROOT, "data", "icb-2023.csv"), encoding="utf-8") as f:
        got = list(csv.reader(f))[:n]
    for r in got[1:]:
        r[6] = "[Invented merge test] " + r[6][:40]
    return got


def xlsx(path, merges, notes=False):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Coded"
    for r, row in enumerate(rows(), start=1):
        if notes:
            row = row + ["Notes" if r == 1 else "invented note %d" % r]
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value or None)
    for m in merges:
        sheet.merge_cells(m)
    book.save(path)


def ods(path):
    body = []
    for r, row in enumerate(rows(), start=1):
        cells = []
        for c, value in enumerate(row):
            if c == 2 and r == 3:
                cells.append('<table:table-cell office:value-type="string" '
                             'table:number-rows-spanned="3"><text:p>%s'
                             '</text:p></table:table-cell>' % escape(value))
            elif c == 2 and r in (4, 5):
                cells.append('<table:covered-table-cell/>')
            elif value:
                cells.append('<table:table-cell office:value-type="string">'
                             '<text:p>%s</text:p></table:table-cell>'
                             % escape(value))
            else:
                cells.append('<table:table-cell/>')
        body.append('<table:table-row>%s</table:table-row>' % "".join(cells))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="Coded">'
               + "".join(body) + '</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)


xlsx(os.path.join(HERE, "merged-rows.xlsx"), ["C3:C5"])
xlsx(os.path.join(HERE, "merged-cols.xlsx"), ["D3:F3"])
xlsx(os.path.join(HERE, "merged-unread.xlsx"), ["H3:H5"], notes=True)
ods(os.path.join(HERE, "merged-rows.ods"))
