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
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "9")
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
        // Listing plans across counties names the county of each version; a county's own list does not.
        let across = try p.run(["plans"], provinceURL)
        #expect(across.status == 0 && across.stdout.hasPrefix("county") && across.stdout.contains("\n451425 "), "\(across.stdout)")
        #expect(!(try p.run(["plans"], a).stdout.hasPrefix("county")))
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
        #expect(old.stderr.contains("version 1") && old.stderr.contains("version 9") && old.stderr.contains("banche migrate"))
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "1", "a command other than migrate changed nothing")
        let init1 = try CLI.run(["init", "--db", p.admin, "--county", "451425", "--role", "postgres"], env: p.env)
        #expect(init1.status == 2)
        let m = try CLI.run(["migrate", "--db", p.admin], env: p.env)
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stdout.contains("1") && m.stdout.contains("9"))
        #expect(try p.cluster.psql("SELECT MAX(version) FROM banche_schema", database: p.db) == "9")
        let a = try p.county("451425")
        #expect(try p.run(["plans"], a).status == 0)
        #expect(try CLI.run(["migrate", "--db", p.admin], env: p.env).stdout.contains("already"))
        // A county office's role is told who may migrate, not "permission denied for schema public".
        let county = try p.run(["migrate"], a)
        #expect(county.status == 2 && county.stderr.contains("only the administrator who owns banche's tables"), "\(county.stderr)")
        // A newer banche's schema: refused, both versions named.
        try p.cluster.psql("INSERT INTO banche_schema (version, name) VALUES (10, 'from the future')", database: p.db)
        let newer = try p.run(["plans"], a)
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("version 10") && newer.stderr.contains("version 9"))
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

    /// Every county-office command on the shared database answers from the county's own rows
    /// only: what A prints does not change while B imports, plans, publishes and cancels the
    /// same ids; B's plan versions are not found from A; A's purge deletes A's rows only.
    @Test func everyCountyCommandSeesOnlyItsOwnCounty() throws {
        let p = try Province()
        let a = try p.county("451425")
        let b = try p.county("440703")
        try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], a).status == 0)
        let plannedA = try p.run(Self.plan, a)
        try #require(plannedA.status == 0 || plannedA.status == 1, "\(plannedA.stderr)")
        let vA = try p.cluster.psql("SELECT MAX(version) FROM plan WHERE county = '451425'", database: p.db)
        let tripA = try p.cluster.psql("SELECT MIN(trip_id) FROM trip WHERE county = '451425'", database: p.db)
        let reads: [[String]] = [["report", "season", "--format", "json"], ["history"], ["find", "W00001"], ["worker", "show", "W00001"],
                                 ["manifest", "--all"], ["export", "passengers", "--format", "csv"], ["export", "notices"], ["plans", "diff", vA, vA],
                                 ["export", "stops"], ["export", "employers"], ["export", "roster"], ["plans", "list", "--show", vA]]
        func readAll() throws -> [String] {
            try reads.map { args in
                let r = try p.run(args, a)
                #expect(r.status == 0, "\(args): \(r.stderr)")
                return r.stdout
            }
        }
        let before = try readAll()
        #expect(before[4].contains(tripA))
        #expect(before[2].contains("W00001") && before[3].contains("W00001"))
        for out in before {
            // ID numbers and phones stay masked, as on SQLite.
            #expect(out.range(of: #"[0-9]{17}[0-9X]"#, options: .regularExpression) == nil)
            #expect(out.range(of: #"1[3-9][0-9]{9}"#, options: .regularExpression) == nil)
        }

        // B works with the same ids in its own county.
        try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], b).status == 0)
        let plannedB = try p.run(Self.plan, b)
        try #require(plannedB.status == 0 || plannedB.status == 1, "\(plannedB.stderr)")
        let vB = try p.cluster.psql("SELECT MAX(version) FROM plan WHERE county = '440703'", database: p.db)
        #expect(try p.run(["publish"], b).status == 0)
        #expect(try p.run(["worker", "cancel", "W00001", "--reason", "回乡 went home"], b).status == 0)
        #expect(try p.run(["history"], b).stdout.contains("cancel worker W00001"))

        #expect(try readAll() == before, "nothing of B's shows in A's answers")
        for args in [["manifest", "--all", "--plan", vB], ["plans", "diff", vA, vB], ["publish", "--plan", vB], ["export", "passengers", "--plan", vB]] {
            let r = try p.run(args, a)
            #expect(r.status == 2, "\(args)")
            #expect(!r.stderr.contains("not yet available"), "\(args): \(r.stderr)")
        }
        // The HTML report reads the county's plan and boarding too.
        let html = try CLI.tempDir() + "/report"
        let report = try p.run(["report", "html", "--out", html], a)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: html + "/trip-\(tripA).html"))
        // The check-in server's links are the county's too.
        let link = try p.run(["serve", "token", "--trip", tripA], a)
        #expect(link.status == 0 && link.stdout.contains("/t/"), "\(link.stderr)")
        #expect(try p.run(["serve", "token", "list"], a).stdout.contains(tripA))
        #expect(try p.run(["serve", "token", "list"], b).stdout.isEmpty)
        // Boarding by stop answers on PostgreSQL too (here: refusals that name the trip's own stops).
        let stopClose = try p.run(["board", "close", "--trip", tripA, "--stop", "NO-SUCH-STOP"], a)
        #expect(stopClose.status == 2 && stopClose.stderr.contains("pickup stops"), "\(stopClose.stderr)")
        let reopen = try p.run(["board", "reopen", "--trip", tripA], a)
        #expect(reopen.status == 2 && reopen.stderr.contains("is not closed"), "\(reopen.stderr)")

        // A's purge: A's rows only; the administrator then rewrites the tables.
        let later = p.env.merging(["BANCHE_NOW": "2027-03-05T09:00:00+08:00"]) { $1 }
        let purge = try CLI.run(["purge", "--before", "2027-03-01", "--db", a], env: later)
        #expect(purge.status == 0 || (purge.status == 2 && purge.stderr.contains("the purge is committed")), "\(purge.stderr)")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '451425'", database: p.db) == "0")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '440703'", database: p.db) == "619")
        #expect(try p.run(["history"], a).stdout.contains("purge before 2027-03-01: 619 workers"))
        #expect(!(try p.run(["history"], b).stdout.contains("purge")))
        #expect(try p.run(["find", "W00001"], b).stdout.contains("W00001"))
        #expect(try p.run(["find", "W00001"], a).status == 1, "nothing left to find in A")
        var vacuum = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later)
        for _ in 0..<5 where vacuum.status == 3 { vacuum = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later) }  // held a moment by other tests' writers
        #expect(vacuum.status == 0 && vacuum.stdout.contains("VACUUM FULL"), "\(vacuum.stderr)")
        #expect(try p.cluster.psql("SELECT count(*) FROM purge_log WHERE vacuumed_at IS NULL", database: p.db) == "0")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '440703'", database: p.db) == "619")
        // Run again with nothing pending, it says so instead of claiming a rewrite.
        let idle = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later)
        #expect(idle.status == 0 && idle.stdout.contains("nothing was done") && !idle.stdout.contains("VACUUM FULL"), "\(idle.stdout)")
        // The season still adds up for A from the counts the purge kept.
        #expect(try p.run(["report", "season", "--format", "json"], a).stdout == before[0])
    }

    /// VACUUM FULL keeps a deleted row that a transaction begun before the purge can still see:
    /// the purge waits for such a snapshot, then exits 3 and stays pending; run again once it is
    /// gone, it finishes (docs/province.md, Purge).
    @Test func aPurgeWaitsForSnapshotsThatStillSeeTheRows() throws {
        let p = try Province()
        let a = try p.county("451425")
        try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], a).status == 0)
        // A clerk's long report in A's county: a snapshot taken before the purge.
        let role = String(a.split(separator: "@")[0].dropFirst("postgres://".count))
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        holder.arguments = ["-h", "127.0.0.1", "-p", "\(p.cluster.port)", "-U", role, "-d", p.db, "-X", "-c",
                            "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM worker; SELECT pg_sleep(30); COMMIT;"]
        holder.environment = ProcessInfo.processInfo.environment.merging(["PGPASSFILE": p.cluster.passFile]) { $1 }
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { if holder.isRunning { holder.terminate(); holder.waitUntilExit() } }
        for _ in 0..<50 where try p.cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(p.db)' AND backend_xmin IS NOT NULL AND query LIKE '%pg_sleep%'", database: p.db) == "0" {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let later = p.env.merging(["BANCHE_NOW": "2027-03-05T09:00:00+08:00", "BANCHE_BUSY_TIMEOUT": "1"]) { $1 }
        let purge = try CLI.run(["purge", "--before", "2027-03-01", "--db", a], env: later)
        #expect(purge.status == 2 || purge.status == 3, "\(purge.stderr)")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker", database: p.db) == "0", "the deletions are committed")
        let held = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later)
        #expect(held.status == 3, "\(held.stderr)")
        #expect(held.stderr.contains("may still see the deleted rows") && held.stderr.contains("run the same purge again"), "\(held.stderr)")
        #expect(try p.cluster.psql("SELECT count(*) FROM purge_log WHERE vacuumed_at IS NULL", database: p.db) == "1")
        // The report ends (its session is ended on the server: a sleeping backend would not notice its client go).
        try p.cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(p.db)' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()",
                           database: p.db)
        holder.waitUntilExit()
        // Other tests' transactions on the shared server may hold it back a moment (exit 3):
        // run it again, as the message says.
        var again = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later)
        for _ in 0..<5 where again.status == 3 { again = try CLI.run(["purge", "--before", "2027-03-01", "--db", p.admin], env: later) }
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try p.cluster.psql("SELECT count(*) FROM purge_log WHERE vacuumed_at IS NULL", database: p.db) == "0")
    }
}
