/// The local search loop: which pairs of trips are tried, in which order, and when it stops.
extension Packer {
    // MARK: local search

    /// Relocates stop groups and households between neighbouring trips, and swaps
    /// households, accepting only moves that keep every cap and cut km. Stops when a
    /// round finds nothing or after `rounds` rounds.
    mutating func improve(rounds: Int) {
        guard trips.count > 1 else { return }
        let k = context.options.neighbourhood
        // Don't-look bits: after the first round only trips that changed, and their
        // neighbours, are tried again.
        var dirty = Set(trips.indices)
        for _ in 0..<rounds {
            var changed = Set<Int>()
            for i in trips.indices where dirty.contains(i) {
                let range = trips.count <= 2 * k + 1 ? Array(trips.indices) : (max(0, i - k)...min(trips.count - 1, i + k)).map { $0 }
                for j in range where j != i && !trips[j].units.isEmpty {
                    if trips[i].units.isEmpty { break }
                    var moved = relocateStopGroups(from: i, to: j)
                    moved = relocateUnits(from: i, to: j) || moved
                    moved = swapUnits(i, j) || moved
                    if moved { changed.insert(i); changed.insert(j) }
                }
            }
            if changed.isEmpty { break }
            dirty = []
            for c in changed {
                if trips.count <= 2 * k + 1 { dirty = Set(trips.indices); break }
                for x in max(0, c - k)...min(trips.count - 1, c + k) { dirty.insert(x) }
            }
        }
    }
}
