import Testing
import BancheCore
@testable import BancheIO

/// The plan's summary as a clerk reads it: what "lower bound" means beside the trips run, and
/// the night lines. Found by a walk-through as a dispatcher (the bound above the trips run was
/// printed bare; a trip ending at 22:10 was headed NIGHT HALT although it never halts).
@Suite struct PlanReportTests {
    let season = DateWindow("2027-02-11..2027-02-15")!

    func line(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) } ?? ""
    }

    @Test func theBoundSaysWhatItCounts() {
        // The fixture's route caps what a bus gathers and where it sets down: 16 trips, bound 12.
        var s = ScenarioGenerator().generate()
        let capped = Planner().plan(s, direction: .toWork, dates: season)
        #expect(capped.trips.count > capped.lowerBoundTrips)
        let en = PlanReport.text(capped, version: nil, stops: [:])
        #expect(line(en, "  trips (buses)").hasSuffix("lower bound 12 (the bound counts seats, pickup stops and pickup time; drop-off caps, travel days and households may keep buses from filling)"))
        let zh = PlanReport.text(capped, version: nil, stops: [:], messages: Messages(.zh))
        #expect(line(zh, "  班次（车辆）").hasSuffix("理论下限 12（下限只计座位、上车点数和上车时长；下车点上限、出行日期和同户同车可能让车坐不满）"))
        // 4 buses: fewer trips than the bound, which is for carrying everyone placeable.
        s.buses = Array(s.buses.prefix(4))
        let short = Planner().plan(s, direction: .toWork, dates: season)
        let out = short.unplaced.filter { !UnplacedReason.structural.contains($0.reason) }.count
        #expect(short.trips.count < short.lowerBoundTrips && out > 0)
        #expect(line(PlanReport.text(short, version: nil, stops: [:]), "  trips (buses)").hasSuffix("lower bound \(short.lowerBoundTrips) (for everyone placeable; \(out) left out)"))
        // Without the caps every bus is full: reached.
        var g = ScenarioGenerator(); g.routeCaps = (150, nil)
        let open = g.generate()
        let full = Planner().plan(open, direction: .toWork, dates: season)
        #expect(line(PlanReport.text(full, version: nil, stops: [:]), "  trips (buses)").hasSuffix("lower bound 12 (reached)"))
    }

    @Test func aLateArrivalIsNotCalledAHalt() throws {
        let s = ScenarioGenerator().generate()
        var p = Planner().plan(s, direction: .toWork, dates: season)
        // The first trip's last drop-off moved to 22:10 local time; no halt planned for it.
        let t = p.trips[0]
        let last = try #require(t.stops.indices.last)
        let shift = (22 * 60 + 10) - t.arrival.minuteOfDay(in: .china)
        p.trips[0].stops[last].arrive = t.arrival.adding(minutes: shift)
        let text = PlanReport.text(p, version: nil, stops: [:])
        #expect(line(text, "  LATE ARRIVAL").hasSuffix("\(t.id): last drop-off 22:10, before the 02:00 halt"), "\(text)")
        #expect(!text.contains("NIGHT HALT"))
        #expect(PlanReport.text(p, version: nil, stops: [:], messages: Messages(.zh)).contains("夜间到达      \(t.id)：最后下客 22:10"))
    }
}
