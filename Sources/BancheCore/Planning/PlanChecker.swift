/// Checks a plan against its scenario: the constraints the planner promises, verified
/// independently of how the plan was made. An empty result means the plan is sound.
public struct PlanChecker: Sendable {
    public var maxPickupStops: Int
    public var occupancyCap: Double
    public init(maxPickupStops: Int = 5, occupancyCap: Double = 1.0) {
        self.maxPickupStops = maxPickupStops; self.occupancyCap = occupancyCap
    }

    public func problems(_ plan: Plan, scenario: Scenario) -> [String] {
        var out: [String] = []
        let workers = Dictionary(uniqueKeysWithValues: scenario.workers.map { ($0.id, $0) })
        let buses = Dictionary(uniqueKeysWithValues: scenario.buses.map { ($0.id, $0) })
        let routes = Dictionary(uniqueKeysWithValues: scenario.routes.map { ($0.id, $0) })
        var seen: [String: String] = [:]
        var householdTrip: [String: String] = [:]
        var busDays: [String: [CivilDate]] = [:]
        for t in plan.trips {
            guard let bus = buses[t.busID] else { out.append("\(t.id): unknown bus \(t.busID)"); continue }
            busDays[t.busID, default: []].append(t.date)
            if !bus.available.contains(t.date) { out.append("\(t.id): bus \(bus.id) not available on \(t.date)") }
            let usable = Int((Double(bus.seats) * occupancyCap).rounded(.down))
            if t.passengers.count > usable { out.append("\(t.id): \(t.passengers.count) passengers, \(usable) usable seats") }
            if Set(t.passengers.map(\.seat)).count != t.passengers.count { out.append("\(t.id): a seat is given twice") }
            if let bad = t.passengers.first(where: { $0.seat < 1 || $0.seat > bus.seats }) { out.append("\(t.id): seat \(bad.seat) does not exist") }
            // Over a stop cap only where one household needs every one of the trip's stops
            // (it cannot be split); others may ride with it to those stops.
            var householdStops: [String: (pick: Set<String>, drop: Set<String>)] = [:]
            for p in t.passengers {
                let key = workers[p.workerID]?.household ?? p.workerID
                householdStops[key, default: ([], [])].pick.insert(p.pickupStop)
                householdStops[key, default: ([], [])].drop.insert(p.dropoffStop)
            }
            let limit = routes[t.routeID]?.maxPickupStops ?? maxPickupStops
            let pickups = Set(t.stops.filter { $0.role == .pickup }.map(\.stopID))
            if pickups.count > limit && !householdStops.values.contains(where: { $0.pick == pickups }) {
                out.append("\(t.id): \(pickups.count) pickup stops, cap \(limit)")
            }
            let dropoffs = Set(t.stops.filter { $0.role == .dropoff }.map(\.stopID))
            if let dropLimit = routes[t.routeID]?.maxDropoffStops, dropoffs.count > dropLimit,
               !householdStops.values.contains(where: { $0.drop == dropoffs }) {
                out.append("\(t.id): more drop-off stops than the route's cap \(dropLimit)")
            }
            for i in t.stops.indices.dropFirst() where t.stops[i].arrive < t.stops[i - 1].depart {
                out.append("\(t.id): stop \(i + 1) reached before leaving stop \(i)")
            }
            let position = Dictionary(t.stops.enumerated().map { ($1.stopID + "/" + $1.role.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
            for p in t.passengers {
                guard let w = workers[p.workerID] else { out.append("\(t.id): unknown worker \(p.workerID)"); continue }
                if let other = seen[w.id] { out.append("\(w.id) is on \(other) and \(t.id)") }
                seen[w.id] = t.id
                if w.direction != plan.direction { out.append("\(w.id) travels \(w.direction.rawValue)") }
                if !w.window.contains(t.date) { out.append("\(w.id) rides \(t.date), outside \(w.window)") }
                if let r = w.route, r != t.routeID { out.append("\(w.id) asked for route \(r), rides \(t.routeID)") }
                guard let a = position[w.pickupStop + "/pickup"], let b = position[w.dropoffStop + "/dropoff"], a < b else {
                    out.append("\(t.id): \(w.id) is not picked up at \(w.pickupStop) before \(w.dropoffStop)"); continue
                }
                if w.needsAccessibleSeat && p.seat > bus.accessibleSeats { out.append("\(t.id): \(w.id) needs an accessible seat, has \(p.seat)") }
                if let h = w.household {
                    if let other = householdTrip[h], other != t.id { out.append("household \(h) split between \(other) and \(t.id)") }
                    householdTrip[h] = t.id
                }
            }
            // Households side by side: the members who do not need an accessible seat sit in
            // consecutive seats (no stranger between them).
            var householdSeats: [String: [Int]] = [:]
            for p in t.passengers {
                guard let w = workers[p.workerID], let h = w.household, !w.needsAccessibleSeat else { continue }
                householdSeats[h, default: []].append(p.seat)
            }
            for (h, seats) in householdSeats.sorted(by: { $0.key < $1.key }) where seats.max()! - seats.min()! != seats.count - 1 {
                out.append("\(t.id): household \(h) is not seated side by side (seats \(seats.sorted().map(String.init).joined(separator: ", ")))")
            }
            let boarding = t.stops.reduce(0) { $0 + $1.boarding }, alighting = t.stops.reduce(0) { $0 + $1.alighting }
            if boarding != t.passengers.count || alighting != t.passengers.count { out.append("\(t.id): stop counts do not match passengers") }
        }
        for (b, days) in busDays where Set(days).count != days.count { out.append("bus \(b) runs two trips on one day") }
        let unplaced = Set(plan.unplaced.map(\.workerID))
        for w in scenario.workers where w.direction == plan.direction && w.window.intersection(plan.dates) != nil {
            if seen[w.id] == nil && !unplaced.contains(w.id) { out.append("\(w.id) is neither placed nor listed as unplaced") }
            if seen[w.id] != nil && unplaced.contains(w.id) { out.append("\(w.id) is both placed and unplaced") }
        }
        return out
    }
}
