import BancheStore
import NIOCore
import PostgresNIO

/// Bulk inserts: one `INSERT … SELECT … FROM unnest($1::type[], $2::type[], …)` per 20,000
/// rows, each column sent as one array parameter in PostgreSQL's binary array format (no text
/// to escape here nor to parse on the server), sent without waiting (`PGSession.send`: up to 8
/// statements queued on the connection) while the next is built and an import parses on.
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

    /// Inserts `count` rows into `table`; `field(row, column)` is the value of a column of type
    /// `types[column]` (`text`, `int8`, `float8` or `bool`). In a table with an identity column
    /// (`PGSchema.identityTables`) the rows are numbered in the order given. With `conflict`, a row whose key exists updates it.
    func insertArrays(_ table: String, _ columns: [String], types: [String], count: Int, conflict: String? = nil,
                      field: (Int, Int) -> PGCell) throws {
        guard count > 0 else { return }
        let aliases = columns.indices.map { "c\($0 + 1)" }
        let params = columns.indices.map { "$\($0 + 1)::\(types[$0])[]" }.joined(separator: ", ")
        // The county given once, not the column default (a function call per row); RLS checks it.
        let (countyColumn, countyValue) = county.map { (c: String) in ("county, ", "$\(columns.count + 1)::text, ") } ?? ("", "")
        // Rows in the arrays' order where an identity column numbers them; elsewhere no sort
        // (a sort of every statement's rows, spilling to disk at 20,000 workers).
        var sql = "INSERT INTO \(table) (\(countyColumn)\(columns.joined(separator: ", "))) SELECT \(countyValue)\(aliases.joined(separator: ", ")) FROM unnest(\(params))"
            + (PGSchema.identityTables.contains(table) ? " WITH ORDINALITY AS u(\(aliases.joined(separator: ", ")), banche_n) ORDER BY banche_n" : " AS u(\(aliases.joined(separator: ", ")))")
        if let conflict {
            let keys = Set(conflict.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            sql += " ON CONFLICT (\(conflict)) DO UPDATE SET " + columns.filter { !keys.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        // Sent without waiting: the next one's arrays are built while the server runs it, and
        // the last are left running (the caller's next statement, or COMMIT, waits for them).
        var start = 0
        while start < count {
            let end = min(count, start + Self.rowsPerStatement)
            var binds: [any PGBindable] = []
            binds.reserveCapacity(columns.count + 1)
            for c in columns.indices {
                var a = PGBinaryArray(type: types[c], capacity: (end - start) * 16)
                for r in start..<end { try a.append(field(r, c), column: columns[c]) }
                binds.append(a)
            }
            if let county { binds.append(county) }
            try session.send(sql, binds)
            start = end
        }
    }

    /// Inserts rows of values (`[id, name, seats, …]`), optionally as an upsert on `conflict`,
    /// through `insertArrays`: the column types from the first row's Swift types.
    func insertRows(_ table: String, _ columns: [String], _ rows: [[any PGCellValue]], conflict: String? = nil) throws {
        guard let first = rows.first else { return }
        let types = first.map { type(of: $0).pgType }
        try insertArrays(table, columns, types: types, count: rows.count, conflict: conflict) { r, c in rows[r][c].pgCell }
    }
}

/// One value of a bulk insert, as its type is sent.
enum PGCell {
    case null, text(String), int(Int), real(Double), bool(Bool)
}

/// A value a bulk insert can send: its cell, and its column type.
protocol PGCellValue: PGBindable {
    var pgCell: PGCell { get }
    static var pgType: String { get }
}
extension String: PGCellValue {
    var pgCell: PGCell { .text(self) }
    static var pgType: String { "text" }
}
extension Int: PGCellValue {
    var pgCell: PGCell { .int(self) }
    static var pgType: String { "int8" }
}
extension Double: PGCellValue {
    var pgCell: PGCell { .real(self) }
    static var pgType: String { "float8" }
}
extension Bool: PGCellValue {
    var pgCell: PGCell { .bool(self) }
    static var pgType: String { "bool" }
}
extension Optional: PGCellValue where Wrapped: PGCellValue {
    var pgCell: PGCell { self?.pgCell ?? .null }
    static var pgType: String { Wrapped.pgType }
}

/// A one-dimensional array of `text`, `int8`, `float8` or `bool` in PostgreSQL's binary format
/// (what `array_recv` reads): dimensions, a has-nulls flag, the element type, the length and
/// lower bound, then each element as its byte count (-1: NULL) and bytes.
struct PGBinaryArray: PGBindable, PostgresThrowingDynamicTypeEncodable {
    enum Element { case text, int8, float8, bool }
    let element: Element
    private(set) var count = 0
    private(set) var hasNull = false
    private var elements: ByteBuffer

    init(type: String, capacity: Int) {
        switch type {
        case "int8": element = .int8
        case "float8": element = .float8
        case "bool": element = .bool
        default: element = .text
        }
        elements = ByteBufferAllocator().buffer(capacity: capacity)
    }

    struct WrongType: Error, CustomStringConvertible {
        let description: String
    }

    /// Appends one element; a cell of another type than the column's is banche's own mistake.
    mutating func append(_ cell: PGCell, column: String) throws {
        count += 1
        switch (element, cell) {
        case (_, .null):
            hasNull = true; elements.writeInteger(Int32(-1))
        case (.text, .text(let s)):
            elements.writeInteger(Int32(s.utf8.count)); elements.writeString(s)
        case (.int8, .int(let n)):
            elements.writeInteger(Int32(8)); elements.writeInteger(Int64(n))
        case (.float8, .real(let d)):
            elements.writeInteger(Int32(8)); elements.writeInteger(d.bitPattern)
        case (.bool, .bool(let b)):
            elements.writeInteger(Int32(1)); elements.writeInteger(UInt8(b ? 1 : 0))
        default:
            throw WrongType(description: "bulk insert: \(cell) in the \(element) column \(column)")
        }
    }

    var psqlType: PostgresDataType {
        switch element { case .text: .textArray; case .int8: .int8Array; case .float8: .float8Array; case .bool: .boolArray }
    }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        let oid: PostgresDataType = switch element { case .text: .text; case .int8: .int8; case .float8: .float8; case .bool: .bool }
        buffer.writeInteger(Int32(1))                 // dimensions
        buffer.writeInteger(Int32(hasNull ? 1 : 0))   // has nulls
        buffer.writeInteger(oid.rawValue)             // element type
        buffer.writeInteger(Int32(count))             // length
        buffer.writeInteger(Int32(1))                 // lower bound
        var e = elements
        buffer.writeBuffer(&e)
    }

    func bind(into b: inout PostgresBindings) throws { try b.append(self) }
}
