import ArgumentParser
import BancheCore
import BancheIO

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: tr("generate.abstract"),
        discussion: """
        The bundled fixture is `banche generate --out Fixtures/tiandeng-pengjiang` (the defaults:
        619 workers, 290 from formerly poor households, seed 2027). Same options, same files, byte
        for byte. Names and ID numbers are made up (valid in form only).
        """)

    @Option(help: "Number of workers.") var workers = 619
    @Option(help: "How many of them are from formerly poor households (脱贫人口).") var poor: Int?
    @Option(help: "Boarding points (13 township seats, then villages).") var stops = 13
    @Option(help: "Factories in Pengjiang.") var factories = 6
    @Option(help: "Random seed.") var seed: UInt64 = 2027
    @Option(help: "to-work (default) or to-home (factories to townships before the festival).") var direction: Direction = .toWork
    @Option(help: ArgumentHelp("First day of the season (default 2027-02-11 to work, 2027-01-28 home).", valueName: "date")) var firstDay: String?
    @Option(help: ArgumentHelp("Folder to write the CSVs into.", valueName: "folder")) var out: String
    func validate() throws { if let p = ScenarioGenerator.sizeProblem(workers: workers, stops: stops, factories: factories, poor: poor) { throw ValidationError(p) } }

    func run() throws {
        var g = ScenarioGenerator()
        g.workers = workers
        g.povertyAlleviated = poor ?? Int((Double(workers) * 290 / 619).rounded())
        g.villages = stops
        g.factories = factories
        g.seed = seed
        g.direction = direction
        if let firstDay {
            do { g.firstDay = try CivilDate.parseChecked(firstDay) } catch { throw ValidationError("--first-day \(firstDay) \(error)") }
        }
        else if direction == .toHome { g.firstDay = CivilDate(year: 2027, month: 1, day: 28)! }
        let s = g.generate()
        try ScenarioCSV.write(s, to: out)
        BancheIO_print("wrote \(s.workers.count) workers, \(s.buses.count) buses, \(s.drivers.count) drivers, \(s.stops.count) stops to \(out)")
    }
}

func BancheIO_print(_ s: String) { print(s) }
