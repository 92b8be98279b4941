import BancheIO
import Foundation
import Testing

/// `banche export … --format xlsx` read back by openpyxl, and the CSV export's --split-by and
/// header language.
@Suite struct XLSXExportCLITests {
    /// The fixture planned for to-work; its database and trip ids.
    static func planned() throws -> (db: String, trips: [String]) {
        let db = try CLI.fixtureDatabase()
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let trips = try #require(o["trip_details"] as? [[String: Any]]).compactMap { $0["trip_id"] as? String }
        return (db, trips)
    }

    @Test func passengersWorkbookHasASheetATripFrozenHeadersAndTextIDs() throws {
        let (db, trips) = try Self.planned()
        let out = try CLI.tempDir() + "/乘客名单.xlsx"
        let r = try CLI.run(["export", "passengers", "--format", "xlsx", "--out", out, "--show-personal-data", "--lang", "zh", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("已写入"))
        let attrs = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let sheets = try Openpyxl.read(out)
        #expect(sheets.map(\.title) == trips.sorted())
        #expect(sheets.map(\.rows).reduce(0, +) == 619)
        for s in sheets {
            #expect(s.freeze == "A2", "\(s.title)")
            #expect(s.header.first == "班次" && s.header.contains("身份证号") && s.header.contains("手机号") && s.header.contains("姓名"))
            #expect(s.headerBold.allSatisfy { $0 })
            // Full 18-character ID numbers and 11-digit phones, every one a text cell.
            let ids = try #require(s.values["身份证号"]), phones = try #require(s.values["手机号"])
            #expect(ids.count == s.rows && ids.allSatisfy { $0.count == 18 && $0.dropLast().allSatisfy(\.isNumber) })
            #expect(s.types["身份证号"]!.allSatisfy { $0 == "s" } && s.types["手机号"]!.allSatisfy { $0 == "s" })
            #expect(!phones.isEmpty && phones.allSatisfy { $0.count == 11 })
            #expect(s.types["编号"]!.allSatisfy { $0 == "s" })
            // Seats are numbers; gender in Chinese.
            #expect(s.types["座位号"]!.allSatisfy { $0 == "n" })
            #expect(Set(s.values["性别"]!).isSubset(of: ["男", "女"]))
            // Columns sized: a CJK name counts double.
            let nameColumn = XLSXWriter.columnName(s.header.firstIndex(of: "姓名")!)
            let longest = s.values["姓名"]!.map(\.count).max()!
            #expect(s.widths[nameColumn]! >= Double(2 * longest))
            #expect(s.widths[XLSXWriter.columnName(s.header.firstIndex(of: "身份证号")!)]! >= 18)
        }
    }

    @Test func stopsEmployersNoticesAndRosterWorkbooks() throws {
        let (db, _) = try Self.planned()
        let dir = try CLI.tempDir()
        for kind in ["stops", "employers", "notices", "roster"] {
            let r = try CLI.run(["export", kind, "--format", "xlsx", "--out", "\(dir)/\(kind).xlsx", "--db", db], env: ["LANG": "zh_CN.UTF-8"])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
        }
        // One sheet a home township (the fixture's 13), masked IDs as text.
        let stops = try Openpyxl.read(dir + "/stops.xlsx")
        #expect(stops.count == 13 && stops.contains { $0.title == "上映乡" })
        for s in stops {
            #expect(s.freeze == "A2" && s.header.contains("户籍乡镇"))
            #expect(Set(s.values["户籍乡镇"]!) == [s.title])
            #expect(s.values["身份证号"]!.allSatisfy { $0.contains("********") } && s.types["身份证号"]!.allSatisfy { $0 == "s" })
        }
        let employers = try Openpyxl.read(dir + "/employers.xlsx")
        #expect(employers.count > 1)
        for s in employers { #expect(Set(s.values["务工企业"]!).count == 1 && s.freeze == "A2") }
        let notices = try Openpyxl.read(dir + "/notices.xlsx")
        #expect(notices.map(\.title) == ["通知"] && notices[0].rows == 619 && notices[0].types["手机号"]!.allSatisfy { $0 == "s" })
        #expect(notices[0].values["通知内容"]!.allSatisfy { $0.contains("您好") })
        let roster = try Openpyxl.read(dir + "/roster.xlsx")
        #expect(roster.map(\.title) == ["排班表"] && roster[0].header.prefix(4) == ["驾驶员编号", "活动", "开始", "结束"])
        #expect(roster[0].rows > 100 && roster[0].types["里程公里"]!.allSatisfy { $0 == "n" })
    }

    /// An exported workbook re-imports: the roster workbook (Chinese headers, Excel's cells) is
    /// read by `roster check` and gives the same verdict, record for record, as the stored plan.
    @Test(arguments: ["zh_CN.UTF-8", "C.UTF-8"])
    func anExportedRosterWorkbookIsCheckedLikeThePlan(lang: String) throws {
        let (db, _) = try Self.planned()
        let out = try CLI.tempDir() + "/roster.xlsx"
        let e = try CLI.run(["export", "roster", "--format", "xlsx", "--out", out, "--db", db], env: ["LANG": lang])
        #expect(e.status == 0, "\(e.stderr)")
        let fromFile = try CLI.run(["roster", "check", out, "--format", "json", "--db", db])
        let fromPlan = try CLI.run(["roster", "check", "--plan", "--format", "json", "--db", db])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromPlan.status == 0)
        // The same verdict document (profile, compliant, drivers checked, violations)…
        #expect(fromFile.stdout == fromPlan.stdout)
        #expect(fromFile.stdout.contains("\"compliant\" : true") || fromFile.stdout.contains("\"compliant\":true"))
        // …over the same number of records (the text verdict's first line counts them).
        let textFile = try CLI.run(["roster", "check", out, "--db", db]), textPlan = try CLI.run(["roster", "check", "--plan", "--db", db])
        #expect(textFile.stdout.split(separator: "\n").first == textPlan.stdout.split(separator: "\n").first, "\(textFile.stdout.prefix(200)) | \(textPlan.stdout.prefix(200))")
    }

    @Test func workbookLanguageFollowsLangAndTheBytesAreTheSameEachTime() throws {
        let (db, _) = try Self.planned()
        let dir = try CLI.tempDir()
        func export(_ name: String, _ extra: [String] = [], env: [String: String] = [:]) throws -> Data {
            let r = try CLI.run(["export", "passengers", "--format", "xlsx", "--out", "\(dir)/\(name)", "--db", db] + extra, env: env)
            try #require(r.status == 0, "\(r.stderr)")
            return try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))
        }
        let en = try export("en.xlsx"), again = try export("again.xlsx"), zh = try export("zh.xlsx", env: ["LANG": "zh_CN.UTF-8"])
        #expect(en == again)
        #expect(en != zh)
        #expect(try Openpyxl.read(dir + "/en.xlsx")[0].header.first == "trip_id")
        #expect(try Openpyxl.read(dir + "/zh.xlsx")[0].header.first == "班次")
        #expect(try Openpyxl.read(dir + "/zh.xlsx")[0].values["身份证号"]!.allSatisfy { $0.contains("********") })
        let forcedEnglish = try export("forced.xlsx", ["--lang", "en"], env: ["LANG": "zh_CN.UTF-8"])
        #expect(forcedEnglish == en)
    }

    @Test func anXlsxNameWithACSVFormatIsRefused() throws {
        let (db, _) = try Self.planned()
        let dir = try CLI.tempDir()
        for format in ["csv", "json"] {
            let r = try CLI.run(["export", "passengers", "--format", format, "--out", dir + "/list.XLSX", "--db", db])
            #expect(r.status == 2 && r.stderr.contains("--format xlsx"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/list.XLSX"))
        }
        let noOut = try CLI.run(["export", "passengers", "--format", "xlsx", "--db", db])
        #expect(noOut.status == 2 && noOut.stderr.contains("--out"))
        let zh = try CLI.run(["export", "passengers", "--out", dir + "/list.xlsx", "--db", db, "--lang", "zh"])
        #expect(zh.status == 2 && zh.stderr.contains("请加上 --format xlsx"))
    }

    @Test func csvHeadersChangeOnlyWithAnExplicitLang() throws {
        let (db, _) = try Self.planned()
        let zhEnv = try CLI.run(["export", "passengers", "--db", db], env: ["LANG": "zh_CN.UTF-8"])
        #expect(zhEnv.stdout.hasPrefix("\u{FEFF}trip_id,date,departure,plate,seat,worker_id,name,gender,resident_id,phone"))
        let zh = try CLI.run(["export", "passengers", "--db", db, "--lang", "zh"])
        #expect(zh.stdout.hasPrefix("\u{FEFF}班次,日期,发车时间,车牌号,座位号,编号,姓名,性别,身份证号,手机号"))
        let json = try CLI.run(["export", "passengers", "--format", "json", "--db", db, "--lang", "zh"])
        let jsonEN = try CLI.run(["export", "passengers", "--format", "json", "--db", db])
        #expect(json.stdout == jsonEN.stdout && json.stdout.contains("\"trip_id\""))
    }

    /// An employer's name of 100 Chinese characters (300 bytes) makes a file name longer than
    /// the file system allows: it is shortened, and a split that fails leaves no file behind.
    @Test func splitByEmployerWithAVeryLongNameWritesEveryGroup() throws {
        let dir = try CLI.tempDir()
        let src = CLI.fixture("tiandeng-pengjiang")
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: src) {
            try FileManager.default.copyItem(atPath: src + "/" + f, toPath: dir + "/in/" + f)
        }
        let workers = dir + "/in/workers.csv"
        var lines = try String(contentsOfFile: workers, encoding: .utf8).components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let col = try #require(header.firstIndex(of: "employer"))
        var cells = lines[1].components(separatedBy: ",")
        cells[col] = String(repeating: "厂", count: 100)
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(toFile: workers, atomically: true, encoding: .utf8)
        let db = dir + "/b.sqlite"
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        let imported = try CLI.run(["import", "--dir", dir + "/in", "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        _ = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
        let out = dir + "/split"
        let r = try CLI.run(["export", "passengers", "--split-by", "employer", "--out", out, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.contains { $0.hasPrefix("passengers-厂厂") && $0.utf8.count < 255 })
        #expect(files.count == 7, "\(files)")
    }

    @Test func splitByWritesOneCSVAGroupHoldingEveryRowOnce() throws {
        let (db, trips) = try Self.planned()
        let whole = try CLI.run(["export", "passengers", "--db", db])
        let all = Set(whole.stdout.split(separator: "\r\n").dropFirst())
        for (by, count) in [("trip", trips.count), ("township", 13)] {
            let dir = try CLI.tempDir() + "/split"
            let r = try CLI.run(["export", "passengers", "--split-by", by, "--out", dir, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            #expect(files.count == count && files.allSatisfy { $0.hasPrefix("passengers-") && $0.hasSuffix(".csv") })
            var rows: [Substring] = []
            for f in files {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f)), as: UTF8.self)
                #expect(text.hasPrefix("\u{FEFF}trip_id,"))
                rows += text.split(separator: "\r\n").dropFirst()
                #expect((try FileManager.default.attributesOfItem(atPath: dir + "/" + f)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            }
            #expect(rows.count == 619 && Set(rows) == all)
        }
        #expect(try CLI.run(["export", "passengers", "--split-by", "trip", "--db", db]).status == 2)
        #expect(try CLI.run(["export", "passengers", "--split-by", "trip", "--format", "xlsx", "--out", "x.xlsx", "--db", db]).status == 2)
        #expect(try CLI.run(["export", "roster", "--split-by", "township", "--out", try CLI.tempDir(), "--db", db]).status == 2)
    }

    /// Awkward cells and names, read back by openpyxl exactly as written: markup, formulas,
    /// emoji and rare characters stay text; an empty sheet is still a sheet with its header.
    @Test func awkwardTextSurvivesTheRoundTrip() throws {
        let cells = ["<&>\"'", "=SUM(A1:A2)", "+8613812345678", "007", "4.5142E+17", "👩‍🔧 𠀀 天等", "line\nbreak"]
        let data = try XLSXWriter.workbook([
            XLSXSheet(name: "O'Brien [1]", header: ["text", "seat"], rows: cells.map { [$0, "12"] }, numberColumns: [1]),
            XLSXSheet(name: "空", header: ["a"], rows: []),
        ])
        let path = try CLI.tempDir() + "/awkward.xlsx"
        try data.write(to: URL(fileURLWithPath: path))
        let sheets = try Openpyxl.read(path)
        #expect(sheets.map(\.title) == ["O'Brien _1_", "空"])
        #expect(sheets[0].values["text"] == cells && sheets[0].types["text"]!.allSatisfy { $0 == "s" })
        #expect(sheets[0].types["seat"]!.allSatisfy { $0 == "n" })
        #expect(sheets[1].header == ["a"] && sheets[1].rows == 0 && sheets[1].freeze == "A2")
    }
}
