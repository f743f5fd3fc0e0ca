#!/usr/bin/env python3
"""Make workbooks as openpyxl users make them, from the project's fixtures and the shared corpus.

    make_variants.py --fixtures DIR --corpus DIR --out DIR

Writes each workbook into DIR and prints a manifest: a JSON list of {name, file, about, source}.
seed-000 (sheet 自评表) is laid out as fixtures/seed-000.grid says: header row 14, indicator rows
15-45, the 总分 row 46; 得分 in H, 偏差度 in I, 偏差原因 in J; the budget block's 得分 in J4. The table
ends at column J, so the scored copy's computed columns go to K-M.
"""
import argparse
import json
import os
import re
import shutil
import sys
import warnings
import zipfile

warnings.simplefilter("ignore")

import openpyxl  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.formatting.rule import CellIsRule, DataBarRule  # noqa: E402
from openpyxl.formula.translate import Translator  # noqa: E402
from openpyxl.styles import PatternFill  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402

REMARK = "财务科王科长：总分已与局长核对，勿改。"
AUTHOR = "财务科王科长"
SCORE_CELLS = [f"H{r}" for r in range(15, 46)]
TOTAL = "H46"
SHEET = "自评表"

made = []


# seed-000's total is a formula whose cached result (95.81, fixtures/seed-000.grid) openpyxl does not
# write; without it the table declares no total. Put it back, as Excel would have saved it.
TOTAL_FORMULA = re.compile(r'(<c r="H(\d+)"[^>]*><f>J4\+SUM\(H15:H45\)</f>)(?:<v\s*/>|<v>\s*</v>)?')


def with_cached_total(path):
    def edit(name, data):
        if re.match(r"xl/worksheets/sheet\d+\.xml$", name) and b"J4+SUM(H15:H45)" in data:
            return TOTAL_FORMULA.sub(lambda m: m.group(1) + "<v>95.81</v>", data.decode("utf-8")).encode("utf-8")
        return data

    rewrite_zip(path, edit)


def save(wb, out, name, about, source):
    path = os.path.join(out, f"{name}.xlsx")
    wb.save(path)
    with_cached_total(path)
    made.append({"name": name, "file": path, "about": about, "source": source})
    return path


def load(path):
    return openpyxl.load_workbook(path)


