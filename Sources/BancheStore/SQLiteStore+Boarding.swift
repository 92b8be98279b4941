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
    /// When the bus leaves its first pickup stop (`departure` if the trip has none).
    public var firstPickup: Timestamp
    /// When the bus leaves each passenger's pickup stop, by worker id.
    public var pickupTimes: [String: Timestamp]
    /// Each passenger's pickup stop, by worker id.
    public var pickupStops: [String: String] = [:]
    /// Pickup stops closed one by one (`board close --stop`), with when: stop id → closed_at.
    public var closedStops: [String: String] = [:]

    /// Passengers whose pickup stop is closed: worker id → stop id.
    public var closedPassengers: [String: String] { pickupStops.filter { closedStops[$0.value] != nil } }

    public init(version: Int, tripID: String, date: CivilDate, departure: Timestamp, busID: String, passengers: [String], closedAt: String?,
                firstPickup: Timestamp? = nil, pickupTimes: [String: Timestamp] = [:]) {
        self.version = version; self.tripID = tripID; self.date = date; self.departure = departure; self.busID = busID
        self.passengers = passengers; self.closedAt = closedAt; self.firstPickup = firstPickup ?? departure; self.pickupTimes = pickupTimes
    }

    /// The times the boarding gate measures evidence against.
    public var gateTimes: BoardingGate.TripTimes { BoardingGate.TripTimes(firstPickup: firstPickup, pickup: pickupTimes) }
}

extension BoardingGate {
    /// The gate's verdicts for a stored trip, freshness measured against its planned pickup times.
    public func evaluate(trip: StoredTrip, records: [BoardingRecord]) -> (vehicle: Verdict, passengers: [Verdict]) {
        evaluate(passengers: trip.passengers, records: records, times: trip.gateTimes)
    }

    /// Checks one record against a stored trip before it is written (see `RecordCheck`).
    public static func problem(with r: BoardingRecord, trip: StoredTrip, checklist: Checklist, now: Timestamp) -> String? {
        RecordCheck(checklist: checklist, tripID: trip.tripID, passengers: trip.passengers, closed: trip.closedAt != nil, now: now,
                    closedPassengers: trip.closedPassengers).problem(with: r)
    }
}

extension SQLiteStore {
    /// The trip in the newest plan version that has it.
    public func trip(_ id: String) throws -> StoredTrip? {
        try read { db in
            // `plan_version IN (…)` lets SQLite use the (plan_version, trip_id) key instead of scanning.
            guard let v = try Int.fetchOne(db, sql: "SELECT MAX(plan_version) FROM trip WHERE plan_version IN (SELECT version FROM plan) AND trip_id = ?",
                                           arguments: [id]) else { return nil }
            return try Self.storedTrip(db, id, version: v)
        }
    }

    /// A trip of one plan version, with its passengers and their pickup times.
    static func storedTrip(_ db: Database, _ id: String, version v: Int) throws -> StoredTrip? {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM trip WHERE plan_version = ? AND trip_id = ?", arguments: [v, id]) else { return nil }
        let passengers = try Row.fetchAll(db, sql: "SELECT worker_id, pickup_stop FROM seat_assignment WHERE plan_version = ? AND trip_id = ? ORDER BY worker_id",
                                          arguments: [v, id]).map { ($0[0] as String, $0[1] as String) }
        let stops = try Row.fetchAll(db, sql: "SELECT stop_id, role, depart FROM trip_stop WHERE plan_version = ? AND trip_id = ? ORDER BY seq",
                                     arguments: [v, id]).map { ($0[0] as String, $0[1] as String, $0[2] as String) }
        let closed = try String.fetchOne(db, sql: "SELECT closed_at FROM boarding_close WHERE trip_id = ?", arguments: [id])
        var t = makeStoredTrip(version: v, row: r, passengers: passengers, stops: stops, closedAt: closed)
        for c in try Row.fetchAll(db, sql: "SELECT stop_id, closed_at FROM boarding_stop_close WHERE trip_id = ?", arguments: [id]) { t.closedStops[c[0]] = c[1] }
        return t
    }

    /// Builds a StoredTrip from its `trip` row, (worker, pickup stop) pairs sorted by worker,
    /// and (stop, role, depart) of its stops in order.
    static func makeStoredTrip(version v: Int, row r: Row, passengers: [(String, String)], stops: [(String, String, String)], closedAt: String?) -> StoredTrip {
        StoredTrip.make(version: v, tripID: r["trip_id"], serviceDate: r["service_date"], departure: r["departure"], busID: r["bus_id"],
                        passengers: passengers, stops: stops, closedAt: closedAt)
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
            // Every record carries a plan version (plans are never deleted); naming them lets SQLite
            // use the (plan_version, trip_id) index rather than scan all records once per trip.
            try Row.fetchAll(db, sql: "SELECT * FROM boarding_record WHERE plan_version IN (SELECT version FROM plan) AND trip_id = ? ORDER BY id",
                             arguments: [trip]).map { r in
                BoardingRecord(tripID: r["trip_id"], workerID: r["worker_id"], step: r["step"], value: r["value"],
                               at: Timestamp(iso: r["at"] as String, defaultZone: .china)!, sequence: r["id"])
            }
        }
    }

    /// Freezes a trip's boarded list; the blocked are released for re-planning.
    public func closeTrip(_ trip: StoredTrip, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws {
        // Passengers of stops closed earlier keep their frozen outcome (the caller leaves them out).
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
