/// Decides who may board. Pure: checklist + records + departure time → verdicts.
public struct BoardingGate: Sendable {
    public let checklist: Checklist
    public init(checklist: Checklist) { self.checklist = checklist }

    public enum Status: String, Sendable, Hashable, Codable { case cleared, blocked, pending }

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

    /// Checks one step's latest record.
    public func judge(_ step: Checklist.Step, _ record: BoardingRecord?, departure: Timestamp) -> Finding? {
        guard let r = record else { return Finding(step: step.id, status: .pending, reason: "\(step.nameZh) \(step.nameEn): not recorded yet") }
        let v = (r.value ?? "").trimmingSpaces().lowercased()
        let e = step.evidence
        switch e.kind {
        case .done:
            if ["no", "fail", "failed", "否", "不合格", "未通过"].contains(v) { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn): failed") }
            return nil
        case .value:
            guard let x = Double(v) else { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh): value \(r.value ?? "") is not a number") }
            if let b = e.below, !(x < b) { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn) \(r.value!)\(e.unit ?? ""), must be below \(fmt(b))\(e.unit ?? "")") }
            if let m = e.atMost, x > m { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn) \(r.value!)\(e.unit ?? ""), must be at most \(fmt(m))\(e.unit ?? "")") }
            return nil
        case .result:
            let good = e.pass ?? ["negative"]
            if !good.contains(v) { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn): result \(r.value ?? "(none)")") }
            if let h = e.validHours {
                let age = r.at.seconds <= departure.seconds ? departure.seconds - r.at.seconds : 0
                if Double(age) > h * 3600 {
                    return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn) taken \(hoursMinutes(age / 60)) before departure; valid for \(fmt(h)) h")
                }
            }
            return nil
        case .status:
            let good = e.pass ?? []
            if !good.contains(v) { return Finding(step: step.id, status: .blocked, reason: "\(step.nameZh) \(step.nameEn): \(r.value ?? "(none)"), must be \(good.joined(separator: " or "))") }
            return nil
        }
    }

    func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

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
    public func evaluate(passengers: [String], records: [BoardingRecord], departure: Timestamp) -> (vehicle: Verdict, passengers: [Verdict]) {
        let latest = Self.latest(records)
        func verdict(_ worker: String?, _ subject: Checklist.Subject) -> Verdict {
            var findings: [Finding] = []
            for step in checklist.steps where step.appliesTo == subject {
                guard let f = judge(step, latest[(worker ?? "") + "\u{1}" + step.id], departure: departure) else { continue }
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
}
