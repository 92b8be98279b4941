import BancheCore
import GRDB

/// A planned trip as the boarding commands need it.
public struct StoredTrip: Sendable {
    public var version: Int
    public var tripID: String
    public var date: CivilDate
    public var departure: Timestamp
    public var busID: String
    public var passengers: [String]
    public var closedAt: String?
}

extension SQLiteStore {
    /// The trip in the newest plan version that has it.
    public func trip(_ id: String) throws -> StoredTrip? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM trip WHERE trip_id = ? ORDER BY plan_version DESC LIMIT 1", arguments: [id]) else { return nil }
            let v: Int = r["plan_version"]
            let passengers = try String.fetchAll(db, sql: "SELECT worker_id FROM seat_assignment WHERE plan_version = ? AND trip_id = ? ORDER BY worker_id", arguments: [v, id])
            let closed = try String.fetchOne(db, sql: "SELECT closed_at FROM boarding_close WHERE trip_id = ?", arguments: [id])
            return StoredTrip(version: v, tripID: id, date: CivilDate(iso: r["service_date"] as String)!,
                              departure: Timestamp(iso: r["departure"] as String, defaultZone: .china)!, busID: r["bus_id"],
                              passengers: passengers, closedAt: closed)
        }
    }

    /// Stores boarding records in one transaction (none is ever deleted).
    public func addBoardingRecords(_ records: [BoardingRecord], version: Int, audit: AuditStamp) throws {
        try write { db in
            let st = try db.cachedStatement(sql: """
                INSERT INTO boarding_record (plan_version, trip_id, worker_id, step, value, at, recorded_at, os_user, command)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            for r in records {
                try st.execute(arguments: [version, r.tripID, r.workerID, r.step, r.value, r.at.iso(in: audit.zone), audit.iso, audit.osUser, audit.command])
            }
        }
    }

    /// Every record of a trip, in recording order.
    public func boardingRecords(trip: String) throws -> [BoardingRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM boarding_record WHERE trip_id = ? ORDER BY id", arguments: [trip]).map { r in
                BoardingRecord(tripID: r["trip_id"], workerID: r["worker_id"], step: r["step"], value: r["value"],
                               at: Timestamp(iso: r["at"] as String, defaultZone: .china)!, sequence: r["id"])
            }
        }
    }

    /// Freezes a trip's boarded list; the blocked are released for re-planning.
    public func closeTrip(_ trip: StoredTrip, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boarding_close WHERE trip_id = ?", arguments: [trip.tripID])! > 0 {
                throw StoreError.other("trip \(trip.tripID) is already closed")
            }
            try db.execute(sql: "INSERT INTO boarding_close (trip_id, plan_version, service_date, checklist, closed_at, os_user, command) VALUES (?,?,?,?,?,?,?)",
                           arguments: [trip.tripID, trip.version, trip.date.description, checklist, audit.iso, audit.osUser, audit.command])
            let st = try db.cachedStatement(sql: "INSERT INTO boarding_outcome (trip_id, worker_id, outcome, service_date) VALUES (?,?,?,?)")
            for w in boarded { try st.execute(arguments: [trip.tripID, w, "boarded", trip.date.description]) }
            for w in released { try st.execute(arguments: [trip.tripID, w, "released", trip.date.description]) }
            let direction = try String.fetchOne(db, sql: "SELECT direction FROM plan WHERE version = ?", arguments: [trip.version])
            try Self.bumpDataVersion(db, scopes: direction.map { [$0] } ?? Self.allScopes, what: "trip \(trip.tripID) closed", audit: audit)
        }
    }

    /// Workers who boarded a closed trip, and those released from one (with its date).
    public func boardingOutcomes() throws -> (boarded: Set<String>, released: [String: CivilDate]) {
        try read { db in try Self.boardingOutcomes(db) }
    }

    static func boardingOutcomes(_ db: Database) throws -> (boarded: Set<String>, released: [String: CivilDate]) {
        do {
            var boarded = Set<String>(), released: [String: CivilDate] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT worker_id, outcome, service_date FROM boarding_outcome ORDER BY service_date") {
                let w: String = r["worker_id"]
                if (r["outcome"] as String) == "boarded" { boarded.insert(w); released[w] = nil }
                else { released[w] = CivilDate(iso: r["service_date"] as String)! }
            }
            return (boarded, released)
        }
    }
}
