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

/// Seats short on a day: who waited takes the seats the first households could not use.
@Suite struct ShortDayTests {
    /// The model county with 4 buses (196 seats) on one day that 484 people could ride: the
    /// first 196 seats' worth of people (priority, then earliest last day) come from every
    /// village and factory, and the caps keep some of them apart; the seats they leave go to
    /// those who waited. Before, those seats stayed empty: 180 rode, and 68 where the route
    /// also caps drop-offs at 3 factories.
    @Test func theSeatsLeftGoToWhoWaited() {
        var g = ScenarioGenerator(); g.routeCaps = (150, nil)   // the first fixture's route
        var s = g.generate()
        s.buses = Array(s.buses.prefix(4))
        let day = DateWindow("2027-02-14..2027-02-14")!
        let p = Planner().plan(s, direction: .toWork, dates: day)
        #expect(p.workersPlaced == 196, "\(p.workersPlaced) of 196 seats")
        #expect(PlanChecker().problems(p, scenario: s) == [])
        #expect(p.unplaced.allSatisfy { $0.reason == .noBusInWindow })
        s.routes[0].maxPickupMinutes = 120
        s.routes[0].maxDropoffStops = 3
        let capped = Planner().plan(s, direction: .toWork, dates: day)
        #expect(capped.workersPlaced >= 160, "\(capped.workersPlaced) of 196 seats")
        #expect(PlanChecker().problems(capped, scenario: s) == [])
        let placed = Set(p.trips.flatMap(\.passengers).map(\.workerID))
        let eligible = s.workers.filter { !$0.priority.isEmpty && $0.window.contains(day.first) }
        // Priority first still: 258 from priority groups could ride that day; the seats go to
        // them first, others only to the seats the caps keep them from (184 and 12 measured).
        #expect(eligible.count > 196)
        #expect(eligible.filter { placed.contains($0.id) }.count >= 180)
    }
}

/// `pickup_limits` says the caps kept someone off a bus that had a seat; it is not said of more
/// people than the free seats could hold (with 4 buses, 87 people whose days offered 3 free
/// seats were told it; the fleet kept them out). Found by a walk-through as a dispatcher.
@Suite struct UnplacedReasonTests {
    @Test func pickupLimitsNoMoreThanTheFreeSeats() {
        var s = ScenarioGenerator().generate()
        s.buses = Array(s.buses.prefix(4))
        let p = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-11..2027-02-15")!)
        #expect(p.unplaced.count > 100)
        let windows = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0.window) })
        var byWindow: [DateWindow: Int] = [:]
        for u in p.unplaced where u.reason == .pickupLimits { byWindow[windows[u.workerID]!, default: 0] += 1 }
        for (w, n) in byWindow {
            let freeSeats = p.trips.filter { w.contains($0.date) }.reduce(0) { $0 + $1.usableSeats - $1.passengers.count }
            #expect(n <= freeSeats, "\(n) told pickup_limits for \(w), \(freeSeats) free seats on those days")
        }
        #expect(p.unplaced.contains { $0.reason == .noBusInWindow })
    }
}

/// Seats left free on a day go to who is still out after every day was planned, when their
/// window allows that day and every cap holds: with 4 buses and caps of 120 pickup minutes and 3
/// drop-off factories, a bus ran 02-12 with 21 of 45 seats free while 12 people of its villages'
/// neighbours, bound for its factories and free to ride that day, stayed out (they had been
/// given another day, full by then). Found by a walk-through as a dispatcher.
@Suite struct FreeSeatsLaterTests {
    @Test func whoIsStillOutTakesFreeSeatsOnAnotherDayOfTheWindow() {
        var s = ScenarioGenerator().generate()
        s.buses = Array(s.buses.prefix(4))
        s.routes[0].maxPickupMinutes = 120
        s.routes[0].maxDropoffStops = 3
        let p = Planner().plan(s, direction: .toWork, dates: DateWindow("2027-02-11..2027-02-15")!)
        // 286 before; 325 measured.
        #expect(p.workersPlaced >= 320, "\(p.workersPlaced) placed")
        #expect(PlanChecker().problems(p, scenario: s) == [])
        // Nobody out could have ridden a trip of their window with its caps: a seat free on a
        // trip whose stops already include theirs is taken.
        let windows = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0) })
        for u in p.unplaced {
            let w = windows[u.workerID]!
            guard w.household == nil else { continue }
            for t in p.trips where w.window.contains(t.date) && t.passengers.count < t.usableSeats {
                // Someone who needs an accessible seat needs a free one.
                if w.needsAccessibleSeat {
                    let accessible = s.buses.first { $0.id == t.busID }!.accessibleSeats
                    if t.passengers.filter({ windows[$0.workerID]!.needsAccessibleSeat }).count >= accessible { continue }
                }
                let stops = Set(t.stops.map(\.stopID))
                #expect(!(stops.contains(w.pickupStop) && stops.contains(w.dropoffStop)), "\(w.id) out (\(u.reason.rawValue), accessible \(w.needsAccessibleSeat)), \(t.id) calls at both of their stops with a seat free")
            }
        }
    }
}

