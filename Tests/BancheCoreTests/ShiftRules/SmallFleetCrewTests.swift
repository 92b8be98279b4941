import Testing
@testable import BancheCore

/// Issue #12: crews that move rather than drop, on the model case with 4 buses and 8 drivers.
@Suite struct SmallFleetCrewTests {
    /// The second wave: buses and drivers come back from Pengjiang on the evening before their
    /// next run, too late to drive out that evening, and the near drive to the first pickup
    /// would fall in the 02:00–05:00 halt. It drives out at 05:00 and the pickups start that
    /// much later. On 22712ae the second-wave trips found no crew and were pushed to the last
    /// day of the window, where few could ride: 238 placed of 619, at 70 % seat use.
    /// Re-planning unchanged data changes nothing, trips built in the rounds for stranded
    /// passengers included: each keeps its id, bus, day and seats. Before, every such trip got a
    /// new id (…-11 → …-18), so its passengers counted as moved and were sent new notices.
    @Test func replanningUnchangedDataKeepsTheTripsOfEveryRound() {
        var s = ScenarioGenerator().generate()
        s.drivers = Array(s.drivers.prefix(12))
        let dates = DateWindow("2027-02-11..2027-02-15")!
        let planner = Planner()
        let first = planner.planWithCrews(s, direction: .toWork, dates: dates, baseline: nil, scheduler: CrewScheduler())
        let ids = Set(first.plan.trips.map(\.id))
        let base = PlanBaseline(trips: first.plan.trips, pinned: [], boardedOnClosed: [:], usedTripIDs: ids)
        let again = planner.planWithCrews(s, direction: .toWork, dates: dates, baseline: base, scheduler: CrewScheduler())
        func seats(_ p: Plan) -> [String: String] {
            var m: [String: String] = [:]
            for t in p.trips { for x in t.passengers { m[x.workerID] = "\(t.id) \(t.busID) \(t.date) \(x.seat)" } }
            return m
        }
        let a = seats(first.plan), b = seats(again.plan)
        let moved = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(moved.isEmpty, "\(moved.count) moved, e.g. \(moved.first.map { "\($0): \(a[$0]!) → \(b[$0] ?? "out")" } ?? "")")
        #expect(again.plan.trips.map(\.id) == first.plan.trips.map(\.id))
    }

    /// The drivers change seats while people board: a handover at a pickup stop does not
    /// stretch the pickups past the route's cap. Before, it came after the boarding: with the
    /// fixture capped at 3 factories a bus, a crew change at the last pickup made 153 pickup
    /// minutes of 150 (found by a walk-through as a dispatcher).
    @Test func aHandoverAtAPickupStopKeepsThePickupCap() {
        var s = ScenarioGenerator().generate()
        s.routes[0].maxDropoffStops = 3
        let cap = s.routes[0].maxPickupMinutes!
        let r = Planner().planWithCrews(s, direction: .toWork, dates: DateWindow("2027-02-11..2027-02-15")!, baseline: nil, scheduler: CrewScheduler())
        #expect(!r.plan.trips.isEmpty)
        for t in r.plan.trips {
            let picks = t.stops.filter { $0.role == .pickup }
            let minutes = picks.first!.arrive.minutes(to: picks.last!.depart)
            #expect(minutes <= cap, "\(t.id): \(minutes) pickup minutes, cap \(cap)")
        }
        #expect(RuleEngine(profile: .cnPassenger).violations(r.duties) == [])
    }

