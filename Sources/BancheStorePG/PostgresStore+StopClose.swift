import BancheCore
import BancheStore

/// Boarding by stop on PostgreSQL (schema version 4, SQLite `v7-stop-close`): a trip with the
/// stops closed one by one, closing a stop, undoing a close, and what a new plan must keep.
extension PostgresStore {
    public func trip(_ id: String, version v: Int) throws -> StoredTrip? {
        guard let r = try session.query("SELECT trip_id, service_date, departure, bus_id FROM trip WHERE plan_version = $1 AND trip_id = $2", [v, id]).first else { return nil }
        let passengers = try session.query("SELECT worker_id, pickup_stop FROM seat_assignment WHERE plan_version = $1 AND trip_id = $2 ORDER BY worker_id COLLATE \"C\"", [v, id])
            .map { (try $0.v("worker_id", as: String.self), try $0.v("pickup_stop", as: String.self)) }
        let stops = try session.query("SELECT stop_id, role, depart FROM trip_stop WHERE plan_version = $1 AND trip_id = $2 ORDER BY seq", [v, id])
            .map { (try $0.v("stop_id", as: String.self), try $0.v("role", as: String.self), try $0.v("depart", as: String.self)) }
        let closed: String? = try session.query("SELECT closed_at FROM boarding_close WHERE trip_id = $1", [id]).first?.v("closed_at")
        var t = StoredTrip.make(version: v, tripID: try r.v("trip_id"), serviceDate: try r.v("service_date"), departure: try r.v("departure"),
                                busID: try r.v("bus_id"), passengers: passengers, stops: stops, closedAt: closed)
        for c in try session.query("SELECT stop_id, closed_at FROM boarding_stop_close WHERE trip_id = $1", [id]) { t.closedStops[try c.v("stop_id")] = try c.v("closed_at") }
        return t
    }

    public func closeStop(_ trip: StoredTrip, stop: String, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws {
        _ = try requireCounty("close a stop")
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-close:' || banche_county() || ':' || $1))", [trip.tripID])
            if try !session.query("SELECT 1 FROM boarding_close WHERE trip_id = $1", [trip.tripID]).isEmpty {
                throw StoreError.other("trip \(trip.tripID) is already closed")
            }
            if try !session.query("SELECT 1 FROM boarding_stop_close WHERE trip_id = $1 AND stop_id = $2", [trip.tripID, stop]).isEmpty {
                throw StoreError.other("stop \(stop) of trip \(trip.tripID) is already closed")
            }
            try session.query("""
                INSERT INTO boarding_stop_close (trip_id, stop_id, plan_version, service_date, checklist, closed_at, os_user, command) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
                """, [trip.tripID, stop, trip.version, trip.date.description, checklist, audit.iso, audit.osUser, audit.command])
            try insertRows("boarding_outcome", ["trip_id", "worker_id", "outcome", "service_date", "stop_id"],
                           boarded.map { [trip.tripID, $0, "boarded", trip.date.description, stop] } + released.map { [trip.tripID, $0, "released", trip.date.description, stop] })
            let direction: String? = try session.query("SELECT direction FROM plan WHERE version = $1", [trip.version]).first?.v("direction")
            try bumpDataVersion(scopes: direction.map { [$0] } ?? Direction.allCases.map(\.rawValue), what: "stop \(stop) of trip \(trip.tripID) closed", audit: audit)
        }
    }

