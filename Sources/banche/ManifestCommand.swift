import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: tr("manifest.abstract"),
        discussion: """
        One page block per trip, separated by form feeds: route, date, plate,
        seats, drivers and their rotation, stops with times, passengers by
        boarding stop then seat, totals, signature lines. ID numbers and phones
        are masked (451425********1234, 138****5678) unless
        --show-personal-data, which the page then states.
        """)
    @Option(help: "One trip.") var trip: String?
    @Option(help: "Every trip on this day (YYYY-MM-DD).") var date: String?
    @Flag(help: "Every trip of the plan.") var all = false
    @Option(help: "Plan version (the latest when omitted).") var plan: Int?
    @Option(help: ArgumentHelp("Write one file per trip into this folder (mode 0600) instead of printing.", valueName: "folder")) var out: String?
    @Option(help: "Page width in columns: 80 or 120.") var width = 120
    @Flag(help: "Print full ID numbers and phones.") var showPersonalData = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if [trip != nil, date != nil, all].filter({ $0 }).count != 1 { throw ValidationError("give exactly one of --trip, --date, --all") }
        if let date { do { _ = try CivilDate.parseChecked(date) } catch { throw ValidationError("--date \(date) \(error)") } }
        guard width >= 60 && width <= 240 else { throw ValidationError("--width must be between 60 and 240") }
    }

    func run() throws {
        let checklist = try list.load()
        let manifests: [Manifest] = try store.with { s in
            try s.manifests(version: plan, trip: trip, date: date.flatMap { CivilDate(iso: $0) }) { t in
                let closed = try s.outcomes(trip: t.tripID)
                if !closed.isEmpty { return closed }
                let (_, people) = BoardingGate(checklist: checklist).evaluate(trip: t, records: try s.boardingRecords(trip: t.tripID))
                return Dictionary(uniqueKeysWithValues: people.map { ($0.workerID!, $0.status.rawValue) })
            }
        }
        if manifests.isEmpty { throw ValidationError("no trip matches") }
        let printer = ManifestPrinter(width: width, showPersonalData: showPersonalData)
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for m in manifests { try AtomicFile.write(Data(printer.page(m, printedAt: now()).utf8), to: out + "/manifest-\(m.tripID).txt") }
            say(manifests.count == 1 ? tr("manifest.wrote.one", ["dir": out]) : tr("manifest.wrote.other", ["n": manifests.count, "dir": out]))
        } else {
            print(printer.print(manifests, printedAt: now()), terminator: "")
        }
    }
}
