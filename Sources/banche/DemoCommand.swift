import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job on the bundled Tiandeng → Pengjiang fixture.",
        discussion: """
        Into a fresh database in the output folder: import the fixture's six
        CSVs, plan the to-work season, check the plan, and print what happened.
        The fixture is read from Fixtures/tiandeng-pengjiang when that folder
        exists here; otherwise the same files are regenerated (byte for byte)
        into the output folder first.
        """)

    @Option(help: ArgumentHelp("Folder for the database and files; replaced if it holds an earlier demo.", valueName: "folder"))
    var out: String = "demo-out"
    @Option(help: ArgumentHelp("Folder holding the fixture CSVs.", valueName: "folder"))
    var fixture: String = "Fixtures/tiandeng-pengjiang"

    func run() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let db = out + "/banche.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: db + suffix) }
        var source = fixture
        if !fm.fileExists(atPath: fixture + "/workers.csv") {
            source = out + "/input"
            try ScenarioCSV.write(ScenarioGenerator().generate(), to: source)
        }
        say("banche demo: Tiandeng county (天等县) → Pengjiang district (蓬江区), after the Spring Festival")
        say("")
        let (violations, problems, unplaced, manifestCount, firstTrip) = try using(try SQLiteStore.create(path: db)) { s in
        let files = ImportKind.allCases.map { ($0, source + "/" + $0.fileName) }
        let counts = try Importer.run(files: files, encoding: .auto, replace: false, store: s, maxErrors: 20)
        say("1. imported from \(source)/")
        for c in counts { say("     \(DisplayWidth.pad((c.file as NSString).lastPathComponent, to: 14)) \(c.rows) rows") }
        let scenario = try s.loadScenario()
        let route = scenario.routes[0]
        let draft = Planner().plan(scenario, direction: route.direction, dates: route.service)
        let crewed = CrewScheduler().schedule(draft, scenario: scenario)
        let plan = crewed.plan
        let version = try s.savePlan(plan, summaryJSON: try PlanReport.json(plan, version: nil, crews: crewed.crews), audit: auditStamp(), duties: crewed.duties)
        let problems = PlanChecker(maxPickupStops: route.maxPickupStops ?? 5).problems(plan, scenario: scenario)
        let poor = Set(scenario.workers.filter { $0.priority.contains(.povertyAlleviated) }.map(\.id))
        let placedPoor = plan.trips.flatMap(\.passengers).filter { poor.contains($0.workerID) }.count
        say("")
        say("2. planned \(route.name) (\(route.id)), \(route.service): plan version \(version)")
        say("     workers placed     \(plan.workersPlaced) of \(scenario.workers.count) (\(placedPoor) of \(poor.count) from formerly poor households)")
        say("     buses (trips)      \(plan.trips.count), lower bound \(plan.lowerBoundTrips)\(plan.boundReached ? ": as few as possible" : "")")
        say("     seats filled       \(String(format: "%.1f", plan.seatUtilisation * 100)) %")
        say("     bus-km             \(Int(plan.busKm.rounded())) (outbound)")
        say("     unplaced           \(plan.unplaced.count)")
        say("")
        say("3. checked the plan: \(problems.isEmpty ? "no bus over its seats, no household split, every accessible-seat need met" : "\(problems.count) problems: \(problems.prefix(3))")")
        let engine = RuleEngine(profile: .cnPassenger)
        // The rules, and where the bus stands at every break, handover and halt (CN-STOP-PLACE).
        let violations = engine.violations(crewed.duties) + StopPlaceRule.violations(crewed.duties, legalPlaces: Set(scenario.stops.map(\.id)))
        let drivers = Set(crewed.duties.map(\.driverID)).count
        say("4. drivers: \(drivers) in crews of \(crewed.crews.values.map(\.count).max() ?? 0), \(crewed.duties.count) duty records (with the empty runs home);")
        say("     roster check (cn-passenger): \(violations.isEmpty ? "compliant, no rule broken; every break, handover and halt at a service area or stop" : "\(violations.count) violations")")
        // Boarding at the first trip's pickups, on the standard checklist: everyone is checked;
        // one passenger carries a prohibited item and stays behind for a later bus.
        if let first = plan.trips.first, let stored = try s.trip(first.id) {
            let checklist = try Checklists.load("standard-2026")
            let at = stored.departure.adding(minutes: -30)
            var records = ["vehicle-inspection", "charter-sign"].map { BancheCore.BoardingRecord(tripID: first.id, workerID: nil, step: $0, value: nil, at: at) }
            records.append(BancheCore.BoardingRecord(tripID: first.id, workerID: nil, step: "alcohol-test", value: "0", at: at))
            for (i, w) in stored.passengers.enumerated() {
                for step in ["id-check", "safety-briefing"] { records.append(BancheCore.BoardingRecord(tripID: first.id, workerID: w, step: step, value: nil, at: at)) }
                records.append(BancheCore.BoardingRecord(tripID: first.id, workerID: w, step: "prohibited-items", value: i == 0 ? "no" : "yes", at: at))
            }
            try s.addBoardingRecords(records, version: version, audit: auditStamp())
            let (vehicle, people) = BoardingGate(checklist: checklist).evaluate(passengers: stored.passengers, records: try s.boardingRecords(trip: first.id), departure: stored.departure)
            let boarded = people.filter { $0.status == .cleared }.compactMap(\.workerID), held = people.filter { $0.status != .cleared }.compactMap(\.workerID)
            if vehicle.status == .cleared { try s.closeTrip(stored, checklist: checklist.id, boarded: boarded, released: held, audit: auditStamp()) }
            say("5. boarding \(first.id) (standard-2026): bus \(vehicle.status.rawValue), \(boarded.count) boarded, \(held.count) held back (\(held.joined(separator: ", ")): prohibited item) for a later bus")
        }
        // Manifests and exports.
        let manifests = try s.manifests(version: version) { t in try s.outcomes(trip: t.tripID) }
        let printer = ManifestPrinter(width: 120)
        try fm.createDirectory(atPath: out + "/manifests", withIntermediateDirectories: true)
        for m in manifests { try AtomicFile.write(Data(printer.page(m, printedAt: now()).utf8), to: out + "/manifests/manifest-\(m.tripID).txt") }
        try AtomicFile.write(AtomicFile.encode(RosterCSV.write(crewed.duties, zone: .china), as: .utf8), to: out + "/roster.csv")
        return (violations, problems, plan.unplaced, manifests.count, manifests.first?.tripID ?? "")
        }
        say("6. wrote \(manifestCount) manifests to \(out)/manifests/ and the roster to \(out)/roster.csv")
        say("")
        say("Files in \(out)/: banche.sqlite (the database; `banche plans --db \(db)` lists plan versions)")
        say("Next: banche manifest --trip \(firstTrip) --db \(db) --width 80")
        say("      banche export passengers --db \(db) --out passengers.csv")
        say("      banche report season --db \(db)")
        for line in try demoServeLines(db: db) { say(line) }
        if !violations.isEmpty { throw ExitCode(1) }
        if !problems.isEmpty || !unplaced.isEmpty { throw ExitCode(1) }
    }
}
