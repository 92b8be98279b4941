import BancheCore
import GRDB

/// One line of `banche history`.
public struct HistoryEntry: Sendable {
    public var at: String
    public var osUser: String
    public var what: String
    public var command: String
    package init(at: String, osUser: String, what: String, command: String) { self.at = at; self.osUser = osUser; self.what = what; self.command = command }
}

/// What `banche purge` removed.
public struct PurgeResult: Sendable {
    public var workers: Int
    public var drivers: Int
    public var boardingRecords: Int
    /// PostgreSQL, the administrator's purge (which deletes nothing): the pending purges whose
    /// tables it rewrote; 0 when none was pending (then nothing was done).
    public var purgesRewritten = 0
    package init(workers: Int, drivers: Int, boardingRecords: Int) { self.workers = workers; self.drivers = drivers; self.boardingRecords = boardingRecords }
}

extension SQLiteStore {
    /// Every import, plan version, boarding record batch, trip closing and purge, oldest first.
    public func history() throws -> [HistoryEntry] {
        try read { db in
            var out: [HistoryEntry] = []
            for r in try Row.fetchAll(db, sql: "SELECT * FROM import_log") {
                out.append(.imported(at: r["imported_at"], osUser: r["os_user"], kind: r["kind"], rows: r["rows"], file: r["file"], encoding: r["encoding"],
                                     replaced: r["replaced"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM plan") {
                out.append(.planned(at: r["created_at"], osUser: r["os_user"], version: r["version"], direction: r["direction"], dates: r["dates"],
                                    placed: r["workers_placed"], unplaced: r["workers_unplaced"], trips: r["trips"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT recorded_at, os_user, command, trip_id, COUNT(*) AS n FROM boarding_record GROUP BY recorded_at, os_user, command, trip_id") {
                out.append(.boarding(at: r["recorded_at"], osUser: r["os_user"], records: r["n"], trip: r["trip_id"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM boarding_close") {
                out.append(.closedTrip(at: r["closed_at"], osUser: r["os_user"], trip: r["trip_id"], checklist: r["checklist"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM worker_event ORDER BY id") {
                out.append(.workerEvent(at: r["at"], osUser: r["os_user"], event: r["event"], worker: r["worker_id"], reason: r["reason"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT published_at, os_user, command, plan_version, COUNT(*) AS n FROM trip_publication
                GROUP BY published_at, os_user, command, plan_version
                """) {
                out.append(.published(at: r["published_at"], osUser: r["os_user"], trips: r["n"], version: r["plan_version"], command: r["command"]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT * FROM purge_log") {
                out.append(.purged(at: r["purged_at"], osUser: r["os_user"], before: r["before"], workers: r["workers"], drivers: r["drivers"],
                                   records: r["boarding_records"], command: r["command"]))
            }
            out += try Self.stopCloseHistory(db)
            return HistoryEntry.inOrder(out)
        }
    }

    /// Deletes the personal data of seasons that ended before `before`: workers whose last
    /// travel day is earlier, their boarding records, and drivers no longer available. Counts
    /// by direction, day and township are kept. Then the file is vacuumed and the write-ahead
    /// log truncated, so the deleted text is gone from disk.
    public func purge(before: CivilDate, audit: AuditStamp) throws -> PurgeResult {
        let result: PurgeResult = try write { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let b = before.description
            try db.execute(sql: "INSERT INTO purge_log (before, workers, drivers, boarding_records, purged_at, os_user, command) VALUES (?, 0, 0, 0, ?, ?, ?)",
                           arguments: [b, audit.iso, audit.osUser, audit.command])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO maintenance (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.wipePendingKey, audit.iso])
            try db.execute(sql: """
                INSERT INTO season_count (purge_id, direction, last_travel_date, home_township, workers, poverty_alleviated, disability, employer, priority)
                SELECT ?, direction, latest_date, home_township, COUNT(*),
                       SUM(CASE WHEN priority LIKE '%poverty-alleviated%' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN priority LIKE '%disability%' THEN 1 ELSE 0 END), employer, priority
                FROM worker WHERE latest_date < ? GROUP BY direction, latest_date, home_township, employer, priority
                """, arguments: [id, b])
            // Seated passengers, counted per trip and group, so `report season` still adds up;
            // a seat an earlier purge counted (its worker imported again since) is not counted twice.
            let notCounted = "NOT EXISTS (SELECT 1 FROM purged_seat p WHERE p.plan_version = sa.plan_version AND p.trip_id = sa.trip_id AND p.seat = sa.seat)"
            try db.execute(sql: """
                INSERT INTO purged_seat_count (purge_id, plan_version, trip_id, home_township, employer, priority, people)
                SELECT ?, sa.plan_version, sa.trip_id, w.home_township, w.employer, w.priority, COUNT(*)
                FROM seat_assignment sa JOIN worker w ON w.id = sa.worker_id WHERE w.latest_date < ? AND \(notCounted)
                GROUP BY sa.plan_version, sa.trip_id, w.home_township, w.employer, w.priority
                """, arguments: [id, b])
            try db.execute(sql: """
                INSERT INTO purged_seat (purge_id, plan_version, trip_id, seat)
                SELECT ?, sa.plan_version, sa.trip_id, sa.seat FROM seat_assignment sa JOIN worker w ON w.id = sa.worker_id
                WHERE w.latest_date < ? AND \(notCounted)
                """, arguments: [id, b])
            try db.execute(sql: "DELETE FROM worker_event WHERE worker_id IN (SELECT id FROM worker WHERE latest_date < ?)", arguments: [b])
            try db.execute(sql: "DELETE FROM boarding_record WHERE worker_id IN (SELECT id FROM worker WHERE latest_date < ?)", arguments: [b])
            let records = db.changesCount
            try db.execute(sql: "DELETE FROM worker WHERE latest_date < ?", arguments: [b])
            let workers = db.changesCount
            try db.execute(sql: "DELETE FROM driver WHERE available_to < ?", arguments: [b])
            let drivers = db.changesCount
            try db.execute(sql: "UPDATE purge_log SET workers = ?, drivers = ?, boarding_records = ? WHERE id = ?", arguments: [workers, drivers, records, id])
            try Self.bumpDataVersion(db, what: "purge before \(b)", audit: audit)
            return PurgeResult(workers: workers, drivers: drivers, boardingRecords: records)
        }
        // The deletions and the 'wipe pending' mark are committed together; the bytes leave the
        // file only when VACUUM has rewritten it and the write-ahead log is emptied. A reader in
        // another process can keep the log in use: then say so (exit 3) and let any later
        // opening finish the wipe.
        guard try wipe() else { throw StoreError.wipeIncomplete(path: path) }
        return result
    }
}
