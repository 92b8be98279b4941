import BancheCore
import BancheStore

/// The check-in server's store on PostgreSQL (schema version 5, SQLite `v8-serve`): the county
/// office runs `banche serve` as its own role; links, users, the audit and the records sent by
/// phones are the county's rows (row-level security), as on SQLite `SQLiteStore+Serve.swift`.
extension PostgresStore: ServeStore {
    // MARK: links

    public func addToken(id: String, secretSHA256: String, trip: String, stop: String?, expiresAt: Timestamp, audit: AuditStamp) throws {
        _ = try requireCounty("issue a link")
        try session.query("""
            INSERT INTO serve_token (id, secret_sha256, trip_id, stop_id, created_at, expires_at, os_user, command) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
            """, [id, secretSHA256, trip, stop, audit.iso, expiresAt.iso(in: audit.zone), audit.osUser, audit.command])
    }

    public func token(secretSHA256: String) throws -> ServeToken? {
        try session.query("SELECT * FROM serve_token WHERE secret_sha256 = $1", [secretSHA256]).first.map(serveToken)
    }

    public func token(id: String) throws -> ServeToken? {
        try session.query("SELECT * FROM serve_token WHERE id = $1", [id]).first.map(serveToken)
    }

    public func tokens() throws -> [ServeToken] {
        try session.query("SELECT * FROM serve_token ORDER BY created_at COLLATE \"C\", id COLLATE \"C\"").map(serveToken)
    }

    func serveToken(_ r: PGRow) throws -> ServeToken {
        ServeToken(id: try r.v("id"), tripID: try r.v("trip_id"), stopID: try r.v("stop_id"), createdAt: try r.v("created_at"),
                   expiresAt: pgStamp(try r.v("expires_at")), revokedAt: try r.v("revoked_at"))
    }

    public func revokeTokens(id: String?, trip: String?, audit: AuditStamp) throws -> Int {
        _ = try requireCounty("revoke links")
        return try session.transaction {
            let n: Int = try session.query("""
                WITH u AS (UPDATE serve_token SET revoked_at = $1 WHERE \(id == nil ? "trip_id" : "id") = $2 AND revoked_at IS NULL RETURNING 1)
                SELECT COUNT(*)::bigint AS n FROM u
                """, [audit.iso, id ?? trip ?? ""]).first!.v("n")
            try insertServeAudit(at: audit.iso, actor: "os:\(audit.osUser)", action: "revoke", trip: trip, outcome: "ok", detail: "\(n) link(s) \(id ?? "")")
            return n
        }
    }

    // MARK: office users

    @discardableResult
    public func setUser(name: String, passwordHash: String, audit: AuditStamp) throws -> Bool {
        _ = try requireCounty("add an office user")
        return try session.transaction {
            let existed = try !session.query("SELECT 1 FROM serve_user WHERE name = $1", [name]).isEmpty
            try session.query("""
                INSERT INTO serve_user (name, password_hash, created_at, os_user, command) VALUES ($1,$2,$3,$4,$5)
                ON CONFLICT (county, name) DO UPDATE SET password_hash = excluded.password_hash, created_at = excluded.created_at,
                  os_user = excluded.os_user, command = excluded.command
                """, [name, passwordHash, audit.iso, audit.osUser, audit.command])
            try insertServeAudit(at: audit.iso, actor: "os:\(audit.osUser)", action: existed ? "user-password" : "user-add", trip: nil, outcome: "ok", detail: name)
            return existed
        }
    }

    public func passwordHash(user: String) throws -> String? {
        try session.query("SELECT password_hash FROM serve_user WHERE name = $1", [user]).first?.v("password_hash")
    }

    // MARK: records

    public func recordServed(_ inputs: [ServedInput], audit: AuditStamp) throws -> [ServedOutcome] {
        _ = try requireCounty("record boarding")
        return try session.transaction {
            var trips: [String: StoredTrip?] = [:]
            return try inputs.map { input in
                let r = input.record
                if let old = try session.query("SELECT * FROM boarding_record WHERE client_record_id = $1", [input.clientRecordID]).first.map(servedRecord) {
                    return Self.answer(r, storedBefore: old)
                }
                if trips[r.tripID] == nil { trips[r.tripID] = .some(try trip(r.tripID)) }
                guard let trip = trips[r.tripID]! else { return .refused("no trip \(r.tripID) in any plan version") }
                if let p = input.check(trip) { return .refused(p) }
                let value = r.value.map { $0.trimmingSpaces() }
                let id: Int = try session.query("""
                    INSERT INTO boarding_record (plan_version, trip_id, worker_id, step, value, at, recorded_at, os_user, command, recorded_by, client_record_id)
                    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id
                    """, [trip.version, r.tripID, r.workerID, r.step, value, r.at.iso(in: audit.zone), audit.iso, audit.osUser, audit.command,
                          input.recordedBy, input.clientRecordID]).first!.v("id")
                return .stored(ServedRecord(id: Int64(id), tripID: r.tripID, workerID: r.workerID, step: r.step, value: value, at: r.at.iso(in: audit.zone),
                                            recordedAt: audit.iso, recordedBy: input.recordedBy, clientRecordID: input.clientRecordID))
            }
        }
    }

