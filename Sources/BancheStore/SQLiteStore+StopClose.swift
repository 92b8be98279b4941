import BancheCore
import GRDB

extension Schema {
    /// Closing a trip stop by stop, and undoing a close (`board close --stop`, `board reopen`).
    static func registerStopClose(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-stop-close") { db in
            try db.execute(sql: """
            -- An outcome now comes from a trip's close (stop_id NULL) or from one stop's close, which
            -- happens before the trip has a boarding_close row: the table is rebuilt without that key.
            CREATE TABLE boarding_outcome_new (
              trip_id TEXT NOT NULL,
              worker_id TEXT NOT NULL,
              outcome TEXT NOT NULL CHECK (outcome IN ('boarded','released')),
              service_date TEXT NOT NULL,
              stop_id TEXT,
              PRIMARY KEY (trip_id, worker_id)
            );
            INSERT INTO boarding_outcome_new (trip_id, worker_id, outcome, service_date)
              SELECT trip_id, worker_id, outcome, service_date FROM boarding_outcome;
            DROP TABLE boarding_outcome;
            ALTER TABLE boarding_outcome_new RENAME TO boarding_outcome;
            -- One pickup stop of a trip closed: its passengers' outcomes are frozen.
            CREATE TABLE boarding_stop_close (
              trip_id TEXT NOT NULL,
              stop_id TEXT NOT NULL,
              plan_version INTEGER NOT NULL,
              service_date TEXT NOT NULL,
              checklist TEXT NOT NULL,
              closed_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL,
              PRIMARY KEY (trip_id, stop_id)
            );
            -- A close undone (`board reopen`): what it had frozen, kept for the history.
            CREATE TABLE boarding_reopen (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              trip_id TEXT NOT NULL,
              stop_id TEXT,
              closed_at TEXT NOT NULL,
              boarded INTEGER NOT NULL,
              released INTEGER NOT NULL,
              reopened_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            """)
        }
    }
}

/// Why a close cannot be undone.
public enum ReopenRefusal: Error, CustomStringConvertible, Sendable {
    case notClosed(trip: String, stop: String?)
    case notSameDay(trip: String, stop: String?, closedAt: String, today: CivilDate)
    case tripClosed(trip: String)
    case replanned(trip: String, version: Int, createdAt: String)

    public var description: String {
        func what(_ t: String, _ s: String?) -> String { s.map { "stop \($0) of trip \(t)" } ?? "trip \(t)" }
        switch self {
        case .notClosed(let t, let s): return "\(what(t, s)) is not closed"
        case .notSameDay(let t, let s, let at, let d): return "\(what(t, s)) was closed \(at); a close is undone only on the same day (today is \(d))"
        case .tripClosed(let t): return "trip \(t) is closed as a whole; reopen the trip first (`board reopen --trip \(t)`)"
        case .replanned(let t, let v, let at): return "plan v\(v) was saved \(at), after trip \(t) was closed, and may have placed its released passengers again; a close is not undone after a new plan"
        }
    }
}

