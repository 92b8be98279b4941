import Foundation

/// Plans one route: days, buses, packing, local search, timing and seats.
struct RouteContext {
    let route: Route
    let travel: TravelModel
    let options: PlannerOptions
    let scenario: Scenario
    var order: StopOrder
    let maxStops: Int
    let maxPickupMinutes: Int
    /// Caps on the drop-off phase (the route's, else the planner's: none by default).
    let maxDropoffStops: Int
    let maxDropoffMinutes: Int
    let zone: ZoneOffset
    var busyDays = 1
    /// Households kept off a bus by `--split-stops never` (their village rides another bus).
    var splitRefused: Set<String> = []
    /// How a day's packing is built (`Packer.sweepOrder`, `Packer.fillDensest`): the sweep
    /// around the pickups first, around the drop-offs first, the densest fill, or each of
    /// them with the best day kept. `plan` sets it.
    var sweep = Sweep.pickupsFirst
    enum Sweep { case pickupsFirst, dropoffsFirst, densest, bestOfAll }

    init(route: Route, travel: TravelModel, options: PlannerOptions, scenario: Scenario) {
        self.route = route; self.travel = travel; self.options = options; self.scenario = scenario
        let rest = route.restStops.compactMap { travel.position(of: $0) }
        order = StopOrder(travel: travel, rest: rest)
        maxStops = route.maxPickupStops ?? options.maxPickupStops
        maxPickupMinutes = route.maxPickupMinutes ?? options.maxPickupMinutes
        maxDropoffStops = route.maxDropoffStops ?? options.maxDropoffStops
        maxDropoffMinutes = route.maxDropoffMinutes ?? options.maxDropoffMinutes
        zone = scenario.zone
    }

    // MARK: the whole route

    /// Who gets a seat first when seats are short: priority groups, then whose window ends
    /// soonest, then by id (deterministic).
    static func seatsFirst(_ a: Planner.Unit, _ b: Planner.Unit) -> Bool {
        (a.priority ? 0 : 1, a.window.last, a.id) < (b.priority ? 0 : 1, b.window.last, b.id)
    }

    /// Up to this many units, both day assignments are packed in full and the better plan is
    /// kept; above it, the fleet simulation (`estimateTrips`) chooses, to keep large runs fast.
    static let fullComparisonLimit = 50_000

    mutating func plan(units input: [Planner.Unit], calendar: inout BusCalendar) -> ([Trip], [Unplaced], [Planner.Unit]) {
        busyDays = estimateBusyDays(input)
        calendar.holdDays = busyDays
        let calendarBefore = calendar
        func key(_ r: ([Trip], [Unplaced], [Planner.Unit])) -> (Int, Int, Double) { (r.1.count, r.0.count, r.0.reduce(0) { $0 + $1.busKm }) }
        var a = input, b = input
        stabDays(&a, fleet: calendar.fleet)
        rollingDays(&b, calendar: calendar)
        var result: ([Trip], [Unplaced], [Planner.Unit])
        if input.count <= Self.fullComparisonLimit {
            // Stop and time caps can make a spread over more days cost buses: pack both, keep
            // the one placing more, then with fewer buses, then fewer bus-km.
            // Where a drop-off cap binds and that packing leaves someone out for want of seats
            // or runs its buses far from full (a quarter more trips than full buses would
            // need), the season is also packed with the sweep around the drop-offs first and
            // with the densest fill (the better day by day is not the better season). Only
            // then: each costs two more packings, ruin and recreate included (20,000 workers
            // with a cap that costs only a few buses: 37 s, 329 s when always tried).
            let people = input.reduce(0) { $0 + $1.size }, capBinds = dropoffCapBinds(input)
            func short(_ r: ([Trip], [Unplaced], [Planner.Unit])) -> Bool {
                r.1.contains(where: { $0.reason == .noBusInWindow || $0.reason == .pickupLimits })
            }
            func scattered(_ r: ([Trip], [Unplaced], [Planner.Unit])) -> Bool {
                capBinds && Self.farFromFull(trips: r.0.count, people: people, fleet: calendar.fleet)
            }
            sweep = .pickupsFirst
            var calA = calendarBefore, calB = calendarBefore
            let ra = runDays(a, calendar: &calA), rb = runDays(b, calendar: &calB)
            if key(rb) < key(ra) { result = rb; calendar = calB } else { result = ra; calendar = calA }
            if capBinds && (short(result) || scattered(result)) {
                var chosen = Sweep.pickupsFirst
                for mode in [Sweep.dropoffsFirst, .densest] {
                    sweep = mode
                    var calA = calendarBefore, calB = calendarBefore
                    let ra = runDays(a, calendar: &calA), rb = runDays(b, calendar: &calB)
                    for (r, cal) in [(ra, calA), (rb, calB)] where key(r) < key(result) { result = r; calendar = cal; chosen = mode }
                }
                sweep = chosen
            }
            // Someone left out for want of seats: choose buses and days together (phases by
            // hill climb, and every bus in one phase), and keep a plan that places more (issue #13).
            // So too where a drop-off cap binds and the buses run far from full: spread over
            // more days, each day's villages and factories are fewer people a bus can gather
            // within the caps.
            if short(result) || scattered(result) {
                for concentrated in [false, true] {
                    for villagesFirst in [false, true] {
                        var c = input, calC = calendarBefore
                        if let fleetPlan = fleetDays(&c, calendar: calendarBefore, concentrated: concentrated, villagesFirst: villagesFirst) {
                            let rc = runDays(c, calendar: &calC, plan: fleetPlan)
                            if key(rc) < key(result) { result = rc; calendar = calC }
                        }
                    }
                }
            }
        } else {
            sweep = dropoffCapBinds(input) ? .bestOfAll : .pickupsFirst
            let ea = estimateTrips(a, calendar: calendar), eb = estimateTrips(b, calendar: calendar)
            var best = eb.trips < ea.trips ? (b, eb) : (a, ea)
            var bestPlan: FleetPlan? = nil
            if best.1.short > 0 {   // the simulation leaves people without a seat
                for concentrated in [false, true] {
                    var c = input
                    if let fleetPlan = fleetDays(&c, calendar: calendar, concentrated: concentrated) {
                        let ec = estimateTrips(c, calendar: calendar, plan: fleetPlan)
                        if (ec.short, ec.trips) < (best.1.short, best.1.trips) { best = (c, ec); bestPlan = fleetPlan }
                    }
                }
            }
            result = runDays(best.0, calendar: &calendar, plan: bestPlan)
        }
        var trips = result.0
        // Trip ids: route, day, then number in sweep order.
        var byDay: [CivilDate: Int] = [:]
        trips.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        for i in trips.indices {
            let n = (byDay[trips[i].date] ?? 0) + 1
            byDay[trips[i].date] = n
            trips[i].id = "\(route.id)-\(trips[i].date.compactString)-\(n < 10 ? "0" : "")\(n)"
        }
        return (trips, result.1, result.2)
    }

