import Foundation
import Testing
import PGTestCluster

/// The province load (issue 17), scaled down: county offices planning and recording boarding at
/// once on one PostgreSQL database, then checked for lost, doubled and partial writes.
@Suite(.serialized) struct ProvinceBenchCLITests {
    @Test func officesWorkingAtOnceLoseAndDoubleNothing() throws {
        let c = try PGTestCluster.shared()
        let env = ["PGPASSFILE": c.passFile, "PGPASSWORD": ""]
        let r = try CLI.run(["bench", "province", "--offices", "3", "--seconds", "3", "--workers", "200", "--admin", c.url("postgres")], env: env)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("lost 0, duplicated 0, unknown 0, plan versions missing 0, not whole 0, wrong county 0, client errors 0"), "\(r.stdout)")
        let records = r.stdout.split(separator: "\n").first { $0.hasPrefix("boarding records") }
        #expect(records != nil && !(records!.contains(" 0 committed")), "\(r.stdout)")
        // What the run made is gone.
        #expect(try c.psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'banche_bench_%'", database: "postgres") == "0")
        #expect(try c.psql("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'banche_bench_%'", database: "postgres") == "0")
    }

    @Test func theStoreBenchShowsBothStoresSideBySide() throws {
        let c = try PGTestCluster.shared()
        let env = ["PGPASSFILE": c.passFile, "PGPASSWORD": ""]
        let r = try CLI.run(["bench", "store", "--workers", "300", "--admin", c.url("postgres")], env: env)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("sqlite") && r.stdout.contains("postgresql/sqlite"), "\(r.stdout)")
        #expect(r.stdout.contains("(same on both: true)"), "\(r.stdout)")
        #expect(!r.stdout.contains("—"), "\(r.stdout)")
    }
}
