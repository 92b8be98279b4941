import BancheStore

/// Bulk inserts: one `INSERT … SELECT … FROM unnest($1::type[], $2::type[], …)` per 20,000
/// rows, each column sent as one array parameter.
///
/// Why not `COPY … FROM STDIN` (postgres-nio 1.33.2 has `copyFrom`): PostgreSQL refuses COPY
/// FROM into a table with row-level security for a role the policies apply to ("COPY FROM not
/// supported with row-level security"), which is every county office's role. `unnest` goes
/// through the policies like any INSERT (a row for another county is refused), in the
/// transaction of the caller, and sends the data as compactly: a few statements instead of
/// one per 1,000 rows with a parameter per value.
extension PostgresStore {
    /// Rows per statement: bounds the size of one message (tens of MB at most).
    static let rowsPerStatement = 20_000

    /// Inserts `count` rows into `table`; `field(row, column)` is the value as PostgreSQL's text
    /// input reads it for `types[column]` (nil: NULL). Rows are inserted in order (identity
    /// columns number them in it). With `conflict`, a row whose key exists updates it.
    func insertArrays(_ table: String, _ columns: [String], types: [String], count: Int, conflict: String? = nil,
                      field: (Int, Int) -> String?) throws {
        guard count > 0 else { return }
        let aliases = columns.indices.map { "c\($0 + 1)" }
        let params = columns.indices.map { "$\($0 + 1)::\(types[$0])[]" }.joined(separator: ", ")
        // The county given once, not the column default (a function call per row); RLS checks it.
        let (countyColumn, countyValue) = county.map { (c: String) in ("county, ", "$\(columns.count + 1)::text, ") } ?? ("", "")
        var sql = "INSERT INTO \(table) (\(countyColumn)\(columns.joined(separator: ", "))) SELECT \(countyValue)\(aliases.joined(separator: ", ")) FROM unnest(\(params))"
            + " WITH ORDINALITY AS u(\(aliases.joined(separator: ", ")), banche_n) ORDER BY banche_n"
        if let conflict {
            let keys = Set(conflict.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            sql += " ON CONFLICT (\(conflict)) DO UPDATE SET " + columns.filter { !keys.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        var start = 0
        while start < count {
            let end = min(count, start + Self.rowsPerStatement)
            var binds: [any PGBindable] = []
            binds.reserveCapacity(columns.count)
            for c in columns.indices {
                var a = "{"
                a.reserveCapacity((end - start) * 12)
                for r in start..<end {
                    if r > start { a += "," }
                    Self.appendArrayElement(field(r, c), to: &a)
                }
                a += "}"
                binds.append(a)
            }
            if let county { binds.append(county) }
            try session.query(sql, binds)
            start = end
        }
    }

    /// One element of an array literal: `NULL`, or the text in double quotes with `"` and `\` escaped.
    static func appendArrayElement(_ s: String?, to a: inout String) {
        guard let s else { a += "NULL"; return }
        a += "\""
        if s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            for ch in s.unicodeScalars {
                if ch == "\"" || ch == "\\" { a += "\\" }
                a.unicodeScalars.append(ch)
            }
        } else {
            a += s
        }
        a += "\""
    }

    /// `insertRows` through `insertArrays`: the column types from the values' Swift types.
    func insertRowsAsArrays(_ table: String, _ columns: [String], _ rows: [[any PGBindable]], conflict: String?) throws {
        guard let first = rows.first else { return }
        let types = first.map { type(of: $0).pgType }
        try insertArrays(table, columns, types: types, count: rows.count, conflict: conflict) { r, c in rows[r][c].pgText }
    }
}

// The text PostgreSQL's input functions read, and the type, of each bindable value.
extension String {
    var pgText: String? { self }
    static var pgType: String { "text" }
}
extension Int {
    var pgText: String? { String(self) }
    static var pgType: String { "int8" }
}
extension Double {
    var pgText: String? { description }
    static var pgType: String { "float8" }
}
extension Bool {
    var pgText: String? { self ? "t" : "f" }
    static var pgType: String { "bool" }
}
extension Optional where Wrapped: PGBindable {
    var pgText: String? { self.flatMap { $0.pgText } }
    static var pgType: String { Wrapped.pgType }
}
