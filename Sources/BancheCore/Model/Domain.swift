/// Which way a season's buses run.
public enum Direction: String, Sendable, Codable, CaseIterable, Hashable {
    /// 节后返岗: from home townships to the factories after the Spring Festival.
    case toWork = "to-work"
    /// 节前返乡: from the factories home before the Spring Festival.
    case toHome = "to-home"
    public var chinese: String { self == .toWork ? "节后返岗" : "节前返乡" }

    /// The words a file or a command line may give for a direction: `to-work` / `to-home` in
    /// any case, or 返岗, 节后返岗, 节后接 / 返乡, 节前返乡, 节前送. Nil for anything else.
    public init?(word: String) {
        if let d = Direction(rawValue: word) { self = d; return }  // the common case, without trimming
        // Foundation's trimmingCharacters here was 6 % of a 100,000-worker import.
        let v = word.trimmingSpaces()
        if let d = Direction(rawValue: v) ?? Direction(rawValue: v.lowercased()) { self = d; return }
        if Self.toWorkWords.contains(v) { self = .toWork; return }
        if Self.toHomeWords.contains(v) { self = .toHome; return }
        return nil
    }
    /// The Chinese words for `toWork` that files and options accept.
    public static let toWorkWords: Set<String> = ["返岗", "节后返岗", "节后接"]
    /// The Chinese words for `toHome` that files and options accept.
    public static let toHomeWords: Set<String> = ["返乡", "节前返乡", "节前送"]
}

/// What a stop is. Passengers board and alight only at `township` and `factory` stops:
/// going to work they board at a township and alight at a factory, going home the reverse.
public enum StopKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A boarding point on the home side: township seat or village (乡镇/村上车点).
    case township
    /// A point on the work side: a factory gate, industrial park or city hub (企业/园区).
    case factory
    /// An expressway service area where drivers swap and rest (服务区).
    case restArea = "rest-area"
    /// Where buses are kept (车场).
    case depot
    public var chinese: String {
        switch self { case .township: "乡镇上车点"; case .factory: "企业"; case .restArea: "服务区"; case .depot: "车场" }
    }
    /// The kind a worker's pickup stop must have in `direction`.
    public static func pickupKind(_ direction: Direction) -> StopKind { direction == .toWork ? .township : .factory }
    /// The kind a worker's drop-off stop must have in `direction`.
    public static func dropoffKind(_ direction: Direction) -> StopKind { direction == .toWork ? .factory : .township }
}

/// A point on the map: a boarding point, factory, service area or depot.
public struct Stop: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: StopKind
    /// Township, street or town (乡镇/街道) the stop lies in.
    public var township: String
    /// GB/T 2260 division code of that township, when known.
    public var divisionCode: String?
    public var latitude: Double
    public var longitude: Double
    public var address: String
    public init(id: String, name: String, kind: StopKind, township: String = "", divisionCode: String? = nil,
                latitude: Double, longitude: Double, address: String = "") {
        self.id = id; self.name = name; self.kind = kind; self.township = township; self.divisionCode = divisionCode
        self.latitude = latitude; self.longitude = longitude; self.address = address
    }
}

/// Road class used to estimate travel speed when no leg is given.
public enum RoadClass: String, Sendable, Codable, CaseIterable, Hashable {
    case expressway, highway, local
}

/// A measured road leg between two stops (overrides the coordinate estimate).
public struct Leg: Hashable, Sendable {
    public var from: String
    public var to: String
    public var distanceKm: Double
    public var minutes: Int
    public var roadClass: RoadClass
    /// True when the same figures hold in the opposite direction.
    public var bothWays: Bool
    public init(from: String, to: String, distanceKm: Double, minutes: Int, roadClass: RoadClass = .highway, bothWays: Bool = true) {
        self.from = from; self.to = to; self.distanceKm = distanceKm; self.minutes = minutes
        self.roadClass = roadClass; self.bothWays = bothWays
    }
}

/// A contracted charter line (包车线路): which way, on which days, leaving when, via which rest areas.
public struct Route: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var direction: Direction
    /// Days buses may run on this route.
    public var service: DateWindow
    /// Earliest and latest departure from the first pickup.
    public var departEarliest: TimeOfDay
    public var departLatest: TimeOfDay
    /// Rest areas on the way, in travel order (driver swaps and breaks happen here).
    public var restStops: [String]
    /// Cap on pickup stops per bus (nil: the planner's default).
    public var maxPickupStops: Int?
    /// Cap on minutes from first pickup to leaving the last (nil: the planner's default).
    public var maxPickupMinutes: Int?
    /// Caps on the drop-off phase per bus (nil: the planner's default, none): going home, they
    /// keep the last drop-off before the night.
    public var maxDropoffStops: Int? = nil
    public var maxDropoffMinutes: Int? = nil
    /// The kind of passenger service (charter unless the route says otherwise): decides
    /// whether the short-run halt exemption can apply (docs/driver-rules.md).
    public var serviceType: ServiceType
    public init(id: String, name: String, direction: Direction, service: DateWindow, departEarliest: TimeOfDay,
                departLatest: TimeOfDay, restStops: [String] = [], maxPickupStops: Int? = nil, maxPickupMinutes: Int? = nil,
                serviceType: ServiceType = .charter) {
        self.id = id; self.name = name; self.direction = direction; self.service = service
        self.departEarliest = departEarliest; self.departLatest = departLatest; self.restStops = restStops
        self.maxPickupStops = maxPickupStops; self.maxPickupMinutes = maxPickupMinutes; self.serviceType = serviceType
    }
}

