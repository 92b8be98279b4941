import Foundation

/// Packs one day's units of one route into buses, then improves the packing by local search.
///
/// One concern per file: the state and the feasibility/cost of a trip here; the sweep and the
/// construction in `Packer+Construction.swift`; emptying trips in `Packer+FewerBuses.swift`;
/// the search loop (neighbourhoods, don't-look bits, acceptance) in `Packer+Search.swift`; each
/// move in its own file (`Packer+Relocate….swift`, `Packer+Swap….swift`) with its test in
/// `PackerMovesTests`; joining split villages in `Packer+SplitStops.swift`; ruin and recreate in
/// `Packer+RuinRecreate.swift`; string removals in `Packer+StringSearch.swift` over the
/// `StringSearch` type (`StringSearchTests`).
struct Packer {
    struct TripState {
        var bus: Int
        var capacity: Int
        var accessibleSeats: Int
        var units: [Int] = []
        var load = 0
        var accessible = 0
        /// Units boarding / alighting at each stop (a household may use several).
        var pick: [Int: Int] = [:]
        var drop: [Int: Int] = [:]
        var km = 0.0
    }

    let context: RouteContext
    /// The day's households; `offer` appends the ones who waited for seats.
    var units: [Planner.Unit]
    let fleet: [FleetBus]
    var order: StopOrder
    var trips: [TripState] = []
    var leftovers: [Planner.Unit] = []
    /// Units in sweep order (indexes into `units`).
    var sweep: [Int] = []
    var taken: [Bool]
    /// How far ahead the gap filler looks for a household that fits.
    let lookahead = 400

    /// Whether `fill` adds, each time, the stops that bring the most people aboard
    /// (`fillDensest`) rather than following the sweep.
    let densest: Bool

    /// `construction`: the sweep around the pickups (the default) or around the drop-offs
    /// first (`sweepOrder`), or the densest fill; for routes whose drop-off caps bind.
    init(context: RouteContext, units: [Planner.Unit], fleet: [FleetBus], construction: RouteContext.Sweep = .pickupsFirst) {
        self.context = context; self.units = units; self.fleet = fleet
        order = context.order
        taken = Array(repeating: false, count: units.count)
        densest = construction == .densest
        sweep = sweepOrder(dropoffsFirst: construction == .dropoffsFirst)
    }

    // MARK: feasibility and cost

    /// Km of a trip with these stop counts, or nil when it breaks the stop or time cap.
    mutating func cost(pick: [Int: Int], drop: [Int: Int], units count: Int) -> Double? {
        if pick.isEmpty { return 0 }
        if count > 1 && (pick.count > context.maxStops || drop.count > context.maxDropoffStops) { return nil }
        let p = pick.keys.sorted(), d = drop.keys.sorted()
        let r = order.order(pickups: p, dropoffs: d)
        if count > 1 && r.pickupDriveMinutes + context.options.boardingMinutes * p.count > context.maxPickupMinutes { return nil }
        if count > 1 && r.dropoffDriveMinutes + context.options.alightingMinutes * d.count > context.maxDropoffMinutes { return nil }
        return r.km
    }

    static func adding(_ u: Planner.Unit, to t: TripState) -> ([Int: Int], [Int: Int]) {
        var p = t.pick, d = t.drop
        for s in u.pickups { p[s, default: 0] += 1 }
        for s in u.dropoffs { d[s, default: 0] += 1 }
        return (p, d)
    }

    static func removing(_ u: Planner.Unit, from t: TripState) -> ([Int: Int], [Int: Int]) {
        var p = t.pick, d = t.drop
        for s in u.pickups { p[s]! -= 1; if p[s] == 0 { p[s] = nil } }
        for s in u.dropoffs { d[s]! -= 1; if d[s] == 0 { d[s] = nil } }
        return (p, d)
    }

    /// Whether `u` fits `t` on seats, accessible seats and caps; returns the new km.
    mutating func fit(_ ui: Int, _ t: TripState) -> Double? {
        let u = units[ui]
        guard t.load + u.size <= t.capacity, t.accessible + u.accessible <= t.accessibleSeats else { return nil }
        let newStop = u.pickups.contains { t.pick[$0] == nil } || u.dropoffs.contains { t.drop[$0] == nil }
        if !newStop { return t.km }
        let (p, d) = Self.adding(u, to: t)
        return cost(pick: p, drop: d, units: t.units.count + 1)
    }

    mutating func put(_ ui: Int, into ti: Int, km: Double) {
        let u = units[ui]
        // In place: the trip's own dictionaries, not copies of them.
        for s in u.pickups { trips[ti].pick[s, default: 0] += 1 }
        for s in u.dropoffs { trips[ti].drop[s, default: 0] += 1 }
        trips[ti].units.append(ui); trips[ti].load += u.size; trips[ti].accessible += u.accessible
        trips[ti].km = km
        taken[ui] = true
    }

    mutating func take(_ ui: Int, from ti: Int) {
        let u = units[ui]
        for s in u.pickups { trips[ti].pick[s]! -= 1; if trips[ti].pick[s] == 0 { trips[ti].pick[s] = nil } }
        for s in u.dropoffs { trips[ti].drop[s]! -= 1; if trips[ti].drop[s] == 0 { trips[ti].drop[s] = nil } }
        let p = trips[ti].pick, d = trips[ti].drop
        trips[ti].units.removeAll { $0 == ui }
        trips[ti].load -= u.size; trips[ti].accessible -= u.accessible
        trips[ti].km = cost(pick: p, drop: d, units: trips[ti].units.count) ?? trips[ti].km
        taken[ui] = false
    }
}
