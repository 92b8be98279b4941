import BancheCore
import GRDB

/// One worker's notice: where and when to board, for an SMS or a phone call.
public struct NoticeRow: Sendable, Hashable {
    public var workerID: String
    public var name: String
    public var phone: String?
    public var placement: Placement
}

extension SQLiteStore {
    /// Placed workers of a version (the latest when nil) with name and phone, by worker id;
    /// with `changedSince`, only those whose trip, seat, stop or pickup time differs from that
    /// version, and the newly placed. Returns the version used.
    public func notices(version: Int?, changedSince: Int?) throws -> (version: Int, rows: [NoticeRow]) {
        try read { db in
            guard let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") else { throw StoreError.planNotFound(0) }
            for x in [v] + (changedSince.map { [$0] } ?? []) where try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [x])! == 0 {
                throw StoreError.planNotFound(x)
            }
            let now = try Self.placements(db, version: v)
            let before = try changedSince.map { try Self.placements(db, version: $0) }
            var people: [String: (String, String?)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, name, phone FROM worker") { people[r[0]] = (r[1], r[2]) }
            let rows = now.keys.sorted().compactMap { w -> NoticeRow? in
                let p = now[w]!
                if let before, let old = before[w], old.tripID == p.tripID, old.seat == p.seat, old.pickupStop == p.pickupStop, old.pickupTime == p.pickupTime {
                    return nil
                }
                return NoticeRow(workerID: w, name: people[w]?.0 ?? "", phone: people[w]?.1, placement: p)
            }
            return (v, rows.sorted { ($0.placement.date, $0.placement.tripID, $0.placement.seat) < ($1.placement.date, $1.placement.tripID, $1.placement.seat) })
        }
    }
}
