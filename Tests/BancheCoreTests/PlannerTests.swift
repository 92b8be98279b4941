import Testing
@testable import BancheCore

/// Small scenarios built by hand, where the right answer is known.
struct Mini {
    var s = Scenario()
    var n = 0
    let day = CivilDate(year: 2027, month: 2, day: 13)!

    init(stops: Int = 3) {
        for i in 0..<stops {
            s.stops.append(Stop(id: "T\(i)", name: "乡\(i)", kind: .township, latitude: 23.0 + Double(i) * 0.05, longitude: 107.0 + Double(i) * 0.03))
        }
        s.stops.append(Stop(id: "F0", name: "厂0", kind: .factory, latitude: 22.6, longitude: 113.0))
        s.stops.append(Stop(id: "F1", name: "厂1", kind: .factory, latitude: 22.65, longitude: 113.05))
        s.routes = [Route(id: "R", name: "线", direction: .toWork, service: DateWindow(first: day.adding(days: -2), last: day.adding(days: 2))!,
                          departEarliest: TimeOfDay("06:00")!, departLatest: TimeOfDay("08:00")!)]
    }

    mutating func bus(_ seats: Int, accessible: Int = 0) {
        let i = s.buses.count + 1
        s.buses.append(Bus(id: "B\(i < 10 ? "0" : "")\(i)", plate: "桂F\(10000 + i)", seats: seats, accessibleSeats: accessible,
                           available: DateWindow(first: day.adding(days: -5), last: day.adding(days: 5))!))
    }

    @discardableResult
    mutating func worker(stop: Int = 0, factory: Int = 0, household: String? = nil, window: DateWindow? = nil,
                         priority: Set<PriorityGroup> = [], accessible: Bool = false, route: String? = nil) -> String {
        n += 1
        let body = "45142519900101" + format3(n % 1000)
        let id = "W\(format3(n))"
        s.workers.append(Worker(id: id, name: "工\(n)", residentID: try! ResidentID(body + String(ResidentID.checkCharacter(for: body))),
                                household: household, direction: .toWork, window: window ?? DateWindow(first: day, last: day)!,
                                pickupStop: "T\(stop)", dropoffStop: "F\(factory)", priority: priority, needsAccessibleSeat: accessible, route: route))
        return id
    }

    func plan(_ o: PlannerOptions = PlannerOptions()) -> Plan {
        Planner(options: o).plan(s, direction: .toWork, dates: s.routes[0].service)
    }
}

func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n % 100)" }
func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n % 1000)" }

@Suite struct PlannerTests {
    @Test func fillsTheFewestBusesOfOneType() {
        var m = Mini()
        for _ in 0..<4 { m.bus(45) }
        for i in 0..<100 { m.worker(stop: i % 3, factory: i % 2) }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(p.lowerBoundTrips == 3)   // ⌈100 / 45⌉
        #expect(p.trips.count == 3)
        #expect(PlanChecker().problems(p, scenario: m.s).isEmpty)
    }

    @Test func prefersLargerBusesOfAMixedFleet() {
        var m = Mini()
        m.bus(45); m.bus(53); m.bus(45); m.bus(53)
        for i in 0..<106 { m.worker(stop: i % 3) }
        let p = m.plan()
        #expect(p.trips.count == 2)
        #expect(Set(p.trips.map(\.licensedSeats)) == [53])
        #expect(p.lowerBoundTrips == 2)
    }

    @Test func householdsRideTogetherAndSitSideBySide() {
        var m = Mini()
        m.bus(10); m.bus(10)
        // 4 households of 3 and 8 singles: 20 people in 20 seats, so the packing must be exact.
        for h in 0..<4 { for _ in 0..<3 { m.worker(stop: h % 3, household: "H\(h)") } }
        for i in 0..<8 { m.worker(stop: i % 3) }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(p.trips.count == 2)
        #expect(PlanChecker().problems(p, scenario: m.s).isEmpty)
        for t in p.trips {
            let byHousehold = Dictionary(grouping: t.passengers, by: { a in m.s.workers.first { $0.id == a.workerID }!.household ?? a.workerID })
            for (h, seats) in byHousehold where h.hasPrefix("H") {
                let numbers = seats.map(\.seat).sorted()
                #expect(numbers.last! - numbers.first! == numbers.count - 1, "household \(h) seats \(numbers)")
            }
        }
    }

    @Test func householdWithTwoPickupStopsIsNotSplit() {
        var m = Mini()
        m.bus(5); m.bus(5)
        m.worker(stop: 0, household: "H1"); m.worker(stop: 2, household: "H1")
        for _ in 0..<8 { m.worker(stop: 1) }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(PlanChecker().problems(p, scenario: m.s).isEmpty)
    }

    @Test func priorityGroupsGoFirstWhenSeatsAreShort() {
        var m = Mini()
        m.bus(10)
        var priority: [String] = []
        for i in 0..<12 {
            let prio: Set<PriorityGroup> = i >= 9 ? [.povertyAlleviated] : []
            let id = m.worker(stop: i % 3, priority: prio)
            if !prio.isEmpty { priority.append(id) }
        }
        let p = m.plan()
        #expect(p.workersPlaced == 10)
        #expect(p.unplaced.count == 2)
        #expect(p.unplaced.allSatisfy { $0.reason == .noBusInWindow })
        let placed = Set(p.trips.flatMap(\.passengers).map(\.workerID))
        #expect(priority.allSatisfy(placed.contains))
    }

