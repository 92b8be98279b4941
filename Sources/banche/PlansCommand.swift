import ArgumentParser
import BancheStore
import Foundation

struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "List stored plan versions, or print one version's summary.",
        discussion: "Every `banche plan` run (without --dry-run) is kept as a version; none is overwritten.")

    @Option(help: "Print the stored JSON summary of this version.") var show: Int?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.with { s in
            if let show {
                say(try s.planSummary(version: show).1)
                return
            }
            let versions = try s.planVersions()
            if versions.isEmpty { say("no plans yet; run `banche plan`"); return }
            say("version  created                    direction  dates                   placed  unplaced  trips  bound  bus-km    by")
            for v in versions {
                say([pad("\(v.version)", 8), pad(v.createdAt, 26), pad(v.direction, 10), pad(v.dates, 23), pad("\(v.workersPlaced)", 7),
                     pad("\(v.workersUnplaced)", 9), pad("\(v.trips)", 6), pad("\(v.lowerBoundTrips)", 6), pad(String(format: "%.1f", v.busKm), 9), v.osUser]
                    .joined(separator: " "))
            }
        }
    }

    func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
}
