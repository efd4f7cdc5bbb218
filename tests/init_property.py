#!/usr/bin/env python3
"""init_property.py - 'foitab init' always writes a draft that loads.

For every fixture and workbook under tests/ and data/, for the
differential model's random sheets (tests/model.py), and for random
sheets whose headers are made to trouble a rules file (line breaks,
quotes, '#', '=', brackets, commas, non-ASCII letters, empty headers,
headers equal after folding, the names of the built-in columns, and up
to 300 columns), 'foitab init SHEET' must succeed (or refuse a sheet it
cannot read with exit 65 and nothing on standard output), and the draft,
unchanged, must load and tabulate the sheet: exit 0, or exit 65 with no
message about the draft itself (a data error about the sheet is fine: a
rules error never is).  Seeded: the same cases each run.

    python3 tests/init_property.py PROGRAM [CASES] [SEED]
"""
import csv
import glob
import os
import random
import subprocess
import sys
import tempfile

TROUBLE = ["Body", "body", "BODY ", "Response", "response", "Status", "Code",
           "Summary", "summary", "Notes", "Drug\nname", "Q1\r\nfirst line",
           "say \"yes\"", "cost # total", "a = b", "[column x]", "[bucket]",
           "x, y", "(a) or (b)", "not", "and", "caf\u00e9 \u00e9t\u00e9",
           "\u0141\u00f3d\u017a", "", " ", "Drug", "drug ", "d-r-u-g", "DRUG",
           "Response date", "type", "values", "header", "-", "_", "#", "=",
           "\u00a0spaced\u00a0", "tab\there", "x" * 200]
VALUES = ["", "yes", "no", "Yes", "answered", "refused", "pending", "a; b",
          "opioids, benzos", "12", "3.5", "n/a", "Not held", "x # y", "a = b",
          "[x]", "(y)", "caf\u00e9", "line\nbreak", "say \"hi\"", "  pad  "]
STATES = ["answered", "refused", "pending", "successful", "rejected"]


def random_sheet(rnd, path):
    ncols = rnd.choice([2, 3, 5, 8, 12, 40, 300])
    header = [rnd.choice(TROUBLE) if rnd.random() < 0.7 else
              "col %d" % k for k in range(ncols)]
    if rnd.random() < 0.7:
        header[0] = rnd.choice(["Body", "Name of body", "Authority"])
    rows = [header]
    for r in range(rnd.randint(0, 15)):
        row = []
        for k in range(ncols):
            h = header[k].strip().lower()
            if k == 0:
                row.append("Body %d" % rnd.randrange(1000))
            elif h in ("response", "status"):
                row.append(rnd.choice(STATES))
            else:
                row.append(rnd.choice(VALUES))
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def check(prog, sheet, draft):
    """None, or what went wrong with init on `sheet`."""
    init = subprocess.run([prog, "init", "-o", draft, sheet],
                          capture_output=True)
    if init.returncode == 65:
        if os.path.exists(draft) and os.path.getsize(draft):
            return "init refused the sheet but wrote a draft"
        return None
    if init.returncode != 0:
        return "init exit %d: %s" % (init.returncode, init.stderr[:300])
    run = subprocess.run([prog, "--rules", draft, "-r", "none", "-b", "none",
                          sheet], capture_output=True)
    err = run.stderr.decode("utf-8", "replace")
    if run.returncode not in (0, 65):
        return "tabulating exit %d: %s" % (run.returncode, err[:300])
    if ("foitab: %s:" % draft) in err:
        return "the draft does not load: %s" % err[:400]
    if run.returncode == 65 and run.stdout:
        return "figures printed after an error"
    return None


def main():
    prog = os.path.abspath(sys.argv[1])
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20231
    rnd = random.Random(seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, "draft.rules")
        sheets = sorted(glob.glob("tests/fixtures/*.csv") +
                        glob.glob("tests/fixtures/agreement/*.csv") +
                        glob.glob("tests/workbooks/*.xlsx") +
                        glob.glob("tests/workbooks/*.ods") +
                        glob.glob("data/*.csv"))
        for k in range(cases):
            path = os.path.join(tmp, "random-%d.csv" % k)
            random_sheet(rnd, path)
            sheets.append(path)
        # The differential model's random sheets too (tests/model.py).
        import model
        for k in range(cases // 3):
            columns, _, _, headers, _ = model.random_rules(rnd)
            path = os.path.join(tmp, "model-%d.csv" % k)
            with open(path, "w", encoding="utf-8") as f:
                f.write(model.random_sheet(rnd, columns, headers)[0])
            sheets.append(path)
        for sheet in sheets:
            if os.path.exists(draft):
                os.unlink(draft)
            problem = check(prog, sheet, draft)
            if problem:
                failed += 1
                if failed <= 5:
                    print("FAIL: %s: %s" % (sheet, problem))
                    if sheet.startswith(tmp):
                        print(open(sheet, encoding="utf-8").read()[:600])
                    if os.path.exists(draft):
                        print(open(draft, encoding="utf-8").read()[:1500])
            else:
                passed += 1
    print("init: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
