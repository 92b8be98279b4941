import BancheCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// Why the store could not do what was asked.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case noDatabase(path: String)
    case alreadyExists(path: String)
    case busy(path: String)
    case notABancheDatabase(path: String, detail: String)
    case planNotFound(Int)
    case other(String)

    public var description: String {
        switch self {
        case .noDatabase(let p): "no banche database at \(p); create it with `banche init --db \(p)`"
        case .alreadyExists(let p): "\(p) already exists; banche init does not overwrite a database"
        case .busy(let p): "the database \(p) is busy (another banche command is writing); retry in a moment"
        case .notABancheDatabase(let p, let d): "\(p) is not a banche database (\(d))"
        case .planNotFound(let v): "no plan version \(v); `banche plans` lists them"
        case .other(let s): s
        }
    }
}

/// Who did what, stored with every import, plan version and boarding record.
public struct AuditStamp: Sendable {
    public var at: Timestamp
    public var osUser: String
    public var command: String
    public var zone: ZoneOffset
    public init(at: Timestamp, osUser: String, command: String, zone: ZoneOffset = .china) {
        self.at = at; self.osUser = osUser; self.command = command; self.zone = zone
    }
    public var iso: String { at.iso(in: zone) }
}

/// The embedded default store: one SQLite file through GRDB, WAL mode, foreign keys on,
/// a busy timeout so a second writer waits before giving up.
public final class SQLiteStore: @unchecked Sendable {
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another one before failing with `StoreError.busy`.
    public static let busyTimeout: TimeInterval = 10

    /// Opens an existing database (and applies pending migrations).
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            // Migrate only when something is pending, so that opening a current database for
            // a command that ends up writing nothing leaves the file untouched.
            if try !pool.read({ try Schema.migrator.hasCompletedMigrations($0) }) { try Schema.migrator.migrate(pool) }
        } catch let e as DatabaseError {
            throw Self.translate(e, path: path)
        }
    }

    /// Creates a new database file with mode 0600 (it holds personal data) and the schema.
    public static func create(path: String) throws -> SQLiteStore {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.alreadyExists(path: path) }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw StoreError.other("cannot create \(path): \(String(cString: strerror(errno)))") }
        _ = Glibc.close(fd)
        return try SQLiteStore(path: path)
    }

    static func configuration() -> Configuration {
        var c = Configuration()
        c.foreignKeysEnabled = true
        c.busyMode = .timeout(busyTimeout)
        c.label = "banche"
        return c
    }

    static func translate(_ e: DatabaseError, path: String) -> StoreError {
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notABancheDatabase(path: path, detail: e.message ?? "\(e.resultCode)")
        default: return .other("database error: \(e.message ?? "\(e.resultCode)")")
        }
    }

    /// Runs `body` in one write transaction; any thrown error rolls everything back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let e as DatabaseError { throw Self.translate(e, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let e as DatabaseError { throw Self.translate(e, path: path) }
    }

    /// Flushes the write-ahead log into the main file and closes it.
    public func close() throws { try pool.close() }

    /// Runs `PRAGMA integrity_check`; returns "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