    /// Plans the days of an assignment in order; units a full day cannot take move to a later
    /// day of their window. With a fleet plan, each day uses only the buses planned for it.
    /// What is still left then tries, day by day, the buses that stand idle on a day of its
    /// window (earlier days too) without touching their other runs.
    mutating func runDays(_ units: [Planner.Unit], calendar: inout BusCalendar, plan: FleetPlan? = nil) -> ([Trip], [Unplaced], [Planner.Unit]) {
        splitRefused = []
        var pending: [CivilDate: [Planner.Unit]] = [:]
        for u in units { pending[u.day!, default: []].append(u) }
        var trips: [Trip] = []
        var placed: [Planner.Unit] = []
        var out: [Planner.Unit] = []
        let busyBefore = calendar.busyUntil
        var runs: [Int: [(day: Int, hold: Int)]] = [:]   // bus → its trips of this route
        func free(_ day: CivilDate) -> [Int] {
            let f = calendar.free(on: day)
            guard let plan else { return f }
            return f.filter { plan.allows($0, on: day) }
        }
        var packed: [Int: [(Int, [Planner.Unit])]] = [:]   // day number → its trips' buses and households
        func book(_ day: CivilDate, _ dayTrips: [(Int, [Planner.Unit])], _ built: [Trip]) {
            let held = Dictionary(built.map { ($0.busID, holdDays($0)) }, uniquingKeysWith: max)
            for (bi, tripUnits) in dayTrips {
                // Each bus is free again when its real trip, empty return and turnaround are done.
                let h = held[calendar.fleet[bi].bus.id] ?? busyDays
                calendar.busyUntil[bi] = max(calendar.busyUntil[bi], day.dayNumber + h)
                runs[bi, default: []].append((day.dayNumber, h))
                placed += tripUnits
            }
            packed[day.dayNumber, default: []] += dayTrips
        }

        while let day = pending.keys.min() {
            let dayUnits = pending.removeValue(forKey: day)!.sorted { $0.id < $1.id }
            let (dayTrips, leftovers) = planDay(day, units: dayUnits, free: free(day), calendar: &calendar)
            let built = build(day: day, trips: dayTrips, fleet: calendar.fleet, startIndex: 0)
            book(day, dayTrips, built)
            trips += built
            for var u in leftovers {
                if u.window.last > day {
                    // Try the next day of the window on which some bus is free.
                    var next = day.adding(days: 1)
                    while next <= u.window.last && free(next).isEmpty && pending[next] == nil { next = next.adding(days: 1) }
                    if next <= u.window.last { u.day = next; pending[next, default: []].append(u); continue }
                }
                out.append(u)
            }
        }
        // Free seats on the trips already built: who is still out takes them on any day of the
        // window where every cap holds and the trip keeps its bus no longer. (A bus left with 21
        // of 45 seats free on one day while people of its villages and factories, free to ride
        // that day, had been given another day and found no seat there.) Not under `never`:
        // a village would be split.
        if !out.isEmpty && options.splitStops != .never {
            for d in packed.keys.sorted() where !out.isEmpty {
                let day = CivilDate(dayNumber: d)
                let here = out.filter { $0.window.contains(day) }
                    .sorted(by: Self.seatsFirst)
                let dayTrips = packed[d]!
                let before = trips.filter { $0.date == day }
                guard !here.isEmpty, before.contains(where: { $0.passengers.count < $0.usableSeats }) else { continue }
                // The day's packing as it stands, then the seats it leaves offered.
                var packer = Packer(context: self, units: dayTrips.flatMap(\.1), fleet: calendar.fleet)
                var k = 0, rebuilt = true
                for (bi, us) in dayTrips {
                    let ti = packer.newTrip(bi)
                    for _ in us {
                        guard let km = packer.fit(k, packer.trips[ti]) else { rebuilt = false; break }
                        packer.put(k, into: ti, km: km); k += 1
                    }
                    if !rebuilt { break }
                }
                guard rebuilt else { continue }
                let first = packer.units.count
                packer.offer(here)
                let seated = (first..<packer.units.count).filter { packer.taken[$0] }.map { packer.units[$0] }
                guard !seated.isEmpty else { continue }
                let grown = packer.trips.map { t in (t.bus, t.units.map { packer.units[$0] }) }
                let built = build(day: day, trips: grown, fleet: calendar.fleet, startIndex: 0)
                let held = Dictionary(before.map { ($0.busID, holdDays($0)) }, uniquingKeysWith: max)
                guard built.allSatisfy({ holdDays($0) <= held[$0.busID] ?? 0 }) else { continue }
                order = packer.order
                trips.removeAll { $0.date == day }
                trips += built
                packed[d] = grown
                placed += seated
                let ids = Set(seated.map(\.id))
                out.removeAll { ids.contains($0.id) }
            }
        }
        // Whether bus `i` could run on day number `d` between its runs of this route (held
        // `busyDays` from d), and was free before this route.
        func idle(_ i: Int, _ d: Int) -> Bool {
            let day = CivilDate(dayNumber: d)
            guard calendar.fleet[i].usable > 0, calendar.fleet[i].bus.available.contains(day), busyBefore[i] <= d,
                  !calendar.isReserved(i, on: day) else { return false }
            return !(runs[i] ?? []).contains { r in (r.day <= d && d < r.day + r.hold) || (d < r.day && r.day < d + busyDays) }
        }
        // Second chance: idle buses on any day of the window, earliest day first.
        if !out.isEmpty && !(options.splitStops == .never && out.allSatisfy { splitRefused.contains($0.id) }) {
            let days = Set(out.flatMap { $0.window.days.map(\.dayNumber) }).sorted()
            for d in days where !out.isEmpty {
                let day = CivilDate(dayNumber: d)
                let idleBuses = calendar.fleet.indices.filter { idle($0, d) }
                if idleBuses.isEmpty { continue }
                let here = out.filter { $0.window.contains(day) && !splitRefused.contains($0.id) }.sorted { $0.id < $1.id }
                if here.isEmpty { continue }
                let (dayTrips, leftovers) = planDay(day, units: here, free: idleBuses, calendar: &calendar)
                var built = build(day: day, trips: dayTrips, fleet: calendar.fleet, startIndex: 0)
                // Keep only trips whose real hold ends before the bus's next run.
                var keep: [(Int, [Planner.Unit])] = [], back: [Planner.Unit] = []
                var kept: [Trip] = []
                for (k, (bi, us)) in dayTrips.enumerated() {
                    let h = holdDays(built[k])
                    if (runs[bi] ?? []).contains(where: { d < $0.day && $0.day < d + h }) { back += us; continue }
                    keep.append((bi, us)); kept.append(built[k])
                }
                built = kept
                book(day, keep, built)
                trips += built
                let left = Set((leftovers + back).map(\.id))
                out.removeAll { u in u.window.contains(day) && !splitRefused.contains(u.id) && !left.contains(u.id) }
            }
        }
        // Reasons, from the plan as it stands: `pickup_limits` only for as many as the free
        // seats could hold — each household left out claims a free seat (on a trip of a day of
        // its window, or a bus standing idle then) that then counts as taken; the rest are
        // `no_bus_in_window`. (Each claimed the same few seats before: with 4 buses and 3 free
        // seats over three days, 87 people were told the caps, not the fleet, kept them out.)
        var free: [Int: [Int]] = [:]   // day number → free seats of each trip, and of each idle bus
        for t in trips { free[t.date.dayNumber, default: []].append(t.usableSeats - t.passengers.count) }
        for d in Set(out.flatMap { $0.window.days.map(\.dayNumber) }).sorted() {
            free[d, default: []] += calendar.fleet.indices.filter { idle($0, d) }.map { calendar.fleet[$0].usable }
        }
        func claimSeats(_ u: Planner.Unit) -> Bool {
            for d in u.window.days {
                if let k = free[d.dayNumber]?.firstIndex(where: { $0 >= u.size }) { free[d.dayNumber]![k] -= u.size; return true }
            }
            return false
        }
        var unplaced: [Unplaced] = []
        for u in out {
            let reason: UnplacedReason
            // No bus with enough accessible seats runs on a day of the window that a kept
            // (pinned) trip leaves it free.
            let accessibleBus = calendar.fleet.indices.contains { i in
                calendar.fleet[i].accessible >= u.accessible
                    && u.window.days.contains { d in calendar.fleet[i].bus.available.contains(d) && !calendar.isReserved(i, on: d) }
            }
            if splitRefused.contains(u.id) {
                reason = .stopSplitForbidden
            } else if u.accessible > 0 && !accessibleBus {
                reason = .noAccessibleSeat
            } else if claimSeats(u) {
                reason = .pickupLimits
            } else { reason = .noBusInWindow }
            for m in u.members {
                unplaced.append(Unplaced(workerID: scenario.workers[m].id, reason: reason,
                                         message: reason.explanation + " (\(u.window), route \(route.id))"))
            }
        }
        return (trips, unplaced, placed)
    }