/// Households needing accessible seats are not left out while a bus stands free.
@Suite struct AccessibleRoomTests {
    /// One pickup stop a bus: the bus with accessible seats may fill with a village that needs
    /// none, and a household of two wheelchair users from the other village then found no bus
    /// (the free one has no accessible seats). The village now moves to the free bus. Both
    /// ways round, so whichever village the sweep reaches first. (On the fixture with a
    /// 120-minute pickup cap this left a household out, and the planner then chose 23 buses
    /// over 5 days instead of 13 on one.)
    @Test(arguments: [0, 1]) func aVillageMovesToAFreeBusToSeatThem(households: Int) {
        var m = Mini(stops: 2)
        m.bus(10, accessible: 2); m.bus(10)
        for _ in 0..<8 { m.worker(stop: 1 - households) }
        for _ in 0..<2 { m.worker(stop: households, household: "H1", accessible: true) }
        var o = PlannerOptions()
        o.maxPickupStops = 1
        let p = m.plan(o)
        #expect(p.unplaced.isEmpty, "\(p.unplaced.map { "\($0.workerID) \($0.reason)" })")
        #expect(p.trips.count == 2)
        #expect(PlanChecker().problems(p, scenario: m.s) == [])
        let accessibleBus = p.trips.first { $0.busID == "B01" }
        #expect(accessibleBus?.passengers.count == 2)
    }
}

/// A household that needs more stops than a cap still rides, and others bound for its stops
/// may share its bus; no other stop is added (the checker used to flag such a bus, and the
/// docs said the household rode alone).
@Suite struct HouseholdOverCapTests {
    func fourFactories() -> Mini {
        var m = Mini(stops: 1)
        for f in 2...4 { m.s.stops.append(Stop(id: "F\(f)", name: "厂\(f)", kind: .factory, latitude: 22.6 + Double(f) * 0.03, longitude: 113.0 + Double(f) * 0.02)) }
        m.s.routes[0].maxDropoffStops = 3
        m.bus(45); m.bus(45)
        return m
    }

    @Test func othersBoundForItsStopsShareItsBus() {
        var m = fourFactories()
        for f in 0..<4 { m.worker(factory: f, household: "H1") }
        for i in 0..<10 { m.worker(factory: i % 4) }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(p.trips.count == 1)
        #expect(PlanChecker().problems(p, scenario: m.s) == [])
    }

    @Test func aStopNoHouseholdNeedsIsOverTheCap() {
        var m = fourFactories()
        for f in 0..<3 { m.worker(factory: f, household: "H1") }
        m.worker(factory: 3)
        var p = m.plan()
        #expect(PlanChecker().problems(p, scenario: m.s) == [])
        // The fourth factory's worker put on the household's bus by hand: over the cap.
        let all = p.trips.flatMap(\.passengers)
        let stops = p.trips.flatMap(\.stops)
        p.trips = [p.trips[0]]
        p.trips[0].passengers = all.enumerated().map { SeatAssignment(seat: $0.offset + 1, workerID: $0.element.workerID, pickupStop: $0.element.pickupStop, dropoffStop: $0.element.dropoffStop) }
        p.trips[0].stops = stops.filter { $0.role == .pickup }.prefix(1) + stops.filter { $0.role == .dropoff }
        #expect(p.trips[0].stops.filter { $0.role == .dropoff }.count == 4)
        #expect(PlanChecker().problems(p, scenario: m.s).contains { $0.contains("more drop-off stops than the route's cap 3") })
    }
}

