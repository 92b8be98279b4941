/// What a new plan must keep from the latest plan version of its direction: once a worker
/// has been told "bus 桂F10003, seat 12, 06:13 at 进结镇", that stays true.
public struct PlanBaseline: Sendable {
    /// Every trip of the latest version of this direction.
    public var trips: [Trip]
    /// Trips that are fixed: published, closed, or with any boarding record.
    public var pinned: Set<String>
    /// Closed trips and the workers who boarded them; a closed trip keeps exactly these.
    public var boardedOnClosed: [String: Set<String>]
    /// Every trip id ever stored in this database: a new busload never reuses one.
    public var usedTripIDs: Set<String>
    /// Trips open as a whole with stops closed (`board close --stop`), and the workers who
    /// boarded at those stops: they are on the bus, so their seats stay theirs.
    public var boardedAtClosedStops: [String: Set<String>]

    public init(trips: [Trip], pinned: Set<String>, boardedOnClosed: [String: Set<String>], usedTripIDs: Set<String>,
                boardedAtClosedStops: [String: Set<String>] = [:]) {
        self.trips = trips; self.pinned = pinned; self.boardedOnClosed = boardedOnClosed; self.usedTripIDs = usedTripIDs
        self.boardedAtClosedStops = boardedAtClosedStops
    }
}

