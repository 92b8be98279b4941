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
    public init() {}
}

/// What an import file parsed to: the rows of one kind, ready to store.
public enum ImportRows: Sendable {
    case stops([Stop]), legs([Leg]), routes([Route]), buses([Bus]), drivers([Driver]), workers([Worker])
    public var count: Int {
        switch self {
        case .stops(let a): a.count; case .legs(let a): a.count; case .routes(let a): a.count
        case .buses(let a): a.count; case .drivers(let a): a.count; case .workers(let a): a.count
        }
    }
}