    @Test func accessibleSeatsGoToThoseWhoNeedThem() {
        var m = Mini()
        m.bus(20); m.bus(20, accessible: 2)
        let a = m.worker(stop: 0, household: "HA", accessible: true)
        m.worker(stop: 0, household: "HA")
        let b = m.worker(stop: 2, accessible: true)
        for i in 0..<30 { m.worker(stop: i % 3) }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(PlanChecker().problems(p, scenario: m.s).isEmpty)
        let seats = Dictionary(uniqueKeysWithValues: p.trips.flatMap(\.passengers).map { ($0.workerID, $0.seat) })
        #expect(Set([seats[a]!, seats[b]!]) == [1, 2])
    }

    @Test func withoutAccessibleSeatsTheReasonSaysSo() {
        var m = Mini()
        m.bus(20)
        let a = m.worker(accessible: true)
        m.worker()
        let p = m.plan()
        #expect(p.unplaced.map(\.workerID) == [a])
        #expect(p.unplaced.first?.reason == .noAccessibleSeat)
    }

    @Test func householdLargerThanAnyBus() {
        var m = Mini()
        m.bus(4)
        for _ in 0..<5 { m.worker(household: "BIG") }
        let p = m.plan()
        #expect(p.unplaced.count == 5)
        #expect(p.unplaced.allSatisfy { $0.reason == .householdLargerThanAnyBus })
    }

    @Test func occupancyCapHalvesTheBus() {
        var m = Mini()
        m.bus(53); m.bus(53); m.bus(53)
        for i in 0..<52 { m.worker(stop: i % 3) }
        var o = PlannerOptions(); o.occupancyCap = 0.5
        let p = m.plan(o)
        #expect(p.trips.count == 2)          // 26 usable seats each
        #expect(p.trips.allSatisfy { $0.passengers.count <= 26 })
        #expect(p.lowerBoundTrips == 2)
        #expect(PlanChecker(occupancyCap: 0.5).problems(p, scenario: m.s).isEmpty)
    }

    @Test func pickupStopCapIsKept() {
        var m = Mini(stops: 8)
        m.bus(45); m.bus(45); m.bus(45)
        for i in 0..<40 { m.worker(stop: i % 8) }
        var o = PlannerOptions(); o.maxPickupStops = 4
        let p = m.plan(o)
        #expect(p.unplaced.isEmpty)
        #expect(p.trips.count == 2)
        #expect(p.trips.allSatisfy { $0.pickupStopCount <= 4 })
    }

    @Test func daysAreSharedToSaveBuses() {
        var m = Mini()
        m.bus(45); m.bus(45); m.bus(45); m.bus(45)
        let d = m.day
        // 30 can go day 0 or 1, 30 only day 1: one day, two buses (60 ≤ 90); not two half-empty days.
        for _ in 0..<30 { m.worker(window: DateWindow(first: d, last: d.adding(days: 1))) }
        for _ in 0..<30 { m.worker(window: DateWindow(first: d.adding(days: 1), last: d.adding(days: 1))) }
        let p = m.plan()
        #expect(p.trips.count == 2)
        #expect(Set(p.trips.map(\.date)) == [d.adding(days: 1)])
    }

    @Test func aBusServesOneTripAtATime() {
        var m = Mini()
        m.bus(10)
        let d = m.day
        for _ in 0..<10 { m.worker(window: DateWindow(first: d, last: d)) }
        for _ in 0..<10 { m.worker(window: DateWindow(first: d.adding(days: 1), last: d.adding(days: 1))) }
        let p = m.plan()
        // The run to Guangdong and back keeps the bus more than a day: the second group cannot go.
        #expect(p.trips.count == 1)
        #expect(p.unplaced.count == 10)
    }

    @Test func routesAreResolvedOrExplained() {
        var m = Mini()
        m.bus(45)
        m.s.routes.append(Route(id: "R2", name: "线2", direction: .toWork, service: m.s.routes[0].service,
                                departEarliest: TimeOfDay("06:00")!, departLatest: TimeOfDay("08:00")!))
        let ambiguous = m.worker()
        m.worker(route: "R2")
        let p = m.plan()
        #expect(p.unplaced.map(\.workerID) == [ambiguous])
        #expect(p.unplaced.first?.reason == .ambiguousRoute)
        #expect(p.trips.first?.routeID == "R2")
    }

    @Test func tripTimesFollowTheRoute() throws {
        var m = Mini()
        m.bus(45)
        for i in 0..<10 { m.worker(stop: i % 3, factory: i % 2) }
        let p = m.plan()
        let t = try #require(p.trips.first)
        #expect(t.departure.clock(in: .china) == "06:00")
        #expect(t.stops.first?.role == .pickup && t.stops.last?.role == .dropoff)
        #expect(t.busKm > 600)   // Tiandeng to Jiangmen is over 600 km by road
    }
}
