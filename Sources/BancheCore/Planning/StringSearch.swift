import Foundation

/// Moves groups of travellers who board together (a village's households on one bus) between
/// the buses of one day, by *slack induction by string removals* (SISR: Christiaens and Vanden
/// Berghe 2020, "Slack induction by string removals for vehicle routing problems",
/// Transportation Science 54(2), 417–433), the ruin-and-recreate search behind several of the
/// best known CVRP solutions.
///
/// Each iteration takes a few *strings* (runs of consecutive pickups) off buses that call near a
/// random village, then puts every group back, one at a time, where it adds the fewest km
/// (skipping a candidate place now and then, the "blinks"), and keeps the result by simulated
/// annealing; the best state found is returned. A group that fits nowhere waits in a pool and is
/// tried again at every iteration; each person waiting costs more than any bus's km, so the
/// search never trades a seat for km.
///
/// The problem it solves is the packer's with the stop order made explicit: a bus's pickups
/// are an open path (it starts at its first pickup) that ends at `end` (the route's first rest
/// area, or the day's one drop-off), and the rest of its km (`tail`) depends only on the set of
/// drop-offs it calls at. Seats, accessible seats, the number of pickup stops, the pickup
/// minutes (driving plus boarding) and the drop-off caps (`tail` returns nil) are kept on every
/// bus with more than one group, as the packer keeps them. Deterministic for a seed.
struct StringSearch {
    struct Group {
        /// Pickup stop (model index).
        var stop: Int
        var size: Int
        var accessible: Int
        /// Drop-off stops, sorted, no duplicates.
        var drops: [Int]
    }

    struct Caps {
        var maxStops = Int.max
        var maxPickupMinutes = Int.max / 4
        var boardingMinutes = 0
    }

    let groups: [Group]
    let capacity: [Int], accessibleSeats: [Int]
    let caps: Caps
    /// Km of the rest of a trip for its drop-off set (rest areas and drop-offs), or nil when the
    /// set breaks a drop-off cap.
    let tail: ([Int]) -> Double?
    /// Whether every group has the same drop-offs (the tail is then one constant).
    let uniformDrops: Bool

    // Local stop indexes: 0..<m, `endLocal` the end of every pickup path.
    let local: [Int]            // group → local stop
    let endLocal: Int
    let m: Int
    let km: [Double]
    let minutes: [Int32]
    /// Whether the pickup minutes are capped at all (else they are not computed).
    let timed: Bool
    /// Whether a bus's distinct pickup stops matter (a stop cap that can bind, or boarding
    /// minutes under a time cap).
    let countStops: Bool
    /// Each group's nearest groups (by the km between their stops), for the ruin.
    let near: [[Int32]]

    // State.
    var routes: [[Int]]
    var routeOf: [Int]
    var pool: [Int]
    var load: [Int], acc: [Int], pickMinutes: [Int], stopsOn: [Int], dropSet: [UInt64], cost: [Double]
    /// Drop-off stops by bit (at most 64 on a day: `StringSearch.maxDrops`), and each group's.
    let dropStops: [Int]
    let dropMask: [UInt64]
    var tailMemo: [UInt64: Double?] = [:]
    /// The tail of every bus when the drop-offs are uniform.
    let commonTail: Double?
    let penalty: Double
    /// Buses of this many nearest groups are tried first.
    let nearBuses = 16
    var stamp = 0
    var seen: [Int]
    var candidates: [Int] = []
    /// Buses with no group at the start (one of each size is enough to try, but all are few).
    var empty: [Int] = []
    let splitCost: Double
    /// Per local stop, the buses calling there; per bus, its stops; and the calls beyond a
    /// village's first bus (split villages), when splits cost.
    var holders: [Int]
    var callsAt: [[Int]]
    var extraHolders = 0
    /// Sum of `cost`, kept as buses change.
    var routeKm = 0.0
    /// Per bus: the iteration that last saved it (to undo a rejected one).
    var savedAt: [Int]

