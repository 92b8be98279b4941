import Foundation
import GRDB
import Testing
@testable import BancheStore

/// `RowInserter` binds with SQLite's C API: what it stores must be what GRDB's arguments store,
/// and a refused row must fail the way `execute(arguments:)` fails.
@Suite struct RowInserterTests {
    func table() throws -> DatabaseQueue {
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: "CREATE TABLE t (i INTEGER NOT NULL PRIMARY KEY, s TEXT, d REAL, b INTEGER, n TEXT)")
        }
        return q
    }

    @Test func valuesAreStoredAsGRDBWouldStoreThem() throws {
        let q = try table()
        let rows: [(Int, String?, Double?, Bool)] = [(1, "天等县—蓬江区 ✓", 856.9, true), (2, "", nil, false), (3, nil, -0.5, true), (4, "A1 \u{20AC}\u{1F68C}", 1e300, false)]
        try q.write { db in
            let st = try RowInserter(db, sql: "INSERT INTO t (i, s, d, b, n) VALUES (?,?,?,?,?)")
            for r in rows {
                st.bind(1, r.0); st.bind(2, r.1); st.bind(3, r.2); st.bind(4, r.3); st.bind(5, nil as String?)
                try st.insert()
            }
        }
        let viaGRDB = try DatabaseQueue()
        try viaGRDB.write { db in
            try db.execute(sql: "CREATE TABLE t (i INTEGER NOT NULL PRIMARY KEY, s TEXT, d REAL, b INTEGER, n TEXT)")
            for r in rows { try db.execute(sql: "INSERT INTO t (i, s, d, b, n) VALUES (?,?,?,?,?)", arguments: [r.0, r.1, r.2, r.3, nil as String?]) }
        }
        let sql = "SELECT i, s, typeof(s), d, typeof(d), b, typeof(b), typeof(n), length(s) FROM t ORDER BY i"
        let a = try q.read { try Row.fetchAll($0, sql: sql) }
        let b = try viaGRDB.read { try Row.fetchAll($0, sql: sql) }
        #expect(a == b)
        #expect(a[1]["s"] as String? == "" && a[2]["s"] as String? == nil)
    }

    @Test func aRefusedRowThrowsTheConstraintAndTheStatementGoesOn() throws {
        let q = try table()
        try q.write { db in
            let st = try RowInserter(db, sql: "INSERT INTO t (i, s, d, b, n) VALUES (?,?,?,?,?)")
            st.bind(1, 1); st.bind(2, "x"); st.bind(3, 1.0); st.bind(4, true); st.bind(5, nil as String?)
            try st.insert()
            let e = #expect(throws: DatabaseError.self) { try st.insert() }
            #expect(e?.resultCode == .SQLITE_CONSTRAINT)
            #expect(e?.message?.contains("UNIQUE") == true)
            st.bind(1, 2)
            try st.insert()
        }
        #expect(try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 2)
    }
}
