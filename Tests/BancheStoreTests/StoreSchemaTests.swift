import Foundation
import Testing
import GRDB
@testable import BancheStore
import BancheStorePG
import PGTestCluster

/// Both stores' real catalogs, after migrating a new database, against the one description of
/// the schema (`StoreSchema`): the same tables, each with the same columns in the same order,
/// types and NULLs (PostgreSQL's `county` aside, which leads every table there). A migration
/// added to one store only, or a column left out of the description (and so out of `banche
/// copy`), fails here.
@Suite struct StoreSchemaTests {
    /// A catalog column: name, declared type, may it be NULL.
    struct Found: Equatable, CustomStringConvertible {
        var name: String, type: String, nullable: Bool
        var description: String { "\(name) \(type)\(nullable ? "" : " NOT NULL")" }
    }

    static func expected(_ t: StoreSchema.Table, sqlite: Bool) -> [Found] {
        t.columns.map { c in
            let type: String = switch c.kind {
            case .text: sqlite ? "TEXT" : "text"
            case .real: sqlite ? "REAL" : "double precision"
            case .bool: sqlite ? "INTEGER" : "boolean"
            case .int, .version, .serial, .purge: sqlite ? "INTEGER" : "bigint"
            }
            return Found(name: c.name, type: type, nullable: c.nullable)
        }
    }

    @Test func sqliteHasTheDescribedSchema() throws {
        let (store, path) = try temporaryStore()
        try store.close()
        let catalog: [String: [Found]] = try DatabaseQueue(path: path).read { db in
            var out: [String: [Found]] = [:]
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'") {
                out[t] = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", arguments: [t]).map { r in
                    let type: String = r["type"], pk: Int = r["pk"], notNull: Bool = r["notnull"]
                    // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever the flag says.
                    return Found(name: r["name"], type: type.uppercased(), nullable: !(notNull || (pk > 0 && type.uppercased() == "INTEGER")))
                }
            }
            return out
        }
        try compare(catalog, sqlite: true, extra: StoreSchema.onlySQLite)
    }

    @Test func postgresHasTheDescribedSchema() throws {
        let c = try PGTestCluster.shared()
        let db = try c.newDatabase()
        try PostgresStore.migrate(address: PostgresAddress(url: c.url(db)))
        let rows = try c.psql("""
            SELECT table_name || '|' || column_name || '|' || data_type || '|' || is_nullable FROM information_schema.columns
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """, database: db)
        var catalog: [String: [Found]] = [:]
        for line in rows.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            catalog[f[0], default: []].append(Found(name: f[1], type: f[2], nullable: f[3] == "YES"))
        }
        for t in StoreSchema.tables {
            #expect(catalog[t.name]?.first == Found(name: "county", type: "text", nullable: false), "\(t.name) leads with its county")
            catalog[t.name]?.removeFirst()
        }
        try compare(catalog, sqlite: false, extra: StoreSchema.onlyPostgres)
    }

    func compare(_ catalog: [String: [Found]], sqlite: Bool, extra: [String: [String]]) throws {
        let described = Set(StoreSchema.tables.map(\.name))
        let tables = Set(catalog.keys)
        #expect(tables.subtracting(described).subtracting(extra.keys).sorted() == [], "tables not in StoreSchema")
        #expect(described.subtracting(tables).sorted() == [], "described tables missing")
        for t in StoreSchema.tables {
            let found = (catalog[t.name] ?? []).filter { !(extra[t.name] ?? []).contains($0.name) }
            #expect(found == Self.expected(t, sqlite: sqlite), "\(t.name)")
        }
    }
}
