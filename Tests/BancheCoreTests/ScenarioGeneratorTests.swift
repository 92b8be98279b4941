import Testing
@testable import BancheCore

@Suite struct ScenarioGeneratorTests {
    @Test func fixtureNumbersMatchTheSeed() {
        let s = ScenarioGenerator().generate()
        #expect(s.workers.count == 619)
        #expect(s.workers.filter { $0.priority.contains(.povertyAlleviated) }.count == 290)
        #expect(s.workers.contains { $0.needsAccessibleSeat })
        let households = Dictionary(grouping: s.workers.compactMap(\.household), by: { $0 }).mapValues(\.count)
        #expect(households.values.allSatisfy { (2...5).contains($0) })
        #expect(s.drivers.count >= 2 * s.buses.count)
        #expect(Set(s.buses.map(\.seats)) == [45, 53])
        #expect(s.stops.filter { $0.kind == .township }.count == 13)
    }

    @Test func sameSeedSameScenario() {
        var g = ScenarioGenerator(); g.workers = 2000; g.villages = 60; g.seed = 7
        let a = g.generate(), b = g.generate()
        #expect(a.workers == b.workers)
        #expect(a.stops == b.stops)
        g.seed = 8
        #expect(g.generate().workers != a.workers)
    }
}
