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
    /// The latest plan was asked for, and none is saved.
    case noPlanYet
    /// Something the plan was computed from changed before it could be saved.
    case dataChanged(detail: String)
    /// `purge` deleted the rows but could not rewrite the file while another process read it.
    case wipeIncomplete(path: String)
    /// PostgreSQL: `purge` deleted the rows, but `VACUUM FULL` could not yet rewrite the tables
    /// without them (another session may still see them, or holds a table); run it again.
    case vacuumPending(String)
    case other(String)

    public var description: String {
        switch self {
        case .noDatabase(let p): "no banche database at \(p); create it with `banche init --db \(p)`"
        case .alreadyExists(let p): "\(p) already exists; banche init does not overwrite a database"
        case .busy(let p): "the database \(p) is busy (another banche command is writing); retry in a moment"
        case .notABancheDatabase(let p, let d): "\(p) is not a banche database (\(d))"
        case .planNotFound(let v): "no plan version \(v); `banche plans` lists them"
        case .noPlanYet: "no plan is saved in this database yet; `banche plan --direction … --dates …` makes one"
        case .dataChanged(let d): "the data changed while planning (\(d)); nothing was saved; run plan again"
        case .wipeIncomplete(let p): "the rows are deleted, but their bytes are still on disk in \(p) because another process is reading the database; the wipe completes the next time banche opens it — run the same command again once the other process is done"
        case .vacuumPending(let s): s
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
///
/// One connection (a `DatabaseQueue`) per process: a command is one thread, and other
/// processes read and write beside it through WAL. (A `DatabasePool` writes to the file each
/// time it opens a database whose log is empty — GRDB creates and drops a table to make the
/// log exist — so a refused command would no longer leave the file as it was.)
public final class SQLiteStore: Store, @unchecked Sendable {
    public let path: String
    public var location: String { path }
    public internal(set) var lastImportWriteSeconds: Double = 0
    let queue: DatabaseQueue

    /// How long a writer waits for another one (and a checkpoint for readers) before failing
    /// with `StoreError.busy`: 10 s, or `BANCHE_BUSY_TIMEOUT` seconds (tests shorten it).
    public static let busyTimeout: TimeInterval = {
        if let v = ProcessInfo.processInfo.environment["BANCHE_BUSY_TIMEOUT"], let t = Double(v), t.isFinite, t >= 0, t <= 600 { return t }
        return 10
    }()

    /// Whether an exit status should say "busy, retry" (3) rather than "bad input" (2).
    public static func isRetryable(_ e: StoreError) -> Bool { e.isRetryable }

    /// Opens an existing banche database (and applies pending migrations). An empty file or
    /// a SQLite file without banche's schema is refused and left byte for byte as it was: only
    /// `create` (`banche init`) makes a database.
    public convenience init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        try Self.checkIsBanche(path: path)
        try self.init(opening: path)
        completePendingWipe()
    }

    private init(opening path: String) throws {
        self.path = path
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            // banche files are in WAL mode from `create` on; a file switched out of it (a copy
            // made by another tool) is switched back, once.
            if try queue.read({ try String.fetchOne($0, sql: "PRAGMA journal_mode") }) != "wal" {
                _ = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
            }
            // Migrate only when something is pending, so that opening a current database for
            // a command that ends up writing nothing leaves the file untouched.
            if try !queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) { try Schema.migrator.migrate(queue) }
        } catch let e as DatabaseError {
            throw Self.translate(e, path: path)
        }
    }

    /// Creates a new database file with mode 0600 (it holds personal data) and the schema.
    public static func create(path: String) throws -> SQLiteStore {
        if FileManager.default.fileExists(atPath: path) {
            // An empty file holds nothing to lose (a copy taken before anything was written, or
            // `touch`): it becomes the new database. Unless a log beside it holds pages (the data
            // of a database whose main file was copied empty): then it is refused like any file.
            guard isEmptyRegularFile(path), !isNonEmptyFile(path + "-wal") else { throw StoreError.alreadyExists(path: path) }
            guard chmod(path, 0o600) == 0 else { throw StoreError.other("cannot make \(path) private (mode 0600): \(String(cString: strerror(errno)))") }
            return try SQLiteStore(opening: path)
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw StoreError.other("cannot create \(path): \(String(cString: strerror(errno)))") }
        _ = Glibc.close(fd)
        return try SQLiteStore(opening: path)
    }

    static func isEmptyRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && st.st_size == 0
    }

    static func isNonEmptyFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_size > 0
    }

    /// Looks at the file read-only (nothing written, not even the journal mode) and throws
    /// unless it is a banche database, current or older.
    static func checkIsBanche(path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw StoreError.notABancheDatabase(path: path, detail: "it is a folder")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 {
            throw StoreError.notABancheDatabase(path: path, detail: "the file is empty (nothing was ever written to it, or it was copied while empty); `banche init` makes it a new, empty database, and a copy of a database must be made with `banche backup`")
        }
        var c = Configuration()
        c.readonly = true
        c.busyMode = .timeout(busyTimeout)
        do {
            let q = try DatabaseQueue(path: path, configuration: c)
            let tables = try q.read { db in
                try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            }
            var applied: Set<String> = []
            if tables.contains("grdb_migrations") {
                applied = try q.read { db in try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) }
            }
            try q.close()
            guard applied.contains(Schema.firstMigration), tables.contains("worker"), tables.contains("plan") else {
                throw StoreError.notABancheDatabase(path: path, detail: tables.isEmpty ? "an SQLite file with no tables" : "an SQLite file without banche's tables")
            }
        } catch let e as DatabaseError {
            throw translate(e, path: path)
        }
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
        do { return try queue.write(body) } catch let e as DatabaseError { throw Self.translate(e, path: path) }
    }

    /// A bigger page cache for a bulk insert (an import, a plan's seats and duties): indexes
    /// that take keys in random order (resident ids, households, seats by worker) would
    /// otherwise, with SQLite's 2 MiB default, spend most of a large insert re-reading their
    /// pages. Call the returned closure to restore the previous size.
    static func bulkCache(_ db: Database) throws -> () -> Void {
        let cachePages = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -65536") // 64 MiB
        return { try? db.execute(sql: "PRAGMA cache_size = \(cachePages)") }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let e as DatabaseError { throw Self.translate(e, path: path) }
    }

    /// Moves every page of the write-ahead log into the main file and empties the log
    /// (TRUNCATE), through the writer connection, then closes. Afterwards the `.sqlite` file
    /// alone holds all the data — unless another process is reading, which keeps the log in
    /// use: then the data stays safe in the log, the last process to close completes the move,
    /// and the result is `false`. (GRDB's `close()` alone closes the writer first, leaving a
    /// read-only connection that cannot checkpoint.)
    @discardableResult
    public func close() throws -> Bool {
        let complete = checkpoint()
        try queue.close()
        return complete
    }

    /// A TRUNCATE checkpoint through the writer; `false` when a reader kept it from completing.
    @discardableResult
    func checkpoint() -> Bool {
        do {
            return try queue.writeWithoutTransaction { db in
                let r = try db.checkpoint(.truncate)
                return r.walFrameCount <= 0 || r.walFrameCount == r.checkpointedFrameCount
            }
        } catch {
            return false
        }
    }

    /// Writes a consistent copy of the database to `destination` with SQLite's online backup
    /// while other commands may read or write; the copy is made in a new 0600 file beside the
    /// target, made self-contained, checked with `PRAGMA integrity_check`, then renamed over it.
    public func backup(to destination: String) throws {
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).backup-\(UInt64.random(in: 1...UInt64.max))"
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw StoreError.other("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        _ = Glibc.close(fd)
        do {
            let copy = try DatabaseQueue(path: tmp, configuration: Self.configuration())
            try queue.backup(to: copy)
            let check = try copy.writeWithoutTransaction { db -> String in
                try db.checkpoint(.truncate)
                return try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            }
            try copy.close()
            guard check == "ok" else { throw StoreError.other("the copy failed its integrity check: \(check)") }
            let f = open(tmp, O_RDONLY)
            if f >= 0 { _ = fsync(f); _ = Glibc.close(f) }
            guard rename(tmp, destination) == 0 else {
                throw StoreError.other("cannot write \(destination): \(String(cString: strerror(errno)))")
            }
        } catch let e as DatabaseError {
            unlink(tmp)
            throw Self.translate(e, path: path)
        } catch {
            unlink(tmp)
            throw error
        }
    }

    /// Runs `PRAGMA integrity_check`; returns "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
