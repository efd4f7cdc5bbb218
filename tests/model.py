#!/usr/bin/env python3
"""model.py - an independent model of foitab's documented semantics,
compared with foitab itself on random rules files and random sheets.

The model is written from foitab-rules(5) and README, not from the C:
how header names and values fold, which cells a column accepts (number
columns' figures in every spelling the docs allow, their words, empty
cells), what `required` asks, how conditions bind (comparisons of
figures included), which rows the denominator and each bucket's `of`
take, how a percentage is rounded, and each number column's figures
(bodies, exact total, median, least and greatest with the first body,
each word's count).  Each case writes a rules file and a
survey, runs `foitab --rules R -r none -b none -f json S`, and compares
the exit status and, for a valid sheet, every count and percentage with
the model's.  Cases are seeded, so a failure can be run again:

    python3 tests/model.py PROGRAM [CASES] [SEED]
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

WORDS = ["alpha", "beta", "gamma", "delta", "under_way", "z-drugs",
         "north_east", "caf\u00e9", "\u00e9cole", "ynys_m\u00f4n",
         "two words", "x"]


# ------------------------------------------------------------ the docs

def fold(text):
    """Case, surrounding spaces, a run of spaces as one, '-' as '_'."""
    text = text.strip(" \t\u00a0")
    out, space = [], False
    for ch in text:
        if ch in " \t\u00a0":
            space = True
            continue
        if space and out:
            out.append("_")
        space = False
        out.append("_" if ch in "-_" else ch.lower())
    return "".join(out)


class Column:
    def __init__(self, name, kind, values=(), aliases=None, required=None):
        self.name, self.kind = name, kind
        self.values = list(values)
        self.aliases = dict(aliases or {})   # folded alias -> value index
        self.required = required             # None, "yes" or a condition

    def lookup(self, text):
        """The index of the value `text` names, or None."""
        f = fold(text)
        for i, v in enumerate(self.values):
            if fold(v) == f:
                return i
        return self.aliases.get(f)

    def read(self, cell):
        """A cell's set of value indexes, or raises ValueError.  A number
        column's figure is the set's one member, a Figure."""
        cell = cell.strip(" \t")
        if self.kind == "text" or cell == "":
            return set()
        if self.kind == "number":
            v = self.lookup(cell)
            if v is not None:
                return {v}
            return {parse_figure(cell)}
        if self.kind != "list":
            v = self.lookup(cell)
            if v is None:
                raise ValueError(cell)
            return {v}
        got = set()
        for item in cell.replace(",", ";").replace("|", ";").split(";"):
            if item.strip(" \t"):
                v = self.lookup(item)
                if v is None:
                    raise ValueError(item)
                got.add(v)
        return got


class Figure:
    """A number cell's figure: its value, and the decimals written."""
    def __init__(self, value, decimals):
        self.value, self.decimals = value, decimals

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        return isinstance(other, Figure) and self.value == other.value


# A figure as foitab-rules(5) describes one: a sign, a currency sign
# before or after it, digits grouped in threes by commas or spaces (or
# not at all), a point and at most 9 decimals, an exponent (ungrouped
# digits only), a % after it.
FIGURE = re.compile(
    "^(?P<c1>[\u00a3$\u20ac])?(?P<sign>[-+\u2212])?(?P<c2>[\u00a3$\u20ac])?"
    "(?P<whole>[0-9]{1,3}(?:(?P<sep>[, \u00a0\u202f])[0-9]{3}"
    "(?:(?P=sep)[0-9]{3})*)|[0-9]*)"
    "(?:\\.(?P<dec>[0-9]*))?"
    "(?:[eE](?P<exp>[-+\u2212]?[0-9]+))?%?$")


def parse_figure(cell):
    m = FIGURE.match(cell)
    if not m or (m.group("c1") and m.group("c2")):
        raise ValueError(cell)
    whole = (m.group("whole") or "").replace(",", "").replace(" ", "") \
        .replace("\u00a0", "").replace("\u202f", "")
    dec = m.group("dec") or ""
    if not whole and not dec:
        raise ValueError(cell)
    if m.group("exp") is not None and m.group("sep"):
        raise ValueError(cell)
    decimals = len(dec)
    value = Decimal(whole + "." + dec if dec else whole or "0")
    if m.group("exp") is not None:
        e = int(m.group("exp").replace("\u2212", "-"))
        value = value.scaleb(e)
        decimals = max(0, decimals - e)
    if decimals > 9:
        raise ValueError(cell)
    if m.group("sign") in ("-", "\u2212"):
        value = -value
    return Figure(value, decimals)


