import BancheCore
import GRDB

/// Where a worker stands in a plan version: bus, seat, stop and the time to be there.
public struct Placement: Sendable, Hashable, Codable {
    public var tripID: String
    public var date: CivilDate
    public var busID: String
    public var plate: String
    public var seat: Int
    public var pickupStop: String
    public var pickupName: String
    /// The bus's planned arrival at the worker's pickup stop (the time to be there).
    public var pickupTime: Timestamp
    public var routeID: String
    package init(tripID: String, date: CivilDate, busID: String, plate: String, seat: Int, pickupStop: String, pickupName: String, pickupTime: Timestamp, routeID: String) {
        self.tripID = tripID; self.date = date; self.busID = busID; self.plate = plate; self.seat = seat; self.pickupStop = pickupStop
        self.pickupName = pickupName; self.pickupTime = pickupTime; self.routeID = routeID
    }
}

/// A worker as `banche worker show` and `banche find` print them.
public struct WorkerStatus: Sendable {
    public var id: String
    public var name: String
    public var residentID: String
    public var phone: String?
    public var direction: Direction
    public var window: DateWindow
    public var pickupStop: String
    public var cancelledAt: String?
    public var cancelReason: String?
    /// The latest plan version of the worker's direction, if any.
    public var planVersion: Int?
    public var placement: Placement?
    /// planned / published / closed / boarded / released / unplaced / not planned
    public var state: String
    public var unplacedReason: String?
    package init(id: String, name: String, residentID: String, phone: String?, direction: Direction, window: DateWindow, pickupStop: String,
                 cancelledAt: String?, cancelReason: String?, planVersion: Int?, placement: Placement?, state: String, unplacedReason: String?) {
        self.id = id; self.name = name; self.residentID = residentID; self.phone = phone; self.direction = direction; self.window = window
        self.pickupStop = pickupStop; self.cancelledAt = cancelledAt; self.cancelReason = cancelReason; self.planVersion = planVersion
        self.placement = placement; self.state = state; self.unplacedReason = unplacedReason
    }
}

/// One cancellation or restoration, for the history.
public struct WorkerEvent: Sendable {
    public var workerID: String
    public var event: String
    public var reason: String?
    public var at: String
    package init(workerID: String, event: String, reason: String?, at: String) {
        self.workerID = workerID; self.event = event; self.reason = reason; self.at = at
    }
}

/// What `banche publish` marked.
public struct PublishResult: Sendable {
    public var version: Int
    public var published: [String]
    public var alreadyPublished: [String]
    package init(version: Int, published: [String], alreadyPublished: [String]) {
        self.version = version; self.published = published; self.alreadyPublished = alreadyPublished
    }
}

extension SQLiteStore {
    // MARK: plan versions as values

