/// Generates realistic Tiandeng → Pengjiang scenarios of any size, deterministically from a
/// seed. The bundled fixture is this generator's output at the seed's numbers (619 workers,
/// 290 from formerly poor households); benchmarks use it at 100,000 and 1,000,000 workers.
///
/// Names and ID numbers are made up: ID numbers are valid in form (GB 11643 check character)
/// with Tiandeng's division code 451425, or the pre-2002 code 452131 for some older people.
public struct ScenarioGenerator: Sendable {
    public var workers = 619
    public var povertyAlleviated = 290
    /// Extra village boarding points around the 13 townships (0: township seats only).
    public var villages = 13
    public var factories = 6
    public var seed: UInt64 = 2027
    /// `to-work` (after the festival) or `to-home` (before it: factories to townships, the route reversed).
    public var direction: Direction = .toWork
    /// Licensed seats in the fleet per worker (1.6: buses to spare, as operators keep).
    public var seatsPerWorker = 1.6
    /// First day of the season; the route runs 5 days from here.
    public var firstDay = CivilDate(year: 2027, month: 2, day: 11)!
    public init() {}

    /// The to-work route's caps: pickup minutes and drop-off stops (none: nil) a bus. Unset, the
    /// model county (the township seats only, no villages) takes 110 minutes and 3 factories, as
    /// the seed's buses ran station by station; a county generated with villages 150 and none.
    public var routeCaps: (pickupMinutes: Int, dropoffStops: Int?)? = nil
    var caps: (pickupMinutes: Int, dropoffStops: Int?) { routeCaps ?? (villages <= Self.townships.count ? (110, 3) : (150, nil)) }

    /// Largest scenario `banche generate` writes: 2,000,000 workers (twice the largest
    /// benchmark; about 2 GB of memory while generating).
    public static let maxWorkers = 2_000_000
    /// Largest number of boarding points and of factories.
    public static let maxStops = 20_000, maxFactories = 1_000

    /// Why these sizes cannot be generated (naming the `banche generate` option), or nil.
    public static func sizeProblem(workers: Int, stops: Int, factories: Int, poor: Int? = nil) -> String? {
        if !(1...maxWorkers).contains(workers) { return "--workers \(workers) is out of range: 1 to \(maxWorkers) workers" }
        if !(1...maxStops).contains(stops) { return "--stops \(stops) is out of range: 1 to \(maxStops) boarding points" }
        if !(1...maxFactories).contains(factories) { return "--factories \(factories) is out of range: 1 to \(maxFactories)" }
        if let poor, !(0...workers).contains(poor) { return "--poor \(poor) is out of range: 0 to the \(workers) workers" }
        return nil
    }

    /// Tiandeng's 13 townships (../shared/data, Ministry of Civil Affairs 2025) with approximate
    /// coordinates of each township seat.
    public static let townships: [(code: String, name: String, lat: Double, lon: Double)] = [
        ("451425100", "天等镇", 23.0810, 107.1430), ("451425101", "龙茗镇", 23.2530, 107.0280),
        ("451425102", "进结镇", 23.1740, 107.2540), ("451425103", "向都镇", 23.2380, 106.8750),
        ("451425104", "东平镇", 22.9930, 107.2330), ("451425105", "福新镇", 23.1450, 106.9960),
        ("451425200", "都康乡", 23.0290, 106.9780), ("451425201", "宁干乡", 22.9560, 107.0780),
        ("451425202", "驮堪乡", 23.1830, 107.1280), ("451425205", "进远乡", 23.2920, 107.1730),
        ("451425206", "上映乡", 23.0030, 106.8960), ("451425207", "把荷乡", 23.1180, 107.3210),
        ("451425208", "小山乡", 23.3080, 106.9870),
    ]

