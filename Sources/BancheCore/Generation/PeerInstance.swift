import Foundation

/// The peers' capacitated-routing problem (`shared/tools/peer_cvrp.py`) as a banche scenario:
/// villages on a plane (coordinates in km) with a number of workers each, and one destination.
/// One route on one day, no cap on pickup stops or minutes, buses of `capacity` seats (enough
/// of them), and every distance a measured leg: the planar distance rounded to a whole km as
/// TSPLIB's EUC_2D rounds it (at least 0.01), so banche's bus-km is the peers' open-start
/// metric (a bus starts at its first pickup and ends at the destination).
public enum PeerInstance {
    public struct Village: Sendable {
        public var id: String, x: Double, y: Double, demand: Int
        public init(id: String, x: Double, y: Double, demand: Int) { self.id = id; self.x = x; self.y = y; self.demand = demand }
    }

    public static let day = CivilDate(year: 2027, month: 2, day: 13)!

    public static func scenario(capacity: Int, depot: (x: Double, y: Double), villages: [Village]) -> Scenario {
        // Planar km → pseudo degrees for the sweep; distances come from the legs.
        func stop(_ id: String, _ x: Double, _ y: Double, _ kind: StopKind) -> Stop {
            Stop(id: id, name: id, kind: kind, latitude: y / 111, longitude: x / 111)
        }
        var s = Scenario()
        s.stops = [stop("DEPOT", depot.x, depot.y, .factory)] + villages.map { stop($0.id, $0.x, $0.y, .township) }
        let xy = [(depot.x, depot.y)] + villages.map { ($0.x, $0.y) }
        for i in s.stops.indices { for j in s.stops.indices where i < j {
            let d = max(0.01, hypot(xy[i].0 - xy[j].0, xy[i].1 - xy[j].1).rounded())
            s.legs.append(Leg(from: s.stops[i].id, to: s.stops[j].id, distanceKm: d, minutes: max(1, Int(d)), roadClass: .highway, bothWays: true))
        } }
        let window = DateWindow(first: day, last: day)!
        s.routes = [Route(id: "R", name: "peer", direction: .toWork, service: window, departEarliest: TimeOfDay("06:00")!,
                          departLatest: TimeOfDay("06:00")!, maxPickupStops: 1000, maxPickupMinutes: nil)]
        var n = 0
        for v in villages {
            for _ in 0..<v.demand {
                n += 1
                let body = "45142519900101" + String(format: "%03d", n % 1000)
                let id = try! ResidentID(body + String(ResidentID.checkCharacter(for: body)))
                s.workers.append(Worker(id: String(format: "W%06d", n), name: "w", residentID: id, direction: .toWork,
                                        window: window, pickupStop: v.id, dropoffStop: "DEPOT"))
            }
        }
        s.buses = (0..<(n / max(1, capacity) + 2 * villages.count)).map {
            Bus(id: String(format: "B%05d", $0), plate: "桂F\(10000 + $0)", seats: capacity, available: window)
        }
        return s
    }

    /// The planner's options for the peers' problem: no boarding time, no stop or time cap.
    public static func options(splitStops: SplitStopPolicy) -> PlannerOptions {
        var o = PlannerOptions()
        o.boardingMinutes = 0; o.maxPickupStops = 1000; o.maxPickupMinutes = Int.max / 4
        o.splitStops = splitStops
        return o
    }

    /// A corridor like `peer_cvrp.py --gen`: villages at x in 0…80 km, y spread ±8 km, the
    /// destination 600 km away, 1–30 workers each (not the same random numbers as Python's).
    public static func corridor(villages n: Int, seed: UInt64) -> [Village] {
        var rng = SplitMix64(seed: seed)
        let demands = [1, 1, 2, 2, 3, 4, 5, 8, 12, 20, 30]
        return (0..<n).map { i in
            let x = (rng.unit() * 8000).rounded() / 100
            // Sum of uniforms: a bell around the road, about ±8 km.
            let y = ((rng.unit() + rng.unit() + rng.unit() - 1.5) * 16 * 100).rounded() / 100
            return Village(id: "v\(i + 1)", x: x, y: y, demand: rng.pick(demands))
        }
    }
}
