import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import GRDB
@testable import BancheStore
@testable import BancheStorePG
import PGTestCluster

/// Both stores' real catalogs, after migrating a new database, against the one description of
/// the schema (`StoreSchema`): the same tables, each with the same columns in the same order,
/// types and NULLs (PostgreSQL's `county` aside, which leads every table there). A migration
/// added to one store only, or a column left out of the description (and so out of `banche
/// copy`), fails here.
@Suite struct StoreSchemaTests {
    /// A catalog column: name, declared type, may it be NULL.
    struct Found: Equatable, CustomStringConvertible {
        var name: String, type: String, nullable: Bool
        var description: String { "\(name) \(type)\(nullable ? "" : " NOT NULL")" }
    }

    static func expected(_ t: StoreSchema.Table, sqlite: Bool) -> [Found] {
        t.columns.map { c in
            let type: String = switch c.kind {
            case .text: sqlite ? "TEXT" : "text"
            case .real: sqlite ? "REAL" : "double precision"
            case .bool: sqlite ? "INTEGER" : "boolean"
            case .int, .version, .serial, .purge: sqlite ? "INTEGER" : "bigint"
            }
            return Found(name: c.name, type: type, nullable: c.nullable)
        }
    }

    static func sqliteCatalog(_ path: String) throws -> [String: [Found]] {
        try DatabaseQueue(path: path).read { db in
            var out: [String: [Found]] = [:]
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'") {
                out[t] = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", arguments: [t]).map { r in
                    let type: String = r["type"], pk: Int = r["pk"], notNull: Bool = r["notnull"]
                    // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever the flag says.
                    return Found(name: r["name"], type: type.uppercased(), nullable: !(notNull || (pk > 0 && type.uppercased() == "INTEGER")))
                }
            }
            return out
        }
    }

    /// PostgreSQL's columns, `county` checked to lead each of `tables` and taken off.
    static func postgresCatalog(_ c: PGTestCluster, _ db: String, tables: [StoreSchema.Table]) throws -> [String: [Found]] {
        let rows = try c.psql("""
            SELECT table_name || '|' || column_name || '|' || data_type || '|' || is_nullable FROM information_schema.columns
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """, database: db)
        var catalog: [String: [Found]] = [:]
        for line in rows.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            catalog[f[0], default: []].append(Found(name: f[1], type: f[2], nullable: f[3] == "YES"))
        }
        for t in tables {
            #expect(catalog[t.name]?.first == Found(name: "county", type: "text", nullable: false), "\(t.name) leads with its county")
            catalog[t.name]?.removeFirst()
        }
        return catalog
    }

    @Test func sqliteHasTheDescribedSchema() throws {
        let (store, path) = try temporaryStore()
        try store.close()
        compare(try Self.sqliteCatalog(path), StoreSchema.tables, sqlite: true, extra: StoreSchema.onlySQLite)
    }

    @Test func postgresHasTheDescribedSchema() throws {
        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        try PostgresStore.migrate(address: PostgresAddress(url: c.url(db)))
        compare(try Self.postgresCatalog(c, db, tables: StoreSchema.tables), StoreSchema.tables, sqlite: false, extra: StoreSchema.onlyPostgres)
    }

    /// A change written once (`StoreSchema.Change`), rendered for each store and applied to a
    /// real database of each kind, gives both the described result: a new table (a county's
    /// on PostgreSQL: `county` first, row-level security), new columns with and without a
    /// default, an index.
    static let sample: [StoreSchema.Change] = [
        .createTable(StoreSchema.Table("trip_note", [("id", .serial), ("plan_version", .version), ("trip_id", .text), ("note", .text), ("urgent", .bool)],
                                       nullable: ["note"], primaryKey: ["id"])),
        .createTable(StoreSchema.Table("stop_contact", [("stop_id", .text), ("phone", .text)], primaryKey: ["stop_id"])),
        .addColumn(table: "worker", name: "sample_flag", kind: .bool, nullable: false, default: .bool(false)),
        .addColumn(table: "stop", name: "sample_note", kind: .text, nullable: true, default: nil),
        .addColumn(table: "bus", name: "sample_km", kind: .real, nullable: false, default: .real(0)),
        .createIndex(name: "trip_note_trip", table: "trip_note", columns: ["trip_id"], unique: false),
    ]

    @Test func aChangeDescribedOnceMigratesBothStoresAlike() throws {
        let expected = StoreSchema.applying(Self.sample, to: StoreSchema.tables)
        #expect(expected.count == StoreSchema.tables.count + 2)
        let (store, path) = try temporaryStore()
        try store.close()
        try DatabaseQueue(path: path).write { db in for ch in Self.sample { try db.execute(sql: StoreSchema.sqlite(ch)) } }
        compare(try Self.sqliteCatalog(path), expected, sqlite: true, extra: StoreSchema.onlySQLite)

        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        try PostgresStore.migrate(address: PostgresAddress(url: c.url(db)))
        for ch in Self.sample { try c.psql(PGSchema.sql(ch), database: db) }
        compare(try Self.postgresCatalog(c, db, tables: expected), expected, sqlite: false, extra: StoreSchema.onlyPostgres)
        #expect(try c.psql("SELECT string_agg(relname || ':' || relrowsecurity, ',' ORDER BY relname) FROM pg_class WHERE relname IN ('trip_note', 'stop_contact')", database: db)
                == "stop_contact:true,trip_note:true")
        #expect(try c.psql("SELECT count(*) FROM pg_policies WHERE tablename = 'trip_note'", database: db) == "2")
        #expect(try c.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'trip_note_trip'", database: db).contains("(county, trip_id)"))
    }

    /// A SQLite file purged before the change `purged-seat` (s1): opening it marks the seats
    /// whose worker is gone as counted by its last purge, so a later purge does not count them
    /// again; seats whose worker is still there stay unmarked.
    @Test func aFilePurgedBeforeS1GetsItsCountedSeatsMarked() throws {
        let (store, path) = try temporaryStore()
        try store.close()
        try FileManager.default.removeItem(atPath: path)
        let q = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(q, upTo: "v8-serve")
        try q.write { db in
            try db.execute(sql: """
                INSERT INTO plan (created_at, direction, dates, workers_placed, workers_unplaced, trips, lower_bound_trips, bus_km, summary_json, os_user, command)
                  VALUES ('2027-01-01', 'to-work', '2027-02-11..2027-02-15', 1, 0, 1, 1, 10, '{}', 't', 't');
                INSERT INTO trip (plan_version, trip_id, route_id, bus_id, plate, seats, service_date, departure, arrival, bus_km, passengers)
                  VALUES (1, 'T1', 'R', 'B', '桂F12345', 45, '2027-02-12', 'x', 'y', 10, 1);
                INSERT INTO seat_assignment (plan_version, trip_id, seat, worker_id, pickup_stop, dropoff_stop) VALUES (1, 'T1', 3, 'GONE', 'S', 'F');
                INSERT INTO purge_log (before, workers, drivers, boarding_records, purged_at, os_user, command) VALUES ('2026-03-01', 1, 0, 0, 'x', 't', 't');
                """)
        }
        try q.close()
        chmod(path, 0o600)
        try SQLiteStore(path: path).close()
        let marked = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT trip_id || ':' || seat || ':' || purge_id FROM purged_seat") }
        #expect(marked == ["T1:3:1"])
    }

    func compare(_ catalog: [String: [Found]], _ tables: [StoreSchema.Table], sqlite: Bool, extra: [String: [String]]) {
        let described = Set(tables.map(\.name))
        let found = Set(catalog.keys)
        #expect(found.subtracting(described).subtracting(extra.keys).sorted() == [], "tables not in StoreSchema")
        #expect(described.subtracting(found).sorted() == [], "described tables missing")
        for t in tables {
            let columns = (catalog[t.name] ?? []).filter { !(extra[t.name] ?? []).contains($0.name) }
            #expect(columns == Self.expected(t, sqlite: sqlite), "\(t.name)")
        }
    }
}