    static let pengjiang: [(code: String, name: String, lat: Double, lon: Double)] = [
        ("440703103", "棠下镇", 22.6680, 113.0550), ("440703102", "杜阮镇", 22.6020, 112.9960),
        ("440703101", "荷塘镇", 22.7180, 113.1150), ("440703006", "环市街道", 22.6120, 113.0600),
        ("440703002", "白沙街道", 22.5880, 113.0830), ("440703005", "潮连街道", 22.6440, 113.1080),
    ]
    static let factoryNames = ["华禾电子", "鸿达五金", "江海摩配", "新亿照明", "粤丰纺织", "利群食品", "金桥塑胶", "恒通电器", "德盛家具", "永信包装"]
    static let surnames = Array("农黄李赵陆梁韦覃马何蒙卢莫零冯许廖邓罗苏谭闭凌隆")
    static let given = Array("秀英建国海燕春梅志强丽华文军玉兰明芳小红永生桂花少华金凤德明秋菊家宝美玲国庆绍辉成林雪梅")

    /// Builds the scenario.
    public func generate() -> Scenario {
        var rng = SplitMix64(seed: seed)
        var s = Scenario()
        // Stops: township seats, villages, factories, rest areas, depot.
        var pickups: [Stop] = []
        for (i, t) in Self.townships.enumerated() {
            pickups.append(Stop(id: "TD\(100 + i)", name: "\(t.name)上车点", kind: .township, township: t.name,
                                divisionCode: t.code, latitude: t.lat, longitude: t.lon, address: "天等县\(t.name)政府门前"))
        }
        let extraVillages = max(0, villages - Self.townships.count)
        for v in 0..<extraVillages {
            let t = Self.townships[v % Self.townships.count]
            let lat = t.lat + (rng.unit() - 0.5) * 0.12, lon = t.lon + (rng.unit() - 0.5) * 0.12
            pickups.append(Stop(id: "TV\(10000 + v)", name: "\(t.name)第\(v / Self.townships.count + 1)村上车点", kind: .township,
                                township: t.name, divisionCode: t.code, latitude: rounded(lat), longitude: rounded(lon)))
        }
        var factoriesList: [Stop] = []
        for f in 0..<max(1, factories) {
            let town = Self.pengjiang[f % Self.pengjiang.count]
            let name = "江门\(Self.factoryNames[f % Self.factoryNames.count])\(f >= Self.factoryNames.count ? "\(f / Self.factoryNames.count + 1)厂" : "有限公司")"
            factoriesList.append(Stop(id: "PJ\(String(100 + f))", name: name, kind: .factory, township: town.name, divisionCode: town.code,
                                      latitude: rounded(town.lat + (rng.unit() - 0.5) * 0.03), longitude: rounded(town.lon + (rng.unit() - 0.5) * 0.03),
                                      address: "江门市蓬江区\(town.name)"))
        }
        let rest = [
            Stop(id: "RA01", name: "南宁服务区", kind: .restArea, township: "南宁市", latitude: 22.8170, longitude: 108.3660),
            Stop(id: "RA02", name: "苍梧服务区", kind: .restArea, township: "梧州市", latitude: 23.4150, longitude: 111.2400),
            Stop(id: "RA03", name: "肇庆服务区", kind: .restArea, township: "肇庆市", latitude: 23.0500, longitude: 112.4700),
            // Service areas between them, so that no stretch without a legal stopping place is
            // longer than a night stint (2 h): a coach may stop only at such places (实施条例 art. 82).
            Stop(id: "RA04", name: "崇左服务区", kind: .restArea, township: "崇左市", latitude: 22.4000, longitude: 107.3600),
            Stop(id: "RA05", name: "贵港服务区", kind: .restArea, township: "贵港市", latitude: 23.1000, longitude: 109.6000),
            Stop(id: "RA06", name: "藤县服务区", kind: .restArea, township: "梧州市", latitude: 23.3700, longitude: 110.9000),
            Stop(id: "RA07", name: "云浮服务区", kind: .restArea, township: "云浮市", latitude: 22.9300, longitude: 112.0400),
        ]
        let depot = Stop(id: "DEP1", name: "天等县汽车站车场", kind: .depot, township: "天等镇", divisionCode: "451425100",
                         latitude: 23.0790, longitude: 107.1400, address: "天等县天等镇")
        s.stops = pickups + factoriesList + rest + [depot]
        // A few measured legs inside the county (local roads are slower than the estimate), and
        // the main line between the service areas (`mainLine`, both ways).
        s.legs = [
            Leg(from: "TD100", to: "TD102", distanceKm: 19.6, minutes: 32, roadClass: .highway),
            Leg(from: "TD100", to: "TD103", distanceKm: 38.5, minutes: 62, roadClass: .local),
        ] + Self.mainLine(factories: factoriesList)
        let service = DateWindow(first: firstDay, last: firstDay.adding(days: 4))!
        s.routes = direction == .toWork
            ? [Route(id: "TD-PJ", name: "天等—蓬江 节后返岗专线", direction: .toWork, service: service,
                     departEarliest: TimeOfDay("05:30")!, departLatest: TimeOfDay("09:00")!, restStops: ["RA04", "RA01", "RA05", "RA06", "RA02", "RA07", "RA03"],
                     maxPickupStops: 5, maxPickupMinutes: caps.pickupMinutes)]
            : [Route(id: "PJ-TD", name: "蓬江—天等 节前返乡专线", direction: .toHome, service: service,
                     departEarliest: TimeOfDay("07:00")!, departLatest: TimeOfDay("09:00")!, restStops: ["RA03", "RA07", "RA02", "RA06", "RA05", "RA01", "RA04"],
                     maxPickupStops: 4, maxPickupMinutes: 120)]
        // The model county, station by station: a bus gathers two or three neighbouring
        // townships (110 minutes) and sets down at three factories at most, so the seed's run
        // lasts about 14 hours door to door whichever townships it serves (issue #12). A county
        // generated with villages keeps 150 pickup minutes and no drop-off cap: its buses fill
        // from villages close together.
        if direction == .toWork { s.routes[0].maxDropoffStops = caps.dropoffStops }
        // Workers, in households.
        var workers: [Worker] = []
        workers.reserveCapacity(workers.count)
        var poorLeft = povertyAlleviated
        var usedIDs = Set<String>()
        var n = 0, h = 0
        let total = self.workers
        while n < total {
            h += 1
            let r = rng.unit()
            var size = r < 0.62 ? 1 : r < 0.80 ? 2 : r < 0.91 ? 3 : r < 0.97 ? 4 : 5
            size = min(size, total - n)
            let pickup = pickups[weightedPickup(&rng, pickups.count)]
            let factory = factoriesList[rng.int(0...(factoriesList.count - 1))]
            let poor = poorLeft > 0 && rng.unit() < Double(poorLeft) / Double(max(1, total - n))
            let startOffset = rng.unit() < 0.7 ? 1 : (rng.unit() < 0.67 ? 0 : 2)
            let window = DateWindow(first: firstDay.adding(days: startOffset), last: firstDay.adding(days: startOffset + 2))!
            let family = Self.surnames[rng.int(0...(Self.surnames.count - 1))]
            let householdID = size > 1 ? "H\(pad(h, 5))" : nil
            for m in 0..<size {
                n += 1
                let age = m == 0 ? rng.int(20...62) : rng.int(17...58)
                let birth = CivilDate(year: firstDay.year - age, month: rng.int(1...12), day: rng.int(1...28))!
                let code = birth.year < 1985 && rng.unit() < 0.3 ? "452131" : "451425"
                let rid = uniqueID(code + birth.compactString, sequence: rng.int(0...999), used: &usedIDs)
                let disabled = rng.unit() < 0.02
                var prio: Set<PriorityGroup> = []
                if poor && poorLeft > 0 { prio.insert(.povertyAlleviated); poorLeft -= 1 }
                if disabled { prio.insert(.disability) }
                if age >= 60 { prio.insert(.elderly) }
                let dropoff = m > 0 && rng.unit() < 0.15 ? factoriesList[rng.int(0...(factoriesList.count - 1))] : factory
                let name = String(family) + String(Self.given[rng.int(0...(Self.given.count - 1))]) + (rng.unit() < 0.6 ? String(Self.given[rng.int(0...(Self.given.count - 1))]) : "")
                let phone = rng.unit() < 0.95 ? "1" + String(rng.pick(Array("35789"))) + pad(rng.int(0...999_999_999), 9) : nil
                let toWork = direction == .toWork
                workers.append(Worker(id: "W\(pad(n, total >= 100_000 ? 7 : 5))", name: name, residentID: rid, phone: phone,
                                      household: householdID, direction: direction, window: window,
                                      pickupStop: toWork ? pickup.id : dropoff.id, dropoffStop: toWork ? dropoff.id : pickup.id,
                                      employer: dropoff.name, homeTownship: pickup.township, priority: prio,
                                      needsAccessibleSeat: disabled && rng.unit() < 0.6, route: nil))
            }
        }
        s.workers = workers
        // Fleet: about 1.6 seats per worker, half 53-seat and half 45-seat coaches.
        let busCount = max(4, Int((Double(total) * seatsPerWorker / 49).rounded(.up)))
        let avail = DateWindow(first: firstDay.adding(days: -3), last: firstDay.adding(days: 10))!
        s.buses = (0..<busCount).map { i in
            let big = i % 2 == 0
            return Bus(id: "B\(pad(i + 1, busCount >= 1000 ? 5 : 3))", plate: "桂F" + plateSuffix(i), seats: big ? 53 : 45,
                       accessibleSeats: i % 4 == 0 ? 2 : 0, depot: "DEP1", available: avail, operatorName: "天等县汽车运输有限公司")
        }
        let driverCount = busCount * 5 / 2
        s.drivers = (0..<driverCount).map { i in
            let age = rng.int(30...55)
            let birth = CivilDate(year: firstDay.year - age, month: rng.int(1...12), day: rng.int(1...28))!
            let rid = uniqueID("451425" + birth.compactString, sequence: rng.int(0...499) * 2 + 1, used: &usedIDs)
            return Driver(id: "D\(pad(i + 1, driverCount >= 1000 ? 5 : 3))",
                          name: String(Self.surnames[i % Self.surnames.count]) + String(Self.given[(i * 7) % Self.given.count]) + String(Self.given[(i * 11 + 3) % Self.given.count]),
                          residentID: rid,
                          phone: "139" + pad(rng.int(0...99_999_999), 8), licenceClass: .a1,
                          licenceExpiry: CivilDate(year: firstDay.year + rng.int(1...6), month: 6, day: 30)!,
                          operatorName: "天等县汽车运输有限公司", homeDepot: "DEP1", available: avail)
        }
        return s
    }

