import BancheCore
import GRDB

extension Schema {
    /// What `banche serve` keeps: links (tokens, hashed), office users (slow password hashes),
    /// an audit of the server's writes, and who recorded each boarding record.
    static func registerServe(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-serve") { db in
            try db.execute(sql: """
            -- Who recorded a record ('token:ID', 'user:NAME'; NULL from the command line), and the
            -- id a phone gave it, unique, so that a record sent twice is stored once.
            ALTER TABLE boarding_record ADD COLUMN recorded_by TEXT;
            ALTER TABLE boarding_record ADD COLUMN client_record_id TEXT;
            CREATE UNIQUE INDEX boarding_record_client ON boarding_record(client_record_id) WHERE client_record_id IS NOT NULL;
            -- A link for the staff of one trip (and stop): only the SHA-256 of the secret is kept.
            CREATE TABLE serve_token (
              id TEXT PRIMARY KEY NOT NULL,
              secret_sha256 TEXT NOT NULL UNIQUE,
              trip_id TEXT NOT NULL,
              stop_id TEXT,
              created_at TEXT NOT NULL,
              expires_at TEXT NOT NULL,
              revoked_at TEXT,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- An office user: PBKDF2-SHA256 hash of the password (format in docs/checkin.md).
            CREATE TABLE serve_user (
              name TEXT PRIMARY KEY NOT NULL,
              password_hash TEXT NOT NULL,
              created_at TEXT NOT NULL,
              os_user TEXT NOT NULL,
              command TEXT NOT NULL
            );
            -- Every write the server refused or made besides a boarding record (which carries
            -- recorded_by itself): logins, links opened, closes, refusals.
            CREATE TABLE serve_audit (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              trip_id TEXT,
              outcome TEXT NOT NULL,
              detail TEXT NOT NULL
            );
            """)
        }
    }
}

/// A link issued by `banche serve token` (never its secret: only the hash is stored).
public struct ServeToken: Sendable, Hashable {
    public var id: String
    public var tripID: String
    public var stopID: String?
    public var createdAt: String
    public var expiresAt: Timestamp
    public var revokedAt: String?
    package init(id: String, tripID: String, stopID: String?, createdAt: String, expiresAt: Timestamp, revokedAt: String?) {
        self.id = id; self.tripID = tripID; self.stopID = stopID; self.createdAt = createdAt; self.expiresAt = expiresAt; self.revokedAt = revokedAt
    }
}

/// A boarding record as the server returns it.
public struct ServedRecord: Sendable, Hashable {
    public var id: Int64
    public var tripID: String
    public var workerID: String?
    public var step: String
    public var value: String?
    public var at: String
    public var recordedAt: String
    public var recordedBy: String
    public var clientRecordID: String
    package init(id: Int64, tripID: String, workerID: String?, step: String, value: String?, at: String, recordedAt: String, recordedBy: String, clientRecordID: String) {
        self.id = id; self.tripID = tripID; self.workerID = workerID; self.step = step; self.value = value; self.at = at
        self.recordedAt = recordedAt; self.recordedBy = recordedBy; self.clientRecordID = clientRecordID
    }
}

/// What became of a record sent to the server.
public enum ServedOutcome: Sendable, Hashable {
    /// Stored now.
    case stored(ServedRecord)
    /// That client_record_id was stored before, with the same content: nothing new stored.
    case existing(ServedRecord)
    /// That client_record_id was stored before for a different record.
    case conflict(ServedRecord)
    /// Refused (the sentence `board record` would print).
    case refused(String)
}

extension SQLiteStore: ServeStore {
    public typealias ServedInput = BancheStore.ServedInput
    public typealias Passenger = ServePassenger

    // MARK: links

