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
            return PlanDiff.between(a, b, placements: try Self.placements(db, version: a), try Self.placements(db, version: b),
                                    trips: try Self.trips(db, version: a), try Self.trips(db, version: b), zone: zone)
        }
    }
}
