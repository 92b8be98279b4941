"""Writes Fixtures/xlsx/openpyxl-cells.xlsx: a small workbook saved by openpyxl (not by
banche's own test writer), so the reader is checked against a third party's .xlsx.
Run from the repository root in a venv with openpyxl:  python scripts/make-xlsx-fixture.py
XLSXReaderTests expects exactly the cells below."""
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "名单"
ws.append(["天等县2027年节后返岗务工人员名单"])
ws.append(["序号", "姓名", "身份证号码", "手机号", "出行日期", "发车", "到达", "人数", "需无障碍座位", "里程"])
ws.append([1, "农秀英", "451425199203152346", 13907711234, datetime.date(2027, 2, 13),
           datetime.time(5, 30), datetime.datetime(2027, 2, 13, 17, 45), 3, True, 152.5])
ws.append([2, "黄建国", 451425198001011234, "13812345678", datetime.date(1900, 3, 1),
           datetime.time(0, 0, 15), datetime.datetime(2027, 2, 14, 0, 0), 0, False, 0.1 + 0.2])
ws["E3"].number_format = "yyyy/m/d"
ws["E4"].number_format = 'yyyy"年"m"月"d"日"'
ws["F3"].number_format = "h:mm"
ws["F4"].number_format = "h:mm:ss"
ws["G3"].number_format = "yyyy-mm-dd hh:mm"
ws["G4"].number_format = "yyyy-mm-dd hh:mm"
second = wb.create_sheet("Sheet2")
second.append(["stop_id", "name"])
second.append(["TD100", "天等镇上车点"])
wb.save("Fixtures/xlsx/openpyxl-cells.xlsx")
