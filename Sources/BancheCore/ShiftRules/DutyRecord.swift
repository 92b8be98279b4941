/// What a driver is doing during a record of a roster (the tachograph activities).
public enum DutyActivity: String, Sendable, Codable, CaseIterable, Hashable {
    /// At the wheel (驾驶).
    case drive
    /// A pause from driving and all work (休息间歇).
    case `break`
    /// Work that is not driving: loading, inspection, paperwork (其他工作).
    case otherWork = "other_work"
    /// Waiting, or riding as the co-driver (待命). Riding (on a vehicle another driver is driving)
    /// ends a CN stint and is an EU break (multi-manning); waiting is neither. On duty under US
    /// rules either way (docs/driver-rules.md).
    case available
    /// Daily or weekly rest (休息).
    case rest

    /// Counts as on-duty time under 49 CFR 395 (driving, other work, available). Any record
    /// riding in a moving bus is on duty too; the US rule set decides that from the vehicle.
    public var isOnDuty: Bool { self == .drive || self == .otherWork || self == .available }
}

/// The kind of passenger service a trip is, for the night-halt exemption (交运规〔2023〕2号
/// art. 32 names the services a short run may be; a migrant-worker charter is not one).
public enum ServiceType: String, Sendable, Codable, CaseIterable, Hashable {
    /// 包车客运, the default: a hired coach (migrant-worker charters are these).
    case charter
    /// 班线客运: a scheduled line.
    case scheduled
    /// 线路固定的机场或高铁快线: a fixed airport or high-speed-rail express line.
    case airportRailExpress = "airport-rail-express"
    /// 通勤包车: a commuter charter.
    case commuter
    /// 定制客运: a customised (on-demand) service.
    case customised
    /// 短途驳载: a short feeder run.
    case feeder
}

/// One line of a roster: a driver's activity from `start` to `end`.
public struct DutyRecord: Sendable, Hashable, Codable {
    public var driverID: String
    public var activity: DutyActivity
    public var start: Timestamp
    public var end: Timestamp
    public var vehicleID: String?
    public var tripID: String?
    /// Length of the one-way run in km, for the crew and night-halt rules.
    public var tripKm: Double?
    /// True when the trip is an approved relay (接驳运输), exempt from the 02:00–05:00 halt.
    public var relay: Bool
    /// The trip's service type (charter when the roster does not say).
    public var service: ServiceType
    /// The stop where the bus stands during a break, rest, halt, handover or wait (a service
    /// area, pickup, drop-off or depot id); nil on drive records, on a driver's rest off the bus,
    /// and in rosters without a `place` column (then unchecked).
    public var place: String?
    /// 1-based line of the roster file, for messages (0 when generated).
    public var line: Int

    public init(driverID: String, activity: DutyActivity, start: Timestamp, end: Timestamp, vehicleID: String? = nil,
                tripID: String? = nil, tripKm: Double? = nil, relay: Bool = false, service: ServiceType = .charter, place: String? = nil, line: Int = 0) {
        self.driverID = driverID; self.activity = activity; self.start = start; self.end = end
        self.vehicleID = vehicleID; self.tripID = tripID; self.tripKm = tripKm; self.relay = relay; self.service = service
        self.place = place; self.line = line
    }
    public var minutes: Int { start.minutes(to: end) }

    enum CodingKeys: String, CodingKey { case driverID, activity, start, end, vehicleID, tripID, tripKm, relay, service, place, line }
    /// Records encoded before `service` existed decode as charters.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(driverID: c.decode(String.self, forKey: .driverID), activity: c.decode(DutyActivity.self, forKey: .activity),
                      start: c.decode(Timestamp.self, forKey: .start), end: c.decode(Timestamp.self, forKey: .end),
                      vehicleID: c.decodeIfPresent(String.self, forKey: .vehicleID), tripID: c.decodeIfPresent(String.self, forKey: .tripID),
                      tripKm: c.decodeIfPresent(Double.self, forKey: .tripKm), relay: c.decode(Bool.self, forKey: .relay),
                      service: c.decodeIfPresent(ServiceType.self, forKey: .service) ?? .charter,
                      place: c.decodeIfPresent(String.self, forKey: .place), line: c.decode(Int.self, forKey: .line))
    }
}

/// A broken rule: who, which rule, when, measured against the limit.
public struct RuleViolation: Sendable, Hashable, Codable {
    public var rule: String
    public var driverID: String
    public var start: Timestamp
    public var end: Timestamp
    public var measuredMinutes: Int
    public var limitMinutes: Int
    public var message: String
}

/// A roster that cannot be checked because records contradict each other.
public struct RosterInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Formats minutes as `4 h 01 min`.
public func hoursMinutes(_ m: Int) -> String {
    let h = m / 60, r = m % 60
    return h == 0 ? "\(r) min" : "\(h) h \(r < 10 ? "0" : "")\(r) min"
}
