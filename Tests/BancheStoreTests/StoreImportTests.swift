import Foundation
import Testing
import BancheCore
import BancheIO
@testable import BancheStore

/// A fresh database in a temporary folder.
func temporaryStore() throws -> (SQLiteStore, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/t.sqlite"
    return (try SQLiteStore.create(path: path), path)
}

let audit = AuditStamp(at: Timestamp(seconds: 1_800_000_000), osUser: "test", command: "test")

/// Parses and imports CSV texts (kind → text) in one batch, the way `banche import` does.
@discardableResult
func importTexts(_ store: any Store, _ files: [(ImportKind, String)], replace: Bool = false) throws -> [ImportIssue] {
    var issues: [ImportIssue] = []
    try store.importBatch(replace: replace, audit: audit) { known in
        var known = known
        var out: [(kind: String, file: String, encoding: String, rows: ImportRows)] = []
        for (k, text) in files {
            let table = try CSVReader().parse(text, file: k.fileName)
            var p = RowParser(kind: k, table: table, known: known, replace: replace, today: CivilDate(year: 2026, month: 11, day: 24)!)
            let (rows, k2) = p.parse()
            known = k2; issues += p.issues
            out.append((k.rawValue, k.fileName, "utf8", rows))
        }
        return issues.isEmpty ? .rows(out) : .rejected
    }
    return issues
}

func fixtureScenario(workers: Int = 619) -> Scenario {
    var g = ScenarioGenerator(); g.workers = workers
    return g.generate()
}

func csvTexts(_ s: Scenario) -> [(ImportKind, String)] {
    ImportKind.allCases.map { k in (k, CSVWriter().document(header: k.columns.map(\.name), rows: ScenarioCSV.rows(s, kind: k))) }
}

/// One suite for both stores: every case runs on SQLite and on PostgreSQL (`StoreKind`).
@Suite struct StoreImportTests {
    @Test func databaseFileIsPrivate() throws {
        let (store, path) = try temporaryStore()
        try store.close()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: StoreError.self) { try SQLiteStore.create(path: path) }
    }

    @Test(arguments: StoreKind.allCases)
    func scenarioRoundTripsThroughTheStore(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        let s = fixtureScenario()
        #expect(try importTexts(store, csvTexts(s)).isEmpty)
        let back = try store.loadScenario()
        #expect(back.workers == s.workers.sorted { $0.id < $1.id })
        #expect(back.stops == s.stops.sorted { $0.id < $1.id })
        #expect(back.buses == s.buses)
        #expect(back.drivers == s.drivers)
        #expect(back.routes == s.routes)
        #expect(Set(back.legs) == Set(s.legs))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(arguments: StoreKind.allCases)
    func aBadRowWritesNothing(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        let s = fixtureScenario()
        var files = csvTexts(s)
        // Corrupt the last worker's check character: every file of the batch must be refused.
        let (k, text) = files.removeLast()
        var lines = text.components(separatedBy: "\r\n")
        lines[lines.count - 2] = lines[lines.count - 2].replacingOccurrences(of: s.workers.last!.residentID.value,
                                                                             with: String(s.workers.last!.residentID.value.dropLast()) + (s.workers.last!.residentID.value.hasSuffix("0") ? "1" : "0"))
        files.append((k, lines.joined(separator: "\r\n")))
        let issues = try importTexts(store, files)
        #expect(issues.count == 1)
        #expect(issues.first?.line == s.workers.count + 1)
        #expect(try store.counts().values.allSatisfy { $0 == 0 })
    }

    @Test(arguments: StoreKind.allCases)
    func reimportIsRefusedUnlessReplace(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        let s = fixtureScenario(workers: 50)
        try importTexts(store, csvTexts(s))
        let workers = csvTexts(s).last!
        #expect(try importTexts(store, [workers]).count == 50)
        #expect(try importTexts(store, [workers], replace: true).isEmpty)
        #expect(try store.counts()["worker"] == 50)
    }
}
