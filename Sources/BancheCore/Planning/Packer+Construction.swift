import Foundation

/// Construction: units in sweep order fill buses, leftovers find seats or one more bus.
extension Packer {
    // MARK: sweep

    /// Units sorted by the angle of their first pickup around the pickups' centre, starting
    /// from the bearing of the destination, so each bus takes one compact sector; within a
    /// pickup, by the angle of the drop-off around the drop-offs' centre. `dropoffsFirst`
    /// swaps the two keys: each bus then takes the people of neighbouring drop-offs, the order
    /// that keeps a drop-off cap (three factories a bus) from cutting every bus short.
    func sweepOrder(dropoffsFirst: Bool = false) -> [Int] {
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
        // The sort keys looked up once per unit, not per comparison.
        let pa = units.map { $0.pickups[0] }, da = units.map { $0.dropoffs[0] }
        let pAngle = pa.map { angle[$0]! }, pDist = pa.map { dist[$0]! }, dA = da.map { dAngle[$0]! }
        return units.indices.sorted { i, j in
            if dropoffsFirst && da[i] != da[j] { return (dA[i], da[i]) < (dA[j], da[j]) }
            if pa[i] != pa[j] { return (pAngle[i], pDist[i], pa[i]) < (pAngle[j], pDist[j], pa[j]) }
            if da[i] != da[j] { return (dA[i], da[i]) < (dA[j], da[j]) }
            return units[i].id < units[j].id
        }
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
        if densest { fillDensest(ti, from: &p); return }
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

    /// Fills trip `ti` from the next household of the sweep, then, again and again, with the
    /// households of the stops that bring the most people aboard: first those whose stops the
    /// bus already calls at, then, among the sets of stops one household would add, the set
    /// whose households fill the most seats within every cap (ties: fewer km, then the set's
    /// stops). Under tight caps on both ends (two villages and three factories a bus) the sweep
    /// opens a bus at a village and cuts it short at the first household bound elsewhere; this
    /// fills it with the village pairs and factory groups that go together. Looks `lookahead`
    /// households along the sweep.
    mutating func fillDensest(_ ti: Int, from p: inout Int) {
        while p < sweep.count && taken[sweep[p]] { p += 1 }
        guard p < sweep.count, let first = fit(sweep[p], trips[ti]) else { return }
        put(sweep[p], into: ti, km: first); p += 1
        while trips[ti].load < trips[ti].capacity {
            let room = trips[ti].capacity - trips[ti].load, accRoom = trips[ti].accessibleSeats - trips[ti].accessible
            // The households within reach, by the stops each would add (pickups, then -1, then drop-offs).
            var byNew: [[Int]: [Int]] = [:]
            var q = p, scanned = 0
            while q < sweep.count, scanned < lookahead {
                let ui = sweep[q]; q += 1
                if taken[ui] { continue }
                scanned += 1
                let u = units[ui]
                if u.size > room || u.accessible > accRoom { continue }
                let key = u.pickups.filter { trips[ti].pick[$0] == nil }.sorted() + [-1] + u.dropoffs.filter { trips[ti].drop[$0] == nil }.sorted()
                byNew[key, default: []].append(ui)
            }
            var best: (people: Int, km: Double, key: [Int])? = nil
            for (key, us) in byNew {
                let people = min(room, us.reduce(0) { $0 + units[$1].size })
                if let b = best, people < b.people { continue }
                guard let km = fit(us[0], trips[ti]) else { continue }
                if let b = best, people == b.people && (km > b.km || (km == b.km && !key.lexicographicallyPrecedes(b.key))) { continue }
                best = (people, km, key)
            }
            guard let b = best else { break }
            var added = false
            for ui in byNew[b.key]! where units[ui].size <= trips[ti].capacity - trips[ti].load {
                if let km = fit(ui, trips[ti]) { put(ui, into: ti, km: km); added = true }
            }
            if !added { break }
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

    /// Households needing accessible seats whom no bus with such seats can take — its seats or
    /// its pickup or drop-off caps used up by others — get a place all the same: the households
    /// boarding at one stop, or alighting at one, none of them needing an accessible seat, move
    /// from such a bus to trip `ti` (a bus just opened), and the household takes their place. The move adding the fewest km
    /// first. Returns whether anyone was seated. (Without it, a household of three with two
    /// wheelchair users was left out while eight buses stood free, and the planner then chose
    /// a plan of 23 buses over one of 14.)
    mutating func makeRoomForAccessible(in ti: Int) -> Bool {
        var seated = false
        for ui in sweep where !taken[ui] && units[ui].accessible > 0 {
            let u = units[ui]
            var best: (delta: Double, t: Int, s: Int)? = nil
            // The households boarding at one stop, or alighting at one (a stop key below 0).
            func movable(_ t: Int, _ key: Int) -> [Int] {
                let g = key >= 0 ? group(key, on: t) : trips[t].units.filter { units[$0].dropoffs.contains(-key - 1) }
                return g.allSatisfy({ units[$0].accessible == 0 }) ? g : []
            }
            for t in trips.indices where t != ti && trips[t].accessibleSeats - trips[t].accessible >= u.accessible {
                for key in trips[t].pick.keys.sorted() + trips[t].drop.keys.sorted().map({ -$0 - 1 }) {
                    let g = movable(t, key)
                    guard !g.isEmpty else { continue }
                    if let delta = tryMaking(room: ui, moving: g, from: t, to: ti, keep: false), best == nil || delta < best!.delta {
                        best = (delta, t, key)
                    }
                }
            }
            if let b = best, tryMaking(room: ui, moving: movable(b.t, b.s), from: b.t, to: ti, keep: true) != nil { seated = true }
        }
        return seated
    }

    /// Moves `g` from trip `from` to trip `to`, then seats `ui` on `from`; the km added, or nil
    /// when a seat or cap refuses. Undone unless `keep`.
    private mutating func tryMaking(room ui: Int, moving g: [Int], from: Int, to: Int, keep: Bool) -> Double? {
        let savedFrom = trips[from], savedTo = trips[to], savedTaken = taken
        let before = trips[from].km + trips[to].km
        func undo() { trips[from] = savedFrom; trips[to] = savedTo; taken = savedTaken }
        for v in g { take(v, from: from) }
        for v in g {
            guard let km = fit(v, trips[to]) else { undo(); return nil }
            put(v, into: to, km: km)
        }
        guard let km = fit(ui, trips[from]) else { undo(); return nil }
        put(ui, into: from, km: km)
        let delta = trips[from].km + trips[to].km - before
        if !keep { undo() }
        return delta
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
        // (stop, trip) pairs already in `visiting`.
        var visits = Set<Int>()
        for (st, tis) in visiting { for ti in tis { visits.insert(st << 32 | ti) } }
        var candidates: [Int] = []
        for ui in sweep where !taken[ui] {
            let u = units[ui]
            // Trips calling at the household's stops with room for it (a busy village is
            // visited by many full buses), and the roomiest trips; in trip order, once each.
            candidates.removeAll(keepingCapacity: true)
            for st in u.pickups { for ti in visiting[st] ?? [] where trips[ti].capacity - trips[ti].load >= u.size { candidates.append(ti) } }
            var added = 0
            var room = maxRoom
            while room >= u.size && added < 24 {
                for ti in byRoom[room].prefix(24 - added) { candidates.append(ti); added += 1 }
                room -= 1
            }
            candidates.sort()
            var best: (Double, Int)? = nil
            for (k, ti) in candidates.enumerated() where (k == 0 || candidates[k - 1] != ti)
                && trips[ti].capacity - trips[ti].load >= u.size && trips[ti].accessibleSeats - trips[ti].accessible >= u.accessible {
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
                for st in u.pickups where visits.insert(st << 32 | ti).inserted { visiting[st, default: []].append(ti) }
            } else { rest.append(u) }
        }
        leftovers = rest
    }

    /// Households that waited (seats were short and others went first) are offered the seats
    /// the packing left free, in the order given, where every cap still holds; those who find
    /// none are left over. (Before, the seats the first households could not use stayed empty:
    /// with 4 buses and 484 people for 196 seats, 68 rode.)
    mutating func offer(_ extra: [Planner.Unit]) {
        guard !extra.isEmpty else { return }
        let start = units.count, before = leftovers, saved = sweep
        units += extra
        taken += Array(repeating: false, count: extra.count)
        sweep = Array(start..<units.count)
        placeLeftoversInExistingTrips()
        sweep = saved + sweep
        leftovers = before + leftovers
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
}
