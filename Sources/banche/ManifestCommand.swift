import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: tr("manifest.abstract"),
        discussion: tr("manifest.discussion"))
    @Option(help: help("manifest.option.trip")) var trip: String?
    @Option(help: help("manifest.option.date")) var date: String?
    @Flag(help: help("manifest.option.all")) var all = false
    @Option(help: help("option.planVersion")) var plan: Int?
    @Option(help: help("manifest.option.out", valueName: "folder")) var out: String?
    @Option(help: help("manifest.option.width")) var width = 120
    @Flag(help: help("option.showPersonalData")) var showPersonalData = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if [trip != nil, date != nil, all].filter({ $0 }).count != 1 { throw ValidationError(tr("manifest.oneOf")) }
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
        if manifests.isEmpty { throw ValidationError(tr("manifest.noTrip")) }
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
