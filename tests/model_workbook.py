"""model_workbook.py - the differential model's sheets written again as
workbooks dressed as spreadsheet programs and libraries write them, by
hand with the standard library (tests/model.py imports it).

Each cell of an .xlsx is written as a shared string, an inline string,
rich text with a phonetic guide (left out when read), or a formula with
its saved result; each cell of an .ods as a paragraph whose spaces are
<text:s> elements of any count, with spans, links and a comment inside
the paragraph; yes/no cells of a boolean column as TRUE/FALSE cells (in
an .ods, in every spelling the schema allows).  A column the rules do
not read is added with a merged range in it, which must change nothing.

Now and then one cell is made one that cannot be read as the sheet
shows it: a formula whose result was never saved, an .ods boolean in a
spelling the schema does not allow, or a merged range over two rows of
a column the rules read.  Then foitab must refuse the workbook at that
cell or range; otherwise it must print exactly what the sheet's CSV
gives (dress() returns the pattern to expect, or None).
"""
import zipfile
from xml.sax.saxutils import escape

from xlsx_write import column

TRUE = {"yes", "true", "1", "y"}
FALSE = {"no", "false", "0", "n"}




def with_extra(rows, rnd):
    """The rows with a column of notes the rules do not read, one note
    in it over two rows (a merged range at (row, col), from 0)."""
    rows = [list(r) for r in rows]
    at = len(rows[0])
    rows[0].append("Extra notes")
    for r in rows[1:]:
        r.append("")
    merge = None
    if len(rows) > 2:
        r = rnd.randrange(1, len(rows) - 1)
        rows[r][at] = "a note over two rows"
        merge = (r, at)
    return rows, merge


def choose_spoiler(rows, rnd, kind, booleans, merge_free):
    """At most one cell that cannot be read as shown: (what, row, col)."""
    if len(rows) < 2 or rnd.random() > 0.3:
        return None
    choices = ["formula"]
    if kind == "ods" and booleans:
        choices.append("boolean")
    if merge_free:
        choices.append("merge")
    what = rnd.choice(choices)
    if what == "formula":
        return ("formula", rnd.randrange(1, len(rows)),
                rnd.randrange(len(rows[0]) - 1))
    if what == "boolean":
        r, c = rnd.choice(booleans)
        return ("boolean", r, c)
    r, c = rnd.choice(merge_free)
    return ("merge", r, c)


def dress(rows, path, kind, rnd, boolean_columns):
    """Write `rows` (lists of cell text, the header first) to `path` as
    an .xlsx or .ods; the message foitab must give, or None."""
    rows, extra_merge = with_extra(rows, rnd)
    header = [h.strip().lower() for h in rows[0]]
    bool_at = {k for k, h in enumerate(header) if h in boolean_columns}
    booleans = [(r, c) for r in range(1, len(rows)) for c in bool_at
                if rows[r][c].strip().lower() in TRUE | FALSE]
    # A read column's cell over an empty one below it, to be merged.
    merge_free = [(r, c) for r in range(1, len(rows) - 1)
                  for c in range(len(rows[0]) - 1)
                  if rows[r][c] and not rows[r + 1][c]]
    spoiler = choose_spoiler(rows, rnd, kind, booleans, merge_free)
    merges = [extra_merge] if extra_merge else []
    if spoiler and spoiler[0] == "merge":
        merges.append(spoiler[1:])
    if kind == "xlsx":
        write_xlsx(rows, path, rnd, bool_at, spoiler, merges)
    else:
        write_ods(rows, path, rnd, bool_at, spoiler, merges)
    if not spoiler:
        return None
    what, r, c = spoiler
    ref = "Coded!%s%d" % (column(c), r + 1)
    if what == "formula":
        return ref + ": this cell holds a formula whose result was never saved"
    if what == "boolean":
        return ref + ": this cell is TRUE or FALSE but stores"
    return "%s:%s%d: these cells are merged" % (ref, column(c), r + 2)


# ------------------------------------------------------------ .xlsx