    /// Days a bus is kept by one trip: the run, the empty return and the turnaround. Before
    /// packing, the pickup phase is estimated from the pickup area (the longest drive between
    /// two of its stops, plus boarding at up to `maxStops` stops), never from the cap alone: a
    /// generous cap must not hold buses for days they are back.
    func estimateBusyDays(_ units: [Planner.Unit]) -> Int {
        var worst = 0
        var seen = Set<[Int]>()
        for u in units {
            let key = [u.pickups[0], u.dropoffs[0]]
            if !seen.insert(key).inserted { continue }
            let path = [u.pickups[0]] + order.rest + [u.dropoffs[0]]
            var m = 0
            for i in path.indices.dropFirst() { m += travel.minutes(path[i - 1], path[i]) }
            worst = max(worst, m)
        }
        var pickups = Array(Set(units.flatMap(\.pickups))).sorted()
        if pickups.count > 400 { pickups = stride(from: 0, to: pickups.count, by: pickups.count / 400 + 1).map { pickups[$0] } }
        var diameter = 0
        for a in pickups { for b in pickups where a < b { diameter = max(diameter, travel.minutes(a, b)) } }
        let pickupPhase = min(maxPickupMinutes, diameter + maxStops * options.boardingMinutes)
        let oneWay = worst + pickupPhase + order.rest.count * options.restMinutes + 3 * options.alightingMinutes
        return holdDays(oneWayMinutes: oneWay)
    }