extension SQLiteStore {
    /// Freezes one pickup stop of a trip: its cleared passengers are boarded, the rest released.
    /// Refused when the trip or the stop is closed already.
    public func closeStop(_ trip: StoredTrip, stop: String, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boarding_close WHERE trip_id = ?", arguments: [trip.tripID])! > 0 {
                throw StoreError.other("trip \(trip.tripID) is already closed")
            }
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boarding_stop_close WHERE trip_id = ? AND stop_id = ?", arguments: [trip.tripID, stop])! > 0 {
                throw StoreError.other("stop \(stop) of trip \(trip.tripID) is already closed")
            }
            try db.execute(sql: """
                INSERT INTO boarding_stop_close (trip_id, stop_id, plan_version, service_date, checklist, closed_at, os_user, command) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [trip.tripID, stop, trip.version, trip.date.description, checklist, audit.iso, audit.osUser, audit.command])
            let st = try db.cachedStatement(sql: "INSERT INTO boarding_outcome (trip_id, worker_id, outcome, service_date, stop_id) VALUES (?,?,?,?,?)")
            for w in boarded { try st.execute(arguments: [trip.tripID, w, "boarded", trip.date.description, stop]) }
            for w in released { try st.execute(arguments: [trip.tripID, w, "released", trip.date.description, stop]) }
            let direction = try String.fetchOne(db, sql: "SELECT direction FROM plan WHERE version = ?", arguments: [trip.version])
            try Self.bumpDataVersion(db, scopes: direction.map { [$0] } ?? Self.allScopes, what: "stop \(stop) of trip \(trip.tripID) closed", audit: audit)
        }
    }

    /// Undoes a close of the trip (`stop` nil: the stops closed one by one stay closed) or of one
    /// stop, on the day it was made and only while no plan was saved since; the outcomes it froze
    /// are removed and the undoing is kept in `boarding_reopen` (history).
    /// - Returns: how many passengers the close had boarded and released.
    @discardableResult
    public func reopen(trip: String, stop: String?, today: CivilDate, audit: AuditStamp) throws -> (boarded: Int, released: Int) {
        try write { db in
            let tripClosed = try Row.fetchOne(db, sql: "SELECT closed_at, plan_version FROM boarding_close WHERE trip_id = ?", arguments: [trip])
            let closing: Row?
            if let stop {
                if tripClosed != nil { throw ReopenRefusal.tripClosed(trip: trip) }
                closing = try Row.fetchOne(db, sql: "SELECT closed_at, plan_version FROM boarding_stop_close WHERE trip_id = ? AND stop_id = ?", arguments: [trip, stop])
            } else {
                closing = tripClosed
            }
            guard let c = closing else { throw ReopenRefusal.notClosed(trip: trip, stop: stop) }
            let closedAt: String = c[0], version: Int = c[1]
            guard let at = Timestamp(iso: closedAt, defaultZone: .china), at.date(in: .china) == today else {
                throw ReopenRefusal.notSameDay(trip: trip, stop: stop, closedAt: closedAt, today: today)
            }
            let direction = try String.fetchOne(db, sql: "SELECT direction FROM plan WHERE version = ?", arguments: [version])
            for p in try Row.fetchAll(db, sql: "SELECT version, created_at FROM plan WHERE direction = ? AND version > ?", arguments: [direction, version]) {
                if let made = Timestamp(iso: p[1] as String, defaultZone: .china), made >= at {
                    throw ReopenRefusal.replanned(trip: trip, version: p[0], createdAt: p[1])
                }
            }
            let scope = stop == nil ? "stop_id IS NULL" : "stop_id = ?"
            let args: StatementArguments = stop == nil ? [trip] : [trip, stop!]
            let counts = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(outcome = 'boarded'), 0), COALESCE(SUM(outcome = 'released'), 0) FROM boarding_outcome WHERE trip_id = ? AND \(scope)
                """, arguments: args)!
            try db.execute(sql: "DELETE FROM boarding_outcome WHERE trip_id = ? AND \(scope)", arguments: args)
            if let stop {
                try db.execute(sql: "DELETE FROM boarding_stop_close WHERE trip_id = ? AND stop_id = ?", arguments: [trip, stop])
            } else {
                try db.execute(sql: "DELETE FROM boarding_close WHERE trip_id = ?", arguments: [trip])
            }
            try db.execute(sql: """
                INSERT INTO boarding_reopen (trip_id, stop_id, closed_at, boarded, released, reopened_at, os_user, command) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [trip, stop, closedAt, counts[0] as Int, counts[1] as Int, audit.iso, audit.osUser, audit.command])
            try Self.bumpDataVersion(db, scopes: direction.map { [$0] } ?? Self.allScopes,
                                     what: "\(stop.map { "stop \($0) of " } ?? "")trip \(trip) reopened", audit: audit)
            return (counts[0], counts[1])
        }
    }

    /// History lines of stop closes and reopenings (`banche history`).
    static func stopCloseHistory(_ db: Database) throws -> [HistoryEntry] {
        var out: [HistoryEntry] = []
        for r in try Row.fetchAll(db, sql: "SELECT * FROM boarding_stop_close") {
            out.append(.closedStop(at: r["closed_at"], osUser: r["os_user"], stop: r["stop_id"], trip: r["trip_id"], checklist: r["checklist"], command: r["command"]))
        }
        for r in try Row.fetchAll(db, sql: "SELECT * FROM boarding_reopen ORDER BY id") {
            out.append(.reopened(at: r["reopened_at"], osUser: r["os_user"], trip: r["trip_id"], stop: r["stop_id"], closedAt: r["closed_at"],
                                 boarded: r["boarded"], released: r["released"], command: r["command"]))
        }
        return out
    }
}
