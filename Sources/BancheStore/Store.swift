import BancheCore

/// What the commands do with stored data, whichever database holds it: the embedded SQLite
/// file (`SQLiteStore`, the default) or a province's shared PostgreSQL (`PostgresStore`).
///
/// Every method is one unit of work: a write is one transaction (an import batch, a plan
/// version with its duties, a boarding close, a purge) that is stored whole or not at all; a
/// read sees one consistent snapshot. Errors are `StoreError`s (or what `parse`/`status`
/// closures throw); `StoreError.isRetryable` says when the same command may simply be run again.
///
/// Cut from what the commands used of `SQLiteStore`; the names and guarantees are that
/// store's (see its extensions for each method's documentation).
public protocol Store: AnyObject {
    /// Where the data lives, as the user named it (a path, or a `postgres://` URL without password).
    var location: String { get }

    /// Ends the session cleanly. `false` when the store could not yet make its data
    /// self-contained (SQLite: a reader kept the log in use); the data is safe either way.
    @discardableResult func close() throws -> Bool

    // Import
    /// Parses and stores a batch of files in one transaction: `parse` hands the rows to the
    /// sink as it goes (a store may write them while the parse goes on); nothing is written
    /// when `parse` returns `.rejected` or throws.
    @discardableResult
    func importBatch(replace: Bool, audit: AuditStamp,
                     parse: (KnownRecords, any ImportSink) throws -> ImportParseResult) throws -> [(file: String, rows: Int)]
    /// Seconds the last `importBatch` waited for its database: inside the sink's calls, and
    /// from the end of `parse` to the commit (`banche bench store`: the database's part of an
    /// import; what the server does while the parse goes on is not counted).
    var lastImportWriteSeconds: Double { get }
    func loadScenario(zone: ZoneOffset) throws -> Scenario
    func storedWorkers() throws -> (workers: [String: Worker], cancelled: Set<String>)
    func storedWorkerIDs() throws -> Set<String>
    func workersOutsideService() throws -> [(id: String, window: String, direction: String, routes: String)]
    /// Rows per table, for checks and copies.
    func counts() throws -> [String: Int]

    // Plans
    func planningSnapshot(direction: Direction, zone: ZoneOffset) throws -> PlanningSnapshot
    func dataVersion(direction: Direction) throws -> Int
    func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp, duties: [DutyRecord], dataVersion: Int?) throws -> Int
    func saveDuties(_ duties: [DutyRecord], version: Int, zone: ZoneOffset) throws
    func planVersions() throws -> [PlanVersion]
    func planSummary(version: Int?) throws -> (Int, String)
    func duties(version: Int?) throws -> [DutyRecord]
    func latestVersion(direction: Direction) throws -> Int?
    func latestVersion() throws -> Int?
    func direction(ofVersion v: Int) throws -> Direction
    func trips(version v: Int) throws -> [Trip]
    func pinnedTripIDs(version v: Int) throws -> Set<String>
    func planBaseline(direction: Direction, replanAll: Bool, now: Timestamp?) throws -> (baseline: PlanBaseline, version: Int, duties: [DutyRecord])?
    func diff(from a: Int, to b: Int, zone: ZoneOffset) throws -> PlanDiff
    func manifests(version: Int?, trip: String?, date: CivilDate?,
                   status: (StoredTrip) throws -> [String: String]) throws -> [Manifest]
    func placements(version v: Int) throws -> [String: Placement]
    func notices(version: Int?, changedSince: Int?) throws -> (version: Int, rows: [NoticeRow])

    // Boarding
    func trip(_ id: String) throws -> StoredTrip?
    func trip(_ id: String, version: Int) throws -> StoredTrip?
    func addBoardingRecords(_ records: [BoardingRecord], version: Int, audit: AuditStamp) throws
    func boardingRecords(trip: String) throws -> [BoardingRecord]
    func closeTrip(_ trip: StoredTrip, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws
    /// Freezes one pickup stop of a trip (`board close --stop`); `closeBoarding` checks first.
    func closeStop(_ trip: StoredTrip, stop: String, checklist: String, boarded: [String], released: [String], audit: AuditStamp) throws
    /// Undoes a close of a trip or of one stop (`board reopen`), the same day and before any new plan.
    @discardableResult
    func reopen(trip: String, stop: String?, today: CivilDate, audit: AuditStamp) throws -> (boarded: Int, released: Int)
    func boardingOutcomes() throws -> (boarded: Set<String>, released: [String: CivilDate])
    func outcomes(trip: String) throws -> [String: String]

    // Season
    func publish(version: Int?, trips: [String], date: CivilDate?, audit: AuditStamp) throws -> PublishResult
    func cancelWorkers(_ ids: [String], reason: String?, audit: AuditStamp) throws -> (cancelled: [String], already: [String])
    func restoreWorkers(_ ids: [String], audit: AuditStamp) throws -> [String]
    func workerEvents() throws -> [WorkerEvent]
    func findWorkers(_ query: String) throws -> [WorkerStatus]
    func workerStatus(_ id: String) throws -> WorkerStatus?
    func seasonInputs() throws -> SeasonInputs

    // Audit, retention, copies
    func history() throws -> [HistoryEntry]
    func purge(before: CivilDate, audit: AuditStamp) throws -> PurgeResult
    func wipePending() throws -> Bool
    /// A consistent copy of the whole database into a new file at `destination`.
    func backup(to destination: String) throws
    func integrityCheck() throws -> String
}

