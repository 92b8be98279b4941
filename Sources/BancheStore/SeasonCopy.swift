import Crypto
import Foundation

/// `banche copy`: a county's season moved between a SQLite file and the province's PostgreSQL
/// database, checked on both sides by per-table row counts and checksums (docs/province.md).
///
/// The tables are those of `StoreSchema` (both stores' schema, described once) that a copy
/// moves. What differs between the two databases is not data:
/// plan versions are numbered across the province on PostgreSQL and per file on SQLite, and
/// the ids of log rows (imports, boarding records, worker events, purges) are given by each
/// database. So the destination numbers them itself, in the source's order, and the
/// checksum sees each by its rank (the first plan version of the county is 1, and so on).
public enum SeasonCopy {
    public typealias Kind = StoreSchema.Kind
    public typealias Column = StoreSchema.Column
    public typealias Table = StoreSchema.Table

    /// The season's tables, parents first (insert in this order, delete in reverse): every
    /// table of `StoreSchema` that a copy moves, every column.
    public static let tables: [Table] = StoreSchema.tables.filter(\.copied)

    /// A stored value, as either database gives it.
    public enum Value: Sendable, Hashable {
        case null, int(Int), real(Double), text(String)
    }

    /// A season read from one side: the rows of every table in `tables`, all columns.
    public struct Season: Sendable {
        public var rows: [String: [[Value]]]
        public init(rows: [String: [[Value]]]) { self.rows = rows }
        public func rows(_ t: Table) -> [[Value]] { rows[t.name] ?? [] }
    }

    /// One table's rows and checksum (SHA-256 of its sorted canonical rows, hex).
    public struct Check: Sendable, Equatable {
        public let table: String
        public let rows: Int
        public let checksum: String
    }

    /// The source's and the destination's checks side by side.
    public struct Comparison: Sendable {
        public let source: [Check]
        public let destination: [Check]
        public var matches: Bool { source == destination }
    }

    /// Why a copy was refused or undone; the command turns each into its message.
    public enum Refusal: Error, Sendable {
        /// The destination already holds the county's season (`--replace` to overwrite it).
        case destinationHoldsData(location: String, rows: Int)
        /// A role that belongs to no county (the administrator, the province) cannot copy a county's season.
        case noCounty(location: String, role: String)
        /// The destination's rows do not check out against the source's: nothing was written.
        case mismatch(Comparison)
    }

    /// Per-table counts and checksums of `season`, in `tables` order.
    public static func checks(_ season: Season) throws -> [Check] {
        let versions = try ranks(season, "plan", "version")
        let purges = try ranks(season, "purge_log", "id")
        return try tables.map { t in
            let serial = t.columns.firstIndex { $0.kind == .serial }
            let own = try serial.map { try ranks(season, t.name, t.columns[$0].name) } ?? [:]
            var lines: [String] = []
            lines.reserveCapacity(season.rows(t).count)
            for row in season.rows(t) {
                var line = ""
                for (i, c) in t.columns.enumerated() {
                    if i > 0 { line += "\t" }
                    line += try canonical(row[i], c, versions: versions, purges: purges, own: own, table: t.name)
                }
                lines.append(line)
            }
            lines.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var h = SHA256()
            for l in lines { h.update(data: Data((l + "\n").utf8)) }
            let hex = h.finalize().map { String(format: "%02x", $0) }.joined()
            return Check(table: t.name, rows: lines.count, checksum: hex)
        }
    }

    /// The rank (1, 2, …) of each value of `column` of `table`, in ascending order.
    static func ranks(_ season: Season, _ table: String, _ column: String) throws -> [Int: Int] {
        guard let t = tables.first(where: { $0.name == table }), let i = t.columns.firstIndex(where: { $0.name == column }) else { return [:] }
        var out: [Int: Int] = [:]
        for (r, v) in season.rows(t).compactMap({ row -> Int? in if case .int(let n) = row[i] { return n } else { return nil } }).sorted().enumerated() {
            out[v] = r + 1
        }
        return out
    }

    struct Dangling: Error, CustomStringConvertible {
        var description: String
    }