    /// A coach's minutes on the expressway: 80 km/h on average, toll stations, interchanges and
    /// the cities' ring roads included (coaches are limited to 100 km/h, 实施条例 art. 78). With
    /// it and the model county's caps, the seed's run of about 14 hours door to door: the
    /// fixture's to-work trips take 12 h 45 … 15 h 20 (docs/planning.md). (85 km/h, used
    /// before, brought a bus that picks up only in the county seat to the factories in 11 h.)
    static func coachMinutes(_ km: Double) -> Int { Int((km / 80 * 60).rounded()) }

    /// The main line 天等 – 南宁 – 梧州/苍梧 – 肇庆 – 江门 as measured legs (road km, a coach's
    /// minutes), so the fixture's long haul is the road's and not the straight-line estimate's
    /// (issue #12). Sources and which figures are estimates: docs/planning.md, "Travel times
    /// and distances". About 800 road-km and 10 hours of driving from 天等 to the first
    /// factories. Expressway legs at a coach's average of 80 km/h (`coachMinutes`), estimates
    /// from the distances below.
    static func mainLine(factories: [Stop]) -> [Leg] {
        var legs = [
            // 天等 → 崇靖高速 → 崇左 → G7211 南友 → 南宁服务区 (the 隆安—硕龙 expressway, shorter,
            // is still being built). About 205 km, 2 h 34 min.
            Leg(from: "TD100", to: "RA01", distanceKm: 205, minutes: Self.coachMinutes(205), roadClass: .expressway),
            Leg(from: "DEP1", to: "RA01", distanceKm: 205, minutes: Self.coachMinutes(205), roadClass: .expressway),
            // The same road with its service areas (the planner drives through them in order):
            // 天等 → 崇左服务区 (about 100 km) → 南宁服务区 (about 105 km).
            Leg(from: "TD100", to: "RA04", distanceKm: 100, minutes: Self.coachMinutes(100), roadClass: .expressway),
            Leg(from: "DEP1", to: "RA04", distanceKm: 100, minutes: Self.coachMinutes(100), roadClass: .expressway),
            Leg(from: "RA04", to: "RA01", distanceKm: 105, minutes: Self.coachMinutes(105), roadClass: .expressway),
            // 南宁 → 贵港 → 梧州 on G80: about 325 km; service
            // areas near 贵港 (about 150 km) and 藤县 (about 260 km).
            Leg(from: "RA01", to: "RA02", distanceKm: 325, minutes: Self.coachMinutes(325), roadClass: .expressway),
            Leg(from: "RA01", to: "RA05", distanceKm: 150, minutes: Self.coachMinutes(150), roadClass: .expressway),
            Leg(from: "RA05", to: "RA06", distanceKm: 110, minutes: Self.coachMinutes(110), roadClass: .expressway),
            Leg(from: "RA06", to: "RA02", distanceKm: 65, minutes: Self.coachMinutes(65), roadClass: .expressway),
            // 苍梧 → 郁南 → 云浮 → 肇庆 on G80 (苍郁, 云梧, 广梧): about 165 km, with a service
            // area near 云浮 (about 90 km).
            Leg(from: "RA02", to: "RA03", distanceKm: 165, minutes: Self.coachMinutes(165), roadClass: .expressway),
            Leg(from: "RA02", to: "RA07", distanceKm: 90, minutes: Self.coachMinutes(90), roadClass: .expressway),
            Leg(from: "RA07", to: "RA03", distanceKm: 75, minutes: Self.coachMinutes(75), roadClass: .expressway),
        ]
        // 肇庆 → G94 江肇高速 → the 莲花山/棠下 exits in 蓬江 (about 100 km, 75 minutes), then
        // town roads to each factory, estimated from coordinates as the planner would.
        let exit = (lat: 22.66, lon: 113.03)
        let settings = TravelSettings()
        let fromRA03 = TravelModel(stops: [], legs: [], settings: settings)
        for f in factories {
            let local = (fromRA03.greatCircleKm(exit, (f.latitude, f.longitude)) * settings.roadFactor * 10).rounded() / 10
            legs.append(Leg(from: "RA03", to: f.id, distanceKm: 100 + local, minutes: Self.coachMinutes(100) + settings.estimatedMinutes(km: local), roadClass: .expressway))
        }
        return legs
    }