def rewrite_zip(path, edit):
    """Rewrites a package: edit(name, bytes) -> bytes or None (drop); returns extra {name: bytes} via edit.extra."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in getattr(edit, "extra", {}).items():
            dst.writestr(name, data)
    os.replace(tmp, path)


def variants_of_seed(seed, out):
    src = "fixtures/seed-000.xlsx"

    wb = load(seed)
    ws = wb[SHEET]
    for ref in SCORE_CELLS + [TOTAL, "J4"]:
        ws[ref].comment = Comment(REMARK, AUTHOR)
    save(wb, out, "comments-openpyxl", "openpyxl comments (财务科王科长) on every 得分 cell, the total and the budget score", src)

    wb = load(seed)
    ws = wb[SHEET]
    ws["H17"].value = None
    ws["H33"].value = None
    ws["H17"].comment = Comment("待填：请财务科核定。", AUTHOR)
    save(wb, out, "empty-scores", "two 得分 cells left empty (H17 with a comment): the copy fills them in", src)

    wb = load(seed)
    ws = wb[SHEET]
    ws.conditional_formatting.add("H15:H45", DataBarRule(start_type="min", end_type="max", color="FF638EC6"))
    save(wb, out, "data-bar", "a data-bar conditional format over the 得分 column", src)

    wb = load(seed)
    ws = wb[SHEET]
    ws.conditional_formatting.add("H15:H45", CellIsRule(operator="lessThan", formula=["G15"], fill=PatternFill(start_color="FFFFC7CE", end_color="FFFFC7CE", fill_type="solid")))
    save(wb, out, "cellis-fill", "a cellIs conditional format with a fill on the 得分 column (得分 < 分值)", src)

    wb = load(seed)
    ws = wb[SHEET]
    ws.print_area = "A1:J46"
    ws.print_title_rows = "14:14"
    save(wb, out, "print-area", "a print area A1:J46 and print titles (row 14)", src)

    wb = load(seed)
    ws = wb[SHEET]
    dv = DataValidation(type="list", formula1='"达成,部分达成,未达成"', allow_blank=True, showDropDown=False)
    dv.add("F15:F45")
    ws.add_data_validation(dv)
    dv2 = DataValidation(type="decimal", operator="between", formula1="0", formula2="10", allow_blank=True, showErrorMessage=True, errorTitle="得分", error="得分应在 0 到 10 之间")
    dv2.add("H15:H45")
    ws.add_data_validation(dv2)
    dv3 = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    dv3.add("J15:J1048576")
    ws.add_data_validation(dv3)
    save(wb, out, "dropdowns", "data validations over the table's columns: a list on 实际完成值, a decimal range on 得分, a whole-column list on 偏差原因", src)

    wb = load(seed)
    ws = wb[SHEET]
    ws["K20"] = "复核：执行率偏低"
    save(wb, out, "reviewer-remark", "a reviewer's remark in the column right of the table (K20)", src)

    wb = load(seed)
    ws = wb[SHEET]
    for r in range(15, 46):
        ws[f"K{r}"] = f"=H{r}/G{r}"
    save(wb, out, "helper-no-header", "helper formulas (=H/G) in K15:K45, a column without a header", src)

    # Shared formulas, as Excel writes a filled-down column: openpyxl cannot write them, so the
    # sheet's XML is edited after saving. Cached values from the fixture's own numbers.
    wb = load(seed)
    ws = wb[SHEET]
    ws["K14"] = "辅助列"
    values = {}
    for r in range(15, 46):
        h, g = ws[f"H{r}"].value, ws[f"G{r}"].value
        try:
            values[r] = float(h) / float(g)
        except (TypeError, ValueError, ZeroDivisionError):
            values[r] = 0.0
    path = save(wb, out, "shared-formulas", "shared formulas (=H15/G15 filled down K15:K45, one master) in a helper column headed 辅助列", src)

    def edit(name, data):
        if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            return data
        xml = data.decode("utf-8")
        if "自评表" in xml:
            pass

        def add(m):
            r = int(m.group(1))
            if r < 15 or r > 45:
                return m.group(0)
            f = f'<f t="shared" ref="K15:K45" si="0">H15/G15</f>' if r == 15 else '<f t="shared" si="0"/>'
            return m.group(0)[: -len("</row>")] + f'<c r="K{r}">{f}<v>{values[r]!r}</v></c></row>'

        xml = re.sub(r'<row r="(\d+)"[^>]*>.*?</row>', add, xml, flags=re.S)
        return xml.encode("utf-8")

    rewrite_zip(path, edit)

    # A threaded comment, as Excel 365 writes one: the thread (threadedComments, persons) and the
    # legacy note older readers show ("[Threaded comment] …"), bound by the note's author tc={id}.
    wb = load(seed)
    ws = wb[SHEET]
    tid = "{5A1F2C3D-0000-4000-8000-00000000A001}"
    pid = "{5A1F2C3D-0000-4000-8000-00000000B001}"
    legacy = (
        "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed "
        "if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    " + REMARK
    )
    ws[TOTAL].comment = Comment(legacy, f"tc={tid}")
    path = save(wb, out, "threaded-comment", "a threaded comment (with its legacy note) on the total H46", src)
    person = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<person displayName="{AUTHOR}" id="{pid}" userId="wang@example.gov.cn" providerId="None"/></personList>'
    )
    thread = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<threadedComment ref="{TOTAL}" dT="2024-01-01T08:00:00.00" personId="{pid}" id="{tid}"><text>{REMARK}</text></threadedComment></ThreadedComments>'
    )

    def edit_tc(name, data):
        text = data.decode("utf-8")
        if name == "[Content_Types].xml":
            return text.replace(
                "</Types>",
                '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
                '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/></Types>',
            ).encode("utf-8")
        if name == "xl/_rels/workbook.xml.rels":
            return text.replace("</Relationships>", '<Relationship Id="rIdPerson1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>').encode("utf-8")
        if name == "xl/worksheets/_rels/sheet1.xml.rels":
            return text.replace(
                "</Relationships>",
                '<Relationship Id="rIdThread1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>',
            ).encode("utf-8")
        return data

    edit_tc.extra = {"xl/persons/person.xml": person.encode("utf-8"), "xl/threadedComments/threadedComment1.xml": thread.encode("utf-8")}
    rewrite_zip(path, edit_tc)


def features(wb):
    f = {"comments": 0, "cf": 0, "dv": 0, "names": 0, "merges": 0, "sheets": len(wb.worksheets)}
    for ws in wb.worksheets:
        f["comments"] += sum(1 for c in ws._cells.values() if c.comment is not None)
        f["cf"] += len(list(ws.conditional_formatting))
        f["dv"] += len(ws.data_validations.dataValidation)
        f["merges"] += len(ws.merged_cells.ranges)
    dn = getattr(wb.defined_names, "definedName", None)
    f["names"] = len(dn) if dn is not None else len(wb.defined_names)
    return f


def quick_kinds(path):
    """How many of comments, conditional formats, validations, defined names, merges a package holds, from its XML (no openpyxl load)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            sheets = b"".join(z.read(n) for n in names if re.match(r"xl/worksheets/[^/]+\.xml$", n))
            book = z.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
    except Exception:  # noqa: BLE001
        return 0
    return sum([any("comments" in n for n in names), b"conditionalFormatting" in sheets, b"dataValidation" in sheets, b"definedName" in book, b"mergeCell" in sheets])


