/// Days and buses chosen together (issue #13): when the fleet is short, which buses run on
/// which days decides how many people ride at all. A trip holds its bus `busyDays`, so a bus
/// can run on day d, d + hold, d + 2·hold … — its *phase*. Choosing each day's buses largest
/// first puts the large buses on day 1 and the small ones on day 2, and neither runs on the
/// other's days; here the phases are chosen for the whole window at once.
extension RouteContext {
    /// The buses planned for each day, and the units' days.
    struct FleetPlan {
        var buses: [Int: Set<Int>] = [:]   // day number → bus indexes planned to run
        func allows(_ bus: Int, on day: CivilDate) -> Bool { buses[day.dayNumber]?.contains(bus) ?? false }
    }

    /// Chooses each bus's phase so that the most seats (then accessible seats) can be used by
    /// the windows — checked by earliest-deadline-first over the days, exact for day capacities
    /// and interval windows — then gives each unit a day by earliest deadline first within
    /// those seats. Buses with the same seats, accessible seats and free days are one type; a
    /// hill climb moves buses of a type between phases (halving steps) while seats placed grow.
    /// Deterministic: types and buses in index (id) order, moves tried in a fixed order.
    /// Returns nil when there is nothing to choose (one day, or no free bus).
    /// `villagesFirst`: a village's people ride together even when some of another village
    /// then miss their last bus (they are "due" only on the last day of their window, run or
    /// not); otherwise who has no later bus rides first. Neither is better everywhere: the
    /// caller packs both.
    func fleetDays(_ units: inout [Planner.Unit], calendar: BusCalendar, concentrated: Bool = false, villagesFirst: Bool = false) -> FleetPlan? {
        guard let first = units.map(\.window.first).min()?.dayNumber, let last = units.map(\.window.last).max()?.dayNumber else { return nil }
        let T = last - first + 1
        let hold = max(1, busyDays)
        guard T > 1 else { return nil }
        // Demand by window (seats and accessible seats), windows as day offsets.
        var demandIndex: [[Int]: Int] = [:]
        var demand: [(a: Int, b: Int, seats: Int, acc: Int)] = []
        for u in units {
            let key = [u.window.first.dayNumber - first, u.window.last.dayNumber - first]
            if let k = demandIndex[key] { demand[k].seats += u.size; demand[k].acc += u.accessible }
            else { demandIndex[key] = demand.count; demand.append((key[0], key[1], u.size, u.accessible)) }
        }
        demand.sort { ($0.b, $0.a) < ($1.b, $1.a) }
        // Each bus's phases: from offset o, run on the first day it may, then `hold` days later.
        let fleet = calendar.fleet
        func canRun(_ i: Int, _ d: Int) -> Bool {
            let day = CivilDate(dayNumber: first + d)
            return fleet[i].bus.available.contains(day) && calendar.busyUntil[i] <= first + d && !calendar.isReserved(i, on: day)
        }
        var typeIndex: [[Int]: Int] = [:]
        var types: [(usable: Int, acc: Int, phases: [[Int]], buses: [Int])] = []
        for i in fleet.indices where fleet[i].usable > 0 {
            var phases: [[Int]] = []
            for o in 0..<min(hold, T) {
                var runs: [Int] = []
                var d = o
                while d < T { if canRun(i, d) { runs.append(d); d += hold } else { d += 1 } }
                if !runs.isEmpty && !phases.contains(runs) { phases.append(runs) }
            }
            if phases.isEmpty { continue }
            let key = [fleet[i].usable, fleet[i].accessible] + phases.flatMap { $0 + [-1] }
            if let t = typeIndex[key] { types[t].buses.append(i) }
            else { typeIndex[key] = types.count; types.append((fleet[i].usable, fleet[i].accessible, phases, [i])) }
        }
        guard !types.isEmpty else { return nil }
        // counts[t][p]: buses of type t in phase p. Start: everyone in the earliest phase.
        var counts = types.map { t -> [Int] in var c = Array(repeating: 0, count: t.phases.count); c[0] = t.buses.count; return c }
        func capacity(_ counts: [[Int]]) -> (seats: [Int], acc: [Int]) {
            var seats = Array(repeating: 0, count: T), acc = Array(repeating: 0, count: T)
            for (t, c) in counts.enumerated() {
                for (p, n) in c.enumerated() where n > 0 {
                    for d in types[t].phases[p] { seats[d] += n * types[t].usable; acc[d] += n * types[t].acc }
                }
            }
            return (seats, acc)
        }
        // Seats the windows can use: earliest deadline first, day by day (exact for intervals).
        func usable(_ cap: [Int], _ need: KeyPath<(a: Int, b: Int, seats: Int, acc: Int), Int>, inflate: Int = 100) -> Int {
            var left = demand.map { $0[keyPath: need] * inflate / 100 }
            var total = 0
            for d in 0..<T {
                var c = cap[d]
                for k in demand.indices where c > 0 && left[k] > 0 && demand[k].a <= d && d <= demand[k].b {
                    let x = min(c, left[k]); c -= x; left[k] -= x; total += x
                }
            }
            return total
        }
        func score(_ counts: [[Int]]) -> (Int, Int, Int) {
            let (s, a) = capacity(counts)
            // Then more seats offered: slack for what the stop and time caps keep off a bus.
            return (usable(s, \.seats), usable(a, \.acc), usable(s, \.seats, inflate: 150))
        }
        var best = score(counts)
        if concentrated {
            // Every bus in one phase (the most buses on the fewest days: more pickup stops
            // visited each day); the phase whose seats the windows use most, ties: earliest.
            let phases = types.map(\.phases.count).max() ?? 1
            var pick: (score: (Int, Int, Int), counts: [[Int]])? = nil
            for p in 0..<phases {
                let c = types.map { t -> [Int] in var c = Array(repeating: 0, count: t.phases.count); c[min(p, t.phases.count - 1)] = t.buses.count; return c }
                let sc = score(c)
                if pick == nil || sc > pick!.score { pick = (sc, c) }
            }
            counts = pick!.counts; best = pick!.score
        }
        var improved = !concentrated
        var rounds = 0
        while improved && rounds < 200 {
            improved = false; rounds += 1
            search: for t in types.indices {
                for p in counts[t].indices where counts[t][p] > 0 {
                    for q in counts[t].indices where q != p {
                        var step = counts[t][p]
                        while step >= 1 {
                            var c = counts
                            c[t][p] -= step; c[t][q] += step
                            let s = score(c)
                            if s > best { best = s; counts = c; improved = true; break search }
                            step /= 2
                        }
                    }
                }
            }
        }
        // Buses of a type take its phases in id order.
        var plan = FleetPlan()
        var seatsByDay = Array(repeating: 0, count: T)
        for (t, c) in counts.enumerated() {
            var k = 0
            for (p, n) in c.enumerated() {
                for i in types[t].buses[k..<(k + n)] {
                    for d in types[t].phases[p] { plan.buses[first + d, default: []].insert(i); seatsByDay[d] += types[t].usable }
                }
                k += n
            }
        }
        // Units' days: earliest deadline first into each day's seats, village by village —
        // who must ride today first (no bus runs on a later day of their window), then the rest of the villages already called at today,
        // then whole new villages (the one whose people run out of days soonest, then the
        // largest): a bus calls at a few stops only, so a day of whole villages fills its
        // buses where a day of a few people from every village leaves them half empty.
        // Who finds no seat keeps the last day of the window (and is left out there, or fills
        // a seat a packing frees).
        var done = [Bool](repeating: false, count: units.count)
        var byStop: [Int: [Int]] = [:]
        for i in units.indices { byStop[units[i].pickups[0], default: []].append(i) }
        // A unit's last chance: the last day of its window on which a bus runs.
        let lastRun = units.map { u -> Int in
            var d = u.window.last.dayNumber - first
            while !villagesFirst && d >= 0 && d >= u.window.first.dayNumber - first && seatsByDay[d] == 0 { d -= 1 }
            return d
        }
        for k in byStop.keys {
            byStop[k]!.sort { (lastRun[$0], units[$0].window.first, units[$0].priority ? 0 : 1, units[$0].id) < (lastRun[$1], units[$1].window.first, units[$1].priority ? 0 : 1, units[$1].id) }
        }
        let stops = byStop.keys.sorted()
        // First to the same share of every day's seats (slack on every bus for the caps),
        // then into what is left of the seats.
        let placeable = usable(seatsByDay, \.seats), offered = max(1, seatsByDay.reduce(0, +))
        var left = seatsByDay
        for pass in 0..<2 {
            for d in 0..<T {
                let share = pass == 0 ? (seatsByDay[d] * placeable + offered - 1) / offered : 0
                var c = pass == 0 ? min(share, left[d]) : left[d]
                let day = CivilDate(dayNumber: first + d)
                func take(_ i: Int) -> Bool {
                    guard !done[i], units[i].window.contains(day), units[i].size <= c else { return false }
                    c -= units[i].size; left[d] -= units[i].size; units[i].day = day; done[i] = true
                    return true
                }
                var called = Set<Int>()
                // Who must ride today.
                for p in stops { for i in byStop[p]! where lastRun[i] == d { if take(i) { called.insert(p) } } }
                // The villages already called at, then new ones.
                var open = stops.filter { called.contains($0) }
                var closed = stops.filter { !called.contains($0) }
                while c > 0 {
                    for p in open { for i in byStop[p]! { _ = take(i) } }
                    guard c > 0 else { break }
                    // The next village: its people's last day soonest, then the most people today.
                    var pick: (key: (Int, Int, Int), stop: Int)? = nil
                    for p in closed {
                        var deadline = Int.max, people = 0
                        for i in byStop[p]! where !done[i] && units[i].window.contains(day) {
                            deadline = min(deadline, lastRun[i]); people += units[i].size
                        }
                        guard people > 0 else { continue }
                        let key = (deadline, -people, p)
                        if pick == nil || key < pick!.key { pick = (key, p) }
                    }
                    guard let next = pick else { break }
                    open = [next.stop]
                    closed.removeAll { $0 == next.stop }
                }
            }
        }
        for i in units.indices where !done[i] { units[i].day = units[i].window.last }
        return plan
    }
}
