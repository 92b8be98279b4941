/// The tables both stores hold, described once: each column's name and kind, which may be
/// empty (NULL), and whether `banche copy` moves the table. SQLite (`Schema.swift`) and
/// PostgreSQL (`PGSchema.swift`, where every table also leads with `county`) migrate to this
/// shape, each in its own dialect; `StoreSchemaTests` reads both databases' catalogs after
/// migrating and fails when either differs from it (a column, its type, its NULLs, a table), so
/// a change made to one store and not the other, or not here, cannot pass. `SeasonCopy` copies
/// the tables marked `copied`, every column. docs/province.md, "One description of the schema".
///
/// From here on a schema change is written once, in `changes`: each entry becomes a migration
/// of both stores (SQLite `s1-NAME`, `s2-…`, after its own history; PostgreSQL the next
/// version numbers), rendered in each dialect (`sqlite(_:)` here, `PGSchema.sql(_:)`), and the
/// described tables are `baseTables` with the changes applied.
public enum StoreSchema {
    /// What a column holds, as each store types it (SQLite / PostgreSQL): `text` TEXT / text,
    /// `int` INTEGER / bigint, `real` REAL / double precision, `bool` INTEGER 0–1 / boolean; and
    /// the integer keys that each database numbers itself (INTEGER PRIMARY KEY / bigint
    /// identity): `version` a plan version (and every `plan_version` referring to one),
    /// `serial` a table's own row id, `purge` a purge's id (and every `purge_id`).
    public enum Kind: Sendable {
        case text, int, real, bool, version, serial, purge
    }

    public struct Column: Sendable {
        public let name: String
        public let kind: Kind
        public let nullable: Bool
    }

    /// One table: its columns in both databases (`county` aside), parents before children.
    public struct Table: Sendable {
        public let name: String
        public let columns: [Column]
        /// Whether `banche copy` moves it (the check-in server's links, users and log stay).
        public let copied: Bool
        /// The key (PostgreSQL puts `county` in front unless it is a `serial` id); for a table
        /// a change creates.
        public let primaryKey: [String]
        public init(_ name: String, _ columns: [(String, Kind)], nullable: Set<String> = [], copied: Bool = true, primaryKey: [String] = []) {
            self.name = name
            self.columns = columns.map { Column(name: $0.0, kind: $0.1, nullable: nullable.contains($0.0)) }
            self.copied = copied
            self.primaryKey = primaryKey
        }
        init(name: String, columns: [Column], copied: Bool, primaryKey: [String]) {
            self.name = name; self.columns = columns; self.copied = copied; self.primaryKey = primaryKey
        }
    }

    /// A value a new NOT NULL column starts with in the rows already there.
    public enum Default: Sendable {
        case text(String), int(Int), real(Double), bool(Bool)

        /// As an SQL literal; `true`/`false` are how the dialect writes a boolean.
        public func literal(true t: String, false f: String) -> String {
            switch self {
            case .text(let s): "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .int(let n): String(n)
            case .real(let x): x.description
            case .bool(let b): b ? t : f
            }
        }
    }

    /// One change of the schema, described once for both stores.
    public enum Change: Sendable {
        /// A new table (a county's, on PostgreSQL: `county` first, row-level security, the
        /// county roles' grants), appended after the others.
        case createTable(Table)
        /// A new column at the end of a table; NOT NULL needs `default`.
        case addColumn(table: String, name: String, kind: Kind, nullable: Bool, default: Default?)
        /// An index (PostgreSQL puts `county` in front).
        case createIndex(name: String, table: String, columns: [String], unique: Bool)
        /// Rows a change must fill in (a backfill), as each store's statement; the shape it
        /// fills is described by the other changes.
        case data(sqlite: String, postgres: String)
    }

    /// Schema changes since SQLite's `v8-serve` and PostgreSQL's version 8, oldest first, each
    /// a named migration of both stores. Released entries are never edited: add a new one.
    public static let changes: [(name: String, changes: [Change])] = [
        // The seats a purge has counted (plan version, trip, seat: nothing personal), so that a
        // later purge of the same workers imported again does not count them a second time.
        // Seats whose worker is gone were counted by an earlier purge: marked as its (the last).
        ("purged-seat", [
            .createTable(Table("purged_seat", [("purge_id", .purge), ("plan_version", .version), ("trip_id", .text), ("seat", .int)],
                               primaryKey: ["plan_version", "trip_id", "seat"])),
            .data(sqlite: """
                INSERT INTO purged_seat (purge_id, plan_version, trip_id, seat)
                SELECT (SELECT MAX(id) FROM purge_log), sa.plan_version, sa.trip_id, sa.seat FROM seat_assignment sa
                 WHERE EXISTS (SELECT 1 FROM purge_log) AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.id = sa.worker_id);
                """, postgres: """
                INSERT INTO purged_seat (county, purge_id, plan_version, trip_id, seat)
                SELECT sa.county, (SELECT MAX(p.id) FROM purge_log p WHERE p.county = sa.county), sa.plan_version, sa.trip_id, sa.seat FROM seat_assignment sa
                 WHERE EXISTS (SELECT 1 FROM purge_log p WHERE p.county = sa.county)
                   AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.county = sa.county AND w.id = sa.worker_id);
                """),
        ]),
    ]