@Suite struct HouseholdSeatTests {
    /// A full bus with a spare accessible seat: households still sit side by side (the overflow
    /// used to be moved into the spare accessible seat, away from its household).
    @Test func householdsSitTogetherOnAFullBus() {
        var m = Mini()
        m.bus(10, accessible: 2)
        m.worker(accessible: true)
        for h in 1...3 { for _ in 0..<3 { m.worker(stop: h % 3, household: "H\(h)") } }
        let p = m.plan()
        #expect(p.unplaced.isEmpty)
        #expect(PlanChecker().problems(p, scenario: m.s) == [])
        let seats = Dictionary(uniqueKeysWithValues: p.trips.flatMap(\.passengers).map { ($0.workerID, $0.seat) })
        for h in 1...3 {
            let mine = m.s.workers.filter { $0.household == "H\(h)" }.map { seats[$0.id]! }.sorted()
            #expect(mine.last! - mine.first! == mine.count - 1, "household H\(h) in seats \(mine)")
        }
    }

    /// The checker catches a household split by a stranger.
    @Test func checkerCatchesASplitHousehold() {
        var m = Mini()
        m.bus(45)
        for _ in 0..<2 { m.worker(household: "H1") }
        m.worker()
        var p = m.plan()
        let ids = m.s.workers.map(\.id)
        p.trips[0].passengers = [SeatAssignment(seat: 1, workerID: ids[0], pickupStop: "T0", dropoffStop: "F0"),
                                 SeatAssignment(seat: 2, workerID: ids[2], pickupStop: "T0", dropoffStop: "F0"),
                                 SeatAssignment(seat: 3, workerID: ids[1], pickupStop: "T0", dropoffStop: "F0")]
        #expect(PlanChecker().problems(p, scenario: m.s).contains { $0.contains("household H1") && $0.contains("side by side") })
    }
}

@Suite struct LowerBoundTests {
    /// Three people need accessible seats and each bus has one: at least three trips, whatever
    /// the seats say (the bound used to print 1).
    @Test func accessibleSeatsCount() {
        var m = Mini()
        for _ in 0..<3 { m.bus(45, accessible: 1) }
        for _ in 0..<3 { m.worker(accessible: true) }
        let p = m.plan()
        #expect(p.lowerBoundTrips == 3)
        #expect(p.trips.count == 3)
        #expect(p.boundReached)
    }

    /// With people left out for want of buses, the bound covers everyone placeable, so
    /// "reached" is not claimed.
    @Test func reachedOnlyWhenEveryonePlaceableIsPlaced() {
        var m = Mini()
        m.bus(45)
        for _ in 0..<60 { m.worker() }   // one day, one bus: 15 must stay behind
        let p = m.plan()
        #expect(p.unplaced.count == 15)
        #expect(p.lowerBoundTrips == 2)
        #expect(!p.boundReached)
    }

    /// Two villages so far apart that no pickup phase fits both: two trips at least.
    @Test func farApartStopsNeedTheirOwnTrips() {
        var m = Mini(stops: 2)
        m.s.stops[1].latitude = 24.5 // ~170 km north of T0
        m.bus(45); m.bus(45)
        m.worker(stop: 0); m.worker(stop: 1)
        var o = PlannerOptions()
        o.maxPickupMinutes = 90
        let p = m.plan(o)
        #expect(p.lowerBoundTrips == 2)
        #expect(p.trips.count == 2)
    }
}

@Suite struct SplitStopTests {
    /// A village of 50 and buses of 45: it must share two buses, unless splitting is
    /// forbidden — then the five who do not fit get `stop_split_forbidden`.
    @Test func aVillageLargerThanAnyBus() {
        var m = Mini()
        m.bus(45); m.bus(45)
        for _ in 0..<50 { m.worker(stop: 0) }
        let needed = m.plan()
        #expect(needed.unplaced.isEmpty && needed.splitStops == 1)
        var o = PlannerOptions()
        o.splitStops = .never
        let never = m.plan(o)
        #expect(never.splitStops == 0)
        #expect(never.unplaced.count == 5)
        #expect(never.unplaced.allSatisfy { $0.reason == .stopSplitForbidden }, "\(Set(never.unplaced.map(\.reason.rawValue)))")
        #expect(PlanChecker().problems(never, scenario: m.s) == [])
    }

