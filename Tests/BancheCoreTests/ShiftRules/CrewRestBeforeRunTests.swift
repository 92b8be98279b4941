import Testing
@testable import BancheCore

/// Issue #12: docs and code agree on the rest before a run — 8 hours off duty before the
/// crew's first duty (the drive out of the depot, or the pre-trip check), not 40 hours before departure.
@Suite struct CrewRestBeforeRunTests {
    func crewed(restBefore minutes: Int) -> Int {
        let s = ScenarioGenerator().generate()
        var plan = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-13..2027-02-13")!)
        plan.trips = [plan.trips.sorted { ($0.departure, $0.id) < ($1.departure, $1.id) }[0]]
        // The crew's first duty: the drive out of the depot (issue #12 records it always; the
        // 05:15 pickup is reached the evening before, as the 02:00–05:00 halt is in the way).
        let alone = CrewScheduler().schedule(plan, scenario: s)
        let trip = plan.trips[0].id
        let first = alone.duties.filter { $0.tripID == trip || $0.tripID == trip + "-position" }.map(\.start).min()!
        // Every driver worked (loading, not driving) until `minutes` before the crew's first duty.
        let existing = s.drivers.map { d in
            DutyRecord(driverID: d.id, activity: .otherWork, start: first.adding(minutes: -minutes - 60), end: first.adding(minutes: -minutes), vehicleID: "X")
        }
        return CrewScheduler().schedule(plan, scenario: s, existing: existing).plan.trips.count
    }

    @Test func eightHoursOffBeforeThePreTripCheckIsEnough() {
        #expect(crewed(restBefore: 8 * 60) == 1)
        #expect(crewed(restBefore: 8 * 60 - 1) == 0)
    }
}
