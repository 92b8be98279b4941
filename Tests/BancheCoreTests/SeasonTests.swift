import Testing
@testable import BancheCore

/// A whole season: home before the festival, back after it, with the same drivers.
@Suite struct SeasonTests {
    @Test func toHomeIsPlannedLikeToWork() {
        var g = ScenarioGenerator(); g.direction = .toHome; g.firstDay = CivilDate(year: 2027, month: 1, day: 28)!
        let s = g.generate()
        let dates = s.routes[0].service
        let p = Planner().plan(s, direction: .toHome, dates: dates)
        #expect(p.unplaced.isEmpty)
        #expect(p.trips.count == p.lowerBoundTrips)
        #expect(PlanChecker(maxPickupStops: 4).problems(p, scenario: s) == [])
        // Pickups are factories, drop-offs townships.
        let kinds = Dictionary(uniqueKeysWithValues: s.stops.map { ($0.id, $0.kind) })
        #expect(p.trips.allSatisfy { t in t.stops.filter { $0.role == .pickup }.allSatisfy { kinds[$0.stopID] == .factory } })
        #expect(RuleEngine(profile: .cnPassenger).violations(CrewScheduler().schedule(p, scenario: s).duties) == [])
    }

    @Test func driversWhoBroughtWorkersHomeCollectThemWithinTheirLimits() {
        var home = ScenarioGenerator(); home.direction = .toHome; home.firstDay = CivilDate(year: 2027, month: 2, day: 1)!
        let hs = home.generate()
        var work = ScenarioGenerator(); work.firstDay = CivilDate(year: 2027, month: 2, day: 11)!
        var ws = work.generate()
        // One pool of 36 drivers, available all season: 16 buses need 32 to go back to work.
        ws.drivers = hs.drivers.prefix(36).map { var d = $0; d.available = DateWindow("2027-01-25..2027-02-28")!; return d }
        var hsPool = hs
        hsPool.drivers = ws.drivers
        let first = CrewScheduler().schedule(Planner().plan(hsPool, direction: .toHome, dates: hs.routes[0].service), scenario: hsPool)
        let second = CrewScheduler().schedule(Planner().plan(ws, direction: .toWork, dates: ws.routes[0].service), scenario: ws, existing: first.duties)
        #expect(second.plan.unplaced.isEmpty)
        let both = first.duties + second.duties
        #expect(RuleEngine(profile: .cnPassenger).violations(both) == [])
        // Most drivers work both directions, and their hours stay within the rules above.
        let a = Set(first.duties.map(\.driverID)), b = Set(second.duties.map(\.driverID))
        #expect(a.intersection(b).count >= 20)
    }
}