    /// The fewest days any trip of these units can keep its bus (the shortest drive, no
    /// pickup time): each bus runs at most once per this many days, which keeps the bound true.
    func shortestHoldDays(_ units: [Planner.Unit]) -> Int {
        var best = Int.max
        var seen = Set<[Int]>()
        for u in units {
            let key = [u.pickups[0], u.dropoffs[0]]
            if !seen.insert(key).inserted { continue }
            let path = [u.pickups.last!] + order.rest + [u.dropoffs[0]]
            var m = 0
            for i in path.indices.dropFirst() { m += travel.minutes(path[i - 1], path[i]) }
            best = min(best, m + order.rest.count * options.restMinutes)
        }
        return best == Int.max ? 1 : holdDays(oneWayMinutes: best)
    }

    /// Days a trip of `oneWayMinutes` door to door keeps its bus: out, back empty, turnaround.
    func holdDays(oneWayMinutes: Int) -> Int {
        let hours = Double(2 * oneWayMinutes) / 60 + Double(options.turnaroundHours)
        return max(1, Int((hours / 24).rounded(.up)))
    }

    /// Days the built `trip` keeps its bus: from its real times, not an estimate.
    func holdDays(_ trip: Trip) -> Int {
        holdDays(oneWayMinutes: trip.stops.first!.arrive.minutes(to: trip.arrival))
    }

    // MARK: days

    /// Trips an assignment needs when each day takes the largest free buses first (with a fleet
    /// plan: only the buses planned for the day), the number of days used, and the seats short.
    func estimateTrips(_ units: [Planner.Unit], calendar: BusCalendar, plan: FleetPlan? = nil) -> (trips: Int, days: Int, short: Int) {
        var cal = calendar
        var load: [CivilDate: Int] = [:]
        for u in units { load[u.day!, default: 0] += u.size }
        var trips = 0, short = 0
        for day in load.keys.sorted() {
            var need = load[day]!
            let free = cal.free(on: day).filter { plan?.allows($0, on: day) ?? true }
                .sorted { (cal.fleet[$0].usable, $1) > (cal.fleet[$1].usable, $0) }
            for b in free where need > 0 { need -= cal.fleet[b].usable; trips += 1; cal.book(b, on: day, days: busyDays) }
            if need > 0 { trips += 1_000 + need; short += need }   // cannot be carried: far worse than any extra bus
        }
        return (trips, load.count, short)
    }