    /// The latest plan version of a direction.
    public func latestVersion(direction: Direction) throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan WHERE direction = ?", arguments: [direction.rawValue]) }
    }

    /// The latest plan version of any direction.
    public func latestVersion() throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") }
    }

    /// The direction of a stored plan version.
    public func direction(ofVersion v: Int) throws -> Direction {
        try read { db in
            guard let d = try String.fetchOne(db, sql: "SELECT direction FROM plan WHERE version = ?", arguments: [v]) else { throw StoreError.planNotFound(v) }
            return Direction(rawValue: d)!
        }
    }

    /// Every trip of a version with its stops and seats, as the planner made them.
    public func trips(version v: Int) throws -> [Trip] {
        try read { db in try Self.trips(db, version: v) }
    }

    static func trips(_ db: Database, version v: Int) throws -> [Trip] {
        var stops: [String: [TripStop]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM trip_stop WHERE plan_version = ? ORDER BY trip_id, seq", arguments: [v]) {
            stops[r["trip_id"], default: []].append(TripStop(stopID: r["stop_id"], role: StopRole(rawValue: r["role"])!, arrive: stamp(r["arrive"]),
                                                             depart: stamp(r["depart"]), boarding: r["boarding"], alighting: r["alighting"], kmFromPrevious: r["km"]))
        }
        var seats: [String: [SeatAssignment]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM seat_assignment WHERE plan_version = ? ORDER BY trip_id, seat", arguments: [v]) {
            seats[r["trip_id"], default: []].append(SeatAssignment(seat: r["seat"], workerID: r["worker_id"], pickupStop: r["pickup_stop"], dropoffStop: r["dropoff_stop"]))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM trip WHERE plan_version = ? ORDER BY service_date, trip_id", arguments: [v]).map { r in
            let id: String = r["trip_id"]
            let licensed: Int = r["seats"]
            let usable: Int? = r["usable_seats"]
            return Trip(id: id, routeID: r["route_id"], busID: r["bus_id"], plate: r["plate"], licensedSeats: licensed, usableSeats: usable ?? licensed,
                        date: CivilDate(iso: r["service_date"] as String)!, stops: stops[id] ?? [], passengers: seats[id] ?? [], busKm: r["bus_km"])
        }
    }

    /// Trips of a version that are pinned: published, closed, or with any boarding record.
    public func pinnedTripIDs(version v: Int) throws -> Set<String> {
        try read { db in try Self.pinned(db, version: v) }
    }

    static func pinned(_ db: Database, version v: Int) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT trip_id FROM trip WHERE plan_version = ? AND (
              trip_id IN (SELECT trip_id FROM trip_publication) OR trip_id IN (SELECT trip_id FROM boarding_close)
              OR trip_id IN (SELECT DISTINCT trip_id FROM boarding_record))
            """, arguments: [v]))
    }

    /// What a new plan of `direction` must keep: the latest version's trips, which of them are
    /// pinned (with `replanAll`, only closed trips and trips that have left by `now`, which
    /// nothing may change), the boarded lists of closed trips, every trip id ever used, and
    /// the latest version's duties of the pinned trips. Nil when the direction has no plan yet.
    public func planBaseline(direction: Direction, replanAll: Bool, now: Timestamp?) throws -> (baseline: PlanBaseline, version: Int, duties: [DutyRecord])? {
        guard let v = try latestVersion(direction: direction) else { return nil }
        let (baseline, _) = try read { db -> (PlanBaseline, Int) in
            let trips = try Self.trips(db, version: v)
            var boarded: [String: Set<String>] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT c.trip_id, o.worker_id, o.outcome FROM boarding_close c LEFT JOIN boarding_outcome o ON o.trip_id = c.trip_id") {
                let t: String = r[0]
                if boarded[t] == nil { boarded[t] = [] }
                if (r[2] as String?) == "boarded", let w: String = r[1] { boarded[t]!.insert(w) }
            }
            let ids = Set(trips.map(\.id))
            boarded = boarded.filter { ids.contains($0.key) }
            var pinned = replanAll ? Set(boarded.keys) : try Self.pinned(db, version: v)
            // A trip that has left is fixed, published or not.
            if let now { pinned.formUnion(trips.filter { $0.departure <= now }.map(\.id)) }
            let used = Set(try String.fetchAll(db, sql: "SELECT DISTINCT trip_id FROM trip"))
            // Stops closed on trips still open: who boarded there keeps the seat.
            var atStops: [String: Set<String>] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT trip_id, worker_id FROM boarding_outcome
                WHERE outcome = 'boarded' AND stop_id IS NOT NULL AND trip_id NOT IN (SELECT trip_id FROM boarding_close)
                """) {
                let t: String = r[0]
                if ids.contains(t) { atStops[t, default: []].insert(r[1]) }
            }
            // A trip with a closed stop is pinned even under --replan-all: people are on it.
            if replanAll { pinned.formUnion(atStops.keys) }
            return (PlanBaseline(trips: trips, pinned: pinned, boardedOnClosed: boarded, usedTripIDs: used, boardedAtClosedStops: atStops), v)
        }
        let duties = try self.duties(version: v).filter { d in
            guard let t = d.tripID else { return false }
            let base = t.hasSuffix("-position") ? String(t.dropLast(9)) : t.hasSuffix("-return") ? String(t.dropLast(7)) : t
            return baseline.pinned.contains(base)
        }
        return (baseline, v, duties)
    }

    // MARK: publishing

    /// Marks trips of a version as published (their passengers were told). With no trip and
    /// no date, every trip of the version.
    public func publish(version: Int?, trips: [String], date: CivilDate?, audit: AuditStamp) throws -> PublishResult {
        try write { db in
            guard let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") else { throw StoreError.noPlanYet }
            let all = try Self.trips(db, version: v)
            if all.isEmpty, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! == 0 { throw StoreError.planNotFound(v) }
            let known = Set(all.map(\.id))
            for t in trips where !known.contains(t) { throw StoreError.other("no trip \(t) in plan version \(v)") }
            let chosen = all.filter { (trips.isEmpty || trips.contains($0.id)) && (date == nil || $0.date == date!) }.map(\.id)
            if chosen.isEmpty { throw StoreError.other("no trip of plan version \(v) matches") }
            let already = Set(try String.fetchAll(db, sql: "SELECT trip_id FROM trip_publication"))
            let st = try db.cachedStatement(sql: "INSERT INTO trip_publication (trip_id, plan_version, published_at, os_user, command) VALUES (?,?,?,?,?)")
            var done: [String] = []
            for t in chosen where !already.contains(t) {
                try st.execute(arguments: [t, v, audit.iso, audit.osUser, audit.command])
                done.append(t)
            }
            if !done.isEmpty {
                let direction = try String.fetchOne(db, sql: "SELECT direction FROM plan WHERE version = ?", arguments: [v])!
                try Self.bumpDataVersion(db, scopes: [direction], what: "\(done.count) trips published", audit: audit)
            }
            return PublishResult(version: v, published: done, alreadyPublished: chosen.filter { already.contains($0) })
        }
    }

    // MARK: cancellations

    /// Cancels workers (kept, with the reason, in the history); a cancelled worker is never
    /// placed again until restored. Unknown ids are an error and nothing is written.
    public func cancelWorkers(_ ids: [String], reason: String?, audit: AuditStamp) throws -> (cancelled: [String], already: [String]) {
        try write { db in
            var cancelled: [String] = [], already: [String] = []
            for id in ids {
                guard let r = try Row.fetchOne(db, sql: "SELECT cancelled_at FROM worker WHERE id = ?", arguments: [id]) else {
                    throw StoreError.other("no worker \(id); `banche find` looks workers up")
                }
                if (r[0] as String?) != nil { already.append(id); continue }
                try db.execute(sql: "UPDATE worker SET cancelled_at = ?, cancel_reason = ? WHERE id = ?", arguments: [audit.iso, reason, id])
                try db.execute(sql: "INSERT INTO worker_event (worker_id, event, reason, at, os_user, command) VALUES (?, 'cancel', ?, ?, ?, ?)",
                               arguments: [id, reason, audit.iso, audit.osUser, audit.command])
                cancelled.append(id)
            }
            if !cancelled.isEmpty { try Self.bumpDataVersion(db, what: "\(cancelled.count) workers cancelled", audit: audit) }
            return (cancelled, already)
        }
    }

    /// Restores cancelled workers: the next plan places them again.
    public func restoreWorkers(_ ids: [String], audit: AuditStamp) throws -> [String] {
        try write { db in
            var restored: [String] = []
            for id in ids {
                guard let r = try Row.fetchOne(db, sql: "SELECT cancelled_at FROM worker WHERE id = ?", arguments: [id]) else {
                    throw StoreError.other("no worker \(id); `banche find` looks workers up")
                }
                guard (r[0] as String?) != nil else { throw StoreError.other("worker \(id) is not cancelled") }
                try db.execute(sql: "UPDATE worker SET cancelled_at = NULL, cancel_reason = NULL WHERE id = ?", arguments: [id])
                try db.execute(sql: "INSERT INTO worker_event (worker_id, event, reason, at, os_user, command) VALUES (?, 'restore', NULL, ?, ?, ?)",
                               arguments: [id, audit.iso, audit.osUser, audit.command])
                restored.append(id)
            }
            try Self.bumpDataVersion(db, what: "\(restored.count) workers restored", audit: audit)
            return restored
        }
    }

    /// Every cancellation and restoration, oldest first.
    public func workerEvents() throws -> [WorkerEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM worker_event ORDER BY id").map {
                WorkerEvent(workerID: $0["worker_id"], event: $0["event"], reason: $0["reason"], at: $0["at"])
            }
        }
    }

    // MARK: where a worker stands

    /// Placements of every seated worker in a version, by worker id.
    public func placements(version v: Int) throws -> [String: Placement] {
        try read { db in try Self.placements(db, version: v) }
    }

    static func placements(_ db: Database, version v: Int) throws -> [String: Placement] {
        var out: [String: Placement] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT sa.worker_id, sa.trip_id, sa.seat, sa.pickup_stop, t.service_date, t.bus_id, t.plate, t.route_id,
                   COALESCE(s.name, sa.pickup_stop) AS pickup_name,
                   (SELECT ts.arrive FROM trip_stop ts WHERE ts.plan_version = sa.plan_version AND ts.trip_id = sa.trip_id
                      AND ts.stop_id = sa.pickup_stop AND ts.role = 'pickup' ORDER BY ts.seq LIMIT 1) AS pickup_time,
                   t.departure
            FROM seat_assignment sa JOIN trip t ON t.plan_version = sa.plan_version AND t.trip_id = sa.trip_id
            LEFT JOIN stop s ON s.id = sa.pickup_stop
            WHERE sa.plan_version = ?
            """, arguments: [v]) {
            let time: String = (r["pickup_time"] as String?) ?? r["departure"]
            out[r["worker_id"]] = Placement(tripID: r["trip_id"], date: CivilDate(iso: r["service_date"] as String)!, busID: r["bus_id"], plate: r["plate"],
                                            seat: r["seat"], pickupStop: r["pickup_stop"], pickupName: r["pickup_name"], pickupTime: stamp(time),
                                            routeID: r["route_id"])
        }
        return out
    }

    /// Workers matching a query: their id, or a name (exact, or containing it), or the last 4
    /// or more digits of their ID number or phone. Cancelled workers are included.
    public func findWorkers(_ query: String) throws -> [WorkerStatus] {
        let q = query.trimmingCharacters(in: .whitespaces)
        let ids: [String] = try read { db in
            let digits = q.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") } && q.count >= 4
            var sql = "SELECT id FROM worker WHERE id = ? OR name = ? OR instr(name, ?) > 0"
            var args: [any DatabaseValueConvertible] = [q, q, q]
            if digits { sql += " OR resident_id LIKE ? OR phone LIKE ?"; args += ["%" + q.uppercased(), "%" + q] }
            return try String.fetchAll(db, sql: sql + " ORDER BY id LIMIT 200", arguments: StatementArguments(args))
        }
        return try ids.compactMap { try workerStatus($0) }
    }

    /// One worker: details, cancellation, and where the latest plan of their direction seats them.
    public func workerStatus(_ id: String) throws -> WorkerStatus? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM worker WHERE id = ?", arguments: [id]) else { return nil }
            let direction = Direction(rawValue: r["direction"])!
            var s = WorkerStatus(id: r["id"], name: r["name"], residentID: r["resident_id"], phone: r["phone"], direction: direction,
                                 window: DateWindow(first: CivilDate(iso: r["earliest_date"] as String)!, last: CivilDate(iso: r["latest_date"] as String)!)!,
                                 pickupStop: r["pickup_stop"], cancelledAt: r["cancelled_at"], cancelReason: r["cancel_reason"],
                                 planVersion: nil, placement: nil, state: "not planned", unplacedReason: nil)
            guard let v = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan WHERE direction = ?", arguments: [direction.rawValue]) else { return s }
            s.planVersion = v
            if let p = try Self.placements(db, version: v)[id] {
                s.placement = p
                s.state = WorkerStatus.seatedState(
                    outcome: try String.fetchOne(db, sql: "SELECT outcome FROM boarding_outcome WHERE trip_id = ? AND worker_id = ?", arguments: [p.tripID, id]),
                    tripClosed: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boarding_close WHERE trip_id = ?", arguments: [p.tripID])! > 0,
                    tripPublished: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trip_publication WHERE trip_id = ?", arguments: [p.tripID])! > 0)
            } else if let reason = try String.fetchOne(db, sql: "SELECT reason FROM unplaced WHERE plan_version = ? AND worker_id = ?", arguments: [v, id]) {
                s.state = "unplaced"
                s.unplacedReason = reason
            }
            if s.cancelledAt != nil && s.placement == nil { s.state = "cancelled" }
            return s
        }
    }

    /// Active workers whose travel days meet no service day of their route (the one they name,
    /// or any route of their direction): no plan would place them. One anti-join, cheap at any size.
    public func workersOutsideService() throws -> [(id: String, window: String, direction: String, routes: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT w.id, w.earliest_date, w.latest_date, w.direction,
                       COALESCE((SELECT group_concat(r.id || ' ' || r.service_from || '..' || r.service_to, ', ') FROM route r
                                 WHERE r.direction = w.direction AND (w.route_id IS NULL OR r.id = w.route_id)), '') AS routes
                FROM worker w
                WHERE w.cancelled_at IS NULL AND NOT EXISTS (
                  SELECT 1 FROM route r WHERE r.direction = w.direction AND (w.route_id IS NULL OR r.id = w.route_id)
                    AND r.service_from <= w.latest_date AND r.service_to >= w.earliest_date)
                ORDER BY w.id
                """).map { r in
                (r["id"], "\(r["earliest_date"] as String)..\(r["latest_date"] as String)", r["direction"], r["routes"])
            }
        }
    }

    /// Workers stored for a direction (cancelled included), by id, for `import --replace`.
    public func storedWorkerIDs() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM worker")) }
    }
}

