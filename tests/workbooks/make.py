#!/usr/bin/env python3
"""make.py - writes the workbooks under tests/workbooks/ from the shipped
survey, with two real writers: openpyxl (.xlsx, as Excel lays it out)
and odfpy (.ods, as LibreOffice does).  Run it again only to change them:

    /usr/bin/python3 tests/workbooks/make.py   (python3-openpyxl, python3-odf)

Each workbook has a notes sheet before the data sheet, the yes/no column
as TRUE/FALSE cells, and a column of dates, as campaigners' sheets do.
"""
import csv
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def survey_rows():
    with open(os.path.join(ROOT, "data", "icb-2023.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    header.insert(3, "replied_on")
    out = [header]
    for i, row in enumerate(body):
        date = datetime.date(2023, 6, 1) + datetime.timedelta(days=i)
        row = row[:3] + [date if row[2] != "pending" else None] + row[3:]
        out.append(row)
    return out


def cell_value(header, value):
    """TRUE/FALSE cells for the yes/no column; the rest as written."""
    if header == "substance_misuse" and value in ("yes", "no"):
        return value == "yes"
    if value == "":
        return None
    return value


def write_xlsx(rows, path, typo=False):
    import openpyxl
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "Coded from the replies published in the 2023 write-up."
    notes["A2"] = "One row a board; see the Coded sheet."
    sheet = book.create_sheet("Coded")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            v = value if r == 1 else cell_value(rows[0][c - 1], value)
            if typo and r == 5 and rows[0][c - 1] == "action":
                v = "consdering"
            cell = sheet.cell(row=r, column=c, value=v)
            if isinstance(v, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)


def write_ods(rows, path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    notes = Table(name="Notes")
    tr = TableRow()
    tc = TableCell(valuetype="string")
    tc.addElement(P(text="Coded from the replies published in the 2023 write-up."))
    tr.addElement(tc)
    notes.addElement(tr)
    doc.spreadsheet.addElement(notes)
    table = Table(name="Coded")
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, value in enumerate(row):
            v = value if r == 0 else cell_value(rows[0][c], value)
            if v is None:
                tc = TableCell()
            elif isinstance(v, bool):
                tc = TableCell(valuetype="boolean",
                               booleanvalue="true" if v else "false")
                tc.addElement(P(text="TRUE" if v else "FALSE"))
            elif isinstance(v, datetime.date):
                tc = TableCell(valuetype="date", datevalue=v.isoformat())
                tc.addElement(P(text=v.isoformat()))
            else:
                tc = TableCell(valuetype="string")
                for i, line in enumerate(str(v).split("\n")):
                    tc.addElement(P(text=line))
            tr.addElement(tc)
        table.addElement(tr)
    # LibreOffice closes a sheet with a huge run of empty rows.
    tr = TableRow(numberrowsrepeated=1048000)
    tr.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(path)


def main():
    rows = survey_rows()
    write_xlsx(rows, os.path.join(HERE, "icb-2023.xlsx"))
    write_xlsx(rows, os.path.join(HERE, "icb-2023-typo.xlsx"), typo=True)
    write_ods(rows, os.path.join(HERE, "icb-2023.ods"))


if __name__ == "__main__":
    main()