    /// Day by day from the first: the units that must go today, plus as many flexible ones
    /// (earliest last day first) as fill whole buses of the largest size free today, so the
    /// largest buses run again on later days instead of smaller ones running once.
    func rollingDays(_ units: inout [Planner.Unit], calendar: BusCalendar) {
        guard let first = units.map(\.window.first).min(), let last = units.map(\.window.last).max() else { return }
        var cal = calendar
        let order = units.indices.sorted { (units[$0].window.last, units[$0].window.first, units[$0].id) < (units[$1].window.last, units[$1].window.first, units[$1].id) }
        var done = [Bool](repeating: false, count: units.count)
        var day = first
        while day <= last {
            let free = cal.free(on: day).sorted { (cal.fleet[$0].usable, $1) > (cal.fleet[$1].usable, $0) }
            let q = free.first.map { cal.fleet[$0].usable } ?? 0
            let bigCap = free.filter { cal.fleet[$0].usable == q }.reduce(0) { $0 + cal.fleet[$1].usable }
            var load = 0
            var today: [Int] = []
            for i in order where !done[i] && units[i].window.last == day { today.append(i); load += units[i].size }
            let flexible = order.filter { !done[$0] && units[$0].window.contains(day) && units[$0].window.last > day }
            let flexLoad = flexible.reduce(0) { $0 + units[$1].size }
            if q > 0 && load < bigCap {
                // Fill whole largest buses only: what is left would ride half empty today.
                let target = min(bigCap, ((load + flexLoad) / q) * q)
                for i in flexible where load + units[i].size <= target { today.append(i); load += units[i].size }
            }
            for i in today { units[i].day = day; done[i] = true }
            var need = load
            for b in free where need > 0 { need -= cal.fleet[b].usable; cal.book(b, on: day, days: busyDays) }
            day = day.adding(days: 1)
        }
    }

    /// Fewest days covering every window (interval stabbing: sort by last day, stab there),
    /// then units move between chosen days to empty partly filled buses.
    func stabDays(_ units: inout [Planner.Unit], fleet: [FleetBus]) {
        let idx = units.indices.sorted { (units[$0].window.last, units[$0].window.first, units[$0].id) < (units[$1].window.last, units[$1].window.first, units[$1].id) }
        var stab: CivilDate?
        var days: [CivilDate] = []
        for i in idx {
            if let s = stab, units[i].window.contains(s) { units[i].day = s; continue }
            stab = units[i].window.last; days.append(stab!); units[i].day = stab
        }
        guard days.count > 1 else { return }
        let q = fleet.map(\.usable).max() ?? 1
        var load: [CivilDate: Int] = [:]
        for u in units { load[u.day!, default: 0] += u.size }
        for _ in 0..<(days.count * 3) {
            var changed = false
            let sources = days.filter { (load[$0] ?? 0) % q != 0 }.sorted { ((load[$0]! % q), $0) < ((load[$1]! % q), $1) }
            for s in sources {
                let r = load[s]! % q
                var slack: [CivilDate: Int] = [:]
                for d in days where d != s { let l = load[d] ?? 0; slack[d] = l % q == 0 ? 0 : q - l % q }
                var moves: [(Int, CivilDate)] = []
                var moved = 0
                let onS = units.indices.filter { units[$0].day == s }.sorted { (units[$0].size, units[$0].id) > (units[$1].size, units[$1].id) }
                for i in onS where moved < r {
                    guard let t = days.first(where: { $0 != s && units[i].window.contains($0) && (slack[$0] ?? 0) >= units[i].size }) else { continue }
                    slack[t]! -= units[i].size; moved += units[i].size; moves.append((i, t))
                }
                if moved >= r && moved > 0 {
                    for (i, t) in moves { units[i].day = t; load[s]! -= units[i].size; load[t, default: 0] += units[i].size }
                    changed = true
                    break
                }
            }
            if !changed { break }
        }
    }

    // MARK: one day

    /// One construction of the day: the chosen buses in sweep order, then more buses while
    /// anyone is left over, then emptying trips and the local search.
    func construct(_ todo: [Planner.Unit], buses chosen: [Int], spare: [Int], fleet: [FleetBus], _ construction: Sweep) -> Packer {
        var pool = spare
        var packer = Packer(context: self, units: todo, fleet: fleet, construction: construction)
        packer.pack(buses: chosen)
        // Leftovers take more buses while any are free.
        while !packer.leftovers.isEmpty, !pool.isEmpty {
            let before = packer.leftovers.count
            let b = packer.leftovers.contains(where: { $0.accessible > 0 }) ? (pool.firstIndex { fleet[$0].accessible > 0 } ?? 0) : 0
            packer.packLeftovers(into: pool.remove(at: b))
            if packer.leftovers.count == before {
                // No bus with accessible seats is left: make room on one that runs.
                guard packer.makeRoomForAccessible(in: packer.trips.count - 1) else { break }
                packer.placeLeftoversInExistingTrips()
            }
        }
        packer.eliminateTrips()
        // Where the string search runs after the day's packing, it does this search's work
        // (running both cost a third more time at 100,000 workers for 0.04 % of km).
        if stringIterations(trips: packer.trips.count) == 0 || packer.stringSearchEnd() == nil { packer.improve(rounds: options.improvementRounds) }
        return packer
    }

    /// String-removal iterations for a day's packing of `trips` trips (step 6b); 0 where it does
    /// not run: turned off, or more than `stringSearchMaxTrips` trips on the day.
    func stringIterations(trips: Int) -> Int {
        guard trips <= options.stringSearchMaxTrips else { return 0 }
        return min(options.stringSearchMax, options.stringSearchPerTrip * trips)
    }

    /// Whether a bus could not call at all of the day's drop-offs: more of them than
    /// `max_dropoff_stops`, or a drop-off time cap that is set at all.
    func dropoffCapBinds(_ todo: [Planner.Unit]) -> Bool {
        if maxDropoffMinutes < PlannerOptions().maxDropoffMinutes { return true }   // set at all
        var seen = Set<Int>()
        for u in todo { for d in u.dropoffs { seen.insert(d); if seen.count > maxDropoffStops { return true } } }
        return false
    }

