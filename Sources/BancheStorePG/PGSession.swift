import BancheStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// A value that can be bound to a `$n` parameter.
protocol PGBindable {
    func bind(into b: inout PostgresBindings) throws
}
extension String: PGBindable { func bind(into b: inout PostgresBindings) throws { try b.append(self) } }
extension Int: PGBindable { func bind(into b: inout PostgresBindings) throws { try b.append(self) } }
extension Double: PGBindable { func bind(into b: inout PostgresBindings) throws { try b.append(self) } }
extension Bool: PGBindable { func bind(into b: inout PostgresBindings) throws { try b.append(self) } }
extension Optional: PGBindable where Wrapped: PGBindable {
    func bind(into b: inout PostgresBindings) throws {
        if let w = self { try w.bind(into: &b) } else { b.appendNull() }
    }
}

/// One row of a result, read by column name: `try r.v("id")`.
struct PGRow {
    let row: PostgresRandomAccessRow
    func v<T: PostgresDecodable>(_ column: String, as: T.Type = T.self) throws -> T {
        try row[column].decode(T.self)
    }
    func v<T: PostgresDecodable>(_ index: Int, as: T.Type = T.self) throws -> T {
        try row[index].decode(T.self)
    }
}

/// One connection to the server, used synchronously (a command is one thread): each call
/// blocks until the server answered. Errors are `StoreError`s that never carry the password.
final class PGSession: @unchecked Sendable {
    let address: PostgresAddress
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private var closed = false
    /// One statement or transaction at a time on the connection: the check-in server calls the
    /// store from several threads; a transaction holds it from BEGIN to COMMIT (recursive: its
    /// statements take it again on the same thread).
    private let lock = NSRecursiveLock()

