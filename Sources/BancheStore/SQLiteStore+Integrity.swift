import BancheCore
import GRDB

/// What a plan is computed from, read in one snapshot: the scenario, the boarding outcomes of
/// closed trips, and the data-version counter of the direction, so that saving can tell
/// whether anything changed in between.
public struct PlanningSnapshot: Sendable {
    public var scenario: Scenario
    public var boarded: Set<String>
    public var released: [String: CivilDate]
    /// The direction's data-version counter when the snapshot was read.
    public var dataVersion: Int

    public init(scenario: Scenario, boarded: Set<String>, released: [String: CivilDate], dataVersion: Int) {
        self.scenario = scenario; self.boarded = boarded; self.released = released; self.dataVersion = dataVersion
    }
}

extension SQLiteStore {
    /// Every direction's counter is bumped by changes that concern all of them (stops, routes,
    /// buses, drivers, workers); a trip close bumps its own direction.
    static let allScopes = Direction.allCases.map(\.rawValue)

    /// Records that data a plan depends on changed, inside the caller's transaction.
    static func bumpDataVersion(_ db: Database, scopes: [String] = allScopes, what: String, audit: AuditStamp) throws {
        let st = try db.cachedStatement(sql: """
            INSERT INTO data_version (scope, counter, last_change) VALUES (?, 1, ?)
            ON CONFLICT(scope) DO UPDATE SET counter = counter + 1, last_change = excluded.last_change
            """)
        let change = "\(what) at \(audit.iso) by \(audit.osUser)"
        for s in scopes { try st.execute(arguments: [s, change]) }
    }

    static func dataVersion(_ db: Database, scope: String) throws -> (counter: Int, lastChange: String) {
        guard let r = try Row.fetchOne(db, sql: "SELECT counter, last_change FROM data_version WHERE scope = ?", arguments: [scope]) else {
            return (0, "")
        }
        return (r["counter"], r["last_change"])
    }

    /// The direction's current data-version counter.
    public func dataVersion(direction: Direction) throws -> Int {
        try read { db in try Self.dataVersion(db, scope: direction.rawValue).counter }
    }

    /// Reads everything a plan of `direction` needs in one read transaction.
    public func planningSnapshot(direction: Direction, zone: ZoneOffset) throws -> PlanningSnapshot {
        try read { db in
            let scenario = try Self.loadScenario(db, zone: zone)
            let outcomes = try Self.boardingOutcomes(db)
            let version = try Self.dataVersion(db, scope: direction.rawValue).counter
            return PlanningSnapshot(scenario: scenario, boarded: outcomes.boarded, released: outcomes.released, dataVersion: version)
        }
    }

    /// Inside a saving transaction: throws `StoreError.dataChanged` unless the direction's
    /// counter is still `expected`.
    static func requireDataVersion(_ db: Database, direction: Direction, expected: Int) throws {
        let now = try dataVersion(db, scope: direction.rawValue)
        if now.counter != expected { throw StoreError.dataChanged(detail: now.lastChange) }
    }

    // MARK: wiping deleted personal data

    static let wipePendingKey = "wipe_pending"

    /// Whether a purge's deleted rows may still be readable in the file.
    public func wipePending() throws -> Bool {
        try read { db in try Self.wipePending(db) }
    }

    static func wipePending(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maintenance WHERE key = ?", arguments: [wipePendingKey])! > 0
    }

    /// Rewrites the file without the deleted pages (VACUUM) and empties the write-ahead log
    /// (TRUNCATE checkpoint, waiting up to the busy timeout for readers), then clears the
    /// 'wipe pending' mark. Returns `false` when a reader kept the log from being emptied: the
    /// mark stays and the next opening tries again.
    @discardableResult
    func wipe() throws -> Bool {
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        } catch let e as DatabaseError { throw Self.translate(e, path: path) }
        guard checkpoint() else { return false }
        _ = try write { db in try db.execute(sql: "DELETE FROM maintenance WHERE key = ?", arguments: [Self.wipePendingKey]) }
        checkpoint() // the mark's own page; the wiped bytes are already gone
        return true
    }

    /// On opening: finishes a purge whose wipe could not complete. Never fails the opening;
    /// if the file is still busy the mark stays for the next time.
    func completePendingWipe() {
        guard (try? wipePending()) == true else { return }
        _ = try? wipe()
    }
}
