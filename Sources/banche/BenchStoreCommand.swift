import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import BancheStorePG
import Foundation

/// Times what a store does with a season of one size — import, the planning snapshot, and
/// saving the plan — on SQLite (a new file) and on PostgreSQL (a county office's role), in one
/// run, side by side. The planner's own time is shown apart: it is the same for both.
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time import, snapshot and plan save on SQLite and PostgreSQL, side by side.",
        discussion: """
        "of it waiting on the db": the time the import waited for its database (in the store's
        writes, and from the end of parsing to the commit); PostgreSQL inserts the workers
        while the rest of the file is parsed, which is not counted as waiting. SQLite: a new
        file in a temporary folder. PostgreSQL, one of:
          --db postgres://ROLE@HOST:PORT/DBNAME   a county office's role on a database `banche init
                                                  --county` prepared (its workers are replaced);
          --admin postgres://ADMIN@HOST:PORT/DB   an administrator: a new database and county are
                                                  made for the run and dropped afterwards;
          neither: a throwaway cluster (scripts/pg-cluster.sh, Debian's postgresql) for the run.
        --sqlite-only skips PostgreSQL. Passwords from PGPASSWORD or ~/.pgpass.
        """)
    @Option(help: "Workers to generate.") var workers = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("A PostgreSQL county role's URL.", valueName: "url")) var db: String?
    @Option(help: ArgumentHelp("A PostgreSQL administrator's URL (a database and county are made for the run).", valueName: "url")) var admin: String?
    @Flag(help: "Time SQLite only.") var sqliteOnly = false

    struct Figures {
        var rows = 0, importTime = 0.0, writeTime = 0.0, snapTime = 0.0, planTime = 0.0, saveTime = 0.0
        var version = 0, trips = 0, seats = 0, workersRead = 0
        var planAndSave: Double { snapTime + planTime + saveTime }
        var rowsPerSecond: Double { Double(rows) / importTime }
        /// Rows per second of the import's database part: from the end of parsing to the commit.
    }

    func run() throws {
        let dir = try benchSeasonFolder(workers: workers, seed: seed)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bench.sqlite"
        try SQLiteStore.create(path: path).close()
        let sqlite = try Self.measure(dir: dir, replace: false) { try SQLiteStore(path: path) }
        var pg: Figures? = nil
        if !sqliteOnly {
            try withCountyOffice(db: db, admin: admin) { address in
                pg = try Self.measure(dir: dir, replace: true) { try PostgresStore(address: address) }
            }
        }
        let f = { (x: Double) in String(format: "%.2f", x) }
        var lines: [[String]] = [["", "sqlite", "postgresql", "postgresql/sqlite"]]
        func line(_ what: String, _ v: (Figures) -> Double, _ fmt: (Double) -> String) {
            lines.append([what, fmt(v(sqlite)), pg.map { fmt(v($0)) } ?? "—", pg.map { String(format: "%.2f×", v($0) / v(sqlite)) } ?? "—"])
        }
        line("import rows/s", { $0.rowsPerSecond }) { String(Int($0)) }
        line("import s", { $0.importTime }, f)
        line("  of it waiting on the db s", { $0.writeTime }, f)
        line("snapshot s", { $0.snapTime }, f)
        line("plan s (planner)", { $0.planTime }, f)
        line("save s", { $0.saveTime }, f)
        line("plan + save s", { $0.planAndSave }, f)
        print("\(workers) workers, \(sqlite.rows) rows imported; plan: \(sqlite.trips) trips, \(sqlite.seats) seats (same on both: \(pg.map { $0.trips == sqlite.trips && $0.seats == sqlite.seats } ?? true))")
        let widths = (0..<4).map { i in lines.map { $0[i].count }.max()! }
        for l in lines {
            print(l.enumerated().map { i, s in i == 0 ? s.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                                               : String(repeating: " ", count: widths[i] - s.count) + s }.joined(separator: "  "))
        }
        print("peak memory   \(Int(peakMemoryMiB())) MiB")
    }

    static func measure(dir: String, replace: Bool, open: () throws -> any Store) throws -> Figures {
        let files = seasonFiles(in: dir)
        var x = Figures()
        x.importTime = try seconds {
            x.rows = try using(try open()) { s in
                let n = try Importer.run(files: files, encoding: .auto, replace: replace, store: s, maxErrors: 10).reduce(0) { $0 + $1.rows }
                x.writeTime = s.lastImportWriteSeconds
                return n
            }
        }
        try using(try open()) { s in
            var snap: PlanningSnapshot!
            var plan: Plan!
            x.snapTime = try seconds { snap = try s.planningSnapshot(direction: .toWork) }
            x.planTime = seconds { plan = Planner().plan(snap.scenario, direction: .toWork, dates: snap.scenario.routes[0].service) }
            x.saveTime = try seconds {
                x.version = try s.savePlan(plan, summaryJSON: "{}", audit: auditStamp(), dataVersion: snap.dataVersion)
            }
            x.trips = plan.trips.count
            x.seats = plan.workersPlaced
            x.workersRead = snap.scenario.workers.count
        }
        return x
    }
}