    /// Every table, parents first (a copy inserts in this order and deletes in reverse).
    public static var tables: [Table] { applying(changes.flatMap(\.changes), to: baseTables) }

    /// `tables` after `changes`.
    public static func applying(_ changes: [Change], to tables: [Table]) -> [Table] {
        var out = tables
        for c in changes {
            switch c {
            case .createTable(let t): out.append(t)
            case .addColumn(let table, let name, let kind, let nullable, _):
                guard let i = out.firstIndex(where: { $0.name == table }) else { continue }
                let t = out[i]
                out[i] = Table(name: t.name, columns: t.columns + [Column(name: name, kind: kind, nullable: nullable)], copied: t.copied, primaryKey: t.primaryKey)
            case .createIndex, .data: break
            }
        }
        return out
    }

    /// A change in SQLite's dialect.
    public static func sqlite(_ change: Change) -> String {
        func type(_ k: Kind) -> String {
            switch k { case .text: "TEXT"; case .real: "REAL"; case .int, .bool, .version, .serial, .purge: "INTEGER" }
        }
        switch change {
        case .createTable(let t):
            var lines = t.columns.map { c -> String in
                if c.kind == .serial { return "\(c.name) INTEGER PRIMARY KEY AUTOINCREMENT" }
                return "\(c.name) \(type(c.kind))\(c.nullable ? "" : " NOT NULL")\(c.kind == .bool ? " CHECK (\(c.name) IN (0, 1))" : "")"
            }
            if !t.primaryKey.isEmpty && !t.columns.contains(where: { $0.kind == .serial }) { lines.append("PRIMARY KEY (\(t.primaryKey.joined(separator: ", ")))") }
            return "CREATE TABLE \(t.name) (\n  \(lines.joined(separator: ",\n  "))\n);"
        case .addColumn(let table, let name, let kind, let nullable, let d):
            return "ALTER TABLE \(table) ADD COLUMN \(name) \(type(kind))\(nullable ? "" : " NOT NULL")\(d.map { " DEFAULT " + $0.literal(true: "1", false: "0") } ?? "")\(kind == .bool ? " CHECK (\(name) IN (0, 1))" : "");"
        case .createIndex(let name, let table, let columns, let unique):
            return "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(table)(\(columns.joined(separator: ", ")));"
        case .data(let sql, _):
            return sql
        }
    }