def copy_table(seed_ws, ws, row_offset):
    """seed-000's sheet written into ws, `row_offset` rows down: values (formulas translated), number formats, merges, widths."""
    for row in seed_ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            dst = ws.cell(row=c.row + row_offset, column=c.column)
            v = c.value
            if isinstance(v, str) and v.startswith("="):
                v = Translator(v, origin=c.coordinate).translate_formula(dst.coordinate)
            dst.value = v
            dst.number_format = c.number_format
    for m in seed_ws.merged_cells.ranges:
        ws.merge_cells(start_row=m.min_row + row_offset, start_column=m.min_col, end_row=m.max_row + row_offset, end_column=m.max_col)


def from_corpus(seed, corpus, out, limit):
    seed_ws = load(seed)[SHEET]
    into, into_either, beside = [], [], []
    folder = os.path.join(corpus, "poi")
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xlsx") or os.path.getsize(os.path.join(folder, name)) > 300_000:
            continue
        path = os.path.join(folder, name)
        if quick_kinds(path) < 2:
            continue
        try:
            wb = load(path)
        except Exception:  # noqa: BLE001
            continue
        f = features(wb)
        # A sheet with comments and conditional formats; failing that (rare in the corpus), one with either.
        for ws in wb.worksheets:
            has = (any(c.comment is not None for c in ws._cells.values()), len(list(ws.conditional_formatting)) > 0)
            if any(has) and len(ws.merged_cells.ranges) < 500:
                (into if all(has) else into_either).append((name, ws.title, has))
                break
        kinds = sum(1 for k in ("comments", "cf", "dv", "names", "merges") if f[k] > 0)
        if kinds >= 3 and len(beside) < limit and name not in [n for n, _, _ in into]:
            beside.append(name)
    into = (into + into_either)[:limit]
    for name, title, has in into:
        wb = load(os.path.join(folder, name))
        ws = wb[title]
        copy_table(seed_ws, ws, ws.max_row + 2)
        save(wb, out, f"table-in-sheet-{os.path.splitext(name)[0]}", f"seed-000's table written below the content of sheet “{title}” (which has {' and '.join(k for k, h in zip(('comments', 'conditional formats'), has) if h)}) of poi/{name}", f"poi/{name}")
    for name in beside:
        wb = load(os.path.join(folder, name))
        ws = wb.create_sheet(SHEET)
        copy_table(seed_ws, ws, 0)
        for col, dim in seed_ws.column_dimensions.items():
            ws.column_dimensions[col].width = dim.width
        save(wb, out, f"table-new-sheet-{os.path.splitext(name)[0]}", f"seed-000's table as a new sheet 自评表 of poi/{name} ({', '.join(k for k in ('comments', 'cf', 'dv', 'names', 'merges') if features(load(os.path.join(folder, name)))[k])})", f"poi/{name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--round-trip", nargs="*", default=["seed-000.xlsx", "two-tables.xlsx", "project-split.xlsx"])
    ap.add_argument("--corpus-limit", type=int, default=2)
    a = ap.parse_args()
    seed = os.path.join(a.fixtures, "seed-000.xlsx")
    for name in a.round_trip:
        save(load(os.path.join(a.fixtures, name)), a.out, f"openpyxl-{os.path.splitext(name)[0]}", f"fixtures/{name} loaded and saved by openpyxl", f"fixtures/{name}")
    variants_of_seed(seed, a.out)
    from_corpus(seed, a.corpus, a.out, a.corpus_limit)
    json.dump(made, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
