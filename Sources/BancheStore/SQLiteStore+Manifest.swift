import BancheCore
import GRDB

extension SQLiteStore {
    /// The trips of a plan version (the latest when nil), filtered by trip id or date, as
    /// manifests. `status` gives each passenger's boarding status for a trip.
    public func manifests(version: Int?, trip: String? = nil, date: CivilDate? = nil,
                          status: (StoredTrip) throws -> [String: String] = { _ in [:] }) throws -> [Manifest] {
        let trips: [(Int, String)] = try read { db in
            guard let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") else { throw StoreError.planNotFound(0) }
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! == 0 { throw StoreError.planNotFound(v) }
            var sql = "SELECT trip_id FROM trip WHERE plan_version = ?"
            var args: [any DatabaseValueConvertible] = [v]
            if let trip { sql += " AND trip_id = ?"; args.append(trip) }
            if let date { sql += " AND service_date = ?"; args.append(date.description) }
            return try String.fetchAll(db, sql: sql + " ORDER BY service_date, trip_id", arguments: StatementArguments(args)).map { (v, $0) }
        }
        var out: [Manifest] = []
        for (v, id) in trips {
            guard let stored = try self.trip(id, version: v) else { continue }
            let statuses = try status(stored)
            let m: Manifest = try read { db in
                let t = try Row.fetchOne(db, sql: "SELECT * FROM trip WHERE plan_version = ? AND trip_id = ?", arguments: [v, id])!
                let routeName = try String.fetchOne(db, sql: "SELECT name FROM route WHERE id = ?", arguments: [t["route_id"] as String]) ?? t["route_id"]
                let stops = try Row.fetchAll(db, sql: """
                    SELECT ts.*, COALESCE(s.name, ts.stop_id) AS stop_name FROM trip_stop ts LEFT JOIN stop s ON s.id = ts.stop_id
                    WHERE plan_version = ? AND trip_id = ? ORDER BY seq
                    """, arguments: [v, id]).map { r in
                    Manifest.StopLine(name: r["stop_name"], role: StopRole(rawValue: r["role"])!, arrive: ts(r["arrive"]), depart: ts(r["depart"]),
                                      boarding: r["boarding"], alighting: r["alighting"])
                }
                let passengers = try Row.fetchAll(db, sql: """
                    SELECT sa.seat, sa.worker_id, sa.pickup_stop, COALESCE(w.name, '') AS name, COALESCE(w.resident_id, '') AS rid, w.phone,
                           COALESCE(w.home_township, '') AS township, COALESCE(w.employer, '') AS employer, COALESCE(w.priority, '') AS priority,
                           COALESCE(p.name, sa.pickup_stop) AS pickup_name, COALESCE(d.name, sa.dropoff_stop) AS dropoff_name
                    FROM seat_assignment sa LEFT JOIN worker w ON w.id = sa.worker_id
                    LEFT JOIN stop p ON p.id = sa.pickup_stop LEFT JOIN stop d ON d.id = sa.dropoff_stop
                    WHERE sa.plan_version = ? AND sa.trip_id = ? ORDER BY sa.seat
                    """, arguments: [v, id]).map { r in
                    Manifest.Passenger(seat: r["seat"], workerID: r["worker_id"], name: r["name"], residentID: r["rid"], phone: r["phone"],
                                       pickupStop: r["pickup_stop"], pickupName: r["pickup_name"], dropoffName: r["dropoff_name"],
                                       homeTownship: r["township"], employer: r["employer"],
                                       priority: (r["priority"] as String).split(separator: ";").compactMap { PriorityGroup(rawValue: String($0)) },
                                       boarding: statuses[r["worker_id"]] ?? "")
                }
                let drives = try Row.fetchAll(db, sql: """
                    SELECT driver_id, start, "end" FROM driver_duty WHERE plan_version = ? AND trip_id = ? AND activity = 'drive' ORDER BY start
                    """, arguments: [v, id]).map { ($0["driver_id"] as String, ts($0["start"]), ts($0["end"])) }
                var rotation: [(String, Timestamp, Timestamp)] = []
                for d in drives {
                    if let last = rotation.last, last.0 == d.0, last.2.minutes(to: d.1) < 20 { rotation[rotation.count - 1].2 = d.2 } else { rotation.append(d) }
                }
                var crew: [String] = []
                for d in drives.map(\.0) where !crew.contains(d) { crew.append(d) }
                let drivers = try crew.map { did -> Manifest.Driver in
                    let r = try Row.fetchOne(db, sql: "SELECT * FROM driver WHERE id = ?", arguments: [did])
                    return Manifest.Driver(id: did, name: r?["name"] ?? did, licenceClass: r?["licence_class"] ?? "", phone: r?["phone"])
                }
                return Manifest(planVersion: v, tripID: id, routeName: routeName, date: CivilDate(iso: t["service_date"] as String)!,
                                departure: ts(t["departure"]), plate: t["plate"], licensedSeats: t["seats"], drivers: drivers,
                                rotation: rotation, stops: stops, passengers: passengers)
            }
            out.append(m)
        }
        return out
    }

    /// A trip of a given version (see `trip(_:)` for the newest).
    public func trip(_ id: String, version: Int) throws -> StoredTrip? {
        guard var t = try trip(id) else { return nil }
        if t.version != version {
            try read { db in
                t.version = version
                t.passengers = try String.fetchAll(db, sql: "SELECT worker_id FROM seat_assignment WHERE plan_version = ? AND trip_id = ? ORDER BY worker_id", arguments: [version, id])
            }
        }
        return t
    }

    /// Closed trips' outcomes by worker ("boarded" / "released").
    public func outcomes(trip: String) throws -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT worker_id, outcome FROM boarding_outcome WHERE trip_id = ?", arguments: [trip]).map { ($0[0] as String, $0[1] as String) })
        }
    }
}

private func ts(_ s: String) -> Timestamp { Timestamp(iso: s, defaultZone: .china)! }
