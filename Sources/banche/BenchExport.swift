import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

/// `banche bench export`: plan a generated instance into a temporary database, then time
/// exporting every passenger as `banche export passengers` does (issue #10: exports must be
/// linear; 100,000 passengers should export in less time than planning them).
/// Hooked into `BenchCommand.configuration.subcommands` as `BenchExport.self`.
struct BenchExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Time planning and exporting passengers from a database.")
    @Option(help: "Workers to generate.") var workers = 100_000
    @Option(help: "Boarding points (13 township seats, then villages).") var stops = 500
    @Option(help: "Factories.") var factories = 12
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        var g = ScenarioGenerator()
        g.workers = workers; g.villages = stops; g.factories = factories; g.seed = seed
        g.povertyAlleviated = workers * 290 / 619
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-bench-export-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ScenarioCSV.write(g.generate(), to: dir)
        let db = dir + "/bench.sqlite"
        try SQLiteStore.create(path: db).close()
        _ = try Importer.run(files: ImportKind.allCases.map { ($0, dir + "/" + $0.fileName) }, encoding: .auto, replace: false, db: db, maxErrors: 10)
        let s = try SQLiteStore(path: db)
        let scenario = try s.loadScenario()
        let options = PlannerOptions()
        var trips = 0
        let planTime = try seconds {
            let draft = Planner(options: options).plan(scenario, direction: .toWork, dates: scenario.routes[0].service)
            let crewed = CrewScheduler(profile: .cnPassenger).schedule(draft, scenario: scenario, travel: options.travel, existing: [])
            trips = crewed.plan.trips.count
            _ = try s.savePlan(crewed.plan, summaryJSON: "{}", audit: auditStamp(), duties: crewed.duties)
        }
        var rows = 0
        let exportTime = try seconds {
            var table: [[String]] = []
            for m in try s.manifests(version: nil) {
                for p in m.passengers {
                    table.append([m.tripID, m.date.description, m.departure.iso(in: .china), m.plate, "\(p.seat)", p.workerID, p.name,
                                  p.gender?.rawValue ?? "", Masking.residentID(p.residentID), p.phone.map(Masking.phone) ?? "", p.pickupStop,
                                  p.pickupName, p.dropoffName, p.employer, p.homeTownship, p.priority.map(\.rawValue).joined(separator: ";")])
                }
            }
            rows = table.count
            let text = CSVWriter(neutraliseFormulas: true).document(header: ExportCommand.passengerColumns, rows: table)
            try AtomicFile.write(AtomicFile.encode(text, as: .utf8), to: dir + "/passengers.csv")
        }
        try s.close()
        print("\(workers) workers, \(trips) trips: plan and save \(String(format: "%.2f", planTime)) s; export \(rows) passengers \(String(format: "%.2f", exportTime)) s; peak memory \(Int(peakMemoryMiB())) MiB")
    }
}
