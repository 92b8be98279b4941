import Foundation
import Testing
import PGTestCluster

/// The province database (issue 17): counties as tenants of one PostgreSQL database, against a
/// real server (`PGTestCluster`), through the built `banche`.
@Suite(.serialized) struct ProvinceCLITests {
    struct Province {
        let cluster: PGTestCluster
        let db: String
        var admin: String { cluster.url(db) }
        var env: [String: String] { ["PGPASSFILE": cluster.passFile, "PGPASSWORD": ""] }

        init() throws {
            cluster = try PGTestCluster.shared()
            db = try cluster.newDatabase()
        }

        /// A county office: its login role, given its county by `banche init`.
        func county(_ code: String) throws -> String {
            let role = try cluster.newRole("banche_\(code)")
            let r = try CLI.run(["init", "--db", admin, "--county", code, "--role", role], env: env)
            try #require(r.status == 0, "\(r.stderr)")
            return cluster.url(db, user: role)
        }

        func run(_ args: [String], _ url: String) throws -> CLI.Result { try CLI.run(args + ["--db", url], env: env) }
    }

    static let plan = ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json"]

    @Test func initCreatesTheSchemaOnceAndGivesEachRoleItsCounty() throws {
        let p = try Province()
        let a = try p.county("451425")
        let b = try p.county("440703")
        // Version recorded once; both counties present.
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "4")
        #expect(try p.cluster.psql("SELECT string_agg(code, ',' ORDER BY code) FROM county", database: p.db) == "440703,451425")
        #expect(try p.run(["plans"], a).status == 0)
        #expect(try p.run(["plans"], b).status == 0)
        // One role per county: giving A's role another county is refused.
        let roleA = String(a.split(separator: "@")[0].dropFirst("postgres://".count))
        let again = try CLI.run(["init", "--db", p.admin, "--county", "450000", "--role", roleA], env: p.env)
        #expect(again.status == 2)
        #expect(again.stderr.contains("451425"))
        // A role that does not exist is named.
        let missing = try CLI.run(["init", "--db", p.admin, "--county", "450100", "--role", "no_such_role"], env: p.env)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no_such_role"))
    }

    @Test func countyACannotReadOrWriteCountyB() throws {
        let p = try Province()
        let a = try p.county("451425")
        let b = try p.county("440703")
        let imp = try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], a)
        try #require(imp.status == 0, "\(imp.stderr)")
        let planned = try p.run(Self.plan, a)
        #expect(planned.status == 0 || planned.status == 1, "\(planned.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])
        let trips = try #require(o["trip_details"] as? [[String: Any]])
        let tripA = try #require(trips.first?["trip_id"] as? String)
        let versionA = try p.cluster.psql("SELECT MAX(version) FROM plan", database: p.db)

        // A itself reads them (so the refusals below are about the county, not the command).
        #expect(try p.run(["plans", "list", "--show", versionA], a).status == 0)
        let statusA = try p.run(["board", "status", "--trip", tripA], a)
        #expect(statusA.status == 0 || statusA.status == 1, "\(statusA.stderr)")
        #expect(try p.run(["roster", "check", "--plan"], a).status != 2)
        // Through the commands: B sees no plan, no trip, no worker of A's.
        #expect(try p.run(["plans"], b).stdout.contains("no plans yet"))
        #expect(try p.run(["plans", "list", "--show", versionA], b).status == 2)
        #expect(try p.run(["board", "status", "--trip", tripA], b).status == 2)
        #expect(try p.run(["board", "status", "--trip", "\(tripA)' OR '1'='1"], b).status == 2)
        #expect(try p.run(["roster", "check", "--plan"], b).status == 2)
        let bPlan = try p.run(Self.plan, b)
        #expect(!bPlan.stdout.contains(tripA))
        // A's import of the same files into B's county stands on its own (ids are per county).
        #expect(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], b).status == 0)

        // With crafted SQL as B's role: RLS, not Swift, keeps A's rows away.
        let roleB = String(b.split(separator: "@")[0].dropFirst("postgres://".count))
        let roleA = String(a.split(separator: "@")[0].dropFirst("postgres://".count))
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '451425'", database: p.db, user: roleB) == "0")
        #expect(try p.cluster.psql("SELECT count(*) FROM plan WHERE county = '451425'", database: p.db, user: roleB) == "0")
        #expect(try p.cluster.psql("SELECT count(*) FROM trip WHERE trip_id = '\(tripA)'", database: p.db, user: roleB) == "0")
        #expect(try p.cluster.psql("SELECT string_agg(code, ',') FROM county", database: p.db, user: roleB) == "440703")
        #expect(try p.cluster.psql("WITH u AS (UPDATE worker SET name = 'x' WHERE county = '451425' RETURNING id) SELECT count(*) FROM u", database: p.db, user: roleB) == "0")
        #expect(try p.cluster.psql("WITH d AS (DELETE FROM seat_assignment WHERE county = '451425' RETURNING worker_id) SELECT count(*) FROM d", database: p.db, user: roleB) == "0")
        let forged = try p.cluster.tryPSQL("INSERT INTO stop (county, id, name, kind, latitude, longitude) VALUES ('451425', 'X', 'x', 'depot', 0, 0)",
                                           database: p.db, user: roleB)
        #expect(forged.status != 0)
        #expect(forged.err.contains("row-level security"))
        let moved = try p.cluster.tryPSQL("UPDATE worker SET county = '451425'", database: p.db, user: roleB)
        #expect(moved.status != 0)
        #expect(try p.cluster.tryPSQL("SET ROLE \(roleA)", database: p.db, user: roleB).status != 0)
        #expect(try p.cluster.tryPSQL("ALTER TABLE worker DISABLE ROW LEVEL SECURITY", database: p.db, user: roleB).status != 0)
        // A still has its 619 workers, untouched.
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE name = 'x'", database: p.db) == "0")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '451425'", database: p.db) == "619")

        // The province role reads every county, and writes none.
        let province = try p.cluster.newRole("province")
        try p.cluster.psql("GRANT banche_province TO \(province)", database: p.db)
        #expect(try p.cluster.psql("SELECT count(DISTINCT county) FROM worker", database: p.db, user: province) == "2")
        #expect(try p.cluster.tryPSQL("DELETE FROM worker", database: p.db, user: province).status != 0)
        let provinceURL = p.cluster.url(p.db, user: province)
        #expect(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], provinceURL).status == 2)
    }

    @Test func twoCountiesPlanAtOnceAndTwoPlansOfOneCountyAreSerialised() throws {
        let p = try Province()
        let a = try p.county("451425")
        let b = try p.county("440703")
        for u in [a, b] { try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], u).status == 0) }
        // A twice and B once, all at the same moment (output to files: no pipe to drain).
        let urls = [a, a, b]
        let dir = try CLI.tempDir()
        var procs: [Process] = []
        for (i, u) in urls.enumerated() {
            let proc = Process()
            proc.executableURL = URL(fileURLWithPath: CLI.binary)
            proc.arguments = Self.plan + ["--db", u]
            proc.environment = ProcessInfo.processInfo.environment.merging(p.env.merging(["BANCHE_BUSY_TIMEOUT": "60", "BANCHE_NOW": "2026-11-24T09:00:00+08:00"]) { $1 }) { $1 }
            FileManager.default.createFile(atPath: "\(dir)/\(i).err", contents: nil)
            proc.standardOutput = FileHandle.nullDevice
            proc.standardError = FileHandle(forWritingAtPath: "\(dir)/\(i).err")
            procs.append(proc)
        }
        for proc in procs { try proc.run() }
        for proc in procs { proc.waitUntilExit() }
        let errors = try (0..<urls.count).map { try String(contentsOfFile: "\(dir)/\($0).err", encoding: .utf8) }
        let statuses = procs.map(\.terminationStatus)
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 1 || $0 == 3 }, "\(errors)")
        let savedA = statuses[0...1].filter { $0 == 0 || $0 == 1 }.count
        #expect(statuses[2] == 0 || statuses[2] == 1, "B is never held up by A")
        #expect(Int(try p.cluster.psql("SELECT count(*) FROM plan WHERE county = '451425'", database: p.db)) == savedA)
        #expect(try p.cluster.psql("SELECT count(*) FROM plan WHERE county = '440703'", database: p.db) == "1")
        // Every version whole: its trips and seats match its summary.
        let bad = try p.cluster.psql("""
            SELECT count(*) FROM plan p WHERE p.trips <> (SELECT count(*) FROM trip t WHERE t.plan_version = p.version)
               OR p.workers_placed <> (SELECT count(*) FROM seat_assignment s WHERE s.plan_version = p.version)
            """, database: p.db)
        #expect(bad == "0")
    }

    @Test func aPlanWaitingTooLongForTheCountyLockExits3() throws {
        let p = try Province()
        let a = try p.county("451425")
        try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], a).status == 0)
        // Another session holds the lock of 451425/to-work, as a long save would.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        let role = String(a.split(separator: "@")[0].dropFirst("postgres://".count))
        holder.arguments = ["-h", "127.0.0.1", "-p", "\(p.cluster.port)", "-U", role, "-d", p.db, "-X", "-c",
                            "BEGIN; SELECT pg_advisory_xact_lock(hashtext('banche-plan:451425:to-work')); SELECT pg_sleep(20); COMMIT;"]
        holder.environment = ProcessInfo.processInfo.environment.merging(["PGPASSFILE": p.cluster.passFile]) { $1 }
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        Thread.sleep(forTimeInterval: 1.0)
        let r = try CLI.run(Self.plan + ["--db", a], env: p.env.merging(["BANCHE_BUSY_TIMEOUT": "1"]) { $1 })
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("busy"))
        #expect(try p.cluster.psql("SELECT count(*) FROM plan", database: p.db) == "0")
    }

    @Test func aKilledImportLeavesNothingOrEverything() throws {
        let p = try Province()
        let a = try p.county("451425")
        let dir = try CLI.tempDir()
        let g = try CLI.run(["generate", "--workers", "20000", "--out", dir])
        try #require(g.status == 0, "\(g.stderr)")
        var outcomes: Set<String> = []
        for delay in [0.3, 0.8, 1.5, 3.0] {
            let proc = Process()
            proc.executableURL = URL(fileURLWithPath: CLI.binary)
            proc.arguments = ["import", "--dir", dir, "--replace", "--db", a]
            proc.environment = ProcessInfo.processInfo.environment.merging(p.env) { $1 }
            proc.standardOutput = FileHandle.nullDevice; proc.standardError = FileHandle.nullDevice
            try proc.run()
            Thread.sleep(forTimeInterval: delay)
            kill(proc.processIdentifier, SIGKILL)
            proc.waitUntilExit()
            // The server rolls back the dead client's transaction: 0 workers or all of them.
            var n = ""
            for _ in 0..<50 {
                n = try p.cluster.psql("SELECT count(*) FROM worker", database: p.db)
                if try p.cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(p.db)' AND state LIKE 'idle in%'", database: p.db) == "0" { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(n == "0" || n == "20000", "after SIGKILL at \(delay) s: \(n) workers")
            let logs = try p.cluster.psql("SELECT count(*) FROM import_log", database: p.db)
            #expect((n == "0") == (logs == "0"))
            outcomes.insert(n)
        }
        // The imports can still be done afterwards.
        #expect(try p.run(["import", "--dir", dir, "--replace"], a).status == 0)
        #expect(try p.cluster.psql("SELECT count(*) FROM worker", database: p.db) == "20000")
    }

    @Test func onlyMigrateChangesTheSchemaAndOtherVersionsAreNamed() throws {
        let p = try Province()
        // A database left at version 1 by an older banche.
        let v1 = try CLI.run(["migrate", "--db", p.admin, "--to", "1"], env: p.env)
        try #require(v1.status == 0, "\(v1.stderr)")
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "1")
        let old = try CLI.run(["plans", "--db", p.admin], env: p.env)
        #expect(old.status == 2)
        #expect(old.stderr.contains("version 1") && old.stderr.contains("version 4") && old.stderr.contains("banche migrate"))
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "1", "a command other than migrate changed nothing")
        let init1 = try CLI.run(["init", "--db", p.admin, "--county", "451425", "--role", "postgres"], env: p.env)
        #expect(init1.status == 2)
        let m = try CLI.run(["migrate", "--db", p.admin], env: p.env)
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stdout.contains("1") && m.stdout.contains("4"))
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "4")
        let a = try p.county("451425")
        #expect(try p.run(["plans"], a).status == 0)
        #expect(try CLI.run(["migrate", "--db", p.admin], env: p.env).stdout.contains("already"))
        // A newer banche's schema: refused, both versions named.
        try p.cluster.psql("INSERT INTO banche_schema (version, name) VALUES (7, 'from the future')", database: p.db)
        let newer = try p.run(["plans"], a)
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("version 7") && newer.stderr.contains("version 4"))
        #expect(try CLI.run(["migrate", "--db", p.admin], env: p.env).status == 2)
    }

    @Test func thePasswordComesFromPGPASSWORDOrPgpassAndIsNeverPrinted() throws {
        let p = try Province()
        _ = try p.county("451425")
        // PGPASSWORD, with no .pgpass: the administrator logs in.
        let ok = try CLI.run(["migrate", "--db", p.admin], env: ["PGPASSFILE": "/nonexistent", "PGPASSWORD": PGTestCluster.adminPassword])
        #expect(ok.status == 0, "\(ok.stderr)")
        let wrong = try CLI.run(["migrate", "--db", p.admin], env: ["PGPASSFILE": "/nonexistent", "PGPASSWORD": "wrong-pw-123"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("PGPASSWORD"))
        #expect(!(wrong.stdout + wrong.stderr).contains("wrong-pw-123"))
        // Nothing reachable: named, exit 2.
        let down = try CLI.run(["plans", "--db", "postgres://x@127.0.0.1:1/banche"], env: p.env)
        #expect(down.status == 2)
        #expect(down.stderr.contains("127.0.0.1:1"))
    }
}
