/// How a village's people may be spread over buses on one day (`banche plan --split-stops`).
public enum SplitStopPolicy: String, Sendable, CaseIterable {
    /// One bus per village and day unless its people exceed a bus or the caps force a split.
    case needed
    /// A village's people ride one bus; a village larger than any bus is not served (`stop_split_forbidden`).
    case never
    /// Split whenever it saves bus-km (the planner's behaviour before 2026-11).
    case free
}

extension Packer {
    /// Pickup stops whose people ride more than one of these trips.
    var splitStops: [Int] {
        var count: [Int: Int] = [:]
        for t in trips where !t.units.isEmpty { for s in t.pick.keys { count[s, default: 0] += 1 } }
        return count.filter { $0.value > 1 }.map(\.key).sorted()
    }

    /// Brings each split village onto one bus where seats and caps allow, even at some cost in
    /// bus-km (splitting a village costs the clerk and the township staff more): its smaller
    /// groups move to the trip with its largest group, or that trip hands a whole village of
    /// its own to the other trip to make room. Stops when nothing more can be joined.
    mutating func joinSplitStops(rounds: Int = 4) {
        for _ in 0..<rounds {
            var joined = false
            // The split villages now: computed again only after a join changed them.
            var split = Set(splitStops)
            // The trips calling at each split village. Within a round no village becomes split
            // (a join moves a village's group to a bus already calling there; an exchange moves
            // a whole village), so a trip that calls at a village later listed here was listed.
            var calling: [Int: [Int]] = [:]
            for t in trips.indices { for s in trips[t].pick.keys where split.contains(s) { calling[s, default: []].append(t) } }
            for s in split.sorted() {
                let holders = (calling[s] ?? []).filter { trips[$0].pick[s] != nil }.sorted { (trips[$0].pick[s]!, $1) > (trips[$1].pick[s]!, $0) }
                guard let main = holders.first else { continue }
                for other in holders.dropFirst() where trips[other].pick[s] != nil {
                    if moveStopGroup(s, from: other, to: main) || exchangeStopGroups(s, from: other, to: main, split: split) {
                        joined = true
                        split = Set(splitStops)
                    }
                }
            }
            if !joined { break }
        }
    }

    /// The households of trip `i` that board at stop `s` (and only those).
    func group(_ s: Int, on i: Int) -> [Int] { trips[i].units.filter { units[$0].pickups.contains(s) } }

    /// Moves stop `s`'s households from trip `i` to trip `j` when seats and caps allow.
    mutating func moveStopGroup(_ s: Int, from i: Int, to j: Int) -> Bool {
        let g = group(s, on: i)
        guard !g.isEmpty, g.allSatisfy({ units[$0].pickups == [s] }) else { return false }
        let size = g.reduce(0) { $0 + units[$1].size }, acc = g.reduce(0) { $0 + units[$1].accessible }
        guard trips[j].load + size <= trips[j].capacity, trips[j].accessible + acc <= trips[j].accessibleSeats else { return false }
        var ti = trips[i], tj = trips[j]
        for u in g { (ti.pick, ti.drop) = Self.removing(units[u], from: ti); (tj.pick, tj.drop) = Self.adding(units[u], to: tj) }
        let left = trips[i].units.count - g.count
        guard let ki = left == 0 ? 0 : cost(pick: ti.pick, drop: ti.drop, units: left),
              let kj = cost(pick: tj.pick, drop: tj.drop, units: trips[j].units.count + g.count) else { return false }
        for u in g { take(u, from: i); put(u, into: j, km: 0) }
        trips[i].km = ki; trips[j].km = kj
        return true
    }

    /// Moves stop `s`'s households from trip `i` to trip `j`, and in exchange a whole village
    /// of `j` (one that rides only `j`) to `i`, when seats and caps allow. `split`: the
    /// villages split now (`splitStops`).
    mutating func exchangeStopGroups(_ s: Int, from i: Int, to j: Int, split: Set<Int>? = nil) -> Bool {
        let g = group(s, on: i)
        guard !g.isEmpty, g.allSatisfy({ units[$0].pickups == [s] }) else { return false }
        let size = g.reduce(0) { $0 + units[$1].size }, acc = g.reduce(0) { $0 + units[$1].accessible }
        let split = split ?? Set(splitStops)
        for t in trips[j].pick.keys.sorted() where t != s && !split.contains(t) {
            let h = group(t, on: j)
            guard h.allSatisfy({ units[$0].pickups == [t] }) else { continue }
            let hSize = h.reduce(0) { $0 + units[$1].size }, hAcc = h.reduce(0) { $0 + units[$1].accessible }
            guard trips[j].load - hSize + size <= trips[j].capacity, trips[i].load - size + hSize <= trips[i].capacity,
                  trips[j].accessible - hAcc + acc <= trips[j].accessibleSeats, trips[i].accessible - acc + hAcc <= trips[i].accessibleSeats
            else { continue }
            // The village that moves to `i` must not split there either.
            if trips[i].pick[t] != nil { continue }
            var ti = trips[i], tj = trips[j]
            for u in g { (ti.pick, ti.drop) = Self.removing(units[u], from: ti); (tj.pick, tj.drop) = Self.adding(units[u], to: tj) }
            for u in h { (tj.pick, tj.drop) = Self.removing(units[u], from: tj); (ti.pick, ti.drop) = Self.adding(units[u], to: ti) }
            guard let ki = cost(pick: ti.pick, drop: ti.drop, units: trips[i].units.count - g.count + h.count),
                  let kj = cost(pick: tj.pick, drop: tj.drop, units: trips[j].units.count - h.count + g.count) else { continue }
            for u in g { take(u, from: i) }
            for u in h { take(u, from: j) }
            for u in g { put(u, into: j, km: 0) }
            for u in h { put(u, into: i, km: 0) }
            trips[i].km = ki; trips[j].km = kj
            return true
        }
        return false
    }
}