    /// The text of one value in a canonical row: the same for the same datum on either side.
    static func canonical(_ v: Value, _ c: Column, versions: [Int: Int], purges: [Int: Int], own: [Int: Int], table: String) throws -> String {
        if case .null = v { return "\\N" }
        func mapped(_ m: [Int: Int], _ what: String) throws -> String {
            guard case .int(let n) = v else { return "?" + text(v) }
            guard let r = m[n] else { throw Dangling(description: "\(table).\(c.name) = \(n): no such \(what)") }
            return "#\(r)"
        }
        switch c.kind {
        case .version: return try mapped(versions, "plan version")
        case .purge: return try mapped(purges, "purge")
        case .serial: return try mapped(own, "row")
        case .bool:
            switch v {
            case .int(let n): return n == 0 ? "0" : "1"
            case .text(let s): return s == "t" || s == "true" || s == "1" ? "1" : "0"
            default: return text(v)
            }
        case .real:
            switch v {
            case .int(let n): return Double(n).description
            default: return text(v)
            }
        case .int, .text: return text(v)
        }
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .null: return "\\N"
        case .int(let n): return String(n)
        case .real(let d): return d.description
        case .text(let s):
            var out = ""
            out.reserveCapacity(s.utf8.count)
            for ch in s.unicodeScalars {
                switch ch {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(ch)
                }
            }
            return out
        }
    }

    /// Where a copy writes: the destination's transaction, already opened and cleared.
    public protocol Writer {
        /// Inserts one row and returns the key the destination gave it (`RETURNING key`).
        func insertReturning(_ table: String, _ columns: [Column], _ row: [Value], key: String) throws -> Int
        /// Inserts rows (in this order, so that the destination numbers them in it).
        func insert(_ table: String, _ columns: [Column], _ rows: [[Value]]) throws
    }

    /// Writes `season` through `writer`: plan versions and purges one by one (their new keys
    /// are remembered), then every other table with those keys put in, log rows in their order.
    public static func write(_ season: Season, to writer: any Writer) throws {
        var versions: [Int: Int] = [:], purges: [Int: Int] = [:]
        for t in tables {
            let keep = t.written
            let keepIndex = keep.map { c in t.columns.firstIndex { $0.name == c.name }! }
            var rows = season.rows(t)
            if let s = t.serial, let i = t.columns.firstIndex(where: { $0.name == s.name }) {
                rows.sort { a, b in
                    if case .int(let x) = a[i], case .int(let y) = b[i] { return x < y }
                    return false
                }
            }
            func remap(_ row: [Value]) throws -> [Value] {
                try keepIndex.enumerated().map { (j, i) in
                    let v = row[i]
                    guard case .int(let n) = v else { return v }
                    switch keep[j].kind {
                    case .version:
                        guard let m = versions[n] else { throw Dangling(description: "\(t.name).\(keep[j].name) = \(n): no such plan version") }
                        return .int(m)
                    case .purge:
                        guard let m = purges[n] else { throw Dangling(description: "\(t.name).\(keep[j].name) = \(n): no such purge") }
                        return .int(m)
                    default: return v
                    }
                }
            }
            if t.name == "plan" || t.name == "purge_log", let s = t.serial, let i = t.columns.firstIndex(where: { $0.name == s.name }) {
                // Keys others refer to: one row at a time (in the source's order), the new key remembered.
                for row in rows {
                    guard case .int(let old) = row[i] else { continue }
                    let new = try writer.insertReturning(t.name, keep, keepIndex.map { row[$0] }, key: s.name)
                    if t.name == "plan" { versions[old] = new } else { purges[old] = new }
                }
                continue
            }
            try writer.insert(t.name, keep, try rows.map(remap))
        }
    }

    /// Compares the checks of what was read from the source with those read back from the
    /// destination (inside its transaction) and throws `.mismatch` when they differ.
    public static func verify(source: [Check], destination: Season) throws -> Comparison {
        let c = Comparison(source: source, destination: try checks(destination))
        if !c.matches { throw Refusal.mismatch(c) }
        return c
    }
}

extension StoreSchema.Table {
    /// The column the destination of a copy numbers itself (plan version, log ids), if any.
    public var serial: StoreSchema.Column? {
        columns.first { $0.kind == .serial || (name == "plan" && $0.kind == .version) || (name == "purge_log" && $0.kind == .purge) }
    }
    /// The columns a copy's destination is given (all but `serial`).
    public var written: [StoreSchema.Column] { columns.filter { $0.name != serial?.name } }
}
