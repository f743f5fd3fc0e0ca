#!/usr/bin/env python3
"""Dump workbooks to JSON with openpyxl: what the corpus checks hold a scored copy to.

    dump_workbook.py FILE...            full dumps, one JSON object {FILE: dump} on stdout
    dump_workbook.py --load-only FILE...  only whether openpyxl loads each file, and its malformed XML parts

A dump holds, per sheet: every non-empty cell's value (formula text or literal) with its type, its
cached value and its number format; every comment with its author; the merges, data validations,
conditional formats, print area and print titles; and the workbook's defined names. Beside the
openpyxl load: whether every zip entry's CRC is right (zipfile.testzip) and which XML parts are not
well-formed (expat, with namespaces: an undeclared prefix counts). Any failure is reported in the dump, never raised.
"""
import json
import os
import re
import sys
import tempfile
import warnings
import zipfile
import xml.parsers.expat

warnings.simplefilter("ignore")

import openpyxl  # noqa: E402


def value_of(cell):
    v = cell.value
    if v is None:
        return None
    if hasattr(v, "isoformat"):
        return [cell.data_type, v.isoformat()]
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, (int, float)):
        return ["n", repr(float(v)) if isinstance(v, float) else str(v)]
    if hasattr(v, "text") and not isinstance(v, str):  # ArrayFormula and friends
        return [cell.data_type, getattr(v, "text", str(v))]
    return [cell.data_type, str(v)]


def color(c):
    if c is None:
        return None
    return getattr(c, "rgb", None) if isinstance(getattr(c, "rgb", None), str) else (f"theme:{c.theme}" if getattr(c, "theme", None) is not None else None)


def dxf_of(dxf):
    if dxf is None:
        return None
    out = {}
    if dxf.fill is not None:
        out["fill"] = [getattr(dxf.fill, "patternType", None), color(getattr(dxf.fill, "fgColor", None)), color(getattr(dxf.fill, "bgColor", None))]
    if dxf.font is not None:
        out["font"] = [color(dxf.font.color), dxf.font.b, dxf.font.i]
    if dxf.numFmt is not None:
        out["numFmt"] = dxf.numFmt.formatCode
    return out


def cfvo(v):
    return [v.type, v.val]


def rule_of(r):
    out = {
        "type": r.type,
        "operator": r.operator,
        "formula": list(r.formula or []),
        "priority": r.priority,
        "stopIfTrue": r.stopIfTrue,
        "text": r.text,
        "dxf": dxf_of(r.dxf),
    }
    if r.dataBar is not None:
        out["dataBar"] = {"cfvo": [cfvo(v) for v in r.dataBar.cfvo], "color": color(r.dataBar.color)}
    if r.colorScale is not None:
        out["colorScale"] = {"cfvo": [cfvo(v) for v in r.colorScale.cfvo], "color": [color(c) for c in r.colorScale.color]}
    if r.iconSet is not None:
        out["iconSet"] = {"iconSet": r.iconSet.iconSet, "cfvo": [cfvo(v) for v in r.iconSet.cfvo]}
    return out


def dv_of(dv):
    return {
        "sqref": str(dv.sqref),
        "type": dv.type,
        "operator": dv.operator,
        "formula1": dv.formula1,
        "formula2": dv.formula2,
        "allow_blank": dv.allow_blank,
        "showDropDown": dv.showDropDown,
        "showErrorMessage": dv.showErrorMessage,
        "showInputMessage": dv.showInputMessage,
        "promptTitle": dv.promptTitle,
        "prompt": dv.prompt,
        "errorTitle": dv.errorTitle,
        "error": dv.error,
    }


def names_of(wb):
    out = []
    dn = wb.defined_names
    items = getattr(dn, "definedName", None)
    if items is None:  # openpyxl 3.1: a dict of the workbook's names
        items = list(dn.values())
    for d in items:
        out.append({"name": d.name, "value": d.attr_text, "localSheetId": d.localSheetId, "hidden": d.hidden})
    for ws in wb.worksheets:  # openpyxl 3.1 keeps sheet-scoped names on the sheet
        for d in getattr(ws, "defined_names", {}).values() if isinstance(getattr(ws, "defined_names", None), dict) else []:
            out.append({"name": d.name, "value": d.attr_text, "localSheetId": wb.worksheets.index(ws), "hidden": d.hidden})
    return out


