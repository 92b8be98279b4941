import BancheCore

// The rules both stores share: each store reads plain values from its database, these turn
// them into the answer, so SQLite and PostgreSQL give the same results by construction.

extension PlanDiff {
    /// Workers added, removed and moved (trip, seat, stop or pickup time changed), and trips
    /// added, removed and changed (bus, day, stops, times or passengers), from version `a` to `b`.
    package static func between(_ a: Int, _ b: Int, placements pa: [String: Placement], _ pb: [String: Placement],
                                trips tripsA: [Trip], _ tripsB: [Trip], zone: ZoneOffset) -> PlanDiff {
        func seat(_ p: Placement) -> PlanDiff.Seat {
            PlanDiff.Seat(trip_id: p.tripID, seat: p.seat, stop_id: p.pickupStop, pickup_time: p.pickupTime.iso(in: zone))
        }
        func entry(_ w: String, _ p: Placement) -> PlanDiff.Entry {
            PlanDiff.Entry(worker_id: w, trip_id: p.tripID, seat: p.seat, stop_id: p.pickupStop, pickup_time: p.pickupTime.iso(in: zone))
        }
        let added = pb.keys.filter { pa[$0] == nil }.sorted().map { entry($0, pb[$0]!) }
        let removed = pa.keys.filter { pb[$0] == nil }.sorted().map { entry($0, pa[$0]!) }
        let moved = pa.keys.filter { w in pb[w].map { seat($0) != seat(pa[w]!) } ?? false }.sorted()
            .map { PlanDiff.Move(worker_id: $0, from: seat(pa[$0]!), to: seat(pb[$0]!)) }
        let ta = Dictionary(uniqueKeysWithValues: tripsA.map { ($0.id, $0) })
        let tb = Dictionary(uniqueKeysWithValues: tripsB.map { ($0.id, $0) })
        func same(_ x: Trip, _ y: Trip) -> Bool {
            x.busID == y.busID && x.date == y.date && x.passengers == y.passengers
                && x.stops.map { [$0.stopID, $0.role.rawValue, "\($0.arrive.seconds)", "\($0.depart.seconds)"] }
                == y.stops.map { [$0.stopID, $0.role.rawValue, "\($0.arrive.seconds)", "\($0.depart.seconds)"] }
        }
        return PlanDiff(from: a, to: b, added: added, removed: removed, moved: moved,
                        trips_added: tb.keys.filter { ta[$0] == nil }.sorted(),
                        trips_removed: ta.keys.filter { tb[$0] == nil }.sorted(),
                        trips_changed: ta.keys.filter { id in tb[id].map { !same(ta[id]!, $0) } ?? false }.sorted())
    }
}

extension NoticeRow {
    /// The notices of placements `now`: all of them, or with `before` only those whose trip,
    /// seat, stop or pickup time differs and the newly placed; by date, trip and seat.
    package static func list(now: [String: Placement], before: [String: Placement]?, people: [String: (name: String, phone: String?)]) -> [NoticeRow] {
        let rows = now.keys.sorted().compactMap { w -> NoticeRow? in
            let p = now[w]!
            if let before, let old = before[w], old.tripID == p.tripID, old.seat == p.seat, old.pickupStop == p.pickupStop, old.pickupTime == p.pickupTime {
                return nil
            }
            return NoticeRow(workerID: w, name: people[w]?.name ?? "", phone: people[w]?.phone, placement: p)
        }
        return rows.sorted { ($0.placement.date, $0.placement.tripID, $0.placement.seat) < ($1.placement.date, $1.placement.tripID, $1.placement.seat) }
    }
}

extension SeasonInputs {
    /// Purged passengers: gives each trip's seats whose worker is gone the attributes of the
    /// counts kept by the purge (`counts`: trip id → one (township, employer, priority) per person,
    /// in a fixed order).
    package static func fillPurged(_ travellers: inout [String: (township: String, employer: String, priority: [String])], trips: [Trip],
                                   counts: [String: [(String, String, [String])]]) {
        for t in trips {
            var pool = counts[t.id] ?? []
            for p in t.passengers where travellers[p.workerID] == nil && !pool.isEmpty {
                let x = pool.removeFirst()
                travellers[p.workerID] = (x.0, x.1, x.2)
            }
        }
    }
}

extension WorkerStatus {
    /// A seated worker's state from what happened to their trip.
    package static func seatedState(outcome: String?, tripClosed: Bool, tripPublished: Bool) -> String {
        if let outcome { return outcome }
        if tripClosed { return "closed" }
        if tripPublished { return "published" }
        return "planned"
    }
}