    /// A quarter more trips than `people` need on the fleet's largest buses.
    static func farFromFull(trips: Int, people: Int, fleet: [FleetBus]) -> Bool {
        let biggest = max(1, fleet.map(\.usable).max() ?? 1)
        return 4 * trips > 5 * ((people + biggest - 1) / biggest)
    }

    /// More people seated, then fewer trips, then fewer km.
    static func better(_ a: Packer, than b: Packer) -> Bool {
        func key(_ p: Packer) -> (Int, Int, Double) {
            let trips = p.trips.filter { !$0.units.isEmpty }
            return (-trips.reduce(0) { $0 + $1.load }, trips.count, trips.reduce(0) { $0 + $1.km })
        }
        return key(a) < key(b)
    }

    /// Chooses buses and packs the day's units; returns bus index → units, and leftovers.
    mutating func planDay(_ day: CivilDate, units: [Planner.Unit], free: [Int], calendar: inout BusCalendar) -> ([(Int, [Planner.Unit])], [Planner.Unit]) {
        let fleet = calendar.fleet
        var pool = free.sorted { (fleet[$0].usable, fleet[$0].accessible, fleet[$1].bus.id) > (fleet[$1].usable, fleet[$1].accessible, fleet[$0].bus.id) }
        let capacity = pool.reduce(0) { $0 + fleet[$1].usable }
        // When seats are short, priority groups go first, then those who cannot wait.
        var todo = units
        var deferred: [Planner.Unit] = []
        let demand = todo.reduce(0) { $0 + $1.size }
        if demand > capacity {
            todo.sort(by: Self.seatsFirst)
            var seats = capacity
            var keep: [Planner.Unit] = []
            for u in todo { if u.size <= seats { keep.append(u); seats -= u.size } else { deferred.append(u) } }
            todo = keep
        }
        // Buses: largest first until the seats cover the demand, then enough accessible seats.
        let need = todo.reduce(0) { $0 + $1.size }
        let accNeed = todo.reduce(0) { $0 + $1.accessible }
        var chosen: [Int] = []
        var seats = 0
        while seats < need, !pool.isEmpty { let b = pool.removeFirst(); chosen.append(b); seats += fleet[b].usable }
        var accHave = chosen.reduce(0) { $0 + fleet[$1].accessible }
        while accHave < accNeed, let k = pool.firstIndex(where: { fleet[$0].accessible > 0 }) {
            let b = pool.remove(at: k)
            // Swap out the smallest bus without accessible seats if seats still suffice.
            if let j = chosen.lastIndex(where: { fleet[$0].accessible == 0 }), seats - fleet[chosen[j]].usable + fleet[b].usable >= need {
                let out = chosen.remove(at: j); seats -= fleet[out].usable; pool.append(out)
                pool.sort { (fleet[$0].usable, fleet[$0].accessible, fleet[$1].bus.id) > (fleet[$1].usable, fleet[$1].accessible, fleet[$0].bus.id) }
            }
            chosen.append(b); seats += fleet[b].usable; accHave += fleet[b].accessible
        }
        // Where a drop-off cap binds (fewer drop-offs a bus than the day's drop-offs), sweeping
        // around the pickups first cuts each bus short at its fourth factory (`sweep`).
        var packer = construct(todo, buses: chosen, spare: pool, fleet: fleet, sweep == .bestOfAll ? .pickupsFirst : sweep)
        // (Above 50,000 units, day by day: only where the day's packing leaves someone out or
        // runs a quarter more trips than full buses would need.)
        if sweep == .bestOfAll && (!packer.leftovers.isEmpty
            || Self.farFromFull(trips: packer.trips.filter { !$0.units.isEmpty }.count, people: need, fleet: fleet)) {
            for other in [Sweep.dropoffsFirst, .densest] {
                let p = construct(todo, buses: chosen, spare: pool, fleet: fleet, other)
                if Self.better(p, than: packer) { packer = p }
            }
        }
        var refused: [Planner.Unit] = []
        // Ruin and recreate where someone is still without a seat (it costs about a millisecond
        // an iteration; `bench peer --ruins` runs it for km alone). Before villages are joined;
        // `never` runs it after, on whole villages.
        // (Not where the string search runs: it does the same, and more.)
        let strings = stringIterations(trips: packer.trips.count)
        let searching = strings > 0 && packer.stringSearchEnd() != nil
        let ruins = searching ? 0 : min(options.ruinRecreateMax, options.ruinRecreatePerTrip * packer.trips.count)
        if ruins > 0 && options.splitStops != .never && (options.ruinRecreateAlways || packer.taken.contains(false)) {
            packer.ruinAndRecreate(iterations: ruins, countSplits: options.splitStops == .needed)
            packer.leftovers = packer.sweep.filter { !packer.taken[$0] }.map { packer.units[$0] }
        }
        if options.splitStops != .free { packer.joinSplitStops() }
        if options.splitStops == .never {
            // What is still split rides the bus with the village's largest group, or not today.
            for s in packer.splitStops {
                let holders = packer.trips.indices.filter { packer.trips[$0].pick[s] != nil }
                    .sorted { (packer.trips[$0].pick[s]!, $1) > (packer.trips[$1].pick[s]!, $0) }
                for t in holders.dropFirst() {
                    for u in packer.group(s, on: t) { packer.take(u, from: t); refused.append(packer.units[u]) }
                }
            }
        }
        if ruins > 0 && options.splitStops == .never && (options.ruinRecreateAlways || packer.taken.contains(false)) {
            packer.ruinAndRecreate(iterations: ruins, wholeStops: true)
            // Who is without a seat now: refused (to keep a village whole) if they were, else left over.
            let wasRefused = Set(refused.map(\.id))
            let out = packer.sweep.filter { !packer.taken[$0] }.map { packer.units[$0] }
            refused = out.filter { wasRefused.contains($0.id) }
            packer.leftovers = out.filter { !wasRefused.contains($0.id) }
        }
        // String removals over whole groups, for km and for whoever is still without a seat.
        if searching {
            packer.stringSearch(iterations: strings, wholeStops: options.splitStops == .never, countSplits: options.splitStops == .needed)
            // Households who waited may have found seats away from their village's bus.
            if options.splitStops == .needed { packer.joinSplitStops() }
            let wasRefused = Set(refused.map(\.id))
            let out = packer.sweep.filter { !packer.taken[$0] }.map { packer.units[$0] }
            refused = out.filter { wasRefused.contains($0.id) }
            packer.leftovers = out.filter { !wasRefused.contains($0.id) }
        }
        for u in refused { splitRefused.insert(u.id) }
        // Who waited takes the seats still free.
        packer.offer(deferred)
        deferred = []
        order = packer.order
        let result = packer.trips.filter { !$0.units.isEmpty }.map { (t: Packer.TripState) in (t.bus, t.units.map { packer.units[$0] }) }
        return (result, packer.leftovers + deferred + refused)
    }

