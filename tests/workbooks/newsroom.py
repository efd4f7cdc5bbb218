#!/usr/bin/env python3
"""newsroom.py - writes a workbook shaped like a newsroom's FOI tracking
sheet, with invented councils and figures (marked so), and its CSV
export beside the rules that read it:

  tests/workbooks/newsroom-invented.xlsx  a title row merged across the
      sheet; a row of two year groups, each merged over the same two
      headers, repeated; the header; a row a council asked, with the
      reply in four spellings; figures as number cells, as text a person
      typed ("1,234") and as words (Not held, NA, n/a); 300 formatted
      empty rows below the data
  tests/fixtures/newsroom-invented.csv    the same sheet as a spreadsheet
      program exports it (a merged range's value in its first cell)
  tests/fixtures/newsroom-invented.expected  each figure foitab must
      report, computed here in exact decimals

    /usr/bin/python3 tests/workbooks/newsroom.py   (python3-openpyxl)
"""
import csv
import os
import random
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

TITLE = "Home care contracts handed back: replies to FOI requests (invented)"
YEARS = ["2021-22 financial year", "2022-23 financial year"]
HEADER = ["Council", "Date sent", "Reference", "Type of response given",
          "Contracts handed back", "Hours/week handed back",
          "Contracts handed back", "Hours/week handed back"]
REPLIES = ["Full", "Partial", "Refused", "Did not respond"]
WORDS = ["Not held", "NA", "n/a"]


def figure(rnd, decimals):
    """A figure as a number cell, as typed text, or a word."""
    r = rnd.random()
    if r < 0.15:
        return rnd.choice(WORDS)
    if r < 0.2:
        return None
    if decimals:
        value = Decimal(rnd.randrange(0, 400000)) / 1000
    else:
        value = Decimal(rnd.choice([0, 0, 1, 3, 12, 40, 150, 1234]))
    if r < 0.3 and value >= 1000:
        return "{:,}".format(value)                  # typed with a comma
    return float(value) if decimals else int(value)


def rows():
    rnd = random.Random(2023)
    out = []
    for i in range(1, 41):
        reply = rnd.choice(REPLIES + ["Full", "Full", "Partial"])
        row = ["Invented Council %02d" % i, "2023-0%d-1%d" % (rnd.randint(1, 9),
                                                            rnd.randint(0, 9)),
               "FOI-%04d" % (1000 + i), reply]
        if reply in ("Full", "Partial"):
            row += [figure(rnd, False), figure(rnd, True),
                    figure(rnd, False), figure(rnd, True)]
        else:
            row += [None] * 4
        out.append(row)
    return out


def text(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v).rstrip("0").rstrip(".") if "." in repr(v) else repr(v)
    return str(v)


def figures(data, col):
    """What foitab-rules(5) says the report gives for a column: over the
    answered rows (Full and Partial)."""
    got, words = [], {}
    for row in data:
        if row[3] not in ("Full", "Partial"):
            continue
        v = row[col]
        if v is None:
            continue
        if isinstance(v, str) and v in WORDS:
            words[v] = words.get(v, 0) + 1
            continue
        got.append(Decimal(text(v).replace(",", "")))
    got.sort()
    n = len(got)
    median = got[n // 2] if n % 2 else (got[n // 2 - 1] + got[n // 2]) / 2
    return {"bodies": n, "total": sum(got), "median": median,
            "min": got[0], "max": got[-1], "words": words}


def main():
    import openpyxl
    from openpyxl.styles import Border, PatternFill, Side
    data = rows()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.cell(row=1, column=1, value=TITLE)
    sheet.merge_cells("A1:H1")
    sheet.cell(row=2, column=5, value=YEARS[0])
    sheet.merge_cells("E2:F2")
    sheet.cell(row=2, column=7, value=YEARS[1])
    sheet.merge_cells("G2:H2")
    for c, h in enumerate(HEADER, start=1):
        sheet.cell(row=3, column=c, value=h)
    for r, row in enumerate(data, start=4):
        for c, v in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=v)
    # Formatted, empty: as a sheet laid out for more councils than replied.
    fill = PatternFill("solid", fgColor="FFF2CC")
    edge = Side(style="thin")
    for r in range(4 + len(data), 4 + len(data) + 300):
        for c in range(1, 9):
            cell = sheet.cell(row=r, column=c)
            cell.fill = fill
            cell.border = Border(bottom=edge)
    book.save(os.path.join(HERE, "newsroom-invented.xlsx"))
    with open(os.path.join(ROOT, "tests", "fixtures", "newsroom-invented.csv"),
              "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([TITLE] + [""] * 7)
        w.writerow(["", "", "", "", YEARS[0], "", YEARS[1], ""])
        w.writerow(HEADER)
        for row in data:
            w.writerow([text(v) for v in row])
    with open(os.path.join(ROOT, "tests", "fixtures",
                           "newsroom-invented.expected"), "w") as f:
        f.write("# column bodies total median min max words (computed by "
                "tests/workbooks/newsroom.py)\n")
        for name, col in (("contracts_2122", 4), ("hours_2122", 5),
                          ("contracts_2223", 6), ("hours_2223", 7)):
            e = figures(data, col)
            f.write("%s %d %s %s %s %s %s\n" % (
                name, e["bodies"], e["total"], e["median"], e["min"],
                e["max"], ",".join("%s=%d" % (k, e["words"][k])
                                   for k in sorted(e["words"]))))


if __name__ == "__main__":
    main()
