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

    /// Every line of every Tiandeng manifest fits the page, and passenger columns line up.
    @Test(arguments: [80, 120])
    func tiandengManifestsFitThePage(width: Int) throws {
        let db = try database("tiandeng-pengjiang")
        let r = try CLI.run(["manifest", "--all", "--width", "\(width)", "--db", db])
        #expect(r.status == 0)
        let pages = r.stdout.components(separatedBy: "\u{0C}\n")
        #expect(pages.count == 12)
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(DisplayWidth.of(line) <= width, "\(line)")
        }
        // Masked ID numbers start at the same display column on every passenger row.
        let idColumns = Set(r.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "********") else { return nil }
            return DisplayWidth.of(line[line.startIndex..<range.lowerBound])
        })
        #expect(idColumns.count == 1)
        #expect(!r.stdout.contains("451425199"))     // no full ID number printed
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
