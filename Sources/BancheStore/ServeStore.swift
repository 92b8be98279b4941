import BancheCore

/// What the check-in server (`banche serve`, docs/checkin.md) keeps besides the county's season:
/// links (tokens, hashed), office users, an audit of its writes, and boarding records sent by
/// phones, stored once per client record id. Implemented by both stores, so the server runs on
/// a county's SQLite file or on the province's PostgreSQL (as the county office's role).
public protocol ServeStore: Store, Sendable {
    func addToken(id: String, secretSHA256: String, trip: String, stop: String?, expiresAt: Timestamp, audit: AuditStamp) throws
    func token(secretSHA256: String) throws -> ServeToken?
    func token(id: String) throws -> ServeToken?
    func tokens() throws -> [ServeToken]
    func revokeTokens(id: String?, trip: String?, audit: AuditStamp) throws -> Int
    @discardableResult func setUser(name: String, passwordHash: String, audit: AuditStamp) throws -> Bool
    func passwordHash(user: String) throws -> String?
    /// Stores records sent by phones in one transaction, each decided on its own, in order (see
    /// `SQLiteStore.recordServed(_:audit:)`).
    func recordServed(_ inputs: [ServedInput], audit: AuditStamp) throws -> [ServedOutcome]
    func servedCounts(trip: String?) throws -> (records: Int, distinctClientIDs: Int)
    func clientRecordIDs(prefix: String) throws -> [String]
    func latestTripIDs() throws -> [String]
    func passengers(of trip: StoredTrip) throws -> [ServePassenger]
    func tripIDs(on date: CivilDate) throws -> [String]
    func audit(actor: String, action: String, trip: String?, outcome: String, detail: String, at: Timestamp) throws
    func serveAudit() throws -> [(at: String, actor: String, action: String, trip: String?, outcome: String, detail: String)]
}

extension ServeStore {
    /// Stores one record sent by a phone.
    public func recordServed(_ input: ServedInput, audit: AuditStamp) throws -> ServedOutcome {
        try recordServed([input], audit: audit)[0]
    }
    public func servedCounts() throws -> (records: Int, distinctClientIDs: Int) { try servedCounts(trip: nil) }

    /// The answer to a record whose client record id was stored before as `old`.
    package static func answer(_ r: BoardingRecord, storedBefore old: ServedRecord) -> ServedOutcome {
        let same = old.tripID == r.tripID && old.workerID == r.workerID && old.step == r.step
            && (old.value ?? "") == (r.value ?? "").trimmingSpaces()
        return same ? .existing(old) : .conflict(old)
    }
}

/// One record sent by a phone, with the check it must pass against its trip (the same
/// `RecordCheck` as `board record`, plus what the sender may record).
public struct ServedInput: Sendable {
    public var record: BoardingRecord
    public var clientRecordID: String
    public var recordedBy: String
    public var check: @Sendable (StoredTrip) -> String?
    public init(record: BoardingRecord, clientRecordID: String, recordedBy: String, check: @escaping @Sendable (StoredTrip) -> String?) {
        self.record = record; self.clientRecordID = clientRecordID; self.recordedBy = recordedBy; self.check = check
    }
}

/// One passenger as the phone page lists them (ID number unmasked: the page masks it).
public struct ServePassenger: Sendable, Hashable {
    public var workerID: String
    public var name: String
    public var residentID: String
    public var seat: Int
    public var pickupStop: String
    public var pickupStopName: String
    package init(workerID: String, name: String, residentID: String, seat: Int, pickupStop: String, pickupStopName: String) {
        self.workerID = workerID; self.name = name; self.residentID = residentID; self.seat = seat; self.pickupStop = pickupStop; self.pickupStopName = pickupStopName
    }
}
