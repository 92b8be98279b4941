/// Move: every household of one pickup stop on trip i moves to trip j, when both trips keep
/// their caps and the km of the two fall.
extension Packer {
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
}
