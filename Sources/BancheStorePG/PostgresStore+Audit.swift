import BancheCore
import BancheStore
import Foundation

/// The history and the purge on PostgreSQL. The lines of `banche history` are those of
/// SQLite (`HistoryEntry` in StoreRules.swift); a purge deletes the county's rows in one
/// transaction, then rewrites the affected tables with `VACUUM FULL` (docs/province.md).
extension PostgresStore {
    public func history() throws -> [HistoryEntry] {
        try session.transaction(readOnly: true) {
            var out: [HistoryEntry] = []
            for r in try session.query("SELECT * FROM import_log") {
                out.append(.imported(at: try r.v("imported_at"), osUser: try r.v("os_user"), kind: try r.v("kind"), rows: try r.v("rows"), file: try r.v("file"),
                                     encoding: try r.v("encoding"), replaced: try r.v("replaced"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM plan") {
                out.append(.planned(at: try r.v("created_at"), osUser: try r.v("os_user"), version: try r.v("version"), direction: try r.v("direction"),
                                    dates: try r.v("dates"), placed: try r.v("workers_placed"), unplaced: try r.v("workers_unplaced"), trips: try r.v("trips"),
                                    command: try r.v("command")))
            }
            for r in try session.query("SELECT recorded_at, os_user, command, trip_id, COUNT(*)::bigint AS n FROM boarding_record GROUP BY recorded_at, os_user, command, trip_id") {
                out.append(.boarding(at: try r.v("recorded_at"), osUser: try r.v("os_user"), records: try r.v("n"), trip: try r.v("trip_id"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM boarding_close") {
                out.append(.closedTrip(at: try r.v("closed_at"), osUser: try r.v("os_user"), trip: try r.v("trip_id"), checklist: try r.v("checklist"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM worker_event ORDER BY id") {
                out.append(.workerEvent(at: try r.v("at"), osUser: try r.v("os_user"), event: try r.v("event"), worker: try r.v("worker_id"),
                                        reason: try r.v("reason"), command: try r.v("command")))
            }
            for r in try session.query("""
                SELECT published_at, os_user, command, plan_version, COUNT(*)::bigint AS n FROM trip_publication
                GROUP BY published_at, os_user, command, plan_version
                """) {
                out.append(.published(at: try r.v("published_at"), osUser: try r.v("os_user"), trips: try r.v("n"), version: try r.v("plan_version"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM purge_log") {
                out.append(.purged(at: try r.v("purged_at"), osUser: try r.v("os_user"), before: try r.v("before"), workers: try r.v("workers"),
                                   drivers: try r.v("drivers"), records: try r.v("boarding_records"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM boarding_stop_close") {
                out.append(.closedStop(at: try r.v("closed_at"), osUser: try r.v("os_user"), stop: try r.v("stop_id"), trip: try r.v("trip_id"),
                                       checklist: try r.v("checklist"), command: try r.v("command")))
            }
            for r in try session.query("SELECT * FROM boarding_reopen ORDER BY id") {
                out.append(.reopened(at: try r.v("reopened_at"), osUser: try r.v("os_user"), trip: try r.v("trip_id"), stop: try r.v("stop_id"),
                                     closedAt: try r.v("closed_at"), boarded: try r.v("boarded"), released: try r.v("released"), command: try r.v("command")))
            }
            return HistoryEntry.inOrder(out)
        }
    }

    /// Deletes the county's personal data of seasons that ended before `before` (workers whose
    /// last travel day is earlier, their boarding records and events, drivers no longer
    /// available), keeping the counts, in one transaction; then `VACUUM FULL` rewrites the
    /// affected tables so the deleted rows are no longer in their files.
    ///
    /// `VACUUM` cannot run in a transaction and needs the table's owner (or, from PostgreSQL
    /// 17, the MAINTAIN privilege schema version 4 grants the county roles). When the role may
    /// not, or another session holds the table too long (exit 3), the deletion stays committed
    /// and the purge is marked pending: the administrator's `banche purge` rewrites the tables
    /// of every pending purge (a role with no county deletes nothing).
    public func purge(before: CivilDate, audit: AuditStamp) throws -> PurgeResult {
        guard county != nil else {
            var r = PurgeResult(workers: 0, drivers: 0, boardingRecords: 0)
            r.purgesRewritten = try session.query("SELECT count(*) AS n FROM purge_log WHERE vacuumed_at IS NULL").first?.v("n", as: Int.self) ?? 0
            if r.purgesRewritten > 0 { try vacuumPurgedTables(audit: audit) }
            return r
        }
        let b = before.description
        let result: PurgeResult = try session.transaction {
            // One purge of a county at a time, and none while its import runs.
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-import:' || banche_county()))")
            let id: Int = try session.query("""
                INSERT INTO purge_log (before, workers, drivers, boarding_records, purged_at, os_user, command) VALUES ($1, 0, 0, 0, $2, $3, $4) RETURNING id
                """, [b, audit.iso, audit.osUser, audit.command]).first!.v("id")
            try session.query("""
                INSERT INTO season_count (purge_id, direction, last_travel_date, home_township, workers, poverty_alleviated, disability, employer, priority)
                SELECT $1, direction, latest_date, home_township, COUNT(*),
                       SUM(CASE WHEN priority LIKE '%poverty-alleviated%' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN priority LIKE '%disability%' THEN 1 ELSE 0 END), employer, priority
                FROM worker WHERE latest_date < $2 GROUP BY direction, latest_date, home_township, employer, priority
                """, [id, b])
            // Seated passengers, counted per trip and group, so `report season` still adds up;
            // a seat an earlier purge counted (its worker imported again since) is not counted twice.
            let notCounted = "NOT EXISTS (SELECT 1 FROM purged_seat p WHERE p.county = sa.county AND p.plan_version = sa.plan_version AND p.trip_id = sa.trip_id AND p.seat = sa.seat)"
            try session.query("""
                INSERT INTO purged_seat_count (purge_id, plan_version, trip_id, home_township, employer, priority, people)
                SELECT $1, sa.plan_version, sa.trip_id, w.home_township, w.employer, w.priority, COUNT(*)
                FROM seat_assignment sa JOIN worker w ON w.county = sa.county AND w.id = sa.worker_id WHERE w.latest_date < $2 AND \(notCounted)
                GROUP BY sa.plan_version, sa.trip_id, w.home_township, w.employer, w.priority
                """, [id, b])
            try session.query("""
                INSERT INTO purged_seat (purge_id, plan_version, trip_id, seat)
                SELECT $1, sa.plan_version, sa.trip_id, sa.seat FROM seat_assignment sa JOIN worker w ON w.county = sa.county AND w.id = sa.worker_id
                WHERE w.latest_date < $2 AND \(notCounted)
                """, [id, b])
            func deleted(_ sql: String) throws -> Int {
                try session.query("WITH d AS (\(sql) RETURNING 1) SELECT COUNT(*)::bigint AS n FROM d", [b]).first!.v("n")
            }
            _ = try deleted("DELETE FROM worker_event WHERE worker_id IN (SELECT id FROM worker WHERE latest_date < $1)")
            let records = try deleted("DELETE FROM boarding_record WHERE worker_id IN (SELECT id FROM worker WHERE latest_date < $1)")
            let workers = try deleted("DELETE FROM worker WHERE latest_date < $1")
            let drivers = try deleted("DELETE FROM driver WHERE available_to < $1")
            try session.query("UPDATE purge_log SET workers = $1, drivers = $2, boarding_records = $3 WHERE id = $4", [workers, drivers, records, id])
            try bumpDataVersion(what: "purge before \(b)", audit: audit)
            return PurgeResult(workers: workers, drivers: drivers, boardingRecords: records)
        }
        try vacuumPurgedTables(audit: audit, after: result)
        return result
    }

    /// Rewrites the purged tables (`VACUUM FULL`, outside any transaction) and marks the pending
    /// purges done; `after` names the purge just committed, for the message when it cannot.
    func vacuumPurgedTables(audit: AuditStamp, after result: PurgeResult? = nil) throws {
        let tables = PGSchema.purgedTables
        guard try mayVacuum(tables) else {
            let done = result.map { "the purge is committed (\($0.workers) workers, \($0.drivers) drivers, \($0.boardingRecords) boarding records deleted), but " } ?? ""
            throw StoreError.other("""
                \(done)the role \(address.user) may not rewrite the tables \(tables.joined(separator: ", ")) (VACUUM FULL needs their owner, or \
                the MAINTAIN privilege from PostgreSQL 17), so the deleted rows' bytes stay in their files until the administrator runs \
                `banche purge --before DATE --db postgres://ADMIN@\(address.host):\(address.port)/\(address.database)` \
                with any DATE up to today: the administrator's purge deletes nothing, it rewrites the tables (docs/province.md, Purge)
                """)
        }
        // VACUUM FULL keeps a deleted row that a transaction begun before the deletion could
        // still see: wait until no such transaction is left, or say the purge is pending.
        try waitForSnapshotsBeforePendingPurges(done: result)
        do {
            for t in tables { try session.execute("VACUUM (FULL) \(t)") }
        } catch StoreError.busy {
            throw StoreError.vacuumPending(pendingMessage(result, because: "another session holds one of the tables \(tables.joined(separator: ", "))"))
        }
        // A county marks its own purges (row-level security); the administrator every county's.
        try session.query("UPDATE purge_log SET vacuumed_at = $1 WHERE vacuumed_at IS NULL",
                          [audit.iso])
    }

    /// Waits, up to the busy timeout, until no session of this database, no prepared transaction
    /// and no replication slot still holds a snapshot from before a pending purge (they would
    /// make VACUUM FULL keep the deleted rows). A session this role may not inspect counts as
    /// holding one. The pending purges' transaction is their `purge_log` row's `xmin`.
    ///
    /// A transaction in *any* database of the server that began writing before the purge counts
    /// too: every snapshot taken while it runs, VACUUM FULL's own included, has an `xmin` no
    /// newer than its transaction id, so the rewrite would still treat the deleted rows as
    /// visible to someone and copy them (a county's long import elsewhere did exactly that).
    func waitForSnapshotsBeforePendingPurges(done: PurgeResult?) throws {
        let deadline = Date().addingTimeInterval(SQLiteStore.busyTimeout)
        while true {
            let holders: Int = try session.query("""
                WITH p AS (SELECT min(age(xmin)) AS a FROM purge_log WHERE vacuumed_at IS NULL)
                SELECT (SELECT count(*) FROM pg_stat_activity, p WHERE p.a IS NOT NULL AND pid <> pg_backend_pid()
                          AND (age(backend_xid) >= p.a
                               OR (datname = current_database() AND (query = '<insufficient privilege>' OR age(backend_xmin) >= p.a))))
                     + (SELECT count(*) FROM pg_prepared_xacts, p WHERE age(transaction) >= p.a)
                     + (SELECT count(*) FROM pg_replication_slots, p WHERE age(xmin) >= p.a) AS n
                """).first!.v("n")
            if holders == 0 { return }
            if Date() >= deadline {
                throw StoreError.vacuumPending(pendingMessage(done, because: "\(holders) other session(s) or slot(s) on the server may still see the deleted rows"))
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func pendingMessage(_ done: PurgeResult?, because why: String) -> String {
        let committed = done.map { "the purge is committed (\($0.workers) workers, \($0.drivers) drivers, \($0.boardingRecords) boarding records deleted), but " } ?? ""
        return "\(committed)the tables are not rewritten yet: \(why); run the same purge again in a moment (nothing more is deleted) to finish it (docs/province.md, Purge)"
    }

    /// Whether this role may `VACUUM` every one of `tables`: their owner (or a member of the
    /// owning role), a superuser, or from PostgreSQL 17 a holder of MAINTAIN.
    func mayVacuum(_ tables: [String]) throws -> Bool {
        let names = tables.map { "'\($0)'" }.joined(separator: ", ")  // banche's own table names, not input
        let owner = try session.query("""
            SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS ok
            FROM pg_class c WHERE c.oid = ANY(ARRAY[\(names)]::regclass[])
            """).first?.v("ok", as: Bool?.self) ?? false
        if owner { return true }
        let version: Int = try session.query("SELECT current_setting('server_version_num')::bigint AS v").first!.v("v")
        guard version >= 170000 else { return false }
        return try session.query("SELECT bool_and(has_table_privilege(t, 'MAINTAIN')) AS ok FROM unnest(ARRAY[\(names)]) AS t")
            .first?.v("ok", as: Bool?.self) ?? false
    }

    public func wipePending() throws -> Bool {
        try !session.query("SELECT 1 FROM purge_log WHERE vacuumed_at IS NULL LIMIT 1").isEmpty
    }
}
