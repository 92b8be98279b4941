/// Move: a household of trip i and one of trip j change places (only households at stops
/// their trip barely uses), when both keep their caps and the km fall.
extension Packer {
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
                (ti.pick, ti.drop) = Self.removing(ua, from: ti); (ti.pick, ti.drop) = Self.adding(ub, to: ti)
                (tj.pick, tj.drop) = Self.removing(ub, from: tj); (tj.pick, tj.drop) = Self.adding(ua, to: tj)
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