def parts_check(path):
    bad = None
    malformed = []
    try:
        with zipfile.ZipFile(path) as z:
            try:
                bad = z.testzip()
            except Exception as e:  # noqa: BLE001
                bad = f"error: {e}"
            for name in z.namelist():
                if not (name.endswith(".xml") or name.endswith(".rels")):
                    continue
                try:
                    data = z.read(name)
                except Exception as e:  # noqa: BLE001
                    malformed.append({"part": name, "error": f"cannot read: {e}"})
                    continue
                # Namespace-aware: an undeclared prefix (r:id without xmlns:r) is an error, as in Excel.
                p = xml.parsers.expat.ParserCreate(namespace_separator=" ")
                try:
                    p.Parse(data, True)
                except xml.parsers.expat.ExpatError as e:
                    malformed.append({"part": name, "error": str(e)})
    except Exception as e:  # noqa: BLE001
        bad = f"not a zip: {e}"
    return bad, malformed


NAMESPACES = {
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "x14ac": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac",
    "xr": "http://schemas.microsoft.com/office/spreadsheetml/2014/revision",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
}


def repair_prefixes(path, malformed):
    parts = [m["part"] for m in malformed if "unbound prefix" in m["error"]]
    if not parts:
        return None
    fd, tmp = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in parts:
                text = data.decode("utf-8")
                m = re.search(r"<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(?=[\s>/])", text[text.find("<", text.find("?>") + 2 if text.startswith("<?") else 0):])
                start = text.find("<", text.find("?>") + 2 if text.startswith("<?") else 0)
                end = start + len(m.group(0)) if m else start
                decl = "".join(f' xmlns:{p}="{u}"' for p, u in NAMESPACES.items() if f"xmlns:{p}=" not in text[start:text.find(">", start)])
                data = (text[:end] + decl + text[end:]).encode("utf-8")
            dst.writestr(info, data)
    return tmp


def dump(path):
    out = {"load": None}
    out["testzip"], out["malformed"] = parts_check(path)
    try:
        wb = openpyxl.load_workbook(path)
        cached = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # noqa: BLE001
        out["load"] = f"{type(e).__name__}: {e}"
        # A part that uses a prefix it does not declare: declare the usual ones and look further, so
        # that what else the copy lost is known before that is fixed. The load failure stands.
        repaired = repair_prefixes(path, out["malformed"])
        if repaired is None:
            return out
        try:
            wb = openpyxl.load_workbook(repaired)
            cached = openpyxl.load_workbook(repaired, data_only=True)
            out["repaired"] = "undeclared namespace prefixes declared on the root of " + ", ".join(m["part"] for m in out["malformed"] if "unbound prefix" in m["error"])
        except Exception:  # noqa: BLE001
            return out
        finally:
            os.unlink(repaired)
    sheets = []
    for ws in wb.worksheets:
        cws = cached[ws.title]
        cells = {}
        comments = {}
        for (row, col), cell in sorted(ws._cells.items()):
            if cell.comment is not None:
                comments[cell.coordinate] = [cell.comment.text, cell.comment.author]
            if cell.value is None:
                continue
            cells[cell.coordinate] = [value_of(cell), cell.number_format, value_of(cws.cell(row=row, column=col))]
        cfs = []
        for cf in ws.conditional_formatting:
            cfs.append({"sqref": str(cf.sqref), "rules": [rule_of(r) for r in cf.rules]})
        sheets.append(
            {
                "title": ws.title,
                "state": ws.sheet_state,
                "cells": cells,
                "comments": comments,
                "merges": sorted(str(r) for r in ws.merged_cells.ranges),
                "dv": [dv_of(dv) for dv in ws.data_validations.dataValidation],
                "cf": cfs,
                "print_area": ws.print_area if isinstance(ws.print_area, str) or ws.print_area is None else str(ws.print_area),
                "print_title_rows": ws.print_title_rows,
                "print_title_cols": ws.print_title_cols,
            }
        )
    out["sheets"] = sheets
    out["chartsheets"] = [c.title for c in wb.chartsheets]
    out["sheetnames"] = wb.sheetnames
    out["names"] = names_of(wb)
    return out


def main(argv):
    load_only = argv and argv[0] == "--load-only"
    files = argv[1:] if load_only else argv
    result = {}
    for f in files:
        if load_only:
            _bad, malformed = parts_check(f)
            try:
                openpyxl.load_workbook(f)
                result[f] = {"load": None, "malformed": malformed}
            except Exception as e:  # noqa: BLE001
                result[f] = {"load": f"{type(e).__name__}: {e}", "malformed": malformed}
        else:
            try:
                result[f] = dump(f)
            except Exception as e:  # noqa: BLE001
                result[f] = {"load": f"dump failed: {type(e).__name__}: {e}"}
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
