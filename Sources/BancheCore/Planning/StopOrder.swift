/// Orders the stops of one trip to minimise road kilometres: pickups first (an open path
/// that starts at the first pickup), then the route's rest areas in their fixed order, then
/// the drop-offs (an open path that ends at the last drop-off).
///
/// Up to `exactLimit` (8) stops per side the order is exact (Held–Karp dynamic programming,
/// 2^n·n² steps), so it is optimal for the usual trip; beyond that, nearest neighbour then 2-opt.
struct StopOrder {
    let travel: TravelModel
    let rest: [Int]
    var exactLimit = 8
    var cache: [[Int]: Result] = [:]

    struct Result {
        var pickups: [Int]
        var dropoffs: [Int]
        var km: Double
        /// Driving minutes between pickups (dwell not included).
        var pickupDriveMinutes: Int
        /// Driving minutes between drop-offs (dwell not included).
        var dropoffDriveMinutes: Int = 0
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
                          pickupDriveMinutes: driveMinutes(p.order), dropoffDriveMinutes: driveMinutes(d.order))
        }
        // No rest areas: aim the pickups at the drop-offs' centre, then the drop-offs from the last pickup.
        let target = dropoffs.min(by: { a, b in centreDistance(a, pickups) < centreDistance(b, pickups) }) ?? pickups.last!
        let p = bestPath(pickups, endCost: { travel.km($0, target) }, startCost: nil)
        let last = p.order.last!
        let d = bestPath(dropoffs, endCost: nil, startCost: { travel.km(last, $0) })
        // The aim at `target` chose the order; the road from the last pickup is `d`'s first leg,
        // so it is counted once.
        let path = p.cost - travel.km(last, target)
        return Result(pickups: p.order, dropoffs: d.order, km: path + d.cost, pickupDriveMinutes: driveMinutes(p.order),
                      dropoffDriveMinutes: driveMinutes(d.order))
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
        if nodes.count <= exactLimit { return heldKarp(nodes, endCost: endCost, startCost: startCost) }
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
        // 2-opt: reversing order[i...j] changes the two edges at its ends and the direction of
        // the edges inside (the road may differ each way), read from prefix sums forwards and
        // backwards, so each try costs O(1) and nothing is copied.
        let n = order.count
        var fwd = [Double](repeating: 0, count: n), bwd = [Double](repeating: 0, count: n)
        func sums() {
            for t in 1..<n {
                fwd[t] = fwd[t - 1] + travel.km(order[t - 1], order[t])
                bwd[t] = bwd[t - 1] + travel.km(order[t], order[t - 1])
            }
        }
        sums()
        var improved = true
        while improved {
            improved = false
            for i in 0..<(n - 1) {
                for j in (i + 1)..<n {
                    let before = (i == 0 ? (startCost?(order[0]) ?? 0) : travel.km(order[i - 1], order[i])) + (fwd[j] - fwd[i])
                        + (j == n - 1 ? (endCost?(order[n - 1]) ?? 0) : travel.km(order[j], order[j + 1]))
                    let after = (i == 0 ? (startCost?(order[j]) ?? 0) : travel.km(order[i - 1], order[j])) + (bwd[j] - bwd[i])
                        + (j == n - 1 ? (endCost?(order[i]) ?? 0) : travel.km(order[i], order[j + 1]))
                    if after < before - 1e-9 {
                        order[i...j].reverse()
                        bestCost = cost(order); sums(); improved = true
                    }
                }
            }
        }
        return (order, bestCost)
    }

    /// Exact shortest open path by dynamic programming over subsets. Ties keep the lower index.
    func heldKarp(_ nodes: [Int], endCost: ((Int) -> Double)?, startCost: ((Int) -> Double)?) -> (order: [Int], cost: Double) {
        let n = nodes.count
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { d[i * n + j] = travel.km(nodes[i], nodes[j]) } }
        let full = (1 << n) - 1
        var dp = [Double](repeating: .infinity, count: (1 << n) * n)
        var parent = [Int8](repeating: -1, count: (1 << n) * n)
        for i in 0..<n { dp[(1 << i) * n + i] = startCost?(nodes[i]) ?? 0 }
        for mask in 1...full {
            for last in 0..<n where mask & (1 << last) != 0 {
                let cur = dp[mask * n + last]
                if cur == .infinity { continue }
                for next in 0..<n where mask & (1 << next) == 0 {
                    let m2 = mask | (1 << next)
                    let c = cur + d[last * n + next]
                    if c < dp[m2 * n + next] - 1e-12 { dp[m2 * n + next] = c; parent[m2 * n + next] = Int8(last) }
                }
            }
        }
        var bestLast = 0, best = Double.infinity
        for last in 0..<n {
            let c = dp[full * n + last] + (endCost?(nodes[last]) ?? 0)
            if c < best - 1e-12 { best = c; bestLast = last }
        }
        var order: [Int] = []
        var mask = full, last = bestLast
        while last >= 0 {
            order.append(nodes[last])
            let p = Int(parent[mask * n + last])
            mask &= ~(1 << last)
            last = p
        }
        return (order.reversed(), best)
    }
}
