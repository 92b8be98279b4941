import Foundation
import Testing
import GRDB
import BancheStore
import PGTestCluster

/// `banche copy` (issue 17): a county's season from a SQLite file into the province database and
/// back, checked by counts and checksums, against a real server (`PGTestCluster`).
@Suite(.serialized) struct CopyCLITests {
    typealias Province = ProvinceCLITests.Province
    static let boardingTime = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]

    /// A planned fixture with boarding records, a stop closed, reopened and closed again, a
    /// closed trip, records the check-in server wrote and a cancelled worker: every kind of
    /// row a season has.
    static func season() throws -> (db: String, trip: String, records: Int) {
        let (db, trip, people) = try CLI.plannedFixtureTrip(env: boardingTime)
        var csv = "trip_id,worker_id,step,value,at\n"
        for v in ["vehicle-inspection", "charter-sign"] { csv += "\(trip),,\(v),,2027-02-13T05:00\n" }
        csv += "\(trip),,alcohol-test,0,2027-02-13T05:00\n"
        for p in people {
            csv += "\(trip),\(p),id-check,,2027-02-13T05:10\n\(trip),\(p),safety-briefing,,2027-02-13T05:12\n"
            csv += "\(trip),\(p),prohibited-items,\(p == people[0] ? "no" : "yes"),2027-02-13T05:14\n"
        }
        let file = try CLI.tempDir() + "/results.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let imp = try CLI.run(["board", "import", file, "--db", db], env: boardingTime)
        try #require(imp.status == 0, "\(imp.stderr)")
        let stop = try #require(try SQLiteStore(path: db).trip(trip)?.pickupStops.values.min())
        for step in [["close", "--trip", trip, "--stop", stop], ["reopen", "--trip", trip, "--stop", stop], ["close", "--trip", trip, "--stop", stop]] {
            let r = try CLI.run(["board"] + step + ["--db", db], env: boardingTime)
            try #require(r.status == 0, "\(step): \(r.stderr)")
        }
        let close = try CLI.run(["board", "close", "--trip", trip, "--db", db], env: boardingTime)
        try #require(close.status == 0, "\(close.stderr)")
        // What the check-in server adds to a record: who recorded it and the phone's own id.
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "UPDATE boarding_record SET recorded_by = 'user:clerk', client_record_id = 'phone-1' WHERE id = (SELECT MIN(id) FROM boarding_record)")
        }
        try #require(try CLI.run(["worker", "cancel", "W00001", "--reason", "found work near home", "--db", db]).status == 0)
        let again = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
        try #require(again.status == 0 || again.status == 1, "\(again.stderr)")
        return (db, trip, 3 + 3 * people.count)
    }

    /// The table part of copy's output (after its first line, which names both sides).
    static func table(_ out: String) -> [Substring] { Array(out.split(separator: "\n").dropFirst()) }

    static func row(_ out: String, _ table: String) -> [Substring]? {
        out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }.first { $0.first.map(String.init) == table }
    }

    @Test func aSeasonGoesToPostgreSQLAndBackUnchanged() throws {
        let p = try Province()
        let a = try p.county("451425")
        let (db, trip, records) = try Self.season()
        let there = try CLI.run(["copy", "--from", db, "--to", a], env: p.env)
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("every table checks out"))
        #expect(Self.row(there.stdout, "worker")?[1] == "619")
        #expect(Self.row(there.stdout, "boarding_record")?[1] == Substring(String(records)))
        #expect(Self.row(there.stdout, "boarding_stop_close")?[1] == "1")
        #expect(Self.row(there.stdout, "boarding_reopen")?[1] == "1")
        #expect(try p.cluster.psql("SELECT recorded_by || ' ' || client_record_id FROM boarding_record WHERE recorded_by IS NOT NULL", database: p.db) == "user:clerk phone-1")
        #expect(try p.cluster.psql("SELECT count(*) > 0 FROM boarding_outcome WHERE stop_id IS NOT NULL", database: p.db) == "t")
        #expect(try p.cluster.psql("SELECT count(*) FROM worker WHERE county = '451425'", database: p.db) == "619")
        // The county's commands see it.
        #expect(try p.run(["plans"], a).stdout.split(separator: "\n").count >= 3)

        let dir = try CLI.tempDir()
        let back = dir + "/back.sqlite"
        let home = try CLI.run(["copy", "--from", a, "--to", back], env: p.env)
        #expect(home.status == 0, "\(home.stderr)")
        // The same counts and checksums both ways.
        #expect(Self.table(there.stdout) == Self.table(home.stdout))
        let mode = try FileManager.default.attributesOfItem(atPath: back)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: back + "-wal"))
        // What the commands print of both files is the same.
        for args in [["plans"], ["manifest", "--all"], ["board", "status", "--trip", trip], ["history"]] {
            let x = try CLI.run(args + ["--db", db], env: Self.boardingTime)
            let y = try CLI.run(args + ["--db", back], env: Self.boardingTime)
            #expect(x.status == y.status)
            #expect(x.stdout == y.stdout, "\(args)")
            #expect(!x.stdout.isEmpty, "\(args)")
        }
        // And a copy of the copy checks out against the first one.
        let again = try CLI.run(["copy", "--from", back, "--to", a, "--replace"], env: p.env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.table(again.stdout) == Self.table(there.stdout))
    }

    @Test func aCopyWritesItsOwnCountyOnlyAndRefusesASecondCopy() throws {
        let p = try Province()
        let a = try p.county("451425")
        let b = try p.county("440703")
        try #require(try p.run(["import", "--dir", CLI.fixture("tiandeng-pengjiang")], b).status == 0)
        try #require(try p.run(ProvinceCLITests.plan, b).status != 2)
        func countyRows(_ c: String) throws -> String {
            try p.cluster.psql("SELECT (SELECT count(*) FROM worker WHERE county = '\(c)') || '/' || (SELECT count(*) FROM plan WHERE county = '\(c)') || '/' || (SELECT count(*) FROM seat_assignment WHERE county = '\(c)')", database: p.db)
        }
        let bBefore = try countyRows("440703")
        let (db, _, _) = try Self.season()
        #expect(try CLI.run(["copy", "--from", db, "--to", a], env: p.env).status == 0)
        #expect(try countyRows("440703") == bBefore)
        let aAfter = try countyRows("451425")
        #expect(aAfter.hasPrefix("619/2/"))

        // A second copy into A is refused and changes nothing; --replace replaces, never adds.
        let second = try CLI.run(["copy", "--from", db, "--to", a], env: p.env)
        #expect(second.status == 2)
        #expect(second.stderr.contains("--replace"))
        #expect(try countyRows("451425") == aAfter)
        let replaced = try CLI.run(["copy", "--from", db, "--to", a, "--replace"], env: p.env)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try countyRows("451425") == aAfter)
        #expect(try countyRows("440703") == bBefore)

        // Back out of A: A's rows only, never B's.
        let dir = try CLI.tempDir()
        let out = try CLI.run(["copy", "--from", a, "--to", dir + "/a.sqlite"], env: p.env)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(Self.row(out.stdout, "worker")?[1] == "619")
        #expect(Self.row(out.stdout, "plan")?[1] == "2")
        // An existing file that holds a season is refused too, unless --replace.
        let onto = try CLI.run(["copy", "--from", a, "--to", db], env: p.env)
        #expect(onto.status == 2)
        #expect(onto.stderr.contains("--replace"))
    }

    @Test func aChecksumMismatchUndoesTheCopy() throws {
        let p = try Province()
        let a = try p.county("451425")
        // The server changes a row as it is stored (as a faulty disk or a meddling trigger would).
        try p.cluster.psql("""
            CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF NEW.id = 'W00002' THEN NEW.name := NEW.name || '!'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER tamper BEFORE INSERT ON worker FOR EACH ROW EXECUTE FUNCTION tamper();
            """, database: p.db)
        let (db, _, _) = try Self.season()
        let r = try CLI.run(["copy", "--from", db, "--to", a], env: p.env)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("DIFFERS"))
        #expect(Self.row(r.stdout, "worker")?.last == "DIFFERS")
        #expect(Self.row(r.stdout, "stop")?.last == "ok")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try p.cluster.psql("SELECT (SELECT count(*) FROM worker) + (SELECT count(*) FROM plan) + (SELECT count(*) FROM stop)", database: p.db) == "0")
    }

    @Test func badArgumentsExit2WithAClearMessage() throws {
        let p = try Province()
        let a = try p.county("451425")
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        let cases: [([String], String)] = [
            (["copy", "--from", db, "--to", dir + "/x.sqlite"], "banche backup"),
            (["copy", "--from", a, "--to", a], "pg_dump"),
            (["copy", "--from", db], "--to"),
            (["copy", "--from", db, "--to", "postgres://banche_451425:secret99@127.0.0.1:5432/x"], "password"),
            (["copy", "--from", dir + "/none.sqlite", "--to", a], "none.sqlite"),
            (["copy", "--from", db, "--to", p.admin], "belongs to no county"),
            (["copy", "--from", a, "--to", dir + "/no/such/dir.sqlite"], "no such directory"),
        ]
        for (args, says) in cases {
            let r = try CLI.run(args, env: p.env)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(says), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("secret99"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.sqlite"))
        #expect(try p.cluster.psql("SELECT count(*) FROM worker", database: p.db) == "0")
    }
}
