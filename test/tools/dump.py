# What openpyxl reads of a workbook, as JSON on stdout: a reader we did not write, for the tests
# that check a scored copy keeps everything of the original. Usage: python3 dump.py FILE.xlsx
import json
import sys

import openpyxl


def value(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "cells": {}, "comments": {}, "merges": {}, "validations": {}, "conditional": {}, "names": {}, "printAreas": {}}
    for ws in wb.worksheets:
        cells, comments = {}, {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = {"v": value(c.value), "f": c.number_format}
                if c.comment is not None:
                    comments[c.coordinate] = {"text": c.comment.text, "author": c.comment.author}
        out["cells"][ws.title] = cells
        out["comments"][ws.title] = comments
        out["merges"][ws.title] = sorted(str(r) for r in ws.merged_cells.ranges)
        out["validations"][ws.title] = [
            {"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1} for dv in ws.data_validations.dataValidation
        ]
        out["conditional"][ws.title] = [
            {"sqref": str(cf.sqref), "rules": [r.type for r in cf.rules]} for cf in ws.conditional_formatting
        ]
        # openpyxl 3.0 gives a list of ranges, 3.1 one text with the sheet's name: ranges joined, no name.
        area = ws.print_area
        if isinstance(area, (list, tuple)):
            area = ",".join(area)
        out["printAreas"][ws.title] = None if area is None else ",".join(a.split("!")[-1] for a in area.split(","))
    # openpyxl 3.0 keeps defined names in a list, 3.1 in a dict.
    names = wb.defined_names
    for dn in (names.definedName if hasattr(names, "definedName") else names.values()):
        out["names"][dn.name] = dn.attr_text
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