func stamp(_ s: String) -> Timestamp { Timestamp(iso: s, defaultZone: .china)! }

/// What `report season` is computed from: the latest plan of each direction, each seated
/// worker's township, employer and priority (from the worker, or after a purge from the
/// anonymous counts kept), and who boarded closed trips.
public struct SeasonInputs: Sendable {
    public var plans: [(version: Int, direction: Direction, trips: [Trip])]
    public var travellers: [String: (township: String, employer: String, priority: [String])]
    public var boarded: Set<String>
    package init(plans: [(version: Int, direction: Direction, trips: [Trip])], travellers: [String: (township: String, employer: String, priority: [String])],
                 boarded: Set<String>) {
        self.plans = plans; self.travellers = travellers; self.boarded = boarded
    }
}

extension SQLiteStore {
    public func seasonInputs() throws -> SeasonInputs {
        try read { db in
            var plans: [(version: Int, direction: Direction, trips: [Trip])] = []
            for d in Direction.allCases {
                if let v = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan WHERE direction = ?", arguments: [d.rawValue]) {
                    plans.append((v, d, try Self.trips(db, version: v)))
                }
            }
            var travellers: [String: (township: String, employer: String, priority: [String])] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, home_township, employer, priority FROM worker") {
                travellers[r[0]] = (r[1], r[2], (r[3] as String).split(separator: ";").map(String.init))
            }
            // Purged passengers: give each trip's purged seats the attributes of its kept counts.
            for (v, _, trips) in plans {
                var counts: [String: [(String, String, [String])]] = [:]
                for r in try Row.fetchAll(db, sql: """
                    SELECT trip_id, home_township, employer, priority, SUM(people) AS n FROM purged_seat_count WHERE plan_version = ?
                    GROUP BY trip_id, home_township, employer, priority ORDER BY trip_id, home_township, employer, priority
                    """, arguments: [v]) {
                    let n: Int = r["n"]
                    let attrs = (r["home_township"] as String, r["employer"] as String, (r["priority"] as String).split(separator: ";").map(String.init))
                    counts[r["trip_id"], default: []] += Array(repeating: attrs, count: n)
                }
                SeasonInputs.fillPurged(&travellers, trips: trips, counts: counts)
            }
            let boarded = Set(try String.fetchAll(db, sql: "SELECT worker_id FROM boarding_outcome WHERE outcome = 'boarded'"))
            return SeasonInputs(plans: plans, travellers: travellers, boarded: boarded)
        }
    }
}