    @discardableResult
    public func reopen(trip: String, stop: String?, today: CivilDate, audit: AuditStamp) throws -> (boarded: Int, released: Int) {
        _ = try requireCounty("reopen a trip")
        return try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-close:' || banche_county() || ':' || $1))", [trip])
            let tripClosed = try session.query("SELECT closed_at, plan_version FROM boarding_close WHERE trip_id = $1", [trip]).first
            let closing: PGRow?
            if let stop {
                if tripClosed != nil { throw ReopenRefusal.tripClosed(trip: trip) }
                closing = try session.query("SELECT closed_at, plan_version FROM boarding_stop_close WHERE trip_id = $1 AND stop_id = $2", [trip, stop]).first
            } else {
                closing = tripClosed
            }
            guard let c = closing else { throw ReopenRefusal.notClosed(trip: trip, stop: stop) }
            let closedAt: String = try c.v("closed_at"), version: Int = try c.v("plan_version")
            guard let at = Timestamp(iso: closedAt, defaultZone: .china), at.date(in: .china) == today else {
                throw ReopenRefusal.notSameDay(trip: trip, stop: stop, closedAt: closedAt, today: today)
            }
            let direction: String? = try session.query("SELECT direction FROM plan WHERE version = $1", [version]).first?.v("direction")
            for p in try session.query("SELECT version, created_at FROM plan WHERE direction = $1 AND version > $2 ORDER BY version", [direction, version]) {
                let createdAt: String = try p.v("created_at")
                if let made = Timestamp(iso: createdAt, defaultZone: .china), made >= at {
                    throw ReopenRefusal.replanned(trip: trip, version: try p.v("version"), createdAt: createdAt)
                }
            }
            let scope = stop == nil ? "stop_id IS NULL" : "stop_id = $2"
            let binds: [any PGBindable] = stop == nil ? [trip] : [trip, stop!]
            let counts = try session.query("""
                SELECT COUNT(*) FILTER (WHERE outcome = 'boarded')::bigint AS b, COUNT(*) FILTER (WHERE outcome = 'released')::bigint AS r
                FROM boarding_outcome WHERE trip_id = $1 AND \(scope)
                """, binds).first!
            let b: Int = try counts.v("b"), r: Int = try counts.v("r")
            try session.query("DELETE FROM boarding_outcome WHERE trip_id = $1 AND \(scope)", binds)
            if let stop {
                try session.query("DELETE FROM boarding_stop_close WHERE trip_id = $1 AND stop_id = $2", [trip, stop])
            } else {
                try session.query("DELETE FROM boarding_close WHERE trip_id = $1", [trip])
            }
            try session.query("""
                INSERT INTO boarding_reopen (trip_id, stop_id, closed_at, boarded, released, reopened_at, os_user, command) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
                """, [trip, stop, closedAt, b, r, audit.iso, audit.osUser, audit.command])
            try bumpDataVersion(scopes: direction.map { [$0] } ?? Direction.allCases.map(\.rawValue),
                                what: "\(stop.map { "stop \($0) of " } ?? "")trip \(trip) reopened", audit: audit)
            return (b, r)
        }
    }

    public func planBaseline(direction: Direction, replanAll: Bool, now: Timestamp?) throws -> (baseline: PlanBaseline, version: Int, duties: [DutyRecord])? {
        guard let v = try latestVersion(direction: direction) else { return nil }
        let baseline = try session.transaction(readOnly: true) { () -> PlanBaseline in
            let trips = try trips(version: v)
            var boarded: [String: Set<String>] = [:]
            for r in try session.query("SELECT c.trip_id, o.worker_id, o.outcome FROM boarding_close c LEFT JOIN boarding_outcome o ON o.county = c.county AND o.trip_id = c.trip_id") {
                let t: String = try r.v("trip_id")
                if boarded[t] == nil { boarded[t] = [] }
                if try r.v("outcome", as: String?.self) == "boarded", let w = try r.v("worker_id", as: String?.self) { boarded[t]!.insert(w) }
            }
            let ids = Set(trips.map(\.id))
            boarded = boarded.filter { ids.contains($0.key) }
            var pinned = replanAll ? Set(boarded.keys) : try pinnedTripIDs(version: v)
            // A trip that has left is fixed, published or not.
            if let now { pinned.formUnion(trips.filter { $0.departure <= now }.map(\.id)) }
            let used = Set(try session.query("SELECT DISTINCT trip_id FROM trip").map { try $0.v("trip_id", as: String.self) })
            // Stops closed on trips still open: who boarded there keeps the seat.
            var atStops: [String: Set<String>] = [:]
            for r in try session.query("""
                SELECT o.trip_id, o.worker_id FROM boarding_outcome o
                WHERE o.outcome = 'boarded' AND o.stop_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM boarding_close c WHERE c.county = o.county AND c.trip_id = o.trip_id)
                """) {
                let t: String = try r.v("trip_id")
                if ids.contains(t) { atStops[t, default: []].insert(try r.v("worker_id")) }
            }
            // A trip with a closed stop is pinned even under --replan-all: people are on it.
            if replanAll { pinned.formUnion(atStops.keys) }
            return PlanBaseline(trips: trips, pinned: pinned, boardedOnClosed: boarded, usedTripIDs: used, boardedAtClosedStops: atStops)
        }
        let duties = try self.duties(version: v).filter { d in
            guard let t = d.tripID else { return false }
            let base = t.hasSuffix("-position") ? String(t.dropLast(9)) : t.hasSuffix("-return") ? String(t.dropLast(7)) : t
            return baseline.pinned.contains(base)
        }
        return (baseline, v, duties)
    }
}
