import Foundation
import Testing
import BancheCore
import BancheIO
import BancheStore

/// The same season, the same plans and the same office work on both stores give the same
/// answers, compared value for value (not only each store against expectations).
@Suite struct StoreParityTests {
    @Test func bothStoresAnswerAlike() throws {
        let stores = try [SeasonFixture(.sqlite), SeasonFixture(.postgres)]
        defer { for f in stores { _ = try? f.store.close() } }
        let scenario = fixtureScenario(workers: 150)
        for f in stores { #expect(try importTexts(f.store, csvTexts(scenario)).isEmpty) }
        let checklist = try Checklists.load("standard-2026")

        // One plan computed, saved to both; then the same office work on each.
        func planOnce() throws -> Plan {
            let snaps = try stores.map { try $0.store.planningSnapshot(direction: .toWork) }
            #expect(snaps[0].scenario.workers == snaps[1].scenario.workers && snaps[0].boarded == snaps[1].boarded && snaps[0].released == snaps[1].released)
            let plan = Planner().plan(snaps[0].scenario, direction: .toWork, dates: snaps[0].scenario.routes[0].service)
            let versions = try stores.map { try $0.store.savePlan(plan, summaryJSON: "{}", audit: audit) }
            try #require(versions[0] == versions[1], "a fresh database numbers its versions from 1 on both stores")
            return plan
        }
        let plan = try planOnce()
        let trips = plan.trips.sorted { $0.id < $1.id }.filter { $0.passengers.count >= 2 }
        try #require(trips.count >= 4)
        let later = AuditStamp(at: audit.at.adding(minutes: 5), osUser: "clerk", command: "later")
        for f in stores {
            let s = f.store
            _ = try s.publish(version: nil, trips: [trips[0].id], date: nil, audit: audit)
            _ = try s.cancelWorkers([trips[1].passengers[0].workerID], reason: "回乡", audit: audit)
            try s.addBoardingRecords([BoardingRecord(tripID: trips[2].id, workerID: nil, step: "vehicle-inspection", value: "ok", at: trips[2].departure)],
                                     version: 1, audit: later)
            let t2 = try #require(try s.trip(trips[2].id))
            try s.closeTrip(t2, checklist: checklist.id, boarded: [t2.passengers[0]], released: Array(t2.passengers.dropFirst()), audit: later)
            let t3 = try #require(try s.trip(trips[3].id))
            let stop = try #require(t3.pickupStops.values.sorted().first)
            try s.closeStop(t3, stop: stop, checklist: checklist.id, boarded: t3.pickupStops.filter { $0.value == stop }.keys.sorted(), released: [], audit: later)
        }
        let plan2 = try planOnce()
        #expect(plan2.trips.count > 0)

        func same<T: Equatable>(_ what: String, _ read: (any Store) throws -> T) throws {
            let a = try read(stores[0].store), b = try read(stores[1].store)
            #expect(a == b, "\(what) differs between SQLite and PostgreSQL")
        }
        let printer = ManifestPrinter(width: 120, showPersonalData: true)
        try same("placements v1") { try $0.placements(version: 1) }
        try same("placements v2") { try $0.placements(version: 2) }
        try same("notices") { try $0.notices(version: 2, changedSince: 1).rows }
        try same("diff") { try $0.diff(from: 1, to: 2) }
        for v in [1, 2] {
            try same("manifests v\(v)") { s in printer.print(try s.manifests(version: v) { try s.boardingStatus($0, checklist: checklist) }, printedAt: audit.at) }
        }
        try same("history") { try $0.history().map { [$0.at, $0.osUser, $0.what, $0.command] } }
        try same("worker events") { try $0.workerEvents().map { [$0.workerID, $0.event, $0.reason ?? "", $0.at] } }
        try same("worker states") { s in
            try scenario.workers.map(\.id).sorted().map { id -> [String] in
                let w = try #require(try s.workerStatus(id))
                return [w.state, w.cancelledAt ?? "", w.unplacedReason ?? "", "\(w.planVersion ?? 0)", w.placement.map { "\($0)" } ?? ""]
            }
        }
        try same("find") { try $0.findWorkers(scenario.workers[0].name).map(\.id) }
        try same("baseline") { s -> [String] in
            let b = try #require(try s.planBaseline(direction: .toWork, replanAll: true, now: nil)).baseline
            return [b.pinned.sorted().description, b.boardedOnClosed.mapValues { $0.sorted() }.description,
                    b.boardedAtClosedStops.mapValues { $0.sorted() }.description, b.usedTripIDs.sorted().description]
        }
        try same("season") { s -> SeasonReport in report(try s.seasonInputs()) }

        // After a purge of everyone: the same counts kept, the same history.
        let before = scenario.workers.map(\.window.last).max()!.adding(days: 1)
        for f in stores {
            do { _ = try f.store.purge(before: before, audit: later) } catch {
                try f.adminPurge(before: before, stamp: later)  // PostgreSQL < 17: the administrator rewrites the tables
            }
        }
        try same("season after the purge") { s -> SeasonReport in report(try s.seasonInputs()) }
        try same("history after the purge") { try $0.history().map(\.what) }
        try same("manifests after the purge") { s in printer.print(try s.manifests(version: 2) { try s.boardingStatus($0, checklist: checklist) }, printedAt: audit.at) }
    }

    func report(_ i: SeasonInputs) -> SeasonReport {
        SeasonReport.compute(plans: i.plans, travellers: i.travellers.mapValues { SeasonReport.Traveller(township: $0.township, employer: $0.employer, priority: $0.priority) },
                             boarded: i.boarded)
    }
}
