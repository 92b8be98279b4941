import BancheCore

/// The JSON document of `banche board status --format json` (docs/boarding.md).
public struct BoardStatusDocument: Codable, Sendable, Equatable {
    public struct Finding: Codable, Sendable, Equatable {
        public var step: String
        public var status: String
        public var reason: String
    }
    public struct Verdict: Codable, Sendable, Equatable {
        public var worker_id: String?
        public var status: String
        public var findings: [Finding]
        public init(_ v: BoardingGate.Verdict) {
            worker_id = v.workerID
            status = v.status.rawValue
            findings = v.findings.map { Finding(step: $0.step, status: $0.status.rawValue, reason: $0.reason) }
        }
    }
    public var trip_id: String
    public var checklist: String
    public var departure: String
    public var closed: Bool
    public var vehicle: Verdict
    public var passengers: [Verdict]
    public var cleared: Int
    public var blocked: Int
    public var pending: Int
    /// Closed trips only: who boarded and who was released, by worker id.
    public var boarded: [String]?
    public var released: [String]?
    /// Pickup stops closed one by one (`board close --stop`), when any.
    public var closed_stops: [String]?

    public init(tripID: String, checklist: String, departure: String, closed: Bool,
                vehicle: BoardingGate.Verdict, passengers: [BoardingGate.Verdict]) {
        trip_id = tripID; self.checklist = checklist; self.departure = departure; self.closed = closed
        self.vehicle = Verdict(vehicle)
        self.passengers = passengers.map(Verdict.init)
        cleared = passengers.filter { $0.status == .cleared }.count
        blocked = passengers.filter { $0.status == .blocked }.count
        pending = passengers.filter { $0.status == .pending }.count
    }
}
