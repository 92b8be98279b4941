import BancheStore
import Foundation

/// What `banche bench province` and `banche bench store` need of a server as its administrator:
/// a new database with county offices, checks read across every county, and cleaning up.
public enum PostgresBenchProvince {
    /// A new database (named uniquely) beside `admin`'s, with banche's schema and `offices`
    /// counties (codes 450001…), each with a new login role that has the administrator's
    /// password. Sets `PGPASSWORD` for this process, so that those roles can log in.
    /// Returns the database's admin address and each county's (code, address).
    public static func create(admin: PostgresAddress, offices: Int) throws -> (admin: PostgresAddress, counties: [(code: String, address: PostgresAddress)]) {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let name = "banche_bench_\(tag)"
        let password = PGPassword.lookup(admin) ?? ""
        let s = try PGSession(address: admin, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        try s.execute("CREATE DATABASE \(name)")
        let db = try PostgresAddress(url: "postgres://\(admin.user)@\(admin.host):\(admin.port)/\(name)")
        var counties: [(String, PostgresAddress)] = []
        for i in 1...offices {
            let code = String(format: "45%04d", i)
            let role = "banche_bench_\(tag)_\(code)"
            try s.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'")
            try PostgresStore.initialize(address: db, county: code, role: role)
            counties.append((code, try PostgresAddress(url: "postgres://\(role)@\(admin.host):\(admin.port)/\(name)")))
        }
        setenv("PGPASSWORD", password, 1)
        return (db, counties)
    }

    /// Drops the database and the roles `create` made.
    public static func drop(admin: PostgresAddress, database: PostgresAddress, counties: [(code: String, address: PostgresAddress)]) throws {
        let s = try PGSession(address: admin, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        try s.execute("DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)")
        for c in counties { try s.execute("DROP ROLE IF EXISTS \(c.address.user)") }
    }

    /// One integer read as the administrator (across every county).
    public static func count(_ address: PostgresAddress, _ sql: String, _ binds: [String] = []) throws -> Int {
        let s = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        return try s.query(sql, binds).first?.v(0, as: Int?.self) ?? 0
    }

    /// Rows of (text, count) read as the administrator.
    public static func counts(_ address: PostgresAddress, _ sql: String) throws -> [(String, Int)] {
        let s = try PGSession(address: address, busyTimeout: SQLiteStore.busyTimeout)
        defer { s.close() }
        return try s.query(sql).map { (try $0.v(0, as: String.self), try $0.v(1, as: Int.self)) }
    }
}
