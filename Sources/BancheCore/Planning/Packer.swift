import Foundation

/// Packs one day's units of one route into buses, then improves the packing by local search.
struct Packer {
    struct TripState {
        var bus: Int
        var capacity: Int
        var accessibleSeats: Int
        var units: [Int] = []
        var load = 0
        var accessible = 0
        /// Units boarding / alighting at each stop (a household may use several).
        var pick: [Int: Int] = [:]
        var drop: [Int: Int] = [:]
        var km = 0.0
    }

    let context: RouteContext
    let units: [Planner.Unit]
    let fleet: [FleetBus]
    var order: StopOrder
    var trips: [TripState] = []
    var leftovers: [Planner.Unit] = []
    /// Units in sweep order (indexes into `units`).
    var sweep: [Int] = []
    var taken: [Bool]
    /// How far ahead the gap filler looks for a household that fits.
    let lookahead = 400

    init(context: RouteContext, units: [Planner.Unit], fleet: [FleetBus]) {
        self.context = context; self.units = units; self.fleet = fleet
        order = context.order
        taken = Array(repeating: false, count: units.count)
        sweep = sweepOrder()
    }

    // MARK: sweep

    /// Units sorted by the angle of their first pickup around the pickups' centre, starting
    /// from the bearing of the destination, so each bus takes one compact sector.
    func sweepOrder() -> [Int] {
        let stops = context.scenario.stops
        var plat = 0.0, plon = 0.0, dlat = 0.0, dlon = 0.0
        for u in units {
            plat += stops[u.pickups[0]].latitude; plon += stops[u.pickups[0]].longitude
            dlat += stops[u.dropoffs[0]].latitude; dlon += stops[u.dropoffs[0]].longitude
        }
        let n = Double(max(1, units.count))
        plat /= n; plon /= n; dlat /= n; dlon /= n
        let base = atan2(dlat - plat, dlon - plon)
        var angle: [Int: Double] = [:]
        var dist: [Int: Double] = [:]
        for u in units {
            let p = u.pickups[0]
            if angle[p] != nil { continue }
            var a = atan2(stops[p].latitude - plat, stops[p].longitude - plon) - base
            while a < 0 { a += 2 * .pi }
            while a >= 2 * .pi { a -= 2 * .pi }
            angle[p] = a
            dist[p] = hypot(stops[p].latitude - plat, stops[p].longitude - plon)
        }
        // Drop-offs in the order of a sweep around their own centre, so neighbours in the
        // list share factories.
        var dAngle: [Int: Double] = [:]
        for u in units where dAngle[u.dropoffs[0]] == nil {
            let d = u.dropoffs[0]
            dAngle[d] = atan2(stops[d].latitude - dlat, stops[d].longitude - dlon)
        }
        return units.indices.sorted { i, j in
            let a = units[i], b = units[j]
            let (pa, pb) = (a.pickups[0], b.pickups[0])
            if pa != pb { return (angle[pa]!, dist[pa]!, pa) < (angle[pb]!, dist[pb]!, pb) }
            let (da, db) = (a.dropoffs[0], b.dropoffs[0])
            if da != db { return (dAngle[da]!, da) < (dAngle[db]!, db) }
            return a.id < b.id
        }
    }

    // MARK: feasibility and cost

    /// Km of a trip with these stop counts, or nil when it breaks the stop or time cap.
    mutating func cost(pick: [Int: Int], drop: [Int: Int], units count: Int) -> Double? {
        if pick.isEmpty { return 0 }
        if count > 1 && (pick.count > context.maxStops || drop.count > context.maxDropoffStops) { return nil }
        let p = pick.keys.sorted(), d = drop.keys.sorted()
        let r = order.order(pickups: p, dropoffs: d)
        if count > 1 && r.pickupDriveMinutes + context.options.boardingMinutes * p.count > context.maxPickupMinutes { return nil }
        if count > 1 && r.dropoffDriveMinutes + context.options.alightingMinutes * d.count > context.maxDropoffMinutes { return nil }
        return r.km
    }

    func adding(_ u: Planner.Unit, to t: TripState) -> ([Int: Int], [Int: Int]) {
        var p = t.pick, d = t.drop
        for s in u.pickups { p[s, default: 0] += 1 }
        for s in u.dropoffs { d[s, default: 0] += 1 }
        return (p, d)
    }

    func removing(_ u: Planner.Unit, from t: TripState) -> ([Int: Int], [Int: Int]) {
        var p = t.pick, d = t.drop
        for s in u.pickups { p[s]! -= 1; if p[s] == 0 { p[s] = nil } }
        for s in u.dropoffs { d[s]! -= 1; if d[s] == 0 { d[s] = nil } }
        return (p, d)
    }

