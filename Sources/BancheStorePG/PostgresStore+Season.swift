import BancheCore
import BancheStore

/// Publishing, cancellations, where a worker stands, notices, plan diffs and the season's
/// report inputs on PostgreSQL: the same answers as `SQLiteStore+Season.swift`, computed by the
/// rules both stores share (`StoreRules.swift`) from the county's rows (row-level security).
extension PostgresStore {
    /// The version asked for, or the county's latest; refused when the county has no such plan.
    func existingVersion(_ version: Int?) throws -> Int {
        guard let v = try version ?? latestVersion() else { throw StoreError.noPlanYet }
        try requirePlan(v)
        return v
    }

    func requirePlan(_ v: Int) throws {
        if try session.query("SELECT 1 FROM plan WHERE version = $1", [v]).isEmpty { throw StoreError.planNotFound(v) }
    }

    // MARK: publishing

    public func publish(version: Int?, trips: [String], date: CivilDate?, audit: AuditStamp) throws -> PublishResult {
        _ = try requireCounty("publish")
        return try session.transaction {
            let v = try existingVersion(version)
            let all = try self.trips(version: v)
            let known = Set(all.map(\.id))
            for t in trips where !known.contains(t) { throw StoreError.other("no trip \(t) in plan version \(v)") }
            let chosen = all.filter { (trips.isEmpty || trips.contains($0.id)) && (date == nil || $0.date == date!) }.map(\.id)
            if chosen.isEmpty { throw StoreError.other("no trip of plan version \(v) matches") }
            let already = Set(try session.query("SELECT trip_id FROM trip_publication").map { try $0.v("trip_id", as: String.self) })
            let done = chosen.filter { !already.contains($0) }
            try insertRows("trip_publication", ["trip_id", "plan_version", "published_at", "os_user", "command"],
                           done.map { [$0, v, audit.iso, audit.osUser, audit.command] })
            if !done.isEmpty {
                try bumpDataVersion(scopes: [try direction(ofVersion: v).rawValue], what: "\(done.count) trips published", audit: audit)
            }
            return PublishResult(version: v, published: done, alreadyPublished: chosen.filter { already.contains($0) })
        }
    }

    // MARK: cancellations

    public func cancelWorkers(_ ids: [String], reason: String?, audit: AuditStamp) throws -> (cancelled: [String], already: [String]) {
        _ = try requireCounty("cancel workers")
        return try session.transaction {
            var cancelled: [String] = [], already: [String] = []
            for id in ids {
                guard let r = try session.query("SELECT cancelled_at FROM worker WHERE id = $1 FOR UPDATE", [id]).first else {
                    throw StoreError.other("no worker \(id); `banche find` looks workers up")
                }
                if try r.v("cancelled_at", as: String?.self) != nil { already.append(id); continue }
                try session.query("UPDATE worker SET cancelled_at = $1, cancel_reason = $2 WHERE id = $3", [audit.iso, reason, id])
                try session.query("INSERT INTO worker_event (worker_id, event, reason, at, os_user, command) VALUES ($1, 'cancel', $2, $3, $4, $5)",
                                  [id, reason, audit.iso, audit.osUser, audit.command])
                cancelled.append(id)
            }
            if !cancelled.isEmpty { try bumpDataVersion(what: "\(cancelled.count) workers cancelled", audit: audit) }
            return (cancelled, already)
        }
    }

    public func restoreWorkers(_ ids: [String], audit: AuditStamp) throws -> [String] {
        _ = try requireCounty("restore workers")
        return try session.transaction {
            var restored: [String] = []
            for id in ids {
                guard let r = try session.query("SELECT cancelled_at FROM worker WHERE id = $1 FOR UPDATE", [id]).first else {
                    throw StoreError.other("no worker \(id); `banche find` looks workers up")
                }
                guard try r.v("cancelled_at", as: String?.self) != nil else { throw StoreError.other("worker \(id) is not cancelled") }
                try session.query("UPDATE worker SET cancelled_at = NULL, cancel_reason = NULL WHERE id = $1", [id])
                try session.query("INSERT INTO worker_event (worker_id, event, reason, at, os_user, command) VALUES ($1, 'restore', NULL, $2, $3, $4)",
                                  [id, audit.iso, audit.osUser, audit.command])
                restored.append(id)
            }
            try bumpDataVersion(what: "\(restored.count) workers restored", audit: audit)
            return restored
        }
    }

