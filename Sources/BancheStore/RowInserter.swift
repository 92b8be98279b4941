import BancheCore
import GRDB
import GRDBSQLite

/// Inserts many rows through one prepared statement, binding each value with SQLite's C API.
/// GRDB's `StatementArguments` box every value (an array of `DatabaseValue` per row): saving a
/// 100,000-worker plan — 300,000 rows of seats, stop times and duty records — spent about as
/// long building those arrays as SQLite spent storing the rows (docs/performance.md).
///
/// Use: `bind` each parameter (1-based, in the statement's order), then `insert()`. Every
/// parameter must be bound for every row (they are not cleared between rows).
struct RowInserter {
    let statement: Statement
    let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
    func bind(_ i: Int32, _ v: Bool) { sqlite3_bind_int64(handle, i, v ? 1 : 0) }
    func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(handle, i, v) }
    func bind(_ i: Int32, _ v: Double?) { if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) } }
    func bind(_ i: Int32, _ v: String) {
        var s = v
        s.withUTF8 { b in
            // An empty buffer's base address may be nil, which SQLite would store as NULL.
            if b.isEmpty { sqlite3_bind_text(handle, i, "", 0, SQLITE_TRANSIENT_COPY) }
            else { b.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, i, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT_COPY) } }
        }
    }
    func bind(_ i: Int32, _ v: String?) { if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) } }

    /// Runs the statement with the values bound; a refused row throws GRDB's `DatabaseError`
    /// (constraint violations keep their result code), as `execute(arguments:)` would.
    func insert() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

/// SQLite copies the bytes before the bind call returns (`SQLITE_TRANSIENT`).
private let SQLITE_TRANSIENT_COPY = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
