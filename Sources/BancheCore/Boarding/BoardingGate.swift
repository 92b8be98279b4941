/// Decides who may board. Pure: checklist + records + the trip's planned times → verdicts.
public struct BoardingGate: Sendable {
    public let checklist: Checklist
    public init(checklist: Checklist) { self.checklist = checklist }

    /// A verdict is cleared, blocked or pending; a finding may also be `stale` (evidence too
    /// old to count, which leaves its person or bus pending, as if not recorded).
    public enum Status: String, Sendable, Hashable, Codable { case cleared, blocked, pending, stale }

    /// A step that stops someone (or the bus), and why.
    public struct Finding: Sendable, Hashable {
        public var step: String
        public var status: Status
        public var reason: String
    }

    public struct Verdict: Sendable, Hashable {
        public var workerID: String?
        public var status: Status
        public var findings: [Finding]
    }

    /// The planned times evidence is measured against: vehicle steps against the bus's
    /// departure from its first pickup stop, passenger steps against the bus's departure from
    /// that passenger's pickup stop (`firstPickup` when unknown).
    public struct TripTimes: Sendable, Hashable {
        public var firstPickup: Timestamp
        public var pickup: [String: Timestamp]
        public init(firstPickup: Timestamp, pickup: [String: Timestamp] = [:]) { self.firstPickup = firstPickup; self.pickup = pickup }
        public func reference(for worker: String?) -> Timestamp { worker.flatMap { pickup[$0] } ?? firstPickup }
    }

    /// Checks one step's latest record against the time it must be fresh for.
    public func judge(_ step: Checklist.Step, _ record: BoardingRecord?, reference: Timestamp) -> Finding? {
        let name = "\(step.nameZh) \(step.nameEn)"
        guard let r = record else { return Finding(step: step.id, status: .pending, reason: "\(name): not recorded yet") }
        // Clamped so a checklist built in code with a huge or non-finite window cannot trap.
        let hours = step.validHours.isNaN ? 0 : Swift.min(Swift.max(step.validHours, 0), 1_000_000)
        let limit = Int((hours * 3600).rounded())
        if reference.seconds - r.at.seconds > limit {
            let age = reference.seconds - r.at.seconds
            return Finding(step: step.id, status: .stale,
                           reason: "\(name): stale, taken \(r.at.iso(in: .china)), \(Self.age(age)) before \(reference.iso(in: .china)); valid for \(PlainNumber.format(step.validHours)) h")
        }
        let raw = r.value ?? ""
        let v = raw.trimmingSpaces().lowercased()
        let e = step.evidence
        let unit = e.unit ?? ""
        switch e.kind {
        case .done:
            if ["no", "fail", "failed", "否", "不合格", "未通过"].contains(v) { return Finding(step: step.id, status: .blocked, reason: "\(name): failed") }
            return nil
        case .value:
            guard let x = PlainNumber.parse(v) else { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh): value \(raw) is not a number") }
            guard e.range.contains(x) else {
                return Finding(step: step.id, status: .blocked, reason: "\(name) \(raw)\(unit) is outside \(PlainNumber.format(e.range.lowerBound))…\(PlainNumber.format(e.range.upperBound))")
            }
            if let b = e.below, !(x < b) { return Finding(step: step.id, status: .blocked, reason: "\(name) \(raw)\(unit), must be below \(PlainNumber.format(b))\(unit)") }
            if let m = e.atMost, !(x <= m) { return Finding(step: step.id, status: .blocked, reason: "\(name) \(raw)\(unit), must be at most \(PlainNumber.format(m))\(unit)") }
            return nil
        case .result:
            if !e.passWords.contains(v) { return Finding(step: step.id, status: .blocked, reason: "\(name): result \(raw.isEmpty ? "(none)" : raw)") }
            return nil
        case .status:
            if !e.passWords.contains(v) {
                return Finding(step: step.id, status: .blocked, reason: "\(name): \(raw.isEmpty ? "(none)" : raw), must be \((e.pass ?? []).joined(separator: " or "))")
            }
            return nil
        }
    }

    /// Checks one step's latest record, measuring freshness against `departure`.
    public func judge(_ step: Checklist.Step, _ record: BoardingRecord?, departure: Timestamp) -> Finding? {
        judge(step, record, reference: departure)
    }

    static func age(_ seconds: Int) -> String {
        let h = seconds / 3600
        return h >= 48 ? "\(h / 24) days" : hoursMinutes(seconds / 60)
    }

    /// The latest record of each (worker, step): later `at` wins, then later recording.
    static func latest(_ records: [BoardingRecord]) -> [String: BoardingRecord] {
        var out: [String: BoardingRecord] = [:]
        for r in records {
            let key = (r.workerID ?? "") + "\u{1}" + r.step
            if let old = out[key], (old.at, old.sequence) > (r.at, r.sequence) { continue }
            out[key] = r
        }
        return out
    }

    /// Verdicts for the vehicle (workerID nil) and every passenger, passengers sorted by id.
    /// Vehicle steps gate the whole trip: a passenger is cleared only if the vehicle is too.
    /// Evidence older than its step's `validHours` before `times` counts as missing.
    public func evaluate(passengers: [String], records: [BoardingRecord], times: TripTimes) -> (vehicle: Verdict, passengers: [Verdict]) {
        let latest = Self.latest(records)
        func verdict(_ worker: String?, _ subject: Checklist.Subject) -> Verdict {
            var findings: [Finding] = []
            let reference = times.reference(for: worker)
            for step in checklist.steps where step.appliesTo == subject {
                guard let f = judge(step, latest[(worker ?? "") + "\u{1}" + step.id], reference: reference) else { continue }
                findings.append(step.blocking ? f : Finding(step: f.step, status: f.status, reason: f.reason + " (not blocking)"))
            }
            let blocking = findings.filter { f in checklist.step(f.step)!.blocking }
            let status: Status = blocking.contains { $0.status == .blocked } ? .blocked : blocking.isEmpty ? .cleared : .pending
            return Verdict(workerID: worker, status: status, findings: findings)
        }
        let vehicle = verdict(nil, .vehicle)
        let people = passengers.sorted().map { w -> Verdict in
            var v = verdict(w, .passenger)
            if v.status == .cleared && vehicle.status != .cleared {
                v.status = .pending
                v.findings.append(Finding(step: "vehicle", status: .pending, reason: "the bus is not cleared yet (vehicle steps)"))
            }
            return v
        }
        return (vehicle, people)
    }

    /// As `evaluate(passengers:records:times:)`, every step measured against `departure`.
    public func evaluate(passengers: [String], records: [BoardingRecord], departure: Timestamp) -> (vehicle: Verdict, passengers: [Verdict]) {
        evaluate(passengers: passengers, records: records, times: TripTimes(firstPickup: departure))
    }
}
