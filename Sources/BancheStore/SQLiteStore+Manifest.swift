import BancheCore
import GRDB

extension SQLiteStore {
    /// The trips of a plan version (the latest when nil), filtered by trip id or date, as
    /// manifests. `status` gives each passenger's boarding status for a trip.
    ///
    /// Linear in the size of the plan: a handful of queries, each reading one table for the
    /// whole version (or the filtered trips) once, grouped by trip in Swift. (Per-trip lookups
    /// by trip id and per-trip scans of the duties made `export passengers` quadratic: 96 s for
    /// 100,000 workers; docs/performance.md.)
    public func manifests(version: Int?, trip: String?, date: CivilDate?,
                          status: (StoredTrip) throws -> [String: String]) throws -> [Manifest] {
        let bundles: [TripBundle] = try read { db in
            guard let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") else { throw StoreError.noPlanYet }
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! == 0 { throw StoreError.planNotFound(v) }
            // Which trips: all of the version, or those the filters name (`col` is the trip id column).
            var filterArgs: [any DatabaseValueConvertible] = []
            var subquery = ""
            if trip != nil || date != nil {
                subquery = "SELECT trip_id FROM trip WHERE plan_version = ?"
                filterArgs.append(v)
                if let trip { subquery += " AND trip_id = ?"; filterArgs.append(trip) }
                if let date { subquery += " AND service_date = ?"; filterArgs.append(date.description) }
            }
            func filter(_ col: String) -> String { subquery.isEmpty ? "" : " AND \(col) IN (\(subquery))" }
            func args() -> StatementArguments { StatementArguments([v] + filterArgs) }

            var order: [String] = []
            var bundles: [String: TripBundle] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT t.*, COALESCE(rt.name, t.route_id) AS route_name FROM trip t LEFT JOIN route rt ON rt.id = t.route_id
                WHERE t.plan_version = ?\(filter("t.trip_id")) ORDER BY t.service_date, t.trip_id
                """, arguments: args()) {
                let id: String = r["trip_id"]
                order.append(id)
                bundles[id] = TripBundle(version: v, tripID: id, routeName: r["route_name"], busID: r["bus_id"], plate: r["plate"], seats: r["seats"],
                                         serviceDate: r["service_date"], departure: r["departure"])
            }
            if order.isEmpty { return [] }
            for r in try Row.fetchAll(db, sql: """
                SELECT ts.trip_id, ts.stop_id, ts.role, ts.arrive, ts.depart, ts.boarding, ts.alighting, COALESCE(s.name, ts.stop_id) AS stop_name
                FROM trip_stop ts LEFT JOIN stop s ON s.id = ts.stop_id
                WHERE ts.plan_version = ?\(filter("ts.trip_id")) ORDER BY ts.trip_id, ts.seq
                """, arguments: args()) {
                bundles[r["trip_id"] as String]?.stops.append(
                    TripBundle.StopRow(stopID: r["stop_id"], name: r["stop_name"], role: r["role"], arrive: r["arrive"], depart: r["depart"],
                                       boarding: r["boarding"], alighting: r["alighting"]))
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT sa.trip_id, sa.seat, sa.worker_id, sa.pickup_stop, COALESCE(w.name, '') AS name, COALESCE(w.resident_id, '') AS rid, w.phone,
                       COALESCE(w.home_township, '') AS township, COALESCE(w.employer, '') AS employer, COALESCE(w.priority, '') AS priority,
                       COALESCE(p.name, sa.pickup_stop) AS pickup_name, COALESCE(d.name, sa.dropoff_stop) AS dropoff_name
                FROM seat_assignment sa LEFT JOIN worker w ON w.id = sa.worker_id
                LEFT JOIN stop p ON p.id = sa.pickup_stop LEFT JOIN stop d ON d.id = sa.dropoff_stop
                WHERE sa.plan_version = ?\(filter("sa.trip_id")) ORDER BY sa.trip_id, sa.seat
                """, arguments: args()) {
                bundles[r["trip_id"] as String]?.seatRows.append(
                    TripBundle.SeatRow(seat: r["seat"], workerID: r["worker_id"], name: r["name"], residentID: r["rid"], phone: r["phone"],
                                       pickupStop: r["pickup_stop"], pickupName: r["pickup_name"], dropoffName: r["dropoff_name"],
                                       township: r["township"], employer: r["employer"], priority: r["priority"]))
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT trip_id, driver_id, start, "end" FROM driver_duty WHERE plan_version = ? AND activity = 'drive'\(filter("trip_id")) ORDER BY trip_id, start, seq
                """, arguments: args()) {
                guard let t: String = r["trip_id"] else { continue }
                bundles[t]?.drives.append((r["driver_id"], ts(r["start"]), ts(r["end"])))
            }
            // Where the bus stands for each handover, break and halt (the rotation line names it).
            for r in try Row.fetchAll(db, sql: """
                SELECT DISTINCT d.trip_id, d.start, COALESCE(s.name, d.place) AS place_name FROM driver_duty d LEFT JOIN stop s ON s.id = d.place
                WHERE d.plan_version = ? AND d.activity IN ('break', 'rest') AND d.place IS NOT NULL\(filter("d.trip_id"))
                """, arguments: args()) {
                guard let t: String = r["trip_id"] else { continue }
                bundles[t]?.addPlace(start: r["start"], name: r["place_name"])
            }
            var closed: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT trip_id, closed_at FROM boarding_close") { closed[r[0]] = r[1] }
            var drivers: [String: Manifest.Driver] = [:]
            let crew = Set(bundles.values.flatMap { $0.drives.map(\.0) })
            if !crew.isEmpty {
                for r in try Row.fetchAll(db, sql: "SELECT id, name, licence_class, phone FROM driver") where crew.contains(r["id"] as String) {
                    drivers[r["id"]] = Manifest.Driver(id: r["id"], name: r["name"], licenceClass: r["licence_class"], phone: r["phone"])
                }
            }
            return TripBundle.inOrder(order, bundles, closed: closed, drivers: drivers)
        }
        return try bundles.map { try $0.manifest(status: status) }
    }

    /// A trip of a given version (see `trip(_:)` for the newest).
    public func trip(_ id: String, version: Int) throws -> StoredTrip? {
        try read { db in try Self.storedTrip(db, id, version: version) }
    }

    /// Closed trips' outcomes by worker ("boarded" / "released").
    public func outcomes(trip: String) throws -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT worker_id, outcome FROM boarding_outcome WHERE trip_id = ?", arguments: [trip]).map { ($0[0] as String, $0[1] as String) })
        }
    }
}

private func ts(_ s: String) -> Timestamp { Timestamp(iso: s, defaultZone: .china)! }