    /// The tables as the migrations before `changes` left them (both stores).
    static let baseTables: [Table] = [
        Table("division", [("code", .text), ("name", .text), ("parent", .text)], nullable: ["parent"]),
        Table("stop", [("id", .text), ("name", .text), ("kind", .text), ("township", .text), ("division_code", .text),
                       ("latitude", .real), ("longitude", .real), ("address", .text)], nullable: ["division_code"]),
        Table("leg", [("from_stop", .text), ("to_stop", .text), ("distance_km", .real), ("minutes", .int),
                      ("road_class", .text), ("both_ways", .bool)]),
        Table("route", [("id", .text), ("name", .text), ("direction", .text), ("service_from", .text), ("service_to", .text),
                        ("depart_earliest", .text), ("depart_latest", .text), ("rest_stops", .text),
                        ("max_pickup_stops", .int), ("max_pickup_minutes", .int), ("service_type", .text),
                        ("max_dropoff_stops", .int), ("max_dropoff_minutes", .int)],
                        nullable: ["max_pickup_stops", "max_pickup_minutes", "max_dropoff_stops", "max_dropoff_minutes"]),
        Table("bus", [("id", .text), ("plate", .text), ("seats", .int), ("accessible_seats", .int), ("depot_stop", .text),
                      ("available_from", .text), ("available_to", .text), ("operator", .text)], nullable: ["depot_stop"]),
        Table("driver", [("id", .text), ("name", .text), ("resident_id", .text), ("phone", .text), ("licence_class", .text),
                         ("licence_expiry", .text), ("operator", .text), ("home_depot", .text), ("available_from", .text),
                         ("available_to", .text)], nullable: ["resident_id", "phone", "home_depot"]),
        Table("worker", [("id", .text), ("name", .text), ("resident_id", .text), ("phone", .text), ("household_id", .text),
                         ("direction", .text), ("earliest_date", .text), ("latest_date", .text), ("pickup_stop", .text),
                         ("dropoff_stop", .text), ("employer", .text), ("home_township", .text), ("priority", .text),
                         ("accessible_seat", .bool), ("route_id", .text), ("cancelled_at", .text), ("cancel_reason", .text)],
                         nullable: ["phone", "household_id", "route_id", "cancelled_at", "cancel_reason"]),
        Table("import_log", [("id", .serial), ("kind", .text), ("file", .text), ("rows", .int), ("encoding", .text),
                             ("replaced", .bool), ("imported_at", .text), ("os_user", .text), ("command", .text)]),
        Table("plan", [("version", .version), ("created_at", .text), ("direction", .text), ("dates", .text),
                       ("workers_placed", .int), ("workers_unplaced", .int), ("trips", .int), ("lower_bound_trips", .int),
                       ("bus_km", .real), ("summary_json", .text), ("os_user", .text), ("command", .text)]),
        Table("trip", [("plan_version", .version), ("trip_id", .text), ("route_id", .text), ("bus_id", .text),
                       ("plate", .text), ("seats", .int), ("service_date", .text), ("departure", .text), ("arrival", .text),
                       ("bus_km", .real), ("passengers", .int), ("usable_seats", .int)], nullable: ["usable_seats"]),
        Table("trip_stop", [("plan_version", .version), ("trip_id", .text), ("seq", .int), ("stop_id", .text), ("role", .text),
                            ("arrive", .text), ("depart", .text), ("boarding", .int), ("alighting", .int), ("km", .real)]),
        Table("seat_assignment", [("plan_version", .version), ("trip_id", .text), ("seat", .int), ("worker_id", .text),
                                  ("pickup_stop", .text), ("dropoff_stop", .text)]),
        Table("unplaced", [("plan_version", .version), ("worker_id", .text), ("reason", .text), ("message", .text)]),
        Table("driver_duty", [("plan_version", .version), ("seq", .int), ("driver_id", .text), ("activity", .text),
                              ("start", .text), ("end", .text), ("vehicle_id", .text), ("trip_id", .text), ("trip_km", .real),
                              ("relay", .bool), ("service", .text), ("place", .text)],
                              nullable: ["vehicle_id", "trip_id", "trip_km", "place"]),
        Table("boarding_record", [("id", .serial), ("plan_version", .version), ("trip_id", .text), ("worker_id", .text),
                                  ("step", .text), ("value", .text), ("at", .text), ("recorded_at", .text), ("os_user", .text),
                                  ("command", .text), ("recorded_by", .text), ("client_record_id", .text)],
                                  nullable: ["worker_id", "value", "recorded_by", "client_record_id"]),
        Table("boarding_close", [("trip_id", .text), ("plan_version", .version), ("service_date", .text), ("checklist", .text),
                                 ("closed_at", .text), ("os_user", .text), ("command", .text)]),
        Table("boarding_outcome", [("trip_id", .text), ("worker_id", .text), ("outcome", .text), ("service_date", .text),
                                   ("stop_id", .text)], nullable: ["stop_id"]),
        Table("boarding_stop_close", [("trip_id", .text), ("stop_id", .text), ("plan_version", .version),
                                      ("service_date", .text), ("checklist", .text), ("closed_at", .text), ("os_user", .text),
                                      ("command", .text)]),
        Table("boarding_reopen", [("id", .serial), ("trip_id", .text), ("stop_id", .text), ("closed_at", .text),
                                  ("boarded", .int), ("released", .int), ("reopened_at", .text), ("os_user", .text),
                                  ("command", .text)], nullable: ["stop_id"]),
        Table("purge_log", [("id", .purge), ("before", .text), ("workers", .int), ("drivers", .int),
                            ("boarding_records", .int), ("purged_at", .text), ("os_user", .text), ("command", .text)]),
        Table("season_count", [("purge_id", .purge), ("direction", .text), ("last_travel_date", .text),
                               ("home_township", .text), ("workers", .int), ("poverty_alleviated", .int), ("disability", .int),
                               ("employer", .text), ("priority", .text)]),
        Table("data_version", [("scope", .text), ("counter", .int), ("last_change", .text)]),
        Table("worker_event", [("id", .serial), ("worker_id", .text), ("event", .text), ("reason", .text), ("at", .text),
                               ("os_user", .text), ("command", .text)], nullable: ["reason"]),
        Table("trip_publication", [("trip_id", .text), ("plan_version", .version), ("published_at", .text), ("os_user", .text),
                                   ("command", .text)]),
        Table("purged_seat_count", [("purge_id", .purge), ("plan_version", .version), ("trip_id", .text),
                                    ("home_township", .text), ("employer", .text), ("priority", .text), ("people", .int)]),
        Table("serve_token", [("id", .text), ("secret_sha256", .text), ("trip_id", .text), ("stop_id", .text),
                              ("created_at", .text), ("expires_at", .text), ("revoked_at", .text), ("os_user", .text),
                              ("command", .text)], nullable: ["stop_id", "revoked_at"], copied: false),
        Table("serve_user", [("name", .text), ("password_hash", .text), ("created_at", .text), ("os_user", .text),
                             ("command", .text)], copied: false),
        Table("serve_audit", [("id", .serial), ("at", .text), ("actor", .text), ("action", .text), ("trip_id", .text),
                              ("outcome", .text), ("detail", .text)], nullable: ["trip_id"], copied: false),
    ]

    /// What one store has and the other has no need of: SQLite's `maintenance` (a wipe
    /// interrupted, to finish on open); PostgreSQL's counties with their roles, its schema
    /// version table and when a purge's tables were rewritten (`VACUUM FULL`).
    public static let onlySQLite: [String: [String]] = ["maintenance": []]
    public static let onlyPostgres: [String: [String]] = ["county": [], "banche_schema": [], "purge_log": ["vacuumed_at"]]
}
