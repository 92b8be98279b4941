import ArgumentParser
import BancheCore
import BancheHTML
import BancheIO
import BancheStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: tr("demo.abstract"),
        discussion: tr("demo.discussion"))

    @Option(help: help("demo.option.out", valueName: "folder"))
    var out: String = "demo-out"
    @Option(help: help("demo.option.fixture", valueName: "folder"))
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
        say(tr("demo.title"))
        say("")
        let (violations, problems, unplaced, manifestCount, firstTrip) = try using(try SQLiteStore.create(path: db)) { s in
        let files = seasonFiles(in: source)
        let counts = try Importer.run(files: files, encoding: .auto, replace: false, store: s, maxErrors: 20)
        say(tr("demo.imported", ["source": source]))
        for c in counts { say("     \(DisplayWidth.pad((c.file as NSString).lastPathComponent, to: 14)) \(tr("demo.rows", ["n": c.rows]))") }
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
        say(tr("demo.planned", ["route": route.name, "id": route.id, "service": route.service, "version": version]))
        say(tr("demo.placed", ["placed": plan.workersPlaced, "workers": scenario.workers.count, "poorPlaced": placedPoor, "poor": poor.count]))
        say(tr("demo.buses", ["trips": plan.trips.count, "bound": plan.lowerBoundTrips]) + PlanReport.boundNote(plan, UI.messages, reached: "demo.asFewAsPossible"))
        say(tr("demo.seats", ["percent": String(format: "%.1f", plan.seatUtilisation * 100)]))
        say(tr("demo.busKm", ["km": Int(plan.busKm.rounded())]))
        say(tr("demo.unplaced", ["n": plan.unplaced.count]))
        say("")
        say(problems.isEmpty ? tr("demo.checkedOK") : tr("demo.checkedProblems", ["n": problems.count, "problems": "\(problems.prefix(3))"]))
        let engine = RuleEngine(profile: .cnPassenger)
        // The rules, and where the bus stands at every break, handover and halt (CN-STOP-PLACE).
        let violations = engine.violations(crewed.duties) + StopPlaceRule.violations(crewed.duties, legalPlaces: Set(scenario.stops.map(\.id)))
        let drivers = Set(crewed.duties.map(\.driverID)).count
        say(tr("demo.drivers", ["drivers": drivers, "crew": crewed.crews.values.map(\.count).max() ?? 0, "duties": crewed.duties.count]))
        say(violations.isEmpty ? tr("demo.rosterOK") : tr("demo.rosterBroken", ["n": violations.count]))
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
            say(tr("demo.boarding", ["trip": first.id, "status": tr("board.status.\(vehicle.status.rawValue)"), "boarded": boarded.count, "held": held.count, "who": held.joined(separator: ", ")]))
        }
        // Manifests and exports.
        let manifests = try s.manifests(version: version) { t in try s.outcomes(trip: t.tripID) }
        let printer = ManifestPrinter(width: 120)
        try fm.createDirectory(atPath: out + "/manifests", withIntermediateDirectories: true)
        for m in manifests { try AtomicFile.write(Data(printer.document(m, printedAt: now()).utf8), to: out + "/manifests/manifest-\(m.tripID).txt") }
        try AtomicFile.write(AtomicFile.encode(RosterCSV.write(crewed.duties, zone: .china), as: .utf8), to: out + "/roster.csv")
        return (violations, problems, plan.unplaced, manifests.count, manifests.first?.tripID ?? "")
        }
        say(tr("demo.wrote", ["n": manifestCount, "out": out]))
        let report = try using(try SQLiteStore(path: db)) { s in
            try ReportHTML.build(store: s, plan: nil, profile: .cnPassenger, checklist: try Checklists.load("standard-2026"), showPersonalData: false)
        }
        try ReportFolder.write(try report.files(), to: out + "/report")
        say(tr("demo.report", ["out": out]))
        say("")
        say(tr("demo.files", ["out": out, "db": db]))
        say(tr("demo.next1", ["trip": firstTrip, "db": db]))
        say(tr("demo.next2", ["db": db]))
        say(tr("demo.next3", ["db": db]))
        for line in try demoServeLines(db: db) { say(line) }
        if !violations.isEmpty { throw ExitCode(1) }
        if !problems.isEmpty || !unplaced.isEmpty { throw ExitCode(1) }
    }
}
