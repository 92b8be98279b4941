import Foundation
import Testing
import BancheCore
@testable import BancheIO
import XLSXTestSupport

/// The usual office sheet: title rows, numbering and signature columns, other header names,
/// empty rows, dates as offices type them, full-width digits, IDs Excel turned into numbers.
@Suite struct SheetToleranceTests {
    let today = CivilDate(year: 2026, month: 11, day: 24)!

    func known() -> KnownRecords {
        var k = KnownRecords()
        k.stops = ["TD100": .township, "TD101": .township, "PJ100": .factory]
        k.routes = ["TD-PJ": .toWork]
        return k
    }

    func parse(_ table: CSVTable, _ kind: ImportKind = .workers) -> (workers: [Worker], issues: [String], notes: [String]) {
        var p = RowParser(kind: kind, table: table, known: known(), replace: false, today: today)
        let (rows, _) = p.parse()
        guard case .workers(let w) = rows else { return ([], p.issues.map(\.description), p.notes) }
        return (w, p.issues.map(\.description), p.notes)
    }

    func parse(_ text: String, _ kind: ImportKind = .workers) throws -> (workers: [Worker], issues: [String], notes: [String]) {
        parse(try CSVReader().parse(text, file: "w.csv"), kind)
    }

    static let header = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop"
    static let row = "W1,农秀英,451425199001011233,to-work,2027-02-12,TD100,PJ100"

    // MARK: title rows

