import Foundation
import Testing
@testable import BancheCore

/// The string-removal search (`StringSearch.swift`, `Packer+StringSearch.swift`): on small
/// instances it reaches the optimum that exhaustive enumeration proves; in the planner it
/// seats everyone the sweep left out on the peers' problem with the bound's buses, keeps every
/// cap, and gives the same plan twice.
@Suite struct StringSearchTests {
    /// Villages and a destination on a plane; distances are the rounded planar km (as
    /// `PeerInstance` gives them).
    struct Plane {
        var scenario: Scenario
        var travel: TravelModel
        var villages: [PeerInstance.Village]
        init(_ villages: [PeerInstance.Village]) {
            self.villages = villages
            scenario = PeerInstance.scenario(capacity: 45, depot: (600, 0), villages: villages)
            travel = TravelModel(stops: scenario.stops, legs: scenario.legs)
        }
        func stop(_ k: Int) -> Int { travel.position(of: villages[k].id)! }
        var depot: Int { travel.position(of: "DEPOT")! }
    }

    /// The least km over every way to put `sizes.count` groups on `buses` buses of `seats`
    /// (each bus: the best open path through its villages, then to the destination), by
    /// enumeration: what the search must reach.
    static func optimum(_ plane: Plane, sizes: [Int], buses: Int, seats: Int) -> Double {
        let n = sizes.count
        func path(_ set: [Int]) -> Double {
            if set.isEmpty { return 0 }
            var best = Double.infinity
            var perm = set
            func permute(_ k: Int) {
                if k == perm.count {
                    var c = plane.travel.km(plane.stop(perm.last!), plane.depot)
                    for i in 1..<perm.count { c += plane.travel.km(plane.stop(perm[i - 1]), plane.stop(perm[i])) }
                    best = min(best, c); return
                }
                for i in k..<perm.count { perm.swapAt(k, i); permute(k + 1); perm.swapAt(k, i) }
            }
            permute(0)
            return best
        }
        var best = Double.infinity
        var assign = [Int](repeating: 0, count: n)
        func go(_ i: Int, _ load: [Int]) {
            if i == n {
                var total = 0.0
                for b in 0..<buses { total += path((0..<n).filter { assign[$0] == b }) }
                best = min(best, total); return
            }
            // Buses are alike: a group goes to a used bus or the first unused one.
            let used = (assign[..<i].max() ?? -1) + 1
            for b in 0...min(used, buses - 1) where load[b] + sizes[i] <= seats {
                assign[i] = b
                var l = load; l[b] += sizes[i]
                go(i + 1, l)
            }
        }
        go(0, [Int](repeating: 0, count: buses))
        return best
    }

    /// Eight villages, three buses of 20 seats, every group first on no bus: the search seats
    /// them all at the proven least km, on five random instances.
    @Test func reachesTheProvenOptimumOnSmallInstances() {
        for seed in UInt64(1)...5 {
            var rng = SplitMix64(seed: seed)
            let villages = (0..<8).map { i in
                PeerInstance.Village(id: "v\(i)", x: (rng.unit() * 4000).rounded() / 100, y: (rng.unit() * 2000 - 1000).rounded() / 100,
                                     demand: rng.int(3...9))
            }
            let plane = Plane(villages)
            let sizes = villages.map(\.demand)
            let seats = max(20, sizes.max()!)
            guard sizes.reduce(0, +) <= 3 * seats else { continue }
            let groups = villages.indices.map { StringSearch.Group(stop: plane.stop($0), size: sizes[$0], accessible: 0, drops: [plane.depot]) }
            var search = StringSearch(groups: groups, capacity: [seats, seats, seats], accessibleSeats: [0, 0, 0],
                                      routes: [[], [], []], caps: .init(), end: plane.depot, travel: plane.travel, tail: { _ in 0 })
            #expect(search.waiting == sizes.reduce(0, +))
            search.run(iterations: 3000)
            let best = Self.optimum(plane, sizes: sizes, buses: 3, seats: seats)
            #expect(search.waiting == 0, "seed \(seed)")
            #expect(abs(search.routeKm - best) < 1e-6, "seed \(seed): \(search.routeKm) km, optimum \(best)")
        }
    }

