/// Whether one boarding record may be stored: the check `banche board record` and
/// `board import` run before anything is written (and a web server would run too). Pure: the
/// current time is passed in.
public struct RecordCheck: Sendable {
    /// How far a record's time may lie in the future (clocks of phones and laptops differ).
    public static let futureToleranceSeconds = 600

    public var checklist: Checklist
    public var tripID: String
    public var passengers: Set<String>
    public var closed: Bool
    public var now: Timestamp
    /// Passengers whose pickup stop is closed (`board close --stop`), by worker id → stop id:
    /// their boarded list is frozen, like a closed trip's.
    public var closedPassengers: [String: String]

    public init(checklist: Checklist, tripID: String, passengers: some Sequence<String>, closed: Bool, now: Timestamp,
                closedPassengers: [String: String] = [:]) {
        self.checklist = checklist; self.tripID = tripID; self.passengers = Set(passengers); self.closed = closed; self.now = now
        self.closedPassengers = closedPassengers
    }

    /// The problem with `r`, if any, as a sentence for the clerk.
    public func problem(with r: BoardingRecord) -> String? {
        guard let step = checklist.step(r.step) else {
            return "unknown step \"\(r.step)\"; \(checklist.id) has: \(checklist.steps.map(\.id).joined(separator: ", "))"
        }
        if let w = r.workerID {
            if step.appliesTo != .passenger { return "step \(r.step) is a vehicle step; record it with --vehicle" }
            if !passengers.contains(w) { return "worker \(w) is not on trip \(tripID)" }
        } else if step.appliesTo != .vehicle { return "step \(r.step) is a passenger step; name the worker" }
        let value = (r.value ?? "").trimmingSpaces()
        let e = step.evidence
        if e.kind == .value {
            guard let x = PlainNumber.parse(value) else {
                return "step \(r.step) takes a number such as 36.5, got \"\(value)\" (not nan, inf or hexadecimal)"
            }
            if !e.range.contains(x) {
                return "step \(r.step) takes a number from \(PlainNumber.format(e.range.lowerBound)) to \(PlainNumber.format(e.range.upperBound))\(e.unit ?? ""), got \(value)"
            }
        }
        if (e.kind == .result || e.kind == .status) && value.isEmpty {
            return "step \(r.step) needs --value (\((e.pass ?? (e.kind == .result ? ["negative"] : [])).joined(separator: ", ")) …)"
        }
        if r.at.seconds - now.seconds > Self.futureToleranceSeconds {
            return "time \(r.at.iso(in: .china)) is in the future (now \(now.iso(in: .china)); 10 minutes are tolerated)"
        }
        if closed { return "trip \(tripID) is closed; its boarded list is frozen" }
        if let w = r.workerID, let stop = closedPassengers[w] { return "stop \(stop) of trip \(tripID) is closed; its boarded list is frozen" }
        return nil
    }
}
