import Foundation
import GRDB
import Testing
import BancheStore

/// The database file a clerk copies holds the data; only `init` creates a database; backups
/// and purges behave while another process reads (issue #10, "The database file must hold
/// the data").
@Suite(.serialized) struct DataSafetyTests {
    func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    /// Copies only the `.sqlite` file, as a clerk copies it to a USB stick.
    func copyAlone(_ db: String) throws -> String {
        let copy = try CLI.tempDir() + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        return copy
    }

    func counts(_ db: String) throws -> [String: Int] {
        let s = try SQLiteStore(path: db)
        defer { _ = try? s.close() }
        return try s.counts()
    }

    @Test func everyWritingCommandLeavesASelfContainedFile() throws {
        let dir = try CLI.tempDir()
        let db = dir + "/banche.sqlite"
        try #require(try CLI.run(["init", "--db", db]).status == 0)
        #expect(try CLI.run(["plans", "--db", try copyAlone(db)]).stdout.contains("no plans yet"))

        try #require(try CLI.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang"), "--db", db]).status == 0)
        #expect(size(db + "-wal") <= 0, "the log still holds pages after import")
        #expect(try counts(try copyAlone(db))["worker"] == 619)

        let plan = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
        #expect(plan.status == 0 || plan.status == 1)
        let listed = try CLI.run(["plans", "--db", try copyAlone(db)])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("to-work"), "\(listed.stdout)")

        let trip = try #require(try SQLiteStore(path: db).manifests(version: nil).first)
        let r = try CLI.run(["board", "record", "--trip", trip.tripID, "--vehicle", "--step", "vehicle-inspection", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try counts(try copyAlone(db))["boarding_record"] == 1)

        let purge = try CLI.run(["purge", "--before", "2100-01-01", "--db", db], env: ["BANCHE_NOW": "2100-01-02T09:00:00+08:00"])
        #expect(purge.status == 0, "\(purge.stderr)")
        #expect(try counts(try copyAlone(db))["worker"] == 0)
        #expect(size(db + "-wal") <= 0)
    }