    // MARK: trips with times and seats

    mutating func build(day: CivilDate, trips: [(Int, [Planner.Unit])], fleet: [FleetBus], startIndex: Int) -> [Trip] {
        var out: [Trip] = []
        for (n, (bi, units)) in trips.enumerated() {
            let fb = fleet[bi]
            var pickCount: [Int: Int] = [:], dropCount: [Int: Int] = [:]
            for u in units {
                for m in u.members {
                    let w = scenario.workers[m]
                    pickCount[travel.position(of: w.pickupStop)!, default: 0] += 1
                    dropCount[travel.position(of: w.dropoffStop)!, default: 0] += 1
                }
            }
            let r = order.order(pickups: pickCount.keys.sorted(), dropoffs: dropCount.keys.sorted())
            var stops: [TripStop] = []
            var t = Timestamp(date: day, minuteOfDay: route.departEarliest.minutes, zone: zone).adding(minutes: -options.boardingMinutes)
            var prev: Int? = nil
            var km = 0.0
            func visit(_ s: Int, _ role: StopRole, dwell: Int, boarding: Int, alighting: Int) {
                var leg = 0.0
                if let p = prev { leg = travel.km(p, s); km += leg; t = t.adding(minutes: travel.minutes(p, s)) }
                let arrive = t
                t = t.adding(minutes: dwell)
                stops.append(TripStop(stopID: scenario.stops[s].id, role: role, arrive: arrive, depart: t, boarding: boarding, alighting: alighting, kmFromPrevious: (leg * 10).rounded() / 10))
                prev = s
            }
            for s in r.pickups { visit(s, .pickup, dwell: options.boardingMinutes, boarding: pickCount[s]!, alighting: 0) }
            // Service areas: a 20-minute stop once two hours have been driven since the last one
            // (or the last pickup); the others the bus passes, and they remain places where the
            // crew may stop to hand over (the crew schedule adds those minutes).
            var sinceStop = 0
            var last = r.pickups.last
            for s in order.rest {
                if let l = last { sinceStop += travel.minutes(l, s) }
                last = s
                let stop = sinceStop >= options.restEveryMinutes || s == order.rest.last
                visit(s, .rest, dwell: stop ? options.restMinutes : 0, boarding: 0, alighting: 0)
                if stop { sinceStop = 0 }
            }
            for s in r.dropoffs { visit(s, .dropoff, dwell: options.alightingMinutes, boarding: 0, alighting: dropCount[s]!) }
            let passengers = seats(units: units, pickupOrder: r.pickups, bus: fb)
            out.append(Trip(id: "\(day.compactString)-\(String(1000 + startIndex + n))", routeID: route.id, busID: fb.bus.id, plate: fb.bus.plate,
                            licensedSeats: fb.bus.seats, usableSeats: fb.usable, date: day, stops: stops, passengers: passengers,
                            busKm: (km * 10).rounded() / 10))
        }
        return out
    }

