/// Fewer buses: empty the least-loaded trips into the others.
extension Packer {
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
}
