import ArgumentParser
import BancheCore
import BancheStore
import Foundation

/// Options every command that touches the database takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: help("option.db", valueName: "path"))
    var db: String = "banche.sqlite"

    /// Opens the database, runs `body`, and closes the database on every path — normal end,
    /// thrown error or negative verdict — so that the `.sqlite` file alone holds the data.
    func with<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
        try using(try SQLiteStore(path: db), body)
    }
}

/// Runs `body` with an open store and closes it afterwards, whether `body` returns or throws.
func using<T>(_ s: SQLiteStore, _ body: (SQLiteStore) throws -> T) throws -> T {
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
            return SQLiteStore.isRetryable(e) ? 3 : 2
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
    return AuditStamp(at: now(), osUser: user, command: CommandLine.arguments.joined(separator: " "))
}

/// The current instant. `BANCHE_NOW` (ISO 8601) fixes it, for reproducible demos and tests.
func now() -> Timestamp {
    if let fixed = ProcessInfo.processInfo.environment["BANCHE_NOW"], let t = Timestamp(iso: fixed, defaultZone: .china) { return t }
    return Timestamp(seconds: Int(Date().timeIntervalSince1970))
}

func today() -> CivilDate { now().date(in: .china) }

/// Writes `s` to standard output.
func say(_ s: String) { print(s) }

