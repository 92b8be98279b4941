#!/usr/bin/env python3
"""Reads a workbook with openpyxl and prints what the tests check, as JSON.

Used by Tests/BancheCLITests/XLSXExportCLITests.swift (an independent reader: what Excel-like
software sees, not what banche meant to write). For each sheet: its title, the frozen cell,
the header row, column widths, and for every column the data type of each cell
('s' text, 'n' number, ...) and its values.
"""
import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": []}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        header = [c.value for c in rows[0]] if rows else []
        columns = {}
        for i, name in enumerate(header):
            cells = [r[i] for r in rows[1:] if i < len(r)]
            columns[str(name)] = {
                "types": [c.data_type for c in cells if c.value is not None],
                "values": [c.value if isinstance(c.value, (int, float)) else str(c.value) for c in cells if c.value is not None],
            }
        out["sheets"].append({
            "title": ws.title,
            "freeze": ws.freeze_panes,
            "header": header,
            "header_bold": [bool(c.font and c.font.b) for c in rows[0]] if rows else [],
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "rows": len(rows) - 1 if rows else 0,
            "columns": columns,
        })
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
