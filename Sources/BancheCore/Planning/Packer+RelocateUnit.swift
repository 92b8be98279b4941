/// Move: one household moves from trip i to trip j, when both keep their caps and the km fall.
extension Packer {
    mutating func relocateUnits(from i: Int, to j: Int) -> Bool {
        var improved = false
        for ui in trips[i].units {
            guard let kj = fit(ui, trips[j]) else { continue }
            let (p, d) = Self.removing(units[ui], from: trips[i])
            guard let ki = cost(pick: p, drop: d, units: trips[i].units.count - 1) else { continue }
            if ki + kj < trips[i].km + trips[j].km - 1e-6 {
                take(ui, from: i); put(ui, into: j, km: kj)
                trips[i].km = ki
                improved = true
            }
        }
        return improved
    }
}
