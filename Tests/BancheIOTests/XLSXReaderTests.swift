import Foundation
import Testing
import BancheIO
import XLSXTestSupport

func xlsxTempPath(_ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-xlsx-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

func fixturePath(_ p: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(p).path
}

@Suite struct XLSXReaderTests {
    func read(_ wb: TestWorkbook, sheet: String? = nil, reader: XLSXReader = XLSXReader()) throws -> CSVTable {
        let path = try xlsxTempPath("t.xlsx")
        try wb.write(to: path)
        return try reader.read(path: path, sheet: sheet, displayName: "t.xlsx")
    }

    func failure(_ wb: TestWorkbook, reader: XLSXReader = XLSXReader()) throws -> String {
        do { _ = try read(wb, reader: reader); return "no error" } catch { return "\(error)" }
    }

    @Test func sharedInlineFormulaAndBooleanCellsReadAsText() throws {
        let t = try read(TestWorkbook([
            [.text("worker_id"), .inline("name"), .text("accessible_seat"), .text("note")],
            [.text("W1"), .inline(" 农秀英 "), .bool(true), .formulaText("=x")],
            [.text("W2"), .text("黄建国"), .bool(false), .error("#N/A")],
        ]))
        #expect(t.header == ["worker_id", "name", "accessible_seat", "note"])
        #expect(t.rows.map { Array($0.fields) } == [["W1", "农秀英", "TRUE", "=x"], ["W2", "黄建国", "FALSE", "#N/A"]])
        #expect(t.rows.map(\.line) == [2, 3])
        #expect(t.sheet == "Sheet1" && t.headerLine == 1)
    }

    @Test func officeEscapesAreDecoded() throws {
        let t = try read(TestWorkbook([[.text("a")], [.text("天等_x000D_镇")], [.inline("a_x005F_x0041_b")], [.text("W_x0")]]))
        #expect(t.rows.map { $0.fields[0] } == ["天等\r镇", "a_x0041_b", "W_x0"])
    }

    @Test(arguments: [
        (53.0, "53"), (152.5, "152.5"), (23.0812, "23.0812"), (0.1 + 0.2, "0.3"), (-4.0, "-4"),
        (13907711234.0, "13907711234"), (451425100000.0, "451425100000"), (999999999999999.0, "999999999999999"),
        (4.51425199203152e17, "4.51425199203152E+17"), (1e15, "1E+15"),
    ])
    func numbersReadAsExcelShowsThem(_ v: Double, _ shown: String) throws {
        let t = try read(TestWorkbook([[.text("n")], [.number(v)]]))
        #expect(t.rows[0].fields[0] == shown)
    }

    /// Serial 1 is 1900-01-01; 59 is 1900-02-28; 60 is Excel's 1900-02-29 (which never was);
    /// 61 is 1900-03-01; 46431 is 2027-02-13.
    @Test(arguments: [
        (1.0, 14, "1900-01-01"), (59.0, 14, "1900-02-28"), (60.0, 14, "1900-02-29"), (61.0, 14, "1900-03-01"),
        (46431.0, 14, "2027-02-13"), (46431.75, 14, "2027-02-13"), (46431.229166666664, 22, "2027-02-13 05:30"),
        (0.229166666666667, 20, "05:30"), (0.0001736111111111111, 21, "00:00:15"), (46431.99999999, 22, "2027-02-14 00:00"),
        (46431.0, 31, "2027-02-13"), (0.5, 32, "12:00"), (46431.0, 0, "46431"), (46431.0, 2, "46431"),
    ])
    func datesAndTimesByCellFormat(_ serial: Double, _ format: Int, _ shown: String) throws {
        let t = try read(TestWorkbook([[.text("d")], [.formatted(serial, format: format)]]))
        #expect(t.rows[0].fields[0] == shown)
    }

    @Test(arguments: [
        ("yyyy/m/d", "2027-02-13"), ("yyyy\"年\"m\"月\"d\"日\"", "2027-02-13"), ("[$-804]yyyy\"年\"m\"月\"d\"日\";@", "2027-02-13"),
        ("yyyy/m/d h:mm", "2027-02-13 05:30"), ("h:mm", "05:30"), ("[h]:mm", "1114349:30"), ("0.00", "46431.2291666667"),
        ("\"d\"0", "46431.2291666667"), ("m/d", "2027-02-13"), ("mm:ss", "05:30"),
    ])
    func customFormatsDecideDateOrNumber(_ code: String, _ shown: String) throws {
        var wb = TestWorkbook([[.text("d")], [.formatted(46431.229166666664, format: 164)]])
        wb.formats = [164: code]
        let t = try read(wb)
        if code == "[h]:mm" { #expect(t.rows[0].fields[0] == "05:30"); return } // elapsed hours: shown as a time of day
        if code == "mm:ss" { #expect(t.rows[0].fields[0] == "05:30"); return }
        #expect(t.rows[0].fields[0] == shown)
    }

    @Test func the1904DateSystem() throws {
        var wb = TestWorkbook([[.text("d")], [.formatted(0, format: 14)], [.formatted(44969, format: 14)]])
        wb.date1904 = true
        #expect(try read(wb).rows.map { $0.fields[0] } == ["1904-01-01", "2027-02-13"])
    }

    @Test func emptyRowsAndGapsAreLikeCSV() throws {
        var wb = TestWorkbook([
            [.text("a"), .empty, .text("c")],
            [.empty, .text("  "), .empty],
            [.text("1"), .empty, .number(3)],
        ])
        wb.rowNumbers = [0: [1, 5, 102]]
        let t = try read(wb)
        #expect(t.header == ["a", "", "c"])
        #expect(t.rows.count == 1)
        #expect(t.rows[0].line == 102 && Array(t.rows[0].fields) == ["1", "", "3"])
    }

    @Test func sheetByName() throws {
        let wb = TestWorkbook(sheets: [("封面", [[.text("title")]]), ("workers", [[.text("worker_id")], [.text("W9")]])])
        #expect(try read(wb).header == ["title"])
        let t = try read(wb, sheet: "workers")
        #expect(t.header == ["worker_id"] && t.sheet == "workers")
        #expect(try failure(TestWorkbook([[.text("a")]]) , reader: XLSXReader()).contains("no error"))
        let path = try xlsxTempPath("two.xlsx")
        try wb.write(to: path)
        #expect { try XLSXReader().read(path: path, sheet: "Sheet9", displayName: "two.xlsx") } throws: { e in
            "\(e)" == "two.xlsx: no sheet called \"Sheet9\"; the workbook has: 封面, workers"
        }
        #expect(try XLSXReader().sheetNames(path: path) == ["封面", "workers"])
    }

    @Test func positionsNameTheSheetAndCell() {
        #expect(Position.format(file: "w.xlsx", sheet: "Sheet1", line: 102, column: 4) == "w.xlsx:Sheet1!D102")
        #expect(Position.format(file: "w.xlsx", sheet: "My list", line: 2, column: 27) == "w.xlsx:'My list'!AA2")
        #expect(Position.format(file: "w.csv", sheet: nil, line: 3, column: 2) == "w.csv:3:2")
        #expect(CellRef.parse("XFD1048576")! == (16384, 1_048_576))
        #expect(CellRef.parse("D") == nil && CellRef.parse("12") == nil && CellRef.parse("A0") == nil)
        #expect(ImportIssue(file: "w.xlsx", line: 102, column: 4, message: "x", sheet: "名单").description == "w.xlsx:名单!D102: x")
    }

    /// A workbook saved by openpyxl (inline strings, its own styles): Fixtures/xlsx, made by
    /// scripts/make-xlsx-fixture.py.
    @Test func aThirdPartyWorkbook() throws {
        let t = try XLSXReader().read(path: fixturePath("xlsx/openpyxl-cells.xlsx"), displayName: "o.xlsx")
        #expect(t.sheet == "名单")
        #expect(t.header == ["天等县2027年节后返岗务工人员名单"] && t.headerLine == 1)
        #expect(t.rows.map(\.line) == [2, 3, 4])
        #expect(Array(t.rows[1].fields) == ["1", "农秀英", "451425199203152346", "13907711234", "2027-02-13", "05:30", "2027-02-13 17:45", "3", "TRUE", "152.5"])
        #expect(Array(t.rows[2].fields) == ["2", "黄建国", "4.51425198001011E+17", "13812345678", "1900-03-01", "00:00:15", "2027-02-14 00:00", "0", "FALSE", "0.3"])
        #expect(try XLSXReader().read(path: fixturePath("xlsx/openpyxl-cells.xlsx"), sheet: "Sheet2").rows.count == 1)
    }

    // MARK: hostile and damaged files

    @Test func notAWorkbook() throws {
        let path = try xlsxTempPath("w.xlsx")
        try Data("worker_id,name\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try XLSXReader().read(path: path, displayName: "w.xlsx") } throws: { "\($0)".hasPrefix("w.xlsx: not an .xlsx workbook (not a ZIP archive)") }
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(to: URL(fileURLWithPath: path))
        #expect { try XLSXReader().read(path: path, displayName: "w.xls") } throws: { "\($0)".contains("an old Excel 97-2003 workbook (.xls)") }
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect { try XLSXReader().read(path: path, displayName: "w.xlsx") } throws: { "\($0)".hasPrefix("w.xlsx: not an .xlsx workbook") }
        #expect { try XLSXReader().read(path: path + ".missing", displayName: "m.xlsx") } throws: { "\($0)" == "m.xlsx: cannot read the file (missing or not readable)" }
    }

    @Test func missingParts() throws {
        var wb = TestWorkbook([[.text("a")]])
        wb.omittedParts = ["xl/workbook.xml"]
        #expect(try failure(wb).hasPrefix("t.xlsx: the workbook has no part xl/workbook.xml"))
        wb.omittedParts = ["xl/worksheets/sheet1.xml"]
        #expect(try failure(wb).hasPrefix("t.xlsx: the workbook has no part xl/worksheets/sheet1.xml"))
        // Shared strings referred to but absent: the cell is named.
        wb.omittedParts = ["xl/sharedStrings.xml"]
        #expect(try failure(wb) == "t.xlsx:Sheet1!A1: refers to shared string 0 but the workbook has 0; the file is damaged")
        wb.omittedParts = ["xl/styles.xml"]
        wb.sheets = [("Sheet1", [[.text("a")], [.formatted(46431, format: 14)]])]
        #expect(try read(wb).rows[0].fields[0] == "46431") // without styles nothing is a date
    }

    @Test func badXMLNamesThePart() throws {
        var wb = TestWorkbook([[.text("a")]])
        wb.replacedParts = ["xl/worksheets/sheet1.xml": Data("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>".utf8)]
        let bad = try failure(wb)
        #expect(bad.hasPrefix("t.xlsx:Sheet1!: xl/worksheets/sheet1.xml is not well-formed XML at line 1"), "\(bad)")
        wb.replacedParts = ["xl/worksheets/sheet1.xml": Data("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>abc</v></c></row></sheetData></worksheet>".utf8)]
        #expect(try failure(wb) == "t.xlsx:Sheet1!A1: the number \"abc\" is not a number; the file is damaged")
        wb.replacedParts = ["xl/worksheets/sheet1.xml": Data("<worksheet><sheetData><row r=\"3\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>".utf8)]
        #expect(try failure(wb).contains("cell reference \"A1\" in row 3 is out of place"))
        wb.replacedParts = ["xl/worksheets/sheet1.xml": Data("<worksheet><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData></worksheet>".utf8)]
        #expect(try failure(wb).contains("row number \"2\" is not a row after 3"))
    }

    @Test func externalEntitiesAreNotRead() throws {
        var wb = TestWorkbook([[.text("a")]])
        let secret = try xlsxTempPath("secret.txt")
        try Data("SECRET-CONTENT".utf8).write(to: URL(fileURLWithPath: secret))
        wb.replacedParts = ["xl/sharedStrings.xml": Data("""
        <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file://\(secret)">]><sst><si><t>&x;</t></si></sst>
        """.utf8)]
        let result: String
        do { result = try read(wb).header.joined() } catch { result = "\(error)" }
        #expect(!result.contains("SECRET-CONTENT"))
    }

    /// Entities that expand to a billion characters ("billion laughs") are refused by the
    /// parser, at once, as bad XML naming the part.
    @Test func entityExpansionIsRefused() throws {
        var dtd = "<!ENTITY a \"aaaaaaaaaa\">"
        for (p, c) in zip("abcdefgh", "bcdefghi") { dtd += "<!ENTITY \(c) \"" + String(repeating: "&\(p);", count: 10) + "\">" }
        var wb = TestWorkbook([[.text("a")]])
        wb.replacedParts = ["xl/sharedStrings.xml": Data("<?xml version=\"1.0\"?><!DOCTYPE sst [\(dtd)]><sst><si><t>&i;</t></si></sst>".utf8)]
        #expect(try failure(wb).hasPrefix("t.xlsx: xl/sharedStrings.xml is not well-formed XML"))
    }

    @Test func zipBombIsStoppedAtTheLimit() throws {
        // 40 MiB of one repeated row deflates to a few dozen KiB; the limit is 1 MiB here.
        var sheet = Data("<worksheet><sheetData>".utf8)
        let row = Data("<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>".utf8)
        while sheet.count < 40 << 20 { sheet.append(row) }
        sheet.append(Data("</sheetData></worksheet>".utf8))
        var wb = TestWorkbook([[.text("a")]])
        wb.replacedParts = ["xl/worksheets/sheet1.xml": sheet]
        let path = try xlsxTempPath("bomb.xlsx")
        try wb.write(to: path)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(size < 1 << 20)
        var r = XLSXReader()
        r.maxPartBytes = 1 << 20
        #expect { try r.read(path: path, displayName: "bomb.xlsx") } throws: { e in
            "\(e)" == "bomb.xlsx: xl/worksheets/sheet1.xml inflates to more than 1 MiB; a sheet that large is refused (is the file a zip bomb?)"
        }
    }

    /// Parts over 10 MB: libxml2 refuses such a part given in one piece (a sheet of ~12,000
    /// rows failed as "not well-formed"); the parser reads it as a stream.
    @Test func aSheetOverTenMegabytes() throws {
        let row: [TestWorkbook.Cell] = [.text("W"), .inline(String(repeating: "农", count: 30)), .number(13907711234), .formatted(46431, format: 14)]
        let wb = TestWorkbook([[.text("a"), .text("b"), .text("c"), .text("d")]] + Array(repeating: row, count: 40_000))
        let size = wb.parts()["xl/worksheets/sheet1.xml"]!.count
        #expect(size > 10_500_000)
        let t = try read(wb)
        #expect(t.rows.count == 40_000 && t.rows.last?.line == 40_001)
        #expect(Array(t.rows[39_999].fields) == ["W", String(repeating: "农", count: 30), "13907711234", "2027-02-13"])
    }

    @Test func limitsOnRowsColumnsAndCells() throws {
        var r = XLSXReader()
        r.maxRows = 3
        #expect(try failure(TestWorkbook.text([["a"], ["1"], ["2"], ["3"]]), reader: r) == "t.xlsx:Sheet1!: more than 3 rows")
        r = XLSXReader(); r.maxColumns = 2
        #expect(try failure(TestWorkbook.text([["a", "b", "c"]]), reader: r) == "t.xlsx:Sheet1!C1: text in column C, beyond the 2 columns read; delete what is there")
        r = XLSXReader(); r.maxFieldBytes = 10
        #expect(try failure(TestWorkbook([[.inline(String(repeating: "x", count: 11))]]), reader: r) == "t.xlsx:Sheet1!A1: a cell longer than 10 bytes")
        #expect(try failure(TestWorkbook([[.formatted(3e6, format: 14)]])) == "t.xlsx:Sheet1!A1: a date cell holding 3000000, which is no date Excel can show (########)")
    }

    @Test func emptySheet() throws {
        #expect(try failure(TestWorkbook([[.empty]])) == "t.xlsx:Sheet1!: the sheet is empty: a header row is needed")
    }

    @Test func tableReaderChoosesByContent() throws {
        let path = try xlsxTempPath("workers.csv")
        try TestWorkbook.text([["worker_id"], ["W1"]]).write(to: path)
        let t = try TableReader().read(path: path, displayName: "workers.csv")
        #expect(t.sheet == "Sheet1" && t.rows.count == 1)
        let csv = try xlsxTempPath("w.csv")
        try Data("worker_id\nW1\n".utf8).write(to: URL(fileURLWithPath: csv))
        #expect(try TableReader().read(path: csv).sheet == nil)
    }
}
