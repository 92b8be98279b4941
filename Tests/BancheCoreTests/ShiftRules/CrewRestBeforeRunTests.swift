import Testing
@testable import BancheCore

/// Issue #12: docs and code agree on the rest before a run — 8 hours off duty before the
/// crew's first duty (the pre-trip check), not 40 hours before departure.
@Suite struct CrewRestBeforeRunTests {
    func crewed(restBefore minutes: Int) -> Int {
        let s = ScenarioGenerator().generate()
        var plan = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-13..2027-02-13")!)
        plan.trips = [plan.trips.sorted { ($0.departure, $0.id) < ($1.departure, $1.id) }[0]]
        let check = plan.trips[0].stops[0].arrive.adding(minutes: -20)
        // Every driver worked (loading, not driving) until `minutes` before the pre-trip check.
        let existing = s.drivers.map { d in
            DutyRecord(driverID: d.id, activity: .otherWork, start: check.adding(minutes: -minutes - 60), end: check.adding(minutes: -minutes), vehicleID: "X")
        }
        return CrewScheduler().schedule(plan, scenario: s, existing: existing).plan.trips.count
    }

    @Test func eightHoursOffBeforeThePreTripCheckIsEnough() {
        #expect(crewed(restBefore: 8 * 60) == 1)
        #expect(crewed(restBefore: 8 * 60 - 1) == 0)
    }
}
