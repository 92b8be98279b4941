import Testing
@testable import BancheCore

/// The planner leaves no one behind who could ride (issue #13, correctness).
@Suite struct PlannerHonestyTests {
    /// A bus is held for its real trip (about 12 h each way here, 8 h turnaround: 2 days), not
    /// for the pickup-time cap: with a generous cap, two buses still run twice in three days.
    @Test func busTurnaroundFollowsTheRealTrip() {
        var m = Mini()
        m.bus(30); m.bus(30)
        let window = DateWindow(first: m.day.adding(days: -1), last: m.day.adding(days: 1))!
        for i in 0..<120 { m.worker(stop: i % 3, window: window) }
        var o = PlannerOptions()
        o.maxPickupMinutes = 600
        let p = m.plan(o)
        #expect(p.unplaced.count == 0, "\(p.unplaced.count) unplaced")
        #expect(p.trips.count == 4)
        #expect(PlanChecker().problems(p, scenario: m.s).isEmpty)
    }
}