    /// On generated counties, `needed` splits fewer villages than `free`, every plan sound.
    @Test(arguments: [3, 7, 11])
    func neededSplitsLessThanFree(seed: Int) {
        var g = ScenarioGenerator()
        g.seed = UInt64(seed); g.workers = 800; g.villages = 80
        let s = g.generate()
        var free = PlannerOptions(); free.splitStops = .free
        let a = Planner(options: free).plan(s, direction: .toWork, dates: s.routes[0].service)
        let b = Planner().plan(s, direction: .toWork, dates: s.routes[0].service)
        #expect(b.splitStops <= a.splitStops)
        #expect(b.workersPlaced == a.workersPlaced)
        #expect(PlanChecker().problems(b, scenario: s) == [])
    }
}

@Suite struct DropoffCapTests {
    /// A route's drop-off cap holds like the pickup cap (going home it keeps the last drop-off
    /// before the night).
    @Test func theRoutesDropoffCapHolds() {
        var m = Mini()
        m.bus(45); m.bus(45)
        for i in 0..<40 { m.worker(stop: i % 3, factory: i % 2) }
        let free = m.plan()
        #expect(free.trips.contains { Set($0.stops.filter { $0.role == .dropoff }.map(\.stopID)).count > 1 }, "the case needs shared drop-offs")
        m.s.routes[0].maxDropoffStops = 1
        let capped = m.plan()
        #expect(capped.unplaced.isEmpty)
        #expect(capped.trips.allSatisfy { Set($0.stops.filter { $0.role == .dropoff }.map(\.stopID)).count <= 1 })
        #expect(PlanChecker().problems(capped, scenario: m.s) == [])
    }
}

/// Routes that cap drop-offs: the packing is built around the drop-offs too, and the season
/// whose buses are fullest is kept (issue #13, one bus where it can be).
@Suite struct DropoffCapPackingTests {
    let season = DateWindow("2027-02-11..2027-02-15")!

    func plan(pickupMinutes: Int, dropoffStops: Int? = nil, dropoffMinutes: Int? = nil) -> (Plan, Scenario) {
        var s = ScenarioGenerator().generate()
        s.routes[0].maxPickupMinutes = pickupMinutes
        s.routes[0].maxDropoffStops = dropoffStops
        s.routes[0].maxDropoffMinutes = dropoffMinutes
        return (Planner().plan(s, direction: .toWork, dates: season), s)
    }

    /// The model county's 619 workers, 6 factories, 100 pickup minutes and 90 drop-off
    /// minutes a bus. The sweep around the pickups opened a bus at a village and cut it short
    /// at the first household bound for a factory too far from the others: 30 trips on 21
    /// buses over five days. Around the drop-offs first, or adding each time the stops that
    /// bring the most people: 16.
    @Test func aDropoffTimeCapDoesNotScatterTheBuses() {
        let (p, s) = plan(pickupMinutes: 100, dropoffMinutes: 90)
        #expect(p.unplaced.isEmpty, "\(p.unplaced.count) unplaced")
        #expect(p.trips.count <= 17, "\(p.trips.count) trips")
        #expect(PlanChecker().problems(p, scenario: s) == [])
    }

    /// Allowing more factories a bus costs no buses: 4 factories took 22 trips where 3
    /// factories took 15; then 13 trips carried everyone, 14 since the townships' buses take
    /// the measured expressway by 天等 where quicker (their pickups are ordered for that road).
    @Test func aLooserDropoffCapNeedsNoMoreBuses() {
        let (three, s) = plan(pickupMinutes: 150, dropoffStops: 3)
        let (four, s4) = plan(pickupMinutes: 150, dropoffStops: 4)
        #expect(three.unplaced.isEmpty && four.unplaced.isEmpty, "\(three.unplaced.count), \(four.unplaced.count) unplaced")
        #expect(four.trips.count <= three.trips.count, "4 factories \(four.trips.count) trips, 3 factories \(three.trips.count)")
        #expect(four.trips.count <= 14)
        #expect(PlanChecker().problems(three, scenario: s) == [])
        #expect(PlanChecker().problems(four, scenario: s4) == [])
    }
}
