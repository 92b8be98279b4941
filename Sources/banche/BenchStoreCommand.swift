import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import BancheStorePG
import Foundation

/// Times what a store does with a season of one size: import, the planning snapshot, and
/// saving the plan, on SQLite (a new file) or on PostgreSQL (`--db`, a county office's role on
/// an initialised database). The planner's own time is shown apart: it is the same for both.
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time import, snapshot and plan save on SQLite or PostgreSQL (--db).",
        discussion: """
        Without --db: a new SQLite file in a temporary folder. With --db postgres://ROLE@HOST:PORT/DBNAME:
        a county office's role on a database `banche init --county` prepared; its workers are
        replaced (--replace import). Password from PGPASSWORD or ~/.pgpass.
        """)
    @Option(help: "Workers to generate.") var workers = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("A PostgreSQL county role's URL; default: a new SQLite file.", valueName: "url")) var db: String?

    func run() throws {
        let dir = try benchSeasonFolder(workers: workers, seed: seed)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = ImportKind.allCases.map { ($0, dir + "/" + $0.fileName) }
        let open: () throws -> any Store
        let kind: String
        if let db {
            guard case .postgres(let address) = try StoreLocation.parse(db) else { throw ValidationError("--db must be a postgres:// URL") }
            open = { try PostgresStore(address: address) }
            kind = "postgresql"
        } else {
            let path = dir + "/bench.sqlite"
            try SQLiteStore.create(path: path).close()
            open = { try SQLiteStore(path: path) }
            kind = "sqlite"
        }
        var rows = 0
        let importTime = try seconds {
            rows = try using(try open()) { s in
                try Importer.run(files: files, encoding: .auto, replace: db != nil, store: s, maxErrors: 10).reduce(0) { $0 + $1.rows }
            }
        }
        var snap: PlanningSnapshot!
        var plan: Plan!
        var version = 0
        var snapTime = 0.0, planTime = 0.0, saveTime = 0.0
        try using(try open()) { s in
            snapTime = try seconds { snap = try s.planningSnapshot(direction: .toWork) }
            planTime = seconds { plan = Planner().plan(snap.scenario, direction: .toWork, dates: snap.scenario.routes[0].service) }
            saveTime = try seconds {
                version = try s.savePlan(plan, summaryJSON: "{}", audit: auditStamp(), dataVersion: snap.dataVersion)
            }
        }
        let f = { (x: Double) in String(format: "%.2f", x) }
        print("""
        store         \(kind)
        import        \(rows) rows (\(workers) workers) in \(f(importTime)) s; \(Int(Double(rows) / importTime)) rows/s
        snapshot      \(f(snapTime)) s (\(snap.scenario.workers.count) workers read)
        plan          \(f(planTime)) s (planner, no store)
        save          \(f(saveTime)) s: version \(version), \(plan.trips.count) trips, \(plan.workersPlaced) seats
        plan + save   \(f(snapTime + planTime + saveTime)) s
        peak memory   \(Int(peakMemoryMiB())) MiB
        """)
    }
}

/// A generated season (200 villages, 20 factories) written as CSVs into a new temporary folder,
/// for the import and store benchmarks; the caller removes the folder.
func benchSeasonFolder(workers: Int, seed: UInt64) throws -> String {
    var g = ScenarioGenerator()
    g.workers = workers; g.seed = seed; g.villages = 200; g.factories = 20
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-bench-\(getpid())").path
    try ScenarioCSV.write(g.generate(), to: dir)
    return dir
}
