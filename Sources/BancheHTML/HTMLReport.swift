import BancheCore
import BancheIO
import Mustache

/// One file of the report folder.
public struct ReportFile: Sendable, Hashable {
    public var name: String
    public var contents: String
    /// Holds names of people (and, when asked, full numbers): written with mode 0600.
    public var personal: Bool
}

/// The HTML report (`banche report html`): a season page, one page per trip (the manifest as
/// A4 sheets, the drivers' rotation, the route map) and a drivers page. Pure: the same inputs
/// give the same bytes; no file, clock or network is touched, and no page names any address
/// outside the folder (pictures are inline SVG, styles inline CSS).
public struct HTMLReport: Sendable {
    public var season: SeasonReport
    public var manifests: [Manifest]
    public var duties: [DutyRecord]
    public var stops: [Stop]
    public var driverNames: [String: String]
    public var profile: RuleProfile
    public var showPersonalData: Bool
    public var generatedAt: Timestamp
    public var zone: ZoneOffset

    public init(season: SeasonReport, manifests: [Manifest], duties: [DutyRecord], stops: [Stop], driverNames: [String: String],
                profile: RuleProfile, showPersonalData: Bool, generatedAt: Timestamp, zone: ZoneOffset = .china) {
        self.season = season; self.manifests = manifests; self.duties = duties; self.stops = stops; self.driverNames = driverNames
        self.profile = profile; self.showPersonalData = showPersonalData; self.generatedAt = generatedAt; self.zone = zone
    }

    /// Passenger table lines on the first A4 sheet of a trip (under the trip's details) and on
    /// each later sheet; a stop's heading counts as a line. The signature boxes take
    /// `signatureLines`. Chosen with room to spare: rows are 6 mm high and never wrap.
    public static let firstSheetLines = 24
    public static let sheetLines = 34
    public static let signatureLines = 9

