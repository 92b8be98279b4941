import ArgumentParser
import BancheCore
import BancheStore
import Foundation

/// Options every command that touches the database takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", valueName: "path"))
    var db: String = "banche.sqlite"

    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: db) } catch { fail(error) }
    }
}

/// Prints to standard error.
func warn(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// Prints a bad-input message and exits 2 (nothing was written).
func fail(_ error: any Error) -> Never {
    warn("banche: \(error)")
    if let e = error as? StoreError, case .busy = e { Foundation.exit(3) }
    Foundation.exit(2)
}

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

extension Direction: ExpressibleByArgument {}