    /// `routes`: the groups on each bus, in pickup order; groups on no bus start in the pool.
    /// `splitCost`: km a village on one more bus costs (`--split-stops needed`); 0 for none.
    init(groups: [Group], capacity: [Int], accessibleSeats: [Int], routes: [[Int]], caps: Caps, end: Int,
         travel: TravelModel, splitCost: Double = 0, tail: @escaping ([Int]) -> Double?) {
        self.groups = groups; self.capacity = capacity; self.accessibleSeats = accessibleSeats
        self.caps = caps; self.tail = tail
        let uniform = groups.allSatisfy { $0.drops == groups.first?.drops }
        let allDrops = Array(Set(groups.flatMap(\.drops))).sorted()
        precondition(allDrops.count <= Self.maxDrops)
        dropStops = allDrops
        let bit = Dictionary(uniqueKeysWithValues: allDrops.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
        dropMask = groups.map { $0.drops.reduce(UInt64(0)) { $0 | bit[$1]! } }
        uniformDrops = uniform
        commonTail = uniform ? tail(groups.first?.drops ?? []) : nil
        var ids: [Int: Int] = [:], stops: [Int] = []
        func id(_ s: Int) -> Int { if let i = ids[s] { return i }; ids[s] = stops.count; stops.append(s); return stops.count - 1 }
        local = groups.map { id($0.stop) }
        endLocal = id(end)
        m = stops.count
        timed = caps.maxPickupMinutes < Int.max / 4
        countStops = timed || caps.maxStops < groups.count
        var k = [Double](repeating: 0, count: m * m), mi = [Int32](repeating: 0, count: timed ? m * m : 0)
        for a in 0..<m { for b in 0..<m where a != b {
            k[a * m + b] = travel.km(stops[a], stops[b])
            if timed { mi[a * m + b] = Int32(clamping: travel.minutes(stops[a], stops[b])) }
        } }
        km = k; minutes = mi
        // Nearest groups: the 40 closest by stop, ties by index.
        let n = groups.count, kNear = min(40, max(0, n - 1))
        var nearList: [[Int32]] = []
        nearList.reserveCapacity(n)
        for g in 0..<n {
            let row = local[g] * m
            var best: [(Double, Int)] = []
            best.reserveCapacity(kNear + 1)
            for h in 0..<n where h != g {
                let d = k[row + local[h]]
                if best.count == kNear, let last = best.last, (d, h) >= last { continue }
                let at = best.firstIndex { (d, h) < $0 } ?? best.count
                best.insert((d, h), at: at)
                if best.count > kNear { best.removeLast() }
            }
            nearList.append(best.map { Int32($0.1) })
        }
        near = nearList
        var farthest = 0.0
        for g in 0..<n { farthest = max(farthest, k[local[g] * m + endLocal]) }
        penalty = 2 * farthest + 1000
        self.splitCost = splitCost
        holders = Array(repeating: 0, count: m)
        callsAt = Array(repeating: [], count: routes.count)
        self.routes = routes
        var of = Array(repeating: -1, count: n)
        for (r, rt) in routes.enumerated() { for g in rt { of[g] = r } }
        routeOf = of
        pool = (0..<n).filter { of[$0] < 0 }
        let R = routes.count
        load = Array(repeating: 0, count: R); acc = load; pickMinutes = load; stopsOn = load
        dropSet = Array(repeating: 0, count: R); cost = Array(repeating: 0, count: R)
        savedAt = Array(repeating: -1, count: R)
        seen = Array(repeating: 0, count: R)
        // Empty buses: one per (seats, accessible seats), the first of each.
        var kinds = Set<[Int]>()
        for r in 0..<R where routes[r].isEmpty && kinds.insert([capacity[r], accessibleSeats[r]]).inserted { empty.append(r) }
        for r in 0..<R { refresh(r) }
    }

    // MARK: state of one bus

    func d(_ a: Int, _ b: Int) -> Double { km[a * m + b] }

    /// Drop-off stops a day may have for the search to run (one bit each; beyond 16 the rest of
    /// a trip costs a 2-opt per new set of drop-offs, and 100,000 workers to 40 factories took
    /// twice as long: docs/performance.md).
    static let maxDrops = 16

    mutating func tailKm(_ set: UInt64) -> Double? {
        if uniformDrops { return commonTail }
        if let t = tailMemo[set] { return t }
        var stops: [Int] = []
        for (i, s) in dropStops.enumerated() where set & (UInt64(1) << UInt64(i)) != 0 { stops.append(s) }
        let t = tail(stops)
        tailMemo[set] = t
        return t
    }

    /// Recomputes a bus's load, minutes, stops, drop-offs and km from its groups.
    mutating func refresh(_ r: Int) {
        let rt = routes[r]
        var l = 0, a = 0, mins = 0, c = 0.0, distinct = 0
        var drops: UInt64 = 0
        for (i, g) in rt.enumerated() {
            l += groups[g].size; a += groups[g].accessible
            if i > 0 {
                let p = local[rt[i - 1]], q = local[g]
                c += km[p * m + q]
                if timed { mins += Int(minutes[p * m + q]) }
            }
            if countStops {
                var seenBefore = false
                for h in rt[..<i] where groups[h].stop == groups[g].stop { seenBefore = true; break }
                if !seenBefore { distinct += 1 }
            }
            drops |= dropMask[g]
        }
        if let last = rt.last { c += km[local[last] * m + endLocal] + (tailKm(drops) ?? 1e9) }
        load[r] = l; acc[r] = a; pickMinutes[r] = mins; stopsOn[r] = distinct; dropSet[r] = drops
        routeKm += c - cost[r]; cost[r] = c
        if splitCost > 0 {
            // The villages this bus calls at, and on how many buses each is.
            for s in callsAt[r] { holders[s] -= 1; if holders[s] >= 1 { extraHolders -= 1 } }
            var calls: [Int] = []
            for g in rt where !calls.contains(local[g]) { calls.append(local[g]) }
            for s in calls { if holders[s] >= 1 { extraHolders += 1 }; holders[s] += 1 }
            callsAt[r] = calls
        }
    }

    var total: Double {
        var t = routeKm + splitCost * Double(extraHolders)
        for g in pool { t += penalty * Double(groups[g].size) }
        return t
    }

    /// People on no bus.
    var waiting: Int { pool.reduce(0) { $0 + groups[$1].size } }

    // MARK: recreate

    /// The cheapest place for group `g`: (bus, position, added km), or nil when it fits nowhere.
    /// Buses tried first: those of the group's nearest groups, and the empty ones (granular
    /// neighbourhood); every bus when none of those has room.
    mutating func cheapestPlace(_ g: Int, blinks: Bool, rng: inout SplitMix64) -> (Int, Int, Double)? {
        stamp += 1
        candidates.removeAll(keepingCapacity: true)
        for h in near[g].prefix(nearBuses) { let r = routeOf[Int(h)]; if r >= 0 && seen[r] != stamp { seen[r] = stamp; candidates.append(r) } }
        for r in empty where seen[r] != stamp && routes[r].isEmpty { seen[r] = stamp; candidates.append(r) }
        if let found = cheapestPlace(g, among: candidates, blinks: blinks, rng: &rng) { return found }
        candidates.removeAll(keepingCapacity: true)
        let size = groups[g].size
        for r in routes.indices where seen[r] != stamp && load[r] + size <= capacity[r] { candidates.append(r) }
        return cheapestPlace(g, among: candidates, blinks: blinks, rng: &rng)
    }

    mutating func cheapestPlace(_ g: Int, among buses: [Int], blinks: Bool, rng: inout SplitMix64) -> (Int, Int, Double)? {
        let G = groups[g], v = local[g]
        var best: (Int, Int, Double)? = nil
        var bestKm = Double.infinity
        // A blink skips a place with probability 1/128 (7 random bits a place).
        let blinking = blinks
        for r in buses {
            guard load[r] + G.size <= capacity[r], acc[r] + G.accessible <= accessibleSeats[r] else { continue }
            let count = routes[r].count
            if count == 0 {
                guard let t = tailKm(dropMask[g]) else { continue }
                let delta = d(v, endLocal) + t
                if delta < bestKm { best = (r, 0, delta); bestKm = delta }
                continue
            }
            // Caps for the bus with one more group.
            var stops = stopsOn[r]
            if countStops {
                var newStop = true
                for h in routes[r] where groups[h].stop == G.stop { newStop = false; break }
                if newStop { stops += 1 }
                if stops > caps.maxStops { continue }
            }
            var tailDelta = 0.0
            if !uniformDrops && dropMask[g] & ~dropSet[r] != 0 {
                guard let t = tailKm(dropSet[r] | dropMask[g]), let old = tailKm(dropSet[r]) else { continue }
                tailDelta = t - old
            }
            let boarding = caps.boardingMinutes * stops
            // A village's group on a bus that does not call there yet, while another does.
            var splitDelta = 0.0
            if splitCost > 0 && holders[v] > 0 {
                var calls = false
                for h in routes[r] where local[h] == v { calls = true; break }
                if !calls { splitDelta = splitCost }
            }
            var bits = blinking ? rng.next() : 0
            var left = 9
            routes[r].withUnsafeBufferPointer { rt in
                km.withUnsafeBufferPointer { k in
                    for p in 0...count {
                        if blinking {
                            if left == 0 { bits = rng.next(); left = 9 }
                            let skip = bits & 127 == 0
                            bits >>= 7; left -= 1
                            if skip { continue }
                        }
                        let delta: Double
                        var addMin = 0
                        if p == 0 {
                            let b = local[rt[0]]
                            delta = k[v * m + b]
                            if timed { addMin = Int(minutes[v * m + b]) }
                        } else {
                            let a = local[rt[p - 1]]
                            let b = p < count ? local[rt[p]] : endLocal
                            delta = k[a * m + v] + k[v * m + b] - k[a * m + b]
                            if timed { addMin = p < count ? Int(minutes[a * m + v]) + Int(minutes[v * m + b]) - Int(minutes[a * m + b]) : Int(minutes[a * m + v]) }
                        }
                        let total = delta + tailDelta + splitDelta
                        if total >= bestKm - 1e-9 { continue }
                        if timed && pickMinutes[r] + addMin + boarding > caps.maxPickupMinutes { continue }
                        best = (r, p, total); bestKm = total
                    }
                }
            }
        }
        return best
    }

    mutating func insert(_ g: Int, route r: Int, at p: Int) {
        routes[r].insert(g, at: p); routeOf[g] = r
    }

    // MARK: the search

    /// Runs `iterations` ruins and recreates; leaves the best state found.
    mutating func run(iterations: Int, seed: UInt64 = 0x7369_7372) {
        guard iterations > 0, !groups.isEmpty, !routes.isEmpty else { return }
        var rng = SplitMix64(seed: seed)
        // Temperatures on the scale of the distance to a group's nearest neighbour.
        var nn = 0.0, counted = 0
        for g in groups.indices where !near[g].isEmpty { nn += d(local[g], local[Int(near[g][0])]); counted += 1 }
        let t0 = max(0.01, 4 * nn / Double(max(1, counted))), tf = t0 / 20
        // The paper's c̄ (groups removed on average) and L_max (longest string).
        let cBar = 10.0, lMax = 10.0
        var current = total
        var best = (routes, pool, current)
        var saved: [(Int, [Int])] = []
        var removed: [Int] = [], ruined: [Int] = []
        for it in 0..<iterations {
            let temperature = t0 * pow(tf / t0, Double(it) / Double(iterations))
            saved.removeAll(keepingCapacity: true)
            let savedPool = pool
            // Ruin: strings from buses near a random placed group.
            removed.removeAll(keepingCapacity: true); ruined.removeAll(keepingCapacity: true)
            let placed = groups.count - pool.count
            if placed > 0 {
                var seedGroup = rng.int(0...(groups.count - 1))
                while routeOf[seedGroup] < 0 { seedGroup = rng.int(0...(groups.count - 1)) }
                // Half the time while someone waits: the strings come from around them.
                if !pool.isEmpty && rng.unit() < 0.5 {
                    let w = pool[rng.int(0...(pool.count - 1))]
                    if let h = near[w].first(where: { routeOf[Int($0)] >= 0 }) { seedGroup = Int(h) }
                }
                let busy = routes.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
                let lsMax = min(lMax, Double(placed) / Double(max(1, busy)))
                let ksMax = 4 * cBar / (1 + lsMax) - 1
                let ks = Int(rng.unit() * max(1, ksMax)) + 1
                var k = -1
                while ruined.count < ks && k < near[seedGroup].count {
                    let c = k < 0 ? seedGroup : Int(near[seedGroup][k])
                    k += 1
                    let r = routeOf[c]
                    if r < 0 || ruined.contains(r) { continue }
                    ruined.append(r)
                    if savedAt[r] != it { savedAt[r] = it; saved.append((r, routes[r])) }
                    let rt = routes[r]
                    let l = Int(rng.unit() * min(Double(rt.count), lsMax)) + 1
                    // Half the time a "split string": m of the string's groups, in one run,
                    // stay (m grows while a coin with 1 − β, β = 0.01, keeps landing).
                    var keep = 0
                    if l < rt.count && rng.unit() < 0.5 {
                        keep = 1
                        while l + keep < rt.count && rng.unit() > 0.01 { keep += 1 }
                    }
                    let span = l + keep
                    let at = rt.firstIndex(of: c)!
                    let lo = max(0, at - span + 1), hi = min(at, rt.count - span)
                    let start = lo + (hi > lo ? rng.int(0...(hi - lo)) : 0)
                    let kept = keep > 0 ? start + rng.int(0...l) : -1
                    var rest: [Int] = []
                    for (i, g) in rt.enumerated() {
                        if i >= start && i < start + span && !(i >= kept && i < kept + keep) { removed.append(g); routeOf[g] = -1 }
                        else { rest.append(g) }
                    }
                    routes[r] = rest
                    refresh(r)
                }
            }
            // Recreate: the waiting too, in one of four orders.
            var todo = removed + pool
            pool.removeAll(keepingCapacity: true)
            let pick = rng.int(0...10)
            if pick < 4 { for i in stride(from: todo.count - 1, to: 0, by: -1) { todo.swapAt(i, rng.int(0...i)) } }
            else if pick < 8 { todo.sort { (groups[$0].size, $1) > (groups[$1].size, $0) } }
            else if pick < 10 { todo.sort { (d(local[$0], endLocal), $1) > (d(local[$1], endLocal), $0) } }
            else { todo.sort { (d(local[$0], endLocal), $0) < (d(local[$1], endLocal), $1) } }
            for g in todo {
                if let (r, p, _) = cheapestPlace(g, blinks: true, rng: &rng) {
                    if savedAt[r] != it { savedAt[r] = it; saved.append((r, routes[r])) }
                    insert(g, route: r, at: p)
                    refresh(r)
                } else {
                    pool.append(g)
                }
            }
            let candidate = total
            if candidate < current - temperature * log(max(1e-300, rng.unit())) {
                current = candidate
                if candidate < best.2 - 1e-9 { best = (routes, pool, candidate) }
            } else {
                // Undo: the buses touched and the pool as they were.
                for (r, _) in saved { for g in routes[r] { routeOf[g] = -1 } }
                for (r, rt) in saved { routes[r] = rt; for g in rt { routeOf[g] = r }; refresh(r) }
                pool = savedPool
                for g in pool { routeOf[g] = -1 }
            }
        }
        (routes, pool) = (best.0, best.1)
        routeOf = Array(repeating: -1, count: groups.count)
        for r in routes.indices { for g in routes[r] { routeOf[g] = r }; refresh(r) }
    }
}