def figure_of(cell_set):
    """The figure in a number cell's set, or None."""
    for v in cell_set:
        if isinstance(v, Figure):
            return v
    return None


def holds(cond, row):
    """Evaluate a condition tree on a row of value sets."""
    op = cond[0]
    if op == "and":
        return holds(cond[1], row) and holds(cond[2], row)
    if op == "or":
        return holds(cond[1], row) or holds(cond[2], row)
    if op == "not":
        return not holds(cond[1], row)
    col, values = cond[1], cond[2]
    cell = row[col]
    if op == "compare":
        f = figure_of(cell)
        if f is None:
            return False        # empty, or a word
        sign, n = values
        return {"<": f.value < n, "<=": f.value <= n, "=": f.value == n,
                ">=": f.value >= n, ">": f.value > n}[sign]
    values = set(values)
    if op in ("is", "in"):
        return bool(cell & values)
    if op == "contains":
        return values <= cell
    if op == "only":
        return not (cell - values)
    raise AssertionError(op)


# -------------------------------------------------------- random rules

NUMBER_WORDS = ["Not held", "NA", "n/a", "none given"]


def random_columns(rnd):
    columns = {"response": Column("response", "choice",
                                  ["answered", "refused", "pending"])}
    names = rnd.sample(["kind", "area", "drugs", "flag", "note", "scope"],
                       rnd.randint(1, 4))
    for name in names:
        kind = rnd.choice(["choice", "list", "boolean", "text", "number"])
        if kind == "number":
            col = Column(name, kind, rnd.sample(NUMBER_WORDS,
                                                rnd.randint(0, 3)))
        elif kind == "boolean":
            col = Column(name, kind, ["yes", "no"],
                         {"y": 0, "true": 0, "1": 0, "n": 1, "false": 1,
                          "0": 1})
        elif kind == "text":
            col = Column(name, kind)
        else:
            values = rnd.sample(WORDS, rnd.randint(2, 5))
            if rnd.random() < 0.1:
                # Past 64 values, up to the limit of 256: sets of more
                # than one word of bits.
                values = ["w%d" % i for i in range(rnd.randint(65, 256))]
            col = Column(name, kind, values)
            if rnd.random() < 0.5:
                alias = "also_" + fold(values[0]).replace("_", "")
                col.aliases[fold(alias)] = 0
        columns[name] = col
    return columns


def random_test(rnd, columns):
    """A leaf condition as (tree, text)."""
    testable = [c for c in columns.values() if c.kind != "text"]
    col = rnd.choice(testable)

    def some(n):
        picks = rnd.sample(range(len(col.values)), min(n, len(col.values)))
        return picks, ", ".join(col.values[i].replace(" ", rnd.choice("_-"))
                               for i in picks)

    if col.kind == "number":
        if col.values and rnd.random() < 0.3:
            v = rnd.randrange(len(col.values))
            if rnd.random() < 0.3:
                return (("not", ("is", col.name, [v])),
                        "%s is not %s" % (col.name, col.values[v]))
            return ("is", col.name, [v]), "%s is %s" % (col.name,
                                                      col.values[v])
        sign = rnd.choice(["<", "<=", "=", ">=", ">"])
        n = rnd.choice(["0", "1", "12", "0.5", "1000", "1,000", "-3",
                        "99.999"])
        return (("compare", col.name, (sign, parse_figure(n).value)),
                "%s %s %s" % (col.name, sign, n))
    if col.kind == "boolean" and rnd.random() < 0.5:
        return ("is", col.name, [0]), col.name
    if col.kind == "list":
        op = rnd.choice(["contains", "only"])
        picks, text = some(rnd.randint(1, 2))
        return (op, col.name, picks), "%s %s %s" % (col.name, op, text)
    if rnd.random() < 0.5:
        picks, text = some(1)
        if rnd.random() < 0.3:
            return (("not", ("is", col.name, picks)),
                    "%s is not %s" % (col.name, text))
        return ("is", col.name, picks), "%s is %s" % (col.name, text)
    picks, text = some(rnd.randint(1, 3))
    return ("in", col.name, picks), "%s in %s" % (col.name, text)