    @Test func titleRowsAboveTheHeaderAreSkipped() throws {
        let r = try parse("天等县2027年节后返岗务工人员名单,,,,,,\n填表日期：2027年1月5日\n\(Self.header)\n\(Self.row)\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.count == 1)
        #expect(r.notes == ["w.csv: skipped title rows 1–2 above the header"])
        // Positions still count from the top of the file.
        let bad = try parse("名单\n\(Self.header)\nW1,农秀英,451425199001011234,to-work,2027-02-12,TD100,PJ100\n")
        #expect(bad.issues == ["w.csv:3:3: resident_id 451425********1234: check character should be 3, found 4"])
        #expect(bad.notes == ["w.csv: skipped title row 1 above the header"])
    }

    @Test func aHeaderIsFoundOnlyInTheFirstTenRows() throws {
        let nine = String(repeating: "说明\n", count: 9)
        #expect(try parse(nine + Self.header + "\n" + Self.row + "\n").issues.isEmpty)
        let ten = String(repeating: "名单\n", count: 10)
        #expect(try parse(ten + Self.header + "\n" + Self.row + "\n").issues.first?.hasPrefix("w.csv:1:1: unknown column \"名单\"") == true)
    }

    @Test func aHeaderWithOneKnownColumnStaysTheHeader() throws {
        // One known column is no proof of a title row: the unknown columns are reported where they are.
        let r = try parse("worker_id,nmae\nW1,农秀英\nW2,黄建国\n")
        #expect(r.issues.contains("w.csv:1:2: unknown column \"nmae\"; did you mean name?"))
        #expect(r.notes.isEmpty)
    }

    // MARK: ignored columns

    @Test func numberingRemarksAndEmptyHeadersAreIgnoredAndListed() throws {
        let r = try parse("序号,\(Self.header),备注,,本人签名\n1,\(Self.row),路上小心,x,\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.count == 1 && r.workers[0].name == "农秀英")
        #expect(r.notes == ["w.csv: ignored columns A 序号, I 备注, J (no header), K 本人签名 (not imported)"])
    }

    @Test func anotherUnknownColumnIsStillAnError() throws {
        let r = try parse("\(Self.header),remark\n\(Self.row),x\n")
        #expect(r.issues == ["w.csv:1:8: unknown column \"remark\"; workers.csv takes: worker_id, name, resident_id, phone, household_id, direction, earliest_date, latest_date, pickup_stop, dropoff_stop, employer, home_township, priority, accessible_seat, route_id"])
    }

    @Test(arguments: [
        ("accesible_seat", "accessible_seat"), ("accessible seats", "accessible_seat"), ("Acessible-Seat", "accessible_seat"),
        ("需无障碍坐位", "需无障碍座位 (accessible_seat)"), ("是否需无障碍座位", "需无障碍座位 (accessible_seat)"),
        ("身份证号吗", "身份证号 (resident_id)"), ("earliestdate", "earliest_date"), ("household", "household_id"),
    ])
    func aMisspeltColumnIsAnErrorWithASuggestion(_ header: String, _ suggested: String) throws {
        let r = try parse("\(Self.header),\(header)\n\(Self.row),yes\n")
        #expect(r.issues == ["w.csv:1:8: unknown column \"\(header)\"; did you mean \(suggested)?"])
    }

    @Test func farFromEveryNameGetsNoSuggestion() throws {
        let r = try parse("\(Self.header),car\n\(Self.row),x\n")
        #expect(r.issues.first?.contains("did you mean") == false)
    }

    // MARK: header variants

    @Test func headerVariantsMapToTheDocumentedColumns() throws {
        let text = "人员编号,名字,身份证号码,手机号码,方向,出行日期,上车点,下车点,所在乡镇,务工单位\nW1,农秀英,451425199001011233,13907711234,返岗,2027-02-12,TD100,PJ100,上映乡,某厂\n"
        let r = try parse(text)
        #expect(r.issues.isEmpty, "\(r.issues)")
        let w = try #require(r.workers.first)
        #expect(w.id == "W1" && w.name == "农秀英" && w.phone == "13907711234" && w.homeTownship == "上映乡" && w.employer == "某厂")
        let spaced = try parse("编号,姓 名,\"身份证\n号码\",方向,出行日期,上车点,下车点\nW1,农秀英,451425199001011233,返岗,2027-02-12,TD100,PJ100\n")
        #expect(spaced.issues.isEmpty, "\(spaced.issues)")
    }

    @Test func noVariantNamesTwoColumns() {
        for kind in ImportKind.allCases {
            var owner: [String: String] = [:]
            for spec in kind.columns {
                for n in [spec.name, spec.chinese] + (kind.headerVariants[spec.name] ?? []) {
                    let key = ImportKind.normalizedHeader(n)
                    #expect(owner[key] == nil || owner[key] == spec.name, "\(kind) \(n): \(owner[key] ?? "") and \(spec.name)")
                    #expect(!ImportKind.isIgnoredHeader(n), "\(n) is both a column and ignored")
                    owner[key] = spec.name
                }
            }
            for v in kind.headerVariants.keys { #expect(kind.columns.contains { $0.name == v }, "\(kind): no column \(v)") }
        }
    }

    /// docs/formats.md lists exactly the variants the importer takes, and the ignore list.
    @Test func theDocumentedVariantsAreTheImportersOwn() throws {
        let doc = try String(contentsOfFile: fixturePath("../docs/formats.md"), encoding: .utf8)
        var documented: [String: [String]] = [:]
        for line in doc.split(separator: "\n") {
            guard let m = line.wholeMatch(of: /\| (\w+) \| `(\w+)` \| ([^|`]+) \|/) else { continue }
            documented["\(m.1).\(m.2)"] = m.3.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var code: [String: [String]] = [:]
        for k in ImportKind.allCases { for (c, v) in k.headerVariants { code["\(k.rawValue).\(c)"] = v } }
        #expect(documented == code)
        for h in ImportKind.ignoredHeaders { #expect(doc.contains("`\(h)`"), "\(h) is not documented") }
    }

    // MARK: rows and values

    @Test func rowsOfOnlyCommasAreSkipped() throws {
        let r = try parse("\(Self.header)\n,,,,,,\n\(Self.row)\n,,,,,,,,,,\n \t,,\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.count == 1)
        // A row longer than the header is still an error, empty or not (Excel pads the header
        // too: its extra columns have no name and are ignored).
        #expect(try parse("\(Self.header)\n\(Self.row),\n").issues == ["w.csv:2:8: 8 fields but the header has 7; an unquoted comma?"])
        #expect(try parse("\(Self.header),,\n\(Self.row),,\n").issues.isEmpty)
        let extra = try parse("\(Self.header)\n\(Self.row),,x\n").issues
        #expect(extra == ["w.csv:2:8: 9 fields but the header has 7; an unquoted comma?"])
    }

    @Test(arguments: [
        ("2027-02-13", "2027-02-13"), ("2027/2/13", "2027-02-13"), ("2027-2-13", "2027-02-13"), ("2027.2.13", "2027-02-13"),
        ("2027年2月13日", "2027-02-13"), ("2027年02月13日", "2027-02-13"), ("2027年2月13", "2027-02-13"), ("２０２７年２月１３日", "2027-02-13"),
        ("46431", "2027-02-13"), ("2027/2/13 0:00", "2027-02-13"), ("2027-02-13 00:00:00", "2027-02-13"),
    ])
    func datesAsOfficesWriteThem(_ text: String, _ iso: String) throws {
        let r = try parse("\(Self.header)\nW1,农秀英,451425199001011233,to-work,\(text),TD100,PJ100\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.first?.window.first.description == iso)
    }

    @Test(arguments: ["2027-2-30", "2027/13/1", "2027年2月", "4643", "464310", "2027/2/13 5:30", "13/2/2027", "2027-02-13x"])
    func notDates(_ text: String) throws {
        let r = try parse("\(Self.header)\nW1,农秀英,451425199001011233,to-work,\(text),TD100,PJ100\n")
        #expect(r.issues == ["w.csv:2:5: earliest_date \"\(text)\" is not a date; write YYYY-MM-DD, e.g. 2027-02-12"])
    }

    @Test func fullWidthDigitsAndLettersInIDsAndPhones() throws {
        let r = try parse("\(Self.header),phone\nW1,农秀英,４５１４２５１９９００１０１１２３３,to-work,2027-02-12,TD100,PJ100,１３９０７７１１２３４\nW2,黄,45142519900101125ｘ,to-work,2027-02-12,TD100,PJ100,\n")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.map(\.residentID.value) == ["451425199001011233", "45142519900101125X"])
        #expect(r.workers[0].phone == "13907711234")
    }

    @Test func anIDInScientificNotationSaysWhatExcelDid() throws {
        let r = try parse("\(Self.header),phone\nW1,农秀英,4.5142E+17,to-work,2027-02-12,TD100,PJ100,1.39077E+10\n")
        #expect(r.issues == [
            "w.csv:2:3: resident_id 4.5142E+17 is a number in scientific notation: Excel took the ID number for a number and kept only its first 15 digits; set the column's format to 文本 (Text) and type the numbers again",
            "w.csv:2:8: phone 1.39077E+10 is a number in scientific notation: Excel took the phone number for a number; set the column's format to 文本 (Text) and type the numbers again",
        ])
        // The same from a workbook whose ID cell is a number.
        let path = try xlsxTempPath("w.xlsx")
        try TestWorkbook([Self.header.split(separator: ",").map { .text(String($0)) },
                          [.text("W1"), .text("农秀英"), .number(451425199001011233), .text("to-work"), .formatted(46431, format: 14), .text("TD100"), .text("PJ100")]]).write(to: path)
        let x = parse(try XLSXReader().read(path: path, displayName: "w.xlsx"))
        #expect(x.issues == ["w.xlsx:Sheet1!C2: resident_id 4.51425199001011E+17 is a number in scientific notation: Excel took the ID number for a number and kept only its first 15 digits; set the column's format to 文本 (Text) and type the numbers again"])
    }

    @Test func aTypicalOfficeWorkbook() throws {
        let path = try xlsxTempPath("名单.xlsx")
        var wb = TestWorkbook([
            [.text("天等县2027年节后返岗务工人员名单")],
            [],
            [.text("序号"), .text("姓名"), .text("身份证号码"), .text("联系电话"), .text("人员编号"), .text("方向"), .text("出行日期"), .text("上车点"), .text("下车点"), .text("本人签名")],
            [.number(1), .text("农秀英"), .text("451425199001011233"), .number(13907711234), .text("W1"), .text("返岗"), .formatted(46431, format: 31), .text("TD100"), .text("PJ100")],
            [.empty, .empty, .empty],
            [.number(2), .text("黄建国"), .text("45142519900101125X"), .empty, .text("W2"), .text("返岗"), .formatted(46432, format: 164), .text("TD101"), .text("PJ100")],
        ])
        wb.formats = [164: "yyyy\"年\"m\"月\"d\"日\""]
        try wb.write(to: path)
        let r = parse(try TableReader().read(path: path, displayName: "名单.xlsx"))
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.workers.map(\.id) == ["W1", "W2"])
        #expect(r.workers.map(\.window.first.description) == ["2027-02-13", "2027-02-14"])
        #expect(r.notes == ["名单.xlsx: skipped title row 1 above the header", "名单.xlsx: ignored columns A 序号, J 本人签名 (not imported)"])
    }
}
