/// Assigns workers to buses, seats and stop orders. Pure and deterministic: the same
/// scenario and options give the same plan, byte for byte (no randomness, every tie broken
/// by id).
///
/// Method (docs/planning.md): households become unsplittable units; each unit gets a route
/// and a day (fewest days that cover every window, then rebalanced to empty partial buses; when
/// seats run short, each bus's run days and the units' days are chosen together);
/// each day's buses are chosen largest first within the fleet that is free that day; units
/// are packed in sweep order around the pickup area (households together, stop and
/// pickup-time caps respected, gaps filled from further along the sweep); then local search
/// relocates and swaps stop groups and single households between neighbouring trips while
/// bus-km falls. Stops are ordered exactly for up to six stops per side.
public struct Planner: Sendable {
    public var options: PlannerOptions
    public init(options: PlannerOptions = PlannerOptions()) { self.options = options }

    /// A household (or a single traveller): the unit that is never split.
    struct Unit {
        var id: String
        var members: [Int]          // indexes into scenario.workers
        var size: Int
        var accessible: Int
        var priority: Bool
        var pickups: [Int]          // sorted stop positions
        var dropoffs: [Int]
        var window: DateWindow
        var route: Int
        var day: CivilDate? = nil
    }

    /// Plans `direction` for the days in `dates`.
    public func plan(_ scenario: Scenario, direction: Direction, dates: DateWindow) -> Plan {
        plan(scenario, direction: direction, dates: dates, reserved: [])
    }