    /// Whether `u` fits `t` on seats, accessible seats and caps; returns the new km.
    mutating func fit(_ ui: Int, _ t: TripState) -> Double? {
        let u = units[ui]
        guard t.load + u.size <= t.capacity, t.accessible + u.accessible <= t.accessibleSeats else { return nil }
        let newStop = u.pickups.contains { t.pick[$0] == nil } || u.dropoffs.contains { t.drop[$0] == nil }
        if !newStop { return t.km }
        let (p, d) = adding(u, to: t)
        return cost(pick: p, drop: d, units: t.units.count + 1)
    }

    mutating func put(_ ui: Int, into ti: Int, km: Double) {
        let u = units[ui]
        let (p, d) = adding(u, to: trips[ti])
        trips[ti].pick = p; trips[ti].drop = d
        trips[ti].units.append(ui); trips[ti].load += u.size; trips[ti].accessible += u.accessible
        trips[ti].km = km
        taken[ui] = true
    }

    mutating func take(_ ui: Int, from ti: Int) {
        let u = units[ui]
        let (p, d) = removing(u, from: trips[ti])
        trips[ti].pick = p; trips[ti].drop = d
        trips[ti].units.removeAll { $0 == ui }
        trips[ti].load -= u.size; trips[ti].accessible -= u.accessible
        trips[ti].km = cost(pick: p, drop: d, units: trips[ti].units.count) ?? trips[ti].km
    }

    // MARK: construction

    mutating func newTrip(_ b: Int) -> Int {
        trips.append(TripState(bus: b, capacity: fleet[b].usable, accessibleSeats: fleet[b].accessible))
        return trips.count - 1
    }

    /// Fills `buses` in sweep order, filling each bus's last gap from further along the sweep.
    mutating func pack(buses: [Int]) {
        var p = 0
        for b in buses {
            let ti = newTrip(b)
            fill(ti, from: &p)
        }
        repairAccessible()
        leftovers = sweep.filter { !taken[$0] }.map { units[$0] }
        placeLeftoversInExistingTrips()
    }

    mutating func fill(_ ti: Int, from p: inout Int) {
        while p < sweep.count {
            let ui = sweep[p]
            if taken[ui] { p += 1; continue }
            guard let km = fit(ui, trips[ti]) else { break }
            put(ui, into: ti, km: km); p += 1
        }
        // Gap fill: households further along that fit. First those whose stops the bus
        // already visits (free), then, with a few tries, those that add a stop.
        for phase in 0..<2 {
            var q = p, scanned = 0, tries = 0
            while q < sweep.count, scanned < lookahead, tries < 60, trips[ti].load < trips[ti].capacity {
                let ui = sweep[q]
                q += 1; scanned += 1
                if taken[ui] || units[ui].size > trips[ti].capacity - trips[ti].load { continue }
                let u = units[ui]
                let newStop = u.pickups.contains { trips[ti].pick[$0] == nil } || u.dropoffs.contains { trips[ti].drop[$0] == nil }
                if phase == 0 && newStop { continue }
                if newStop { tries += 1 }
                if let km = fit(ui, trips[ti]) { put(ui, into: ti, km: km) }
            }
        }
    }

    /// Households needing accessible seats that found none take a place on a bus that has
    /// them, displacing households that do not need one.
    mutating func repairAccessible() {
        for ui in sweep where !taken[ui] && units[ui].accessible > 0 {
            let u = units[ui]
            let candidates = trips.indices.filter { trips[$0].accessibleSeats - trips[$0].accessible >= u.accessible }
            for ti in candidates {
                var evicted: [Int] = []
                while trips[ti].load + u.size > trips[ti].capacity,
                      let victim = trips[ti].units.last(where: { units[$0].accessible == 0 && !evicted.contains($0) }) {
                    take(victim, from: ti); taken[victim] = false; evicted.append(victim)
                }
                if let km = fit(ui, trips[ti]) { put(ui, into: ti, km: km); break }
                for v in evicted { if let km = fit(v, trips[ti]) { put(v, into: ti, km: km) } }
            }
        }
    }

