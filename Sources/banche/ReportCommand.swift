import ArgumentParser
import BancheCore
import BancheIO
import BancheStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("report.abstract"),
        subcommands: [ReportSeason.self])
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
