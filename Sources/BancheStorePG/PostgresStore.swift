import BancheCore
import BancheStore
import Foundation
import PostgresNIO

/// A province's shared store: one PostgreSQL database, every county office's rows in the same
/// tables, kept apart by row-level security (docs/province.md).
///
/// The county is implied by the role the office logs in as (`county.role`); the administrator
/// creates the schema (`banche init`, `banche migrate`) and the counties. Each write is one
/// transaction; plans of one county and direction are serialised by an advisory lock and
/// give up with `StoreError.busy` (exit 3) after the busy timeout.
public final class PostgresStore: Store, @unchecked Sendable {
    public let address: PostgresAddress
    public var location: String { address.description }
    public internal(set) var lastImportWriteSeconds: Double = 0
    /// The county of the role, or nil for a role with none (the province, the administrator).
    public let county: String?
    let session: PGSession

    /// Opens an existing banche database whose schema is exactly `PGSchema.current`.
    public init(address: PostgresAddress) throws {
        self.address = address
        let s = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        do {
            try Self.requireCurrentSchema(s)
            county = try s.query("SELECT banche_county() AS c").first?.v("c", as: String?.self)
        } catch {
            s.close()
            throw error
        }
        session = s
    }

    @discardableResult
    public func close() throws -> Bool { session.close(); return true }

    // MARK: schema

    /// The schema version this banche reads and writes on PostgreSQL.
    public static var schemaVersion: Int { PGSchema.current }

    /// The schema version of the database, 0 when banche's tables are missing.
    static func schemaVersion(_ s: PGSession) throws -> Int {
        guard try s.query("SELECT to_regclass('banche_schema') IS NOT NULL AS present").first?.v("present", as: Bool.self) == true else { return 0 }
        return try s.query("SELECT COALESCE(MAX(version), 0)::bigint AS v FROM banche_schema").first?.v("v", as: Int.self) ?? 0
    }

    static func requireCurrentSchema(_ s: PGSession) throws {
        let v = try schemaVersion(s)
        if v == PGSchema.current { return }
        if v == 0 {
            throw StoreError.notABancheDatabase(path: s.address.description, detail: "no banche schema; the administrator creates it with `banche init --db postgres://ADMIN@… --county CODE`")
        }
        throw StoreError.other(schemaMismatch(found: v, address: s.address))
    }

    static func schemaMismatch(found v: Int, address: PostgresAddress) -> String {
        v < PGSchema.current
            ? "\(address): the database schema is version \(v), this banche needs version \(PGSchema.current); the administrator runs `banche migrate --db postgres://ADMIN@\(address.host):\(address.port)/\(address.database)`"
            : "\(address): the database schema is version \(v), newer than version \(PGSchema.current) that this banche knows; use a newer banche"
    }

    /// Brings the schema to `PGSchema.current` in one transaction (the administrator's role,
    /// which owns the tables). Returns the versions before and after.
    @discardableResult
    public static func migrate(address: PostgresAddress, upTo target: Int? = nil) throws -> (from: Int, to: Int) {
        let target = target ?? PGSchema.current
        let s = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        // Only the tables' owner may change them: say so, rather than the server's "permission
        // denied for schema public" (a county office's role running migrate).
        let owner = try s.query("""
            SELECT tableowner AS owner, pg_has_role(tableowner, 'USAGE') AS mine FROM pg_tables
             WHERE schemaname = current_schema() AND tablename = 'banche_schema'
            """).first
        if let owner, try !owner.v("mine", as: Bool.self) {
            throw StoreError.other("\(address): only the administrator who owns banche's tables (\(try owner.v("owner", as: String.self))) changes the schema; \(address.user) cannot: run banche migrate --db postgres://ADMIN@\(address.host):\(address.port)/\(address.database)")
        }
        if owner == nil, try !(s.query("SELECT has_schema_privilege(current_schema(), 'CREATE') AS c").first?.v("c", as: Bool.self) ?? false) {
            throw StoreError.other("\(address): \(address.user) may not create tables in this database; the database's administrator runs banche init or banche migrate")
        }
        return try s.transaction {
            try s.query("SELECT pg_advisory_xact_lock(hashtext('banche-migrate'))")
            try s.execute("""
                CREATE TABLE IF NOT EXISTS banche_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
                GRANT SELECT ON banche_schema TO PUBLIC;
                """)
            let from = try schemaVersion(s)
            if from > PGSchema.current { throw StoreError.other(schemaMismatch(found: from, address: address)) }
            for (i, m) in PGSchema.migrations.enumerated() where i + 1 > from && i + 1 <= target {
                try s.execute(m.sql)
                try s.query("INSERT INTO banche_schema (version, name) VALUES ($1, $2)", [i + 1, m.name])
            }
            return (from, max(from, min(target, PGSchema.current)))
        }
    }

