import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: tr("roster.abstract"),
        subcommands: [RosterCheck.self, RosterExport.self])
}

struct RosterCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("roster.check.abstract"),
        discussion: tr("roster.check.discussion"))

    @Argument(help: help("roster.option.file", valueName: "file-or-version"))
    var file: String?
    @Flag(name: .customLong("plan"), help: help("roster.option.plan"))
    var fromPlan = false
    @Option(help: help("option.profile")) var profile: String = "cn-passenger"
    @Option(help: help("option.format.text")) var format: OutputFormat = .text
    @Option(help: ArgumentHelp("The sheet to read from an .xlsx roster (default: the first sheet).", valueName: "name")) var sheet: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try RuleProfiles.load(profile) } catch { throw ValidationError("--profile: \(error)") }
        if file == nil && !fromPlan { throw ValidationError("give a roster FILE.csv or --plan [VERSION]") }
        if fromPlan, let file, Int(file) == nil { throw ValidationError("--plan takes a plan version number, not \(file)") }
    }

    func run() throws {
        let prof = try RuleProfiles.load(profile)
        var records: [DutyRecord]
        if !fromPlan, let file {
            let table = try TableReader(sheet: sheet).read(path: file)
            let (rs, issues) = RosterCSV.parse(table, zone: RosterCSV.fileZone)
            if !issues.isEmpty { throw InputRejected(issues: issues.map(\.description), what: tr("rejected.rosterNotChecked")) }
            records = rs
        } else {
            records = try store.with { s in try s.duties(version: file.flatMap { Int($0) }) }
        }
        let engine = RuleEngine(profile: prof)
        let errors = engine.inputErrors(records)
        if !errors.isEmpty {
            throw InputRejected(issues: errors.map { "\(fromPlan ? "plan" : file!):\($0.line): \($0.message)" }, what: tr("rejected.rosterNotChecked"))
        }
        var violations = engine.violations(records)
        // Where the bus stood (CN-STOP-PLACE): checked when the roster names places and the
        // database's stops are at hand; otherwise said once.
        var placesNote: String? = nil
        if prof.china != nil {
            if !records.contains(where: { $0.place != nil }) {
                placesNote = tr("roster.placesNoColumn")
            } else if fromPlan || store.exists {
                let legal = try store.with { s in Set(try s.loadScenario().stops.map(\.id)) }
                violations = (violations + StopPlaceRule.violations(records, legalPlaces: legal)).sorted { ($0.start, $0.driverID, $0.rule) < ($1.start, $1.driverID, $1.rule) }
            } else {
                placesNote = tr("roster.placesNoDatabase", ["db": store.db])
            }
        }
        let drivers = Set(records.map(\.driverID)).count
        // Drivers named next to their ids (name, masked ID number) when the database knows them.
        var names: [String: String] = [:]
        if format != .json && !violations.isEmpty && (fromPlan || FileManager.default.fileExists(atPath: store.db)) {
            names = PersonLabel.drivers(try store.with { s in try s.loadScenario().drivers })
        }
        say(format == .json ? try RosterReport.json(violations, profile: prof, drivers: drivers)
                            : RosterReport.text(violations, profile: prof, drivers: drivers, records: records.count, messages: UI.messages, names: names))
        if let placesNote, format != .json { say("  \(placesNote)") }
        if !violations.isEmpty { throw ExitCode(1) }
    }
}

struct RosterExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("roster.export.abstract"))
    @Option(name: .customLong("plan"), help: help("option.planVersion")) var planVersion: Int?
    @Option(help: help("roster.option.out", valueName: "file")) var out: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let records = try store.with { s in try s.duties(version: planVersion) }
        let text = RosterCSV.write(records, zone: .china)
        if let out {
            try AtomicFile.write(AtomicFile.encode(text, as: .utf8), to: out)
            say(tr("roster.wrote", ["n": records.count, "file": out]))
        } else { print(text, terminator: "") }
    }
}
