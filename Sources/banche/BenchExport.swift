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
        var trips = 0, rows = 0
        var planTime = 0.0, exportTime = 0.0
        try using(try SQLiteStore(path: db)) { s in
            _ = try Importer.run(files: seasonFiles(in: dir), encoding: .auto, replace: false, store: s, maxErrors: 10)
            let scenario = try s.loadScenario()
            let options = PlannerOptions()
            planTime = try seconds {
                let draft = Planner(options: options).plan(scenario, direction: .toWork, dates: scenario.routes[0].service)
                let crewed = CrewScheduler(profile: .cnPassenger).schedule(draft, scenario: scenario, travel: options.travel, existing: [])
                trips = crewed.plan.trips.count
                _ = try s.savePlan(crewed.plan, summaryJSON: "{}", audit: auditStamp(), duties: crewed.duties)
            }
            // The same code as `banche export passengers --out FILE`.
            exportTime = try seconds {
                let text = try ExportCommand.passengerText(s, plan: nil, kind: "passengers", format: "csv", showPersonalData: false)
                rows = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
                try AtomicFile.write(AtomicFile.encode(text, as: .utf8), to: dir + "/passengers.csv")
            }
        }
        print("\(workers) workers, \(trips) trips: plan and save \(String(format: "%.2f", planTime)) s; export \(rows) passengers \(String(format: "%.2f", exportTime)) s; peak memory \(Int(peakMemoryMiB())) MiB")
    }
}