    /// The file name of a trip's page.
    public static func fileName(trip: String) -> String {
        "trip-" + String(trip.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }) + ".html"
    }

    func library() throws -> MustacheLibrary {
        var lib = MustacheLibrary()
        try lib.register(Templates.head, named: "head")
        try lib.register(Templates.foot, named: "foot")
        try lib.register(Templates.season, named: "season")
        try lib.register(Templates.trip, named: "trip")
        try lib.register(Templates.drivers, named: "drivers")
        return lib
    }

    struct RenderError: Error, CustomStringConvertible {
        var template: String
        var description: String { "cannot render the report page \(template)" }
    }

    func render(_ lib: MustacheLibrary, _ name: String, _ object: Any) throws -> String {
        guard let s = lib.render(object, withTemplate: name) else { throw RenderError(template: name) }
        return s
    }

    /// Every file of the report, the season page (`index.html`) first.
    public func files() throws -> [ReportFile] {
        let lib = try library()
        var out = [ReportFile(name: "index.html", contents: try render(lib, "season", seasonPage()), personal: false)]
        for m in manifests {
            out.append(ReportFile(name: Self.fileName(trip: m.tripID), contents: try render(lib, "trip", tripPage(m)), personal: true))
        }
        out.append(ReportFile(name: "drivers.html", contents: try render(lib, "drivers", driversPage()), personal: true))
        return out
    }

    // MARK: season

    struct Total { var name: String; var value: String }
    struct GroupRow { var key: String; var trips: Int; var buses: Int; var people: Int; var poor: Int; var filled: String }
    struct Dimension { var title: String; var keyTitle: String; var chart: String; var rows: [GroupRow] }
    struct TripLink { var id: String; var file: String; var date: String; var departs: String; var plate: String; var passengers: Int; var seats: Int }
    struct SeasonPage {
        var title: String; var css: String; var generated: String
        var sentenceZh: String; var sentenceEn: String; var versions: String
        var totals: [Total]; var dimensions: [Dimension]; var trips: [TripLink]
    }

    static func percent(_ v: Double) -> String {
        let tenths = Int((v * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    func seasonPage() -> SeasonPage {
        let s = season
        let zh = "共\(s.buses)辆车、\(s.trips)趟次，运送务工人员\(s.people)人，其中脱贫人口\(s.formerly_poor)人。"
        let en = "\(s.buses) bus\(s.buses == 1 ? "" : "es") carried \(s.people) worker\(s.people == 1 ? "" : "s"), \(s.formerly_poor) of them from formerly poor households "
            + "(\(s.trips) trip\(s.trips == 1 ? "" : "s"), \(Self.percent(s.seats_filled)) of seats filled)."
        var totals = [Total(name: "趟次 Trips", value: "\(s.trips)"), Total(name: "车辆 Buses", value: "\(s.buses)"),
                      Total(name: "人数 People", value: "\(s.people)"), Total(name: "脱贫人口 Formerly poor", value: "\(s.formerly_poor)")]
        for g in PriorityGroup.allCases where g != .povertyAlleviated {
            totals.append(Total(name: "\(g.chinese) \(g.rawValue)", value: "\(s.priority[g.rawValue] ?? 0)"))
        }
        totals.append(Total(name: "满座率 Seats filled", value: Self.percent(s.seats_filled)))
        if s.boarded > 0 { totals.append(Total(name: "已登车 Boarded (closed trips)", value: "\(s.boarded)")) }
        func dimension(_ title: String, _ keyTitle: String, _ groups: [SeasonReport.Group], key: (String) -> String = { $0 }) -> Dimension {
            let bars = groups.map { BarChart.Bar(label: key($0.key ?? ""), value: $0.people, part: $0.formerly_poor) }
            return Dimension(title: title, keyTitle: keyTitle, chart: BarChart.svg(bars, label: title),
                             rows: groups.map { GroupRow(key: key($0.key ?? ""), trips: $0.trips, buses: $0.buses, people: $0.people, poor: $0.formerly_poor,
                                                         filled: Self.percent($0.seats_filled)) })
        }
        let direction: (String) -> String = { Direction(rawValue: $0).map { "\($0.chinese) \($0.rawValue)" } ?? $0 }
        let dims = [dimension("按日期 By day", "日期 Day", s.by_day), dimension("按乡镇 By township", "乡镇 Township", s.by_township),
                    dimension("按企业 By employer", "企业 Employer", s.by_employer), dimension("按方向 By direction", "方向 Direction", s.by_direction, key: direction)]
        let trips = manifests.map { m in
            TripLink(id: m.tripID, file: Self.fileName(trip: m.tripID), date: m.date.description, departs: m.departure.clock(in: zone), plate: m.plate,
                     passengers: m.passengers.count, seats: m.licensedSeats)
        }
        return SeasonPage(title: "包车季度概况 Season", css: Templates.css, generated: generatedAt.iso(in: zone), sentenceZh: zh, sentenceEn: en,
                          versions: s.plan_versions.map(String.init).joined(separator: ", "), totals: totals, dimensions: dims, trips: trips)
    }

    // MARK: trip

    struct DriverLine { var id: String; var name: String; var licence: String; var phone: String }
    struct PassengerRow { var workerID: String; var seat: Int; var name: String; var gender: String; var residentID: String; var phone: String
        var employer: String; var priority: String; var status: String }
    struct Row { var stop: String?; var passenger: PassengerRow? }
    struct Sheet {
        var number: Int; var total: Int; var first: Bool; var last: Bool; var hasRows: Bool; var rows: [Row]
        var tripID: String; var date: String; var plate: String; var departs: String; var route: String; var planVersion: Int; var seats: Int
        var passengerCount: Int; var drivers: [DriverLine]; var privacy: String; var privacyClass: String; var printed: String
    }
    struct Legend { var name: String; var colour: String }
    struct Event { var phase: String; var time: String; var driver: String; var what: String; var place: String }
    struct Phase { var title: String; var gantt: String }

    /// Breaks, halts and swaps of one phase, in time order; a break the crew takes together
    /// at one place is one line naming them all.
    static func events(_ segments: [RotationGantt.Segment], phase: String, halt: (start: Int, end: Int), zone: ZoneOffset) -> [Event] {
        var stops: [String: (Timestamp, Event)] = [:]
        for s in segments where s.activity == .break || s.activity == .rest {
            let night = s.activity == .rest && s.end.minuteOfDay(in: zone) <= halt.end && s.start.minutes(to: s.end) >= halt.end - halt.start
            let what = night ? "夜间停车 night halt" : ActivityColour.chinese(s.activity)
            let time = "\(s.start.clock(in: zone))-\(s.end.clock(in: zone))"
            let key = "\(s.start.seconds) \(s.end.seconds) \(what) \(s.place ?? "")"
            if var e = stops[key] { e.1.driver += "、" + s.driver; stops[key] = e }
            else { stops[key] = (s.start, Event(phase: phase, time: time, driver: s.driver, what: what, place: s.place ?? "")) }
        }
        var out = Array(stops.values)
        for w in RotationGantt.swaps(segments) {
            out.append((w.at, Event(phase: phase, time: w.at.clock(in: zone), driver: "\(w.from) → \(w.to)", what: "换班 swap", place: w.place ?? "")))
        }
        return out.sorted { ($0.0, $0.1.what, $0.1.driver, $0.1.place) < ($1.0, $1.1.what, $1.1.driver, $1.1.place) }.map(\.1)
    }
    struct StopRow { var mark: String; var arrive: String; var depart: String; var name: String; var role: String; var count: String }
    struct TripPage {
        var title: String; var css: String; var generated: String
        var tripID: String; var date: String; var plate: String
        var sheets: [Sheet]; var total: Int; var rotationPage: Int; var mapPage: Int
        var legend: [Legend]; var haltWindow: String; var phases: [Phase]; var events: [Event]; var map: String; var stops: [StopRow]
    }

    /// The passenger table split over A4 sheets: by boarding stop then seat, each stop's
    /// heading kept with its first passenger; the last sheet has room for the signatures.
    public static func sheetRows(_ m: Manifest) -> [[(stop: String?, passenger: Manifest.Passenger?)]] {
        let stopOrder = m.stops.filter { $0.role == .pickup }.map(\.name)
        let sorted = m.passengers.sorted { a, b in
            ((stopOrder.firstIndex(of: a.pickupName) ?? 0), a.seat) < ((stopOrder.firstIndex(of: b.pickupName) ?? 0), b.seat)
        }
        var units: [[(stop: String?, passenger: Manifest.Passenger?)]] = []
        var current: String?
        for p in sorted {
            var u: [(stop: String?, passenger: Manifest.Passenger?)] = []
            if p.pickupName != current {
                current = p.pickupName
                u.append((stop: "\(p.pickupName)  \(m.passengers.filter { $0.pickupName == p.pickupName }.count) 人", passenger: nil))
            }
            u.append((stop: nil, passenger: p))
            units.append(u)
        }
        var sheets: [[(stop: String?, passenger: Manifest.Passenger?)]] = [[]]
        for u in units {
            let room = sheets.count == 1 ? firstSheetLines : sheetLines
            if sheets[sheets.count - 1].count + u.count > room { sheets.append([]) }
            sheets[sheets.count - 1] += u
        }
        let room = sheets.count == 1 ? firstSheetLines : sheetLines
        if sheets[sheets.count - 1].count + signatureLines > room { sheets.append([]) }
        return sheets
    }

    func place(_ id: String?) -> String? {
        guard let id else { return nil }
        return stops.first { $0.id == id }?.name ?? id
    }

    func name(_ driver: String) -> String { driverNames[driver] ?? driver }

    var haltWindow: (start: Int, end: Int) {
        if let c = profile.china { return (c.haltStart, c.haltEnd) }
        return (2 * 60, 5 * 60)
    }

    func tripPage(_ m: Manifest) -> TripPage {
        let id: (String) -> String = { showPersonalData ? $0 : Masking.residentID($0) }
        let phone: (String?) -> String = { p in p.map { showPersonalData ? $0 : Masking.phone($0) } ?? "" }
        let privacy = showPersonalData ? "本页含完整身份证号和电话，请妥善保管。 FULL ID NUMBERS AND PHONES SHOWN (--show-personal-data): keep this page safe."
                                       : "身份证号和电话已部分隐去 ID numbers and phones are masked."
        let drivers = m.drivers.map { DriverLine(id: $0.id, name: $0.name, licence: $0.licenceClass, phone: phone($0.phone)) }
        let split = Self.sheetRows(m)
        let total = split.count + 2
        let sheets = split.enumerated().map { i, rows in
            Sheet(number: i + 1, total: total, first: i == 0, last: i == split.count - 1, hasRows: !rows.isEmpty,
                  rows: rows.map { r in
                      Row(stop: r.stop, passenger: r.passenger.map { p in
                          PassengerRow(workerID: p.workerID, seat: p.seat, name: p.name, gender: p.gender?.chinese ?? "", residentID: id(p.residentID),
                                       phone: phone(p.phone), employer: p.employer, priority: p.priority.sorted().map(\.chinese).joined(separator: "/"),
                                       status: p.boarding)
                      })
                  },
                  tripID: m.tripID, date: m.date.description, plate: m.plate, departs: m.departure.clock(in: zone), route: m.routeName,
                  planVersion: m.planVersion, seats: m.licensedSeats, passengerCount: m.passengers.count, drivers: drivers,
                  privacy: privacy, privacyClass: showPersonalData ? "warn" : "masked", printed: generatedAt.iso(in: zone))
        }
        // The rotation: this trip's records, outbound with the passengers, then the empty run
        // home (where the night halt usually falls); the positioning run is left out.
        let mine = duties.filter { $0.tripID == m.tripID || ($0.tripID?.hasPrefix(m.tripID + "-") ?? false) }
        let crew = m.drivers.map(\.id) + Set(mine.map(\.driverID)).subtracting(m.drivers.map(\.id)).sorted()
        let halt = haltWindow
        let window = "\(TimeOfDay(minutes: halt.start)!)-\(TimeOfDay(minutes: halt.end)!)"
        var phases: [Phase] = [], events: [Event] = []
        for (title, records) in [("去程 Outbound, with passengers", mine.filter { $0.tripID == m.tripID }),
                                 ("回程 Run home, empty", mine.filter { $0.tripID != m.tripID && !($0.tripID?.hasSuffix("-position") ?? false) })] where !records.isEmpty {
            let segments = records.sorted { ($0.start, $0.driverID) < ($1.start, $1.driverID) }
                .map { RotationGantt.Segment(driver: name($0.driverID), activity: $0.activity, start: $0.start, end: $0.end, place: place($0.place)) }
            phases.append(Phase(title: title, gantt: RotationGantt.svg(drivers: crew.map(name), segments: segments, zone: zone, halt: halt,
                                                                       label: "驾驶员轮换 Rotation \(m.tripID) \(title)")))
            events += Self.events(segments, phase: title, halt: halt, zone: zone)
        }
        // The map: the trip's stops by their coordinates.
        let byName = Dictionary(stops.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let points = m.stops.compactMap { s in byName[s.name].map { RouteMap.Point(name: s.name, role: s.role, latitude: $0.latitude, longitude: $0.longitude) } }
        var pickup = 0
        let stopRows = m.stops.map { s -> StopRow in
            let mark: String
            switch s.role { case .pickup: pickup += 1; mark = "\(pickup)"; case .dropoff: mark = "下"; case .rest: mark = "休"; case .halt: mark = "停" }
            let role: String
            switch s.role { case .pickup: role = "上车 pickup"; case .dropoff: role = "下车 drop-off"; case .rest: role = "休息 rest"; case .halt: role = "停车 halt" }
            return StopRow(mark: mark, arrive: s.arrive.clock(in: zone), depart: s.depart.clock(in: zone), name: s.name, role: role,
                           count: s.role == .pickup ? "+\(s.boarding)" : s.role == .dropoff ? "-\(s.alighting)" : "")
        }
        return TripPage(title: "乘客名单 \(m.tripID)", css: Templates.css, generated: generatedAt.iso(in: zone), tripID: m.tripID, date: m.date.description,
                        plate: m.plate, sheets: sheets, total: total, rotationPage: split.count + 1, mapPage: split.count + 2,
                        legend: DutyActivity.allCases.map { Legend(name: ActivityColour.chinese($0), colour: ActivityColour.of($0)) },
                        haltWindow: window, phases: phases, events: events,
                        map: RouteMap.svg(points, label: "线路图 Route map \(m.tripID)"), stops: stopRows)
    }

    // MARK: drivers

    struct Cell { var text: String; var over: Bool }
    struct DriverRow { var id: String; var name: String; var cells: [Cell] }
    struct DriversPage {
        var title: String; var css: String; var generated: String
        var profile: String; var dailyLimit: String; var weeklyLimit: String; var legend: [Legend]
        var timeline: String; var days: [String]; var weeks: [String]; var rows: [DriverRow]
    }

    static func hours(_ minutes: Int) -> String { "\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)" }

    /// Driving minutes per calendar day in `zone` (a record over midnight split at midnight).
    public static func drivingByDay(_ records: [DutyRecord], zone: ZoneOffset) -> [CivilDate: Int] {
        var out: [CivilDate: Int] = [:]
        for r in records where r.activity == .drive {
            var t = r.start
            while t < r.end {
                let day = t.date(in: zone)
                let next = Timestamp(date: day.adding(days: 1), minuteOfDay: 0, zone: zone)
                let stop = next < r.end ? next : r.end
                out[day, default: 0] += t.minutes(to: stop)
                t = stop
            }
        }
        return out
    }

    /// The Monday of `d`'s ISO week.
    static func monday(_ d: CivilDate) -> CivilDate { d.adding(days: 1 - d.isoWeekday) }

    var weeklyLimit: (minutes: Int, label: String) {
        switch profile.rules {
        case .china(let r): (r.weekly, "周 week")
        case .eu(let r): (r.weekly, "周 week")
        case .us(let r): (r.cycleHours, "周期 cycle")
        }
    }

    func driversPage() -> DriversPage {
        let byDriver = Dictionary(grouping: duties, by: \.driverID)
        let ids = byDriver.keys.sorted()
        let allDays = Set(byDriver.values.flatMap { Self.drivingByDay($0, zone: zone).keys })
        let days = allDays.sorted()
        let weeks = Set(days.map(Self.monday)).sorted()
        let daily = profile.ruleSet.planning.dailyDriving, weekly = weeklyLimit
        let rows = ids.map { id -> DriverRow in
            let perDay = Self.drivingByDay(byDriver[id]!, zone: zone)
            var cells = days.map { d in Cell(text: perDay[d].map(Self.hours) ?? "", over: (perDay[d] ?? 0) > daily) }
            for w in weeks {
                let total = perDay.filter { Self.monday($0.key) == w }.values.reduce(0, +)
                cells.append(Cell(text: Self.hours(total), over: total > weekly.minutes))
            }
            return DriverRow(id: id, name: name(id), cells: cells)
        }
        let timeline = DriverTimeline.svg(ids.map { DriverTimeline.Row(driver: name($0), records: byDriver[$0]!) }, zone: zone,
                                          label: "驾驶员季度时间线 Drivers' season timeline")
        return DriversPage(title: "驾驶员 Drivers", css: Templates.css, generated: generatedAt.iso(in: zone), profile: profile.id,
                           dailyLimit: Self.hours(daily) + " 小时 h", weeklyLimit: Self.hours(weekly.minutes) + " 小时 h",
                           legend: DutyActivity.allCases.filter { $0 != .rest }.map { Legend(name: ActivityColour.chinese($0), colour: ActivityColour.of($0)) },
                           timeline: timeline, days: days.map { String($0.description.dropFirst(5)) },
                           weeks: weeks.map { "\(weekly.label) \(String($0.description.dropFirst(5)))" }, rows: rows)
    }
}