def random_condition(rnd, columns, depth=0):
    r = rnd.random()
    if depth > 2 or r < 0.4:
        return random_test(rnd, columns)
    if r < 0.55:
        tree, text = random_condition(rnd, columns, depth + 1)
        return ("not", tree), "not (%s)" % text
    op = "and" if r < 0.8 else "or"
    left, ltext = random_condition(rnd, columns, depth + 1)
    right, rtext = random_condition(rnd, columns, depth + 1)
    return (op, left, right), "(%s) %s (%s)" % (ltext, op, rtext)


def written(value, rnd=None, slips=True):
    """A value as a person might type it: case and separators vary, and
    with `slips` it is now and then no longer the value."""
    if rnd is None:
        return value
    v = value
    if rnd.random() < 0.3:
        v = v.upper()
    if rnd.random() < 0.3:
        v = v.replace("_", rnd.choice([" ", "-", "  "]))
    if rnd.random() < 0.2:
        v = " " + v + " "
    if slips and rnd.random() < 0.01:
        v = rnd.choice(["-" + v, v + "_", v + "-"])   # not the value
    return v


# Alaveteli's request states, as foitab-rules(5) reads them with
# `responses = alaveteli`: a spelling of answered (0), refused (1) or
# pending (2), or a state of its own that no figure counts.
ALAVETELI_ALIASES = {
    "successful": 0, "partially_successful": 0, "not_held": 0,
    "rejected": 1, "waiting_response": 2, "waiting_clarification": 2,
    "internal_review": 2, "gone_postal": 2,
}
ALAVETELI_EXCLUDED = ["user_withdrawn", "error_message", "vexatious",
                      "not_foi", "requires_admin", "attention_requested"]


def random_rules(rnd):
    columns = random_columns(rnd)
    lines, buckets = [], []
    if rnd.random() < 0.25:
        lines.append("responses = alaveteli")
        response = columns["response"]
        response.values += ALAVETELI_EXCLUDED
        response.aliases.update(ALAVETELI_ALIASES)
    denominator = None
    if rnd.random() < 0.4:
        denominator, dtext = random_condition(rnd, columns)
        lines.append("denominator = " + dtext)
    # Headers the sheet may use instead of a column's name (header = ...),
    # the built-in body and response included.
    headers = {}
    for name, other in (("body", "Trust"), ("response", "Reply")):
        if rnd.random() < 0.3:
            headers[name] = other
            lines += ["[column %s]" % name, "header = " + other]
    for col in columns.values():
        if col.name == "response":
            continue
        lines.append("[column %s]" % col.name)
        if rnd.random() < 0.3:
            headers[col.name] = "The " + col.name.replace("_", " ")
            lines.append("header = " + headers[col.name])
        lines.append("type = " + col.kind)
        if col.kind in ("choice", "list") or (col.kind == "number" and
                                              col.values):
            lines.append("values = " + ", ".join(col.values))
        for alias, v in col.aliases.items():
            if col.kind != "boolean":
                lines.append("alias %s = %s" % (col.values[v], alias))
        if rnd.random() < 0.3:
            col.required = "yes"
            lines.append("required = yes")
        elif rnd.random() < 0.3:
            col.required = ("is", "response", [0])
            lines.append("required = response is answered")
    for k in range(rnd.randint(1, 5)):
        tree, text = random_condition(rnd, columns)
        lines += ["[bucket b%d]" % k, "label = Bucket %d" % k, "when = " + text]
        of = None
        if rnd.random() < 0.25:
            of, otext = random_condition(rnd, columns)
            lines.append("of = " + otext)
        buckets.append(("b%d" % k, tree, of))
    return columns, denominator, buckets, headers, "\n".join(lines) + "\n"


# -------------------------------------------------------- random sheets

