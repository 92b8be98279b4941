import Foundation
import Testing
import BancheStore

/// Short forms of scripts/crash-test.sh and scripts/two-writers.sh, so CI guards them.
@Suite(.serialized) struct ReliabilityTests {
    /// A database with everything but the workers of a generated scenario, and its workers file.
    func setUp(workers: Int) throws -> (db: String, workers: String) {
        let dir = try CLI.tempDir()
        try #require(try CLI.run(["generate", "--workers", "\(workers)", "--stops", "200", "--factories", "12", "--out", dir + "/in"]).status == 0)
        let db = dir + "/b.sqlite"
        try #require(try CLI.run(["init", "--db", db]).status == 0)
        for k in ["stops", "legs", "routes", "buses", "drivers"] {
            try #require(try CLI.run(["import", k, dir + "/in/\(k).csv", "--db", db]).status == 0)
        }
        return (db, dir + "/in/workers.csv")
    }

    func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    func count(_ db: String, _ table: String) throws -> Int {
        let s = try SQLiteStore(path: db)
        defer { try? s.close() }
        return try s.counts()[table] ?? -1
    }

    /// SIGKILL at several points of an import and of a plan: the file stays sound and holds
    /// the old state or the new one, never a mix.
    /// Workers in the crash test: 20,000 here, more from scripts/crash-test.sh.
    static let crashWorkers = Int(ProcessInfo.processInfo.environment["BANCHE_STRESS_WORKERS"] ?? "") ?? 20_000

    @Test func killedWritersLeaveOldOrNew() throws {
        let n0 = Self.crashWorkers
        let (db, workers) = try setUp(workers: n0)
        for delay in [0.05, 0.3, 0.8, 1.5] {
            let p = try start(["import", "workers", workers, "--db", db])
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let s = try SQLiteStore(path: db)
            #expect(try s.integrityCheck() == "ok")
            let n = try s.counts()["worker"]!
            try s.close()
            #expect(n == 0 || n == n0, "killed after \(delay) s: \(n) workers")
        }
        if try count(db, "worker") == 0 { try #require(try CLI.run(["import", "workers", workers, "--db", db]).status == 0) }
        for delay in [0.2, 1.0, 2.0, 4.0] {
            let before = try SQLiteStore(path: db)
            let versions = try before.planVersions().count
            try before.close()
            let p = try start(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let s = try SQLiteStore(path: db)
            #expect(try s.integrityCheck() == "ok")
            let after = try s.planVersions()
            #expect(after.count == versions || after.count == versions + 1)
            // Every stored version is whole: its trips and seats match its summary.
            for v in after {
                let m = try s.manifests(version: v.version)
                #expect(m.count == v.trips)
                #expect(m.reduce(0) { $0 + $1.passengers.count } == v.workersPlaced)
            }
            try s.close()
        }
    }

    /// Two writers at once: the second waits (busy timeout) and both complete; readers never
    /// see half a plan.
    @Test func twoWritersAndAReader() throws {
        let (db, workers) = try setUp(workers: 5_000)
        try #require(try CLI.run(["import", "workers", workers, "--db", db]).status == 0)
        let args = ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]
        let a = try start(args), b = try start(args)
        var reads = 0
        while a.isRunning || b.isRunning {
            let r = try CLI.run(["plans", "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
            reads += 1
        }
        a.waitUntilExit(); b.waitUntilExit()
        // Exit 0 each, or 3 ("busy, retry") for one of them; never anything else.
        #expect([0, 3].contains(a.terminationStatus) && [0, 3].contains(b.terminationStatus))
        let s = try SQLiteStore(path: db)
        #expect(try s.integrityCheck() == "ok")
        let versions = try s.planVersions()
        #expect(versions.count == [a, b].filter { $0.terminationStatus == 0 }.count)
        for v in versions { #expect(try s.manifests(version: v.version).count == v.trips) }
        try s.close()
        // Two imports of the same file at once: one wins, the other is refused; no duplicates.
        let (db2, workers2) = try setUp(workers: 3_000)
        let i1 = try start(["import", "workers", workers2, "--db", db2]), i2 = try start(["import", "workers", workers2, "--db", db2])
        i1.waitUntilExit(); i2.waitUntilExit()
        #expect(Set([i1.terminationStatus, i2.terminationStatus]) == [0, 2])
        #expect(try count(db2, "worker") == 3_000)
    }

    @Test func purgeRemovesPersonalDataFromTheFile() throws {
        let db = try CLI.fixtureDatabase()
        #expect(try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]).status == 0)
        let id = "451425198301260157"   // W00001 of the fixture
        func onDisk() throws -> Bool {
            for f in [db, db + "-wal"] where FileManager.default.fileExists(atPath: f) {
                if try Data(contentsOf: URL(fileURLWithPath: f)).range(of: Data(id.utf8)) != nil { return true }
            }
            return false
        }
        #expect(try onDisk())
        let r = try CLI.run(["purge", "--before", "2027-03-01", "--db", db], env: ["BANCHE_NOW": "2027-03-02T09:00:00+08:00"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("purged 619 workers"))
        #expect(try !onDisk())
        let h = try CLI.run(["history", "--db", db])
        #expect(h.stdout.contains("purge before 2027-03-01: 619 workers"))
        #expect(h.stdout.contains("plan v1"))
        #expect(h.stdout.contains("import workers: 619 rows"))
    }
}
