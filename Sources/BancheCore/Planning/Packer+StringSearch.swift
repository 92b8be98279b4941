/// Move: string removals over the day's packing (`StringSearch`), where a trip's km split into
/// its pickup path and a rest that depends only on its drop-offs: the route has rest areas (the
/// pickups end at the first one), or every household of the day gets off at the same one stop.
/// A group is a village's households on one bus (with `wholeStops`, all of a village's
/// households); households without a seat wait in the pool as one group per village
/// (`wholeStops`) or one each. The result replaces the packing only when it is better by the
/// packing's own score (people without a seat, buses, split villages, km) and every trip keeps
/// its caps in the stop order the trip will run.
extension Packer {
    /// Whether the day's trips can be searched this way: one pickup stop per household, the
    /// villages on the pickup side (at least as many pickup stops as drop-offs), and km that
    /// split as above. Returns the end of every pickup path.
    func stringSearchEnd() -> Int? {
        guard !units.isEmpty, units.allSatisfy({ $0.pickups.count == 1 }) else { return nil }
        let pickups = Set(units.map { $0.pickups[0] }), drops = Set(units.flatMap(\.dropoffs))
        guard pickups.count >= drops.count, drops.count <= StringSearch.maxDrops else { return nil }
        if let first = order.rest.first { return first }
        let d0 = units[0].dropoffs
        guard d0.count == 1, units.allSatisfy({ $0.dropoffs == d0 }) else { return nil }
        return d0[0]
    }

    /// What a split village weighs in the search under `needed`: half the road from the
    /// farthest village to where the pickups end, less than a bus (which drives all of it)
    /// and more than most detours.
    static func splitCost(_ context: RouteContext, end: Int) -> Double {
        0.5 * (0..<context.travel.stopCount).reduce(0.0) { max($0, context.travel.km($1, end)) }
    }

    /// - Parameter iterations: ruins tried; 0 turns the move off.
    mutating func stringSearch(iterations: Int, wholeStops: Bool, countSplits: Bool) {
        guard iterations > 0, trips.count > 1, let end = stringSearchEnd() else { return }
        // Who waits: with `wholeStops` a village part of which waits waits whole (and is
        // placed whole or not at all); otherwise a household at a time.
        var waiting: [Int: [Int]] = [:]
        for u in units.indices where !taken[u] { waiting[units[u].pickups[0], default: []].append(u) }
        let byStop = Dictionary(grouping: units.indices, by: { units[$0].pickups[0] })
        // Groups: per bus, its villages in the order the bus calls at them.
        var members: [[Int]] = []
        var routes: [[Int]] = []
        for t in trips.indices {
            var route: [Int] = []
            let calls = trips[t].units.isEmpty ? [] : order.order(pickups: trips[t].pick.keys.sorted(), dropoffs: trips[t].drop.keys.sorted()).pickups
            for s in calls where !(wholeStops && waiting[s] != nil) {
                route.append(members.count)
                members.append(trips[t].units.filter { units[$0].pickups[0] == s }.sorted())
            }
            routes.append(route)
        }
        for s in waiting.keys.sorted() {
            if wholeStops { members.append(byStop[s]!) } else { for u in waiting[s]! { members.append([u]) } }
        }
        let groups = members.map { g in
            StringSearch.Group(stop: units[g[0]].pickups[0], size: g.reduce(0) { $0 + units[$1].size },
                               accessible: g.reduce(0) { $0 + units[$1].accessible },
                               drops: Array(Set(g.flatMap { units[$0].dropoffs })).sorted())
        }
        var stopOrder = order
        let ctx = context
        let noRest = order.rest.isEmpty
        let tail: ([Int]) -> Double? = { drops in
            // Without rest areas the day has one drop-off, where every pickup path ends.
            if noRest { return 0 }
            if drops.count > ctx.maxDropoffStops { return nil }
            let r = stopOrder.order(pickups: [], dropoffs: drops)
            if r.dropoffDriveMinutes + ctx.options.alightingMinutes * drops.count > ctx.maxDropoffMinutes { return nil }
            return r.km
        }
        var caps = StringSearch.Caps()
        caps.maxStops = context.maxStops; caps.maxPickupMinutes = context.maxPickupMinutes; caps.boardingMinutes = context.options.boardingMinutes
        // No trip gathers longer than the day's longest as built: a route that allows a long
        // pickup phase allows it, but a crew must still drive it (with 1,000 pickup minutes
        // allowed, the search filled buses from 13 villages and crews could staff only 6 of 10
        // trips; `SmallFleetCrewTests`).
        if caps.maxPickupMinutes < Int.max / 4 {
            var longest = 0
            for t in trips where t.units.count > 1 {
                let r = order.order(pickups: t.pick.keys.sorted(), dropoffs: t.drop.keys.sorted())
                longest = max(longest, r.pickupDriveMinutes + context.options.boardingMinutes * t.pick.count)
            }
            caps.maxPickupMinutes = min(caps.maxPickupMinutes, max(longest, context.options.boardingMinutes))
        }
        var search = StringSearch(groups: groups, capacity: trips.map(\.capacity), accessibleSeats: trips.map(\.accessibleSeats),
                                  routes: routes, caps: caps, end: end, travel: context.travel,
                                  splitCost: countSplits && !wholeStops ? Self.splitCost(context, end: end) : 0, tail: tail)
        search.run(iterations: iterations)
        // The new packing, checked trip by trip in the order each will run.
        let before = packingScore(countSplits: countSplits)
        let saved = (trips, taken)
        for t in trips.indices {
            for u in trips[t].units { taken[u] = false }
            trips[t].units = []; trips[t].pick = [:]; trips[t].drop = [:]; trips[t].load = 0; trips[t].accessible = 0; trips[t].km = 0
        }
        var fits = true
        for (t, route) in search.routes.enumerated() where !route.isEmpty {
            for g in route { for u in members[g] { put(u, into: t, km: 0) } }
            guard let km = cost(pick: trips[t].pick, drop: trips[t].drop, units: trips[t].units.count) else { fits = false; break }
            trips[t].km = km
        }
        if !fits || !(packingScore(countSplits: countSplits) < before) { (trips, taken) = saved }
    }
}
