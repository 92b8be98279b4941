/// Orders the stops of one trip to minimise road kilometres: pickups first (an open path
/// that starts at the first pickup), then the route's rest areas in their fixed order, then
/// the drop-offs (an open path that ends at the last drop-off).
///
/// Up to `exactLimit` stops per side every order is tried (≤ 6! = 720), so the order is
/// optimal for the usual trip; beyond that, nearest neighbour then 2-opt.
struct StopOrder {
    let travel: TravelModel
    let rest: [Int]
    var exactLimit = 6
    var cache: [[Int]: Result] = [:]

    struct Result {
        var pickups: [Int]
        var dropoffs: [Int]
        var km: Double
        /// Driving minutes between pickups (dwell not included).
        var pickupDriveMinutes: Int
    }

    init(travel: TravelModel, rest: [Int]) { self.travel = travel; self.rest = rest }

    /// Best order for the given stop sets (each sorted, no duplicates). Memoised.
    mutating func order(pickups: [Int], dropoffs: [Int]) -> Result {
        let key = pickups + [-1] + dropoffs
        if let r = cache[key] { return r }
        let r = compute(pickups: pickups, dropoffs: dropoffs)
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[key] = r
        return r
    }

    func compute(pickups: [Int], dropoffs: [Int]) -> Result {
        // The haul joins the two paths: last pickup → rest areas → first drop-off.
        let bridgeIn = rest.first, bridgeOut = rest.last
        var restKm = 0.0
        for i in rest.indices.dropFirst() { restKm += travel.km(rest[i - 1], rest[i]) }
        if let bIn = bridgeIn, let bOut = bridgeOut {
            let p = bestPath(pickups, endCost: { travel.km($0, bIn) }, startCost: nil)
            let d = bestPath(dropoffs, endCost: nil, startCost: { travel.km(bOut, $0) })
            return Result(pickups: p.order, dropoffs: d.order, km: p.cost + restKm + d.cost,
                          pickupDriveMinutes: driveMinutes(p.order))
        }
        // No rest areas: aim the pickups at the drop-offs' centre, then the drop-offs from the last pickup.
        let target = dropoffs.min(by: { a, b in centreDistance(a, pickups) < centreDistance(b, pickups) }) ?? pickups.last!
        let p = bestPath(pickups, endCost: { travel.km($0, target) }, startCost: nil)
        let last = p.order.last!
        let d = bestPath(dropoffs, endCost: nil, startCost: { travel.km(last, $0) })
        return Result(pickups: p.order, dropoffs: d.order, km: p.cost + d.cost, pickupDriveMinutes: driveMinutes(p.order))
    }

    func centreDistance(_ a: Int, _ set: [Int]) -> Double { set.reduce(0) { $0 + travel.km($1, a) } }

    func driveMinutes(_ order: [Int]) -> Int {
        var m = 0
        for i in order.indices.dropFirst() { m += travel.minutes(order[i - 1], order[i]) }
        return m
    }

    /// Shortest open path through `nodes`, plus an optional cost to leave the last node or to
    /// reach the first one.
    func bestPath(_ nodes: [Int], endCost: ((Int) -> Double)?, startCost: ((Int) -> Double)?) -> (order: [Int], cost: Double) {
        if nodes.count <= 1 {
            let n = nodes.first
            return (nodes, n.map { (endCost?($0) ?? 0) + (startCost?($0) ?? 0) } ?? 0)
        }
        func cost(_ o: [Int]) -> Double {
            var c = startCost?(o[0]) ?? 0
            for i in 1..<o.count { c += travel.km(o[i - 1], o[i]) }
            return c + (endCost?(o[o.count - 1]) ?? 0)
        }
        if nodes.count <= exactLimit {
            var best = nodes, bestCost = cost(nodes)
            var a = nodes
            // Heap's algorithm: every permutation once, deterministic.
            var c = [Int](repeating: 0, count: a.count)
            var i = 0
            while i < a.count {
                if c[i] < i {
                    if i % 2 == 0 { a.swapAt(0, i) } else { a.swapAt(c[i], i) }
                    let k = cost(a)
                    if k < bestCost - 1e-9 { bestCost = k; best = a }
                    c[i] += 1; i = 0
                } else { c[i] = 0; i += 1 }
            }
            return (best, bestCost)
        }
        // Nearest neighbour from the cheapest start, then 2-opt until no gain.
        var left = Set(nodes)
        var start = nodes[0]
        if let startCost { start = nodes.min(by: { startCost($0) < startCost($1) })! }
        else { start = nodes.max(by: { a, b in (endCost?(a) ?? 0) < (endCost?(b) ?? 0) })! }
        var order = [start]; left.remove(start)
        while !left.isEmpty {
            let last = order.last!
            let next = left.min(by: { (travel.km(last, $0), $0) < (travel.km(last, $1), $1) })!
            order.append(next); left.remove(next)
        }
        var bestCost = cost(order)
        var improved = true
        while improved {
            improved = false
            for i in 0..<(order.count - 1) {
                for j in (i + 1)..<order.count {
                    var o = order
                    o[i...j].reverse()
                    let k = cost(o)
                    if k < bestCost - 1e-9 { order = o; bestCost = k; improved = true }
                }
            }
        }
        return (order, bestCost)
    }
}