    /// A valid ID number not given before: on a clash the sequence steps on by 2 (keeping
    /// the gender digit's parity), then the birth day moves, as two real people never share one.
    func uniqueID(_ prefix14: String, sequence: Int, used: inout Set<String>) -> ResidentID {
        var seq = sequence
        var prefix = prefix14
        while true {
            let body = prefix + pad(seq % 1000, 3)
            if used.insert(body).inserted { return try! ResidentID(body + String(ResidentID.checkCharacter(for: body))) }
            seq += 2
            if seq >= sequence + 1000 {
                let d = CivilDate(compact: String(prefix.dropFirst(6)))!.adding(days: 1)
                prefix = String(prefix.prefix(6)) + d.compactString; seq = sequence
            }
        }
    }

    /// Township seats draw more people than villages; the county seat most.
    func weightedPickup(_ rng: inout SplitMix64, _ count: Int) -> Int {
        let r = rng.unit()
        if r < 0.18 { return 0 }
        if r < 0.65 || count <= 13 { return rng.int(0...min(12, count - 1)) }
        return rng.int(13...(count - 1))
    }

    func plateSuffix(_ i: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        if i < 90_000 { return pad(10_000 + i, 5) }
        return String(letters[(i / 10_000) % letters.count]) + pad(i % 10_000, 4)
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

extension CivilDate {
    /// `YYYYMMDD`.
    public var compactString: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
}