extension Planner {
    /// Plans `direction` again, keeping the pinned trips of `baseline`:
    ///
    /// 1. every pinned trip keeps its bus, day, times, stops and each remaining passenger's
    ///    seat; a closed trip keeps exactly its boarded passengers; a passenger who cancelled,
    ///    or whose stop, dates or route changed, leaves the seat (and is placed again); a
    ///    household is kept only whole;
    /// 2. workers still to place go into free seats of pinned, unclosed trips — only at stops
    ///    the trip already serves, on a day of their window, households together, accessible
    ///    seats to those who need them, under the occupancy cap; no stop time moves;
    /// 3. the rest are planned as usual on buses the kept trips leave free; unpinned trips of
    ///    the previous version are re-optimised.
    ///
    /// A new trip keeps the id of a previous unpinned trip only for the same bus on the same
    /// day whose passengers in common keep their seats; otherwise it gets an id never used
    /// before (the next number of its route and day). Pure and deterministic.
    public func plan(_ scenario: Scenario, direction: Direction, dates: DateWindow, baseline: PlanBaseline) -> Plan {
        let workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let buses = Dictionary(scenario.buses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let stopIDs = Set(scenario.stops.map(\.id))
        let routes = scenario.routes.filter { $0.direction == direction }
        var kept: [Trip] = []
        var broken: [BrokenPin] = []

        // 1. Pinned trips, with the passengers who still travel as planned.
        for t in baseline.trips.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) where baseline.pinned.contains(t.id) {
            var c = t
            if let boarded = baseline.boardedOnClosed[t.id] {
                c.passengers = t.passengers.filter { boarded.contains($0.workerID) }
                kept.append(c.recounted())
                continue
            }
            guard let bus = buses[t.busID], bus.available.contains(t.date), bus.seats >= t.licensedSeats else {
                broken.append(BrokenPin(tripID: t.id, reason: "bus \(t.busID) (\(t.plate)) is no longer available on \(t.date)"))
                continue
            }
            if let gone = t.stops.first(where: { !stopIDs.contains($0.stopID) }) {
                broken.append(BrokenPin(tripID: t.id, reason: "stop \(gone.stopID) no longer exists"))
                continue
            }
            let aboard = baseline.boardedAtClosedStops[t.id] ?? []
            c.passengers = t.passengers.filter { p in
                // Boarded at a closed stop: on the bus (they are no longer among the workers to plan).
                if aboard.contains(p.workerID) { return true }
                guard let w = workers[p.workerID] else { return false }
                return w.direction == direction && w.pickupStop == p.pickupStop && w.dropoffStop == p.dropoffStop
                    && w.window.contains(t.date) && (w.route ?? t.routeID) == t.routeID
            }
            kept.append(c)
        }
        // Households travel whole: a household split between a kept seat and anywhere else
        // leaves its kept seats and is placed again as one unit (closed trips excepted).
        var seatedOn: [String: String] = [:]
        for t in kept { for p in t.passengers { seatedOn[p.workerID] = t.id } }
        var households: [String: [String]] = [:]
        for w in scenario.workers where w.direction == direction { if let h = w.household { households[h, default: []].append(w.id) } }
        var unseat = Set<String>()
        for (_, members) in households {
            let trips = Set(members.map { seatedOn[$0] })
            if trips.count > 1 { for m in members where seatedOn[m] != nil { unseat.insert(m) } }
        }
        for i in kept.indices where baseline.boardedOnClosed[kept[i].id] == nil {
            kept[i].passengers.removeAll { unseat.contains($0.workerID) }
        }
        for w in unseat { seatedOn[w] = nil }

        // 2. Free seats of pinned, unclosed trips first.
        var rest = scenario
        rest.workers = scenario.workers.filter { $0.direction == direction && seatedOn[$0.id] == nil && $0.window.intersection(dates) != nil }
        var byUnit: [String: [Worker]] = [:]
        for w in rest.workers { byUnit[w.household.map { "H:" + $0 } ?? "W:" + w.id, default: []].append(w) }
        var absorbed = Set<String>()
        for key in byUnit.keys.sorted() {
            let members = byUnit[key]!.sorted { $0.id < $1.id }
            for i in kept.indices.sorted(by: { (kept[$0].date, kept[$0].id) < (kept[$1].date, kept[$1].id) })
            where baseline.boardedOnClosed[kept[i].id] == nil {
                guard let bus = buses[kept[i].busID], fits(members, on: kept[i], routes: routes) else { continue }
                guard let seats = freeSeats(for: members, on: kept[i], accessibleSeats: bus.accessibleSeats) else { continue }
                for (w, seat) in zip(members, seats) {
                    kept[i].passengers.append(SeatAssignment(seat: seat, workerID: w.id, pickupStop: w.pickupStop, dropoffStop: w.dropoffStop))
                    absorbed.insert(w.id)
                }
                break
            }
        }
        kept = kept.map { $0.recounted() }
        // A pinned trip nobody rides any more (all cancelled, moved or re-routed, and no one
        // else fits its stops) is not kept: it would hold a bus and two drivers for an empty
        // run while others wait for one. It is reported like any pin that could not be kept.
        kept.removeAll { t in
            guard t.passengers.isEmpty, baseline.boardedOnClosed[t.id] == nil else { return false }
            broken.append(BrokenPin(tripID: t.id, reason: "no passenger is left on it; bus \(t.busID) (\(t.plate)) is free again on \(t.date)"))
            return true
        }

        // 3. Everyone else on new trips, on the buses the kept trips leave free.
        rest.workers = scenario.workers.filter { seatedOn[$0.id] == nil && !absorbed.contains($0.id) }
        var fresh = plan(rest, direction: direction, dates: dates, reserved: kept.map { ($0.busID, $0.date) })
        let keptIDs = Set(kept.map(\.id))
        let previous = baseline.trips.filter { !baseline.pinned.contains($0.id) }
        var taken = baseline.usedTripIDs.union(keptIDs)
        var reused = Set<String>()
        for i in fresh.trips.indices {
            let t = fresh.trips[i]
            let seats = Dictionary(t.passengers.map { ($0.workerID, $0.seat) }, uniquingKeysWith: { a, _ in a })
            if let old = previous.first(where: { o in
                !reused.contains(o.id) && !keptIDs.contains(o.id) && o.busID == t.busID && o.date == t.date
                    && o.passengers.contains { seats[$0.workerID] != nil }
                    && o.passengers.allSatisfy { p in seats[p.workerID].map { $0 == p.seat } ?? true }
            }) {
                fresh.trips[i].id = old.id
                reused.insert(old.id)
            } else {
                fresh.trips[i].id = Self.newTripID(route: t.routeID, date: t.date, taken: taken)
            }
            taken.insert(fresh.trips[i].id)
        }
        var result = fresh
        result.trips = (kept + fresh.trips).sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        result.lowerBoundTrips = kept.count + fresh.lowerBoundTrips
        result.keptTrips = kept.map(\.id).sorted()
        result.brokenPins = broken
        // Workers seated on kept trips are placed; outside-dates counts stay for the rest.
        let keptWorkers = Set(kept.flatMap { $0.passengers.map(\.workerID) })
        result.unplaced.removeAll { keptWorkers.contains($0.workerID) }
        result.outsideDateWorkers = Array(Set(fresh.outsideDateWorkers).subtracting(keptWorkers)).sorted()
        return result
    }

