import Testing
@testable import BancheCore

/// A trip's stop order and its km (`StopOrder.swift`).
@Suite struct StopOrderTests {
    /// Without rest areas the pickups are aimed at the drop-offs, and the road from the last
    /// pickup to the first drop-off is counted once. It was counted twice, so the packer
    /// weighed the last leg double and chose trips by it (issue #13: the peers' corridor).
    @Test func theRoadToTheDropoffIsCountedOnce() {
        let villages = [PeerInstance.Village(id: "a", x: 0, y: 0, demand: 1), PeerInstance.Village(id: "b", x: 3, y: 4, demand: 1),
                        PeerInstance.Village(id: "c", x: 10, y: 0, demand: 1)]
        let s = PeerInstance.scenario(capacity: 45, depot: (100, 0), villages: villages)
        let travel = TravelModel(stops: s.stops, legs: s.legs)
        var order = StopOrder(travel: travel, rest: [])
        let p = ["a", "b", "c"].map { travel.position(of: $0)! }.sorted(), d = travel.position(of: "DEPOT")!
        let r = order.order(pickups: p, dropoffs: [d])
        var km = travel.km(r.pickups.last!, d)
        for i in 1..<r.pickups.count { km += travel.km(r.pickups[i - 1], r.pickups[i]) }
        #expect(r.km == km, "\(r.km) km, the path is \(km)")
        // a (0,0) → b (3,4) → c (10,0) → depot (100,0): 5 + 8 + 90.
        #expect(km == 103)
    }
}
