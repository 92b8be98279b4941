import ArgumentParser
import BancheCore
import BancheStore
import BancheStorePG
import Foundation

/// Options every command that touches the database takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database: a file (SQLite, created only by `banche init`), or postgres://ROLE@HOST:PORT/DBNAME for a province's shared PostgreSQL (password from PGPASSWORD or ~/.pgpass, never in the URL). Default: $BANCHE_DB, else banche.sqlite.",
        valueName: "path-or-url"))
    var dbOption: String?

    /// The database as named by `--db`, else `BANCHE_DB`, else `banche.sqlite`.
    var db: String {
        if let dbOption { return dbOption }
        if let env = ProcessInfo.processInfo.environment["BANCHE_DB"], !env.isEmpty { return env }
        return "banche.sqlite"
    }

    /// Where the data lives; a malformed URL or one with a password is refused (exit 2).
    func location() throws -> StoreLocation { try StoreLocation.parse(db) }

    /// Whether `--db` names something that may hold a database (a server is asked when opened).
    var exists: Bool {
        switch try? location() {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        case nil: false
        }
    }

    /// Opens the existing database `--db` names.
    func open() throws -> any Store {
        switch try location() {
        case .sqlite(let path): return try SQLiteStore(path: path)
        case .postgres(let address): return try PostgresStore(address: address)
        }
    }

    /// Opens the database, runs `body`, and closes the database on every path — normal end,
    /// thrown error or negative verdict — so that the `.sqlite` file alone holds the data.
    func with<T>(_ body: (any Store) throws -> T) throws -> T {
        try using(try open(), body)
    }
}

/// Runs `body` with an open store and closes it afterwards, whether `body` returns or throws.
func using<T>(_ s: any Store, _ body: (any Store) throws -> T) throws -> T {
    let result: T
    do { result = try body(s) } catch {
        _ = try? s.close()
        throw error
    }
    try s.close()
    return result
}

/// Many problems with one input (an import batch, a results file): printed one a line,
/// at most `maxErrors`, then a count and what was (not) done. Exit status 2.
struct InputRejected: Error, CustomStringConvertible {
    var issues: [String]
    var maxErrors: Int = 50
    var what: String = tr("rejected.nothingImported")

    /// The issues keep their `FILE:LINE:COLUMN:` prefix in every language; the closing count
    /// comes from the message catalogue.
    var lines: [String] {
        var out = Array(issues.prefix(maxErrors))
        if issues.count > maxErrors { out.append(tr("error.more", ["n": issues.count - maxErrors])) }
        out.append(issues.count == 1 ? tr("error.count.one", ["what": what]) : tr("error.count.other", ["n": issues.count, "what": what]))
        return out
    }
    var description: String { lines.joined(separator: "\n") }
}

/// The one place that turns an error thrown by a command into its message and exit status:
/// 0 done, 1 negative verdict (`ExitCode(1)`), 2 bad input or usage, 3 the database was busy
/// or changed underneath (run the same command again).
enum ErrorReport {
    static func exitStatus(for error: any Error) -> Int32 {
        switch error {
        case let e as ExitCode: return e.rawValue
        case let e as InputRejected:
            for l in e.lines { warn(Masking.personalData(in: l)) }
            return 2
        case let e as StoreError:
            warn(Masking.personalData(in: tr("error.prefix", ["message": "\(e)"])))
            return e.isRetryable ? 3 : 2
        case let e as StoreLocationError:
            warn(Masking.personalData(in: tr("error.prefix", ["message": "\(e)"])))
            return 2
        default:
            // Messages may echo what was typed: an ID number or phone is masked wherever it appears.
            warn(Masking.personalData(in: tr("error.prefix", ["message": "\(error)"])))
            return 2
        }
    }
}

/// Prints to standard error.
func warn(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// Who runs this command, for the audit trail.
func auditStamp() -> AuditStamp {
    let user = ProcessInfo.processInfo.environment["USER"] ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid\(getuid())"
    // The command line is kept in the history, which outlives a purge of the workers: an ID
    // number or a phone typed into it (a --reason, a search) is kept masked (docs/privacy.md).
    return AuditStamp(at: now(), osUser: user, command: Masking.personalData(in: CommandLine.arguments.joined(separator: " ")))
}

/// The current instant. `BANCHE_NOW` (ISO 8601) fixes it, for reproducible demos and tests.
func now() -> Timestamp {
    if let fixed = ProcessInfo.processInfo.environment["BANCHE_NOW"], let t = Timestamp(iso: fixed, defaultZone: .china) { return t }
    return Timestamp(seconds: Int(Date().timeIntervalSince1970))
}

func today() -> CivilDate { now().date(in: .china) }

/// Writes `s` to standard output.
func say(_ s: String) { print(s) }