    /// `ROUTE-YYYYMMDD-NN` with the smallest NN not yet taken.
    static func newTripID(route: String, date: CivilDate, taken: Set<String>) -> String {
        var n = 1
        while true {
            let id = "\(route)-\(date.compactString)-\(n < 10 ? "0" : "")\(n)"
            if !taken.contains(id) { return id }
            n += 1
        }
    }

    /// Whether a household can ride `trip` as it stands: same route, a day of every member's
    /// window, each member's pickup and drop-off already served by the trip.
    func fits(_ members: [Worker], on trip: Trip, routes: [Route]) -> Bool {
        let pickups = Set(trip.stops.filter { $0.role == .pickup }.map(\.stopID))
        let dropoffs = Set(trip.stops.filter { $0.role == .dropoff }.map(\.stopID))
        let running = routes.filter { $0.service.contains(trip.date) }.map(\.id)
        return members.allSatisfy { w in
            w.window.contains(trip.date) && pickups.contains(w.pickupStop) && dropoffs.contains(w.dropoffStop)
                && (w.route.map { $0 == trip.routeID } ?? (running == [trip.routeID]))
        }
    }

    /// Seats for a household on a trip that keeps its other passengers' seats: accessible
    /// seats (1…A) for those who need them, and for the others the first run of adjacent free
    /// seats long enough to seat them side by side; nil when the trip cannot take them.
    func freeSeats(for members: [Worker], on trip: Trip, accessibleSeats: Int) -> [Int]? {
        guard trip.passengers.count + members.count <= trip.usableSeats else { return nil }
        let taken = Set(trip.passengers.map(\.seat))
        var accessible = (1...max(1, accessibleSeats)).filter { $0 <= accessibleSeats && !taken.contains($0) }
        let needing = members.filter(\.needsAccessibleSeat).count
        guard needing <= accessible.count else { return nil }
        let others = members.count - needing
        var run: [Int] = []
        if others > 0 {
            for s in (accessibleSeats + 1)...max(accessibleSeats + 1, trip.licensedSeats) where s <= trip.licensedSeats {
                if taken.contains(s) { run = []; continue }
                run.append(s)
                if run.count == others { break }
            }
            guard run.count == others else { return nil }
        }
        var out: [Int] = []
        for w in members {
            if w.needsAccessibleSeat { out.append(accessible.removeFirst()) } else { out.append(run.removeFirst()) }
        }
        return out
    }
}

extension Trip {
    /// The trip with its stops' boarding and alighting counts recomputed from its passengers
    /// (times and stops unchanged).
    func recounted() -> Trip {
        var t = self
        t.passengers.sort { $0.seat < $1.seat }
        var boarding: [String: Int] = [:], alighting: [String: Int] = [:]
        for p in t.passengers { boarding[p.pickupStop, default: 0] += 1; alighting[p.dropoffStop, default: 0] += 1 }
        for i in t.stops.indices {
            switch t.stops[i].role {
            case .pickup: t.stops[i].boarding = boarding[t.stops[i].stopID] ?? 0
            case .dropoff: t.stops[i].alighting = alighting[t.stops[i].stopID] ?? 0
            default: break
            }
        }
        return t
    }
}
