import BancheCore
import GRDB

/// One worker's notice: where and when to board, for an SMS or a phone call.
public struct NoticeRow: Sendable, Hashable {
    public var workerID: String
    public var name: String
    public var phone: String?
    public var placement: Placement
    package init(workerID: String, name: String, phone: String?, placement: Placement) {
        self.workerID = workerID; self.name = name; self.phone = phone; self.placement = placement
    }
}

extension SQLiteStore {
    /// Placed workers of a version (the latest when nil) with name and phone, by worker id;
    /// with `changedSince`, only those whose trip, seat, stop or pickup time differs from that
    /// version, and the newly placed. Returns the version used.
    public func notices(version: Int?, changedSince: Int?) throws -> (version: Int, rows: [NoticeRow]) {
        try read { db in
            guard let v = try version ?? Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") else { throw StoreError.noPlanYet }
            for x in [v] + (changedSince.map { [$0] } ?? []) where try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan WHERE version = ?", arguments: [x])! == 0 {
                throw StoreError.planNotFound(x)
            }
            let now = try Self.placements(db, version: v)
            let before = try changedSince.map { try Self.placements(db, version: $0) }
            var people: [String: (name: String, phone: String?)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, name, phone FROM worker") { people[r[0]] = (r[1], r[2]) }
            return (v, NoticeRow.list(now: now, before: before, people: people))
        }
    }
}
