import Foundation
import Testing
import BancheCore
import BancheIO
@testable import BancheStore

/// `banche plan` saves a version only if what it was computed from is unchanged (issue #10).
@Suite struct PlanningSnapshotTests {
    func texts(_ s: Scenario, workers: Range<Int>? = nil) -> [(ImportKind, String)] {
        ImportKind.allCases.compactMap { k in
            var rows = ScenarioCSV.rows(s, kind: k)
            if k == .workers, let workers { rows = Array(rows[workers]) }
            if k != .workers && workers?.lowerBound ?? 0 > 0 { return nil }
            return (k, CSVWriter().document(header: k.columns.map(\.name), rows: rows))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aChangeWhilePlanningRefusesTheSave(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        let scenario = fixtureScenario(workers: 61)
        #expect(try importTexts(store, texts(scenario, workers: 0..<60)).isEmpty)
        let snap = try store.planningSnapshot(direction: .toWork)
        #expect(snap.scenario.workers.count == 60)
        let plan = Planner().plan(snap.scenario, direction: .toWork, dates: snap.scenario.routes[0].service)
        // A late sign-up arrives while the plan is computed.
        #expect(try importTexts(store, texts(scenario, workers: 60..<61)).isEmpty)
        let refused = #expect(throws: StoreError.self) {
            try store.savePlan(plan, summaryJSON: "{}", audit: audit, dataVersion: snap.dataVersion)
        }
        guard case .dataChanged(let detail) = refused else { Issue.record("expected dataChanged, got \(String(describing: refused))"); return }
        #expect(detail.contains("import"))
        #expect(try store.planVersions().isEmpty, "nothing saved")
        #expect("\(refused!)".contains("run plan again"))
        #expect(refused!.isRetryable, "exit 3")

        // Planned again from a fresh snapshot: saved.
        let snap2 = try store.planningSnapshot(direction: .toWork)
        let plan2 = Planner().plan(snap2.scenario, direction: .toWork, dates: snap2.scenario.routes[0].service)
        let v = try store.savePlan(plan2, summaryJSON: "{}", audit: audit, dataVersion: snap2.dataVersion)

        // Boarding records arrive every second at a pickup point: they do not count as a change.
        let trip = try #require(plan2.trips.first)
        try store.addBoardingRecords([BoardingRecord(tripID: trip.id, workerID: nil, step: "vehicle-inspection", value: nil, at: trip.departure)],
                                     version: v, audit: audit)
        #expect(try store.dataVersion(direction: .toWork) == snap2.dataVersion)
        // Closing a trip changes who still needs a seat: it counts, for its own direction only.
        let homeBefore = try store.dataVersion(direction: .toHome)
        try store.closeTrip(try #require(try store.trip(trip.id)), checklist: "standard-2026", boarded: [], released: [], audit: audit)
        #expect(try store.dataVersion(direction: .toWork) == snap2.dataVersion + 1)
        #expect(try store.dataVersion(direction: .toHome) == homeBefore)
        #expect(throws: StoreError.self) { try store.savePlan(plan2, summaryJSON: "{}", audit: audit, dataVersion: snap2.dataVersion) }
    }

    /// A saved version reads back whole: trips with their stops and seats, duties, the summary,
    /// and the baseline the next plan starts from.
    @Test(arguments: StoreKind.allCases)
    func aSavedPlanReadsBackWhole(_ kind: StoreKind) throws {
        let store = try kind.make()
        defer { _ = try? store.close() }
        let scenario = fixtureScenario(workers: 120)
        #expect(try importTexts(store, texts(scenario)).isEmpty)
        let snap = try store.planningSnapshot(direction: .toWork)
        let plan = Planner().plan(snap.scenario, direction: .toWork, dates: snap.scenario.routes[0].service)
        let v = try store.savePlan(plan, summaryJSON: "{\"k\":1}", audit: audit, dataVersion: snap.dataVersion)
        let v2 = try store.savePlan(plan, summaryJSON: "{\"k\":2}", audit: audit, dataVersion: snap.dataVersion)
        #expect(v2 > v)
        #expect(try store.planVersions().map(\.version) == [v, v2])
        #expect(try store.planSummary(version: v).1 == "{\"k\":1}")
        #expect(try store.planSummary(version: nil).0 == v2)
        #expect(try store.latestVersion(direction: .toWork) == v2)
        #expect(try store.latestVersion(direction: .toHome) == nil)
        #expect(try store.direction(ofVersion: v) == .toWork)
        let back = try store.trips(version: v)
        #expect(back.map(\.id) == plan.trips.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map(\.id))
        #expect(back.map(\.passengers.count).reduce(0, +) == plan.workersPlaced)
        #expect(back.flatMap(\.stops).count == plan.trips.flatMap(\.stops).count)
        let trip = try #require(try store.trip(back[0].id))
        #expect(trip.version == v2)
        #expect(trip.passengers.count == back[0].passengers.count)
        #expect(try store.planBaseline(direction: .toWork, replanAll: false)?.version == v2)
        #expect(throws: StoreError.self) { try store.planSummary(version: v2 + 1000) }
    }
}