    /// Seat numbers: accessible seats (1…A, by the door) to those who need them, their
    /// household right after; then households in boarding order, side by side. When the bus is
    /// so full that the other passengers need the accessible seats nobody asked for, numbering
    /// simply continues from the last accessible seat taken, so households stay side by side.
    func seats(units: [Planner.Unit], pickupOrder: [Int], bus: FleetBus) -> [SeatAssignment] {
        let rank = Dictionary(uniqueKeysWithValues: pickupOrder.enumerated().map { ($1, $0) })
        let ordered = units.sorted { a, b in
            (a.accessible > 0 ? 0 : 1, rank[a.pickups.first!] ?? 0, a.id) < (b.accessible > 0 ? 0 : 1, rank[b.pickups.first!] ?? 0, b.id)
        }
        let needing = ordered.reduce(0) { $0 + $1.accessible }
        let total = ordered.reduce(0) { $0 + $1.size }
        let keepSpare = needing > 0 && total - needing + bus.accessible <= bus.usable
        var out: [SeatAssignment] = []
        var nextAccessible = 1
        var next = keepSpare ? bus.accessible + 1 : min(needing, bus.accessible) + 1
        for u in ordered {
            for m in u.members {
                let w = scenario.workers[m]
                let seat: Int
                if w.needsAccessibleSeat && nextAccessible <= bus.accessible { seat = nextAccessible; nextAccessible += 1 }
                else { seat = next; next += 1 }
                out.append(SeatAssignment(seat: seat, workerID: w.id, pickupStop: w.pickupStop, dropoffStop: w.dropoffStop))
            }
        }
        return out.sorted { $0.seat < $1.seat }
    }

    // MARK: bound

    /// A proven lower bound on the trips needed to carry `units` (every placeable unit of the
    /// route, placed or not): units whose windows do not overlap (even through others) can never
    /// share a bus, so each such group needs at least the largest of
    /// - seats: the fewest trips whose usable seats cover it, largest buses first, each bus as
    ///   often as it could run within the group's days (at its shortest possible hold);
    /// - accessible seats: likewise for the group's accessible-seat needs;
    /// - stops: every pickup stop needs a visit and a trip makes at most `maxStops`;
    /// - pickup time: stops so far apart that no two fit in one pickup phase need a trip each.
    func lowerBound(placed: [Planner.Unit], fleet: [FleetBus]) -> Int {
        let boundHold = shortestHoldDays(placed)
        let sorted = placed.sorted { ($0.window.first, $0.window.last) < ($1.window.first, $1.window.last) }
        var groups: [(first: CivilDate, last: CivilDate, seats: Int, accessible: Int)] = []
        for u in sorted {
            if var g = groups.last, u.window.first <= g.last {
                g.last = max(g.last, u.window.last); g.seats += u.size; g.accessible += u.accessible; groups[groups.count - 1] = g
            } else { groups.append((u.window.first, u.window.last, u.size, u.accessible)) }
        }
        var total = 0
        for g in groups {
            var caps: [Int] = [], accessibleCaps: [Int] = []
            for b in fleet where b.usable > 0 {
                guard let w = b.bus.available.intersection(DateWindow(first: g.first, last: g.last)!) else { continue }
                let days = w.last.dayNumber - w.first.dayNumber + 1
                let runs = (days + boundHold - 1) / boundHold
                caps += Array(repeating: b.usable, count: runs)
                if b.accessible > 0 { accessibleCaps += Array(repeating: min(b.accessible, b.usable), count: runs) }
            }
            // When the fleet's runs cannot cover the need, the rest still needs trips of the
            // largest size: the bound counts everyone placeable, placed or not.
            func fewest(_ caps: [Int], _ need: Int) -> Int {
                var got = 0, trips = 0
                let sorted = caps.sorted(by: >)
                for c in sorted where got < need { got += c; trips += 1 }
                if got < need, let big = sorted.first { trips += (need - got + big - 1) / big }
                return trips
            }
            let bySeats = fewest(caps, g.seats)
            let byAccessible = fewest(accessibleCaps, g.accessible)
            // Every pickup stop needs a visit and a trip makes at most `maxStops`.
            // (A lone household with more stops than the cap may ride alone, so then skip this.)
            let inGroup = placed.filter { $0.window.first >= g.first && $0.window.first <= g.last }
            let stops = Set(inGroup.flatMap(\.pickups)).count
            let byStops = inGroup.contains { $0.pickups.count > maxStops } ? 0 : (stops + maxStops - 1) / maxStops
            total += max(bySeats, byAccessible, byStops, farApart(inGroup))
        }
        return total
    }

    /// The size of a set of pickup stops no two of which fit in one pickup phase (each needs
    /// its own trip): built greedily, so a true but not always the largest such set. Stops of
    /// households that board at several stops are left out (such a household may ride alone).
    func farApart(_ units: [Planner.Unit]) -> Int {
        let shared = Set(units.filter { $0.pickups.count > 1 }.flatMap(\.pickups))
        var stops = Array(Set(units.flatMap(\.pickups)).subtracting(shared)).sorted()
        if stops.count < 2 { return stops.count }
        if stops.count > 600 { stops = stride(from: 0, to: stops.count, by: stops.count / 600 + 1).map { stops[$0] } }
        func apart(_ a: Int, _ b: Int) -> Bool {
            min(travel.minutes(a, b), travel.minutes(b, a)) + 2 * options.boardingMinutes > maxPickupMinutes
        }
        var clique: [Int] = []
        for s in stops where clique.allSatisfy({ apart($0, s) }) { clique.append(s) }
        return clique.count
    }
}