    init(address: PostgresAddress, busyTimeout: Double) throws {
        self.address = address
        var logger = Logger(label: "banche.postgres")
        logger.logLevel = .critical
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let password = PGPassword.lookup(address)
        let config: PostgresConnection.Configuration
        if address.host.hasPrefix("/") {
            config = .init(unixSocketPath: address.host + "/.s.PGSQL.\(address.port)", username: address.user, password: password, database: address.database)
        } else {
            config = .init(host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: .disable)
        }
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: config, id: 1, logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw PGSession.translate(error, address: address, connecting: true)
        }
        let ms = Int(busyTimeout * 1000)
        try execute("SET lock_timeout = \(ms)")
    }

    /// Runs one statement with `$1…` parameters and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [any PGBindable] = []) throws -> [PGRow] {
        lock.lock(); defer { lock.unlock() }
        try drain()
        var b = PostgresBindings(capacity: binds.count)
        for x in binds { try x.bind(into: &b) }
        do {
            let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger).wait()
            return result.rows.map { PGRow(row: $0.makeRandomAccess()) }
        } catch {
            throw PGSession.translate(error, address: address, connecting: false)
        }
    }

    /// Statements `send` sent that nothing has waited for yet, oldest first; every other call
    /// waits for them first, so that the first error (if any) is the one reported, not the
    /// aborted transaction's that the statements queued after it then get.
    private var pending: [EventLoopFuture<PostgresQueryResult>] = []
    /// At most this many statements sent and not yet done: the server always has the next
    /// one queued, and the caller's memory holds at most this many statements' arguments.
    static let inFlight = 8

    /// Sends one statement and returns without waiting for it: the caller goes on (builds the
    /// next statement, parses the next rows) while the server runs it, in the order sent. With
    /// `inFlight` statements already sent, the oldest is waited for first. For a caller inside
    /// `transaction` (which holds the connection until COMMIT, and waits for them before).
    func send(_ sql: String, _ binds: [any PGBindable]) throws {
        lock.lock(); defer { lock.unlock() }
        var b = PostgresBindings(capacity: binds.count)
        for x in binds { try x.bind(into: &b) }
        if pending.count >= Self.inFlight {
            let oldest = pending.removeFirst()
            do { _ = try oldest.wait() } catch {
                try? drain()
                throw PGSession.translate(error, address: address, connecting: false)
            }
        }
        pending.append(connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger))
    }

    /// Waits for every statement `send` sent; throws the first one's error, if any.
    func drain() throws {
        lock.lock(); defer { lock.unlock() }
        var first: (any Error)? = nil
        while !pending.isEmpty {
            let p = pending.removeFirst()
            do { _ = try p.wait() } catch { if first == nil { first = error } }
        }
        if let first { throw PGSession.translate(first, address: address, connecting: false) }
    }

    /// Runs statements without parameters (several, separated by `;`), as a migration does,
    /// one after the other (postgres-nio sends each as one extended-protocol statement).
    func execute(_ sql: String) throws {
        lock.lock(); defer { lock.unlock() }
        try drain()
        for statement in Self.statements(sql) {
            do { _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait() } catch {
                throw PGSession.translate(error, address: address, connecting: false)
            }
        }
    }

    /// Splits SQL on the `;` that end statements: not those inside '…', "…", $tag$…$tag$ or a
    /// `--` comment. Empty statements are dropped.
    static func statements(_ sql: String) -> [String] {
        var out: [String] = [], cur = ""
        let chars = Array(sql)
        var i = 0
        func flush() {
            let t = cur.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { out.append(t) }
            cur = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "-" && i + 1 < chars.count && chars[i + 1] == "-" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "'" || c == "\"" {
                cur.append(c); i += 1
                while i < chars.count { cur.append(chars[i]); i += 1; if chars[i - 1] == c { break } }
                continue
            }
            if c == "$" {
                var j = i + 1
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                if j < chars.count && chars[j] == "$" {
                    let tag = String(chars[i...j])
                    cur += tag; i = j + 1
                    while i < chars.count {
                        if chars[i] == "$" && String(chars[i..<min(chars.count, i + tag.count)]) == tag { cur += tag; i += tag.count; break }
                        cur.append(chars[i]); i += 1
                    }
                    continue
                }
            }
            if c == ";" { flush(); i += 1; continue }
            cur.append(c); i += 1
        }
        flush()
        return out
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws (or
    /// if the client dies: the server rolls back a transaction whose connection is gone).
    func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        try execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        do {
            let r = try body()
            try execute("COMMIT")
            return r
        } catch {
            try? drain()
            try? execute("ROLLBACK")
            throw error
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    deinit { close() }

    /// A server error as the user should read it: busy (exit 3) for lock and serialization
    /// timeouts, otherwise the server's own message (exit 2).
    static func translate(_ error: any Error, address: PostgresAddress, connecting: Bool) -> any Error {
        if error is StoreError { return error }
        if let e = error as? PSQLError {
            if let state = e.serverInfo?[.sqlState] {
                let message = e.serverInfo?[.message] ?? "error \(state)"
                switch state {
                case "55P03", "40001", "40P01", "57014": return StoreError.busy(path: address.description)
                case "28P01", "28000":
                    return StoreError.other("\(address): cannot log in as \(address.user) (\(message)); put the password in PGPASSWORD or ~/.pgpass")
                case "3D000": return StoreError.noDatabase(path: address.description)
                default: return StoreError.other("\(address): \(message) (SQLSTATE \(state))")
                }
            }
            if e.code == .authMechanismRequiresPassword || e.code == .saslError {
                return StoreError.other("\(address): the server wants a password for \(address.user); put it in PGPASSWORD or ~/.pgpass")
            }
            if connecting || e.code == .connectionError || e.code == .serverClosedConnection {
                return StoreError.other("\(address): cannot reach the PostgreSQL server (\(e.code))")
            }
            return StoreError.other("\(address): \(e.code)")
        }
        if connecting { return StoreError.other("\(address): cannot reach the PostgreSQL server (\(error))") }
        return error
    }
}

/// The password for an address, as libpq finds it: `PGPASSWORD`, else the first matching line
/// of `PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*` matches anything),
/// a file read only when no one but its owner may read it.
enum PGPassword {
    static func lookup(_ a: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let p = environment["PGPASSWORD"], !p.isEmpty { return p }
        let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: file),
              let mode = (attrs[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let host = a.host.hasPrefix("/") ? "localhost" : a.host
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let f = fields(String(line))
            guard f.count == 5 else { continue }
            let want = [host, String(a.port), a.database, a.user]
            if zip(f.prefix(4), want).allSatisfy({ $0 == "*" || $0 == $1 }) { return f[4] }
        }
        return nil
    }

    /// Splits on unescaped `:`; `\:` and `\\` are literal.
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", escaped = false
        for ch in line {
            if escaped { cur.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" { out.append(cur); cur = "" }
            else { cur.append(ch) }
        }
        out.append(cur)
        return out
    }
}
