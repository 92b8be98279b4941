/// IDs already in the store (or imported earlier in the same batch), for reference and duplicate checks.
public struct KnownRecords: Sendable {
    public var stops: [String: StopKind] = [:]
    public var routes: [String: Direction] = [:]
    public var buses: Set<String> = []
    public var plates: [String: String] = [:]
    public var drivers: Set<String> = []
    public var driverResidentIDs: [String: String] = [:]
    public var workers: Set<String> = []
    /// resident ID → worker_id.
    public var workerResidentIDs: [String: String] = [:]
    public var legs: Set<String> = []
    /// Division codes stored, and names → code (the townships a `home_township` must be one of
    /// once a list is imported).
    public var divisions: Set<String> = []
    public var divisionNames: [String: String] = [:]
    /// Stop names → id, for a stop given by its name; nil value: two stops share the name.
    public var stopNames: [String: String?] = [:]
    public init() {}
}

/// An administrative division (区划): a county, a township (乡, 镇, 街道) or a village, with its
/// GB/T 2260-style code and the code of the division it belongs to.
public struct Division: Hashable, Sendable {
    public var code: String
    public var name: String
    public var parent: String?
    public init(code: String, name: String, parent: String?) { self.code = code; self.name = name; self.parent = parent }
}

/// What an import file parsed to: the rows of one kind, ready to store.
public enum ImportRows: Sendable {
    case divisions([Division]), stops([Stop]), legs([Leg]), routes([Route]), buses([Bus]), drivers([Driver]), workers([Worker])
    public var count: Int {
        switch self {
        case .divisions(let a): a.count
        case .stops(let a): a.count; case .legs(let a): a.count; case .routes(let a): a.count
        case .buses(let a): a.count; case .drivers(let a): a.count; case .workers(let a): a.count
        }
    }
}

/// Where a parse hands its rows to the store, inside the store's transaction and in dependency
/// order: the rows of one file (workers in several chunks, handed over while the rest of the
/// file is still being parsed, so that a store may write them meanwhile), then `endFile`.
/// Nothing more is handed over once a problem was found; the parse then returns `.rejected`
/// and the transaction writes nothing.
public protocol ImportSink: AnyObject {
    /// Rows of the file being parsed, in the file's order.
    func rows(_ rows: ImportRows) throws
    /// The file is whole: `rows` rows were handed over.
    func endFile(kind: String, file: String, encoding: String, rows: Int) throws
}

/// How a parse inside `Store.importBatch` ended.
public enum ImportParseResult: Sendable {
    /// Every row was handed over; the batch commits.
    case accepted
    /// A file had a bad row; nothing is written.
    case rejected
}