def xlsx_cell(ref, text, rnd, strings, is_bool, spoil):
    if spoil:
        return '<c r="%s"><f>SUM(A1:A2)</f>%s</c>' % (
            ref, rnd.choice(["", "<v></v>", "<v/>"]))
    if text == "":
        return ""
    if is_bool and text.strip().lower() in TRUE | FALSE:
        return '<c r="%s" t="b"><v>%d</v></c>' % (
            ref, text.strip().lower() in TRUE)
    t = escape(text)
    way = rnd.randrange(4)
    if way == 0:
        strings.append(t)
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, len(strings) - 1)
    if way == 1:
        return ('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t>'
                '</is></c>' % (ref, t))
    if way == 2:
        cut = rnd.randrange(len(text) + 1)
        return ('<c r="%s" t="inlineStr"><is><r><t xml:space="preserve">%s'
                '</t></r><rPh sb="0" eb="1"><t>GUIDE</t></rPh><r><t '
                'xml:space="preserve">%s</t></r></is></c>'
                % (ref, escape(text[:cut]), escape(text[cut:])))
    return ('<c r="%s" t="str"><f>"%s"</f><v xml:space="preserve">%s</v></c>'
            % (ref, t.replace('"', '""'), t))


def write_xlsx(rows, path, rnd, bool_at, spoiler, merges):
    strings, body = [], []
    for r, row in enumerate(rows):
        cells = "".join(xlsx_cell(
            "%s%d" % (column(c), r + 1), text, rnd, strings,
            r > 0 and c in bool_at,
            spoiler is not None and spoiler[0] == "formula" and
            spoiler[1:] == (r, c)) for c, text in enumerate(row))
        body.append('<row r="%d">%s</row>' % (r + 1, cells))
    tail = ""
    if merges:
        tail = "<mergeCells>%s</mergeCells>" % "".join(
            '<mergeCell ref="%s%d:%s%d"/>' % (column(c), r + 1, column(c),
                                             r + 2) for r, c in merges)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "xl/workbook.xml": '<workbook><sheets><sheet name="Coded" '
                           'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships><Relationship '
            'Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/sharedStrings.xml": "<sst>%s</sst>" % "".join(
            '<si><t xml:space="preserve">%s</t></si>' % s for s in strings),
        "xl/worksheets/sheet1.xml": "<worksheet><sheetData>%s</sheetData>%s"
                                    "</worksheet>" % ("".join(body), tail),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


# ------------------------------------------------------------ .ods

def ods_text(text, rnd):
    """A paragraph's content: each run of spaces a <text:s>, parts in
    spans or links, and perhaps a comment inside."""
    out, i = [], 0
    while i < len(text):
        if text[i] == " ":
            n = len(text[i:]) - len(text[i:].lstrip(" "))
            out.append(rnd.choice(['<text:s text:c="%d"/>' % n,
                                   "<text:s/>" * n if n else ""]))
            i += n
            continue
        j = text.find(" ", i)
        j = len(text) if j < 0 else j
        word = escape(text[i:j])
        out.append(rnd.choice([word, "<text:span>%s</text:span>" % word,
                               '<text:a xlink:href="#x">%s</text:a>' % word]))
        i = j
    if rnd.random() < 0.3:
        out.insert(rnd.randrange(len(out) + 1),
                   "<office:annotation><dc:creator>A</dc:creator><text:p>a "
                   "comment</text:p></office:annotation>")
    return "".join(out)


def ods_cell(text, rnd, is_bool, spoil, span, covered):
    if covered:
        return "<table:covered-table-cell/>"
    span = ' table:number-rows-spanned="2"' if span else ""
    if spoil == "formula":
        return ('<table:table-cell table:formula="of:=SUM([.A1:.A2])"%s%s/>'
                % (span, rnd.choice(["", ' office:value-type="float"'])))
    if text == "":
        return "<table:table-cell%s/>" % span
    low = text.strip().lower()
    if is_bool and low in TRUE | FALSE:
        value = rnd.choice(["true", "1"] if low in TRUE else ["false", "0"])
        if spoil == "boolean":
            value = value.upper() if value[0] in "tf" else "yes"
        return ('<table:table-cell office:value-type="boolean" '
                'office:boolean-value="%s"%s><text:p>%s</text:p>'
                '</table:table-cell>' % (value, span, escape(text)))
    return ('<table:table-cell office:value-type="string"%s><text:p>%s'
            '</text:p></table:table-cell>' % (span, ods_text(text, rnd)))


def write_ods(rows, path, rnd, bool_at, spoiler, merges):
    tops = set(merges)
    covered = {(r + 1, c) for r, c in merges}
    body = []
    for r, row in enumerate(rows):
        cells = "".join(ods_cell(
            text, rnd, r > 0 and c in bool_at,
            spoiler[0] if spoiler and spoiler[1:] == (r, c) else None,
            (r, c) in tops, (r, c) in covered) for c, text in enumerate(row))
        body.append("<table:table-row>%s</table:table-row>" % cells)
    content = ('<office:document-content><office:body><office:spreadsheet>'
               '<table:table table:name="Coded">%s</table:table>'
               '</office:spreadsheet></office:body></office:document-content>'
               % "".join(body))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
