import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Print passenger manifests (乘客名单) for trips of a plan.",
        discussion: """
        Each trip on its own sheets: route, date, plate, seats, drivers and
        their rotation, stops with times, passengers by boarding stop then
        seat, totals, signature lines. Pages are at most --page-lines long
        (default 64: A4 portrait at 6 lines per inch, less half an inch top and
        bottom), each headed by the trip and "第 i/n 页", the column titles
        repeated where the passenger list goes on; a form feed starts each
        page. The signature block is never split. ID numbers and phones are
        masked (451425********1234, 138****5678) unless --show-personal-data,
        which every page then states.
        """)
    @Option(help: "One trip.") var trip: String?
    @Option(help: "Every trip on this day (YYYY-MM-DD).") var date: String?
    @Flag(help: "Every trip of the plan.") var all = false
    @Option(help: "Plan version (the latest when omitted).") var plan: Int?
    @Option(help: ArgumentHelp("Write one file per trip into this folder (mode 0600) instead of printing.", valueName: "folder")) var out: String?
    @Option(help: "Page width in columns: 80 (12 characters per inch) or 120 (condensed, 17 cpi).") var width = 120
    @Option(help: ArgumentHelp("Lines per page (A4 portrait at 6 lines per inch: 64).", valueName: "N")) var pageLines = ManifestPrinter.a4PageLines
    @Flag(help: "Print full ID numbers and phones.") var showPersonalData = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if [trip != nil, date != nil, all].filter({ $0 }).count != 1 { throw ValidationError("give exactly one of --trip, --date, --all") }
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
        if manifests.isEmpty { throw ValidationError("no trip matches") }
        let printer = ManifestPrinter(width: width, showPersonalData: showPersonalData, pageLines: pageLines)
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for m in manifests { try AtomicFile.write(Data(printer.document(m, printedAt: now()).utf8), to: out + "/manifest-\(m.tripID).txt") }
            say("wrote \(manifests.count) manifest\(manifests.count == 1 ? "" : "s") to \(out)/")
        } else {
            print(printer.print(manifests, printedAt: now()), terminator: "")
        }
    }
}

extension SQLiteStore {
    /// Each passenger's boarding status as a manifest prints it: `boarded` / `released` once the
    /// trip is closed, otherwise what the checklist makes of the records so far.
    func boardingStatus(_ t: StoredTrip, checklist: Checklist) throws -> [String: String] {
        let closed = try outcomes(trip: t.tripID)
        if !closed.isEmpty { return closed }
        let (_, people) = try verdicts(self, t, checklist)
        return Dictionary(uniqueKeysWithValues: people.map { ($0.workerID!, $0.status.rawValue) })
    }
}
