# How a workbook prints and looks, as openpyxl reads it, as JSON on stdout: per sheet its page
# setup, print titles and area, merges, the rows given a height, the cells framed on all four sides
# with a thin line, formulas, and fonts that are bold, sized or underlined. A reader we did not write,
# for the tests of the scored copy as a document. Usage: python3 page.py FILE.xlsx
import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        framed, formulas, fonts, wrapped = [], {}, {}, []
        for row in ws.iter_rows():
            for c in row:
                b = c.border
                if all(getattr(b, s) is not None and getattr(b, s).style == "thin" for s in ("left", "right", "top", "bottom")):
                    framed.append(c.coordinate)
                if isinstance(c.value, str) and c.value.startswith("="):
                    formulas[c.coordinate] = c.value
                if c.value is not None and (c.font.b or c.font.u or (c.font.sz and c.font.sz != 11)):
                    fonts[c.coordinate] = {"b": bool(c.font.b), "u": c.font.u, "sz": c.font.sz}
                if c.value is not None and c.alignment.wrap_text:
                    wrapped.append(c.coordinate)
        out[ws.title] = {
            "orientation": ps.orientation,
            "paperSize": None if ps.paperSize is None else int(ps.paperSize),
            "fitToWidth": None if ps.fitToWidth is None else int(ps.fitToWidth),
            "fitToHeight": None if ps.fitToHeight is None else int(ps.fitToHeight),
            "fitToPage": bool(fit.fitToPage) if fit is not None else False,
            "printTitleRows": ws.print_title_rows,
            "heights": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None},
            "merges": sorted(str(r) for r in ws.merged_cells.ranges),
            "framed": framed,
            "formulas": formulas,
            "fonts": fonts,
            "wrapped": wrapped,
            "autoFilter": ws.auto_filter.ref,
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