    func servedRecord(_ r: PGRow) throws -> ServedRecord {
        let osUser: String = try r.v("os_user")
        return ServedRecord(id: Int64(try r.v("id", as: Int.self)), tripID: try r.v("trip_id"), workerID: try r.v("worker_id"), step: try r.v("step"),
                            value: try r.v("value"), at: try r.v("at"), recordedAt: try r.v("recorded_at"),
                            recordedBy: try r.v("recorded_by", as: String?.self) ?? "os:\(osUser)",
                            clientRecordID: try r.v("client_record_id", as: String?.self) ?? "")
    }

    public func servedCounts(trip: String?) throws -> (records: Int, distinctClientIDs: Int) {
        let r = try session.query("""
            SELECT COUNT(*)::bigint AS n, COUNT(DISTINCT client_record_id)::bigint AS d FROM boarding_record
            WHERE client_record_id IS NOT NULL\(trip == nil ? "" : " AND trip_id = $1")
            """, trip.map { [$0] } ?? []).first!
        return (try r.v("n"), try r.v("d"))
    }

    public func clientRecordIDs(prefix: String) throws -> [String] {
        try session.query("SELECT client_record_id FROM boarding_record WHERE left(client_record_id, $1) = $2", [prefix.count, prefix])
            .map { try $0.v("client_record_id") }
    }

    public func latestTripIDs() throws -> [String] {
        try session.query("""
            SELECT trip_id FROM trip WHERE plan_version IN (SELECT MAX(version) FROM plan GROUP BY direction)
            ORDER BY plan_version, departure COLLATE "C", trip_id COLLATE "C"
            """).map { try $0.v("trip_id") }
    }

    // MARK: pages

    public func passengers(of trip: StoredTrip) throws -> [ServePassenger] {
        try session.query("""
            SELECT s.worker_id, COALESCE(w.name, '') AS name, COALESCE(w.resident_id, '') AS rid, s.seat, s.pickup_stop, COALESCE(p.name, s.pickup_stop) AS stop_name
            FROM seat_assignment s LEFT JOIN worker w ON w.county = s.county AND w.id = s.worker_id LEFT JOIN stop p ON p.county = s.county AND p.id = s.pickup_stop
            WHERE s.plan_version = $1 AND s.trip_id = $2 ORDER BY s.seat
            """, [trip.version, trip.tripID]).map { r in
            ServePassenger(workerID: try r.v("worker_id"), name: try r.v("name"), residentID: try r.v("rid"), seat: try r.v("seat"),
                           pickupStop: try r.v("pickup_stop"), pickupStopName: try r.v("stop_name"))
        }
    }

    public func tripIDs(on date: CivilDate) throws -> [String] {
        try session.query("""
            SELECT t.trip_id FROM trip t
            WHERE t.service_date = $1 AND t.plan_version = (SELECT MAX(plan_version) FROM trip WHERE county = t.county AND trip_id = t.trip_id)
            ORDER BY t.departure COLLATE "C", t.trip_id COLLATE "C"
            """, [date.description]).map { try $0.v("trip_id") }
    }

    // MARK: audit

    public func audit(actor: String, action: String, trip: String?, outcome: String, detail: String, at: Timestamp) throws {
        try insertServeAudit(at: at.iso(in: .china), actor: actor, action: action, trip: trip, outcome: outcome, detail: detail)
    }

    func insertServeAudit(at: String, actor: String, action: String, trip: String?, outcome: String, detail: String) throws {
        try session.query("INSERT INTO serve_audit (at, actor, action, trip_id, outcome, detail) VALUES ($1,$2,$3,$4,$5,$6)",
                          [at, actor, action, trip, outcome, detail])
    }

    public func serveAudit() throws -> [(at: String, actor: String, action: String, trip: String?, outcome: String, detail: String)] {
        try session.query("SELECT * FROM serve_audit ORDER BY id").map { r in
            (try r.v("at"), try r.v("actor"), try r.v("action"), try r.v("trip_id"), try r.v("outcome"), try r.v("detail"))
        }
    }
}