    /// `banche init` on PostgreSQL: creates the schema when the database has none, adds the
    /// county and gives the existing login role `role` its rows only. Run by the administrator.
    /// Returns whether the schema was created.
    @discardableResult
    public static func initialize(address: PostgresAddress, county: String, role: String) throws -> Bool {
        guard county.count == 6, county.allSatisfy(\.isASCII), county.allSatisfy(\.isNumber) else {
            throw StoreError.other("--county \(county): a county is its 6-digit division code, e.g. 451425")
        }
        guard let first = role.first, first.isLetter || first == "_", role.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }), role.count <= 63,
              role == role.lowercased() else {
            throw StoreError.other("--role \(role): a role name of lowercase letters, digits and _ (e.g. banche_\(county))")
        }
        let s = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        let before = try schemaVersion(s)
        if before != 0 && before != PGSchema.current { throw StoreError.other(schemaMismatch(found: before, address: address)) }
        s.close()
        if before == 0 { try migrate(address: address) }
        let a = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        defer { a.close() }
        try a.transaction {
            guard try !a.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]).isEmpty else {
                throw StoreError.other("the role \(role) does not exist; the database administrator creates it first (CREATE ROLE \(role) LOGIN; docs/province.md)")
            }
            if let other = try a.query("SELECT role FROM county WHERE code = $1", [county]).first?.v("role", as: String.self), other != role {
                throw StoreError.other("county \(county) already belongs to the role \(other)")
            }
            if let other = try a.query("SELECT code FROM county WHERE role = $1", [role]).first?.v("code", as: String.self), other != county {
                throw StoreError.other("the role \(role) already works for county \(other); one role per county office")
            }
            try a.query("INSERT INTO county (code, role) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING", [county, role])
            for scope in Direction.allCases.map(\.rawValue) {
                try a.query("INSERT INTO data_version (county, scope, counter, last_change) VALUES ($1, $2, 0, '') ON CONFLICT DO NOTHING", [county, scope])
            }
            let tables = PGSchema.countyTables.joined(separator: ", ")
            try a.execute("""
                GRANT USAGE ON SCHEMA public TO \(role);
                GRANT SELECT, INSERT, UPDATE, DELETE ON \(tables) TO \(role);
                GRANT SELECT ON county, banche_schema TO \(role);
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role);
                """)
            try a.execute(PGSchema.maintainGrants(role: role))
        }
        return before == 0
    }

    // MARK: helpers

    func requireCounty(_ what: String) throws -> String {
        guard let county else {
            throw StoreError.other("\(address): the role \(address.user) belongs to no county, so it cannot \(what); a county office logs in as its own role (`banche init --county CODE --role ROLE`)")
        }
        return county
    }

    func bumpDataVersion(scopes: [String] = Direction.allCases.map(\.rawValue), what: String, audit: AuditStamp) throws {
        let change = "\(what) at \(audit.iso) by \(audit.osUser)"
        for s in scopes {
            try session.query("""
                INSERT INTO data_version (scope, counter, last_change) VALUES ($1, 1, $2)
                ON CONFLICT (county, scope) DO UPDATE SET counter = data_version.counter + 1, last_change = excluded.last_change
                """, [s, change])
        }
    }

    func dataVersionRow(_ scope: String, lock: Bool = false) throws -> (counter: Int, lastChange: String) {
        guard let r = try session.query("SELECT counter, last_change FROM data_version WHERE scope = $1\(lock ? " FOR SHARE" : "")", [scope]).first else { return (0, "") }
        return (try r.v("counter"), try r.v("last_change"))
    }

    // MARK: import

    func known() throws -> KnownRecords {
        var k = KnownRecords()
        for r in try session.query("SELECT id, kind, name FROM stop") {
            let id: String = try r.v("id"), name: String = try r.v("name")
            k.stops[id] = StopKind(rawValue: try r.v("kind"))
            k.stopNames[name] = k.stopNames[name] == nil ? .some(id) : .some(nil)
        }
        for r in try session.query("SELECT code, name FROM division") { let c: String = try r.v("code"); k.divisions.insert(c); k.divisionNames[try r.v("name")] = c }
        for r in try session.query("SELECT id, direction FROM route") { k.routes[try r.v("id")] = Direction(rawValue: try r.v("direction")) }
        for r in try session.query("SELECT id, plate FROM bus") { let id: String = try r.v("id"); k.buses.insert(id); k.plates[try r.v("plate")] = id }
        for r in try session.query("SELECT id, resident_id FROM driver") {
            let id: String = try r.v("id"); k.drivers.insert(id)
            if let rid = try r.v("resident_id", as: String?.self) { k.driverResidentIDs[rid] = id }
        }
        for r in try session.query("SELECT id, resident_id FROM worker") { let id: String = try r.v("id"); k.workers.insert(id); k.workerResidentIDs[try r.v("resident_id")] = id }
        for r in try session.query("SELECT from_stop, to_stop FROM leg") { k.legs.insert("\(try r.v("from_stop", as: String.self))>\(try r.v("to_stop", as: String.self))") }
        return k
    }

    @discardableResult
    public func importBatch(replace: Bool, audit: AuditStamp, parse: (KnownRecords, any ImportSink) throws -> ImportParseResult) throws -> [(file: String, rows: Int)] {
        struct Rejected: Error {}
        _ = try requireCounty("import")
        var waited = 0.0, parsed: Date? = nil
        defer { lastImportWriteSeconds = waited + (parsed.map { Date().timeIntervalSince($0) } ?? 0) }
        do {
            return try session.transaction {
                // One import per county at a time: the second waits (then exit 3), as on SQLite.
                try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-import:' || banche_county()))")
                let known = try known()
                let sink = ImportWriter(store: self, known: known, replace: replace, audit: audit)
                let result = try parse(known, sink)
                guard result == .accepted else { throw Rejected() }
                try sink.writeLog()
                waited = sink.writing
                parsed = Date()
                try bumpDataVersion(what: "import of \(sink.counts.map(\.file).joined(separator: ", "))", audit: audit)
                return sink.counts
            }
        } catch is Rejected {
            return []
        }
    }

    /// Writes an import's rows as the parse hands them over; the server inserts one chunk of
    /// workers while the parse reads the next. A new worker is inserted plainly, one already
    /// stored (`known`, read under the import lock) updated; no order between them matters: the
    /// parse refuses a resident ID that another stored worker holds, or that two rows share.
    final class ImportWriter: ImportSink {
        let store: PostgresStore, known: KnownRecords, replace: Bool, audit: AuditStamp
        var counts: [(file: String, rows: Int)] = []
        var writing = 0.0
        init(store: PostgresStore, known: KnownRecords, replace: Bool, audit: AuditStamp) {
            self.store = store; self.known = known; self.replace = replace; self.audit = audit
        }

        func rows(_ rows: ImportRows) throws {
            let t = Date(); defer { writing += Date().timeIntervalSince(t) }
            guard case .workers(let workers) = rows else { return try store.insert(rows, upsert: true) }
            let stored = workers.filter { known.workers.contains($0.id) }
            try store.insert(.workers(stored.count == 0 ? workers : workers.filter { !known.workers.contains($0.id) }), upsert: false)
            try store.insert(.workers(stored), upsert: true)
        }

        /// The files, for the import log (written after the parse: a statement now would wait
        /// for the rows still in flight).
        var files: [(kind: String, file: String, encoding: String, rows: Int)] = []

        func endFile(kind: String, file: String, encoding: String, rows: Int) throws {
            files.append((kind, file, encoding, rows))
            counts.append((file, rows))
        }

        func writeLog() throws {
            let t = Date(); defer { writing += Date().timeIntervalSince(t) }
            for f in files {
                try store.session.query("""
                    INSERT INTO import_log (kind, file, rows, encoding, replaced, imported_at, os_user, command) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
                    """, [f.kind, f.file, f.rows, f.encoding, replace, audit.iso, audit.osUser, audit.command])
            }
        }
    }

    /// Stores rows of one file; with `upsert`, a row whose key is stored updates it (workers:
    /// only those known to be stored are sent so, the others inserted plainly, without the
    /// cost of an upsert's speculative insertion).
    func insert(_ rows: ImportRows, upsert: Bool) throws {
        switch rows {
        case .divisions(let divisions):
            try insertRows("division", ["code", "name", "parent"], divisions.map { d in [d.code, d.name, d.parent] }, conflict: "county, code")
        case .stops(let stops):
            try insertRows("stop", ["id", "name", "kind", "township", "division_code", "latitude", "longitude", "address"], stops.map { s in
                [s.id, s.name, s.kind.rawValue, s.township, s.divisionCode, s.latitude, s.longitude, s.address]
            }, conflict: "county, id")
        case .legs(let legs):
            try insertRows("leg", ["from_stop", "to_stop", "distance_km", "minutes", "road_class", "both_ways"], legs.map { l in
                [l.from, l.to, l.distanceKm, l.minutes, l.roadClass.rawValue, l.bothWays]
            }, conflict: "county, from_stop, to_stop")
        case .routes(let routes):
            try insertRows("route", ["id", "name", "direction", "service_from", "service_to", "depart_earliest", "depart_latest", "rest_stops",
                                     "max_pickup_stops", "max_pickup_minutes", "service_type", "max_dropoff_stops", "max_dropoff_minutes"], routes.map { r in
                [r.id, r.name, r.direction.rawValue, r.service.first.description, r.service.last.description, r.departEarliest.description,
                 r.departLatest.description, r.restStops.joined(separator: ";"), r.maxPickupStops, r.maxPickupMinutes, r.serviceType.rawValue,
                 r.maxDropoffStops, r.maxDropoffMinutes]
            }, conflict: "county, id")
        case .buses(let buses):
            try insertRows("bus", ["id", "plate", "seats", "accessible_seats", "depot_stop", "available_from", "available_to", "operator"], buses.map { b in
                [b.id, b.plate, b.seats, b.accessibleSeats, b.depot, b.available.first.description, b.available.last.description, b.operatorName]
            }, conflict: "county, id")
        case .drivers(let drivers):
            try insertRows("driver", ["id", "name", "resident_id", "phone", "licence_class", "licence_expiry", "operator", "home_depot",
                                      "available_from", "available_to"], drivers.map { d in
                [d.id, d.name, d.residentID?.value, d.phone, d.licenceClass.rawValue, d.licenceExpiry.description, d.operatorName, d.homeDepot,
                 d.available.first.description, d.available.last.description]
            }, conflict: "county, id")
        case .workers(let workers):
            // Each field straight from the worker (no row of boxed values per worker).
            let fields: [(column: String, type: String, value: (Worker) -> PGCell)] = [
                ("id", "text", { .text($0.id) }), ("name", "text", { .text($0.name) }),
                ("resident_id", "text", { .text($0.residentID.value) }), ("phone", "text", { $0.phone.pgCell }),
                ("household_id", "text", { $0.household.pgCell }), ("direction", "text", { .text($0.direction.rawValue) }),
                ("earliest_date", "text", { .text($0.window.first.description) }), ("latest_date", "text", { .text($0.window.last.description) }),
                ("pickup_stop", "text", { .text($0.pickupStop) }), ("dropoff_stop", "text", { .text($0.dropoffStop) }),
                ("employer", "text", { .text($0.employer) }), ("home_township", "text", { .text($0.homeTownship) }),
                ("priority", "text", { .text($0.priority.sorted().map(\.rawValue).joined(separator: ";")) }),
                ("accessible_seat", "bool", { .bool($0.needsAccessibleSeat) }), ("route_id", "text", { $0.route.pgCell }),
            ]
            let columns = fields.map(\.column), types = fields.map(\.type)
            try insertArrays("worker", columns, types: types, count: workers.count, conflict: upsert ? "county, id" : nil) { r, c in fields[c].value(workers[r]) }
        }
    }

    // MARK: scenario

    public func loadScenario(zone: ZoneOffset) throws -> Scenario {
        try session.transaction(readOnly: true) { try scenario(zone: zone) }
    }

    func scenario(zone: ZoneOffset) throws -> Scenario {
        var s = Scenario(zone: zone)
        s.stops = try session.query("SELECT * FROM stop ORDER BY id COLLATE \"C\"").map { r in
            Stop(id: try r.v("id"), name: try r.v("name"), kind: StopKind(rawValue: try r.v("kind"))!, township: try r.v("township"),
                 divisionCode: try r.v("division_code"), latitude: try r.v("latitude"), longitude: try r.v("longitude"), address: try r.v("address"))
        }
        s.legs = try session.query("SELECT * FROM leg ORDER BY from_stop COLLATE \"C\", to_stop COLLATE \"C\"").map { r in
            Leg(from: try r.v("from_stop"), to: try r.v("to_stop"), distanceKm: try r.v("distance_km"), minutes: try r.v("minutes"),
                roadClass: RoadClass(rawValue: try r.v("road_class")) ?? .highway, bothWays: try r.v("both_ways"))
        }
        s.routes = try session.query("SELECT * FROM route ORDER BY id COLLATE \"C\"").map { r in
            let rest: String = try r.v("rest_stops")
            var route = Route(id: try r.v("id"), name: try r.v("name"), direction: Direction(rawValue: try r.v("direction"))!,
                              service: DateWindow(first: pgDate(try r.v("service_from")), last: pgDate(try r.v("service_to")))!,
                              departEarliest: TimeOfDay(try r.v("depart_earliest", as: String.self))!, departLatest: TimeOfDay(try r.v("depart_latest", as: String.self))!,
                              restStops: rest.split(separator: ";").map(String.init),
                              maxPickupStops: try r.v("max_pickup_stops"), maxPickupMinutes: try r.v("max_pickup_minutes"),
                              serviceType: ServiceType(rawValue: try r.v("service_type")) ?? .charter)
            route.maxDropoffStops = try r.v("max_dropoff_stops")
            route.maxDropoffMinutes = try r.v("max_dropoff_minutes")
            return route
        }
        s.buses = try session.query("SELECT * FROM bus ORDER BY id COLLATE \"C\"").map { r in
            Bus(id: try r.v("id"), plate: try r.v("plate"), seats: try r.v("seats"), accessibleSeats: try r.v("accessible_seats"), depot: try r.v("depot_stop"),
                available: DateWindow(first: pgDate(try r.v("available_from")), last: pgDate(try r.v("available_to")))!, operatorName: try r.v("operator"))
        }
        s.drivers = try session.query("SELECT * FROM driver ORDER BY id COLLATE \"C\"").map { r in
            let rid: String? = try r.v("resident_id")
            return Driver(id: try r.v("id"), name: try r.v("name"), residentID: rid.flatMap { try? ResidentID($0) }, phone: try r.v("phone"),
                          licenceClass: LicenceClass(rawValue: try r.v("licence_class")) ?? .a1, licenceExpiry: pgDate(try r.v("licence_expiry")),
                          operatorName: try r.v("operator"), homeDepot: try r.v("home_depot"),
                          available: DateWindow(first: pgDate(try r.v("available_from")), last: pgDate(try r.v("available_to")))!)
        }
        s.workers = try session.query("SELECT * FROM worker WHERE cancelled_at IS NULL ORDER BY id COLLATE \"C\"").map(worker)
        return s
    }

    func worker(_ r: PGRow) throws -> Worker {
        let prio: String = try r.v("priority")
        return Worker(id: try r.v("id"), name: try r.v("name"), residentID: try ResidentID(try r.v("resident_id", as: String.self)), phone: try r.v("phone"),
                      household: try r.v("household_id"), direction: Direction(rawValue: try r.v("direction"))!,
                      window: DateWindow(first: pgDate(try r.v("earliest_date")), last: pgDate(try r.v("latest_date")))!,
                      pickupStop: try r.v("pickup_stop"), dropoffStop: try r.v("dropoff_stop"), employer: try r.v("employer"),
                      homeTownship: try r.v("home_township"),
                      priority: Set(prio.split(separator: ";").compactMap { PriorityGroup(rawValue: String($0)) }),
                      needsAccessibleSeat: try r.v("accessible_seat"), route: try r.v("route_id"))
    }

    public func storedWorkers() throws -> (workers: [String: Worker], cancelled: Set<String>) {
        var out: [String: Worker] = [:], cancelled = Set<String>()
        for r in try session.query("SELECT * FROM worker") {
            let w = try worker(r)
            out[w.id] = w
            if try r.v("cancelled_at", as: String?.self) != nil { cancelled.insert(w.id) }
        }
        return (out, cancelled)
    }

    public func storedWorkerIDs() throws -> Set<String> {
        Set(try session.query("SELECT id FROM worker").map { try $0.v("id", as: String.self) })
    }

    public func workersOutsideService() throws -> [(id: String, window: String, direction: String, routes: String)] {
        try session.query("""
            SELECT w.id, w.earliest_date, w.latest_date, w.direction,
                   COALESCE((SELECT string_agg(r.id || ' ' || r.service_from || '..' || r.service_to, ', ') FROM route r
                             WHERE r.direction = w.direction AND (w.route_id IS NULL OR r.id = w.route_id)), '') AS routes
            FROM worker w
            WHERE w.cancelled_at IS NULL AND NOT EXISTS (
              SELECT 1 FROM route r WHERE r.direction = w.direction AND (w.route_id IS NULL OR r.id = w.route_id)
                AND r.service_from <= w.latest_date AND r.service_to >= w.earliest_date)
            ORDER BY w.id COLLATE "C"
            """).map { r in
            (try r.v("id"), "\(try r.v("earliest_date", as: String.self))..\(try r.v("latest_date", as: String.self))", try r.v("direction"), try r.v("routes"))
        }
    }

    public func counts() throws -> [String: Int] {
        var c: [String: Int] = [:]
        for t in ["stop", "leg", "route", "bus", "driver", "worker", "plan", "trip", "seat_assignment", "boarding_record", "boarding_close"] {
            c[t] = try session.query("SELECT COUNT(*)::bigint AS n FROM \(t)").first?.v("n", as: Int.self) ?? 0
        }
        return c
    }

    // MARK: plans

    public func planningSnapshot(direction: Direction, zone: ZoneOffset) throws -> PlanningSnapshot {
        try session.transaction(readOnly: true) {
            let scenario = try scenario(zone: zone)
            let outcomes = try outcomesAll()
            return PlanningSnapshot(scenario: scenario, boarded: outcomes.boarded, released: outcomes.released,
                                    dataVersion: try dataVersionRow(direction.rawValue).counter)
        }
    }

    public func dataVersion(direction: Direction) throws -> Int { try dataVersionRow(direction.rawValue).counter }

    public func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp, duties: [DutyRecord], dataVersion: Int?) throws -> Int {
        _ = try requireCounty("save a plan")
        let z = audit.zone
        return try session.transaction {
            // Plans of one county and direction one at a time; the second waits, then exit 3.
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-plan:' || banche_county() || ':' || $1))", [plan.direction.rawValue])
            if let dataVersion {
                // FOR SHARE: an import or a trip close bumping the counter waits for this save.
                let now = try dataVersionRow(plan.direction.rawValue, lock: true)
                if now.counter != dataVersion { throw StoreError.dataChanged(detail: now.lastChange) }
            }
            let v: Int = try session.query("""
                INSERT INTO plan (created_at, direction, dates, workers_placed, workers_unplaced, trips, lower_bound_trips, bus_km, summary_json, os_user, command)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING version
                """, [audit.iso, plan.direction.rawValue, plan.dates.description, plan.workersPlaced, plan.unplaced.count, plan.trips.count,
                      plan.lowerBoundTrips, plan.busKm, summaryJSON, audit.osUser, audit.command]).first!.v("version")
            try insertRows("trip", ["plan_version", "trip_id", "route_id", "bus_id", "plate", "seats", "service_date", "departure", "arrival", "bus_km", "passengers", "usable_seats"],
                           plan.trips.map { t in [v, t.id, t.routeID, t.busID, t.plate, t.licensedSeats, t.date.description, t.departure.iso(in: z), t.arrival.iso(in: z),
                                                  t.busKm, t.passengers.count, t.usableSeats] })
            try insertRows("trip_stop", ["plan_version", "trip_id", "seq", "stop_id", "role", "arrive", "depart", "boarding", "alighting", "km"],
                           plan.trips.flatMap { t in t.stops.enumerated().map { (i, s) -> [any PGCellValue] in
                               [v, t.id, i + 1, s.stopID, s.role.rawValue, s.arrive.iso(in: z), s.depart.iso(in: z), s.boarding, s.alighting, s.kmFromPrevious] } })
            try insertRows("seat_assignment", ["plan_version", "trip_id", "seat", "worker_id", "pickup_stop", "dropoff_stop"],
                           plan.trips.flatMap { t in t.passengers.map { p -> [any PGCellValue] in [v, t.id, p.seat, p.workerID, p.pickupStop, p.dropoffStop] } })
            try insertRows("unplaced", ["plan_version", "worker_id", "reason", "message"],
                           plan.unplaced.map { u in [v, u.workerID, u.reason.rawValue, u.message] })
            try insertDuties(duties, version: v, zone: z)
            return v
        }
    }

    func insertDuties(_ duties: [DutyRecord], version: Int, zone: ZoneOffset) throws {
        try insertRows("driver_duty", ["plan_version", "seq", "driver_id", "activity", "start", "\"end\"", "vehicle_id", "trip_id", "trip_km", "relay", "service", "place"],
                       duties.enumerated().map { (i, d) -> [any PGCellValue] in
                           [version, i + 1, d.driverID, d.activity.rawValue, d.start.iso(in: zone), d.end.iso(in: zone), d.vehicleID, d.tripID, d.tripKm,
                            d.relay, d.service.rawValue, d.place] })
    }

    public func saveDuties(_ duties: [DutyRecord], version: Int, zone: ZoneOffset) throws {
        try session.transaction {
            try session.query("DELETE FROM driver_duty WHERE plan_version = $1", [version])
            try insertDuties(duties, version: version, zone: zone)
        }
    }

    public func planVersions() throws -> [PlanVersion] {
        try session.query("SELECT * FROM plan ORDER BY version").map { r in
            var v = PlanVersion(version: try r.v("version"), createdAt: try r.v("created_at"), direction: try r.v("direction"), dates: try r.v("dates"),
                                workersPlaced: try r.v("workers_placed"), workersUnplaced: try r.v("workers_unplaced"), trips: try r.v("trips"),
                                lowerBoundTrips: try r.v("lower_bound_trips"), busKm: try r.v("bus_km"), osUser: try r.v("os_user"))
            // A role of no county (the province's readers, the administrator) sees every county's.
            if county == nil { v.county = try r.v("county") }
            return v
        }
    }

    public func planSummary(version: Int?) throws -> (Int, String) {
        let rows = try version.map { try session.query("SELECT version, summary_json FROM plan WHERE version = $1", [$0]) }
            ?? session.query("SELECT version, summary_json FROM plan ORDER BY version DESC LIMIT 1")
        guard let r = rows.first else { throw version.map { StoreError.planNotFound($0) } ?? StoreError.noPlanYet }
        return (try r.v("version"), try r.v("summary_json"))
    }

    public func duties(version: Int?) throws -> [DutyRecord] {
        let v = try version ?? latestVersion()
        guard let v, try !session.query("SELECT 1 FROM plan WHERE version = $1", [v]).isEmpty else { throw version.map { StoreError.planNotFound($0) } ?? StoreError.noPlanYet }
        return try session.query("SELECT * FROM driver_duty WHERE plan_version = $1 ORDER BY seq", [v]).map { r in
            DutyRecord(driverID: try r.v("driver_id"), activity: DutyActivity(rawValue: try r.v("activity"))!,
                       start: pgStamp(try r.v("start")), end: pgStamp(try r.v("end")),
                       vehicleID: try r.v("vehicle_id"), tripID: try r.v("trip_id"), tripKm: try r.v("trip_km"), relay: try r.v("relay"),
                       service: ServiceType(rawValue: try r.v("service")) ?? .charter, place: try r.v("place"), line: try r.v("seq"))
        }
    }

    public func latestVersion(direction: Direction) throws -> Int? {
        try session.query("SELECT MAX(version) AS v FROM plan WHERE direction = $1", [direction.rawValue]).first?.v("v")
    }

    public func latestVersion() throws -> Int? {
        try session.query("SELECT MAX(version) AS v FROM plan").first?.v("v")
    }

    public func direction(ofVersion v: Int) throws -> Direction {
        guard let d = try session.query("SELECT direction FROM plan WHERE version = $1", [v]).first?.v("direction", as: String.self) else {
            throw StoreError.planNotFound(v)
        }
        return Direction(rawValue: d)!
    }

    public func trips(version v: Int) throws -> [Trip] {
        var stops: [String: [TripStop]] = [:]
        for r in try session.query("SELECT * FROM trip_stop WHERE plan_version = $1 ORDER BY trip_id COLLATE \"C\", seq", [v]) {
            stops[try r.v("trip_id"), default: []].append(TripStop(stopID: try r.v("stop_id"), role: StopRole(rawValue: try r.v("role"))!,
                                                                   arrive: pgStamp(try r.v("arrive")), depart: pgStamp(try r.v("depart")),
                                                                   boarding: try r.v("boarding"), alighting: try r.v("alighting"), kmFromPrevious: try r.v("km")))
        }
        var seats: [String: [SeatAssignment]] = [:]
        for r in try session.query("SELECT * FROM seat_assignment WHERE plan_version = $1 ORDER BY trip_id COLLATE \"C\", seat", [v]) {
            seats[try r.v("trip_id"), default: []].append(SeatAssignment(seat: try r.v("seat"), workerID: try r.v("worker_id"),
                                                                         pickupStop: try r.v("pickup_stop"), dropoffStop: try r.v("dropoff_stop")))
        }
        return try session.query("SELECT * FROM trip WHERE plan_version = $1 ORDER BY service_date, trip_id COLLATE \"C\"", [v]).map { r in
            let id: String = try r.v("trip_id")
            let licensed: Int = try r.v("seats")
            let usable: Int? = try r.v("usable_seats")
            return Trip(id: id, routeID: try r.v("route_id"), busID: try r.v("bus_id"), plate: try r.v("plate"), licensedSeats: licensed,
                        usableSeats: usable ?? licensed, date: pgDate(try r.v("service_date")), stops: stops[id] ?? [], passengers: seats[id] ?? [],
                        busKm: try r.v("bus_km"))
        }
    }

    public func pinnedTripIDs(version v: Int) throws -> Set<String> {
        Set(try session.query("""
            SELECT trip_id FROM trip WHERE plan_version = $1 AND (
              trip_id IN (SELECT trip_id FROM trip_publication) OR trip_id IN (SELECT trip_id FROM boarding_close)
              OR trip_id IN (SELECT DISTINCT trip_id FROM boarding_record))
            """, [v]).map { try $0.v("trip_id", as: String.self) })
    }

    // MARK: boarding

    public func trip(_ id: String) throws -> StoredTrip? {
        guard let v: Int = try session.query("SELECT MAX(plan_version) AS v FROM trip WHERE trip_id = $1", [id]).first?.v("v") else { return nil }
        return try trip(id, version: v)
    }

    public func addBoardingRecords(_ records: [BoardingRecord], version: Int, audit: AuditStamp) throws {
        _ = try requireCounty("record boarding")
        try session.transaction {
            try insertRows("boarding_record", ["plan_version", "trip_id", "worker_id", "step", "value", "at", "recorded_at", "os_user", "command"],
                           records.map { r in [version, r.tripID, r.workerID, r.step, r.value, r.at.iso(in: audit.zone), audit.iso, audit.osUser, audit.command] })
        }
    }

    public func boardingRecords(trip: String) throws -> [BoardingRecord] {
        try session.query("SELECT * FROM boarding_record WHERE trip_id = $1 ORDER BY id", [trip]).map { r in
            BoardingRecord(tripID: try r.v("trip_id"), workerID: try r.v("worker_id"), step: try r.v("step"), value: try r.v("value"),
                           at: pgStamp(try r.v("at")), sequence: try r.v("id"))
        }
    }

    public func closeTrip(_ trip: StoredTrip, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws {
        _ = try requireCounty("close a trip")
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-close:' || banche_county() || ':' || $1))", [trip.tripID])
            if try !session.query("SELECT 1 FROM boarding_close WHERE trip_id = $1", [trip.tripID]).isEmpty {
                throw StoreError.other("trip \(trip.tripID) is already closed")
            }
            try session.query("INSERT INTO boarding_close (trip_id, plan_version, service_date, checklist, closed_at, os_user, command) VALUES ($1,$2,$3,$4,$5,$6,$7)",
                              [trip.tripID, trip.version, trip.date.description, checklist, audit.iso, audit.osUser, audit.command])
            try insertRows("boarding_outcome", ["trip_id", "worker_id", "outcome", "service_date"],
                           boarded.map { [trip.tripID, $0, "boarded", trip.date.description] } + released.map { [trip.tripID, $0, "released", trip.date.description] })
            let direction: String? = try session.query("SELECT direction FROM plan WHERE version = $1", [trip.version]).first?.v("direction")
            try bumpDataVersion(scopes: direction.map { [$0] } ?? Direction.allCases.map(\.rawValue), what: "trip \(trip.tripID) closed", audit: audit)
        }
    }

    func outcomesAll() throws -> (boarded: Set<String>, released: [String: CivilDate]) {
        var boarded = Set<String>(), released: [String: CivilDate] = [:]
        for r in try session.query("SELECT worker_id, outcome, service_date FROM boarding_outcome ORDER BY service_date") {
            let w: String = try r.v("worker_id")
            if try r.v("outcome", as: String.self) == "boarded" { boarded.insert(w); released[w] = nil }
            else { released[w] = pgDate(try r.v("service_date")) }
        }
        return (boarded, released)
    }

    public func boardingOutcomes() throws -> (boarded: Set<String>, released: [String: CivilDate]) { try outcomesAll() }

    public func outcomes(trip: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try session.query("SELECT worker_id, outcome FROM boarding_outcome WHERE trip_id = $1", [trip]) { out[try r.v("worker_id")] = try r.v("outcome") }
        return out
    }

    public func backup(to destination: String) throws {
        throw StoreError.other("banche backup copies a SQLite file; back up a PostgreSQL database with pg_dump (docs/province.md)")
    }
    public func integrityCheck() throws -> String { "ok" }
}

func pgDate(_ s: String) -> CivilDate { CivilDate(iso: s)! }
func pgStamp(_ s: String) -> Timestamp { Timestamp(iso: s, defaultZone: .china)! }
