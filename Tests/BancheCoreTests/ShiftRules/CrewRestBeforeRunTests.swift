import Testing
@testable import BancheCore

/// Issue #12: docs and code agree on the rest before a run — 8 hours off duty before the
/// crew's first duty (the drive out of the depot, or the pre-trip check), not 40 hours before departure.
@Suite struct CrewRestBeforeRunTests {
    /// Trips crewed, and their departure, when every driver worked until `minutes` before
    /// the evening drive out (`morning`: before 05:00 on the day of the trip).
    func crewed(restBefore minutes: Int, morning: Bool = false) -> (count: Int, departure: String?) {
        let s = ScenarioGenerator().generate()
        var plan = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-13..2027-02-13")!)
        plan.trips = [plan.trips.sorted { ($0.departure, $0.id) < ($1.departure, $1.id) }[0]]
        // The crew's first duty: the drive out of the depot (issue #12 records it always; the
        // 05:15 pickup is reached the evening before, as the 02:00–05:00 halt is in the way).
        let alone = CrewScheduler().schedule(plan, scenario: s)
        let trip = plan.trips[0].id
        let evening = alone.duties.filter { $0.tripID == trip || $0.tripID == trip + "-position" }.map(\.start).min()!
        let first = morning ? Timestamp(date: plan.trips[0].date, minuteOfDay: 5 * 60, zone: .china) : evening
        // Every driver worked (loading, not driving) until `minutes` before the crew's first duty.
        let existing = s.drivers.map { d in
            DutyRecord(driverID: d.id, activity: .otherWork, start: first.adding(minutes: -minutes - 60), end: first.adding(minutes: -minutes), vehicleID: "X")
        }
        let r = CrewScheduler().schedule(plan, scenario: s, existing: existing)
        return (r.plan.trips.count, r.plan.trips.first?.departure.clock(in: .china))
    }

    @Test func eightHoursOffBeforeThePreTripCheckIsEnough() {
        let rested = crewed(restBefore: 8 * 60)
        #expect(rested.count == 1)
        // A minute short of 8 hours before the evening drive out: the crew drives out when
        // the halt ends instead (they have had their 8 hours by then) and the pickups start later.
        let late = crewed(restBefore: 8 * 60 - 1)
        #expect(late.count == 1)
        #expect(late.departure! > rested.departure!)
    }

    /// The drive out at 05:00 is the first duty: 8 hours off before it are needed too.
    @Test func eightHoursOffBeforeTheMorningDriveOut() {
        #expect(crewed(restBefore: 8 * 60, morning: true).count == 1)
        #expect(crewed(restBefore: 8 * 60 - 1, morning: true).count == 0)
    }
}
