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
    @Option(help: help("manifest.option.pageLines", valueName: "N")) var pageLines = ManifestPrinter.a4PageLines
    @Flag(help: help("option.showPersonalData")) var showPersonalData = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if [trip != nil, date != nil, all].filter({ $0 }).count != 1 { throw ValidationError(tr("manifest.oneOf")) }
        if let date { do { _ = try CivilDate.parseChecked(date) } catch { throw ValidationError("--date \(date) \(error)") } }
        guard ManifestPrinter.widths.contains(width) else { throw ValidationError("--width must be 80 or 120 (columns of an A4 page), not \(width)") }
        guard pageLines >= ManifestPrinter.minimumPageLines && pageLines <= 500 else {
            throw ValidationError("--page-lines must be between \(ManifestPrinter.minimumPageLines) and 500, not \(pageLines)")
        }
    }

    func run() throws {
        let checklist = try list.load()
        let manifests: [Manifest] = try store.with { s in
            try s.manifests(version: plan, trip: trip, date: date.flatMap { CivilDate(iso: $0) }) { t in try s.boardingStatus(t, checklist: checklist) }
        }
        if manifests.isEmpty { throw ValidationError(tr("manifest.noTrip")) }
        let printer = ManifestPrinter(width: width, showPersonalData: showPersonalData, pageLines: pageLines)
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for m in manifests { try AtomicFile.write(Data(printer.document(m, printedAt: now()).utf8), to: out + "/manifest-\(m.tripID).txt") }
            say(manifests.count == 1 ? tr("manifest.wrote.one", ["dir": out]) : tr("manifest.wrote.other", ["n": manifests.count, "dir": out]))
        } else {
            print(printer.print(manifests, printedAt: now()), terminator: "")
        }
    }
}
