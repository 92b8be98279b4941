import Testing
@testable import BancheCore

/// Swaps, breaks and the 02:00–05:00 halt happen where a coach may stop (issue #12): at a
/// service area, a stop or a depot, never on the expressway (实施条例 art. 82).
@Suite struct StopPlaceTests {
    let season = DateWindow("2027-02-11..2027-02-15")!

    /// The Tiandeng scenario with service areas every hour or so along the expressway, as the
    /// G80 and G65 have them, so that no stretch between stopping places is longer than even a
    /// night stint (2 h).
    func denseScenario(departing: String = "05:30") -> Scenario {
        var s = ScenarioGenerator().generate()
        let extra: [(String, String, Double, Double)] = [
            ("RAX0", "隆安服务区", 22.95, 107.75), ("RAX1", "横县服务区", 22.90, 109.00), ("RAX2", "贵港服务区", 23.10, 109.60), ("RAX3", "平南服务区", 23.30, 110.20),
            ("RAX4", "藤县服务区", 23.38, 110.80), ("RAX5", "封开服务区", 23.25, 111.85),
        ]
        for (id, name, lat, lon) in extra { s.stops.append(Stop(id: id, name: name, kind: .restArea, latitude: lat, longitude: lon)) }
        let i = s.routes.firstIndex { $0.direction == .toWork }!
        s.routes[i].restStops = ["RAX0", "RA01", "RAX1", "RAX2", "RAX3", "RAX4", "RA02", "RAX5", "RA03"]
        s.routes[i].departEarliest = TimeOfDay(departing)!
        s.routes[i].departLatest = TimeOfDay(departing)!
        return s
    }