/// Runs `body` with one county office's address: `db` as given, or a database and county made
/// for the run on `admin`'s server (or on a throwaway cluster), dropped afterwards.
func withCountyOffice(db: String?, admin: String?, _ body: (PostgresAddress) throws -> Void) throws {
    if let db {
        guard case .postgres(let address) = try StoreLocation.parse(db) else { throw ValidationError("--db must be a postgres:// URL") }
        return try body(address)
    }
    try withProvince(admin: admin, offices: 1) { _, counties in try body(counties[0].address) }
}

/// Runs `body` on a new database with `offices` county offices, on `admin`'s server or on a
/// throwaway cluster (scripts/pg-cluster.sh), dropping what it made afterwards.
func withProvince(admin: String?, offices: Int, _ body: (PostgresAddress, [(code: String, address: PostgresAddress)]) throws -> Void) throws {
    var cluster: BenchCluster? = nil
    let adminAddress: PostgresAddress
    if let admin {
        guard case .postgres(let a) = try StoreLocation.parse(admin) else { throw ValidationError("--admin must be a postgres:// URL") }
        adminAddress = a
    } else {
        cluster = try BenchCluster.start()
        adminAddress = cluster!.admin
    }
    defer { cluster?.stop() }
    let p = try PostgresBenchProvince.create(admin: adminAddress, offices: offices)
    defer { try? PostgresBenchProvince.drop(admin: adminAddress, database: p.admin, counties: p.counties) }
    try body(p.admin, p.counties)
}

/// A throwaway PostgreSQL cluster for a benchmark: `scripts/pg-cluster.sh` (found from the
/// working folder or beside the binary's checkout) on a random loopback port, default settings
/// (fsync on), stopped and removed afterwards.
struct BenchCluster {
    let dir: String
    let script: String
    let admin: PostgresAddress

    static func findScript() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/scripts/pg-cluster.sh"]
        var u = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 { candidates.append(u.path + "/scripts/pg-cluster.sh"); u = u.deletingLastPathComponent() }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func start() throws -> BenchCluster {
        guard let script = findScript() else {
            throw ValidationError("no PostgreSQL server given and scripts/pg-cluster.sh not found: run from banche's checkout, or give --admin postgres://ADMIN@HOST:PORT/DB")
        }
        let port = Int.random(in: 20_000...60_000)
        let dir = "/tmp/banche-bench-pg-\(getpid())-\(port)"
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        let (status, log) = run(script, ["start", dir, String(port), password])
        guard status == 0 else { throw ValidationError("cannot start a throwaway PostgreSQL cluster (\(script)): \(log)") }
        setenv("PGPASSWORD", password, 1)
        return BenchCluster(dir: dir, script: script, admin: PostgresAddress(user: "postgres", host: "127.0.0.1", port: port, database: "postgres"))
    }

    func stop() { _ = Self.run(script, ["stop", dir]) }

    /// Runs the script with bash and waits for it (posix_spawn and waitpid: Foundation's Process
    /// can miss the exit of a short-lived child), its output going to a file, not a pipe: the
    /// server it leaves running would hold a pipe open. Returns the status and the output.
    static func run(_ script: String, _ args: [String]) -> (status: Int32, output: String) {
        let log = NSTemporaryDirectory() + "banche-bench-cluster-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/bin/bash", script] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ) == 0 else { return (127, "cannot run /bin/bash") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}

/// The season's files in `dir`, one per kind (divisions.csv only when the folder has one).
func seasonFiles(in dir: String) -> [(ImportKind, String)] {
    ImportKind.allCases.map { ($0, dir + "/" + $0.fileName) }.filter { $0.0 != .divisions || FileManager.default.fileExists(atPath: $0.1) }
}

/// A generated season (200 villages, 20 factories) written as CSVs into a new temporary folder,
/// for the import and store benchmarks; the caller removes the folder.
func benchSeasonFolder(workers: Int, seed: UInt64) throws -> String {
    var g = ScenarioGenerator()
    g.workers = workers; g.seed = seed; g.villages = 200; g.factories = 20
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-bench-\(getpid())-\(seed)").path
    try ScenarioCSV.write(g.generate(), to: dir)
    return dir
}