    @Test func fourBusesAndEightDriversCrewEveryTrip() {
        var s = ScenarioGenerator().generate()
        s.buses = Array(s.buses.prefix(4))
        s.drivers = Array(s.drivers.prefix(8))
        let dates = DateWindow("2027-02-11..2027-02-15")!
        let planner = Planner()
        let draft = planner.plan(s, direction: .toWork, dates: dates)
        let r = planner.planWithCrews(s, direction: .toWork, dates: dates, baseline: nil, scheduler: CrewScheduler())
        #expect(!r.plan.unplaced.contains { $0.reason == .noDriverCrew })
        #expect(r.plan.workersPlaced == draft.workersPlaced, "crews kept \(r.plan.workersPlaced) of \(draft.workersPlaced)")
        #expect(r.plan.trips.count == draft.trips.count)
        // Measured: 381 with every bus on days 12 and 14 (980cd3f); 407 with ruin and recreate,
        // every bus on two phases (the last day's windows have few people; the caps keep some
        // off); 416 once who waited for seats is offered the seats left (ShortDayTests). Since
        // the route caps what a bus gathers (110 minutes) and where it sets down (3 factories),
        // as the seed's buses ran: 347 on 8 trips of 392 seats; 45 more the caps keep off
        // (`pickup_limits`), not the crews: the draft places no more.
        #expect(r.plan.workersPlaced >= 340, "\(r.plan.workersPlaced) placed")
        let engine = RuleEngine(profile: .cnPassenger)
        #expect(engine.violations(r.duties) == [])
        // Every drive out is recorded, none in the halt; a trip whose drive out waited for
        // 05:00 starts its pickups after it, within the route's departure window.
        let ctx = RuleContext(zone: .china)
        for d in r.duties where d.activity == .drive {
            #expect(ctx.minutesInDailyWindow(d.start, d.end, from: 120, to: 300) == 0, "\(d.driverID) drives \(d.start.clock(in: .china))–\(d.end.clock(in: .china))")
        }
        for t in r.plan.trips {
            let out = r.duties.filter { $0.tripID == t.id + "-position" && $0.activity == .drive }
            #expect(!out.isEmpty, "\(t.id) has no drive out")
            #expect(out.map(\.end).max()! <= t.stops[0].arrive)
            #expect(t.departure.clock(in: .china) <= "09:00")
        }
    }

    /// Who is still out after the crew rounds is told their own travel days. With 4 buses, 8
    /// drivers and the first fixture's route (trips up to 16½ h), rounds moved stranded
    /// passengers to other days, and the message then named only the days tried: "(2027-02-13,
    /// route TD-PJ)" for a worker free 02-13 … 02-15. Found by a walk-through as a dispatcher.
    @Test func theUnplacedAreToldTheirOwnDays() {
        var g = ScenarioGenerator(); g.routeCaps = (150, nil)
        var s = g.generate()
        s.buses = Array(s.buses.prefix(4))
        s.drivers = Array(s.drivers.prefix(8))
        let r = Planner().planWithCrews(s, direction: .toWork, dates: DateWindow("2027-02-11..2027-02-15")!, baseline: nil, scheduler: CrewScheduler())
        let windows = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0.window) })
        #expect(r.plan.unplaced.count > 100)
        for u in r.plan.unplaced where u.reason != .noDriverCrew {
            #expect(u.message.hasSuffix("(\(windows[u.workerID]!), route TD-PJ)"), "\(u.workerID): \(u.message)")
        }
    }

    /// A run stretched by the crew's rest must not overlap its bus's next run. With 13 pickup
    /// stops and 1,000 pickup minutes allowed, a trip collected for 7 hours, its crew rested a
    /// night at 肇庆服务区 with the passengers, and the bus drove home a day later than the
    /// planner's whole-day booking assumed: the bus's next trip was crewed while it was still on
    /// the road, and `roster check --plan` refused the saved roster ("vehicle B003 is driven by
    /// D006 and D003 at the same time"). Found by a walk-through as a dispatcher.
    @Test func aStretchedRunKeepsItsBusFromTheNextTrip() {
        var s = ScenarioGenerator().generate()
        s.buses = Array(s.buses.prefix(4))
        s.drivers = Array(s.drivers.prefix(8))
        s.routes[0].maxPickupStops = 13
        s.routes[0].maxPickupMinutes = 1000
        let r = Planner().planWithCrews(s, direction: .toWork, dates: DateWindow("2027-02-11..2027-02-15")!, baseline: nil, scheduler: CrewScheduler())
        #expect(r.plan.workersPlaced > 250, "\(r.plan.workersPlaced) placed")
        var runs: [String: [(trip: String, start: Timestamp, end: Timestamp)]] = [:]
        for (key, rs) in Dictionary(grouping: r.duties.filter { $0.vehicleID != nil && $0.tripID != nil }, by: { "\($0.vehicleID!)|\(CrewScheduler.runTripID($0.tripID!))" }) {
            let parts = key.split(separator: "|").map(String.init)
            runs[parts[0], default: []].append((parts[1], rs.map(\.start).min()!, rs.map(\.end).max()!))
        }
        for (bus, list) in runs {
            let sorted = list.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.end <= b.start, "bus \(bus): \(a.trip) until \(a.end.iso(in: .china)), \(b.trip) from \(b.start.iso(in: .china))")
            }
        }
        let engine = RuleEngine(profile: .cnPassenger)
        #expect(engine.inputErrors(r.duties).map(\.message) == [])
        #expect(engine.violations(r.duties) == [])
        #expect(PlanChecker(maxPickupStops: 13).problems(r.plan, scenario: s) == [])
    }
}