    @Test func demoLeavesASelfContainedFile() throws {
        let out = try CLI.tempDir() + "/demo"
        let r = try CLI.run(["demo", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let copy = try copyAlone(out + "/banche.sqlite")
        let listed = try CLI.run(["plans", "--db", copy])
        #expect(listed.stdout.contains("to-work"), "\(listed.stdout)")
    }

    @Test func onlyInitCreatesADatabase() throws {
        let dir = try CLI.tempDir()
        // Missing: refused, and nothing is created.
        let missing = try CLI.run(["plans", "--db", dir + "/none.sqlite"])
        #expect(missing.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.sqlite"))
        // Empty: refused, left empty.
        let empty = dir + "/empty.sqlite"
        FileManager.default.createFile(atPath: empty, contents: Data())
        for args in [["plans"], ["import", "workers", CLI.fixture("tiandeng-pengjiang/workers.csv")], ["history"]] {
            let r = try CLI.run(args + ["--db", empty])
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("empty"), "\(r.stderr)")
            #expect(size(empty) == 0)
        }
        // …until `banche init` makes it a database (the message says so): nothing was in it.
        let made = try CLI.run(["init", "--db", empty])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.posixPermissions] as? Int == 0o600)
        #expect(try CLI.run(["plans", "--db", empty]).status == 0)
        #expect(try CLI.run(["init", "--db", empty]).status == 2, "a database is never overwritten")
        // An empty main file beside a log holding pages is not taken: the log may be the data.
        let logged = dir + "/logged.sqlite"
        FileManager.default.createFile(atPath: logged, contents: Data())
        FileManager.default.createFile(atPath: logged + "-wal", contents: Data(repeating: 1, count: 4096))
        #expect(try CLI.run(["init", "--db", logged]).status == 2)
        #expect(size(logged) == 0 && size(logged + "-wal") == 4096)
        // Another application's SQLite file: refused, byte for byte as it was.
        let other = dir + "/other.sqlite"
        let q = try DatabaseQueue(path: other)
        try q.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        for args in [["plans"], ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15"], ["purge", "--before", "2026-01-01"]] {
            let r = try CLI.run(args + ["--db", other])
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("not a banche database"), "\(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        // Not SQLite at all.
        let text = dir + "/notes.txt"
        try "hello".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["plans", "--db", text]).status == 2)
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "hello")
    }

    @Test func backupWhileAnotherProcessReads() throws {
        let db = try CLI.fixtureDatabase()
        let out = try CLI.tempDir() + "/backup.sqlite"
        // Hold a read transaction in this process while `banche backup` runs in another.
        let reader = try DatabaseQueue(path: db)
        let r = try reader.read { rdb -> CLI.Result in
            _ = try Int.fetchOne(rdb, sql: "SELECT COUNT(*) FROM worker")
            return try CLI.run(["backup", "--out", out, "--db", db])
        }
        try reader.close()
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: out + "-wal") || size(out + "-wal") == 0)
        let copy = try copyAlone(out)
        let s = try SQLiteStore(path: copy)
        #expect(try s.integrityCheck() == "ok")
        #expect(try s.counts()["worker"] == 619)
        try s.close()
        // Refusals: the database itself, a missing folder, a folder as the target.
        #expect(try CLI.run(["backup", "--out", db, "--db", db]).status == 2)
        let missing = try CLI.run(["backup", "--out", "/nonexistent-dir/x.sqlite", "--db", db])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such directory"), "\(missing.stderr)")
        #expect(try CLI.run(["backup", "--out", try CLI.tempDir(), "--db", db]).status == 2)
    }

    /// A purge while another process holds a read: exit 3 and says the bytes are still on
    /// disk; the 'wipe pending' mark was committed with the deletions, and the next opening
    /// of the database completes the wipe.
    @Test func purgeBlockedByAReaderIsFinishedByTheNextOpening() throws {
        let db = try CLI.fixtureDatabase()
        let csv = try String(contentsOfFile: CLI.fixture("tiandeng-pengjiang/workers.csv"), encoding: .utf8)
        let line = csv.split(whereSeparator: \.isNewline)[1].split(separator: ",")
        let residentID = Data(String(line[2]).utf8)
        func onDisk() throws -> Bool {
            try [db, db + "-wal"].contains { p in
                try FileManager.default.fileExists(atPath: p) && Data(contentsOf: URL(fileURLWithPath: p)).range(of: residentID) != nil
            }
        }
        #expect(try onDisk())
        let reader = try DatabaseQueue(path: db)
        let r = try reader.read { rdb -> CLI.Result in
            _ = try Int.fetchOne(rdb, sql: "SELECT COUNT(*) FROM worker")
            return try CLI.run(["purge", "--before", "2100-01-01", "--db", db], env: ["BANCHE_BUSY_TIMEOUT": "1", "BANCHE_NOW": "2100-01-02T09:00:00+08:00"])
        }
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("still on disk"), "\(r.stderr)")
        #expect(try onDisk(), "the test needs the bytes still there")
        let marked = try reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM maintenance WHERE key = 'wipe_pending'") }
        #expect(marked == 1)
        try reader.close()
        // Any opening completes the wipe.
        #expect(try CLI.run(["history", "--db", db]).status == 0)
        #expect(try !onDisk(), "a purged ID number is still in the file")
        let s = try SQLiteStore(path: db)
        #expect(try !s.wipePending())
        #expect(try s.counts()["worker"] == 0)
        try s.close()
    }

    /// Dates in flags follow the same rules as dates in files: years 1900–2100, windows of at
    /// most 366 days (issue #10).
    @Test func flagsRefuseDatesNoOneMeans() throws {
        let db = try CLI.fixtureDatabase()
        for args in [["plan", "--direction", "to-work", "--dates", "1800-01-01..1800-01-02"],
                     ["plan", "--direction", "to-work", "--dates", "2027-01-01..2028-06-01"],
                     ["purge", "--before", "3000-01-01"],
                     ["manifest", "--date", "0027-02-13"],
                     ["board", "record", "--trip", "T", "--vehicle", "--step", "vehicle-inspection", "--at", "2999-02-13T05:00+08:00"]] {
            let r = try CLI.run(args + ["--db", db])
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        #expect(try CLI.run(["plans", "--db", db]).stdout.contains("no plans yet"))
    }

    /// Nothing below a command's `run()` exits: one place maps errors to exit codes.
    @Test func noExitBelowTheCommandEdge() throws {
        let sources = CLI.root.appendingPathComponent("Sources").path
        let files = FileManager.default.enumerator(atPath: sources)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for f in files where f != "banche/Banche.swift" {
            let text = try String(contentsOfFile: sources + "/" + f, encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1).first.map(String.init) ?? ""
                #expect(!code.contains("exit("), "Sources/\(f):\(i + 1) calls exit()")
                #expect(!code.contains("try!") || f.hasPrefix("BancheCore/Generation"), "Sources/\(f):\(i + 1) uses try!")
            }
        }
    }
}

/// `--db` and `BANCHE_DB` name the database; a password in a database URL is refused (exit 2)
/// and never printed.
@Suite struct DatabaseURLCLITests {
    @Test func aPasswordInTheURLIsRefusedWithExit2AndNotPrinted() throws {
        let r = try CLI.run(["plans", "--db", "postgres://banche_451425:s3cr3t-pw@127.0.0.1:1/banche"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("PGPASSWORD"))
        #expect(!(r.stdout + r.stderr).contains("s3cr3t"))
        let e = try CLI.run(["plans"], env: ["BANCHE_DB": "postgres://admin:s3cr3t-pw@127.0.0.1:1/banche"])
        #expect(e.status == 2)
        #expect(!(e.stdout + e.stderr).contains("s3cr3t"))
    }

    @Test func banchedbNamesTheFileWhenNoOptionIsGiven() throws {
        let db = try CLI.fixtureDatabase()
        let viaEnv = try CLI.run(["plans"], env: ["BANCHE_DB": db], cwd: try CLI.tempDir())
        #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
        // --db wins over BANCHE_DB.
        let missing = try CLI.tempDir() + "/none.sqlite"
        let r = try CLI.run(["plans", "--db", missing], env: ["BANCHE_DB": db])
        #expect(r.status == 2)
        #expect(r.stderr.contains(missing))
    }
}