def quote(cell):
    if any(ch in cell for ch in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def random_sheet(rnd, columns, headers):
    """The CSV text and the rows as the model reads them (or None)."""
    names = ["body"] + list(columns)
    rnd.shuffle(names)
    # Now and then a column is left out of the header.
    left_out = None
    if rnd.random() < 0.05:
        left_out = rnd.choice([n for n in names if n not in
                               ("body", "response")])
        names.remove(left_out)
    header = [written(headers[n], rnd, False) if n in headers and
              rnd.random() < 0.8 else
              written(n, rnd, False) if n != "body" else
              rnd.choice(["body", "Body"]) for n in names]
    lines = [",".join(quote(h) for h in header)]
    cells_of = []
    numbers = rnd.sample(range(100), rnd.randint(1, 12))
    for i, number in enumerate(numbers):
        body = "Body %d" % number
        if i and rnd.random() < 0.05:
            # The same body again, in other case and spacing.
            body = "BODY  %s " % cells_of[0]["body"][5:]
        cells = {"body": body}
        for col in columns.values():
            if col.kind == "text":
                cells[col.name] = rnd.choice(["", "a note", "x, y"])
            elif rnd.random() < (0.01 if col.name == "response" else 0.05):
                cells[col.name] = ""
            elif col.kind == "list":
                picks = rnd.sample(col.values, rnd.randint(1, len(col.values)))
                sep = rnd.choice([";", "; ", " | ", ","])
                cells[col.name] = sep.join(written(p, rnd) for p in picks)
            elif col.kind == "boolean":
                cells[col.name] = rnd.choice(["yes", "No", "TRUE", "false",
                                              "1", "0", "y", "N"])
            elif col.kind == "number":
                cells[col.name] = random_figure(rnd, col)
            else:
                spellings = col.values + list(col.aliases)
                cells[col.name] = written(rnd.choice(spellings), rnd)
            if col.kind != "text" and rnd.random() < 0.01:
                cells[col.name] = rnd.choice(["bogus", "none-", "__x__"])
        if left_out:
            cells[left_out] = ""     # what a missing column reads as
        cells_of.append(cells)
        lines.append(",".join(quote(cells[n]) for n in names))
    return "\n".join(lines) + "\n", cells_of, left_out


def random_figure(rnd, col):
    """A number cell as people write one: every spelling the docs allow,
    now and then a word, and rarely one that is no figure."""
    if col.values and rnd.random() < 0.2:
        return written(rnd.choice(col.values), rnd)
    r = rnd.random()
    if r < 0.02:
        return rnd.choice(["1,23", "12 apples", "1.2.3", "--1", "1e-10",
                           "0.0000000001", "\u00a3\u00a35"])
    whole = rnd.choice([0, 1, 3, 12, 100, 999, 1000, 1234, 34295,
                        1000000, rnd.randrange(10 ** 7)])
    decimals = rnd.choice([0, 0, 0, 1, 2, 3])
    frac = "".join(rnd.choice("0123456789") for _ in range(decimals))
    way = rnd.randrange(8)
    if way == 0 and whole >= 1000:
        text = "{:,}".format(whole)
    elif way == 1 and whole >= 1000:
        text = "{:,}".format(whole).replace(",", rnd.choice(
            [" ", "\u00a0", "\u202f"]))
    else:
        text = str(whole)
    if frac:
        text += "." + frac
    if way == 2:
        text = rnd.choice(["\u00a3", "$", "\u20ac"]) + text
    elif way == 3:
        text += "%"
    elif way == 4 and not frac:
        text = rnd.choice(["-", "+", "\u2212"]) + text
    elif way == 5 and not frac and whole and whole < 100:
        text = "%de-0%d" % (whole, rnd.randint(1, 5))
    elif way == 6:
        text = "-\u00a3" + text
    return text


def tested(cond):
    """The columns a condition tests."""
    if cond[0] in ("and", "or"):
        return tested(cond[1]) | tested(cond[2])
    if cond[0] == "not":
        return tested(cond[1])
    return {cond[1]}


def scale_of(n):
    """Decimals a Decimal has as written."""
    return max(0, -n.as_tuple().exponent)


def figures(columns, rows):
    """What foitab-rules(5) says each number column reports, over the
    counted rows (body, row): bodies, total, median, min and max with the
    first body to give each, and each word's count."""
    out = []
    for col in columns.values():
        if col.kind != "number":
            continue
        got = [(figure_of(row[col.name]), body) for body, row in rows
               if figure_of(row[col.name]) is not None]
        words = {}
        for _, row in rows:
            for v in row[col.name]:
                if not isinstance(v, Figure):
                    words[col.values[v]] = words.get(col.values[v], 0) + 1
        entry = {"column": col.name, "bodies": len(got), "words": words,
                 "total": None, "median": None, "min": None, "max": None,
                 "min_body": None, "max_body": None}
        if got:
            values = sorted(f.value for f, _ in got)
            n = len(values)
            entry["total"] = sum(values)
            entry["median"] = values[n // 2] if n % 2 else \
                (values[n // 2 - 1] + values[n // 2]) / 2
            low = min(got, key=lambda fb: fb[0].value)   # the first
            high = max(got, key=lambda fb: fb[0].value)
            for f, b in got:
                if f.value > high[0].value:
                    high = (f, b)
            high = next((f, b) for f, b in got if f.value == high[0].value)
            entry.update(min=low[0].value, min_body=low[1],
                         max=high[0].value, max_body=high[1])
        out.append(entry)
    return out


def model(columns, denominator, buckets, cells_of, left_out):
    """(valid, tally) as the docs say foitab counts the sheet."""
    conditions = [tree for _, tree, _ in buckets] + \
        [of for _, _, of in buckets if of] + \
        ([denominator] if denominator else []) + \
        [c.required for c in columns.values()
         if c.required not in (None, "yes")]
    needed = set().union(*(tested(c) for c in conditions))
    needed |= {c.name for c in columns.values() if c.required}
    needed |= {c.name for c in columns.values() if c.kind == "number"}
    if left_out in needed:
        return False, None      # a column a condition tests is missing
    seen = set()
    tally = {"asked": 0, "answered": 0, "refused": 0, "pending": 0,
             "counted": 0}
    counts = [0] * len(buckets)
    bases = [0] * len(buckets)
    counted_rows = []
    for cells in cells_of:
        body = " ".join(cells["body"].split()).lower()
        if body in seen:
            return False, None
        seen.add(body)
        row = {}
        try:
            for col in columns.values():
                row[col.name] = col.read(cells[col.name])
        except ValueError:
            return False, None
        if not row["response"]:
            return False, None
        for col in columns.values():
            need = col.required == "yes" or (
                col.required not in (None, "yes") and holds(col.required, row))
            empty = (not cells[col.name].strip()) if col.kind == "text" \
                else not row[col.name]
            if need and empty:
                return False, None
        tally["asked"] += 1
        if min(row["response"]) > 2:
            continue            # an excluded state: asked, in no figure
        response = ["answered", "refused", "pending"][min(row["response"])]
        tally[response] += 1
        counted = holds(denominator, row) if denominator else \
            response == "answered"
        if counted:
            tally["counted"] += 1
            counted_rows.append((cells["body"].strip(" \t"), row))
            for k, (_, tree, of) in enumerate(buckets):
                if of is None or holds(of, row):
                    bases[k] += 1
                    counts[k] += holds(tree, row)
    return True, (tally, counts, bases, figures(columns, counted_rows))


def percent(count, den):
    """count * 100 / den, rounded half away from zero, in integers."""
    return (count * 200 + den) // (2 * den) if den else None


# ------------------------------------------------------------ the runs

def as_workbook(sheet, path):
    """The same sheet as an .xlsx written by openpyxl (a real writer):
    every cell text, as a campaigner's sheet would hold it."""
    import csv
    import io
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    page = book.create_sheet("Coded")
    for row in csv.reader(io.StringIO(sheet)):
        page.append([cell if cell else None for cell in row])
    book.save(path)


def dressed(prog, rules_path, sheet, columns, headers, kind, rnd, tmp):
    """The sheet with a column of notes added, as CSV and as a dressed
    workbook: the workbook must print what the CSV prints, or, where a
    cell was made unreadable, be refused at that cell."""
    import csv
    import io
    from model_workbook import dress, with_extra
    rows = list(csv.reader(io.StringIO(sheet)))
    booleans = set()
    for c in columns.values():
        if c.kind == "boolean":
            booleans.add(c.name)
            if c.name in headers:
                booleans.add(headers[c.name].lower())
    state = rnd.getstate()
    extra, _ = with_extra(rows, rnd)
    rnd.setstate(state)    # dress() adds the same column again
    csv_path = os.path.join(tmp, "d.csv")
    book_path = os.path.join(tmp, "d." + kind)
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(extra)
    want = dress(rows, book_path, kind, rnd, booleans)
    args = ["--rules", rules_path, "-r", "none", "-b", "none", "-f", "json"]
    ref = subprocess.run([prog] + args + [csv_path], capture_output=True)
    got = subprocess.run([prog] + args + [book_path], capture_output=True)
    err = got.stderr.decode()
    if want is None:
        if (got.returncode, got.stdout) != (ref.returncode, ref.stdout):
            return "the dressed .%s gave exit %d, its CSV %d: %s" % (
                kind, got.returncode, ref.returncode, err[:300])
        return None
    if got.returncode != 65 or got.stdout:
        return "the dressed .%s with '%s' gave exit %d" % (
            kind, want, got.returncode)
    # A header that cannot be read stops the rows before the cell.
    if want not in err and b"header" not in ref.stderr:
        return "the dressed .%s did not say '%s': %s" % (kind, want,
                                                         err[:300])
    return None


def compare_numbers(got, numbers):
    """The report's number figures against the model's, exactly."""
    seen = got.get("numbers", [])
    if len(seen) != len(numbers):
        return "numbers: %d columns, model %d" % (len(seen), len(numbers))
    for have, want in zip(seen, numbers):
        for key in ("column", "bodies", "total", "median", "min", "max",
                    "min_body", "max_body", "words"):
            a, b = have[key], want[key]
            if isinstance(a, int) and not isinstance(a, bool):
                a = Decimal(a)
            if a != b:
                return "numbers %s %s: %r, model %r" % (want["column"], key,
                                                        a, b)
    return None


def main():
    prog = sys.argv[1]
    try:
        import openpyxl  # noqa: F401  (the workbook half of the test)
        workbooks = True
    except ImportError:
        workbooks = False
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20231
    rnd = random.Random(seed)
    failed = valid = 0
    with tempfile.TemporaryDirectory() as tmp:
        rules_path = os.path.join(tmp, "r.rules")
        sheet_path = os.path.join(tmp, "s.csv")
        book_path = os.path.join(tmp, "s.xlsx")
        compared = dressed_count = 0
        for case in range(cases):
            columns, denominator, buckets, headers, rules = random_rules(rnd)
            sheet, cells_of, left_out = random_sheet(rnd, columns, headers)
            with open(rules_path, "w", encoding="utf-8") as f:
                f.write(rules)
            with open(sheet_path, "w", encoding="utf-8") as f:
                f.write(sheet)
            run = subprocess.run([prog, "--rules", rules_path, "-r", "none",
                                  "-b", "none", "-f", "json", sheet_path],
                                 capture_output=True)
            ok, want = model(columns, denominator, buckets, cells_of,
                             left_out)
            problem = None
            if not ok:
                if run.returncode != 65 or run.stdout:
                    problem = "an invalid sheet gave exit %d" % run.returncode
            elif run.returncode != 0:
                problem = "exit %d: %s" % (run.returncode,
                                           run.stderr.decode()[:300])
            else:
                valid += 1
                got = json.loads(run.stdout, parse_float=Decimal)
                tally, counts, bases, numbers = want
                responses = got["responses"]
                for key in ("asked", "refused", "pending", "counted"):
                    if responses[key] != tally[key]:
                        problem = "%s: %s, model %s" % (key, responses[key],
                                                        tally[key])
                for k, bucket in enumerate(got["buckets"]):
                    expect = (counts[k], bases[k],
                              percent(counts[k], bases[k]))
                    seen = (bucket["count"], bucket["denominator"],
                            bucket["percent"])
                    if seen != expect:
                        problem = "bucket %s: %s, model %s" % (
                            bucket["key"], seen, expect)
                problem = problem or compare_numbers(got, numbers)
            # Every tenth sheet again as a workbook: the same status and
            # the same figures as the CSV path, whatever they are.
            if workbooks and not problem and case % 10 == 0:
                as_workbook(sheet, book_path)
                again = subprocess.run([prog, "--rules", rules_path, "-r",
                                        "none", "-b", "none", "-f", "json",
                                        book_path], capture_output=True)
                compared += 1
                if (again.returncode, again.stdout) != (run.returncode,
                                                        run.stdout):
                    problem = "the .xlsx gave exit %d, the CSV %d: %s" % (
                        again.returncode, run.returncode,
                        again.stderr.decode()[:300])
            # Three sheets in twenty again as workbooks written by hand and
            # dressed as programs write them (tests/model_workbook.py).
            if not problem and case % 10 in (3, 7):
                problem = dressed(prog, rules_path, sheet, columns, headers,
                                  "xlsx" if case % 10 == 3 else "ods", rnd,
                                  tmp)
                dressed_count += 1
            if problem:
                failed += 1
                if failed <= 5:
                    print("FAIL: case %d (seed %d): %s" % (case, seed, problem))
                    print("rules:\n" + rules + "sheet:\n" + sheet)
    print("model: %d passed, %d failed (%d of them valid sheets; %d also "
          "read as .xlsx; %d as dressed .xlsx and .ods)"
          % (cases - failed, failed, valid, compared, dressed_count))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
