import BancheCore
import GRDB

/// What changed between two plan versions (`banche plans diff A B`). The JSON document's keys
/// are these property names.
public struct PlanDiff: Codable, Sendable, Equatable {
    public struct Seat: Codable, Sendable, Equatable {
        public var trip_id: String
        public var seat: Int
        public var stop_id: String
        public var pickup_time: String
    }
    public struct Entry: Codable, Sendable, Equatable {
        public var worker_id: String
        public var trip_id: String
        public var seat: Int
        public var stop_id: String
        public var pickup_time: String
    }
    public struct Move: Codable, Sendable, Equatable {
        public var worker_id: String
        public var from: Seat
        public var to: Seat
    }
    public var from: Int
    public var to: Int
    public var added: [Entry]
    public var removed: [Entry]
    public var moved: [Move]
    public var trips_added: [String]
    public var trips_removed: [String]
    public var trips_changed: [String]
}

extension SQLiteStore {
    /// Workers added, removed and moved (trip, seat, stop or pickup time changed), and trips
    /// added, removed and changed (bus, day, stops, times or passengers), from version `a` to `b`.
    public func diff(from a: Int, to b: Int, zone: ZoneOffset) throws -> PlanDiff {
        try read { db in
            for v in [a, b] where try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [v])! == 0 {
                throw StoreError.planNotFound(v)
            }
            let pa = try Self.placements(db, version: a), pb = try Self.placements(db, version: b)
            func seat(_ p: Placement) -> PlanDiff.Seat {
                PlanDiff.Seat(trip_id: p.tripID, seat: p.seat, stop_id: p.pickupStop, pickup_time: p.pickupTime.iso(in: zone))
            }
            func entry(_ w: String, _ p: Placement) -> PlanDiff.Entry {
                PlanDiff.Entry(worker_id: w, trip_id: p.tripID, seat: p.seat, stop_id: p.pickupStop, pickup_time: p.pickupTime.iso(in: zone))
            }
            let added = pb.keys.filter { pa[$0] == nil }.sorted().map { entry($0, pb[$0]!) }
            let removed = pa.keys.filter { pb[$0] == nil }.sorted().map { entry($0, pa[$0]!) }
            let moved = pa.keys.filter { w in pb[w].map { seat($0) != seat(pa[w]!) } ?? false }.sorted()
                .map { PlanDiff.Move(worker_id: $0, from: seat(pa[$0]!), to: seat(pb[$0]!)) }
            let ta = Dictionary(uniqueKeysWithValues: try Self.trips(db, version: a).map { ($0.id, $0) })
            let tb = Dictionary(uniqueKeysWithValues: try Self.trips(db, version: b).map { ($0.id, $0) })
            func same(_ x: Trip, _ y: Trip) -> Bool {
                x.busID == y.busID && x.date == y.date && x.passengers == y.passengers
                    && x.stops.map { [$0.stopID, $0.role.rawValue, "\($0.arrive.seconds)", "\($0.depart.seconds)"] }
                    == y.stops.map { [$0.stopID, $0.role.rawValue, "\($0.arrive.seconds)", "\($0.depart.seconds)"] }
            }
            return PlanDiff(from: a, to: b, added: added, removed: removed, moved: moved,
                            trips_added: tb.keys.filter { ta[$0] == nil }.sorted(),
                            trips_removed: ta.keys.filter { tb[$0] == nil }.sorted(),
                            trips_changed: ta.keys.filter { id in tb[id].map { !same(ta[id]!, $0) } ?? false }.sorted())
        }
    }
}
