/// Move: ruin and recreate (Schrimpf et al. 2000, "Record breaking optimization results using
/// the ruin and recreate principle"; the large-neighbourhood search PyVRP and VROOM build on).
/// A village and some of its nearest villages are taken off their buses, then put back one
/// group at a time where they add the fewest km, trying first the buses that call at a
/// neighbouring village; households that found no seat before (left over, or refused to keep a
/// village whole) are tried again with the villages around them. A group stays whole: a
/// village's households on one bus stay together, and with `wholeStops` (`--split-stops
/// never`) all of a village's households are one group. A new packing replaces the current one
/// when it leaves fewer people out, or as many with no more buses and km no more than a
/// threshold above the best found — a threshold that falls to zero over the iterations
/// (record-to-record travel). The best packing is kept. Deterministic: a fixed seed.
extension Packer {
    /// Score of a packing: people without a seat, buses, km — smaller is better.
    struct PackingScore: Comparable {
        var out: Int, buses: Int, km: Double
        static func < (a: Self, b: Self) -> Bool { (a.out, a.buses, a.km) < (b.out, b.buses, b.km) }
    }

    func packingScore() -> PackingScore {
        var out = 0
        for i in units.indices where !taken[i] { out += units[i].size }
        return PackingScore(out: out, buses: trips.filter { !$0.units.isEmpty }.count, km: trips.reduce(0) { $0 + $1.km })
    }

    /// - Parameter iterations: ruins tried; 0 turns the move off.
    mutating func ruinAndRecreate(iterations: Int, wholeStops: Bool = false, seed: UInt64 = 0x6261_6E63_6865) {
        guard iterations > 0, !trips.isEmpty else { return }
        // The villages, and each one's nearest others (granular neighbourhood).
        let stops = Array(Set(units.map { $0.pickups[0] })).sorted()
        guard stops.count > 1 else { return }
        let k = min(12, stops.count - 1)
        var near: [Int: [Int]] = [:]
        for s in stops {
            near[s] = stops.filter { $0 != s }.sorted { (context.travel.km(s, $0), $0) < (context.travel.km(s, $1), $1) }.prefix(k).map { $0 }
        }
        var byStop: [Int: [Int]] = [:]
        for i in units.indices { byStop[units[i].pickups[0], default: []].append(i) }
        var rng = SplitMix64(seed: seed)
        var best = (trips, taken), bestScore = packingScore()
        var current = bestScore
        let startKm = max(1, bestScore.km)
        for it in 0..<iterations {
            let saved = (trips, taken)
            // Ruin: a village and some of its neighbours.
            let seedStop = stops[rng.int(0...(stops.count - 1))]
            let ruined = [seedStop] + near[seedStop]!.prefix(rng.int(1...min(k, 6)))
            var groups: [(stop: Int, units: [Int])] = []
            for s in ruined {
                if wholeStops {
                    let g = byStop[s]!
                    for t in trips.indices where trips[t].pick[s] != nil {
                        for u in trips[t].units where units[u].pickups[0] == s { take(u, from: t) }
                    }
                    groups.append((s, g))
                } else {
                    for t in trips.indices where trips[t].pick[s] != nil {
                        let g = trips[t].units.filter { units[$0].pickups[0] == s }
                        for u in g { take(u, from: t) }
                        if !g.isEmpty { groups.append((s, g)) }
                    }
                    let off = Set(groups.flatMap(\.units))
                    let waiting = byStop[s]!.filter { !taken[$0] && !off.contains($0) }
                    if !waiting.isEmpty { groups.append((s, waiting)) }
                }
            }
            // Recreate: larger groups first (they have fewer places to go), ties by stop.
            groups.sort { (groupSize($0.units), $1.stop) > (groupSize($1.units), $0.stop) }
            for g in groups {
                if let (t, km) = cheapestInsertion(g.units, near: near[g.stop]!) { for u in g.units { put(u, into: t, km: km) } }
                else { _ = insertByEjecting(g.units, near: near[g.stop]!, nearOf: near, wholeStops: wholeStops, byStop: byStop) }
            }
            let score = packingScore()
            let threshold = startKm * 0.003 * Double(iterations - it) / Double(iterations)
            let accept = score.out < current.out
                || (score.out == current.out && score.buses <= current.buses && score.km < current.km + threshold && score.km < bestScore.km + threshold)
            if accept {
                current = score
                if score < bestScore { best = (trips, taken); bestScore = score }
            } else {
                (trips, taken) = saved
            }
        }
        (trips, taken) = best
        trips.removeAll { $0.units.isEmpty }
    }

