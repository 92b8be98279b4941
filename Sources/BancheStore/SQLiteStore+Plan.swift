import BancheCore
import GRDB

/// A stored plan version, as `banche plans` lists it.
public struct PlanVersion: Sendable {
    public var version: Int
    public var createdAt: String
    public var direction: String
    public var dates: String
    public var workersPlaced: Int
    public var workersUnplaced: Int
    public var trips: Int
    public var lowerBoundTrips: Int
    public var busKm: Double
    public var osUser: String
    /// The county the version is of, read from a province database by a role that sees every
    /// county (nil on a SQLite file and for a county office's role, which sees its own only).
    public var county: String? = nil

    public init(version: Int, createdAt: String, direction: String, dates: String, workersPlaced: Int, workersUnplaced: Int,
                trips: Int, lowerBoundTrips: Int, busKm: Double, osUser: String) {
        self.version = version; self.createdAt = createdAt; self.direction = direction; self.dates = dates
        self.workersPlaced = workersPlaced; self.workersUnplaced = workersUnplaced; self.trips = trips
        self.lowerBoundTrips = lowerBoundTrips; self.busKm = busKm; self.osUser = osUser
    }
}

extension SQLiteStore {
    /// Saves `plan` as a new version in one transaction; returns its version number.
    /// Older versions stay as they were. With `dataVersion` (from the `PlanningSnapshot` the
    /// plan was computed from), nothing is saved and `StoreError.dataChanged` is thrown when
    /// the data changed in between.
    public func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp, duties: [DutyRecord], dataVersion: Int?) throws -> Int {
        let z = audit.zone
        return try write { db in
            if let dataVersion { try Self.requireDataVersion(db, direction: plan.direction, expected: dataVersion) }
            let restore = try Self.bulkCache(db)
            defer { restore() }
            try db.execute(sql: """
                INSERT INTO plan (created_at, direction, dates, workers_placed, workers_unplaced, trips, lower_bound_trips, bus_km,
                summary_json, os_user, command) VALUES (?,?,?,?,?,?,?,?,?,?,?)
                """, arguments: [audit.iso, plan.direction.rawValue, plan.dates.description, plan.workersPlaced, plan.unplaced.count,
                                 plan.trips.count, plan.lowerBoundTrips, plan.busKm, summaryJSON, audit.osUser, audit.command])
            let v = Int(db.lastInsertedRowID)
            let tripSt = try db.cachedStatement(sql: """
                INSERT INTO trip (plan_version, trip_id, route_id, bus_id, plate, seats, service_date, departure, arrival, bus_km, passengers, usable_seats)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            let stopSt = try db.cachedStatement(sql: """
                INSERT INTO trip_stop (plan_version, trip_id, seq, stop_id, role, arrive, depart, boarding, alighting, km) VALUES (?,?,?,?,?,?,?,?,?,?)
                """)
            let seatSt = try db.cachedStatement(sql: """
                INSERT INTO seat_assignment (plan_version, trip_id, seat, worker_id, pickup_stop, dropoff_stop) VALUES (?,?,?,?,?,?)
                """)
            for t in plan.trips {
                try tripSt.execute(arguments: [v, t.id, t.routeID, t.busID, t.plate, t.licensedSeats, t.date.description,
                                               t.departure.iso(in: z), t.arrival.iso(in: z), t.busKm, t.passengers.count, t.usableSeats])
                for (i, s) in t.stops.enumerated() {
                    try stopSt.execute(arguments: [v, t.id, i + 1, s.stopID, s.role.rawValue, s.arrive.iso(in: z), s.depart.iso(in: z), s.boarding, s.alighting, s.kmFromPrevious])
                }
                for p in t.passengers {
                    try seatSt.execute(arguments: [v, t.id, p.seat, p.workerID, p.pickupStop, p.dropoffStop])
                }
            }
            let unSt = try db.cachedStatement(sql: "INSERT INTO unplaced (plan_version, worker_id, reason, message) VALUES (?,?,?,?)")
            for u in plan.unplaced { try unSt.execute(arguments: [v, u.workerID, u.reason.rawValue, u.message]) }
            try Self.insertDuties(duties, version: v, zone: z, db: db)
            return v
        }
    }

    /// Every stored plan version, newest last.
    public func planVersions() throws -> [PlanVersion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM plan ORDER BY version").map { r in
                PlanVersion(version: r["version"], createdAt: r["created_at"], direction: r["direction"], dates: r["dates"],
                            workersPlaced: r["workers_placed"], workersUnplaced: r["workers_unplaced"], trips: r["trips"],
                            lowerBoundTrips: r["lower_bound_trips"], busKm: r["bus_km"], osUser: r["os_user"])
            }
        }
    }

    /// The stored summary JSON of a version (the latest when nil).
    public func planSummary(version: Int?) throws -> (Int, String) {
        try read { db in
            let row = try version.map { try Row.fetchOne(db, sql: "SELECT version, summary_json FROM plan WHERE version = ?", arguments: [$0]) }
                ?? Row.fetchOne(db, sql: "SELECT version, summary_json FROM plan ORDER BY version DESC LIMIT 1")
            guard let row else { throw StoreError.planNotFound(version ?? 0) }
            return (row[0], row[1])
        }
    }
}

extension SQLiteStore {
    /// Saves driver duties for a plan version (replacing that version's duties).
    public func saveDuties(_ duties: [DutyRecord], version: Int, zone: ZoneOffset) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM driver_duty WHERE plan_version = ?", arguments: [version])
            try Self.insertDuties(duties, version: version, zone: zone, db: db)
        }
    }

    static func insertDuties(_ duties: [DutyRecord], version: Int, zone: ZoneOffset, db: Database) throws {
        do {
            let st = try db.cachedStatement(sql: """
                INSERT INTO driver_duty (plan_version, seq, driver_id, activity, start, "end", vehicle_id, trip_id, trip_km, relay, service, place)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            for (i, d) in duties.enumerated() {
                try st.execute(arguments: [version, i + 1, d.driverID, d.activity.rawValue, d.start.iso(in: zone), d.end.iso(in: zone),
                                           d.vehicleID, d.tripID, d.tripKm, d.relay, d.service.rawValue, d.place])
            }
        }
    }

    /// Duty records of a plan version (the latest when nil), in stored order.
    public func duties(version: Int?) throws -> [DutyRecord] {
        try read { db in
            let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan")
            guard let v, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! > 0 else {
                throw StoreError.planNotFound(version ?? 0)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM driver_duty WHERE plan_version = ? ORDER BY seq", arguments: [v]).map { r in
                DutyRecord(driverID: r["driver_id"], activity: DutyActivity(rawValue: r["activity"])!,
                           start: Timestamp(iso: r["start"] as String, defaultZone: .china)!, end: Timestamp(iso: r["end"] as String, defaultZone: .china)!,
                           vehicleID: r["vehicle_id"], tripID: r["trip_id"], tripKm: r["trip_km"], relay: r["relay"],
                           service: ServiceType(rawValue: r["service"] ?? "charter") ?? .charter, place: r["place"], line: r["seq"])
            }
        }
    }
}
