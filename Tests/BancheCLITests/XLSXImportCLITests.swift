import Foundation
import GRDB
import Testing
import BancheIO
import XLSXTestSupport

/// `banche import` on .xlsx workbooks: the same rows as the CSV, positions as `FILE:Sheet1!D102`.
@Suite struct XLSXImportCLITests {
    /// A CSV file as a careful clerk would keep it in Excel: dates as date cells (yyyy-mm-dd
    /// and yyyy/m/d), times as time cells, short numbers (seats, km, phones, coordinates) as
    /// numbers, ID numbers and everything else as text.
    static func workbook(fromCSV path: String) throws -> TestWorkbook {
        let t = try CSVReader().read(path: path)
        let day = 86_400.0
        func cell(_ s: String, _ col: Int) -> TestWorkbook.Cell {
            if s.isEmpty { return .empty }
            if s.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
                let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
                let serial = f.date(from: s)!.timeIntervalSince1970 / day + 25_569
                return .formatted(serial, format: col % 2 == 0 ? 14 : 164)
            }
            if let m = s.wholeMatch(of: /(\d{2}):(\d{2})/) { return .formatted((Double(m.1)! * 60 + Double(m.2)!) / 1440, format: 20) }
            if s.count <= 11, let v = Double(s), !(s.hasPrefix("0") && s.count > 1 && !s.hasPrefix("0.")) { return .number(v) }
            return .text(s)
        }
        var wb = TestWorkbook([t.header.map { .text($0) }] + t.rows.map { r in r.fields.enumerated().map { cell($0.element, $0.offset) } })
        wb.formats = [164: "yyyy/m/d"]
        return wb
    }

    static func tables(_ db: String) throws -> [String: [String]] {
        let q = try DatabaseQueue(path: db)
        defer { try? q.close() }
        return try q.read { db in
            var out: [String: [String]] = [:]
            for t in ["division", "stop", "leg", "route", "bus", "driver", "worker"] {
                out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t) ORDER BY 1, 2").map { "\($0)" }
            }
            return out
        }
    }

    @Test func theFixtureAsWorkbooksImportsAndPlansAsItsCSV() throws {
        let dir = try CLI.tempDir()
        for k in ImportKind.allCases {
            try Self.workbook(fromCSV: CLI.fixture("tiandeng-pengjiang/\(k.rawValue).csv")).write(to: "\(dir)/\(k.rawValue).xlsx")
        }
        let csvDB = try CLI.fixtureDatabase()
        let xlsxDB = try CLI.tempDir() + "/b.sqlite"
        #expect(try CLI.run(["init", "--db", xlsxDB]).status == 0)
        let r = try CLI.run(["import", "--dir", dir, "--db", xlsxDB])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 619 rows from \(dir)/workers.xlsx"))
        let a = try Self.tables(csvDB), b = try Self.tables(xlsxDB)
        #expect(a["worker"]!.count == 619)
        for t in a.keys.sorted() { #expect(a[t] == b[t], "table \(t) differs") }
        let plan = ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json"]
        let p1 = try CLI.run(plan + ["--db", csvDB]), p2 = try CLI.run(plan + ["--db", xlsxDB])
        #expect(p1.status == p2.status && !p1.stdout.isEmpty)
        #expect(p1.stdout == p2.stdout)
    }

    @Test func aBadCellIsNamedAsExcelNamesIt() throws {
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        var rows: [[String]] = [["worker_id", "name", "direction", "resident_id", "earliest_date", "pickup_stop", "dropoff_stop"]]
        for i in 1...101 { rows.append(["X\(i)", "农秀英", "to-work", "", "2027-02-12", "TD100", "PJ100"]) }
        // Valid numbers on every row but the 101st data row (row 102 of the sheet), whose
        // check character is wrong.
        for i in 1...100 { rows[i][3] = Self.validID(i) }
        let good = Self.validID(101)
        rows[101][3] = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        let path = dir + "/late.xlsx"
        try TestWorkbook.text(rows).write(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try CLI.run(["import", "workers", path, "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):Sheet1!D102: resident_id "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 2, "only row 102 is wrong: \(r.stderr)")
        #expect(r.stderr.contains("nothing was imported"))
        // No ID digits in the message (the folder's UUID in the path may hold 11 digits in a row).
        #expect(r.stderr.replacingOccurrences(of: path, with: "").firstRange(of: /[0-9]{11}/) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    /// A valid resident ID number with sequence `n` (check character computed).
    static func validID(_ n: Int) -> String {
        let body = "45142519900101" + String(format: "%03d", n % 1000 == 0 ? 1 : n % 1000)
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, w).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    @Test func sheetOptionAndWhatIsNotAWorkbook() throws {
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        let wb = TestWorkbook(sheets: [("说明", [[.text("请在第二页填写")]]),
                                       ("名单", [["worker_id", "name", "resident_id", "direction", "earliest_date", "pickup_stop", "dropoff_stop"].map { .text($0) },
                                                ["N1", "韦林", Self.validID(7), "返岗", "2027-02-12", "TD100", "PJ100"].map { .text($0) }])])
        try wb.write(to: dir + "/w.xlsx")
        let first = try CLI.run(["import", "workers", dir + "/w.xlsx", "--db", db])
        #expect(first.status == 2 && first.stderr.contains("\(dir)/w.xlsx:说明!A1: unknown column"), "\(first.stderr)")
        let named = try CLI.run(["import", "workers", dir + "/w.xlsx", "--sheet", "名单", "--db", db])
        #expect(named.status == 0, "\(named.stderr)")
        let missing = try CLI.run(["import", "workers", dir + "/w.xlsx", "--sheet", "Sheet9", "--db", db])
        #expect(missing.status == 2 && missing.stderr.contains("no sheet called \"Sheet9\"; the workbook has: 说明, 名单"))

        try Data("PK\u{3}\u{4}garbage".utf8).write(to: URL(fileURLWithPath: dir + "/broken.xlsx"))
        let broken = try CLI.run(["import", "workers", dir + "/broken.xlsx", "--db", db])
        #expect(broken.status == 2 && broken.stderr.contains("\(dir)/broken.xlsx: not an .xlsx workbook"), "\(broken.stderr)")
    }

    @Test func dirTakesWorkbooksAndRefusesTwoFilesForOneKind() throws {
        let dir = try CLI.tempDir()
        try Self.workbook(fromCSV: CLI.fixture("tiandeng-pengjiang/stops.csv")).write(to: dir + "/stops.xlsx")
        let db = try CLI.tempDir() + "/b.sqlite"
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        try FileManager.default.copyItem(atPath: CLI.fixture("tiandeng-pengjiang/stops.csv"), toPath: dir + "/stops.csv")
        let both = try CLI.run(["import", "--dir", dir, "--db", db])
        #expect(both.status == 2 && both.stderr.contains("both stops.csv and stops.xlsx in \(dir); keep one of them"), "\(both.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/stops.csv")
        try TestWorkbook.text([["a"]]).write(to: dir + "/名单.xlsx")
        let r = try CLI.run(["import", "--dir", dir, "--db", db])
        #expect(r.status == 0 && r.stdout.contains("imported 27 rows from \(dir)/stops.xlsx"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("not imported (the name is not one of divisions, stops, legs, routes, buses, drivers, workers): 名单.xlsx"), "\(r.stdout)")
    }

    @Test func theSummaryNamesWhatWasLeftOut() throws {
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        let text = "天等县返岗名单,,,,,,,,\n序号,编号,姓名,身份证号码,方向,出行日期,上车点,下车点,备注\n1,N1,韦林,\(Self.validID(9)),返岗,2027年2月12日,TD100,PJ100,\n,,,,,,,,\n"
        try text.write(toFile: dir + "/late.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "workers", dir + "/late.csv", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\(dir)/late.csv: skipped title row 1 above the header"))
        #expect(r.stdout.contains("\(dir)/late.csv: ignored columns A 序号, I 备注 (not imported)"))
        #expect(r.stdout.contains("imported 1 rows from \(dir)/late.csv"))
    }

    @Test func townshipsAreCheckedAgainstTheImportedDivisions() throws {
        let db = try CLI.fixtureDatabase() // the fixture folder holds divisions.csv
        let dir = try CLI.tempDir()
        func file(_ township: String, pickup: String = "TD100") throws -> String {
            let p = dir + "/w-\(township).csv"
            try "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop,home_township\nN1,韦林,\(Self.validID(11)),返岗,2027-02-12,\(pickup),PJ100,\(township)\n"
                .write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        let near = try CLI.run(["import", "workers", try file("上映"), "--db", db])
        #expect(near.status == 2)
        #expect(near.stderr.contains("w-上映.csv:2:8: home_township \"上映\" is not in the divisions list; did you mean 上映乡?"), "\(near.stderr)")
        let far = try CLI.run(["import", "workers", try file("靖西市新靖镇", pickup: "天等镇上车点"), "--db", db])
        #expect(far.status == 0, "\(far.stderr)")
        #expect(far.stderr.contains("warning: \(dir)/w-靖西市新靖镇.csv:2:8: home_township \"靖西市新靖镇\" is not in the divisions list (imported as written)"), "\(far.stderr)")
        #expect(far.stdout.contains("pickup_stop given by name or in another case, read as the stop's id: 天等镇上车点 → TD100"), "\(far.stdout)")
    }

    /// Workbooks saved by a third program (LibreOffice Calc, scripts/make-libreoffice-fixtures.sh):
    /// with the ID column as text, the small fixture's workers import exactly as from the CSV;
    /// with every column left "standard", Calc (like Excel) made the IDs numbers, and every such
    /// row is refused with what happened and how to fix it.
    @Test func workbooksSavedByLibreOffice() throws {
        let csvDir = try CLI.tempDir(), xlsxDir = try CLI.tempDir()
        for f in ["stops", "legs", "routes", "buses", "drivers"] {
            try FileManager.default.copyItem(atPath: CLI.fixture("small/\(f).csv"), toPath: "\(csvDir)/\(f).csv")
            try FileManager.default.copyItem(atPath: CLI.fixture("small/\(f).csv"), toPath: "\(xlsxDir)/\(f).csv")
        }
        try FileManager.default.copyItem(atPath: CLI.fixture("small/workers.csv"), toPath: csvDir + "/workers.csv")
        try FileManager.default.copyItem(atPath: CLI.fixture("xlsx/libreoffice-workers-text-ids.xlsx"), toPath: xlsxDir + "/workers.xlsx")
        var dbs: [String] = []
        for dir in [csvDir, xlsxDir] {
            let db = dir + "/b.sqlite"
            #expect(try CLI.run(["init", "--db", db]).status == 0)
            let r = try CLI.run(["import", "--dir", dir, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
            dbs.append(db)
        }
        let a = try Self.tables(dbs[0]), b = try Self.tables(dbs[1])
        #expect(a["worker"]!.count == 40)
        #expect(a == b)

        let numbers = CLI.fixture("xlsx/libreoffice-workers-number-ids.xlsx")
        let r = try CLI.run(["import", "workers", numbers, "--db", dbs[0], "--replace"])
        #expect(r.status == 2)
        let refused = r.stderr.split(separator: "\n").filter { $0.contains("is a number in scientific notation: Excel took the ID number for a number") }
        #expect(refused.count >= 30, "\(r.stderr)")
        #expect(refused.first?.hasPrefix("\(numbers):workers!C2: resident_id ") == true, "\(r.stderr)")
        #expect(r.stderr.firstRange(of: /[0-9]{11}/) == nil)
    }
}