    /// Leftovers go to the trip where they add the fewest km, among the trips that already
    /// stop at their pickup and the trips with the most free seats.
    mutating func placeLeftoversInExistingTrips() {
        var visiting: [Int: [Int]] = [:]
        for ti in trips.indices { for st in trips[ti].pick.keys { visiting[st, default: []].append(ti) } }
        var rest: [Planner.Unit] = []
        // Trips bucketed by free seats, so the roomiest are found without sorting each time.
        let maxRoom = trips.map(\.capacity).max() ?? 0
        var byRoom = [[Int]](repeating: [], count: maxRoom + 1)   // each sorted by trip index
        for ti in trips.indices { byRoom[trips[ti].capacity - trips[ti].load].append(ti) }
        func insertSorted(_ ti: Int, _ room: Int) {
            var lo = 0, hi = byRoom[room].count
            while lo < hi { let m = (lo + hi) / 2; if byRoom[room][m] < ti { lo = m + 1 } else { hi = m } }
            byRoom[room].insert(ti, at: lo)
        }
        func removeSorted(_ ti: Int, _ room: Int) {
            var lo = 0, hi = byRoom[room].count
            while lo < hi { let m = (lo + hi) / 2; if byRoom[room][m] < ti { lo = m + 1 } else { hi = m } }
            if lo < byRoom[room].count && byRoom[room][lo] == ti { byRoom[room].remove(at: lo) }
        }
        for ui in sweep where !taken[ui] {
            let u = units[ui]
            var candidates = Set(u.pickups.flatMap { visiting[$0] ?? [] })
            var added = 0
            var room = maxRoom
            while room >= u.size && added < 24 {
                for ti in byRoom[room].prefix(24 - added) { candidates.insert(ti); added += 1 }
                room -= 1
            }
            var best: (Double, Int)? = nil
            for ti in candidates.sorted() where trips[ti].capacity - trips[ti].load >= u.size && trips[ti].accessibleSeats - trips[ti].accessible >= u.accessible {
                if let km = fit(ui, trips[ti]) {
                    let delta = km - trips[ti].km
                    if best == nil || delta < best!.0 { best = (delta, ti) }
                }
            }
            if let (_, ti) = best {
                let km = fit(ui, trips[ti])!
                removeSorted(ti, trips[ti].capacity - trips[ti].load)
                put(ui, into: ti, km: km)
                insertSorted(ti, trips[ti].capacity - trips[ti].load)
                for st in u.pickups where !(visiting[st] ?? []).contains(ti) { visiting[st, default: []].append(ti) }
            } else { rest.append(u) }
        }
        leftovers = rest
    }

    /// Packs the leftovers into one more bus.
    mutating func packLeftovers(into b: Int) {
        let ti = newTrip(b)
        var p = 0
        let saved = sweep
        sweep = saved.filter { !taken[$0] }
        fill(ti, from: &p)
        sweep = saved
        leftovers = sweep.filter { !taken[$0] }.map { units[$0] }
    }

    // MARK: fewer buses

    /// Tries to empty the least-loaded trips by moving each of their households to another
    /// trip (cheapest insertion that keeps every cap). A trip is removed only when all of its
    /// households found a place; otherwise nothing moves.
    mutating func eliminateTrips() {
        // Neighbours in sweep order serve the same area: a trip's households can only go there
        // cheaply, and looking only there keeps this linear in the number of trips.
        let reach = 2 * context.options.neighbourhood
        let candidates = trips.indices.sorted { (trips[$0].load, trips[$0].bus) < (trips[$1].load, trips[$1].bus) }
        var failuresInARow = 0
        for ti in candidates {
            if trips[ti].units.isEmpty { continue }
            if failuresInARow >= 25 { return }
            let others = (max(0, ti - reach)...min(trips.count - 1, ti + reach)).filter { $0 != ti && !trips[$0].units.isEmpty }
            let spare = others.reduce(0) { $0 + trips[$1].capacity - trips[$1].load }
            if spare < trips[ti].load { failuresInARow += 1; continue }
            let saved = others.map { trips[$0] } + [trips[ti]]
            var ok = true
            for ui in trips[ti].units.sorted(by: { (units[$0].size, units[$0].id) > (units[$1].size, units[$1].id) }) {
                var best: (Double, Int, Double)? = nil
                for tj in others {
                    if let km = fit(ui, trips[tj]) {
                        let delta = km - trips[tj].km
                        if best == nil || delta < best!.0 { best = (delta, tj, km) }
                    }
                }
                guard let (_, tj, km) = best else { ok = false; break }
                take(ui, from: ti); put(ui, into: tj, km: km)
            }
            if ok {
                trips[ti].units = []; trips[ti].pick = [:]; trips[ti].drop = [:]; trips[ti].load = 0; trips[ti].km = 0
                failuresInARow = 0
            } else {
                for (k, tj) in (others + [ti]).enumerated() { trips[tj] = saved[k] }
                failuresInARow += 1
            }
        }
    }

    // MARK: local search