/// The usual arguments, so that callers need not spell out the zone and empty options.
extension Store {
    public func loadScenario() throws -> Scenario { try loadScenario(zone: .china) }
    public func planningSnapshot(direction: Direction) throws -> PlanningSnapshot { try planningSnapshot(direction: direction, zone: .china) }
    public func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp) throws -> Int {
        try savePlan(plan, summaryJSON: summaryJSON, audit: audit, duties: [], dataVersion: nil)
    }
    public func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp, duties: [DutyRecord]) throws -> Int {
        try savePlan(plan, summaryJSON: summaryJSON, audit: audit, duties: duties, dataVersion: nil)
    }
    public func savePlan(_ plan: Plan, summaryJSON: String, audit: AuditStamp, dataVersion: Int?) throws -> Int {
        try savePlan(plan, summaryJSON: summaryJSON, audit: audit, duties: [], dataVersion: dataVersion)
    }
    public func saveDuties(_ duties: [DutyRecord], version: Int) throws { try saveDuties(duties, version: version, zone: .china) }
    public func planBaseline(direction: Direction, replanAll: Bool) throws -> (baseline: PlanBaseline, version: Int, duties: [DutyRecord])? {
        try planBaseline(direction: direction, replanAll: replanAll, now: nil)
    }
    public func diff(from a: Int, to b: Int) throws -> PlanDiff { try diff(from: a, to: b, zone: .china) }
    public func manifests(version: Int?) throws -> [Manifest] {
        try manifests(version: version, trip: nil, date: nil, status: { _ in [:] })
    }
    public func manifests(version: Int?, status: (StoredTrip) throws -> [String: String]) throws -> [Manifest] {
        try manifests(version: version, trip: nil, date: nil, status: status)
    }
    public func manifests(version: Int?, trip: String?) throws -> [Manifest] {
        try manifests(version: version, trip: trip, date: nil, status: { _ in [:] })
    }
    public func manifests(version: Int?, trip: String?, status: (StoredTrip) throws -> [String: String]) throws -> [Manifest] {
        try manifests(version: version, trip: trip, date: nil, status: status)
    }
    public func manifests(version: Int?, date: CivilDate?) throws -> [Manifest] {
        try manifests(version: version, trip: nil, date: date, status: { _ in [:] })
    }
    public func manifests(version: Int?, trip: String?, date: CivilDate?) throws -> [Manifest] {
        try manifests(version: version, trip: trip, date: date, status: { _ in [:] })
    }
}

extension StoreError {
    /// Whether an exit status should say "busy, retry" (3) rather than "bad input" (2).
    public var isRetryable: Bool {
        switch self {
        case .busy, .dataChanged, .wipeIncomplete, .vacuumPending: true
        default: false
        }
    }
}

extension Store {
    /// The SQLite store behind this session, for what only it does (`bench serve` and `demo`,
    /// which make their own files); on PostgreSQL such a command exits 2 saying so.
    public func sqlite(_ what: String) throws -> SQLiteStore {
        if let s = self as? SQLiteStore { return s }
        throw StoreError.other("\(what) is not yet available on a PostgreSQL database (docs/province.md); use a SQLite file for it")
    }
}

extension Store {
    /// This store as the check-in server's (both stores are), or exit 2 naming `what`.
    public func serving(_ what: String) throws -> any ServeStore {
        guard let s = self as? any ServeStore else { throw StoreError.other("\(what) needs a database that keeps the check-in server's links and users") }
        return s
    }
}
