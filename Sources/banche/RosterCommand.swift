import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Check drivers' hours against the rules, or export the planned roster.",
        subcommands: [RosterCheck.self, RosterExport.self])
}

struct RosterCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a roster file, or a stored plan's duties, against a rule profile.",
        discussion: """
        banche roster check FILE.csv     a roster typed or exported elsewhere
        banche roster check --plan [N]   the duties of plan version N (latest)

        Roster columns: driver_id, activity (drive, break, other_work,
        available, rest), start, end; optional vehicle_id, trip_id, trip_km,
        place (the stop where the bus stands on a non-driving record: with
        --db, a break or rest elsewhere is CN-STOP-PLACE; without the column,
        places are not checked),
        relay, service (charter when absent). Times are ISO 8601; without an offset they are in the
        profile's zone (+08:00 for cn-passenger). Time no record covers is
        off duty.

        Exit status: 0 compliant, 1 violations found, 2 bad input (with the
        line of each contradiction: a record ending before it starts, a
        driver in two records at once, two drivers driving one vehicle at
        once).
        """)

    @Argument(help: ArgumentHelp("The roster CSV; with --plan, the plan version (the latest when omitted).", valueName: "file-or-version"))
    var file: String?
    @Flag(name: .customLong("plan"), help: "Check the duties of a stored plan version instead of a file.")
    var fromPlan = false
    @Option(help: "Rule profile: cn-passenger, eu-561, us-fmcsa-passenger, or a profile JSON file (docs/driver-rules.md).") var profile: String = "cn-passenger"
    @Option(help: "Output: text or json.") var format: OutputFormat = .text
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
            let table = try CSVReader().read(path: file)
            let (rs, issues) = RosterCSV.parse(table, zone: prof.zone)
            if !issues.isEmpty { throw InputRejected(issues: issues.map(\.description), what: "the roster was not checked") }
            records = rs
        } else {
            records = try store.with { s in try s.duties(version: file.flatMap { Int($0) }) }
        }
        let engine = RuleEngine(profile: prof)
        let errors = engine.inputErrors(records)
        if !errors.isEmpty {
            throw InputRejected(issues: errors.map { "\(fromPlan ? "plan" : file!):\($0.line): \($0.message)" }, what: "the roster was not checked")
        }
        var violations = engine.violations(records)
        // Where the bus stood (CN-STOP-PLACE): checked when the roster names places and the
        // database's stops are at hand; otherwise said once.
        var placesNote: String? = nil
        if prof.china != nil {
            if !records.contains(where: { $0.place != nil }) {
                placesNote = "places not checked: the roster has no place column"
            } else if fromPlan || store.exists {
                let legal = try store.with { s in Set(try s.loadScenario().stops.map(\.id)) }
                violations = (violations + StopPlaceRule.violations(records, legalPlaces: legal)).sorted { ($0.start, $0.driverID, $0.rule) < ($1.start, $1.driverID, $1.rule) }
            } else {
                placesNote = "places not checked: no database at \(store.db) to name the stops (--db)"
            }
        }
        let drivers = Set(records.map(\.driverID)).count
        say(format == .json ? try RosterReport.json(violations, profile: prof, drivers: drivers)
                            : RosterReport.text(violations, profile: prof, drivers: drivers, records: records.count))
        if let placesNote, format != .json { say("  \(placesNote)") }
        if !violations.isEmpty { throw ExitCode(1) }
    }
}

struct RosterExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored plan's duty records as a roster CSV (the columns `roster check` reads).")
    @Option(name: .customLong("plan"), help: "Plan version (the latest when omitted).") var planVersion: Int?
    @Option(help: ArgumentHelp("Output file (written atomically, mode 0600); standard output when omitted.", valueName: "file")) var out: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let records = try store.with { s in try s.duties(version: planVersion) }
        let text = RosterCSV.write(records, zone: .china)
        if let out {
            try AtomicFile.write(AtomicFile.encode(text, as: .utf8), to: out)
            say("wrote \(records.count) duty records to \(out)")
        } else { print(text, terminator: "") }
    }
}
