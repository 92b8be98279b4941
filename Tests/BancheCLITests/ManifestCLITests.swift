import Foundation
import Testing
@testable import BancheIO

@Suite struct ManifestCLITests {
    func database(_ fixture: String) throws -> String {
        let db = try CLI.tempDir() + "/m.sqlite"
        try #require(try CLI.run(["init", "--db", db]).status == 0)
        try #require(try CLI.run(["import", "--dir", CLI.fixture(fixture), "--db", db]).status == 0)
        try #require(try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]).status == 0)
        return db
    }

    /// The manifest text of the small fixture is pinned, byte for byte.
    @Test(arguments: [80, 120])
    func goldenManifest(width: Int) throws {
        let db = try database("small")
        let r = try CLI.run(["manifest", "--all", "--width", "\(width)", "--db", db])
        #expect(r.status == 0)
        let golden = try String(contentsOfFile: CLI.fixture("golden/small-manifests-\(width).txt"), encoding: .utf8)
        #expect(r.stdout == golden)
    }

    /// Every page of every Tiandeng manifest fits an A4 sheet: no line wider than the width,
    /// no page longer than its lines; every page carries the title, the trip and "第 i/n 页";
    /// pages that go on with the passenger list repeat the column titles; the signature block
    /// sits whole on one page; 脱贫 is printed in full on every formerly poor passenger's row;
    /// the layout uses no East Asian ambiguous-width character.
    @Test(arguments: [(80, 64), (120, 64), (80, 30)])
    func tiandengManifestsFitThePage(width: Int, pageLines: Int) throws {
        let db = try database("tiandeng-pengjiang")
        let r = try CLI.run(["manifest", "--all", "--width", "\(width)", "--page-lines", "\(pageLines)", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\n"))
        let pages = r.stdout.components(separatedBy: "\u{0C}")
        // Pages of one trip carry the same trip id; a trip's pages are numbered 1/n … n/n.
        // Within a trip the columns stay put: the same titles, IDs at the same column.
        var trips: [String: [Int]] = [:], titles: [String: Set<String>] = [:], idColumns: [String: Set<Int>] = [:]
        for page in pages {
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(page.hasSuffix("\n"))
            #expect(lines.count <= pageLines, "page of \(lines.count) lines")
            for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line)") }
            let first = try #require(lines.first)
            #expect(first.hasPrefix("包车客运乘客名单"))
            let number = try #require(first.firstMatch(of: /第 +(\d+)\/(\d+) 页$/))
            let trip = String(try #require(lines[1].firstMatch(of: /车次 Trip (\S+)/)).1)
            trips[trip, default: []].append(Int(number.1)!)
            #expect(Int(number.1)! <= Int(number.2)!)
            // A page holding passenger rows shows the column titles above them.
            let rows = lines.filter { $0.contains("********") }
            if let firstRow = rows.first {
                let title = try #require(lines.first { $0.contains("身份证号") })
                #expect(lines.firstIndex(of: title)! < lines.firstIndex(of: firstRow)!)
                titles[trip, default: []].insert(String(title))
                #expect(!title.contains("~"), "a column title is cut: \(title)")
            }
            for line in rows { idColumns[trip, default: []].insert(DisplayWidth.of(line[line.startIndex..<line.range(of: "********")!.lowerBound])) }
            // The signature block is never split: both ends or neither on each page.
            #expect(lines.contains("签名 Signatures") == lines.contains { $0.hasPrefix("打印时间 Printed") })
            if lines.contains("签名 Signatures") { #expect(lines.contains("  经办人 Clerk     ________________________")) }
        }
        #expect(titles.values.allSatisfy { $0.count == 1 })
        #expect(idColumns.values.allSatisfy { $0.count == 1 })
        #expect(trips.count == 16)
        for (trip, numbers) in trips { #expect(numbers == Array(1...numbers.count), "\(trip)") }
        if pageLines == 64 { #expect(trips.values.contains { $0.count > 1 }) }   // a full bus takes two A4 sheets
        for s in r.stdout.unicodeScalars where s.value >= 0x80 {
            #expect(!DisplayWidth.isAmbiguous(s), "U+\(String(s.value, radix: 16)) \(s)")
        }
        let rows = r.stdout.split(separator: "\n").filter { $0.contains("********") }
        #expect(!r.stdout.contains("451425199"))     // no full ID number printed
        // One row per passenger, and the priority mark in full on each formerly poor one's row.
        let export = try CLI.run(["export", "passengers", "--format", "json", "--db", db])
        let passengers = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == passengers.count)
        let poor = passengers.filter { ($0["priority"] as? String ?? "").contains("poverty") }.count
        #expect(poor > 0)
        #expect(rows.filter { $0.contains("脱贫") }.count == poor)
    }

    /// Only the widths the layout is made for; a page too short for the signature block is refused.
    @Test(arguments: [["--width", "100"], ["--width", "60"], ["--page-lines", "10"]])
    func refusesOtherPageSizes(args: [String]) throws {
        let db = try database("small")
        let r = try CLI.run(["manifest", "--all", "--db", db] + args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(args[0]))
        #expect(r.stdout.isEmpty)
    }

    /// The personal-data warning is on every page, whole, at 80 columns.
    @Test func personalDataWarningOnEveryPageAt80() throws {
        let db = try database("tiandeng-pengjiang")
        let r = try CLI.run(["manifest", "--all", "--width", "80", "--show-personal-data", "--db", db])
        #expect(r.status == 0)
        let pages = r.stdout.components(separatedBy: "\u{0C}")
        #expect(pages.count > 12)
        for page in pages {
            #expect(page.contains("\n** FULL ID NUMBERS AND PHONES SHOWN: keep this page safe **\n"))
            #expect(page.contains("\n** 本页含完整身份证号和电话，请妥善保管 **\n"))
        }
    }

    @Test func fullPersonalDataOnlyWhenAskedAndSaid() throws {
        let db = try database("small")
        let r = try CLI.run(["manifest", "--trip", "TD-PJ-20270213-01", "--show-personal-data", "--db", db])
        #expect(r.stdout.contains("FULL ID NUMBERS AND PHONES SHOWN"))
        #expect(!r.stdout.contains("********"))
    }

    @Test func exportsAreMaskedPrivateAndSafeInExcel() throws {
        let db = try database("small")
        let out = try CLI.tempDir() + "/p.csv"
        #expect(try CLI.run(["export", "passengers", "--db", db, "--out", out]).status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let table = try CSVReader().read(path: out)
        #expect(table.rows.count == 40)
        let idIndex = try #require(table.header.firstIndex(of: "resident_id"))
        #expect(table.rows.allSatisfy { $0.fields[idIndex].contains("********") })
        let gb = try CLI.tempDir() + "/p-gb.csv"
        #expect(try CLI.run(["export", "employers", "--encoding", "gb18030", "--db", db, "--out", gb]).status == 0)
        #expect(try CSVReader().read(path: gb, encoding: .gb18030).rows.count == 40)
        let json = try CLI.run(["export", "stops", "--format", "json", "--db", db])
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.count == 40)
    }
}