    /// Stores a new link; `secretSHA256` is the hex SHA-256 of its secret.
    public func addToken(id: String, secretSHA256: String, trip: String, stop: String?, expiresAt: Timestamp, audit: AuditStamp) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO serve_token (id, secret_sha256, trip_id, stop_id, created_at, expires_at, os_user, command) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [id, secretSHA256, trip, stop, audit.iso, expiresAt.iso(in: audit.zone), audit.osUser, audit.command])
        }
    }

    /// The link whose secret hashes to `secretSHA256`, revoked or expired ones included.
    public func token(secretSHA256: String) throws -> ServeToken? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM serve_token WHERE secret_sha256 = ?", arguments: [secretSHA256]).map(Self.token) }
    }

    /// The link with this id.
    public func token(id: String) throws -> ServeToken? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM serve_token WHERE id = ?", arguments: [id]).map(Self.token) }
    }

    /// Every link, oldest first.
    public func tokens() throws -> [ServeToken] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM serve_token ORDER BY created_at, id").map(Self.token) }
    }

    static func token(_ r: Row) -> ServeToken {
        ServeToken(id: r["id"], tripID: r["trip_id"], stopID: r["stop_id"], createdAt: r["created_at"],
                   expiresAt: Timestamp(iso: r["expires_at"] as String, defaultZone: .china)!, revokedAt: r["revoked_at"])
    }

    /// Revokes links: one by id, or every link of a trip. Returns how many were revoked now.
    public func revokeTokens(id: String?, trip: String?, audit: AuditStamp) throws -> Int {
        try write { db in
            if let id {
                try db.execute(sql: "UPDATE serve_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [audit.iso, id])
            } else {
                try db.execute(sql: "UPDATE serve_token SET revoked_at = ? WHERE trip_id = ? AND revoked_at IS NULL", arguments: [audit.iso, trip])
            }
            let n = db.changesCount
            try Self.audit(db, at: audit.iso, actor: "os:\(audit.osUser)", action: "revoke", trip: trip, outcome: "ok", detail: "\(n) link(s) \(id ?? "")")
            return n
        }
    }

    // MARK: office users

    /// Adds an office user or sets a new password; returns whether the user existed.
    @discardableResult
    public func setUser(name: String, passwordHash: String, audit: AuditStamp) throws -> Bool {
        try write { db in
            let existed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM serve_user WHERE name = ?", arguments: [name])! > 0
            try db.execute(sql: """
                INSERT INTO serve_user (name, password_hash, created_at, os_user, command) VALUES (?,?,?,?,?)
                ON CONFLICT(name) DO UPDATE SET password_hash = excluded.password_hash, created_at = excluded.created_at,
                  os_user = excluded.os_user, command = excluded.command
                """, arguments: [name, passwordHash, audit.iso, audit.osUser, audit.command])
            try Self.audit(db, at: audit.iso, actor: "os:\(audit.osUser)", action: existed ? "user-password" : "user-add", trip: nil, outcome: "ok", detail: name)
            return existed
        }
    }

    /// The stored password hash of an office user.
    public func passwordHash(user: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM serve_user WHERE name = ?", arguments: [user]) }
    }

    // MARK: records

    /// Stores records sent by phones in one transaction (one commit for many phones: the
    /// server gathers the records that arrive while the previous batch is written). Each is
    /// decided on its own, in order, with its trip read inside the transaction, so a close cannot
    /// slip between check and write: a client_record_id seen before (in an earlier batch or this
    /// one) is answered with the stored record and nothing is written; a refused one writes nothing.
    public func recordServed(_ inputs: [ServedInput], audit: AuditStamp) throws -> [ServedOutcome] {
        try write { db in
            var trips: [String: StoredTrip?] = [:]
            let insert = try db.cachedStatement(sql: """
                INSERT INTO boarding_record (plan_version, trip_id, worker_id, step, value, at, recorded_at, os_user, command, recorded_by, client_record_id)
                VALUES (?,?,?,?,?,?,?,?,?,?,?)
                """)
            return try inputs.map { input in
                let r = input.record
                if let old = try Row.fetchOne(db, sql: "SELECT * FROM boarding_record WHERE client_record_id = ?", arguments: [input.clientRecordID]).map(Self.served) {
                    return Self.answer(r, storedBefore: old)
                }
                if trips[r.tripID] == nil {
                    let v = try Int.fetchOne(db, sql: "SELECT MAX(plan_version) FROM trip WHERE plan_version IN (SELECT version FROM plan) AND trip_id = ?",
                                             arguments: [r.tripID])
                    trips[r.tripID] = .some(try v.flatMap { try Self.storedTrip(db, r.tripID, version: $0) })
                }
                guard let trip = trips[r.tripID]! else { return .refused("no trip \(r.tripID) in any plan version") }
                if let p = input.check(trip) { return .refused(p) }
                let value = r.value.map { $0.trimmingSpaces() }
                try insert.execute(arguments: [trip.version, r.tripID, r.workerID, r.step, value, r.at.iso(in: audit.zone), audit.iso, audit.osUser, audit.command,
                                               input.recordedBy, input.clientRecordID])
                return .stored(ServedRecord(id: db.lastInsertedRowID, tripID: r.tripID, workerID: r.workerID, step: r.step, value: value,
                                            at: r.at.iso(in: audit.zone), recordedAt: audit.iso, recordedBy: input.recordedBy, clientRecordID: input.clientRecordID))
            }
        }
    }

    static func served(_ r: Row) -> ServedRecord {
        ServedRecord(id: r["id"], tripID: r["trip_id"], workerID: r["worker_id"], step: r["step"], value: r["value"], at: r["at"],
                     recordedAt: r["recorded_at"], recordedBy: r["recorded_by"] ?? "os:\(r["os_user"] as String)", clientRecordID: r["client_record_id"] ?? "")
    }

    /// Counts of records per client_record_id for a trip: (records, distinct client ids). Equal
    /// numbers mean nothing was stored twice.
    public func servedCounts(trip: String?) throws -> (records: Int, distinctClientIDs: Int) {
        try read { db in
            let r = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COUNT(DISTINCT client_record_id) FROM boarding_record WHERE client_record_id IS NOT NULL\(trip == nil ? "" : " AND trip_id = ?")
                """, arguments: trip.map { [$0] } ?? [])!
            return (r[0], r[1])
        }
    }

    /// The client_record_ids stored that start with `prefix` (one entry per stored row).
    public func clientRecordIDs(prefix: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT client_record_id FROM boarding_record WHERE substr(client_record_id, 1, ?) = ?", arguments: [prefix.count, prefix])
        }
    }

    /// Every trip id of the newest plan version of each direction.
    public func latestTripIDs() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT trip_id FROM trip WHERE plan_version IN (SELECT MAX(version) FROM plan GROUP BY direction) ORDER BY plan_version, departure, trip_id
                """)
        }
    }

    // MARK: pages

    /// The passengers of a trip's plan version, by seat.
    public func passengers(of trip: StoredTrip) throws -> [Passenger] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.worker_id, COALESCE(w.name, '') AS name, COALESCE(w.resident_id, '') AS rid, s.seat, s.pickup_stop, COALESCE(p.name, s.pickup_stop) AS stop_name
                FROM seat_assignment s LEFT JOIN worker w ON w.id = s.worker_id LEFT JOIN stop p ON p.id = s.pickup_stop
                WHERE s.plan_version = ? AND s.trip_id = ? ORDER BY s.seat
                """, arguments: [trip.version, trip.tripID]).map {
                Passenger(workerID: $0["worker_id"], name: $0["name"], residentID: $0["rid"], seat: $0["seat"], pickupStop: $0["pickup_stop"], pickupStopName: $0["stop_name"])
            }
        }
    }

    /// Ids of the trips that run on `date`, in the newest plan version of each, by departure.
    public func tripIDs(on date: CivilDate) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT t.trip_id FROM trip t
                WHERE t.service_date = ? AND t.plan_version = (SELECT MAX(plan_version) FROM trip WHERE trip_id = t.trip_id AND plan_version IN (SELECT version FROM plan))
                ORDER BY t.departure, t.trip_id
                """, arguments: [date.description])
        }
    }

    // MARK: audit

    /// Writes one line of the server's audit.
    public func audit(actor: String, action: String, trip: String?, outcome: String, detail: String, at: Timestamp) throws {
        try write { db in try Self.audit(db, at: at.iso(in: .china), actor: actor, action: action, trip: trip, outcome: outcome, detail: detail) }
    }

    static func audit(_ db: Database, at: String, actor: String, action: String, trip: String?, outcome: String, detail: String) throws {
        try db.execute(sql: "INSERT INTO serve_audit (at, actor, action, trip_id, outcome, detail) VALUES (?,?,?,?,?,?)",
                       arguments: [at, actor, action, trip, outcome, detail])
    }

    /// The server's audit lines, oldest first: (at, actor, action, trip, outcome, detail).
    public func serveAudit() throws -> [(at: String, actor: String, action: String, trip: String?, outcome: String, detail: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM serve_audit ORDER BY id").map { ($0["at"], $0["actor"], $0["action"], $0["trip_id"], $0["outcome"], $0["detail"]) }
        }
    }
}