    /// Plans with some buses already taken on some days (by trips kept from an earlier
    /// version): `reserved` holds (bus id, day) pairs.
    func plan(_ scenario: Scenario, direction: Direction, dates: DateWindow, reserved: [(busID: String, day: CivilDate)]) -> Plan {
        let travel = TravelModel(stops: scenario.stops, legs: scenario.legs, settings: options.travel)
        var unplaced: [Unplaced] = []
        var outside: [String] = []
        let routes = scenario.routes.filter { $0.direction == direction }.sorted { $0.id < $1.id }

        // 1. Units: households with their route and window.
        var units: [Unit] = []
        let candidates = scenario.workers.indices.filter { scenario.workers[$0].direction == direction }
        var byHousehold: [String: [Int]] = [:]
        var order: [String] = []
        for i in candidates {
            let w = scenario.workers[i]
            let key = w.household.map { "H:" + $0 } ?? "W:" + w.id
            if byHousehold[key] == nil { order.append(key) }
            byHousehold[key, default: []].append(i)
        }
        order.sort()
        for key in order {
            let members = byHousehold[key]!.sorted { scenario.workers[$0].id < scenario.workers[$1].id }
            let ws = members.map { scenario.workers[$0] }
            func reject(_ r: UnplacedReason, _ detail: String = "") {
                for w in ws { unplaced.append(Unplaced(workerID: w.id, reason: r, message: r.explanation + detail)) }
            }
            // Only people who can travel inside the planned dates belong to this plan.
            guard ws.contains(where: { $0.window.intersection(dates) != nil }) else { outside += ws.map(\.id); continue }
            var window: DateWindow? = dates
            for w in ws { window = window.flatMap { $0.intersection(w.window) } }
            guard let common = window else { reject(.householdNoCommonDay); continue }
            // The route: named in the survey, or the only one running on these days.
            let named = Set(ws.compactMap(\.route))
            var routeIndex: Int?
            if named.count > 1 { reject(.ambiguousRoute, " (household members name \(named.sorted().joined(separator: ", ")))"); continue }
            if let r = named.first {
                routeIndex = routes.firstIndex { $0.id == r }
            } else {
                let fitting = routes.indices.filter { routes[$0].service.intersection(common) != nil }
                if fitting.count > 1 { reject(.ambiguousRoute, " (\(fitting.map { routes[$0].id }.joined(separator: ", ")))"); continue }
                routeIndex = fitting.first
            }
            guard let ri = routeIndex, let win = routes[ri].service.intersection(common) else { reject(.noRoute); continue }
            let pickups = Set(ws.compactMap { travel.position(of: $0.pickupStop) }).sorted()
            let dropoffs = Set(ws.compactMap { travel.position(of: $0.dropoffStop) }).sorted()
            units.append(Unit(id: key, members: members, size: members.count,
                              accessible: ws.filter(\.needsAccessibleSeat).count,
                              priority: ws.contains { !$0.priority.isEmpty },
                              pickups: pickups, dropoffs: dropoffs, window: win, route: ri))
        }

        // 2. Fleet: usable seats under the occupancy cap.
        let fleet = scenario.buses.sorted { $0.id < $1.id }.map { b in
            FleetBus(bus: b, usable: max(0, Int((Double(b.seats) * options.occupancyCap).rounded(.down))),
                     accessible: b.accessibleSeats)
        }
        let biggest = fleet.map(\.usable).max() ?? 0
        let maxAccessible = fleet.map(\.accessible).max() ?? 0
        units.removeAll { u in
            if u.size > biggest {
                for m in u.members { unplaced.append(Unplaced(workerID: scenario.workers[m].id, reason: .householdLargerThanAnyBus,
                                                              message: UnplacedReason.householdLargerThanAnyBus.explanation + " (\(u.size) people, largest bus \(biggest) seats)")) }
                return true
            }
            if u.accessible > maxAccessible {
                for m in u.members { unplaced.append(Unplaced(workerID: scenario.workers[m].id, reason: .noAccessibleSeat,
                                                              message: UnplacedReason.noAccessibleSeat.explanation)) }
                return true
            }
            return false
        }

        // 3. Route by route: days, buses, packing, improvement, timing, seats.
        var calendar = BusCalendar(fleet: fleet)
        for r in reserved {
            if let i = fleet.firstIndex(where: { $0.bus.id == r.busID }) { calendar.reserved[i].append(r.day.dayNumber) }
        }
        var trips: [Trip] = []
        var bound = 0
        for (ri, route) in routes.enumerated() {
            let routeUnits = units.filter { $0.route == ri }
            if routeUnits.isEmpty { continue }
            var ctx = RouteContext(route: route, travel: travel, options: options, scenario: scenario)
            let (routeTrips, routeUnplaced, _) = ctx.plan(units: routeUnits, calendar: &calendar)
            trips += routeTrips
            unplaced += routeUnplaced
            // Over every placeable unit of the route, placed or not (docs/planning.md).
            bound += ctx.lowerBound(placed: routeUnits, fleet: fleet)
        }
        unplaced.sort { $0.workerID < $1.workerID }
        return Plan(direction: direction, dates: dates, trips: trips, unplaced: unplaced, lowerBoundTrips: bound, outsideDateWorkers: outside.sorted())
    }
}

/// A bus with the seats the plan may fill.
struct FleetBus {
    let bus: Bus
    let usable: Int
    let accessible: Int
}

/// Which days each bus is already taken (a trip keeps a bus for the run, the empty return
/// and the turnaround).
struct BusCalendar {
    let fleet: [FleetBus]
    var busyUntil: [Int]   // day number of the first free day, per bus
    /// Days on which a kept (pinned) trip takes the bus, per bus; each holds it `holdDays`.
    var reserved: [[Int]]
    /// Days one trip keeps a bus (set by the route being planned).
    var holdDays = 1
    init(fleet: [FleetBus]) {
        self.fleet = fleet
        busyUntil = Array(repeating: Int.min, count: fleet.count)
        reserved = Array(repeating: [], count: fleet.count)
    }

    func free(on day: CivilDate) -> [Int] {
        let d = day.dayNumber
        return fleet.indices.filter { i in
            fleet[i].bus.available.contains(day) && busyUntil[i] <= d && fleet[i].usable > 0 && !isReserved(i, on: day)
        }
    }
    mutating func book(_ i: Int, on day: CivilDate, days: Int) { busyUntil[i] = day.dayNumber + days }
    /// Whether a kept trip holds bus `i` on `day`.
    func isReserved(_ i: Int, on day: CivilDate) -> Bool {
        let d = day.dayNumber
        return reserved[i].contains { r in r < d + holdDays && d < r + holdDays }
    }
}