    @Test(arguments: ["05:30", "20:00"])
    func everyStopIsAtAPlaceWhereACoachMayStop(departing: String) {
        let s = denseScenario(departing: departing)
        let plan = Planner().plan(s, direction: .toWork, dates: season)
        let r = CrewScheduler().schedule(plan, scenario: s)
        let stops = Set(s.stops.map(\.id))
        #expect(r.roadside == [], "\(r.roadside)")
        #expect(StopPlaceRule.violations(r.duties, legalPlaces: stops) == [])
        for d in r.duties where d.vehicleID != nil && d.activity != .drive && d.activity != .available {
            #expect(d.place.map { stops.contains($0) } == true, "\(d.activity) \(d.start.iso(in: .china)) at \(d.place ?? "nil")")
        }
        // No wheel turns in the halt window.
        let ctx = RuleContext(zone: .china)
        for d in r.duties where d.activity == .drive { #expect(ctx.minutesInDailyWindow(d.start, d.end, from: 120, to: 300) == 0) }
        #expect(RuleEngine(profile: .cnPassenger).violations(r.duties) == [])
        if departing == "20:00" {
            // The halt is spent at a stop: a rest record ending at 05:00 with a place.
            #expect(r.duties.contains { $0.activity == .rest && $0.end.clock(in: .china) == "05:00" && $0.place.map(stops.contains) == true })
        }
    }

    /// A route with no service area between the townships and the factories: no legal
    /// rotation exists, and the plan says so instead of hiding a roadside stop.
    @Test func aRouteWithoutServiceAreasIsReported() {
        var s = ScenarioGenerator().generate()
        s.routes = s.routes.map { var r = $0; r.restStops = []; return r }
        let plan = Planner().plan(s, direction: .toWork, dates: season)
        let r = CrewScheduler().schedule(plan, scenario: s)
        #expect(!r.roadside.isEmpty)
        #expect(!StopPlaceRule.violations(r.duties, legalPlaces: Set(s.stops.map(\.id))).isEmpty)
        // Each trip named is one with a roadside stop of its own: the records of trip "…-1"
        // are not those of "…-10" (a day of more than 9 trips; trip ids were matched by prefix).
        let named = Set(r.roadside.map { String($0.prefix { $0 != ":" }) })
        let withStops = Set(r.duties.filter { ($0.activity == .break || $0.activity == .rest) && $0.place == "" }
            .compactMap { $0.tripID.map(CrewScheduler.runTripID) })
        #expect(named == withStops)
        #expect(CrewScheduler.runTripID("TD-PJ-20270213-1-return") == "TD-PJ-20270213-1")
        #expect(CrewScheduler.runTripID("TD-PJ-20270213-10-position") == "TD-PJ-20270213-10")
        #expect(CrewScheduler.runTripID("TD-PJ-20270213-10") == "TD-PJ-20270213-10")
    }

    @Test func theRuleReadsPlaces() {
        let t0 = Timestamp(iso: "2027-02-13T10:00+08:00", defaultZone: .china)!, t1 = t0.adding(minutes: 20)
        func rec(_ place: String?, vehicle: String? = "B1", _ a: DutyActivity = .break) -> DutyRecord {
            DutyRecord(driverID: "D1", activity: a, start: t0, end: t1, vehicleID: vehicle, place: place)
        }
        let legal: Set<String> = ["RA01"]
        #expect(StopPlaceRule.violations([rec("RA01")], legalPlaces: legal) == [])
        #expect(StopPlaceRule.violations([rec(nil)], legalPlaces: legal) == [], "no place column: unchecked")
        #expect(StopPlaceRule.violations([rec("", vehicle: nil, .rest)], legalPlaces: legal) == [], "rest off the bus")
        #expect(StopPlaceRule.violations([rec("")], legalPlaces: legal).map(\.rule) == ["CN-STOP-PLACE"])
        #expect(StopPlaceRule.violations([rec("G80-K123", .rest)], legalPlaces: legal).map(\.rule) == ["CN-STOP-PLACE"])
    }
}

/// Crews that move rather than drop (issue #12): a trip that finds no legal crew sends its
/// passengers to another day of their windows instead of leaving them behind.
@Suite struct CrewsMoveTests {
    @Test func strandedPassengersTryAnotherDay() {
        var s = ScenarioGenerator().generate()
        // Six drivers for four buses: the second wave cannot all be crewed on its first day.
        s.buses = Array(s.buses.prefix(4))
        s.drivers = Array(s.drivers.prefix(6))
        let dates = DateWindow("2027-02-11..2027-02-15")!
        let planner = Planner()
        let once = CrewScheduler().schedule(planner.plan(s, direction: .toWork, dates: dates), scenario: s)
        let moving = planner.planWithCrews(s, direction: .toWork, dates: dates, baseline: nil, scheduler: CrewScheduler())
        let strandedOnce = once.plan.unplaced.filter { $0.reason == .noDriverCrew }.count
        let strandedMoving = moving.plan.unplaced.filter { $0.reason == .noDriverCrew }.count
        #expect(strandedOnce > 0, "the case needs trips without a crew")
        // Measured: 327 placed crewed once, 329 moving; since free seats on other days of the
        // window are given out in the draft (FreeSeatsLaterTests), 329 and 329 — the draft
        // already seats two of them, and moving loses nobody.
        #expect(moving.plan.workersPlaced >= once.plan.workersPlaced)
        #expect(strandedMoving < strandedOnce)
        #expect(moving.plan.workersPlaced + moving.plan.unplaced.count + moving.plan.outsideDates == s.workers.count)
        #expect(PlanChecker().problems(moving.plan, scenario: s) == [])
        #expect(RuleEngine(profile: .cnPassenger).violations(moving.duties) == [])
    }
}

/// Going home, passengers do not sit out 02:00–05:00 on a village road: the bus halts at the
/// last service area and drops off from 05:00 (issue #12).
@Suite struct NightHaltWithPassengersTests {
    @Test func theHaltIsAtAServiceAreaNotAtAVillage() throws {
        var g = ScenarioGenerator()
        g.direction = .toHome
        g.firstDay = CivilDate(year: 2027, month: 1, day: 28)!
        var s = g.generate()
        let i = try #require(s.routes.firstIndex { $0.direction == .toHome })
        // A late departure: the drop-offs would fall in the small hours.
        s.routes[i].departEarliest = TimeOfDay("12:30")!
        s.routes[i].departLatest = TimeOfDay("12:30")!
        let plan = Planner().plan(s, direction: .toHome, dates: s.routes[i].service)
        let r = CrewScheduler().schedule(plan, scenario: s)
        let restAreas = Set(s.stops.filter { $0.kind == .restArea }.map(\.id))
        let ctx = RuleContext(zone: .china)
        #expect(!r.halts.isEmpty)
        #expect(r.halts.values.allSatisfy { restAreas.contains($0) }, "\(r.halts)")
        for t in r.plan.trips {
            for st in t.stops where st.role == .dropoff {
                #expect(ctx.minutesInDailyWindow(st.arrive, st.arrive.adding(minutes: 1), from: 120, to: 300) == 0, "\(t.id) drops off at \(st.arrive.clock(in: .china))")
            }
        }
        #expect(RuleEngine(profile: .cnPassenger).violations(r.duties) == [])
    }
}

@Suite struct GeneratedSeasonPlacesTests {
    /// The demo's fixture and a larger generated season (both directions): every break, rest,
    /// handover and halt is at a stop where a coach may stop, and no wheel turns 02:00–05:00.
    @Test(arguments: [(619, 13, Direction.toWork), (3000, 60, .toWork), (3000, 60, .toHome)])
    func everyStopOfAGeneratedSeasonIsLegal(workers: Int, villages: Int, direction: Direction) {
        var g = ScenarioGenerator()
        g.workers = workers; g.villages = villages; g.direction = direction
        if direction == .toHome { g.firstDay = CivilDate(year: 2027, month: 1, day: 28)! }
        let s = g.generate()
        let r = Planner().planWithCrews(s, direction: direction, dates: s.routes[0].service, baseline: nil, scheduler: CrewScheduler())
        #expect(r.roadside == [])
        #expect(StopPlaceRule.violations(r.duties, legalPlaces: Set(s.stops.map(\.id))) == [])
        let ctx = RuleContext(zone: .china)
        #expect(r.duties.filter { $0.activity == .drive && ctx.minutesInDailyWindow($0.start, $0.end, from: 120, to: 300) > 0 }.isEmpty)
        #expect(RuleEngine(profile: .cnPassenger).violations(r.duties) == [])
    }
}
