import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// `banche copy` on the SQLite side: the season read in one read transaction, or written into
/// a new file in one write transaction, checked there, then renamed into place.
extension SQLiteStore {
    /// What `banche serve` keeps (its links, office users and log): left in the file, not
    /// copied (credentials and the server's own log belong to the database they were made in);
    /// the copy names them.
    static var serverTables: [String] { StoreSchema.tables.filter { !$0.copied }.map(\.name) }

    /// The county's season as stored here, read in one transaction, and the rows of the
    /// check-in server's tables that a copy leaves behind.
    public func readSeason() throws -> (season: SeasonCopy.Season, leftBehind: [(String, Int)]) {
        try read { db in
            let left = try Self.serverTables.compactMap { t -> (String, Int)? in
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0
                return n > 0 ? (t, n) : nil
            }
            return (try Self.seasonRows(db), left)
        }
    }

    /// Every table of `SeasonCopy.tables`, all columns, as stored.
    static func seasonRows(_ db: Database) throws -> SeasonCopy.Season {
        var rows: [String: [[SeasonCopy.Value]]] = [:]
        for t in SeasonCopy.tables {
            let cols = t.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            var out: [[SeasonCopy.Value]] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(cols) FROM \(t.name)")
            while let r = try cursor.next() {
                var row: [SeasonCopy.Value] = []
                row.reserveCapacity(t.columns.count)
                for i in 0..<t.columns.count {
                    let v: DatabaseValue = r[i]
                    switch v.storage {
                    case .null: row.append(.null)
                    case .int64(let n): row.append(.int(Int(n)))
                    case .double(let d): row.append(.real(d))
                    case .string(let s): row.append(.text(s))
                    case .blob(let b): row.append(.text(String(decoding: b, as: UTF8.self)))
                    }
                }
                out.append(row)
            }
            rows[t.name] = out
        }
        return SeasonCopy.Season(rows: rows)
    }

    /// Rows of the season's tables (data_version aside: it is bookkeeping).
    static func seasonRowCount(_ db: Database) throws -> Int {
        try SeasonCopy.tables.filter { $0.name != "data_version" }.reduce(0) { n, t in n + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t.name)") ?? 0) }
    }

    /// Writes `season` into a new SQLite file at `path` (mode 0600): made beside it under a
    /// temporary name, filled in one transaction, `verify` called on what the file then holds
    /// (inside that transaction: a throw undoes it), closed self-contained and renamed into
    /// place. An existing banche file holding a season is refused unless `replace`; anything
    /// else at `path` that is not a banche database is never replaced.
    public static func writeSeason<T>(_ season: SeasonCopy.Season, to path: String, replace: Bool,
                                      verify: (SeasonCopy.Season) throws -> T) throws -> T {
        if FileManager.default.fileExists(atPath: path) {
            try checkIsBanche(path: path)
            let existing = try SQLiteStore(path: path)
            let n = try existing.read { try seasonRowCount($0) }
            try existing.close()
            if n > 0 && !replace { throw SeasonCopy.Refusal.destinationHoldsData(location: path, rows: n) }
        }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).copy-\(UInt64.random(in: 1...UInt64.max))"
        func removeTemporary() { for s in ["", "-wal", "-shm"] { unlink(tmp + s) } }
        do {
            let store = try create(path: tmp)
            let result: T
            do {
                result = try store.write { db in
                    try SeasonCopy.write(season, to: SQLiteCopyWriter(db: db))
                    return try verify(try seasonRows(db))
                }
            } catch {
                _ = try? store.close()
                throw error
            }
            try store.close()
            let f = open(tmp, O_RDONLY)
            if f >= 0 { _ = fsync(f); _ = Glibc.close(f) }
            guard rename(tmp, path) == 0 else { throw StoreError.other("cannot write \(path): \(String(cString: strerror(errno)))") }
            for s in ["-wal", "-shm"] { unlink(path + s) }
            return result
        } catch {
            removeTemporary()
            throw error
        }
    }
}

/// Inserts a copy's rows through one write transaction of a SQLite file.
struct SQLiteCopyWriter: SeasonCopy.Writer {
    let db: Database

    static func sql(_ table: String, _ columns: [SeasonCopy.Column]) -> String {
        "INSERT INTO \(table) (\(columns.map { "\"\($0.name)\"" }.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    static func arguments(_ row: [SeasonCopy.Value]) -> StatementArguments {
        StatementArguments(row.map { v -> DatabaseValue in
            switch v {
            case .null: .null
            case .int(let n): n.databaseValue
            case .real(let d): d.databaseValue
            case .text(let s): s.databaseValue
            }
        })
    }

    func insertReturning(_ table: String, _ columns: [SeasonCopy.Column], _ row: [SeasonCopy.Value], key: String) throws -> Int {
        try db.execute(sql: Self.sql(table, columns), arguments: Self.arguments(row))
        return Int(db.lastInsertedRowID)
    }

    func insert(_ table: String, _ columns: [SeasonCopy.Column], _ rows: [[SeasonCopy.Value]]) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: Self.sql(table, columns))
        for r in rows { try statement.execute(arguments: Self.arguments(r)) }
    }
}