    public func workerEvents() throws -> [WorkerEvent] {
        try session.query("SELECT worker_id, event, reason, at FROM worker_event ORDER BY id").map { r in
            WorkerEvent(workerID: try r.v("worker_id"), event: try r.v("event"), reason: try r.v("reason"), at: try r.v("at"))
        }
    }

    // MARK: where a worker stands

    public func placements(version v: Int) throws -> [String: Placement] {
        var out: [String: Placement] = [:]
        for r in try session.query("""
            SELECT sa.worker_id, sa.trip_id, sa.seat, sa.pickup_stop, t.service_date, t.bus_id, t.plate, t.route_id,
                   COALESCE(s.name, sa.pickup_stop) AS pickup_name,
                   (SELECT ts.arrive FROM trip_stop ts WHERE ts.plan_version = sa.plan_version AND ts.trip_id = sa.trip_id
                      AND ts.stop_id = sa.pickup_stop AND ts.role = 'pickup' ORDER BY ts.seq LIMIT 1) AS pickup_time,
                   t.departure
            FROM seat_assignment sa JOIN trip t ON t.plan_version = sa.plan_version AND t.trip_id = sa.trip_id
            LEFT JOIN stop s ON s.county = sa.county AND s.id = sa.pickup_stop
            WHERE sa.plan_version = $1
            """, [v]) {
            let time: String = try r.v("pickup_time", as: String?.self) ?? r.v("departure")
            out[try r.v("worker_id")] = Placement(tripID: try r.v("trip_id"), date: pgDate(try r.v("service_date")), busID: try r.v("bus_id"),
                                                  plate: try r.v("plate"), seat: try r.v("seat"), pickupStop: try r.v("pickup_stop"),
                                                  pickupName: try r.v("pickup_name"), pickupTime: pgStamp(time), routeID: try r.v("route_id"))
        }
        return out
    }

    public func findWorkers(_ query: String) throws -> [WorkerStatus] {
        let q = query.trimmingCharacters(in: .whitespaces)
        let digits = q.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") } && q.count >= 4
        var sql = "SELECT id FROM worker WHERE id = $1 OR name = $1 OR strpos(name, $1) > 0"
        var binds: [any PGBindable] = [q]
        if digits { sql += " OR resident_id LIKE $2 OR phone LIKE $3"; binds += ["%" + q.uppercased(), "%" + q] }
        let ids = try session.query(sql + " ORDER BY id COLLATE \"C\" LIMIT 200", binds).map { try $0.v("id", as: String.self) }
        return try ids.compactMap { try workerStatus($0) }
    }