    /// Relocates stop groups and households between neighbouring trips, and swaps
    /// households, accepting only moves that keep every cap and cut km. Stops when a
    /// round finds nothing or after `rounds` rounds.
    mutating func improve(rounds: Int) {
        guard trips.count > 1 else { return }
        let k = context.options.neighbourhood
        // Don't-look bits: after the first round only trips that changed, and their
        // neighbours, are tried again.
        var dirty = Set(trips.indices)
        for _ in 0..<rounds {
            var changed = Set<Int>()
            for i in trips.indices where dirty.contains(i) {
                let range = trips.count <= 2 * k + 1 ? Array(trips.indices) : (max(0, i - k)...min(trips.count - 1, i + k)).map { $0 }
                for j in range where j != i && !trips[j].units.isEmpty {
                    if trips[i].units.isEmpty { break }
                    var moved = relocateStopGroups(from: i, to: j)
                    moved = relocateUnits(from: i, to: j) || moved
                    moved = swapUnits(i, j) || moved
                    if moved { changed.insert(i); changed.insert(j) }
                }
            }
            if changed.isEmpty { break }
            dirty = []
            for c in changed {
                if trips.count <= 2 * k + 1 { dirty = Set(trips.indices); break }
                for x in max(0, c - k)...min(trips.count - 1, c + k) { dirty.insert(x) }
            }
        }
    }

    mutating func relocateStopGroups(from i: Int, to j: Int) -> Bool {
        var improved = false
        for s in trips[i].pick.keys.sorted() {
            guard trips[i].pick[s] != nil else { continue }
            let group = trips[i].units.filter { units[$0].pickups.contains(s) }
            if group.isEmpty || group.count == trips[i].units.count && trips[j].units.isEmpty { continue }
            let size = group.reduce(0) { $0 + units[$1].size }, acc = group.reduce(0) { $0 + units[$1].accessible }
            guard trips[j].load + size <= trips[j].capacity, trips[j].accessible + acc <= trips[j].accessibleSeats else { continue }
            var pi = trips[i].pick, di = trips[i].drop, pj = trips[j].pick, dj = trips[j].drop
            for g in group {
                for x in units[g].pickups { pi[x]! -= 1; if pi[x] == 0 { pi[x] = nil }; pj[x, default: 0] += 1 }
                for x in units[g].dropoffs { di[x]! -= 1; if di[x] == 0 { di[x] = nil }; dj[x, default: 0] += 1 }
            }
            guard let ki = cost(pick: pi, drop: di, units: trips[i].units.count - group.count),
                  let kj = cost(pick: pj, drop: dj, units: trips[j].units.count + group.count) else { continue }
            if ki + kj < trips[i].km + trips[j].km - 1e-6 {
                for g in group { take(g, from: i); put(g, into: j, km: 0) }
                trips[i].km = ki; trips[j].km = kj
                improved = true
            }
        }
        return improved
    }

    mutating func relocateUnits(from i: Int, to j: Int) -> Bool {
        var improved = false
        for ui in trips[i].units {
            guard let kj = fit(ui, trips[j]) else { continue }
            let (p, d) = removing(units[ui], from: trips[i])
            guard let ki = cost(pick: p, drop: d, units: trips[i].units.count - 1) else { continue }
            if ki + kj < trips[i].km + trips[j].km - 1e-6 {
                take(ui, from: i); put(ui, into: j, km: kj)
                trips[i].km = ki
                improved = true
            }
        }
        return improved
    }

    mutating func swapUnits(_ i: Int, _ j: Int) -> Bool {
        // Only households at stops each trip barely uses: those are the ones worth swapping.
        let minorI = trips[i].units.filter { u in units[u].pickups.contains { trips[i].pick[$0]! <= 3 } }
        let minorJ = trips[j].units.filter { u in units[u].pickups.contains { trips[j].pick[$0]! <= 3 } }
        for a in minorI {
            for b in minorJ {
                guard trips[i].units.contains(a), trips[j].units.contains(b) else { continue }
                let ua = units[a], ub = units[b]
                if ua.pickups == ub.pickups && ua.dropoffs == ub.dropoffs { continue }
                guard trips[i].load - ua.size + ub.size <= trips[i].capacity, trips[j].load - ub.size + ua.size <= trips[j].capacity,
                      trips[i].accessible - ua.accessible + ub.accessible <= trips[i].accessibleSeats,
                      trips[j].accessible - ub.accessible + ua.accessible <= trips[j].accessibleSeats else { continue }
                var ti = trips[i], tj = trips[j]
                (ti.pick, ti.drop) = removing(ua, from: ti); (ti.pick, ti.drop) = adding(ub, to: ti)
                (tj.pick, tj.drop) = removing(ub, from: tj); (tj.pick, tj.drop) = adding(ua, to: tj)
                guard let ki = cost(pick: ti.pick, drop: ti.drop, units: ti.units.count),
                      let kj = cost(pick: tj.pick, drop: tj.drop, units: tj.units.count) else { continue }
                if ki + kj < trips[i].km + trips[j].km - 1e-6 {
                    take(a, from: i); take(b, from: j)
                    put(b, into: i, km: ki); put(a, into: j, km: kj)
                    return true
                }
            }
        }
        return false
    }
}
