import BancheCore
import GRDB

extension SQLiteStore {
    /// Loads everything the planner needs as plain values, in a stable order (by id).
    public func loadScenario(zone: ZoneOffset) throws -> Scenario {
        try read { db in try Self.loadScenario(db, zone: zone) }
    }

    static func loadScenario(_ db: Database, zone: ZoneOffset) throws -> Scenario {
        do {
            var s = Scenario(zone: zone)
            s.stops = try Row.fetchAll(db, sql: "SELECT * FROM stop ORDER BY id").map { r in
                Stop(id: r["id"], name: r["name"], kind: StopKind(rawValue: r["kind"])!, township: r["township"],
                     divisionCode: r["division_code"], latitude: r["latitude"], longitude: r["longitude"], address: r["address"])
            }
            s.legs = try Row.fetchAll(db, sql: "SELECT * FROM leg ORDER BY from_stop, to_stop").map { r in
                Leg(from: r["from_stop"], to: r["to_stop"], distanceKm: r["distance_km"], minutes: r["minutes"],
                    roadClass: RoadClass(rawValue: r["road_class"]) ?? .highway, bothWays: r["both_ways"])
            }
            s.routes = try Row.fetchAll(db, sql: "SELECT * FROM route ORDER BY id").map { r in
                let rest: String = r["rest_stops"]
                var route = Route(id: r["id"], name: r["name"], direction: Direction(rawValue: r["direction"])!,
                             service: DateWindow(first: date(r["service_from"]), last: date(r["service_to"]))!,
                             departEarliest: TimeOfDay(r["depart_earliest"] as String)!, departLatest: TimeOfDay(r["depart_latest"] as String)!,
                             restStops: rest.split(separator: ";").map(String.init),
                             maxPickupStops: r["max_pickup_stops"], maxPickupMinutes: r["max_pickup_minutes"],
                             serviceType: ServiceType(rawValue: r["service_type"] ?? "charter") ?? .charter)
                route.maxDropoffStops = r["max_dropoff_stops"]
                route.maxDropoffMinutes = r["max_dropoff_minutes"]
                return route
            }
            s.buses = try Row.fetchAll(db, sql: "SELECT * FROM bus ORDER BY id").map { r in
                Bus(id: r["id"], plate: r["plate"], seats: r["seats"], accessibleSeats: r["accessible_seats"], depot: r["depot_stop"],
                    available: DateWindow(first: date(r["available_from"]), last: date(r["available_to"]))!, operatorName: r["operator"])
            }
            s.drivers = try Row.fetchAll(db, sql: "SELECT * FROM driver ORDER BY id").map { r in
                let rid: String? = r["resident_id"]
                return Driver(id: r["id"], name: r["name"], residentID: rid.flatMap { try? ResidentID($0) }, phone: r["phone"],
                              licenceClass: LicenceClass(rawValue: r["licence_class"]) ?? .a1, licenceExpiry: date(r["licence_expiry"]),
                              operatorName: r["operator"], homeDepot: r["home_depot"],
                              available: DateWindow(first: date(r["available_from"]), last: date(r["available_to"]))!)
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.workerColumns) FROM worker WHERE cancelled_at IS NULL ORDER BY id")
            while let r = try rows.next() { s.workers.append(try Self.worker(r)) }
            return s
        }
    }

    /// The columns `worker(_:)` reads, in the order it reads them by position (a lookup by
    /// name costs a case-insensitive string search per value: a second at 100,000 workers).
    static let workerColumns = "id, name, resident_id, phone, household_id, direction, earliest_date, latest_date, pickup_stop, dropoff_stop, employer, home_township, priority, accessible_seat, route_id"

    static func worker(_ r: Row) throws -> Worker {
        let prio: String = r[12]
        return Worker(id: r[0], name: r[1], residentID: try ResidentID(r[2] as String), phone: r[3],
                      household: r[4], direction: Direction(rawValue: r[5])!,
                      window: DateWindow(first: date(r[6]), last: date(r[7]))!,
                      pickupStop: r[8], dropoffStop: r[9], employer: r[10],
                      homeTownship: r[11],
                      priority: Set(prio.split(separator: ";").compactMap { PriorityGroup(rawValue: String($0)) }),
                      needsAccessibleSeat: r[13], route: r[14])
    }

    /// Every stored worker, cancelled ones included, by id, and which are cancelled.
    public func storedWorkers() throws -> (workers: [String: Worker], cancelled: Set<String>) {
        try read { db in
            var out: [String: Worker] = [:], cancelled = Set<String>()
            for r in try Row.fetchAll(db, sql: "SELECT \(Self.workerColumns), cancelled_at FROM worker") {
                let w = try Self.worker(r)
                out[w.id] = w
                if (r[15] as String?) != nil { cancelled.insert(w.id) }
            }
            return (out, cancelled)
        }
    }

    /// Row counts per table, for summaries.
    public func counts() throws -> [String: Int] {
        try read { db in
            var c: [String: Int] = [:]
            for t in ["stop", "leg", "route", "bus", "driver", "worker", "plan", "trip", "seat_assignment", "boarding_record", "boarding_close"] {
                c[t] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") ?? 0
            }
            return c
        }
    }
}

func date(_ s: String) -> CivilDate { CivilDate(iso: s)! }
