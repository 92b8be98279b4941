import BancheCore
import BancheStore
import Foundation

/// `banche copy` on the PostgreSQL side: the county's season (row-level security gives the
/// role its own rows only) read in one repeatable-read transaction, or written in one
/// transaction that is checked before it commits.
extension PostgresStore {
    /// The county's season, as one snapshot.
    public func readSeason() throws -> SeasonCopy.Season {
        guard county != nil else { throw SeasonCopy.Refusal.noCounty(location: location, role: address.user) }
        return try session.transaction(readOnly: true) { try seasonRows() }
    }

    func seasonRows() throws -> SeasonCopy.Season {
        var rows: [String: [[SeasonCopy.Value]]] = [:]
        for t in SeasonCopy.tables {
            let cols = t.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            rows[t.name] = try session.query("SELECT \(cols) FROM \(t.name)").map { r in
                try t.columns.enumerated().map { (i, c) -> SeasonCopy.Value in
                    switch c.kind {
                    case .text: return try r.v(i, as: String?.self).map { .text($0) } ?? .null
                    case .int, .version, .serial, .purge: return try r.v(i, as: Int?.self).map { .int($0) } ?? .null
                    case .real: return try r.v(i, as: Double?.self).map { .real($0) } ?? .null
                    case .bool: return try r.v(i, as: Bool?.self).map { .int($0 ? 1 : 0) } ?? .null
                    }
                }
            }
        }
        return SeasonCopy.Season(rows: rows)
    }

    /// Writes `season` as this county's, in one transaction: the county's imports and plans
    /// wait meanwhile (their advisory locks are held); a county that already holds a season is
    /// refused unless `replace`, which deletes its rows first; `verify` is called on what the
    /// tables then hold, before the commit, and a throw undoes everything.
    public func writeSeason<T>(_ season: SeasonCopy.Season, replace: Bool, verify: (SeasonCopy.Season) throws -> T) throws -> T {
        guard county != nil else { throw SeasonCopy.Refusal.noCounty(location: location, role: address.user) }
        return try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-import:' || banche_county()))")
            for d in Direction.allCases {
                try session.query("SELECT pg_advisory_xact_lock(hashtext('banche-plan:' || banche_county() || ':' || $1))", [d.rawValue])
            }
            var held = 0
            for t in SeasonCopy.tables where t.name != "data_version" {
                held += try session.query("SELECT count(*) AS n FROM \(t.name)").first?.v("n", as: Int.self) ?? 0
            }
            if held > 0 && !replace { throw SeasonCopy.Refusal.destinationHoldsData(location: location, rows: held) }
            for t in SeasonCopy.tables.reversed() { try session.query("DELETE FROM \(t.name)") }
            try SeasonCopy.write(season, to: PGCopyWriter(store: self))
            return try verify(try seasonRows())
        }
    }
}

/// Inserts a copy's rows through the store's open transaction; the county is the role's.
struct PGCopyWriter: SeasonCopy.Writer {
    let store: PostgresStore

    static func type(_ k: SeasonCopy.Kind) -> String {
        switch k {
        case .text: "text"
        case .int, .version, .serial, .purge: "int8"
        case .real: "float8"
        case .bool: "bool"
        }
    }

    static func bindable(_ v: SeasonCopy.Value, _ k: SeasonCopy.Kind) -> any PGBindable {
        switch (v, k) {
        case (.null, _): return String?.none
        case (.int(let n), .bool): return n != 0
        case (.int(let n), .real): return Double(n)
        case (.int(let n), _): return n
        case (.real(let d), _): return d
        case (.text(let s), _): return s
        }
    }

    func insertReturning(_ table: String, _ columns: [SeasonCopy.Column], _ row: [SeasonCopy.Value], key: String) throws -> Int {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let params = columns.indices.map { "$\($0 + 1)::\(Self.type(columns[$0].kind))" }.joined(separator: ", ")
        let binds = zip(row, columns).map { Self.bindable($0, $1.kind) }
        guard let r = try store.session.query("INSERT INTO \(table) (\(names)) VALUES (\(params)) RETURNING \(key)", binds).first else {
            throw StoreError.other("\(store.location): no \(key) returned by the insert into \(table)")
        }
        return try r.v(0, as: Int.self)
    }

    func insert(_ table: String, _ columns: [SeasonCopy.Column], _ rows: [[SeasonCopy.Value]]) throws {
        try store.insertArrays(table, columns.map { "\"\($0.name)\"" }, types: columns.map { Self.type($0.kind) }, count: rows.count) { r, c in
            switch rows[r][c] {
            case .null: .null
            case .int(let n): columns[c].kind == .bool ? .bool(n != 0) : .int(n)
            case .real(let d): .real(d)
            case .text(let s): .text(s)
            }
        }
    }
}
