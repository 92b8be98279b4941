import Foundation

/// Where a command's data lives, from `--db` or `BANCHE_DB`: a file path (SQLite, the
/// default) or `postgres://user@host:port/dbname` (a province's shared PostgreSQL).
///
/// A PostgreSQL URL never carries a password: the password comes from `PGPASSWORD` or
/// `~/.pgpass` (the files and variables every PostgreSQL tool reads), so that it is not in a
/// shell's history, a process list or a log. A URL with one is refused.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `--db`'s value. Throws `StoreLocationError` for a malformed or password-bearing URL;
    /// the message never repeats the password.
    public static func parse(_ text: String) throws -> StoreLocation {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else { return .sqlite(path: text) }
        return .postgres(try PostgresAddress(url: text))
    }

    /// What to show the user: the path, or the URL without any secret.
    public var description: String {
        switch self {
        case .sqlite(let p): p
        case .postgres(let a): a.description
        }
    }
}

/// A PostgreSQL server, database and role, as named by a `postgres://` URL.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    /// A host name or address; a value starting with `/` is a Unix socket directory.
    public var host: String
    public var port: Int
    public var database: String

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.user = user; self.host = host; self.port = port; self.database = database
    }

    /// `postgres://user@host[:port]/dbname`; the host may be a percent-encoded socket
    /// directory (`%2Ftmp%2Fpg`), as libpq accepts. No password, no other parameters.
    public init(url text: String) throws {
        guard let schemeEnd = text.range(of: "://") else { throw StoreLocationError.malformed(Self.redacted(text), "expected postgres://user@host:port/dbname") }
        var rest = String(text[schemeEnd.upperBound...])
        if rest.contains("?") {
            let query = rest[rest.firstIndex(of: "?")!...].lowercased()
            if query.contains("password") { throw StoreLocationError.passwordInURL(Self.redacted(text)) }
            throw StoreLocationError.malformed(Self.redacted(text), "parameters after ? are not read; use postgres://user@host:port/dbname")
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw StoreLocationError.malformed(Self.redacted(text), "the role is missing: postgres://ROLE@host:port/dbname")
        }
        let userInfo = String(rest[..<at])
        if userInfo.contains(":") { throw StoreLocationError.passwordInURL(Self.redacted(text)) }
        rest = String(rest[rest.index(after: at)...])
        guard let slash = rest.firstIndex(of: "/") else {
            throw StoreLocationError.malformed(Self.redacted(text), "the database name is missing: postgres://role@host:port/DBNAME")
        }
        let hostPort = String(rest[..<slash])
        let db = String(rest[rest.index(after: slash)...])
        var host = hostPort
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            host = String(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw StoreLocationError.malformed(Self.redacted(text), "the port must be a number from 1 to 65535")
            }
            port = p
        }
        host = host.removingPercentEncoding ?? host
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let user = userInfo.removingPercentEncoding ?? userInfo
        let database = db.removingPercentEncoding ?? db
        guard !user.isEmpty, !host.isEmpty, !database.isEmpty, !database.contains("/") else {
            throw StoreLocationError.malformed(Self.redacted(text), "expected postgres://user@host:port/dbname")
        }
        self.init(user: user, host: host, port: port, database: database)
    }

    public var description: String {
        let h = host.hasPrefix("/") ? (host.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? host) : host
        return "postgres://\(user)@\(h):\(port)/\(database)"
    }

    /// The URL with whatever sits between `://` and `@` reduced to the role name.
    static func redacted(_ text: String) -> String {
        guard let s = text.range(of: "://") else { return "(the URL)" }
        var t = String(text[..<s.upperBound])
        var rest = String(text[s.upperBound...])
        if let q = rest.firstIndex(of: "?") { rest = String(rest[..<q]) + "?…" }
        if let at = rest.lastIndex(of: "@") {
            let user = rest[..<at].split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            t += user + (rest[..<at].contains(":") ? ":…" : "") + rest[at...]
        } else {
            t += rest
        }
        return t
    }
}

/// A `--db` value that cannot name a database. Exit status 2.
public enum StoreLocationError: Error, CustomStringConvertible, Sendable, Equatable {
    case passwordInURL(String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .passwordInURL(let u):
            "\(u): a password in the database URL is refused (it would show in the shell's history and the process list); put it in PGPASSWORD or ~/.pgpass"
        case .malformed(let u, let why): "\(u): not a database URL banche reads (\(why))"
        }
    }
}