    func groupSize(_ g: [Int]) -> Int { g.reduce(0) { $0 + units[$1].size } }

    /// A group that fits no bus takes the place of a smaller village's group on a bus near it,
    /// when that group then fits another bus (an ejection chain of one link). Cheapest km first.
    mutating func insertByEjecting(_ group: [Int], near: [Int], nearOf: [Int: [Int]], wholeStops: Bool, byStop: [Int: [Int]]) -> Bool {
        let size = groupSize(group), acc = group.reduce(0) { $0 + units[$1].accessible }
        let stop = units[group[0]].pickups[0]
        let close = Set(near + [stop])
        var best: (t: Int, out: [Int], km: Double, to: Int, toKm: Double, delta: Double)? = nil
        for t in trips.indices where !trips[t].units.isEmpty && trips[t].pick.keys.contains(where: close.contains) {
            for s in trips[t].pick.keys.sorted() where s != stop {
                let out = trips[t].units.filter { units[$0].pickups[0] == s }
                if wholeStops && out.count != byStop[s]!.count { continue }
                let outSize = groupSize(out)
                guard outSize < size, trips[t].load - outSize + size <= trips[t].capacity,
                      trips[t].accessible - out.reduce(0, { $0 + units[$1].accessible }) + acc <= trips[t].accessibleSeats else { continue }
                var p = trips[t].pick, d = trips[t].drop
                for u in out {
                    for x in units[u].pickups { p[x]! -= 1; if p[x] == 0 { p[x] = nil } }
                    for x in units[u].dropoffs { d[x]! -= 1; if d[x] == 0 { d[x] = nil } }
                }
                for u in group {
                    for x in units[u].pickups { p[x, default: 0] += 1 }
                    for x in units[u].dropoffs { d[x, default: 0] += 1 }
                }
                guard let km = cost(pick: p, drop: d, units: trips[t].units.count - out.count + group.count) else { continue }
                // Where the ejected group goes (not back to t).
                let saved = trips[t].load
                trips[t].load = trips[t].capacity + 1   // keep it off t while looking
                let place = cheapestInsertion(out, near: nearOf[s] ?? [])
                trips[t].load = saved
                guard let (to, toKm) = place else { continue }
                let delta = km - trips[t].km + toKm - trips[to].km
                if best == nil || delta < best!.delta - 1e-9 { best = (t, out, km, to, toKm, delta) }
            }
        }
        guard let b = best else { return false }
        for u in b.out { take(u, from: b.t) }
        for u in group { put(u, into: b.t, km: b.km) }
        for u in b.out { put(u, into: b.to, km: b.toKm) }
        return true
    }

    /// The trip where the group adds the fewest km within seats and caps: trips calling at a
    /// neighbouring village (or at the group's own) first; any trip when none of those can.
    mutating func cheapestInsertion(_ group: [Int], near: [Int]) -> (Int, Double)? {
        let size = groupSize(group), acc = group.reduce(0) { $0 + units[$1].accessible }
        let stop = units[group[0]].pickups[0]
        let close = Set(near.prefix(6) + [stop])
        var best: (t: Int, km: Double, delta: Double)? = nil
        for pass in 0..<2 {
            for t in trips.indices where !trips[t].units.isEmpty {
                if pass == 0 && !trips[t].pick.keys.contains(where: close.contains) { continue }
                guard trips[t].load + size <= trips[t].capacity, trips[t].accessible + acc <= trips[t].accessibleSeats else { continue }
                var p = trips[t].pick, d = trips[t].drop
                for u in group {
                    for x in units[u].pickups { p[x, default: 0] += 1 }
                    for x in units[u].dropoffs { d[x, default: 0] += 1 }
                }
                guard let km = cost(pick: p, drop: d, units: trips[t].units.count + group.count) else { continue }
                let delta = km - trips[t].km
                if best == nil || delta < best!.delta - 1e-9 { best = (t, km, delta) }
            }
            if best != nil { break }
        }
        return best.map { ($0.t, $0.km) }
    }
}
