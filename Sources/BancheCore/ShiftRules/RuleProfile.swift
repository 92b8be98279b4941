/// One jurisdiction's driving-time rules with its own parameters. The engine runs any rule set
/// the same way: per driver, then per trip. Every limit is a stored property, so a province's
/// variant or a rule change is a profile file (docs/driver-rules.md), not code.
public protocol RuleSet: Sendable, Hashable, Codable {
    /// The profile file's `jurisdiction` value: `china`, `eu`, `us`.
    static var jurisdiction: String { get }
    /// Rules about one driver's records (sorted by start, no input errors). `drivesOnVehicle`
    /// holds every driver's driving by vehicle, so riding in a bus another driver is driving
    /// (co-driver, multi-manning) is known.
    func driverViolations(_ driver: String, _ records: [DutyRecord], drivesOnVehicle: [String: [DutyRecord]], in context: RuleContext) -> [RuleViolation]
    /// Rules about whole trips (the crew on board); none by default.
    func tripViolations(_ records: [DutyRecord], in context: RuleContext) -> [RuleViolation]
    /// What the crew scheduler plans to: the most driving in a day, in one stint, and the
    /// shortest pause that ends a stint.
    var planning: PlanningLimits { get }
    /// Names of the parameters that are times of day (minutes after midnight, 0–1439); every
    /// other number is a limit and must be positive.
    static var timeOfDayKeys: Set<String> { get }
}

extension RuleSet {
    public func tripViolations(_ records: [DutyRecord], in context: RuleContext) -> [RuleViolation] { [] }
    public static var timeOfDayKeys: Set<String> { [] }

    /// Every rule broken by `records` (which must have no input errors), sorted by driver,
    /// time and rule.
    public func violations(_ records: [DutyRecord], in context: RuleContext) -> [RuleViolation] {
        var out: [RuleViolation] = []
        let byDriver = Dictionary(grouping: records, by: \.driverID)
        let drivesOnVehicle = RuleContext.drivesByVehicle(records)
        for d in byDriver.keys.sorted() {
            out += driverViolations(d, byDriver[d]!.sorted { $0.start < $1.start }, drivesOnVehicle: drivesOnVehicle, in: context)
        }
        out += tripViolations(records, in: context)
        return out.sorted { ($0.driverID, $0.start, $0.rule) < ($1.driverID, $1.start, $1.rule) }
    }
}

/// Limits the crew scheduler plans rotations to.
public struct PlanningLimits: Sendable, Hashable {
    public var dailyDriving: Int
    public var stint: Int
    public var minPause: Int
}

/// 道路旅客运输 long-distance coach rules (交运发〔2018〕55号 art. 38 and the texts in
/// docs/driver-rules.md). Minutes unless named otherwise.
public struct ChinaRules: RuleSet {
    public static let jurisdiction = "china"
    public static var timeOfDayKeys: Set<String> { ["nightStart", "nightEnd", "haltStart", "haltEnd"] }
    /// Most continuous driving (CN-CONT-DAY); applies to the whole stint, day or night.
    public var continuousDay = 240
    /// Most driving inside the night window in one stint (CN-CONT-NIGHT).
    public var continuousNight = 120
    /// Shortest pause that ends a stint.
    public var minPause = 20
    /// The night window, minutes after midnight (22:00–06:00).
    public var nightStart = 22 * 60
    public var nightEnd = 6 * 60
    /// Most driving in any rolling 24 hours (CN-DAILY) and 7 days (CN-WEEKLY).
    public var daily = 480
    public var weekly = 44 * 60
    /// The halt window, minutes after midnight (02:00–05:00, CN-NIGHT-HALT).
    public var haltStart = 2 * 60
    public var haltEnd = 5 * 60
    /// Short runs of these services, at most `haltExemptKm` one way, need not halt.
    public var haltExemptKm = 200.0
    public var haltExemptServices: Set<ServiceType> = [.airportRailExpress, .commuter, .customised, .feeder]
    /// A one-way run over this many km carries at least two drivers (CN-CREW).
    public var crewKm = 400.0
    public init() {}
    public var planning: PlanningLimits { PlanningLimits(dailyDriving: daily, stint: continuousDay, minPause: minPause) }
}

