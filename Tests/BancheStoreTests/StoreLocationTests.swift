import Testing
@testable import BancheStore

/// `--db` / `BANCHE_DB`: a path is SQLite, a postgres:// URL is PostgreSQL, and a URL that
/// carries a password is refused without repeating it.
@Suite struct StoreLocationTests {
    @Test func aPathIsSQLite() throws {
        #expect(try StoreLocation.parse("banche.sqlite") == .sqlite(path: "banche.sqlite"))
        #expect(try StoreLocation.parse("/tmp/x/postgres.sqlite") == .sqlite(path: "/tmp/x/postgres.sqlite"))
    }

    @Test func aURLNamesRoleHostPortAndDatabase() throws {
        #expect(try StoreLocation.parse("postgres://banche_451425@db.gx:6543/banche")
                == .postgres(PostgresAddress(user: "banche_451425", host: "db.gx", port: 6543, database: "banche")))
        #expect(try StoreLocation.parse("postgresql://admin@127.0.0.1/banche")
                == .postgres(PostgresAddress(user: "admin", host: "127.0.0.1", port: 5432, database: "banche")))
        // A socket directory, percent-encoded as libpq reads it.
        #expect(try StoreLocation.parse("postgres://admin@%2Ftmp%2Fpg:5499/banche")
                == .postgres(PostgresAddress(user: "admin", host: "/tmp/pg", port: 5499, database: "banche")))
    }

    @Test(arguments: ["postgres://admin:s3cr3t-pw@host:5432/banche", "postgres://admin:@host/banche",
                      "postgres://admin@host/banche?password=s3cr3t-pw"])
    func aPasswordInTheURLIsRefusedAndNotRepeated(_ url: String) throws {
        do {
            _ = try StoreLocation.parse(url)
            Issue.record("accepted \(url)")
        } catch let e as StoreLocationError {
            guard case .passwordInURL = e else { Issue.record("wrong error: \(e)"); return }
            #expect(!"\(e)".contains("s3cr3t"))
            #expect("\(e)".contains("PGPASSWORD"))
        }
    }

    @Test(arguments: ["postgres://host/banche", "postgres://admin@host", "postgres://admin@host:99999/banche", "postgres://admin@host:x/banche"])
    func aMalformedURLIsRefused(_ url: String) {
        #expect(throws: StoreLocationError.self) { try StoreLocation.parse(url) }
    }
}
