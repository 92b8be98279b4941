import BancheCore

/// Parses a batch of import files in dependency order and hands their rows to a store's sink
/// (`Store.importBatch`) while no problem has been found: workers in chunks as they are
/// parsed, so that a store may write one chunk while the next is parsed; every other file
/// whole. Shared by `banche import`, `demo` and the tests.
public struct BatchParser {
    public var today: CivilDate
    public var replace: Bool
    /// Workers per chunk handed over while a workers file is still being parsed.
    public var chunk = 10_000

    /// Every problem of every file, in order; empty when the batch was accepted.
    public private(set) var issues: [ImportIssue] = []
    /// What was tolerated and left out (title rows, ignored columns, stops given by name).
    public private(set) var notes: [String] = []
    /// What was imported with a warning (a township outside the divisions list).
    public private(set) var warnings: [String] = []
    /// The ids of the workers the batch held.
    public private(set) var workerIDs: [String] = []

    public init(today: CivilDate, replace: Bool) { self.today = today; self.replace = replace }

    /// `tables` in any order; `known` is what the store holds. `.rejected` when any row of any
    /// file is bad (then `issues` says why and the store writes nothing).
    public mutating func parse(_ tables: [(ImportKind, CSVTable)], known: KnownRecords, into sink: any ImportSink) throws -> ImportParseResult {
        var known = known
        for (k, t) in tables.sorted(by: { $0.0 < $1.0 }) {
            var p = RowParser(kind: k, table: t, known: known, replace: replace, today: today)
            let clean = issues.isEmpty
            let (rows, k2) = try p.parse(chunk: clean ? chunk : .max) { try sink.rows(.workers(Array($0))) }
            if case .workers(let ws) = rows { workerIDs += ws.map(\.id) }
            known = k2
            issues += p.issues
            notes += p.notes
            warnings += p.warnings
            guard clean && p.issues.isEmpty else { continue }
            if case .workers(let ws) = rows {
                if p.emitted < ws.count { try sink.rows(.workers(Array(ws[p.emitted...]))) }
            } else {
                try sink.rows(rows)
            }
            try sink.endFile(kind: k.rawValue, file: t.file, encoding: t.encoding.rawValue, rows: rows.count)
        }
        return issues.isEmpty ? .accepted : .rejected
    }
}