/// Regulation (EC) 561/2006 as amended by (EU) 2020/1054. Minutes unless named otherwise.
public struct EURules: RuleSet {
    public static let jurisdiction = "eu"
    public var breakAfter = 270
    public var breakLength = 45
    public var splitFirst = 15
    public var splitSecond = 30
    public var daily = 9 * 60
    public var dailyExtended = 10 * 60
    /// Days a week the daily driving may be extended (a count).
    public var extendedPerWeek = 2
    public var weekly = 56 * 60
    public var fortnight = 90 * 60
    public var dailyRest = 11 * 60
    public var reducedRest = 9 * 60
    public var splitRestFirst = 3 * 60
    public var splitRestSecond = 9 * 60
    public var multiManningRest = 9 * 60
    public var multiManningWindow = 30 * 60
    /// Reduced daily rests between two weekly rests (a count).
    public var maxReduced = 3
    public var weeklyRest = 45 * 60
    public var reducedWeeklyRest = 24 * 60
    public var weeklyRestWithin = 6 * 24 * 60
    public init() {}
    public var planning: PlanningLimits { PlanningLimits(dailyDriving: daily, stint: breakAfter, minPause: breakLength) }
}

/// 49 CFR 395.5, passenger-carrying vehicles. Minutes unless named otherwise.
public struct USRules: RuleSet {
    public static let jurisdiction = "us"
    public var drive = 10 * 60
    public var onDuty = 15 * 60
    public var offReset = 8 * 60
    public var cycleHours = 60 * 60
    /// Days of the on-duty cycle (7, or 8 with `cycleHours` 4200).
    public var cycleDays = 7
    public init() {}
    public var planning: PlanningLimits { PlanningLimits(dailyDriving: drive, stint: drive, minPause: 20) }
}

/// A named rule profile: a jurisdiction's rule set with its parameters, and the zone for
/// time-of-day windows and calendar weeks. The three shipped profiles equal
/// Fixtures/profiles/*.json (a test checks); `--profile FILE` reads another.
public struct RuleProfile: Sendable, Hashable {
    public enum Rules: Sendable, Hashable {
        case china(ChinaRules), eu(EURules), us(USRules)
    }
    public var id: String
    /// Zone for time-of-day windows (night, halt) and calendar weeks/days.
    public var zone: ZoneOffset
    public var rules: Rules

    public init(id: String, zone: ZoneOffset, rules: Rules) { self.id = id; self.zone = zone; self.rules = rules }

    /// The rule set the engine runs.
    public var ruleSet: any RuleSet {
        switch rules { case .china(let r): r; case .eu(let r): r; case .us(let r): r }
    }
    public var china: ChinaRules? { if case .china(let r) = rules { r } else { nil } }
    public var eu: EURules? { if case .eu(let r) = rules { r } else { nil } }
    public var us: USRules? { if case .us(let r) = rules { r } else { nil } }

    /// 道路旅客运输 long-distance coach rules (the default).
    public static let cnPassenger = RuleProfile(id: "cn-passenger", zone: .china, rules: .china(ChinaRules()))
    /// Regulation (EC) 561/2006 as amended by (EU) 2020/1054; weeks in UTC.
    public static let eu561 = RuleProfile(id: "eu-561", zone: .utc, rules: .eu(EURules()))
    /// 49 CFR 395.5, passenger-carrying vehicles; 60 h / 7 days by default.
    public static let usFMCSAPassenger = RuleProfile(id: "us-fmcsa-passenger", zone: .china, rules: .us(USRules()))

    public static let all: [RuleProfile] = [.cnPassenger, .eu561, .usFMCSAPassenger]
    public static func named(_ id: String) -> RuleProfile? { all.first { $0.id == id } }
}
