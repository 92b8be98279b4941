import BancheCore
import BancheStore

extension PostgresStore {
    /// The trips of a plan version (the latest when nil), filtered by trip id or date, as
    /// manifests; `status` gives each passenger's boarding status for a trip. As on SQLite: a
    /// handful of queries, each reading one table for the version (or the filtered trips) once,
    /// grouped by trip in Swift, in one read-only snapshot.
    public func manifests(version: Int?, trip: String?, date: CivilDate?,
                          status: (StoredTrip) throws -> [String: String]) throws -> [Manifest] {
        let bundles: [TripBundle] = try session.transaction(readOnly: true) {
            let v = try existingVersion(version)
            // Which trips: all of the version, or those the filters name ($2 trip id, $3 date).
            var binds: [any PGBindable] = [v]
            var subquery = ""
            if trip != nil || date != nil {
                subquery = "SELECT trip_id FROM trip WHERE plan_version = $1"
                if let trip { binds.append(trip); subquery += " AND trip_id = $\(binds.count)" }
                if let date { binds.append(date.description); subquery += " AND service_date = $\(binds.count)" }
            }
            func filter(_ col: String) -> String { subquery.isEmpty ? "" : " AND \(col) IN (\(subquery))" }

            var order: [String] = []
            var bundles: [String: TripBundle] = [:]
            for r in try session.query("""
                SELECT t.trip_id, t.bus_id, t.plate, t.seats, t.service_date, t.departure, COALESCE(rt.name, t.route_id) AS route_name
                FROM trip t LEFT JOIN route rt ON rt.county = t.county AND rt.id = t.route_id
                WHERE t.plan_version = $1\(filter("t.trip_id")) ORDER BY t.service_date COLLATE "C", t.trip_id COLLATE "C"
                """, binds) {
                let id: String = try r.v("trip_id")
                order.append(id)
                bundles[id] = TripBundle(version: v, tripID: id, routeName: try r.v("route_name"), busID: try r.v("bus_id"), plate: try r.v("plate"),
                                         seats: try r.v("seats"), serviceDate: try r.v("service_date"), departure: try r.v("departure"))
            }
            if order.isEmpty { return [] }
            for r in try session.query("""
                SELECT ts.trip_id, ts.stop_id, ts.role, ts.arrive, ts.depart, ts.boarding, ts.alighting, COALESCE(s.name, ts.stop_id) AS stop_name
                FROM trip_stop ts LEFT JOIN stop s ON s.county = ts.county AND s.id = ts.stop_id
                WHERE ts.plan_version = $1\(filter("ts.trip_id")) ORDER BY ts.trip_id COLLATE "C", ts.seq
                """, binds) {
                bundles[try r.v("trip_id", as: String.self)]?.stops.append(
                    TripBundle.StopRow(stopID: try r.v("stop_id"), name: try r.v("stop_name"), role: try r.v("role"), arrive: try r.v("arrive"),
                                       depart: try r.v("depart"), boarding: try r.v("boarding"), alighting: try r.v("alighting")))
            }
            for r in try session.query("""
                SELECT sa.trip_id, sa.seat, sa.worker_id, sa.pickup_stop, COALESCE(w.name, '') AS name, COALESCE(w.resident_id, '') AS rid, w.phone,
                       COALESCE(w.home_township, '') AS township, COALESCE(w.employer, '') AS employer, COALESCE(w.priority, '') AS priority,
                       COALESCE(p.name, sa.pickup_stop) AS pickup_name, COALESCE(d.name, sa.dropoff_stop) AS dropoff_name
                FROM seat_assignment sa LEFT JOIN worker w ON w.county = sa.county AND w.id = sa.worker_id
                LEFT JOIN stop p ON p.county = sa.county AND p.id = sa.pickup_stop LEFT JOIN stop d ON d.county = sa.county AND d.id = sa.dropoff_stop
                WHERE sa.plan_version = $1\(filter("sa.trip_id")) ORDER BY sa.trip_id COLLATE "C", sa.seat
                """, binds) {
                bundles[try r.v("trip_id", as: String.self)]?.seatRows.append(
                    TripBundle.SeatRow(seat: try r.v("seat"), workerID: try r.v("worker_id"), name: try r.v("name"), residentID: try r.v("rid"),
                                       phone: try r.v("phone"), pickupStop: try r.v("pickup_stop"), pickupName: try r.v("pickup_name"),
                                       dropoffName: try r.v("dropoff_name"), township: try r.v("township"), employer: try r.v("employer"),
                                       priority: try r.v("priority")))
            }
            for r in try session.query("""
                SELECT trip_id, driver_id, start, "end" FROM driver_duty WHERE plan_version = $1 AND activity = 'drive'\(filter("trip_id"))
                ORDER BY trip_id COLLATE "C", start COLLATE "C", seq
                """, binds) {
                guard let t = try r.v("trip_id", as: String?.self) else { continue }
                bundles[t]?.drives.append((try r.v("driver_id"), pgStamp(try r.v("start")), pgStamp(try r.v("end"))))
            }
            // Where the bus stands for each handover, break and halt (the rotation line names it).
            for r in try session.query("""
                SELECT DISTINCT d.trip_id, d.start, COALESCE(s.name, d.place) AS place_name FROM driver_duty d
                LEFT JOIN stop s ON s.county = d.county AND s.id = d.place
                WHERE d.plan_version = $1 AND d.activity IN ('break', 'rest') AND d.place IS NOT NULL\(filter("d.trip_id"))
                """, binds) {
                guard let t = try r.v("trip_id", as: String?.self) else { continue }
                bundles[t]?.addPlace(start: try r.v("start"), name: try r.v("place_name"))
            }
            var closed: [String: String] = [:]
            for r in try session.query("SELECT trip_id, closed_at FROM boarding_close") { closed[try r.v("trip_id")] = try r.v("closed_at") }
            var drivers: [String: Manifest.Driver] = [:]
            let crew = Set(bundles.values.flatMap { $0.drives.map(\.0) })
            if !crew.isEmpty {
                for r in try session.query("SELECT id, name, licence_class, phone FROM driver") where crew.contains(try r.v("id", as: String.self)) {
                    let id: String = try r.v("id")
                    drivers[id] = Manifest.Driver(id: id, name: try r.v("name"), licenceClass: try r.v("licence_class"), phone: try r.v("phone"))
                }
            }
            return TripBundle.inOrder(order, bundles, closed: closed, drivers: drivers)
        }
        return try bundles.map { try $0.manifest(status: status) }
    }
}
