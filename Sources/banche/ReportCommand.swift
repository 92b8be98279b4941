import ArgumentParser
import BancheCore
import BancheHTML
import BancheIO
import BancheStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("report.abstract"),
        subcommands: [ReportSeason.self, ReportHTML.self])
}

struct ReportSeason: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "season",
        abstract: tr("report.season.abstract"),
        discussion: tr("report.season.discussion"))
    @Option(help: help("option.format.textCSVJSON")) var format = "text"
    @Option(help: help("report.option.out", valueName: "file")) var out: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format must be text, csv or json") }
    }

    func run() throws {
        let inputs = try store.with { s in try s.seasonInputs() }
        if inputs.plans.isEmpty { throw ValidationError(tr("report.noPlan")) }
        let report = SeasonReport.compute(plans: inputs.plans,
                                          travellers: inputs.travellers.mapValues { SeasonReport.Traveller(township: $0.township, employer: $0.employer, priority: $0.priority) },
                                          boarded: inputs.boarded)
        let text: String
        switch format {
        case "json": text = try JSONText.encode(report) + "\n"
        case "csv":
            let (h, rows) = report.csvRows()
            text = CSVWriter(neutraliseFormulas: true).document(header: h, rows: rows)
        default: text = report.text(messages: UI.messages)
        }
        if let out {
            try AtomicFile.write(format == "csv" ? AtomicFile.encode(text, as: .utf8) : Data(text.utf8), to: out)
            say(tr("report.wrote", ["file": out]))
        } else {
            print(text, terminator: "")
        }
    }
}

struct ReportHTML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: tr("report.html.abstract"),
        discussion: """
        The folder is self-contained: styles and pictures (SVG) are inside the
        pages, nothing is fetched from the network, so it opens from a USB stick
        in any browser. index.html holds the figures of `report season` with bar
        charts; trip-TRIP.html the manifest on A4 sheets (page numbers, column
        titles on every sheet, signature boxes), the drivers' rotation (the
        02:00-05:00 halt window shaded) and the route map; drivers.html each
        driver's season against the rule profile's limits. Print a page with
        the browser (Ctrl+P, A4). ID numbers and phones are masked unless
        --show-personal-data, which the pages then state. Pages with names are
        written with mode 0600. The folder is written beside its final name and
        renamed into place; an earlier report there is replaced.
        """)
    @Option(help: "Plan version for the trip and drivers pages (the latest when omitted). Given, the season page counts that plan only; omitted, the latest plan of each direction.") var plan: Int?
    @Option(help: ArgumentHelp("The folder to write (replaced if it holds an earlier report).", valueName: "folder")) var out: String
    @Option(help: "Rule profile for the drivers' limits: cn-passenger, eu-561, us-fmcsa-passenger, or a profile JSON file.") var profile: String = "cn-passenger"
    @Flag(help: "Print full ID numbers and phones.") var showPersonalData = false
    @OptionGroup var list: ChecklistOption
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try RuleProfiles.load(profile) } catch { throw ValidationError("--profile: \(error)") }
    }

    func run() throws {
        let report = try store.with { s in try ReportHTML.build(store: s, plan: plan, profile: try RuleProfiles.load(profile), checklist: try list.load(),
                                                                showPersonalData: showPersonalData) }
        try ReportFolder.write(try report.files(), to: out)
        say("wrote \(out)/index.html (\(report.manifests.count) trip pages, drivers.html); open it in a browser and print with Ctrl+P on A4")
    }

    /// The report of plan `plan` (the latest when nil) from the store.
    static func build(store s: any Store, plan: Int?, profile: RuleProfile, checklist: Checklist, showPersonalData: Bool) throws -> HTMLReport {
        do {
            let inputs = try s.seasonInputs()
            guard let version = try plan ?? s.latestVersion() else { throw ValidationError("no plan yet; run `banche plan` first") }
            let plans = plan == nil ? inputs.plans : [(version: version, direction: try s.direction(ofVersion: version), trips: try s.trips(version: version))]
            let season = SeasonReport.compute(plans: plans,
                                              travellers: inputs.travellers.mapValues { SeasonReport.Traveller(township: $0.township, employer: $0.employer, priority: $0.priority) },
                                              boarded: inputs.boarded)
            let manifests = try s.manifests(version: version) { t in try s.boardingStatus(t, checklist: checklist) }
            let scenario = try s.loadScenario()
            return HTMLReport(season: season, manifests: manifests, duties: try s.duties(version: version), stops: scenario.stops,
                              driverNames: Dictionary(scenario.drivers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                              profile: profile, showPersonalData: showPersonalData, generatedAt: now())
        }
    }
}
