/// A set of driving-time rules. Profiles are data: every limit below can be changed without
/// touching the engine, and docs/driver-rules.md gives each rule's source.
public struct RuleProfile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case china, eu, us }
    public var id: String
    public var kind: Kind
    /// Zone for time-of-day windows (night, halt) and calendar weeks/days.
    public var zone: ZoneOffset

    // China (cn-passenger)
    public var cnContinuousDay = 240
    public var cnContinuousNight = 120
    public var cnMinPause = 20
    public var cnNightStart = 22 * 60
    public var cnNightEnd = 6 * 60
    public var cnDaily = 480
    public var cnWeekly = 44 * 60
    public var cnHaltStart = 2 * 60
    public var cnHaltEnd = 5 * 60
    public var cnHaltExemptKm = 200.0
    public var cnHaltExemptServices: Set<ServiceType> = [.airportRailExpress, .commuter, .customised, .feeder]
    public var cnCrewKm = 400.0

    // EU 561/2006
    public var euBreakAfter = 270
    public var euBreak = 45
    public var euSplitFirst = 15
    public var euSplitSecond = 30
    public var euDaily = 9 * 60
    public var euDailyExtended = 10 * 60
    public var euExtendedPerWeek = 2
    public var euWeekly = 56 * 60
    public var euFortnight = 90 * 60
    public var euDailyRest = 11 * 60
    public var euReducedRest = 9 * 60
    public var euSplitRestFirst = 3 * 60
    public var euSplitRestSecond = 9 * 60
    public var euMultiManningRest = 9 * 60
    public var euMultiManningWindow = 30 * 60
    public var euMaxReduced = 3
    public var euWeeklyRest = 45 * 60
    public var euReducedWeeklyRest = 24 * 60
    public var euWeeklyRestWithin = 6 * 24 * 60

    // US 49 CFR 395.5
    public var usDrive = 10 * 60
    public var usOnDuty = 15 * 60
    public var usOffReset = 8 * 60
    public var usCycleHours = 60 * 60
    public var usCycleDays = 7

    public init(id: String, kind: Kind, zone: ZoneOffset) { self.id = id; self.kind = kind; self.zone = zone }

    /// 道路旅客运输 long-distance coach rules (the default).
    public static let cnPassenger = RuleProfile(id: "cn-passenger", kind: .china, zone: .china)
    /// Regulation (EC) 561/2006 as amended by (EU) 2020/1054; weeks in UTC.
    public static let eu561 = RuleProfile(id: "eu-561", kind: .eu, zone: .utc)
    /// 49 CFR 395.5, passenger-carrying vehicles; 60 h / 7 days by default.
    public static let usFMCSAPassenger = RuleProfile(id: "us-fmcsa-passenger", kind: .us, zone: .china)

    public static let all: [RuleProfile] = [.cnPassenger, .eu561, .usFMCSAPassenger]
    public static func named(_ id: String) -> RuleProfile? { all.first { $0.id == id } }
}