/// The lines of `banche history`, worded once for both stores.
extension HistoryEntry {
    package static func imported(at: String, osUser: String, kind: String, rows: Int, file: String, encoding: String, replaced: Bool, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "import \(kind): \(rows) rows from \(file) (\(encoding)\(replaced ? ", replace" : ""))", command: command)
    }
    package static func planned(at: String, osUser: String, version: Int, direction: String, dates: String, placed: Int, unplaced: Int, trips: Int, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "plan v\(version) \(direction) \(dates): \(placed) placed, \(unplaced) unplaced, \(trips) trips", command: command)
    }
    package static func boarding(at: String, osUser: String, records: Int, trip: String, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "boarding: \(records) record(s) for trip \(trip)", command: command)
    }
    package static func closedTrip(at: String, osUser: String, trip: String, checklist: String, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "closed trip \(trip) (checklist \(checklist))", command: command)
    }
    package static func workerEvent(at: String, osUser: String, event: String, worker: String, reason: String?, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "\(event) worker \(worker)\(reason.map { ": \($0)" } ?? "")", command: command)
    }
    package static func published(at: String, osUser: String, trips: Int, version: Int, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "published \(trips) trip(s) of plan v\(version)", command: command)
    }
    package static func purged(at: String, osUser: String, before: String, workers: Int, drivers: Int, records: Int, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "purge before \(before): \(workers) workers, \(drivers) drivers, \(records) boarding records", command: command)
    }
    package static func closedStop(at: String, osUser: String, stop: String, trip: String, checklist: String, command: String) -> HistoryEntry {
        HistoryEntry(at: at, osUser: osUser, what: "closed stop \(stop) of trip \(trip) (checklist \(checklist))", command: command)
    }
    package static func reopened(at: String, osUser: String, trip: String, stop: String?, closedAt: String, boarded: Int, released: Int, command: String) -> HistoryEntry {
        let what = stop.map { "stop \($0) of trip " } ?? "trip "
        return HistoryEntry(at: at, osUser: osUser, what: "reopened \(what)\(trip), closed \(closedAt): \(boarded) boarded and \(released) released undone", command: command)
    }
    /// Oldest first; entries of the same instant by their text.
    package static func inOrder(_ entries: [HistoryEntry]) -> [HistoryEntry] { entries.sorted { ($0.at, $0.what) < ($1.at, $1.what) } }
}

extension Store {
    /// Closes a trip, or one pickup stop of it: the rule `board close` and the office page share.
    /// Refused while the bus is not cleared, for a closed trip or stop, and for a stop where no
    /// passenger of the trip boards. Passengers of stops closed before keep their frozen outcome.
    public func closeBoarding(trip: String, stop: String?, checklist: Checklist, audit: AuditStamp) throws -> (boarded: [String], released: [String]) {
        guard let t = try self.trip(trip) else { throw StoreError.other("no trip \(trip) in any plan version; `banche plans` lists plans") }
        if t.closedAt != nil { throw StoreError.other("trip \(trip) is already closed") }
        if let stop {
            if t.closedStops[stop] != nil { throw StoreError.other("stop \(stop) of trip \(trip) is already closed") }
            let stops = Set(t.pickupStops.values).sorted()
            guard stops.contains(stop) else {
                throw StoreError.other("no passenger of trip \(trip) boards at stop \(stop); its pickup stops: \(stops.joined(separator: ", "))")
            }
        }
        let (vehicle, people) = BoardingGate(checklist: checklist).evaluate(trip: t, records: try boardingRecords(trip: trip))
        guard vehicle.status == .cleared else {
            throw StoreError.other("the bus of trip \(trip) is \(vehicle.status.rawValue): \(vehicle.findings.map(\.reason).joined(separator: "; "))")
        }
        let frozen = t.closedPassengers
        let here = people.filter { v in
            guard let w = v.workerID, frozen[w] == nil else { return false }
            return stop == nil || t.pickupStops[w] == stop
        }
        let boarded = here.filter { $0.status == .cleared }.compactMap(\.workerID)
        let released = here.filter { $0.status != .cleared }.compactMap(\.workerID)
        if let stop {
            try closeStop(t, stop: stop, checklist: checklist.id, boarded: boarded, released: released, audit: audit)
        } else {
            try closeTrip(t, checklist: checklist.id, boarded: boarded, released: released, audit: audit)
        }
        return (boarded, released)
    }

    /// Each passenger's boarding status as a manifest prints it: `boarded` / `released` once the
    /// trip is closed, otherwise what the checklist makes of the records so far.
    public func boardingStatus(_ t: StoredTrip, checklist: Checklist) throws -> [String: String] {
        let closed = try outcomes(trip: t.tripID)
        if t.closedAt != nil && !closed.isEmpty { return closed }
        // Open, perhaps with stops closed one by one: their frozen outcomes over the verdicts.
        let (_, people) = BoardingGate(checklist: checklist).evaluate(trip: t, records: try boardingRecords(trip: t.tripID))
        return Dictionary(uniqueKeysWithValues: people.map { ($0.workerID!, $0.status.rawValue) }).merging(closed) { _, frozen in frozen }
    }
}