    public func workerStatus(_ id: String) throws -> WorkerStatus? {
        try session.transaction(readOnly: true) {
            guard let r = try session.query("SELECT * FROM worker WHERE id = $1", [id]).first else { return nil }
            let direction = Direction(rawValue: try r.v("direction"))!
            var s = WorkerStatus(id: try r.v("id"), name: try r.v("name"), residentID: try r.v("resident_id"), phone: try r.v("phone"), direction: direction,
                                 window: DateWindow(first: pgDate(try r.v("earliest_date")), last: pgDate(try r.v("latest_date")))!,
                                 pickupStop: try r.v("pickup_stop"), cancelledAt: try r.v("cancelled_at"), cancelReason: try r.v("cancel_reason"),
                                 planVersion: nil, placement: nil, state: "not planned", unplacedReason: nil)
            guard let v = try latestVersion(direction: direction) else { return s }
            s.planVersion = v
            if let p = try placements(version: v)[id] {
                s.placement = p
                s.state = WorkerStatus.seatedState(
                    outcome: try session.query("SELECT outcome FROM boarding_outcome WHERE trip_id = $1 AND worker_id = $2", [p.tripID, id]).first?.v("outcome"),
                    tripClosed: try !session.query("SELECT 1 FROM boarding_close WHERE trip_id = $1", [p.tripID]).isEmpty,
                    tripPublished: try !session.query("SELECT 1 FROM trip_publication WHERE trip_id = $1", [p.tripID]).isEmpty)
            } else if let reason: String = try session.query("SELECT reason FROM unplaced WHERE plan_version = $1 AND worker_id = $2", [v, id]).first?.v("reason") {
                s.state = "unplaced"
                s.unplacedReason = reason
            }
            if s.cancelledAt != nil && s.placement == nil { s.state = "cancelled" }
            return s
        }
    }

    // MARK: notices and diffs

    public func notices(version: Int?, changedSince: Int?) throws -> (version: Int, rows: [NoticeRow]) {
        try session.transaction(readOnly: true) {
            let v = try existingVersion(version)
            if let changedSince { try requirePlan(changedSince) }
            let now = try placements(version: v)
            let before = try changedSince.map { try placements(version: $0) }
            var people: [String: (name: String, phone: String?)] = [:]
            for r in try session.query("SELECT id, name, phone FROM worker") { people[try r.v("id")] = (try r.v("name"), try r.v("phone")) }
            return (v, NoticeRow.list(now: now, before: before, people: people))
        }
    }

    public func diff(from a: Int, to b: Int, zone: ZoneOffset) throws -> PlanDiff {
        try session.transaction(readOnly: true) {
            for v in [a, b] { try requirePlan(v) }
            return PlanDiff.between(a, b, placements: try placements(version: a), try placements(version: b),
                                    trips: try trips(version: a), try trips(version: b), zone: zone)
        }
    }

    // MARK: the season report

    public func seasonInputs() throws -> SeasonInputs {
        try session.transaction(readOnly: true) {
            var plans: [(version: Int, direction: Direction, trips: [Trip])] = []
            for d in Direction.allCases {
                if let v = try latestVersion(direction: d) { plans.append((v, d, try trips(version: v))) }
            }
            var travellers: [String: (township: String, employer: String, priority: [String])] = [:]
            for r in try session.query("SELECT id, home_township, employer, priority FROM worker") {
                travellers[try r.v("id")] = (try r.v("home_township"), try r.v("employer"), (try r.v("priority", as: String.self)).split(separator: ";").map(String.init))
            }
            for (v, _, trips) in plans {
                var counts: [String: [(String, String, [String])]] = [:]
                for r in try session.query("""
                    SELECT trip_id, home_township, employer, priority, SUM(people)::bigint AS n FROM purged_seat_count WHERE plan_version = $1
                    GROUP BY trip_id, home_township, employer, priority
                    ORDER BY trip_id COLLATE "C", home_township COLLATE "C", employer COLLATE "C", priority COLLATE "C"
                    """, [v]) {
                    let n: Int = try r.v("n")
                    let attrs = (try r.v("home_township", as: String.self), try r.v("employer", as: String.self),
                                 (try r.v("priority", as: String.self)).split(separator: ";").map(String.init))
                    counts[try r.v("trip_id"), default: []] += Array(repeating: attrs, count: n)
                }
                SeasonInputs.fillPurged(&travellers, trips: trips, counts: counts)
            }
            let boarded = Set(try session.query("SELECT worker_id FROM boarding_outcome WHERE outcome = 'boarded'").map { try $0.v("worker_id", as: String.self) })
            return SeasonInputs(plans: plans, travellers: travellers, boarded: boarded)
        }
    }
}
