/// A pre-boarding checklist: the steps an office requires before people board.
/// Profiles are data (JSON, docs/boarding.md); two ship with banche.
public struct Checklist: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Share of licensed seats that may be filled under this checklist (0.5 in 2020), if capped.
    public var maxOccupancy: Double?
    public var steps: [Step]

    public init(id: String, name: String, maxOccupancy: Double? = nil, steps: [Step]) {
        self.id = id; self.name = name; self.maxOccupancy = maxOccupancy; self.steps = steps
    }
    enum CodingKeys: String, CodingKey { case id, name, maxOccupancy = "max_occupancy", steps }

    /// One step of the checklist.
    public struct Step: Sendable, Hashable, Codable {
        public var id: String
        public var nameZh: String
        public var nameEn: String
        public var appliesTo: Subject
        /// A failed or missing blocking step keeps the person (or the whole bus) from boarding.
        public var blocking: Bool
        public var evidence: Evidence

        public init(id: String, nameZh: String, nameEn: String, appliesTo: Subject, blocking: Bool, evidence: Evidence) {
            self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.appliesTo = appliesTo; self.blocking = blocking; self.evidence = evidence
        }
        enum CodingKeys: String, CodingKey {
            case id, nameZh = "name_zh", nameEn = "name_en", appliesTo = "applies_to", blocking, evidence
        }

        /// How long evidence of this step stays good before the reference time: the step's
        /// `valid_hours`, else 12 h for vehicle steps (before the first pickup) and 24 h for
        /// passenger steps (before the bus is due at that passenger's pickup stop).
        public var validHours: Double { evidence.validHours ?? (appliesTo == .vehicle ? 12 : 24) }
    }

    public enum Subject: String, Sendable, Hashable, Codable { case passenger, vehicle }

    /// What a step takes as evidence.
    public struct Evidence: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// Done or not (`--value` may be omitted; `no`/`fail` records a failure).
            case done
            /// A number that must stay below `below` (exclusive) or at most `atMost`; a reading
            /// outside `min`…`max` (default ±1,000,000) is refused when recorded.
            case value
            /// A result (`negative`/`positive`…) of which `pass` are good (default `negative`).
            case result
            /// One of a list of words, of which `pass` are good (health code: green). Words
            /// compare case-insensitively.
            case status
        }
        public var kind: Kind
        public var unit: String?
        public var below: Double?
        public var atMost: Double?
        /// Plausible readings (a value step): outside them a record is refused, not judged.
        public var min: Double?
        public var max: Double?
        /// Evidence older than this many hours before the reference time is stale (counts as
        /// missing); see `Step.validHours` for the defaults.
        public var validHours: Double?
        public var pass: [String]?
        public init(kind: Kind, unit: String? = nil, below: Double? = nil, atMost: Double? = nil, min: Double? = nil, max: Double? = nil,
                    validHours: Double? = nil, pass: [String]? = nil) {
            self.kind = kind; self.unit = unit; self.below = below; self.atMost = atMost; self.min = min; self.max = max
            self.validHours = validHours; self.pass = pass
        }
        enum CodingKeys: String, CodingKey { case kind, unit, below, atMost = "at_most", min, max, validHours = "valid_hours", pass }

        /// Readings a value step accepts at all when none are set: |value| ≤ 1,000,000.
        public static let defaultRange: ClosedRange<Double> = -1_000_000...1_000_000
        /// The readings this step accepts (`min`…`max`, else the default range).
        public var range: ClosedRange<Double> {
            let lo = min ?? Self.defaultRange.lowerBound, hi = max ?? Self.defaultRange.upperBound
            return lo <= hi ? lo...hi : hi...lo
        }
        /// The words that pass (`result` defaults to `negative`), trimmed and lower-cased.
        public var passWords: [String] {
            (pass ?? (kind == .result ? ["negative"] : [])).map { $0.trimmingSpaces().lowercased() }
        }
    }

    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }
}

/// A recorded step: who (a worker, or the vehicle when `workerID` is nil), which step, what
/// value, when it was taken. Later records supersede earlier ones; none is deleted.
public struct BoardingRecord: Sendable, Hashable {
    public var tripID: String
    public var workerID: String?
    public var step: String
    public var value: String?
    public var at: Timestamp
    /// Order of recording (the store's row id), to break ties between records at one instant.
    public var sequence: Int
    /// `value` is stored trimmed of spaces (the gate compares trimmed values too).
    public init(tripID: String, workerID: String?, step: String, value: String?, at: Timestamp, sequence: Int = 0) {
        self.tripID = tripID; self.workerID = workerID; self.step = step; self.value = value?.trimmingSpaces(); self.at = at; self.sequence = sequence
    }
}

extension Scenario {
    /// The scenario for re-planning after trips were closed: those who boarded have travelled
    /// and are left out; those released (blocked at boarding) may travel from the day after
    /// their closed trip, until the later of their last day and that day.
    public func afterBoarding(boarded: Set<String>, released: [String: CivilDate]) -> Scenario {
        var s = self
        s.workers = workers.filter { !boarded.contains($0.id) }.map { w in
            guard let closed = released[w.id] else { return w }
            var w = w
            let first = max(w.window.first, closed.adding(days: 1))
            w.window = DateWindow(first: first, last: max(w.window.last, first))!
            return w
        }
        return s
    }
}
