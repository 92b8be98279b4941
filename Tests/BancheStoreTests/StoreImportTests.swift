import Foundation
import Testing
import BancheCore
import BancheIO
@testable import BancheStore
import BancheStorePG
import PGTestCluster

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
func importTexts(_ store: any Store, _ files: [(ImportKind, String)], replace: Bool = false, chunk: Int = 5_000) throws -> [ImportIssue] {
    var batch = BatchParser(today: CivilDate(year: 2026, month: 11, day: 24)!, replace: replace)
    batch.chunk = chunk
    let tables = try files.map { (k, text) in (k, try CSVReader().parse(text, file: k.fileName)) }
    try store.importBatch(replace: replace, audit: audit) { known, sink in try batch.parse(tables, known: known, into: sink) }
    let issues = batch.issues
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

    /// Text that an array literal would have to escape (PostgreSQL's bulk inserts send binary
    /// arrays): quotes, backslashes, braces, commas, the word NULL, an empty field; a missing
    /// phone stays missing (NULL), not "".
    @Test(arguments: StoreKind.allCases)
    func awkwardTextRoundTrips(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        var s = fixtureScenario(workers: 6)
        let names = ["a\"b", "back\\slash", "{braces}", "comma, and", "NULL", "引号“”與 👩‍🔧"]
        for i in s.workers.indices { s.workers[i].name = names[i]; s.workers[i].employer = i == 0 ? "" : names[i] }
        s.workers[1].phone = nil
        let issues = try importTexts(store, csvTexts(s))
        try #require(issues.isEmpty, "\(issues)")
        let back = try store.loadScenario()
        #expect(back.workers == s.workers.sorted { $0.id < $1.id })
        #expect(back.workers.first { $0.id == s.workers[1].id }?.phone == nil)
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
        // The same with workers handed to the store in chunks of 10 as they are parsed: the
        // first 610 were sent (on PostgreSQL, inserted) before the bad row; still nothing stays.
        #expect(try importTexts(store, files, chunk: 10).count == 1)
        #expect(try store.counts().values.allSatisfy { $0 == 0 })
        #expect(try importTexts(store, csvTexts(s), chunk: 10).isEmpty)
        #expect(try store.storedWorkerIDs().count == s.workers.count)
    }

    /// A replacement list handed over one worker at a time as it is parsed: stored workers
    /// are updated (a new name, a corrected resident ID), a new one added, on both stores.
    @Test(arguments: StoreKind.allCases)
    func aReplacementListHandedOverRowByRowUpdatesAndAdds(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        var s = fixtureScenario(workers: 32)
        let spare = s.workers.removeLast().residentID
        let newcomer = s.workers.removeLast()
        #expect(try importTexts(store, csvTexts(s)).isEmpty)
        s.workers[5].name = "改名"
        s.workers[29].residentID = spare
        s.workers.append(newcomer)
        let issues = try importTexts(store, csvTexts(s), replace: true, chunk: 1)
        #expect(issues.isEmpty, "\(issues)")
        let stored = try store.storedWorkers().workers
        #expect(stored.count == 31)
        #expect(stored[s.workers[5].id]?.name == "改名")
        #expect(stored[s.workers[29].id]?.residentID == spare)
        #expect(stored[newcomer.id] == newcomer)
    }

    /// The server refuses one chunk while later ones are already queued on the connection
    /// (chunks of one worker, up to `PGSession.inFlight` sent): the import reports that
    /// refusal, not the "transaction is aborted" the queued ones then get, and stores nothing.
    @Test func aChunkTheServerRefusesIsTheErrorReported() throws {
        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        let role = try c.newRole("county")
        try PostgresStore.initialize(address: PostgresAddress(url: c.url(db)), county: "451425", role: role)
        let s = fixtureScenario(workers: 30)
        try c.psql("""
            CREATE FUNCTION refuse_w5() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF NEW.id = '\(s.workers[4].id)' THEN RAISE EXCEPTION 'refused by the server for this test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_w5 BEFORE INSERT ON worker FOR EACH ROW EXECUTE FUNCTION refuse_w5();
            """, database: db)
        let store = try PostgresStore(address: PostgresAddress(url: c.url(db, user: role)))
        defer { _ = try? store.close() }
        do {
            try importTexts(store, csvTexts(s), chunk: 1)
            Issue.record("the import should have failed")
        } catch {
            #expect("\(error)".contains("refused by the server for this test"), "\(error)")
            #expect(!"\(error)".contains("aborted"), "\(error)")
        }
        #expect(try store.counts().values.allSatisfy { $0 == 0 })
    }

    /// Schemas 8 (text compared byte by byte; reference checks over distinct keys) and 9 (the
    /// seats a purge counted) on a database that already holds a county's rows at schema 7:
    /// the rows stay, every text column but `county` is `COLLATE "C"`, the seat an earlier purge
    /// counted is marked, the checks still refuse, imports still work.
    @Test func aCountysRowsAtSchema7SurviveTheMigrations() throws {
        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        let role = try c.newRole("county")
        let admin = try PostgresAddress(url: c.url(db))
        try PostgresStore.migrate(address: admin, upTo: 7)
        try c.psql("""
            INSERT INTO county (code, role) VALUES ('451425', '\(role)');
            INSERT INTO stop (county, id, name, kind, latitude, longitude) VALUES ('451425', 'OLD-B', 'b', 'township', 23, 107), ('451425', 'OLD-a', 'a', 'factory', 22, 113);
            INSERT INTO worker (county, id, name, resident_id, direction, earliest_date, latest_date, pickup_stop, dropoff_stop)
              VALUES ('451425', 'OLD-W', '旧', '110101199001011237', 'to-work', '2027-02-11', '2027-02-15', 'OLD-B', 'OLD-a');
            -- A purged season: a seat whose worker is gone (counted by that purge) and one whose worker is there.
            INSERT INTO plan (county, created_at, direction, dates, workers_placed, workers_unplaced, trips, lower_bound_trips, bus_km, summary_json, os_user, command)
              VALUES ('451425', '2027-01-01', 'to-work', '2027-02-11..2027-02-15', 2, 0, 1, 1, 10, '{}', 't', 't');
            INSERT INTO trip (county, plan_version, trip_id, route_id, bus_id, plate, seats, service_date, departure, arrival, bus_km, passengers)
              SELECT '451425', MAX(version), 'T1', 'R', 'B', '桂F12345', 45, '2027-02-12', 'x', 'y', 10, 2 FROM plan;
            INSERT INTO seat_assignment (county, plan_version, trip_id, seat, worker_id, pickup_stop, dropoff_stop)
              SELECT '451425', MAX(version), 'T1', 3, 'GONE', 'OLD-B', 'OLD-a' FROM plan UNION ALL SELECT '451425', MAX(version), 'T1', 4, 'OLD-W', 'OLD-B', 'OLD-a' FROM plan;
            INSERT INTO purge_log (county, before, workers, drivers, boarding_records, purged_at, os_user, command) VALUES ('451425', '2026-03-01', 1, 0, 0, 'x', 't', 't');
            """, database: db)
        #expect(try PostgresStore.migrate(address: admin) == (7, 9))
        // Version 9 marks the seat whose worker an earlier purge took as counted, and only that one.
        #expect(try c.psql("SELECT string_agg(trip_id || ':' || seat, ',') FROM purged_seat WHERE purge_id IS NOT NULL", database: db) == "T1:3")
        try PostgresStore.initialize(address: admin, county: "451425", role: role)
        let notC = try c.psql("""
            SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'
               AND column_name <> 'county' AND table_name NOT IN ('county', 'banche_schema') AND collation_name IS DISTINCT FROM 'C'
            """, database: db)
        #expect(notC == "0")
        let store = try PostgresStore(address: PostgresAddress(url: c.url(db, user: role)))
        #expect(try store.storedWorkerIDs() == ["OLD-W"])
        #expect(try importTexts(store, csvTexts(fixtureScenario(workers: 30))).isEmpty)
        #expect(try store.storedWorkerIDs().count == 31)
        try store.close()
        let r = try c.tryPSQL("""
            INSERT INTO worker (id, name, resident_id, direction, earliest_date, latest_date, pickup_stop, dropoff_stop)
              VALUES ('X1', 'x', '11010119900101125X', 'to-work', '2027-02-11', '2027-02-15', 'NO-SUCH', 'OLD-a')
            """, database: db, user: role)
        #expect(r.status != 0 && r.err.contains("Key (county, pickup_stop)=(451425, NO-SUCH) is not present in table \"stop\"."), "\(r.err)")
        let gone = try c.tryPSQL("DELETE FROM stop WHERE id = 'OLD-B'", database: db, user: role)
        #expect(gone.status != 0 && gone.err.contains("still the pickup_stop of worker OLD-W"), "\(gone.err)")
    }

    /// PostgreSQL schema 7 checks a worker's stops once per statement (triggers over the
    /// statement's rows) instead of by per-row foreign keys: the same refusals, through SQL typed
    /// by hand as a county's role, for every way a row gets in or a stop goes.
    @Test func aWorkersStopsAreItsCountysAndAStopInUseCannotGo() throws {
        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        let a = try c.newRole("county"), b = try c.newRole("county")
        for (county, role) in [("451425", a), ("440703", b)] {
            try PostgresStore.initialize(address: PostgresAddress(url: c.url(db)), county: county, role: role)
            let store = try PostgresStore(address: PostgresAddress(url: c.url(db, user: role)))
            #expect(try importTexts(store, csvTexts(fixtureScenario(workers: 30))).isEmpty)
            try store.close()
        }
        try c.psql("INSERT INTO stop (id, name, kind, latitude, longitude) VALUES ('ONLY-B', 'B''s own', 'township', 23, 107)", database: db, user: b)
        let used = try c.psql("SELECT pickup_stop FROM worker ORDER BY id LIMIT 1", database: db, user: a)
        let drop = try c.psql("SELECT dropoff_stop FROM worker ORDER BY id LIMIT 1", database: db, user: a)
        func refused(_ sql: String, _ said: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try c.tryPSQL(sql, database: db, user: a)
            #expect(r.status != 0 && r.err.contains(said), "\(sql): \(r.err)", sourceLocation: sourceLocation)
        }
        let row = "'X1', 'x', '110101199001011237', 'to-work', '2027-02-11', '2027-02-15'"
        let cols = "id, name, resident_id, direction, earliest_date, latest_date, pickup_stop, dropoff_stop"
        try refused("INSERT INTO worker (\(cols)) VALUES (\(row), 'NO-SUCH', '\(drop)')", "is not a stop of county 451425")
        // As a foreign key says it, for clients that read the detail.
        try refused("INSERT INTO worker (\(cols)) VALUES (\(row), 'NO-SUCH', '\(drop)')", "Key (county, pickup_stop)=(451425, NO-SUCH) is not present in table \"stop\".")
        try refused("INSERT INTO worker (\(cols)) VALUES (\(row), '\(used)', 'ONLY-B')", "is not a stop of county 451425")
        try refused("UPDATE worker SET dropoff_stop = 'NO-SUCH' WHERE id = (SELECT min(id) FROM worker)", "is not a stop of county")
        try refused("INSERT INTO worker (\(cols)) SELECT id, name, resident_id, direction, earliest_date, latest_date, 'NO-SUCH', dropoff_stop FROM worker "
                    + "ON CONFLICT (county, id) DO UPDATE SET pickup_stop = excluded.pickup_stop", "is not a stop of county")
        // A stop only a worker uses (no leg, bus or driver names it, whose foreign keys would refuse first).
        try c.psql("INSERT INTO stop (id, name, kind, latitude, longitude) VALUES ('ONLY-W', 'a village', 'township', 23, 107)", database: db, user: a)
        try c.psql("INSERT INTO worker (\(cols)) VALUES ('X2', 'y', '110101199001012037', 'to-work', '2027-02-11', '2027-02-15', 'ONLY-W', '\(drop)')", database: db, user: a)
        try refused("DELETE FROM stop WHERE id = 'ONLY-W'", "stop ONLY-W is still the pickup_stop of worker X2")
        try refused("DELETE FROM stop WHERE id = 'ONLY-W'", "Key (county, id)=(451425, ONLY-W) is still referenced from table \"worker\".")
        try refused("UPDATE stop SET id = 'MOVED' WHERE id = 'ONLY-W'", "stop ONLY-W is still the pickup_stop of worker X2")
        // A worker's route, a bus's depot and a driver's home depot likewise.
        let route = try c.psql("SELECT id FROM route ORDER BY id LIMIT 1", database: db, user: a)
        try refused("UPDATE worker SET route_id = 'NO-SUCH' WHERE id = 'X2'", "route_id NO-SUCH is not a route of county 451425")
        try c.psql("UPDATE worker SET route_id = '\(route)' WHERE id = 'X2'", database: db, user: a)
        try refused("DELETE FROM route WHERE id = '\(route)'", "route \(route) is still the route_id of worker X2")
        try refused("UPDATE bus SET depot_stop = 'ONLY-B' WHERE id = (SELECT min(id) FROM bus)", "depot_stop ONLY-B is not a stop of county 451425")
        try refused("UPDATE driver SET home_depot = 'NO-SUCH' WHERE id = (SELECT min(id) FROM driver)", "home_depot NO-SUCH is not a stop of county 451425")
        // Nothing of that got in; what is right still does; a stop no one uses may go.
        #expect(try c.psql("SELECT count(*) FROM worker WHERE pickup_stop = 'NO-SUCH' OR dropoff_stop IN ('NO-SUCH', 'ONLY-B')", database: db) == "0")
        try c.psql("INSERT INTO worker (\(cols)) VALUES (\(row), '\(used)', '\(drop)')", database: db, user: a)
        try c.psql("UPDATE stop SET name = 'renamed' WHERE id = '\(used)'", database: db, user: a)
        try c.psql("INSERT INTO stop (id, name, kind, latitude, longitude) VALUES ('SPARE', 'spare', 'township', 23, 107)", database: db, user: a)
        try c.psql("DELETE FROM stop WHERE id = 'SPARE'", database: db, user: a)
        #expect(try c.psql("SELECT count(*) FROM worker", database: db) == "62")
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