    /// A full bus's group can still move: with the stop cap at 2 a bus never calls at three
    /// villages, and a group too big for any bus waits.
    @Test func capsHoldAndTooBigWaits() {
        let villages = (0..<6).map { PeerInstance.Village(id: "v\($0)", x: Double($0) * 3, y: 0, demand: 5) }
            + [PeerInstance.Village(id: "big", x: 1, y: 1, demand: 50)]
        let plane = Plane(villages)
        let groups = villages.indices.map { StringSearch.Group(stop: plane.stop($0), size: villages[$0].demand, accessible: 0, drops: [plane.depot]) }
        var caps = StringSearch.Caps(); caps.maxStops = 2
        var search = StringSearch(groups: groups, capacity: [45, 45, 45], accessibleSeats: [0, 0, 0], routes: [[], [], []], caps: caps,
                                  end: plane.depot, travel: plane.travel, tail: { _ in 0 })
        search.run(iterations: 500)
        #expect(search.pool == [6])
        #expect(search.routes.allSatisfy { $0.count <= 2 })
        #expect(search.routes.flatMap { $0 }.sorted() == [0, 1, 2, 3, 4, 5])
    }

    /// The peers' problem with villages kept whole (`--split-stops never`), 60 villages: the
    /// sweep and ruin-and-recreate left people out; the search seats everyone on the bound's
    /// buses, with fewer km, and the same plan comes out twice.
    @Test func seatsEveryoneTheSweepLeftOutOnThePeersProblem() {
        let villages = PeerInstance.corridor(villages: 60, seed: 7)
        let s = PeerInstance.scenario(capacity: 45, depot: (600, 0), villages: villages)
        let day = DateWindow(first: PeerInstance.day, last: PeerInstance.day)!
        var off = PeerInstance.options(splitStops: .never); off.stringSearchPerTrip = 0
        var on = PeerInstance.options(splitStops: .never); on.stringSearchPerTrip = 20_000; on.stringSearchMax = 20_000
        let before = Planner(options: off).plan(s, direction: .toWork, dates: day)
        let after = Planner(options: on).plan(s, direction: .toWork, dates: day)
        #expect(!before.unplaced.isEmpty || before.busKm > after.busKm)
        #expect(after.unplaced.isEmpty, "\(after.unplaced.count) left out")
        #expect(after.trips.count == after.lowerBoundTrips)
        #expect(after.busKm < before.busKm, "\(after.busKm) km against \(before.busKm)")
        #expect(after.splitStops == 0)
        #expect(PlanChecker(maxPickupStops: 1000).problems(after, scenario: s) == [])
        let again = Planner(options: on).plan(s, direction: .toWork, dates: day)
        #expect(again == after)
    }

    /// Generated counties with tight caps (3 pickup stops, 60 pickup minutes, 2 factories a
    /// bus) and rest areas: every trip the search built keeps them, as the trip will run.
    @Test func everyTripKeepsTheCaps() {
        for seed in UInt64(1)...2 {
            var g = ScenarioGenerator(); g.seed = seed; g.workers = 400; g.villages = 30; g.factories = 5
            var s = g.generate()
            for r in s.routes.indices { s.routes[r].maxPickupStops = 3; s.routes[r].maxPickupMinutes = 60; s.routes[r].maxDropoffStops = 2 }
            let p = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-10..2027-02-20")!)
            #expect(PlanChecker().problems(p, scenario: s) == [], "seed \(seed)")
            for t in p.trips {
                let pickups = t.stops.filter { $0.role == .pickup }
                guard pickups.count > 1, let first = pickups.first, let last = pickups.last else { continue }
                #expect(pickups.count <= 3, "\(t.id)")
                #expect(first.arrive.minutes(to: last.depart) <= 60, "\(t.id): \(first.arrive.minutes(to: last.depart)) min")
            }
        }
    }
}
