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
            let tripSt = try RowInserter(db, sql: """
                INSERT INTO trip (plan_version, trip_id, route_id, bus_id, plate, seats, service_date, departure, arrival, bus_km, passengers, usable_seats)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            let stopSt = try RowInserter(db, sql: """
                INSERT INTO trip_stop (plan_version, trip_id, seq, stop_id, role, arrive, depart, boarding, alighting, km) VALUES (?,?,?,?,?,?,?,?,?,?)
                """)
            let seatSt = try RowInserter(db, sql: """
                INSERT INTO seat_assignment (plan_version, trip_id, seat, worker_id, pickup_stop, dropoff_stop) VALUES (?,?,?,?,?,?)
                """)
            for t in plan.trips {
                tripSt.bind(1, v); tripSt.bind(2, t.id); tripSt.bind(3, t.routeID); tripSt.bind(4, t.busID); tripSt.bind(5, t.plate)
                tripSt.bind(6, t.licensedSeats); tripSt.bind(7, t.date.description); tripSt.bind(8, t.departure.iso(in: z))
                tripSt.bind(9, t.arrival.iso(in: z)); tripSt.bind(10, t.busKm); tripSt.bind(11, t.passengers.count); tripSt.bind(12, t.usableSeats)
                try tripSt.insert()
                for (i, s) in t.stops.enumerated() {
                    stopSt.bind(1, v); stopSt.bind(2, t.id); stopSt.bind(3, i + 1); stopSt.bind(4, s.stopID); stopSt.bind(5, s.role.rawValue)
                    stopSt.bind(6, s.arrive.iso(in: z)); stopSt.bind(7, s.depart.iso(in: z)); stopSt.bind(8, s.boarding); stopSt.bind(9, s.alighting)
                    stopSt.bind(10, s.kmFromPrevious)
                    try stopSt.insert()
                }
                for p in t.passengers {
                    seatSt.bind(1, v); seatSt.bind(2, t.id); seatSt.bind(3, p.seat); seatSt.bind(4, p.workerID); seatSt.bind(5, p.pickupStop); seatSt.bind(6, p.dropoffStop)
                    try seatSt.insert()
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
            guard let row else { throw version.map { StoreError.planNotFound($0) } ?? StoreError.noPlanYet }
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
            let st = try RowInserter(db, sql: """
                INSERT INTO driver_duty (plan_version, seq, driver_id, activity, start, "end", vehicle_id, trip_id, trip_km, relay, service, place)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            for (i, d) in duties.enumerated() {
                st.bind(1, version); st.bind(2, i + 1); st.bind(3, d.driverID); st.bind(4, d.activity.rawValue); st.bind(5, d.start.iso(in: zone))
                st.bind(6, d.end.iso(in: zone)); st.bind(7, d.vehicleID); st.bind(8, d.tripID); st.bind(9, d.tripKm); st.bind(10, d.relay)
                st.bind(11, d.service.rawValue); st.bind(12, d.place)
                try st.insert()
            }
        }
    }

    /// Duty records of a plan version (the latest when nil), in stored order.
    public func duties(version: Int?) throws -> [DutyRecord] {
        try read { db in
            let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan")
            guard let v, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! > 0 else {
                throw version.map { StoreError.planNotFound($0) } ?? StoreError.noPlanYet
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
