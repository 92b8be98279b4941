import Testing
@testable import BancheCore

/// Re-plans that keep their word (issue #11): pinned trips keep seats, households stay whole.
@Suite struct ReplanningTests {
    func scenario() -> Scenario {
        var g = ScenarioGenerator()
        g.workers = 300
        return g.generate()
    }

    func baseline(_ p: Plan, pinnedAll: Bool = true) -> PlanBaseline {
        PlanBaseline(trips: p.trips, pinned: pinnedAll ? Set(p.trips.map(\.id)) : [], boardedOnClosed: [:], usedTripIDs: Set(p.trips.map(\.id)))
    }

    func seats(_ p: Plan) -> [String: String] {
        var out: [String: String] = [:]
        for t in p.trips { for s in t.passengers { out[s.workerID] = "\(t.id)#\(s.seat)" } }
        return out
    }

    @Test func nothingChangedKeepsEverything() {
        let s = scenario()
        let dates = s.routes[0].service
        let p1 = Planner().plan(s, direction: .toWork, dates: dates)
        let p2 = Planner().plan(s, direction: .toWork, dates: dates, baseline: baseline(p1))
        #expect(seats(p2) == seats(p1))
        #expect(p2.trips.map(\.stops) == p1.trips.map(\.stops))
        #expect(p2.keptTrips.count == p1.trips.count)
    }

    /// Everyone on a published trip cancels: the trip is not kept empty, holding its bus and
    /// crew, but reported as a pin that could not be kept, and its bus is free for others.
    @Test func aPinnedTripNobodyRidesIsReleased() throws {
        var s = scenario()
        let dates = s.routes[0].service
        let p1 = Planner().plan(s, direction: .toWork, dates: dates)
        let emptied = try #require(p1.trips.first)
        let gone = Set(emptied.passengers.map(\.workerID))
        s.workers.removeAll { gone.contains($0.id) }
        let p2 = Planner().plan(s, direction: .toWork, dates: dates, baseline: baseline(p1))
        #expect(!p2.keptTrips.contains(emptied.id))
        #expect(p2.brokenPins.contains { $0.tripID == emptied.id && !$0.kept && $0.reason.contains("no passenger") })
        #expect(!p2.trips.contains { $0.passengers.isEmpty }, "no empty trip in the plan")
        #expect(p2.keptTrips.count == p1.trips.count - 1, "every other pinned trip is kept")
        #expect(p2.unplaced.isEmpty)
    }

    @Test func aHouseholdMemberWhoChangesStopTakesTheHouseholdAlong() throws {
        var s = scenario()
        let dates = s.routes[0].service
        let p1 = Planner().plan(s, direction: .toWork, dates: dates)
        let byHousehold = Dictionary(grouping: s.workers.filter { $0.household != nil }, by: { $0.household! })
        let (h, members) = try #require(byHousehold.filter { $0.value.count >= 2 }.sorted { $0.key < $1.key }.first)
        // One member now boards at another village.
        let other = try #require(s.stops.first { $0.kind == .township && $0.id != members[0].pickupStop })
        let i = s.workers.firstIndex { $0.id == members[0].id }!
        s.workers[i].pickupStop = other.id
        let p2 = Planner().plan(s, direction: .toWork, dates: dates, baseline: baseline(p1))
        let after = seats(p2), before = seats(p1)
        let trips = Set(members.compactMap { after[$0.id]?.split(separator: "#").first })
        #expect(trips.count <= 1, "household \(h) split across \(trips)")
        // Everyone outside the household keeps trip and seat.
        let ids = Set(members.map(\.id))
        for (w, seat) in before where !ids.contains(w) { #expect(after[w] == seat, "\(w) moved") }
        // Kept trips keep their stops and times.
        let old = Dictionary(uniqueKeysWithValues: p1.trips.map { ($0.id, $0) })
        for t in p2.trips where p2.keptTrips.contains(t.id) {
            #expect(t.stops.map { [$0.stopID, "\($0.arrive.seconds)"] } == old[t.id]!.stops.map { [$0.stopID, "\($0.arrive.seconds)"] })
        }
    }

    @Test func unpinnedTripsKeepTheirIdOnlyForTheSameBusload() {
        let s = scenario()
        let dates = s.routes[0].service
        let p1 = Planner().plan(s, direction: .toWork, dates: dates)
        var less = s
        less.workers.removeAll { $0.id == p1.trips[0].passengers[0].workerID }
        let p2 = Planner().plan(less, direction: .toWork, dates: dates, baseline: baseline(p1, pinnedAll: false))
        let old = Dictionary(uniqueKeysWithValues: p1.trips.map { ($0.id, $0) })
        for t in p2.trips {
            guard let o = old[t.id] else { continue }
            #expect(o.busID == t.busID && o.date == t.date)
            let now = Dictionary(uniqueKeysWithValues: t.passengers.map { ($0.workerID, $0.seat) })
            #expect(o.passengers.allSatisfy { p in now[p.workerID].map { $0 == p.seat } ?? true })
        }
        #expect(Set(p2.trips.map(\.id)).count == p2.trips.count)
    }
}