/// Groups that go first when seats are short.
public enum PriorityGroup: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// 脱贫人口 (formerly poor households, incl. 监测对象).
    case povertyAlleviated = "poverty-alleviated"
    /// 残疾人.
    case disability
    /// 老年人 (60 and over).
    case elderly
    /// 孕妇.
    case pregnant
    public var chinese: String {
        switch self { case .povertyAlleviated: "脱贫"; case .disability: "残疾"; case .elderly: "老年"; case .pregnant: "孕妇" }
    }
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// A traveller on the survey list (返岗/返乡人员).
public struct Worker: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var residentID: ResidentID
    public var phone: String?
    /// Members of one household ride one bus, seated together.
    public var household: String?
    public var direction: Direction
    /// Days the worker can travel.
    public var window: DateWindow
    public var pickupStop: String
    public var dropoffStop: String
    /// Employer (务工企业), shown on the factory's list.
    public var employer: String
    /// Home township (户籍乡镇).
    public var homeTownship: String
    public var priority: Set<PriorityGroup>
    public var needsAccessibleSeat: Bool
    /// The route, when the survey names one; otherwise the planner picks the route by direction and dates.
    public var route: String?
    public init(id: String, name: String, residentID: ResidentID, phone: String? = nil, household: String? = nil,
                direction: Direction, window: DateWindow, pickupStop: String, dropoffStop: String, employer: String = "",
                homeTownship: String = "", priority: Set<PriorityGroup> = [], needsAccessibleSeat: Bool = false, route: String? = nil) {
        self.id = id; self.name = name; self.residentID = residentID; self.phone = phone; self.household = household
        self.direction = direction; self.window = window; self.pickupStop = pickupStop; self.dropoffStop = dropoffStop
        self.employer = employer; self.homeTownship = homeTownship; self.priority = priority
        self.needsAccessibleSeat = needsAccessibleSeat; self.route = route
    }
    public var gender: Gender { residentID.gender }
}

/// A coach with its licensed seats (核定载客人数, drivers not counted).
public struct Bus: Hashable, Sendable, Identifiable {
    public var id: String
    public var plate: String
    public var seats: Int
    /// Seats 1…`accessibleSeats` are the accessible ones (near the door, wheelchair space).
    public var accessibleSeats: Int
    public var depot: String?
    public var available: DateWindow
    public var operatorName: String
    public init(id: String, plate: String, seats: Int, accessibleSeats: Int = 0, depot: String? = nil,
                available: DateWindow, operatorName: String = "") {
        self.id = id; self.plate = plate; self.seats = seats; self.accessibleSeats = accessibleSeats
        self.depot = depot; self.available = available; self.operatorName = operatorName
    }
}

/// Driving licence classes that allow driving a coach (准驾车型, GA/T 公安部令第162号 appendix):
/// A1 large passenger vehicle (大型客车, any number of seats) and B1 medium passenger
/// vehicle (中型客车, 10–19 seats). Other classes (A2 tractor, A3 city bus, B2, C1…) may not
/// drive a charter coach and are refused at import.
public enum LicenceClass: String, Sendable, Codable, CaseIterable, Hashable {
    case a1 = "A1", b1 = "B1"
    /// Largest number of licensed passenger seats this class may drive.
    public var maxSeats: Int { self == .a1 ? 1000 : 19 }
}

/// A coach driver (驾驶员).
public struct Driver: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var residentID: ResidentID?
    public var phone: String?
    public var licenceClass: LicenceClass
    public var licenceExpiry: CivilDate
    public var operatorName: String
    public var homeDepot: String?
    public var available: DateWindow
    public init(id: String, name: String, residentID: ResidentID? = nil, phone: String? = nil, licenceClass: LicenceClass,
                licenceExpiry: CivilDate, operatorName: String = "", homeDepot: String? = nil, available: DateWindow) {
        self.id = id; self.name = name; self.residentID = residentID; self.phone = phone; self.licenceClass = licenceClass
        self.licenceExpiry = licenceExpiry; self.operatorName = operatorName; self.homeDepot = homeDepot; self.available = available
    }
}

/// Everything the planner needs, as plain values.
public struct Scenario: Sendable {
    public var stops: [Stop]
    public var legs: [Leg]
    public var routes: [Route]
    public var workers: [Worker]
    public var buses: [Bus]
    public var drivers: [Driver]
    public var zone: ZoneOffset
    public init(stops: [Stop] = [], legs: [Leg] = [], routes: [Route] = [], workers: [Worker] = [], buses: [Bus] = [],
                drivers: [Driver] = [], zone: ZoneOffset = .china) {
        self.stops = stops; self.legs = legs; self.routes = routes; self.workers = workers
        self.buses = buses; self.drivers = drivers; self.zone = zone
    }
}
